"""Moderation: the queue of reported crown jewels and appreciations in /beheer/, the
moderator's decision with a reason, and the author told why by email."""

from itertools import count as numbers

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone, translation

from jewels import services as jewels_services
from jewels.models import Appreciation, CrownJewel
from kompas.choices import GiftConsent
from moderation import services as moderation_services
from moderation.models import ModerationDecision, Report
from tests.factories import AppreciationFactory, CrownJewelFactory, UserFactory, jewel_category

pytestmark = pytest.mark.django_db

QUEUE = "admin:moderation_report_moderation"
# Each report comes from someone else: one person reports a thing once.
REPORTERS = numbers()


def report_by(item, count: int, *reasons: str) -> None:
    """``count`` different people report ``item``, the first ones giving ``reasons``."""
    for number in range(count):
        reason = reasons[number] if number < len(reasons) else ""
        key = f"bezoeker-{next(REPORTERS)}"
        jewels_services.report(item, reporter_key=key, user=None, reason=reason)
    item.refresh_from_db()


def hidden_jewel(**fields) -> CrownJewel:
    jewel = CrownJewelFactory(**fields)
    reasons = ("Reclame voor een bedrijf", "Klopt niet")
    report_by(jewel, settings.KOMPAS_REPORTS_BEFORE_HIDING, *reasons)
    assert jewel.hidden_at is not None
    return jewel


def decide(client, item, decision: str, reason: str):
    key = f"{item._meta.model_name}-{item.pk}"
    return client.post(
        reverse(QUEUE),
        {"item": key, f"{key}-decision": decision, f"{key}-reason": reason},
    )


def dutch_date(day) -> str:
    with translation.override("nl"):
        return formats.date_format(day, "j F Y")


# --- The queue --------------------------------------------------------------------------


def test_the_queue_shows_hidden_items_first_with_the_reasons(admin_client, in_english):
    reported = CrownJewelFactory(name="Oude molen")
    report_by(reported, 1, "Dubbel")
    hidden = hidden_jewel(name="Dorpshuis De Schakel")
    appreciation = AppreciationFactory(text="Een plek om nooit te vergeten")
    report_by(appreciation, settings.KOMPAS_REPORTS_BEFORE_HIDING, "Scheldwoorden")

    response = admin_client.get(reverse(QUEUE))

    assert response.status_code == 200
    page = response.content.decode()
    queue = response.context["queue"]
    assert [entry.item for entry in queue][-1] == reported
    assert {entry.item for entry in queue[:2]} == {hidden, appreciation}
    for text in (
        "Dorpshuis De Schakel",
        "Reclame voor een bedrijf",
        "Klopt niet",
        "Een plek om nooit te vergeten",
        "Scheldwoorden",
        "Oude molen",
        "Dubbel",
        f"{settings.KOMPAS_REPORTS_BEFORE_HIDING} reports, since",
        "1 report, since",
        hidden.get_absolute_url(),
        reverse("admin:jewels_crownjewel_change", args=[hidden.pk]),
        appreciation.jewel.get_absolute_url() + "#waarderingen",
    ):
        assert text in page, text
    assert page.index("Dorpshuis De Schakel") < page.index("Oude molen")


def test_the_queue_lists_former_gifts_waiting_for_a_look(admin_client, admin_user, in_english):
    """A gift moved to another category before its person answered: staff release it on
    its own page once they have looked."""
    gift = {"person_email": "annie@example.org", "consent": GiftConsent.ASKED}
    moved = CrownJewelFactory(name="De soep van Annie", category=jewel_category("plek"), **gift)
    CrownJewelFactory(name="Nog een gave", category=jewel_category("gave-van-mensen"), **gift)

    page = admin_client.get(reverse(QUEUE)).content.decode()

    assert "Former gifts, waiting for a look" in page
    assert moved.get_absolute_url() in page
    assert "Nog een gave" not in page  # still a gift: it waits for its person alone
    jewels_services.release_former_gift(moved, admin_user)
    page = admin_client.get(reverse(QUEUE)).content.decode()
    assert moved.get_absolute_url() not in page
    assert "No former gift is waiting." in page


def test_the_queue_leaves_out_what_was_decided(admin_client, admin_user):
    jewel = hidden_jewel(name="Beslist juweel")
    moderation_services.restore(jewel, admin_user, "Niets mis mee")

    response = admin_client.get(reverse(QUEUE))

    assert response.context["queue"] == []
    handled = response.context["handled"]
    assert [entry.item for entry in handled] == [jewel]
    page = response.content.decode()
    assert "Niets mis mee" in page
    assert "Beslist juweel" in page


