"""The map layers: compact GeoJSON from visible_to(user), escaped popups, 304 on repeat."""

import html
import json
import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.gis.geos import Point
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from initiatives.models import Initiative, InitiativeKind, Ownership, Tag
from kompas import access
from kompas.choices import InitiativeStatus
from places.models import Kern
from tests.factories import InitiativeFactory, KernFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def layer(client, query: str = "", **headers):
    return client.get(reverse("layer_initiatives") + query, headers=headers)


def features(response) -> list[dict]:
    return json.loads(response.content)["features"]


def popup_of(client, response, feature):
    """What a marker's popup says: fetched from the URL the layer names, as map.js does."""
    url = json.loads(response.content)["popups"].replace("{id}", str(feature["id"]))
    popup = client.get(url)
    assert popup.status_code == 200
    return popup.content.decode()


def names_in(client, response) -> set[str]:
    """The names of the initiatives on a layer, read from their popups' links."""
    names = set()
    for feature in features(response):
        link = re.search(r">([^<]*)</a>", popup_of(client, response, feature))
        assert link, f"no link in the popup of {feature}"
        names.add(html.unescape(link.group(1)))
    return names


def initiative(name: str, **fields):
    return InitiativeFactory(name=name, **fields)


def published(name: str, status=InitiativeStatus.PUBLIC, **fields):
    return initiative(name, status=status, published_at=timezone.now(), **fields)


# --- Content ----------------------------------------------------------------------------


def test_the_layer_is_compact_geojson_with_only_what_the_map_needs(client):
    kern = KernFactory(name="Aldeburen")
    bakery = published("Broodfonds Aldeburen", kern=kern)

    response = layer(client)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    collection = json.loads(response.content)
    assert collection["type"] == "FeatureCollection"
    assert collection["popups"] == "/kaart/lagen/initiatieven/{id}.html"
    feature = collection["features"][0]
    assert feature["id"] == bakery.pk
    assert feature["geometry"]["type"] == "Point"
    assert feature["properties"] == {}
    for coordinate in feature["geometry"]["coordinates"]:
        assert len(str(coordinate).split(".")[-1]) <= 6
    assert b": " not in response.content and b", " not in response.content


def test_the_popup_is_rendered_on_the_server_with_name_place_and_link(client):
    kern = KernFactory(name="Aldeburen")
    bakery = published("Broodfonds Aldeburen", kern=kern)
    bakery.kinds.add(InitiativeKind.objects.get_or_create(name="Broodfonds")[0])
    response = layer(client)

    popup = popup_of(client, response, features(response)[0])

    assert '<a href="/initiatieven/broodfonds-aldeburen/">Broodfonds Aldeburen</a>' in popup
    assert "Aldeburen" in popup and "Broodfonds" in popup
    assert "<script" not in popup and "style=" not in popup


def test_coordinates_are_rounded_to_six_decimals(client):
    published("Precies", location=Point(6.123456789, 52.987654321, srid=4326))

    feature = features(layer(client))[0]

    assert feature["geometry"]["coordinates"] == [6.123457, 52.987654]


def test_popups_are_escaped_on_the_server(client):
    kern = KernFactory(name="<b>Dorp</b>")
    published('<script>alert("x")</script> & <img src=x onerror=alert(1)>', kern=kern)
    response = layer(client)

    popup = popup_of(client, response, features(response)[0])

    assert "<script>" not in popup and "<img" not in popup and "<b>" not in popup
    assert "&lt;script&gt;" in popup
    assert "&lt;img src=x onerror=alert(1)&gt;" in popup
    assert "&lt;b&gt;Dorp&lt;/b&gt;" in popup


def test_ended_initiatives_carry_a_flag_and_their_popup_says_so(client):
    going = published("Nog bezig")
    ended = published("Voorbij", status=InitiativeStatus.ENDED)

    response = layer(client)
    by_id = {feature["id"]: feature for feature in features(response)}
    url = reverse("layer_initiative_popup", kwargs={"pk": ended.pk})
    popup = client.get(url, headers={"accept-language": "en"}).content.decode()

    assert by_id[ended.pk]["properties"] == {"ended": True}
    assert by_id[going.pk]["properties"] == {}
    assert "This initiative has ended." in popup


def test_an_initiative_without_a_place_of_its_own_is_not_on_the_layer(client):
    published("Overal en nergens", location=None)

    assert features(layer(client)) == []


