"""The villages and districts of the municipality."""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from initiatives import insight, permissions, selectors
from initiatives.models import Kern
from initiatives.views.map import filter_query, jewels_of, layer_url
from initiatives.views.stories import newest_stories

# A kern page lists this many of its initiatives; the map page lists them all, page by page.
KERN_LIST_LIMIT = 30


@require_safe
def kern_list(request):
    return render(
        request, "initiatives/kern_list.html", {"kernen": selectors.kern_summaries(request.user)}
    )


@require_safe
def kern_detail(request, slug):
    kern = permissions.get_visible_or_404(Kern.objects, request.user, slug=slug)
    neighbours = selectors.kern_neighbours(kern, request.user)
    filters = selectors.InitiativeFilters(kern=kern.slug)
    initiatives = selectors.initiative_list(request.user, filters)
    return render(
        request,
        "initiatives/kern_detail.html",
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
            "in_numbers": insight.public_figures(kern),
            "can_see_insight": permissions.can_see_insight(request.user),
        },
    )
