"""The crown jewel services: nominating and keeping a nomination up to date, a person's
consent to their gift, appreciation in words, reports that hide something until a
moderator looks; and the registry's order, which is never by appreciation."""

from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.gis.geos import Point
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from jewels import selectors, services
from jewels.models import Appreciation, CrownJewel, SignedAs
from jewels.selectors import JewelFilters
from jewels.services import RESERVED_SLUGS
from kompas import access
from kompas.choices import GiftConsent
from moderation.models import Report
from tests.factories import (
    AppreciationFactory,
    CrownJewelFactory,
    InitiativeFactory,
    UserFactory,
    jewel_category,
)

pytestmark = pytest.mark.django_db

GIVER = "gever@example.org"


def data(name="Het dorpshuis", category="gebouw", **extra):
    extra.setdefault("why", "Hier komt het hele dorp samen.")
    return services.JewelData(name=name, category=jewel_category(category), **extra)


def data_of(jewel: CrownJewel, **changes) -> services.JewelData:
    """What the edit form would hold for ``jewel``, with ``changes``."""
    values: dict[str, Any] = {
        "name": jewel.name,
        "category": jewel.category,
        "why": jewel.why,
        "description": jewel.description,
        "kern": jewel.kern,
        "location": jewel.location,
        "photo_description": jewel.photo_description,
        "caretakers": list(jewel.caretakers.all()),
        "person_email": jewel.person_email,
    }
    values.update(changes)
    return services.JewelData(**values)


def consent_link(jewel) -> str:
    return django_settings.KOMPAS_SITE_URL + reverse(
        "jewel_consent", kwargs={"token": jewel.consent_token}
    )


def nominate_gift(nominator, capture, email=GIVER, **extra):
    with capture(execute=True):
        return services.nominate_jewel(
            nominator, data("Tante Riek", "gave-van-mensen", person_email=email, **extra)
        )


def history(jewel):
    return list(jewel.history.order_by("history_date", "history_id"))


# --- Nominating -----------------------------------------------------------------------------


def test_a_resident_nominates_a_jewel_shown_to_everyone(resident, kern, in_english):
    garden = InitiativeFactory(kern=kern)

    jewel = services.nominate_jewel(resident, data(kern=kern, caretakers=[garden]))

    assert jewel.slug == "het-dorpshuis"
    assert jewel.nominated_by == resident
    assert jewel.consent == GiftConsent.NOT_NEEDED
    assert list(jewel.caretakers.all()) == [garden]
    assert access.can_view(AnonymousUser(), jewel)
    # The nomination is one entry in the history, with who and why, and the caretakers.
    [created] = history(jewel)
    assert created.history_type == "+"
    assert created.history_user == resident
    assert created.history_change_reason == "Nominated"
    assert [row.initiative for row in created.caretakers.all()] == [garden]


def test_slugs_are_unique_and_never_a_page_of_the_registry(resident):
    first = services.nominate_jewel(resident, data("Het dorpshuis"))
    second = services.nominate_jewel(resident, data("Het Dorpshuis!"))
    reserved = [services.nominate_jewel(resident, data(word.title())) for word in RESERVED_SLUGS]
    nameless = services.nominate_jewel(resident, data("???"))

    slugs = [first.slug, second.slug, nameless.slug, *(jewel.slug for jewel in reserved)]
    assert len(set(slugs)) == len(slugs)
    assert second.slug == "het-dorpshuis-2"
    assert not set(slugs) & RESERVED_SLUGS
    assert {jewel.slug for jewel in reserved} == {f"{word}-2" for word in RESERVED_SLUGS}
    assert nameless.slug


@pytest.mark.parametrize("role", ["anonymous", "council"])
def test_who_cannot_nominate_gets_permission_denied(make_user, role):
    with pytest.raises(PermissionDenied):
        services.nominate_jewel(make_user(role), data())
    assert not CrownJewel.objects.exists()


def test_a_gift_without_the_persons_email_is_refused(resident):
    with pytest.raises(ValidationError):
        services.nominate_jewel(resident, data("Tante Riek", "gave-van-mensen"))
    with pytest.raises(ValidationError):
        services.nominate_jewel(resident, data("Tante Riek", "gave-van-mensen", person_email=" "))
    assert not CrownJewel.objects.exists()


