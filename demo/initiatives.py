"""The initiatives of Markeveld, in their own words, and the residents who speak for them.

Every text here is written as the community would write it about itself: what they do,
what they are good at, what they would like and which ideas they keep in the attic.
Where the municipality entered an initiative it heard of, the text is the civil servant's
and reads like it. The words Kompas avoids (``kompas.words``) appear nowhere;
a test checks that.

An initiative's ``status`` is where it ends up. The demo step gets it there the way a
person would: a resident puts it on the map (and may end it later), or staff enter one
they heard of, a resident asks to join, staff confirm and the member rewrites the text.
"""

from dataclasses import dataclass

from django.utils.text import slugify

from initiatives.models import Ownership
from kompas.choices import InitiativeStatus as Status

STAFF_EMAIL = "ambtenaar@example.org"
SANNE = "inwoner@example.org"


@dataclass(frozen=True)
class DemoResident:
    email: str
    name: str


# Residents who speak for the demo initiatives; they sign in with an emailed code.
RESIDENTS = (
    DemoResident("inwoner2@example.org", "Frouke Dijkstra"),
    DemoResident("inwoner3@example.org", "Gerrit Lubbers"),
    DemoResident("inwoner4@example.org", "Annemiek Kuipers"),
    DemoResident("inwoner5@example.org", "Jan Zwiers"),
    DemoResident("inwoner6@example.org", "Roelie Hadders"),
    DemoResident("inwoner7@example.org", "Mehmet Yılmaz"),  # noqa: RUF001 (a Turkish dotless i)
    DemoResident("inwoner8@example.org", "Tineke Bakker"),
    DemoResident("inwoner9@example.org", "Bert Wolters"),
    DemoResident("inwoner10@example.org", "Fatima El Amrani"),
    DemoResident("inwoner11@example.org", "Harm Jalving"),
    DemoResident("inwoner12@example.org", "Joke Nijenhuis"),
    DemoResident("inwoner13@example.org", "Klaas Hulshof"),
)

FROUKE, GERRIT, ANNEMIEK, JAN, ROELIE, MEHMET = (r.email for r in RESIDENTS[:6])
TINEKE, BERT, FATIMA, HARM, JOKE, KLAAS = (r.email for r in RESIDENTS[6:])


@dataclass(frozen=True)
class DemoNote:
    """A note by the demo civil servant beside an initiative's own text."""

    text: str
    internal: bool = False


@dataclass(frozen=True)
class DemoJoin:
    """A resident asks to speak for an initiative staff entered; ``accepted`` or pending."""

    email: str
    message: str
    accepted: bool = False


@dataclass(frozen=True)
class DemoInitiative:
    name: str
    kern: str
    kinds: tuple[str, ...]
    status: Status
    ownership: Ownership | None
    description: str
    offers: tuple[str, ...] = ()
    offers_text: str = ""
    wishes: tuple[str, ...] = ()
    wishes_text: str = ""
    ideas: str = ""
    # Who speaks for it; the first put it on the map. None: entered by staff, no members.
    members: tuple[str, ...] = ()
    # What staff wrote when they first entered it, before a member wrote ``description``.
    heard_of: str = ""
    joins: tuple[DemoJoin, ...] = ()
    # False: "alleen de kern", no point on the map.
    on_map: bool = True
    # Where it is, in the words of the village ("achter de kerk"); shown on its page.
    place_description: str = ""
    # For an ended initiative: was it on the public map before it ended?
    was_public: bool = False
    website: str = ""
    contact: str = ""
    contact_consent: bool = False
    notes: tuple[DemoNote, ...] = ()

    @property
    def slug(self) -> str:
        return slugify(self.name)

    @property
    def entered_by_staff(self) -> bool:
        return not self.members or bool(self.heard_of)


