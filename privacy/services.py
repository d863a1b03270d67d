"""People's rights under the AVG, without a form to file: a download of everything Kompas
holds about a person, withdrawing a consent at once, and removing one's account.

What someone wrote for an initiative stays with the initiative when they leave, but no
longer names them; their history entries are anonymised the same way.
"""

from __future__ import annotations

import io
import json
import re
import zipfile

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import end_sessions, set_email_notifications
from initiatives.models import Initiative, Invitation, JoinRequest, Membership
from initiatives.services import set_status
from jewels.models import Appreciation, CrownJewel, SignedAs
from jewels.services import answer_gift_consent
from kompas import access
from kompas.changes import record_change
from kompas.choices import GiftConsent, InitiativeStatus
from moderation.models import Report
from privacy import my_data
from privacy.audit import neutral_name
from privacy.download.contents import personal_data
from privacy.download.section import DataSection
from privacy.my_data import ConsentKind

EXPORT_JSON = "gegevens.json"
EXPORT_HTML = "gegevens.html"

# --- Download ---------------------------------------------------------------------------


def personal_data_json(sections: list[DataSection], exported_at) -> str:
    """The sections as one JSON document: dates in ISO 8601, text as UTF-8."""
    document = {"exported_at": exported_at, "site": "Kompas " + settings.KOMPAS_MUNICIPALITY_NAME}
    for section in sections:
        document[section.key] = section.rows[0] if section.single else section.rows
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def _readable(value) -> str:
    """A value as a person reads it on the page (the template escapes it)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list | tuple):
        return ", ".join(_readable(item) for item in value)
    if hasattr(value, "tzinfo"):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if hasattr(value, "isoformat"):
        return formats.date_format(value, "DATE_FORMAT")
    return str(value)


def personal_data_html(user: User, sections: list[DataSection], exported_at) -> str:
    """The same sections as one readable page that needs nothing from elsewhere."""
    readable = [
        {
            "title": section.title,
            "rows": [
                [(label, _readable(row.get(key))) for key, label in section.fields]
                for row in section.rows
            ],
        }
        for section in sections
    ]
    return render_to_string(
        "privacy/export.html",
        {
            "user": user,
            "sections": readable,
            "exported_at": exported_at,
            "municipality_name": settings.KOMPAS_MUNICIPALITY_NAME,
            "LANGUAGE_CODE": get_language(),
        },
    )


def personal_data_zip(user: User) -> bytes:
    """A zip with everything Kompas holds about ``user``: ``gegevens.json`` and the same
    as a readable page, ``gegevens.html``. Made at once, while the person waits."""
    sections = personal_data(user)
    exported_at = timezone.now()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(EXPORT_JSON, personal_data_json(sections, exported_at).encode())
        archive.writestr(EXPORT_HTML, personal_data_html(user, sections, exported_at).encode())
    return buffer.getvalue()


# --- Consents ---------------------------------------------------------------------------


@transaction.atomic
def withdraw_consent(user: User, kind: str, pk: int | None = None) -> None:
    """Withdraw one of the consents listed on /mijn/, with immediate effect. Only the
    person's own consents can be reached: anything else is refused."""
    if kind == ConsentKind.EMAILS:
        set_email_notifications(user, False)
        return
    if kind == ConsentKind.GIFT:
        jewel = my_data.my_gifts(user).select_related("category").filter(pk=pk).first()
        if jewel is None:
            raise PermissionDenied(_("This consent is not yours to withdraw."))
        if jewel.consent == GiftConsent.GIVEN:
            answer_gift_consent(jewel, agree=False)
        return
    initiative = my_data.my_initiatives(user).filter(pk=pk).first()
    if initiative is None or kind not in (ConsentKind.PUBLIC_MAP, ConsentKind.CONTACT):
        raise PermissionDenied(_("This consent is not yours to withdraw."))
    if kind == ConsentKind.PUBLIC_MAP:
        if initiative.status == InitiativeStatus.PUBLIC:
            set_status(initiative, user, InitiativeStatus.KNOWN)
        return
    if initiative.contact_consent:
        initiative.contact_consent = False
        record_change(initiative, by=user, reason=_("Contact details no longer shown"))
        initiative.save(update_fields=["contact_consent", "updated_at"])


# --- Removing an account ----------------------------------------------------------------

TEXT_FIELDS = (models.CharField, models.TextField)


def _without_address(text: str, email: str) -> str:
    return re.sub(re.escape(email), "", text, flags=re.IGNORECASE)


