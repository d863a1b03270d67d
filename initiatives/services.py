"""Initiatives: put on the map in their own words, kept current by their members.

The consent rule lives here: only a member can put an initiative on the public map, and
the text of an initiative that has members is theirs alone to write.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.gis.geos import Point
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import OuterRef, Subquery, Value
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import User
from initiatives.models import (
    Initiative,
    InitiativeKind,
    Invitation,
    JoinRequest,
    JoinRequestStatus,
    Membership,
    MembershipRole,
    StaffNote,
    Tag,
)
from kompas import access
from kompas.changes import record_change
from kompas.choices import InitiativeStatus, Visibility
from kompas.emails import mail_context
from places.models import Kern

SLUG_MAX_LENGTH = 180
# Paths under /initiatieven/ that are pages of their own, never an initiative's address.
RESERVED_SLUGS = frozenset({"nieuw", "uitnodiging"})


@dataclass
class InitiativeData:
    """What a person wrote about an initiative, as a form cleaned it."""

    name: str
    kern: Kern | None = None
    location: Point | None = None
    place_description: str = ""
    description: str = ""
    kinds: list[str] = field(default_factory=list)
    offers: list[str] = field(default_factory=list)
    offers_text: str = ""
    wishes: list[str] = field(default_factory=list)
    wishes_text: str = ""
    ideas: str = ""
    ownership: int | None = None
    website: str = ""
    contact: str = ""
    contact_consent: bool = False

    TEXT_FIELDS = (
        "name",
        "kern",
        "location",
        "place_description",
        "description",
        "offers_text",
        "wishes_text",
        "ideas",
        "ownership",
        "website",
        "contact",
        "contact_consent",
    )

    @classmethod
    def from_form(cls, cleaned_data: dict) -> InitiativeData:
        names = {name for name in cls.__dataclass_fields__ if name in cleaned_data}
        return cls(**{name: cleaned_data[name] for name in names})


# --- Vocabulary -------------------------------------------------------------------------


def terms(model: type[InitiativeKind] | type[Tag], names: Iterable[str]) -> list:
    """The vocabulary terms with these names, adding the ones nobody used before.

    Matching ignores case, so "broodfonds" finds "Broodfonds".
    """
    found = []
    for raw in names:
        name = " ".join(raw.split())[:80]
        if not name:
            continue
        term = (
            model.objects.filter(name__iexact=name).first()
            or model.objects.filter(slug=slugify(name)[:90]).first()
        )
        if term is None:
            term = model.objects.create(name=name, slug=_unique_slug(model, name, 90))
        if term not in found:
            found.append(term)
    return found


@transaction.atomic
def unique_initiative_slug(name: str) -> str:
    """A slug for a new initiative that no other initiative and no page of its own uses."""
    return _unique_slug(Initiative, name, SLUG_MAX_LENGTH, reserved=RESERVED_SLUGS)


def _unique_slug(model, name: str, max_length: int, reserved: Iterable[str] = ()) -> str:
    base = slugify(name)[: max_length - 4] or "x"
    slug, number = base, 2
    while slug in reserved or model.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


# --- Writing ----------------------------------------------------------------------------


@transaction.atomic
def create_initiative(author: User, data: InitiativeData, *, status: str) -> Initiative:
    """Put a new initiative in Kompas.

    A resident (or any non-staff author) becomes its first member and chooses whether to be
    on the public map now. Staff enter an initiative they heard of as a ``tip`` or ``known``:
    its text is marked as written by the municipality, and it has no members yet.
    """
    if status not in access.creation_statuses(author):
        raise PermissionDenied(_("This status cannot be chosen here."))
    entered_by_staff = access.enters_initiative_for_municipality(author)
    initiative = Initiative(
        slug=unique_initiative_slug(data.name),
        status=status,
        created_by=author,
        description_by_municipality=entered_by_staff,
    )
    _apply(initiative, data)
    if status == InitiativeStatus.PUBLIC:
        initiative.published_at, initiative.published_by = timezone.now(), author
    _save_with_terms(initiative, data, author, _("Put on the map"))
    # Recorded by the second save, the one change so far is in fact the creation.
    initiative.history.update(history_type="+")
    if not entered_by_staff:
        Membership.objects.create(initiative=initiative, user=author, role=MembershipRole.INITIATOR)
    refresh_search(initiative)
    return initiative


@transaction.atomic
def update_initiative(initiative: Initiative, editor: User, data: InitiativeData) -> Initiative:
    """Save what a member (or staff, while there are no members) changed."""
    if not access.can_edit_initiative(editor, initiative):
        raise PermissionDenied(_("Only the initiative itself can change its own text."))
    if access.is_member(editor, initiative):
        # From now on the initiative speaks for itself.
        initiative.description_by_municipality = False
    _apply(initiative, data)
    _save_with_terms(initiative, data, editor, _("Changed"))
    refresh_search(initiative)
    return initiative


def _save_with_terms(initiative: Initiative, data: InitiativeData, user: User, reason: str):
    """Save the fields and the kinds, offers and wishes as ONE change in the history.

    Each change of a many-to-many field would otherwise be a history entry of its own; the
    fields and terms are saved quietly first, then recorded together.
    """
    initiative.skip_history_when_saving = True
    try:
        _save(initiative, user, reason)
        _apply_terms(initiative, data)
    finally:
        del initiative.skip_history_when_saving
    _save(initiative, user, reason)


def _apply(initiative: Initiative, data: InitiativeData) -> None:
    for name in InitiativeData.TEXT_FIELDS:
        setattr(initiative, name, getattr(data, name))


def _apply_terms(initiative: Initiative, data: InitiativeData) -> None:
    initiative.kinds.set(terms(InitiativeKind, data.kinds))
    initiative.offers.set(terms(Tag, data.offers))
    initiative.wishes.set(terms(Tag, data.wishes))


@transaction.atomic
def set_status(initiative: Initiative, user: User, status: str) -> Initiative:
    """Change the status. Going on the public map is the members' choice alone; staff may
    mark an initiative nobody speaks for yet as met (``known``), a ``tip`` or ``ended``."""
    if status == initiative.status:
        return initiative
    if not access.can_set_status(user, initiative, status):
        if status == InitiativeStatus.PUBLIC:
            raise PermissionDenied(_("Only a member can put an initiative on the public map."))
        raise PermissionDenied(_("You cannot change the status of this initiative."))
    if status == InitiativeStatus.PUBLIC:
        initiative.published_at, initiative.published_by = timezone.now(), user
    initiative.status = status
    _save(initiative, user, _status_reason(initiative))
    return initiative


def _status_reason(initiative: Initiative) -> str:
    return _("Status: %(status)s") % {"status": initiative.get_status_display()}


def _save(initiative: Initiative, user: User | None, reason: str) -> None:
    """Save with a reason in the history. The search vector is left alone: only
    ``refresh_search`` writes it, and an object in memory may hold a stale one."""
    record_change(initiative, by=user, reason=reason)
    fields = [
        field.name
        for field in Initiative._meta.concrete_fields
        if not field.primary_key and field.name != "search_vector"
    ]
    initiative.save(update_fields=fields if initiative.pk else None)


def search_document(initiative: Initiative) -> tuple[str, str]:
    """The words an initiative is found by: its name, and everything else it says."""
    words = [
        *initiative.kinds.values_list("name", flat=True),
        initiative.description,
        *initiative.offers.values_list("name", flat=True),
        initiative.offers_text,
        *initiative.wishes.values_list("name", flat=True),
        initiative.wishes_text,
        initiative.ideas,
    ]
    return initiative.name, " ".join(word for word in words if word)


def refresh_search(initiatives: Initiative | Iterable[Initiative]) -> None:
    """Store the Dutch search vector (PostgreSQL); SQLite searches the words directly."""
    if connection.vendor != "postgresql":
        return
    if isinstance(initiatives, Initiative):
        initiatives = [initiatives]
    for initiative in initiatives:
        name, rest = search_document(initiative)
        Initiative.objects.filter(pk=initiative.pk).update(
            search_vector=SearchVector(Value(name), weight="A", config="dutch")
            + SearchVector(Value(rest), weight="B", config="dutch")
        )


def _term_names(model, related_name: str) -> Subquery:
    """The names of one initiative's terms of ``model``, in name order, as one string."""
    return Subquery(
        model.objects.filter(**{related_name: OuterRef("pk")})
        .order_by()
        .values(related_name)
        .annotate(names=StringAgg("name", " ", order_by="name"))
        .values("names")
    )


