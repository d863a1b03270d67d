"""Where an initiative is, in words a person recognises: its kern and a place it
describes itself ("achter de kerk"); the coordinates stay in the map and the data."""

import csv
import io
import json
import re
import zipfile

import pytest
from django.conf import settings
from django.contrib.gis.geos import Point
from django.urls import reverse

from initiatives.models import Initiative
from kompas.choices import InitiativeStatus
from tests.factories import InitiativeFactory, KernFactory, MembershipFactory, UserFactory, square

pytestmark = pytest.mark.django_db

BEHIND_THE_CHURCH = "achter de kerk, naast de pastorie"


def text_of(response) -> str:
    """The page as a person reads it: without tags, whitespace folded."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def noordermarke():
    return KernFactory(name="Noordermarke", boundary=square(6.70, 52.76))


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def form_data(kern, **overrides) -> dict:
    return {
        "name": "Moestuin Achter de Kerk",
        "other_kinds": "moestuin",
        "kern": kern.slug,
        "latitude": "",
        "longitude": "",
        "place_description": BEHIND_THE_CHURCH,
        "description": "Twaalf bedden en een kas van oude ramen.",
        "offers": "",
        "offers_text": "",
        "wishes": "",
        "wishes_text": "",
        "ideas": "",
        "ownership": "1",
        "website": "",
        "contact": "",
        "status": InitiativeStatus.PUBLIC,
    } | overrides


def test_the_page_says_where_in_words_and_shows_no_coordinates(client, noordermarke):
    initiative = InitiativeFactory(
        kern=noordermarke,
        location=Point(6.70685, 52.76122, srid=4326),
        place_description=BEHIND_THE_CHURCH,
    )

    page = text_of(client.get(initiative.get_absolute_url()))

    assert f"In Noordermarke, {BEHIND_THE_CHURCH}" in page
    assert "52.76122" not in page and "52,76122" not in page
    assert "6.70685" not in page and "6,70685" not in page


def test_without_a_description_the_kern_says_where(english, noordermarke):
    initiative = InitiativeFactory(kern=noordermarke, location=Point(6.70685, 52.76122, srid=4326))

    page = text_of(english.get(initiative.get_absolute_url()))

    assert "Place In Noordermarke " in page
    assert "52.76122" not in page


def test_a_resident_describes_the_place_when_putting_it_on_the_map(client, noordermarke):
    resident = UserFactory()
    client.force_login(resident)

    response = client.post(reverse("initiative_create"), form_data(noordermarke))

    assert response.status_code == 302
    assert Initiative.objects.get().place_description == BEHIND_THE_CHURCH


def test_members_change_it_and_the_history_keeps_it(english, noordermarke):
    initiative = InitiativeFactory(kern=noordermarke, place_description=BEHIND_THE_CHURCH)
    member = MembershipFactory(initiative=initiative).user
    english.force_login(member)
    edit_url = reverse("initiative_edit", kwargs={"slug": initiative.slug})
    assert BEHIND_THE_CHURCH in english.get(edit_url).content.decode()

    response = english.post(
        edit_url, form_data(noordermarke, name=initiative.name, place_description="bij de brug")
    )

    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.place_description == "bij de brug"
    history = english.get(reverse("initiative_history", kwargs={"slug": initiative.slug}))
    history_page = text_of(history)
    assert "Place in their own words" in history_page
    assert "brug" in history_page


def test_staff_describe_the_place_of_a_tip_too(client, noordermarke):
    client.force_login(UserFactory(staff=True))

    client.post(reverse("initiative_create"), form_data(noordermarke, status=InitiativeStatus.TIP))

    assert Initiative.objects.get().place_description == BEHIND_THE_CHURCH


def test_a_description_that_is_too_long_is_refused_and_kept(english, noordermarke):
    english.force_login(UserFactory())
    long_place = "achter de kerk " * 10

    response = english.post(
        reverse("initiative_create"), form_data(noordermarke, place_description=long_place)
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "at most 120 characters" in page
    assert long_place.strip() in page
    assert not Initiative.objects.exists()


def test_the_download_of_my_data_holds_it(client, noordermarke):
    initiative = InitiativeFactory(kern=noordermarke, place_description=BEHIND_THE_CHURCH)
    member = MembershipFactory(initiative=initiative).user
    client.force_login(member)

    response = client.get(reverse("personal_data_download"))

    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        data = json.loads(archive.read("gegevens.json").decode("utf-8"))
    assert data["initiatives"][0]["place_description"] == BEHIND_THE_CHURCH


def test_the_open_data_carries_it_for_public_initiatives(client, noordermarke):
    InitiativeFactory(
        name="Moestuin",
        kern=noordermarke,
        place_description=BEHIND_THE_CHURCH,
        location=Point(6.705, 52.765, srid=4326),
    )
    InitiativeFactory(
        name="Nog niet openbaar",
        kern=noordermarke,
        place_description="in de schuur van de kanarie",
        status=InitiativeStatus.KNOWN,
    )

    rows = list(csv.DictReader(io.StringIO(client.get(reverse("open_data_initiatives_csv")).text)))
    features = json.loads(client.get(reverse("open_data_initiatives_geojson")).content)

    assert [row["place_description"] for row in rows] == [BEHIND_THE_CHURCH]
    assert features["features"][0]["properties"]["place_description"] == BEHIND_THE_CHURCH
    assert "kanarie" not in client.get(reverse("open_data_initiatives_csv")).text