def test_a_gift_asks_the_person_by_email(resident, django_capture_on_commit_callbacks):
    jewel = nominate_gift(resident, django_capture_on_commit_callbacks, email=" Gever@Example.org ")

    assert jewel.person_email == GIVER
    assert jewel.consent == GiftConsent.ASKED
    assert len(jewel.consent_token) >= 32
    [message] = mail.outbox
    assert message.to == [GIVER]
    assert consent_link(jewel) in message.body
    assert "Tante Riek" in message.body
    assert jewel.why in message.body


def test_a_gift_is_seen_by_the_nominator_and_staff_only_until_the_person_agrees(
    resident, staff, django_capture_on_commit_callbacks
):
    jewel = nominate_gift(resident, django_capture_on_commit_callbacks)
    others = [AnonymousUser(), UserFactory(), UserFactory(council=True)]

    assert all(not access.can_view(user, jewel) for user in others)
    assert access.can_view(resident, jewel)
    assert access.can_view(staff, jewel)
    assert jewel not in selectors.jewel_list(AnonymousUser())


# --- Keeping a nomination up to date ------------------------------------------------------


def test_a_change_is_one_entry_in_the_history(resident, kern, in_english):
    jewel = services.nominate_jewel(resident, data())
    garden, choir = InitiativeFactory(), InitiativeFactory()

    services.update_jewel(
        jewel, resident, data_of(jewel, why="Het hart van het dorp.", caretakers=[garden, choir])
    )
    services.update_jewel(jewel, resident, data_of(jewel, kern=kern, caretakers=[choir]))

    created, first, second = history(jewel)
    assert (created.history_type, first.history_type, second.history_type) == ("+", "~", "~")
    assert first.history_change_reason == second.history_change_reason == "Changed"
    assert first.history_user == second.history_user == resident
    assert first.why == "Het hart van het dorp."
    assert {row.initiative for row in first.caretakers.all()} == {garden, choir}
    assert [row.initiative for row in second.caretakers.all()] == [choir]
    assert second.kern == kern


def test_staff_help_keep_a_nomination_up_to_date(resident, staff):
    jewel = services.nominate_jewel(resident, data())

    services.update_jewel(jewel, staff, data_of(jewel, description="Sinds 1952."))

    jewel.refresh_from_db()
    assert jewel.description == "Sinds 1952."
    assert jewel.history.latest().history_user == staff


@pytest.mark.parametrize("role", ["anonymous", "resident", "council"])
def test_others_cannot_change_a_nomination(resident, make_user, role):
    jewel = services.nominate_jewel(resident, data())

    with pytest.raises(PermissionDenied):
        services.update_jewel(jewel, make_user(role), data_of(jewel, name="Iets anders"))
    jewel.refresh_from_db()
    assert jewel.name == "Het dorpshuis"
    assert jewel.history.count() == 1


def test_a_new_address_asks_again_with_a_new_token(resident, django_capture_on_commit_callbacks):
    jewel = nominate_gift(resident, django_capture_on_commit_callbacks, email="fout@example.org")
    first_token = jewel.consent_token

    with django_capture_on_commit_callbacks(execute=True):
        services.update_jewel(jewel, resident, data_of(jewel, person_email=GIVER))

    jewel.refresh_from_db()
    assert jewel.person_email == GIVER
    assert jewel.consent == GiftConsent.ASKED
    assert jewel.consent_token != first_token
    assert services.jewel_for_consent_token(first_token) is None
    assert [message.to for message in mail.outbox] == [["fout@example.org"], [GIVER]]
    assert consent_link(jewel) in mail.outbox[-1].body


def test_other_changes_to_a_gift_do_not_ask_again(resident, django_capture_on_commit_callbacks):
    jewel = nominate_gift(resident, django_capture_on_commit_callbacks)
    services.answer_gift_consent(jewel, agree=True)
    token = jewel.consent_token

    with django_capture_on_commit_callbacks(execute=True):
        services.update_jewel(
            jewel,
            resident,
            data_of(jewel, why="Zij bakt voor iedereen.", person_email="GEVER@example.org"),
        )

    jewel.refresh_from_db()
    assert jewel.consent == GiftConsent.GIVEN
    assert jewel.consent_token == token
    assert len(mail.outbox) == 1


