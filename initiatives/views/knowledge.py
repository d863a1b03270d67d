"""Finding what the organisation knows: the conversations list with search, the tips
inbox, the spread of conversations over the organisation, and one's email settings.

Views stay thin: the forms here only read and check what the URL or a person sent,
selectors read, services write, permissions decide.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from initiatives import audit, permissions, selectors, services
from initiatives.forms_filters import (
    DATE_INPUT_FORMATS,
    EVERYTHING,
    DateInput,
    FilterForm,
    PeriodForm,
)
from initiatives.models import Conversation, Initiative, TipState, User
from kompas.choices import InitiativeStatus

PAGE_PARAMETER = "pagina"
CONVERSATIONS_PER_PAGE = 25
TIPS_PER_PAGE = 50


def page_of(queryset, request, per_page):
    return Paginator(queryset, per_page).get_page(request.GET.get(PAGE_PARAMETER))


def query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop(PAGE_PARAMETER, None)
    return query.urlencode()


# --- The conversations list -------------------------------------------------------------


class ConversationFilterForm(FilterForm):
    """The filters of the conversations list, as a plain GET form: works without
    JavaScript. A filter that was not understood gets a message and is left out."""

    q = forms.CharField(
        label=gettext_lazy("Search in what was learned"),
        required=False,
        max_length=200,
        widget=forms.SearchInput,
    )
    kern = forms.ChoiceField(label=gettext_lazy("Village or district"), required=False)
    initiative = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    department = forms.TypedChoiceField(
        label=gettext_lazy("Department or organisation"),
        required=False,
        coerce=int,
        empty_value=None,
    )
    author = forms.TypedChoiceField(
        label=gettext_lazy("Written by"), required=False, coerce=int, empty_value=None
    )
    van = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=DateInput(),
        error_messages={"invalid": gettext_lazy("Type a date, for example 31-12-2025.")},
    )
    tot = forms.DateField(
        label=gettext_lazy("Until"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=DateInput(),
        error_messages={"invalid": gettext_lazy("Type a date, for example 31-12-2025.")},
    )
    mine = forms.BooleanField(label=gettext_lazy("Only my conversations"), required=False)

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("auto_id", "filter_%s")
        super().__init__(*args, **kwargs)
        self.user = user
        self.initiative = None
        choices = selectors.conversation_filter_choices(user)
        self.fields["kern"].choices = [
            EVERYTHING,
            *((kern.slug, kern.name) for kern in choices["kernen"]),
        ]
        self.fields["department"].choices = [
            EVERYTHING,
            *(
                (
                    str(department.pk),
                    _("%(name)s (partner organisation)") % {"name": department.name}
                    if department.is_partner
                    else department.name,
                )
                for department in choices["departments"]
            ),
        ]
        self.fields["author"].choices = [
            EVERYTHING,
            *((str(person.pk), str(person)) for person in choices["authors"]),
        ]

    def clean_q(self):
        # A NUL character cannot be stored or searched for: dropped.
        return self.cleaned_data["q"].replace("\x00", "").strip()

    def clean_initiative(self):
        slug = self.cleaned_data["initiative"].strip()
        if slug:
            self.initiative = (
                Initiative.objects.visible_to(self.user).filter(slug=slug).only("name", "slug")
            ).first()
            if self.initiative is None:
                raise forms.ValidationError(_("We could not find this initiative."))
        return slug

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["van"] > data["tot"]:
            self.add_error("tot", _("The end of the period comes before its start."))
        return data

    def filters(self) -> selectors.ConversationFilters:
        """The filters that were understood; the others are left out."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return selectors.ConversationFilters(
            **{
                name: data[name]
                for name in selectors.ConversationFilters.__dataclass_fields__
                if data.get(name) not in (None, "", False)
            }
        )


