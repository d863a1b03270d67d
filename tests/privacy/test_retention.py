"""Retention: what is older than its period goes, exactly that, every night, safely twice."""

import datetime
from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from connections import services as connections_services
from connections.models import Connection
from conversations import selectors
from conversations import services as conversations_services
from conversations.models import Conversation
from initiatives.models import Invitation, JoinRequest, JoinRequestStatus
from jewels.models import CrownJewel
from jewels.tasks import ask_for_gift_consent
from kompas.choices import GiftConsent
from moderation.models import Report
from privacy import audit
from privacy.retention.conversations import removed_text
from privacy.retention.run import RetentionPeriods, apply_retention
from privacy.retention.step import months_before
from tests.factories import (
    AppreciationFactory,
    CrownJewelFactory,
    InitiativeFactory,
    KernFactory,
    UserFactory,
    jewel_category,
)

pytestmark = pytest.mark.django_db

PERIODS = RetentionPeriods(
    conversation_text_months=24,
    unconfirmed_gift_days=30,
    open_invitation_days=90,
    decided_join_request_days=90,
    handled_report_months=12,
    audit_log_months=24,
    finished_task_days=7,
    failed_task_days=30,
)
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
FREE_TEXT = {
    "learned": "Marieke bakt elke vrijdag brood voor de straat",
    "place": "Het bankje bij de speeltuin",
    "with_whom": "Marieke en Kees",
    "ideas": "Een buurtoven",
    "talents": "Bakken",
    "to_connect": "De moestuin",
}
TEXT_FIELDS = tuple(FREE_TEXT)


def written(author, day, **fields):
    data = {**FREE_TEXT, **fields}
    return conversations_services.log_conversation(
        author,
        conversations_services.ConversationData(kern=KernFactory(), date=day, **data),
    )


def text_of(row) -> dict:
    return {name: getattr(row, name) for name in TEXT_FIELDS}


def removed() -> dict:
    return {**dict.fromkeys(TEXT_FIELDS, ""), "learned": removed_text()}


def counts(now, dry_run=False) -> list[int]:
    return [step.count for step in apply_retention(periods=PERIODS, now=now, dry_run=dry_run)]


def snapshot() -> dict:
    """Everything retention may touch, to compare before and after a run."""
    return {
        "conversations": sorted(
            (c.pk, *text_of(c).values(), c.text_removed_at) for c in Conversation.objects.all()
        ),
        "versions": sorted(
            (v.history_id, *text_of(v).values()) for v in Conversation.history.all()
        ),
        "jewels": sorted(CrownJewel.objects.values_list("pk", flat=True)),
        "jewel_versions": CrownJewel.history.count(),
        "invitations": sorted(Invitation.objects.values_list("pk", flat=True)),
        "join_requests": sorted(JoinRequest.objects.values_list("pk", flat=True)),
        "reports": sorted(Report.objects.values_list("pk", flat=True)),
        "audit": list(LogEntry.objects.order_by("pk").values_list("pk", "object_repr", "changes")),
        "addresses": sorted(CrownJewel.history.values_list("history_id", "person_email")),
        "tasks": sorted(str(pk) for pk in DBTaskResult.objects.values_list("pk", flat=True)),
    }


# --- Periods in months ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 11, 22), 24, datetime.date(2024, 11, 22)),
        (datetime.date(2026, 3, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2028, 3, 31), 1, datetime.date(2028, 2, 29)),
        (datetime.date(2026, 1, 15), 1, datetime.date(2025, 12, 15)),
        (datetime.date(2026, 1, 15), 13, datetime.date(2024, 12, 15)),
    ],
)
def test_months_before_counts_calendar_months(day, months, expected):
    assert months_before(day, months) == expected


# --- The free text of conversations -----------------------------------------------------


