"""Tips: initiatives someone heard of, to follow up (/gesprekken/tips/)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from conversations import selectors, services
from conversations.list_forms import TIP_ACTIONS, TipFilterForm, TipStateForm
from initiatives.models import Initiative, TipState
from kompas import access
from kompas.choices import InitiativeStatus
from kompas.lists import page_of

# --- Tips -------------------------------------------------------------------------------

TIPS_PER_PAGE = 50


@login_required
@require_safe
def tip_list(request) -> HttpResponse:
    if not access.can_follow_up_tips(request.user):
        raise PermissionDenied(_("Tips are for the people of the organisation."))
    form = TipFilterForm(request.GET or None, user=request.user)
    filters = form.filters()
    page = page_of(request, selectors.tip_inbox(request.user, filters), TIPS_PER_PAGE)
    counts = selectors.tip_state_counts(request.user, filters)
    groups: dict[str, list] = {}
    for tip in page.object_list:
        groups.setdefault(selectors.TIP_STATE_ORDER[tip.inbox_position], []).append(tip)
    return render(
        request,
        "conversations/tip_list.html",
        {
            "form": form,
            "page": page,
            "filtered": filters != selectors.TipFilters(),
            "states": [
                {"value": value, "label": TipState(value).label, "count": counts[value]}
                for value in selectors.TIP_STATE_ORDER
            ],
            "groups": [
                {"value": value, "label": TipState(value).label, "tips": groups[value]}
                for value in selectors.TIP_STATE_ORDER
                if value in groups
            ],
            "tip_actions": [(value, TipState(value).label) for value in TIP_ACTIONS],
            "TipState": TipState,
            "back": request.get_full_path(),
        },
    )


TIP_MESSAGES = {
    TipState.GOING: gettext_lazy("Noted: you are going to meet %(name)s. Enjoy the conversation!"),
    TipState.NOT_PURSUED: gettext_lazy("Noted: %(name)s is not followed up for now."),
    TipState.NEW: gettext_lazy("%(name)s is a new tip again, for anyone to pick up."),
}


@login_required
@require_POST
def tip_state(request, pk):
    if not access.can_follow_up_tips(request.user):
        raise PermissionDenied(_("Tips are for the people of the organisation."))
    tip = access.get_visible_or_404(
        Initiative.objects.filter(Q(status=InitiativeStatus.TIP) | ~Q(tip_state="")),
        request.user,
        pk=pk,
    )
    form = TipStateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose how the tip is followed up."))
    else:
        state = form.cleaned_data["state"]
        services.set_tip_state(tip, request.user, state)
        messages.success(request, TIP_MESSAGES[state] % {"name": tip.name})
    back = form.data.get("next", "")
    # Only a printable path of this site: redirect() would read anything else as the
    # name of a view (and fail), and control characters do not belong in a header.
    if (
        back.startswith("/")
        and back.isprintable()
        and url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return HttpResponseRedirect(back)
    return redirect("tip_list")