@login_required
@require_safe
def conversation_list(request):
    if not permissions.can_browse_conversations(request.user):
        raise PermissionDenied(_("The conversations are for the people of the organisation."))
    form = ConversationFilterForm(request.GET or None, user=request.user)
    filters = form.filters() if form.is_bound else selectors.ConversationFilters()
    page = page_of(
        selectors.conversation_list(request.user, filters), request, CONVERSATIONS_PER_PAGE
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
        "initiatives/conversation_list.html",
        {
            "form": form,
            "page": page,
            "filtered": filters != selectors.ConversationFilters(),
            "filter_query": query_without_page(request),
            "about_initiative": form.initiative,
            "can_log": permissions.can_log_conversation(request.user),
            "can_see_spread": permissions.can_see_spread(request.user),
        },
    )


# --- Tips -------------------------------------------------------------------------------

TIP_ACTIONS = (TipState.GOING, TipState.NOT_PURSUED, TipState.NEW)


class TipFilterForm(FilterForm):
    kern = forms.ChoiceField(label=gettext_lazy("Village or district"), required=False)
    stand = forms.ChoiceField(
        label=gettext_lazy("Follow-up"),
        required=False,
        choices=[EVERYTHING, *((value, TipState(value).label) for value in TipState.values)],
    )

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("auto_id", "filter_%s")
        super().__init__(*args, **kwargs)
        self.fields["kern"].choices = [
            EVERYTHING,
            *((kern.slug, kern.name) for kern in selectors.kern_choices(user)),
        ]

    def value(self, name) -> str:
        self.is_valid()
        return getattr(self, "cleaned_data", {}).get(name, "")


class TipStateForm(forms.Form):
    state = forms.ChoiceField(choices=[(value, TipState(value).label) for value in TIP_ACTIONS])
    next = forms.CharField(required=False, max_length=2000)


@login_required
@require_safe
def tip_list(request):
    if not permissions.can_follow_up_tips(request.user):
        raise PermissionDenied(_("Tips are for the people of the organisation."))
    form = TipFilterForm(request.GET or None, user=request.user)
    kern, state = (form.value("kern"), form.value("stand")) if form.is_bound else ("", "")
    page = page_of(selectors.tip_inbox(request.user, kern, state), request, TIPS_PER_PAGE)
    counts = selectors.tip_state_counts(request.user, kern)
    groups: dict[str, list] = {}
    for tip in page.object_list:
        groups.setdefault(selectors.TIP_STATE_ORDER[tip.inbox_position], []).append(tip)
    return render(
        request,
        "initiatives/tip_list.html",
        {
            "form": form,
            "page": page,
            "filtered": bool(kern or state),
            "filter_query": query_without_page(request),
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
    if not permissions.can_follow_up_tips(request.user):
        raise PermissionDenied(_("Tips are for the people of the organisation."))
    tip = permissions.get_visible_or_404(
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


# --- The spread -------------------------------------------------------------------------


class SpreadPeriodForm(PeriodForm):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "periode_%s")
        super().__init__(*args, **kwargs)


@login_required
@require_safe
def conversation_spread(request):
    if not permissions.can_see_spread(request.user):
        raise PermissionDenied(_("The spread of conversations is for staff and the council."))
    form = SpreadPeriodForm(request.GET or None)
    first, last = form.period()
    if not form.is_bound:
        form = SpreadPeriodForm(initial={"van": first, "tot": last})
    return render(
        request,
        "initiatives/conversation_spread.html",
        {
            "form": form,
            "spread": selectors.conversation_spread(first, last),
            "first": first,
            "last": last,
            "can_browse_conversations": permissions.can_browse_conversations(request.user),
        },
    )


# --- Email settings ---------------------------------------------------------------------


class NotificationSettingsForm(forms.Form):
    notify_by_email = forms.BooleanField(
        label=User._meta.get_field("notify_by_email").verbose_name,
        required=False,
        help_text=User._meta.get_field("notify_by_email").help_text,
    )


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request):
    form = NotificationSettingsForm(
        request.POST if request.method == "POST" else None,
        initial={"notify_by_email": request.user.notify_by_email},
    )
    if request.method == "POST" and form.is_valid():
        on = form.cleaned_data["notify_by_email"]
        services.set_email_notifications(request.user, on)
        if on:
            messages.success(request, _("Saved: we will email you about your initiatives."))
        else:
            messages.success(request, _("Saved: we will not email you about your initiatives."))
        return redirect("notification_settings")
    return render(request, "account/notification_settings.html", {"form": form})
