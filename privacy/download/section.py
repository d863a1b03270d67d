"""One section of the download of a person's own data, and the small helpers that turn
what Kompas holds into the plain values of its rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass
class DataSection:
    """One concept of what Kompas holds about a person: its key in the JSON file, a
    heading and field labels for the readable page, and the rows (one for the account)."""

    key: str
    title: StrOrPromise
    fields: tuple[tuple[str, StrOrPromise], ...]
    rows: list[dict]
    single: bool = False


def names(objects) -> list[str]:
    """The names of related things (kinds, offers…), as the rows list them."""
    return [str(obj) for obj in objects]


def point(location) -> list[float] | None:
    """A place on the map as [longitude, latitude], or None."""
    return [location.x, location.y] if location else None


def name_of(obj) -> str:
    """The name of an optional related thing (a kern, a department), or nothing."""
    return obj.name if obj is not None else ""
