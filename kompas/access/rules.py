"""Who sees and may do what: the one place in Kompas that decides.

Every rule has two faces that cannot disagree, because the second is built from the first:

- ``visible_q(user)``: a ``Q`` filter that every list, map layer, search, count, feed and
  export starts from (``Model.objects.visible_to(user)``);
- ``can_view(user, obj)``: the per-object answer, which asks the same filter about one row.

Filters are built from field paths (``memberships__user``) so this module imports no model
and the models' querysets can use it without an import circle. Nothing outside this module
branches on role or visibility.

Every function takes a user or a ``Viewer``: a view passes ``viewer_for(request)``, which
looks the viewer's memberships up once and remembers each answer for the rest of the
request. A plain user is asked the database afresh each time (services and tests).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q
from django.http import Http404

from kompas.access.roles import can_moderate, is_council, is_signed_in, is_staff
from kompas.access.viewer import Viewer, object_key, person_of
from kompas.choices import (
    ConnectionAnswer,
    GiftConsent,
    InitiativeStatus,
    Visibility,
)

# A jewel that is no person's gift, or whose person said yes, may be shown.
SHOWN_CONSENT = (GiftConsent.NOT_NEEDED, GiftConsent.GIVEN)

NOTHING = Q(pk__in=[])
EVERYTHING = Q()


# --- Rules ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """One visibility rule. ``build`` turns a user into a ``Q`` over the model's fields.

    ``multi_valued`` says the filter follows a to-many path (such as memberships), so the
    queryset is filtered through a subquery to keep one row per object.
    """

    build: Callable[[Any], Q]
    multi_valued: bool = False

    def filter(self, queryset, user):
        """Keep only the rows of ``queryset`` that ``user`` may see."""
        user = person_of(user)
        condition = self.build(user)
        if condition == EVERYTHING:
            return queryset
        if self.multi_valued and is_signed_in(user):
            matching = queryset.model._base_manager.filter(condition).values("pk")
            return queryset.filter(pk__in=matching)
        return queryset.filter(condition)


def _everyone(user) -> Q:
    return EVERYTHING


def initiative_q(prefix: str = "") -> Callable[[Any], Q]:
    """Initiatives: public ones (and ended ones that were once public) for everyone; their
    own initiative, whatever its status, for members; everything for staff.

    ``prefix`` is the path to the initiative (``"first__"``); the rule's builder takes the
    user. Shared with ``capabilities``: staff connect the initiatives they see."""

    def build(user) -> Q:
        if is_staff(user):
            return EVERYTHING
        on_map = _on_public_map(prefix)
        if is_signed_in(user) and not is_council(user):
            return on_map | Q(**{f"{prefix}memberships__user": user})
        return on_map

    return build


def _on_public_map(prefix: str = "") -> Q:
    """Initiatives on the public map, and ended ones that once were."""
    return Q(**{f"{prefix}status": InitiativeStatus.PUBLIC}) | Q(
        **{f"{prefix}status": InitiativeStatus.ENDED, f"{prefix}published_at__isnull": False}
    )


def _told_by_initiative_q(prefix: str = "") -> Callable[[Any], Q]:
    """Stories and obstacles, which the initiative itself shares: public ones of an
    initiative on the public map for everyone; all of their own initiative for members;
    everything for staff. Council members read the public ones, like everyone."""

    def build(user) -> Q:
        if is_staff(user):
            return EVERYTHING
        public = Q(**{f"{prefix}visibility": Visibility.PUBLIC}) & _on_public_map(
            f"{prefix}initiative__"
        )
        if is_signed_in(user) and not is_council(user):
            return public | Q(**{f"{prefix}initiative__memberships__user": user})
        return public

    return build


def _staff_note_q(user) -> Q:
    """Staff notes: shared ones reach the initiative's members; internal ones only staff.
    Council members and the public never read a note."""
    if is_staff(user):
        return EVERYTHING
    if is_signed_in(user) and not is_council(user):
        return Q(visibility=Visibility.SHARED, initiative__memberships__user=user)
    return NOTHING


def _membership_q(user) -> Q:
    """Who is a member of what is known to staff, to the person and to co-members."""
    if is_staff(user):
        return EVERYTHING
    if is_signed_in(user) and not is_council(user):
        return Q(user=user) | Q(initiative__memberships__user=user)
    return NOTHING


def shared_with_members_q(prefix: str = "") -> Q:
    """A conversation the members of its initiatives may read (and are emailed about).
    ``prefix`` is the path to the conversation. Shared with ``scopes``: whom to tell."""
    return Q(**{f"{prefix}visibility": Visibility.SHARED})


def is_internal(obj) -> bool:
    """An internal conversation or staff note: for staff alone, so whoever reads one goes
    in the audit log."""
    return obj.visibility == Visibility.INTERNAL


def reaches_members(conversation) -> bool:
    """Whether the members of the initiatives a conversation is about may read it."""
    return conversation.visibility == Visibility.SHARED


def _conversation_q(user) -> Q:
    """Conversations: staff read them all; the members of the initiatives a shared one is
    about read that one. Internal ones stay with staff; council members read none."""
    if is_staff(user):
        return EVERYTHING
    if is_signed_in(user) and not is_council(user):
        return shared_with_members_q() & Q(initiatives__memberships__user=user)
    return NOTHING


def _connection_q(user) -> Q:
    """Connections: public once both sides said yes, the initiative is on the public map and
    so is the other side (the second initiative, or a crown jewel shown to everyone); a
    proposal or a "no" stays with the members of the initiatives involved and staff.

    A connection with a crown jewel the viewer may not see (hidden after reports, a
    person's gift without that person's yes) is not shown to them either: staff only.
    Every condition on one side holds only where that side is set, so the initiative's and
    the jewel's conditions never exclude each other's rows through a missing join."""
    if is_staff(user):
        return EVERYTHING
    other_side_public = Q(second__status=InitiativeStatus.PUBLIC) | (
        Q(jewel__isnull=False) & jewel_shown_q("jewel__")
    )
    public = (
        Q(
            first_answer=ConnectionAnswer.YES,
            second_answer=ConnectionAnswer.YES,
            first__status=InitiativeStatus.PUBLIC,
        )
        & other_side_public
    )
    if is_signed_in(user) and not is_council(user):
        jewel_seen = Q(jewel__isnull=True) | (Q(jewel__isnull=False) & _jewel_q("jewel__")(user))
        involved = Q(first__memberships__user=user) | Q(second__memberships__user=user)
        return public | (involved & jewel_seen)
    return public


def jewel_shown_q(prefix: str = "") -> Q:
    """A crown jewel shown to everyone: not hidden after reports, and no person's gift
    waiting for (or refused) that person's yes. ``prefix`` is the path to the jewel
    (``"jewel__"``). Shared with ``capabilities``: only such a jewel may be connected."""
    return Q(**{f"{prefix}hidden_at__isnull": True}) & Q(**{f"{prefix}consent__in": SHOWN_CONSENT})


def _jewel_q(prefix: str = "") -> Callable[[Any], Q]:
    """Crown jewels: for everyone, unless hidden after reports or a person's gift that
    the person has not (or no longer) agreed to; the nominator always sees their own,
    staff see everything."""

    def build(user) -> Q:
        if is_staff(user):
            return EVERYTHING
        shown = jewel_shown_q(prefix)
        if is_signed_in(user):
            return shown | Q(**{f"{prefix}nominated_by": user})
        return shown

    return build


def _appreciation_q(user) -> Q:
    """Appreciations: under a jewel the viewer sees, unless hidden after reports; the
    author always sees their own words."""
    if is_staff(user):
        return EVERYTHING
    shown = Q(hidden_at__isnull=True) & _jewel_q("jewel__")(user)
    if is_signed_in(user):
        return shown | Q(author=user)
    return shown


def _moderators_q(user) -> Q:
    """Reports: only those who moderate (administrators) see who reported what."""
    return EVERYTHING if can_moderate(user) else NOTHING


def _invitation_q(user) -> Q:
    """Invitations: staff, the members of the initiative, and the person invited."""
    if is_staff(user):
        return EVERYTHING
    if is_signed_in(user) and not is_council(user):
        return Q(initiative__memberships__user=user) | Q(email__iexact=user.email)
    return NOTHING


def _join_request_q(user) -> Q:
    """Requests to join: staff, who decide, and the person who asked."""
    if is_staff(user):
        return EVERYTHING
    if is_signed_in(user):
        return Q(user=user)
    return NOTHING


RULES: dict[str, Rule] = {
    "kern": Rule(_everyone),
    "department": Rule(_everyone),
    "initiativekind": Rule(_everyone),
    "jewelcategory": Rule(_everyone),
    "crownjewel": Rule(_jewel_q()),
    "appreciation": Rule(_appreciation_q),
    "report": Rule(_moderators_q),
    "tag": Rule(_everyone),
    "invitation": Rule(_invitation_q, multi_valued=True),
    "conversation": Rule(_conversation_q, multi_valued=True),
    "connection": Rule(_connection_q, multi_valued=True),
    "joinrequest": Rule(_join_request_q),
    "initiative": Rule(initiative_q(), multi_valued=True),
    "story": Rule(_told_by_initiative_q(), multi_valued=True),
    "storyphoto": Rule(_told_by_initiative_q("story__"), multi_valued=True),
    "obstacle": Rule(_told_by_initiative_q(), multi_valued=True),
    "obstaclecategory": Rule(_everyone),
    "membership": Rule(_membership_q, multi_valued=True),
    "staffnote": Rule(_staff_note_q, multi_valued=True),
}


def rule_for(model) -> Rule:
    return RULES[model._meta.model_name]


def visible_q(model, user) -> Q:
    """The filter for ``model`` as seen by ``user``."""
    return rule_for(model).build(person_of(user))


def shared_audience(user, *models) -> str | None:
    """A name for everyone who sees exactly what ``user`` sees of ``models``, so that an
    answer built from them may be kept once for all of them: "everything" for those who
    see all of it, "public" for visitors who are not signed in. None when what they see
    is their own (a member sees their own initiative): such an answer is never shared."""
    if all(visible_q(model, user) == EVERYTHING for model in models):
        return "everything"
    if not is_signed_in(user):
        return "public"
    return None


def may_be_kept_by_shared_caches(user) -> bool:
    """Whether an answer built for ``user`` may be kept by a shared cache (a proxy): only
    for a visitor who is not signed in, whose answer is every such visitor's. A signed-in
    person's answer may hold what only they see."""
    return not is_signed_in(user)


class VisibleQuerySet(models.QuerySet):
    """A queryset that knows its own visibility rule."""

    def visible_to(self, user):
        return rule_for(self.model).filter(self, user)


def can_view(user, obj) -> bool:
    """The per-object face of the same rule: is ``obj`` among what ``user`` may see?"""
    model = type(obj)

    def ask() -> bool:
        rows = rule_for(model).filter(model._base_manager.all(), user)
        return rows.filter(pk=obj.pk).exists()

    if isinstance(user, Viewer):
        return user.remember(("view", *object_key(obj)), ask)
    return ask()


def get_visible_or_404(queryset, user, **lookup):
    """Fetch one object the user may see; a hidden object answers 404 as if it did not exist."""
    try:
        obj = queryset.visible_to(user).get(**lookup)
    except queryset.model.DoesNotExist as missing:
        raise Http404 from missing
    if isinstance(user, Viewer):
        user.remember(("view", *object_key(obj)), lambda: True)
    return obj