def test_an_ordinary_jewel_turned_into_a_gift_asks_consent(
    resident, django_capture_on_commit_callbacks
):
    jewel = services.nominate_jewel(resident, data("Meester Jansen", "verhaal"))
    assert access.can_view(AnonymousUser(), jewel)

    with django_capture_on_commit_callbacks(execute=True):
        services.update_jewel(
            jewel,
            resident,
            data_of(jewel, category=jewel_category("gave-van-mensen"), person_email=GIVER),
        )

    jewel.refresh_from_db()
    assert jewel.consent == GiftConsent.ASKED
    assert not access.can_view(AnonymousUser(), jewel)
    [message] = mail.outbox
    assert message.to == [GIVER]
    assert consent_link(jewel) in message.body


def test_an_ordinary_jewel_turned_into_a_gift_needs_the_address(resident):
    jewel = services.nominate_jewel(resident, data("Meester Jansen", "verhaal"))

    with pytest.raises(ValidationError):
        services.update_jewel(
            jewel, resident, data_of(jewel, category=jewel_category("gave-van-mensen"))
        )
    jewel.refresh_from_db()
    assert jewel.consent == GiftConsent.NOT_NEEDED


@pytest.mark.parametrize("answers", [[False], [True, False]])
def test_a_refusal_stands_whatever_the_category(
    resident, staff, answers, django_capture_on_commit_callbacks
):
    jewel = nominate_gift(resident, django_capture_on_commit_callbacks)
    for agree in answers:
        services.answer_gift_consent(jewel, agree=agree)

    for editor in (resident, staff):
        with pytest.raises(ValidationError):
            services.update_jewel(jewel, editor, data_of(jewel, category=jewel_category("verhaal")))
    jewel.refresh_from_db()
    assert jewel.category.slug == "gave-van-mensen"
    assert jewel.consent in (GiftConsent.REFUSED, GiftConsent.WITHDRAWN)
    assert not access.can_view(AnonymousUser(), jewel)


def test_editing_a_refused_gift_does_not_ask_again(resident, django_capture_on_commit_callbacks):
    jewel = nominate_gift(resident, django_capture_on_commit_callbacks)
    services.answer_gift_consent(jewel, agree=False)

    with django_capture_on_commit_callbacks(execute=True):
        services.update_jewel(jewel, resident, data_of(jewel, why="Zij helpt iedereen."))

    jewel.refresh_from_db()
    assert jewel.consent == GiftConsent.REFUSED
    assert len(mail.outbox) == 1
    assert not access.can_view(AnonymousUser(), jewel)


def test_a_consented_gift_may_become_another_category(resident, django_capture_on_commit_callbacks):
    jewel = nominate_gift(resident, django_capture_on_commit_callbacks)
    services.answer_gift_consent(jewel, agree=True)

    services.update_jewel(jewel, resident, data_of(jewel, category=jewel_category("verhaal")))

    jewel.refresh_from_db()
    assert jewel.consent == GiftConsent.NOT_NEEDED
    assert (jewel.person_email, jewel.consent_token) == ("", "")


# --- A gift moved to another category before the person answered -------------------------
# Its words may still describe the person: it stays hidden, as asked, until the person says
# yes or a staff member has looked at it and releases it.

ANNIE = "Annies soep"


def move_gift_before_the_answer(resident, capture, editor=None, category="plek"):
    jewel = nominate_gift(resident, capture, location=Point(6.52, 52.71, srid=4326))
    jewel.name = ANNIE
    jewel.save()
    with capture(execute=True):
        services.update_jewel(
            jewel, editor or resident, data_of(jewel, category=jewel_category(category))
        )
    jewel.refresh_from_db()
    return jewel


def shown_in_public_files(client, jewel) -> dict[str, bool]:
    """Whether ``jewel`` is on the map layer (its point) and in the open data (its name),
    for a visitor."""
    layer = client.get(reverse("layer_jewels")).json()
    shown = {"layer": jewel.pk in {feature["id"] for feature in layer["features"]}}
    for name in ("csv", "geojson"):
        response = client.get(reverse(f"open_data_jewels_{name}"))
        assert response.status_code == 200, name
        body = b"".join(response.streaming_content) if response.streaming else response.content
        shown[name] = ANNIE in body.decode()
    return shown


