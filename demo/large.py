"""The large demo: ten thousand generated initiatives, for benchmarks.

Names, kinds, offers, wishes and texts are put together from building blocks in the
manner of the hand-written initiatives. Initiative number ``n`` always comes out the same
(its random generator is seeded with ``n``), so a second run finds the slugs
``demo-groot-00001``… it made before and makes only what is missing.

Everything is written with ``bulk_create`` in batches: the initiatives, their history,
the rows of the kinds, offers and wishes tables, and then the search vectors in one
UPDATE on PostgreSQL. Generated initiatives have no members: the public ones say who
they are in their own words, the others are tips and contacts staff wrote down.
"""

import random
from collections.abc import Iterator
from dataclasses import dataclass

from django.contrib.gis.geos import Point
from django.utils import timezone

from accounts.models import User
from demo.context import CHANGE_REASON
from demo.initiatives import STAFF_EMAIL
from demo.places import KERNEN
from demo.scatter import scatters
from initiatives import services
from initiatives.models import Initiative, InitiativeKind, Ownership, Tag
from kompas.choices import InitiativeStatus

LARGE_COUNT = 10_000
SLUG_PREFIX = "demo-groot-"
SEED = "kompas-markeveld"
BATCH_SIZE = 1000
THROUGH_BATCH_SIZE = 5000
# Generated initiatives spread further round their kern's centre than hand-written ones.
SPREAD = 0.008


@dataclass(frozen=True)
class KindBlock:
    """The building blocks of one kind of initiative."""

    kind: str
    prefixes: tuple[str, ...]
    activities: tuple[str, ...]
    offers: tuple[str, ...]
    wishes: tuple[str, ...]


