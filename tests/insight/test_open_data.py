"""Open data: every export validates, carries only what is public, and is built once per
version of the data."""

import csv
import io
import json
from urllib.parse import urljoin

import pytest
from django.contrib.gis.geos import Point
from django.urls import reverse
from django.utils import timezone

from conversations import services
from initiatives.models import InitiativeKind, Ownership, Tag
from kompas.choices import GiftConsent, InitiativeStatus, Visibility
from tests.factories import (
    CrownJewelFactory,
    InitiativeFactory,
    KernFactory,
    MembershipFactory,
    StaffNoteFactory,
    UserFactory,
    jewel_category,
)

pytestmark = pytest.mark.django_db

DOWNLOADS = (
    "open_data_initiatives_csv",
    "open_data_initiatives_geojson",
    "open_data_jewels_csv",
    "open_data_jewels_geojson",
    "open_data_hsds_package",
)
HSDS_TABLES = ("organizations", "services", "locations")
# Every private thing below carries this word; it must never be in any file.
CANARY = "kanarie"


def download_urls() -> list[str]:
    return [reverse(name) for name in DOWNLOADS] + [
        reverse("open_data_hsds_file", kwargs={"name": table}) for table in HSDS_TABLES
    ]


def csv_rows(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def csv_header(response) -> list[str]:
    return next(csv.reader(io.StringIO(response.content.decode())))


def collection(response) -> dict:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(response.content)


def published(name: str, status=InitiativeStatus.PUBLIC, **fields):
    return InitiativeFactory(name=name, status=status, published_at=timezone.now(), **fields)


@pytest.fixture
def world():
    """Public initiatives and jewels, and beside them everything that must stay private."""
    kern = KernFactory(name="Aldeburen")
    creator = UserFactory(name=f"{CANARY} invoerder", email=f"{CANARY}-invoer@example.org")
    bakery = published(
        "Broodfonds Aldeburen",
        kern=kern,
        location=Point(6.512345678, 52.7123456, srid=4326),
        description="Ondernemers vangen elkaar op.",
        offers_text="Een warme maaltijd op vrijdag.",
        wishes_text="Een plek om te vergaderen.",
        website="https://broodfonds.example.org",
        ownership=Ownership.COMMUNITY,
        ideas=f"{CANARY} idee op zolder",
        contact=f"{CANARY}-shared@example.org",
        contact_consent=True,
        created_by=creator,
        published_by=creator,
    )
    bakery.kinds.add(InitiativeKind.objects.get_or_create(name="Broodfonds", slug="broodfonds")[0])
    bakery.offers.add(Tag.objects.get_or_create(name="Koken", slug="koken")[0])
    bakery.wishes.add(Tag.objects.get_or_create(name="Ruimte", slug="ruimte")[0])
    choir = published(
        "Dorpskoor zonder eigen plek",
        kern=kern,
        location=None,
        contact=f"{CANARY}-private@example.org",
        contact_consent=False,
    )
    ended = published("Zomerfeest dat was", status=InitiativeStatus.ENDED, kern=kern)
    tip = InitiativeFactory(name=f"Tip {CANARY}", status=InitiativeStatus.TIP, kern=kern)
    known = InitiativeFactory(name=f"Bekend {CANARY}", status=InitiativeStatus.KNOWN, kern=kern)
    InitiativeFactory(name=f"Nooit publiek {CANARY}", status=InitiativeStatus.ENDED)
    MembershipFactory(
        initiative=bakery,
        user=UserFactory(name=f"{CANARY} lid", email=f"{CANARY}-lid@example.org"),
    )
    StaffNoteFactory(initiative=bakery, text=f"Interne {CANARY}", visibility=Visibility.INTERNAL)
    StaffNoteFactory(initiative=bakery, text=f"Gedeelde {CANARY}", visibility=Visibility.SHARED)
    services.log_conversation(
        UserFactory(staff=True, name=f"{CANARY} ambtenaar"),
        services.ConversationData(
            learned=f"Gesprek {CANARY}",
            initiatives=[bakery, tip],
            visibility=Visibility.SHARED,
        ),
    )
    nominator = UserFactory(name=f"{CANARY} nominator", email=f"{CANARY}-nom@example.org")
    hall = CrownJewelFactory(
        name="Het dorpshuis",
        kern=kern,
        why="Hier komt iedereen samen.",
        nominated_by=nominator,
    )
    hall.caretakers.add(bakery, known)
    gift = jewel_category("gave-van-mensen")
    CrownJewelFactory(
        name="De soep van Annie",
        category=gift,
        kern=kern,
        consent=GiftConsent.GIVEN,
        person_email=f"{CANARY}-annie@example.org",
        nominated_by=nominator,
    )
    CrownJewelFactory(
        name=f"Wacht op ja {CANARY}",
        category=gift,
        consent=GiftConsent.ASKED,
        person_email=f"{CANARY}-wacht@example.org",
    )
    CrownJewelFactory(name=f"Verborgen {CANARY}", hidden_at=timezone.now())
    return {"kern": kern, "bakery": bakery, "choir": choir, "ended": ended, "hall": hall}


# --- Valid files ------------------------------------------------------------------------


def test_the_initiatives_csv_has_a_header_and_the_public_initiatives(client, world):
    rows = csv_rows(client.get(reverse("open_data_initiatives_csv")))

    by_name = {row["name"]: row for row in rows}
    assert list(by_name) == [
        "Broodfonds Aldeburen",
        "Dorpskoor zonder eigen plek",
        "Zomerfeest dat was",
    ]
    assert [int(row["id"]) for row in rows] == sorted(int(row["id"]) for row in rows)
    bakery = by_name["Broodfonds Aldeburen"]
    assert bakery["url"].startswith("http")
    assert bakery["url"].endswith("/initiatieven/broodfonds-aldeburen/")
    assert bakery["kern"] == "Aldeburen"
    assert bakery["kinds"] == "Broodfonds"
    assert bakery["offers"] == "Koken"
    assert bakery["wishes"] == "Ruimte"
    assert bakery["offers_text"] == "Een warme maaltijd op vrijdag."
    assert bakery["ownership"] == "community"
    assert bakery["website"] == "https://broodfonds.example.org"
    assert bakery["status"] == "public"
    assert (bakery["longitude"], bakery["latitude"]) == ("6.512346", "52.712346")
    assert bakery["location_is_kern_centre"] == "false"
    assert bakery["updated_at"].endswith("Z")
    choir = by_name["Dorpskoor zonder eigen plek"]
    assert choir["location_is_kern_centre"] == "true"
    centre = world["kern"].centre
    assert float(choir["longitude"]) == pytest.approx(centre.x)
    assert float(choir["latitude"]) == pytest.approx(centre.y)
    assert by_name["Zomerfeest dat was"]["status"] == "ended"


def test_urls_are_absolute_on_the_sites_address(client, world, settings):
    settings.KOMPAS_SITE_URL = "https://kompas.example.nl"
    rows = csv_rows(client.get(reverse("open_data_initiatives_csv")))
    assert rows[0]["url"] == "https://kompas.example.nl/initiatieven/broodfonds-aldeburen/"


def test_the_geojson_files_are_feature_collections_of_points(client, world):
    for name in ("open_data_initiatives_geojson", "open_data_jewels_geojson"):
        data = collection(client.get(reverse(name)))
        assert data["type"] == "FeatureCollection"
        assert data["license"] == "CC0-1.0"
        assert data["generated"].endswith("Z")
        assert data["features"]
        for feature in data["features"]:
            assert feature["type"] == "Feature"
            assert feature["geometry"]["type"] == "Point"
            longitude, latitude = feature["geometry"]["coordinates"]
            assert isinstance(longitude, float) and isinstance(latitude, float)
            assert feature["properties"]["id"] == feature["id"]


def test_the_geojson_of_initiatives_holds_lists_and_the_kern_centre_flag(client, world):
    data = collection(client.get(reverse("open_data_initiatives_geojson")))
    by_name = {feature["properties"]["name"]: feature for feature in data["features"]}
    bakery = by_name["Broodfonds Aldeburen"]["properties"]
    assert bakery["kinds"] == ["Broodfonds"]
    assert bakery["offers"] == ["Koken"]
    assert by_name["Dorpskoor zonder eigen plek"]["properties"]["location_is_kern_centre"]


def test_the_jewels_carry_their_public_caretakers_only(client, world):
    rows = csv_rows(client.get(reverse("open_data_jewels_csv")))
    by_name = {row["name"]: row for row in rows}
    assert set(by_name) == {"Het dorpshuis", "De soep van Annie"}
    hall = by_name["Het dorpshuis"]
    assert hall["caretakers"] == "Broodfonds Aldeburen"
    assert hall["why"] == "Hier komt iedereen samen."
    assert hall["kern"] == "Aldeburen"
    assert hall["url"].endswith("/kroonjuwelen/het-dorpshuis/")
    assert hall["category"]
    assert hall["created_at"].endswith("Z")
    assert hall["photo_url"] == ""
    assert "nominated_by" not in hall


def test_the_datapackage_lists_each_csv_with_its_fields(client, world):
    package_url = reverse("open_data_hsds_package")
    response = client.get(package_url)
    assert response.status_code == 200
    package = json.loads(response.content)

    assert package["name"] == "kompas-open-referral-hsds"
    assert package["profile"] == "tabular-data-package"
    assert package["licenses"] == [
        {
            "name": "CC0-1.0",
            "path": "https://creativecommons.org/publicdomain/zero/1.0/",
            "title": "Creative Commons Zero v1.0 Universal",
        }
    ]
    assert package["created"].endswith("Z")
    assert [resource["name"] for resource in package["resources"]] == list(HSDS_TABLES)
    for resource in package["resources"]:
        fields = [field["name"] for field in resource["schema"]["fields"]]
        assert all(field["type"] for field in resource["schema"]["fields"])
        table = client.get(urljoin(package_url, resource["path"]))
        assert table.status_code == 200
        assert csv_header(table) == fields


def test_the_hsds_tables_map_initiatives_offers_and_places(client, world):
    def table(name):
        return csv_rows(client.get(reverse("open_data_hsds_file", kwargs={"name": name})))

    bakery = world["bakery"]
    organizations = table("organizations")
    assert [row["name"] for row in organizations] == [
        "Broodfonds Aldeburen",
        "Dorpskoor zonder eigen plek",
        "Zomerfeest dat was",
    ]
    services_ = table("services")
    assert [(row["organization_id"], row["name"], row["description"]) for row in services_] == [
        (str(bakery.pk), "Koken", "Een warme maaltijd op vrijdag.")
    ]
    locations = {row["organization_id"]: row for row in table("locations")}
    assert locations[str(bakery.pk)]["name"] == "Broodfonds Aldeburen"
    assert locations[str(world["choir"].pk)]["name"] == "Aldeburen"


def test_other_hsds_tables_do_not_exist(client, world):
    for name in ("contacts", "phones", "datapackage"):
        response = client.get(reverse("open_data_hsds_file", kwargs={"name": name}))
        assert response.status_code == 404


def test_the_licence_comes_from_the_settings(client, world, settings):
    settings.KOMPAS_OPEN_DATA_LICENSE = "CC-BY-4.0"
    package = json.loads(client.get(reverse("open_data_hsds_package")).content)
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["licenses"][0]["path"] == "https://creativecommons.org/licenses/by/4.0/"
    data = collection(client.get(reverse("open_data_jewels_geojson")))
    assert data["license"] == "CC-BY-4.0"


def test_empty_data_still_gives_valid_files(client):
    assert csv_rows(client.get(reverse("open_data_initiatives_csv"))) == []
    assert collection(client.get(reverse("open_data_jewels_geojson")))["features"] == []
    package = json.loads(client.get(reverse("open_data_hsds_package")).content)
    assert package["created"]


# --- Nothing private --------------------------------------------------------------------


def test_no_file_carries_anything_that_is_not_public(client, world):
    for url in [*download_urls(), reverse("open_data")]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert CANARY not in response.content.decode().lower(), url


def test_signed_in_visitors_get_the_same_public_files(client_as, world):
    client = client_as("staff")
    for url in download_urls():
        response = client.get(url)
        assert response.status_code == 200
        assert CANARY not in response.content.decode().lower(), url


def test_public_data_does_appear_in_every_file(client, world):
    for url in download_urls():
        if url.endswith("datapackage.json"):
            continue
        text = client.get(url).content.decode()
        assert "Broodfonds Aldeburen" in text or "Het dorpshuis" in text or "Koken" in text, url


# --- The page ---------------------------------------------------------------------------


def test_the_page_links_every_file_and_says_what_is_never_in_it(client, world, in_english):
    response = client.get(reverse("open_data"))
    assert response.status_code == 200
    text = response.content.decode()
    for url in download_urls():
        assert f'href="{url}"' in text
    assert "CC0-1.0" in text
    assert "No contact details" in text
    assert "Date of the data" in text


def test_the_footer_links_the_open_data(client, in_english):
    text = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("open_data")}"' in text