NOWHERE = {"layer": False, "csv": False, "geojson": False}
EVERYWHERE = {"layer": True, "csv": True, "geojson": True}


@pytest.mark.parametrize("editor", ["nominator", "staff"])
def test_a_gift_moved_before_the_answer_stays_hidden(
    resident, staff, client, editor, django_capture_on_commit_callbacks
):
    by = staff if editor == "staff" else resident
    jewel = move_gift_before_the_answer(resident, django_capture_on_commit_callbacks, editor=by)

    assert jewel.category.slug == "plek"
    assert jewel.consent == GiftConsent.ASKED
    assert jewel.person_email == GIVER
    assert access.waits_for_staff_look(jewel)
    assert not access.can_view(AnonymousUser(), jewel)
    assert jewel not in selectors.jewel_list(AnonymousUser())
    assert access.can_view(resident, jewel)
    assert access.can_view(staff, jewel)
    assert shown_in_public_files(client, jewel) == NOWHERE
    assert len(mail.outbox) == 1  # the person was asked once, when nominated


def test_editing_a_moved_gift_keeps_it_waiting(
    resident, client, django_capture_on_commit_callbacks
):
    jewel = move_gift_before_the_answer(resident, django_capture_on_commit_callbacks)
    token = jewel.consent_token

    services.update_jewel(jewel, resident, data_of(jewel, description="Op het plein."))

    jewel.refresh_from_db()
    assert (jewel.consent, jewel.person_email, jewel.consent_token) == (
        GiftConsent.ASKED,
        GIVER,
        token,
    )
    assert shown_in_public_files(client, jewel) == NOWHERE


def test_a_moved_gift_moved_back_waits_for_the_same_answer(
    resident, django_capture_on_commit_callbacks
):
    jewel = move_gift_before_the_answer(resident, django_capture_on_commit_callbacks)
    token = jewel.consent_token

    with django_capture_on_commit_callbacks(execute=True):
        services.update_jewel(
            jewel, resident, data_of(jewel, category=jewel_category("gave-van-mensen"))
        )

    jewel.refresh_from_db()
    assert (jewel.consent, jewel.consent_token) == (GiftConsent.ASKED, token)
    assert not access.waits_for_staff_look(jewel)
    assert not access.can_view(AnonymousUser(), jewel)
    assert len(mail.outbox) == 1


def test_the_person_may_still_say_yes_to_a_moved_gift(
    resident, client, django_capture_on_commit_callbacks
):
    jewel = move_gift_before_the_answer(resident, django_capture_on_commit_callbacks)

    services.answer_gift_consent(services.jewel_for_consent_token(jewel.consent_token), agree=True)

    jewel.refresh_from_db()
    assert jewel.consent == GiftConsent.GIVEN
    assert access.can_view(AnonymousUser(), jewel)
    assert shown_in_public_files(client, jewel) == EVERYWHERE


def test_the_person_may_still_say_no_to_a_moved_gift(
    resident, staff, client, django_capture_on_commit_callbacks
):
    jewel = move_gift_before_the_answer(resident, django_capture_on_commit_callbacks)

    services.answer_gift_consent(jewel, agree=False)

    jewel.refresh_from_db()
    assert jewel.consent == GiftConsent.REFUSED
    with pytest.raises(PermissionDenied):
        services.release_former_gift(jewel, staff)
    assert shown_in_public_files(client, jewel) == NOWHERE


def test_staff_release_a_moved_gift_after_a_look(
    resident, staff, client, django_capture_on_commit_callbacks, in_english
):
    jewel = move_gift_before_the_answer(resident, django_capture_on_commit_callbacks)
    token = jewel.consent_token
    assert shown_in_public_files(client, jewel) == NOWHERE

    services.release_former_gift(jewel, staff)

    jewel.refresh_from_db()
    assert (jewel.consent, jewel.person_email, jewel.consent_token) == (
        GiftConsent.NOT_NEEDED,
        "",
        "",
    )
    assert services.jewel_for_consent_token(token) is None
    assert access.can_view(AnonymousUser(), jewel)
    assert shown_in_public_files(client, jewel) == EVERYWHERE
    released = jewel.history.latest()
    assert released.history_user == staff
    assert released.history_change_reason == "Looked at by staff: no longer a person's gift"


