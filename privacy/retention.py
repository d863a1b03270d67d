"""Retention: remove what Kompas may no longer keep, once its period has passed.

Run every night by ``python manage.py apply_retention``. Each step selects only what is
older than its period and not yet handled, so a second run finds nothing to do. The
periods come from settings (``KOMPAS_RETENTION_*``); docs/privacy.md lists them.

Removals run with the audit log switched off: it would otherwise keep a copy of what is
being removed (the run's own report says what was done).

What a removed gift nomination leaves elsewhere goes with it: the history of its
connections, and its name and values in the audit log and the admin's log (the entries
stay, so that who did what and when is still known, but no longer name the person).
``forget_person_in_jewel_history`` keeps the history of a jewel free of a person's address
once the jewel no longer needs it; the services call it when consent changes, and every
run sweeps what is left.
"""

from __future__ import annotations

import calendar
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks_db.models import DBTaskResult

from connections.models import Connection
from conversations.models import Conversation
from conversations.services import refresh_conversation_search_in_bulk
from initiatives.models import Invitation, JoinRequest, JoinRequestStatus
from jewels.models import Appreciation, CrownJewel
from kompas.choices import GiftConsent
from moderation.models import Report
from privacy.audit import MASKED_TEXT, mask_text, neutral_name

# What stays of "what I learned" (a required field) once the free text is removed.
REMOVED_TEXT = gettext_lazy("(removed after the retention period)")
# The other free text of a conversation: emptied.
OPTIONAL_TEXT_FIELDS = ("place", "with_whom", "ideas", "talents", "to_connect")
# The person's answer was no: their address stays on the nomination only, so that nobody
# asks them again.
SAID_NO = (GiftConsent.REFUSED, GiftConsent.WITHDRAWN)
# What the audit log keeps of the changes of a removed gift nomination: the values that
# say nothing about the person (which kind, whose nomination, the consent, when, which
# initiatives). Every other value (name, slug, address, place, photo, text) becomes
# "[…]", so the entry still says which fields changed.
GIFT_VALUES_KEPT_IN_AUDIT_LOG = frozenset(
    {
        "id",
        "category",
        "nominated_by",
        "consent",
        "consent_answered_at",
        "hidden_at",
        "created_at",
        "caretakers",
    }
)


@dataclass(frozen=True)
class RetentionPeriods:
    """How long Kompas keeps each kind of data (months or days, from settings)."""

    conversation_text_months: int
    unconfirmed_gift_days: int
    open_invitation_days: int
    decided_join_request_days: int
    handled_report_months: int
    audit_log_months: int
    finished_task_days: int
    failed_task_days: int

    @classmethod
    def from_settings(cls) -> RetentionPeriods:
        return cls(
            conversation_text_months=settings.KOMPAS_RETENTION_CONVERSATION_TEXT_MONTHS,
            unconfirmed_gift_days=settings.KOMPAS_RETENTION_UNCONFIRMED_GIFT_DAYS,
            open_invitation_days=settings.KOMPAS_RETENTION_OPEN_INVITATION_DAYS,
            decided_join_request_days=settings.KOMPAS_RETENTION_DECIDED_JOIN_REQUEST_DAYS,
            handled_report_months=settings.KOMPAS_RETENTION_HANDLED_REPORT_MONTHS,
            audit_log_months=settings.KOMPAS_RETENTION_AUDIT_LOG_MONTHS,
            finished_task_days=settings.KOMPAS_RETENTION_FINISHED_TASK_DAYS,
            failed_task_days=settings.KOMPAS_RETENTION_FAILED_TASK_DAYS,
        )


@dataclass(frozen=True)
class RetentionStep:
    """One kind of data: what was (or, in a dry run, would be) removed, in plain words."""

    description: str
    count: int

    def __str__(self) -> str:
        return f"{self.description}: {self.count}"


