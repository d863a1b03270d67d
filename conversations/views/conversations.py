"""Writing down a conversation right after it happened, changing it, its page and history.

Views stay thin: the forms validate, services write, selectors read, permissions decide.
The list of conversations, the tips inbox and the spread live in ``knowledge``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from conversations import selectors, services
from conversations.forms import ConversationEntry
from conversations.list_forms import ConversationFilterForm
from conversations.models import Conversation
from initiatives import selectors as initiatives_selectors
from initiatives.models.initiatives import Initiative
from kompas import access, changes
from kompas.choices import Visibility
from kompas.lists import page_of
from places.models import Kern
from privacy import audit

# The button that reloads the form with initiatives found, for browsers without
# JavaScript (with it, the search answers as you type).
SEARCH_BUTTON = "zoek"
SEARCH_PARAMETER = "q"
# After a save the draft kept in the browser can go: the next page tells the script.
DRAFT_SAVED = "conversation_draft_saved"


def draft_key(user, conversation: Conversation | None = None) -> str:
    """Where the browser keeps what was typed: one place per person and per form."""
    which = conversation.pk if conversation is not None else "new"
    return f"kompas:conversation:{user.pk}:{which}"


def _staff_only(user) -> None:
    if not access.can_log_conversation(user):
        raise PermissionDenied(
            _(
                "Conversations are written down by staff of the municipality and its "
                "partners. The conversations about your own initiative are on its page."
            )
        )


def _render_form(request, entry, conversation=None):
    searching = SEARCH_BUTTON in request.POST
    query = request.POST.get(SEARCH_PARAMETER, "")[:200] if searching else ""
    results, more = (
        initiatives_selectors.initiatives_to_link(request.user, query) if query else ([], False)
    )
    chosen = entry.form.chosen_initiatives()
    chosen_ids = {initiative.pk for initiative in chosen}
    return render(
        request,
        "conversations/conversation_form.html",
        {
            "form": entry.form,
            "tips": entry.tips,
            "conversation": conversation,
            "chosen": chosen,
            "query": query,
            "searched": searching,
            "results": [initiative for initiative in results if initiative.pk not in chosen_ids],
            "more": more,
            "search_button": SEARCH_BUTTON,
            "search_parameter": SEARCH_PARAMETER,
            "draft_key": draft_key(request.user, conversation),
            # Only a fresh form takes back a draft: after a POST the page shows what was sent.
            "restore_draft": request.method == "GET",
        },
    )


def _save(entry, write):
    """Write through the service; its refusals become messages on the form, never a 500."""
    try:
        return write()
    except (ValidationError, PermissionDenied) as error:
        entry.refuse(error)
        return None


# /gesprekken/nieuw/?initiatief=<slug>: started from an initiative's page.
ABOUT_PARAMETER = "initiatief"


def _started_from(request):
    """The initiative a new conversation starts from, if the link named one this author
    may see (an unknown or hidden one is simply not filled in)."""
    slug = request.GET.get(ABOUT_PARAMETER, "")
    if request.method != "GET" or not slug:
        return None
    return (
        Initiative.objects.visible_to(request.user)
        .filter(slug=slug[:180])
        .select_related("kern")
        .first()
    )


@login_required
@require_http_methods(["GET", "POST"])
def conversation_create(request):
    _staff_only(request.user)
    searching = SEARCH_BUTTON in request.POST
    entry = ConversationEntry(
        request.POST or None,
        user=request.user,
        searching=searching,
        about=_started_from(request),
    )
    if request.method == "POST" and not searching and entry.is_valid():
        conversation = _save(
            entry,
            lambda: services.log_conversation(
                request.user, entry.conversation_data(), entry.tip_data()
            ),
        )
        if conversation is not None:
            request.session[DRAFT_SAVED] = draft_key(request.user)
            messages.success(request, _("Thank you. What you learned is written down."))
            return redirect(conversation)
    return _render_form(request, entry)


def _visible_conversation(user, pk):
    return access.get_visible_or_404(
        Conversation.objects.select_related("author__department", "department", "kern"),
        user,
        pk=pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def conversation_edit(request, pk):
    conversation = _visible_conversation(request.user, pk)
    if not access.can_edit_conversation(request.user, conversation):
        raise PermissionDenied(_("Only the author can change this conversation."))
    searching = SEARCH_BUTTON in request.POST
    entry = ConversationEntry(
        request.POST or None,
        user=request.user,
        conversation=conversation,
        searching=searching,
    )
    if request.method == "POST" and not searching and entry.is_valid():
        saved = _save(
            entry,
            lambda: services.update_conversation(
                conversation, request.user, entry.conversation_data()
            ),
        )
        if saved is not None:
            request.session[DRAFT_SAVED] = draft_key(request.user, conversation)
            messages.success(request, _("Your changes are saved."))
            return redirect(conversation)
    return _render_form(request, entry, conversation)


@login_required
@require_safe
def conversation_initiative_search(request):
    """The initiatives whose name matches what was typed, as a small piece of HTML with a
    checkbox each, for the conversation form's search-as-you-type."""
    _staff_only(request.user)
    query = request.GET.get(SEARCH_PARAMETER, "")[:200]
    results, more = initiatives_selectors.initiatives_to_link(request.user, query)
    return render(
        request,
        "initiatives/partials/initiative_search_results.html",
        {"results": results, "more": more, "query": query, "searched": True},
    )


VISIBILITY_LABELS = {
    Visibility.SHARED: gettext_lazy("Shared with the initiatives it is about"),
    Visibility.INTERNAL: gettext_lazy("Internal: staff only"),
}