INITIATIVES = (
    # --- Markeveld-Centrum -------------------------------------------------------------
    DemoInitiative(
        name="Broodfonds De Markse Boterham",
        kern="Markeveld-Centrum",
        kinds=("Broodfonds",),
        status=Status.PUBLIC,
        ownership=Ownership.COMMUNITY,
        description=(
            "Wij zijn 38 zelfstandigen uit Markeveld: een kapper, twee timmerlieden, een "
            "yogadocent, een fotograaf, een boekhouder en nog veel meer. Iedere maand leggen "
            "we een bedrag opzij in onze eigen pot. Wordt een van ons langere tijd ziek, dan "
            "schenken de anderen een maandbedrag, zonder formulieren en zonder "
            "wachttijd. Het geld is mooi, maar eerlijk gezegd draait het om de borrel op de "
            "eerste donderdag van de maand: daar ontstaan de klussen, de adviezen en de "
            "vriendschappen."
        ),
        offers=("administratie", "boekhouding", "fotografie", "netwerk", "website"),
        offers_text=(
            "Onder de leden zitten vakmensen van alles wat. Heb je een klusje of een vraag "
            "over boekhouden als zzp'er? Kom op de borrel, er is altijd wel iemand die het weet."
        ),
        wishes=("vergaderruimte",),
        wishes_text=(
            "Een vaste plek voor de maandelijkse borrel, liefst met een koffiezetapparaat "
            "dat het doet."
        ),
        ideas=(
            "Een tweede broodfonds beginnen voor de dorpen eromheen: we zitten bijna aan de "
            "vijftig deelnemers en dan wordt het te groot om elkaar nog echt te kennen."
        ),
        members=(FROUKE, BERT),
        website="https://markseboterham.example.org",
        contact="markseboterham@example.org",
        contact_consent=True,
    ),
    DemoInitiative(
        name="Repair Café Markeveld",
        kern="Markeveld-Centrum",
        kinds=("Repair café",),
        status=Status.PUBLIC,
        ownership=Ownership.COMMUNITY_WITH_SUPPORT,
        description=(
            "Elke derde zaterdag van de maand staan onze tafels in de bibliotheek. Neem je "
            "kapotte broodrooster, je fiets met een slag in het wiel of je lievelingsjas met "
            "een scheur mee: samen kijken we of het te maken is. Meestal lukt dat. Onze "
            "jongste reparateur is veertien en kan alles met telefoons, onze oudste is "
            "zevenentachtig en repareerde vroeger radio's voor half Drenthe. De koffie is "
            "gratis, de taart ook als Hennie gebakken heeft."
        ),
        offers=(
            "gereedschap",
            "techniek",
            "klussen",
            "handwerk",
            "computerhulp",
            "koffie en ontmoeting",
        ),
        offers_text=(
            "Handige handen en een kist vol gereedschap. We komen ook graag langs bij een "
            "ander initiatief om iets te maken of om te laten zien hoe het moet."
        ),
        wishes=("opslagruimte", "vrijwilligers"),
        wishes_text=(
            "Een droge plek voor onze gereedschapskisten, zodat we ze niet elke maand in "
            "de auto hoeven te sjouwen. En iemand die naaimachines durft open te schroeven."
        ),
        ideas="Een repair café op wielen dat in de zomer de dorpen langsgaat.",
        members=(BERT, GERRIT),
        contact="repaircafe.markeveld@example.org",
        contact_consent=True,
        notes=(
            DemoNote(
                "Fijn gesprek bij de reparatietafel. De bibliotheek heeft een lege kast in de "
                "kelder; ik heb Bibliotheek Markeveld gevraagd of die voor de gereedschapskisten "
                "gebruikt mag worden."
            ),
        ),
    ),
    DemoInitiative(
        name="Taalcafé Praat Mee",
        kern="Markeveld-Centrum",
        kinds=("Taalcafé",),
        status=Status.PUBLIC,
        ownership=Ownership.MUNICIPALITY_WITH_RESIDENTS,
        description=(
            "Op dinsdagmiddag is de leestafel van de bibliotheek van ons. Mensen die Nederlands "
            "willen oefenen praten met mensen die het leuk vinden om te praten, en dat zijn er "
            "in Markeveld gelukkig veel. We hebben het over het weer, over recepten, over de "
            "brief van de woningcorporatie of over voetbal. De bibliotheek zorgt voor de ruimte "
            "en de koffie, wij zorgen voor de gesprekken."
        ),
        offers=("taal", "luisterend oor", "koffie en ontmoeting", "verhalen"),
        offers_text=(
            "Gesprekspartners in zes talen. Wij helpen graag bij een uitnodiging of een "
            "folder in een andere taal."
        ),
        wishes=("kookkunst", "vrijwilligers"),
        wishes_text=(
            "We willen een keer per maand samen koken: praten gaat makkelijker met een pollepel "
            "in je hand. Wie heeft een keuken die we mogen gebruiken?"
        ),
        ideas="Een wandelroute door Markeveld waarbij je bij elk bankje een ander woord leert.",
        members=(FATIMA, MEHMET),
    ),
    DemoInitiative(
        name="Sociale coöperatie De Hooiberg",
        kern="Markeveld-Centrum",
        kinds=("Sociale coöperatie", "Buurtwerkbedrijf"),
        status=Status.PUBLIC,
        ownership=Ownership.COMMUNITY_WITH_SUPPORT,
        description=(
            "De Hooiberg is van de mensen die er werken. We zijn begonnen met een "
            "kringloophoek in een oude schuur en hebben nu een werkplaats, een fietsenmakerij "
            "en een cateringploeg. Iedereen doet mee naar wat hij of zij kan en wil, en "
            "iedereen heeft een stem in de ledenvergadering. De gemeente huurt onze catering "
            "voor bijeenkomsten en dat geeft ons een stevige basis."
        ),
        offers=("kookkunst", "klussen", "fietsen", "tafels en stoelen"),
        offers_text=(
            "Catering voor groepen tot tachtig personen, fietsreparatie en tweedehands "
            "meubels voor een buurthuis dat net begint."
        ),
        wishes=("boekhouding", "kennis van subsidies"),
        wishes_text=(
            "Iemand die met ons meekijkt naar de jaarrekening. We zijn goed in doen, "
            "de cijfers vinden we wat minder spannend."
        ),
        ideas="Een eigen winkel aan de Brink, met koffie en een leestafel erbij.",
        members=(KLAAS, FATIMA, TINEKE),
        website="https://dehooiberg.example.org",
        notes=(
            DemoNote(
                "De Hooiberg en De Werkplaats in Oost kennen elkaar nog niet. Beide hebben "
                "een fietsenmakerij: zij willen graag eens bij elkaar kijken. Ik breng ze in "
                "contact."
            ),
        ),
    ),
    DemoInitiative(
        name="Open Hof bij de Marktkerk",
        kern="Markeveld-Centrum",
        place_description="in de hof achter de Marktkerk, door het hek naast de pastorie",
        kinds=("Kerk",),
        status=Status.PUBLIC,
        ownership=Ownership.COMMUNITY,
        description=(
            "Achter de Marktkerk ligt een hof die bijna niemand kende. Sinds twee jaar staat "
            "het hek op zaterdag open: er staan bankjes, er bloeien rozen en er is thee. Je "
            "hoeft niet gelovig te zijn om er te zitten. Soms speelt iemand orgel met de deur "
            "open, soms is het gewoon stil. Dat is ook goed."
        ),
        offers=("vergaderruimte", "muziek", "luisterend oor", "tuinieren"),
        offers_text=(
            "De consistorie is door de week vaak leeg en mag gebruikt worden door wie een "
            "rustige plek zoekt om te vergaderen."
        ),
        wishes=("tuinieren", "vrijwilligers"),
        wishes_text="Mensen met groene vingers die de rozen helpen snoeien in maart.",
        ideas="Een zomeravondconcert in de hof, met muzikanten uit alle dorpen.",
        members=(JOKE,),
    ),
    DemoInitiative(
        name="Wereldkeuken Markeveld",
        kern="Markeveld-Centrum",
        kinds=("Buurtkeuken",),
        status=Status.PUBLIC,
        ownership=Ownership.COMMUNITY,
        description=(
            "Eén keer per maand koken we met zes à zeven buurvrouwen en een paar dappere "
            "buurmannen een maaltijd uit een ander land: Syrisch, Surinaams, Gronings, "
            "Turks. Honderd mensen aan lange tafels in het wijkgebouw, voor een vrijwillige "
            "bijdrage. Wie kookt, vertelt er een verhaal bij. Zo leer je elkaar kennen via "
            "je maag."
        ),
        offers=("kookkunst", "verhalen", "koffie en ontmoeting"),
        offers_text="Wij koken ook graag op het feest van een ander initiatief.",
        wishes=("keuken", "verse groente", "tafels en stoelen"),
        wishes_text=(
            "Een grotere keuken, of een tweede fornuis. En groente uit een moestuin in de "
            "buurt zou prachtig zijn."
        ),
        members=(MEHMET, FATIMA),
        contact="Mehmet, via wereldkeuken@example.org",
        contact_consent=True,
    ),
    DemoInitiative(
        name="Digicafé in de bibliotheek",
        kern="Markeveld-Centrum",
        kinds=("Taalcafé",),
        status=Status.KNOWN,
        ownership=Ownership.MUNICIPALITY,
        description=(
            "De bibliotheek organiseert elke donderdagochtend een digicafé: vrijwilligers "
            "helpen met DigiD, de app van de bank en foto's naar de kleinkinderen sturen. "
            "Georganiseerd en betaald door Bibliotheek Markeveld. Genoteerd na een kop "
            "koffie met de coördinator."
        ),
        on_map=True,
        notes=(
            DemoNote(
                "Coördinator wil nog overleggen of ze zelf op de kaart willen; ze zien zichzelf "
                "niet als 'initiatief'. Prima, we wachten rustig af.",
                internal=True,
            ),
        ),
    ),
    # --- Markeveld-Oost ----------------------------------------------------------------
    DemoInitiative(
        name="Oost helpt Oost",
        kern="Markeveld-Oost",
        kinds=("Burenhulp", "Buurt-app"),
        status=Status.PUBLIC,
        ownership=Ownership.COMMUNITY,
        description=(
            "Een appgroep met inmiddels 240 buren. Iemand zoekt een ladder, iemand anders "
            "kan niet naar de apotheek, een derde heeft te veel courgettes. Binnen een uur "
            "is het geregeld. We zijn begonnen in de eerste coronaweken en nooit meer "
            "gestopt. Twee keer per jaar houden we een straatbarbecue, zodat de namen in de "
            "app ook een gezicht krijgen."
        ),
        offers=("vervoer", "klussen", "luisterend oor", "aanhanger", "vrijwilligers"),
        offers_text=(
            "240 paar handen. Wij zetten een oproep van een ander initiatief graag in de groep."
        ),
        wishes=("partytent", "geluidsinstallatie"),
        wishes_text="Een partytent die we kunnen lenen voor de straatbarbecue.",
        ideas="Een deelkast met gereedschap in de garage van nummer 12.",
        members=(ANNEMIEK, JAN),
        contact="Stuur Annemiek een berichtje via oosthelptoost@example.org",
        contact_consent=True,
    ),
    DemoInitiative(
        name="Buurtwerkbedrijf De Werkplaats",
        kern="Markeveld-Oost",
        kinds=("Buurtwerkbedrijf",),
        status=Status.PUBLIC,
        ownership=Ownership.MUNICIPALITY_WITH_RESIDENTS,
        description=(
            "In de oude gymzaal aan de Esweg hebben we een houtwerkplaats en een fietsenmakerij "
            "ingericht. Buurtbewoners maken er plantenbakken voor de straat, banken voor het "
            "speelveld en knutselspullen voor de basisschool. Het gebouw is van de gemeente en "
            "Welzijn Markeveld helpt met de planning, maar wat er gemaakt wordt, bedenken we "
            "met elkaar."
        ),
        offers=("gereedschap", "klussen", "techniek", "fietsen"),
        offers_text="Heb je iets van hout nodig voor je initiatief? Kom langs met een tekening.",
        wishes=("vrijwilligers", "opslagruimte"),
        wishes_text="Mensen die op zaterdag de werkplaats willen openhouden.",
        members=(JAN, KLAAS),
        notes=(
            DemoNote(
                "Huurcontract van de gymzaal loopt eind volgend jaar af. Met Vastgoed "
                "afstemmen vóórdat er geruchten gaan; De Werkplaats zelf als eerste "
                "informeren.",
                internal=True,
            ),
        ),
    ),
    DemoInitiative(
        name="Zwerfafvalbrigade Oost",
        kern="Markeveld-Oost",
        kinds=("Groengroep",),
        status=Status.PUBLIC,
        ownership=Ownership.MUNICIPALITY_WITH_RESIDENTS,
        description=(
            "Wij lopen elke zondagochtend een rondje met grijpers en een zak, van het "
            "winkelcentrum tot aan het kanaal. De gemeente levert de grijpers en haalt de "
            "zakken op, wij leveren de benen en de gezelligheid. Onderweg maken we een "
            "praatje met iedereen die zijn hond uitlaat, en sommigen lopen nu mee."
        ),
        offers=("vrijwilligers", "sport en bewegen"),
        wishes=("fotografie", "publiciteit"),
        wishes_text=(
            "Iemand die mooie foto's maakt van wat we vinden: een oude schoen doet wonderen."
        ),
        members=(ANNEMIEK,),
        on_map=False,
    ),
    DemoInitiative(
        name="Hardloopgroepje langs het Markekanaal",
        kern="Markeveld-Oost",
        kinds=("Sportgroep",),
        status=Status.TIP,
        ownership=None,
        description=(
            "Gehoord van een buurtbewoner bij de zwerfafvalbrigade: een groepje van zo'n "
            "tien mensen loopt op maandag- en donderdagavond samen hard langs het kanaal. "
            "Geen club, geen contributie. Nog niet zelf gesproken."
        ),
        notes=(
            DemoNote(
                "Misschien aanhaken bij de beweegtuin in Aalderveen? Eerst eens meelopen.",
                internal=True,
            ),
        ),
    ),
    # --- Markeveld-Zuid ----------------------------------------------------------------
    DemoInitiative(
        name="Speeltuinvereniging De Klimboom",
        kern="Markeveld-Zuid",
        place_description="op het grasveld achter de basisschool",
        kinds=("Vereniging",),
        status=Status.PUBLIC,
        ownership=Ownership.COMMUNITY_WITH_SUPPORT,
        description=(
            "De Klimboom is onze speeltuin, met een echte klimboom in het midden. Ouders, "
            "opa's en oma's houden hem samen open: we maaien het gras, schilderen de "
            "toestellen en zetten op woensdagmiddag limonade klaar. Op Koningsdag houden we "
            "een vrijmarkt waarmee we een nieuw toestel bij elkaar sparen. Dit jaar wordt het "
            "een kabelbaan, als het aan de kinderen ligt."
        ),
        offers=("kinderactiviteiten", "vrijwilligers", "koffie en ontmoeting", "partytent"),
        offers_text=(
            "Een speelveld en een partytent die je mag lenen, en ouders die weten hoe je een "
            "kinderfeest voor honderd kinderen organiseert."
        ),
        wishes=("klussen", "gereedschap", "kennis van subsidies"),
        wishes_text=(
            "Handige mensen voor het grote onderhoud in het voorjaar. En wie weet hoe je een "
            "fonds schrijft voor een kabelbaan?"
        ),
        ideas="Een moestuintje voor de kinderen achter het clubhuis.",
        members=(SANNE, ROELIE),
        contact="Sanne Hofstra, klimboom@example.org",
        contact_consent=True,
        notes=(
            DemoNote(
                "Op het speelveld afgesproken: de gemeente neemt vanaf het voorjaar de "
                "jaarlijkse keuring van de toestellen voor haar rekening. Repair Café "
                "Markeveld wil helpen met het houtwerk."
            ),
        ),
    ),
    DemoInitiative(
        name="Buurt-app Zuid",
        kern="Markeveld-Zuid",
        kinds=("Buurt-app",),
        status=Status.PUBLIC,
        ownership=Ownership.COMMUNITY,
        description=(
            "Onze app begon om een weggelopen kat terug te vinden (het is gelukt, hij heet "
            "Bolletje). Nu delen we er alles: wie gaat er naar de Action, wie heeft er een "
            "boormachine, wie wil er mee wandelen. Nieuwe buren krijgen van ons een "
            "welkomstkaartje in de bus met de link."
        ),
        offers=("vervoer", "gereedschap", "luisterend oor"),
        wishes=("koffie en ontmoeting",),
        wishes_text="Een plek om elkaar af en toe ook in het echt te zien.",
        members=(ROELIE,),
        on_map=False,
    ),
    DemoInitiative(
        name="Huiskamer van Zuid",
        kern="Markeveld-Zuid",
        kinds=("Huiskamer",),
        status=Status.PUBLIC,
        ownership=Ownership.MUNICIPALITY_WITH_RESIDENTS,
        description=(
            "In een leegstaande winkel aan het Zuiderplein hebben we een huiskamer gemaakt: "
            "een grote tafel, een bank, een kast vol spelletjes en altijd koffie. Welzijn "
            "Markeveld huurt de ruimte, wij schenken in. Wie binnenloopt blijft vaak langer "
            "dan gepland. Op vrijdag eten we samen."
        ),
        offers=("koffie en ontmoeting", "vergaderruimte", "luisterend oor", "keuken"),
        offers_text="De huiskamer is 's avonds vrij voor clubs en groepjes uit de wijk.",
        wishes=("muziek", "vrijwilligers"),
        wishes_text="Iemand die op de oude piano in de hoek wil spelen.",
        members=(TINEKE, ROELIE),
    ),
    DemoInitiative(
        name="Buurtkeuken Zuid",
        kern="Markeveld-Zuid",
        kinds=("Buurtkeuken",),
        status=Status.KNOWN,
        ownership=Ownership.COMMUNITY,
        description=(
            "We zijn nog zoekende, daarom staan we nog niet op de kaart. Met vijf buurvrouwen "
            "koken we om de week een pan soep extra en brengen die rond in de straat. We "
            "willen het groter maken, maar eerst weten of het blijft werken als het meer "
            "wordt."
        ),
        offers=("kookkunst",),
        wishes=("keuken", "verse groente"),
        wishes_text="Een keuken waar we met meer mensen tegelijk kunnen staan.",
        members=(SANNE, TINEKE),
    ),
    DemoInitiative(
        name="Pluktuin op het bouwkavel",
        kern="Markeveld-Zuid",
        place_description="op het lege bouwkavel aan de Veldweg",
        kinds=("Moestuin",),
        status=Status.ENDED,
        was_public=True,
        ownership=Ownership.COMMUNITY_WITH_SUPPORT,
        description=(
            "Drie zomers lang was het lege bouwkavel aan de Veldweg onze pluktuin: "
            "zonnebloemen, pompoenen en een kruidenspiraal die de hele wijk kende. De "
            "gemeente leende ons de grond tot er gebouwd zou worden. Nu staan er huizen, en "
            "een paar van de nieuwe bewoners hebben een stek van de kruidenspiraal in hun "
            "tuin. Zo gaat het verder."
        ),
        offers=("zaden en stekjes", "tuinieren"),
        offers_text="De zaden van de zonnebloemen bewaren we nog. Vraag maar.",
        members=(ROELIE, SANNE),
    ),
    # --- Noordermarke ------------------------------------------------------------------
    DemoInitiative(
        name="Zorgcoöperatie Noordermarke",
        kern="Noordermarke",
        kinds=("Zorgcoöperatie",),
        status=Status.PUBLIC,
        ownership=Ownership.COMMUNITY_WITH_SUPPORT,
        description=(
            "Wij willen dat je in Noordermarke oud kunt worden in je eigen huis, tussen je "
            "eigen mensen. Onze coöperatie heeft 310 leden. Vrijwilligers rijden naar het "
            "ziekenhuis, doen boodschappen en komen een bakje koffie drinken; twee "
            "dorpsondersteuners houden de lijntjes kort met de huisarts en de thuiszorg. "
            "Elke woensdag is er een open tafel in het dorpshuis, waar iedereen mag "
            "aanschuiven."
        ),
        offers=("vervoer", "luisterend oor", "kookkunst", "vrijwilligers", "bestuurservaring"),
        offers_text=(
            "We vertellen graag aan andere dorpen hoe we begonnen zijn, inclusief alles wat "
            "we onderweg hebben geleerd over statuten en verzekeringen."
        ),
        wishes=("vervoer", "computerhulp"),
        wishes_text=(
            "Een tweede auto voor het vrijwilligersvervoer, of samenwerking met de wensbus "
            "in Holtwolde. En iemand die ons ledenbestand uit Excel wil redden."
        ),
        ideas="Een paar levensloopbestendige woningen naast het dorpshuis, van en voor het dorp.",
        members=(JOKE, HARM, GERRIT),
        website="https://zorgcooperatie-noordermarke.example.org",
        contact="Dorpsondersteuner, 0599-000 000",
        contact_consent=True,
        notes=(
            DemoNote(
                "Verbinding gelegd met het Share Care-netwerk in Zuidermarke: beide werken met "
                "een vaste vrijwilligerspool en willen van elkaars rooster leren."
            ),
        ),
    ),
    DemoInitiative(
        name="Moestuin Achter de Kerk",
        kern="Noordermarke",
        place_description="achter de kerk, naast de pastorie",
        kinds=("Moestuin",),
        status=Status.PUBLIC,
        ownership=Ownership.COMMUNITY,
        description=(
            "Twaalf bedden, een kas van oude ramen en een bank in de zon. De grond is van "
            "de kerk, de bedden zijn van iedereen die zin heeft. Wat we oogsten gaat mee "
            "naar huis of naar de open tafel van de zorgcoöperatie. Geen verstand van "
            "tuinieren? Geeft niks: onze oudste tuinder, Jan van de smid, legt het je graag "
            "uit."
        ),
        offers=("verse groente", "zaden en stekjes", "tuinieren", "natuurkennis"),
        offers_text="In augustus hebben we meer courgettes dan het dorp op kan.",
        wishes=("gereedschap", "vrijwilligers"),
        wishes_text="Een kruiwagen met een band die niet lek is.",
        ideas="Een zaadbibliotheek in het dorpshuis: zaden lenen, en na de oogst terugbrengen.",
        members=(HARM,),
    ),
    DemoInitiative(
        name="Jeugdsoos De Kelder",
        kern="Noordermarke",
        place_description="in de kelder van het dorpshuis, ingang aan de zijkant",
        kinds=("Jongerensoos",),
        status=Status.PUBLIC,
        ownership=Ownership.COMMUNITY_WITH_SUPPORT,
        description=(
            "De Kelder is van ons, de jongeren van Noordermarke. Vrijdagavond open, met een "
            "bar zonder alcohol, een pooltafel en een geluidsinstallatie die we zelf in "
            "elkaar hebben gezet. Het dorpshuis geeft ons de kelder, wij maken hem "
            "schoon. Soms organiseren we een bandavond voor de hele regio."
        ),
        offers=("muziek", "geluidsinstallatie", "verlichting", "techniek"),
        offers_text="Licht en geluid voor je dorpsfeest, wij komen het neerzetten.",
        wishes=("vergaderruimte", "bestuurservaring"),
        wishes_text="Iemand die ons helpt een stichting op te zetten zonder dat het saai wordt.",
        members=(KLAAS,),
    ),
    DemoInitiative(
        name="Klaverjassers van 't Wapen",
        kern="Noordermarke",
        kinds=("Vereniging",),
        status=Status.TIP,
        ownership=Ownership.COMMUNITY,
        description=(
            "Tip van de dorpsondersteuner: op vrijdagavond klaverjassen er elke week zo'n "
            "twintig mensen in café 't Wapen, al sinds de jaren zeventig. Volgens haar is het "
            "de plek waar het dorp het nieuws als eerste hoort."
        ),
        on_map=False,
    ),
    # --- Zuidermarke -------------------------------------------------------------------
    DemoInitiative(
        name="Share Care-netwerk Zuidermarke",
        kern="Zuidermarke",
        kinds=("Share Care-netwerk", "Burenhulp"),
        status=Status.PUBLIC,
        ownership=Ownership.COMMUNITY_WITH_SUPPORT,
        description=(
            "Rond iedereen in Zuidermarke die wat extra aandacht kan gebruiken, staat een "
            "kring van buren, familie en vrijwilligers die het samen delen. De een kookt op "
            "maandag, de ander fietst mee naar de markt. Een coördinator houdt het overzicht "
            "en de gemeente betaalt haar uren. Zo hoeft niemand het alleen te dragen."
        ),
        offers=("luisterend oor", "vrijwilligers", "kookkunst", "administratie"),
        offers_text="Ons rooster-systeem is simpel en werkt. Wij delen het graag.",
        wishes=("vervoer", "koffie en ontmoeting"),
        members=(TINEKE, JOKE),
        notes=(
            DemoNote(
                "Coördinator vertelde dat ze elke maand dezelfde formulieren voor twee "
                "verschillende regelingen invullen. Meegenomen naar het sociaal team.",
                internal=True,
            ),
        ),
    ),
    DemoInitiative(
        name="Dorpshuis Het Markehuus",
        kern="Zuidermarke",
        kinds=("Dorpshuis",),
        status=Status.PUBLIC,
        ownership=Ownership.COMMUNITY_WITH_SUPPORT,
        description=(
            "Ons dorpshuis draait op 45 vrijwilligers en een heleboel koffie. De "
            "biljartclub, de gymnastiek van de vrouwen, de kaartclub, het toneel en de "
            "kerstbingo: het gebeurt allemaal hier. Het gebouw is van de stichting, de "
            "gemeente helpt met het onderhoud van het dak. Dit jaar hebben we zelf de "
            "keuken vernieuwd, met een veiling van beloftes: een dag klussen, een taart, "
            "een rondvlucht boven de Hondsrug."
        ),
        offers=("vergaderruimte", "keuken", "podium", "tafels en stoelen"),
        offers_text="Zalen te huur voor een prijs die een dorpsclub kan betalen.",
        wishes=("energieadvies", "vrijwilligers"),
        wishes_text=(
            "Onze energierekening is het grootste gat in de begroting. Wie helpt ons met "
            "zonnepanelen of isolatie?"
        ),
        ideas="Een dorpshuis dat zijn eigen stroom maakt en deelt met de buren.",
        members=(GERRIT, HARM),
        contact="beheer@markehuus.example.org",
        contact_consent=True,
    ),
    DemoInitiative(
        name="Historische Vereniging Zuidermarke",
        kern="Zuidermarke",
        kinds=("Historische vereniging", "Vereniging"),
        status=Status.PUBLIC,
        ownership=Ownership.COMMUNITY,
        description=(
            "Wij verzamelen de verhalen van Zuidermarke voordat ze vergeten worden: foto's "
            "van de zuivelfabriek, de namen op de oude boerderijen, hoe de veenarbeiders "
            "woonden. Elke maand schuift iemand aan om te vertellen, en wij nemen het op. "
            "Ons archief staat in de zolder van het dorpshuis en iedereen mag er komen "
            "snuffelen."
        ),
        offers=("verhalen", "fotografie", "drukwerk"),
        offers_text=(
            "Oude foto's van bijna elke straat. Voor een jubileum of een boekje: vraag maar."
        ),
        wishes=("computerhulp", "vrijwilligers"),
        wishes_text="Iemand die met ons de foto's wil scannen. Het zijn er drieduizend.",
        ideas="Een wandelroute langs de oude boerderijen, met de verhalen in een app.",
        members=(GERRIT,),
    ),
    DemoInitiative(
        name="Breiclub bij de bakker",
        kern="Zuidermarke",
        place_description="aan de leestafel van bakkerij Mulder",
        kinds=("Handwerkclub",),
        status=Status.TIP,
        ownership=None,
        description=(
            "Bij bakkerij Mulder zit op dinsdagochtend een groep van acht à tien vrouwen te "
            "breien aan de leestafel. Ze maken dekens voor de kraamzorg en mutsen voor de "
            "zwerfafvalbrigade. De bakker zei: 'Die zijn hier al langer dan ik.'"
        ),
        notes=(
            DemoNote(
                "Volgende keer een kop koffie gaan drinken en vragen of ze het leuk vinden "
                "om op de kaart te staan. Niets opdringen.",
                internal=True,
            ),
        ),
    ),
    # --- Holtwolde ---------------------------------------------------------------------
    DemoInitiative(
        name="Wensbus Holtwolde e.o.",
        kern="Holtwolde",
        kinds=("Wensbus",),
        status=Status.PUBLIC,
        ownership=Ownership.COMMUNITY_WITH_SUPPORT,
        description=(
            "Wij zijn met z'n twaalven begonnen toen de bus niet meer reed. Nu hebben we "
            "zesentwintig chauffeurs en een bus met acht plaatsen, die iedereen uit "
            "Holtwolde, Wapserhoek en Ansingeveen naar de dokter, de markt of de kapper "
            "brengt. Bel een dag van tevoren en we staan voor de deur. Onderweg wordt er "
            "veel bijgepraat: de bus is eigenlijk een rijdend dorpshuis."
        ),
        offers=("vervoer", "chauffeurs", "luisterend oor"),
        offers_text=(
            "Wij rijden ook voor clubs en initiatieven: een uitje van de ouderensoos of "
            "de spullen van een repair café."
        ),
        wishes=("opslagruimte", "vrijwilligers", "kennis van subsidies"),
        wishes_text=(
            "Een overdekte plek voor de bus in de winter. En een paar chauffeurs die "
            "op zaterdag willen rijden."
        ),
        ideas="Een tweede bus, elektrisch, die we opladen bij de energiecoöperatie.",
        members=(HARM, JAN),
        contact="Belbus-telefoon: 0599-000 001 (werkdagen van 9 tot 12 uur)",
        contact_consent=True,
        notes=(
            DemoNote(
                "Gesprek in de kantine van het garagebedrijf. Ze zoeken een plek voor de bus "
                "in de winter; Openbare ruimte kijkt mee naar de loods aan de Werkweg."
            ),
            DemoNote(
                "Chauffeurs hebben vanaf volgend jaar een nieuwe rijvaardigheidsverklaring "
                "nodig. Uitzoeken of de gemeente de kosten kan dragen, dan pas met ze "
                "bespreken.",
                internal=True,
            ),
        ),
    ),
    DemoInitiative(
        name="Dorpskrant De Holtwoldse Bode",
        kern="Holtwolde",
        kinds=("Dorpskrant",),
        status=Status.PUBLIC,
        ownership=Ownership.COMMUNITY,
        description=(
            "Elf keer per jaar valt De Bode op de mat, al sinds 1982. Vrijwilligers schrijven, "
            "fotograferen, vouwen en bezorgen. Wie jarig is, wie er verhuist, wat de "
            "ijsclub van plan is en hoe de kermis was: het staat erin. De adverteerders zijn "
            "de bakker, de garage en de kapper, en dat is genoeg."
        ),
        offers=("drukwerk", "publiciteit", "fotografie", "verhalen"),
        offers_text="Een hele pagina voor jouw initiatief, gratis, als je ons het verhaal vertelt.",
        wishes=("vrijwilligers",),
        wishes_text="Bezorgers voor de buitenwijk en een jonge schrijver voor de jeugdpagina.",
        members=(JAN,),
        website="https://holtwoldsebode.example.org",
    ),
    DemoInitiative(
        name="Sportdorp Holtwolde",
        kern="Holtwolde",
        kinds=("Vereniging",),
        status=Status.PUBLIC,
        ownership=Ownership.COMMUNITY_WITH_SUPPORT,
        description=(
            "Voetbal, tennis, korfbal en de gymclub zitten sinds vorig jaar in één "
            "vereniging, met één kantine en één vrijwilligerslijst. Dat scheelt vergaderen "
            "en het is gezelliger. Op zaterdag staat half Holtwolde langs de lijn, en op "
            "woensdag lopen de ouderen hun rondje om het veld."
        ),
        offers=(
            "sport en bewegen",
            "vergaderruimte",
            "dakruimte",
            "tafels en stoelen",
            "partytent",
        ),
        wishes=("energieadvies", "bestuurservaring"),
        wishes_text="Led-verlichting voor het veld. We hebben al een offerte, nu de rest nog.",
        members=(BERT,),
    ),
    # --- Ansingeveen -------------------------------------------------------------------
    DemoInitiative(
        name="Open Kerk Ansingeveen",
        kern="Ansingeveen",
        kinds=("Kerk",),
        status=Status.PUBLIC,
        ownership=Ownership.COMMUNITY,
        description=(
            "Het witte kerkje aan de Brink is elke dag open, van tien tot vier. Er liggen "
            "boeken over de geschiedenis van het dorp, je kunt een kaarsje aansteken en op "
            "zaterdag schenken we koffie. Op de eerste zondag van de maand is er na de dienst "
            "een soepmaaltijd voor wie maar wil, gelovig of niet."
        ),
        offers=("vergaderruimte", "muziek", "koffie en ontmoeting", "podium"),
        offers_text="Een kerk met een mooie akoestiek: koren en muzikanten zijn welkom.",
        wishes=("vrijwilligers", "verhalen"),
        wishes_text="Mensen die een middag per week willen gastheer of gastvrouw zijn.",
        members=(JOKE,),
    ),
    DemoInitiative(
        name="Wooncoöperatie Thuis in Ansingeveen",
        kern="Ansingeveen",
        kinds=("Wooncoöperatie",),
        status=Status.KNOWN,
        ownership=Ownership.COMMUNITY,
        description=(
            "Wij zijn acht huishoudens, jong en oud, die samen willen bouwen op het veld "
            "achter de school: kleine huizen met een gemeenschappelijke tuin en een "
            "logeerkamer voor iedereen. We zijn nog in gesprek met de grondeigenaar, en "
            "daarom nog niet op de openbare kaart."
        ),
        offers=("bestuurservaring", "juridische kennis"),
        wishes=("kennis van subsidies", "netwerk"),
        wishes_text=(
            "Contact met een wooncoöperatie die al gebouwd heeft, zodat we niet alle "
            "fouten zelf hoeven te maken."
        ),
        ideas="Een gedeelde werkplaats en een auto die we met z'n allen delen.",
        members=(ANNEMIEK, BERT),
    ),
    DemoInitiative(
        name="Imkers van Ansingeveen",
        kern="Ansingeveen",
        place_description="bij het bijenhotel naast de school",
        kinds=("Imkers", "Groengroep"),
        status=Status.PUBLIC,
        ownership=Ownership.COMMUNITY,
        description=(
            "Zes imkers, veertien volken en een bijenhotel bij de school. We zaaien "
            "bloemenlinten langs de akkerranden, samen met de boeren, en geven les aan de "
            "groepen zes en zeven. In september slingeren we de honing in de schuur van "
            "Veenstra, en dan mag iedereen komen proeven."
        ),
        offers=("natuurkennis", "zaden en stekjes", "kinderactiviteiten"),
        offers_text="Bloemzaad voor bijen, en een imker die komt vertellen.",
        wishes=("grond",),
        wishes_text="Een paar stroken grond waar we bloemen mogen zaaien.",
        members=(HARM,),
        on_map=False,
    ),
    # --- Esserhorst --------------------------------------------------------------------
    DemoInitiative(
        name="Energiecoöperatie Esser Energie",
        kern="Esserhorst",
        kinds=("Energiecoöperatie",),
        status=Status.PUBLIC,
        ownership=Ownership.COMMUNITY,
        description=(
            "Op het dak van de melkveestal van de familie Hoving liggen 600 zonnepanelen "
            "van 180 dorpsgenoten. De opbrengst gaat naar de leden en een deel naar het "
            "dorpsfonds. Onze energiecoaches komen bij je thuis kijken waar het tocht en "
            "wat je kunt doen, ook als je geen geld hebt voor dure maatregelen."
        ),
        offers=("energieadvies", "kennis van subsidies", "techniek", "bestuurservaring"),
        offers_text=(
            "Energiecoaches voor dorpshuizen en sportclubs in heel Markeveld. We hebben "
            "ook een warmtecamera die je kunt lenen."
        ),
        wishes=("dakruimte", "publiciteit"),
        wishes_text="Een tweede groot dak, bijvoorbeeld van een school of een sporthal.",
        ideas="Een dorpsbatterij in het oude trafohuisje.",
        members=(GERRIT, KLAAS),
        website="https://esserenergie.example.org",
        contact="info@esserenergie.example.org",
        contact_consent=True,
        notes=(
            DemoNote(
                "De subsidieregeling voor lokale energie-initiatieven gaat in maart open. "
                "Doorgegeven, ze willen samen met Het Markehuus aanvragen."
            ),
        ),
    ),
    DemoInitiative(
        name="Plaatselijk Belang Esserhorst",
        kern="Esserhorst",
        kinds=("Dorpsoverleg", "Vereniging"),
        status=Status.PUBLIC,
        ownership=Ownership.COMMUNITY,
        description=(
            "Iedereen die in Esserhorst woont is welkom in onze jaarvergadering, en bijna de "
            "helft van het dorp is lid. We organiseren het dorpsfeest, houden de "
            "ijsbaan bij en praten met de gemeente over de dingen die het dorp zelf niet kan "
            "regelen. Maar we beginnen altijd bij de vraag: wat kunnen we zelf?"
        ),
        offers=("netwerk", "vrijwilligers", "partytent", "bestuurservaring"),
        wishes=("geluidsinstallatie", "publiciteit"),
        wishes_text="Geluid voor het dorpsfeest: de oude installatie bromt.",
        members=(BERT, GERRIT),
    ),
    DemoInitiative(
        name="Zorgboerderij De Esch",
        kern="Esserhorst",
        kinds=("Zorgboerderij",),
        status=Status.PUBLIC,
        ownership=Ownership.MUNICIPALITY_WITH_RESIDENTS,
        description=(
            "Op onze boerderij werken elke dag vijftien deelnemers mee: kalfjes voeren, "
            "eieren rapen, de stal vegen. De zorg wordt betaald door de zorgverzekeraar, "
            "maar de sfeer maken de buren, die aanschuiven bij de koffie en een handje "
            "helpen bij het hooien. De winkel verkoopt onze eieren en zuivel."
        ),
        offers=("verse groente", "grond", "natuurkennis", "koffie en ontmoeting"),
        wishes=("vrijwilligers", "vervoer"),
        wishes_text="Iemand die 's ochtends de deelnemers uit Witteloo kan ophalen.",
        members=(ROELIE,),
    ),
    DemoInitiative(
        name="Voedselbos-werkgroep Esserhorst",
        kern="Esserhorst",
        kinds=("Groengroep",),
        status=Status.ENDED,
        ownership=Ownership.COMMUNITY,
        description=(
            "Twee jaar lang hebben we plannen gemaakt voor een voedselbos op het oude "
            "sportveld. Het veld kreeg een andere bestemming en een deel van de groep is "
            "verhuisd. De plannen liggen nog in de la: wie ze wil hebben, mag ze hebben."
        ),
        ideas="Het plan voor het voedselbos, met de soortenlijst en de tekeningen.",
        members=(KLAAS,),
    ),
    # --- Witteloo ----------------------------------------------------------------------
    DemoInitiative(
        name="Groengroep Witteloo",
        kern="Witteloo",
        kinds=("Groengroep",),
        status=Status.PUBLIC,
        ownership=Ownership.MUNICIPALITY_WITH_RESIDENTS,
        description=(
            "Het plantsoen is van de gemeente, maar wij zorgen ervoor. Elke tweede "
            "zaterdag wieden, snoeien en planten we met een groep van twintig dorpsgenoten. "
            "De gemeente levert het gereedschap en haalt het groenafval op. We hebben een "
            "bloemenweide aangelegd waar nu de vlinders op af komen, en drie bankjes "
            "waar iedereen op zit."
        ),
        offers=("tuinieren", "vrijwilligers", "natuurkennis"),
        offers_text="Groene vingers voor wie in een ander dorp iets wil aanleggen.",
        wishes=("gereedschap", "zaden en stekjes"),
        members=(ROELIE, FROUKE),
        contact="groengroep.witteloo@example.org",
        contact_consent=True,
    ),
    DemoInitiative(
        name="Jeu de boules-club Carreau",
        kern="Witteloo",
        kinds=("Jeu de boules-club",),
        status=Status.PUBLIC,
        ownership=Ownership.COMMUNITY,
        description=(
            "Vier banen achter het dorpshuis, aangelegd met eigen handen en een aanhanger "
            "vol schelpen. Op dinsdag- en vrijdagmiddag wordt er gespeeld, en wie voor het "
            "eerst komt krijgt ballen te leen. De jongste speler is negen, de oudste "
            "eenennegentig. Verliezen mag, het gaat om de praat erbij."
        ),
        offers=("sport en bewegen", "koffie en ontmoeting", "aanhanger"),
        offers_text="Onze banen zijn vrij voor een uitje van een andere club.",
        wishes=("verlichting", "tafels en stoelen"),
        wishes_text="Een paar lampen zodat we in september ook 's avonds kunnen spelen.",
        members=(FROUKE,),
    ),
    DemoInitiative(
        name="Kerstmarkt-comité Witteloo",
        kern="Witteloo",
        kinds=("Vereniging",),
        status=Status.ENDED,
        was_public=True,
        ownership=Ownership.COMMUNITY,
        description=(
            "Vijftien jaar lang hebben wij de kerstmarkt op de Brink georganiseerd, met "
            "glühwein, een levende kerststal en de schapen van Eppinga. Na de laatste editie "
            "hebben we het stokje overgedragen aan Plaatselijk Belang. De kraampjes staan "
            "nog in de schuur en mogen geleend worden."
        ),
        offers=("partytent", "tafels en stoelen"),
        offers_text="Twaalf kraampjes en een kerststal, gratis te leen.",
        members=(FROUKE, ROELIE),
    ),
    # --- Brunsveen ---------------------------------------------------------------------
    DemoInitiative(
        name="Dorpscoöperatie Brunsveen",
        kern="Brunsveen",
        kinds=("Dorpscoöperatie",),
        status=Status.PUBLIC,
        ownership=Ownership.COMMUNITY,
        description=(
            "Toen de supermarkt wegging, hebben we zelf een winkel opgezet, met vrijwilligers "
            "achter de kassa en producten van boeren uit de buurt. Inmiddels doet de "
            "coöperatie ook het onderhoud van het dorpsgroen, de verhuur van de feesttent en "
            "de pakketpost. Elke inwoner kan voor tien euro lid worden en meebeslissen."
        ),
        offers=("vrijwilligers", "administratie", "partytent", "bestuurservaring"),
        offers_text=(
            "We vertellen graag hoe je een dorpswinkel opzet. Kom eens kijken op een "
            "zaterdagochtend."
        ),
        wishes=("boekhouding", "publiciteit"),
        ideas="Een klein dorpshotel in de oude pastorie.",
        members=(BERT, JOKE, ANNEMIEK),
        website="https://dorpscooperatie-brunsveen.example.org",
        notes=(
            DemoNote(
                "Het raadsvoorstel over de dorpsbudgetten komt eraan. Zij willen meepraten "
                "vóórdat het besluit er ligt, niet erna: doorgegeven aan de griffie.",
                internal=True,
            ),
        ),
    ),
    DemoInitiative(
        name="Muziekvereniging Crescendo Brunsveen",
        kern="Brunsveen",
        kinds=("Vereniging",),
        status=Status.PUBLIC,
        ownership=Ownership.COMMUNITY,
        description=(
            "Een fanfare van zevenenveertig muzikanten, van tien tot tachtig. We spelen bij "
            "de intocht van Sinterklaas, op Koningsdag en bij elk jubileum waar we gevraagd "
            "worden. Instrumenten lenen we uit aan wie wil beginnen, en les is er op "
            "maandagavond."
        ),
        offers=("muziek", "podium", "kinderactiviteiten"),
        offers_text="Wij spelen ook op jouw feest. Een taart als bedankje is genoeg.",
        wishes=("opslagruimte", "vrijwilligers"),
        wishes_text="Een oefenruimte waar de trommels de buren niet uit de slaap houden.",
        members=(HARM, KLAAS),
    ),
    DemoInitiative(
        name="Mannen die koken",
        kern="Brunsveen",
        kinds=("Buurtkeuken",),
        status=Status.TIP,
        ownership=None,
        description=(
            "Tip van de beheerder van De Berkenhof: in Brunsveen koken elke donderdag zes "
            "mannen samen in de keuken van de voetbalkantine en eten daarna met hun "
            "partners. Begonnen na de pensionering van een van hen."
        ),
        notes=(
            DemoNote(
                "Wie gaat er eens langs? Misschien kunnen zij en Wereldkeuken Markeveld "
                "recepten ruilen.",
                internal=True,
            ),
        ),
    ),
    # --- Oldeberkum --------------------------------------------------------------------
    DemoInitiative(
        name="Broodfonds Oldeberkum",
        kern="Oldeberkum",
        kinds=("Broodfonds",),
        status=Status.KNOWN,
        ownership=Ownership.COMMUNITY,
        description=(
            "Wij zijn een broodfonds van 26 ondernemers uit Oldeberkum en omstreken. We staan "
            "liever niet op de openbare kaart: mond-tot-mondreclame werkt bij ons het "
            "best. Wel vinden we het fijn dat de gemeente weet dat we er zijn."
        ),
        offers=("administratie", "netwerk"),
        members=(FROUKE,),
        notes=(
            DemoNote(
                "Ze willen liever niet op de openbare kaart; prima. Heb aangeboden mee te "
                "denken als er vragen komen over een broodfonds naast een uitkering."
            ),
        ),
    ),
    DemoInitiative(
        name="Dorpshuis De Berkenhof",
        kern="Oldeberkum",
        kinds=("Dorpshuis",),
        status=Status.PUBLIC,
        ownership=Ownership.COMMUNITY_WITH_SUPPORT,
        description=(
            "De Berkenhof is de huiskamer van Oldeberkum. In de grote zaal wordt gegymd, "
            "gedanst en vergaderd; in de kleine zaal zit de biljartclub en op zondagmiddag "
            "is er muziek in het café. Alles wordt gedraaid door vrijwilligers: tweeënzestig "
            "op de laatste telling."
        ),
        offers=("vergaderruimte", "keuken", "podium", "geluidsinstallatie"),
        wishes=("energieadvies", "vrijwilligers", "website"),
        wishes_text="Een website waar je zelf een zaal kunt reserveren.",
        ideas="Een dagbesteding in de kleine zaal, door en voor het dorp.",
        members=(JAN, FROUKE),
        contact="Beheer De Berkenhof, berkenhof@example.org",
        contact_consent=True,
    ),
    DemoInitiative(
        name="Skatebaan-groep Oldeberkum",
        kern="Oldeberkum",
        kinds=("Jongerensoos",),
        status=Status.TIP,
        ownership=None,
        description=(
            "Gehoord bij De Berkenhof: een groep van zo'n tien jongeren bouwt zelf houten "
            "schansen op het parkeerterrein achter de sporthal. Ze zouden graag een vaste "
            "plek willen. Nog geen contact gehad."
        ),
        notes=(
            DemoNote(
                "Buurtwerkbedrijf De Werkplaats heeft hout en gereedschap; misschien een "
                "mooie verbinding. Eerst zelf kennismaken, via de beheerder van De Berkenhof.",
                internal=True,
            ),
        ),
    ),
    DemoInitiative(
        name="Kledingruil Oldeberkum",
        kern="Oldeberkum",
        kinds=("Ruilwinkel",),
        status=Status.ENDED,
        was_public=True,
        ownership=Ownership.COMMUNITY,
        description=(
            "Vier jaar lang ruilden we op de eerste zaterdag van de maand kleding in de "
            "kleine zaal van De Berkenhof. De initiatiefneemsters zijn inmiddels oma's met "
            "een volle agenda, en we zijn gestopt. De rekken staan nog op zolder, voor wie "
            "het over wil nemen."
        ),
        offers=("opslagruimte",),
        offers_text="Kledingrekken en hangers, gratis op te halen.",
        members=(TINEKE,),
    ),
    # --- Aalderveen --------------------------------------------------------------------
    DemoInitiative(
        name="Dorpsoverleg Aalderveen",
        kern="Aalderveen",
        kinds=("Dorpsoverleg",),
        status=Status.PUBLIC,
        ownership=Ownership.COMMUNITY_WITH_SUPPORT,
        description=(
            "Vier keer per jaar zitten we met een man of dertig in het café: de "
            "verenigingen, de school, de kerk, de boeren en wie er verder zin heeft. "
            "We maken een dorpsagenda die van ons is, niet van de gemeente, en een "
            "wethouder mag komen luisteren. Het dorpsbudget verdelen we samen."
        ),
        offers=("netwerk", "vergaderruimte", "bestuurservaring"),
        offers_text="Wij weten wie er wat doet in Aalderveen. Vraag het ons.",
        wishes=("kennis van subsidies", "publiciteit"),
        members=(ANNEMIEK, JOKE),
    ),
    DemoInitiative(
        name="Beweegtuin Aalderveen",
        kern="Aalderveen",
        kinds=("Beweegtuin",),
        status=Status.PUBLIC,
        ownership=Ownership.MUNICIPALITY,
        description=(
            "De gemeente heeft naast de school een beweegtuin neergezet, met toestellen "
            "voor jong en oud. Wij zetten hem op de kaart zodat meer mensen hem vinden. "
            "Elke maandagochtend om half tien komt een groepje samen om te oefenen. Je "
            "hoeft niks mee te nemen behalve goede schoenen."
        ),
        offers=("sport en bewegen",),
        wishes=("vrijwilligers",),
        wishes_text="Iemand die af en toe een les wil geven.",
        members=(TINEKE,),
    ),
    DemoInitiative(
        name="Vrouwen van Aalderveen",
        kern="Aalderveen",
        kinds=("Vereniging",),
        status=Status.KNOWN,
        ownership=Ownership.COMMUNITY,
        description=(
            "Een vereniging van ruim zestig vrouwen die al sinds 1958 bestaat. Eens per "
            "maand een avond met een spreker, een excursie in het voorjaar en een "
            "kerstviering. Genoteerd na een gesprek met de voorzitter bij het dorpsoverleg."
        ),
        joins=(
            DemoJoin(
                TINEKE,
                "Ik zit in het bestuur en wil graag onze eigen tekst schrijven, met iets over "
                "onze excursie naar de Hunebedden.",
            ),
        ),
        notes=(
            DemoNote(
                "Volgende keer met koffie langs bij hun donderdagmiddag in het dorpshuis. "
                "Niet met een formulier komen.",
                internal=True,
            ),
        ),
    ),
    # --- Geeserwold --------------------------------------------------------------------
    DemoInitiative(
        name="IJsclub De Geeserbaan",
        kern="Geeserwold",
        kinds=("IJsclub", "Vereniging"),
        status=Status.PUBLIC,
        ownership=Ownership.COMMUNITY,
        heard_of=(
            "Op het dorpsoverleg hoorde ik over een ijsclub die in de winter het weiland "
            "van boer Lanting onder water zet. Ongeveer honderd leden, volgens de buurman."
        ),
        description=(
            "Als het vriest, zet heel Geeserwold de wekker. Dan spuiten we 's nachts de baan "
            "en staat om negen uur de koek-en-zopie klaar. Het weiland is van Lanting, de "
            "pomp van de club en de sneeuwschuivers zijn van iedereen. In de zomer houden we "
            "de baan bij en verhuren we de kantine voor verjaardagen. Vriest het niet? Dan "
            "schaatsen we op de erwtensoep."
        ),
        offers=("vergaderruimte", "keuken", "opslagruimte", "vrijwilligers", "aanhanger"),
        offers_text=(
            "Onze kantine staat tien maanden per jaar bijna leeg. Vraag maar of hij vrij is."
        ),
        wishes=("techniek", "verlichting"),
        wishes_text="Iemand die verstand heeft van pompen; de onze is ouder dan de voorzitter.",
        ideas="Een zomerbaan met skeelers op het fietspad eromheen.",
        joins=(
            DemoJoin(
                KLAAS,
                "Ik ben de secretaris van de ijsclub en schrijf ons stukje graag zelf.",
                accepted=True,
            ),
        ),
        contact="ijsclub.geeserbaan@example.org",
        contact_consent=True,
    ),
    DemoInitiative(
        name="Zonnedak op de gymzaal",
        kern="Geeserwold",
        kinds=("Energiecoöperatie",),
        status=Status.KNOWN,
        ownership=Ownership.COMMUNITY_WITH_SUPPORT,
        description=(
            "Wij zijn een groepje van negen buren dat zonnepanelen wil leggen op het dak "
            "van de gymzaal. De gemeente is eigenaar van het dak en denkt mee. Als het rond "
            "is, gaan we op de kaart en zoeken we deelnemers."
        ),
        offers=("techniek",),
        wishes=("energieadvies", "juridische kennis", "kennis van subsidies"),
        wishes_text="Een avond met Esser Energie zou ons enorm helpen.",
        members=(MEHMET, JAN),
        on_map=False,
    ),
    DemoInitiative(
        name="De Geeserstappers",
        kern="Geeserwold",
        kinds=("Wandelgroep",),
        status=Status.PUBLIC,
        ownership=Ownership.COMMUNITY,
        description=(
            "Elke woensdagochtend om negen uur vertrekken we bij de kerk voor een wandeling "
            "van een uur of twee. Door het Geeserveld, langs de es, soms tot aan de koffie "
            "in Aalderveen. Wie sneller wil, loopt vooruit; niemand wordt achtergelaten."
        ),
        offers=("sport en bewegen", "natuurkennis", "koffie en ontmoeting"),
        wishes=("verhalen",),
        wishes_text="Iemand die onderweg kan vertellen over de geschiedenis van de es.",
        members=(JOKE,),
        on_map=False,
    ),
    DemoInitiative(
        name="Dorpshuis De Geeserhof",
        kern="Geeserwold",
        kinds=("Dorpshuis",),
        status=Status.KNOWN,
        ownership=Ownership.MUNICIPALITY_WITH_RESIDENTS,
        description=(
            "Dorpshuis in een gebouw van de gemeente, beheerd door een vrijwilligersbestuur. "
            "Gesproken met de penningmeester over de huur en de verwarming."
        ),
        notes=(
            DemoNote(
                "Het bestuur wil eerst met de leden overleggen of ze op de openbare kaart "
                "willen. Ik hoor het van ze.",
            ),
        ),
    ),
    # --- Tiendeveld --------------------------------------------------------------------
    DemoInitiative(
        name="Wooncoöperatie Het Erf",
        kern="Tiendeveld",
        kinds=("Wooncoöperatie",),
        status=Status.PUBLIC,
        ownership=Ownership.COMMUNITY_WITH_SUPPORT,
        description=(
            "Op het erf van een oude boerderij wonen we sinds vorig jaar met veertien "
            "huishoudens: in de deel zes appartementen, in de schuren acht kleine huizen. "
            "De gemeente verkocht ons de grond voor een eerlijke prijs, de rest hebben we "
            "zelf bedacht en voor een groot deel zelf gebouwd. De gemeenschappelijke "
            "keuken is het hart van het erf: wie kookt, kookt voor wie aanschuift."
        ),
        offers=("bestuurservaring", "juridische kennis", "kennis van subsidies", "keuken"),
        offers_text=(
            "We hebben onze statuten, begroting en bouwplanning netjes bewaard. Wie wil "
            "beginnen, mag ze hebben, en we geven graag een rondleiding."
        ),
        wishes=("tuinieren", "muziek"),
        wishes_text="Muzikanten voor het oogstfeest op het erf in september.",
        ideas="Een logeerhuisje voor mensen die even ergens anders willen zijn.",
        members=(ANNEMIEK, MEHMET),
        website="https://wooncooperatie-het-erf.example.org",
        notes=(
            DemoNote(
                "Wooncoöperatie Thuis in Ansingeveen zoekt precies hun ervaring. Heb ze "
                "voorgesteld om een keer langs te gaan; Het Erf vond dat een goed idee."
            ),
        ),
    ),
    DemoInitiative(
        name="Tiendeveld Tafelt",
        kern="Tiendeveld",
        kinds=("Buurtkeuken",),
        status=Status.PUBLIC,
        ownership=Ownership.COMMUNITY,
        description=(
            "Elke laatste vrijdag van de maand dekken we één lange tafel in de "
            "dorpsstraat, van het café tot de school. Iedereen neemt een gerecht mee en "
            "schuift aan waar plek is. Vorige keer zaten er honderddertig mensen, en de "
            "burgemeester kwam ook, met een appeltaart."
        ),
        offers=("kookkunst", "tafels en stoelen", "koffie en ontmoeting"),
        offers_text="Zestig meter tafel en een goede planning: je mag ze lenen.",
        wishes=("muziek", "partytent"),
        members=(FATIMA, BERT),
    ),
    DemoInitiative(
        name="Fietsmaatjes Tiendeveld",
        kern="Tiendeveld",
        kinds=("Burenhulp",),
        status=Status.PUBLIC,
        ownership=Ownership.COMMUNITY_WITH_SUPPORT,
        description=(
            "Wij hebben twee duofietsen en vijftien vrijwilligers die graag fietsen. Iemand "
            "die zelf niet meer durft te fietsen, stapt naast een van ons in en dan gaan we "
            "de polder in. Onderweg drinken we koffie bij Geeserwold en komen we thuis met "
            "rode wangen. Welzijn Markeveld betaalt het onderhoud van de fietsen."
        ),
        offers=("vervoer", "fietsen", "luisterend oor", "sport en bewegen"),
        wishes=("opslagruimte", "vrijwilligers"),
        wishes_text="Een schuur met een stopcontact: de fietsen zijn elektrisch.",
        members=(JAN,),
    ),
    # --- Wapserhoek --------------------------------------------------------------------
    DemoInitiative(
        name="Noaberschap Wapserhoek",
        kern="Wapserhoek",
        kinds=("Burenhulp",),
        status=Status.PUBLIC,
        ownership=Ownership.COMMUNITY,
        description=(
            "In Wapserhoek wonen we met tweeëntwintig huishoudens, en we hebben nog echte "
            "noabers. Als er een kind geboren wordt, zet de buurt een ooievaar in de tuin. "
            "Als iemand ziek is, wordt het gras gemaaid zonder dat erom gevraagd is. Eén "
            "keer per jaar houden we het noaberfeest in de schuur van de Hadders."
        ),
        offers=("klussen", "aanhanger", "luisterend oor"),
        wishes=("vervoer",),
        wishes_text=(
            "Fijn dat de wensbus ook hier rijdt. Nog een keer per week erbij zou mooi zijn."
        ),
        members=(ROELIE,),
        on_map=False,
    ),
    DemoInitiative(
        name="Schaapskooi Wapserhoek",
        kern="Wapserhoek",
        kinds=("Groengroep",),
        status=Status.KNOWN,
        ownership=Ownership.MUNICIPALITY,
        description=(
            "De schaapskooi en de kudde zijn van de natuurorganisatie die het Wapserveld "
            "beheert. Bij de lammertijd komen veel dorpsgenoten helpen en kijken. "
            "Genoteerd na een gesprek met de herder."
        ),
        notes=(
            DemoNote(
                "De herder vertelde dat de vrijwilligers bij de lammertijd eigenlijk een "
                "eigen groep zijn. Misschien willen zij zelf op de kaart.",
                internal=True,
            ),
        ),
    ),
    DemoInitiative(
        name="Buurtschapshuis 't Anker",
        kern="Wapserhoek",
        kinds=("Dorpshuis",),
        status=Status.PUBLIC,
        ownership=Ownership.COMMUNITY,
        description=(
            "Het oude schooltje is ons buurtschapshuis. We hebben het in 2009 van de gemeente "
            "gekocht voor één euro en sindsdien verbouwd, weekend na weekend. Er is plek "
            "voor veertig mensen, een houtkachel en een bar die op vrijdagavond open is."
        ),
        offers=("vergaderruimte", "keuken", "klussen"),
        wishes=("energieadvies", "vrijwilligers"),
        wishes_text="Hulp bij het isoleren van de zolder.",
        ideas="Een ommetje langs alle boerderijen van de buurtschap, met koffie bij 't Anker.",
        members=(ROELIE, HARM),
    ),
    # --- Spierenbroek ------------------------------------------------------------------
    DemoInitiative(
        name="Plaatselijk Belang Spierenbroek",
        kern="Spierenbroek",
        kinds=("Vereniging", "Dorpsoverleg"),
        status=Status.PUBLIC,
        ownership=Ownership.COMMUNITY,
        description=(
            "Spierenbroek is klein, maar we doen het samen. Plaatselijk Belang organiseert de "
            "buurtschapsbarbecue, de oud-en-nieuwborrel en de schoonmaakdag van de sloten. "
            "Onze grootste trots: de glasvezel, die we zelf van boer tot boer hebben "
            "geregeld."
        ),
        offers=("netwerk", "bestuurservaring", "vrijwilligers"),
        offers_text=(
            "Hoe je als buurtschap glasvezel krijgt: we weten het nu, en vertellen het graag."
        ),
        wishes=("publiciteit", "geluidsinstallatie"),
        members=(GERRIT, HARM),
        on_map=False,
    ),
    DemoInitiative(
        name="Koffie op dinsdag",
        kern="Spierenbroek",
        kinds=("Huiskamer",),
        status=Status.KNOWN,
        ownership=Ownership.COMMUNITY,
        description=(
            "Om de week op dinsdagochtend staat bij een van ons de koffie klaar, voor wie "
            "in Spierenbroek een praatje wil maken. Het is klein en we willen het klein "
            "houden. Daarom staan we niet op de openbare kaart, maar de gemeente mag best "
            "weten dat we er zijn."
        ),
        offers=("koffie en ontmoeting", "luisterend oor"),
        members=(JOKE,),
    ),
    DemoInitiative(
        name="Paasvuur-comité Spierenbroek",
        kern="Spierenbroek",
        kinds=("Vereniging",),
        status=Status.PUBLIC,
        ownership=Ownership.COMMUNITY_WITH_SUPPORT,
        description=(
            "Al meer dan honderd jaar brandt er op eerste paasdag een paasvuur op de es "
            "van Spierenbroek. In de weken ervoor halen we snoeihout op bij iedereen die "
            "wat over heeft. De gemeente en de brandweer denken mee over de vergunning, wij "
            "zorgen voor de worst en de muziek."
        ),
        offers=("aanhanger", "vrijwilligers", "muziek"),
        wishes=("partytent", "verlichting"),
        members=(KLAAS, GERRIT),
    ),
)
