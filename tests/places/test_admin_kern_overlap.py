"""The kernen import in the administration asks before it keeps boundaries that overlap
other places, and names them."""

import json

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from places.models import Kern
from places.services import KEPT_UPLOADS
from tests.factories import KernFactory, square

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

IMPORT_URL = "admin:places_kern_import"
FIELDS = {"name_field": "naam", "code_field": "", "kind": "wijk", "layer": ""}


def boundary_file(name: str, lon: float, lat: float, size: float = 0.02) -> SimpleUploadedFile:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    feature = {
        "type": "Feature",
        "properties": {"naam": name},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }
    content = json.dumps({"type": "FeatureCollection", "features": [feature]}).encode()
    return SimpleUploadedFile("wijken.geojson", content, content_type="application/geo+json")


@pytest.fixture
def holtwolde():
    return KernFactory(name="Holtwolde", slug="holtwolde", boundary=square(6.50, 52.80))


def kept_files() -> list[str]:
    if not default_storage.exists(KEPT_UPLOADS):
        return []
    return default_storage.listdir(KEPT_UPLOADS)[1]


def test_an_overlap_is_shown_and_nothing_is_saved_before_confirming(admin_client, holtwolde):
    response = admin_client.post(
        reverse(IMPORT_URL), {**FIELDS, "file": boundary_file("Aldeburen", 6.51, 52.80)}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Aldeburen overlaps Holtwolde by about 150 ha (50% of Holtwolde)" in page
    assert "Import anyway" in page
    assert not Kern.objects.filter(name="Aldeburen").exists()
    assert len(kept_files()) == 1


def test_confirming_imports_the_kept_file_with_the_fields_given(admin_client, holtwolde):
    shown = admin_client.post(
        reverse(IMPORT_URL), {**FIELDS, "file": boundary_file("Aldeburen", 6.51, 52.80)}
    )
    kept = shown.context["kept_file"]

    confirmed = admin_client.post(reverse(IMPORT_URL), {**FIELDS, "kept_file": kept})

    assert confirmed.status_code == 302
    assert Kern.objects.get(name="Aldeburen").kind == "wijk"
    messages = [str(m) for m in admin_client.get(confirmed["Location"]).context["messages"]]
    assert any("Aldeburen overlaps Holtwolde" in message for message in messages)
    assert kept_files() == []


def test_a_kept_file_that_is_gone_is_a_clear_error(admin_client, holtwolde):
    for token in ("0" * 32, "../../settings"):
        response = admin_client.post(reverse(IMPORT_URL), {**FIELDS, "kept_file": token})

        assert response.status_code == 200
        assert "choose it again" in response.content.decode()
    assert Kern.objects.count() == 1


def test_a_neighbour_sharing_an_edge_imports_at_once(admin_client, holtwolde):
    response = admin_client.post(
        reverse(IMPORT_URL), {**FIELDS, "file": boundary_file("Aldeburen", 6.52 - 1e-9, 52.80)}
    )

    assert response.status_code == 302
    assert Kern.objects.filter(name="Aldeburen").exists()
    assert kept_files() == []
