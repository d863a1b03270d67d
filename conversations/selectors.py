"""Reads about conversations and tips: search, filters, who knows an initiative, the tip
inbox, and who is told of a new conversation.

Every function takes the viewer and starts from ``visible_to(user)``."""

from dataclasses import dataclass
from datetime import date

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    Value,
    When,
)

from accounts.models import Department, User
from conversations.models import Conversation
from initiatives.models import Initiative, JoinRequest, JoinRequestStatus, Membership, TipState
from kompas import access
from kompas.choices import (
    InitiativeStatus,
)
from places.models import Kern

# --- Conversations ----------------------------------------------------------------------


def conversation_recipients(conversation_id: int):
    """(member, initiative) pairs to tell about a shared conversation: the members who
    want email, of the initiatives it is about. Internal conversations reach nobody."""
    memberships = access.recipients_of_conversation(Membership, conversation_id).select_related(
        "user", "initiative"
    )
    return [(membership.user, membership.initiative) for membership in memberships]


# What the organisation knows: the conversations list, the timeline on an initiative's
# page, who already knows an initiative, the tips inbox and the spread.

CONVERSATION_ORDER = ("-date", "-created_at", "-pk")


@dataclass(frozen=True)
class ConversationFilters:
    """The filters of the conversations list (``ConversationFilterForm.filters()``)."""

    search: str = ""
    kern: str = ""
    initiative: str = ""
    department: int | None = None
    author: int | None = None
    since: date | None = None
    until: date | None = None
    mine: bool = False


def search_conversations(queryset, text: str):
    """Dutch full text on PostgreSQL (the stored vector); every word somewhere in the text
    on SQLite."""
    text = " ".join(text.replace("\x00", "").split())
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        return queryset.filter(
            search_vector=SearchQuery(text, config="dutch", search_type="websearch")
        )
    for word in text.split():
        queryset = queryset.filter(
            Q(learned__icontains=word)
            | Q(ideas__icontains=word)
            | Q(talents__icontains=word)
            | Q(to_connect__icontains=word)
            | Q(place__icontains=word)
        )
    return queryset


def filtered_conversations(user, filters: ConversationFilters):
    """The conversations this viewer may read that match the filters, newest first. A
    conversation belongs to a kern when it was held there or is about an initiative there."""
    queryset = Conversation.objects.visible_to(user)
    if filters.kern:
        # Subqueries rather than joins: PostgreSQL answers the OR of two hashed lists fast.
        kern = Kern.objects.filter(slug=filters.kern).values("pk")
        about_initiatives_there = Conversation.initiatives.through.objects.filter(
            initiative__kern__in=kern
        ).values("conversation_id")
        queryset = queryset.filter(Q(kern__in=kern) | Q(pk__in=about_initiatives_there))
    if filters.initiative:
        queryset = queryset.filter(initiatives__slug=filters.initiative)
    if filters.department is not None:
        queryset = queryset.filter(department_id=filters.department)
    if filters.author is not None:
        queryset = queryset.filter(author_id=filters.author)
    if filters.mine:
        queryset = queryset.filter(author_id=user.pk)
    if filters.since:
        queryset = queryset.filter(date__gte=filters.since)
    if filters.until:
        queryset = queryset.filter(date__lte=filters.until)
    return search_conversations(queryset, filters.search).order_by(*CONVERSATION_ORDER)


def conversation_list(user, filters: ConversationFilters):
    """The filtered conversations with what a list shows of each, in a constant number of
    queries: department, author, kern and the initiatives this viewer may see."""
    return (
        filtered_conversations(user, filters)
        .defer("search_vector", "location")
        .select_related("department", "author", "kern")
        .prefetch_related(
            Prefetch(
                "initiatives",
                queryset=Initiative.objects.visible_to(user).only("name", "slug", "status"),
            )
        )
    )


def conversation_filter_choices(user):
    """What the conversations list can be narrowed to: places, departments (partner
    organisations marked), and the people who wrote a conversation this viewer may read."""
    return {
        "kernen": Kern.objects.visible_to(user).only("name", "slug"),
        "departments": Department.objects.visible_to(user).order_by("name"),
        # Per person "has written one" (the author index), not a scan of every conversation.
        "authors": User.objects.filter(
            Exists(Conversation.objects.visible_to(user).filter(author=OuterRef("pk")))
        )
        .only("name", "email")
        .order_by("name", "email"),
    }


