"""The page map of Kompas (see design.md): Dutch paths, one include per app."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from accounts.views import ConfirmLoginCodeView, admin_sign_in
from kompas import views

admin.site.site_header = _("Kompas administration")
admin.site.site_title = _("Kompas")
admin.site.index_title = _("Administration")
# Django's admin login form takes a password alone; administrators sign in where their
# authenticator code is asked as well.
admin.site.login = admin_sign_in  # type: ignore[method-assign]  # on purpose, for this site only

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
    path("", views.home, name="home"),
    path("gezond/", views.health, name="health"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("", include("initiatives.urls")),
    path("", include("conversations.urls")),
    path("", include("insight.urls")),
    path("", include("accounts.urls")),
    path("", include("privacy.urls")),
    path("", include("attention.urls")),
    path("", include("connections.urls")),
    path("", include("jewels.urls")),
    path("", include("stories.urls")),
    path("", include("obstacles.urls")),
    path("", include("places.urls")),
    path("", include("maps.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
