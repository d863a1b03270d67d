"""The audit log: who changed what, and who was shown contact details or internal notes.

django-auditlog writes an entry for every change of the models registered here; its
middleware fills in who did it. Views call ``record_viewed`` (one object) or
``record_list_viewed`` (a list) when they show something private.

The audit log says *which* fields changed, not the words: free text is masked here, and
the objects whose name is free text get a neutral name in the log. The words themselves
live in the history (simple_history), where the retention job and the erasure of an
account can reach them; a second copy in the audit log would escape both.
"""

from __future__ import annotations

from collections.abc import Iterable

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import pre_save
from django.utils import translation
from django.utils.text import capfirst

from kompas.access import is_internal, signed_in_person

# What a view showed, as the audit log records it (data for administrators, not UI text).
CONTACT_DETAILS = "contact details"
INTERNAL_NOTES = "internal notes"
INTERNAL_CONVERSATION = "internal conversation"
INTERNAL_CONVERSATIONS = "internal conversations"

# What a masked free-text field shows in the audit log when it held any words.
MASKED_TEXT = "[…]"


def mask_text(value: str) -> str:
    """The audit log's stand-in for free text: that there were words, never which."""
    # auditlog passes str(None) for the side of a change where the object did not exist.
    return "" if value in ("", "None") else MASKED_TEXT


def _audited_models() -> list[tuple[type, dict]]:
    """Each audited model with what to leave out (secrets, geometry, bookkeeping) and
    which free text to mask. Built on demand: the models are ready only after setup."""
    from accounts import models as accounts_models
    from connections import models as connections_models
    from conversations import models as conversations_models
    from initiatives.models import initiatives, joining, notes, terms
    from jewels import models as jewels_models
    from moderation import models as moderation_models
    from obstacles import models as obstacles_models
    from places import models as places_models
    from stories import models as stories_models

    bookkeeping = ["updated_at"]
    return [
        (accounts_models.User, {"exclude_fields": ["password", "last_login"]}),
        (accounts_models.Department, {}),
        # A boundary is thousands of coordinates: the log says it changed, via the history.
        (places_models.Kern, {"exclude_fields": ["boundary"]}),
        (
            initiatives.Initiative,
            {
                "exclude_fields": ["search_vector", *bookkeeping],
                "mask_fields": ["description", "offers_text", "wishes_text", "ideas", "contact"],
                "m2m_fields": ["kinds", "offers", "wishes"],
            },
        ),
        (initiatives.Membership, {}),
        (notes.StaffNote, {"exclude_fields": bookkeeping, "mask_fields": ["text"]}),
        (
            conversations_models.Conversation,
            {
                "exclude_fields": ["search_vector", *bookkeeping],
                "mask_fields": ["place", "with_whom", "learned", "ideas", "talents", "to_connect"],
                "m2m_fields": ["initiatives"],
            },
        ),
        (
            connections_models.Connection,
            {"exclude_fields": bookkeeping, "mask_fields": ["note", "how_it_went"]},
        ),
        (
            jewels_models.CrownJewel,
            {
                "exclude_fields": ["consent_token", *bookkeeping],
                "mask_fields": ["description", "why", "person_email"],
                "m2m_fields": ["caretakers"],
            },
        ),
        (jewels_models.Appreciation, {"mask_fields": ["text"]}),
        (stories_models.Story, {"exclude_fields": bookkeeping, "mask_fields": ["text"]}),
        (
            obstacles_models.Obstacle,
            {
                "exclude_fields": bookkeeping,
                "mask_fields": ["what_happened", "answer"],
                "m2m_fields": ["conversations"],
            },
        ),
        # What was reported is in content_type and object_id; its name (``reported``) is
        # the thing's own text: a jewel's name, the words of an appreciation.
        (
            moderation_models.Report,
            {
                "exclude_fields": ["reporter_key", "reported"],
                "mask_fields": ["reason", "decision_reason"],
            },
        ),
        (joining.Invitation, {"exclude_fields": ["token"], "mask_fields": ["email"]}),
        (joining.JoinRequest, {"mask_fields": ["message"]}),
        (terms.InitiativeKind, {}),
        (terms.Tag, {}),
        (jewels_models.JewelCategory, {}),
        (obstacles_models.ObstacleCategory, {}),
    ]


