"""Generated initiatives for ``manage.py benchmark``: as many as asked, fast (bulk_create),
spread over the kernen with a boundary, with kinds, offers and wishes."""

import random
from itertools import cycle

from django.contrib.gis.geos import Point
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.text import slugify

from initiatives.models import Initiative, InitiativeKind, Ownership, Tag
from kompas.choices import InitiativeStatus
from places.models import Kern

KINDS = (
    "Zorgcoöperatie",
    "Energiecoöperatie",
    "Broodfonds",
    "Dorpshuis",
    "Buurt-app",
    "Groengroep",
    "Wensbus",
    "Wooncoöperatie",
    "Dorpsoverleg",
    "Vereniging",
    "Kerk",
    "Share Care-netwerk",
    "Burenhulp",
)
NAME_WORDS = (
    "De Linde",
    "Het Veen",
    "Samen Sterk",
    "Noaberschap",
    "De Esch",
    "Oud en Nij",
    "De Brink",
    "Het Wold",
    "Zonnedak",
    "De Moestuin",
    "Hand in Hand",
    "De Schaapskooi",
    "Achter de Kerk",
    "Het Loo",
    "De Horst",
    "Markezang",
)
TAGS = (
    "een ruimte",
    "vrijwilligers",
    "gereedschap",
    "kennis van subsidies",
    "een bus",
    "koffie en tijd",
    "tuinieren",
    "techniek",
    "muziek",
    "koken",
    "vervoer",
    "een website",
    "boekhouding",
    "zonnepanelen",
    "een moestuin",
)
SENTENCES = (
    "We komen elke week samen en iedereen is welkom.",
    "Wat begon met een paar buren is uitgegroeid tot iets van het hele dorp.",
    "We delen wat we hebben: tijd, gereedschap en een goed gesprek.",
    "Onze energie halen we uit samen dingen voor elkaar krijgen.",
    "Klein begonnen, en dat willen we eigenlijk ook blijven.",
)
# Most initiatives are on the public map; some ended, some only known to staff or a tip.
STATUS_MIX = (
    [InitiativeStatus.PUBLIC] * 16
    + [InitiativeStatus.ENDED] * 1
    + [InitiativeStatus.KNOWN] * 2
    + [InitiativeStatus.TIP] * 1
)


def _point_in(boundary, rng: random.Random) -> Point | None:
    """A random point inside a boundary (tried a few times within its extent)."""
    xmin, ymin, xmax, ymax = boundary.extent
    for _attempt in range(50):
        point = Point(rng.uniform(xmin, xmax), rng.uniform(ymin, ymax), srid=4326)
        if boundary.contains(point):
            return point
    return None


def generate_initiatives(total: int, *, seed: int = 4) -> int:
    """Add generated initiatives with bulk_create until there are ``total``; returns how
    many were added. Spread over the kernen that have a boundary, mostly public, nine in
    ten with a point of their own, with kinds, offers and wishes. For benchmarks only: no
    history and no search vector are written."""
    existing = Initiative.objects.count()
    missing = total - existing
    if missing <= 0:
        return 0
    rng = random.Random(seed + existing)
    kernen = list(Kern.objects.exclude(boundary=None))
    if not kernen:
        raise ValueError("generate_initiatives needs kernen with a boundary (run load_demo)")
    kinds = [InitiativeKind.objects.get_or_create(name=name)[0] for name in KINDS]
    tags = [Tag.objects.get_or_create(name=name)[0] for name in TAGS]
    now = timezone.now()
    initiatives = []
    for number, kern in zip(range(existing, total), cycle(kernen), strict=False):
        kind = rng.choice(KINDS)
        name = f"{kind} {rng.choice(NAME_WORDS)} {kern.name} {number}"
        status = rng.choice(STATUS_MIX)
        on_map = status in (InitiativeStatus.PUBLIC, InitiativeStatus.ENDED)
        initiatives.append(
            Initiative(
                name=name,
                slug=slugify(name)[:180],
                kern=kern,
                location=_point_in(kern.boundary, rng) if rng.random() < 0.9 else None,
                description=" ".join(rng.sample(SENTENCES, 2)),
                ownership=rng.choice(Ownership.values),
                status=status,
                published_at=now if on_map else None,
            )
        )
    with transaction.atomic():
        created = Initiative.objects.bulk_create(initiatives, batch_size=1000)
        Initiative.kinds.through.objects.bulk_create(
            [
                Initiative.kinds.through(initiative=initiative, initiativekind=kind)
                for initiative in created
                for kind in rng.sample(kinds, rng.randint(1, 2))
            ],
            batch_size=2000,
        )
        # Typed as any model: the two through models are alike, but not one type.
        tag_throughs: tuple[type[Model], ...] = (
            Initiative.offers.through,
            Initiative.wishes.through,
        )
        for through in tag_throughs:
            through._default_manager.bulk_create(
                [
                    through(initiative=initiative, tag=tag)
                    for initiative in created
                    for tag in rng.sample(tags, rng.randint(0, 3))
                ],
                batch_size=2000,
            )
    return len(created)
