"""Moderation: a moderator decides about something hidden or reported, and says why.

The open reports of the item are handled with the decision; its author is told by
email, in plain words, what was decided and why.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from jewels.models import Appreciation, CrownJewel
from kompas import access
from kompas.changes import record_change
from moderation.models import ModerationDecision, Report
from moderation.tasks import tell_author_about_moderation

# What can be reported, and so moderated.
MODERATED_MODELS = (CrownJewel, Appreciation)
DECISION_REASON_MAX_LENGTH = 2_000


def restore(item: CrownJewel | Appreciation, moderator: User, reason: str) -> int:
    """Show ``item`` again; its open reports are handled as "shown again". Returns how
    many reports were handled."""
    return _decide(item, moderator, reason, ModerationDecision.RESTORED)


def keep_hidden(item: CrownJewel | Appreciation, moderator: User, reason: str) -> int:
    """Hide ``item`` (if it is not hidden yet) and keep it so; its open reports are
    handled as "kept hidden". Returns how many reports were handled."""
    return _decide(item, moderator, reason, ModerationDecision.KEPT_HIDDEN)


def author_of(item: CrownJewel | Appreciation) -> User | None:
    """Who wrote what was reported: the nominator of a jewel, the author of an
    appreciation. None once their account is gone."""
    if isinstance(item, CrownJewel):
        return item.nominated_by
    return item.author


@transaction.atomic
def _decide(item, moderator: User, reason: str, decision: str) -> int:
    if not isinstance(item, MODERATED_MODELS):
        raise ValidationError(_("Only crown jewels and appreciations can be moderated."))
    if not access.can_moderate(moderator):
        raise PermissionDenied(_("Only administrators moderate."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why, in a few plain words: the author reads this."))
    if len(reason) > DECISION_REASON_MAX_LENGTH:
        raise ValidationError(
            _("Keep the reason under %(count)d characters.") % {"count": DECISION_REASON_MAX_LENGTH}
        )
    # Lock the item, so that two moderators deciding at once take turns.
    locked = type(item)._base_manager.select_for_update().get(pk=item.pk)
    item.hidden_at = locked.hidden_at
    now = timezone.now()
    if decision == ModerationDecision.RESTORED:
        item.hidden_at = None
        change = _("Shown again by a moderator")
    else:
        item.hidden_at = item.hidden_at or now
        change = _("Kept hidden by a moderator")
    # Saved even when nothing changes, so the history shows that a moderator decided.
    record_change(item, by=moderator, reason=change)
    item.save()
    handled = Report.objects.filter(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        handled_at__isnull=True,
    ).update(handled_at=now, handled_by=moderator, decision=decision, decision_reason=reason)
    if author_of(item) is not None:
        tell_author_about_moderation.enqueue(item._meta.label_lower, item.pk, decision, reason)
    return handled
