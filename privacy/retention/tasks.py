"""Retention of background tasks: the results of the emails Kompas sent, some days after
they finished."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult

from privacy.retention.step import RetentionStep, remove, stamp


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
            % {"date": stamp(finished_before)},
            remove(
                DBTaskResult.objects.successful().filter(finished_at__lt=finished_before),
                dry_run=dry_run,
            ),
        ),
        RetentionStep(
            _("Background tasks (emails) failed before %(date)s, removed")
            % {"date": stamp(failed_before)},
            remove(
                DBTaskResult.objects.failed().filter(finished_at__lt=failed_before),
                dry_run=dry_run,
            ),
        ),
    )
