"""The crown jewels layer and its popups: only what the viewer may see, escaped, no counts,
304 on repeat, a constant number of queries."""

import json
import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.gis.geos import Point
from django.urls import reverse

from jewels import services
from kompas.choices import GiftConsent
from tests.conftest import ROLES
from tests.factories import (
    AppreciationFactory,
    CrownJewelFactory,
    KernFactory,
    UserFactory,
    jewel_category,
)

pytestmark = pytest.mark.django_db

NOMINATOR = "nominator@example.org"


def layer(client, query: str = "", **headers):
    return client.get(reverse("layer_jewels") + query, headers=headers)


def ids(response) -> set[int]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    return {feature["id"] for feature in json.loads(response.content)["features"]}


def popup(client, jewel):
    return client.get(reverse("layer_jewel_popup", kwargs={"pk": jewel.pk}))


def sign_in(client_as, make_user, role):
    client = client_as(role)
    if role == "admin":
        # Administrators have an authenticator; without one they are sent to set it up.
        TOTP.activate(make_user("admin"), generate_totp_secret())
    return client


def gift(name: str, consent: str, nominator):
    return CrownJewelFactory(
        name=name,
        category=jewel_category("gave-van-mensen"),
        person_email="persoon@example.org",
        consent=consent,
        nominated_by=nominator,
    )


@pytest.fixture
def jewels():
    """A public jewel and, all nominated by one resident: gifts asked, given and
    withdrawn, and a jewel hidden after three reports."""
    nominator = UserFactory(email=NOMINATOR)
    hidden = CrownJewelFactory(name="Gemeld", nominated_by=nominator)
    for number in range(3):
        services.report(hidden, reporter_key=f"melder-{number}", user=None)
    hidden.refresh_from_db()
    assert hidden.hidden_at is not None
    return {
        "public": CrownJewelFactory(name="De oude linde"),
        "asked": gift("Oma Riek", GiftConsent.ASKED, nominator),
        "given": gift("Meester Jan", GiftConsent.GIVEN, nominator),
        "withdrawn": gift("Tante Jo", GiftConsent.WITHDRAWN, nominator),
        "hidden": hidden,
        "nominator": nominator,
    }


SHOWN_TO_ALL = {"public", "given"}
EVERY_JEWEL = {"public", "asked", "given", "withdrawn", "hidden"}
EXPECTED = dict.fromkeys(("anonymous", "resident", "council"), SHOWN_TO_ALL) | dict.fromkeys(
    ("staff", "admin"), EVERY_JEWEL
)


# --- Content ----------------------------------------------------------------------------


def test_the_layer_is_compact_geojson_with_popups_at_their_own_url(client):
    jewel = CrownJewelFactory(name="De kerktoren", location=Point(6.123456789, 52.7, srid=4326))
    CrownJewelFactory(name="Het verhaal van de watersnood", location=None)

    response = layer(client)

    collection = json.loads(response.content)
    assert collection["type"] == "FeatureCollection"
    assert collection["popups"] == "/kaart/lagen/kroonjuwelen/{id}.html"
    (feature,) = collection["features"]
    assert feature["id"] == jewel.pk
    assert feature["properties"] == {}
    assert feature["geometry"] == {"type": "Point", "coordinates": [6.123457, 52.7]}
    assert b": " not in response.content and b", " not in response.content


def test_the_popup_names_links_and_escapes_and_counts_nothing(client, in_english):
    kern = KernFactory(name="Aldeburen")
    jewel = CrownJewelFactory(name="<script>alert(1)</script> De linde", kern=kern)
    AppreciationFactory.create_batch(3, jewel=jewel, text="Mooi")

    response = popup(client, jewel)

    page = response.content.decode()
    assert response.status_code == 200
    assert f'href="{reverse("jewel_detail", kwargs={"slug": jewel.slug})}"' in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; De linde</a>" in page
    assert "<script>" not in page
    assert jewel.category.name in page and "Aldeburen" in page
    assert "Mooi" not in page
    assert not re.search(r"\b3\b", re.sub(r"<[^>]+>", "", page))
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_only_the_jewels_shown_to_them(client_as, make_user, jewels, role):
    client = sign_in(client_as, make_user, role)

    assert ids(layer(client)) == {jewels[key].pk for key in EXPECTED[role]}
    for key in EVERY_JEWEL:
        expected = 200 if key in EXPECTED[role] else 404
        assert popup(client, jewels[key]).status_code == expected, key


