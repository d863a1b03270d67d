"""Geometry helpers for the demo: boundaries that tile a municipality.

The boundaries are the Voronoi cells of the village centres, clipped to the municipal
outline. Each cell is the outline cut by one half-plane per other centre, on the near
side of the perpendicular bisector between the two centres.

Distances are measured in a local plane where a degree of longitude is shortened by the
cosine of the latitude, so the cells look right on a map of the Netherlands. That
stretch is linear, so a bisector computed in the plane is still a straight line in
lon/lat: only its two end points are mapped back, and the outline is never transformed.
"""

import math
from collections.abc import Sequence

from django.contrib.gis.geos import GEOSGeometry, MultiPolygon, Polygon

from places.geometry import as_multipolygon

Coordinates = tuple[float, float]

# Far enough (in degrees) that a half-plane covers any municipality in the Netherlands.
HALF_PLANE_REACH = 5.0


def outline_polygon(ring: Sequence[Coordinates]) -> Polygon:
    """A Polygon in EPSG:4326 from a ring of (lon, lat) pairs, closed if it is not."""
    points = list(ring)
    if points[0] != points[-1]:
        points.append(points[0])
    return Polygon(points, srid=4326)


def voronoi_cells(outline: Polygon, centres: Sequence[Coordinates]) -> list[MultiPolygon]:
    """The Voronoi cell of each centre, clipped to ``outline``, in the order of ``centres``.

    The cells do not overlap and together cover the outline. Two neighbouring cells are cut
    by the very same bisector line, so their shared edge has identical coordinates.
    """
    # One plane for the whole diagram, else three bisectors would not meet in one point.
    stretch = math.cos(math.radians(outline.centroid.y))
    cells: list[GEOSGeometry] = [outline.clone() for _ in centres]
    for i in range(len(centres)):
        for j in range(i + 1, len(centres)):
            near_i, near_j = _half_planes(centres[i], centres[j], stretch)
            cells[i] = cells[i].intersection(near_i)
            cells[j] = cells[j].intersection(near_j)
    return [as_multipolygon(cell) for cell in cells]


def _half_planes(a: Coordinates, b: Coordinates, stretch: float) -> tuple[Polygon, Polygon]:
    """The two half-planes either side of the bisector of ``a`` and ``b``: (a's, b's).

    ``stretch`` shortens a degree of longitude to the length of a degree of latitude.
    """
    ax, ay, bx, by = a[0] * stretch, a[1], b[0] * stretch, b[1]
    length = math.hypot(bx - ax, by - ay)
    if length == 0:
        raise ValueError(f"Two centres share the point {a}.")
    # Unit vector from a to b, and the bisector's direction at right angles to it.
    nx, ny = (bx - ax) / length, (by - ay) / length
    tx, ty = -ny, nx
    mx, my = (ax + bx) / 2, (ay + by) / 2
    reach = HALF_PLANE_REACH

    def lonlat(x: float, y: float) -> Coordinates:
        return (x / stretch, y)

    line_start = lonlat(mx + tx * reach, my + ty * reach)
    line_end = lonlat(mx - tx * reach, my - ty * reach)

    def side(sign: int) -> Polygon:
        far_end = lonlat(mx - tx * reach + sign * nx * reach, my - ty * reach + sign * ny * reach)
        far_start = lonlat(mx + tx * reach + sign * nx * reach, my + ty * reach + sign * ny * reach)
        return Polygon([line_start, line_end, far_end, far_start, line_start], srid=4326)

    return side(-1), side(+1)
