"""Background work: emails that should not keep a person waiting."""

from django.apps import apps
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from initiatives import selectors
from initiatives.emails import mail_context
from initiatives.models import CrownJewel, ModerationDecision
from kompas.choices import GiftConsent


@task()
def notify_members_of_conversation(conversation_id: int) -> int:
    """Tell the members of the initiatives a shared conversation is about that the
    municipality wrote something down about them. Returns how many emails were sent.

    The email holds no text of the conversation: only a link to the initiative's page,
    where the visibility rules decide again what the reader sees.
    """
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for recipient, initiative in selectors.conversation_recipients(conversation_id):
            context = mail_context() | {
                "initiative": initiative,
                "url": settings.KOMPAS_SITE_URL + initiative.get_absolute_url(),
                "settings_url": settings.KOMPAS_SITE_URL + "/mijn/meldingen/",
                "municipality_name": settings.KOMPAS_MUNICIPALITY_NAME,
            }
            send_mail(
                _("The municipality wrote down a conversation with %(initiative)s")
                % {"initiative": initiative.name},
                render_to_string("initiatives/email/conversation_logged.txt", context),
                None,
                [recipient.email],
            )
            sent += 1
    return sent


@task()
def notify_members_of_connection(connection_id: int) -> int:
    """Tell the members of an initiative that still has to answer that someone proposes
    it meets another initiative or a crown jewel. Returns how many emails were sent."""
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for recipient, initiative, other in selectors.connection_recipients(connection_id):
            is_jewel = isinstance(other, CrownJewel)
            context = mail_context() | {
                "initiative": initiative,
                "other": other,
                "is_jewel": is_jewel,
                "url": settings.KOMPAS_SITE_URL + initiative.get_absolute_url(),
                "settings_url": settings.KOMPAS_SITE_URL + "/mijn/meldingen/",
            }
            if is_jewel:
                subject = _("%(initiative)s and the crown jewel %(jewel)s could meet") % {
                    "initiative": initiative.name,
                    "jewel": other.name,
                }
            else:
                subject = _("%(initiative)s and %(other)s could meet") % {
                    "initiative": initiative.name,
                    "other": other.name,
                }
            send_mail(
                subject,
                render_to_string("initiatives/email/connection_proposed.txt", context),
                None,
                [recipient.email],
            )
            sent += 1
    return sent


@task()
def ask_for_gift_consent(jewel_id: int) -> int:
    """Ask the person a gift nomination is about whether they agree to be shown. The
    email links to a page where they say yes or no, and can later withdraw."""
    jewel = (
        CrownJewel.objects.select_related("nominated_by", "kern")
        .filter(pk=jewel_id, consent=GiftConsent.ASKED)
        .first()
    )
    if jewel is None or not jewel.person_email:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = mail_context() | {
            "jewel": jewel,
            "nominator": jewel.nominated_by.name if jewel.nominated_by else "",
            "url": settings.KOMPAS_SITE_URL
            + reverse("jewel_consent", kwargs={"token": jewel.consent_token}),
            "municipality_name": settings.KOMPAS_MUNICIPALITY_NAME,
        }
        send_mail(
            _("Someone nominated you as a crown jewel of %(place)s")
            % {"place": jewel.kern.name if jewel.kern else settings.KOMPAS_MUNICIPALITY_NAME},
            render_to_string("initiatives/email/gift_consent.txt", context),
            None,
            [jewel.person_email],
        )
    return 1


# Evaluated when the email is written, in the language it is written in.
MODERATION_SUBJECTS = {
    ("initiatives.crownjewel", ModerationDecision.RESTORED): gettext_lazy(
        "Your crown jewel “%(name)s” is shown again"
    ),
    ("initiatives.crownjewel", ModerationDecision.KEPT_HIDDEN): gettext_lazy(
        "Your crown jewel “%(name)s” stays hidden"
    ),
    ("initiatives.appreciation", ModerationDecision.RESTORED): gettext_lazy(
        "Your appreciation of “%(name)s” is shown again"
    ),
    ("initiatives.appreciation", ModerationDecision.KEPT_HIDDEN): gettext_lazy(
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
    related = ["nominated_by"] if label == "initiatives.crownjewel" else ["author", "jewel"]
    item = model._base_manager.select_related(*related).filter(pk=object_id).first()
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
            render_to_string("initiatives/email/moderation_decision.txt", context),
            None,
            [author.email],
        )
    return 1
