"""Demo crown jewels: what the people of Markeveld value, in their own words.

Jewels of every category in most kernen, nominated by residents and colleagues, several
with a place on the map, a few with a photo (drawn here with Pillow: the repository holds
no image files) and some cared for by a demo initiative. Others add their appreciation, with
their name or as a resident of their kern. One person's gift waits for that person's yes;
another's person already agreed.

Everything goes through ``initiatives.services`` as it would on the site; the email that
asks a person for consent goes nowhere (``no_member_emails``). A jewel whose name is
already in the registry is left as it is: running the demo twice changes nothing.

The large demo adds a few hundred generated jewels with ``bulk_create``, found again by
their slugs ``demo-kroonjuweel-00001``… on a second run.
"""

import math
import random
from dataclasses import dataclass
from io import BytesIO

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw

from accounts.models import User
from demo.context import CHANGE_REASON, DemoContext, DemoSize
from demo.conversation_steps import no_member_emails
from demo.initiatives import (
    ANNEMIEK,
    BERT,
    FATIMA,
    FROUKE,
    GERRIT,
    HARM,
    JAN,
    JOKE,
    KLAAS,
    MEHMET,
    RESIDENTS,
    ROELIE,
    SANNE,
    TINEKE,
)
from demo.scatter import scatters
from initiatives.models import Initiative
from jewels import services
from jewels.models import Appreciation, CrownJewel, JewelCategory, SignedAs
from kompas import photos
from kompas.words import add_jewel_categories
from places.models import Kern

JEROEN = "ambtenaar@example.org"
KEES = "opbouwwerker@example.org"
WIM = "openbareruimte@example.org"
LOTTE = "communicatie@example.org"
HENNIE = "raadslid@example.org"  # a council member: reads, and may add words too

# The photos the demo draws: small, the site resizes anything larger anyway.
PHOTO_SIZE = (960, 640)


@dataclass(frozen=True)
class DemoPhoto:
    """A simple drawing: a sky from ``top`` to ``bottom`` with one shape in front."""

    top: str
    bottom: str
    shape: str  # tower, tree, house, water, sun
    description: str


@dataclass(frozen=True)
class DemoAppreciation:
    author: str
    text: str
    # With the author's name; otherwise "een inwoner van <kern>" (``kern`` or the jewel's).
    with_name: bool = False
    kern: str = ""


@dataclass(frozen=True)
class DemoJewel:
    name: str
    kern: str
    category: str  # a JewelCategory slug
    why: str
    nominated_by: str
    description: str = ""
    on_map: bool = True
    photo: DemoPhoto | None = None
    caretakers: tuple[str, ...] = ()  # names of demo initiatives
    # A person's gift: whom it is about, and whether they already said yes.
    person_email: str = ""
    consent_given: bool = False
    appreciations: tuple[DemoAppreciation, ...] = ()


A = DemoAppreciation

