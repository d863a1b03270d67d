"""History: who changed what, when, why and how, written and read as word diffs.

``record_change`` is the one place that tells django-simple-history who makes the next
change of an object and why. Shared by every page that shows the history of something
people write (an initiative's own text, a conversation): each model says which of its
fields a history shows with a ``TrackedFields``; this module turns its historical records
into ``Entry`` rows a template renders (escaping every piece of text).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from enum import Enum
from typing import TYPE_CHECKING, Literal

from django.db.models import Model, Prefetch
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from accounts.models import User


WORDS = re.compile(r"(\s+)")

# One save through a service writes a record for the fields and, when it sets a
# many-to-many relation, another one for that. Records this close together, by the same
# person and for the same reason, are one change to a reader.
SAME_CHANGE = timedelta(seconds=10)


class _Author(Enum):
    FROM_REQUEST = "from request"


# ``by=FROM_REQUEST``: django-simple-history takes the person signed in to the current
# request (its middleware), or no one outside a request.
FROM_REQUEST = _Author.FROM_REQUEST


def record_change(
    obj: Model,
    *,
    by: User | Literal[_Author.FROM_REQUEST] | None,
    reason: StrOrPromise | None = None,
) -> None:
    """Have the history record the next save of ``obj`` (and its many-to-many changes)
    as made by ``by`` (None: by no one, e.g. the system) for ``reason``.

    The reason is stored as text in the language active now (storing the message id, to
    translate when shown, would change only this function and the reading side below);
    without one the record keeps whatever reason ``obj`` already carries (none for a
    fresh object).
    """
    if by is not FROM_REQUEST:
        obj._history_user = by  # type: ignore[attr-defined]
    if reason is not None:
        obj._change_reason = str(reason)  # type: ignore[attr-defined]


@dataclass
class Change:
    label: str
    kind: str  # "text" (a word diff), "value" (old → new) or "terms" (added and removed)
    segments: list[tuple[str, str]] = field(default_factory=list)
    old: str = ""
    new: str = ""
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


@dataclass
class Entry:
    record: object
    who: str
    first: bool
    changes: list[Change]


@dataclass(frozen=True)
class TrackedFields:
    """What the history of a model shows, in the order of its form.

    ``text`` fields get a word diff, ``values`` an old → new line (through the caller's
    ``display``), and ``terms`` (many-to-many fields) the names added and removed; each
    term field names the accessor on the historical record and the attribute of its rows
    that holds the related object.
    """

    order: Sequence[str]
    text: Mapping[str, StrOrPromise]
    values: Mapping[str, StrOrPromise]
    terms: Mapping[str, tuple[str, str, StrOrPromise]] = field(default_factory=dict)

    def prefetches(self, history_model) -> list[Prefetch]:
        """Fetch the rows of every term field with their related object: one query each."""
        return [
            Prefetch(
                accessor,
                queryset=history_model._meta.get_field(accessor.removesuffix("_set"))
                .related_model.objects.select_related(target)
                .order_by("pk"),
            )
            for accessor, target, _label in self.terms.values()
        ]


Display = Callable[[str, object], str]


def person_label(person, sees_names: bool) -> str:
    """Who did something, as this viewer may know it: a name for staff; for everyone else
    the department of a civil servant, or the person's role."""
    if person is None:
        return str(_("someone"))
    if sees_names:
        department = f" ({person.department})" if person.department_id else ""
        return f"{person}{department}"
    if person.department_id:
        return str(person.department)
    return str(person.get_role_display()).capitalize()


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The words of ``new`` against ``old`` as (operation, text) pieces: ``equal``,
    ``delete`` or ``insert``. The template escapes the text."""
    old_words, new_words = WORDS.split(old or ""), WORDS.split(new or "")
    pieces: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for operation, old_from, old_to, new_from, new_to in matcher.get_opcodes():
        if operation == "equal":
            pieces.append(("equal", "".join(old_words[old_from:old_to])))
            continue
        if operation in ("delete", "replace"):
            pieces.append(("delete", "".join(old_words[old_from:old_to])))
        if operation in ("insert", "replace"):
            pieces.append(("insert", "".join(new_words[new_from:new_to])))
    return [(operation, text) for operation, text in pieces if text]


def _terms(record, fields: TrackedFields, name: str) -> list[str]:
    accessor, target, _label = fields.terms[name]
    return sorted(str(getattr(row, target)) for row in getattr(record, accessor).all())


def changes_between(
    old, new, fields: TrackedFields, display: Display, hidden: Iterable[str] = ()
) -> list[Change]:
    """What changed from ``old`` to ``new`` (two historical records), readable."""
    hidden = set(hidden)
    delta = new.diff_against(old, excluded_fields=[*fields.terms, *hidden])
    changed = {change.field: change for change in delta.changes}
    found = []
    for name in fields.order:
        if name in hidden:
            continue
        if name in fields.terms:
            before, after = _terms(old, fields, name), _terms(new, fields, name)
            if before != after:
                found.append(
                    Change(
                        label=str(fields.terms[name][2]),
                        kind="terms",
                        added=[term for term in after if term not in before],
                        removed=[term for term in before if term not in after],
                    )
                )
        elif name in changed:
            change = changed[name]
            if name in fields.text:
                found.append(
                    Change(
                        label=str(fields.text[name]),
                        kind="text",
                        segments=word_diff(change.old or "", change.new or ""),
                    )
                )
            elif name in fields.values:
                found.append(
                    Change(
                        label=str(fields.values[name]),
                        kind="value",
                        old=display(name, change.old),
                        new=display(name, change.new),
                    )
                )
    return found


def _one_change(earlier, later, fields: TrackedFields) -> bool:
    """Whether ``later`` only completes ``earlier``: written in the same moment by the same
    person for the same reason, with no other field changed (a relation set after a save)."""
    return (
        later.history_user_id == earlier.history_user_id
        and later.history_change_reason == earlier.history_change_reason
        and later.history_date - earlier.history_date <= SAME_CHANGE
        and not later.diff_against(earlier, excluded_fields=list(fields.terms)).changes
    )


def history_entries(
    records: Sequence,
    fields: TrackedFields,
    display: Display,
    sees_names: bool,
    hidden: Iterable[str] = (),
    fold: bool = False,
) -> list[Entry]:
    """Every change in ``records`` (oldest first, their users and term rows fetched), as
    entries for a reader, newest first.

    With ``fold``, a record that only completes the one before it (see ``_one_change``)
    is shown as part of that change rather than as a change of its own.
    """
    groups: list[list] = []
    for record in records:
        if fold and groups and _one_change(groups[-1][-1], record, fields):
            groups[-1].append(record)
        else:
            groups.append([record])
    entries = []
    for index, group in enumerate(groups):
        previous = groups[index - 1][-1] if index else None
        entries.append(
            Entry(
                record=group[0],
                who=person_label(group[0].history_user, sees_names),
                first=previous is None,
                changes=changes_between(previous, group[-1], fields, display, hidden)
                if previous
                else [],
            )
        )
    entries.reverse()
    return entries