def test_the_queue_keeps_a_constant_number_of_queries(admin_client, admin_user):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(reverse(QUEUE)).status_code == 200
        return len(queries)

    hidden_jewel()
    report_by(AppreciationFactory(), 1, "Niet netjes")
    moderation_services.keep_hidden(hidden_jewel(), admin_user, "Reclame")
    count_queries()  # the first request of a session fills caches (content types)
    few = count_queries()

    for _number in range(4):
        hidden_jewel()
        report_by(AppreciationFactory(), settings.KOMPAS_REPORTS_BEFORE_HIDING, "Grof")
        moderation_services.restore(hidden_jewel(), admin_user, "Het mag blijven")
        moderation_services.keep_hidden(AppreciationFactory(), admin_user, "Grof")
    assert count_queries() == few


@pytest.mark.parametrize("role", ["anonymous", "resident", "council", "staff"])
def test_only_administrators_reach_the_queue(client_as, role):
    hidden_jewel()
    client = client_as(role)

    response = client.get(reverse(QUEUE))

    assert response.status_code == 302
    assert "/beheer/login/" in response["Location"]
    decided = decide(client, Report.objects.first().reported, ModerationDecision.RESTORED, "ok")
    assert decided.status_code == 302
    assert not Report.objects.filter(handled_at__isnull=False).exists()


def test_an_administrator_without_authenticator_sets_one_up_first(client_as):
    client = client_as("admin")
    response = client.get(reverse(QUEUE))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_the_reports_admin_and_the_index_link_to_the_queue(admin_client):
    for page in ("admin:index", "admin:moderation_report_changelist"):
        response = admin_client.get(reverse(page))
        assert reverse(QUEUE) in response.content.decode(), page


# --- Deciding ---------------------------------------------------------------------------


def test_restoring_shows_it_again_and_tells_the_author_in_dutch(
    admin_client, admin_user, mailoutbox
):
    author = UserFactory(name="Jannie de Vries", email="jannie@example.org")
    jewel = hidden_jewel(name="Het Wilhelminapark", nominated_by=author)

    response = decide(
        admin_client, jewel, ModerationDecision.RESTORED, "Er staat niets onaardigs in."
    )

    assert response.status_code == 302
    assert response["Location"] == reverse(QUEUE)
    jewel.refresh_from_db()
    assert jewel.hidden_at is None
    reports = Report.objects.filter(object_id=jewel.pk)
    assert reports.count() == settings.KOMPAS_REPORTS_BEFORE_HIDING
    for report in reports:
        assert report.handled_at is not None
        assert report.handled_by == admin_user
        assert report.decision == ModerationDecision.RESTORED
        assert report.decision_reason == "Er staat niets onaardigs in."
    latest = jewel.history.latest()
    assert latest.history_user == admin_user
    assert latest.hidden_at is None
    assert latest.prev_record.hidden_at is not None

    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["jannie@example.org"]
    assert "Het Wilhelminapark" in email.subject
    assert "Er staat niets onaardigs in." in email.body
    assert "Jannie de Vries" in email.body
    assert settings.KOMPAS_SITE_URL + jewel.get_absolute_url() in email.body
    # Written in Dutch whatever language the moderator uses: the date says so.
    assert dutch_date(timezone.localdate()) in email.body


def test_keeping_hidden_hides_what_was_still_shown(admin_client, admin_user, mailoutbox):
    appreciation = AppreciationFactory(text="Wat een sukkels daar")
    report_by(appreciation, 1, "Beledigend")
    assert appreciation.hidden_at is None

    response = decide(
        admin_client, appreciation, ModerationDecision.KEPT_HIDDEN, "Dit is beledigend."
    )

    assert response.status_code == 302
    appreciation.refresh_from_db()
    assert appreciation.hidden_at is not None
    report = Report.objects.get(object_id=appreciation.pk)
    assert report.decision == ModerationDecision.KEPT_HIDDEN
    assert report.decision_reason == "Dit is beledigend."
    assert appreciation.history.latest().history_user == admin_user
    assert not Appreciation.objects.visible_to(UserFactory()).filter(pk=appreciation.pk).exists()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [appreciation.author.email]
    assert "Dit is beledigend." in mailoutbox[0].body
    assert "Wat een sukkels daar" in mailoutbox[0].body
    # A hidden item is not linked to: the author could not see it anyway.
    assert appreciation.jewel.get_absolute_url() not in mailoutbox[0].body


