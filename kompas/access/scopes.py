"""The ways around ``visible_to``: every read that may go beyond what a person sees.

Everything shown starts from ``Model.objects.visible_to(user)``. The reads here do not,
each for a reason its docstring gives: a count that shows no record, a person's own data,
and the background tasks that email someone (nobody is viewing then). Code that needs
such a read starts from one of these functions, so this file lists every exception.

Like the rules, these take the model they read and import none.
"""

from __future__ import annotations

from django.db.models import Q

from kompas.access.rules import shared_with_members_q
from kompas.access.viewer import person_of
from kompas.choices import ConnectionAnswer, GiftConsent, Role

# --- Figures ----------------------------------------------------------------------------


def aggregate_scope(model):
    """Every row of ``model``, unordered, to be counted and never listed: the insight
    figures and the spread of conversations.

    Beyond ``visible_to`` because a figure about the municipality counts what its reader
    may not read (tips, internal conversations, shared stories). A count shows no record,
    and ``figures`` holds a small one back ("<5") so nobody can be read out of it."""
    return model._default_manager.order_by()


# --- A person's own data ----------------------------------------------------------------

# Who a row belongs to: the path from the row to its person.
OWNERS = {
    "initiative": "memberships__user",
    "membership": "user",
    "joinrequest": "user",
    "story": "author",
    "obstacle": "reported_by",
    "appreciation": "author",
    "crownjewel": "nominated_by",
    "conversation": "author",
    "staffnote": "author",
    "connection": "made_by",
    "report": "reporter",
}

# What names a person by their email address: the path to that address.
ADDRESSED = {
    "crownjewel": "person_email",
    "invitation": "email",
}


def own_rows(user, model):
    """What ``user`` wrote, made or is of ``model``: their own data on /mijn/ and in its
    download (the initiatives they are a member of, the stories they wrote...).

    Beyond ``visible_to`` because a person may see all Kompas holds of theirs, also what
    they can no longer read: a story of an initiative they left, a crown jewel hidden
    after reports, an internal note they wrote as staff. Only their own rows: never what
    others wrote about them or their initiatives."""
    path = OWNERS[model._meta.model_name]
    rows = model._default_manager.filter(**{path: person_of(user)})
    # A path through a to-many relation finds a row once per match.
    return rows.distinct() if "__" in path else rows


def rows_about(user, model):
    """What names ``user`` by their email address: a crown jewel that is their gift (or a
    former gift waiting for their answer), an invitation to join an initiative.

    Beyond ``visible_to`` because the person decides about it, while someone else wrote
    it: a gift waiting for their yes is hidden from everyone but its nominator and staff.
    A row keeps a person's address only while it is about them, so the address says so."""
    email = person_of(user).email
    if not email:
        return model._default_manager.none()
    return model._default_manager.filter(**{f"{ADDRESSED[model._meta.model_name]}__iexact": email})


def own_changes(user, history_model):
    """The changes ``user`` made, in one history table (``history_user``): part of their
    own data in its download.

    Beyond ``visible_to`` because what they did is theirs to see, also in a record they
    can no longer read (an initiative they left, a jewel since hidden)."""
    return history_model._default_manager.filter(history_user=person_of(user))


# --- Asking a person about their gift ---------------------------------------------------


def gifts_asking_their_person(model):
    """Crown jewels whose person is asked whether they agree to be shown: the task that
    emails them reads these.

    Beyond ``visible_to`` because such a gift is hidden from everyone but its nominator
    and staff, and the person it is about is the one it asks (by the address the
    nominator gave; they need no account)."""
    return model._default_manager.filter(consent=GiftConsent.ASKED)


def gift_for_its_person(model, token: str):
    """The crown jewel a consent link is about, for whoever holds the link: the person it
    is about says yes or no, and may later withdraw.

    Beyond ``visible_to`` because the token in the emailed link is the person's key: they
    need not sign in to see, and decide about, a gift that is hidden until they agree."""
    if not token:
        return model._default_manager.none()
    return model._default_manager.filter(consent_token=token)


# --- Telling people by email ------------------------------------------------------------


def recipients_of_conversation(membership_model, conversation_id: int):
    """The memberships whose person is emailed about a new conversation: of the
    initiatives it is about, if it is shared with their members, who want email.

    Beyond ``visible_to`` because nobody is viewing: a background task picks whom to tell.
    It stays within the rule (only members who may read the conversation), and the email
    holds a link to the initiative's page, not the conversation's text."""
    # One filter() call: both conditions ask the same conversation of the initiative.
    return membership_model._default_manager.filter(
        shared_with_members_q("initiative__conversations__"),
        initiative__conversations=conversation_id,
        user__notify_by_email=True,
        user__is_active=True,
    )


def recipients_of_connection(membership_model, connection, side: str):
    """The memberships whose person is emailed about a proposed ``connection``: the members
    of its ``side`` ("first" or "second") who want email, while that side has not
    answered. None for a crown jewel, which has no members.

    Beyond ``visible_to`` because nobody is viewing: a background task reads the proposal
    and picks whom to tell. Those it tells are involved in it, and may read it."""
    initiative = getattr(connection, side)
    if initiative is None or getattr(connection, f"{side}_answer") != ConnectionAnswer.PENDING:
        return membership_model._default_manager.none()
    return membership_model._default_manager.filter(
        initiative=initiative, user__notify_by_email=True, user__is_active=True
    )


def moderated_for_its_author(model):
    """Reported crown jewels or appreciations (``model``), shown or hidden, to tell their
    author what a moderator decided.

    Beyond ``visible_to`` because nobody is viewing: a background task writes to the
    author, who may always see what they wrote, also while it is hidden."""
    return model._base_manager.all()


# --- Whom something waits for -----------------------------------------------------------


def staff_people_q(prefix: str = ""):
    """The people of the organisation who pick up what waits (``prefix`` leads from the row
    to a person: ``members__``): active staff and administrators. Who an obstacle goes to
    (a department's members, a kern's contact persons) and who may be a kern's contact
    person are asked with it."""
    return Q(**{f"{prefix}role__in": (Role.STAFF, Role.ADMIN), f"{prefix}is_active": True})
