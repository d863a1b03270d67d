"""The administration (/beheer/): blocking accounts, merging duplicate words, importing
the boundaries of kernen, map widgets from django-leaflet only, and all of it in Dutch."""

import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.contrib.gis.db.models import GeometryField
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts import services as accounts_services
from initiatives import selectors, services, terms
from initiatives.models import Initiative, InitiativeKind, Tag
from jewels import services as jewels_services
from jewels.models import CrownJewel, JewelCategory
from kompas import access
from kompas.choices import GiftConsent, InitiativeStatus
from obstacles.models import Obstacle, ObstacleCategory
from places.models import Kern
from tests.admin_forms import change_form_data, post_change_form
from tests.factories import (
    CrownJewelFactory,
    InitiativeFactory,
    KernFactory,
    ObstacleFactory,
    UserFactory,
    jewel_category,
)

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-wachtwoord-123"


def run_action(client, model: str, action: str, objects) -> object:
    app_label = type(objects[0])._meta.app_label
    return client.post(
        reverse(f"admin:{app_label}_{model}_changelist"),
        {"action": action, "_selected_action": [obj.pk for obj in objects]},
        follow=True,
    )


def signed_in_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def sessions_of(user) -> int:
    return sum(
        1
        for session in Session.objects.all()
        if session.get_decoded().get("_auth_user_id") == str(user.pk)
    )


# --- Blocking ---------------------------------------------------------------------------


def test_blocking_ends_every_session_and_signing_in(admin_client, admin_user):
    resident = UserFactory(email="inwoner@example.org")
    phone, laptop = signed_in_client(resident), signed_in_client(resident)
    bystander = UserFactory()
    signed_in_client(bystander)
    assert sessions_of(resident) == 2

    response = run_action(admin_client, "user", "block", [resident])

    assert response.status_code == 200
    resident.refresh_from_db()
    assert not resident.is_active
    assert sessions_of(resident) == 0
    assert sessions_of(bystander) == 1
    assert sessions_of(admin_user) == 1
    for client in (phone, laptop):
        assert not client.get(reverse("home")).wsgi_request.user.is_authenticated


def test_a_blocked_person_cannot_sign_in(admin_client, admin_user, client):
    staff = UserFactory(email="ambtenaar@example.org", staff=True)
    EmailAddress.objects.create(user=staff, email=staff.email, primary=True, verified=True)
    run_action(admin_client, "user", "block", [staff])
    visitor = Client()

    response = visitor.post(
        reverse("account_login"), {"login": staff.email, "password": PASSWORD}, follow=True
    )

    assert not response.wsgi_request.user.is_authenticated
    assert response.redirect_chain[-1][0] == reverse("account_inactive")
    page = response.content.decode()
    # The site's own page (its header and footer), in Dutch.
    assert "Account geblokkeerd" in page
    assert '<html lang="nl"' in page
    assert "kompas-main" in page
    assert "kompas-footer" in page


def test_a_blocked_resident_gets_no_sign_in_code(mailoutbox, admin_user):
    resident = UserFactory(email="inwoner@example.org", password=None)
    EmailAddress.objects.create(user=resident, email=resident.email, primary=True, verified=True)
    accounts_services.block_account(resident, admin_user)
    visitor = Client()

    response = visitor.post(
        reverse("account_request_login_code"), {"email": resident.email}, follow=True
    )

    assert not response.wsgi_request.user.is_authenticated
    # allauth answers as for an address it does not know: an email without a code.
    assert [message.to for message in mailoutbox] == [[resident.email]]
    assert not re.search(r"^\s*[A-Z0-9]{4}-[A-Z0-9]{4}\s*$", mailoutbox[0].body, re.MULTILINE)


def test_an_administrator_cannot_block_themselves(admin_client, admin_user):
    response = run_action(admin_client, "user", "block", [admin_user])

    admin_user.refresh_from_db()
    assert admin_user.is_active
    assert sessions_of(admin_user) == 1
    assert response.status_code == 200
    with pytest.raises(ValidationError):
        accounts_services.block_account(admin_user, admin_user)