def refresh_search_in_bulk(queryset) -> int:
    """Store the search vector of every initiative in ``queryset`` in one UPDATE.

    The same vector as ``refresh_search`` (the name weighs A, ``search_document``'s other
    words B), computed by PostgreSQL itself: for thousands of rows at once, such as the
    large demo. Returns how many rows were updated; SQLite stores nothing.
    """
    if connection.vendor != "postgresql":
        return 0
    return queryset.update(
        search_vector=SearchVector("name", weight="A", config="dutch")
        + SearchVector(
            _term_names(InitiativeKind, "initiatives"),
            "description",
            _term_names(Tag, "offered_by"),
            "offers_text",
            _term_names(Tag, "wished_by"),
            "wishes_text",
            "ideas",
            weight="B",
            config="dutch",
        )
    )


# --- Notes beside the text --------------------------------------------------------------


def add_staff_note(initiative: Initiative, author: User, text: str, visibility: str) -> StaffNote:
    """A note beside the initiative's own text, shared with it or kept internal."""
    if not access.can_write_staff_note(author):
        raise PermissionDenied(_("Only staff write notes beside an initiative."))
    if visibility not in (Visibility.SHARED, Visibility.INTERNAL):
        raise PermissionDenied(_("A note is shared with the initiative or kept internal."))
    return StaffNote.objects.create(
        initiative=initiative, author=author, text=text, visibility=visibility
    )


