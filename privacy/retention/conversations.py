"""Retention of conversations: their free text goes once the period has passed, from the
conversation and from every earlier version in its history."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from conversations.models import Conversation
from conversations.services import refresh_conversation_search_in_bulk
from privacy.retention.step import RetentionStep, months_before, stamp

# What stays of "what I learned" (a required field) once the free text is removed.
REMOVED_TEXT = gettext_lazy("(removed after the retention period)")
# The other free text of a conversation: emptied.
OPTIONAL_TEXT_FIELDS = ("place", "with_whom", "ideas", "talents", "to_connect")


def removed_text() -> str:
    """The words that stand in for removed free text, in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(REMOVED_TEXT)


def _with_free_text(placeholder: str) -> Q:
    """Conversations (or their history rows) that still hold free text."""
    still_there = ~Q(learned=placeholder)
    for name in OPTIONAL_TEXT_FIELDS:
        still_there |= ~Q(**{name: ""})
    return still_there


def _text_removed(placeholder: str) -> dict:
    return {"learned": placeholder, **dict.fromkeys(OPTIONAL_TEXT_FIELDS, "")}


def remove_conversation_text(
    today: date, months: int, *, dry_run: bool
) -> tuple[RetentionStep, RetentionStep]:
    """Empty the free text of conversations dated more than ``months`` before ``today``,
    and of every earlier version of them in the history (also of deleted conversations).
    A conversation written again after its text was removed is handled again."""
    before = months_before(today, months)
    placeholder = removed_text()
    conversations = Conversation.objects.filter(date__lt=before).filter(
        _with_free_text(placeholder)
    )
    versions = Conversation.history.filter(date__lt=before).filter(_with_free_text(placeholder))
    if dry_run:
        counts = conversations.count(), versions.count()
    else:
        ids = list(conversations.values_list("pk", flat=True))
        Conversation.objects.filter(pk__in=ids).update(
            **_text_removed(placeholder), text_removed_at=timezone.now()
        )
        # The search must not find the removed words any more.
        refresh_conversation_search_in_bulk(Conversation.objects.filter(pk__in=ids))
        counts = len(ids), versions.update(**_text_removed(placeholder))
    return (
        RetentionStep(
            _("Conversations dated before %(date)s, free text removed") % {"date": stamp(before)},
            counts[0],
        ),
        RetentionStep(
            _("Earlier versions of conversations dated before %(date)s, free text removed")
            % {"date": stamp(before)},
            counts[1],
        ),
    )
