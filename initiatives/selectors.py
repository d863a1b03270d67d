"""Reads about initiatives: search, filters, the list, the initiatives layer and the
initiatives a form may link to.

Every function takes the viewer and starts from ``visible_to(user)``."""

import json
from dataclasses import dataclass

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
from django.db.models.functions import Lower
from django.urls import reverse

from initiatives.models import Initiative, InitiativeKind, Tag
from kompas import access
from kompas.caching import remembered
from kompas.choices import (
    InitiativeStatus,
)
from places.models import Kern
from places.selectors import COORDINATE_PRECISION

# --- Initiatives ------------------------------------------------------------------------

# How alike a misspelt word must be to a name to find it ("zorgcooperatie" → Zorgcoöperatie).
TRIGRAM_THRESHOLD = 0.3
ORDERINGS = {"name": ("name", "pk"), "updated": ("-updated_at", "name", "pk")}


@dataclass(frozen=True)
class InitiativeFilters:
    """The registry's and the map's filters (``InitiativeFilterForm.filters()``). A word or
    place that is not known is kept: it finds nothing, so a shared link never breaks."""

    search: str = ""
    kern: str = ""
    kind: str = ""
    ownership: str = ""
    offers: str = ""
    wishes: str = ""
    order: str = "name"

    @property
    def narrowed(self) -> bool:
        """Whether the filters leave initiatives out (the order leaves none out)."""
        return any((self.search, self.kern, self.kind, self.ownership, self.offers, self.wishes))


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
    if filters.kind:
        queryset = queryset.filter(
            pk__in=Initiative.objects.filter(kinds__slug=filters.kind).values("pk")
        )
    if filters.ownership:
        queryset = queryset.filter(
            ownership=filters.ownership if filters.ownership.isdigit() else -1
        )
    if filters.offers:
        queryset = queryset.filter(
            pk__in=Initiative.objects.filter(offers__slug=filters.offers).values("pk")
        )
    if filters.wishes:
        queryset = queryset.filter(
            pk__in=Initiative.objects.filter(wishes__slug=filters.wishes).values("pk")
        )
    queryset = search_initiatives(queryset, filters.search)
    return queryset.order_by(*ORDERINGS.get(filters.order, ORDERINGS["name"]))


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
    audience = access.shared_audience(user, Initiative)
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
