"""Every page type of Kompas as each role, for the checks that look at whole pages (valid
HTML, accessibility).

The page types come from the permission matrix (tests/access/test_url_matrix.py),
which must already list every URL: a new page is checked here without another list.
"""

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from tests.access.test_url_matrix import MATRIX, OK

# Django's own admin pages are Django's markup, not ours.
NOT_OURS = ("admin:",)


def page_types() -> list[str]:
    """The URL names that at least one role may open, as a page, with a GET."""
    return sorted(
        name
        for name, (_, expected) in MATRIX.items()
        if OK in expected.values() and not name.startswith(NOT_OURS)
    )


def roles_that_see(name: str) -> list[str]:
    """The roles for whom the page answers 200."""
    return [role for role, status in MATRIX[name][1].items() if status == OK]


def build_url(name: str) -> str:
    """The page's address, with the objects it is about made in the database."""
    build_kwargs, _ = MATRIX[name]
    return reverse(name, kwargs=build_kwargs() if build_kwargs else None)


def sign_in(client, make_user, role: str):
    """Sign the test client in as the role; administrators get their authenticator."""
    if role == "anonymous":
        client.logout()
        return client
    user = make_user(role)
    if role == "admin" and not Authenticator.objects.filter(user=user).exists():
        TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    return client


def is_html(response) -> bool:
    return response["Content-Type"].startswith("text/html")


def is_document(response) -> bool:
    """A whole HTML page, not a fragment that a page's script fetches into itself."""
    return is_html(response) and response.content.lstrip()[:15].lower() == b"<!doctype html>"