def test_free_text_goes_the_day_after_the_period_and_from_the_history_too(staff):
    now = timezone.now()
    boundary = months_before(timezone.localdate(now), 24)
    outside = written(staff, boundary - datetime.timedelta(days=1))
    conversations_services.update_conversation(
        outside,
        staff,
        conversations_services.ConversationData(
            kern=outside.kern, date=outside.date, **{**FREE_TEXT, "ideas": "Een tweede oven"}
        ),
    )
    inside = written(staff, boundary)
    versions = Conversation.history.filter(id=outside.pk).count()
    assert versions >= 2

    result = counts(now)

    assert result[:2] == [1, versions]
    outside.refresh_from_db()
    inside.refresh_from_db()
    assert text_of(outside) == removed()
    assert outside.text_removed_at is not None
    assert all(text_of(version) == removed() for version in outside.history.all())
    assert text_of(inside) == FREE_TEXT
    assert inside.text_removed_at is None
    assert all(text_of(version) == FREE_TEXT for version in inside.history.all())
    # What stays is a conversation that still opens and validates.
    outside.full_clean()


def test_the_search_no_longer_finds_removed_words(staff):
    now = timezone.now()
    old = written(staff, months_before(timezone.localdate(now), 25))
    search = selectors.ConversationFilters(search="buurtoven")
    assert list(selectors.conversation_list(staff, search)) == [old]

    counts(now)

    assert list(selectors.conversation_list(staff, search)) == []


def test_text_from_a_deleted_conversation_goes_from_the_history(staff):
    now = timezone.now()
    gone = written(staff, months_before(timezone.localdate(now), 30))
    gone_id = gone.pk
    gone.delete()

    counts(now)

    versions = Conversation.history.filter(id=gone_id)
    assert versions.count() >= 2
    assert all(text_of(version) == removed() for version in versions)


def test_a_conversation_written_again_after_removal_is_handled_again(staff):
    now = timezone.now()
    old = written(staff, months_before(timezone.localdate(now), 30))
    counts(now)
    Conversation.objects.filter(pk=old.pk).update(ideas="Opnieuw ingevuld")

    assert counts(now)[0] == 1
    old.refresh_from_db()
    assert old.ideas == ""


def test_retention_writes_nothing_to_the_audit_log(staff):
    now = timezone.now()
    written(staff, months_before(timezone.localdate(now), 30))
    before = LogEntry.objects.count()

    counts(now)

    assert LogEntry.objects.count() == before


# --- Nominations of a person's gift ----------------------------------------------------


def a_gift(consent=GiftConsent.ASKED, changed=None):
    jewel = CrownJewelFactory(
        name=f"De verhalen van Jan {CrownJewel.objects.count()}",
        category=jewel_category("gave-van-mensen"),
        consent=consent,
        person_email="jan@example.org",
    )
    if changed is not None:
        CrownJewel.objects.filter(pk=jewel.pk).update(updated_at=changed, created_at=changed)
    return jewel


def test_an_unanswered_gift_goes_after_the_period_with_its_history_and_reports():
    now = timezone.now()
    boundary = now - datetime.timedelta(days=30)
    outside = a_gift(changed=boundary - datetime.timedelta(seconds=1))
    appreciation = AppreciationFactory(jewel=outside)
    Report.objects.create(
        content_type=ContentType.objects.get_for_model(CrownJewel),
        object_id=outside.pk,
        reporter_key="iemand",
        reason="Klopt niet",
    )
    inside = a_gift(changed=boundary)
    given = a_gift(consent=GiftConsent.GIVEN, changed=boundary - datetime.timedelta(days=300))
    place = CrownJewelFactory()
    CrownJewel.objects.filter(pk=place.pk).update(updated_at=boundary - datetime.timedelta(1))

    result = counts(now)

    assert result[2] == 1
    assert sorted(CrownJewel.objects.values_list("pk", flat=True)) == sorted(
        [inside.pk, given.pk, place.pk]
    )
    assert not CrownJewel.history.filter(id=outside.pk).exists()
    assert not type(appreciation).objects.filter(pk=appreciation.pk).exists()
    assert not type(appreciation).history.filter(id=appreciation.pk).exists()
    jewel_type = ContentType.objects.get_for_model(CrownJewel)
    assert not Report.objects.filter(content_type=jewel_type, object_id=outside.pk).exists()


def entries_about(obj_or_model, pk=None):
    model = obj_or_model if pk is not None else type(obj_or_model)
    pk = pk if pk is not None else obj_or_model.pk
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=pk
    ).order_by("pk")