# --- Visibility -------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["anonymous", "resident", "council", "staff", "admin"])
def test_only_what_the_viewer_may_see_reaches_the_layer(client_as, make_user, role):
    published("Openbaar")
    published("Gestopt", status=InitiativeStatus.ENDED)
    initiative("Een tip", status=InitiativeStatus.TIP)
    initiative("In gesprek", status=InitiativeStatus.KNOWN)
    client = client_as(role)
    if role == "admin":
        TOTP.activate(make_user("admin"), generate_totp_secret())

    seen = names_in(client, layer(client))

    if role in ("staff", "admin"):
        assert seen == {"Openbaar", "Gestopt", "Een tip", "In gesprek"}
    else:
        assert seen == {"Openbaar", "Gestopt"}


def test_a_member_sees_their_own_initiative_that_is_not_public(client):
    own = initiative("Ons plan", status=InitiativeStatus.KNOWN)
    initiative("Andermans plan", status=InitiativeStatus.KNOWN)
    member = UserFactory(email="lid@example.org")
    MembershipFactory(user=member, initiative=own)
    client.force_login(member)

    assert names_in(client, layer(client)) == {"Ons plan"}


def test_a_layer_kept_for_many_reaches_only_those_who_see_the_same(make_user):
    """Anonymous visitors share one kept layer and those who see everything another; a
    member's layer and a council member's are built for them alone."""
    published("Openbaar")
    initiative("Een tip", status=InitiativeStatus.TIP)
    own = initiative("Ons plan", status=InitiativeStatus.KNOWN)
    viewers = {"anonymous": Client()}
    for role in ("staff", "admin", "resident", "council"):
        viewers[role] = Client()
        viewers[role].force_login(user := make_user(role))
        if role == "admin":
            TOTP.activate(user, generate_totp_secret())
        if role == "resident":
            MembershipFactory(user=user, initiative=own)
    everything = {"Openbaar", "Een tip", "Ons plan"}
    expected = {
        "anonymous": {"Openbaar"},
        "staff": everything,
        "admin": everything,
        "resident": {"Openbaar", "Ons plan"},
        "council": {"Openbaar"},
    }

    for _round in ("built", "kept"):
        for role, client in viewers.items():
            assert names_in(client, layer(client)) == expected[role], (role, _round)


@pytest.mark.parametrize(
    "role, audience",
    [
        ("anonymous", "public"),
        ("staff", "everything"),
        ("admin", "everything"),
        ("resident", None),
        ("council", None),
    ],
)
def test_who_shares_a_view_of_the_initiatives(make_user, role, audience):
    assert access.shared_audience(make_user(role), Initiative) == audience


def test_everyone_shares_the_view_of_the_kernen(make_user):
    for role in ("anonymous", "resident", "council", "staff"):
        assert access.shared_audience(make_user(role), Kern) == "everything"


# --- Filters ----------------------------------------------------------------------------


def test_filters_narrow_the_layer(client):
    north, south = KernFactory(name="Noord"), KernFactory(name="Zuid")
    bakery = published("Broodfonds Noord", kern=north, ownership=Ownership.COMMUNITY)
    published("Groengroep Zuid", kern=south, ownership=Ownership.MUNICIPALITY)
    kind = InitiativeKind.objects.get_or_create(name="Broodfonds")[0]
    space = Tag.objects.get_or_create(name="Een ruimte")[0]
    bus = Tag.objects.get_or_create(name="Een bus")[0]
    bakery.kinds.add(kind)
    bakery.offers.add(space)
    bakery.wishes.add(bus)

    for query in (
        "?kern=noord",
        f"?soort={kind.slug}",
        f"?eigenaarschap={Ownership.COMMUNITY}",
        f"?biedt={space.slug}",
        f"?zoekt={bus.slug}",
        f"?kern=noord&biedt={space.slug}",
    ):
        assert names_in(client, layer(client, query)) == {"Broodfonds Noord"}, query
    assert features(layer(client, "?kern=bestaat-niet")) == []
    assert features(layer(client, "?eigenaarschap=veel")) == []


# --- Caching ----------------------------------------------------------------------------


def test_a_repeat_visit_with_the_etag_gets_304(client):
    published("Dorpshuis")
    first = layer(client)

    repeat = layer(client, if_none_match=first["ETag"])

    assert first.status_code == 200 and first["ETag"]
    assert repeat.status_code == 304
    assert repeat.content == b""
    assert repeat["ETag"] == first["ETag"]


def test_a_repeat_visit_with_last_modified_gets_304(client):
    published("Dorpshuis")
    first = layer(client)

    repeat = layer(client, if_modified_since=first["Last-Modified"])
    older = layer(client, if_modified_since=http_date(0))

    assert repeat.status_code == 304
    assert older.status_code == 200


def test_gzip_keeps_the_etag_usable(client):
    published("Dorpshuis")
    first = layer(client, accept_encoding="gzip")

    repeat = layer(client, accept_encoding="gzip", if_none_match=first["ETag"])

    assert repeat.status_code == 304


