"""What waits for attention (/aandacht/): for each staff member, what a community brought
that goes to them and nobody answered yet."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from conversations.selectors import join_requests_waiting_for
from kompas import access
from obstacles.selectors import obstacles_waiting_for


@login_required
@require_safe
def worklist(request) -> HttpResponse:
    viewer = access.viewer_for(request)
    if not access.can_see_attention(viewer):
        raise PermissionDenied(_("What waits for attention is for the people of the organisation."))
    return render(
        request,
        "attention/worklist.html",
        {
            "obstacles": list(obstacles_waiting_for(viewer)),
            "join_requests": list(join_requests_waiting_for(viewer)),
        },
    )
