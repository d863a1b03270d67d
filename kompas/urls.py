"""The page map of Kompas (see design.md): Dutch paths, one include per concern."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from initiatives.views.accounts import ConfirmLoginCodeView, admin_sign_in

admin.site.site_header = _("Kompas administration")
admin.site.site_title = _("Kompas")
admin.site.index_title = _("Administration")
# Django's admin login form takes a password alone; administrators sign in where their
# authenticator code is asked as well.
admin.site.login = admin_sign_in

urlpatterns = [
    path("beheer/", admin.site.urls),
    # Before allauth's own: the same page, which says why a code no longer works.
    path(
        "accounts/login/code/confirm/",
        ConfirmLoginCodeView.as_view(),
        name="account_confirm_login_code",
    ),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("initiatives.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
