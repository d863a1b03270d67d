"""Signing in: confirming an emailed code, and signing in to the administration."""

from allauth.account.views import ConfirmLoginCodeView as AllauthConfirmLoginCodeView
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import services
from accounts.adapters import CODE_EXPIRED, CODE_USED_UP, remember_sign_in_problem
from accounts.forms import NotificationSettingsForm
from kompas import access


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
    if access.can_administer(request.user):
        return HttpResponseRedirect(next_url)
    if request.user.is_authenticated:
        # Signed in, but not as an administrator: sending them to sign in would loop.
        raise PermissionDenied(_("Only administrators use the administration."))
    return redirect_to_login(next_url, login_url=reverse("account_login"))


class ConfirmLoginCodeView(AllauthConfirmLoginCodeView):
    """allauth's page for the emailed sign-in code, which on a code that expired, or was
    typed wrongly too often, sends a person back to ask for a new one without saying why.
    Here the page that asks for a new code says why, with their address filled in."""

    def dispatch(self, request, *args, **kwargs):
        signed_in_before = request.user.is_authenticated
        response = super().dispatch(request, *args, **kwargs)
        # allauth found no code that still works: the code has expired (there is a sign-in
        # waiting for it), or the whole sign-in has (a code was sent in for none).
        stage = getattr(self, "stage", None)
        expired = getattr(self, "_process", None) is None and (
            stage is not None or request.method == "POST"
        )
        if expired and not signed_in_before:
            email = stage.state.get("email") if stage is not None else None
            remember_sign_in_problem(request, CODE_EXPIRED, email)
        return response

    def form_invalid(self, form):
        email = self._process.state.get("email")
        if self._process.record_invalid_attempt():
            return super(AllauthConfirmLoginCodeView, self).form_invalid(form)
        remember_sign_in_problem(self.request, CODE_USED_UP, email)
        return HttpResponseRedirect(
            self.passthrough_next_url(reverse("account_request_login_code"))
        )


# --- Email settings ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request):
    form = NotificationSettingsForm(
        request.POST if request.method == "POST" else None,
        initial={"notify_by_email": request.user.notify_by_email},
    )
    if request.method == "POST" and form.is_valid():
        on = form.cleaned_data["notify_by_email"]
        services.set_email_notifications(request.user, on)
        if on:
            messages.success(request, _("Saved: we will email you about your initiatives."))
        else:
            messages.success(request, _("Saved: we will not email you about your initiatives."))
        return redirect("notification_settings")
    return render(request, "account/notification_settings.html", {"form": form})
