"""Reads about obstacles (drempels): the list, their conversations and the patterns over
categories, departments and kernen.

Every function takes the viewer and starts from ``visible_to(user)``."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import median

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db.models import (
    Case,
    Count,
    Exists,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import Lower, TruncMonth

from conversations.models import Conversation
from conversations.selectors import CONVERSATION_ORDER
from kompas import access
from kompas.access.figures import Counting, drawn, held_back, shown
from kompas.choices import (
    ObstacleStatus,
)
from kompas.lists import month_of, month_starts
from kompas.words import OTHER_OBSTACLE
from obstacles.models import Obstacle, ObstacleCategory
from places.models import Kern

# --- Obstacles --------------------------------------------------------------------------


@dataclass(frozen=True)
class ObstacleFilters:
    """The filters of the list of obstacle reports (``ObstacleFilterForm.filters()``)."""

    kern: str = ""
    category: str = ""
    status: str = ""


def obstacle_list(user, filters: ObstacleFilters = ObstacleFilters()):
    """The obstacle reports this viewer may read, newest first, with what a list shows of
    each in a constant number of queries."""
    queryset = Obstacle.objects.visible_to(user)
    if filters.kern:
        queryset = queryset.filter(initiative__kern__slug=filters.kern)
    if filters.category:
        queryset = queryset.filter(category__slug=filters.category)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    return queryset.select_related("initiative", "initiative__kern", "category").order_by(
        "-happened_on", "-created_at", "-pk"
    )


def obstacle_filter_choices(user):
    """Places, kinds of obstacle and statuses to narrow the list to."""
    return {
        "kernen": Kern.objects.visible_to(user).only("name", "slug"),
        "categories": obstacle_categories(),
        "statuses": ObstacleStatus.choices,
    }


def obstacle_categories():
    """The kinds of obstacle in their own order, with "anders" (other) always last."""
    return ObstacleCategory.objects.annotate(
        other=Case(When(slug=OTHER_OBSTACLE, then=Value(1)), default=Value(0))
    ).order_by("other", "position", "name")


def initiative_obstacles(user, initiative):
    """The obstacles of ``initiative`` this viewer may read, newest first."""
    return (
        Obstacle.objects.visible_to(user)
        .filter(initiative=initiative)
        .select_related("category", "answered_by__department")
        .order_by("-happened_on", "-created_at", "-pk")
    )


def waiting_for_first_answer(user):
    """The obstacles this viewer may read that nobody answered yet: still "reported",
    without an answer."""
    return Obstacle.objects.visible_to(user).filter(
        status=ObstacleStatus.REPORTED, answered_at__isnull=True
    )


def obstacles_waiting_for(user):
    """The obstacles waiting for a first answer that go to this person, the longest waiting
    first (``created_at``: since when it waits). Each goes to the members of the department
    the initiative named; when it named none (or nobody works there), to the contact
    persons of the initiative's kern; when that kern has none, to every staff member. So
    none is lost. Only for those who see what waits; two queries with the count."""
    person = access.signed_in_person(user)
    if person is None or not access.can_see_attention(user):
        return Obstacle.objects.none()
    people = get_user_model().objects.filter(access.staff_people_q())
    department_has_people = Exists(people.filter(department=OuterRef("department")))
    kern_has_people = Exists(people.filter(contact_for_kernen=OuterRef("initiative__kern")))
    is_contact_person = Exists(
        people.filter(pk=person.pk, contact_for_kernen=OuterRef("initiative__kern"))
    )
    to_department = Q(department__isnull=False) & department_has_people
    to_kern = ~to_department & kern_has_people
    mine = Q(pk__in=[])
    if person.department_id is not None:
        mine |= to_department & Q(department=person.department_id)
    mine |= to_kern & is_contact_person
    mine |= ~to_department & ~kern_has_people
    return (
        waiting_for_first_answer(user)
        .filter(mine)
        .select_related("initiative", "category", "department")
        .order_by("created_at", "pk")
    )


def obstacle_conversations(user, obstacle):
    """The conversations where an obstacle came up, as far as this viewer may read them."""
    return (
        Conversation.objects.visible_to(user)
        .filter(obstacles=obstacle)
        .defer("search_vector", "location")
        .select_related("department")
        .order_by(*CONVERSATION_ORDER)
    )


# The patterns count the public reports only, which anyone can read in the list beside
# them: a public figure, shown exactly. Reports shared only with the municipality are
# counted in the council's insight figures, which are protected.
PATTERNS_COUNTING = Counting.PUBLIC


@dataclass
class PatternRow:
    """One line of a pattern: a kind of obstacle, a department, a kern or a month, and how
    often obstacles came up there. ``shown`` is the count as it may be shown, ``share`` the
    bar's length, in percent of the longest bar of its table."""

    name: str
    count: int
    shown: str = ""
    share: int = 0
    partner: bool = False
    month: date | None = None
    # Another organisation than the departments (typed freely, so never shown by name),
    # or nothing given.
    other: bool = False
    unknown: bool = False


