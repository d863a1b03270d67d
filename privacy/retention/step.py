"""One step of retention, as a run reports it, and what every step shares: the dates it
counts from and removing what it selected."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime


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


def stamp(moment: date | datetime) -> str:
    """A date as a step's description gives it."""
    return moment.strftime("%Y-%m-%d")


def remove(queryset, *, dry_run: bool) -> int:
    """Delete ``queryset`` (in a dry run only count it); returns how many."""
    count = queryset.count()
    if not dry_run and count:
        queryset.delete()
    return count