JEWELS = (
    # --- Markeveld-Centrum ---------------------------------------------------------------
    DemoJewel(
        name="De toren van de Marktkerk",
        kern="Markeveld-Centrum",
        category="gebouw",
        why=(
            "Van welke kant je Markeveld ook binnenkomt, je ziet eerst de toren. Mijn opa "
            "luidde er de klok, en op Koningsdag mag je nog steeds naar boven."
        ),
        description="De toren uit 1480 van de kerk aan de Brink, met een carillon.",
        nominated_by=TINEKE,
        photo=DemoPhoto(
            "#f6c77b", "#f9ecd2", "tower", "Tekening van een kerktoren tegen de avondlucht"
        ),
        caretakers=("Open Hof bij de Marktkerk",),
        appreciations=(
            A(BERT, "Als ik van mijn werk kom en de toren zie, ben ik thuis.", with_name=True),
            A(
                FATIMA,
                "Mijn kinderen noemen het de klokkentoren. Elk uur zingen ze mee.",
                kern="Markeveld-Zuid",
            ),
        ),
    ),
    DemoJewel(
        name="De zaterdagmarkt op de Brink",
        kern="Markeveld-Centrum",
        category="lokale-economie",
        why=(
            "Kaas van de boer, vis uit Lauwersoog en de man met de stroopwafels: op "
            "zaterdag komt heel Markeveld elkaar hier tegen."
        ),
        nominated_by=LOTTE,
        appreciations=(
            A(JOKE, "Ik kom voor de bloemen en blijf voor de praatjes.", with_name=True),
            A(MEHMET, "Onze groentekraam staat er al twintig jaar. Wat een plek.", with_name=True),
        ),
    ),
    # --- Markeveld-Oost ------------------------------------------------------------------
    DemoJewel(
        name="Het jaagpad langs het Markekanaal",
        kern="Markeveld-Oost",
        category="plek",
        why=(
            "Het mooiste rondje van de stad: langs het water, onder de populieren, met "
            "altijd wel een reiger die je in de gaten houdt."
        ),
        nominated_by=WIM,
        photo=DemoPhoto("#9ccbe8", "#e3f1f8", "water", "Tekening van een kanaal met golfjes"),
        caretakers=("Zwerfafvalbrigade Oost",),
        appreciations=(
            A(GERRIT, "Hier heb ik leren fietsen, en mijn kleinzoon nu ook."),
            A(KEES, "Elke donderdag loop ik hier met een paar mannen uit de wijk. Goud waard."),
        ),
    ),
    DemoJewel(
        name="Het verhaal van de turfschippers",
        kern="Markeveld-Oost",
        category="verhaal",
        why=(
            "Oost is gebouwd door de mensen die de turf over het kanaal naar de stad "
            "brachten. Hun namen staan nog op de gevels van de oude huisjes bij de sluis."
        ),
        nominated_by=MEHMET,
        on_map=False,
        appreciations=(
            A(ROELIE, "Mijn overgrootvader was schipper. Fijn dat dit bewaard blijft."),
        ),
    ),
    # --- Markeveld-Zuid ------------------------------------------------------------------
    DemoJewel(
        name="Speeltuin De Klimboom",
        kern="Markeveld-Zuid",
        category="plek",
        why=(
            "Gebouwd door ouders uit de buurt, onderhouden door ouders uit de buurt. Hier "
            "leren kinderen uit alle straten van Zuid elkaar kennen."
        ),
        nominated_by=FATIMA,
        caretakers=("Speeltuinvereniging De Klimboom",),
        appreciations=(
            A(FROUKE, "De kabelbaan! Ik ben er te oud voor, maar ik ga er toch op."),
            A(JEROEN, "Een speeltuin die de buurt zelf draagt: daar leer ik veel van.", True),
        ),
    ),
    DemoJewel(
        name="Riek Boerema, gastvrouw van de Huiskamer",
        kern="Markeveld-Zuid",
        category="gave-van-mensen",
        why=(
            "Riek staat er elke ochtend om half tien met de koffie klaar. Ze onthoudt "
            "ieders verjaardag en merkt het als je een week niet bent geweest."
        ),
        nominated_by=ROELIE,
        on_map=False,
        caretakers=("Huiskamer van Zuid",),
        person_email="riek.boerema@example.org",
        consent_given=True,
        appreciations=(
            A(TINEKE, "Riek belde toen ik ziek was. Gewoon om te vragen hoe het ging.", True),
            A(KLAAS, "Zonder Riek geen Huiskamer. Dank je wel!"),
        ),
    ),
    # --- Noordermarke --------------------------------------------------------------------
    DemoJewel(
        name="De oude linde bij de kerk",
        kern="Noordermarke",
        category="natuur",
        why=(
            "De linde is geplant toen de kerk werd ingewijd, zegt men. Onder die boom "
            "wordt getrouwd, gerouwd en in de zomer gewoon een ijsje gegeten."
        ),
        nominated_by=HARM,
        photo=DemoPhoto(
            "#bfe3b4", "#f1f8ec", "tree", "Tekening van een grote boom met een brede kruin"
        ),
        caretakers=("Moestuin Achter de Kerk",),
        appreciations=(
            A(JOKE, "In juni ruikt het hele dorp naar lindebloesem."),
            A(HENNIE, "Mijn eerste kus, onder deze boom. Meer zeg ik niet.", with_name=True),
            A(SANNE, "Als je er langs fietst, groet je de boom.", kern="Markeveld-Centrum"),
        ),
    ),
    DemoJewel(
        name="Café 't Wapen",
        kern="Noordermarke",
        category="lokale-economie",
        why=(
            "Het laatste café van Noordermarke. Klaverjassen op dinsdag, de uitslag van de "
            "dorpsquiz op het krijtbord en Gerda die iedereen bij naam kent."
        ),
        nominated_by=KLAAS,
        appreciations=(A(HARM, "Hier wordt het dorp bij elkaar gehouden, kaart voor kaart."),),
    ),
    # --- Zuidermarke ---------------------------------------------------------------------
    DemoJewel(
        name="Het dorpshuis Het Markehuus",
        kern="Zuidermarke",
        category="gebouw",
        why=(
            "Van de gymles tot de uitvaartkoffie: alles in Zuidermarke gebeurt in het "
            "Markehuus. En het wordt helemaal door vrijwilligers gedraaid."
        ),
        nominated_by=ANNEMIEK,
        photo=DemoPhoto(
            "#f4b6a6", "#fbe8e1", "house", "Tekening van een dorpshuis met een puntdak"
        ),
        caretakers=("Dorpshuis Het Markehuus",),
        appreciations=(
            A(JAN, "Ik tap er op vrijdag. Beste avond van de week.", with_name=True),
            A(KEES, "Hier komen dingen samen die elders in drie gebouwen zouden zitten.", True),
            A(GERRIT, "Onze dochter had er haar bruiloft. Het hele dorp hielp mee."),
        ),
    ),
    DemoJewel(
        name="Het verhaal van de zuivelfabriek",
        kern="Zuidermarke",
        category="verhaal",
        why=(
            "Tot 1971 bracht elke boer hier zijn melk. De fabriek is weg, maar in elk huis "
            "ligt nog wel een foto van de melkrijders."
        ),
        nominated_by=JAN,
        on_map=False,
        caretakers=("Historische Vereniging Zuidermarke",),
        appreciations=(A(ANNEMIEK, "Mijn moeder werkte er op het lab. Ze vertelt het nog graag."),),
    ),
    DemoJewel(
        name="Bakkerij De Korenschoof",
        kern="Zuidermarke",
        category="lokale-economie",
        why=(
            "Vier generaties bakkers. Op zaterdag staat de rij tot buiten, en iedereen "
            "wacht geduldig: het is ook de plek waar je het dorpsnieuws hoort."
        ),
        nominated_by=GERRIT,
        appreciations=(
            A(FROUKE, "Krentenwegge voor elke kraamvisite. Zo hoort het."),
            A(JOKE, "De breiclub mag er achterin zitten. Dat doet niet elke bakker."),
        ),
    ),
    # --- Holtwolde -----------------------------------------------------------------------
    DemoJewel(
        name="De jaarlijkse boerenmarkt",
        kern="Holtwolde",
        category="traditie",
        why=(
            "Elke eerste zaterdag van september: de koeien op het plein, paardenkeuring, "
            "de brassband en oude trekkers. Wie weggetrokken is, komt die dag terug."
        ),
        nominated_by=BERT,
        appreciations=(
            A(KLAAS, "Ik kom er al vijftig jaar. Het is elk jaar hetzelfde, en dat is mooi."),
            A(WIM, "We zetten de hekken met de vrijwilligers neer. Gezellige ochtend.", True),
        ),
    ),
    DemoJewel(
        name="Albert, de vaste chauffeur van de wensbus",
        kern="Holtwolde",
        category="gave-van-mensen",
        why=(
            "Albert rijdt al acht jaar elke woensdag. Hij draagt de boodschappen naar "
            "binnen en blijft even zitten als hij ziet dat dat nodig is."
        ),
        nominated_by=ANNEMIEK,
        on_map=False,
        caretakers=("Wensbus Holtwolde e.o.",),
        # Asked, not answered yet: only Annemiek and staff see this one.
        person_email="albert.wensbus@example.org",
    ),
    # --- Ansingeveen ---------------------------------------------------------------------
    DemoJewel(
        name="Het Ansinger Veen",
        kern="Ansingeveen",
        category="natuur",
        why=(
            "Hoogveen zoals het hier vroeger overal was: zonnedauw, veenpluis en 's avonds "
            "de kraanvogels. Het stille hart van onze gemeente."
        ),
        nominated_by=KEES,
        photo=DemoPhoto("#d9c7e8", "#f4eef9", "sun", "Tekening van een ondergaande zon"),
        caretakers=("Imkers van Ansingeveen",),
        appreciations=(
            A(MEHMET, "Ik ga er fotograferen. Elke keer ziet het er anders uit.", with_name=True),
            A(HARM, "Stilte die je hoort. Dat is zeldzaam.", kern="Noordermarke"),
        ),
    ),
    DemoJewel(
        name="De kerkdeur die altijd open staat",
        kern="Ansingeveen",
        category="traditie",
        why=(
            "De Open Kerk is elke dag open, ook als er niemand is. Even zitten, een "
            "kaarsje, een praatje met wie er toevallig ook is."
        ),
        nominated_by=JOKE,
        caretakers=("Open Kerk Ansingeveen",),
    ),
    # --- Esserhorst ----------------------------------------------------------------------
    DemoJewel(
        name="De Esser Es",
        kern="Esserhorst",
        category="plek",
        why=(
            "Het oude akkerland boven het dorp, met de zandpaden die al eeuwen zo lopen. "
            "In het voorjaar de ooievaars, in de herfst de eerste vorst."
        ),
        nominated_by=FROUKE,
        caretakers=("Zorgboerderij De Esch",),
        appreciations=(A(BERT, "Rondje es na het eten. Beter dan welke pil ook."),),
    ),
    DemoJewel(
        name="Het verhaal van het hoge water",
        kern="Esserhorst",
        category="verhaal",
        why=(
            "In 1998 trad de Esserbeek buiten haar oevers. Het hele dorp vulde zandzakken "
            "in de schuur van Jalving. Daar praten de oudere mensen nog steeds over."
        ),
        nominated_by=HARM,
        on_map=False,
        appreciations=(
            A(GERRIT, "Ik was twaalf en mocht de hele nacht opblijven. Nooit vergeten."),
            A(LOTTE, "We hebben de verhalen opgenomen voor de bibliotheek.", with_name=True),
        ),
    ),
    # --- Brunsveen -----------------------------------------------------------------------
    DemoJewel(
        name="Muziekvereniging Crescendo",
        kern="Brunsveen",
        category="vereniging",
        why=(
            "Honderd jaar muziek in Brunsveen. Bij elke intocht, elke serenade en elke "
            "dodenherdenking staan ze er, in weer en wind."
        ),
        nominated_by=JOKE,
        caretakers=("Muziekvereniging Crescendo Brunsveen",),
        appreciations=(
            A(TINEKE, "Ze speelden op de verjaardag van mijn vader. Hij werd negentig."),
            A(HENNIE, "Als Crescendo speelt, staat het dorp stil.", with_name=True),
        ),
    ),
    DemoJewel(
        name="De dorpswinkel van de coöperatie",
        kern="Brunsveen",
        category="lokale-economie",
        why=(
            "Toen de supermarkt wegging, begonnen we zelf een winkel. Nu heeft Brunsveen "
            "weer brood, een postpunt en een bankje voor de deur."
        ),
        nominated_by=JEROEN,
        caretakers=("Dorpscoöperatie Brunsveen",),
        appreciations=(A(ROELIE, "Boodschappen doen is weer een uitje."),),
    ),
    # --- Oldeberkum ----------------------------------------------------------------------
    DemoJewel(
        name="Dorpshuis De Berkenhof",
        kern="Oldeberkum",
        category="gebouw",
        why=(
            "Een oude boerderij die het dorp samen heeft verbouwd. Elke balk heeft een "
            "naam van iemand die hielp."
        ),
        nominated_by=SANNE,
        caretakers=("Dorpshuis De Berkenhof",),
        appreciations=(A(JAN, "Mijn naam staat op de derde balk van links."),),
    ),
    DemoJewel(
        name="Het Berkumer bos",
        kern="Oldeberkum",
        category="natuur",
        why="Paddenstoelen in de herfst, boshyacinten in mei en een hut op elke open plek.",
        nominated_by=WIM,
    ),
    # --- Geeserwold ----------------------------------------------------------------------
    DemoJewel(
        name="IJsclub De Geeserbaan",
        kern="Geeserwold",
        category="vereniging",
        why=(
            "Zodra het vriest, spuiten ze 's nachts de baan. De volgende ochtend staat het "
            "halve dorp op de schaats, met erwtensoep in de keet."
        ),
        nominated_by=KLAAS,
        caretakers=("IJsclub De Geeserbaan",),
        appreciations=(
            A(FATIMA, "Mijn kinderen stonden hier voor het eerst op het ijs.", kern="Geeserwold"),
        ),
    ),
    # --- Tiendeveld ----------------------------------------------------------------------
    DemoJewel(
        name="Het oogstfeest van Tiendeveld",
        kern="Tiendeveld",
        category="traditie",
        why=(
            "Eind september zet iedereen een tafel buiten en kookt met wat de tuinen "
            "gaven. Eén lange tafel door de hele straat."
        ),
        nominated_by=KEES,
        caretakers=("Tiendeveld Tafelt",),
        appreciations=(
            A(SANNE, "De pompoensoep van vorig jaar. Ik denk er nog aan.", with_name=True),
            A(FROUKE, "Hier zie je wat een dorp samen kan."),
        ),
    ),
    # --- Wapserhoek ----------------------------------------------------------------------
    DemoJewel(
        name="Het noaberschap",
        kern="Wapserhoek",
        category="traditie",
        why=(
            "In Wapserhoek help je je eerste noaber, zonder dat iemand het hoeft te vragen: "
            "bij een geboorte, een verhuizing of een begrafenis."
        ),
        nominated_by=GERRIT,
        on_map=False,
        caretakers=("Noaberschap Wapserhoek",),
        appreciations=(A(ANNEMIEK, "Toen wij hier kwamen wonen, stond de soep al op tafel."),),
    ),
    # --- Spierenbroek --------------------------------------------------------------------
    DemoJewel(
        name="Het paasvuur van Spierenbroek",
        kern="Spierenbroek",
        category="traditie",
        why=(
            "Weken sprokkelen de jongeren hout, en op eerste paasdag staat het hele "
            "buurtschap rond het vuur. Ook wie ver weg woont, komt dan thuis."
        ),
        nominated_by=BERT,
        caretakers=("Paasvuur-comité Spierenbroek",),
        appreciations=(
            A(JAN, "Warm gezicht, koude rug, en iedereen die je kent om je heen."),
            A(JEROEN, "Een traditie die de jongeren zelf dragen.", with_name=True),
        ),
    ),
)


