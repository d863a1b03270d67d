"""Accounts: residents use an emailed code, staff a password, admins an authenticator."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import User
from kompas.choices import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-wachtwoord-123"


def code_in(message) -> str:
    """The sign-in or confirmation code in an email."""
    match = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", message.body, re.MULTILINE)
    assert match, message.body
    return match.group(1)


def verified(user):
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


def test_a_resident_signs_up_with_only_an_email_address_and_a_code(client):
    response = client.post(reverse("account_signup"), {"email": "nieuw@example.org"})
    assert response.status_code == 302

    code = code_in(mail.outbox[-1])
    response = client.post(response["Location"], {"code": code})

    user = User.objects.get(email="nieuw@example.org")
    assert user.role == Role.RESIDENT
    assert not user.has_usable_password()
    assert client.get(reverse("account_email")).status_code == 200


def test_a_resident_signs_in_with_an_emailed_code(client):
    verified(UserFactory(email="inwoner@example.org", password=None))

    response = client.post(reverse("account_request_login_code"), {"email": "inwoner@example.org"})
    assert response.status_code == 302
    code = code_in(mail.outbox[-1])
    response = client.post(reverse("account_confirm_login_code"), {"code": code})

    assert response.status_code == 302
    assert client.get(reverse("account_email")).status_code == 200


def test_staff_are_not_sent_a_code_but_told_to_use_their_password(client):
    verified(UserFactory(email="ambtenaar@example.org", staff=True))

    client.post(reverse("account_request_login_code"), {"email": "ambtenaar@example.org"})

    message = mail.outbox[-1]
    assert "wachtwoord" in message.body
    assert not re.search(r"^\s*[A-Z0-9]{4}-[A-Z0-9]{4}\s*$", message.body, re.MULTILINE)


def test_staff_sign_in_with_a_password(client):
    verified(UserFactory(email="ambtenaar@example.org", staff=True))

    response = client.post(
        reverse("account_login"), {"login": "ambtenaar@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response.wsgi_request.user.is_authenticated


def test_repeated_wrong_passwords_are_slowed_down(client):
    verified(UserFactory(email="ambtenaar@example.org", staff=True))
    login = {"login": "ambtenaar@example.org", "password": "fout"}

    for _ in range(5):
        client.post(reverse("account_login"), login)
    response = client.post(reverse("account_login"), login | {"password": PASSWORD})

    assert response.status_code == 429 or not response.wsgi_request.user.is_authenticated


@pytest.mark.parametrize(
    ("role", "sees_admin_menu"),
    [("anonymous", False), ("resident", False), ("staff", False), ("council", False)],
)
def test_the_header_shows_only_what_the_role_can_use(client_as, role, sees_admin_menu):
    page = client_as(role).get(reverse("home")).content.decode()

    assert (reverse("admin:index") in page) is sees_admin_menu
    assert ("account_logout" in page or reverse("account_logout") in page) is (role != "anonymous")


def test_an_administrator_sees_the_administration_in_the_header(client_as, make_user):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    client = client_as("admin")
    TOTP.activate(make_user("admin"), generate_totp_secret())

    assert reverse("admin:index") in client.get(reverse("home")).content.decode()


def test_the_language_switch_changes_the_language(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)

    assert '<html lang="en"' in response.content.decode()
