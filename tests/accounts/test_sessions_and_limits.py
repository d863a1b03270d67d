"""How long a session lasts, and how often one address may post a form."""

import time

import pytest
from allauth.account.models import EmailAddress
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from kompas.choices import InitiativeStatus
from kompas.middleware import SessionLimitsMiddleware
from tests.factories import CrownJewelFactory, InitiativeFactory, UserFactory

pytestmark = pytest.mark.django_db

TOO_MANY_REQUESTS = 429


def set_in_session(client, **values):
    session = client.session
    session.update(values)
    session.save()


def minutes_ago(minutes: int) -> int:
    return int(time.time()) - minutes * 60


# --- Sessions ---------------------------------------------------------------------------


def test_a_session_lasts_at_most_a_day_by_default():
    from django.conf import settings

    assert settings.SESSION_COOKIE_AGE == 24 * 60 * 60
    assert settings.KOMPAS_STAFF_IDLE_MINUTES == 30


@pytest.mark.parametrize("role", ["staff", "admin"])
def test_staff_idle_too_long_are_signed_out_and_sent_to_sign_in(
    client_as, in_english, make_user, role
):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    client = client_as(role)
    if role == "admin":
        TOTP.activate(make_user("admin"), generate_totp_secret())
    assert client.get(reverse("tip_list")).status_code == 200
    set_in_session(client, **{SessionLimitsMiddleware.LAST_ACTIVITY: minutes_ago(31)})

    response = client.get(reverse("tip_list"))

    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=%2Ftips%2F"
    assert "_auth_user_id" not in client.session
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert shown == ["You were signed out after 30 minutes without activity. Please sign in again."]


def test_staff_active_within_the_limit_stay_signed_in(client_as):
    client = client_as("staff")
    client.get(reverse("home"))
    set_in_session(client, **{SessionLimitsMiddleware.LAST_ACTIVITY: minutes_ago(29)})

    assert client.get(reverse("tip_list")).status_code == 200
    # The request counts as activity: the clock starts again.
    assert client.session[SessionLimitsMiddleware.LAST_ACTIVITY] >= minutes_ago(1)


def test_the_idle_limit_comes_from_the_settings(client_as, settings):
    settings.KOMPAS_STAFF_IDLE_MINUTES = 5
    client = client_as("staff")
    client.get(reverse("home"))
    set_in_session(client, **{SessionLimitsMiddleware.LAST_ACTIVITY: minutes_ago(6)})

    assert client.get(reverse("tip_list")).status_code == 302


@pytest.mark.parametrize("role", ["resident", "council"])
def test_residents_and_council_members_have_no_idle_limit(client_as, role):
    client = client_as(role)
    client.get(reverse("home"))
    set_in_session(client, **{SessionLimitsMiddleware.LAST_ACTIVITY: minutes_ago(120)})

    client.get(reverse("home"))

    assert "_auth_user_id" in client.session