def months_before(moment: date | datetime, months: int) -> date | datetime:
    """The same day ``months`` calendar months earlier (the last day of a shorter month)."""
    year, month = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def removed_text() -> str:
    """The words that stand in for removed free text, in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(REMOVED_TEXT)


def _with_free_text(placeholder: str) -> Q:
    """Conversations (or their history rows) that still hold free text."""
    still_there = ~Q(learned=placeholder)
    for name in OPTIONAL_TEXT_FIELDS:
        still_there |= ~Q(**{name: ""})
    return still_there


def _text_removed(placeholder: str) -> dict:
    return {"learned": placeholder, **dict.fromkeys(OPTIONAL_TEXT_FIELDS, "")}


def _stamp(moment: date | datetime) -> str:
    return moment.strftime("%Y-%m-%d")


def remove_conversation_text(
    today: date, months: int, *, dry_run: bool
) -> tuple[RetentionStep, RetentionStep]:
    """Empty the free text of conversations dated more than ``months`` before ``today``,
    and of every earlier version of them in the history (also of deleted conversations).
    A conversation written again after its text was removed is handled again."""
    before = months_before(today, months)
    placeholder = removed_text()
    conversations = Conversation.objects.filter(date__lt=before).filter(
        _with_free_text(placeholder)
    )
    versions = Conversation.history.filter(date__lt=before).filter(_with_free_text(placeholder))
    if dry_run:
        counts = conversations.count(), versions.count()
    else:
        ids = list(conversations.values_list("pk", flat=True))
        Conversation.objects.filter(pk__in=ids).update(
            **_text_removed(placeholder), text_removed_at=timezone.now()
        )
        # The search must not find the removed words any more.
        refresh_conversation_search_in_bulk(Conversation.objects.filter(pk__in=ids))
        counts = len(ids), versions.update(**_text_removed(placeholder))
    return (
        RetentionStep(
            _("Conversations dated before %(date)s, free text removed") % {"date": _stamp(before)},
            counts[0],
        ),
        RetentionStep(
            _("Earlier versions of conversations dated before %(date)s, free text removed")
            % {"date": _stamp(before)},
            counts[1],
        ),
    )


# --- Nominations of a person's gift, and what they leave behind ---------------------------


@dataclass(frozen=True)
class RemovedGifts:
    """Nominations of a person's gift that go in this run, and those an earlier run
    removed, with the connections and appreciations of any of them: what the history of
    connections and the logs may no longer name."""

    removing: tuple[int, ...]
    jewels: frozenset[int]
    connections: frozenset[int]
    appreciations: frozenset[int]


def _removed_for_good(field: str) -> Q:
    """Rows whose ``field`` names a crown jewel of which neither the row nor any history is
    left. Only retention removes a jewel so: one deleted otherwise keeps its history."""
    return (
        Q(**{f"{field}__isnull": False})
        & ~Q(**{f"{field}__in": CrownJewel.objects.values("pk")})
        & ~Q(**{f"{field}__in": CrownJewel.history.values("id")})
    )


def removed_gifts(before: datetime) -> RemovedGifts:
    """The unanswered gifts last changed before ``before``, and every jewel an earlier run
    removed that the audit log or a connection's history still mentions (also from before
    this step existed)."""
    removing = tuple(
        CrownJewel.objects.filter(consent=GiftConsent.ASKED, updated_at__lt=before).values_list(
            "pk", flat=True
        )
    )
    jewel_type = ContentType.objects.get_for_model(CrownJewel)
    earlier = set(
        LogEntry.objects.filter(content_type=jewel_type)
        .filter(_removed_for_good("object_id"))
        .values_list("object_id", flat=True)
        .distinct()
    )
    earlier |= set(
        Connection.history.filter(_removed_for_good("jewel_id"))
        .values_list("jewel_id", flat=True)
        .distinct()
    )
    jewels = frozenset({*removing, *earlier})
    connections = set(Connection.objects.filter(jewel__in=jewels).values_list("pk", flat=True))
    connections |= set(
        Connection.history.filter(jewel_id__in=jewels).values_list("id", flat=True).distinct()
    )
    appreciations = set(Appreciation.objects.filter(jewel__in=jewels).values_list("pk", flat=True))
    appreciations |= set(
        Appreciation.history.filter(jewel_id__in=jewels).values_list("id", flat=True).distinct()
    )
    return RemovedGifts(removing, jewels, frozenset(connections), frozenset(appreciations))


def remove_unconfirmed_gifts(
    gifts: RemovedGifts, before: datetime, *, dry_run: bool
) -> RetentionStep:
    """Remove nominations of a person's gift that the person never answered and that did
    not change since ``before``: without consent they may not be kept. With them go their
    history, appreciations, connections (with their history), reports and photo."""
    ids = list(gifts.removing)
    if not dry_run and gifts.jewels:
        jewels = CrownJewel.objects.filter(pk__in=ids)
        photos = [jewel.photo for jewel in jewels.only("photo") if jewel.photo]
        jewel_type = ContentType.objects.get_for_model(CrownJewel)
        appreciation_type = ContentType.objects.get_for_model(Appreciation)
        appreciations = list(
            Appreciation.objects.filter(jewel__in=ids).values_list("pk", flat=True)
        )
        Report.objects.filter(
            Q(content_type=jewel_type, object_id__in=ids)
            | Q(content_type=appreciation_type, object_id__in=appreciations)
        ).delete()
        jewels.delete()
        # Deleting adds a last history row: the whole history goes, with the words in it.
        CrownJewel.history.filter(id__in=ids).delete()
        Appreciation.history.filter(id__in=appreciations).delete()
        # A connection's history names the jewel, and its note may describe the person.
        Connection.history.filter(jewel_id__in=gifts.jewels).delete()
        for photo in photos:
            transaction.on_commit(lambda photo=photo: photo.storage.delete(photo.name))
    return RetentionStep(
        _("Nominations of a person's gift without an answer since before %(date)s, removed")
        % {"date": _stamp(before)},
        len(ids),
    )


def _masked_gift_changes(changes):
    """The changes of a gift nomination as the audit log keeps them once it is removed:
    every field that changed, with only the values that say nothing about the person."""
    if not isinstance(changes, dict):
        return None
    masked = {}
    for field, value in changes.items():
        if field in GIFT_VALUES_KEPT_IN_AUDIT_LOG:
            masked[field] = value
        elif isinstance(value, list):  # [before, after]
            masked[field] = [mask_text(str(side)) for side in value]
        else:
            masked[field] = MASKED_TEXT
    return masked


def _masked_admin_message(message: str) -> str:
    """The admin's log message about a removed gift, without the names of what was added
    or removed with it (an appreciation is named after the jewel and its words)."""
    try:
        parts = json.loads(message)
    except ValueError:
        return ""
    if not isinstance(parts, list):
        return ""
    for part in parts:
        for detail in part.values() if isinstance(part, dict) else ():
            if isinstance(detail, dict) and "object" in detail:
                detail["object"] = MASKED_TEXT
    return json.dumps(parts)


def _reported(entry: LogEntry) -> tuple[str | None, str | None]:
    """The content type and object id a report's audit log entry gives (its creation lists
    both; a later change may list neither)."""
    content_type, object_id = (
        entry.changes.get(name) or [None] for name in ("content_type", "object_id")
    )
    return content_type[-1], object_id[-1]


def _audit_log_corrections(gifts: RemovedGifts) -> list[tuple[int, dict]]:
    """Entries of the audit log that still name a removed gift, with what to set instead:
    a nomination or connection gets a neutral name (and a nomination masked values); a
    report of the nomination or of one of its appreciations loses the thing's name."""
    jewel_type, connection_type, appreciation_type, report_type = (
        ContentType.objects.get_for_model(model)
        for model in (CrownJewel, Connection, Appreciation, Report)
    )
    corrections = []
    for entry in LogEntry.objects.filter(
        Q(content_type=jewel_type, object_id__in=gifts.jewels)
        | Q(content_type=connection_type, object_id__in=gifts.connections)
    ).only("content_type", "object_pk", "object_repr", "changes"):
        model = CrownJewel if entry.content_type_id == jewel_type.pk else Connection
        name = neutral_name(model, entry.object_pk)
        if entry.object_repr == name:
            continue  # treated before
        update = {"object_repr": name, "changes_text": "", "serialized_data": None}
        if model is CrownJewel:
            update["changes"] = _masked_gift_changes(entry.changes)
        corrections.append((entry.pk, update))
    # Entries from before audit.py left the reported thing's name out of a report's changes.
    removed = {
        str(jewel_type.pk): {str(pk) for pk in gifts.jewels},
        str(appreciation_type.pk): {str(pk) for pk in gifts.appreciations},
    }
    for entry in LogEntry.objects.filter(
        content_type=report_type, changes__has_key="reported"
    ).only("changes"):
        content_type, object_id = _reported(entry)
        masked = [mask_text(str(side)) for side in entry.changes["reported"]]
        if object_id in removed.get(content_type, ()) and entry.changes["reported"] != masked:
            corrections.append((entry.pk, {"changes": {**entry.changes, "reported": masked}}))
    return corrections


