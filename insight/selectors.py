"""Insight: aggregate figures for the council, for the whole municipality or one kern, over
a period of months.

Every figure counts over all data (tips, internal conversations and shared obstacles
included), so each is ``Counting.PROTECTED`` under the one rule of ``figures``: 1 to 4 is
shown as "<5", on the page, in the charts and in every CSV, whoever reads it;
``permissions.can_see_insight`` decides who may see them. The kern page's figures
(``public_figures``) count public records only and are shown exactly. Rows come in a
fixed order (the vocabulary's own order, departments and kernen by name), never in the
order of their counts: these are no rankings. Each figure takes a constant number of
queries, whatever the number of rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q
from django.db.models.functions import Lower, TruncMonth
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.models import Department
from connections.models import REASONS, Connection
from conversations.models import Conversation
from conversations.spread import month_of, month_starts
from initiatives.models import Initiative, InitiativeKind, Ownership
from jewels.models import CrownJewel
from kompas.access.figures import Counting, drawn, shown
from kompas.caching import remembered
from kompas.choices import ConnectionAnswer, ConnectionStatus, InitiativeStatus
from obstacles.models import Obstacle, ObstacleCategory
from places.models import Kern
from stories.models import Story

# Counting every figure reads all conversations, stories and connections of the period (a
# few hundred ms with 100,000 conversations), and patterns do not change by the minute:
# the figures are counted again at most this long after they were last counted.
COUNTED_SECONDS = 5 * 60

BARS, MONTHS = "bars", "months"

# Chart geometry (SVG user units; the SVG scales to its container).
CHART_WIDTH = 400
BAR_MAX = 300
BAR_ROW = 36
STRIP_HEIGHT = 48
STRIP_BAR_MAX = 30


def _svg(number: float) -> str:
    """A length for an SVG attribute: always with a decimal point, never localised
    ("31,3" is no length)."""
    return f"{round(number, 1):g}"


@dataclass(frozen=True)
class Scope:
    """What the figures are about: the whole municipality or one kern, and the months."""

    kern: Kern | None
    first: date
    last: date

    @property
    def months(self) -> list[date]:
        return month_starts(self.first, self.last)

    @property
    def after(self) -> date:
        """The first day after the period."""
        return (self.months[-1] + timedelta(days=32)).replace(day=1)


@dataclass(frozen=True)
class Figure:
    """One figure: a chart ("bars": by category; "months": over time) and the same numbers
    as a table. ``rows`` are (label, [count per column]); ``counting`` says what it counts,
    which decides how its numbers are shown (``figures``)."""

    slug: str
    title: str
    columns: list[str]
    rows: list[tuple[str, list[int]]]
    chart: str
    counting: Counting
    label_heading: str = ""
    note: str = ""
    months: list[date] = field(default_factory=list)

    @property
    def table(self) -> list[tuple[str, list[str]]]:
        """The rows as they may be shown."""
        return [
            (label, [shown(count, self.counting) for count in counts])
            for label, counts in self.rows
        ]

    @property
    def csv_rows(self) -> list[list[str]]:
        """The header and the rows of the CSV: the same shown numbers as the page."""
        return [[self.label_heading, *self.columns]] + [
            [label, *values] for label, values in self.table
        ]

    @property
    def summary(self) -> str:
        """A short text for screen readers: what the chart shows, in words."""
        if self.chart == BARS:
            parts = ", ".join(f"{label}: {values[0]}" for label, values in self.table)
            return f"{self.title}. {parts}."
        return _(
            "%(title)s, per month from %(first)s to %(last)s. The table holds the numbers."
        ) % {
            "title": self.title,
            "first": self.columns[0] if self.columns else "",
            "last": self.columns[-1] if self.columns else "",
        }

    @property
    def bars(self) -> list[dict]:
        """A horizontal bar per row, for a "bars" chart (the first column)."""
        lengths = [drawn(counts[0], self.counting) for _, counts in self.rows]
        longest = max(lengths, default=0) or 1
        return [
            {
                "label": label,
                "value": shown(counts[0], self.counting),
                "label_y": _svg(index * BAR_ROW + 12),
                "y": _svg(index * BAR_ROW + 16),
                "width": _svg(BAR_MAX * length / longest),
                "value_x": _svg(BAR_MAX * length / longest + 6),
                "value_y": _svg(index * BAR_ROW + 28),
            }
            for index, ((label, counts), length) in enumerate(zip(self.rows, lengths, strict=True))
        ]

    @property
    def bars_height(self) -> str:
        return _svg(max(len(self.rows), 1) * BAR_ROW)

    @property
    def strips(self) -> list[dict]:
        """A strip of vertical bars per row, one bar per month, for a "months" chart."""
        longest = max(
            (drawn(count, self.counting) for _, counts in self.rows for count in counts),
            default=0,
        )
        longest = longest or 1
        step = CHART_WIDTH / max(len(self.columns), 1)
        strips = []
        for index, (label, counts) in enumerate(self.rows):
            top = index * STRIP_HEIGHT
            base = top + STRIP_HEIGHT - 2
            bars = []
            for position, (column, count) in enumerate(zip(self.columns, counts, strict=True)):
                height = round(STRIP_BAR_MAX * drawn(count, self.counting) / longest, 1)
                bars.append(
                    {
                        "month": column,
                        "value": shown(count, self.counting),
                        "x": _svg(position * step + 1),
                        "y": _svg(base - height),
                        "width": _svg(max(step - 2, 1)),
                        "height": _svg(height),
                    }
                )
            strips.append({"label": label, "label_y": _svg(top + 12), "bars": bars})
        return strips

    @property
    def strips_height(self) -> str:
        return _svg(max(len(self.rows), 1) * STRIP_HEIGHT)


def _month_label(month: date) -> str:
    return formats.date_format(month, "M Y")


def _per_month(queryset, field_name: str, scope: Scope) -> list[int]:
    """Counts of ``queryset`` per month of ``scope`` by ``field_name`` (one query)."""
    counts: dict = {}
    for row in (
        queryset.annotate(month=TruncMonth(field_name))
        .values("month")
        .annotate(total=Count("pk", distinct=True))
        .order_by()
    ):
        month = month_of(row["month"])
        counts[month] = counts.get(month, 0) + row["total"]
    return [counts.get(month, 0) for month in scope.months]


def _dated(queryset, field_name: str, scope: Scope, is_datetime: bool = False):
    lookup = f"{field_name}__date" if is_datetime else field_name
    return queryset.filter(**{f"{lookup}__gte": scope.months[0], f"{lookup}__lt": scope.after})


def _initiatives(scope: Scope):
    queryset = Initiative.objects.order_by()
    return queryset.filter(kern=scope.kern) if scope.kern else queryset


def _months_figure(slug, title, rows, scope, note="", heading="") -> Figure:
    """A figure over time; like every figure here it counts what is not public too."""
    return Figure(
        slug=slug,
        title=title,
        columns=[_month_label(month) for month in scope.months],
        rows=rows,
        chart=MONTHS,
        counting=Counting.PROTECTED,
        label_heading=heading or _("What is counted"),
        note=note,
        months=scope.months,
    )


# --- Initiatives ------------------------------------------------------------------------


def _kind_rows(initiatives) -> list[tuple[str, list[int]]]:
    """Per kind (by name): the suggested kinds always, other kinds when they count. Two
    queries."""
    kinds = InitiativeKind.objects.order_by(Lower("name")).annotate(
        total=Count(
            "initiatives", filter=Q(initiatives__in=initiatives.values("pk")), distinct=True
        )
    )
    rows = [(kind.name, [kind.total]) for kind in kinds if kind.suggested or kind.total]
    without = initiatives.filter(kinds__isnull=True).count()
    rows.append((_("No kind given"), [without]))
    return rows


def _ownership_rows(initiatives) -> list[tuple[str, list[int]]]:
    """The four types of ownership in their own order, and "not given". One query."""
    counts = {
        row["ownership"]: row["total"]
        for row in initiatives.values("ownership").annotate(total=Count("pk")).order_by()
    }
    rows = [(str(label), [counts.get(value, 0)]) for value, label in Ownership.choices]
    rows.append((_("Not given"), [counts.get(None, 0)]))
    return rows


def initiatives_by_kind(scope: Scope) -> Figure:
    return Figure(
        slug="soorten",
        title=_("Initiatives by kind"),
        columns=[_("Initiatives")],
        rows=_kind_rows(_initiatives(scope)),
        chart=BARS,
        counting=Counting.PROTECTED,
        label_heading=_("Kind"),
        note=_(
            "Every initiative the municipality knows of, whatever its status. An initiative "
            "of more than one kind counts with each of them."
        ),
    )


def initiatives_by_ownership(scope: Scope) -> Figure:
    return Figure(
        slug="eigenaarschap",
        title=_("Initiatives by type of ownership"),
        columns=[_("Initiatives")],
        rows=_ownership_rows(_initiatives(scope)),
        chart=BARS,
        counting=Counting.PROTECTED,
        label_heading=_("Ownership"),
        note=_("Every initiative the municipality knows of, whatever its status."),
    )


def initiatives_by_status(scope: Scope) -> Figure:
    counts = {
        row["status"]: row["total"]
        for row in _initiatives(scope).values("status").annotate(total=Count("pk"))
    }
    return Figure(
        slug="status",
        title=_("Initiatives by status"),
        columns=[_("Initiatives")],
        rows=[(str(label), [counts.get(value, 0)]) for value, label in InitiativeStatus.choices],
        chart=BARS,
        counting=Counting.PROTECTED,
        label_heading=_("Status"),
        note=_("Tips and initiatives in contact are counted, never named."),
    )


def initiatives_new_and_ended(scope: Scope) -> Figure:
    initiatives = _initiatives(scope)
    new = _per_month(_dated(initiatives, "created_at", scope, True), "created_at", scope)
    # Ended: initiatives whose status is "ended" now, counted in the month they last
    # changed. Simpler than reading the history and honest about what it is; an
    # initiative that ended and changed again later moves to that later month.
    ended = _per_month(
        _dated(initiatives.filter(status=InitiativeStatus.ENDED), "updated_at", scope, True),
        "updated_at",
        scope,
    )
    return _months_figure(
        "nieuw-en-gestopt",
        _("New and ended initiatives per month"),
        [(_("New"), new), (_("Ended"), ended)],
        scope,
        note=_(
            "New: entered in that month. Ended: its status is now ended, counted in the month "
            "it was last changed."
        ),
    )


# --- Connections ------------------------------------------------------------------------


def _made_connections(scope: Scope):
    """Connections both sides said yes to (made, running or stopped since), proposed in
    the period, with at least one side in the kern."""
    made = Connection.objects.order_by().filter(
        status__in=[ConnectionStatus.MADE, ConnectionStatus.RUNNING, ConnectionStatus.STOPPED],
        first_answer=ConnectionAnswer.YES,
        second_answer=ConnectionAnswer.YES,
    )
    if scope.kern:
        made = made.filter(
            Q(first__kern=scope.kern) | Q(second__kern=scope.kern) | Q(jewel__kern=scope.kern)
        )
    return _dated(made, "created_at", scope, True)


def connections_per_month(scope: Scope) -> Figure:
    return _months_figure(
        "verbindingen",
        _("Connections made per month"),
        [(_("Connections made"), _per_month(_made_connections(scope), "created_at", scope))],
        scope,
        note=_("Connections both sides said yes to, counted in the month they were proposed."),
    )


def connections_by_reason(scope: Scope) -> Figure:
    totals = _made_connections(scope).aggregate(
        **{name: Count("pk", filter=Q(**{name: True})) for name, _label in REASONS}
    )
    return Figure(
        slug="verbindingen-waarom",
        title=_("Why connections were made"),
        columns=[_("Connections made")],
        rows=[(str(label), [totals[name]]) for name, label in REASONS],
        chart=BARS,
        counting=Counting.PROTECTED,
        label_heading=_("Reason"),
        note=_("A connection can have more than one reason; it counts with each of them."),
    )


# --- Obstacles --------------------------------------------------------------------------


def _obstacles(scope: Scope):
    obstacles = _dated(Obstacle.objects.order_by(), "happened_on", scope)
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


# --- Conversations ----------------------------------------------------------------------


def _conversations(scope: Scope):
    """Conversations in the period; for a kern: held there, or else about its initiatives."""
    in_period = _dated(Conversation.objects.order_by(), "date", scope)
    if scope.kern:
        about = Conversation.initiatives.through.objects.filter(initiative__kern=scope.kern)
        in_period = in_period.filter(
            Q(kern=scope.kern) | Q(kern__isnull=True, pk__in=about.values("conversation"))
        )
    return in_period


def _grid(names: list[tuple[int, str]], counts: dict, scope: Scope) -> list:
    return [(name, [counts.get((pk, month), 0) for month in scope.months]) for pk, name in names]


def conversations_by_department(scope: Scope) -> Figure:
    counts: dict = {}
    for row in (
        _conversations(scope)
        .annotate(month=TruncMonth("date"))
        .values("department", "month")
        .annotate(total=Count("pk"))
        .order_by()
    ):
        key = (row["department"], month_of(row["month"]))
        counts[key] = counts.get(key, 0) + row["total"]
    names = list(Department.objects.order_by(Lower("name"), "pk").values_list("pk", "name"))
    names.append((None, _("No department recorded")))
    return _months_figure(
        "gesprekken-afdeling",
        _("Conversations per month, by department"),
        _grid(names, counts, scope),
        scope,
        note=_("Every conversation written down, internal ones included."),
        heading=_("Department"),
    )


def conversations_by_kern(scope: Scope) -> Figure:
    """A conversation counts in the kern where it was held, or else in the kernen of the
    initiatives it was about (as on the spread page)."""
    in_period = _conversations(scope)
    counts: dict = {}
    for row in (
        in_period.filter(kern__isnull=False)
        .annotate(month=TruncMonth("date"))
        .values("kern", "month")
        .annotate(total=Count("pk"))
        .order_by()
    ):
        key = (row["kern"], month_of(row["month"]))
        counts[key] = counts.get(key, 0) + row["total"]
    about = Conversation.initiatives.through.objects.filter(
        conversation__in=in_period.filter(kern__isnull=True).values("pk")
    )
    if scope.kern:
        about = about.filter(initiative__kern=scope.kern)
    for row in (
        about.annotate(month=TruncMonth("conversation__date"))
        .values("initiative__kern", "month")
        .annotate(total=Count("conversation", distinct=True))
        .order_by()
    ):
        if row["initiative__kern"] is not None:
            key = (row["initiative__kern"], month_of(row["month"]))
            counts[key] = counts.get(key, 0) + row["total"]
    kernen = Kern.objects.order_by(Lower("name"), "pk")
    if scope.kern:
        kernen = kernen.filter(pk=scope.kern.pk)
    return _months_figure(
        "gesprekken-kern",
        _("Conversations per month, by village or district"),
        _grid(list(kernen.values_list("pk", "name")), counts, scope),
        scope,
        note=_(
            "A conversation counts where it took place, or else in the village or district "
            "of the initiatives it was about."
        ),
        heading=_("Village or district"),
    )


# --- Stories and crown jewels -----------------------------------------------------------


def stories_per_month(scope: Scope) -> Figure:
    stories = _dated(Story.objects.order_by(), "created_at", scope, True)
    if scope.kern:
        stories = stories.filter(initiative__kern=scope.kern)
    return _months_figure(
        "verhalen",
        _("Stories written per month"),
        [(_("Stories"), _per_month(stories, "created_at", scope))],
        scope,
        note=_("Every story written down on Kompas in that month, shared ones included."),
    )


def jewels_per_month(scope: Scope) -> Figure:
    jewels = _dated(CrownJewel.objects.order_by(), "created_at", scope, True)
    if scope.kern:
        jewels = jewels.filter(kern=scope.kern)
    return _months_figure(
        "kroonjuwelen",
        _("Crown jewels nominated per month"),
        [(_("Crown jewels"), _per_month(jewels, "created_at", scope))],
        scope,
        note=_("Every nomination in that month, also those waiting for consent."),
    )


# The figures in the order of the page; the key is the name of its CSV.
FIGURES: dict[str, Callable[[Scope], Figure]] = {
    "soorten": initiatives_by_kind,
    "eigenaarschap": initiatives_by_ownership,
    "status": initiatives_by_status,
    "nieuw-en-gestopt": initiatives_new_and_ended,
    "verbindingen": connections_per_month,
    "verbindingen-waarom": connections_by_reason,
    "drempels-soort": obstacles_by_category,
    "drempels-afdeling": obstacles_by_department,
    "gesprekken-afdeling": conversations_by_department,
    "gesprekken-kern": conversations_by_kern,
    "verhalen": stories_per_month,
    "kroonjuwelen": jewels_per_month,
}


@dataclass(frozen=True)
class Counted:
    """Every figure of a scope, in the order of the page, and when they were counted."""

    figures: list[Figure]
    at: datetime


def figures(scope: Scope) -> Counted:
    """Every figure of ``scope``, counted at most ``COUNTED_SECONDS`` ago: the page and its
    CSV downloads show the same numbers."""
    place = scope.kern.pk if scope.kern else "all"
    # "counted": figures that say what they count; ones kept before that have no counting.
    return remembered(
        f"insight:counted:{place}:{scope.first}:{scope.last}:{get_language()}",
        lambda: Counted([build(scope) for build in FIGURES.values()], timezone.now()),
        COUNTED_SECONDS,
    )


def figure(slug: str, scope: Scope) -> Figure | None:
    return next((chosen for chosen in figures(scope).figures if chosen.slug == slug), None)


def csv_filename(figure: Figure, scope: Scope) -> str:
    place = scope.kern.slug if scope.kern else "gemeente"
    return f"kompas-{figure.slug}-{place}-{scope.first:%Y-%m}-tot-{scope.last:%Y-%m}.csv"


# --- The public part, for the kern page -------------------------------------------------


@dataclass(frozen=True)
class PublicFigures:
    kinds: list[tuple[str, str]]
    ownership: list[tuple[str, str]]
    stories: str
    jewels: str
    initiatives: str
    counting: Counting


def public_figures(kern: Kern) -> PublicFigures:
    """What anyone may know of ``kern`` in numbers: its public initiatives by kind and by
    ownership, its public stories and shown crown jewels. Public records only, so shown
    exactly: each equals what the public list of them shows. Six queries."""
    anonymous = AnonymousUser()
    initiatives = Initiative.objects.visible_to(anonymous).filter(kern=kern).order_by()
    stories = Story.objects.visible_to(anonymous).filter(initiative__kern=kern).order_by()
    jewels = CrownJewel.objects.visible_to(anonymous).filter(kern=kern).order_by()

    counting = Counting.PUBLIC

    def exact(count: int) -> str:
        return shown(count, counting)

    return PublicFigures(
        kinds=[(label, exact(counts[0])) for label, counts in _kind_rows(initiatives) if counts[0]],
        ownership=[(label, exact(counts[0])) for label, counts in _ownership_rows(initiatives)],
        stories=exact(stories.count()),
        jewels=exact(jewels.count()),
        initiatives=exact(initiatives.count()),
        counting=counting,
    )
