"""Request-wide rules: the admin's script policy, administrators' authenticators and how
long a session lasts."""

import time
from urllib.parse import urlencode

from allauth.mfa.models import Authenticator
from csp.constants import UNSAFE_INLINE
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from initiatives import permissions

ADMIN_PREFIX = "/beheer/"


class AdminScriptPolicyMiddleware:
    """The admin's map widgets (django-leaflet) write inline scripts; the public site never
    does. Only /beheer/, behind an administrator's password and authenticator, allows them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(ADMIN_PREFIX):
            response._csp_update = {"script-src": [UNSAFE_INLINE], "style-src": [UNSAFE_INLINE]}
        return response


class RequireAdminTOTPMiddleware:
    """Administrators set up an authenticator app before they can do anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            permissions.requires_totp(user)
            and not self._is_exempt(request.path)
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    @staticmethod
    def _is_exempt(path: str) -> bool:
        # The set-up itself, signing out, language, health and static assets stay reachable.
        return path.startswith(("/accounts/", "/i18n/", "/gezond/", "/static/", "/media/"))


class SessionLimitsMiddleware:
    """A session ends a day after signing in, however busy (SESSION_COOKIE_AGE), and for
    staff and administrators also after KOMPAS_STAFF_IDLE_MINUTES without a request: they
    read contact details and internal notes, so an unattended screen must not stay open."""

    STARTED = "kompas_session_started"
    LAST_ACTIVITY = "kompas_last_activity"
    # Writing the session on every request costs a query; a minute's precision is enough.
    RECORD_EVERY_SECONDS = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if not user.is_authenticated:
            return self.get_response(request)
        session = request.session
        now = int(time.time())
        # Our own clock rather than the cookie's: the cookie's age restarts whenever the
        # session is saved, and "remember me" may make it a browser session.
        started = session.setdefault(self.STARTED, now)
        if now - started > settings.SESSION_COOKIE_AGE:
            return self._sign_out(request, _("You were signed in for a day. Please sign in again."))
        if permissions.is_staff(user):
            last = session.get(self.LAST_ACTIVITY)
            if last is not None and now - last > settings.KOMPAS_STAFF_IDLE_MINUTES * 60:
                return self._sign_out(
                    request,
                    _(
                        "You were signed out after %(minutes)d minutes without activity. "
                        "Please sign in again."
                    )
                    % {"minutes": settings.KOMPAS_STAFF_IDLE_MINUTES},
                )
            if last is None or now - last >= self.RECORD_EVERY_SECONDS:
                session[self.LAST_ACTIVITY] = now
        return self.get_response(request)

    @staticmethod
    def _sign_out(request, message: str):
        """Sign out, say why on the sign-in page, and come back to the page asked for."""
        next_path = request.get_full_path() if request.method == "GET" else ""
        logout(request)
        messages.info(request, message)
        login_url = reverse("account_login")
        if next_path:
            login_url += "?" + urlencode({"next": next_path})
        return redirect(login_url)