# --- Caching ----------------------------------------------------------------------------


def test_a_second_download_is_not_built_again(client, world, django_assert_max_num_queries):
    url = reverse("open_data_initiatives_csv")
    first = client.get(url)
    assert first.status_code == 200

    with django_assert_max_num_queries(2):
        second = client.get(url)
    assert second.content == first.content


def test_a_new_public_initiative_builds_the_files_again(client, world):
    for url in download_urls():
        client.get(url)

    published("Repair Café Aldeburen", kern=world["kern"])

    table = client.get(reverse("open_data_initiatives_csv")).content.decode()
    assert "Repair Café Aldeburen" in table
    geojson = client.get(reverse("open_data_initiatives_geojson")).content.decode()
    assert "Repair Café Aldeburen" in geojson
    organizations = client.get(reverse("open_data_hsds_file", kwargs={"name": "organizations"}))
    assert "Repair Café Aldeburen" in organizations.content.decode()


def test_a_jewel_shown_later_builds_the_jewels_again(client, world):
    waiting = CrownJewelFactory(
        name="Het bankje van Jan",
        category=jewel_category("gave-van-mensen"),
        consent=GiftConsent.ASKED,
        person_email="jan@example.org",
    )
    assert "Het bankje van Jan" not in client.get(reverse("open_data_jewels_csv")).content.decode()

    waiting.consent = GiftConsent.GIVEN
    waiting.save()

    assert "Het bankje van Jan" in client.get(reverse("open_data_jewels_csv")).content.decode()


def test_a_repeat_visit_with_the_etag_gets_304(client, world):
    for url in download_urls():
        first = client.get(url)
        assert first["ETag"]
        assert first["Last-Modified"]
        assert "public" in first["Cache-Control"]

        again = client.get(url, headers={"if_none_match": first["ETag"]})
        assert again.status_code == 304
        assert again.content == b""


def test_the_etag_changes_with_the_data(client, world):
    url = reverse("open_data_jewels_geojson")
    first = client.get(url)
    CrownJewelFactory(name="De oude linde", kern=world["kern"])
    again = client.get(url, headers={"if_none_match": first["ETag"]})
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]


def test_a_cell_that_looks_like_a_formula_stays_text_in_a_spreadsheet(client):
    InitiativeFactory(name='=HYPERLINK("https://example.org")', description="+31 6 1234")

    [row] = csv_rows(client.get(reverse("open_data_initiatives_csv")))

    assert row["name"] == '\'=HYPERLINK("https://example.org")'
    assert row["description"] == "'+31 6 1234"
