"""Crown jewels: the registry of what a community values, nominating one, its own page
with the words of appreciation others add, a person's consent to their gift, reports
and the history.

Views stay thin: the forms validate, services write, selectors read, permissions decide.
Nothing here counts or orders by appreciation.
"""

from __future__ import annotations

import hashlib
import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from connections import selectors as connections_selectors
from initiatives.models import Initiative
from jewels import selectors, services
from jewels.forms import AppreciationForm, JewelFilterForm, JewelForm, ReportForm
from jewels.models import Appreciation, CrownJewel, JewelCategory
from kompas import access, changes
from kompas.changes import TrackedFields
from kompas.choices import GiftConsent
from kompas.lists import page_of
from kompas.ratelimit import limit_posts
from places.models import Kern
from privacy import audit

PER_PAGE = 24
# /kroonjuwelen/nieuw/?initiatief=<slug>: nominated from an initiative's page.
CARETAKER_PARAMETER = "initiatief"


# --- The registry -----------------------------------------------------------------------


@require_safe
def jewel_list(request):
    form = JewelFilterForm(
        request.GET or None, choices=selectors.jewel_filter_choices(request.user)
    )
    filters = form.filters()
    if filters.shuffled and not filters.seed:
        # A seed for this visit, in the address.
        return redirect(f"{request.path}?{form.seeded_query(secrets.token_hex(4))}")
    return render(
        request,
        "jewels/jewel_list.html",
        {
            "form": form,
            "page": page_of(request, selectors.jewel_list(request.user, filters), PER_PAGE),
            "filtered": filters.narrowed,
            "can_nominate": access.is_invited_to_nominate(request.user),
        },
    )


# --- Nominating, and keeping a nomination up to date ------------------------------------


def _save_jewel(form, write):
    """Run a service with the form's data; its objections become messages on the form."""
    try:
        return write(services.JewelData.from_form(form.cleaned_data))
    except ValidationError as error:
        form.add_service_error(error)
    except PermissionDenied as error:
        form.add_service_error(ValidationError(str(error)))
    return None


@login_required
@require_http_methods(["GET", "POST"])
@limit_posts("nominate")
def jewel_create(request):
    if not access.can_nominate_jewel(request.user):
        raise PermissionDenied(_("Council members read the registry; they do not add to it."))
    posted = request.method == "POST"
    form = JewelForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        user=request.user,
        caretaker_slug=request.GET.get(CARETAKER_PARAMETER, "")[:200],
    )
    if posted and form.is_valid():
        jewel = _save_jewel(form, lambda data: services.nominate_jewel(request.user, data))
        if jewel is not None:
            if jewel.consent == GiftConsent.ASKED:
                messages.success(
                    request,
                    _(
                        "Thank you! We asked %(email)s by email whether they agree. Until "
                        "they do, only you and staff see this crown jewel."
                    )
                    % {"email": jewel.person_email},
                )
            else:
                messages.success(request, _("Thank you! The crown jewel is in the registry."))
            return redirect(jewel)
    return render(request, "jewels/jewel_form.html", {"form": form, "jewel": None})


@login_required
@require_http_methods(["GET", "POST"])
def jewel_edit(request, slug):
    jewel = visible_jewel(request.user, slug)
    if not access.can_edit_jewel(request.user, jewel):
        raise PermissionDenied(_("Only the nominator and staff can change this crown jewel."))
    posted = request.method == "POST"
    form = JewelForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        user=request.user,
        jewel=jewel,
    )
    if posted and form.is_valid():
        saved = _save_jewel(form, lambda data: services.update_jewel(jewel, request.user, data))
        if saved is not None:
            if access.waits_for_staff_look(saved):
                messages.success(
                    request,
                    _(
                        "Your changes are saved. This crown jewel was a person's gift: until "
                        "%(email)s agrees, or a staff member has looked at the change, only "
                        "you and staff see it."
                    )
                    % {"email": saved.person_email},
                )
            elif saved.consent == GiftConsent.ASKED and saved.consent_answered_at is None:
                messages.success(
                    request,
                    _(
                        "Your changes are saved. Until %(email)s agrees, only you and staff "
                        "see this crown jewel."
                    )
                    % {"email": saved.person_email},
                )
            else:
                messages.success(request, _("Your changes are saved."))
            return redirect(saved)
        # The service may have changed the object before it objected: show it as stored.
        jewel.refresh_from_db()
    return render(request, "jewels/jewel_form.html", {"form": form, "jewel": jewel})


# --- A crown jewel's own page -----------------------------------------------------------


def visible_jewel(user, slug):
    return access.get_visible_or_404(
        CrownJewel.objects.select_related("category", "kern", "nominated_by"), user, slug=slug
    )


