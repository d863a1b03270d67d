"""What every email Kompas sends shares: the greeting and signature of
templates/email/base.txt, the municipality it comes from and links to the site's own
address (KOMPAS_SITE_URL), never to the host name a request happened to use."""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.urls import reverse


def mail_context() -> dict:
    """The names templates/email/base.txt and the emails built on it use."""
    return {
        "site_url": settings.KOMPAS_SITE_URL,
        "municipality_name": settings.KOMPAS_MUNICIPALITY_NAME,
        "login_url": site_url(reverse("account_login")),
    }


def site_url(path: str) -> str:
    """A path of this site (or a link to it on whatever host) on KOMPAS_SITE_URL."""
    parts = urlsplit(path)
    return settings.KOMPAS_SITE_URL + urlunsplit(("", "", parts.path, parts.query, parts.fragment))