@pytest.mark.parametrize("role", ["resident", "staff", "council"])
def test_only_administrators_block(make_user, role):
    resident = UserFactory()
    with pytest.raises(PermissionDenied):
        accounts_services.block_account(resident, make_user(role))
    resident.refresh_from_db()
    assert resident.is_active


def test_unblocking_lets_the_person_sign_in_again(admin_client, admin_user):
    staff = UserFactory(email="ambtenaar@example.org", staff=True)
    EmailAddress.objects.create(user=staff, email=staff.email, primary=True, verified=True)
    accounts_services.block_account(staff, admin_user)

    run_action(admin_client, "user", "unblock", [staff])

    staff.refresh_from_db()
    assert staff.is_active
    visitor = Client()
    response = visitor.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    assert response.wsgi_request.user.is_authenticated


def test_the_active_flag_is_set_by_the_actions_only(admin_client):
    resident = UserFactory()
    page = admin_client.get(reverse("admin:accounts_user_change", args=[resident.pk]))
    assert 'name="is_active"' not in page.content.decode()


# --- Merging duplicates -----------------------------------------------------------------


def test_merging_kinds(admin_client):
    keep = InitiativeKind.objects.create(name="Aa broodfonds", slug="aa-broodfonds")
    other = InitiativeKind.objects.create(name="Broodfonds Noord", slug="broodfonds-noord")
    initiative = InitiativeFactory()
    initiative.kinds.add(other)

    run_action(admin_client, "initiativekind", "merge_into_first", [other, keep])

    assert list(initiative.kinds.all()) == [keep]
    assert not InitiativeKind.objects.filter(pk=other.pk).exists()


def test_merging_tags_of_offers_and_wishes(admin_client, in_english):
    keep = Tag.objects.create(name="Koken", slug="koken")
    other = Tag.objects.create(name="Kookles", slug="kookles")
    third = Tag.objects.create(name="Koken en bakken", slug="koken-en-bakken")
    offering, wishing = InitiativeFactory(), InitiativeFactory()
    offering.offers.add(other, keep)
    wishing.wishes.add(third)

    response = run_action(admin_client, "tag", "merge_into_first", [keep, other, third])

    assert "2 were merged into “Koken”." in [str(m) for m in response.context["messages"]]
    assert list(offering.offers.all()) == [keep]
    assert list(wishing.wishes.all()) == [keep]
    assert list(Tag.objects.all()) == [keep]
    # The initiative's history tells the change.
    assert wishing.history.latest().history_change_reason == "Merged duplicate words"


def test_merging_jewel_categories(admin_client):
    keep = JewelCategory.objects.create(name="Aa kunstwerk", slug="aa-kunstwerk", position=0)
    other = JewelCategory.objects.create(name="Kunst", slug="kunst", position=1)
    jewel = CrownJewelFactory(category=other)

    run_action(admin_client, "jewelcategory", "merge_into_first", [other, keep])

    jewel.refresh_from_db()
    assert jewel.category == keep
    assert not JewelCategory.objects.filter(pk=other.pk).exists()
    assert jewel.history.latest().category_id == keep.pk


def test_a_persons_gift_is_not_merged_into_a_category_without_consent(admin_client):
    gift = jewel_category("gave-van-mensen")
    place = jewel_category("plek")
    jewel = CrownJewelFactory(
        category=gift, consent=GiftConsent.ASKED, person_email="persoon@example.org"
    )

    run_action(admin_client, "jewelcategory", "merge_into_first", [gift, place])

    jewel.refresh_from_db()
    assert jewel.category == gift
    assert JewelCategory.objects.filter(pk__in=[gift.pk, place.pk]).count() == 2


def test_merging_obstacle_categories(admin_client):
    keep = ObstacleCategory.objects.create(name="Aa vergunning", slug="aa-vergunning", position=0)
    other = ObstacleCategory.objects.create(name="Vergunningen", slug="vergunningen", position=0)
    obstacle = ObstacleFactory(category=other)

    run_action(admin_client, "obstaclecategory", "merge_into_first", [keep, other])

    obstacle.refresh_from_db()
    assert obstacle.category == keep
    assert not ObstacleCategory.objects.filter(pk=other.pk).exists()
    assert Obstacle.objects.filter(category=keep).count() == 1


