"""The initiatives: the registry, putting one on the map, its own page and its own text.

Views stay thin: the forms validate, services write, selectors read, permissions decide.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from connections import selectors as connections_selectors
from conversations import selectors as conversations_selectors
from initiatives import selectors, services
from initiatives.forms import (
    InitiativeFilterForm,
    InitiativeForm,
    InvitationForm,
    JoinRequestForm,
    StaffNoteForm,
)
from initiatives.models import (
    Initiative,
    Invitation,
    JoinRequest,
    JoinRequestStatus,
    Membership,
    StaffNote,
)
from jewels import selectors as jewels_selectors
from kompas import access
from kompas.choices import InitiativeStatus
from kompas.lists import page_of
from kompas.ratelimit import limit_posts
from obstacles import selectors as obstacles_selectors
from privacy import audit
from stories.views import stories_of_initiative

PER_PAGE = 50
# An initiative's page shows its latest conversations; ?gesprekken=alle shows them all.
TIMELINE_LIMIT = 20


# --- The registry -----------------------------------------------------------------------


@require_safe
def initiative_list(request):
    form = InitiativeFilterForm(request.GET or None, choices=selectors.filter_choices(request.user))
    filters = form.filters()
    return render(
        request,
        "initiatives/initiative_list.html",
        {
            "form": form,
            "page": page_of(request, selectors.initiative_list(request.user, filters), PER_PAGE),
            "filtered": filters.narrowed,
            "can_create": access.is_invited_to_add_initiative(request.user),
        },
    )


# --- Putting an initiative on the map, and changing its text ----------------------------


@login_required
@require_http_methods(["GET", "POST"])
@limit_posts("initiative")
def initiative_create(request):
    if not access.can_create_initiative(request.user):
        raise PermissionDenied(_("Council members read the registry; they do not add to it."))
    form = InitiativeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        initiative = services.create_initiative(
            request.user,
            services.InitiativeData.from_form(form.cleaned_data),
            status=form.cleaned_data["status"],
        )
        if initiative.status == InitiativeStatus.PUBLIC:
            messages.success(request, _("Your initiative is on the map. Welcome!"))
        elif access.is_member(request.user, initiative):
            messages.success(
                request,
                _(
                    "Your initiative is saved. For now only the municipality and your "
                    "members see it; you can put it on the public map whenever you like."
                ),
            )
        else:
            messages.success(request, _("The initiative is saved, for staff only."))
        return redirect(initiative)
    return render(
        request,
        "initiatives/initiative_form.html",
        {"form": form, "initiative": None, "entered_by_staff": form.entered_by_staff},
    )


@login_required
@require_http_methods(["GET", "POST"])
def initiative_edit(request, slug):
    initiative = access.get_visible_or_404(Initiative.objects, request.user, slug=slug)
    if not access.can_edit_initiative(request.user, initiative):
        raise PermissionDenied(_("Only the initiative itself can change its own text."))
    form = InitiativeForm(request.POST or None, user=request.user, initiative=initiative)
    if request.method == "POST" and form.is_valid():
        services.update_initiative(
            initiative, request.user, services.InitiativeData.from_form(form.cleaned_data)
        )
        messages.success(request, _("Your changes are saved."))
        return redirect(initiative)
    return render(
        request,
        "initiatives/initiative_form.html",
        {
            "form": form,
            "initiative": initiative,
            "entered_by_staff": not access.is_member(request.user, initiative),
        },
    )


# --- The initiative's own page ----------------------------------------------------------


def visible_initiative(user, slug):
    """The initiative with its kern, or 404 when this viewer may not see it. Its words
    (kinds, offers, wishes) come with ``selectors.initiative_words``."""
    return access.get_initiative_or_404(
        Initiative.objects.select_related("kern", "published_by"), user, slug=slug
    )


def render_detail(request, initiative, **forms):
    """The initiative's page; a form that did not validate is passed in to show its
    messages and what was typed."""
    user = request.user
    # Every permission asks the viewer: their memberships are looked up once.
    viewer = access.viewer_for(request)
    member = access.is_member(viewer, initiative)
    can_note = access.can_write_staff_note(viewer)
    can_decide = access.can_decide_join_requests(viewer)
    can_invite = access.can_invite_members(viewer, initiative)
    can_ask = access.can_ask_to_join(viewer, initiative)
    can_see_who_knows = access.can_see_who_knows(viewer)
    show_all = request.GET.get("gesprekken") == "alle"
    conversations = conversations_selectors.initiative_conversations(viewer, initiative)
    conversations = list(conversations if show_all else conversations[: TIMELINE_LIMIT + 1])
    more_conversations = not show_all and len(conversations) > TIMELINE_LIMIT
    if more_conversations:
        conversations = conversations[:TIMELINE_LIMIT]
    can_see_contact = access.can_see_contact(viewer, initiative)
    words = connections_selectors.initiative_words(initiative)
    notes = list(
        StaffNote.objects.visible_to(viewer)
        .filter(initiative=initiative)
        .select_related("author__department")
    )
    _record_private_views(user, initiative, can_see_contact, notes, conversations)
    context = {
        "initiative": initiative,
        "kinds": words.kinds,
        "offers": words.offers,
        "wishes": words.wishes,
        "is_member": member,
        "can_edit": access.can_edit_initiative(viewer, initiative),
        "can_see_contact": can_see_contact,
        "can_see_publication": access.can_see_publication(viewer, initiative),
        "status_changes": access.status_changes(viewer, initiative),
        "InitiativeStatus": InitiativeStatus,
        "notes": notes,
        "sees_names": access.sees_names_in_history(viewer),
        "members": Membership.objects.visible_to(viewer)
        .filter(initiative=initiative)
        .select_related("user__department")
        .order_by("created_at"),
        "note_form": forms.get("note_form") or (StaffNoteForm() if can_note else None),
        "invitation_form": forms.get("invitation_form")
        or (InvitationForm(initiative=initiative) if can_invite else None),
        "open_invitations": Invitation.objects.visible_to(viewer).filter(
            initiative=initiative, accepted_at__isnull=True
        )
        if can_invite
        else [],
        "join_requests": JoinRequest.objects.visible_to(viewer)
        .filter(initiative=initiative, status=JoinRequestStatus.PENDING)
        .select_related("user")
        if can_decide
        else [],
        "join_form": forms.get("join_form") or (JoinRequestForm() if can_ask else None),
        "my_join_request": JoinRequest.objects.visible_to(viewer)
        .filter(initiative=initiative, status=JoinRequestStatus.PENDING, user=user)
        .first()
        if can_ask
        else None,
        "conversations": conversations,
        "more_conversations": more_conversations,
        "can_see_who_knows": can_see_who_knows,
        "who_knows": conversations_selectors.who_knows(viewer, initiative)
        if can_see_who_knows
        else [],
        "can_browse_conversations": access.can_browse_conversations(viewer),
        "can_log_conversation": access.can_log_conversation(viewer),
        **stories_of_initiative(request, initiative),
        "connections": connections_selectors.initiative_connections(viewer, initiative),
        "can_propose_connection": access.can_propose_connection(viewer, initiative),
        "jewels": jewels_selectors.jewels_cared_for(viewer, initiative),
        "can_nominate_jewel": access.can_nominate_for(viewer, initiative),
        "obstacles": obstacles_selectors.initiative_obstacles(viewer, initiative),
        "can_report_obstacle": access.can_report_obstacle(viewer, initiative),
        "matches": connections_selectors.initiative_matches(
            viewer, initiative, words.offers, words.wishes
        )
        if access.can_see_matches(viewer, initiative)
        else None,
    }
    return render(request, "initiatives/initiative_detail.html", context)


def _record_private_views(user, initiative, can_see_contact, notes, conversations) -> None:
    """One line in the audit log when this page shows unpublished contact details or
    internal notes and conversations, however many."""
    internal_notes = audit.internal_ids(notes)
    internal_conversations = audit.internal_ids(conversations)
    viewed = []
    if audit.shows_private_contact(initiative, can_see_contact):
        viewed.append(audit.CONTACT_DETAILS)
    if internal_notes or internal_conversations:
        viewed.append(audit.INTERNAL_NOTES)
    audit.record_viewed(
        user, initiative, viewed, notes=internal_notes, conversations=internal_conversations
    )


@require_safe
def initiative_detail(request, slug):
    return render_detail(request, visible_initiative(access.viewer_for(request), slug))