BLOCKS = (
    KindBlock(
        "Moestuin",
        ("Moestuin", "Buurttuin", "Pluktuin"),
        (
            "We tuinieren samen op {day} en delen de oogst met de buren.",
            "Iedereen heeft een eigen bed, maar de kas en het gereedschap delen we.",
            "Wat we niet zelf opeten, gaat naar de open tafel in het dorpshuis.",
        ),
        ("tuinieren", "verse groente", "zaden en stekjes", "natuurkennis"),
        ("gereedschap", "vrijwilligers", "grond", "opslagruimte"),
    ),
    KindBlock(
        "Repair café",
        ("Repair Café", "Reparatiecafé", "Sleutelclub"),
        (
            "Eén zaterdag per maand repareren we samen kapotte spullen, van broodrooster "
            "tot fietsband.",
            "Je blijft erbij en leert hoe het moet, met een kop koffie erbij.",
        ),
        ("gereedschap", "techniek", "klussen", "computerhulp"),
        ("opslagruimte", "vrijwilligers", "vergaderruimte"),
    ),
    KindBlock(
        "Broodfonds",
        ("Broodfonds",),
        (
            "Wij zijn zelfstandigen die elkaar bijstaan als iemand langer ziek is.",
            "Elke maand leggen we iets opzij in onze eigen pot, en op {day} drinken we "
            "samen een borrel.",
        ),
        ("administratie", "boekhouding", "netwerk", "website"),
        ("vergaderruimte", "publiciteit"),
    ),
    KindBlock(
        "Dorpshuis",
        ("Dorpshuis", "Buurthuis", "Ontmoetingshuis"),
        (
            "Ons huis draait op vrijwilligers: de biljartclub, de gymnastiek en de "
            "kaartavond zijn hier thuis.",
            "Er is altijd koffie, en er is altijd wel iemand om mee te praten.",
        ),
        ("vergaderruimte", "keuken", "podium", "tafels en stoelen"),
        ("energieadvies", "vrijwilligers", "website"),
    ),
    KindBlock(
        "Burenhulp",
        ("Burenhulp", "Noaberhulp", "Buurtkring"),
        (
            "Een boodschap, een lift naar de dokter of een handje in de tuin: we regelen "
            "het onderling.",
            "Een appgroep en een telefoonlijst, meer hebben we niet nodig.",
        ),
        ("vervoer", "klussen", "luisterend oor", "vrijwilligers"),
        ("koffie en ontmoeting", "publiciteit"),
    ),
    KindBlock(
        "Groengroep",
        ("Groengroep", "Natuurwerkgroep", "Bloemenlint"),
        (
            "Elke tweede zaterdag snoeien, wieden en planten we in het plantsoen.",
            "We hebben al honderden bollen geplant en een bloemenweide aangelegd.",
        ),
        ("tuinieren", "natuurkennis", "vrijwilligers"),
        ("gereedschap", "zaden en stekjes", "aanhanger"),
    ),
    KindBlock(
        "Energiecoöperatie",
        ("Energiecoöperatie", "Zonnecoöperatie", "Energiewerkgroep"),
        (
            "Op een groot dak in het dorp liggen zonnepanelen van dorpsgenoten.",
            "Onze energiecoaches komen bij je thuis kijken waar het tocht.",
        ),
        ("energieadvies", "kennis van subsidies", "techniek"),
        ("dakruimte", "publiciteit", "juridische kennis"),
    ),
    KindBlock(
        "Zorgcoöperatie",
        ("Zorgcoöperatie", "Dorpszorg", "Zorgkring"),
        (
            "Wij willen dat je hier oud kunt worden, tussen je eigen mensen.",
            "Vrijwilligers rijden naar het ziekenhuis, doen boodschappen en komen koffie drinken.",
        ),
        ("vervoer", "luisterend oor", "kookkunst", "vrijwilligers"),
        ("computerhulp", "vervoer", "bestuurservaring"),
    ),
    KindBlock(
        "Vereniging",
        ("Sportclub", "Gymclub", "Korfbalvereniging", "Tennisclub"),
        (
            "Op zaterdag staat het halve dorp langs de lijn.",
            "Jong en oud sporten bij ons, en na afloop is de kantine het dorpscafé.",
        ),
        ("sport en bewegen", "vergaderruimte", "partytent"),
        ("verlichting", "vrijwilligers", "energieadvies"),
    ),
    KindBlock(
        "Vereniging",
        ("Fanfare", "Koor", "Popkoor", "Dweilorkest"),
        (
            "We repeteren op {day}avond en spelen op elk feest waar we gevraagd worden.",
            "Nieuwe leden zijn welkom, ook als je geen noten kunt lezen.",
        ),
        ("muziek", "podium", "geluidsinstallatie"),
        ("opslagruimte", "vrijwilligers", "vergaderruimte"),
    ),
    KindBlock(
        "Kerk",
        ("Open Kerk", "Kerkcafé", "Huiskerk"),
        (
            "Het kerkgebouw is open voor iedereen die even wil zitten.",
            "Na de dienst schuift wie wil aan voor soep en een praatje.",
        ),
        ("vergaderruimte", "muziek", "luisterend oor", "koffie en ontmoeting"),
        ("vrijwilligers", "verhalen"),
    ),
    KindBlock(
        "Buurt-app",
        ("Buurt-app", "Straatapp", "Buurtgroep"),
        (
            "In onze appgroep vraag je een ladder, bied je soep aan of zoek je een oppas.",
            "Nieuwe buren krijgen van ons een welkomstkaartje met de link.",
        ),
        ("vervoer", "gereedschap", "luisterend oor"),
        ("koffie en ontmoeting", "partytent"),
    ),
    KindBlock(
        "Wensbus",
        ("Wensbus", "Belbus", "Buurtauto"),
        (
            "Onze vrijwillige chauffeurs brengen dorpsgenoten naar de dokter, de markt of "
            "de kapper.",
            "Bel een dag van tevoren en we staan voor de deur.",
        ),
        ("vervoer", "chauffeurs", "luisterend oor"),
        ("opslagruimte", "vrijwilligers", "kennis van subsidies"),
    ),
    KindBlock(
        "Wooncoöperatie",
        ("Wooncoöperatie", "Woongroep", "Knarrenhof"),
        (
            "Wij wonen, of willen wonen, met jong en oud rond een gemeenschappelijke tuin.",
            "De statuten hebben we zelf geschreven, aan de keukentafel.",
        ),
        ("bestuurservaring", "juridische kennis", "keuken"),
        ("kennis van subsidies", "grond", "netwerk"),
    ),
    KindBlock(
        "Dorpsoverleg",
        ("Dorpsoverleg", "Plaatselijk Belang", "Dorpsraad"),
        (
            "We maken samen een dorpsagenda die van ons is.",
            "Iedereen mag aanschuiven, en we beginnen altijd bij de vraag wat we zelf kunnen.",
        ),
        ("netwerk", "bestuurservaring", "vergaderruimte"),
        ("publiciteit", "kennis van subsidies"),
    ),
    KindBlock(
        "Dorpscoöperatie",
        ("Dorpscoöperatie", "Dorpswinkel", "Dorpsonderneming"),
        (
            "Toen de winkel dichtging, begonnen we er zelf een, met vrijwilligers achter de kassa.",
            "Elke inwoner kan lid worden en meebeslissen.",
        ),
        ("vrijwilligers", "administratie", "bestuurservaring"),
        ("boekhouding", "publiciteit"),
    ),
    KindBlock(
        "Share Care-netwerk",
        ("Share Care-netwerk", "Zorgnetwerk", "Kring om de buren"),
        (
            "Rond iedereen die wat extra aandacht kan gebruiken, staat een kring van buren "
            "en familie.",
            "Een coördinator houdt het rooster bij, zodat niemand het alleen hoeft te dragen.",
        ),
        ("luisterend oor", "kookkunst", "administratie"),
        ("vervoer", "vrijwilligers"),
    ),
    KindBlock(
        "Buurtwerkbedrijf",
        ("Buurtwerkplaats", "Klussenploeg", "Buurtwerkbedrijf"),
        (
            "In onze werkplaats maken buurtbewoners plantenbakken, bankjes en speelgoed.",
            "Iedereen doet mee met wat hij of zij kan en graag doet.",
        ),
        ("gereedschap", "klussen", "techniek", "fietsen"),
        ("vrijwilligers", "opslagruimte"),
    ),
    KindBlock(
        "Sociale coöperatie",
        ("Sociale coöperatie", "Kringloop", "Werkcoöperatie"),
        (
            "De coöperatie is van de mensen die er werken.",
            "We hebben een kringloophoek, een cateringploeg en een fietsenmakerij.",
        ),
        ("kookkunst", "klussen", "tafels en stoelen"),
        ("boekhouding", "kennis van subsidies"),
    ),
    KindBlock(
        "Jeu de boules-club",
        ("Jeu de boules-club", "Boulesclub", "Petanqueclub"),
        (
            "Op {day}middag spelen we op de banen achter het dorpshuis.",
            "Wie voor het eerst komt, krijgt ballen te leen.",
        ),
        ("sport en bewegen", "koffie en ontmoeting"),
        ("verlichting", "tafels en stoelen"),
    ),
    KindBlock(
        "Taalcafé",
        ("Taalcafé", "Praatgroep", "Leesclub"),
        (
            "Mensen die Nederlands willen oefenen, praten met mensen die graag praten.",
            "We hebben het over het weer, over recepten en over de brief van de gemeente.",
        ),
        ("taal", "luisterend oor", "verhalen"),
        ("kookkunst", "vergaderruimte"),
    ),
    KindBlock(
        "Buurtkeuken",
        ("Buurtkeuken", "Eettafel", "Kookclub"),
        (
            "Eén keer per maand koken we voor wie wil aanschuiven, voor een vrijwillige bijdrage.",
            "Wie kookt, vertelt er een verhaal bij.",
        ),
        ("kookkunst", "verhalen", "koffie en ontmoeting"),
        ("keuken", "verse groente", "tafels en stoelen"),
    ),
    KindBlock(
        "Speeltuin",
        ("Speeltuinvereniging", "Speelveld", "Kinderboerderij"),
        (
            "Ouders, opa's en oma's houden de speeltuin samen open.",
            "Op {day}middag staat de limonade klaar en wordt er geknutseld.",
        ),
        ("kinderactiviteiten", "partytent", "vrijwilligers"),
        ("klussen", "gereedschap", "kennis van subsidies"),
    ),
    KindBlock(
        "Dorpskrant",
        ("Dorpskrant", "Buurtkrant", "Wijkblad"),
        (
            "Elf keer per jaar valt onze krant op de mat, geschreven en bezorgd door "
            "vrijwilligers.",
            "Wie jarig is, wie er verhuist en wat de clubs van plan zijn: het staat erin.",
        ),
        ("drukwerk", "publiciteit", "fotografie"),
        ("vrijwilligers", "verhalen"),
    ),
    KindBlock(
        "Historische vereniging",
        ("Historische kring", "Oudheidkamer", "Verhalenclub"),
        (
            "Wij verzamelen de verhalen en foto's van vroeger, voordat ze vergeten worden.",
            "Elke maand vertelt iemand over het dorp van toen, en wij nemen het op.",
        ),
        ("verhalen", "fotografie", "drukwerk"),
        ("computerhulp", "vrijwilligers"),
    ),
)

