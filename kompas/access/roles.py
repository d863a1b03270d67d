"""Roles: what each kind of person may do in general, before any object is asked about.

The role predicates (``is_staff``, ``is_council``, ``is_admin``, ``is_signed_in``) are for
this package: code elsewhere asks a capability named for what it allows, so that one place
decides (tests/access/test_no_leaks.py holds this)."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from kompas.access.viewer import Viewer, person_of, role_of
from kompas.choices import (
    Role,
)

# --- Roles ------------------------------------------------------------------------------


def _role(user) -> str | None:
    if isinstance(user, Viewer):
        return user.role
    return role_of(user)


def is_signed_in(user) -> bool:
    """Signed in with an active account: every role but the visitor's."""
    return _role(user) is not None


def is_staff(user) -> bool:
    """Civil servants and community builders from every department, and administrators."""
    return _role(user) in (Role.STAFF, Role.ADMIN)


def is_council(user) -> bool:
    """Council members: they read what is public and the aggregate figures."""
    return _role(user) == Role.COUNCIL


def is_admin(user) -> bool:
    """Administrators: staff who also configure the site and moderate."""
    return _role(user) == Role.ADMIN


def can_see_insight(user) -> bool:
    """Aggregate figures: council, staff and administrators."""
    return is_staff(user) or is_council(user)


def can_see_attention(user) -> bool:
    """What waits for the organisation (obstacles without a first answer, requests to
    join): staff and administrators, who pick it up."""
    return is_staff(user)


def can_administer(user) -> bool:
    return is_admin(user)


def can_remove_own_account(user) -> bool:
    """Anyone may leave and take their data with them, except the last active
    administrator: nobody would be left to configure the site or handle reports."""
    if not is_admin(user):
        return True
    others = get_user_model().objects.filter(role=Role.ADMIN, is_active=True)
    others = others.exclude(pk=person_of(user).pk)
    return others.exists()


def can_moderate(user) -> bool:
    """Looking at reports and deciding what stays hidden: administrators."""
    return is_admin(user)


def requires_totp(user) -> bool:
    """Administrators must protect their account with an authenticator app."""
    return is_admin(user)


def may_sign_in_by_code(user) -> bool:
    """Residents and council members sign in with an emailed code; staff use a password."""
    return _role(user) in (Role.RESIDENT, Role.COUNCIL)


def is_exempt_from_form_limits(user) -> bool:
    """Staff often share one office address, and their accounts are known: the limit on
    posting forms is for residents and visitors."""
    return is_staff(user)


def signs_out_when_idle(user) -> bool:
    """Staff read what is not public (tips, internal notes), often at a shared desk: their
    session ends after some minutes without activity."""
    return is_staff(user)


def django_admin_flags(role: str) -> dict[str, bool]:
    """The Django flags that follow from a role: only administrators enter /beheer/."""
    return {"is_staff": role == Role.ADMIN, "is_superuser": role == Role.ADMIN}


def menu_for(user) -> dict[str, bool]:
    """Which parts of the header navigation this visitor can use."""
    return {
        "signed_in": is_signed_in(user),
        "staff": is_staff(user),
        "attention": can_see_attention(user),
        "insight": can_see_insight(user),
        "admin": can_administer(user),
    }
