"""The insight figures about obstacles: by what they heard and by department, and how long
they wait for a first answer from the municipality."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from accounts.models import Department
from insight.figures.figure import BARS, Figure, Scope, dated
from kompas import access
from kompas.access.figures import Counting
from obstacles.models import Obstacle, ObstacleCategory
from obstacles.selectors import Waiting, waiting_for_answer


def _obstacles(scope: Scope):
    obstacles = dated(access.aggregate_scope(Obstacle), "happened_on", scope)
    return obstacles.filter(initiative__kern=scope.kern) if scope.kern else obstacles


def obstacles_by_category(scope: Scope) -> Figure:
    in_period = _obstacles(scope)
    categories = ObstacleCategory.objects.order_by("position", "name").annotate(
        total=Count("obstacles", filter=Q(obstacles__in=in_period.values("pk")))
    )
    return Figure(
        slug="drempels-soort",
        title=_("Obstacles by what they heard"),
        columns=[_("Obstacles")],
        rows=[(category.name, [category.total]) for category in categories],
        chart=BARS,
        counting=Counting.PROTECTED,
        label_heading=_("Kind of obstacle"),
        note=_("Every obstacle reported in the period, shared ones included."),
    )


def obstacles_by_department(scope: Scope) -> Figure:
    in_period = _obstacles(scope)
    departments = Department.objects.order_by(Lower("name"), "pk").annotate(
        total=Count("obstacles", filter=Q(obstacles__in=in_period.values("pk")))
    )
    rest = in_period.filter(department__isnull=True).aggregate(
        other=Count("pk", filter=~Q(organisation="")),
        unknown=Count("pk", filter=Q(organisation="")),
    )
    rows = [(department.name, [department.total]) for department in departments]
    # Another organisation is typed freely and might name a person: counted together.
    rows.append((_("Another organisation"), [rest["other"]]))
    rows.append((_("No department given"), [rest["unknown"]]))
    return Figure(
        slug="drempels-afdeling",
        title=_("Obstacles by department"),
        columns=[_("Obstacles")],
        rows=rows,
        chart=BARS,
        counting=Counting.PROTECTED,
        label_heading=_("Department or organisation"),
        note=_("Every obstacle reported in the period, shared ones included."),
    )


def obstacles_waiting(scope: Scope, now: datetime) -> Waiting:
    """How long the obstacles of the period waited, or still wait at ``now``, for a first
    answer from the municipality: overall and per department. The same obstacles as the
    two figures above (every one of the period and the kern, shared ones included), so
    under the small-count rule: a line of fewer than five shows "<5" and no median."""
    return waiting_for_answer(_obstacles(scope), Counting.PROTECTED, now)