# With the prefixes, enough for ten thousand names that do not repeat.
STEMS = (
    "De Linde",
    "De Brink",
    "De Es",
    "De Eendracht",
    "De Kastanje",
    "De Zonnehoek",
    "De Esdoorn",
    "De Vlonder",
    "De Berk",
    "De Wieke",
    "De Dobbe",
    "De Hooiberg",
    "De Klaver",
    "De Kiepe",
    "De Schaapskooi",
    "De Mient",
    "De Boerhoorn",
    "De Melkfabriek",
    "De Molen",
    "De Paardenwei",
    "De Zandverstuiving",
    "De Vaart",
    "De Stee",
    "De Noaber",
    "De Oude School",
    "De Bongerd",
    "De Hoeve",
    "De Deel",
    "De Heide",
    "De Akker",
    "De Beek",
    "De Dijk",
    "De Hoek",
    "De Horst",
    "De Kamp",
    "De Kolk",
    "De Laan",
    "De Maat",
    "De Marke",
    "De Meent",
    "De Schans",
    "De Sluis",
    "De Steeg",
    "De Tuin",
    "De Wei",
    "De Weide",
    "De Noorderhoek",
    "De Zuiderhoek",
    "De Eik",
    "De Wilg",
    "De Hazelaar",
    "De Vlier",
    "De Meidoorn",
    "De Ooievaar",
    "De Grutto",
    "De Kievit",
    "De Zwaluw",
    "De Uil",
    "De Specht",
    "De Merel",
    "De Roodborst",
    "De Vlinder",
    "De Hommel",
    "De Egel",
    "De Haas",
    "De Zonnebloem",
    "De Korenbloem",
    "De Klaproos",
    "De Boterbloem",
    "De Madelief",
    "De Brem",
    "De Jeneverbes",
    "De Vlasakker",
    "De Turfschuur",
    "De Zuivelfabriek",
    "De Smidse",
    "De Bakkerij",
    "De Pastorie",
    "De Kapel",
    "De Klokkenstoel",
    "De Waterput",
    "De Pomp",
    "De Veldkeuken",
    "De Wagenschuur",
    "De Dorsvloer",
    "De Heuvel",
    "De Kuil",
    "De Gaarde",
    "De Hof",
    "De Stuw",
    "De Brug",
    "De Veenkolonie",
    "De Wijk",
    "De Buitenkant",
    "De Overkant",
    "De Zonnewijzer",
    "De Windroos",
    "Het Veldje",
    "Het Erf",
    "Het Wapen",
    "Het Trefpunt",
    "Het Ven",
    "Het Hunebed",
    "Het Kerkpad",
    "Het Voorhuis",
    "Het Zandpad",
    "Het Hofje",
    "Het Bleekveld",
    "Het Schoolplein",
    "Het Dorpsplein",
    "Het Achterom",
    "Het Fietspad",
    "Het Ommetje",
    "Het Anker",
    "Het Nest",
    "Het Bankje",
    "Het Wiel",
    "Het Veen",
    "Het Bos",
    "Het Broek",
    "Het Holt",
    "Het Loo",
    "Het Wold",
    "Het Plein",
    "Het Kruispunt",
    "Het Hoekje",
    "Het Stationnetje",
    "Het Schooltje",
    "Het Koetshuis",
    "Het Bakhuis",
    "Het Wachthuisje",
    "Het Melkhok",
    "Het Dorpshart",
    "Het Groenland",
    "Het Zonnedak",
    "Het Kampvuur",
    "Het Torentje",
    "'t Hoekje",
    "'t Schoolpad",
    "'t Kruispunt",
    "'t Hofje",
    "'t Achterhuis",
    "'t Zwanemeer",
)

DAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag")
HOW_MANY = ("vieren", "vijven", "zessen", "achten", "tienen", "twaalven")
WHY_WE_BEGAN = (
    "toen de bus niet meer reed",
    "na een buurtfeest dat naar meer smaakte",
    "omdat we elkaar te weinig zagen",
    "toen de school een lokaal over had",
    "na een avond in het dorpshuis",
    "toen de winkel dichtging",
    "omdat er in de straat zoveel talent bleek te zitten",
)
OPENINGS = (
    "Wij zijn met z'n {how_many} begonnen, {why}.",
    "Sinds {year} komen we met zo'n {people} mensen uit {kern} bij elkaar.",
    "Wat begon als een idee aan de keukentafel, is nu een groep van {people} dorpsgenoten.",
    "In {kern} kent bijna iedereen ons wel.",
    "We zijn een bonte club uit {kern}: jong en oud, nieuwkomers en mensen die hier geboren zijn.",
)
CLOSINGS = (
    "Iedereen is welkom, ook als je alleen komt kijken.",
    "De koffie staat klaar.",
    "Kom gerust een keer langs.",
    "We zijn trots op wat we samen doen.",
    "Nieuwe mensen brengen nieuwe ideeën: van harte welkom.",
    "Alles wat aandacht krijgt, groeit: dat merken we elke week.",
)
OFFERS_TEXTS = (
    "Wat wij hebben, delen we graag: vraag het gerust.",
    "Heb je iets nodig voor jouw initiatief? Laat het ons weten.",
    "We komen graag langs om te laten zien hoe we het doen.",
    "",
)
WISHES_TEXTS = (
    "Wie wil met ons meedenken?",
    "Een paar extra handen zou mooi zijn.",
    "Ken je iemand die hier goed in is? We horen het graag.",
    "",
)
IDEAS = (
    "Een zomerfeest samen met de andere clubs in {kern}.",
    "Een eigen plek, met een keuken en een grote tafel.",
    "Samen iets opzetten met het dorp hiernaast.",
    "Een ommetje langs alle initiatieven van {kern}.",
    "Een deelkast met gereedschap voor de hele straat.",
    "Iets voor en door de jongeren van {kern}.",
)
HEARD_WHERE = (
    "bij de bakker",
    "op het dorpsoverleg",
    "van de wijkverpleegkundige",
    "op de markt",
    "op het schoolplein",
    "van de beheerder van het dorpshuis",
)
OWNERSHIPS = (
    (Ownership.COMMUNITY, 45),
    (Ownership.COMMUNITY_WITH_SUPPORT, 30),
    (Ownership.MUNICIPALITY_WITH_RESIDENTS, 15),
    (Ownership.MUNICIPALITY, 5),
    (None, 5),
)
# Mostly on the public map; a few known to staff, tips, and initiatives that ended.
STATUSES = (
    (InitiativeStatus.PUBLIC, 86),
    (InitiativeStatus.KNOWN, 7),
    (InitiativeStatus.TIP, 4),
    (InitiativeStatus.ENDED, 3),
)
ON_THE_MAP = 0.92  # the others chose "alleen de kern"
WITH_IDEAS = 0.4


