"""Retention: remove what Kompas may no longer keep, once its period has passed.

Run every night by ``python manage.py apply_retention``. Each step selects only what is
older than its period and not yet handled, so a second run finds nothing to do. The
periods come from settings (``KOMPAS_RETENTION_*``); docs/privacy.md lists them.

Removals run with the audit log switched off: it would otherwise keep a copy of what is
being removed (the run's own report says what was done).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from initiatives.models import (
    Appreciation,
    Conversation,
    CrownJewel,
    Invitation,
    JoinRequest,
    JoinRequestStatus,
    Report,
)
from initiatives.permissions import GiftConsent
from initiatives.services.conversations import refresh_conversation_search_in_bulk

# What stays of "what I learned" (a required field) once the free text is removed.
REMOVED_TEXT = gettext_lazy("(removed after the retention period)")
# The other free text of a conversation: emptied.
OPTIONAL_TEXT_FIELDS = ("place", "with_whom", "ideas", "talents", "to_connect")


@dataclass(frozen=True)
class RetentionPeriods:
    """How long Kompas keeps each kind of data (months or days, from settings)."""

    conversation_text_months: int
    unconfirmed_gift_days: int
    open_invitation_days: int
    decided_join_request_days: int
    handled_report_months: int
    audit_log_months: int

    @classmethod
    def from_settings(cls) -> RetentionPeriods:
        return cls(
            conversation_text_months=settings.KOMPAS_RETENTION_CONVERSATION_TEXT_MONTHS,
            unconfirmed_gift_days=settings.KOMPAS_RETENTION_UNCONFIRMED_GIFT_DAYS,
            open_invitation_days=settings.KOMPAS_RETENTION_OPEN_INVITATION_DAYS,
            decided_join_request_days=settings.KOMPAS_RETENTION_DECIDED_JOIN_REQUEST_DAYS,
            handled_report_months=settings.KOMPAS_RETENTION_HANDLED_REPORT_MONTHS,
            audit_log_months=settings.KOMPAS_RETENTION_AUDIT_LOG_MONTHS,
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


def remove_unconfirmed_gifts(now: datetime, days: int, *, dry_run: bool) -> RetentionStep:
    """Remove nominations of a person's gift that the person never answered, ``days``
    after the nomination last changed: without consent they may not be kept. With them
    go their history, appreciations, connections, reports and photo."""
    before = now - timedelta(days=days)
    jewels = CrownJewel.objects.filter(consent=GiftConsent.ASKED, updated_at__lt=before)
    ids = list(jewels.values_list("pk", flat=True))
    if not dry_run and ids:
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
        CrownJewel.objects.filter(pk__in=ids).delete()
        # Deleting adds a last history row: the whole history goes, with the words in it.
        CrownJewel.history.filter(id__in=ids).delete()
        Appreciation.history.filter(id__in=appreciations).delete()
        for photo in photos:
            transaction.on_commit(lambda photo=photo: photo.storage.delete(photo.name))
    return RetentionStep(
        _("Nominations of a person's gift without an answer since before %(date)s, removed")
        % {"date": _stamp(before)},
        len(ids),
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
        steps = [
            *remove_conversation_text(today, periods.conversation_text_months, dry_run=dry_run),
            remove_unconfirmed_gifts(now, periods.unconfirmed_gift_days, dry_run=dry_run),
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
    return steps
