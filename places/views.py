"""The villages and districts of the municipality."""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from initiatives import selectors as initiatives_selectors
from initiatives.forms import filter_query
from insight import selectors as insight_selectors
from kompas import access
from maps.views.map import jewels_of, layer_url
from places import selectors
from places.models import Kern
from stories.views import newest_stories

# A kern page lists this many of its initiatives; the map page lists them all, page by page.
KERN_LIST_LIMIT = 30


@require_safe
def kern_list(request):
    return render(
        request,
        "places/kern_list.html",
        {"kernen": initiatives_selectors.kern_summaries(request.user)},
    )


@require_safe
def kern_detail(request, slug):
    kern = access.get_visible_or_404(Kern.objects, request.user, slug=slug)
    neighbours = selectors.kern_neighbours(kern, request.user)
    filters = initiatives_selectors.InitiativeFilters(kern=kern.slug)
    initiatives = initiatives_selectors.initiative_list(request.user, filters)
    return render(
        request,
        "places/kern_detail.html",
        {
            "kern": kern,
            "neighbours": neighbours,
            "initiatives": initiatives[:KERN_LIST_LIMIT],
            "initiative_count": initiatives.count(),
            "initiatives_layer": layer_url(filters),
            "map_url": f"{reverse('map')}?{filter_query(filters)}",
            # Its crown jewels, by name, beside its initiatives and on its map.
            **jewels_of(request.user, kern.slug),
            # The newest public stories of its initiatives, and its feed.
            **newest_stories(request.user, kern),
            # The public part of the insight figures; the council and staff go on from here.
            "in_numbers": insight_selectors.public_figures(kern),
            "can_see_insight": access.can_see_insight(request.user),
        },
    )
