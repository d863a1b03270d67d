"""The spread of conversations over kernen, departments and months
(/gesprekken/spreiding/): where the municipality talks with communities, and where not yet."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import (
    Count,
)
from django.db.models.functions import TruncMonth

from accounts.models import Department
from conversations.models import Conversation
from kompas import access
from kompas.access.figures import Counting, held_back, shown
from kompas.lists import month_of, month_starts
from places.models import Kern

# --- The spread -------------------------------------------------------------------------


# Conversations are never public: every number of the spread is a protected figure.
SPREAD_COUNTING = Counting.PROTECTED


@dataclass
class SpreadRow:
    """One line of a spread table: a department or a kern, and a count per month. The
    ``unknown`` line holds conversations without a department or a place."""

    name: str
    counts: list[int]
    partner: bool = False
    unknown: bool = False

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def pairs(self) -> list[tuple[int, str]]:
        """Each month's count with the count as it may be shown."""
        return [(count, shown(count, SPREAD_COUNTING)) for count in self.counts]

    @property
    def shown_total(self) -> str:
        return shown(self.total, SPREAD_COUNTING)


@dataclass
class Spread:
    months: list[date]
    departments: list[SpreadRow]
    kernen: list[SpreadRow]
    totals: list[int]

    @property
    def total(self) -> int:
        return sum(self.totals)

    @property
    def shown_totals(self) -> list[str]:
        return [shown(count, SPREAD_COUNTING) for count in self.totals]

    @property
    def shown_total(self) -> str:
        return shown(self.total, SPREAD_COUNTING)

    @property
    def total_held_back(self) -> bool:
        """Whether the whole period holds one to four conversations, shown as "<5"."""
        return held_back(self.total, SPREAD_COUNTING)


def _rows(objects, counts, months) -> list[SpreadRow]:
    rows = [
        SpreadRow(
            name=obj.name,
            partner=getattr(obj, "is_partner", False),
            counts=[counts.get((obj.pk, month), 0) for month in months],
        )
        for obj in objects
    ]
    unknown = [counts.get((None, month), 0) for month in months]
    if any(unknown):
        rows.append(SpreadRow(name="", counts=unknown, unknown=True))
    return rows


def conversation_spread(first: date, last: date) -> Spread:
    """How all conversations spread over departments and kernen per month, from ``first``'s
    month to ``last``'s: counts only, never text, never people. Rows are in the order of
    their names, never of their counts. A conversation counts in the kern where it was
    held, or else in the kernen of the initiatives it was about.

    These are aggregate figures over every conversation, internal ones included: protected
    figures (``figures``), so 1 to 4 is shown as "<5" to every reader;
    ``access.can_see_spread`` decides who may see them. Four queries, whatever the
    number of conversations.
    """
    months = month_starts(first, last)
    after = (months[-1] + timedelta(days=32)).replace(day=1)
    in_period = access.aggregate_scope(Conversation).filter(date__gte=months[0], date__lt=after)

    # One pass over the period: per department, kern and month.
    by_department: dict = {}
    by_kern: dict = {}
    for row in (
        in_period.annotate(month=TruncMonth("date"))
        .values("department", "kern", "month")
        .annotate(total=Count("pk"))
    ):
        month = month_of(row["month"])
        department = (row["department"], month)
        by_department[department] = by_department.get(department, 0) + row["total"]
        if row["kern"] is not None:
            kern = (row["kern"], month)
            by_kern[kern] = by_kern.get(kern, 0) + row["total"]
    about = access.aggregate_scope(Conversation.initiatives.through).filter(
        conversation__in=in_period.filter(kern__isnull=True).values("pk")
    )
    for row in (
        about.annotate(month=TruncMonth("conversation__date"))
        .values("initiative__kern", "month")
        .annotate(total=Count("conversation", distinct=True))
        .order_by()
    ):
        key = (row["initiative__kern"], month_of(row["month"]))
        by_kern[key] = by_kern.get(key, 0) + row["total"]

    departments = Department.objects.order_by("name")
    kernen = Kern.objects.only("name").order_by("name")
    return Spread(
        months=months,
        departments=_rows(departments, by_department, months),
        kernen=_rows(kernen, by_kern, months),
        totals=[
            sum(total for (_, month), total in by_department.items() if month == value)
            for value in months
        ],
    )