def author_label(user, conversation: Conversation) -> str:
    """Who wrote it, as this reader may know it: staff see the name and the department
    (as it was when it was written); everyone else only the department."""
    department = conversation.department
    if access.sees_names_in_history(user):
        name = str(conversation.author) if conversation.author else _("someone")
        return f"{name} ({department})" if department else name
    if department:
        return _("Someone from %(department)s") % {"department": department}
    return _("Someone from the municipality")


def _record_if_internal(user, conversation: Conversation) -> None:
    """An internal conversation is staff's private note: its readers go in the audit log."""
    if access.is_internal(conversation):
        audit.record_viewed(user, conversation, audit.INTERNAL_CONVERSATION)


@login_required
@require_safe
def conversation_detail(request, pk):
    user = request.user
    conversation = _visible_conversation(user, pk)
    # Of the initiatives it is about, only those this reader may see (a tip stays hidden).
    initiatives = (
        Initiative.objects.visible_to(user)
        .filter(pk__in=conversation.initiatives.values("pk"))
        .select_related("kern")
        .only("name", "slug", "status", "kern__name", "kern__slug")
    )
    tips = (
        Initiative.objects.visible_to(user)
        .filter(tip_from=conversation)
        .select_related("kern")
        .only("name", "slug", "status", "tip_state", "kern__name", "kern__slug")
        if access.can_follow_up_tips(user)
        else []
    )
    saved_draft = request.session.pop(DRAFT_SAVED, None)
    _record_if_internal(user, conversation)
    return render(
        request,
        "conversations/conversation_detail.html",
        {
            "conversation": conversation,
            "initiatives": initiatives,
            "tips": tips,
            "author": author_label(user, conversation),
            "visibility_label": VISIBILITY_LABELS.get(conversation.visibility, ""),
            "can_edit": access.can_edit_conversation(user, conversation),
            "can_see_history": access.can_see_conversation_history(user, conversation),
            "can_follow_up_tips": access.can_follow_up_tips(user),
            "can_browse": access.can_browse_conversations(user),
            "can_connect": access.can_connect_from_conversation(user),
            "clear_draft": saved_draft,
        },
    )


# --- History ----------------------------------------------------------------------------

CONVERSATION_FIELDS = changes.TrackedFields(
    order=[
        "date",
        "initiatives",
        "kern",
        "place",
        "location",
        "with_whom",
        "learned",
        "ideas",
        "talents",
        "to_connect",
        "visibility",
    ],
    text={
        "place": gettext_lazy("Where"),
        "with_whom": gettext_lazy("With whom"),
        "learned": gettext_lazy("What I learned"),
        "ideas": gettext_lazy("Ideas in the attic"),
        "talents": gettext_lazy("Talents and energy noticed"),
        "to_connect": gettext_lazy("What could be connected"),
    },
    values={
        "date": gettext_lazy("Date"),
        "kern": gettext_lazy("Village or district"),
        "location": gettext_lazy("Place on the map"),
        "visibility": gettext_lazy("Who may read this"),
    },
    terms={
        "initiatives": (
            "historicalconversation_initiatives_set",
            "initiative",
            gettext_lazy("Initiatives"),
        )
    },
)


def _display(name: str, value, kernen: dict) -> str:
    if value in (None, ""):
        return _("(empty)")
    if name == "kern":
        return kernen.get(value, _("(removed)"))
    if name == "location":
        return f"{value.y:.6f}, {value.x:.6f}"
    if name == "visibility":
        return str(VISIBILITY_LABELS.get(value, value))
    if name == "date":
        return value.strftime("%d-%m-%Y") if hasattr(value, "strftime") else str(value)
    return str(value)


def conversation_history_entries(conversation: Conversation, user) -> list[changes.Entry]:
    """Every change of the conversation, newest first, in a constant number of queries."""
    records = list(
        conversation.history.select_related("history_user__department")
        .prefetch_related(*CONVERSATION_FIELDS.prefetches(conversation.history.model))
        .order_by("history_date", "history_id")
    )
    kern_ids = {record.kern_id for record in records if record.kern_id}
    kernen = dict(Kern.objects.filter(pk__in=kern_ids).values_list("pk", "name"))
    return changes.history_entries(
        records,
        CONVERSATION_FIELDS,
        lambda name, value: _display(name, value, kernen),
        access.sees_names_in_history(user),
        fold=True,
    )


@login_required
@require_safe
def conversation_history(request, pk):
    conversation = _visible_conversation(request.user, pk)
    if not access.can_see_conversation_history(request.user, conversation):
        raise PermissionDenied(_("Earlier versions of a conversation are kept for staff only."))
    _record_if_internal(request.user, conversation)
    return render(
        request,
        "conversations/conversation_history.html",
        {
            "conversation": conversation,
            "entries": conversation_history_entries(conversation, request.user),
        },
    )


# --- The conversations list -------------------------------------------------------------

CONVERSATIONS_PER_PAGE = 25


@login_required
@require_safe
def conversation_list(request):
    if not access.can_browse_conversations(request.user):
        raise PermissionDenied(_("The conversations are for the people of the organisation."))
    form = ConversationFilterForm(request.GET or None, user=request.user)
    filters = form.filters()
    page = page_of(
        request, selectors.conversation_list(request.user, filters), CONVERSATIONS_PER_PAGE
    )
    # Read once here (the template uses the same list): internal ones go in the audit log.
    page.object_list = list(page.object_list)
    audit.record_list_viewed(
        request.user,
        Conversation,
        audit.INTERNAL_CONVERSATIONS,
        audit.internal_ids(page.object_list),
    )
    return render(
        request,
        "conversations/conversation_list.html",
        {
            "form": form,
            "page": page,
            "filtered": filters != selectors.ConversationFilters(),
            "about_initiative": form.initiative,
            "can_log": access.can_log_conversation(request.user),
            "can_see_spread": access.can_see_spread(request.user),
        },
    )
