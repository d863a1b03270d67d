"""/mijn/: what Kompas holds about me, its download, my consents, and removing my account.
People's rights under the AVG work here without a form to file."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from privacy import my_data, services
from privacy.forms import DeleteAccountForm
from privacy.my_data import ConsentKind

WITHDRAWN_MESSAGES = {
    ConsentKind.PUBLIC_MAP: gettext_lazy(
        "Withdrawn: the initiative is no longer on the public map."
    ),
    ConsentKind.CONTACT: gettext_lazy("Withdrawn: the contact details are no longer shown."),
    ConsentKind.GIFT: gettext_lazy("Withdrawn: your gift is no longer shown as a crown jewel."),
    ConsentKind.EMAILS: gettext_lazy("Withdrawn: we will not email you about your initiatives."),
}


@login_required
@require_safe
def mine(request):
    user = request.user
    return render(
        request,
        "privacy/mine.html",
        {
            "summary": my_data.my_summary(user),
            "memberships": my_data.my_memberships(user),
            "consents": my_data.my_consents(user),
        },
    )


@login_required
@require_safe
def personal_data_download(request):
    response = HttpResponse(
        services.personal_data_zip(request.user), content_type="application/zip"
    )
    response["Content-Disposition"] = 'attachment; filename="kompas-mijn-gegevens.zip"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def consent_withdraw(request, kind, pk=None):
    if kind not in WITHDRAWN_MESSAGES:
        raise Http404
    services.withdraw_consent(request.user, kind, pk)
    messages.success(request, WITHDRAWN_MESSAGES[kind])
    return redirect("mine")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def account_delete(request):
    form = DeleteAccountForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.delete_account(request.user)
        logout(request)
        messages.success(request, _("Your account is removed. Thank you for taking part."))
        return redirect("home")
    return render(request, "privacy/delete.html", {"form": form})
