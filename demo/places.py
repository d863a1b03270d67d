"""The invented municipality of Markeveld: its outline and its sixteen kernen.

Drenthe-like country between Assen and Hoogeveen. The names are made up, in the manner
of the region (-veen, -wolde, -horst, -marke, -loo); any likeness to a real place is a
coincidence. The codes follow the pattern of CBS district codes (WK + municipality code
+ number) with the municipality code 9999, which CBS does not use.
"""

from dataclasses import dataclass

from places.models import KernKind

MUNICIPALITY_CODE = "9999"

# The municipal boundary as (lon, lat), counter-clockwise from the south-west.
OUTLINE = (
    (6.472, 52.668),
    (6.530, 52.655),
    (6.585, 52.662),
    (6.628, 52.651),
    (6.690, 52.664),
    (6.741, 52.676),
    (6.779, 52.702),
    (6.792, 52.741),
    (6.784, 52.779),
    (6.797, 52.812),
    (6.776, 52.851),
    (6.735, 52.879),
    (6.684, 52.893),
    (6.633, 52.884),
    (6.588, 52.897),
    (6.539, 52.886),
    (6.497, 52.862),
    (6.463, 52.829),
    (6.455, 52.791),
    (6.468, 52.752),
    (6.452, 52.716),
)


@dataclass(frozen=True)
class DemoKern:
    name: str
    kind: str
    lon: float
    lat: float

    @property
    def centre(self) -> tuple[float, float]:
        return (self.lon, self.lat)


# Markeveld itself, the main town, is split into three districts (wijken).
KERNEN = (
    DemoKern("Markeveld-Centrum", KernKind.DISTRICT, 6.616, 52.779),
    DemoKern("Markeveld-Oost", KernKind.DISTRICT, 6.641, 52.786),
    DemoKern("Markeveld-Zuid", KernKind.DISTRICT, 6.624, 52.763),
    DemoKern("Noordermarke", KernKind.VILLAGE, 6.603, 52.861),
    DemoKern("Zuidermarke", KernKind.VILLAGE, 6.612, 52.691),
    DemoKern("Holtwolde", KernKind.VILLAGE, 6.507, 52.831),
    DemoKern("Ansingeveen", KernKind.VILLAGE, 6.521, 52.766),
    DemoKern("Esserhorst", KernKind.VILLAGE, 6.503, 52.702),
    DemoKern("Witteloo", KernKind.VILLAGE, 6.561, 52.722),
    DemoKern("Brunsveen", KernKind.VILLAGE, 6.702, 52.858),
    DemoKern("Oldeberkum", KernKind.VILLAGE, 6.742, 52.805),
    DemoKern("Aalderveen", KernKind.VILLAGE, 6.692, 52.768),
    DemoKern("Geeserwold", KernKind.VILLAGE, 6.738, 52.729),
    DemoKern("Tiendeveld", KernKind.VILLAGE, 6.679, 52.691),
    DemoKern("Wapserhoek", KernKind.HAMLET, 6.562, 52.806),
    DemoKern("Spierenbroek", KernKind.HAMLET, 6.652, 52.838),
)


def cbs_code(index: int) -> str:
    """A CBS-like district code for the kern at ``index`` in KERNEN."""
    return f"WK{MUNICIPALITY_CODE}{index:02d}"
