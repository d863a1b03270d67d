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
