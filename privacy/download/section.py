"""One section of the download of a person's own data, and the small helpers that turn
what Kompas holds into the plain values of its rows."""

from dataclasses import dataclass


@dataclass
class DataSection:
    """One concept of what Kompas holds about a person: its key in the JSON file, a
    heading and field labels for the readable page, and the rows (one for the account)."""

    key: str
    title: str
    fields: tuple[tuple[str, str], ...]
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
