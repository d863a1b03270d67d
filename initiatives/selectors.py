"""Reads that span models: map layers, summaries, search.

Every function takes the viewer and starts from ``visible_to(user)``.
"""

import json
import math
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth.models import AnonymousUser
from django.contrib.gis.db.models.functions import AsGeoJSON
from django.contrib.postgres.search import SearchQuery, TrigramWordSimilarity
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
from django.db.models.functions import Coalesce, Lower, TruncMonth
from django.urls import reverse
from django.utils.html import format_html

from initiatives import permissions
from initiatives.caching import remembered
from initiatives.figures import Counting, drawn, held_back, shown
from initiatives.models import (
    Appreciation,
    Connection,
    Conversation,
    CrownJewel,
    Department,
    Initiative,
    InitiativeKind,
    JewelCategory,
    Kern,
    Membership,
    Obstacle,
    ObstacleCategory,
    StaffNote,
    Story,
    StoryPhoto,
    Tag,
    TipState,
    User,
)
from initiatives.vocabulary import OTHER_OBSTACLE
from kompas.choices import (
    ConnectionAnswer,
    ConnectionStatus,
    InitiativeStatus,
    ObstacleStatus,
    Visibility,
)

COORDINATE_PRECISION = 6  # about 10 cm: more digits only add bytes


def kern_summaries(user):
    """The kernen with the number of initiatives this viewer may see in each (two queries)."""
    counts = dict(
        Initiative.objects.visible_to(user)
        .filter(kern__isnull=False)
        .values_list("kern")
        .annotate(total=Count("pk"))
        .values_list("kern", "total")
    )
    kernen = list(Kern.objects.visible_to(user).only("name", "slug", "kind"))
    for kern in kernen:
        kern.initiative_count = counts.get(kern.pk, 0)
    return kernen


# Boundaries drawn or computed separately rarely meet to the last decimal: allow a few metres.
NEIGHBOUR_TOLERANCE_DEGREES = 0.0005


def kern_neighbours(kern, user):
    """The kernen whose boundary meets this one's: where the village borders on."""
    if kern.boundary is None:
        return Kern.objects.none()
    return (
        Kern.objects.visible_to(user)
        .filter(boundary__intersects=kern.boundary.buffer(NEIGHBOUR_TOLERANCE_DEGREES))
        .exclude(pk=kern.pk)
        .only("name", "slug")
    )


def _feature_collection(rows, properties) -> str:
    """A GeoJSON FeatureCollection from rows that carry their geometry as a GeoJSON string.

    The database writes the geometry (already rounded), so it is inserted as it is.
    """
    features = ",".join(
        f'{{"type":"Feature","geometry":{row["geojson"]},'
        f'"properties":{json.dumps(properties(row), separators=(",", ":"))}}}'
        for row in rows
        if row["geojson"]
    )
    return f'{{"type":"FeatureCollection","features":[{features}]}}'


def kernen_geojson(user) -> str:
    """The boundaries of the kernen, with a popup rendered (and escaped) on the server."""
    rows = (
        Kern.objects.visible_to(user)
        .annotate(geojson=AsGeoJSON("boundary", precision=COORDINATE_PRECISION))
        .values("name", "slug", "kind", "geojson")
    )

    def properties(row):
        url = Kern(slug=row["slug"]).get_absolute_url()
        return {
            "slug": row["slug"],
            "name": row["name"],
            "popup": format_html('<a href="{}">{}</a>', url, row["name"]),
        }

    return _feature_collection(rows, properties)


def kernen_layer_version() -> tuple[int, object]:
    """How many changes the kernen have had and when the latest was: the kernen layer's
    ETag and Last-Modified, in one query. Every save of a kern is kept in its history, so
    a new, changed or removed kern changes the answer."""
    summary = Kern.history.aggregate(changes=Count("history_id"), latest=Max("history_date"))
    return summary["changes"], summary["latest"]


# --- Initiatives ------------------------------------------------------------------------

# How alike a misspelt word must be to a name to find it ("zorgcooperatie" → Zorgcoöperatie).
TRIGRAM_THRESHOLD = 0.3
ORDERINGS = {"naam": ("name", "pk"), "bijgewerkt": ("-updated_at", "name", "pk")}


@dataclass(frozen=True)
class InitiativeFilters:
    """The registry's and the map's filters, as they stand in the URL."""

    q: str = ""
    kern: str = ""
    soort: str = ""
    eigenaarschap: str = ""
    biedt: str = ""
    zoekt: str = ""
    volgorde: str = "naam"

    @classmethod
    def from_query(cls, params) -> "InitiativeFilters":
        # A NUL character cannot be stored or searched for (PostgreSQL refuses it): dropped.
        return cls(
            **{
                name: params.get(name, "").replace("\x00", "").strip()[:200]
                for name in cls.__dataclass_fields__
            }
        )


def search_initiatives(queryset, text: str):
    """Dutch full text and typo-tolerant names on PostgreSQL; words anywhere on SQLite."""
    text = " ".join(text.split())
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        query = SearchQuery(text, config="dutch", search_type="websearch")
        similar = (
            Initiative.objects.annotate(similarity=TrigramWordSimilarity(text, Lower("name")))
            .filter(similarity__gt=TRIGRAM_THRESHOLD)
            .values("pk")
        )
        return queryset.filter(Q(search_vector=query) | Q(pk__in=similar))
    for word in text.split():
        matching = Initiative.objects.filter(
            Q(name__icontains=word)
            | Q(description__icontains=word)
            | Q(offers_text__icontains=word)
            | Q(wishes_text__icontains=word)
            | Q(ideas__icontains=word)
            | Q(kinds__name__icontains=word)
            | Q(offers__name__icontains=word)
            | Q(wishes__name__icontains=word)
        ).values("pk")
        queryset = queryset.filter(pk__in=matching)
    return queryset


