"""The pages of conversations (see design.md's page map)."""

from django.urls import path

from conversations.views import conversations, spread, tips

urlpatterns = [
    path("gesprekken/", conversations.conversation_list, name="conversation_list"),
    path("gesprekken/spreiding/", spread.conversation_spread, name="conversation_spread"),
    path("tips/", tips.tip_list, name="tip_list"),
    path("tips/<int:pk>/opvolging/", tips.tip_state, name="tip_state"),
    path("gesprekken/nieuw/", conversations.conversation_create, name="conversation_create"),
    path(
        "gesprekken/initiatieven/",
        conversations.conversation_initiative_search,
        name="conversation_initiative_search",
    ),
    path("gesprekken/<int:pk>/", conversations.conversation_detail, name="conversation_detail"),
    path(
        "gesprekken/<int:pk>/bewerken/", conversations.conversation_edit, name="conversation_edit"
    ),
    path(
        "gesprekken/<int:pk>/geschiedenis/",
        conversations.conversation_history,
        name="conversation_history",
    ),
]
