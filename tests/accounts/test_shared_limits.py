"""Sign-in limits and one-time codes hold for the whole site, not per process.

allauth keeps its sign-in limits and its "code already used" marker in the default cache,
as Kompas keeps its form limits: a table in the database that every process shares, that
counts atomically and that `migrate` creates; `check --deploy` refuses a cache of one
process. The live tests run the site as production does: gunicorn with three workers,
DEBUG off, the default cache. Every request goes over plain HTTP on a new connection, so
the workers share them; the access log names the worker that answered each, and the
tests go on until every worker has answered the request that must be refused.
"""

import hashlib
import http.cookiejar
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from threading import Barrier

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import checks
from django.core.cache import caches
from django.core.cache.backends.db import BaseDatabaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.management import call_command
from django.db import connections

from tests.factories import UserFactory
from tests.totp import current_totp

WORKERS = 3
PASSWORD = "geheim-wachtwoord-123"
HOST = "127.0.0.1"
# An access log line: the answering worker's process id, method, path, query and status.
ACCESS_LOG_FORMAT = "%(p)s %(m)s %(U)s %(q)s %(s)s"
LOG_LINE = re.compile(r"^<(?P<pid>\d+)> \S+ \S+ (?P<query>\S*) \d+$")
# Requests sent at the same moment: more than there are workers, so that while some are
# busy the others must take the rest (on an idle machine one quick worker may otherwise
# answer a whole round).
AT_ONCE = 2 * WORKERS
# The most attempts a test makes to reach every worker (each a GET and a POST or two);
# with the wrong passwords before them they stay under allauth's 30 sign-ins a minute
# from one address, so a refusal is never that limit.
MOST_ATTEMPTS = 2 * AT_ONCE


# --- The deploy check -------------------------------------------------------------------


def deploy_errors():
    return [
        message
        for message in checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.caches])
        if message.id.startswith("kompas.")
    ]


@pytest.mark.parametrize(
    "backend",
    [
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.dummy.DummyCache",
    ],
)
def test_the_deploy_check_refuses_a_cache_of_one_process(settings, backend):
    settings.DEBUG = False
    settings.CACHES = {**settings.CACHES, "default": {"BACKEND": backend}}

    errors = deploy_errors()

    assert [error.id for error in errors] == ["kompas.E001"]
    assert errors[0].level == checks.ERROR
    assert "CACHE_URL" in errors[0].hint


def test_the_deploy_check_refuses_a_cache_that_cannot_count_atomically(settings, tmp_path):
    settings.DEBUG = False
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        },
    }

    assert [error.id for error in deploy_errors()] == ["kompas.E002"]


def test_the_default_cache_passes_the_deploy_check(settings):
    settings.DEBUG = False

    assert deploy_errors() == []


def test_a_local_run_may_keep_its_cache_in_memory(settings):
    settings.DEBUG = True
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }

    assert deploy_errors() == []


def kept_as(key: str) -> str:
    """The cache key of a remembered answer: hashed, so of any length."""
    return f"kompas:{hashlib.sha256(key.encode()).hexdigest()}"


@pytest.mark.django_db
def test_answers_named_by_their_version_are_kept_per_process_others_shared():
    from kompas.caching import remembered

    layer = remembered("laag:v1", lambda: "built", 60, versioned=True)
    figures = remembered("cijfers", lambda: "counted", 60)

    # A copy per process of what names its version is never stale; what does not, every
    # process must see alike, as it must see limits and used codes.
    assert (layer, figures) == ("built", "counted")
    assert isinstance(caches["kept"], LocMemCache)
    assert isinstance(caches["default"], BaseDatabaseCache)
    assert remembered("laag:v1", lambda: "again", 60, versioned=True) == "built"
    assert remembered("cijfers", lambda: "again", 60) == "counted"
    kept_here = {name: caches[name].get(kept_as("laag:v1")) for name in ("kept", "default")}
    shared = {name: caches[name].get(kept_as("cijfers")) for name in ("kept", "default")}
    assert kept_here == {"kept": "built", "default": None}
    assert shared == {"kept": None, "default": "counted"}


# --- The database cache counts atomically -----------------------------------------------


def postgresql_only():
    if connections["default"].vendor != "postgresql":
        pytest.skip(
            "connections writing at once: the test's SQLite database is one in memory, "
            "which refuses a second writer at once rather than letting it wait"
        )


def at_once(work: Callable[[], None], times: int) -> None:
    """``work`` in ``times`` threads, each with its own database connection, started at
    the same moment."""
    start = Barrier(times)

    def run() -> None:
        try:
            start.wait()
            work()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=times) as pool:
        for done in [pool.submit(run) for _ in range(times)]:
            done.result()