def _admin_log_corrections(gifts: RemovedGifts) -> list[tuple[int, dict]]:
    """Entries of the admin's own log about a removed gift or its connections, with a
    neutral name and a message that names nothing that was added or removed with it."""
    jewel_type = ContentType.objects.get_for_model(CrownJewel)
    connection_type = ContentType.objects.get_for_model(Connection)
    corrections = []
    for entry in AdminLogEntry.objects.filter(
        Q(content_type=jewel_type, object_id__in=[str(pk) for pk in gifts.jewels])
        | Q(content_type=connection_type, object_id__in=[str(pk) for pk in gifts.connections])
    ).only("content_type", "object_id", "object_repr", "change_message"):
        model = CrownJewel if entry.content_type_id == jewel_type.pk else Connection
        name = neutral_name(model, entry.object_id)
        if entry.object_repr != name:
            message = _masked_admin_message(entry.change_message)
            corrections.append((entry.pk, {"object_repr": name, "change_message": message}))
    return corrections


def forget_removed_gifts_in_logs(gifts: RemovedGifts, *, dry_run: bool) -> RetentionStep:
    """The audit log and the admin's log keep their entries about removed gift nominations
    and what was connected with them or reported about them, for who did what and when;
    but no entry names the jewel any more (its name is often the person's) or keeps the
    values of the nomination. Entries already treated are left alone."""
    audit = _audit_log_corrections(gifts)
    admin = _admin_log_corrections(gifts)
    if not dry_run:
        for pk, update in audit:
            LogEntry.objects.filter(pk=pk).update(**update)
        for pk, update in admin:
            AdminLogEntry.objects.filter(pk=pk).update(**update)
    return RetentionStep(
        _("Log entries about removed nominations of a person's gift, names and values removed"),
        len(audit) + len(admin),
    )


