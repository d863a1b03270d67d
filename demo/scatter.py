"""Places on the map for demo initiatives: inside their kern, clustered round its centre.

Each point comes from a random generator seeded with a fixed string (the initiative's
slug), so the demo puts every initiative in the same place on every run.
"""

import math
import random

from django.contrib.gis.geos import Point

from places.models import Kern

# The same precision as the map layers: more digits only add bytes.
DECIMALS = 6
# Standard deviation of the distance from the centre, in degrees of latitude (about 500 m):
# most initiatives live in the village, a few out in the countryside around it.
VILLAGE_SPREAD = 0.0045
ATTEMPTS = 40


class KernScatter:
    """Points inside one kern's boundary, drawn round its centre."""

    def __init__(self, kern: Kern, spread: float = VILLAGE_SPREAD):
        self.kern = kern
        self.boundary = kern.boundary
        self.prepared = kern.boundary.prepared if kern.boundary else None
        self.centre = kern.centre or (kern.boundary.point_on_surface if kern.boundary else None)
        self.spread = spread
        # A degree of longitude is shorter than one of latitude: stretch to look round.
        self.lon_spread = spread / math.cos(math.radians(self.centre.y)) if self.centre else 0

    def point(self, seed: str) -> Point | None:
        """A point inside the boundary for ``seed``; the same seed gives the same point."""
        if self.centre is None:
            return None
        if self.prepared is None or self.boundary is None:
            return Point(self.centre.x, self.centre.y, srid=4326)
        rng = random.Random(seed)
        for _attempt in range(ATTEMPTS):
            point = Point(
                round(self.centre.x + rng.gauss(0, self.lon_spread), DECIMALS),
                round(self.centre.y + rng.gauss(0, self.spread), DECIMALS),
                srid=4326,
            )
            if self.prepared.contains(point):
                return point
        surface = self.boundary.point_on_surface
        return Point(surface.x, surface.y, srid=4326)


def scatters(spread: float = VILLAGE_SPREAD) -> dict[str, KernScatter]:
    """A scatter for every kern, by name."""
    return {kern.name: KernScatter(kern, spread) for kern in Kern.objects.all()}
