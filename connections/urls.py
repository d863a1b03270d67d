"""The pages of connections (see design.md's page map)."""

from django.urls import path

from connections.views import connections, network

urlpatterns = [
    path(
        "initiatieven/<slug:slug>/verbinden/",
        connections.connection_create,
        name="connection_create",
    ),
    path("verbindingen/", connections.connection_list, name="connection_list"),
    path("verbindingen/<int:pk>/", connections.connection_detail, name="connection_detail"),
    path(
        "verbindingen/<int:pk>/antwoord/",
        connections.connection_answer,
        name="connection_answer",
    ),
    path(
        "verbindingen/<int:pk>/hoe-ging-het/",
        connections.connection_follow_up,
        name="connection_follow_up",
    ),
    path("kroonjuwelen/<slug:slug>/verbinden/", connections.jewel_connect, name="jewel_connect"),
    path("kernen/<slug:slug>/netwerk/", network.kern_network, name="kern_network"),
    path("verbindingen/netwerk/", network.network, name="network"),
]
