"""A person's own data, for /mijn/ and its download.

What Kompas holds about the signed-in person. Each read asks only for what the person
wrote, chose or is: never the words of others about them or their initiatives (an
internal note by staff stays with staff).
"""

from dataclasses import dataclass

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from connections.models import Connection
from conversations.models import Conversation
from conversations.selectors import CONVERSATION_ORDER
from initiatives.models import Initiative, Invitation, JoinRequest, Membership, StaffNote
from jewels.models import Appreciation, CrownJewel
from kompas.choices import GiftConsent, InitiativeStatus
from moderation.models import Report
from obstacles.models import Obstacle
from stories.models import Story
from stories.selectors import STORY_ORDER


class ConsentKind:
    """The consents a person can withdraw on /mijn/ (the values are URL parts)."""

    PUBLIC_MAP = "kaart"
    CONTACT = "contact"
    GIFT = "gave"
    EMAILS = "meldingen"


@dataclass(frozen=True)
class Consent:
    """One consent the person gave: what it is about (an initiative, a crown jewel, or
    nothing for the emails) and the page of that thing."""

    kind: str
    pk: int | None = None
    subject: str = ""
    url: str = ""


def my_initiatives(user):
    """The initiatives the person is a member of."""
    return Initiative.objects.filter(memberships__user=user).distinct()


def my_gifts(user):
    """Crown jewels that are this person's gift: their address is the one asked.

    A jewel keeps a person's address only while it is about them — a gift, or a former
    gift waiting for their answer or a staff member's look — so the address alone says so.
    """
    if not user.email:
        return CrownJewel.objects.none()
    return CrownJewel.objects.filter(person_email__iexact=user.email)


def my_consents(user) -> list[Consent]:
    """Every consent the person has given and can withdraw now, in a fixed order."""
    initiatives = list(
        my_initiatives(user)
        .only("pk", "name", "slug", "status", "contact_consent")
        .order_by("name")
    )
    consents = [
        Consent(ConsentKind.PUBLIC_MAP, i.pk, i.name, i.get_absolute_url())
        for i in initiatives
        if i.status == InitiativeStatus.PUBLIC
    ]
    consents += [
        Consent(ConsentKind.CONTACT, i.pk, i.name, i.get_absolute_url())
        for i in initiatives
        if i.contact_consent
    ]
    consents += [
        Consent(ConsentKind.GIFT, jewel.pk, jewel.name, jewel.get_absolute_url())
        for jewel in my_gifts(user).filter(consent=GiftConsent.GIVEN).order_by("name")
    ]
    if user.notify_by_email:
        consents.append(Consent(ConsentKind.EMAILS))
    return consents


def my_summary(user) -> dict[str, int]:
    """How much of what the person wrote Kompas holds, per kind: counts only."""
    return {
        "stories": Story.objects.filter(author=user).count(),
        "obstacles": Obstacle.objects.filter(reported_by=user).count(),
        "appreciations": Appreciation.objects.filter(author=user).count(),
        "jewels": CrownJewel.objects.filter(nominated_by=user).count(),
        "conversations": Conversation.objects.filter(author=user).count(),
        "staff_notes": StaffNote.objects.filter(author=user).count(),
        "connections": Connection.objects.filter(made_by=user).count(),
        "join_requests": JoinRequest.objects.filter(user=user).count(),
        "reports": Report.objects.filter(reporter=user).count(),
    }


def my_memberships(user):
    return (
        Membership.objects.filter(user=user)
        .select_related("initiative__kern")
        .order_by("initiative__name")
    )


def historical_models() -> list:
    """Every history table (django-simple-history), found from the model registry so that
    a model given a history later is covered too."""
    return [
        model
        for model in apps.get_models()
        if any(f.name in ("history_id", "m2m_history_id") for f in model._meta.concrete_fields)
    ]


@dataclass
class DataSection:
    """One concept of what Kompas holds about a person: its key in the JSON file, a
    heading and field labels for the readable page, and the rows (one for the account)."""

    key: str
    title: str
    fields: tuple[tuple[str, str], ...]
    rows: list[dict]
    single: bool = False


def _names(objects) -> list[str]:
    return [str(obj) for obj in objects]


def _point(location) -> list[float] | None:
    return [location.x, location.y] if location else None


def _name_of(obj) -> str:
    return obj.name if obj is not None else ""