def test_merging_needs_two(admin_client):
    only = Tag.objects.create(name="Koken", slug="koken")
    run_action(admin_client, "tag", "merge_into_first", [only])
    assert Tag.objects.filter(pk=only.pk).exists()


def test_merged_initiatives_are_found_by_the_kept_word(admin_user):
    keep = InitiativeKind.objects.create(name="Broodkring", slug="broodkring")
    other = InitiativeKind.objects.create(name="Zelfhulpkas", slug="zelfhulpkas")
    initiative = InitiativeFactory(name="Samen Sterk")
    initiative.kinds.add(other)
    services.refresh_search(initiative)

    terms.merge_terms(keep, [other])

    assert list(selectors.search_initiatives(Initiative.objects.all(), "broodkring")) == [
        initiative
    ]
    assert not selectors.search_initiatives(Initiative.objects.all(), "zelfhulpkas").exists()


# --- Importing the boundaries of kernen -------------------------------------------------


def square(lon: float, lat: float, size: float = 0.01) -> dict:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def geojson(*features: tuple[dict, dict]) -> bytes:
    return json.dumps(
        {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "properties": properties, "geometry": geometry}
                for properties, geometry in features
            ],
        }
    ).encode()


def import_file(client, upload, **fields):
    data = {"name_field": "naam", "code_field": "", "kind": "", "layer": ""} | fields
    return client.post(reverse("admin:places_kern_import"), data | {"file": upload})


def test_the_kernen_list_offers_the_import(admin_client):
    page = admin_client.get(reverse("admin:places_kern_changelist")).content.decode()
    assert reverse("admin:places_kern_import") in page
    assert admin_client.get(reverse("admin:places_kern_import")).status_code == 200


def test_importing_a_geojson_file_creates_and_updates_kernen(admin_client):
    KernFactory(name="Holtwolde", slug="holtwolde", cbs_code="")
    upload = SimpleUploadedFile(
        "kernen.geojson",
        geojson(
            ({"naam": "Holtwolde", "code": "WK001"}, square(6.50, 52.80)),
            ({"naam": "Aldeburen", "code": "WK002"}, square(6.55, 52.80)),
        ),
        content_type="application/geo+json",
    )

    response = import_file(admin_client, upload, code_field="code", kind="wijk")

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:places_kern_changelist")
    aldeburen = Kern.objects.get(name="Aldeburen")
    assert aldeburen.cbs_code == "WK002"
    assert aldeburen.kind == "wijk"
    assert aldeburen.boundary.contains(aldeburen.centre)
    holtwolde = Kern.objects.get(name="Holtwolde")
    assert holtwolde.slug == "holtwolde"
    assert holtwolde.cbs_code == "WK001"
    assert holtwolde.history.latest().history_change_reason == "import_kernen kernen.geojson"
    messages = [str(m) for m in admin_client.get(response["Location"]).context["messages"]]
    assert any("Aldeburen" in message for message in messages)


def test_importing_a_zipped_shapefile(admin_client, tmp_path):
    source = tmp_path / "bron.geojson"
    source.write_bytes(geojson(({"naam": "Schoonloo"}, square(6.70, 52.90))))
    shapefile = tmp_path / "kernen.shp"
    subprocess.run(
        ["ogr2ogr", "-f", "ESRI Shapefile", str(shapefile), str(source)],
        check=True,
        capture_output=True,
    )
    archive = tmp_path / "kernen.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for part in tmp_path.glob("kernen.*"):
            if part != archive:
                zipped.write(part, f"map/{part.name}")

    response = import_file(
        admin_client, SimpleUploadedFile("kernen.zip", archive.read_bytes()), name_field="NAAM"
    )

    assert response.status_code == 302, response.content.decode()
    assert Kern.objects.filter(name="Schoonloo").exists()


