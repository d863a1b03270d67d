"""The download's sections about the person and what they chose: their account, the
initiatives they speak for, their requests and invitations to join, their consents and
the changes they made (the history)."""

from django.utils.translation import gettext_lazy as _

from initiatives.models import Invitation, JoinRequest
from kompas import access
from privacy.download.section import DataSection, name_of, names, point
from privacy.my_data import (
    ConsentKind,
    historical_models,
    my_consents,
    my_initiatives,
    my_memberships,
)


def account_section(user) -> DataSection:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    addresses = EmailAddress.objects.filter(user=user).order_by("email")
    authenticators = Authenticator.objects.filter(user=user).order_by("type")
    row = {
        "email": user.email,
        "name": user.name,
        "role": user.get_role_display(),
        "department": name_of(user.department),
        "joined": user.date_joined,
        "last_login": user.last_login,
        "notify_by_email": user.notify_by_email,
        "email_addresses": [
            f"{a.email} ({_('verified') if a.verified else _('not verified')})" for a in addresses
        ],
        "two_factor": [str(a.get_type_display()) for a in authenticators],
    }
    fields = (
        ("email", _("email address")),
        ("name", _("name")),
        ("role", _("role")),
        ("department", _("department")),
        ("joined", _("account made")),
        ("last_login", _("last signed in")),
        ("notify_by_email", _("email me about my initiatives")),
        ("email_addresses", _("email addresses")),
        ("two_factor", _("two-factor authentication")),
    )
    return DataSection("account", _("Your account"), fields, [row], single=True)


def membership_section(user) -> DataSection:
    rows = [
        {
            "initiative": m.initiative.name,
            "role": m.get_role_display(),
            "since": m.created_at,
            "url": m.initiative.get_absolute_url(),
        }
        for m in my_memberships(user)
    ]
    fields = (
        ("initiative", _("initiative")),
        ("role", _("role")),
        ("since", _("since")),
        ("url", _("address")),
    )
    return DataSection("memberships", _("Initiatives you speak for"), fields, rows)


def initiative_section(user) -> DataSection:
    initiatives = (
        my_initiatives(user)
        .select_related("kern")
        .prefetch_related("kinds", "offers", "wishes")
        .order_by("name")
    )
    rows = [
        {
            "name": i.name,
            "status": i.get_status_display(),
            "kern": name_of(i.kern),
            "kinds": names(i.kinds.all()),
            "description": i.description,
            "offers": names(i.offers.all()),
            "offers_text": i.offers_text,
            "wishes": names(i.wishes.all()),
            "wishes_text": i.wishes_text,
            "ideas": i.ideas,
            "website": i.website,
            "contact": i.contact,
            "contact_consent": i.contact_consent,
            "ownership": i.get_ownership_display() if i.ownership else "",
            "published_at": i.published_at,
            "location": point(i.location),
            "place_description": i.place_description,
            "url": i.get_absolute_url(),
        }
        for i in initiatives
    ]
    fields = (
        ("name", _("name")),
        ("status", _("status")),
        ("kern", _("village or district")),
        ("kinds", _("kinds")),
        ("description", _("description in your own words")),
        ("offers", _("what you can offer")),
        ("offers_text", _("what you can offer, in words")),
        ("wishes", _("what you wish for")),
        ("wishes_text", _("what you wish for, in words")),
        ("ideas", _("ideas in the attic")),
        ("website", _("website")),
        ("contact", _("contact")),
        ("contact_consent", _("contact details may be shown")),
        ("ownership", _("ownership")),
        ("published_at", _("on the public map since")),
        ("location", _("place on the map (longitude, latitude)")),
        ("place_description", _("place in your own words")),
        ("url", _("address")),
    )
    return DataSection("initiatives", _("Your initiatives"), fields, rows)


def join_request_section(user) -> DataSection:
    requests = (
        access.own_rows(user, JoinRequest)
        .select_related("initiative")
        .order_by("-created_at", "-pk")
    )
    rows = [
        {
            "initiative": r.initiative.name,
            "message": r.message,
            "status": r.get_status_display(),
            "created_at": r.created_at,
            "decided_at": r.decided_at,
        }
        for r in requests
    ]
    fields = (
        ("initiative", _("initiative")),
        ("message", _("how are you involved?")),
        ("status", _("status")),
        ("created_at", _("asked")),
        ("decided_at", _("decided")),
    )
    return DataSection("join_requests", _("Your requests to join"), fields, rows)


def invitation_section(user) -> DataSection:
    invitations = (
        access.rows_about(user, Invitation)
        .select_related("initiative")
        .order_by("-created_at", "-pk")
    )
    rows = [
        {
            "initiative": i.initiative.name,
            "email": i.email,
            "created_at": i.created_at,
            "accepted_at": i.accepted_at,
        }
        for i in invitations
    ]
    fields = (
        ("initiative", _("initiative")),
        ("email", _("email address")),
        ("created_at", _("invited")),
        ("accepted_at", _("accepted")),
    )
    return DataSection("invitations", _("Invitations to your address"), fields, rows)


CONSENT_LABELS = {
    ConsentKind.PUBLIC_MAP: _("on the public map"),
    ConsentKind.CONTACT: _("contact details may be shown"),
    ConsentKind.GIFT: _("your gift shown as crown jewel"),
    ConsentKind.EMAILS: _("email me about my initiatives"),
}


def consent_section(user) -> DataSection:
    rows = [
        {"consent": CONSENT_LABELS[c.kind], "about": c.subject, "url": c.url}
        for c in my_consents(user)
    ]
    fields = (("consent", _("consent")), ("about", _("about")), ("url", _("address")))
    return DataSection("consents", _("Your consents"), fields, rows)


HISTORY_TYPES = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


def history_section(user) -> DataSection:
    """The history entries of changes the person made: what, when and why, never the
    content of someone else's text."""
    rows = []
    for model in historical_models():
        if not any(f.name == "history_user" for f in model._meta.concrete_fields):
            continue
        original = model.instance_type._meta
        entries = access.own_changes(user, model).values(
            original.pk.attname, "history_date", "history_type", "history_change_reason"
        )
        rows += [
            {
                "what": str(original.verbose_name),
                "object_id": entry[original.pk.attname],
                "history_date": entry["history_date"],
                "change": HISTORY_TYPES.get(entry["history_type"], entry["history_type"]),
                "reason": entry["history_change_reason"] or "",
            }
            for entry in entries
        ]
    rows.sort(key=lambda row: row["history_date"])
    fields = (
        ("what", _("what")),
        ("object_id", _("number")),
        ("history_date", _("when")),
        ("change", _("change")),
        ("reason", _("why")),
    )
    return DataSection("history", _("Changes you made (history)"), fields, rows)
