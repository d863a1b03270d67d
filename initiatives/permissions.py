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

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from kompas.choices import (
    ConnectionAnswer,
    GiftConsent,
    InitiativeStatus,
    Role,
    Visibility,
)

# A jewel that is no person's gift, or whose person said yes, may be shown.
SHOWN_CONSENT = (GiftConsent.NOT_NEEDED, GiftConsent.GIVEN)

NOTHING = Q(pk__in=[])
EVERYTHING = Q()


# --- The viewer -------------------------------------------------------------------------


def _role_of(user) -> str | None:
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    return user.role


class Viewer:
    """Who looks at a page: the user, their role, and the initiatives they are a member of
    (asked once, when first needed). It remembers the answers it gave, so make one per
    request (``viewer_for``) and not across a write that changes them."""

    def __init__(self, user):
        self.user = user
        self.role = _role_of(user)
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


def _person(user):
    """The user behind a user or a viewer."""
    return user.user if isinstance(user, Viewer) else user


def _object_key(obj) -> tuple[str, Any]:
    return (obj._meta.label, obj.pk)


# --- Roles ------------------------------------------------------------------------------


def _role(user) -> str | None:
    if isinstance(user, Viewer):
        return user.role
    return _role_of(user)


def is_signed_in(user) -> bool:
    return _role(user) is not None


def is_staff(user) -> bool:
    """Civil servants and community builders from every department, and administrators."""
    return _role(user) in (Role.STAFF, Role.ADMIN)


def is_council(user) -> bool:
    return _role(user) == Role.COUNCIL


def is_admin(user) -> bool:
    return _role(user) == Role.ADMIN


def can_see_insight(user) -> bool:
    """Aggregate figures: council, staff and administrators."""
    return is_staff(user) or is_council(user)


def can_administer(user) -> bool:
    return is_admin(user)


def can_remove_own_account(user) -> bool:
    """Anyone may leave and take their data with them, except the last active
    administrator: nobody would be left to configure the site or handle reports."""
    if not is_admin(user):
        return True
    others = get_user_model().objects.filter(role=Role.ADMIN, is_active=True)
    others = others.exclude(pk=_person(user).pk)
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


def django_admin_flags(role: str) -> dict[str, bool]:
    """The Django flags that follow from a role: only administrators enter /beheer/."""
    return {"is_staff": role == Role.ADMIN, "is_superuser": role == Role.ADMIN}


def menu_for(user) -> dict[str, bool]:
    """Which parts of the header navigation this visitor can use."""
    return {
        "signed_in": is_signed_in(user),
        "staff": is_staff(user),
        "insight": can_see_insight(user),
        "admin": can_administer(user),
    }


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
        user = _person(user)
        condition = self.build(user)
        if condition == EVERYTHING:
            return queryset
        if self.multi_valued and is_signed_in(user):
            matching = queryset.model._base_manager.filter(condition).values("pk")
            return queryset.filter(pk__in=matching)
        return queryset.filter(condition)


def _everyone(user) -> Q:
    return EVERYTHING


def _initiative_q(prefix: str = "") -> Callable[[Any], Q]:
    """Initiatives: public ones (and ended ones that were once public) for everyone; their
    own initiative, whatever its status, for members; everything for staff."""

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


# A conversation the members of its initiatives may read (and are emailed about).
SHARED_WITH_MEMBERS = Q(visibility=Visibility.SHARED)


def reaches_members(conversation) -> bool:
    """Whether the members of the initiatives a conversation is about may read it."""
    return conversation.visibility == Visibility.SHARED


def _conversation_q(user) -> Q:
    """Conversations: staff read them all; the members of the initiatives a shared one is
    about read that one. Internal ones stay with staff; council members read none."""
    if is_staff(user):
        return EVERYTHING
    if is_signed_in(user) and not is_council(user):
        return SHARED_WITH_MEMBERS & Q(initiatives__memberships__user=user)
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
        Q(jewel__isnull=False) & _jewel_shown_q("jewel__")
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


def _jewel_shown_q(prefix: str = "") -> Q:
    """A crown jewel shown to everyone: not hidden after reports, and no person's gift
    waiting for (or refused) that person's yes."""
    return Q(**{f"{prefix}hidden_at__isnull": True}) & Q(**{f"{prefix}consent__in": SHOWN_CONSENT})