@pytest.mark.parametrize("role", ["anonymous", "resident", "council"])
def test_only_staff_release_a_moved_gift(
    resident, make_user, role, django_capture_on_commit_callbacks
):
    jewel = move_gift_before_the_answer(resident, django_capture_on_commit_callbacks)

    for user in (make_user(role), resident):
        with pytest.raises(PermissionDenied):
            services.release_former_gift(jewel, user)
    jewel.refresh_from_db()
    assert jewel.consent == GiftConsent.ASKED


def test_staff_cannot_release_a_gift_that_is_still_a_gift(
    resident, staff, django_capture_on_commit_callbacks
):
    jewel = nominate_gift(resident, django_capture_on_commit_callbacks)

    with pytest.raises(PermissionDenied):
        services.release_former_gift(jewel, staff)
    jewel.refresh_from_db()
    assert jewel.consent == GiftConsent.ASKED


# --- The person's answer -------------------------------------------------------------------


def test_the_person_agrees_and_the_gift_is_shown(resident, django_capture_on_commit_callbacks):
    jewel = nominate_gift(resident, django_capture_on_commit_callbacks)
    found = services.jewel_for_consent_token(jewel.consent_token)

    services.answer_gift_consent(found, agree=True)

    jewel.refresh_from_db()
    assert jewel.consent == GiftConsent.GIVEN
    assert jewel.consent_answered_at is not None
    assert access.can_view(AnonymousUser(), jewel)
    assert jewel in selectors.jewel_list(AnonymousUser())
    assert access.can_appreciate(UserFactory(), jewel)
    latest = jewel.history.latest()
    assert latest.history_user is None
    assert latest.consent == GiftConsent.GIVEN


def test_the_person_says_no_and_nobody_else_sees_it(resident, django_capture_on_commit_callbacks):
    jewel = nominate_gift(resident, django_capture_on_commit_callbacks)

    services.answer_gift_consent(jewel, agree=False)

    jewel.refresh_from_db()
    assert jewel.consent == GiftConsent.REFUSED
    assert not access.can_view(AnonymousUser(), jewel)
    assert not access.can_view(UserFactory(), jewel)
    assert access.can_view(resident, jewel)


def test_withdrawing_hides_the_gift_again_at_once(resident, django_capture_on_commit_callbacks):
    jewel = nominate_gift(resident, django_capture_on_commit_callbacks)
    services.answer_gift_consent(jewel, agree=True)
    reader = UserFactory()
    appreciation = services.appreciate_jewel(
        jewel, reader, "Zij is er altijd.", signed_as=SignedAs.KERN, author_kern=None
    )
    assert access.can_view(AnonymousUser(), appreciation)

    services.answer_gift_consent(jewel, agree=False)

    jewel.refresh_from_db()
    assert jewel.consent == GiftConsent.WITHDRAWN
    assert not access.can_view(AnonymousUser(), jewel)
    assert jewel not in selectors.jewel_list(AnonymousUser())
    assert not access.can_view(AnonymousUser(), appreciation)
    assert not access.can_appreciate(reader, jewel)
    # The person can change their mind again through the same link.
    assert services.jewel_for_consent_token(jewel.consent_token) == jewel


def test_a_withdrawn_gift_stays_withdrawn_when_the_link_says_no_again(
    resident, django_capture_on_commit_callbacks
):
    jewel = nominate_gift(resident, django_capture_on_commit_callbacks)
    services.answer_gift_consent(jewel, agree=True)
    services.answer_gift_consent(jewel, agree=False)

    services.answer_gift_consent(jewel, agree=False)

    assert jewel.consent == GiftConsent.WITHDRAWN


def test_the_same_answer_twice_is_one_change(resident, django_capture_on_commit_callbacks):
    jewel = nominate_gift(resident, django_capture_on_commit_callbacks)

    services.answer_gift_consent(jewel, agree=True)
    answered_at = jewel.consent_answered_at
    services.answer_gift_consent(jewel, agree=True)

    assert jewel.history.count() == 2
    jewel.refresh_from_db()
    assert jewel.consent_answered_at == answered_at


def test_an_ordinary_jewel_asks_nobody(resident):
    jewel = services.nominate_jewel(resident, data())

    with pytest.raises(PermissionDenied):
        services.answer_gift_consent(jewel, agree=False)
    assert services.jewel_for_consent_token("") is None