def render_detail(request, jewel, appreciation_form=None):
    user = request.user
    # Every permission asks the viewer, which remembers what it was told this request.
    viewer = access.viewer_for(request)
    can_appreciate = access.can_appreciate(viewer, jewel)
    if appreciation_form is None and can_appreciate:
        appreciation_form = AppreciationForm(user=user, jewel=jewel)
    waits_for_staff_look = access.waits_for_staff_look(jewel)
    can_see_consent = (
        jewel.category.needs_consent or waits_for_staff_look
    ) and access.can_see_gift_consent(viewer, jewel)
    if can_see_consent and jewel.person_email:
        # The address of the person whose gift this is: its readers go in the audit log.
        audit.record_viewed(user, jewel, audit.CONTACT_DETAILS)
    context = {
        "jewel": jewel,
        "caretakers": Initiative.objects.visible_to(viewer)
        .filter(jewels=jewel)
        .select_related("kern")
        .order_by("name", "pk"),
        "appreciations": selectors.jewel_appreciations(viewer, jewel),
        "connections": connections_selectors.jewel_connections(viewer, jewel),
        "can_connect": access.can_connect_from_jewel(viewer, jewel),
        "can_appreciate": can_appreciate,
        "appreciation_form": appreciation_form,
        "sign_in_to_appreciate": access.can_appreciate_once_signed_in(viewer, jewel),
        "can_edit": access.can_edit_jewel(viewer, jewel),
        "can_see_history": access.can_see_jewel_history(viewer, jewel),
        "can_see_consent": can_see_consent,
        "waits_for_staff_look": waits_for_staff_look,
        "can_release": access.can_release_former_gift(viewer, jewel),
        "waits_for_moderator": access.waits_for_moderator(viewer, jewel),
        "can_report": access.can_report(viewer, jewel),
    }
    return render(request, "jewels/jewel_detail.html", context)


@require_safe
def jewel_detail(request, slug):
    return render_detail(request, visible_jewel(access.viewer_for(request), slug))


