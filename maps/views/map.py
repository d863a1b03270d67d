"""The map: initiatives, crown jewels and kernen as layers from their own URLs, and the
same initiatives and jewels as lists beside it, the alternative that works with a
keyboard, a screen reader or no JavaScript at all. The filters live in the URL, so a map
can be shared as a link."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from initiatives import selectors as initiatives_selectors
from initiatives.forms import InitiativeFilterForm, filter_query
from jewels import selectors as jewels_selectors
from kompas import access
from kompas.lists import page_of

PER_PAGE = 25
# The map page lists this many crown jewels; the registry has them all, page by page.
JEWEL_LIST_LIMIT = 12


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
    # The registry's own filter form: the same filters, words and choices on both pages.
    form = InitiativeFilterForm(
        request.GET or None, choices=initiatives_selectors.filter_choices(request.user)
    )
    filters = form.filters()
    initiatives = initiatives_selectors.initiative_list(request.user, filters)
    return render(
        request,
        "maps/map.html",
        {
            "form": form,
            "filters": filters,
            "filtered": filters.narrowed,
            "page": page_of(request, initiatives, PER_PAGE),
            "layer_url": layer_url(filters),
            **jewels_of(request.user, filters.kern),
        },
    )
