"""What a figure of the insight page is: its scope (the whole municipality or one kern, and
the months), its numbers, and how they are drawn as a chart and shown as a table; and
the counting every topic's figures share.

Every figure counts over all data, so its numbers are shown under the one rule of
``kompas.access.figures``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import formats
from django.utils.translation import gettext as _

from kompas.access.figures import Counting, drawn, shown
from kompas.lists import month_of, month_starts
from places.models import Kern

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


def per_month(queryset, field_name: str, scope: Scope) -> list[int]:
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


def dated(queryset, field_name: str, scope: Scope, is_datetime: bool = False):
    lookup = f"{field_name}__date" if is_datetime else field_name
    return queryset.filter(**{f"{lookup}__gte": scope.months[0], f"{lookup}__lt": scope.after})


def months_figure(slug, title, rows, scope, note="", heading="") -> Figure:
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
