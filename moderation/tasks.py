"""Background work about moderation: telling an author what a moderator decided."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import apps
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy
from django_tasks import task

from jewels.models import CrownJewel
from kompas import access
from kompas.emails import mail_context
from moderation.models import ModerationDecision

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

# Evaluated when the email is written, in the language it is written in.
MODERATION_SUBJECTS: dict[tuple[str, str], StrPromise] = {
    ("jewels.crownjewel", ModerationDecision.RESTORED): gettext_lazy(
        "Your crown jewel “%(name)s” is shown again"
    ),
    ("jewels.crownjewel", ModerationDecision.KEPT_HIDDEN): gettext_lazy(
        "Your crown jewel “%(name)s” stays hidden"
    ),
    ("jewels.appreciation", ModerationDecision.RESTORED): gettext_lazy(
        "Your appreciation of “%(name)s” is shown again"
    ),
    ("jewels.appreciation", ModerationDecision.KEPT_HIDDEN): gettext_lazy(
        "Your appreciation of “%(name)s” stays hidden"
    ),
}


@task()
def tell_author_about_moderation(label: str, object_id: int, decision: str, reason: str) -> int:
    """Tell the author of a reported crown jewel or appreciation what a moderator decided
    and why. Returns 1 when an email was sent, 0 when the item or its author is gone."""
    if (label, decision) not in MODERATION_SUBJECTS:
        return 0
    model = apps.get_model(label)
    related = ["nominated_by"] if label == "jewels.crownjewel" else ["author", "jewel"]
    item = (
        access.moderated_for_its_author(model).select_related(*related).filter(pk=object_id).first()
    )
    if item is None:
        return 0
    is_jewel = isinstance(item, CrownJewel)
    author = item.nominated_by if is_jewel else item.author
    if author is None or not author.email:
        return 0
    jewel = item if is_jewel else item.jewel
    with translation.override(settings.LANGUAGE_CODE):
        context = mail_context() | {
            "author": author,
            "is_jewel": is_jewel,
            "jewel": jewel,
            "item": item,
            "restored": decision == ModerationDecision.RESTORED,
            "reason": reason,
            "decided_on": timezone.localdate(),
            "url": settings.KOMPAS_SITE_URL + jewel.get_absolute_url(),
            "municipality_name": settings.KOMPAS_MUNICIPALITY_NAME,
        }
        send_mail(
            MODERATION_SUBJECTS[label, decision] % {"name": jewel.name},
            render_to_string("moderation/email/moderation_decision.txt", context),
            None,
            [author.email],
        )
    return 1