def legacy_report(obj) -> LogEntry:
    """A report of ``obj`` as audit.py logged it before it left the reported thing's name
    (a jewel's name, an appreciation's words) out."""
    report = Report.objects.create(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, reporter_key="x"
    )
    entry = entries_about(report).get()
    assert "reported" not in entry.changes
    LogEntry.objects.filter(pk=entry.pk).update(
        changes={**entry.changes, "reported": ["None", str(obj)]}
    )
    return entry


def test_the_log_keeps_who_did_what_to_a_removed_gift_but_not_its_name_or_values(staff):
    now = timezone.now()
    gift = a_gift(consent=GiftConsent.GIVEN)
    connection = connections_services.propose_jewel_connection(
        staff, InitiativeFactory(), gift, connections_services.ConnectionData(reasons=("learn",))
    )
    CrownJewel.objects.filter(pk=gift.pk).update(
        consent=GiftConsent.ASKED, updated_at=now - datetime.timedelta(days=31)
    )
    kept = a_gift()
    words = legacy_report(AppreciationFactory(jewel=gift, text="Jan vertelt zo mooi"))
    created = entries_about(gift).get(action=LogEntry.Action.CREATE)
    assert created.object_repr == gift.name
    assert created.changes["name"] == ["None", gift.name]
    assert "De verhalen van Jan" in entries_about(connection).get().object_repr

    counts(now)

    entries = list(entries_about(Connection, connection.pk)) + list(entries_about(gift))
    assert {entry.object_repr for entry in entries} == {
        audit.neutral_name(Connection, connection.pk),
        audit.neutral_name(CrownJewel, gift.pk),
    }
    created.refresh_from_db()
    changes = created.changes
    assert changes["name"] == changes["slug"] == changes["why"] == ["", audit.MASKED_TEXT]
    assert changes["category"] == ["None", str(gift.category_id)]
    assert changes["consent"] == ["None", GiftConsent.GIVEN]
    assert changes["nominated_by"] == ["None", str(gift.nominated_by_id)]
    assert not Connection.history.filter(id=connection.pk).exists()
    words.refresh_from_db()
    assert words.changes["reported"] == ["", audit.MASKED_TEXT]
    assert entries_about(kept).get().object_repr == kept.name


def test_entries_about_gifts_an_earlier_run_removed_lose_their_names_too():
    """Gifts removed before the logs were cleaned as well: only their log entries are left
    (and a deleted jewel leaves one more, of its deletion)."""
    now = timezone.now()
    gift = a_gift(consent=GiftConsent.GIVEN)
    report_entry = legacy_report(gift)
    Report.objects.all().delete()
    CrownJewel.objects.filter(pk=gift.pk).delete()
    CrownJewel.history.filter(id=gift.pk).delete()

    assert counts(now)[-3] == 3
    assert {entry.object_repr for entry in entries_about(CrownJewel, gift.pk)} == {
        audit.neutral_name(CrownJewel, gift.pk)
    }
    report_entry.refresh_from_db()
    assert report_entry.changes["reported"] == ["", audit.MASKED_TEXT]
    assert counts(now)[-3] == 0


def test_history_keeps_no_address_the_jewel_no_longer_holds():
    now = timezone.now()
    changed = a_gift()
    CrownJewel.objects.filter(pk=changed.pk).update(person_email="riek@example.org")
    refused = a_gift(consent=GiftConsent.REFUSED)
    current = a_gift()

    assert counts(now)[3] == 2

    assert set(CrownJewel.history.exclude(person_email="").values_list("id", "person_email")) == {
        (current.pk, "jan@example.org")
    }
    refused.refresh_from_db()
    assert refused.person_email == "jan@example.org"


# --- Background tasks -------------------------------------------------------------------


def a_task(status, finished):
    """A background task as django_tasks_db keeps it, finished at ``finished``."""
    result = ask_for_gift_consent.enqueue(0)
    DBTaskResult.objects.filter(pk=result.id).update(status=status, finished_at=finished)
    return result.id