@pytest.mark.parametrize("role", ["resident", "staff"])
def test_a_session_ends_a_day_after_signing_in_however_busy(client_as, in_english, role):
    client = client_as(role)
    client.get(reverse("home"))
    day_and_a_minute = 24 * 60 + 1
    set_in_session(
        client,
        **{
            SessionLimitsMiddleware.STARTED: minutes_ago(day_and_a_minute),
            SessionLimitsMiddleware.LAST_ACTIVITY: minutes_ago(1),
        },
    )

    response = client.get(reverse("notification_settings"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_a_session_younger_than_a_day_goes_on(client_as):
    client = client_as("resident")
    client.get(reverse("home"))
    set_in_session(client, **{SessionLimitsMiddleware.STARTED: minutes_ago(23 * 60)})

    assert client.get(reverse("notification_settings")).status_code == 200


# --- Sign-in limits (allauth) -----------------------------------------------------------


def test_asking_for_sign_in_codes_again_and_again_is_refused(mailoutbox):
    user = UserFactory(email="inwoner@example.org", password=None)
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)

    # A fresh browser each time, as a script would: the limit is per address asked for.
    statuses = [
        Client().post(reverse("account_request_login_code"), {"email": user.email}).status_code
        for _ in range(6)
    ]

    # Five codes in five minutes; the sixth request stays on the form, and no mail goes.
    assert statuses == [302] * 5 + [200]
    assert len(mailoutbox) == 5


def test_many_sign_in_attempts_from_one_address_are_refused(client, settings):
    settings.ACCOUNT_RATE_LIMITS = settings.ACCOUNT_RATE_LIMITS | {"login": "3/m/ip"}
    login = {"login": "niemand@example.org", "password": "fout"}

    statuses = [client.post(reverse("account_login"), login).status_code for _ in range(4)]

    assert TOO_MANY_REQUESTS not in statuses[:3]
    assert statuses[3] == TOO_MANY_REQUESTS


# --- Public forms -----------------------------------------------------------------------


@pytest.fixture
def small_limit(settings):
    settings.KOMPAS_FORM_RATE_LIMIT_POSTS = 2
    settings.KOMPAS_FORM_RATE_LIMIT_MINUTES = 10
    cache.clear()
    yield
    cache.clear()


def test_reports_from_one_address_are_limited_with_a_friendly_page(client, in_english, small_limit):
    jewel = CrownJewelFactory(name="De Lindeboom")
    url = reverse("jewel_report", kwargs={"slug": jewel.slug})

    statuses = [client.post(url, {"reason": "Klopt niet"}).status_code for _ in range(3)]

    assert statuses[:2] == [302, 302]
    assert statuses[2] == TOO_MANY_REQUESTS
    page = client.post(url, {"reason": "Klopt niet"})
    assert page.status_code == TOO_MANY_REQUESTS
    assert "Please wait a moment" in page.content.decode()
    assert "127.0.0.1" not in page.content.decode()


def test_reading_a_form_is_not_limited(client, small_limit):
    jewel = CrownJewelFactory(name="De Lindeboom")
    url = reverse("jewel_report", kwargs={"slug": jewel.slug})

    assert {client.get(url).status_code for _ in range(4)} == {200}


def test_the_limit_is_per_address(client, small_limit):
    jewel = CrownJewelFactory(name="De Lindeboom")
    url = reverse("jewel_report", kwargs={"slug": jewel.slug})
    for _ in range(2):
        client.post(url, {"reason": "Klopt niet"})

    assert client.post(url, {"reason": "x"}).status_code == TOO_MANY_REQUESTS
    elsewhere = client.post(url, {"reason": "x"}, REMOTE_ADDR="192.0.2.7")
    assert elsewhere.status_code != TOO_MANY_REQUESTS


def test_the_limit_is_per_kind_of_form(client_as, small_limit):
    client = client_as("resident")
    jewel = CrownJewelFactory(name="De Lindeboom")
    for _ in range(3):
        client.post(reverse("jewel_report", kwargs={"slug": jewel.slug}), {"reason": "x"})

    response = client.post(
        reverse("jewel_appreciate", kwargs={"slug": jewel.slug}),
        {"waardering-text": "Mooi", "waardering-signed_as": "name"},
    )

    assert response.status_code != TOO_MANY_REQUESTS


def test_the_window_ends(client, small_limit, monkeypatch):
    jewel = CrownJewelFactory(name="De Lindeboom")
    url = reverse("jewel_report", kwargs={"slug": jewel.slug})
    for _ in range(3):
        client.post(url, {"reason": "x"})
    later = time.time() + 11 * 60
    monkeypatch.setattr("kompas.ratelimit.time.time", lambda: later)

    assert client.post(url, {"reason": "x"}).status_code != TOO_MANY_REQUESTS


LIMITED_FORMS = [
    ("initiative_create", lambda: {}),
    ("jewel_create", lambda: {}),
    (
        "join_request_send",
        lambda: {"slug": InitiativeFactory(name="Soepgroep", status=InitiativeStatus.PUBLIC).slug},
    ),
    ("jewel_appreciate", lambda: {"slug": CrownJewelFactory(name="De Lindeboom").slug}),
]


@pytest.mark.parametrize(("name", "kwargs"), LIMITED_FORMS)
def test_resident_forms_are_limited(client_as, small_limit, name, kwargs):
    client = client_as("resident")
    url = reverse(name, kwargs=kwargs())

    statuses = [client.post(url, {}).status_code for _ in range(3)]

    assert TOO_MANY_REQUESTS not in statuses[:2]
    assert statuses[2] == TOO_MANY_REQUESTS


# --- Administrators' authenticator ------------------------------------------------------


def test_the_admin_sign_in_form_does_not_take_a_password_alone(client):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    admin = UserFactory(email="beheerder@example.org", admin=True)
    EmailAddress.objects.create(user=admin, email=admin.email, primary=True, verified=True)
    TOTP.activate(admin, generate_totp_secret())

    response = client.post(
        reverse("admin:login"),
        {"username": admin.email, "password": "geheim-wachtwoord-123"},
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert client.get(reverse("admin:index")).status_code == 302
    # The site's own sign-in asks for the authenticator code after the password.
    response = client.post(
        reverse("account_login"), {"login": admin.email, "password": "geheim-wachtwoord-123"}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session


def test_the_admin_sign_in_sends_an_administrator_on_but_never_off_site(client_as, make_user):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    client = client_as("admin")
    TOTP.activate(make_user("admin"), generate_totp_secret())

    inside = client.get(reverse("admin:login") + "?next=/beheer/initiatives/")
    outside = client.get(reverse("admin:login") + "?next=https://elders.example.com/")
    no_path = client.get(reverse("admin:login") + "?next=home")

    assert inside["Location"] == "/beheer/initiatives/"
    assert outside["Location"] == reverse("admin:index")
    assert no_path["Location"] == reverse("admin:index")


def test_signing_in_starts_the_clocks_and_the_next_page_leaves_them(client_as):
    client = client_as("staff")
    assert client.session[SessionLimitsMiddleware.STARTED] >= minutes_ago(1)
    assert client.session[SessionLimitsMiddleware.LAST_ACTIVITY] >= minutes_ago(1)
    client.get(reverse("health"))
    before = dict(client.session)

    client.get(reverse("health"))

    assert dict(client.session) == before


def test_staff_sharing_an_office_address_are_not_limited(client_as, small_limit):
    client = client_as("staff")
    jewel = CrownJewelFactory(name="De Lindeboom")
    url = reverse("jewel_report", kwargs={"slug": jewel.slug})

    statuses = [client.post(url, {"reason": "Klopt niet"}).status_code for _ in range(3)]

    assert TOO_MANY_REQUESTS not in statuses
