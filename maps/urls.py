"""The pages of maps (see design.md's page map)."""

from django.urls import path

from maps.views import layers, map

urlpatterns = [
    path("kaart/", map.map_page, name="map"),
    path("kaart/lagen/initiatieven.geojson", layers.initiatives_layer, name="layer_initiatives"),
    path(
        "kaart/lagen/initiatieven/<int:pk>.html",
        layers.initiative_popup,
        name="layer_initiative_popup",
    ),
    path("kaart/lagen/kernen.geojson", layers.kernen_layer, name="layer_kernen"),
    path("kaart/lagen/verbindingen.geojson", layers.connections_layer, name="layer_connections"),
    path("kaart/lagen/kroonjuwelen.geojson", layers.jewels_layer, name="layer_jewels"),
    path(
        "kaart/lagen/kroonjuwelen/<int:pk>.html",
        layers.jewel_popup,
        name="layer_jewel_popup",
    ),
]
