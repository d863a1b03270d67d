"""What a person may do with one object: edit, publish, connect, nominate, answer."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from kompas.access.roles import can_see_insight, is_admin, is_council, is_signed_in, is_staff
from kompas.access.rules import (
    NOTHING,
    SHOWN_CONSENT,
    can_view,
    get_visible_or_404,
    initiative_q,
    jewel_shown_q,
)
from kompas.access.viewer import Viewer, person_of
from kompas.choices import (
    ConnectionAnswer,
    GiftConsent,
    InitiativeStatus,
)

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
    mine = others.filter(user=person_of(user)) if is_signed_in(user) else others.none()
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


def is_invited_to_add_initiative(user) -> bool:
    """The invitation to put an initiative on the map: for those who may, and for visitors,
    who sign in first. Council members read; they are not invited."""
    return can_create_initiative(user) or not is_signed_in(user)


def enters_initiative_for_municipality(user) -> bool:
    """A new initiative this person enters is in the municipality's words and gets no
    members: staff enter one they heard of or met. A resident's own initiative is in their
    words, with them as its first member."""
    return is_staff(user)


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
        and invitation.email.lower() == (person_of(user).email or "").lower()
    )


def can_propose_connection(user, initiative) -> bool:
    """Staff connect any two initiatives they see; members propose for their own."""
    return (is_staff(user) and can_view(user, initiative)) or is_member(user, initiative)


def connecting_initiatives_q(user) -> Q:
    """The initiatives ``user`` may propose a connection for (``can_propose_connection``
    as a filter on initiatives): staff any they see, members their own."""
    if is_staff(user):
        return initiative_q()(person_of(user))
    if is_signed_in(user):
        return Q(memberships__user=person_of(user))
    return NOTHING


def connectable_jewels_q() -> Q:
    """The crown jewels an initiative may be connected with: those shown to everyone.
    Combine with ``visible_to``."""
    return jewel_shown_q()


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
    return is_staff(user) and conversation.author_id == person_of(user).pk


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
    return is_staff(user) and (note.author_id == person_of(user).pk or is_admin(user))


# --- Crown jewels -----------------------------------------------------------------------


def can_nominate_jewel(user) -> bool:
    """Residents and staff nominate what their community values. Council members read."""
    return is_signed_in(user) and not is_council(user)


def is_invited_to_nominate(user) -> bool:
    """The invitation to nominate a crown jewel: for those who may, and for visitors, who
    sign in first. Council members read; they are not invited."""
    return can_nominate_jewel(user) or not is_signed_in(user)


def can_nominate_for(user, initiative) -> bool:
    """Nominating a jewel an initiative cares for, from its page: its members and staff."""
    return can_nominate_jewel(user) and (is_staff(user) or is_member(user, initiative))


def can_edit_jewel(user, jewel) -> bool:
    """The nominator keeps their nomination up to date; staff help."""
    return can_view(user, jewel) and (is_staff(user) or jewel.nominated_by_id == person_of(user).pk)


def can_see_gift_consent(user, jewel) -> bool:
    """Whom a person's gift is about, and whether they agreed: the nominator and staff."""
    return is_staff(user) or (is_signed_in(user) and jewel.nominated_by_id == person_of(user).pk)


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
    """Not hidden after reports and no gift waiting for its person's yes (``jewel_shown_q``
    for one jewel in memory)."""
    return jewel.hidden_at is None and not waits_for_consent(jewel)


def can_appreciate(user, jewel) -> bool:
    """Every signed-in person may add words to a jewel that is shown to everyone."""
    return is_signed_in(user) and is_shown_to_everyone(jewel) and can_view(user, jewel)


def can_appreciate_once_signed_in(user, jewel) -> bool:
    """A visitor who is not signed in is asked to sign in to add words to a jewel shown to
    everyone (``can_appreciate`` once they are)."""
    return not is_signed_in(user) and is_shown_to_everyone(jewel)


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
        or (is_signed_in(user) and obj.nominated_by_id == person_of(user).pk)
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
        is_staff(user) and obstacle.reported_by_id == person_of(user).pk
    )


def can_answer_obstacle(user, obstacle) -> bool:
    """The municipality's answer, beside the report: staff."""
    return is_staff(user) and can_view(user, obstacle)
