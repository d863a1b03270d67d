"""What happens on an initiative's page: its status, staff notes beside it, co-members
invited by email, and residents who ask to join. Every action is a POST to a service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from initiatives import services
from initiatives.forms import (
    InvitationForm,
    JoinDecisionForm,
    JoinRequestForm,
    StaffNoteForm,
    StatusForm,
)
from initiatives.models import Invitation, JoinRequest, JoinRequestStatus
from initiatives.views.initiatives import render_detail, visible_initiative
from kompas import access
from kompas.choices import InitiativeStatus
from kompas.emails import site_url
from kompas.ratelimit import limit_posts

STATUS_MESSAGES = {
    InitiativeStatus.PUBLIC: gettext_lazy("It is on the public map now."),
    InitiativeStatus.KNOWN: gettext_lazy("It is not on the public map now."),
    InitiativeStatus.ENDED: gettext_lazy(
        "It is marked as ended. It stays in Kompas, shown as ended."
    ),
    InitiativeStatus.TIP: gettext_lazy("It is a tip again: only staff see it."),
}
INVITATION_PAGE = "initiatives/partials/invitation_page.html"


@login_required
@require_POST
def initiative_status(request, slug):
    initiative = visible_initiative(request.user, slug)
    form = StatusForm(request.POST)
    if not form.is_valid() or not access.can_set_status(
        request.user, initiative, form.cleaned_data["status"]
    ):
        raise PermissionDenied(_("You cannot change the status of this initiative."))
    status = form.cleaned_data["status"]
    services.set_status(initiative, request.user, status)
    messages.success(request, STATUS_MESSAGES[status])
    return redirect(initiative)


@login_required
@require_POST
def staff_note_add(request, slug):
    initiative = visible_initiative(request.user, slug)
    if not access.can_write_staff_note(request.user):
        raise PermissionDenied(_("Only staff write notes beside an initiative."))
    form = StaffNoteForm(request.POST)
    if not form.is_valid():
        return render_detail(request, initiative, note_form=form)
    services.add_staff_note(
        initiative, request.user, form.cleaned_data["text"], form.cleaned_data["visibility"]
    )
    messages.success(request, _("Your note is saved beside their own words."))
    return redirect(f"{initiative.get_absolute_url()}#notities")


@login_required
@require_POST
def invitation_send(request, slug):
    initiative = visible_initiative(request.user, slug)
    if not access.can_invite_members(request.user, initiative):
        raise PermissionDenied(_("Only members can invite co-members."))
    form = InvitationForm(request.POST, initiative=initiative)
    if not form.is_valid():
        return render_detail(request, initiative, invitation_form=form)
    invitation = services.invite_member(
        initiative,
        request.user,
        form.cleaned_data["email"],
        accept_url=lambda invitation: site_url(
            reverse("invitation_accept", kwargs={"token": invitation.token})
        ),
    )
    messages.success(
        request,
        _("We sent an invitation to %(email)s.") % {"email": invitation.email},
    )
    return redirect(f"{initiative.get_absolute_url()}#leden")


@login_required
@require_http_methods(["GET", "POST"])
@limit_posts("invitation")
def invitation_accept(request, token):
    invitation = (
        Invitation.objects.visible_to(request.user)
        .select_related("initiative", "invited_by")
        .filter(token=token)
        .first()
    )
    if invitation is None or not (
        invitation.accepted_at or access.can_accept_invitation(request.user, invitation)
    ):
        # Not for this account: say how to go on without telling whom it was for.
        return render(request, INVITATION_PAGE, {"invitation": None}, status=404)
    if invitation.accepted_at is not None:
        if access.is_member(request.user, invitation.initiative):
            messages.info(request, _("You already accepted this invitation."))
            return redirect(invitation.initiative)
        return render(request, INVITATION_PAGE, {"invitation": None}, status=404)
    if request.method == "POST":
        services.accept_invitation(invitation, request.user)
        messages.success(
            request,
            _("Welcome! You now speak for %(initiative)s.")
            % {"initiative": invitation.initiative.name},
        )
        return redirect(invitation.initiative)
    return render(request, INVITATION_PAGE, {"invitation": invitation})


@login_required
@require_POST
@limit_posts("join_request")
def join_request_send(request, slug):
    initiative = visible_initiative(request.user, slug)
    if not access.can_ask_to_join(request.user, initiative):
        raise PermissionDenied(_("You cannot ask to join this initiative."))
    form = JoinRequestForm(request.POST)
    if not form.is_valid():
        return render_detail(request, initiative, join_form=form)
    services.request_to_join(initiative, request.user, form.cleaned_data["message"])
    messages.success(
        request, _("Thank you! Staff will confirm your request; you will see it here.")
    )
    return redirect(f"{initiative.get_absolute_url()}#aanmelden")


@login_required
@require_POST
def join_request_decide(request, slug, pk):
    initiative = visible_initiative(request.user, slug)
    if not access.can_decide_join_requests(request.user):
        raise PermissionDenied(_("Staff decide on requests to join."))
    join_request = access.get_visible_or_404(
        JoinRequest.objects.select_related("user", "initiative"),
        request.user,
        pk=pk,
        initiative=initiative,
    )
    form = JoinDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to accept or to decline the request."))
        return redirect(f"{initiative.get_absolute_url()}#aanmeldingen")
    if join_request.status != JoinRequestStatus.PENDING:
        messages.info(request, _("This request to join has already been answered."))
        return redirect(f"{initiative.get_absolute_url()}#aanmeldingen")
    accept = form.cleaned_data["decision"] == "accept"
    services.decide_join_request(join_request, request.user, accept=accept)
    if accept:
        messages.success(request, _("%(person)s is now a member.") % {"person": join_request.user})
    else:
        messages.info(request, _("The request to join was declined."))
    return redirect(f"{initiative.get_absolute_url()}#aanmeldingen")
