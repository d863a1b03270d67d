"""A person's own data as /mijn/ shows it: how much they wrote, the initiatives they speak
for and the consents they can withdraw; the download's sections are in ``privacy.download``.

What Kompas holds about the signed-in person. Each read asks only for what the person
wrote, chose or is: never the words of others about them or their initiatives (an
internal note by staff stays with staff).
"""

from dataclasses import dataclass

from django.apps import apps

from connections.models import Connection
from conversations.models import Conversation
from initiatives.models import Initiative, JoinRequest, Membership, StaffNote
from jewels.models import Appreciation, CrownJewel
from kompas import access
from kompas.choices import GiftConsent, InitiativeStatus
from moderation.models import Report
from obstacles.models import Obstacle
from stories.models import Story


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
    return access.own_rows(user, Initiative)


def my_gifts(user):
    """Crown jewels that are this person's gift: their address is the one asked.

    A jewel keeps a person's address only while it is about them — a gift, or a former
    gift waiting for their answer or a staff member's look — so the address alone says so.
    """
    return access.rows_about(user, CrownJewel)


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
        "stories": access.own_rows(user, Story).count(),
        "obstacles": access.own_rows(user, Obstacle).count(),
        "appreciations": access.own_rows(user, Appreciation).count(),
        "jewels": access.own_rows(user, CrownJewel).count(),
        "conversations": access.own_rows(user, Conversation).count(),
        "staff_notes": access.own_rows(user, StaffNote).count(),
        "connections": access.own_rows(user, Connection).count(),
        "join_requests": access.own_rows(user, JoinRequest).count(),
        "reports": access.own_rows(user, Report).count(),
    }


def my_memberships(user):
    return (
        access.own_rows(user, Membership)
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