@dataclass
class ObstaclePatterns:
    months: list[date]
    categories: list[PatternRow]
    departments: list[PatternRow]
    kernen: list[PatternRow]
    per_month: list[PatternRow]

    @property
    def total(self) -> int:
        return sum(row.count for row in self.per_month)


def _with_shares(rows: list[PatternRow]) -> list[PatternRow]:
    lengths = [drawn(row.count, PATTERNS_COUNTING) for row in rows]
    longest = max(lengths, default=0)
    for row, length in zip(rows, lengths, strict=True):
        row.shown = shown(row.count, PATTERNS_COUNTING)
        row.share = round(100 * length / longest) if longest else 0
    return rows


def obstacle_patterns(first: date, last: date) -> ObstaclePatterns:
    """How often obstacles came up from ``first``'s month to ``last``'s: per kind (in the
    kinds' own order, every kind), per department (by name, those that came up), per kern
    (by name, those that came up) and per month. Counts only: never a name of a person,
    never which initiative; rows are never ordered by their counts.

    The public reports count, those anyone can read in the list (``PATTERNS_COUNTING``):
    so each number is exact and equals that list. Four queries, whatever the number of
    obstacles.
    """
    months = month_starts(first, last)
    after = (months[-1] + timedelta(days=32)).replace(day=1)
    in_period = (
        Obstacle.objects.visible_to(AnonymousUser())
        .filter(happened_on__gte=months[0], happened_on__lt=after)
        .order_by()
    )

    categories = [
        PatternRow(name=category.name, count=category.total)
        for category in obstacle_categories().annotate(
            total=Count("obstacles", filter=Q(obstacles__in=in_period.values("pk")))
        )
    ]

    departments, other, unknown = [], 0, 0
    for row in (
        in_period.annotate(other=Case(When(organisation="", then=Value(0)), default=Value(1)))
        .values("department", "department__name", "department__is_partner", "other")
        .annotate(total=Count("pk"))
        .order_by(Lower("department__name"), "department")
    ):
        if row["department"] is not None:
            departments.append(
                PatternRow(
                    name=row["department__name"],
                    count=row["total"],
                    partner=row["department__is_partner"],
                )
            )
        elif row["other"]:
            other += row["total"]
        else:
            unknown += row["total"]
    # Another organisation is typed freely and might name a person: counted together.
    if other:
        departments.append(PatternRow(name="", count=other, other=True))
    if unknown:
        departments.append(PatternRow(name="", count=unknown, unknown=True))

    kernen = [
        PatternRow(
            name=row["initiative__kern__name"] or "",
            count=row["total"],
            unknown=row["initiative__kern"] is None,
        )
        for row in in_period.values("initiative__kern", "initiative__kern__name")
        .annotate(total=Count("pk"))
        .order_by(Lower("initiative__kern__name").asc(nulls_last=True), "initiative__kern")
    ]

    counts: dict = {}
    for row in (
        in_period.annotate(month=TruncMonth("happened_on"))
        .values("month")
        .annotate(total=Count("pk"))
    ):
        month = month_of(row["month"])
        counts[month] = counts.get(month, 0) + row["total"]
    per_month = [PatternRow(name="", month=month, count=counts.get(month, 0)) for month in months]

    return ObstaclePatterns(
        months=months,
        categories=_with_shares(categories),
        departments=_with_shares(departments),
        kernen=_with_shares(kernen),
        per_month=_with_shares(per_month),
    )


