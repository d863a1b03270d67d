"""Request-wide rules: the admin's script policy and administrators' authenticators."""

from allauth.mfa.models import Authenticator
from csp.constants import UNSAFE_INLINE
from django.shortcuts import redirect
from django.urls import reverse

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
