"""The crown jewel pages: the registry, nominating, a jewel's page with appreciations, a
person's consent to their gift, reports, changes and the history.

Messages are checked through their English text (the language cookie set to English).
"""

import html
import random
import re
from io import BytesIO

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail
from django.test import Client
from django.urls import reverse
from PIL import ExifTags, Image

from jewels import services
from jewels.models import Appreciation, CrownJewel, SignedAs
from kompas.choices import GiftConsent, InitiativeStatus
from moderation.models import Report
from tests.factories import (
    AppreciationFactory,
    CrownJewelFactory,
    InitiativeFactory,
    KernFactory,
    MembershipFactory,
    UserFactory,
    jewel_category,
)
from tests.photos import phone_jpeg, upload

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
LIST = reverse("jewel_list")
CREATE = reverse("jewel_create")


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def page(response) -> str:
    return response.content.decode()


def text_of(response) -> str:
    """What a reader sees: the page without its tags, attributes and scripts."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page(response), flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def signed_in(role="resident", **traits):
    user = UserFactory(**({role: True} if role != "resident" else {}), **traits)
    client = english(Client())
    client.force_login(user)
    return client, user


def nomination(place, **overrides):
    data = {
        "name": "Het Dorpshuis",
        "category": "gebouw",
        "person_email": "",
        "why": "Hier komt het hele dorp samen, van kaartclub tot kerstmarkt.",
        "description": "Sinds 1972 aan de Brink.",
        "kern": place.slug,
        "latitude": "",
        "longitude": "",
        "photo_description": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def kern():
    return KernFactory(name="Aldeburen")


# --- The registry -----------------------------------------------------------------------


def test_the_registry_shows_cards_with_kind_place_and_why(client, kern):
    CrownJewelFactory(name="De Lindeboom", kern=kern, why="Al driehonderd jaar de plek.")
    CrownJewelFactory(
        name="Gave van Annie",
        category=jewel_category("gave-van-mensen"),
        consent=GiftConsent.ASKED,
        person_email="annie@example.org",
    )

    response = english(client).get(LIST)

    assert response.status_code == 200
    content = page(response)
    assert "De Lindeboom" in content
    assert "Aldeburen" in content
    assert "Al driehonderd jaar de plek." in content
    assert "Gave van Annie" not in content
    assert 'href="/kroonjuwelen/nieuw/"' in content
    assert 'href="/kroonjuwelen/"' in content  # in the navigation for everyone


def test_the_registry_filters_by_kern_and_kind_without_javascript(client, kern):
    CrownJewelFactory(name="De Lindeboom", kern=kern, category=jewel_category("natuur"))
    CrownJewelFactory(name="De Molen", kern=KernFactory(name="Veldwijk"))

    by_kern = page(client.get(LIST, {"kern": kern.slug}))
    by_kind = page(client.get(LIST, {"categorie": "natuur"}))

    assert "De Lindeboom" in by_kern and "De Molen" not in by_kern
    assert "De Lindeboom" in by_kind and "De Molen" not in by_kind


@pytest.mark.parametrize("role", ["resident", "staff", "council"])
def test_the_nominate_button_is_offered_to_those_who_may_nominate(client_as, role):
    content = page(english(client_as(role)).get(LIST))

    assert ("Nominate a crown jewel" in content) is (role != "council")


def test_an_anonymous_visitor_is_sent_to_sign_in_to_nominate(client):
    response = client.get(CREATE)

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_council_member_may_not_nominate(client_as):
    assert client_as("council").get(CREATE).status_code == 403


# --- Never ordered by appreciation ------------------------------------------------------


def jewels_with_appreciations():
    """Three jewels whose order by name, by newest and by number of appreciations all
    differ; returns them oldest first."""
    kern = KernFactory(name="Aldeburen")
    made = []
    for name, appreciations in (("Bakkerij", 5), ("Carnaval", 0), ("Afslag", 3)):
        jewel = CrownJewelFactory(name=name, kern=kern)
        AppreciationFactory.create_batch(appreciations, jewel=jewel, text="Mooi.")
        made.append(jewel)
    return made


def listed_slugs(response) -> list[str]:
    return re.findall(
        r'kompas-result__name">\s*<a class="utrecht-link" href="/kroonjuwelen/([^/"]+)/"',
        page(response),
    )


def by_appreciations(jewels):
    return [jewel.slug for jewel in sorted(jewels, key=lambda jewel: -jewel.appreciations.count())]


def test_the_order_by_name_is_by_name_never_by_appreciation(client):
    jewels = jewels_with_appreciations()

    order = listed_slugs(client.get(LIST, {"volgorde": "naam"}))

    assert order == ["afslag", "bakkerij", "carnaval"]
    assert order not in by_appreciations(jewels)
    assert listed_slugs(client.get(LIST)) == order


def test_the_order_by_newest_is_by_nomination_never_by_appreciation(client):
    jewels = jewels_with_appreciations()

    order = listed_slugs(client.get(LIST, {"volgorde": "nieuw"}))

    assert order == [jewel.slug for jewel in reversed(jewels)]
    assert order not in by_appreciations(jewels)


def test_the_surprise_order_is_the_seeds_shuffle_never_by_appreciation(client):
    jewels = jewels_with_appreciations()
    slugs = {jewel.pk: jewel.slug for jewel in jewels}
    counted = by_appreciations(jewels)

    def shuffled(seed):
        ids = sorted(slugs)
        random.Random(seed).shuffle(ids)
        return [slugs[pk] for pk in ids]

    # A seed whose shuffle differs from every order by count, so the test tells them apart.
    seed = next(f"s{n}" for n in range(100) if shuffled(f"s{n}") not in counted)

    order = listed_slugs(client.get(LIST, {"volgorde": "verrassing", "schud": seed}))

    assert order == shuffled(seed)
    assert order not in counted


def test_no_order_by_appreciation_is_offered(client):
    content = page(english(client).get(LIST))

    options = re.findall(r'<option value="([^"]*)"', content.split('name="volgorde"')[1])
    assert options[:3] == ["naam", "nieuw", "verrassing"]
    assert len(options) >= 3


def test_no_page_shows_a_number_of_appreciations(client_as, kern):
    jewel = CrownJewelFactory(name="De Lindeboom", kern=kern)
    other = CrownJewelFactory(name="De Molen", kern=kern)
    AppreciationFactory.create_batch(7, jewel=jewel, text="Prachtig.")
    AppreciationFactory.create_batch(13, jewel=other, text="Mooi.")
    client = english(client_as("resident"))

    listing = text_of(client.get(LIST))
    detail = text_of(client.get(jewel.get_absolute_url()))

    assert not re.search(r"\b(7|13|20)\b", listing)
    assert "appreciations" not in listing.lower()
    assert not re.search(r"\b7\s+\w*\s*appreciation", detail, flags=re.I)
    assert detail.count("Prachtig.") == 7


def test_the_registry_keeps_a_constant_number_of_queries(
    client, kern, django_assert_max_num_queries
):
    def count_for(number):
        CrownJewel.objects.all().delete()
        for index in range(number):
            CrownJewelFactory(name=f"Juweel {index:02}", kern=kern)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST, {"volgorde": "verrassing", "schud": "x"}).status_code == 200
        with CaptureQueriesContext(connection) as named:
            assert client.get(LIST).status_code == 200
        return len(queries), len(named)

    few = count_for(3)
    many = count_for(30)

    assert few == many
    with django_assert_max_num_queries(8):
        client.get(LIST)


def test_a_shuffle_shows_every_jewel_once_across_the_pages(client, kern):
    for index in range(30):
        CrownJewelFactory(name=f"Juweel {index:02}", kern=kern)

    first = client.get(LIST, {"volgorde": "verrassing"})
    assert first.status_code == 302
    assert "schud=" in first["Location"]
    page_one = client.get(first["Location"])
    next_link = html.unescape(
        re.search(r'href="([^"]+)"\s*>[^<]*</a>\s*</nav>', page(page_one)).group(1)
    )
    page_two = client.get(LIST + next_link if next_link.startswith("?") else next_link)

    seen = listed_slugs(page_one) + listed_slugs(page_two)
    assert len(listed_slugs(page_one)) == 24
    assert sorted(seen) == sorted(CrownJewel.objects.values_list("slug", flat=True))
    assert len(set(seen)) == 30


# --- Nominating -------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["resident", "staff"])
def test_residents_and_staff_nominate_a_crown_jewel(role, kern):
    client, user = signed_in(role)

    response = client.post(CREATE, nomination(kern), follow=True)

    jewel = CrownJewel.objects.get()
    assert response.redirect_chain[-1][0] == jewel.get_absolute_url()
    assert jewel.nominated_by == user
    assert jewel.kern == kern
    assert jewel.category.slug == "gebouw"
    assert jewel.consent == GiftConsent.NOT_NEEDED
    assert "The crown jewel is in the registry" in page(response)
    assert "Hier komt het hele dorp samen" in page(response)


def test_a_photo_is_stored_without_location_data_and_resized(settings, kern):
    settings.KOMPAS_PHOTO_MAX_SIDE = 200
    original = phone_jpeg(size=(800, 600))
    assert Image.open(BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    client, _user = signed_in()

    response = client.post(
        CREATE,
        nomination(kern, photo=upload(original), photo_description="Het dorpshuis in de zon"),
    )

    assert response.status_code == 302
    jewel = CrownJewel.objects.get()
    with jewel.photo.open("rb") as stored, Image.open(stored) as image:
        assert max(image.size) == 200
        assert not image.getexif()
        assert "exif" not in image.info
    detail = page(client.get(jewel.get_absolute_url()))
    assert 'alt="Het dorpshuis in de zon"' in detail
    assert 'width="200"' in detail and 'height="150"' in detail


def test_a_small_photo_keeps_its_size_and_loses_its_metadata(kern):
    client, _user = signed_in()

    client.post(CREATE, nomination(kern, photo=upload(phone_jpeg(size=(120, 90)))))

    with CrownJewel.objects.get().photo.open("rb") as stored, Image.open(stored) as image:
        assert image.size == (120, 90)
        assert not image.getexif()


def test_the_photo_field_says_metadata_is_removed_and_the_limit(settings):
    settings.KOMPAS_PHOTO_MAX_BYTES = 5 * 1024 * 1024
    client, _user = signed_in()

    content = page(client.get(CREATE))

    assert 'accept="image/*"' in content
    assert 'enctype="multipart/form-data"' in content
    assert "at most 5 MB" in content
    assert "location and camera data" in content


def test_a_nomination_without_a_reason_keeps_what_was_typed(kern):
    client, _user = signed_in()

    response = client.post(CREATE, nomination(kern, why="", name=SCRIPT))

    assert response.status_code == 200
    content = page(response)
    assert "Tell why it matters to the community." in content
    assert html.escape(SCRIPT) in content or "&lt;script&gt;" in content
    assert SCRIPT not in content
    assert "Sinds 1972 aan de Brink." in content
    assert not CrownJewel.objects.exists()


def test_a_text_file_named_like_a_photo_is_refused_and_the_rest_kept(kern):
    client, _user = signed_in()

    response = client.post(
        CREATE, nomination(kern, photo=upload(b"dit is geen foto", name="foto.jpg"))
    )

    assert response.status_code == 200
    content = page(response)
    assert "This file is not a photo we can show" in content
    assert "Het Dorpshuis" in content
    assert not CrownJewel.objects.exists()


def test_a_photo_over_the_limit_is_refused(settings, kern):
    settings.KOMPAS_PHOTO_MAX_BYTES = 1_000
    client, _user = signed_in()

    response = client.post(CREATE, nomination(kern, photo=upload(phone_jpeg(size=(400, 300)))))

    assert response.status_code == 200
    assert "Choose a smaller photo" in page(response)
    assert "Het Dorpshuis" in page(response)
    assert not CrownJewel.objects.exists()


def test_a_good_photo_with_another_mistake_asks_to_choose_the_photo_again(kern):
    client, _user = signed_in()

    response = client.post(CREATE, nomination(kern, why="", photo=upload(phone_jpeg())))

    assert response.status_code == 200
    assert "Choose the photo again" in page(response)


def test_a_nomination_needs_a_kern_and_a_known_kind(kern):
    client, _user = signed_in()

    response = client.post(CREATE, nomination(kern, kern="", category="bestaat-niet"))

    assert response.status_code == 200
    content = page(response)
    assert "Choose the village or district it belongs to." in content
    assert "Choose one of the kinds in the list." in content


def test_script_in_a_nomination_is_shown_as_text(kern):
    client, _user = signed_in()

    client.post(CREATE, nomination(kern, name="Dorpshuis " + SCRIPT, why=SCRIPT))

    content = page(client.get(CrownJewel.objects.get().get_absolute_url()))
    assert SCRIPT not in content
    assert "&lt;script&gt;" in content


def test_the_caretakers_offered_are_the_nominators_own_initiatives_and_the_one_passed(kern):
    client, user = signed_in()
    own = InitiativeFactory(name="Dorpshuisvereniging", status=InitiativeStatus.KNOWN, kern=kern)
    MembershipFactory(initiative=own, user=user)
    passed = InitiativeFactory(name="Kaartclub", status=InitiativeStatus.PUBLIC, kern=kern)
    InitiativeFactory(name="Andermans club", status=InitiativeStatus.PUBLIC, kern=kern)
    tip = InitiativeFactory(name="Een tip", status=InitiativeStatus.TIP, kern=kern)

    content = page(client.get(CREATE, {"initiatief": passed.slug}))
    response = client.post(
        f"{CREATE}?initiatief={passed.slug}",
        nomination(kern, caretakers=[str(own.pk), str(passed.pk)]),
    )
    hidden_tip = page(client.get(CREATE, {"initiatief": tip.slug}))

    assert "Dorpshuisvereniging" in content and "Kaartclub" in content
    assert "Andermans club" not in content
    assert "Een tip" not in hidden_tip
    assert response.status_code == 302
    assert set(CrownJewel.objects.get().caretakers.all()) == {own, passed}


def test_the_caretakers_shown_are_only_those_the_viewer_may_see(client, kern):
    jewel = CrownJewelFactory(name="De Molen", kern=kern)
    jewel.caretakers.set(
        [
            InitiativeFactory(name="Molenaars", status=InitiativeStatus.PUBLIC),
            InitiativeFactory(name="Een tip", status=InitiativeStatus.TIP),
        ]
    )

    content = page(client.get(jewel.get_absolute_url()))

    assert "Molenaars" in content
    assert "Een tip" not in content


# --- A person's gift --------------------------------------------------------------------


def test_a_gift_is_seen_by_nobody_else_until_the_person_agrees(
    kern, django_capture_on_commit_callbacks
):
    client, nominator = signed_in()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            CREATE,
            nomination(
                kern,
                name="De soep van Annie",
                category="gave-van-mensen",
                person_email="Annie@Example.org",
            ),
            follow=True,
        )

    jewel = CrownJewel.objects.get()
    assert jewel.consent == GiftConsent.ASKED
    assert "we asked annie@example.org by email" in page(response).lower()
    assert "annie@example.org" in page(response)  # the consent box for the nominator
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["annie@example.org"]
    consent_url = reverse("jewel_consent", kwargs={"token": jewel.consent_token})
    assert consent_url in mail.outbox[0].body

    other, _ = signed_in()
    anonymous = english(Client())
    staff, _ = signed_in("staff")
    assert other.get(jewel.get_absolute_url()).status_code == 404
    assert anonymous.get(jewel.get_absolute_url()).status_code == 404
    assert "De soep van Annie" not in page(anonymous.get(LIST))
    assert staff.get(jewel.get_absolute_url()).status_code == 200

    person = english(Client())
    asked = person.get(consent_url)
    assert asked.status_code == 200
    assert '<meta name="robots" content="noindex">' in page(asked)
    assert "no-store" in asked["Cache-Control"] and "private" in asked["Cache-Control"]
    assert nominator.name in page(asked)
    assert "Hier komt het hele dorp samen" in page(asked)

    person.post(consent_url, {"answer": "yes"})
    assert anonymous.get(jewel.get_absolute_url()).status_code == 200
    assert "De soep van Annie" in page(anonymous.get(LIST))
    assert "Withdraw my consent" in page(person.get(consent_url))

    person.post(consent_url, {"answer": "no"})
    jewel.refresh_from_db()
    assert jewel.consent == GiftConsent.WITHDRAWN
    assert anonymous.get(jewel.get_absolute_url()).status_code == 404
    assert "De soep van Annie" not in page(anonymous.get(LIST))


def test_refusing_keeps_a_gift_hidden_and_offers_yes_after_all(kern):
    jewel = services.nominate_jewel(
        UserFactory(),
        services.JewelData(
            name="De soep van Annie",
            category=jewel_category("gave-van-mensen"),
            why="Elke week soep.",
            kern=kern,
            person_email="annie@example.org",
        ),
    )
    person = english(Client())
    url = reverse("jewel_consent", kwargs={"token": jewel.consent_token})

    person.post(url, {"answer": "no"})

    jewel.refresh_from_db()
    assert jewel.consent == GiftConsent.REFUSED
    assert english(Client()).get(jewel.get_absolute_url()).status_code == 404
    assert "Yes, I agree after all" in page(person.get(url))


def test_an_unknown_consent_link_does_not_exist(client):
    url = reverse("jewel_consent", kwargs={"token": "geen-echte-sleutel"})

    assert client.get(url).status_code == 404


def test_a_consent_answer_that_is_neither_yes_nor_no_is_asked_again(kern):
    jewel = CrownJewelFactory(
        category=jewel_category("gave-van-mensen"),
        consent=GiftConsent.ASKED,
        person_email="annie@example.org",
        consent_token="sleutel",
    )

    response = english(Client()).post(
        reverse("jewel_consent", kwargs={"token": "sleutel"}), {"answer": "misschien"}
    )

    assert response.status_code == 200
    assert "Choose yes or no." in page(response)
    jewel.refresh_from_db()
    assert jewel.consent == GiftConsent.ASKED


def test_a_gift_without_the_persons_address_is_not_saved(kern):
    client, _user = signed_in()

    response = client.post(CREATE, nomination(kern, category="gave-van-mensen"))

    assert response.status_code == 200
    assert "give their email address" in page(response)
    assert "Het Dorpshuis" in page(response)
    assert not CrownJewel.objects.exists()


# --- Appreciation -----------------------------------------------------------------------


def appreciate(client, jewel, **overrides):
    data = {
        "waardering-text": "Hier leerde ik dansen.",
        "waardering-signed_as": SignedAs.KERN,
        "waardering-author_kern": jewel.kern.slug,
    }
    data.update(overrides)
    return client.post(reverse("jewel_appreciate", kwargs={"slug": jewel.slug}), data)


def test_a_resident_adds_words_shown_as_a_resident_of_their_kern(kern):
    jewel = CrownJewelFactory(name="Het Dorpshuis", kern=kern)
    client, user = signed_in()

    response = appreciate(client, jewel)

    assert response.status_code == 302
    appreciation = Appreciation.objects.get()
    assert appreciation.author == user
    content = page(client.get(jewel.get_absolute_url()))
    assert "Hier leerde ik dansen." in content
    assert "— a resident of Aldeburen" in content
    assert user.name not in content.split('id="waarderingen"')[1]


def test_an_appreciation_may_be_signed_with_a_name(kern):
    jewel = CrownJewelFactory(name="Het Dorpshuis", kern=kern)
    client, _user = signed_in(name="Mieke de Vries")

    appreciate(client, jewel, **{"waardering-signed_as": SignedAs.NAME})

    assert "— Mieke de Vries" in page(client.get(jewel.get_absolute_url()))


def test_anonymous_visitors_are_invited_to_sign_in_to_appreciate(client, kern):
    jewel = CrownJewelFactory(name="Het Dorpshuis", kern=kern)

    content = page(english(client).get(jewel.get_absolute_url()))

    assert "Sign in to add your appreciation" in content
    assert f"?next={jewel.get_absolute_url()}" in content
    assert "waardering-text" not in content


def test_an_appreciation_without_words_keeps_the_form(kern):
    jewel = CrownJewelFactory(name="Het Dorpshuis", kern=kern)
    client, _user = signed_in()

    response = appreciate(client, jewel, **{"waardering-text": "   "})

    assert response.status_code == 200
    assert "Write a few words on what it means to you." in page(response)
    assert not Appreciation.objects.exists()


def test_script_in_an_appreciation_is_kept_as_typed_and_shown_as_text(kern):
    jewel = CrownJewelFactory(name="Het Dorpshuis", kern=kern)
    client, _user = signed_in()

    too_long = appreciate(client, jewel, **{"waardering-text": SCRIPT + "x" * 1_000})
    appreciate(client, jewel, **{"waardering-text": SCRIPT})

    assert too_long.status_code == 200
    assert "&lt;script&gt;" in page(too_long) and SCRIPT not in page(too_long)
    content = page(client.get(jewel.get_absolute_url()))
    assert SCRIPT not in content and "&lt;script&gt;" in content


def test_appreciating_a_hidden_jewel_gives_a_friendly_page_with_the_words_kept(kern):
    jewel = CrownJewelFactory(name="Het Dorpshuis", kern=kern)
    client, _user = signed_in()
    jewel.hidden_at = jewel.created_at
    jewel.save()

    response = appreciate(client, jewel, **{"waardering-text": "Mijn woorden " + SCRIPT})

    assert response.status_code == 200
    content = page(response)
    assert "is hidden for now" in content
    assert "Mijn woorden &lt;script&gt;" in content
    assert "<textarea" in content
    assert not Appreciation.objects.exists()


def test_appreciating_a_gift_nobody_agreed_to_does_not_exist(kern):
    jewel = CrownJewelFactory(
        category=jewel_category("gave-van-mensen"),
        consent=GiftConsent.ASKED,
        person_email="annie@example.org",
        kern=kern,
    )
    client, _user = signed_in()

    assert appreciate(client, jewel).status_code == 404


def test_appreciating_needs_a_post_and_a_sign_in(client, kern):
    jewel = CrownJewelFactory(name="Het Dorpshuis", kern=kern)
    url = reverse("jewel_appreciate", kwargs={"slug": jewel.slug})

    assert client.post(url, {}).status_code == 302
    resident, _user = signed_in()
    assert resident.get(url).status_code == 405


# --- Reports ----------------------------------------------------------------------------


def report_as(client, url, reason="Dit klopt niet."):
    return client.post(url, {"reason": reason})


def test_three_people_hide_a_jewel_and_the_same_person_twice_counts_once(kern):
    jewel = CrownJewelFactory(name="Het Dorpshuis", kern=kern)
    url = reverse("jewel_report", kwargs={"slug": jewel.slug})
    first, _ = signed_in()

    assert english(Client()).get(url).status_code == 200
    report_as(first, url)
    again = report_as(first, url)
    assert Report.objects.count() == 1
    assert "You already reported this; thank you." in page(first.get(again["Location"]))

    report_as(english(Client()), url)  # an anonymous visitor
    jewel.refresh_from_db()
    assert jewel.hidden_at is None

    last = english(Client())
    response = report_as(last, url)
    jewel.refresh_from_db()
    assert jewel.hidden_at is not None
    assert response["Location"] == LIST
    assert "Thank you for letting us know" in page(last.get(LIST))
    assert english(Client()).get(jewel.get_absolute_url()).status_code == 404
    staff, _ = signed_in("staff")
    assert "hidden after reports until a moderator" in page(staff.get(jewel.get_absolute_url()))


def test_an_anonymous_report_is_known_by_a_hash_of_the_session(kern):
    jewel = CrownJewelFactory(name="Het Dorpshuis", kern=kern)
    url = reverse("jewel_report", kwargs={"slug": jewel.slug})
    visitor = english(Client())

    report_as(visitor, url)
    report_as(visitor, url)

    only = Report.objects.get()
    session_key = visitor.cookies[settings.SESSION_COOKIE_NAME].value
    assert SessionStore(session_key=session_key).exists(session_key)
    assert only.reporter_key.startswith("session:")
    assert session_key not in only.reporter_key
    assert only.reporter is None


def test_three_people_hide_an_appreciation(kern):
    appreciation = AppreciationFactory(
        jewel=CrownJewelFactory(name="Het Dorpshuis", kern=kern), text="Onaardige woorden."
    )
    url = reverse("appreciation_report", kwargs={"pk": appreciation.pk})
    reporter, _ = signed_in()

    assert "Onaardige woorden." in page(reporter.get(url))
    for client in (reporter, reporter, signed_in()[0], english(Client())):
        response = report_as(client, url)
        assert response["Location"] == appreciation.jewel.get_absolute_url()

    appreciation.refresh_from_db()
    assert appreciation.hidden_at is not None
    assert Report.objects.count() == 3
    assert "Onaardige woorden." not in page(
        english(Client()).get(appreciation.jewel.get_absolute_url())
    )


def test_something_nobody_may_see_cannot_be_reported(client, kern):
    gift = CrownJewelFactory(
        category=jewel_category("gave-van-mensen"),
        consent=GiftConsent.ASKED,
        person_email="annie@example.org",
        kern=kern,
    )
    hidden = AppreciationFactory(jewel=CrownJewelFactory(kern=kern), hidden_at=gift.created_at)

    assert client.get(reverse("jewel_report", kwargs={"slug": gift.slug})).status_code == 404
    assert client.get(reverse("appreciation_report", kwargs={"pk": hidden.pk})).status_code == 404


# --- Changing a nomination, and its history ---------------------------------------------


def test_the_nominator_changes_their_nomination_and_others_may_not(kern):
    client, _user = signed_in()
    client.post(CREATE, nomination(kern))
    jewel = CrownJewel.objects.get()
    edit = reverse("jewel_edit", kwargs={"slug": jewel.slug})

    form = page(client.get(edit))
    response = client.post(edit, nomination(kern, why="Nog belangrijker dan gedacht."))

    assert "Sinds 1972 aan de Brink." in form
    assert response.status_code == 302
    jewel.refresh_from_db()
    assert jewel.why == "Nog belangrijker dan gedacht."
    other, _ = signed_in()
    assert other.get(edit).status_code == 403
    staff, _ = signed_in("staff")
    assert staff.get(edit).status_code == 200


def test_a_photo_can_be_removed(kern):
    client, _user = signed_in()
    client.post(CREATE, nomination(kern, photo=upload(phone_jpeg())))
    jewel = CrownJewel.objects.get()
    assert jewel.photo
    edit = reverse("jewel_edit", kwargs={"slug": jewel.slug})

    assert "Remove the photo" in page(client.get(edit))
    client.post(edit, nomination(kern, remove_photo="on"))

    jewel.refresh_from_db()
    assert not jewel.photo


def test_a_refusal_stands_when_the_nominator_changes_the_kind(kern):
    client, user = signed_in()
    jewel = CrownJewelFactory(
        name="De soep van Annie",
        category=jewel_category("gave-van-mensen"),
        consent=GiftConsent.REFUSED,
        person_email="annie@example.org",
        nominated_by=user,
        kern=kern,
    )

    response = client.post(
        reverse("jewel_edit", kwargs={"slug": jewel.slug}),
        nomination(kern, name="De soep van Annie", category="traditie"),
    )

    assert response.status_code == 200
    assert "The person concerned said no." in page(response)
    jewel.refresh_from_db()
    assert jewel.category.slug == "gave-van-mensen"


def test_a_gift_moved_before_the_answer_waits_and_staff_release_it(
    kern, django_capture_on_commit_callbacks
):
    client, _nominator = signed_in()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            CREATE,
            nomination(
                kern,
                name="De soep van Annie",
                category="gave-van-mensen",
                person_email="annie@example.org",
            ),
        )
    jewel = CrownJewel.objects.get()
    edit = reverse("jewel_edit", kwargs={"slug": jewel.slug})
    release = reverse("jewel_release", kwargs={"slug": jewel.slug})
    anonymous = english(Client())

    moved = client.post(
        edit, nomination(kern, name="De soep van Annie", category="plek"), follow=True
    )

    jewel.refresh_from_db()
    assert jewel.consent == GiftConsent.ASKED
    assert "or a staff member has looked at the change" in text_of(moved)
    assert anonymous.get(jewel.get_absolute_url()).status_code == 404
    assert "De soep van Annie" not in page(anonymous.get(LIST))
    # The nominator is told why, but releases nothing; nor does a GET.
    assert release not in page(client.get(jewel.get_absolute_url()))
    assert client.post(release).status_code == 403
    staff, staff_user = signed_in("staff")
    assert staff.get(release).status_code == 405
    on_page = staff.get(jewel.get_absolute_url())
    assert "its category changed before the person answered" in text_of(on_page)
    assert release in page(on_page)

    released = staff.post(release, follow=True)

    assert "Everyone can see this crown jewel now." in text_of(released)
    jewel.refresh_from_db()
    assert (jewel.consent, jewel.person_email) == (GiftConsent.NOT_NEEDED, "")
    assert jewel.history.latest().history_user == staff_user
    assert anonymous.get(jewel.get_absolute_url()).status_code == 200
    again = staff.post(release, follow=True)
    assert "no longer waits for a look" in text_of(again)


def test_the_history_shows_every_change_to_the_nominator_and_staff(kern):
    client, _user = signed_in()
    client.post(CREATE, nomination(kern))
    jewel = CrownJewel.objects.get()
    staff, _ = signed_in("staff")
    staff.post(
        reverse("jewel_edit", kwargs={"slug": jewel.slug}),
        nomination(kern, why="Het hart van het dorp."),
    )
    history = reverse("jewel_history", kwargs={"slug": jewel.slug})

    content = page(client.get(history))

    assert "Nominated as a crown jewel." in content
    assert "<ins><span" in content and "dorp." in content
    assert staff.get(history).status_code == 200
    other, _ = signed_in()
    assert other.get(history).status_code == 403


def test_the_history_lists_caretakers_added(kern):
    client, _user = signed_in()
    caretaker = InitiativeFactory(
        name="Dorpshuisvereniging", status=InitiativeStatus.PUBLIC, kern=kern
    )
    client.post(CREATE, nomination(kern))
    jewel = CrownJewel.objects.get()

    client.post(
        reverse("jewel_edit", kwargs={"slug": jewel.slug}),
        nomination(kern, caretakers=[str(caretaker.pk)]),
    )
    content = page(client.get(reverse("jewel_history", kwargs={"slug": jewel.slug})))

    assert "Initiatives that care for it" in content
    assert "<ins>Dorpshuisvereniging</ins>" in content


@pytest.mark.parametrize("role", ["anonymous", "resident", "member", "staff", "council", "admin"])
def test_the_page_asks_the_same_few_queries_for_few_and_many_rows(
    client, make_user, kern, role, request
):
    """The viewer's permissions are asked once: no query twice, ten rows as one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from connections.models import Connection
    from kompas.choices import ConnectionAnswer

    jewel = CrownJewelFactory(kern=kern)
    caring = InitiativeFactory(kern=kern)
    jewel.caretakers.add(caring)

    def add(number):
        for _ in range(number):
            AppreciationFactory(jewel=jewel)
            initiative = InitiativeFactory(kern=kern)
            jewel.caretakers.add(initiative)
            Connection.objects.create(
                first=initiative,
                jewel=jewel,
                first_answer=ConnectionAnswer.YES,
                second_answer=ConnectionAnswer.YES,
            )

    def queries() -> list[str]:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(jewel.get_absolute_url()).status_code == 200
        return [query["sql"] for query in captured.captured_queries]

    if role == "admin":
        user = request.getfixturevalue("admin_user")
    else:
        user = make_user("resident" if role == "member" else role)
    if role == "member":
        MembershipFactory(initiative=caring, user=user)
    if role != "anonymous":
        client.force_login(user)
    add(1)
    few = queries()
    add(9)
    many = queries()

    assert len(many) == len(few) <= 8
    assert len(set(few)) == len(few), "a query was asked twice"
    assert len(set(many)) == len(many), "a query was asked twice"