# --- Appreciation ----------------------------------------------------------------------------


def test_an_appreciation_in_words(resident, kern):
    jewel = CrownJewelFactory()

    appreciation = services.appreciate_jewel(
        jewel, resident, "  Hier leerde ik zwemmen.  ", signed_as=SignedAs.NAME, author_kern=kern
    )

    assert appreciation.text == "Hier leerde ik zwemmen."
    assert appreciation.signed_as == SignedAs.NAME
    assert appreciation.author_kern == kern
    assert appreciation.history.get().history_user == resident
    assert list(selectors.jewel_appreciations(AnonymousUser(), jewel)) == [appreciation]


@pytest.mark.parametrize("signed_as", ["", "bogus", None])
def test_an_unknown_way_of_signing_falls_back_to_the_kern(resident, signed_as):
    appreciation = services.appreciate_jewel(
        CrownJewelFactory(), resident, "Mooi.", signed_as=signed_as, author_kern=None
    )

    assert appreciation.signed_as == SignedAs.KERN


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_an_empty_appreciation_is_refused(resident, text):
    with pytest.raises(ValidationError):
        services.appreciate_jewel(
            CrownJewelFactory(), resident, text, signed_as=SignedAs.KERN, author_kern=None
        )
    assert not Appreciation.objects.exists()


def test_a_hidden_jewel_takes_no_appreciation_and_says_why(resident, in_english):
    jewel = CrownJewelFactory(hidden_at=timezone.now())

    with pytest.raises(ValidationError) as refused:
        services.appreciate_jewel(
            jewel, resident, "Mooi.", signed_as=SignedAs.KERN, author_kern=None
        )
    assert "hidden for now" in refused.value.messages[0]
    assert not Appreciation.objects.exists()


def test_the_hidden_message_is_given_in_the_site_language_too(resident):
    """In Dutch (the site's language) the message is the catalogue's text: never empty."""
    jewel = CrownJewelFactory(hidden_at=timezone.now())

    with pytest.raises(ValidationError) as refused:
        services.appreciate_jewel(
            jewel, resident, "Mooi.", signed_as=SignedAs.KERN, author_kern=None
        )
    assert refused.value.messages[0].strip()


@pytest.mark.parametrize("consent", [GiftConsent.ASKED, GiftConsent.REFUSED, GiftConsent.WITHDRAWN])
def test_an_unconsented_gift_takes_no_appreciation(resident, consent):
    jewel = CrownJewelFactory(
        nominated_by=resident,
        category=jewel_category("gave-van-mensen"),
        person_email=GIVER,
        consent=consent,
    )

    # Not even from the nominator, who sees it.
    with pytest.raises(PermissionDenied):
        services.appreciate_jewel(
            jewel, resident, "Mooi.", signed_as=SignedAs.KERN, author_kern=None
        )
    assert not Appreciation.objects.exists()


@pytest.mark.parametrize("user", [None, AnonymousUser()])
def test_an_anonymous_visitor_cannot_appreciate(user):
    with pytest.raises(PermissionDenied):
        services.appreciate_jewel(
            CrownJewelFactory(), user, "Mooi.", signed_as=SignedAs.KERN, author_kern=None
        )
    assert not Appreciation.objects.exists()


# --- Reports -----------------------------------------------------------------------------------


def report(obj, key, user=None, reason=""):
    return services.report(obj, reporter_key=key, user=user, reason=reason)


@pytest.mark.parametrize("kind", ["jewel", "appreciation"])
def test_three_reporters_hide_it_until_a_moderator_looks(kind, in_english):
    jewel = CrownJewelFactory()
    obj = jewel if kind == "jewel" else AppreciationFactory(jewel=jewel)
    model = type(obj)

    assert report(obj, "a") is True
    assert report(obj, "b", user=UserFactory(), reason=" Niet gepast ") is True
    obj.refresh_from_db()
    assert obj.hidden_at is None
    assert report(obj, "c") is True

    obj.refresh_from_db()
    assert obj.hidden_at is not None
    latest = obj.history.latest()
    assert latest.history_change_reason == "Hidden after reports"
    assert latest.hidden_at is not None
    assert not model.objects.visible_to(AnonymousUser()).filter(pk=obj.pk).exists()
    assert not access.can_view(UserFactory(), obj)
    assert access.waits_for_moderator(AnonymousUser(), obj)
    assert Report.objects.filter(object_id=obj.pk, reason="Niet gepast").count() == 1