# --- Waiting for a first answer ---------------------------------------------------------

# Longer than this is waiting long for a first answer.
LONG_WAIT = timedelta(days=30)


@dataclass
class WaitingRow:
    """How long the obstacles of one department (or all of them) waited for a first answer
    from the municipality. ``total`` obstacles, of which ``answered`` have an answer (their
    waits in ``waits``), ``long`` waited more than ``LONG_WAIT`` (answered or not) and
    ``waiting`` have none yet."""

    name: str
    counting: Counting
    waits: list[timedelta]
    long: int = 0
    waiting: int = 0
    partner: bool = False
    everything: bool = False
    other: bool = False
    unknown: bool = False

    @property
    def total(self) -> int:
        return len(self.waits) + self.waiting

    @property
    def is_held_back(self) -> bool:
        """A small protected row shows "<5" and no median (``kompas.access.figures``)."""
        return held_back(self.total, self.counting)

    @property
    def shown_total(self) -> str:
        return shown(self.total, self.counting)

    @property
    def shown_long(self) -> str:
        return shown(self.long, self.counting)

    @property
    def shown_waiting(self) -> str:
        return shown(self.waiting, self.counting)

    @property
    def median_days(self) -> int | None:
        """The median wait of the answered ones in whole days; None when there is none to
        show: nothing answered, or a row (or an answered part) held back."""
        if not self.waits or self.is_held_back or held_back(len(self.waits), self.counting):
            return None
        return round(median(wait.total_seconds() for wait in self.waits) / 86400)


@dataclass
class Waiting:
    """The overall row, then a row per department by name, another organisation and no
    department named: in this fixed order, never in the order of the figures."""

    overall: WaitingRow
    departments: list[WaitingRow]
    counting: Counting

    @property
    def rows(self) -> list[WaitingRow]:
        return [self.overall, *self.departments]


def waiting_for_answer(obstacles, counting: Counting, now: datetime) -> Waiting:
    """How long ``obstacles`` waited, or still wait at ``now``, for a first answer from the
    municipality (``created_at`` to ``answered_at``): overall and per department named by the
    initiative. One query; the median is taken here, alike on every database."""
    overall = WaitingRow(name="", counting=counting, waits=[], everything=True)
    departments: dict[int, WaitingRow] = {}
    other = WaitingRow(name="", counting=counting, waits=[], other=True)
    unknown = WaitingRow(name="", counting=counting, waits=[], unknown=True)
    for department, name, partner, organisation, created, answered in (
        obstacles.order_by()
        .values_list(
            "department",
            "department__name",
            "department__is_partner",
            "organisation",
            "created_at",
            "answered_at",
        )
        .iterator()
    ):
        if department is not None:
            row = departments.setdefault(
                department, WaitingRow(name=name, counting=counting, waits=[], partner=partner)
            )
        else:
            # Another organisation is typed freely and might name a person: together.
            row = other if organisation else unknown
        for each in (overall, row):
            if answered is None:
                each.waiting += 1
                each.long += now - created > LONG_WAIT
            else:
                wait = max(answered - created, timedelta(0))
                each.waits.append(wait)
                each.long += wait > LONG_WAIT
    named = sorted(departments.items(), key=lambda item: (item[1].name.lower(), item[0]))
    rest = [row for row in (other, unknown) if row.total]
    return Waiting(overall=overall, departments=[row for _, row in named] + rest, counting=counting)


def obstacles_waiting(first: date, last: date, now: datetime) -> Waiting:
    """The waits on /drempels/, beside the patterns and over the same reports: the public
    ones of the period (``PATTERNS_COUNTING``).

    Chosen over ``aggregate_scope``: this page is public, and its patterns count exactly
    what anyone can read in the list below; the waits do the same, so each count equals
    that list and, as every report counted is public, none needs holding back. The shared
    reports' waits are in the council's insight, where they count under the small-count
    rule ("<5")."""
    months = month_starts(first, last)
    after = (months[-1] + timedelta(days=32)).replace(day=1)
    in_period = Obstacle.objects.visible_to(AnonymousUser()).filter(
        happened_on__gte=months[0], happened_on__lt=after
    )
    return waiting_for_answer(in_period, PATTERNS_COUNTING, now)