@login_required
@require_POST
@limit_posts("appreciate")
def jewel_appreciate(request, slug):
    user = request.user
    jewel = CrownJewel.objects.select_related("category", "kern").filter(slug=slug).first()
    if jewel is None:
        raise Http404
    if access.waits_for_moderator(user, jewel):
        # Hidden after reports: say so, and give back the words so they are not lost.
        return render(
            request,
            "jewels/jewel_waiting.html",
            {"jewel": jewel, "text": request.POST.get("waardering-text", "")},
        )
    jewel = visible_jewel(user, slug)
    form = AppreciationForm(request.POST, user=user, jewel=jewel)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.appreciate_jewel(
                jewel,
                user,
                data["text"],
                signed_as=data["signed_as"],
                author_kern=data["author_kern"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you for your words."))
            return redirect(f"{jewel.get_absolute_url()}#waarderingen")
    return render_detail(request, jewel, appreciation_form=form)


@login_required
@require_POST
def jewel_release(request, slug):
    """Staff looked at a former gift (its category changed before the person answered)
    and show it to everyone."""
    jewel = visible_jewel(request.user, slug)
    if not access.waits_for_staff_look(jewel):
        messages.info(request, _("This crown jewel no longer waits for a look."))
        return redirect(jewel)
    services.release_former_gift(jewel, request.user)
    messages.success(
        request,
        _(
            "Everyone can see this crown jewel now. It is no longer a person's gift, and "
            "the person's address is forgotten."
        ),
    )
    return redirect(jewel)


# --- Reports ----------------------------------------------------------------------------


def reporter_key(request) -> str:
    """One key per person, so a second report by the same person counts once: the
    account, or (for a visitor) a hash of the session, never the session key itself."""
    person = access.signed_in_person(request.user)
    if person is not None:
        return f"user:{person.pk}"
    if not request.session.session_key:
        request.session.create()
    return "session:" + hashlib.sha256(request.session.session_key.encode()).hexdigest()


def _report(request, obj, jewel):
    user = request.user
    if not access.can_report(user, obj):
        messages.info(
            request,
            _("This is already hidden until a moderator looks at it. Thank you for your care."),
        )
        return redirect(jewel)
    form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.report(
                obj,
                reporter_key=reporter_key(request),
                user=user,
                reason=form.cleaned_data["reason"],
            )
        except PermissionDenied:
            new = False
        if new:
            messages.success(
                request,
                _("Thank you for letting us know. A moderator will look at it."),
            )
        else:
            messages.info(request, _("You already reported this; thank you."))
        if access.can_view(user, jewel):
            return redirect(jewel)
        return redirect("jewel_list")
    return render(
        request,
        "jewels/jewel_report.html",
        {"form": form, "jewel": jewel, "appreciation": obj if obj is not jewel else None},
    )


@require_http_methods(["GET", "POST"])
@limit_posts("report")
def jewel_report(request, slug):
    jewel = visible_jewel(request.user, slug)
    return _report(request, jewel, jewel)


@require_http_methods(["GET", "POST"])
@limit_posts("report")
def appreciation_report(request, pk):
    appreciation = access.get_visible_or_404(
        Appreciation.objects.select_related("jewel", "jewel__kern", "author_kern"),
        request.user,
        pk=pk,
    )
    return _report(request, appreciation, appreciation.jewel)


# --- A person's consent to their gift ---------------------------------------------------

ANSWERS = {"yes": True, "no": False}


@never_cache
@require_http_methods(["GET", "POST"])
@limit_posts("consent")
def jewel_consent(request, token):
    jewel = services.jewel_for_consent_token(token[:100])
    if jewel is None:
        raise Http404
    error = ""
    if request.method == "POST":
        answer = request.POST.get("answer", "")
        if answer in ANSWERS:
            try:
                services.answer_gift_consent(jewel, agree=ANSWERS[answer])
            except PermissionDenied as refused:
                error = str(refused)
            else:
                if jewel.consent == GiftConsent.GIVEN:
                    messages.success(
                        request, _("Thank you! Everyone can now see this crown jewel.")
                    )
                else:
                    messages.success(
                        request,
                        _(
                            "Your answer is saved. Only the nominator and the "
                            "municipality's staff see the nomination."
                        ),
                    )
                return redirect("jewel_consent", token=token)
        else:
            error = _("Choose yes or no.")
    return render(
        request,
        "jewels/jewel_consent.html",
        {"jewel": jewel, "error": error, "GiftConsent": GiftConsent},
    )


# --- History ----------------------------------------------------------------------------

TEXT_FIELDS = {
    "name": gettext_lazy("Name"),
    "why": gettext_lazy("Why it matters"),
    "description": gettext_lazy("Description"),
    "photo_description": gettext_lazy("What the photo shows"),
}
VALUE_FIELDS = {
    "category": gettext_lazy("Kind of crown jewel"),
    "kern": gettext_lazy("Village or district"),
    "location": gettext_lazy("Place on the map"),
    "photo": gettext_lazy("Photo"),
    "person_email": gettext_lazy("Email address of the person"),
    "consent": gettext_lazy("Consent of the person"),
    "hidden_at": gettext_lazy("Hidden after reports"),
}
TERM_FIELDS = {
    "caretakers": (
        "historicalcrownjewel_caretakers_set",
        "initiative",
        gettext_lazy("Initiatives that care for it"),
    ),
}
JEWEL_FIELDS = TrackedFields(
    order=[
        "name",
        "category",
        "person_email",
        "consent",
        "why",
        "description",
        "kern",
        "location",
        "photo",
        "photo_description",
        "caretakers",
        "hidden_at",
    ],
    text=TEXT_FIELDS,
    values=VALUE_FIELDS,
    terms=TERM_FIELDS,
)


def _display(name: str, value, names: dict) -> str:
    if value in (None, ""):
        return str(gettext_lazy("(empty)"))
    if name in ("kern", "category"):
        return names[name].get(value, str(gettext_lazy("(removed)")))
    if name == "location":
        return f"{value.y:.6f}, {value.x:.6f}"
    if name == "photo":
        return str(gettext_lazy("a photo"))
    if name == "consent":
        return str(GiftConsent(value).label) if value in GiftConsent.values else str(value)
    if name == "hidden_at":
        return value.strftime("%d-%m-%Y %H:%M") if hasattr(value, "strftime") else str(value)
    return str(value)


def jewel_history_entries(jewel: CrownJewel, user) -> list[changes.Entry]:
    """Every change of the jewel, newest first, in a constant number of queries."""
    records = list(
        jewel.history.select_related("history_user__department")
        .prefetch_related(*JEWEL_FIELDS.prefetches(jewel.history.model))
        .order_by("history_date", "history_id")
    )
    names = {
        "kern": dict(
            Kern.objects.filter(
                pk__in={record.kern_id for record in records if record.kern_id}
            ).values_list("pk", "name")
        ),
        "category": dict(JewelCategory.objects.values_list("pk", "name")),
    }
    return changes.history_entries(
        records,
        JEWEL_FIELDS,
        lambda name, value: _display(name, value, names),
        access.sees_names_in_history(user),
        fold=True,
    )


@login_required
@require_safe
def jewel_history(request, slug):
    jewel = visible_jewel(request.user, slug)
    if not access.can_see_jewel_history(request.user, jewel):
        raise PermissionDenied(_("The history of a crown jewel is for its nominator and staff."))
    return render(
        request,
        "jewels/jewel_history.html",
        {"jewel": jewel, "entries": jewel_history_entries(jewel, request.user)},
    )