def test_finished_tasks_go_after_a_week_failed_ones_after_a_month(settings):
    settings.TASKS = DATABASE_TASKS
    now = timezone.now()
    done, failed = now - datetime.timedelta(days=7), now - datetime.timedelta(days=30)
    second = datetime.timedelta(seconds=1)
    old_done = a_task("SUCCESSFUL", done - second)
    fresh_done = a_task("SUCCESSFUL", done)
    old_failed = a_task("FAILED", failed - second)
    fresh_failed = a_task("FAILED", failed + second)
    failed_a_week_ago = a_task("FAILED", done - second)
    waiting = ask_for_gift_consent.enqueue(0).id
    DBTaskResult.objects.filter(pk=waiting).update(enqueued_at=now - datetime.timedelta(days=90))

    assert counts(now)[-2:] == [1, 1]

    assert {str(pk) for pk in DBTaskResult.objects.values_list("pk", flat=True)} == {
        str(pk) for pk in (fresh_done, fresh_failed, failed_a_week_ago, waiting)
    }
    assert old_done and old_failed


# --- Invitations, requests to join, reports, the audit log ----------------------------


def aged(model, obj, **moments):
    model.objects.filter(pk=obj.pk).update(**moments)
    return obj


def test_invitations_requests_reports_and_audit_entries_go_exactly_after_their_period(staff):
    now = timezone.now()
    initiative = InitiativeFactory()
    invited = now - datetime.timedelta(days=90)
    old_invitation = aged(
        Invitation,
        Invitation.objects.create(initiative=initiative, email="a@example.org"),
        created_at=invited - datetime.timedelta(seconds=1),
    )
    fresh_invitation = aged(
        Invitation,
        Invitation.objects.create(initiative=initiative, email="b@example.org"),
        created_at=invited,
    )
    accepted_invitation = aged(
        Invitation,
        Invitation.objects.create(initiative=initiative, email="c@example.org"),
        created_at=invited - datetime.timedelta(days=50),
        accepted_at=invited - datetime.timedelta(days=49),
    )
    decided = now - datetime.timedelta(days=90)
    old_decided = JoinRequest.objects.create(
        initiative=initiative,
        user=UserFactory(),
        status=JoinRequestStatus.DECLINED,
        decided_at=decided - datetime.timedelta(seconds=1),
    )
    fresh_decided = JoinRequest.objects.create(
        initiative=initiative,
        user=UserFactory(),
        status=JoinRequestStatus.ACCEPTED,
        decided_at=decided,
    )
    waiting = aged(
        JoinRequest,
        JoinRequest.objects.create(initiative=initiative, user=UserFactory()),
        created_at=decided - datetime.timedelta(days=400),
    )
    handled = months_before(now, 12)
    jewel = CrownJewelFactory()
    reports = [
        Report.objects.create(
            content_type=ContentType.objects.get_for_model(CrownJewel),
            object_id=jewel.pk,
            reporter_key=f"persoon-{number}",
            handled_at=moment,
        )
        for number, moment in enumerate([handled - datetime.timedelta(seconds=1), handled, None])
    ]
    Report.objects.filter(pk=reports[2].pk).update(created_at=handled - datetime.timedelta(99))
    logged = months_before(now, 24)
    old_entry = aged(
        LogEntry,
        audit.record_viewed(staff, initiative, audit.CONTACT_DETAILS),
        timestamp=logged - datetime.timedelta(seconds=1),
    )
    fresh_entry = aged(
        LogEntry,
        audit.record_viewed(staff, initiative, audit.CONTACT_DETAILS),
        timestamp=logged,
    )

    counts(now)

    assert set(Invitation.objects.values_list("pk", flat=True)) == {
        fresh_invitation.pk,
        accepted_invitation.pk,
    }
    assert not Invitation.objects.filter(pk=old_invitation.pk).exists()
    assert set(JoinRequest.objects.values_list("pk", flat=True)) == {
        fresh_decided.pk,
        waiting.pk,
    }
    assert not JoinRequest.objects.filter(pk=old_decided.pk).exists()
    assert set(Report.objects.values_list("pk", flat=True)) == {reports[1].pk, reports[2].pk}
    assert LogEntry.objects.filter(pk=fresh_entry.pk).exists()
    assert not LogEntry.objects.filter(pk=old_entry.pk).exists()


