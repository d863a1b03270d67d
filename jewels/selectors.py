"""Reads about crown jewels: filters, the list, appreciations and the crown-jewel layer.

Every function takes the viewer and starts from ``visible_to(user)``."""

import json
import random
from dataclasses import dataclass

from django.contrib.gis.db.models.functions import AsGeoJSON
from django.db.models import (
    Count,
    Max,
)
from django.urls import reverse

from jewels.models import Appreciation, CrownJewel, JewelCategory
from places.models import Kern
from places.selectors import COORDINATE_PRECISION

# --- Crown jewels -----------------------------------------------------------------------

# Never by appreciation: by name, by newest, or shuffled for each visit.
JEWEL_ORDERINGS = {"name": ("name", "pk"), "newest": ("-created_at", "-pk")}
SHUFFLED = "shuffled"


@dataclass(frozen=True)
class JewelFilters:
    """The registry's filters (``JewelFilterForm.filters()``). ``seed`` seeds the shuffled
    order, so that paging through one visit's shuffle shows every jewel once."""

    kern: str = ""
    category: str = ""
    order: str = "name"
    seed: str = ""

    @property
    def shuffled(self) -> bool:
        return self.order == SHUFFLED

    @property
    def narrowed(self) -> bool:
        """Whether the filters leave jewels out (the order leaves none out)."""
        return bool(self.kern or self.category)


def filtered_jewels(user, filters: JewelFilters = JewelFilters()):
    """The crown jewels this viewer may see that match the filters."""
    queryset = CrownJewel.objects.visible_to(user)
    if filters.kern:
        queryset = queryset.filter(kern__slug=filters.kern)
    if filters.category:
        queryset = queryset.filter(category__slug=filters.category)
    return queryset.order_by(*JEWEL_ORDERINGS.get(filters.order, JEWEL_ORDERINGS["name"]))


def jewel_list(user, filters: JewelFilters = JewelFilters()):
    """What a list shows of each jewel, in a constant number of queries. A shuffled order
    is a list of ids in the order of this visit's seed; otherwise a queryset."""
    queryset = filtered_jewels(user, filters).select_related("category", "kern")
    if not filters.shuffled:
        return queryset
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    random.Random(filters.seed).shuffle(ids)
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