def _address_no_longer_needed() -> Q:
    """History rows of crown jewels that hold a person's address the jewel itself no longer
    holds (it changed, the jewel is no gift any more, or it is gone), or that the person
    said no to: the jewel keeps that one, the history needs no copy."""
    still_needed = CrownJewel.objects.filter(
        pk=OuterRef("id"), person_email=OuterRef("person_email")
    ).exclude(consent__in=SAID_NO)
    return ~Q(person_email="") & ~Exists(still_needed)


def forget_person_in_jewel_history(jewel: CrownJewel) -> int:
    """Empty the person's address in the history of ``jewel`` wherever the jewel no longer
    needs it (see ``_address_no_longer_needed``). Call after a change of the address or
    the consent has been saved; returns how many history rows changed."""
    if jewel.pk is None:
        return 0
    return (
        CrownJewel.history.filter(id=jewel.pk)
        .filter(_address_no_longer_needed())
        .update(person_email="")
    )


def forget_addresses_in_jewel_history(gifts: RemovedGifts, *, dry_run: bool) -> RetentionStep:
    """What ``forget_person_in_jewel_history`` does, for every jewel: the services do it at
    once, this catches what they did not see (an edit in the admin, older history). The
    history of gifts removed in this run is gone already (or, in a dry run, would be)."""
    rows = CrownJewel.history.filter(_address_no_longer_needed()).exclude(id__in=gifts.removing)
    return RetentionStep(
        _("Addresses of persons no longer needed in the history of crown jewels, removed"),
        rows.count() if dry_run else rows.update(person_email=""),
    )


