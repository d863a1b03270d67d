"""A run of retention: the periods from settings and every step in its order, in one
transaction with the audit log switched off. The short steps (invitations, requests to
join, reports, the audit log) are here; the others have a module of their own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives.models import Invitation, JoinRequest, JoinRequestStatus
from moderation.models import Report
from privacy.retention.conversations import remove_conversation_text
from privacy.retention.gift_logs import forget_removed_gifts_in_logs
from privacy.retention.gifts import (
    forget_addresses_in_jewel_history,
    remove_unconfirmed_gifts,
    removed_gifts,
)
from privacy.retention.step import RetentionStep, months_before, remove, stamp
from privacy.retention.tasks import remove_finished_tasks


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
                % {"date": stamp(invitations_before)},
                remove(
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
                % {"date": stamp(requests_before)},
                remove(
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
                _("Reports handled before %(date)s, removed") % {"date": stamp(reports_before)},
                remove(Report.objects.filter(handled_at__lt=reports_before), dry_run=dry_run),
            )
        )
        audit_before = months_before(now, periods.audit_log_months)
        steps.append(
            RetentionStep(
                _("Audit log entries from before %(date)s, removed")
                % {"date": stamp(audit_before)},
                remove(LogEntry.objects.filter(timestamp__lt=audit_before), dry_run=dry_run),
            )
        )
        steps.append(forget_removed_gifts_in_logs(gifts, dry_run=dry_run))
        steps.extend(
            remove_finished_tasks(
                now, periods.finished_task_days, periods.failed_task_days, dry_run=dry_run
            )
        )
    return steps
