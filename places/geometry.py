"""Geometry shared by the services: one shape in EPSG:4326, compared with care."""

from __future__ import annotations

from django.contrib.gis.geos import (
    GeometryCollection,
    GEOSGeometry,
    MultiPolygon,
    Polygon,
)

WGS84 = 4326
RD_NEW = 28992
# Two boundaries closer than this (in degrees, about 0.1 mm) are the same boundary.
SAME_GEOMETRY_TOLERANCE = 1e-9


def as_multipolygon(geometry: GEOSGeometry) -> MultiPolygon:
    """The polygons of ``geometry`` as one MultiPolygon in EPSG:4326 (empty if none).

    Lines and points, which an intersection or a repair can leave behind, are dropped.
    """
    parts: list[GEOSGeometry]
    if isinstance(geometry, Polygon):
        parts = [] if geometry.empty else [geometry]
    elif isinstance(geometry, GeometryCollection):
        parts = [polygon for member in geometry for polygon in as_multipolygon(member)]
    else:
        parts = []
    return MultiPolygon(*[part.clone() for part in parts], srid=WGS84)


def same_geometry(stored: GEOSGeometry | None, new: GEOSGeometry | None) -> bool:
    if stored is None or new is None:
        return stored is None and new is None
    # Normalised first: a Shapefile, for one, turns rings the other way round.
    return stored.normalize(clone=True).equals_exact(
        new.normalize(clone=True), tolerance=SAME_GEOMETRY_TOLERANCE
    )