def test_keeping_hidden_what_is_hidden_records_the_decision_in_history(admin_user):
    jewel = hidden_jewel()
    hidden_at = jewel.hidden_at
    entries = jewel.history.count()

    handled = moderation_services.keep_hidden(jewel, admin_user, "Reclame")

    assert handled == settings.KOMPAS_REPORTS_BEFORE_HIDING
    jewel.refresh_from_db()
    assert jewel.hidden_at == hidden_at
    assert jewel.history.count() == entries + 1
    assert jewel.history.latest().history_user == admin_user


def test_a_missing_author_is_fine(admin_client, mailoutbox):
    jewel = hidden_jewel(nominated_by=None)
    appreciation = AppreciationFactory(author=None)
    report_by(appreciation, settings.KOMPAS_REPORTS_BEFORE_HIDING)

    assert admin_client.get(reverse(QUEUE)).status_code == 200
    for item in (jewel, appreciation):
        response = decide(admin_client, item, ModerationDecision.RESTORED, "Mag blijven.")
        assert response.status_code == 302
        item.refresh_from_db()
        assert item.hidden_at is None
    assert mailoutbox == []


def test_an_account_deleted_after_deciding_sends_nothing(admin_user, mailoutbox):
    from moderation.tasks import tell_author_about_moderation

    jewel = hidden_jewel()
    jewel.nominated_by.delete()
    jewel.refresh_from_db()

    result = tell_author_about_moderation.call(
        "jewels.crownjewel", jewel.pk, ModerationDecision.RESTORED, "Mag blijven."
    )

    assert result == 0
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("decision", "reason", "message"),
    [
        (ModerationDecision.RESTORED, "", "Say why, in a few plain words"),
        (ModerationDecision.RESTORED, "   ", "Say why, in a few plain words"),
        ("", "Een reden die bewaard blijft", "Choose whether to show it again"),
        ("verwijderen", "Een reden die bewaard blijft", "Choose whether to show it again"),
        (ModerationDecision.RESTORED, "x" * 2_001, "Keep the reason under"),
    ],
)
def test_bad_input_keeps_what_was_typed(admin_client, in_english, decision, reason, message):
    jewel = hidden_jewel()

    response = decide(admin_client, jewel, decision, reason)

    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    if reason.strip():
        assert reason in page
    form = response.context["queue"][0].form
    assert form.is_bound
    assert form["decision"].value() == decision
    if decision == ModerationDecision.RESTORED:
        assert "checked" in str(form["decision"])
    jewel.refresh_from_db()
    assert jewel.hidden_at is not None
    assert not Report.objects.filter(handled_at__isnull=False).exists()


def test_a_decision_about_something_no_longer_in_the_queue_is_not_made_twice(
    admin_client, admin_user, mailoutbox
):
    jewel = hidden_jewel()
    moderation_services.restore(jewel, admin_user, "Eerste besluit")
    mailoutbox.clear()

    response = decide(admin_client, jewel, ModerationDecision.KEPT_HIDDEN, "Tweede besluit")

    assert response.status_code == 302
    jewel.refresh_from_db()
    assert jewel.hidden_at is None
    assert mailoutbox == []
    assert not Report.objects.filter(decision_reason="Tweede besluit").exists()


# --- The services -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ["resident", "staff", "council"])
def test_only_administrators_moderate(make_user, role):
    jewel = hidden_jewel()
    with pytest.raises(PermissionDenied):
        moderation_services.restore(jewel, make_user(role), "Mag blijven")
    jewel.refresh_from_db()
    assert jewel.hidden_at is not None


def test_a_decision_needs_a_reason(admin_user):
    jewel = hidden_jewel()
    with pytest.raises(ValidationError):
        moderation_services.keep_hidden(jewel, admin_user, "  ")
    assert not Report.objects.filter(handled_at__isnull=False).exists()


def test_reports_after_a_decision_start_counting_again(admin_user):
    jewel = hidden_jewel()
    moderation_services.restore(jewel, admin_user, "Mag blijven")

    report_by(jewel, 1, "Nog steeds niet goed")

    jewel.refresh_from_db()
    assert jewel.hidden_at is None
    assert Report.objects.filter(object_id=jewel.pk, handled_at__isnull=True).count() == 1


def test_hiding_is_decided_in_the_queue_only(admin_client):
    jewel = hidden_jewel()
    AppreciationFactory(jewel=jewel)

    response = admin_client.get(reverse("admin:jewels_crownjewel_change", args=[jewel.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="hidden_at' not in page
    assert 'name="appreciations-0-hidden_at' not in page