def filtered_initiatives(user, filters: InitiativeFilters):
    """The initiatives this viewer may see that match the filters; unknown values simply
    match nothing, so a shared link never breaks."""
    queryset = Initiative.objects.visible_to(user)
    if filters.kern:
        queryset = queryset.filter(kern__slug=filters.kern)
    if filters.soort:
        queryset = queryset.filter(
            pk__in=Initiative.objects.filter(kinds__slug=filters.soort).values("pk")
        )
    if filters.eigenaarschap:
        queryset = queryset.filter(
            ownership=filters.eigenaarschap if filters.eigenaarschap.isdigit() else -1
        )
    if filters.biedt:
        queryset = queryset.filter(
            pk__in=Initiative.objects.filter(offers__slug=filters.biedt).values("pk")
        )
    if filters.zoekt:
        queryset = queryset.filter(
            pk__in=Initiative.objects.filter(wishes__slug=filters.zoekt).values("pk")
        )
    queryset = search_initiatives(queryset, filters.q)
    return queryset.order_by(*ORDERINGS.get(filters.volgorde, ORDERINGS["naam"]))


def initiative_list(user, filters: InitiativeFilters):
    """The filtered initiatives with what a list shows of each, in a constant number of
    queries."""
    return (
        filtered_initiatives(user, filters)
        .select_related("kern")
        # The search vector and the village's boundary are the largest columns; no list
        # shows them.
        .defer("search_vector", "kern__boundary")
        .prefetch_related(
            Prefetch("kinds", queryset=InitiativeKind.objects.only("name", "slug")),
            Prefetch("offers", queryset=Tag.objects.only("name", "slug")),
            Prefetch("wishes", queryset=Tag.objects.only("name", "slug")),
        )
    )


# The words of the filters are kept this long at most. A new version of the initiatives
# has a new key at once; a word renamed or merged by an administrator, which changes no
# initiative, shows within this time.
FILTER_WORDS_SECONDS = 60


def filter_choices(user=None):
    """What the filters can choose from: places, and the kinds, offers and wishes of the
    initiatives this viewer may see (a word used only by a hidden tip stays hidden too).
    Without a viewer, what everyone may see. The words are the same for everyone who
    sees the same initiatives, so for them they are worked out once per version."""
    user = user or AnonymousUser()
    audience = permissions.shared_audience(user, Initiative)
    if audience is None:
        words = _filter_words(user)
    else:
        version = Initiative.objects.order_by().aggregate(
            total=Count("pk"), newest=Max("updated_at")
        )
        words = remembered(
            f"filter-words:{audience}:{version['total']}:{version['newest']}",
            lambda: _filter_words(user),
            FILTER_WORDS_SECONDS,
            versioned=True,
        )
    return {"kernen": kern_choices(user), **words}


def kern_choices(user):
    """The villages and districts a filter offers."""
    return Kern.objects.visible_to(user).only("name", "slug")


def _filter_words(user) -> dict[str, list]:
    visible = Initiative.objects.visible_to(user).values("pk")

    def used(relation, term_field: str):
        # EXISTS per word of the (short) vocabulary, rather than DISTINCT over a join of
        # every visible initiative: the same answer, a fraction of the work at 10,000.
        return Exists(
            relation.through.objects.filter(**{term_field: OuterRef("pk")}, initiative__in=visible)
        )

    return {
        "kinds": list(InitiativeKind.objects.filter(used(Initiative.kinds, "initiativekind"))),
        "offers": list(Tag.objects.filter(used(Initiative.offers, "tag"))),
        "wishes": list(Tag.objects.filter(used(Initiative.wishes, "tag"))),
    }


def initiatives_layer_version(user, filters: InitiativeFilters) -> tuple[int, object]:
    """How many initiatives the layer holds and when the newest changed: the layer's ETag
    and Last-Modified, in one query."""
    summary = (
        filtered_initiatives(user, filters)
        .order_by()
        .aggregate(total=Count("pk"), newest=Max("updated_at"))
    )
    return summary["total"], summary["newest"]


def initiatives_geojson(user, filters: InitiativeFilters) -> str:
    """The initiatives with a place, as compact GeoJSON: per initiative its point, its id
    and a flag if it has ended. Each popup (name, place, kinds) is rendered and escaped on
    the server at its own small URL, named once for the whole layer by the ``popups``
    member: with 10,000 initiatives, names and links in the layer would double its size."""
    rows = (
        filtered_initiatives(user, filters)
        .filter(location__isnull=False)
        .annotate(geojson=AsGeoJSON("location", precision=COORDINATE_PRECISION))
        .order_by("pk")
        .values_list("pk", "status", "geojson")
    )
    ended = '"ended":true'
    features = ",".join(
        f'{{"type":"Feature","id":{pk},"geometry":{geojson},'
        f'"properties":{{{ended if status == InitiativeStatus.ENDED else ""}}}}}'
        for pk, status, geojson in rows
        if geojson
    )
    popups = json.dumps(
        "{id}".join(reverse("layer_initiative_popup", kwargs={"pk": 0}).rsplit("0", 1))
    )
    return f'{{"type":"FeatureCollection","popups":{popups},"features":[{features}]}}'


# How many initiatives the search of the conversation form offers at a time: keep typing.
LINK_RESULTS = 10