@pytest.mark.django_db(transaction=True)
def test_the_database_cache_loses_no_count_when_many_count_at_once():
    postgresql_only()
    cache = caches["default"]
    cache.add("teller", 0, timeout=60)

    def count() -> None:
        for _ in range(25):
            caches["default"].incr("teller")

    at_once(count, times=6)

    assert cache.get("teller") == 150


@pytest.mark.django_db(transaction=True)
def test_the_form_limit_counts_every_post_made_at_once(rf, settings):
    postgresql_only()
    from kompas.ratelimit import allow_post

    settings.KOMPAS_FORM_RATE_LIMIT_POSTS = 40
    allowed = []

    def post() -> None:
        for _ in range(10):
            allowed.append(allow_post(rf.post("/"), "report"))

    at_once(post, times=6)

    assert allowed.count(True) == 40


def expires_of(key: str):
    table = settings.CACHES["default"]["LOCATION"]
    with connections["default"].cursor() as cursor:
        cursor.execute(
            f"SELECT expires FROM {table} WHERE cache_key = %s",
            [caches["default"].make_key(key)],
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_counting_keeps_the_expiry_of_what_is_counted():
    cache = caches["default"]
    cache.add("teller", 0, timeout=3600)
    before = expires_of("teller")

    assert cache.incr("teller", 5) == 5
    assert cache.decr("teller") == 4
    assert expires_of("teller") == before


@pytest.mark.django_db
def test_counting_what_is_not_there_or_has_expired_is_refused():
    cache = caches["default"]
    cache.set("verlopen", 3, timeout=-1)

    with pytest.raises(ValueError):
        cache.incr("nergens")
    with pytest.raises(ValueError):
        cache.incr("verlopen")


@pytest.mark.django_db
def test_an_expired_entry_can_be_added_again_but_only_once():
    cache = caches["default"]
    cache.set("gebruikt", "y", timeout=-1)

    assert cache.add("gebruikt", "y", timeout=60) is True
    assert cache.add("gebruikt", "y", timeout=60) is False
    assert cache.get("gebruikt") == "y"


@pytest.mark.django_db
def test_migrate_creates_the_cache_table_where_it_is_missing():
    connection = connections["default"]
    table = settings.CACHES["default"]["LOCATION"]
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {connection.ops.quote_name(table)}")

    call_command("migrate", verbosity=0)

    assert table in connection.introspection.table_names()


# --- The site under gunicorn ------------------------------------------------------------


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Answer:
    status: int
    location: str
    body: str


class Visitor:
    """One browser: its own cookies, a new connection per request, redirects not
    followed."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirects()
        )

    def request(self, path: str, data: dict | None = None, probe: str = "") -> Answer:
        url = self.base_url + path + (f"?probe={probe}" if probe else "")
        body = None
        if data is not None:
            token = next(c.value for c in self.cookies if c.name == settings.CSRF_COOKIE_NAME)
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        try:
            with self.opener.open(url, data=body, timeout=30) as response:
                return Answer(response.status, "", response.read().decode())
        except urllib.error.HTTPError as answer:
            return Answer(answer.code, answer.headers.get("Location", ""), answer.read().decode())

    def sign_in(self, email: str, password: str, probe: str = "") -> Answer:
        self.request("/accounts/login/")
        return self.request("/accounts/login/", {"login": email, "password": password}, probe)

    def enter_code(self, code: str, probe: str) -> Answer:
        self.request("/accounts/2fa/authenticate/")
        return self.request("/accounts/2fa/authenticate/", {"code": code}, probe)


def signed_in(answer: Answer) -> bool:
    """A sign-in step that let the visitor in: sent on, and not to the next step."""
    return answer.status == 302 and "/accounts/" not in answer.location


class Site:
    def __init__(self, url: str, access_log: Path):
        self.url = url
        self.access_log = access_log

    def workers_that_answered(self, probe_prefix: str) -> set[str]:
        matches = (LOG_LINE.match(line) for line in self.access_log.read_text().splitlines())
        return {
            found["pid"]
            for found in matches
            if found and found["query"].startswith(f"probe={probe_prefix}")
        }

    def on_every_worker(
        self, attempt: Callable[[str], Answer], probe_prefix: str, most=MOST_ATTEMPTS
    ) -> list:
        """Run ``attempt(probe)`` in rounds of AT_ONCE at the same moment (so that busy
        workers leave requests to the others) until every worker has answered one, at most
        ``most`` times; each probe name starts with ``probe_prefix``."""
        answers: list[Answer] = []
        with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
            for first in range(0, most, AT_ONCE):
                start = Barrier(AT_ONCE)

                def one(number: int, start=start) -> Answer:
                    start.wait()
                    return attempt(f"{probe_prefix}{number}")

                answers += pool.map(one, range(first, first + AT_ONCE))
                if len(self.workers_that_answered(probe_prefix)) == WORKERS:
                    return answers
        pytest.fail(f"{most} attempts did not reach all {WORKERS} workers")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def database_url_for_the_server(tmp_path: Path) -> str:
    """The test database, for another process: PostgreSQL's by name; SQLite's lives in
    this process's memory, so the server gets a copy of it in a file."""
    connection = connections["default"]
    options = connection.settings_dict
    if connection.vendor == "postgresql":
        user = urllib.parse.quote(options["USER"] or "")
        password = urllib.parse.quote(options["PASSWORD"] or "")
        credentials = f"{user}:{password}@" if password else f"{user}@" if user else ""
        return (
            f"postgis://{credentials}{options['HOST'] or '127.0.0.1'}:{options['PORT'] or 5432}"
            f"/{options['NAME']}"
        )
    path = tmp_path / "site.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    connection.connection.backup(copy)
    copy.close()
    return f"spatialite:///{path}"


def wait_until_it_answers(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn stopped at start:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url + "/gezond/", timeout=5) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"gunicorn did not answer within 60 s:\n{log.read_text()}")


