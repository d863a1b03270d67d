"""Crown jewels: nominating, keeping a nomination up to date, a person's consent to
their gift, appreciation in words, and reports that hide something until a moderator
looks."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.gis.geos import Point
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from initiatives.models import Initiative
from initiatives.services import _unique_slug
from jewels.models import Appreciation, CrownJewel, JewelCategory, SignedAs
from jewels.tasks import ask_for_gift_consent
from kompas import access
from kompas.changes import record_change
from kompas.choices import GiftConsent
from kompas.photos import prepare_photo
from moderation.models import Report
from places.models import Kern
from privacy.retention.gifts import forget_person_in_jewel_history

SLUG_MAX_LENGTH = 180
# Paths below /kroonjuwelen/ that are pages of their own.
RESERVED_SLUGS = frozenset({"nieuw", "toestemming", "waarderingen"})
# Consent that a nominator's edit cannot undo: the person said no.
REFUSALS = (GiftConsent.REFUSED, GiftConsent.WITHDRAWN)


@dataclass
class JewelData:
    """What a nomination says. ``photo`` is an uploaded file, or one a form already
    prepared (``services.prepare_photo``); ``remove_photo`` drops the current one."""

    name: str
    category: JewelCategory
    why: str
    description: str = ""
    kern: Kern | None = None
    location: Point | None = None
    photo: object | None = None
    photo_description: str = ""
    remove_photo: bool = False
    caretakers: Iterable[Initiative] = field(default_factory=list)
    person_email: str = ""

    TEXT_FIELDS = ("name", "category", "why", "description", "kern", "location")

    @classmethod
    def from_form(cls, cleaned_data: dict) -> JewelData:
        names = cls.__dataclass_fields__
        return cls(**{name: value for name, value in cleaned_data.items() if name in names})


@transaction.atomic
def nominate_jewel(nominator: User, data: JewelData) -> CrownJewel:
    """Put a crown jewel in the registry. A person's gift waits for that person's yes:
    they get an email with a link to agree or refuse."""
    if not access.can_nominate_jewel(nominator):
        raise PermissionDenied(_("Sign in as a resident or staff member to nominate."))
    jewel = CrownJewel(
        slug=_unique_slug(CrownJewel, data.name, SLUG_MAX_LENGTH, reserved=RESERVED_SLUGS),
        nominated_by=nominator,
    )
    _apply(jewel, data)
    asking = _settle_consent(jewel, data, previous_email="")
    # Saved quietly first, since the caretakers need the row; then recorded once, with
    # them, as the creation (each change of a many-to-many field would be an entry).
    jewel.skip_history_when_saving = True
    try:
        _save(jewel, nominator, _("Nominated"))
        jewel.caretakers.set(data.caretakers)
    finally:
        del jewel.skip_history_when_saving
    _save(jewel, nominator, _("Nominated"))
    jewel.history.update(history_type="+")
    if asking:
        ask_for_gift_consent.enqueue(jewel.pk)
    return jewel


@transaction.atomic
def update_jewel(jewel: CrownJewel, editor: User, data: JewelData) -> CrownJewel:
    """Save what the nominator (or staff) changed, as one change in the history."""
    if not access.can_edit_jewel(editor, jewel):
        raise PermissionDenied(_("Only the nominator and staff can change this crown jewel."))
    previous_email = jewel.person_email
    _apply(jewel, data)
    asking = _settle_consent(jewel, data, previous_email=previous_email)
    jewel.skip_history_when_saving = True
    try:
        jewel.caretakers.set(data.caretakers)
    finally:
        del jewel.skip_history_when_saving
    _save(jewel, editor, _("Changed"))
    if asking:
        ask_for_gift_consent.enqueue(jewel.pk)
    return jewel


def _apply(jewel: CrownJewel, data: JewelData) -> None:
    for name in JewelData.TEXT_FIELDS:
        setattr(jewel, name, getattr(data, name))
    if data.photo is not None:
        jewel.photo = prepare_photo(data.photo)
        jewel.photo_description = data.photo_description
    elif data.remove_photo:
        jewel.photo = ""
        jewel.photo_description = ""
    else:
        jewel.photo_description = data.photo_description


def _settle_consent(jewel: CrownJewel, data: JewelData, previous_email: str) -> bool:
    """Whether the person must be asked (again). A gift needs the person's address; a
    refusal stands whatever the nominator changes.

    A gift moved to another category before its person answered stays asked, with the
    person's address and link: its text may still describe them, so it is shown only once
    they agree or staff have looked at it (``release_former_gift``)."""
    if not jewel.category.needs_consent:
        if jewel.consent in REFUSALS:
            raise ValidationError(
                _("The person concerned said no. This nomination stays a person's gift.")
            )
        if jewel.consent != GiftConsent.ASKED:
            _no_longer_a_gift(jewel)
        return False
    email = (data.person_email or "").strip().lower()
    if not email:
        raise ValidationError(
            _("A person's gift is shown only when that person agrees: give their email address.")
        )
    if email == previous_email and jewel.consent != GiftConsent.NOT_NEEDED:
        return False
    jewel.person_email = email
    jewel.consent = GiftConsent.ASKED
    jewel.consent_token = secrets.token_urlsafe(32)
    jewel.consent_answered_at = None
    return True


def _no_longer_a_gift(jewel: CrownJewel) -> None:
    """The jewel is no person's gift (any more): nobody's consent, address or link."""
    jewel.consent, jewel.person_email, jewel.consent_token = GiftConsent.NOT_NEEDED, "", ""


@transaction.atomic
def release_former_gift(jewel: CrownJewel, staff: User) -> CrownJewel:
    """A staff member looked at a gift that moved to another category before its person
    answered, and shows it to everyone. The history records who and when; the person's
    address and link are forgotten."""
    # Locked, so that the person's answer and a release at the same moment take turns.
    jewel = CrownJewel._base_manager.select_for_update().get(pk=jewel.pk)
    if not access.can_release_former_gift(staff, jewel):
        raise PermissionDenied(
            _("Only staff release a former gift, and only while it waits for a look.")
        )
    _no_longer_a_gift(jewel)
    _save(jewel, staff, _("Looked at by staff: no longer a person's gift"))
    return jewel


@transaction.atomic
def answer_gift_consent(jewel: CrownJewel, *, agree: bool) -> CrownJewel:
    """The person answers through the link in their email: yes, no, or (after a yes) no
    longer. Hidden again at once when they withdraw."""
    if jewel.consent == GiftConsent.NOT_NEEDED:
        # Also a former gift still asked may be answered: the person keeps their link.
        raise PermissionDenied(_("This crown jewel does not ask for anyone's consent."))
    if agree:
        consent, reason = GiftConsent.GIVEN, _("The person agreed")
    elif jewel.consent in (GiftConsent.GIVEN, GiftConsent.WITHDRAWN):
        consent, reason = GiftConsent.WITHDRAWN, _("The person withdrew their consent")
    else:
        consent, reason = GiftConsent.REFUSED, _("The person said no")
    if consent == jewel.consent:
        return jewel  # the same answer again (a second click) changes nothing
    jewel.consent = consent
    jewel.consent_answered_at = timezone.now()
    _save(jewel, None, reason)
    return jewel


def jewel_for_consent_token(token: str) -> CrownJewel | None:
    """The nomination a consent link is about; the token is the person's key."""
    return (
        access.gift_for_its_person(CrownJewel, token)
        .select_related("category", "kern", "nominated_by")
        .first()
    )