def test_a_change_gives_a_new_version(client):
    changing = published("Dorpshuis")
    first = layer(client)

    changing.location = Point(6.6, 52.8, srid=4326)
    changing.save()
    after_move = layer(client, if_none_match=first["ETag"])
    published("Wensbus")
    after_new = layer(client, if_none_match=after_move["ETag"])
    changing.status = InitiativeStatus.KNOWN
    changing.save()
    after_withdrawal = layer(client, if_none_match=after_new["ETag"])

    assert after_move.status_code == 200
    assert features(after_move)[0]["geometry"]["coordinates"] == [6.6, 52.8]
    assert after_new.status_code == 200 and len(features(after_new)) == 2
    assert after_withdrawal.status_code == 200 and len(features(after_withdrawal)) == 1


def test_the_etag_differs_per_viewer_and_per_filter(client_as, client):
    published("Openbaar", kern=KernFactory(name="Noord"))
    tip = initiative("Een tip", status=InitiativeStatus.TIP)
    anonymous = layer(client)["ETag"]
    filtered = layer(client, "?kern=noord")["ETag"]

    staff = client_as("staff")
    staff_response = layer(staff, if_none_match=anonymous)

    assert filtered != anonymous
    assert staff_response.status_code == 200
    assert staff_response["ETag"] != anonymous
    assert tip.pk in {feature["id"] for feature in features(staff_response)}


def test_signed_in_layers_are_private_and_vary_on_cookie(client_as, client):
    public = layer(client)
    signed_in = layer(client_as("resident"))

    assert "public" in public["Cache-Control"]
    assert "private" in signed_in["Cache-Control"]
    assert "must-revalidate" in signed_in["Cache-Control"]
    assert "max-age=0" in signed_in["Cache-Control"]
    for response in (public, signed_in):
        assert "Cookie" in response["Vary"]


def test_the_kernen_layer_gets_304_on_repeat_and_changes_with_a_kern(client):
    kern = KernFactory(name="Beekhuizen")
    first = client.get(reverse("layer_kernen"))

    by_etag = client.get(reverse("layer_kernen"), headers={"if_none_match": first["ETag"]})
    by_date = client.get(
        reverse("layer_kernen"), headers={"if_modified_since": first["Last-Modified"]}
    )
    kern.name = "Beekhuizen-Oost"
    kern.save()
    changed = client.get(reverse("layer_kernen"), headers={"if_none_match": first["ETag"]})

    assert by_etag.status_code == 304
    assert by_date.status_code == 304
    assert changed.status_code == 200 and "Beekhuizen-Oost" in changed.content.decode()


def test_the_layer_answers_only_safe_methods(client):
    assert client.post(reverse("layer_initiatives")).status_code == 405


@pytest.mark.parametrize("status", [InitiativeStatus.TIP, InitiativeStatus.KNOWN])
@pytest.mark.parametrize("role", ["anonymous", "resident", "council"])
def test_a_hidden_initiative_has_no_popup_either(client_as, role, status):
    hidden = initiative("Verborgen", status=status)

    response = client_as(role).get(reverse("layer_initiative_popup", kwargs={"pk": hidden.pk}))

    assert response.status_code == 404
    assert b"Verborgen" not in response.content


def test_staff_and_members_get_the_popup_of_an_initiative_that_is_not_public(client_as, client):
    known = initiative("In gesprek", status=InitiativeStatus.KNOWN)
    url = reverse("layer_initiative_popup", kwargs={"pk": known.pk})
    member = UserFactory(email="lid@example.org")
    MembershipFactory(user=member, initiative=known)

    assert b"In gesprek" in client_as("staff").get(url).content
    client.force_login(member)
    assert b"In gesprek" in client.get(url).content


def test_a_popup_is_private_to_its_viewer_and_answers_404_for_nonsense(client):
    shown = published("Dorpshuis")

    response = client.get(reverse("layer_initiative_popup", kwargs={"pk": shown.pk}))

    assert "private" in response["Cache-Control"] and "Cookie" in response["Vary"]
    assert client.get("/kaart/lagen/initiatieven/999999.html").status_code == 404
    assert client.get("/kaart/lagen/initiatieven/abc.html").status_code == 404


# --- Queries ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["anonymous", "resident", "staff"])
def test_the_layer_keeps_a_constant_number_of_queries(
    client_as, django_assert_max_num_queries, role
):
    client = client_as(role)
    kern = KernFactory(name="Veldwijk")
    for number in range(3):
        published(f"Initiatief {number}", kern=kern)
    with django_assert_max_num_queries(6) as few:
        layer(client)
    for number in range(3, 30):
        published(f"Initiatief {number}", kern=kern)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = layer(client)

    assert len(features(response)) == 30