@pytest.fixture
def start_site(tmp_path):
    """start_site(): the site, with what the test has put in the database so far, under
    gunicorn with WORKERS workers, DEBUG off and the default cache, on a free port."""
    servers = []

    def start() -> Site:
        port = free_port()
        access_log, error_log = tmp_path / "access.log", tmp_path / "error.log"
        environment = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DEBUG", "CACHE_URL", "KOMPAS_WEB_PROCESS"}
        }
        environment.update(
            DATABASE_URL=database_url_for_the_server(tmp_path),
            DJANGO_SETTINGS_MODULE="kompas.settings",
            # Plain HTTP and the tests' password hasher, as in this process.
            TESTING="true",
            KOMPAS_FORM_RATE_LIMIT_POSTS=str(settings.KOMPAS_FORM_RATE_LIMIT_POSTS),
        )
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "kompas.wsgi",
            f"--bind={HOST}:{port}",
            f"--workers={WORKERS}",
            "--timeout=30",
            "--no-control-socket",
            f"--access-logfile={access_log}",
            f"--access-logformat={ACCESS_LOG_FORMAT}",
            f"--error-logfile={error_log}",
        ]
        with error_log.open("ab") as output:
            server = subprocess.Popen(
                command,
                cwd=settings.BASE_DIR,
                env=environment,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        servers.append(server)
        url = f"http://{HOST}:{port}"
        wait_until_it_answers(url, server, error_log)
        return Site(url, access_log)

    yield start
    for server in servers:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def user_with_password(email: str, **role):
    user = UserFactory(email=email, password=PASSWORD, **role)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    return user


@pytest.mark.django_db(transaction=True)
def test_an_account_locked_out_after_wrong_passwords_stays_locked_on_every_worker(start_site):
    target = user_with_password("ambtenaar@example.org", staff=True)
    colleague = user_with_password("collega@example.org", staff=True)
    site = start_site()

    wrong = [Visitor(site.url).sign_in(target.email, "fout-wachtwoord") for _ in range(12)]
    right = site.on_every_worker(
        lambda probe: Visitor(site.url).sign_in(target.email, PASSWORD, probe), "right-"
    )

    assert not any(signed_in(answer) for answer in wrong)
    assert [answer for answer in right if signed_in(answer)] == []
    # The refusal is the lock-out: an account nobody guessed at signs in as always.
    assert signed_in(Visitor(site.url).sign_in(colleague.email, PASSWORD))


@pytest.mark.django_db(transaction=True)
def test_an_authenticator_code_signs_in_once_whichever_worker_answers(start_site):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    admin = user_with_password("beheerder@example.org", admin=True)
    secret = generate_totp_secret()
    TOTP.activate(admin, secret)
    site = start_site()

    def sign_in_with(code: str, probe: str) -> Answer:
        visitor = Visitor(site.url)
        password_step = visitor.sign_in(admin.email, PASSWORD)
        assert password_step.location.endswith("/accounts/2fa/authenticate/")
        return visitor.enter_code(code, probe)

    code = current_totp(secret)
    first = sign_in_with(code, "first")
    # No wrong passwords before these: room for twice as many tries within the limit.
    again = site.on_every_worker(
        lambda probe: sign_in_with(code, probe), "again-", most=2 * MOST_ATTEMPTS
    )

    assert signed_in(first)
    assert [answer for answer in again if signed_in(answer)] == []
