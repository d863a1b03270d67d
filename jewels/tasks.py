"""Background work about crown jewels: asking a person whether a jewel about them may be shown."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from jewels.models import CrownJewel
from kompas import access
from kompas.emails import mail_context


@task()
def ask_for_gift_consent(jewel_id: int) -> int:
    """Ask the person a gift nomination is about whether they agree to be shown. The
    email links to a page where they say yes or no, and can later withdraw."""
    jewel = (
        access.gifts_asking_their_person(CrownJewel)
        .select_related("nominated_by", "kern")
        .filter(pk=jewel_id)
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
            render_to_string("jewels/email/gift_consent.txt", context),
            None,
            [jewel.person_email],
        )
    return 1