def initiatives_to_link(user, text: str, limit: int = LINK_RESULTS) -> tuple[list, bool]:
    """The initiatives this viewer may see whose name holds every typed word (or that the
    search of the registry finds), for the conversation form: names that start with what
    was typed first, then by name. Returns at most ``limit`` and whether there are more,
    in one query whatever the number of initiatives."""
    text = " ".join(text.replace("\x00", "").split())[:200]
    if not text:
        return [], False
    by_name = Q()
    for word in text.split():
        by_name &= Q(name__icontains=word)
    found = search_initiatives(Initiative.objects.all(), text).values("pk")
    rows = list(
        Initiative.objects.visible_to(user)
        .filter(by_name | Q(pk__in=found))
        .annotate(
            starts=Case(
                When(name__istartswith=text, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .select_related("kern")
        .only("name", "slug", "status", "kern__name", "kern__slug")
        .order_by("starts", Lower("name"), "pk")[: limit + 1]
    )
    return rows[:limit], len(rows) > limit


# --- Conversations ----------------------------------------------------------------------


def conversation_recipients(conversation_id: int):
    """(member, initiative) pairs to tell about a shared conversation: the members who
    want email, of the initiatives it is about. Internal conversations reach nobody."""
    conversation = Conversation.objects.filter(
        permissions.SHARED_WITH_MEMBERS, pk=conversation_id
    ).first()
    if conversation is None:
        return []
    memberships = Membership.objects.filter(
        initiative__in=conversation.initiatives.all(),
        user__notify_by_email=True,
        user__is_active=True,
    ).select_related("user", "initiative")
    return [(membership.user, membership.initiative) for membership in memberships]


# What the organisation knows: the conversations list, the timeline on an initiative's
# page, who already knows an initiative, the tips inbox and the spread.

CONVERSATION_ORDER = ("-date", "-created_at", "-pk")


@dataclass(frozen=True)
class ConversationFilters:
    """The filters of the conversations list, as a form cleaned them."""

    q: str = ""
    kern: str = ""
    initiative: str = ""
    department: int | None = None
    author: int | None = None
    van: date | None = None
    tot: date | None = None
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
    if filters.van:
        queryset = queryset.filter(date__gte=filters.van)
    if filters.tot:
        queryset = queryset.filter(date__lte=filters.tot)
    return search_conversations(queryset, filters.q).order_by(*CONVERSATION_ORDER)


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


def tip_inbox(user, kern: str = "", state: str = ""):
    """The inbox of communities nobody knew: initiatives that are a tip or whose follow-up
    as a tip is recorded, that this viewer may see; grouped by follow-up, newest first.
    Each comes with its place, the conversation it was heard in, and who is going."""
    queryset = Initiative.objects.visible_to(user).filter(
        Q(status=InitiativeStatus.TIP) | ~Q(tip_state="")
    )
    if kern:
        queryset = queryset.filter(kern__slug=kern)
    if state:
        queryset = queryset.filter(_tip_state_q(state))
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


def tip_state_counts(user, kern: str = "") -> dict[str, int]:
    """How many tips this viewer may see stand at each follow-up (one query)."""
    queryset = Initiative.objects.visible_to(user)
    if kern:
        queryset = queryset.filter(kern__slug=kern)
    return queryset.aggregate(
        **{value: Count("pk", filter=_tip_state_q(value)) for value in TIP_STATE_ORDER}
    )


# --- The spread -------------------------------------------------------------------------


# Conversations are never public: every number of the spread is a protected figure.
SPREAD_COUNTING = Counting.PROTECTED


@dataclass
class SpreadRow:
    """One line of a spread table: a department or a kern, and a count per month. The
    ``unknown`` line holds conversations without a department or a place."""

    name: str
    counts: list[int]
    partner: bool = False
    unknown: bool = False

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def pairs(self) -> list[tuple[int, str]]:
        """Each month's count with the count as it may be shown."""
        return [(count, shown(count, SPREAD_COUNTING)) for count in self.counts]

    @property
    def shown_total(self) -> str:
        return shown(self.total, SPREAD_COUNTING)


@dataclass
class Spread:
    months: list[date]
    departments: list[SpreadRow]
    kernen: list[SpreadRow]
    totals: list[int]

    @property
    def total(self) -> int:
        return sum(self.totals)

    @property
    def shown_totals(self) -> list[str]:
        return [shown(count, SPREAD_COUNTING) for count in self.totals]

    @property
    def shown_total(self) -> str:
        return shown(self.total, SPREAD_COUNTING)

    @property
    def total_held_back(self) -> bool:
        """Whether the whole period holds one to four conversations, shown as "<5"."""
        return held_back(self.total, SPREAD_COUNTING)


def month_starts(first: date, last: date) -> list[date]:
    """The first day of every month from ``first``'s month up to ``last``'s month."""
    months = []
    month = first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def month_of(value) -> date:
    """A truncated month as a date (SQLite may answer a datetime or a string)."""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        value = value.date()
    return value.replace(day=1)


def _rows(objects, counts, months) -> list[SpreadRow]:
    rows = [
        SpreadRow(
            name=obj.name,
            partner=getattr(obj, "is_partner", False),
            counts=[counts.get((obj.pk, month), 0) for month in months],
        )
        for obj in objects
    ]
    unknown = [counts.get((None, month), 0) for month in months]
    if any(unknown):
        rows.append(SpreadRow(name="", counts=unknown, unknown=True))
    return rows


def conversation_spread(first: date, last: date) -> Spread:
    """How all conversations spread over departments and kernen per month, from ``first``'s
    month to ``last``'s: counts only, never text, never people. Rows are in the order of
    their names, never of their counts. A conversation counts in the kern where it was
    held, or else in the kernen of the initiatives it was about.

    These are aggregate figures over every conversation, internal ones included: protected
    figures (``figures``), so 1 to 4 is shown as "<5" to every reader;
    ``permissions.can_see_spread`` decides who may see them. Four queries, whatever the
    number of conversations.
    """
    months = month_starts(first, last)
    after = (months[-1] + timedelta(days=32)).replace(day=1)
    in_period = Conversation.objects.filter(date__gte=months[0], date__lt=after).order_by()

    # One pass over the period: per department, kern and month.
    by_department: dict = {}
    by_kern: dict = {}
    for row in (
        in_period.annotate(month=TruncMonth("date"))
        .values("department", "kern", "month")
        .annotate(total=Count("pk"))
    ):
        month = month_of(row["month"])
        department = (row["department"], month)
        by_department[department] = by_department.get(department, 0) + row["total"]
        if row["kern"] is not None:
            kern = (row["kern"], month)
            by_kern[kern] = by_kern.get(kern, 0) + row["total"]
    about = Conversation.initiatives.through.objects.filter(
        conversation__in=in_period.filter(kern__isnull=True).values("pk")
    )
    for row in (
        about.annotate(month=TruncMonth("conversation__date"))
        .values("initiative__kern", "month")
        .annotate(total=Count("conversation", distinct=True))
        .order_by()
    ):
        key = (row["initiative__kern"], month_of(row["month"]))
        by_kern[key] = by_kern.get(key, 0) + row["total"]

    departments = Department.objects.order_by("name")
    kernen = Kern.objects.only("name").order_by("name")
    return Spread(
        months=months,
        departments=_rows(departments, by_department, months),
        kernen=_rows(kernen, by_kern, months),
        totals=[
            sum(total for (_, month), total in by_department.items() if month == value)
            for value in months
        ],
    )


# --- Connections ------------------------------------------------------------------------


def connection_recipients(connection_id: int):
    """(member, their initiative, the other side) for every initiative of a proposed
    connection that has not answered yet, to members who want email. The other side is
    an initiative or a crown jewel (which has no members, and so gets no email)."""
    connection = (
        Connection.objects.filter(pk=connection_id, status=ConnectionStatus.PROPOSED)
        .select_related("first", "second", "jewel")
        .first()
    )
    if connection is None:
        return []
    recipients = []
    for side, other in (("first", connection.partner), ("second", connection.first)):
        initiative = getattr(connection, side)
        if initiative is None or getattr(connection, f"{side}_answer") != ConnectionAnswer.PENDING:
            continue
        memberships = Membership.objects.filter(
            initiative=initiative, user__notify_by_email=True, user__is_active=True
        ).select_related("user")
        recipients += [(m.user, initiative, other) for m in memberships]
    return recipients


@dataclass(frozen=True)
class ConnectionFilters:
    """The filters of /verbindingen/: a kern (of either side), a reason, a status."""

    kern: str = ""
    reason: str = ""
    status: str = ""


CONNECTION_RELATED = ("first__kern", "second__kern", "jewel__kern")


def connection_list(user, filters: ConnectionFilters = ConnectionFilters()):
    """The connections this viewer may see, newest first (constant queries)."""
    connections = Connection.objects.visible_to(user).select_related(*CONNECTION_RELATED)
    if filters.kern:
        connections = connections.filter(
            Q(first__kern__slug=filters.kern)
            | Q(second__kern__slug=filters.kern)
            | Q(jewel__kern__slug=filters.kern)
        )
    if filters.reason:
        connections = connections.filter(**{filters.reason: True})
    if filters.status:
        connections = connections.filter(status=filters.status)
    return connections.order_by("-created_at", "-pk")


def connection_filter_kernen(user):
    """The kernen a viewer can filter connections on."""
    return Kern.objects.visible_to(user).only("name", "slug").order_by("name")


def initiative_connections(user, initiative):
    """This initiative's connections the viewer may see (with initiatives and with crown
    jewels), newest first."""
    return (
        Connection.objects.visible_to(user)
        .filter(Q(first=initiative) | Q(second=initiative))
        .select_related(*CONNECTION_RELATED)
        .order_by("-created_at", "-pk")
    )


def jewel_connections(user, jewel):
    """The initiatives connected with a crown jewel, as far as the viewer may see the
    connections, newest first."""
    return (
        Connection.objects.visible_to(user)
        .filter(jewel=jewel)
        .select_related("first__kern")
        .order_by("-created_at", "-pk")
    )


def connecting_initiatives(user):
    """The initiatives ``user`` may propose a connection for, by name: staff any they
    see, members their own. Ended ones are left out."""
    return (
        Initiative.objects.visible_to(user)
        .filter(permissions.connecting_initiatives_q(user))
        .exclude(status=InitiativeStatus.ENDED)
        .only("pk", "name", "slug")
        .order_by("name", "pk")
    )


def connectable_jewels(user):
    """The crown jewels an initiative may be connected with, by name with their kern."""
    return (
        CrownJewel.objects.visible_to(user)
        .filter(permissions.connectable_jewels_q())
        .select_related("kern")
        .only("pk", "name", "slug", "kern", "kern__name")
        .order_by("name", "pk")
    )


MATCHES_SHOWN = 8
# Candidates read before the nearest are chosen in Python: same kern first from the
# database, then the distance between places for those few.
MATCH_CANDIDATES = 40


def _place(initiative):
    if initiative.location is not None:
        return initiative.location
    return initiative.kern.centre if initiative.kern is not None else None


def _distance_km(one, other) -> float:
    """The distance along the earth between two points in WGS84 (haversine)."""
    lon1, lat1, lon2, lat2 = map(math.radians, (one.x, one.y, other.x, other.y))
    a = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371 * 2 * math.asin(math.sqrt(a))


def _matches_for(user, initiative, their_side: str, our_tags: list):
    """Other visible initiatives whose ``their_side`` tags (offers or wishes) meet
    ``our_tags``, each with ``shared_tags``: the nearest first, at most MATCHES_SHOWN.
    One query: each candidate says per tag of ours whether it shares it."""
    if not our_tags:
        return []
    through = getattr(Initiative, their_side).through
    meeting = through.objects.filter(tag_id__in=[tag.pk for tag in our_tags]).values(
        "initiative_id"
    )
    shares = {
        f"shares_{tag.pk}": Exists(
            through.objects.filter(initiative_id=OuterRef("pk"), tag_id=tag.pk)
        )
        for tag in our_tags
    }
    candidates = list(
        Initiative.objects.visible_to(user)
        .exclude(pk=initiative.pk)
        .exclude(status=InitiativeStatus.ENDED)
        .filter(pk__in=meeting)
        .annotate(
            same_kern=Case(
                When(kern_id=initiative.kern_id, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
            if initiative.kern_id
            else Value(0, output_field=IntegerField()),
            **shares,
        )
        .select_related("kern")
        .order_by("-same_kern", "name")[:MATCH_CANDIDATES]
    )
    for other in candidates:
        other.shared_tags = [tag for tag in our_tags if getattr(other, f"shares_{tag.pk}")]
    here = _place(initiative)

    def nearness(other):
        there = _place(other)
        distance = _distance_km(here, there) if here and there else float("inf")
        return (-other.same_kern, distance, other.name.lower())

    return sorted(candidates, key=nearness)[:MATCHES_SHOWN]


@dataclass(frozen=True)
class InitiativeWords:
    """An initiative's kinds, what it offers and what it wishes for, each by name."""

    kinds: list
    offers: list
    wishes: list


def initiative_words(initiative) -> InitiativeWords:
    """The kinds, offers and wishes of an initiative, in one query."""

    def side(queryset, name: str):
        return queryset.order_by().annotate(side=Value(name)).values("side", "pk", "name", "slug")

    rows = side(InitiativeKind.objects.filter(initiatives=initiative), "kinds").union(
        side(Tag.objects.filter(offered_by=initiative), "offers"),
        side(Tag.objects.filter(wished_by=initiative), "wishes"),
        all=True,
    )
    words: dict[str, list] = {"kinds": [], "offers": [], "wishes": []}
    for row in rows.order_by("name"):
        model = InitiativeKind if row["side"] == "kinds" else Tag
        words[row["side"]].append(model(pk=row["pk"], name=row["name"], slug=row["slug"]))
    return InitiativeWords(**words)


def initiative_matches(user, initiative, offers=None, wishes=None) -> dict[str, list]:
    """Who offers what this initiative looks for, and who looks for what it offers: by
    shared tags, nearer ones first. Relevance, never a number. ``offers`` and ``wishes``
    are the initiative's own tags by name, when the caller has them already."""
    if offers is None or wishes is None:
        words = initiative_words(initiative)
        offers, wishes = words.offers, words.wishes
    return {
        "offering": _matches_for(user, initiative, "offers", wishes),
        "wishing": _matches_for(user, initiative, "wishes", offers),
    }


# The connections layer and the network: lines between the places of two initiatives, or
# of an initiative and a crown jewel.


def _visible_other_side(user) -> Q:
    """The other side is one the viewer may see: the second initiative or the jewel."""
    return Q(second__in=Initiative.objects.visible_to(user).values("pk")) | Q(
        jewel__in=CrownJewel.objects.visible_to(user).values("pk")
    )


def _placed_connections(user):
    """The connections this viewer may see whose two sides this viewer may also see
    (a member sees a proposal to an initiative that is not public: its place stays hidden),
    each with the GeoJSON of both places: the initiative's (or jewel's) own point, else its
    kern's centre. ``second_*`` is the other side, an initiative or a jewel, whichever is
    set. One query; the places are rounded by the database."""
    visible = Initiative.objects.visible_to(user).values("pk")
    precision = COORDINATE_PRECISION
    return (
        Connection.objects.visible_to(user)
        .filter(Q(first__in=visible) & _visible_other_side(user))
        .annotate(
            first_point=AsGeoJSON("first__location", precision=precision),
            first_centre=AsGeoJSON("first__kern__centre", precision=precision),
            second_point=Coalesce(
                AsGeoJSON("second__location", precision=precision),
                AsGeoJSON("jewel__location", precision=precision),
            ),
            second_centre=Coalesce(
                AsGeoJSON("second__kern__centre", precision=precision),
                AsGeoJSON("jewel__kern__centre", precision=precision),
            ),
        )
    )


def _coordinates(point: str | None, centre: str | None) -> list[float] | None:
    geojson = point or centre
    return json.loads(geojson)["coordinates"] if geojson else None


def connections_layer_version(user) -> tuple[int, object]:
    """How many connections the layer holds and when the newest of them or of their
    initiatives or jewels changed (one moved or went public): ETag and Last-Modified."""
    visible = Initiative.objects.visible_to(user).values("pk")
    summary = (
        Connection.objects.visible_to(user)
        .filter(Q(first__in=visible) & _visible_other_side(user))
        .order_by()
        .aggregate(
            total=Count("pk"),
            newest=Max("updated_at"),
            first=Max("first__updated_at"),
            second=Max("second__updated_at"),
            jewel=Max("jewel__updated_at"),
        )
    )
    moments = [summary[key] for key in ("newest", "first", "second", "jewel") if summary[key]]
    return summary["total"], max(moments) if moments else None


def connections_geojson(user) -> str:
    """The connections this viewer may see as lines between the two places, with only an
    id and a status (proposed ones are drawn differently). A connection one of whose
    sides has neither a point nor a kern with a centre is left out."""
    rows = (
        _placed_connections(user)
        .order_by("pk")
        .values_list("pk", "status", "first_point", "first_centre", "second_point", "second_centre")
    )
    features = []
    for pk, status, first_point, first_centre, second_point, second_centre in rows:
        start = _coordinates(first_point, first_centre)
        end = _coordinates(second_point, second_centre)
        if start is None or end is None:
            continue
        geometry = json.dumps({"type": "LineString", "coordinates": [start, end]})
        features.append(
            f'{{"type":"Feature","id":{pk},"geometry":{geometry},'
            f'"properties":{{"status":{json.dumps(status)}}}}}'
        )
    return f'{{"type":"FeatureCollection","features":[{",".join(features)}]}}'


@dataclass
class NetworkNode:
    pk: int
    name: str
    slug: str
    x: float = 0.0
    y: float = 0.0

    @property
    def label_on_the_left(self) -> bool:
        """Names in the right half go to the left of their dot, so none runs off the edge."""
        return self.x > NETWORK_WIDTH / 2


@dataclass
class Network:
    """Initiatives as nodes (all the same size), connections as edges, placed by their
    geography in a box of ``width`` by ``height``; ``connections`` is the list alternative."""

    nodes: list[NetworkNode]
    edges: list[tuple[NetworkNode, NetworkNode, str]]
    connections: list
    width: int
    height: int


NETWORK_WIDTH = 600
NETWORK_MARGIN = 40


def _project(positions: dict[int, list[float]]) -> tuple[dict[int, tuple[float, float]], int]:
    """Longitude and latitude to the network's box, equirectangular (a longitude degree is
    shorter by the cosine of the latitude), north up. Returns the points and the height."""
    if not positions:
        return {}, NETWORK_WIDTH // 2
    lons = [lon for lon, _lat in positions.values()]
    lats = [lat for _lon, lat in positions.values()]
    scale_x = math.cos(math.radians(sum(lats) / len(lats)))
    span_x = (max(lons) - min(lons)) * scale_x
    span_y = max(lats) - min(lats)
    inner = NETWORK_WIDTH - 2 * NETWORK_MARGIN
    span = max(span_x, span_y)
    factor = inner / span if span else 0.0
    height = max(round(span_y * factor) + 2 * NETWORK_MARGIN, NETWORK_WIDTH // 2)
    offset_x = (inner - span_x * factor) / 2 + NETWORK_MARGIN
    offset_y = (height - span_y * factor) / 2
    projected = {
        pk: (
            round(offset_x + (lon - min(lons)) * scale_x * factor, 1),
            round(offset_y + (max(lats) - lat) * factor, 1),
        )
        for pk, (lon, lat) in positions.items()
    }
    return projected, height


def connection_network(user, kern=None) -> Network:
    """The network of the connections this viewer may see (in a kern: those with at least
    one initiative there). Deliberately no measure of how connected an initiative is: every
    node is drawn the same. One query, whatever the number of connections. A network of
    initiatives: connections with crown jewels are on the map and in /verbindingen/."""
    queryset = _placed_connections(user).filter(jewel__isnull=True)
    if kern is not None:
        queryset = queryset.filter(Q(first__kern=kern) | Q(second__kern=kern))
    connections = list(
        queryset.select_related("first", "second").order_by(
            Lower("first__name"), Lower("second__name"), "pk"
        )
    )
    nodes: dict[int, NetworkNode] = {}
    positions: dict[int, list[float]] = {}
    for item in connections:
        for side in ("first", "second"):
            initiative = getattr(item, side)
            place = _coordinates(getattr(item, f"{side}_point"), getattr(item, f"{side}_centre"))
            if place is None:
                continue
            positions[initiative.pk] = place
            nodes.setdefault(
                initiative.pk, NetworkNode(initiative.pk, initiative.name, initiative.slug)
            )
    projected, height = _project(positions)
    for pk, (x, y) in projected.items():
        nodes[pk].x, nodes[pk].y = x, y
    edges = [
        (nodes[item.first_id], nodes[item.second_id], item.status)
        for item in connections
        if item.first_id in nodes and item.second_id in nodes
    ]
    return Network(
        nodes=sorted(nodes.values(), key=lambda node: (node.name.lower(), node.pk)),
        edges=edges,
        connections=connections,
        width=NETWORK_WIDTH,
        height=height,
    )


# --- Crown jewels -----------------------------------------------------------------------

# Never by appreciation: by name, by newest, or shuffled for each visit.
JEWEL_ORDERINGS = {"naam": ("name", "pk"), "nieuw": ("-created_at", "-pk")}
SHUFFLED = "verrassing"


@dataclass(frozen=True)
class JewelFilters:
    """The registry's filters, as they stand in the URL. ``schud`` seeds the shuffled
    order, so that paging through one visit's shuffle shows every jewel once."""

    kern: str = ""
    categorie: str = ""
    volgorde: str = "naam"
    schud: str = ""

    @classmethod
    def from_query(cls, params) -> "JewelFilters":
        return cls(
            **{
                name: params.get(name, "").replace("\x00", "").strip()[:100]
                for name in cls.__dataclass_fields__
            }
        )

    @property
    def shuffled(self) -> bool:
        return self.volgorde == SHUFFLED


def filtered_jewels(user, filters: JewelFilters = JewelFilters()):
    """The crown jewels this viewer may see that match the filters."""
    queryset = CrownJewel.objects.visible_to(user)
    if filters.kern:
        queryset = queryset.filter(kern__slug=filters.kern)
    if filters.categorie:
        queryset = queryset.filter(category__slug=filters.categorie)
    return queryset.order_by(*JEWEL_ORDERINGS.get(filters.volgorde, JEWEL_ORDERINGS["naam"]))


def jewel_list(user, filters: JewelFilters = JewelFilters()):
    """What a list shows of each jewel, in a constant number of queries. A shuffled order
    is a list of ids in the order of this visit's seed; otherwise a queryset."""
    queryset = filtered_jewels(user, filters).select_related("category", "kern")
    if not filters.shuffled:
        return queryset
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    random.Random(filters.schud).shuffle(ids)
    return ShuffledJewels(queryset, ids)


class ShuffledJewels:
    """A page-able sequence of jewels in a given order of ids: the paginator slices the
    ids and only that page's jewels are fetched."""

    def __init__(self, queryset, ids: list[int]):
        self.queryset, self.ids = queryset, ids

    def __len__(self) -> int:
        return len(self.ids)

    def count(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        ids = self.ids[index] if isinstance(index, slice) else [self.ids[index]]
        jewels = {jewel.pk: jewel for jewel in self.queryset.filter(pk__in=ids)}
        page = [jewels[pk] for pk in ids if pk in jewels]
        return page if isinstance(index, slice) else page[0]


def jewel_filter_choices(user):
    """Places and categories to filter by."""
    return {
        "kernen": Kern.objects.visible_to(user).only("name", "slug"),
        "categories": JewelCategory.objects.all(),
    }


def jewels_cared_for(user, initiative):
    """The crown jewels an initiative cares for, as far as the viewer may see them."""
    return filtered_jewels(user).filter(caretakers=initiative).select_related("category", "kern")


def jewel_appreciations(user, jewel):
    """The appreciations under a jewel, oldest first, as the viewer may see them."""
    return (
        Appreciation.objects.visible_to(user)
        .filter(jewel=jewel)
        .select_related("author", "author_kern")
        .order_by("created_at", "pk")
    )


def jewels_layer_version(user, filters: JewelFilters = JewelFilters()) -> tuple[int, object]:
    """How many jewels the layer holds and when the newest changed, in one query."""
    summary = (
        filtered_jewels(user, filters)
        .order_by()
        .aggregate(total=Count("pk"), newest=Max("updated_at"))
    )
    return summary["total"], summary["newest"]


def jewels_geojson(user, filters: JewelFilters = JewelFilters()) -> str:
    """The jewels with a place, as compact GeoJSON: a point and an id each; the popup is
    rendered on the server at its own URL, named once by the ``popups`` member."""
    rows = (
        filtered_jewels(user, filters)
        .filter(location__isnull=False)
        .annotate(geojson=AsGeoJSON("location", precision=COORDINATE_PRECISION))
        .order_by("pk")
        .values_list("pk", "geojson")
    )
    features = ",".join(
        f'{{"type":"Feature","id":{pk},"geometry":{geojson},"properties":{{}}}}'
        for pk, geojson in rows
        if geojson
    )
    popups = json.dumps("{id}".join(reverse("layer_jewel_popup", kwargs={"pk": 0}).rsplit("0", 1)))
    return f'{{"type":"FeatureCollection","popups":{popups},"features":[{features}]}}'


# --- Obstacles --------------------------------------------------------------------------


@dataclass(frozen=True)
class ObstacleFilters:
    """The filters of the list of obstacle reports, as understood from the URL."""

    kern: str = ""
    categorie: str = ""
    status: str = ""


def obstacle_list(user, filters: ObstacleFilters = ObstacleFilters()):
    """The obstacle reports this viewer may read, newest first, with what a list shows of
    each in a constant number of queries."""
    queryset = Obstacle.objects.visible_to(user)
    if filters.kern:
        queryset = queryset.filter(initiative__kern__slug=filters.kern)
    if filters.categorie:
        queryset = queryset.filter(category__slug=filters.categorie)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    return queryset.select_related("initiative", "initiative__kern", "category").order_by(
        "-happened_on", "-created_at", "-pk"
    )


def obstacle_filter_choices(user):
    """Places, kinds of obstacle and statuses to narrow the list to."""
    return {
        "kernen": Kern.objects.visible_to(user).only("name", "slug"),
        "categories": obstacle_categories(),
        "statuses": ObstacleStatus.choices,
    }


def obstacle_categories():
    """The kinds of obstacle in their own order, with "anders" (other) always last."""
    return ObstacleCategory.objects.annotate(
        other=Case(When(slug=OTHER_OBSTACLE, then=Value(1)), default=Value(0))
    ).order_by("other", "position", "name")


def initiative_obstacles(user, initiative):
    """The obstacles of ``initiative`` this viewer may read, newest first."""
    return (
        Obstacle.objects.visible_to(user)
        .filter(initiative=initiative)
        .select_related("category", "answered_by__department")
        .order_by("-happened_on", "-created_at", "-pk")
    )


def obstacle_conversations(user, obstacle):
    """The conversations where an obstacle came up, as far as this viewer may read them."""
    return (
        Conversation.objects.visible_to(user)
        .filter(obstacles=obstacle)
        .defer("search_vector", "location")
        .select_related("department")
        .order_by(*CONVERSATION_ORDER)
    )


# The patterns count the public reports only, which anyone can read in the list beside
# them: a public figure, shown exactly. Reports shared only with the municipality are
# counted in the council's insight figures, which are protected.
PATTERNS_COUNTING = Counting.PUBLIC


@dataclass
class PatternRow:
    """One line of a pattern: a kind of obstacle, a department, a kern or a month, and how
    often obstacles came up there. ``shown`` is the count as it may be shown, ``share`` the
    bar's length, in percent of the longest bar of its table."""

    name: str
    count: int
    shown: str = ""
    share: int = 0
    partner: bool = False
    month: date | None = None
    # Another organisation than the departments (typed freely, so never shown by name),
    # or nothing given.
    other: bool = False
    unknown: bool = False


@dataclass
class ObstaclePatterns:
    months: list[date]
    categories: list[PatternRow]
    departments: list[PatternRow]
    kernen: list[PatternRow]
    per_month: list[PatternRow]

    @property
    def total(self) -> int:
        return sum(row.count for row in self.per_month)


def _with_shares(rows: list[PatternRow]) -> list[PatternRow]:
    lengths = [drawn(row.count, PATTERNS_COUNTING) for row in rows]
    longest = max(lengths, default=0)
    for row, length in zip(rows, lengths, strict=True):
        row.shown = shown(row.count, PATTERNS_COUNTING)
        row.share = round(100 * length / longest) if longest else 0
    return rows


def obstacle_patterns(first: date, last: date) -> ObstaclePatterns:
    """How often obstacles came up from ``first``'s month to ``last``'s: per kind (in the
    kinds' own order, every kind), per department (by name, those that came up), per kern
    (by name, those that came up) and per month. Counts only: never a name of a person,
    never which initiative; rows are never ordered by their counts.

    The public reports count, those anyone can read in the list (``PATTERNS_COUNTING``):
    so each number is exact and equals that list. Four queries, whatever the number of
    obstacles.
    """
    months = month_starts(first, last)
    after = (months[-1] + timedelta(days=32)).replace(day=1)
    in_period = (
        Obstacle.objects.visible_to(AnonymousUser())
        .filter(happened_on__gte=months[0], happened_on__lt=after)
        .order_by()
    )

    categories = [
        PatternRow(name=category.name, count=category.total)
        for category in obstacle_categories().annotate(
            total=Count("obstacles", filter=Q(obstacles__in=in_period.values("pk")))
        )
    ]

    departments, other, unknown = [], 0, 0
    for row in (
        in_period.annotate(other=Case(When(organisation="", then=Value(0)), default=Value(1)))
        .values("department", "department__name", "department__is_partner", "other")
        .annotate(total=Count("pk"))
        .order_by(Lower("department__name"), "department")
    ):
        if row["department"] is not None:
            departments.append(
                PatternRow(
                    name=row["department__name"],
                    count=row["total"],
                    partner=row["department__is_partner"],
                )
            )
        elif row["other"]:
            other += row["total"]
        else:
            unknown += row["total"]
    # Another organisation is typed freely and might name a person: counted together.
    if other:
        departments.append(PatternRow(name="", count=other, other=True))
    if unknown:
        departments.append(PatternRow(name="", count=unknown, unknown=True))

    kernen = [
        PatternRow(
            name=row["initiative__kern__name"] or "",
            count=row["total"],
            unknown=row["initiative__kern"] is None,
        )
        for row in in_period.values("initiative__kern", "initiative__kern__name")
        .annotate(total=Count("pk"))
        .order_by(Lower("initiative__kern__name").asc(nulls_last=True), "initiative__kern")
    ]

    counts: dict = {}
    for row in (
        in_period.annotate(month=TruncMonth("happened_on"))
        .values("month")
        .annotate(total=Count("pk"))
    ):
        month = month_of(row["month"])
        counts[month] = counts.get(month, 0) + row["total"]
    per_month = [PatternRow(name="", month=month, count=counts.get(month, 0)) for month in months]

    return ObstaclePatterns(
        months=months,
        categories=_with_shares(categories),
        departments=_with_shares(departments),
        kernen=_with_shares(kernen),
        per_month=_with_shares(per_month),
    )


# --- Stories ----------------------------------------------------------------------------
# What an initiative tells in its own words. Lists show the public stories only (a shared
# one is for the municipality's staff, never in a list or a feed), and of those only what
# the viewer may see: visible_to keeps a public story of an initiative that is not on the
# public map away from the public.

STORY_ORDER = ("-date", "-created_at", "-pk")


@dataclass(frozen=True)
class StoryFilters:
    """The filters of /verhalen/, as they stand in the URL."""

    kern: str = ""
    soort: str = ""

    @classmethod
    def from_query(cls, params) -> "StoryFilters":
        return cls(
            **{
                name: params.get(name, "").replace("\x00", "").strip()[:100]
                for name in cls.__dataclass_fields__
            }
        )


def _with_story_card(queryset, user):
    """What a card shows of each story, in a constant number of queries: the initiative,
    its kern and the story's photos (``photo_list``; the card shows the first)."""
    return queryset.select_related("initiative__kern").prefetch_related(
        Prefetch(
            "photos",
            queryset=StoryPhoto.objects.visible_to(user).order_by("position", "pk"),
            to_attr="photo_list",
        )
    )


def public_stories(user, filters: StoryFilters = StoryFilters()):
    """The public stories this viewer may see that match the filters, newest first."""
    queryset = Story.objects.visible_to(user).filter(visibility=Visibility.PUBLIC)
    if filters.kern:
        queryset = queryset.filter(initiative__kern__slug=filters.kern)
    if filters.soort:
        queryset = queryset.filter(
            initiative__in=Initiative.objects.filter(kinds__slug=filters.soort).values("pk")
        )
    return _with_story_card(queryset.order_by(*STORY_ORDER), user)


def story_feed_items(kern=None, limit: int = 30) -> list:
    """The newest public stories for a feed: always what an anonymous visitor may see,
    whoever asks, because a feed is shared and cached."""
    anyone = AnonymousUser()
    return list(
        public_stories(anyone, StoryFilters(kern=kern.slug if kern is not None else ""))[:limit]
    )


def story_filter_choices(user):
    """Places, and the kinds of the initiatives that told a public story the viewer may
    see."""
    stories = public_stories(user).order_by().values("initiative_id")
    return {
        "kernen": Kern.objects.visible_to(user).only("name", "slug"),
        "kinds": InitiativeKind.objects.filter(initiatives__in=stories).distinct(),
    }


def initiative_stories(user, initiative):
    """An initiative's stories as the viewer may see them, newest first: its members and
    staff also see the ones shared with staff only."""
    return _with_story_card(
        Story.objects.visible_to(user).filter(initiative=initiative).order_by(*STORY_ORDER),
        user,
    )


def story_photos(user, story):
    return StoryPhoto.objects.visible_to(user).filter(story=story).order_by("position", "pk")


def story_reactions(user, story):
    """Staff reactions to a story, oldest first: its initiative's members and staff read
    them; the public and the council never do."""
    return (
        StaffNote.objects.visible_to(user)
        .filter(story=story)
        .select_related("author__department")
        .order_by("created_at", "pk")
    )
