"""The spread page (/gesprekken/spreiding/): conversations per kern, department and month."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from conversations import spread
from conversations.list_forms import SpreadPeriodForm
from kompas import access

# --- The spread -------------------------------------------------------------------------


@login_required
@require_safe
def conversation_spread(request):
    if not access.can_see_spread(request.user):
        raise PermissionDenied(_("The spread of conversations is for staff and the council."))
    form = SpreadPeriodForm(request.GET or None)
    first, last = form.period()
    if not form.is_bound:
        form = SpreadPeriodForm(initial={"van": first, "tot": last})
    return render(
        request,
        "conversations/conversation_spread.html",
        {
            "form": form,
            "spread": spread.conversation_spread(first, last),
            "first": first,
            "last": last,
            "can_browse_conversations": access.can_browse_conversations(request.user),
        },
    )
