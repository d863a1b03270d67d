"""The map: initiatives, crown jewels and kernen as layers from their own URLs, and the
same initiatives and jewels as lists beside it, the alternative that works with a
keyboard, a screen reader or no JavaScript at all. The filters live in the URL, so a map
can be shared as a link."""

from dataclasses import asdict

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from initiatives import selectors as initiatives_selectors
from initiatives.forms import InitiativeFilterForm
from jewels import selectors as jewels_selectors
from kompas import access

PER_PAGE = 25
# The map page lists this many crown jewels; the registry has them all, page by page.
JEWEL_LIST_LIMIT = 12
PAGE_PARAMETER = "pagina"
# Which of the filters narrow down the set; the order only changes how the list is sorted.
NARROWING = ("q", "kern", "soort", "eigenaarschap", "biedt", "zoekt")


def filter_query(
    filters: initiatives_selectors.InitiativeFilters, *, with_order: bool = False
) -> str:
    """The filters as a query string, only those that are set, always in the same order
    (a layer URL that does not change keeps its cached copy)."""
    values = asdict(filters)
    names = (*NARROWING, "volgorde") if with_order else NARROWING
    return urlencode([(name, values[name]) for name in names if values[name]])


def layer_url(filters: initiatives_selectors.InitiativeFilters) -> str:
    query = filter_query(filters)
    return reverse("layer_initiatives") + (f"?{query}" if query else "")


def jewels_layer_url(kern: str = "") -> str:
    """The crown jewels layer, of one kern or of all."""
    return reverse("layer_jewels") + (f"?{urlencode({'kern': kern})}" if kern else "")


def jewel_registry_url(kern: str = "") -> str:
    """The registry of crown jewels, of one kern or of all."""
    return reverse("jewel_list") + (f"?{urlencode({'kern': kern})}" if kern else "")


def jewels_of(user, kern: str = "", limit: int = JEWEL_LIST_LIMIT) -> dict:
    """The first crown jewels (by name) of a kern or of all, with the total: the list beside
    a map, in two queries. Never ordered by appreciation."""
    jewels = jewels_selectors.jewel_list(user, jewels_selectors.JewelFilters(kern=kern))
    return {
        "jewels": jewels[:limit],
        "jewel_count": jewels.count(),
        "jewels_layer": jewels_layer_url(kern),
        "jewel_registry_url": jewel_registry_url(kern),
        "invite_nomination": access.is_invited_to_nominate(user),
    }


@require_safe
def map_page(request):
    filters = initiatives_selectors.InitiativeFilters.from_query(request.GET)
    # The registry's own filter form: the same filters, words and choices on both pages.
    form = InitiativeFilterForm(
        initial={name: getattr(filters, name) for name in InitiativeFilterForm.base_fields},
        choices=initiatives_selectors.filter_choices(request.user),
    )
    initiatives = initiatives_selectors.initiative_list(request.user, filters)
    page = Paginator(initiatives, PER_PAGE).get_page(request.GET.get(PAGE_PARAMETER))
    return render(
        request,
        "maps/map.html",
        {
            "form": form,
            "filters": filters,
            "filtered": any(getattr(filters, name) for name in NARROWING),
            "page": page,
            "page_query": filter_query(filters, with_order=True),
            "page_parameter": PAGE_PARAMETER,
            "layer_url": layer_url(filters),
            **jewels_of(request.user, filters.kern),
        },
    )