@dataclass(frozen=True)
class GeneratedInitiative:
    number: int
    slug: str
    name: str
    kern: str
    kinds: tuple[str, ...]
    status: InitiativeStatus
    was_public: bool
    ownership: Ownership | None
    description: str
    by_municipality: bool
    offers: tuple[str, ...]
    offers_text: str
    wishes: tuple[str, ...]
    wishes_text: str
    ideas: str
    on_map: bool


def slug_for(number: int) -> str:
    return f"{SLUG_PREFIX}{number:05d}"


def _combinations() -> list[tuple[KindBlock, str, str]]:
    """Every (kind, prefix, stem) in a fixed shuffled order: names do not repeat."""
    combinations = [
        (block, prefix, stem) for block in BLOCKS for prefix in block.prefixes for stem in STEMS
    ]
    random.Random(SEED).shuffle(combinations)
    return combinations


def _weighted(rng: random.Random, choices):
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights=weights)[0]


def generate_initiatives(numbers) -> Iterator[GeneratedInitiative]:
    """The generated initiatives with these numbers (1, 2, …), always the same."""
    combinations = _combinations()
    for number in numbers:
        block, prefix, stem = combinations[(number - 1) % len(combinations)]
        round_ = (number - 1) // len(combinations)
        rng = random.Random(f"{SEED}:{number}")
        kern = rng.choice(KERNEN).name
        name = f"{prefix} {stem}" + (f" {round_ + 1}" if round_ else "")
        status = _weighted(rng, STATUSES)
        was_public = status == InitiativeStatus.ENDED and rng.random() < 0.5
        by_municipality = status in (InitiativeStatus.TIP, InitiativeStatus.KNOWN)
        if by_municipality:
            description = (
                f"Gehoord {rng.choice(HEARD_WHERE)}: in {kern} is {prefix} {stem} actief. "
                "Nog niet zelf gesproken; eerst eens langsgaan."
            )
        else:
            opening = rng.choice(OPENINGS).format(
                how_many=rng.choice(HOW_MANY),
                why=rng.choice(WHY_WE_BEGAN),
                year=rng.randint(1975, 2024),
                people=rng.randint(6, 80),
                kern=kern,
            )
            activities = " ".join(block.activities).format(day=rng.choice(DAYS))
            description = f"{opening} {activities} {rng.choice(CLOSINGS)}"
        offers = tuple(rng.sample(block.offers, k=min(len(block.offers), rng.randint(2, 3))))
        wishable = [tag for tag in block.wishes if tag not in offers]
        wishes = tuple(rng.sample(wishable, k=min(len(wishable), rng.randint(1, 2))))
        yield GeneratedInitiative(
            number=number,
            slug=slug_for(number),
            name=name,
            kern=kern,
            kinds=(block.kind,),
            status=status,
            was_public=was_public,
            ownership=None if by_municipality else _weighted(rng, OWNERSHIPS),
            description=description,
            by_municipality=by_municipality,
            offers=() if by_municipality else offers,
            offers_text="" if by_municipality else rng.choice(OFFERS_TEXTS),
            wishes=() if by_municipality else wishes,
            wishes_text="" if by_municipality else rng.choice(WISHES_TEXTS),
            ideas=rng.choice(IDEAS).format(kern=kern)
            if not by_municipality and rng.random() < WITH_IDEAS
            else "",
            on_map=rng.random() < ON_THE_MAP,
        )