def initiative_conversations(user, initiative):
    """The conversations about ``initiative`` this viewer may read, newest first: for its
    members the shared ones, for staff all of them."""
    return (
        Conversation.objects.visible_to(user)
        .filter(initiatives=initiative)
        .defer("search_vector", "location")
        .select_related("department", "author")
        .order_by(*CONVERSATION_ORDER)
    )


def who_knows(user, initiative) -> list[dict]:
    """Who already talked with ``initiative``: per person the department (as recorded at the
    time) and the date of the last conversation, most recent first. One aggregate query.
    Deliberately no number of conversations per person: this is not a ranking."""
    rows = (
        Conversation.objects.visible_to(user)
        .filter(initiatives=initiative)
        .values(
            "author", "author__name", "author__email", "department__name", "department__is_partner"
        )
        .annotate(last=Max("date"))
        .order_by("-last", "author__name", "author__email", "department__name")
    )
    return [
        {
            "person": row["author__name"] or row["author__email"] or "",
            "department": row["department__name"] or "",
            "partner": bool(row["department__is_partner"]),
            "last": row["last"],
        }
        for row in rows
    ]


def join_requests_waiting_for(user):
    """The open requests to join of the initiatives this person knows: that they had a
    conversation with (as in ``who_knows``), the longest waiting first (``created_at``:
    since when it waits). Only for those who see what waits; one query."""
    person = access.signed_in_person(user)
    if person is None or not access.can_see_attention(user):
        return JoinRequest.objects.none()
    known = Conversation.objects.visible_to(user).filter(
        author=person, initiatives=OuterRef("initiative")
    )
    return (
        JoinRequest.objects.visible_to(user)
        .filter(Exists(known), status=JoinRequestStatus.PENDING)
        .select_related("initiative", "user")
        .order_by("created_at", "pk")
    )


# --- Tips -------------------------------------------------------------------------------

# The order of the inbox: what nobody picked up yet first.
TIP_STATE_ORDER = (
    TipState.NEW,
    TipState.GOING,
    TipState.GETTING_TO_KNOW,
    TipState.NOT_PURSUED,
)


def _tip_state_q(state: str) -> Q:
    # A tip entered by hand (status tip, no follow-up yet) is new.
    if state == TipState.NEW:
        return Q(tip_state=TipState.NEW) | Q(tip_state="", status=InitiativeStatus.TIP)
    return Q(tip_state=state)


@dataclass(frozen=True)
class TipFilters:
    """The filters of the tips inbox (``TipFilterForm.filters()``): a kern, a follow-up."""

    kern: str = ""
    state: str = ""


def tip_inbox(user, filters: TipFilters = TipFilters()):
    """The inbox of communities nobody knew: initiatives that are a tip or whose follow-up
    as a tip is recorded, that this viewer may see; grouped by follow-up, newest first.
    Each comes with its place, the conversation it was heard in, and who is going."""
    queryset = Initiative.objects.visible_to(user).filter(
        Q(status=InitiativeStatus.TIP) | ~Q(tip_state="")
    )
    if filters.kern:
        queryset = queryset.filter(kern__slug=filters.kern)
    if filters.state:
        queryset = queryset.filter(_tip_state_q(filters.state))
    position = Case(
        *(
            When(_tip_state_q(value), then=Value(index))
            for index, value in enumerate(TIP_STATE_ORDER)
        ),
        default=Value(0),
        output_field=IntegerField(),
    )
    return (
        queryset.annotate(inbox_position=position)
        .select_related("kern", "tip_from__department", "tip_claimed_by")
        .defer("search_vector", "location", "tip_from__search_vector", "tip_from__location")
        .order_by("inbox_position", "-created_at", "pk")
    )


def tip_state_counts(user, filters: TipFilters = TipFilters()) -> dict[str, int]:
    """How many tips this viewer may see stand at each follow-up, in the filters' kern
    whatever the follow-up chosen (one query)."""
    queryset = Initiative.objects.visible_to(user)
    if filters.kern:
        queryset = queryset.filter(kern__slug=filters.kern)
    return queryset.aggregate(
        **{value: Count("pk", filter=_tip_state_q(value)) for value in TIP_STATE_ORDER}
    )