@pytest.mark.parametrize(
    ("filename", "content", "fields", "message"),
    [
        ("kernen.geojson", b"dit is geen geojson", {}, "Cannot read kernen.geojson"),
        ("kernen.txt", b"naam", {}, "Choose a GeoJSON file, a GeoPackage or a zipped Shapefile"),
        ("kernen.zip", b"geen zip", {}, "it is not a zip file that can be opened"),
        (
            "kernen.geojson",
            geojson(({"naam": "Holtwolde"}, square(6.5, 52.8))),
            {"name_field": "gemeente"},
            "has no field gemeente; its fields are naam",
        ),
        (
            "kernen.geojson",
            geojson(({"naam": "Holtwolde"}, {"type": "Point", "coordinates": [6.5, 52.8]})),
            {},
            "only Polygon and MultiPolygon work",
        ),
    ],
)
def test_a_bad_file_is_a_clear_error_and_keeps_the_fields(
    admin_client, in_english, filename, content, fields, message
):
    upload = SimpleUploadedFile(filename, content)
    response = import_file(admin_client, upload, kind="wijk", **fields)

    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert f'value="{fields.get("name_field", "naam")}"' in page
    assert '<option value="wijk" selected>' in page
    assert not Kern.objects.exists()


def test_a_zip_without_a_boundary_file_is_a_clear_error(admin_client, in_english, tmp_path):
    archive = tmp_path / "leeg.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("../leesmij.txt", "niets")

    response = import_file(admin_client, SimpleUploadedFile("leeg.zip", archive.read_bytes()))

    assert response.status_code == 200
    assert "holds no Shapefile (.shp), GeoPackage or GeoJSON file" in response.content.decode()
    assert not Path(tmp_path.parent / "leesmij.txt").exists()


