"""Surviving faults: while the database is away every page answers 503 with the site's own
calm page (never a 500 or a traceback), the site recovers by itself once it is back, and
the web process's statement timeout cancels a slow query.

Each fault is real: a connection of the same engine to a database that cannot be reached,
a PostgreSQL backend ended by the server, a statement cancelled by PostgreSQL.
"""

import os
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import close_old_connections, connections
from django.db.utils import load_backend
from django.test import Client
from django.urls import reverse

from kompas.choices import InitiativeStatus
from kompas.middleware import DatabaseUnavailableMiddleware
from tests.factories import InitiativeFactory, KernFactory

pytestmark = pytest.mark.django_db

PAGE_MARK = 'data-kompas-page="database-unavailable"'


def postgresql_only():
    if connections["default"].vendor != "postgresql":
        pytest.skip("a PostgreSQL fault; SpatiaLite has no server to lose")


def wrapper_like_default(**changes):
    """A new, real connection of the default database's engine and settings."""
    settings_dict = {**connections["default"].settings_dict, **changes}
    return load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias="default")


@pytest.fixture
def use_connection():
    """use_connection(wrapper): the site's default database connection is this one until
    the test ends (the test's own connection, with its transaction, comes back then)."""
    original = connections["default"]

    def swap(wrapper):
        connections["default"] = wrapper

    yield swap
    connections["default"] = original


@pytest.fixture
def database_unreachable(use_connection):
    """From here on every query goes to a database that cannot be reached: nothing listens
    on port 1, or the SQLite file would lie in a directory that does not exist."""

    def swap():
        if connections["default"].vendor == "postgresql":
            use_connection(wrapper_like_default(PORT="1"))
        else:
            use_connection(wrapper_like_default(NAME="/nonexistent/dir/kompas.sqlite3"))

    return swap


@pytest.fixture
def quiet_client():
    """A client that returns what the site answers rather than re-raising the exception
    Django handled, as a browser would see it."""
    return Client(raise_request_exception=False)


def assert_unavailable_page(response):
    page = response.content.decode()
    assert response.status_code == 503
    assert PAGE_MARK in page
    assert "Traceback" not in page
    assert response["Retry-After"] == str(DatabaseUnavailableMiddleware.RETRY_AFTER_SECONDS)
    assert "no-store" in response["Cache-Control"]
    return page


def test_a_page_answers_503_in_dutch_while_the_database_is_away(quiet_client, database_unreachable):
    database_unreachable()

    response = quiet_client.get(reverse("home"))

    page = assert_unavailable_page(response)
    assert '<html lang="nl"' in page
    assert response["Content-Language"] == "nl"
    # In the site's look, with what settings say; no navigation, which needs the user.
    assert settings.KOMPAS_MUNICIPALITY_NAME in page
    assert "css/kompas.css" in page
    assert "kompas-nav" not in page


def test_the_page_tells_what_happened_and_what_to_do(quiet_client, database_unreachable):
    quiet_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    database_unreachable()

    response = quiet_client.get(reverse("initiative_list"))

    page = assert_unavailable_page(response)
    assert '<html lang="en"' in page
    assert "Kompas is back in a moment" in page
    assert "Everything that was saved before is safe." in page
    assert "send it again in a moment" in page


@pytest.mark.parametrize(
    ("role", "method", "url_name"),
    [
        ("resident", "get", "initiative_list"),
        ("resident", "post", "initiative_create"),
        ("staff", "get", "conversation_create"),
        ("staff", "post", "conversation_create"),
        ("admin", "get", "insight"),
    ],
)
def test_signed_in_visitors_get_the_page_even_when_their_session_cannot_be_read(
    client_as, role, method, url_name, database_unreachable
):
    # The session and the user are read by middleware, before any view runs.
    client = client_as(role)
    client.raise_request_exception = False
    database_unreachable()

    response = getattr(client, method)(reverse(url_name))

    assert_unavailable_page(response)


def test_the_health_check_keeps_its_own_json_answer(quiet_client, database_unreachable):
    database_unreachable()

    response = quiet_client.get(reverse("health"))

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": False}


def test_with_debug_on_the_developer_sees_django_s_error_page(
    quiet_client, database_unreachable, settings
):
    # On SQLite a table not yet migrated is an OperationalError too.
    settings.DEBUG = True
    database_unreachable()

    response = quiet_client.get(reverse("home"))

    assert response.status_code == 500
    assert PAGE_MARK not in response.content.decode()


