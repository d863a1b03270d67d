"""The pages of accounts (see design.md's page map)."""

from django.urls import path

from accounts import views

urlpatterns = [
    path("mijn/meldingen/", views.notification_settings, name="notification_settings"),
]