def test_one_reporter_counts_once(in_english):
    jewel = CrownJewelFactory()

    assert report(jewel, "dezelfde") is True
    assert report(jewel, "dezelfde") is False
    assert report(jewel, "dezelfde") is False
    assert report(jewel, "ander") is True

    jewel.refresh_from_db()
    assert jewel.hidden_at is None
    assert Report.objects.count() == 2


def test_handled_reports_do_not_count():
    jewel = CrownJewelFactory()
    report(jewel, "a")
    report(jewel, "b")
    report(jewel, "c")
    # A moderator looked, handled the reports and showed the jewel again.
    Report.objects.update(handled_at=timezone.now())
    CrownJewel.objects.filter(pk=jewel.pk).update(hidden_at=None)
    jewel.refresh_from_db()

    report(jewel, "d")
    report(jewel, "e")
    jewel.refresh_from_db()
    assert jewel.hidden_at is None

    report(jewel, "f")
    jewel.refresh_from_db()
    assert jewel.hidden_at is not None


@pytest.mark.parametrize("limit", [1, 5])
def test_the_number_of_reports_before_hiding_is_a_setting(settings, limit):
    settings.KOMPAS_REPORTS_BEFORE_HIDING = limit
    jewel = CrownJewelFactory()

    for number in range(limit - 1):
        report(jewel, f"key-{number}")
    jewel.refresh_from_db()
    assert jewel.hidden_at is None

    report(jewel, "last")
    jewel.refresh_from_db()
    assert jewel.hidden_at is not None


@pytest.mark.parametrize("kind", ["jewel", "appreciation", "appreciation under hidden jewel"])
def test_something_hidden_cannot_be_reported_again(kind):
    now = timezone.now()
    if kind == "jewel":
        obj = CrownJewelFactory(hidden_at=now)
    elif kind == "appreciation":
        obj = AppreciationFactory(hidden_at=now)
    else:
        obj = AppreciationFactory(jewel=CrownJewelFactory(hidden_at=now))

    with pytest.raises(PermissionDenied):
        report(obj, "a")
    assert not Report.objects.exists()


def test_an_unconsented_gift_cannot_be_reported_by_those_who_do_not_see_it():
    jewel = CrownJewelFactory(
        category=jewel_category("gave-van-mensen"), person_email=GIVER, consent=GiftConsent.ASKED
    )

    with pytest.raises(PermissionDenied):
        report(jewel, "a")
    with pytest.raises(PermissionDenied):
        report(jewel, "b", user=UserFactory())


@pytest.mark.parametrize("role", ["anonymous", "staff"])
def test_the_layer_changes_when_a_jewel_gets_hidden(make_user, role):
    user = make_user(role)
    jewel = CrownJewelFactory()
    CrownJewelFactory()
    CrownJewel.objects.update(updated_at=timezone.now() - timedelta(hours=1))
    before = selectors.jewels_layer_version(user)

    for key in "abc":
        report(jewel, key)

    assert selectors.jewels_layer_version(user) != before


# --- The registry's order: never by appreciation -------------------------------------------


@pytest.fixture
def registry():
    """Ten jewels whose order by name, by age and by number of appreciations all differ."""
    names = ["Molen", "Bos", "Kerk", "Ijsbaan", "Dorpshuis", "Haven", "Aardappelmarkt",
             "Fanfare", "Schaapskooi", "Carnaval"]  # fmt: skip
    now = timezone.now()
    jewels = []
    for number, name in enumerate(names):
        jewel = CrownJewelFactory(name=name)
        # Newest first is a third order: neither by name nor by appreciations.
        CrownJewel.objects.filter(pk=jewel.pk).update(
            created_at=now - timedelta(days=(number * 7) % 10)
        )
        AppreciationFactory.create_batch((number * 3) % 10, jewel=jewel)
        jewels.append(jewel)
    return jewels


def by_appreciations(jewels, reverse=False):
    counts = {jewel.pk: jewel.appreciations.count() for jewel in jewels}
    return sorted(jewels, key=lambda jewel: counts[jewel.pk], reverse=reverse)