def test_pages_answer_as_usual_when_the_database_answers(client):
    KernFactory(name="Aldeburen")
    InitiativeFactory(name="Dorpshuis De Schakel", status=InitiativeStatus.PUBLIC)

    response = client.get(reverse("initiative_list"))

    assert response.status_code == 200
    assert "Dorpshuis De Schakel" in response.content.decode()


def test_a_connection_the_server_ended_gives_503_then_the_next_request_recovers(
    quiet_client, use_connection
):
    postgresql_only()
    original = connections["default"]
    # Django's settings for this database (CONN_MAX_AGE, CONN_HEALTH_CHECKS) come along.
    wrapper = wrapper_like_default()
    try:
        wrapper.ensure_connection()
        # The request's health check already ran; then the server restarts under it.
        wrapper.health_check_done = True
        backend = wrapper.connection.info.backend_pid
        with original.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s, 5000)", [backend])
        use_connection(wrapper)

        assert_unavailable_page(quiet_client.get(reverse("home")))

        # What Django runs between requests: the broken connection is not kept.
        close_old_connections()
        response = quiet_client.get(reverse("home"))

        assert response.status_code == 200
        assert wrapper.connection.info.backend_pid != backend
    finally:
        wrapper.close()


def test_an_idle_connection_lost_in_a_restart_is_replaced_before_use(quiet_client, use_connection):
    postgresql_only()
    original = connections["default"]
    wrapper = wrapper_like_default()
    try:
        wrapper.ensure_connection()
        backend = wrapper.connection.info.backend_pid
        use_connection(wrapper)
        # A kept connection (CONN_MAX_AGE) whose server went away between two requests.
        close_old_connections()
        with original.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s, 5000)", [backend])

        response = quiet_client.get(reverse("home"))

        assert response.status_code == 200
        assert wrapper.connection.info.backend_pid != backend
    finally:
        wrapper.close()


def test_a_statement_cancelled_by_the_timeout_gives_the_503_page(quiet_client):
    postgresql_only()
    connection = connections["default"]
    with connection.cursor() as cursor:
        # Only for this test's transaction: a tiny limit, and a statement that exceeds it.
        cursor.execute("SET LOCAL statement_timeout = 100")

    def slow_first_statement(execute, sql, params, many, context):
        execute("SELECT pg_sleep(2)", None, False, context)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(slow_first_statement):
        response = quiet_client.get(reverse("home"))

    assert_unavailable_page(response)


def run_python(code: str, *, web: bool, timeout_ms: int) -> subprocess.CompletedProcess:
    """Run code in a new Python with the settings loaded the way a process of that kind
    loads them, against this test database."""
    database = connections["default"].settings_dict
    url = "postgis://{user}:{password}@{host}:{port}/{name}".format(
        user=quote(database["USER"] or ""),
        password=quote(database["PASSWORD"] or ""),
        host=database["HOST"] or "127.0.0.1",
        port=database["PORT"] or 5432,
        name=database["NAME"],
    )
    environment = {
        **os.environ,
        "DATABASE_URL": url,
        "KOMPAS_STATEMENT_TIMEOUT_MS": str(timeout_ms),
    }
    environment.pop("KOMPAS_WEB_PROCESS", None)
    prelude = "import kompas.wsgi\n" if web else "import django; django.setup()\n"
    environment.setdefault("DJANGO_SETTINGS_MODULE", "kompas.settings")
    return subprocess.run(
        [sys.executable, "-c", prelude + code],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )


SLEEP_PAST_THE_TIMEOUT = """
from django.db import OperationalError, connection
with connection.cursor() as cursor:
    cursor.execute("SHOW statement_timeout")
    print(cursor.fetchone()[0])
    try:
        cursor.execute("SELECT pg_sleep(1)")
    except OperationalError as error:
        print("cancelled:", type(error.__cause__).__name__)
    else:
        print("ran to the end")
"""


def test_the_web_process_has_a_statement_timeout():
    postgresql_only()

    result = run_python(SLEEP_PAST_THE_TIMEOUT, web=True, timeout_ms=200)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["200ms", "cancelled: QueryCanceled"]


def test_management_commands_have_no_statement_timeout():
    # migrate, load_demo and apply_retention may rightly run longer than a page may.
    postgresql_only()

    result = run_python(SLEEP_PAST_THE_TIMEOUT, web=False, timeout_ms=200)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["0", "ran to the end"]
