"""Conversations and tips: what the organisation learns, and who nobody knew yet."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.contrib.gis.geos import Point
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Value
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from conversations.models import Conversation
from conversations.tasks import notify_members_of_conversation
from initiatives.models import Initiative, TipState
from initiatives.services import unique_initiative_slug
from kompas import access
from kompas.changes import record_change
from kompas.choices import InitiativeStatus, Visibility
from places.models import Kern


@dataclass
class TipData:
    """A community that was mentioned and that nobody knew yet."""

    name: str
    kern: Kern | None = None
    heard: str = ""


@dataclass
class ConversationData:
    """What the author wrote down, as a form cleaned it."""

    learned: str
    date: date = field(default_factory=timezone.localdate)
    initiatives: list[Initiative] = field(default_factory=list)
    kern: Kern | None = None
    place: str = ""
    location: Point | None = None
    with_whom: str = ""
    ideas: str = ""
    talents: str = ""
    to_connect: str = ""
    visibility: str = Visibility.SHARED

    FIELDS = (
        "learned",
        "date",
        "kern",
        "place",
        "location",
        "with_whom",
        "ideas",
        "talents",
        "to_connect",
        "visibility",
    )

    @classmethod
    def from_form(cls, cleaned_data: dict) -> ConversationData:
        names = [name for name in cls.__dataclass_fields__ if name in cleaned_data]
        return cls(**{name: cleaned_data[name] for name in names})


def _check(author: User, data: ConversationData) -> None:
    """The rules a form may not be trusted to have checked."""
    if not access.can_log_conversation(author):
        raise PermissionDenied(_("Only staff log conversations."))
    if data.date > timezone.localdate():
        raise ValidationError(_("A conversation cannot take place in the future."))
    if not data.learned.strip():
        raise ValidationError(_("Write down what you learned."))
    if not data.initiatives and data.kern is None:
        raise ValidationError(_("Say which initiative or which village or district it was about."))
    visible = set(
        Initiative.objects.visible_to(author)
        .filter(pk__in=[initiative.pk for initiative in data.initiatives])
        .values_list("pk", flat=True)
    )
    if any(initiative.pk not in visible for initiative in data.initiatives):
        raise PermissionDenied(_("You can only write about initiatives you can see."))


@transaction.atomic
def log_conversation(
    author: User, data: ConversationData, tips: Iterable[TipData] = ()
) -> Conversation:
    """Write down a conversation, right after it happened.

    The author's department is recorded now, so the spread stays true when people move.
    Each tip becomes an initiative in status ``tip``. A first conversation with a tip means
    someone has met them: the tip becomes ``known``.
    """
    _check(author, data)
    conversation = Conversation(author=author, department=author.department)
    _apply(conversation, data)
    record_change(conversation, by=author, reason=_("Written down"))
    conversation.save()
    conversation.initiatives.set(data.initiatives)
    for tip in tips:
        _add_tip(conversation, author, tip)
    _met(data.initiatives, author)
    refresh_conversation_search(conversation)
    if access.reaches_members(conversation) and data.initiatives:
        _notify_members_later(conversation)
    return conversation


@transaction.atomic
def update_conversation(conversation: Conversation, editor: User, data: ConversationData):
    """The author changes what they wrote; every change is kept in history."""
    if not access.can_edit_conversation(editor, conversation):
        raise PermissionDenied(_("Only the author can change this conversation."))
    _check(editor, data)
    _apply(conversation, data)
    record_change(conversation, by=editor, reason=_("Changed"))
    conversation.save()
    conversation.initiatives.set(data.initiatives)
    _met(data.initiatives, editor)
    refresh_conversation_search(conversation)
    return conversation


def _apply(conversation: Conversation, data: ConversationData) -> None:
    for name in ConversationData.FIELDS:
        setattr(conversation, name, getattr(data, name))


def _add_tip(conversation: Conversation, author: User, tip: TipData) -> Initiative:
    initiative = Initiative(
        name=tip.name,
        slug=unique_initiative_slug(tip.name),
        kern=tip.kern,
        description=tip.heard,
        description_by_municipality=True,
        status=InitiativeStatus.TIP,
        tip_from=conversation,
        tip_state=TipState.NEW,
        created_by=author,
    )
    record_change(initiative, by=author, reason=_("Tip from a conversation"))
    initiative.save()
    return initiative


def _met(initiatives: Iterable[Initiative], user: User) -> None:
    for initiative in initiatives:
        if initiative.status == InitiativeStatus.TIP:
            initiative.status = InitiativeStatus.KNOWN
            initiative.tip_state = TipState.GETTING_TO_KNOW
            record_change(initiative, by=user, reason=_("Met in a conversation"))
            initiative.save(update_fields=["status", "tip_state", "updated_at"])


@transaction.atomic
def set_tip_state(initiative: Initiative, staff: User, state: str) -> Initiative:
    """Follow up a tip: "I am going to meet them", or "not pursued"."""
    if not access.can_follow_up_tips(staff) or not (
        initiative.tip_state or initiative.status == InitiativeStatus.TIP
    ):
        raise PermissionDenied(_("Only staff follow up tips."))
    if state not in TipState.values:
        raise ValidationError(_("Choose how the tip is followed up."))
    initiative.tip_state = state
    # Back to new: nobody is going any more.
    if state == TipState.GOING:
        initiative.tip_claimed_by = staff
    elif state == TipState.NEW:
        initiative.tip_claimed_by = None
    record_change(
        initiative,
        by=staff,
        reason=_("Tip: %(state)s") % {"state": initiative.get_tip_state_display()},
    )
    initiative.save(update_fields=["tip_state", "tip_claimed_by", "updated_at"])
    return initiative


def search_text(conversation: Conversation) -> str:
    return " ".join(
        text
        for text in (
            conversation.learned,
            conversation.ideas,
            conversation.talents,
            conversation.to_connect,
            conversation.place,
        )
        if text
    )


def refresh_conversation_search(conversation: Conversation) -> None:
    """Store the Dutch search vector (PostgreSQL); SQLite searches the words directly."""
    if connection.vendor != "postgresql":
        return
    Conversation.objects.filter(pk=conversation.pk).update(
        search_vector=SearchVector(Value(search_text(conversation)), config="dutch")
    )


def refresh_conversation_search_in_bulk(queryset) -> int:
    """Store the search vector of every conversation in ``queryset`` in one UPDATE.

    The same vector as ``refresh_conversation_search`` (the words of ``search_text``),
    computed by PostgreSQL itself: for thousands of rows at once, such as the large demo.
    Returns how many rows were updated; SQLite stores nothing.
    """
    if connection.vendor != "postgresql":
        return 0
    return queryset.update(
        search_vector=SearchVector(
            "learned", "ideas", "talents", "to_connect", "place", config="dutch"
        )
    )


def _notify_members_later(conversation: Conversation) -> None:
    """Queued once the transaction commits (the task backends' own default)."""
    notify_members_of_conversation.enqueue(conversation.pk)
