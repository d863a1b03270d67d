"""Request-wide rules: the health check, the browser features a page may use, the admin's
script policy, administrators' authenticators and how long a session lasts."""

import sys
import time
from urllib.parse import urlencode

from allauth.mfa.models import Authenticator
from csp.constants import UNSAFE_INLINE
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.translation import gettext as _

from kompas import access
from kompas.views import health

ADMIN_PREFIX = "/beheer/"


class HealthCheckMiddleware:
    """/gezond/ answers load balancers and orchestrators as they call it: by the server's
    address or any other Host, over plain HTTP, never redirected. It answers before
    anything else asks for the Host, so ALLOWED_HOSTS and SECURE_SSL_REDIRECT keep
    guarding every other URL. Keep it first in MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == reverse("health"):
            return health(request)
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Every answer says which powerful browser features its page may use
    (settings.PERMISSIONS_POLICY): location for this site only, for "use my location" on
    the place pickers; camera, microphone, payment and the like for nobody."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})"
            for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response


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
            access.requires_totp(user)
            and not self._is_exempt(request.path)
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    @staticmethod
    def _is_exempt(path: str) -> bool:
        # The set-up itself, signing out, language, health and static assets stay reachable.
        return path.startswith(("/accounts/", "/i18n/", "/gezond/", "/static/", "/media/"))


def start_session_clocks(sender, request, user, **kwargs):
    """Signing in starts both clocks of SessionLimitsMiddleware, saved with the sign-in
    itself (connected to user_logged_in in apps.py), so a page costs no extra write."""
    now = int(time.time())
    request.session[SessionLimitsMiddleware.STARTED] = now
    request.session[SessionLimitsMiddleware.LAST_ACTIVITY] = now


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
        # session is saved, and "remember me" may make it a browser session. Set when
        # signing in; a session from before this rule starts counting now.
        started = session.setdefault(self.STARTED, now)
        if now - started > settings.SESSION_COOKIE_AGE:
            return self._sign_out(request, _("You were signed in for a day. Please sign in again."))
        if access.signs_out_when_idle(user):
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


class DatabaseUnavailableMiddleware:
    """While the database does not answer (it restarts, the network to it breaks, or a
    statement runs past the statement timeout), every page answers 503 with a calm page of
    its own and a Retry-After, never a 500 or a traceback. /gezond/ answers its own 503.

    Django turns an exception into a response right where it is raised (in a view or in
    any middleware, such as the session's), so it never reaches this middleware as an
    exception. The got_request_exception signal, sent while Django handles it, is where it
    can still be seen: the receiver marks the request, and on the way out this middleware
    swaps the 500 for the 503 page. Keep it high in MIDDLEWARE, above the session. With
    DEBUG on, Django's own error page stays: on SQLite a table not yet migrated is an
    OperationalError too, and a developer needs to see that.
    """

    RETRY_AFTER_SECONDS = 10

    def __init__(self, get_response):
        self.get_response = get_response
        got_request_exception.connect(
            _note_database_unavailable, dispatch_uid="kompas-database-unavailable"
        )

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, _DATABASE_UNAVAILABLE, False) and not settings.DEBUG:
            return self.unavailable_response(request)
        return response

    @classmethod
    def unavailable_response(cls, request):
        """templates/503.html, rendered without the database: no request in the context
        (so no context processors, session or user), only settings."""
        language = translation.get_language_from_request(request)
        with translation.override(language):
            page = render_to_string(
                "503.html",
                {
                    "municipality_name": settings.KOMPAS_MUNICIPALITY_NAME,
                    "theme_css": settings.KOMPAS_THEME_CSS,
                    "logo": settings.KOMPAS_LOGO,
                },
            )
        response = HttpResponse(page, status=503)
        response["Retry-After"] = str(cls.RETRY_AFTER_SECONDS)
        response["Content-Language"] = language
        add_never_cache_headers(response)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response


_DATABASE_UNAVAILABLE = "kompas_database_unavailable"


def _note_database_unavailable(sender, request=None, **kwargs):
    """Mark the request when the exception being handled means the database is away."""
    if request is not None and _is_database_unavailable(sys.exc_info()[1]):
        setattr(request, _DATABASE_UNAVAILABLE, True)


def _is_database_unavailable(exception: BaseException | None) -> bool:
    # A lost connection or a cancelled statement is an OperationalError (psycopg's
    # QueryCanceled and AdminShutdown are kinds of it), a closed one an InterfaceError;
    # look along the chain too, for an error raised while handling one of those.
    seen = 0
    while exception is not None and seen < 5:
        if isinstance(exception, OperationalError | InterfaceError):
            return True
        exception = exception.__cause__ or exception.__context__
        seen += 1
    return False
