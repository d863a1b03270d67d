"""Obstacles: reported by an initiative (or by staff on its behalf), answered by the
municipality beside the report, never over it."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Department, User
from conversations.models import Conversation
from initiatives.models import Initiative
from kompas import access
from kompas.changes import record_change
from kompas.choices import ObstacleStatus, Visibility
from obstacles.models import Obstacle, ObstacleCategory

OBSTACLE_VISIBILITIES = (Visibility.PUBLIC, Visibility.SHARED)


@dataclass
class ObstacleData:
    """What happened, what they heard, where in the organisation, and when."""

    what_happened: str
    category: ObstacleCategory
    happened_on: datetime.date
    visibility: str = Visibility.SHARED
    department: Department | None = None
    organisation: str = ""
    conversations: Iterable[Conversation] = field(default_factory=list)

    FIELDS = ("what_happened", "category", "happened_on", "visibility", "department")

    @classmethod
    def from_form(cls, cleaned_data: dict) -> ObstacleData:
        names = cls.__dataclass_fields__
        return cls(**{name: value for name, value in cleaned_data.items() if name in names})


@transaction.atomic
def report_obstacle(initiative: Initiative, reporter: User, data: ObstacleData) -> Obstacle:
    """Record an obstacle an initiative met; staff may do so on its behalf."""
    if not access.can_report_obstacle(reporter, initiative):
        raise PermissionDenied(
            _("Only the members of an initiative, or staff on its behalf, report obstacles.")
        )
    obstacle = Obstacle(initiative=initiative, reported_by=reporter)
    _apply(obstacle, data)
    _save_with_conversations(obstacle, data, reporter, _("Reported"))
    obstacle.history.filter(history_type="~").update(history_type="+")
    return obstacle


@transaction.atomic
def update_obstacle(obstacle: Obstacle, editor: User, data: ObstacleData) -> Obstacle:
    """Change what was reported: the initiative's words, kept in history."""
    if not access.can_edit_obstacle(editor, obstacle):
        raise PermissionDenied(_("Only the initiative itself changes what it reported."))
    _apply(obstacle, data)
    _save_with_conversations(obstacle, data, editor, _("Changed"))
    return obstacle


@transaction.atomic
def answer_obstacle(obstacle: Obstacle, staff: User, *, status: str, answer: str) -> Obstacle:
    """The municipality says where it stands and what it answers, beside the report."""
    if not access.can_answer_obstacle(staff, obstacle):
        raise PermissionDenied(_("Staff answer obstacles on behalf of the municipality."))
    if status not in ObstacleStatus.values:
        raise ValidationError(_("Choose one of the statuses in the list."))
    obstacle.status = status
    answer = answer.strip()
    if answer != obstacle.answer:
        obstacle.answer = answer
        obstacle.answered_by, obstacle.answered_at = staff, timezone.now()
    record_change(obstacle, by=staff, reason=_("Answered"))
    obstacle.save()
    return obstacle


def _apply(obstacle: Obstacle, data: ObstacleData) -> None:
    if not data.what_happened.strip():
        raise ValidationError(_("Tell what happened."))
    if data.visibility not in OBSTACLE_VISIBILITIES:
        raise ValidationError(_("Choose who may read this."))
    for name in ObstacleData.FIELDS:
        setattr(obstacle, name, getattr(data, name))
    obstacle.what_happened = data.what_happened.strip()
    obstacle.organisation = "" if data.department else data.organisation.strip()


def _save_with_conversations(obstacle: Obstacle, data: ObstacleData, user: User, reason: str):
    """Save the report and the conversations it came up in as one change in the history."""
    record_change(obstacle, by=user, reason=reason)
    obstacle.skip_history_when_saving = True
    try:
        obstacle.save()
        obstacle.conversations.set(data.conversations)
    finally:
        del obstacle.skip_history_when_saving
    obstacle.save()