def _release_gifts(email: str) -> None:
    """Gifts about the person lose their address; a yes (or an open question) ends."""
    for jewel in CrownJewel.objects.filter(person_email__iexact=email):
        if jewel.consent == GiftConsent.GIVEN:
            jewel.consent = GiftConsent.WITHDRAWN
        elif jewel.consent == GiftConsent.ASKED:
            jewel.consent = GiftConsent.REFUSED
        jewel.person_email = ""
        jewel.consent_token = ""
        jewel.consent_answered_at = timezone.now()
        record_change(jewel, by=None, reason=_("The person's account was removed"))
        jewel.save()


def _forget_address_in_contacts(email: str) -> None:
    """An initiative's contact line that gives the person's address keeps the rest."""
    for initiative in Initiative.objects.filter(contact__icontains=email):
        initiative.contact = _without_address(initiative.contact, email).strip(" ,;")
        record_change(initiative, by=None, reason=_("A member's account was removed"))
        initiative.save(update_fields=["contact", "updated_at"])


def _anonymise_history(user_id: int, email: str) -> None:
    """No history entry names the person any more: who made a change, every copied
    reference to the person (author, nominated by, reported by…, found from the history
    tables' own fields, so a later one is covered too) and their address in copied text."""
    for model in my_data.historical_models():
        fields = model._meta.concrete_fields
        if getattr(model, "instance_type", None) is Appreciation:
            model.objects.filter(author_id=user_id).update(signed_as=SignedAs.KERN)
        for field in fields:
            if field.is_relation and field.related_model is User:
                model.objects.filter(**{field.attname: user_id}).update(**{field.attname: None})
        text_fields = [f for f in fields if isinstance(f, TEXT_FIELDS) and not f.choices]
        if not text_fields:
            continue
        mentions = Q()
        for field in text_fields:
            mentions |= Q(**{f"{field.attname}__icontains": email})
        for row in model.objects.filter(mentions):
            for field in text_fields:
                value = getattr(row, field.attname)
                if value and email.lower() in value.lower():
                    setattr(row, field.attname, _without_address(value, email))
            model.objects.filter(pk=row.pk).update(
                **{f.attname: getattr(row, f.attname) for f in text_fields}
            )


def _anonymise_audit_log(user_id: int, email: str, name: str) -> None:
    """The audit log keeps that something happened, not who: entries by the person lose
    the actor, their address and IP address; entries about the person's account, or
    named after them (their memberships and requests to join), get a neutral name and
    lose the changed values."""
    LogEntry.objects.filter(Q(actor_id=user_id) | Q(actor_email__iexact=email)).update(
        actor=None, actor_email=None, remote_addr=None, remote_port=None
    )
    about_account = Q(content_type=ContentType.objects.get_for_model(User), object_pk=str(user_id))
    # A membership or request to join is named "<person> — <initiative>" / "<person> → …".
    named_after = ContentType.objects.get_for_models(Membership, JoinRequest).values()
    named = Q(object_repr__icontains=email)
    for label in filter(None, (name, email)):
        named |= Q(content_type__in=named_after, object_repr__startswith=f"{label} ")
    for entry in LogEntry.objects.filter(about_account | named).select_related("content_type"):
        model = entry.content_type.model_class()
        LogEntry.objects.filter(pk=entry.pk).update(
            object_repr=neutral_name(model, entry.object_pk) if model else entry.object_pk,
            changes=None,
            changes_text="",
            serialized_data=None,
        )


@transaction.atomic
def delete_account(user: User) -> None:
    """Remove the account for good, in one transaction.

    What the person wrote for an initiative stays with it, without their name (stories,
    obstacles, appreciations shown as "a resident of <kern>", connections, notes); a
    conversation keeps only the department recorded when it was written. Their sessions,
    addresses and authenticators go with them; invitations to their address and gifts
    about them lose the address; history entries no longer name them."""
    if not access.can_remove_own_account(user):
        raise PermissionDenied(_("The last administrator cannot remove their account."))
    email, name, user_id = user.email, user.name, user.pk
    Appreciation.objects.filter(author=user).update(signed_as=SignedAs.KERN)
    Invitation.objects.filter(email__iexact=email).update(email="")
    for report in Report.objects.filter(reporter=user):
        # The key only keeps one person from reporting twice; the person is gone.
        Report.objects.filter(pk=report.pk).update(reporter_key=f"removed:{report.pk}")
    _release_gifts(email)
    _forget_address_in_contacts(email)
    end_sessions(user)
    user.delete()  # memberships, requests to join, addresses, authenticators go with it
    _anonymise_history(user_id, email)
    _anonymise_audit_log(user_id, email, name)