def _jewel_q(prefix: str = "") -> Callable[[Any], Q]:
    """Crown jewels: for everyone, unless hidden after reports or a person's gift that
    the person has not (or no longer) agreed to; the nominator always sees their own,
    staff see everything."""

    def build(user) -> Q:
        if is_staff(user):
            return EVERYTHING
        shown = _jewel_shown_q(prefix)
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
    "initiative": Rule(_initiative_q(), multi_valued=True),
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
    return rule_for(model).build(_person(user))


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
        return user.remember(("view", *_object_key(obj)), ask)
    return ask()


def get_visible_or_404(queryset, user, **lookup):
    """Fetch one object the user may see; a hidden object answers 404 as if it did not exist."""
    try:
        obj = queryset.visible_to(user).get(**lookup)
    except queryset.model.DoesNotExist as missing:
        raise Http404 from missing
    if isinstance(user, Viewer):
        user.remember(("view", *_object_key(obj)), lambda: True)
    return obj


# --- Editing ----------------------------------------------------------------------------


def is_member(user, initiative) -> bool:
    if not is_signed_in(user):
        return False
    if isinstance(user, Viewer):
        key = ("member", initiative.pk)
        return user.remember(key, lambda: initiative.pk in user.initiative_ids)
    return initiative.memberships.filter(user=user).exists()


def _has_members(user, initiative) -> bool:
    """Whether anyone speaks for ``initiative`` (asked once per viewer)."""
    if isinstance(user, Viewer):
        return user.remember(("has_members", initiative.pk), initiative.memberships.exists)
    return initiative.memberships.exists()


def get_initiative_or_404(queryset, user, **lookup):
    """``get_visible_or_404`` for initiatives that, in the same query, also asks whether
    the viewer is a member and whether anyone is: a ``Viewer`` remembers both answers."""
    membership = queryset.model.memberships.field.model
    others = membership.objects.filter(initiative=OuterRef("pk"))
    mine = others.filter(user=_person(user)) if is_signed_in(user) else others.none()
    queryset = queryset.annotate(viewer_is_member=Exists(mine), has_members=Exists(others))
    initiative = get_visible_or_404(queryset, user, **lookup)
    if isinstance(user, Viewer):
        user.remember(("member", initiative.pk), lambda: initiative.viewer_is_member)
        user.remember(("has_members", initiative.pk), lambda: initiative.has_members)
    return initiative


def can_edit_initiative(user, initiative) -> bool:
    """Members write their own text; staff only while the initiative has no members."""
    if not can_view(user, initiative):
        return False
    if is_member(user, initiative):
        return True
    return is_staff(user) and not _has_members(user, initiative)


def can_publish_initiative(user, initiative) -> bool:
    """Only a member may put an initiative on the public map: consent is theirs to give."""
    return is_member(user, initiative)


def can_create_initiative(user) -> bool:
    """Residents put their own initiative on the map; staff enter one they heard of.
    Council members read what is public: their own community signs in as residents."""
    return is_signed_in(user) and not is_council(user)


def creation_statuses(user) -> list[str]:
    """The statuses a new initiative may get from its author: a resident chooses whether to
    be on the public map now; staff enter a tip or an initiative they met, never public."""
    if is_staff(user):
        return [InitiativeStatus.TIP, InitiativeStatus.KNOWN]
    if can_create_initiative(user):
        return [InitiativeStatus.PUBLIC, InitiativeStatus.KNOWN]
    return []


def status_changes(user, initiative) -> list[str]:
    """The statuses ``user`` may give ``initiative`` now. Members choose (anything but tip);
    staff only while the initiative has no members, and never the public map."""
    if not can_view(user, initiative):
        return []
    if is_member(user, initiative):
        allowed = [InitiativeStatus.PUBLIC, InitiativeStatus.KNOWN, InitiativeStatus.ENDED]
    elif is_staff(user) and not _has_members(user, initiative):
        allowed = [InitiativeStatus.TIP, InitiativeStatus.KNOWN, InitiativeStatus.ENDED]
    else:
        allowed = []
    return [status for status in allowed if status != initiative.status]


def can_set_status(user, initiative, status: str) -> bool:
    return status in status_changes(user, initiative)


def can_see_contact(user, initiative) -> bool:
    """Contact details only with the initiative's consent; staff and members always."""
    return bool(initiative.contact_consent) or is_staff(user) or is_member(user, initiative)


def can_see_publication(user, initiative) -> bool:
    """Who put an initiative on the public map, and when: for its members and staff."""
    return is_staff(user) or is_member(user, initiative)


def can_write_staff_note(user) -> bool:
    return is_staff(user)


def can_decide_join_requests(user) -> bool:
    return is_staff(user)


