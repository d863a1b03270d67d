"""The pages of privacy (see design.md's page map)."""

from django.urls import path

from privacy import views

urlpatterns = [
    path("mijn/", views.mine, name="mine"),
    path("mijn/gegevens.zip", views.personal_data_download, name="personal_data_download"),
    path("mijn/verwijderen/", views.account_delete, name="account_delete"),
    path(
        "mijn/toestemmingen/meldingen/intrekken/",
        views.consent_withdraw,
        {"kind": "meldingen"},
        name="email_consent_withdraw",
    ),
    path(
        "mijn/toestemmingen/<slug:kind>/<int:pk>/intrekken/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
]