def create_many_initiatives(count: int = LARGE_COUNT) -> int:
    """Make generated initiatives 1 to ``count`` that do not exist yet; returns how many."""
    existing = set(
        Initiative.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", flat=True)
    )
    missing = [number for number in range(1, count + 1) if slug_for(number) not in existing]
    if not missing:
        return 0
    generated = list(generate_initiatives(missing))
    places = scatters(SPREAD)
    staff = User.objects.filter(email=STAFF_EMAIL).first()
    now = timezone.now()

    initiatives = [_initiative(spec, places, staff, now) for spec in generated]
    Initiative.objects.bulk_create(initiatives, batch_size=BATCH_SIZE)
    ids = dict(Initiative.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", "pk"))
    for initiative in initiatives:
        initiative.pk = ids[initiative.slug]
    Initiative.history.bulk_history_create(
        initiatives, batch_size=BATCH_SIZE, default_change_reason=CHANGE_REASON, default_date=now
    )
    _add_terms(generated, ids)
    services.refresh_search_in_bulk(
        Initiative.objects.filter(slug__startswith=SLUG_PREFIX, search_vector__isnull=True)
    )
    return len(generated)


def _initiative(spec: GeneratedInitiative, places, staff, now) -> Initiative:
    place = places[spec.kern]
    location: Point | None = place.point(spec.slug) if spec.on_map else None
    published = spec.status == InitiativeStatus.PUBLIC or spec.was_public
    return Initiative(
        name=spec.name,
        slug=spec.slug,
        kern=place.kern,
        location=location,
        description=spec.description,
        description_by_municipality=spec.by_municipality,
        offers_text=spec.offers_text,
        wishes_text=spec.wishes_text,
        ideas=spec.ideas,
        ownership=spec.ownership,
        status=spec.status,
        published_at=now if published else None,
        created_by=staff if spec.by_municipality else None,
    )


def _add_terms(generated: list[GeneratedInitiative], ids: dict[str, int]) -> None:
    """The kinds, offers and wishes, straight into the many-to-many tables."""
    kind_ids = _term_ids(InitiativeKind, {kind for spec in generated for kind in spec.kinds})
    tag_ids = _term_ids(Tag, {tag for spec in generated for tag in (*spec.offers, *spec.wishes)})
    Kinds, Offers, Wishes = (
        Initiative.kinds.through,
        Initiative.offers.through,
        Initiative.wishes.through,
    )
    Kinds.objects.bulk_create(
        [
            Kinds(initiative_id=ids[spec.slug], initiativekind_id=kind_ids[kind])
            for spec in generated
            for kind in spec.kinds
        ],
        batch_size=THROUGH_BATCH_SIZE,
    )
    Offers.objects.bulk_create(
        [
            Offers(initiative_id=ids[spec.slug], tag_id=tag_ids[tag])
            for spec in generated
            for tag in spec.offers
        ],
        batch_size=THROUGH_BATCH_SIZE,
    )
    Wishes.objects.bulk_create(
        [
            Wishes(initiative_id=ids[spec.slug], tag_id=tag_ids[tag])
            for spec in generated
            for tag in spec.wishes
        ],
        batch_size=THROUGH_BATCH_SIZE,
    )


def _term_ids(model, names: set[str]) -> dict[str, int]:
    """The id of the term for each name, whatever its spelling in the vocabulary."""
    return {name: services.terms(model, [name])[0].pk for name in sorted(names)}
