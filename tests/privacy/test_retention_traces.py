"""What a person's gift leaves behind once it may no longer be kept: a canary goes in as
the person's name and address, the path runs (the nightly retention after the deadline, or
a change of consent), and then no table of the database may still hold it.

The canary is looked for in a dump of every table, not in the places one expects it: the
audit log, the history, a connection's name, the queue of background tasks, the admin's
own log… a new copy somewhere else fails these tests too.
"""

import datetime

import pytest
from django.contrib.admin.models import CHANGE
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from connections import services as connections_services
from jewels import services as jewels_services
from jewels.models import CrownJewel
from kompas.choices import GiftConsent
from moderation import services as moderation_services
from privacy.retention.run import apply_retention
from tests.factories import (
    AppreciationFactory,
    InitiativeFactory,
    KernFactory,
    UserFactory,
    jewel_category,
)

pytestmark = pytest.mark.django_db

CANARY = "kanarievergeetmij"
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def tables_holding(text: str) -> list[tuple[str, str]]:
    """Every (table, column) of the database where ``text`` occurs, in any row, in any
    column, whatever its type (case-insensitive). Tables of Django's models must all be
    readable; the database's own (SpatiaLite's virtual tables) may refuse a plain SELECT."""
    text = text.lower()
    found = []
    ours = set(connection.introspection.django_table_names(include_views=False))
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        assert ours <= set(tables)
        for table in tables:
            try:
                with transaction.atomic():
                    cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
                    columns = [column[0] for column in cursor.description]
                    rows = cursor.fetchall()
            except Exception:
                if table in ours:
                    raise
                continue
            for row in rows:
                for column, value in zip(columns, row, strict=True):
                    if isinstance(value, bytes | memoryview):
                        value = bytes(value).decode("utf-8", "ignore")
                    if text in str(value).lower():
                        found.append((table, column))
    return sorted(set(found))


def jewel_data(jewel, **changes):
    values = {
        "name": jewel.name,
        "category": jewel.category,
        "why": jewel.why,
        "description": jewel.description,
        "kern": jewel.kern,
        "person_email": jewel.person_email,
    }
    values.update(changes)
    return jewels_services.JewelData(**values)


def nominate(nominator, capture, *, name="Tante Riek", email=f"{CANARY}@example.org"):
    with capture(execute=True):
        return jewels_services.nominate_jewel(
            nominator,
            jewels_services.JewelData(
                name=name,
                category=jewel_category("gave-van-mensen"),
                why="Zij vertelt de verhalen van het dorp",
                kern=KernFactory(),
                person_email=email,
            ),
        )


def run_queued_tasks(monkeypatch):
    """What `manage.py db_worker` does in production, once, inside the test's transaction
    (whose connection the worker must not close)."""
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def test_an_unanswered_gift_leaves_no_trace_after_the_retention_period(
    settings, monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_TASKS
    nominator, staff = UserFactory(), UserFactory(staff=True)
    moderator = UserFactory(admin=True)
    jewel = nominate(nominator, django_capture_on_commit_callbacks, name=f"Verhalen van {CANARY}")
    jewels_services.answer_gift_consent(jewel, agree=True)
    # While shown: a connection with an initiative, an appreciation, the admin's log, a
    # report and a moderator's decision, whose reason goes to the nominator by email.
    with django_capture_on_commit_callbacks(execute=True):
        connections_services.propose_jewel_connection(
            staff,
            InitiativeFactory(),
            jewel,
            connections_services.ConnectionData(
                reasons=("learn",), note="Zij kent de oude verhalen"
            ),
        )
    appreciation = AppreciationFactory(jewel=jewel)
    AdminLogEntry.objects.log_actions(
        staff.pk,
        [jewel],
        CHANGE,
        [{"added": {"name": "appreciation", "object": str(appreciation)}}],
    )
    jewels_services.report(jewel, reporter_key="iemand", user=UserFactory(), reason="Klopt niet")
    with django_capture_on_commit_callbacks(execute=True):
        moderation_services.restore(jewel, moderator, f"Het gaat echt over {CANARY}, dat klopt")
    # Then the nominator changes the person's address: asked again, never answered.
    with django_capture_on_commit_callbacks(execute=True):
        jewels_services.update_jewel(
            jewel, nominator, jewel_data(jewel, person_email=f"{CANARY}.nieuw@example.org")
        )
    run_queued_tasks(monkeypatch)
    assert any(CANARY in message.body for message in mailoutbox)
    assert ("django_tasks_database_dbtaskresult", "args_kwargs") in tables_holding(CANARY)

    apply_retention(now=timezone.now() + datetime.timedelta(days=31))

    assert not CrownJewel.objects.filter(pk=jewel.pk).exists()
    assert tables_holding(CANARY) == []


def test_a_gift_that_becomes_a_place_keeps_no_address_of_the_person(
    django_capture_on_commit_callbacks,
):
    nominator = UserFactory()
    jewel = nominate(nominator, django_capture_on_commit_callbacks)
    jewels_services.answer_gift_consent(jewel, agree=True)
    assert tables_holding(CANARY)

    jewels_services.update_jewel(
        jewel, nominator, jewel_data(jewel, category=jewel_category("plek"))
    )

    jewel.refresh_from_db()
    assert jewel.consent == GiftConsent.NOT_NEEDED
    assert tables_holding(CANARY) == []


def test_a_corrected_address_leaves_no_copy_of_the_wrong_one(django_capture_on_commit_callbacks):
    nominator = UserFactory()
    jewel = nominate(nominator, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        jewels_services.update_jewel(
            jewel, nominator, jewel_data(jewel, person_email="riek@example.org")
        )

    assert tables_holding(CANARY) == []
    jewel.refresh_from_db()
    assert jewel.person_email == "riek@example.org"
    assert jewel.history.first().person_email == "riek@example.org"


@pytest.mark.parametrize("first_yes", [False, True])
def test_after_a_no_only_the_jewel_itself_remembers_the_address(
    first_yes, django_capture_on_commit_callbacks
):
    """The address stays on the nomination, so that nobody asks that person again; the
    history keeps no copies of it."""
    jewel = nominate(UserFactory(), django_capture_on_commit_callbacks)
    if first_yes:
        jewels_services.answer_gift_consent(jewel, agree=True)

    jewels_services.answer_gift_consent(jewel, agree=False)

    assert tables_holding(CANARY) == [("jewels_crownjewel", "person_email")]


def test_the_nightly_run_also_empties_old_addresses_the_history_still_holds(
    django_capture_on_commit_callbacks,
):
    """Addresses copied into the history before these rules, or by an edit that went
    around the services (the admin), go with the next nightly run."""
    nominator = UserFactory()
    jewel = nominate(nominator, django_capture_on_commit_callbacks)
    CrownJewel.objects.filter(pk=jewel.pk).update(
        person_email="", consent=GiftConsent.NOT_NEEDED, category=jewel_category("plek")
    )
    assert tables_holding(CANARY) == [("jewels_historicalcrownjewel", "person_email")]

    apply_retention()

    assert tables_holding(CANARY) == []
