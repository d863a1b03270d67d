"""Demo stories and obstacles: what the initiatives of Markeveld tell in their own words,
and where the system world was in their way.

Stories by a dozen initiatives, most for everyone, two shared with staff only, a few with
a photo (drawn as the crown jewels' are) and a reaction of a colleague beside two of them.
Obstacles in nearly every kind of seed 004, over the last twelve months, in a department
or another organisation, for everyone or shared with staff; some answered, with every
status; one linked to the conversation in which it came up.

Everything goes through ``initiatives.services`` as it would on the site, without email
(``no_member_emails``). A story whose initiative already has that title, or an obstacle
whose initiative already reported those words, is left as it is: running the demo twice
changes nothing.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import Department, User
from conversations.models import Conversation
from demo.context import DemoContext
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
    ROELIE,
    SANNE,
    TINEKE,
)
from demo.jewels import DemoPhoto, draw_photo
from initiatives.models import Initiative
from kompas.choices import ObstacleStatus, Visibility
from kompas.words import add_obstacle_categories
from obstacles import services as obstacles_services
from obstacles.models import Obstacle, ObstacleCategory
from stories import services as stories_services
from stories.models import Story

JEROEN = "ambtenaar@example.org"  # Sociaal team
WIM = "openbareruimte@example.org"  # Openbare ruimte
LOTTE = "communicatie@example.org"  # Communicatie
ESRA = "balie@example.org"  # Publiekszaken
KEES = "opbouwwerker@example.org"  # Welzijn Markeveld


@dataclass(frozen=True)
class DemoReaction:
    author: str
    text: str


@dataclass(frozen=True)
class DemoStory:
    initiative: str
    author: str
    title: str
    text: str
    days_ago: int
    shared: bool = False  # shared with staff only, not for everyone
    photo: DemoPhoto | None = None
    reaction: DemoReaction | None = None


@dataclass(frozen=True)
class DemoAnswer:
    author: str
    status: ObstacleStatus
    text: str


@dataclass(frozen=True)
class DemoConversationLink:
    """The demo conversation it came up in: its author and how what they learned begins."""

    author: str
    learned_starts: str


@dataclass(frozen=True)
class DemoObstacle:
    initiative: str
    reported_by: str
    category: str  # an ObstacleCategory slug
    what_happened: str
    days_ago: int
    department: str = ""  # a demo department, or
    organisation: str = ""  # another organisation
    public: bool = True
    answer: DemoAnswer | None = None
    conversation: DemoConversationLink | None = None


STORIES = (
    DemoStory(
        initiative="Repair Café Markeveld",
        author=BERT,
        title="De honderdste broodrooster",
        text=(
            "Zaterdag stond hij op tafel: broodrooster nummer honderd. Van mevrouw Lanting, "
            "die hem in 1987 kreeg als huwelijkscadeau. Het was een los draadje, tien minuten "
            "werk. Ze bleef nog twee uur, want aan de koffietafel zat een oud-buurman die ze "
            "dertig jaar niet gesproken had.\n\n"
            "Dit jaar hebben we 412 spullen gerepareerd. Maar eerlijk gezegd tellen we vooral "
            "de mensen die terugkomen zonder iets kapots bij zich."
        ),
        days_ago=18,
        photo=DemoPhoto("#f2d5a9", "#fbefe0", "house", "Tekening van het buurthuis"),
        reaction=DemoReaction(
            LOTTE,
            "Wat een mooi verhaal. Mogen we het in de nieuwsbrief van de gemeente overnemen, "
            "met jullie naam erbij en zonder er iets aan te veranderen?",
        ),
    ),
    DemoStory(
        initiative="Speeltuinvereniging De Klimboom",
        author=SANNE,
        title="De kabelbaan hangt!",
        text=(
            "Twee jaar sparen met de vrijmarkt op Koningsdag, de statiegeldactie bij de "
            "supermarkt en een heleboel pannenkoeken. Vorige week hebben vijf vaders en twee "
            "moeders de palen gezet en zaterdag ging het eerste kind naar beneden. De rij was "
            "tot het hek.\n\nDank aan iedereen die een flesje inleverde."
        ),
        days_ago=35,
        photo=DemoPhoto(
            "#a9d6f2", "#e6f4fb", "tree", "Tekening van de grote boom bij de speeltuin"
        ),
    ),
    DemoStory(
        initiative="Moestuin Achter de Kerk",
        author=HARM,
        title="Pompoenen voor de wereldkeuken",
        text=(
            "We hadden dit jaar veel te veel pompoenen. Nu gaat er elke vrijdag een krat naar "
            "de Wereldkeuken, en op de oogstdag kwamen zij bij ons koken: soep uit Eritrea, "
            "van onze eigen pompoenen. Drie nieuwe tuinders hebben zich die middag gemeld."
        ),
        days_ago=62,
        photo=DemoPhoto("#f6c77b", "#f9ecd2", "sun", "Tekening van de zon boven de moestuin"),
    ),
    DemoStory(
        initiative="Wensbus Holtwolde e.o.",
        author=JAN,
        title="Tienduizend kilometer",
        text=(
            "De bus heeft dit voorjaar de tienduizendste kilometer gereden. Naar de "
            "huisarts, de kapper, het ziekenhuis in de stad en één keer naar een bruiloft. "
            "Onze chauffeurs kennen elke weg, elke boerderij en elke hond langs de route. "
            "Wie wil meerijden, belt gewoon de dag van tevoren."
        ),
        days_ago=95,
    ),
    DemoStory(
        initiative="Taalcafé Praat Mee",
        author=MEHMET,
        title="Zelf de huisarts gebeld",
        text=(
            "Amina vertelde vanochtend trots dat ze deze week zelf de huisarts heeft gebeld. "
            "Zonder haar dochter erbij. We hebben geklapt. Volgende maand beginnen we met een "
            "tweede tafel op donderdagavond, voor wie overdag werkt."
        ),
        days_ago=12,
    ),
    DemoStory(
        initiative="Energiecoöperatie Esser Energie",
        author=KLAAS,
        title="Tweehonderd panelen op de schuur",
        text=(
            "Op de schuur van de familie Ter Horst liggen nu tweehonderd panelen van 86 "
            "huishoudens uit het dorp. De opbrengst gaat voor een deel naar het dorpsfonds. "
            "Op de ledenavond zaten er meer mensen dan stoelen."
        ),
        days_ago=125,
        photo=DemoPhoto("#ffd27a", "#fff3d6", "sun", "Tekening van de zon boven Esserhorst"),
    ),
    DemoStory(
        initiative="Huiskamer van Zuid",
        author=TINEKE,
        title="Wat er op een dinsdag gebeurt",
        text=(
            "Voor de gemeente, omdat jullie vroegen hoe het gaat. Op dinsdag zitten er zo'n "
            "vijftien mensen aan tafel. Meneer K. komt sinds de zomer; eerst zei hij niets, nu "
            "schenkt hij de koffie en weet hij wie suiker wil. Zo gaat het meestal: eerst "
            "komen, dan blijven, dan meedoen."
        ),
        days_ago=9,
        shared=True,
    ),
    DemoStory(
        initiative="Dorpshuis Het Markehuus",
        author=HARM,
        title="Het dak is dicht",
        text=(
            "Na drie natte winters is het dak van het Markehuus dicht. Twaalf vrijwilligers, "
            "vier zaterdagen, en de bakker bracht elke keer krentenbollen. Het toneel kan "
            "weer repeteren zonder emmers op het podium."
        ),
        days_ago=155,
        photo=DemoPhoto(
            "#c9d7e8", "#eef3f9", "house", "Tekening van het dorpshuis met het nieuwe dak"
        ),
    ),
    DemoStory(
        initiative="Groengroep Witteloo",
        author=ROELIE,
        title="Een bloemenlint langs de Esweg",
        text=(
            "Samen met de imkers uit Ansingeveen hebben we een lint van een kilometer "
            "ingezaaid langs de Esweg. In juni stond het vol klaprozen en korenbloemen, en "
            "de bijen vonden het ook."
        ),
        days_ago=205,
    ),
    DemoStory(
        initiative="Zorgcoöperatie Noordermarke",
        author=JOKE,
        title="Ons jaar, in onze eigen woorden",
        text=(
            "In plaats van het verantwoordingsformulier: zo ging ons jaar. De open tafel op "
            "woensdag heeft elke week gedraaid, gemiddeld dertig mensen. Onze vrijwilligers "
            "reden 640 keer naar de stad. Twee mensen konden langer thuis blijven wonen "
            "omdat de buren het samen regelden. En we zijn moe, maar trots.\n\n"
            "De cijfers staan in de bijlage; het verhaal staat hier."
        ),
        days_ago=45,
        shared=True,
        reaction=DemoReaction(
            JEROEN,
            "Dank jullie wel. Dit lezen we liever dan welk formulier ook; we nemen het zo mee "
            "in het gesprek over volgend jaar.",
        ),
    ),
    DemoStory(
        initiative="Paasvuur-comité Spierenbroek",
        author=KLAAS,
        title="Het vuur brandde",
        text=(
            "Na twee jaar zonder vuur brandde het weer op de es. Het hele dorp hielp "
            "snoeihout verzamelen, de jeugd hield 's nachts de wacht en de brandweer stond "
            "erbij met koffie. Volgend jaar weer."
        ),
        days_ago=225,
    ),
)


OBSTACLES = (
    DemoObstacle(
        initiative="Repair Café Markeveld",
        reported_by=BERT,
        category="past-niet-in-de-subsidiecriteria",
        what_happened=(
            "We vroegen een bijdrage voor een werkbank en een nieuwe soldeerbout. Repareren "
            "past niet in de subsidiecriteria, hoorden we, want we hebben geen sociaal doel. "
            "Terwijl er elke zaterdag dertig mensen aan de koffietafel zitten."
        ),
        days_ago=300,
        department="Economie en vrije tijd",
        answer=DemoAnswer(
            JEROEN,
            ObstacleStatus.LEARNED,
            "Terecht. De criteria kijken naar de activiteit, niet naar wat er aan de "
            "koffietafel gebeurt. Dat nemen we mee in de nieuwe regeling; tot die tijd kan "
            "het uit het buurtbudget.",
        ),
    ),
    DemoObstacle(
        initiative="Speeltuinvereniging De Klimboom",
        reported_by=SANNE,
        category="daar-is-geen-budget-voor-gereserveerd",
        what_happened=(
            "Voor de valondergrond onder de nieuwe kabelbaan vroegen we een bijdrage, omdat "
            "de speeltuin voor iedereen open is. Daar was geen budget voor gereserveerd, de "
            "begroting lag al vast."
        ),
        days_ago=180,
        department="Openbare ruimte",
        answer=DemoAnswer(
            WIM,
            ObstacleStatus.SOLVED,
            "We hadden houtsnippers over van het snoeiwerk in Zuid. Die zijn gebracht; de "
            "vereniging heeft ze zelf uitgereden.",
        ),
    ),
    DemoObstacle(
        initiative="Wensbus Holtwolde e.o.",
        reported_by=HARM,
        category="dan-moet-u-bij-een-collega-zijn",
        what_happened=(
            "We zoeken een plek voor de bus en vroegen naar de lege loods aan de Werkweg. "
            "Drie keer doorverbonden: dan moest u bij een collega zijn. De vierde collega "
            "wist het ook niet."
        ),
        days_ago=255,
        department="Ruimtelijke ontwikkeling",
        answer=DemoAnswer(
            WIM,
            ObstacleStatus.LOOKING,
            "We zijn samen met de chauffeurs gaan kijken. Met Vastgoed zoeken we uit of de "
            "bus er tijdelijk in kan; u hoort het van mij zodra het zeker is.",
        ),
        conversation=DemoConversationLink(WIM, "Samen met twee chauffeurs de loods"),
    ),
    DemoObstacle(
        initiative="Moestuin Achter de Kerk",
        reported_by=HARM,
        category="mag-niet-volgens-de-wet",
        what_happened=(
            "We wilden de groente die over is aan de weg verkopen, voor de pot van de tuin. "
            "Dat mag niet volgens de wet zonder vergunning, hoorden we: dan zijn we "
            "ondernemer."
        ),
        days_ago=110,
        department="Vergunningen en handhaving",
        public=False,
    ),
    DemoObstacle(
        initiative="Energiecoöperatie Esser Energie",
        reported_by=GERRIT,
        category="kan-niet-volgens-het-bestemmingsplan",
        what_happened=(
            "Zonnepanelen op het veld achter de ijsbaan, van en voor het dorp. Dat kan niet "
            "volgens het bestemmingsplan, want het veld is agrarisch."
        ),
        days_ago=330,
        department="Ruimtelijke ontwikkeling",
        answer=DemoAnswer(
            WIM,
            ObstacleStatus.LOOKING,
            "Een tijdelijke afwijking voor vijftien jaar is mogelijk. Een collega van "
            "Ruimtelijke ontwikkeling komt langs om de aanvraag samen in te vullen.",
        ),
    ),
    DemoObstacle(
        initiative="Taalcafé Praat Mee",
        reported_by=FATIMA,
        category="valt-u-onder-zorg-of-onder-welzijn-of",
        what_happened=(
            "Voor een bijdrage aan lesboeken werden we van het Sociaal team naar Welzijn "
            "gestuurd en weer terug. Niemand wist of een taalcafé onder zorg, welzijn of "
            "onderwijs valt."
        ),
        days_ago=140,
        department="Sociaal team",
        answer=DemoAnswer(
            KEES,
            ObstacleStatus.SOLVED,
            "Het taalcafé kan voortaan bij Welzijn Markeveld terecht, bij één vast "
            "aanspreekpunt. De boeken voor dit jaar zijn besteld.",
        ),
    ),
    DemoObstacle(
        initiative="Sociale coöperatie De Hooiberg",
        reported_by=KLAAS,
        category="is-de-continuiteit-wel-gegarandeerd",
        what_happened=(
            "We boden aan het groen in het Stationspark te onderhouden, met mensen uit de "
            "buurt. De eerste vraag was of de continuïteit wel gegarandeerd is. Wij bestaan "
            "acht jaar; de vorige aannemer twee."
        ),
        days_ago=60,
        department="Openbare ruimte",
    ),
    DemoObstacle(
        initiative="Dorpshuis Het Markehuus",
        reported_by=GERRIT,
        category="vul-eerst-maar-eens-het-formulier-in",
        what_happened=(
            "We belden over een bijdrage voor de nieuwe cv-ketel. Eerst maar eens het "
            "formulier invullen: veertien pagina's, met een begroting voor drie jaar."
        ),
        days_ago=200,
        department="Economie en vrije tijd",
        public=False,
        answer=DemoAnswer(
            JEROEN,
            ObstacleStatus.LEARNED,
            "Veertien pagina's voor een ketel is te veel. Voor een bijdrage onder de vijfduizend "
            "euro is er nu een aanvraag van één pagina, en we komen liever langs.",
        ),
    ),
    DemoObstacle(
        initiative="Jeugdsoos De Kelder",
        reported_by=KLAAS,
        category="kom-over-een-jaar-nog-eens-terug",
        what_happened=(
            "De jongeren willen een eigen muziekavond in de kelder. Een mooi plan, vond de "
            "gemeente, maar kom over een jaar nog eens terug, als het nieuwe beleid voor "
            "jongerenwerk klaar is."
        ),
        days_ago=95,
        department="Economie en vrije tijd",
        answer=DemoAnswer(
            KEES,
            ObstacleStatus.LOOKING,
            "Voor een muziekavond hoeft geen beleid af te zijn. We komen op de eerste vrijdag "
            "van de maand kijken wat er nodig is.",
        ),
    ),
    DemoObstacle(
        initiative="Historische Vereniging Zuidermarke",
        reported_by=GERRIT,
        category="het-ligt-op-de-stapel",
        what_happened=(
            "In maart vroegen we of we de oude kaarten van de gemeente mochten scannen. In "
            "juli lag het verzoek nog op de stapel."
        ),
        days_ago=240,
        department="Publiekszaken",
        answer=DemoAnswer(
            ESRA,
            ObstacleStatus.SOLVED,
            "Sorry voor het wachten. De kaarten liggen klaar in het archief; op dinsdag en "
            "donderdag kunt u komen scannen.",
        ),
    ),
    DemoObstacle(
        initiative="Dorpscoöperatie Brunsveen",
        reported_by=BERT,
        category="probeer-het-eerst-bij-de-provincie",
        what_happened=(
            "Voor glasvezel naar de boerderijen in het buitengebied stuurde de gemeente ons "
            "naar de provincie, en de provincie ons weer naar de gemeente."
        ),
        days_ago=170,
        organisation="Provincie",
        public=False,
    ),
    DemoObstacle(
        initiative="Zonnedak op de gymzaal",
        reported_by=MEHMET,
        category="de-wethouder-ziet-het-niet-zitten",
        what_happened=(
            "Het dak van de gymzaal is van de gemeente. De ambtenaren waren enthousiast, "
            "maar we hoorden dat de wethouder het niet ziet zitten zolang de gymzaal "
            "misschien nog wordt gesloopt."
        ),
        days_ago=75,
        department="Ruimtelijke ontwikkeling",
        public=False,
    ),
    DemoObstacle(
        initiative="Plaatselijk Belang Esserhorst",
        reported_by=BERT,
        category="we-hadden-toch-iets-anders-afgesproken",
        what_happened=(
            "Op de dorpsavond zei de gemeente toe dat de bushalte bij de school terugkomt. "
            "Een half jaar later kwam er een brief: we hadden toch iets anders afgesproken? "
            "De afspraak staat in ons verslag."
        ),
        days_ago=30,
        department="Openbare ruimte",
        answer=DemoAnswer(
            WIM,
            ObstacleStatus.LOOKING,
            "U hebt gelijk, het staat in het verslag. We zoeken uit waar het misging en "
            "vertellen op de volgende dorpsavond hoe het verder gaat.",
        ),
    ),
    DemoObstacle(
        initiative="Wooncoöperatie Het Erf",
        reported_by=ANNEMIEK,
        category="regels-zijn-regels-daar-kan-ik-niks-aan-doen",
        what_happened=(
            "Acht huizen voor ouderen uit het dorp, in eigen beheer. De toewijzing moet via "
            "de woningcorporatie, dus we mogen niet zelf kiezen wie er komt wonen. Regels "
            "zijn regels, kregen we te horen."
        ),
        days_ago=15,
        organisation="Woningcorporatie",
    ),
    DemoObstacle(
        initiative="Wereldkeuken Markeveld",
        reported_by=MEHMET,
        category="sorry-daar-is-nu-geen-tijd-voor",
        what_happened=(
            "We wilden op de Dag van de Buren koken op het Marktplein en vroegen hulp bij de "
            "vergunning. Sorry, daar was nu geen tijd voor: het was te druk met de kermis."
        ),
        days_ago=190,
        department="Vergunningen en handhaving",
        answer=DemoAnswer(
            JEROEN,
            ObstacleStatus.LEARNED,
            "Druk is geen antwoord. Voor kleine activiteiten in de buurt is een melding nu "
            "genoeg, en er is één vast aanspreekpunt.",
        ),
    ),
    DemoObstacle(
        initiative="IJsclub De Geeserbaan",
        reported_by=KEES,
        category="werk-het-eerst-eens-beter-uit",
        what_happened=(
            "Opgeschreven namens de ijsclub: ze vroegen of de ijsbaan mag onderlopen nu het "
            "minder vaak vriest. Het plan moest eerst eens beter worden uitgewerkt, maar "
            "niemand zei wat er dan ontbrak."
        ),
        days_ago=50,
        department="Economie en vrije tijd",
        public=False,
    ),
    DemoObstacle(
        initiative="Kerstmarkt-comité Witteloo",
        reported_by=FROUKE,
        category="geen-prioriteit",
        what_happened=(
            "Voor de kerstmarkt vroegen we of de verlichting op het plein een uur langer aan "
            "kon. Geen prioriteit, was het antwoord."
        ),
        days_ago=350,
        department="Openbare ruimte",
        answer=DemoAnswer(
            WIM,
            ObstacleStatus.LEARNED,
            "Het was één schakelklok. Bij dorpsfeesten zetten we de verlichting voortaan op "
            "verzoek langer aan.",
        ),
    ),
    DemoObstacle(
        initiative="Buurtwerkbedrijf De Werkplaats",
        reported_by=JAN,
        category="dan-moet-je-bij-een-andere-instantie-zijn",
        what_happened=(
            "Iemand wilde bij ons komen werken met behoud van uitkering. De gemeente stuurde "
            "ons naar het UWV, het UWV weer naar de gemeente."
        ),
        days_ago=125,
        organisation="UWV",
        answer=DemoAnswer(
            JEROEN,
            ObstacleStatus.LOOKING,
            "We bellen het UWV zelf en komen met één antwoord terug, in plaats van u nog "
            "eens door te sturen.",
        ),
    ),
    DemoObstacle(
        initiative="Zorgcoöperatie Noordermarke",
        reported_by=JOKE,
        category="compliment-maar-het-regionaal-beleid-zit-tegen",
        what_happened=(
            "Voor onze dagopvang kregen we van iedereen complimenten. Maar de inkoop is "
            "regionaal geregeld, en daar passen kleine aanbieders uit een dorp niet in."
        ),
        days_ago=265,
        department="Sociaal team",
        answer=DemoAnswer(
            JEROEN,
            ObstacleStatus.LOOKING,
            "We brengen het in bij het regionale overleg over de inkoop, met jullie verhaal erbij.",
        ),
    ),
    DemoObstacle(
        initiative="Beweegtuin Aalderveen",
        reported_by=TINEKE,
        category="anders",
        what_happened=(
            "De toestellen staan er, maar het pad ernaartoe is van het waterschap, en niemand "
            "maait het. Met een rollator kom je er nu niet."
        ),
        days_ago=5,
        organisation="Waterschap",
    ),
)


def add_stories(context: DemoContext) -> None:
    """A dozen stories by the initiatives themselves, and reactions of colleagues."""
    initiatives = _initiatives({spec.initiative for spec in STORIES})
    people = _people(
        {spec.author for spec in STORIES}
        | {spec.reaction.author for spec in STORIES if spec.reaction}
    )
    written = set(
        Story.objects.filter(initiative__in=initiatives.values()).values_list(
            "initiative__name", "title"
        )
    )
    today = timezone.localdate()
    created = 0
    with no_member_emails():
        for spec in STORIES:
            if (spec.initiative, spec.title) in written:
                continue
            photos = [(draw_photo(spec.photo), spec.photo.description)] if spec.photo else []
            story = stories_services.write_story(
                initiatives[spec.initiative],
                people[spec.author],
                stories_services.StoryData(
                    title=spec.title,
                    text=spec.text,
                    date=today - timedelta(days=spec.days_ago),
                    visibility=Visibility.SHARED if spec.shared else Visibility.PUBLIC,
                    photos=photos,
                ),
            )
            if spec.reaction:
                stories_services.react_to_story(
                    story, people[spec.reaction.author], spec.reaction.text
                )
            context.say(f"  {story.date}: {story.title}", verbosity=2)
            created += 1
    context.say(
        _("Stories: %(created)s created, %(total)s in the demo")
        % {"created": created, "total": len(STORIES)}
    )


def demo_obstacle_categories() -> dict[str, ObstacleCategory]:
    """The kinds of obstacle by slug; the starting ones are made again where a test emptied
    the database after the migrations seeded them."""
    add_obstacle_categories(ObstacleCategory)
    return {category.slug: category for category in ObstacleCategory.objects.all()}


def add_obstacles(context: DemoContext) -> None:
    """Some twenty obstacles of the last twelve months in nearly every kind, some answered."""
    initiatives = _initiatives({spec.initiative for spec in OBSTACLES})
    people = _people(
        {spec.reported_by for spec in OBSTACLES}
        | {spec.answer.author for spec in OBSTACLES if spec.answer}
    )
    reported = set(
        Obstacle.objects.filter(initiative__in=initiatives.values()).values_list(
            "initiative__name", "what_happened"
        )
    )
    categories = demo_obstacle_categories()
    departments = {department.name: department for department in Department.objects.all()}
    today = timezone.localdate()
    created = 0
    with no_member_emails():
        for spec in OBSTACLES:
            if (spec.initiative, spec.what_happened) in reported:
                continue
            initiative = initiatives[spec.initiative]
            obstacle = obstacles_services.report_obstacle(
                initiative,
                people[spec.reported_by],
                obstacles_services.ObstacleData(
                    what_happened=spec.what_happened,
                    category=categories[spec.category],
                    happened_on=today - timedelta(days=spec.days_ago),
                    visibility=Visibility.PUBLIC if spec.public else Visibility.SHARED,
                    department=departments[spec.department] if spec.department else None,
                    organisation=spec.organisation,
                    conversations=_conversations(spec, initiative),
                ),
            )
            if spec.answer:
                obstacles_services.answer_obstacle(
                    obstacle,
                    people[spec.answer.author],
                    status=spec.answer.status,
                    answer=spec.answer.text,
                )
            context.say(f"  {obstacle.happened_on}: {obstacle}", verbosity=2)
            created += 1
    context.say(
        _("Obstacles: %(created)s created, %(total)s in the demo")
        % {"created": created, "total": len(OBSTACLES)}
    )


def _initiatives(names: set[str]) -> dict[str, Initiative]:
    slugs = {slugify(name): name for name in names}
    found = Initiative.objects.filter(slug__in=slugs).in_bulk(field_name="slug")
    missing = sorted(set(slugs) - set(found))
    if missing:
        raise LookupError(f"Demo stories or obstacles of initiatives that are not there: {missing}")
    return {slugs[slug]: initiative for slug, initiative in found.items()}


def _people(emails: set[str]) -> dict[str, User]:
    return {user.email: user for user in User.objects.filter(email__in=emails)}


def _conversations(spec: DemoObstacle, initiative: Initiative) -> list[Conversation]:
    if spec.conversation is None:
        return []
    conversation = Conversation.objects.filter(
        author__email=spec.conversation.author,
        learned__startswith=spec.conversation.learned_starts,
        initiatives=initiative,
    ).first()
    if conversation is None:
        raise LookupError(f"No demo conversation begins with {spec.conversation.learned_starts!r}")
    return [conversation]