def demo_categories() -> dict[str, JewelCategory]:
    """The categories by slug; the starting ones are made again where a test emptied the
    database after the migrations seeded them."""
    add_jewel_categories(JewelCategory)
    return {category.slug: category for category in JewelCategory.objects.all()}


def add_jewels(context: DemoContext) -> None:
    """Some twenty-five crown jewels of every category, with appreciations in words."""
    existing = set(
        CrownJewel.objects.filter(name__in=[spec.name for spec in JEWELS]).values_list(
            "name", flat=True
        )
    )
    emails = {spec.nominated_by for spec in JEWELS} | {
        words.author for spec in JEWELS for words in spec.appreciations
    }
    people = {user.email: user for user in User.objects.filter(email__in=emails)}
    kernen = {kern.name: kern for kern in Kern.objects.all()}
    categories = demo_categories()
    caretakers = {
        initiative.name: initiative
        for initiative in Initiative.objects.filter(
            name__in={name for spec in JEWELS for name in spec.caretakers}
        )
    }
    places = scatters()
    created = 0
    with no_member_emails():
        for spec in JEWELS:
            if spec.name in existing:
                continue
            kern = kernen[spec.kern]
            data = services.JewelData(
                name=spec.name,
                category=categories[spec.category],
                why=spec.why,
                description=spec.description,
                kern=kern,
                location=places[spec.kern].point(spec.name) if spec.on_map else None,
                photo=draw_photo(spec.photo) if spec.photo else None,
                photo_description=spec.photo.description if spec.photo else "",
                caretakers=[caretakers[name] for name in spec.caretakers],
                person_email=spec.person_email,
            )
            jewel = services.nominate_jewel(people[spec.nominated_by], data)
            if spec.consent_given:
                services.answer_gift_consent(jewel, agree=True)
            for words in spec.appreciations:
                services.appreciate_jewel(
                    jewel,
                    people[words.author],
                    words.text,
                    signed_as=SignedAs.NAME if words.with_name else SignedAs.KERN,
                    author_kern=kernen[words.kern or spec.kern],
                )
            context.say(f"  {jewel.name} ({jewel.category})", verbosity=2)
            created += 1
    context.say(
        _("Crown jewels: %(created)s created, %(total)s in the demo")
        % {"created": created, "total": len(JEWELS)}
    )