def _save(jewel: CrownJewel, user: User | None, reason: str) -> None:
    record_change(jewel, by=user, reason=reason)
    jewel.save()
    # An address the jewel no longer holds, or one the person said no to, leaves the history.
    forget_person_in_jewel_history(jewel)


# --- Appreciation -----------------------------------------------------------------------

APPRECIATION_MAX_LENGTH = 1_000


@transaction.atomic
def appreciate_jewel(
    jewel: CrownJewel, author: User, text: str, *, signed_as: str, author_kern: Kern | None
) -> Appreciation:
    """Add a few words on what the jewel means to the author."""
    if jewel.hidden_at is not None:
        raise ValidationError(
            _(
                "This crown jewel is hidden for now, because several people reported it. "
                "Appreciations are possible again once a moderator has looked at it."
            )
        )
    if not access.can_appreciate(author, jewel):
        raise PermissionDenied(_("Sign in to add your appreciation."))
    text = text.strip()
    if not text:
        raise ValidationError(_("Write a few words on what it means to you."))
    appreciation = Appreciation(
        jewel=jewel,
        author=author,
        text=text,
        signed_as=signed_as if signed_as in SignedAs.values else SignedAs.KERN,
        author_kern=author_kern,
    )
    record_change(appreciation, by=author)
    appreciation.save()
    return appreciation


# --- Reports ----------------------------------------------------------------------------


@transaction.atomic
def report(obj: CrownJewel | Appreciation, *, reporter_key: str, user: User | None, reason=""):
    """Record that someone finds ``obj`` inappropriate; one report per person per thing.
    Enough reports hide it until a moderator looks. Returns whether this report is new."""
    if not access.can_report(user, obj):
        raise PermissionDenied(_("This can no longer be reported."))
    content_type = ContentType.objects.get_for_model(obj)
    try:
        with transaction.atomic():
            Report.objects.create(
                content_type=content_type,
                object_id=obj.pk,
                reporter_key=reporter_key,
                reporter=access.signed_in_person(user),
                reason=reason.strip(),
            )
    except IntegrityError:
        return False
    open_reports = Report.objects.filter(
        content_type=content_type, object_id=obj.pk, handled_at__isnull=True
    ).count()
    if open_reports >= settings.KOMPAS_REPORTS_BEFORE_HIDING:
        obj.hidden_at = timezone.now()
        record_change(obj, by=None, reason=_("Hidden after reports"))
        obj.save()
    return True