def _models_named_by_their_text() -> tuple[type, ...]:
    """Models whose ``str()`` quotes free text or an outsider's email address."""
    from conversations import models as conversations_models
    from initiatives.models import joining, notes
    from jewels import models as jewels_models

    return (
        conversations_models.Conversation,
        notes.StaffNote,
        jewels_models.Appreciation,
        joining.Invitation,
    )


def register() -> None:
    """Register the audited models with django-auditlog (from the app config's ready())."""
    for model, options in _audited_models():
        auditlog.register(
            model,
            exclude_fields=list(options.get("exclude_fields", [])),
            mask_fields=list(options.get("mask_fields", [])),
            mask_callable="privacy.audit.mask_text",
            m2m_fields=set(options.get("m2m_fields", [])),
        )
    pre_save.connect(_neutral_name, sender=LogEntry, dispatch_uid="privacy.audit.neutral_name")


def neutral_name(model, pk) -> str:
    """How the audit log names an object whose own name is free text: kind and number."""
    with translation.override(settings.LANGUAGE_CODE):
        return f"{capfirst(model._meta.verbose_name)} {pk}"


def _neutral_name(sender, instance: LogEntry, **kwargs) -> None:
    model = instance.content_type.model_class()
    if model in _models_named_by_their_text() and instance.object_pk:
        instance.object_repr = neutral_name(model, instance.object_pk)


def shows_private_contact(initiative, can_see_contact: bool) -> bool:
    """Whether a page shows contact details that are not published: only then is the
    view worth a line in the audit log (published ones are anyone's to read)."""
    return bool(initiative.contact) and can_see_contact and not initiative.contact_consent


def internal_ids(objects: Iterable) -> list[int]:
    """The ids of the internal notes or conversations among ``objects``."""
    return [obj.pk for obj in objects if is_internal(obj)]


def _record(user, content_type, object_pk, object_repr, details: dict) -> LogEntry | None:
    actor = signed_in_person(user)
    if actor is None:
        return None
    return LogEntry.objects.create(
        content_type=content_type,
        object_pk=str(object_pk),
        object_id=object_pk if isinstance(object_pk, int) else None,
        object_repr=object_repr,
        action=LogEntry.Action.ACCESS,
        actor=actor,
        actor_email=actor.email,
        additional_data=details,
    )


def record_viewed(user, obj, what: str | Iterable[str], **shown: Iterable[int]) -> LogEntry | None:
    """Write down that ``user`` was shown ``what`` (contact details, internal notes) of
    ``obj``: one entry, one INSERT, however much the page showed. ``shown`` names the
    private objects by kind, for example ``notes=[3, 5], conversations=[8]``. Nothing for
    visitors who are not signed in: they are never shown anything private."""
    viewed = [what] if isinstance(what, str) else list(what)
    if not viewed:
        return None
    details: dict[str, list[str] | list[int]] = {"viewed": viewed}
    details.update({kind: sorted(ids) for kind, ids in shown.items() if ids})
    model = type(obj)
    name = neutral_name(model, obj.pk) if model in _models_named_by_their_text() else str(obj)
    return _record(user, ContentType.objects.get_for_model(model), obj.pk, name, details)


def record_list_viewed(user, model, what: str, ids: Iterable[int]) -> LogEntry | None:
    """Write down that ``user`` was shown a list with these private ``model`` objects
    (for example the internal conversations on a page of /gesprekken/): one entry per
    page, not per row. Nothing when the list showed none."""
    ids = sorted(ids)
    if not ids:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        name = str(capfirst(model._meta.verbose_name_plural))
    return _record(
        user, ContentType.objects.get_for_model(model), "", name, {"viewed": [what], "ids": ids}
    )