def draw_photo(spec: DemoPhoto):
    """A pleasant, simple picture, prepared as any uploaded photo is (the story demo
    draws its photos here too)."""
    width, height = PHOTO_SIZE
    image = Image.new("RGB", PHOTO_SIZE)
    top, bottom = _rgb(spec.top), _rgb(spec.bottom)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        share = y / (height - 1)
        colour = tuple(round(a + (b - a) * share) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    ground = height * 3 // 4
    draw.rectangle([0, ground, width, height], fill="#7d9a5b")
    _SHAPES[spec.shape](draw, width, ground)
    output = BytesIO()
    image.save(output, format="PNG")
    return photos.prepare_photo(ContentFile(output.getvalue(), name="kroonjuweel.png"))


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _tower(draw: ImageDraw.ImageDraw, width: int, ground: int) -> None:
    middle = width // 2
    draw.rectangle([middle - 50, ground - 300, middle + 50, ground], fill="#8a6d5a")
    draw.polygon(
        [(middle - 65, ground - 300), (middle + 65, ground - 300), (middle, ground - 440)],
        fill="#4f5d6b",
    )
    draw.ellipse([middle - 22, ground - 250, middle + 22, ground - 206], fill="#f3e2b8")


def _tree(draw: ImageDraw.ImageDraw, width: int, ground: int) -> None:
    middle = width // 2
    draw.rectangle([middle - 22, ground - 170, middle + 22, ground], fill="#6b4f35")
    draw.ellipse([middle - 190, ground - 400, middle + 190, ground - 120], fill="#4f8a3c")


def _house(draw: ImageDraw.ImageDraw, width: int, ground: int) -> None:
    middle = width // 2
    draw.rectangle([middle - 180, ground - 170, middle + 180, ground], fill="#b5523b")
    draw.polygon(
        [(middle - 210, ground - 170), (middle + 210, ground - 170), (middle, ground - 330)],
        fill="#5b3a2e",
    )
    draw.rectangle([middle - 30, ground - 100, middle + 30, ground], fill="#3d2b22")


def _water(draw: ImageDraw.ImageDraw, width: int, ground: int) -> None:
    draw.rectangle([0, ground - 60, width, ground + 60], fill="#4a86b5")
    rng = random.Random("golfjes")
    for _wave in range(24):
        x, y = rng.randrange(width), rng.randrange(ground - 50, ground + 50)
        draw.arc([x, y, x + 60, y + 16], 200, 340, fill="#d6e9f5", width=3)


def _sun(draw: ImageDraw.ImageDraw, width: int, ground: int) -> None:
    middle = width // 2
    draw.ellipse([middle - 90, ground - 150, middle + 90, ground + 30], fill="#f2a14a")
    for step in range(12):
        angle = step * math.pi / 6
        start = (middle + 115 * math.cos(angle), ground - 60 + 115 * math.sin(angle))
        end = (middle + 160 * math.cos(angle), ground - 60 + 160 * math.sin(angle))
        draw.line([start, end], fill="#f2a14a", width=6)
    draw.rectangle([0, ground, width, ground + 200], fill="#7d6a8a")


_SHAPES = {"tower": _tower, "tree": _tree, "house": _house, "water": _water, "sun": _sun}


# --- The large demo ---------------------------------------------------------------------

LARGE_JEWEL_COUNT = 300
LARGE_SLUG_PREFIX = "demo-kroonjuweel-"
LARGE_SEED = "kompas-kroonjuwelen"
_RESIDENTS = [SANNE, *(resident.email for resident in RESIDENTS)]
ON_THE_MAP = 0.7

# What a village values, per category (a person's gift needs a real person's yes: none).
THINGS = {
    "plek": ("Het bankje bij de vijver", "De brink", "Het pleintje bij de school"),
    "gebouw": ("De oude school", "De molen", "Het stationnetje"),
    "vereniging": ("De toneelvereniging", "De biljartclub", "De volksdansgroep"),
    "traditie": ("De sinterklaasintocht", "Het midzomerfeest", "De nieuwjaarsduik"),
    "natuur": ("De eikenlaan", "Het ven", "De boomgaard"),
    "lokale-economie": ("De slager", "De fietsenmaker", "De kapper op de hoek"),
    "verhaal": (
        "Het verhaal van de strenge winter",
        "Het verhaal van de eerste bus",
        "Het verhaal van de verdwenen kapel",
    ),
}
WHYS = (
    "Iedereen in {kern} kent het, en iedereen heeft er een verhaal over.",
    "Hier komen jong en oud in {kern} elkaar tegen, zonder afspraak.",
    "Als dit er niet meer was, zou {kern} niet meer hetzelfde zijn.",
    "Wie in {kern} opgroeit, neemt dit de rest van zijn leven mee.",
)
WORDS = (
    "Hier voel ik me thuis.",
    "Mijn kinderen zijn er groot mee geworden.",
    "Elke keer als ik er langs kom, word ik er blij van.",
    "Zo'n plek moet je koesteren.",
)


def add_many_jewels(context: DemoContext) -> None:
    """For benchmarks (``--size large``): a few hundred generated jewels more, written
    with ``bulk_create``, each with a few words of appreciation."""
    if context.size != DemoSize.LARGE:
        return
    created = create_many_jewels(LARGE_JEWEL_COUNT)
    context.say(
        _("Generated crown jewels: %(created)s created, %(total)s in the demo")
        % {"created": created, "total": LARGE_JEWEL_COUNT}
    )


def create_many_jewels(count: int = LARGE_JEWEL_COUNT) -> int:
    """Make generated jewels 1 to ``count`` that do not exist yet; returns how many.
    Jewel number ``n`` always comes out the same (its generator is seeded with ``n``)."""
    existing = set(
        CrownJewel.objects.filter(slug__startswith=LARGE_SLUG_PREFIX).values_list("slug", flat=True)
    )
    missing = [n for n in range(1, count + 1) if _large_slug(n) not in existing]
    if not missing:
        return 0
    residents = list(User.objects.filter(email__in=_RESIDENTS).order_by("email"))
    categories = demo_categories()
    places = scatters()
    combinations = [
        (slug, thing, kern)
        for slug, things in THINGS.items()
        for thing in things
        for kern in sorted(places)
    ]
    # Every category and kern early on, in the same order on every run.
    random.Random(LARGE_SEED).shuffle(combinations)
    jewels, words = [], []
    for number in missing:
        rng = random.Random(f"{LARGE_SEED}:{number}")
        slug, thing, kern = combinations[(number - 1) % len(combinations)]
        round_ = (number - 1) // len(combinations)
        place = places[kern]
        jewel_slug = _large_slug(number)
        jewels.append(
            CrownJewel(
                name=f"{thing} in {kern}" + (f" ({round_ + 1})" if round_ else ""),
                slug=jewel_slug,
                category=categories[slug],
                why=rng.choice(WHYS).format(kern=kern),
                kern=place.kern,
                location=place.point(jewel_slug) if rng.random() < ON_THE_MAP else None,
                nominated_by=rng.choice(residents) if residents else None,
            )
        )
        words.append(rng.sample(WORDS, k=rng.randint(0, 2)))
    CrownJewel.objects.bulk_create(jewels, batch_size=1000)
    ids = dict(
        CrownJewel.objects.filter(slug__startswith=LARGE_SLUG_PREFIX).values_list("slug", "pk")
    )
    for jewel in jewels:
        jewel.pk = ids[jewel.slug]
    CrownJewel.history.bulk_history_create(jewels, default_change_reason=CHANGE_REASON)
    appreciations = [
        Appreciation(
            jewel=jewel,
            author=random.Random(f"{jewel.slug}:{text}").choice(residents),
            text=text,
            signed_as=SignedAs.KERN,
            author_kern=jewel.kern,
        )
        for jewel, texts in zip(jewels, words, strict=True)
        for text in texts
        if residents
    ]
    Appreciation.objects.bulk_create(appreciations, batch_size=1000)
    Appreciation.history.bulk_history_create(appreciations, default_change_reason=CHANGE_REASON)
    return len(jewels)


def _large_slug(number: int) -> str:
    return f"{LARGE_SLUG_PREFIX}{number:05d}"
