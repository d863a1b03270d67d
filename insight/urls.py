"""The pages of insight (see design.md's page map)."""

from django.urls import path

from insight.views import insight, open_data

urlpatterns = [
    path("inzicht/", insight.insight_page, name="insight"),
    path("inzicht/<slug:figure>.csv", insight.insight_csv, name="insight_csv"),
    path("open-data/", open_data.open_data, name="open_data"),
    path(
        "open-data/initiatieven.csv",
        open_data.initiatives_csv,
        name="open_data_initiatives_csv",
    ),
    path(
        "open-data/initiatieven.geojson",
        open_data.initiatives_geojson,
        name="open_data_initiatives_geojson",
    ),
    path("open-data/kroonjuwelen.csv", open_data.jewels_csv, name="open_data_jewels_csv"),
    path(
        "open-data/kroonjuwelen.geojson",
        open_data.jewels_geojson,
        name="open_data_jewels_geojson",
    ),
    path(
        "open-data/hsds/datapackage.json",
        open_data.hsds_package,
        name="open_data_hsds_package",
    ),
    path("open-data/hsds/<slug:name>.csv", open_data.hsds_file, name="open_data_hsds_file"),
]