def test_the_import_needs_a_file_and_a_name_field(admin_client, in_english):
    response = admin_client.post(reverse("admin:places_kern_import"), {"name_field": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose a boundary file." in page
    assert "Say which field of the file holds the name." in page


@pytest.mark.parametrize("role", ["anonymous", "resident", "staff", "council"])
def test_only_administrators_import(client_as, role):
    client = client_as(role)
    upload = SimpleUploadedFile("k.geojson", geojson(({"naam": "Holtwolde"}, square(6.5, 52.8))))
    response = import_file(client, upload)
    assert response.status_code == 302
    assert not Kern.objects.exists()


# --- Map widgets: django-leaflet, never Django's own ------------------------------------

# A way to make an object of each model with a geometry in the admin.
GEOMETRY_OBJECTS = {
    "places.Kern": KernFactory,
    "initiatives.Initiative": InitiativeFactory,
    "jewels.CrownJewel": CrownJewelFactory,
}
# What Django's own GIS widgets load (OpenLayers, from a CDN).
FOREIGN_SCRIPTS = re.compile(r"openlayers|cdnjs|jsdelivr|unpkg|//cdn\.|ol\.js", re.IGNORECASE)


def models_with_geometry() -> dict[str, type]:
    found = {}
    for model, model_admin in admin.site._registry.items():
        inline_models = [inline.model for inline in model_admin.inlines]
        for candidate in (model, *inline_models):
            if any(isinstance(field, GeometryField) for field in candidate._meta.fields):
                found[model._meta.label] = model
    return found


def test_every_model_with_a_geometry_has_an_object_to_try():
    assert set(models_with_geometry()) == set(GEOMETRY_OBJECTS)


@pytest.mark.parametrize("label", sorted(GEOMETRY_OBJECTS))
def test_geometries_are_edited_with_leaflet(admin_client, admin_user, rf, label):
    model = models_with_geometry()[label]
    obj = GEOMETRY_OBJECTS[label]()
    base = f"admin:{model._meta.app_label}_{model._meta.model_name}"

    urls = [reverse(f"{base}_change", args=[obj.pk])]
    request = rf.get("/beheer/")
    request.user = admin_user
    if admin.site._registry[model].has_add_permission(request):
        urls.append(reverse(f"{base}_add"))  # crown jewels are nominated on the site only
    for url in urls:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert not FOREIGN_SCRIPTS.search(page), (url, FOREIGN_SCRIPTS.search(page))
        assert "leaflet/leaflet.js" in page, url
        assert "leaflet/leaflet.forms.js" in page, url
        for field in model._meta.fields:
            if isinstance(field, GeometryField):
                assert f'id="id_{field.name}-map"' in page, (url, field.name)


# --- In Dutch ---------------------------------------------------------------------------


def test_the_administration_speaks_dutch(admin_client):
    hidden = CrownJewelFactory()
    for number in range(3):
        jewels_services.report(hidden, reporter_key=f"r{number}", user=None, reason="")
    pages = {
        "admin:index": ["Recente acties"],
        "admin:accounts_user_changelist": ["Gebruikers", "Actie:"],
        "admin:moderation_report_moderation": ["Meldingen"],
        "admin:places_kern_import": ["Dorpen en wijken"],
    }
    for name, texts in pages.items():
        page = admin_client.get(reverse(name)).content.decode()
        assert '<html lang="nl"' in page, name
        for text in texts:
            assert text in page, (name, text)
        assert "Beheer van Kompas" in page, name


def test_crown_jewels_edit_in_the_admin_keeps_working_after_a_merge(admin_client):
    keep, other = jewel_category("plek"), jewel_category("gebouw")
    jewel = CrownJewelFactory(category=other)
    terms.merge_terms(keep, [other])
    response = admin_client.get(reverse("admin:jewels_crownjewel_change", args=[jewel.pk]))
    assert response.status_code == 200
    assert CrownJewel.objects.get(pk=jewel.pk).category == keep


# --- Consent stays with the initiative --------------------------------------------------


def test_the_change_form_does_not_put_an_initiative_on_the_map(admin_client, admin_user):
    known = InitiativeFactory(name="Soepgroep", status=InitiativeStatus.KNOWN)
    url = reverse("admin:initiatives_initiative_change", args=[known.pk])

    response = post_change_form(
        admin_client,
        url,
        description="Wij koken elke week.",
        status=InitiativeStatus.PUBLIC,
        published_at_0="01-01-2026",
        published_at_1="10:00:00",
        published_by=str(admin_user.pk),
        contact_consent="on",
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    known.refresh_from_db()
    assert known.description == "Wij koken elke week."  # the form did save
    assert known.status == InitiativeStatus.KNOWN
    assert (known.published_at, known.published_by) == (None, None)
    assert not known.contact_consent
    assert not Initiative.objects.visible_to(AnonymousUser()).filter(pk=known.pk).exists()


def test_the_change_form_does_not_take_an_initiative_off_the_map(admin_client):
    public = InitiativeFactory(name="Soepgroep", status=InitiativeStatus.PUBLIC)
    url = reverse("admin:initiatives_initiative_change", args=[public.pk])

    response = post_change_form(admin_client, url, status=InitiativeStatus.TIP)

    assert response.status_code == 302
    public.refresh_from_db()
    assert public.status == InitiativeStatus.PUBLIC


def test_the_add_form_enters_an_initiative_as_known(admin_client, admin_user):
    url = reverse("admin:initiatives_initiative_add")

    response = post_change_form(
        admin_client,
        url,
        name="Soepgroep",
        slug="soepgroep",
        status=InitiativeStatus.PUBLIC,
        published_by=str(admin_user.pk),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    added = Initiative.objects.get(slug="soepgroep")
    assert added.status == InitiativeStatus.KNOWN
    assert added.published_by is None


def test_nobody_becomes_a_member_by_an_administrators_hand(admin_client, admin_user):
    """A member may put the initiative on the map: members come through an invitation or
    a request to join, never from the admin."""
    known = InitiativeFactory(name="Soepgroep", status=InitiativeStatus.KNOWN)
    url = reverse("admin:initiatives_initiative_change", args=[known.pk])
    page = admin_client.get(url)

    response = admin_client.post(
        url,
        change_form_data(page)
        | {
            "memberships-TOTAL_FORMS": "1",
            "memberships-0-user": str(admin_user.pk),
            "memberships-0-role": "initiator",
        },
    )

    assert response.status_code == 302
    assert not known.memberships.exists()
    assert not access.can_set_status(admin_user, known, InitiativeStatus.PUBLIC)