# --- Background tasks -----------------------------------------------------------------------


def remove_finished_tasks(
    now: datetime, days: int, failed_days: int, *, dry_run: bool
) -> tuple[RetentionStep, RetentionStep]:
    """Remove the results of background tasks (the emails Kompas sends) some days after
    they finished: their arguments can hold what an email is about, a moderator's reason
    for instance. A failed one is kept longer, for whoever looks into why; a task that has
    not run yet stays."""
    finished_before = now - timedelta(days=days)
    failed_before = now - timedelta(days=failed_days)
    return (
        RetentionStep(
            _("Background tasks (emails) done before %(date)s, removed")
            % {"date": _stamp(finished_before)},
            _remove(
                DBTaskResult.objects.successful().filter(finished_at__lt=finished_before),
                dry_run=dry_run,
            ),
        ),
        RetentionStep(
            _("Background tasks (emails) failed before %(date)s, removed")
            % {"date": _stamp(failed_before)},
            _remove(
                DBTaskResult.objects.failed().filter(finished_at__lt=failed_before),
                dry_run=dry_run,
            ),
        ),
    )


def _remove(queryset, *, dry_run: bool) -> int:
    count = queryset.count()
    if not dry_run and count:
        queryset.delete()
    return count


def apply_retention(
    *, periods: RetentionPeriods | None = None, now: datetime | None = None, dry_run=False
) -> list[RetentionStep]:
    """Remove everything older than its retention period; in a dry run only count it.
    Returns, per kind of data, what was removed. Safe to run as often as one likes."""
    periods = periods or RetentionPeriods.from_settings()
    now = now or timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic(), disable_auditlog():
        gifts_before = now - timedelta(days=periods.unconfirmed_gift_days)
        # Found before anything is removed, so that a dry run counts what a run does.
        gifts = removed_gifts(gifts_before)
        steps = [
            *remove_conversation_text(today, periods.conversation_text_months, dry_run=dry_run),
            remove_unconfirmed_gifts(gifts, gifts_before, dry_run=dry_run),
            forget_addresses_in_jewel_history(gifts, dry_run=dry_run),
        ]
        invitations_before = now - timedelta(days=periods.open_invitation_days)
        steps.append(
            RetentionStep(
                _("Invitations not accepted since before %(date)s, removed")
                % {"date": _stamp(invitations_before)},
                _remove(
                    Invitation.objects.filter(
                        accepted_at__isnull=True, created_at__lt=invitations_before
                    ),
                    dry_run=dry_run,
                ),
            )
        )
        # A request still waiting for staff stays: the person is waiting for an answer.
        requests_before = now - timedelta(days=periods.decided_join_request_days)
        steps.append(
            RetentionStep(
                _("Requests to join decided before %(date)s, removed")
                % {"date": _stamp(requests_before)},
                _remove(
                    JoinRequest.objects.exclude(status=JoinRequestStatus.PENDING).filter(
                        decided_at__lt=requests_before
                    ),
                    dry_run=dry_run,
                ),
            )
        )
        reports_before = months_before(now, periods.handled_report_months)
        steps.append(
            RetentionStep(
                _("Reports handled before %(date)s, removed") % {"date": _stamp(reports_before)},
                _remove(Report.objects.filter(handled_at__lt=reports_before), dry_run=dry_run),
            )
        )
        audit_before = months_before(now, periods.audit_log_months)
        steps.append(
            RetentionStep(
                _("Audit log entries from before %(date)s, removed")
                % {"date": _stamp(audit_before)},
                _remove(LogEntry.objects.filter(timestamp__lt=audit_before), dry_run=dry_run),
            )
        )
        steps.append(forget_removed_gifts_in_logs(gifts, dry_run=dry_run))
        steps.extend(
            remove_finished_tasks(
                now, periods.finished_task_days, periods.failed_task_days, dry_run=dry_run
            )
        )
    return steps
