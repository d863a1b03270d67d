"""The one rule for showing a count: on every page with figures and in every download.

Small counts are held back to protect the people behind records that are not public.
Anyone can count public records on a public list, so a count of those protects nobody.
Every figure therefore says what it counts, and is shown by that alone, the same to
every reader:

- ``Counting.PUBLIC``: it counts only records anyone can read on a public list
  (initiatives on the public map, their public stories and obstacle reports, crown
  jewels shown to everyone; ``visible_to(AnonymousUser())``). It is shown exactly, so it
  equals what the public list shows.
- ``Counting.PROTECTED``: it also counts records that are not public (tips, initiatives
  in contact, conversations, stories and reports shared only with the municipality,
  crown jewels waiting for a person's yes). One to four is shown as "<5", so nobody can
  be read out of a number, also not by staff or the council. Zero is shown as 0: no one
  stands behind it. Five and more are shown exactly. A chart draws every "<5" at the same
  length, so the picture tells no more than the number beside it.

Not a figure in this sense: how many items a list holds that the reader sees right there
("4 initiatives live here" above the list, "Showing 20 of 35", the pages of a list).
"""

from __future__ import annotations

from enum import StrEnum

# One to this number less is "a small count".
FEWER_THAN = 5
FEWER = f"<{FEWER_THAN}"


class Counting(StrEnum):
    """What a figure counts, which decides how it is shown."""

    PUBLIC = "public"
    PROTECTED = "protected"


def held_back(count: int, counting: Counting) -> bool:
    """Whether ``count`` is shown as "<5" rather than as itself."""
    return counting == Counting.PROTECTED and 0 < count < FEWER_THAN


def shown(count: int, counting: Counting) -> str:
    """A count as it may be shown: itself, or "<5" for one to four that is protected."""
    return FEWER if held_back(count, counting) else str(count)


def drawn(count: int, counting: Counting) -> float:
    """The length a count is drawn with in a chart: every held-back count alike."""
    return FEWER_THAN / 2 if held_back(count, counting) else count
