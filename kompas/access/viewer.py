"""The viewer of a request: who looks at a page, their role and memberships, asked once."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import cached_property
from typing import Any

# --- The viewer -------------------------------------------------------------------------


def role_of(user) -> str | None:
    """The role of a user, or None for a visitor who is not signed in (or an account that
    is no longer active): the one answer every role predicate starts from."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    return user.role


class Viewer:
    """Who looks at a page: the user, their role, and the initiatives they are a member of
    (asked once, when first needed). It remembers the answers it gave, so make one per
    request (``viewer_for``) and not across a write that changes them."""

    def __init__(self, user) -> None:
        self.user = user
        self.role = role_of(user)
        self._answers: dict[Hashable, Any] = {}

    @cached_property
    def initiative_ids(self) -> frozenset[int]:
        """The initiatives this viewer is a member of."""
        if self.role is None:
            return frozenset()
        return frozenset(self.user.memberships.values_list("initiative_id", flat=True))

    def remember(self, key: Hashable, answer: Callable[[], Any]) -> Any:
        """``answer()`` the first time ``key`` is asked, the same answer after that."""
        if key not in self._answers:
            self._answers[key] = answer()
        return self._answers[key]


def viewer_for(request) -> Viewer:
    """The viewer of this request, made once (again after signing in or out)."""
    viewer = getattr(request, "_kompas_viewer", None)
    if viewer is None or viewer.user is not request.user:
        viewer = Viewer(request.user)
        request._kompas_viewer = viewer
    return viewer


def person_of(user):
    """The user behind a user or a viewer: every function of this package takes either,
    and asks the database about the person."""
    return user.user if isinstance(user, Viewer) else user


def signed_in_person(user):
    """The person behind ``user`` when signed in, otherwise None: whom a report or a line
    in the audit log names (a visitor is nobody in particular)."""
    return person_of(user) if role_of(person_of(user)) is not None else None


def object_key(obj) -> tuple[str, Any]:
    """The key a ``Viewer`` remembers an answer about ``obj`` under: its model and pk."""
    return (obj._meta.label, obj.pk)
