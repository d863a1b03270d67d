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
def fresh_cache(request):
    """Rate limits and used authenticator codes live in the cache, kept answers in each
    process's own: each test starts clean.

    The default cache is a table in the database. A test that runs in a transaction
    leaves it as it was (what the test kept is rolled back with the rest); a test whose
    writes are committed (a live server's) empties it before and after, with its
    database set up first (Django's flush leaves the cache table alone)."""
    from django.core.cache import caches
    from django.core.cache.backends.db import BaseDatabaseCache
    from django.db import connections, router

    uses_database = (
        request.node.get_closest_marker("django_db") is not None
        or "_django_db_helper" in request.fixturenames
    )
    if uses_database:
        request.getfixturevalue("db")

    def clear():
        for cache in caches.all():
            if not isinstance(cache, BaseDatabaseCache):
                cache.clear()
            elif uses_database:
                connection = connections[router.db_for_write(cache.cache_model_class)]
                if not connection.in_atomic_block:
                    cache.clear()

    clear()
    yield
    clear()


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
