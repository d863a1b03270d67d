"""The foundation pages: home, kernen, the kernen layer, health and the security headers."""

import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.utils import load_backend
from django.urls import reverse

from kompas import views as pages
from kompas.choices import InitiativeStatus
from tests.factories import InitiativeFactory, KernFactory

pytestmark = pytest.mark.django_db


def test_health_answers_ok_when_the_database_answers(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True}


def test_health_answers_503_when_the_database_does_not(client, monkeypatch):
    # A real connection, of the same engine, to a database that cannot be reached.
    unreachable = dict(connection.settings_dict)
    if connection.vendor == "postgresql":
        unreachable["PORT"] = "1"
    else:
        unreachable["NAME"] = "/nonexistent/dir/kompas.sqlite3"
    broken = load_backend(unreachable["ENGINE"]).DatabaseWrapper(unreachable, alias="unreachable")
    monkeypatch.setattr(pages, "connection", broken)

    response = client.get(reverse("health"))

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": False}


def test_home_lists_the_kernen_with_what_lives_there(client):
    kern = KernFactory(name="Aldeburen")
    InitiativeFactory(kern=kern, status=InitiativeStatus.PUBLIC)
    InitiativeFactory(kern=kern, status=InitiativeStatus.TIP)

    response = client.get(reverse("home"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Aldeburen" in page
    # Only what the visitor may see is counted: the tip stays with staff.
    assert "1 initiatief" in page


def test_staff_count_tips_and_known_initiatives_too(client_as):
    kern = KernFactory(name="Beekhuizen")
    InitiativeFactory(kern=kern, status=InitiativeStatus.PUBLIC)
    InitiativeFactory(kern=kern, status=InitiativeStatus.TIP)

    response = client_as("staff").get(reverse("kern_list"))

    assert "2 initiatieven" in response.content.decode()


def test_kern_page_shows_its_map_without_inline_feature_data(client):
    kern = KernFactory(name="Dennenoord")

    response = client.get(kern.get_absolute_url())

    page = response.content.decode()
    assert "<h1" in page and "Dennenoord" in page
    assert f'data-focus="{kern.slug}"' in page
    assert reverse("layer_kernen") in page
    assert "FeatureCollection" not in page


def test_kernen_layer_is_compact_geojson_with_escaped_popups(client):
    KernFactory(name="<script>alert(1)</script>", slug="script")

    response = client.get(reverse("layer_kernen"))

    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(response.content)
    feature = data["features"][0]
    assert feature["geometry"]["type"] == "MultiPolygon"
    assert set(feature["properties"]) == {"slug", "name", "popup"}
    assert "<script>" not in feature["properties"]["popup"]
    assert "&lt;script&gt;" in feature["properties"]["popup"]
    lon = feature["geometry"]["coordinates"][0][0][0][0]
    assert len(str(lon).split(".")[-1]) <= 6


def test_kernen_layer_keeps_a_constant_number_of_queries(client, django_assert_max_num_queries):
    for _ in range(12):
        KernFactory()
    with django_assert_max_num_queries(3):
        client.get(reverse("layer_kernen"))


def test_kern_list_keeps_a_constant_number_of_queries(client, django_assert_max_num_queries):
    for _ in range(12):
        InitiativeFactory(kern=KernFactory())
    with django_assert_max_num_queries(4):
        client.get(reverse("kern_list"))


def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get(reverse("home"))

    policy = response["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if "script-src" in part)
    assert "unsafe-inline" not in script_src
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_footer_pages_explain_accessibility_and_privacy(client):
    accessibility = client.get(reverse("accessibility")).content.decode()
    privacy = client.get(reverse("privacy")).content.decode()

    assert "WCAG 2.1" in accessibility
    assert "openbare kaart" in privacy


def test_the_deploy_check_passes_with_production_settings(monkeypatch, settings):
    # The production values, as the README asks an operator to set them.
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)
    settings.DEBUG = False
    settings.SECRET_KEY = "a-long-random-production-secret-" + "x" * 40
    settings.ALLOWED_HOSTS = ["kompas.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True

    call_command("check", "--deploy", "--fail-level", "WARNING")


def test_a_refusal_and_a_missing_page_explain_themselves(client_as):
    initiative = InitiativeFactory(status=InitiativeStatus.PUBLIC)
    client = client_as("resident")

    refused = client.get(reverse("initiative_edit", kwargs={"slug": initiative.slug}))
    missing = client.get("/bestaat-niet/")

    assert refused.status_code == 403
    assert "Niet voor dit account" in refused.content.decode()
    assert missing.status_code == 404
    assert "Pagina niet gevonden" in missing.content.decode()


def test_pages_switch_off_powerful_browser_features_but_location_for_the_site_itself(client):
    # "Use my location" on the place pickers needs geolocation, for this site only.
    for url in (reverse("home"), "/beheer/login/", "/static/css/kompas.css"):
        response = client.get(url)

        features = dict(
            part.strip().split("=", 1) for part in response["Permissions-Policy"].split(",")
        )
        assert features["geolocation"] == "(self)", url
        for feature in ("camera", "microphone", "payment", "usb", "display-capture"):
            assert features[feature] == "()", (url, feature)


@pytest.fixture
def production_behind_a_load_balancer(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["kompas.example.org"]
    settings.SECURE_SSL_REDIRECT = True


@pytest.mark.parametrize("host", ["10.0.0.7", "10.0.0.7:8000", "kompas-web-1", "[fd00::7]"])
def test_health_answers_a_load_balancer_probing_by_address_over_http(
    client, production_behind_a_load_balancer, host
):
    response = client.get(reverse("health"), headers={"host": host})

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True}


def test_other_pages_still_refuse_an_unknown_host(client, production_behind_a_load_balancer):
    refused = client.get(reverse("home"), headers={"host": "10.0.0.7"})
    refused_slash = client.get("/gezond", headers={"host": "10.0.0.7"})
    redirected = client.get(reverse("home"), headers={"host": "kompas.example.org"})

    assert refused.status_code == 400
    assert refused_slash.status_code == 400
    assert redirected.status_code == 301
    assert redirected["Location"].startswith("https://kompas.example.org/")