# --- Safe to run every night -----------------------------------------------------------


@pytest.fixture
def a_bit_of_everything(staff, settings):
    """Something older than each period, and something just inside it."""
    now = timezone.now()
    today = timezone.localdate(now)
    written(staff, months_before(today, 24) - datetime.timedelta(days=1))
    written(staff, months_before(today, 24))
    a_gift(changed=now - datetime.timedelta(days=31))
    a_gift(changed=now - datetime.timedelta(days=29))
    initiative = InitiativeFactory()
    aged(
        Invitation,
        Invitation.objects.create(initiative=initiative, email="a@example.org"),
        created_at=now - datetime.timedelta(days=91),
    )
    JoinRequest.objects.create(
        initiative=initiative,
        user=UserFactory(),
        status=JoinRequestStatus.ACCEPTED,
        decided_at=now - datetime.timedelta(days=91),
    )
    Report.objects.create(
        content_type=ContentType.objects.get_for_model(CrownJewel),
        object_id=CrownJewelFactory().pk,
        reporter_key="iemand",
        handled_at=months_before(now, 13),
    )
    LogEntry.objects.filter(pk__in=list(LogEntry.objects.values_list("pk", flat=True)[:3])).update(
        timestamp=months_before(now, 25)
    )
    corrected = a_gift(changed=now - datetime.timedelta(days=2))
    CrownJewel.objects.filter(pk=corrected.pk).update(person_email="riek@example.org")
    settings.TASKS = DATABASE_TASKS
    a_task("SUCCESSFUL", now - datetime.timedelta(days=8))
    a_task("FAILED", now - datetime.timedelta(days=31))
    return now


def test_a_second_run_changes_nothing(a_bit_of_everything):
    now = a_bit_of_everything
    first = counts(now)
    after_first = snapshot()

    second = counts(now)

    assert all(first), first
    assert second == [0] * len(first)
    assert snapshot() == after_first


def test_a_dry_run_changes_nothing_and_counts_what_a_run_would_do(a_bit_of_everything):
    now = a_bit_of_everything
    before = snapshot()

    dry = counts(now, dry_run=True)

    assert snapshot() == before
    assert dry == counts(now)
    assert snapshot() != before


def test_the_command_says_per_kind_what_it_did(a_bit_of_everything, in_english, settings):
    settings.KOMPAS_RETENTION_CONVERSATION_TEXT_MONTHS = 24
    settings.KOMPAS_RETENTION_UNCONFIRMED_GIFT_DAYS = 30
    dry, real, again = StringIO(), StringIO(), StringIO()

    call_command("apply_retention", "--dry-run", stdout=dry)
    call_command("apply_retention", stdout=real)
    call_command("apply_retention", stdout=again)

    boundary = months_before(timezone.localdate(), 24).isoformat()
    assert dry.getvalue().splitlines()[0] == (
        "Dry run: nothing was changed. A real run would remove:"
    )
    assert dry.getvalue().splitlines()[1:] == real.getvalue().splitlines()
    lines = real.getvalue().splitlines()
    assert lines[0] == f"Conversations dated before {boundary}, free text removed: 1"
    assert lines[1].startswith(f"Earlier versions of conversations dated before {boundary}")
    assert lines[2].startswith("Nominations of a person's gift without an answer since before")
    assert lines[2].endswith("removed: 1")
    assert lines[3] == (
        "Addresses of persons no longer needed in the history of crown jewels, removed: 1"
    )
    assert [line.split("removed")[0].split(" before")[0] for line in lines[4:8]] == [
        "Invitations not accepted since",
        "Requests to join decided",
        "Reports handled",
        "Audit log entries from",
    ]
    assert lines[8] == (
        "Log entries about removed nominations of a person's gift, names and values removed: 1"
    )
    assert [line.split(" before")[0] for line in lines[9:]] == [
        "Background tasks (emails) done",
        "Background tasks (emails) failed",
    ]
    assert all(line.endswith(": 0") for line in again.getvalue().splitlines())
    assert Conversation.objects.filter(text_removed_at__isnull=False).count() == 1
