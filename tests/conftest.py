"""Shared fixtures: one user per role, signed-in clients, and the demo built once."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.transaction import Atomic

from tests.demo_loading import load_demo
from tests.factories import KernFactory, UserFactory

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


@pytest.fixture
def staff():
    """A member of staff (modules that need a name or a department override it)."""
    return UserFactory(email="ambtenaar@example.org", staff=True)


@pytest.fixture
def staff_client(client, staff):
    """A test client signed in as ``staff``."""
    client.force_login(staff)
    return client


@pytest.fixture
def resident():
    """A resident with an account."""
    return UserFactory(email="inwoner@example.org")


@pytest.fixture
def kern():
    """A kern, Veldwijk."""
    return KernFactory(name="Veldwijk")


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
def media_in_tmp(request, settings, tmp_path):
    """Uploaded photos go to a directory of the test's own, never into the project; for a
    test that uses the demo, it starts with a copy of the demo's photos."""
    settings.MEDIA_ROOT = tmp_path / "media"
    if "demo" in request.fixturenames:
        shutil.copytree(request.getfixturevalue("demo").media, settings.MEDIA_ROOT)


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


# --- The demo, built once ---------------------------------------------------------------


class Demo:
    """The small demo, loaded inside an outer transaction that tests asking for ``demo``
    run in (each in a savepoint of its own), and rolled back when the next test does not
    ask for it: other tests see an empty database, transactional ones too.

    Gives what ``load_demo`` printed, the email it sent and the directory of its photos."""

    def __init__(self, blocker, tmp_path_factory) -> None:
        self.blocker = blocker
        self.tmp_path_factory = tmp_path_factory
        self.atomic: Atomic | None = None
        self.output = ""
        self.sent: list = []
        self.media: Path | None = None

    @property
    def loaded(self) -> bool:
        return self.atomic is not None

    def load(self) -> None:
        from django.core import mail
        from django.db import transaction
        from django.test import override_settings
        from django.utils import translation

        self.media = self.tmp_path_factory.mktemp("demo-media")
        with (
            self.blocker.unblock(),
            override_settings(MEDIA_ROOT=self.media),
            translation.override("en"),
        ):
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            try:
                mail.outbox = []
                self.output = load_demo()
                self.sent = list(mail.outbox)
                mail.outbox = []
            except BaseException:
                self.roll_back()
                raise

    def roll_back(self) -> None:
        from django.db import transaction

        if self.atomic is None:
            return
        atomic, self.atomic = self.atomic, None
        with self.blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


_DEMO = pytest.StashKey[Demo]()


def uses_demo(item) -> bool:
    return "demo" in getattr(item, "fixturenames", ())


@pytest.fixture(scope="session")
def demo(request, django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[Demo]:
    """The small demo in the test database (see Demo). Session-scoped, so it is set up
    before any test's own transaction; loaded again only if tests that do not use it ran
    in between (the tests that use it are run one after the other)."""
    built = Demo(django_db_blocker, tmp_path_factory)
    request.config.stash[_DEMO] = built
    built.load()
    yield built
    built.roll_back()


def pytest_collection_modifyitems(items):
    """Run the tests that use the demo one after the other, where the first of them
    stands, so the demo is built once."""
    with_demo = [item for item in items if uses_demo(item)]
    if not with_demo:
        return
    first = items.index(with_demo[0])
    without = [item for item in items if not uses_demo(item)]
    items[:] = without[:first] + with_demo + without[first:]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Load the demo again for a test that uses it after tests that did not."""
    built = item.config.stash.get(_DEMO, None)
    if built is not None and not built.loaded and uses_demo(item):
        built.load()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Roll the demo back once the next test does not use it (after this test's own
    transaction is rolled back)."""
    try:
        return (yield)
    finally:
        built = item.config.stash.get(_DEMO, None)
        if built is not None and built.loaded and (nextitem is None or not uses_demo(nextitem)):
            built.roll_back()
