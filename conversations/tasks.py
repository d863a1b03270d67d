"""Background work about conversations: telling an initiative's members of a shared one."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from conversations import selectors
from kompas.emails import mail_context


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
                render_to_string("conversations/email/conversation_logged.txt", context),
                None,
                [recipient.email],
            )
            sent += 1
    return sent
