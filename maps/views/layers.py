"""Map layers as GeoJSON: built from visible_to(user), compact, cacheable.

Each layer answers with an ETag and a Last-Modified built from one small query, so a
repeat visit gets 304 Not Modified without the layer being built again. The ETag names
the viewer (a layer differs per viewer's visibility), the filters and the version of
the data. A layer that many viewers share is built once per version and kept in the
cache. Layers carry no words, so the language does not matter.
"""

from functools import partial

from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_cookie

from connections import selectors as connections_selectors
from connections.models import Connection
from initiatives import selectors as initiatives_selectors
from initiatives.forms import InitiativeFilterForm
from initiatives.models import Initiative
from jewels import selectors as jewels_selectors
from jewels.forms import JewelFilterForm
from jewels.models import CrownJewel
from kompas import access
from kompas.caching import remembered
from kompas.conditional import conditional_response
from kompas.conditional import etag as _etag
from places import selectors as places_selectors
from places.models import Kern

# A popup the browser has fetched may be shown again for a few minutes without asking.
POPUP_MAX_AGE = 300
# A built layer is kept this long at most; a new version of the data has a new key.
LAYER_CACHE_SECONDS = 10 * 60


def _layer(request, name: str, models: tuple, parts: tuple, last_modified, build):
    """A layer as a conditional answer: 304 when the visitor already has this version,
    otherwise the layer. The ETag names the layer, whose view of the data it is, the
    filters (``parts``) and the version. A view that many people share (every anonymous
    visitor, everyone who sees everything) is built once per version and kept in the
    cache; a personal one (a member sees their own initiative) is built for them alone."""
    user = request.user
    audience = access.shared_audience(user, *models)
    tag = _etag(
        name,
        audience or f"user:{user.pk}",
        *parts,
        last_modified.isoformat() if last_modified else "",
    )
    if audience:
        build = partial(remembered, f"layer:{tag}", build, LAYER_CACHE_SECONDS, versioned=True)
    return conditional_response(
        request, tag, last_modified, build, shared=access.may_be_kept_by_shared_caches(user)
    )


@require_safe
@vary_on_cookie
def initiatives_layer(request):
    """The initiatives with a place, filtered as the map page is (the same query string)."""
    user = request.user
    filters = InitiativeFilterForm(request.GET).filters()
    total, newest = initiatives_selectors.initiatives_layer_version(user, filters)
    return _layer(
        request,
        "initiatives",
        (Initiative,),
        (filters, total),
        newest,
        lambda: initiatives_selectors.initiatives_geojson(user, filters),
    )


@require_safe
@vary_on_cookie
def initiative_popup(request, pk):
    """The popup of one initiative on the map, rendered (and escaped) on the server: what
    the initiatives layer points to, so the layer itself only carries points."""
    initiative = access.get_visible_or_404(
        Initiative.objects.select_related("kern").prefetch_related("kinds"),
        request.user,
        pk=pk,
    )
    response = render(request, "partials/initiative_popup.html", {"initiative": initiative})
    patch_cache_control(response, private=True, max_age=POPUP_MAX_AGE)
    return response


@require_safe
@vary_on_cookie
def kernen_layer(request):
    """The boundaries of the villages and districts."""
    user = request.user
    changes, latest = places_selectors.kernen_layer_version()
    return _layer(
        request,
        "kernen",
        (Kern,),
        (changes,),
        latest,
        lambda: places_selectors.kernen_geojson(user),
    )


@require_safe
@vary_on_cookie
def connections_layer(request):
    """Lines between the places of two connected initiatives, as far as the viewer may see
    them: only an id and a status per line."""
    user = request.user
    total, newest = connections_selectors.connections_layer_version(user)
    return _layer(
        request,
        "connections",
        (Connection, Initiative, CrownJewel),
        (total,),
        newest,
        lambda: connections_selectors.connections_geojson(user),
    )


@require_safe
@vary_on_cookie
def jewels_layer(request):
    """The crown jewels with a place, filtered by kern and category as the registry is.
    A person's gift without their yes, or a jewel hidden after reports, is on it only for
    those who may see it (its nominator, staff): the rule is ``visible_to``."""
    user = request.user
    query = JewelFilterForm(request.GET).filters()
    # The order of a list does not change a layer: one cached copy per kern and category.
    filters = jewels_selectors.JewelFilters(kern=query.kern, category=query.category)
    total, newest = jewels_selectors.jewels_layer_version(user, filters)
    return _layer(
        request,
        "jewels",
        (CrownJewel,),
        (filters.kern, filters.category, total),
        newest,
        lambda: jewels_selectors.jewels_geojson(user, filters),
    )


@require_safe
@vary_on_cookie
def jewel_popup(request, pk):
    """The popup of one crown jewel: its name (a link to its page), category and kern.
    Appreciation is words on the jewel's page; the popup counts nothing."""
    jewel = access.get_visible_or_404(
        CrownJewel.objects.select_related("category", "kern"), request.user, pk=pk
    )
    context = {
        "jewel": jewel,
        "waits_for_moderator": access.waits_for_moderator(request.user, jewel),
        "waits_for_consent": access.waits_for_consent(jewel),
    }
    response = render(request, "partials/jewel_popup.html", context)
    patch_cache_control(response, private=True, max_age=POPUP_MAX_AGE)
    return response
