"""Reads about connections: the list, matching offers and wishes, the connections layer and
the network.

Every function takes the viewer and starts from ``visible_to(user)``."""

import json
import math
from dataclasses import dataclass

from django.contrib.gis.db.models.functions import AsGeoJSON
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Lower

from connections.models import Connection
from initiatives.models import Initiative, InitiativeKind, Membership, Tag
from jewels.models import CrownJewel
from kompas import access
from kompas.choices import (
    ConnectionStatus,
    InitiativeStatus,
)
from places.models import Kern
from places.selectors import COORDINATE_PRECISION

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
        memberships = access.recipients_of_connection(Membership, connection, side)
        recipients += [(m.user, initiative, other) for m in memberships.select_related("user")]
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
        .filter(access.connecting_initiatives_q(user))
        .exclude(status=InitiativeStatus.ENDED)
        .only("pk", "name", "slug")
        .order_by("name", "pk")
    )


def connectable_jewels(user):
    """The crown jewels an initiative may be connected with, by name with their kern."""
    return (
        CrownJewel.objects.visible_to(user)
        .filter(access.connectable_jewels_q())
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