def can_invite_members(user, initiative) -> bool:
    """Members invite co-members. Staff who met a community nobody speaks for yet invite
    its first member, so the initiative can write its own text and choose the map."""
    if is_member(user, initiative):
        return True
    return is_staff(user) and can_view(user, initiative) and not _has_members(user, initiative)


def can_ask_to_join(user, initiative) -> bool:
    """A resident may ask to speak for an initiative that nobody speaks for yet (one staff
    entered); staff confirm. Staff and council members do not join this way."""
    if not is_signed_in(user) or is_staff(user) or is_council(user):
        return False
    return can_view(user, initiative) and not _has_members(user, initiative)


def can_accept_invitation(user, invitation) -> bool:
    """Only the person invited, signed in with the invited address, and only once."""
    return (
        is_signed_in(user)
        and invitation.accepted_at is None
        and invitation.email.lower() == (_person(user).email or "").lower()
    )


def can_propose_connection(user, initiative) -> bool:
    """Staff connect any two initiatives they see; members propose for their own."""
    return (is_staff(user) and can_view(user, initiative)) or is_member(user, initiative)


def connecting_initiatives_q(user) -> Q:
    """The initiatives ``user`` may propose a connection for (``can_propose_connection``
    as a filter on initiatives): staff any they see, members their own."""
    if is_staff(user):
        return _initiative_q()(_person(user))
    if is_signed_in(user):
        return Q(memberships__user=_person(user))
    return NOTHING


def connectable_jewels_q() -> Q:
    """The crown jewels an initiative may be connected with: those shown to everyone.
    Combine with ``visible_to``."""
    return _jewel_shown_q()


def can_connect_jewel(user, jewel) -> bool:
    """A crown jewel shown to everyone may be connected with an initiative, by staff or by
    a member for their own initiative; hidden ones and gifts waiting for a yes may not."""
    return is_shown_to_everyone(jewel) and can_view(user, jewel)


def can_connect_from_jewel(user, jewel) -> bool:
    """Who starts a connection from a jewel's page: staff, and members of an initiative
    (for their own initiative)."""
    if not can_connect_jewel(user, jewel):
        return False
    if is_staff(user):
        return True
    if isinstance(user, Viewer):
        return bool(user.initiative_ids)
    return is_signed_in(user) and user.memberships.exists()


def can_connect_from_conversation(user) -> bool:
    """Right after a conversation, staff can connect what they heard could be connected."""
    return is_staff(user)


def connection_side_for(user, connection) -> str | None:
    """Which side ``user`` answers for: "first" or "second" when they are a member of it
    and it has not answered yet."""
    for side in ("first", "second"):
        initiative = getattr(connection, side)
        if (
            initiative is not None
            and getattr(connection, f"{side}_answer") == ConnectionAnswer.PENDING
            and is_member(user, initiative)
        ):
            return side
    return None


def is_involved_in_connection(user, connection) -> bool:
    """Staff, and the members of either initiative (a crown jewel has no members)."""
    return (
        is_staff(user)
        or is_member(user, connection.first)
        or (connection.second is not None and is_member(user, connection.second))
    )


def can_see_matches(user, initiative) -> bool:
    """Who offers what it looks for, and the other way round: for its members and staff."""
    return is_staff(user) or is_member(user, initiative)


def can_log_conversation(user) -> bool:
    """Everyone in the organisation logs conversations: every department, and partners."""
    return is_staff(user)


def can_edit_conversation(user, conversation) -> bool:
    return is_staff(user) and conversation.author_id == _person(user).pk


def can_see_conversation_history(user, conversation) -> bool:
    """Earlier versions of a conversation stay with staff: one may have been internal, or
    about an initiative (a tip) that a member of another initiative may not see."""
    return is_staff(user) and can_view(user, conversation)


def can_follow_up_tips(user) -> bool:
    return is_staff(user)


def can_browse_conversations(user) -> bool:
    """The list and search of every conversation: what the organisation knows, for staff.
    Members read the shared ones about their initiative on its own page."""
    return is_staff(user)


def can_see_who_knows(user) -> bool:
    """Who already talked with an initiative, from which department and when last: staff."""
    return is_staff(user)


def can_see_spread(user) -> bool:
    """How conversations spread over departments and kernen: staff and council."""
    return can_see_insight(user)


def sees_names_in_history(user) -> bool:
    """Who changed what: staff see names; everyone else sees a role or a department."""
    return is_staff(user)


def can_edit_staff_note(user, note) -> bool:
    return is_staff(user) and (note.author_id == _person(user).pk or is_admin(user))


