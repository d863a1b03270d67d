"""The network of connections: initiatives as nodes, connections as edges, drawn on the
server as SVG with the same connections written out as a list beside it."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from connections import selectors
from kompas import access
from places.models import Kern


@require_safe
def network(request):
    """The whole municipality."""
    return render(
        request,
        "connections/network.html",
        {"network": selectors.connection_network(request.user), "kern": None},
    )


@require_safe
def kern_network(request, slug):
    """The connections with at least one initiative in one kern."""
    kern = access.get_visible_or_404(Kern.objects.only("name", "slug"), request.user, slug=slug)
    return render(
        request,
        "connections/network.html",
        {"network": selectors.connection_network(request.user, kern=kern), "kern": kern},
    )
