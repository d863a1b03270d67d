"""Background work about connections: telling the initiatives a connection is proposed."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from connections import selectors
from jewels.models import CrownJewel
from kompas.emails import mail_context


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
                render_to_string("connections/email/connection_proposed.txt", context),
                None,
                [recipient.email],
            )
            sent += 1
    return sent