def _account_section(user) -> DataSection:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    addresses = EmailAddress.objects.filter(user=user).order_by("email")
    authenticators = Authenticator.objects.filter(user=user).order_by("type")
    row = {
        "email": user.email,
        "name": user.name,
        "role": user.get_role_display(),
        "department": _name_of(user.department),
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


def _membership_section(user) -> DataSection:
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


def _initiative_section(user) -> DataSection:
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
            "kern": _name_of(i.kern),
            "kinds": _names(i.kinds.all()),
            "description": i.description,
            "offers": _names(i.offers.all()),
            "offers_text": i.offers_text,
            "wishes": _names(i.wishes.all()),
            "wishes_text": i.wishes_text,
            "ideas": i.ideas,
            "website": i.website,
            "contact": i.contact,
            "contact_consent": i.contact_consent,
            "ownership": i.get_ownership_display() if i.ownership else "",
            "published_at": i.published_at,
            "location": _point(i.location),
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


def _story_section(user) -> DataSection:
    stories = (
        Story.objects.filter(author=user)
        .select_related("initiative")
        .prefetch_related("photos")
        .order_by(*STORY_ORDER)
    )
    rows = [
        {
            "initiative": s.initiative.name,
            "title": s.title,
            "text": s.text,
            "date": s.date,
            "visibility": s.get_visibility_display(),
            "photos": [p.description or p.photo.name for p in s.photos.all()],
            "url": s.get_absolute_url(),
        }
        for s in stories
    ]
    fields = (
        ("initiative", _("initiative")),
        ("title", _("title")),
        ("text", _("story")),
        ("date", _("date")),
        ("visibility", _("who may read this")),
        ("photos", _("photos")),
        ("url", _("address")),
    )
    return DataSection("stories", _("Stories you wrote"), fields, rows)


def _obstacle_section(user) -> DataSection:
    obstacles = (
        Obstacle.objects.filter(reported_by=user)
        .select_related("initiative", "category", "department")
        .order_by("-happened_on", "-pk")
    )
    rows = [
        {
            "initiative": o.initiative.name,
            "what_happened": o.what_happened,
            "category": o.category.name,
            "department": _name_of(o.department),
            "organisation": o.organisation,
            "happened_on": o.happened_on,
            "visibility": o.get_visibility_display(),
            "status": o.get_status_display(),
            "answer": o.answer,
            "url": o.get_absolute_url(),
        }
        for o in obstacles
    ]
    fields = (
        ("initiative", _("initiative")),
        ("what_happened", _("what happened")),
        ("category", _("what they heard")),
        ("department", _("department or organisation")),
        ("organisation", _("other organisation")),
        ("happened_on", _("when")),
        ("visibility", _("who may read this")),
        ("status", _("status")),
        ("answer", _("the municipality's answer")),
        ("url", _("address")),
    )
    return DataSection("obstacles", _("Obstacles you reported"), fields, rows)


def _appreciation_section(user) -> DataSection:
    appreciations = (
        Appreciation.objects.filter(author=user)
        .select_related("jewel", "author_kern")
        .order_by("created_at", "pk")
    )
    rows = [
        {
            "jewel": a.jewel.name,
            "text": a.text,
            "signed_as": a.get_signed_as_display(),
            "author_kern": _name_of(a.author_kern),
            "created_at": a.created_at,
            "url": a.jewel.get_absolute_url(),
        }
        for a in appreciations
    ]
    fields = (
        ("jewel", _("crown jewel")),
        ("text", _("what it means to you")),
        ("signed_as", _("shown as")),
        ("author_kern", _("where you live")),
        ("created_at", _("written")),
        ("url", _("address")),
    )
    return DataSection("appreciations", _("Your appreciations"), fields, rows)


def _jewel_rows(jewels) -> list[dict]:
    return [
        {
            "name": j.name,
            "category": j.category.name,
            "description": j.description,
            "why": j.why,
            "kern": _name_of(j.kern),
            "location": _point(j.location),
            "consent": j.get_consent_display(),
            "created_at": j.created_at,
            "url": j.get_absolute_url(),
        }
        for j in jewels.select_related("category", "kern").order_by("name")
    ]


def _jewel_fields(consent_label) -> tuple:
    return (
        ("name", _("name")),
        ("category", _("category")),
        ("description", _("description")),
        ("why", _("why it matters")),
        ("kern", _("village or district")),
        ("location", _("place on the map (longitude, latitude)")),
        ("consent", consent_label),
        ("created_at", _("nominated")),
        ("url", _("address")),
    )


def _jewel_section(user) -> DataSection:
    # The address of a person whose gift was nominated is that person's, not the nominator's.
    rows = _jewel_rows(CrownJewel.objects.filter(nominated_by=user))
    fields = _jewel_fields(_("consent of the person"))
    return DataSection("crown_jewels", _("Crown jewels you nominated"), fields, rows)


def _gift_section(user) -> DataSection:
    """Crown jewels about this person: the gifts others nominated, whatever the answer."""
    rows = _jewel_rows(my_gifts(user))
    return DataSection("gifts", _("Crown jewels about you"), _jewel_fields(_("your answer")), rows)


def _conversation_section(user) -> DataSection:
    conversations = (
        Conversation.objects.filter(author=user)
        .select_related("department", "kern")
        .prefetch_related("initiatives")
        .order_by(*CONVERSATION_ORDER)
    )
    rows = [
        {
            "date": c.date,
            "department": _name_of(c.department),
            "initiatives": _names(c.initiatives.all()),
            "kern": _name_of(c.kern),
            "place": c.place,
            "with_whom": c.with_whom,
            "learned": c.learned,
            "ideas": c.ideas,
            "talents": c.talents,
            "to_connect": c.to_connect,
            "visibility": c.get_visibility_display(),
            "url": c.get_absolute_url(),
        }
        for c in conversations
    ]
    fields = (
        ("date", _("date")),
        ("department", _("department")),
        ("initiatives", _("initiatives")),
        ("kern", _("village or district")),
        ("place", _("where")),
        ("with_whom", _("with whom")),
        ("learned", _("what I learned")),
        ("ideas", _("ideas in the attic")),
        ("talents", _("talents and energy I noticed")),
        ("to_connect", _("what could be connected")),
        ("visibility", _("who may read this")),
        ("url", _("address")),
    )
    return DataSection("conversations", _("Conversations you wrote down"), fields, rows)


def _staff_note_section(user) -> DataSection:
    notes = (
        StaffNote.objects.filter(author=user)
        .select_related("initiative", "story")
        .order_by("-created_at", "-pk")
    )
    rows = [
        {
            "initiative": n.initiative.name,
            "reaction_to": n.story.title if n.story else "",
            "text": n.text,
            "visibility": n.get_visibility_display(),
            "created_at": n.created_at,
        }
        for n in notes
    ]
    fields = (
        ("initiative", _("initiative")),
        ("reaction_to", _("reaction to")),
        ("text", _("note")),
        ("visibility", _("who may read this")),
        ("created_at", _("written")),
    )
    return DataSection("staff_notes", _("Notes you wrote"), fields, rows)


def _connection_section(user) -> DataSection:
    connections = (
        Connection.objects.filter(made_by=user)
        .select_related("first", "second", "jewel")
        .order_by("-created_at", "-pk")
    )
    rows = [
        {
            "first": c.first.name,
            "partner": c.partner.name,
            "reasons": c.reasons,
            "note": c.note,
            "status": c.get_status_display(),
            "how_it_went": c.how_it_went,
            "created_at": c.created_at,
        }
        for c in connections
    ]
    fields = (
        ("first", _("initiative")),
        ("partner", _("connected with")),
        ("reasons", _("why")),
        ("note", _("why these two")),
        ("status", _("status")),
        ("how_it_went", _("how did it go?")),
        ("created_at", _("proposed")),
    )
    return DataSection("connections", _("Connections you proposed"), fields, rows)


def _join_request_section(user) -> DataSection:
    requests = (
        JoinRequest.objects.filter(user=user)
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


def _invitation_section(user) -> DataSection:
    invitations = (
        Invitation.objects.filter(email__iexact=user.email)
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


def _report_section(user) -> DataSection:
    reports = (
        Report.objects.filter(reporter=user)
        .select_related("content_type")
        .order_by("-created_at", "-pk")
    )
    rows = [
        {
            "what": str(r.content_type.model_class()._meta.verbose_name)
            if r.content_type.model_class()
            else r.content_type.model,
            "reason": r.reason,
            "created_at": r.created_at,
            "decision": r.get_decision_display() if r.decision else "",
        }
        for r in reports
    ]
    fields = (
        ("what", _("what you reported")),
        ("reason", _("what is not right about it?")),
        ("created_at", _("reported")),
        ("decision", _("decision")),
    )
    return DataSection("reports", _("Your reports"), fields, rows)


CONSENT_LABELS = {
    ConsentKind.PUBLIC_MAP: _("on the public map"),
    ConsentKind.CONTACT: _("contact details may be shown"),
    ConsentKind.GIFT: _("your gift shown as crown jewel"),
    ConsentKind.EMAILS: _("email me about my initiatives"),
}


def _consent_section(user) -> DataSection:
    rows = [
        {"consent": CONSENT_LABELS[c.kind], "about": c.subject, "url": c.url}
        for c in my_consents(user)
    ]
    fields = (("consent", _("consent")), ("about", _("about")), ("url", _("address")))
    return DataSection("consents", _("Your consents"), fields, rows)


HISTORY_TYPES = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


def _history_section(user) -> DataSection:
    """The history entries of changes the person made: what, when and why, never the
    content of someone else's text."""
    rows = []
    for model in historical_models():
        if not any(f.name == "history_user" for f in model._meta.concrete_fields):
            continue
        original = model.instance_type._meta
        entries = model.objects.filter(history_user=user).values(
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


def personal_data(user) -> list[DataSection]:
    """Everything Kompas holds about ``user``, one section per concept, for the
    download on /mijn/. Only what the person is, chose, wrote or changed."""
    return [
        _account_section(user),
        _membership_section(user),
        _initiative_section(user),
        _story_section(user),
        _obstacle_section(user),
        _appreciation_section(user),
        _jewel_section(user),
        _gift_section(user),
        _conversation_section(user),
        _staff_note_section(user),
        _connection_section(user),
        _join_request_section(user),
        _invitation_section(user),
        _report_section(user),
        _consent_section(user),
        _history_section(user),
    ]
