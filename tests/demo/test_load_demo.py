"""manage.py load_demo: Markeveld with sixteen kernen that tile it, and one account per role."""

import itertools

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import decrypt
from django.contrib.gis.geos import MultiPolygon
from django.core.management import CommandError
from django.urls import reverse

from accounts.models import Department, User
from demo.geometry import outline_polygon
from demo.initiatives import RESIDENTS
from demo.people import ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET
from demo.places import OUTLINE
from kompas.choices import Role
from places.models import Kern, KernKind
from tests.demo_loading import load_demo
from tests.totp import current_totp

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

# Square degrees: about 0.01 m² in the Netherlands.
NO_AREA = 1e-12


def counts() -> dict[str, int]:
    return {
        "kernen": Kern.objects.count(),
        "kern history": Kern.history.count(),
        "departments": Department.objects.count(),
        "users": User.objects.count(),
        "email addresses": EmailAddress.objects.count(),
        "authenticators": Authenticator.objects.count(),
    }


def test_running_twice_makes_nothing_twice(demo):
    first = counts()

    output = load_demo()

    assert counts() == first
    assert first["kernen"] == 16
    assert first["users"] == len(ACCOUNTS) + len(RESIDENTS)
    assert "0 places created, 0 updated, 16 unchanged, 0 skipped" in output


def test_a_production_site_needs_force_because_the_demo_secrets_are_public(settings):
    settings.DEBUG = False
    settings.TESTING = False

    with pytest.raises(CommandError, match="--force"):
        load_demo()
    assert not User.objects.exists()

    load_demo("--force")
    assert User.objects.count() == len(ACCOUNTS) + len(RESIDENTS)


def test_sixteen_kernen_tile_the_municipality_without_overlap(demo):
    outline = outline_polygon(OUTLINE)

    kernen = list(Kern.objects.all())

    assert len(kernen) == 16
    for kern in kernen:
        assert kern.boundary.valid, kern.name
        assert kern.boundary.area > 0.001, kern.name  # at least a few km²
        assert kern.boundary.contains(kern.centre), kern.name
        assert outline.buffer(1e-9).contains(kern.boundary), kern.name
    for one, other in itertools.combinations(kernen, 2):
        assert one.boundary.intersection(other.boundary).area < NO_AREA, (one.name, other.name)
    union = MultiPolygon(*[polygon for kern in kernen for polygon in kern.boundary]).unary_union
    assert union.area == pytest.approx(outline.area, rel=1e-9)
    assert union.sym_difference(outline).area < NO_AREA


def test_the_municipality_lies_where_the_map_opens(demo, settings):
    outline = outline_polygon(OUTLINE)
    min_lon, min_lat, max_lon, max_lat = outline.extent

    assert 6.45 <= min_lon < max_lon <= 6.80
    assert 52.65 <= min_lat < max_lat <= 52.90
    lat, lon = settings.KOMPAS_MAP_CENTER
    assert min_lon < lon < max_lon
    assert min_lat < lat < max_lat


def test_kernen_are_mostly_villages_with_districts_of_the_main_town_and_hamlets(demo):
    kinds = [kern.kind for kern in Kern.objects.all()]

    assert kinds.count(KernKind.VILLAGE) > 8
    assert kinds.count(KernKind.DISTRICT) >= 2
    assert 1 <= kinds.count(KernKind.HAMLET) <= 2
    districts = Kern.objects.filter(kind=KernKind.DISTRICT).values_list("name", flat=True)
    assert all(name.startswith("Markeveld") for name in districts)
    codes = set(Kern.objects.values_list("cbs_code", flat=True))
    assert len(codes) == 16
    assert all(code.startswith("WK") for code in codes)
    assert len(set(Kern.objects.values_list("slug", flat=True))) == 16


def test_departments_include_a_partner_organisation(demo):
    names = set(Department.objects.values_list("name", flat=True))
    assert {
        "Sociaal team",
        "Openbare ruimte",
        "Communicatie",
        "Publiekszaken",
        "Raadsgriffie",
        "Welzijn Markeveld",
    } <= names
    assert len(names) > 6
    assert Department.objects.get(name="Welzijn Markeveld").is_partner
    assert not Department.objects.get(name="Sociaal team").is_partner


@pytest.mark.parametrize(
    ("email", "role", "department", "has_password"),
    [
        ("inwoner@example.org", Role.RESIDENT, None, False),
        ("ambtenaar@example.org", Role.STAFF, "Sociaal team", True),
        ("raadslid@example.org", Role.COUNCIL, None, False),
        ("beheerder@example.org", Role.ADMIN, None, True),
    ],
)
def test_one_account_per_role(demo, email, role, department, has_password):
    user = User.objects.get(email=email)

    assert user.role == role
    assert (user.department.name if user.department else None) == department
    assert user.has_usable_password() is has_password
    if has_password:
        assert user.check_password(DEMO_PASSWORD)
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.primary, address.verified) == (email, True, True)


def test_only_the_administrator_enters_the_django_admin(demo):
    admins = User.objects.filter(is_staff=True, is_superuser=True)

    assert list(admins.values_list("email", flat=True)) == ["beheerder@example.org"]


def test_the_password_option_sets_the_password_of_accounts_that_have_one(demo):
    load_demo("--password", "een-ander-wachtwoord")

    assert User.objects.get(email="ambtenaar@example.org").check_password("een-ander-wachtwoord")
    assert User.objects.get(email="beheerder@example.org").check_password("een-ander-wachtwoord")
    assert not User.objects.get(email="inwoner@example.org").has_usable_password()


def test_the_administrator_has_an_authenticator_with_the_demo_secret(demo):
    load_demo()

    admin = User.objects.get(email="beheerder@example.org")
    totp = Authenticator.objects.get(user=admin, type=Authenticator.Type.TOTP)
    assert decrypt(totp.data["secret"]) == DEMO_TOTP_SECRET
    assert Authenticator.objects.filter(user=admin, type=Authenticator.Type.RECOVERY_CODES).exists()
    assert not Authenticator.objects.exclude(user=admin).exists()


def test_the_demo_administrator_signs_in_with_password_and_authenticator(demo, client):
    response = client.post(
        reverse("account_login"),
        {"login": "beheerder@example.org", "password": DEMO_PASSWORD},
        secure=True,
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")

    response = client.post(
        reverse("mfa_authenticate"), {"code": current_totp(DEMO_TOTP_SECRET)}, secure=True
    )
    assert response.status_code == 302

    assert client.get(reverse("admin:index"), secure=True).status_code == 200


def test_the_output_lists_the_sign_ins(demo):
    output = demo.output

    assert "Demo sign-ins for Gemeente Markeveld:" in output
    for email in [
        "inwoner@example.org",
        "ambtenaar@example.org",
        "raadslid@example.org",
        "beheerder@example.org",
    ]:
        assert email in output
    assert f"password: {DEMO_PASSWORD}" in output
    assert "no password: sign in with a code sent by email" in output
    assert f"authenticator app key: {DEMO_TOTP_SECRET}" in output
    assert f"otpauth://totp/beheerder%40example.org?secret={DEMO_TOTP_SECRET}" in output


def test_the_large_size_builds_the_same_places(monkeypatch):
    # Ten thousand generated initiatives take seconds: a few show the same path.
    monkeypatch.setattr("demo.initiative_steps.LARGE_COUNT", 10)
    monkeypatch.setattr("demo.conversation_steps.LARGE_CONVERSATIONS", 10)
    load_demo("--size", "large")

    assert Kern.objects.count() == 16