def test_the_registry_is_ordered_by_name(registry):
    jewels = list(selectors.jewel_list(AnonymousUser(), JewelFilters(order="name")))

    assert [jewel.name for jewel in jewels] == sorted(jewel.name for jewel in registry)
    assert jewels not in (by_appreciations(registry), by_appreciations(registry, reverse=True))


def test_an_unknown_order_falls_back_to_the_name(registry):
    jewels = list(selectors.jewel_list(AnonymousUser(), JewelFilters(order="waardering")))

    assert [jewel.name for jewel in jewels] == sorted(jewel.name for jewel in registry)


def test_the_registry_is_ordered_newest_first(registry):
    jewels = list(selectors.jewel_list(AnonymousUser(), JewelFilters(order="newest")))

    for older, newer in zip(jewels[1:], jewels, strict=False):
        assert (newer.created_at, newer.pk) > (older.created_at, older.pk)
    assert jewels not in (by_appreciations(registry), by_appreciations(registry, reverse=True))


def shuffled(seed):
    return list(selectors.jewel_list(AnonymousUser(), JewelFilters(order="shuffled", seed=seed)))


def test_the_shuffle_shows_every_jewel_once_in_the_order_of_its_seed(registry):
    first = shuffled("visit-1")

    assert sorted(jewel.pk for jewel in first) == sorted(jewel.pk for jewel in registry)
    assert shuffled("visit-1") == first
    others = [shuffled(f"visit-{number}") for number in range(2, 6)]
    assert any(other != first for other in others)
    assert all(sorted(j.pk for j in other) == sorted(j.pk for j in first) for other in others)
    assert first not in (by_appreciations(registry), by_appreciations(registry, reverse=True))


def test_a_page_of_the_shuffle_is_a_slice_of_the_same_order(registry):
    jewels = selectors.jewel_list(AnonymousUser(), JewelFilters(order="shuffled", seed="s"))

    assert len(jewels) == jewels.count() == 10
    assert list(jewels[0:4]) + list(jewels[4:10]) == list(jewels[0:10])
    assert jewels[3] == list(jewels[0:10])[3]


def test_no_order_follows_the_appreciations_whatever_they_are(registry):
    """Adding appreciations to the last jewel of every order does not move it."""
    for order in ("name", "newest"):
        filters = JewelFilters(order=order)
        before = list(selectors.jewel_list(AnonymousUser(), filters))
        AppreciationFactory.create_batch(15, jewel=before[-1])
        assert list(selectors.jewel_list(AnonymousUser(), filters)) == before
    filters = JewelFilters(order="shuffled", seed="zaad")
    before = list(selectors.jewel_list(AnonymousUser(), filters))
    AppreciationFactory.create_batch(15, jewel=before[-1])
    assert list(selectors.jewel_list(AnonymousUser(), filters)) == before


def test_the_registry_filters_by_kern_and_category(kern):
    here = CrownJewelFactory(kern=kern, category=jewel_category("natuur"))
    CrownJewelFactory(category=jewel_category("natuur"))
    CrownJewelFactory(kern=kern)

    filters = JewelFilters(kern=kern.slug, category="natuur")
    assert list(selectors.jewel_list(AnonymousUser(), filters)) == [here]
    filters = JewelFilters(kern=kern.slug, category="natuur", order="shuffled", seed="x")
    assert list(selectors.jewel_list(AnonymousUser(), filters)) == [here]


@pytest.mark.parametrize("order", ["name", "newest", "shuffled"])
@pytest.mark.parametrize("role", ["anonymous", "resident", "staff"])
def test_the_list_keeps_a_constant_number_of_queries(
    make_user, django_assert_max_num_queries, order, role
):
    user = make_user(role)
    filters = JewelFilters(order=order, seed="zaad")

    def read():
        return [
            (jewel.name, jewel.category.name, jewel.kern.name if jewel.kern else "")
            for jewel in selectors.jewel_list(user, filters)[:50]
        ]

    for _ in range(3):
        AppreciationFactory(jewel=CrownJewelFactory())
    with django_assert_max_num_queries(3) as few:
        assert len(read()) == 3
    for _ in range(20):
        AppreciationFactory.create_batch(2, jewel=CrownJewelFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(read()) == 23
