"""Retention in the logs: the audit log and the admin's log keep their entries about a
removed gift nomination, but no longer name it or keep its values."""

from __future__ import annotations

import json

from auditlog.models import LogEntry
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext as _

from connections.models import Connection
from jewels.models import Appreciation, CrownJewel
from moderation.models import Report
from privacy.audit import MASKED_TEXT, mask_text, neutral_name
from privacy.retention.gifts import RemovedGifts
from privacy.retention.step import RetentionStep

# What the audit log keeps of the changes of a removed gift nomination: the values that
# say nothing about the person (which kind, whose nomination, the consent, when, which
# initiatives). Every other value (name, slug, address, place, photo, text) becomes
# "[…]", so the entry still says which fields changed.
GIFT_VALUES_KEPT_IN_AUDIT_LOG = frozenset(
    {
        "id",
        "category",
        "nominated_by",
        "consent",
        "consent_answered_at",
        "hidden_at",
        "created_at",
        "caretakers",
    }
)


def _masked_gift_changes(changes):
    """The changes of a gift nomination as the audit log keeps them once it is removed:
    every field that changed, with only the values that say nothing about the person."""
    if not isinstance(changes, dict):
        return None
    masked = {}
    for field, value in changes.items():
        if field in GIFT_VALUES_KEPT_IN_AUDIT_LOG:
            masked[field] = value
        elif isinstance(value, list):  # [before, after]
            masked[field] = [mask_text(str(side)) for side in value]
        else:
            masked[field] = MASKED_TEXT
    return masked


def _masked_admin_message(message: str) -> str:
    """The admin's log message about a removed gift, without the names of what was added
    or removed with it (an appreciation is named after the jewel and its words)."""
    try:
        parts = json.loads(message)
    except ValueError:
        return ""
    if not isinstance(parts, list):
        return ""
    for part in parts:
        for detail in part.values() if isinstance(part, dict) else ():
            if isinstance(detail, dict) and "object" in detail:
                detail["object"] = MASKED_TEXT
    return json.dumps(parts)


def _reported(entry: LogEntry) -> tuple[str | None, str | None]:
    """The content type and object id a report's audit log entry gives (its creation lists
    both; a later change may list neither)."""
    content_type, object_id = (
        entry.changes.get(name) or [None] for name in ("content_type", "object_id")
    )
    return content_type[-1], object_id[-1]


def _audit_log_corrections(gifts: RemovedGifts) -> list[tuple[int, dict]]:
    """Entries of the audit log that still name a removed gift, with what to set instead:
    a nomination or connection gets a neutral name (and a nomination masked values); a
    report of the nomination or of one of its appreciations loses the thing's name."""
    jewel_type, connection_type, appreciation_type, report_type = (
        ContentType.objects.get_for_model(model)
        for model in (CrownJewel, Connection, Appreciation, Report)
    )
    corrections: list[tuple[int, dict]] = []
    for entry in LogEntry.objects.filter(
        Q(content_type=jewel_type, object_id__in=gifts.jewels)
        | Q(content_type=connection_type, object_id__in=gifts.connections)
    ).only("content_type", "object_pk", "object_repr", "changes"):
        model = CrownJewel if entry.content_type_id == jewel_type.pk else Connection
        name = neutral_name(model, entry.object_pk)
        if entry.object_repr == name:
            continue  # treated before
        update = {"object_repr": name, "changes_text": "", "serialized_data": None}
        if model is CrownJewel:
            update["changes"] = _masked_gift_changes(entry.changes)
        corrections.append((entry.pk, update))
    # Entries from before audit.py left the reported thing's name out of a report's changes.
    removed = {
        str(jewel_type.pk): {str(pk) for pk in gifts.jewels},
        str(appreciation_type.pk): {str(pk) for pk in gifts.appreciations},
    }
    for entry in LogEntry.objects.filter(
        content_type=report_type, changes__has_key="reported"
    ).only("changes"):
        content_type, object_id = _reported(entry)
        masked = [mask_text(str(side)) for side in entry.changes["reported"]]
        is_removed = content_type in removed and object_id in removed[content_type]
        if is_removed and entry.changes["reported"] != masked:
            corrections.append((entry.pk, {"changes": {**entry.changes, "reported": masked}}))
    return corrections


def _admin_log_corrections(gifts: RemovedGifts) -> list[tuple[int, dict]]:
    """Entries of the admin's own log about a removed gift or its connections, with a
    neutral name and a message that names nothing that was added or removed with it."""
    jewel_type = ContentType.objects.get_for_model(CrownJewel)
    connection_type = ContentType.objects.get_for_model(Connection)
    corrections = []
    for entry in AdminLogEntry.objects.filter(
        Q(content_type=jewel_type, object_id__in=[str(pk) for pk in gifts.jewels])
        | Q(content_type=connection_type, object_id__in=[str(pk) for pk in gifts.connections])
    ).only("content_type", "object_id", "object_repr", "change_message"):
        model = CrownJewel if entry.content_type_id == jewel_type.pk else Connection
        name = neutral_name(model, entry.object_id)
        if entry.object_repr != name:
            message = _masked_admin_message(entry.change_message)
            corrections.append((entry.pk, {"object_repr": name, "change_message": message}))
    return corrections


def forget_removed_gifts_in_logs(gifts: RemovedGifts, *, dry_run: bool) -> RetentionStep:
    """The audit log and the admin's log keep their entries about removed gift nominations
    and what was connected with them or reported about them, for who did what and when;
    but no entry names the jewel any more (its name is often the person's) or keeps the
    values of the nomination. Entries already treated are left alone."""
    audit = _audit_log_corrections(gifts)
    admin = _admin_log_corrections(gifts)
    if not dry_run:
        for pk, update in audit:
            LogEntry.objects.filter(pk=pk).update(**update)
        for pk, update in admin:
            AdminLogEntry.objects.filter(pk=pk).update(**update)
    return RetentionStep(
        _("Log entries about removed nominations of a person's gift, names and values removed"),
        len(audit) + len(admin),
    )
