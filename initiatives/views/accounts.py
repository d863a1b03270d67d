"""Signing in to the administration."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from initiatives import permissions


def admin_sign_in(request, extra_context=None):
    """Stands in for the admin's own login form, which takes a password alone: /beheer/
    signs in through the site's sign-in, where administrators give their authenticator
    code too."""
    next_url = request.GET.get("next", "")
    # Only a printable path of this site, never another site or a view's name.
    if not (
        next_url.startswith("/")
        and next_url.isprintable()
        and url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        next_url = reverse("admin:index")
    if permissions.can_administer(request.user):
        return HttpResponseRedirect(next_url)
    if request.user.is_authenticated:
        # Signed in, but not as an administrator: sending them to sign in would loop.
        raise PermissionDenied(_("Only administrators use the administration."))
    return redirect_to_login(next_url, login_url=reverse("account_login"))