# --- Crown jewels -----------------------------------------------------------------------


def can_nominate_jewel(user) -> bool:
    """Residents and staff nominate what their community values. Council members read."""
    return is_signed_in(user) and not is_council(user)


def can_nominate_for(user, initiative) -> bool:
    """Nominating a jewel an initiative cares for, from its page: its members and staff."""
    return can_nominate_jewel(user) and (is_staff(user) or is_member(user, initiative))


def can_edit_jewel(user, jewel) -> bool:
    """The nominator keeps their nomination up to date; staff help."""
    return can_view(user, jewel) and (is_staff(user) or jewel.nominated_by_id == _person(user).pk)


def can_see_gift_consent(user, jewel) -> bool:
    """Whom a person's gift is about, and whether they agreed: the nominator and staff."""
    return is_staff(user) or (is_signed_in(user) and jewel.nominated_by_id == _person(user).pk)


def waits_for_consent(jewel) -> bool:
    """A person's gift the person has not (or no longer) agreed to: only its nominator and
    staff see it, and they are told why nobody else does."""
    return jewel.consent not in SHOWN_CONSENT


def former_gifts_waiting_q() -> Q:
    """Jewels that were a person's gift and moved to another category before the person
    answered (``waits_for_staff_look`` as a filter). Still hidden as asked: they need the
    person's yes, or a staff member who looked at the change."""
    return Q(consent=GiftConsent.ASKED, category__needs_consent=False)


def waits_for_staff_look(jewel) -> bool:
    """A person's gift whose category changed before the person answered. Its text may
    still describe the person, so it stays hidden until they agree or staff have looked."""
    return jewel.consent == GiftConsent.ASKED and not jewel.category.needs_consent


def can_release_former_gift(user, jewel) -> bool:
    """Staff who looked at such a change may show the jewel to everyone: it is then no
    person's gift any more, and the person's address is forgotten."""
    return is_staff(user) and waits_for_staff_look(jewel) and can_view(user, jewel)


def is_shown_to_everyone(jewel) -> bool:
    """Not hidden after reports and no gift waiting for its person's yes (``_jewel_shown_q``
    for one jewel in memory)."""
    return jewel.hidden_at is None and not waits_for_consent(jewel)


def can_appreciate(user, jewel) -> bool:
    """Every signed-in person may add words to a jewel that is shown to everyone."""
    return is_signed_in(user) and is_shown_to_everyone(jewel) and can_view(user, jewel)


def waits_for_moderator(user, obj) -> bool:
    """Hidden after reports, but otherwise something ``user`` may see (a jewel or an
    appreciation): they are told it is hidden for now, not shown a page that is missing."""
    if obj.hidden_at is None:
        return False
    if obj._meta.model_name == "appreciation":
        return can_view(user, obj.jewel)
    # The jewel's own rule, leaving out the hiding: staff see every jewel.
    return (
        is_staff(user)
        or not waits_for_consent(obj)
        or (is_signed_in(user) and obj.nominated_by_id == _person(user).pk)
    )


def can_report(user, obj) -> bool:
    """Anyone who sees something may report it; once hidden there is nothing to report."""
    return obj.hidden_at is None and can_view(user, obj)


def can_see_jewel_history(user, jewel) -> bool:
    """Earlier versions may hold a gift's person or words since hidden: staff and the
    nominator."""
    return can_edit_jewel(user, jewel)


# --- Stories and obstacles --------------------------------------------------------------


def can_write_story(user, initiative) -> bool:
    """An initiative tells its own story: only its members write one."""
    return is_member(user, initiative)


def can_edit_story(user, story) -> bool:
    """Members keep their initiative's stories; staff never edit them."""
    return is_member(user, story.initiative)


def can_react_to_story(user, story) -> bool:
    """Staff react with a note to the initiative, shared with it, beside the story."""
    return is_staff(user) and can_view(user, story)


def can_report_obstacle(user, initiative) -> bool:
    """Members report for their initiative; staff on an initiative's behalf."""
    return is_member(user, initiative) or (is_staff(user) and can_view(user, initiative))


def can_edit_obstacle(user, obstacle) -> bool:
    """The initiative's own words: its members, and the staff member who wrote them down."""
    return is_member(user, obstacle.initiative) or (
        is_staff(user) and obstacle.reported_by_id == _person(user).pk
    )


def can_answer_obstacle(user, obstacle) -> bool:
    """The municipality's answer, beside the report: staff."""
    return is_staff(user) and can_view(user, obstacle)
