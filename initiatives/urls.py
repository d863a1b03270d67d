"""The pages of initiatives (see design.md's page map)."""

from django.urls import path

from initiatives.views import history, initiatives, members

urlpatterns = [
    path("initiatieven/", initiatives.initiative_list, name="initiative_list"),
    path("initiatieven/nieuw/", initiatives.initiative_create, name="initiative_create"),
    path(
        "initiatieven/uitnodiging/<str:token>/",
        members.invitation_accept,
        name="invitation_accept",
    ),
    path("initiatieven/<slug:slug>/", initiatives.initiative_detail, name="initiative_detail"),
    path("initiatieven/<slug:slug>/bewerken/", initiatives.initiative_edit, name="initiative_edit"),
    path(
        "initiatieven/<slug:slug>/geschiedenis/",
        history.initiative_history,
        name="initiative_history",
    ),
    path("initiatieven/<slug:slug>/status/", members.initiative_status, name="initiative_status"),
    path("initiatieven/<slug:slug>/notities/", members.staff_note_add, name="staff_note_add"),
    path("initiatieven/<slug:slug>/uitnodigen/", members.invitation_send, name="invitation_send"),
    path(
        "initiatieven/<slug:slug>/aanmelden/", members.join_request_send, name="join_request_send"
    ),
    path(
        "initiatieven/<slug:slug>/aanmeldingen/<int:pk>/",
        members.join_request_decide,
        name="join_request_decide",
    ),
]