def test_the_nominator_sees_their_own_gifts_and_their_hidden_jewel(client, jewels, in_english):
    client.force_login(jewels["nominator"])

    assert ids(layer(client)) == {jewels[key].pk for key in EVERY_JEWEL}
    assert "until the person it is about agrees" in popup(client, jewels["asked"]).content.decode()
    assert "a moderator will look" in popup(client, jewels["hidden"]).content.decode()
    shown = popup(client, jewels["given"]).content.decode()
    assert "agrees" not in shown and "moderator" not in shown


def test_withdrawing_consent_takes_the_gift_off_the_layer_at_once(client, jewels):
    first = layer(client)
    assert jewels["given"].pk in ids(first)

    services.answer_gift_consent(jewels["given"], agree=False)
    after = layer(client, if_none_match=first["ETag"])

    assert after.status_code == 200
    assert jewels["given"].pk not in ids(after)
    assert popup(client, jewels["given"]).status_code == 404


def test_a_yes_puts_the_gift_on_the_layer(client, jewels):
    first = layer(client)

    services.answer_gift_consent(jewels["asked"], agree=True)
    after = layer(client, if_none_match=first["ETag"])

    assert after.status_code == 200
    assert jewels["asked"].pk in ids(after)


def test_reports_take_a_jewel_off_the_layer(client):
    jewel = CrownJewelFactory(name="De linde")
    first = layer(client)

    for number in range(3):
        services.report(jewel, reporter_key=f"melder-{number}", user=None)
    after = layer(client, if_none_match=first["ETag"])

    assert after.status_code == 200
    assert ids(after) == set()
    assert popup(client, jewel).status_code == 404


def test_kern_and_category_narrow_the_layer(client):
    kern = KernFactory(name="Noord")
    linde = CrownJewelFactory(name="De linde", kern=kern, category=jewel_category("natuur"))
    toren = CrownJewelFactory(name="De toren", kern=kern, category=jewel_category("gebouw"))
    CrownJewelFactory(name="Elders", kern=KernFactory(name="Zuid"))

    assert ids(layer(client, "?kern=noord")) == {linde.pk, toren.pk}
    assert ids(layer(client, "?kern=noord&categorie=natuur")) == {linde.pk}
    assert ids(layer(client, "?kern=bestaat-niet")) == set()


# --- Caching ----------------------------------------------------------------------------


def test_a_repeat_visit_with_the_etag_gets_304(client):
    CrownJewelFactory(name="De linde")
    first = layer(client)

    repeat = layer(client, if_none_match=first["ETag"])
    gzipped = layer(client, accept_encoding="gzip", if_none_match=first["ETag"])

    assert repeat.status_code == 304
    assert gzipped.status_code == 304
    assert repeat["ETag"] == first["ETag"]
    assert "public" in first["Cache-Control"]


def test_the_order_of_a_list_does_not_change_the_layer_but_a_kern_does(client):
    CrownJewelFactory(name="De linde", kern=KernFactory(name="Noord"))
    first = layer(client)

    assert layer(client, "?volgorde=nieuw", if_none_match=first["ETag"]).status_code == 304
    assert layer(client, "?kern=noord", if_none_match=first["ETag"]).status_code == 200


def test_the_etag_differs_per_viewer(client_as, client):
    CrownJewelFactory(name="De linde")
    anonymous = layer(client)

    signed_in = layer(client_as("resident"), if_none_match=anonymous["ETag"])

    assert signed_in.status_code == 200
    assert "private" in signed_in["Cache-Control"]
    assert "Cookie" in signed_in["Vary"]


def test_the_layer_answers_only_safe_methods(client):
    assert client.post(reverse("layer_jewels")).status_code == 405


# --- Queries ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["anonymous", "resident", "staff"])
def test_the_layer_and_the_popup_keep_a_constant_number_of_queries(
    client_as, django_assert_max_num_queries, role
):
    client = client_as(role)
    kern = KernFactory(name="Veldwijk")
    CrownJewelFactory.create_batch(2, kern=kern)
    with django_assert_max_num_queries(6) as few:
        assert len(ids(layer(client))) == 2
    jewels = CrownJewelFactory.create_batch(20, kern=kern)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(ids(layer(client))) == 22

    for jewel in jewels[:2]:
        AppreciationFactory.create_batch(5, jewel=jewel)
    with django_assert_max_num_queries(4):
        assert popup(client, jewels[0]).status_code == 200