# --- Members ----------------------------------------------------------------------------


@transaction.atomic
def invite_member(
    initiative: Initiative, inviter: User, email: str, accept_url: Callable[[Invitation], str]
) -> Invitation:
    """A member invites a co-member by email; the link in the mail makes them a member."""
    if not access.can_invite_members(inviter, initiative):
        raise PermissionDenied(_("Only members can invite co-members."))
    email = email.strip().lower()
    invitation = Invitation.objects.create(initiative=initiative, email=email, invited_by=inviter)
    send_mail(
        _("Join %(initiative)s on Kompas") % {"initiative": initiative.name},
        render_to_string(
            "initiatives/email/invitation.txt",
            mail_context()
            | {
                "inviter": str(inviter),
                "initiative": initiative.name,
                "url": accept_url(invitation),
            },
        ),
        None,
        [email],
    )
    return invitation


@transaction.atomic
def accept_invitation(invitation: Invitation, user: User) -> Membership:
    """The invited person, signed in with the invited address, becomes a member."""
    if not access.can_accept_invitation(user, invitation):
        raise PermissionDenied(_("This invitation is not for this account."))
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return _add_member(invitation.initiative, user, by=invitation.invited_by)


@transaction.atomic
def request_to_join(initiative: Initiative, user: User, message: str) -> JoinRequest:
    """A resident asks to speak for an initiative staff entered; staff decide."""
    if access.is_member(user, initiative):
        raise PermissionDenied(_("You are already a member."))
    if not access.can_ask_to_join(user, initiative):
        raise PermissionDenied(_("You cannot ask to join this initiative."))
    existing = JoinRequest.objects.filter(
        initiative=initiative, user=user, status=JoinRequestStatus.PENDING
    ).first()
    if existing:
        return existing
    return JoinRequest.objects.create(initiative=initiative, user=user, message=message)


@transaction.atomic
def decide_join_request(request: JoinRequest, staff: User, *, accept: bool) -> JoinRequest:
    if not access.can_decide_join_requests(staff):
        raise PermissionDenied(_("Staff decide on requests to join."))
    if request.status != JoinRequestStatus.PENDING:
        raise PermissionDenied(_("This request to join has already been answered."))
    request.status = JoinRequestStatus.ACCEPTED if accept else JoinRequestStatus.DECLINED
    request.decided_by, request.decided_at = staff, timezone.now()
    request.save()
    if accept:
        _add_member(request.initiative, request.user, by=staff)
    return request


def _add_member(initiative: Initiative, user: User, *, by: User | None) -> Membership:
    """Make ``user`` a member. A tip whose first member arrives has been met: it is known."""
    membership, _created = Membership.objects.get_or_create(initiative=initiative, user=user)
    if initiative.status == InitiativeStatus.TIP:
        initiative.status = InitiativeStatus.KNOWN
        _save(initiative, by, _status_reason(initiative))
    return membership
