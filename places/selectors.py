"""Reads about kernen (villages and districts): summaries, neighbours and the kernen layer,
and what every map layer shares.

Every function takes the viewer and starts from ``visible_to(user)``."""

import json

from django.contrib.gis.db.models.functions import AsGeoJSON
from django.db.models import (
    Count,
    Max,
)
from django.utils.html import format_html

from places.models import Kern

COORDINATE_PRECISION = 6  # about 10 cm: more digits only add bytes


# Boundaries drawn or computed separately rarely meet to the last decimal: allow a few metres.
NEIGHBOUR_TOLERANCE_DEGREES = 0.0005


def kern_neighbours(kern, user):
    """The kernen whose boundary meets this one's: where the village borders on."""
    if kern.boundary is None:
        return Kern.objects.none()
    return (
        Kern.objects.visible_to(user)
        .filter(boundary__intersects=kern.boundary.buffer(NEIGHBOUR_TOLERANCE_DEGREES))
        .exclude(pk=kern.pk)
        .only("name", "slug")
    )


def _feature_collection(rows, properties) -> str:
    """A GeoJSON FeatureCollection from rows that carry their geometry as a GeoJSON string.

    The database writes the geometry (already rounded), so it is inserted as it is.
    """
    features = ",".join(
        f'{{"type":"Feature","geometry":{row["geojson"]},'
        f'"properties":{json.dumps(properties(row), separators=(",", ":"))}}}'
        for row in rows
        if row["geojson"]
    )
    return f'{{"type":"FeatureCollection","features":[{features}]}}'


def kernen_geojson(user) -> str:
    """The boundaries of the kernen, with a popup rendered (and escaped) on the server."""
    rows = (
        Kern.objects.visible_to(user)
        .annotate(geojson=AsGeoJSON("boundary", precision=COORDINATE_PRECISION))
        .values("name", "slug", "kind", "geojson")
    )

    def properties(row):
        url = Kern(slug=row["slug"]).get_absolute_url()
        return {
            "slug": row["slug"],
            "name": row["name"],
            "popup": format_html('<a href="{}">{}</a>', url, row["name"]),
        }

    return _feature_collection(rows, properties)


def kernen_layer_version() -> tuple[int, object]:
    """How many changes the kernen have had and when the latest was: the kernen layer's
    ETag and Last-Modified, in one query. Every save of a kern is kept in its history, so
    a new, changed or removed kern changes the answer."""
    summary = Kern.history.aggregate(changes=Count("history_id"), latest=Max("history_date"))
    return summary["changes"], summary["latest"]
