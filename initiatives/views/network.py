"""The network of connections: initiatives as nodes, connections as edges, drawn on the
server as SVG with the same connections written out as a list beside it."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from initiatives import permissions, selectors
from initiatives.models import Kern


@require_safe
def network(request):
    """The whole municipality."""
    return render(
        request,
        "initiatives/network.html",
        {"network": selectors.connection_network(request.user), "kern": None},
    )


@require_safe
def kern_network(request, slug):
    """The connections with at least one initiative in one kern."""
    kern = permissions.get_visible_or_404(
        Kern.objects.only("name", "slug"), request.user, slug=slug
    )
    return render(
        request,
        "initiatives/network.html",
        {"network": selectors.connection_network(request.user, kern=kern), "kern": kern},
    )
