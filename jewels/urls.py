"""The pages of jewels (see design.md's page map)."""

from django.urls import path

from jewels import views

urlpatterns = [
    path("kroonjuwelen/", views.jewel_list, name="jewel_list"),
    path("kroonjuwelen/nieuw/", views.jewel_create, name="jewel_create"),
    path("kroonjuwelen/toestemming/<str:token>/", views.jewel_consent, name="jewel_consent"),
    path(
        "kroonjuwelen/waarderingen/<int:pk>/melden/",
        views.appreciation_report,
        name="appreciation_report",
    ),
    path("kroonjuwelen/<slug:slug>/", views.jewel_detail, name="jewel_detail"),
    path("kroonjuwelen/<slug:slug>/bewerken/", views.jewel_edit, name="jewel_edit"),
    path("kroonjuwelen/<slug:slug>/geschiedenis/", views.jewel_history, name="jewel_history"),
    path("kroonjuwelen/<slug:slug>/waarderen/", views.jewel_appreciate, name="jewel_appreciate"),
    path("kroonjuwelen/<slug:slug>/melden/", views.jewel_report, name="jewel_report"),
    path("kroonjuwelen/<slug:slug>/vrijgeven/", views.jewel_release, name="jewel_release"),
]
