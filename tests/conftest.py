"""Shared fixtures: one user per role, signed-in clients."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import UserFactory

ROLES = ["anonymous", "resident", "staff", "council", "admin"]


@pytest.fixture
def make_user(db):
    """A user for a role name from ROLES (AnonymousUser for "anonymous")."""

    def make(role: str):
        if role == "anonymous":
            return AnonymousUser()
        traits = {role: True} if role in {"staff", "council", "admin"} else {}
        return UserFactory(email=f"{role}@example.org", **traits)

    return make


@pytest.fixture
def client_as(client, make_user):
    """A test client signed in as the given role (not signed in for "anonymous")."""

    def sign_in(role: str):
        user = make_user(role)
        if role != "anonymous":
            client.force_login(user)
        return client

    return sign_in


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate limits and used authenticator codes live in the cache: each test starts clean."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def in_english(client, settings):
    """Assert on the English source text, whatever the nl catalogue says: in code run by
    the test, and in the pages the test client asks for."""
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded photos go to a directory of the test's own, never into the project."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def admin_user(make_user):
    """The administrator, with the authenticator /beheer/ asks for."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    user = make_user("admin")
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def admin_client(client, admin_user):
    """A test client signed in as the administrator."""
    client.force_login(admin_user)
    return client
