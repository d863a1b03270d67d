"""The history of an initiative: every change, who made it, when, and a readable diff."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from initiatives.models import Initiative, Ownership
from kompas import access, changes
from kompas.changes import Entry, TrackedFields
from kompas.choices import InitiativeStatus
from places.models import Kern

# What a history shows, in the order of the form. Technical fields (slug, who published,
# search data) are left out; contact details only for those who may see them now.
TEXT_FIELDS = {
    "name": _("Name"),
    "place_description": _("Place in their own words"),
    "description": _("In their own words"),
    "offers_text": _("What they can offer, in words"),
    "wishes_text": _("What they wish for, in words"),
    "ideas": _("Ideas in the attic"),
    "website": _("Website"),
    "contact": _("Contact"),
}
VALUE_FIELDS = {
    "kern": _("Village or district"),
    "location": _("Place on the map"),
    "ownership": _("Whose is it?"),
    "status": _("Status"),
    "contact_consent": _("Contact details shown to everyone"),
    "description_by_municipality": _("Text written by the municipality"),
}
TERM_FIELDS = {
    "kinds": ("historicalinitiative_kinds_set", "initiativekind", _("Kinds")),
    "offers": ("historicalinitiative_offers_set", "tag", _("What they can offer")),
    "wishes": ("historicalinitiative_wishes_set", "tag", _("What they wish for")),
}
FIELD_ORDER = [
    "name",
    "kinds",
    "kern",
    "location",
    "place_description",
    "description",
    "description_by_municipality",
    "offers",
    "offers_text",
    "wishes",
    "wishes_text",
    "ideas",
    "ownership",
    "website",
    "contact",
    "contact_consent",
    "status",
]
INITIATIVE_FIELDS = TrackedFields(
    order=FIELD_ORDER, text=TEXT_FIELDS, values=VALUE_FIELDS, terms=TERM_FIELDS
)


def _display(name: str, value, kernen: dict) -> str:
    if value in (None, ""):
        return str(_("(empty)"))
    if name == "kern":
        return kernen.get(value, str(_("(removed)")))
    if name == "location":
        return f"{value.y:.6f}, {value.x:.6f}"
    if name == "ownership":
        return str(Ownership(value).label) if value in Ownership.values else str(value)
    if name == "status":
        return str(InitiativeStatus(value).label) if value in InitiativeStatus.values else value
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    return str(value)


def history_entries(initiative: Initiative, user) -> list[Entry]:
    """Every change of the initiative, newest first, in a constant number of queries."""
    records = list(
        initiative.history.select_related("history_user__department")
        .prefetch_related(*INITIATIVE_FIELDS.prefetches(initiative.history.model))
        .order_by("history_date", "history_id")
    )
    kern_ids = {record.kern_id for record in records if record.kern_id}
    kernen = dict(Kern.objects.filter(pk__in=kern_ids).values_list("pk", "name"))
    hidden = set() if access.can_see_contact(user, initiative) else {"contact"}
    return changes.history_entries(
        records,
        INITIATIVE_FIELDS,
        lambda name, value: _display(name, value, kernen),
        access.sees_names_in_history(user),
        hidden,
    )


@require_safe
def initiative_history(request, slug):
    initiative = access.get_visible_or_404(Initiative.objects, request.user, slug=slug)
    return render(
        request,
        "initiatives/initiative_history.html",
        {"initiative": initiative, "entries": history_entries(initiative, request.user)},
    )
