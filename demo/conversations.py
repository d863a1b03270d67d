"""Conversations of Markeveld: what colleagues wrote down right after a talk.

Six colleagues in five departments and one partner organisation had personal,
curiosity-driven conversations without an agenda, over the last ten months: on a bench
at the playground, at the counter, along the touchline. Each wrote down, right after,
what they learned, the ideas the community keeps in the attic, the talents and energy
they noticed and what could be connected. The notes are about communities, never a file
on a person: nobody is named, and ``with_whom`` says "two volunteers", not who.

Most are shared with the initiatives they are about ("wat de gemeente over jullie
weet"); a few are internal, for colleagues only. Some mention a community nobody knew
yet: a tip, followed up in the tips inbox, and one of them met in a later conversation.
The words Kompas avoids (``kompas.words``) appear nowhere; a test checks that.

Dates are counted back from the day the demo is loaded, so the demo always shows the
last ten months; a conversation is moved back to the weekday its text speaks of.
"""

from dataclasses import dataclass

from django.utils.text import slugify

from demo.initiatives import STAFF_EMAIL
from initiatives.models import TipState

JEROEN = STAFF_EMAIL  # Sociaal team
WIM = "openbareruimte@example.org"  # Openbare ruimte
LOTTE = "communicatie@example.org"  # Communicatie
ESRA = "balie@example.org"  # Publiekszaken
MARIEKE = "griffie@example.org"  # Raadsgriffie
KEES = "opbouwwerker@example.org"  # Welzijn Markeveld, the partner organisation

AUTHORS = (JEROEN, WIM, LOTTE, ESRA, MARIEKE, KEES)

# Weekdays as ``date.weekday()`` counts them.
MAANDAG, DINSDAG, WOENSDAG, DONDERDAG, VRIJDAG, ZATERDAG, ZONDAG = range(7)


@dataclass(frozen=True)
class DemoTip:
    """A community that was mentioned and that nobody knew yet.

    ``state`` is where its follow-up stands once the conversation is written down;
    ``going`` names the colleague who said "ik ga kennismaken".
    """

    name: str
    kern: str
    heard: str
    state: TipState = TipState.NEW
    going: str = ""

    @property
    def slug(self) -> str:
        return slugify(self.name)


@dataclass(frozen=True)
class DemoConversation:
    author: str
    # How many days before the day the demo is loaded, moved back to ``weekday``.
    days_ago: int
    learned: str
    # Names of demo initiatives, or of a tip an earlier conversation brought in.
    initiatives: tuple[str, ...] = ()
    # Only for a conversation about a kern rather than an initiative; otherwise the kern
    # of the first initiative.
    kern: str = ""
    weekday: int | None = None
    place: str = ""
    with_whom: str = ""
    ideas: str = ""
    talents: str = ""
    to_connect: str = ""
    internal: bool = False
    tips: tuple[DemoTip, ...] = ()


PICKNICKCLUB = DemoTip(
    name="Picknickclub Zuiderplein",
    kern="Markeveld-Zuid",
    heard=(
        "Op woensdagmiddag picknicken zo'n tien gezinnen samen op het gras van het "
        "Zuiderplein. Ze nemen om beurten iets lekkers mee en de kinderen spelen samen. Geen "
        "bestuur, geen naam, wel een vaste plek voor de kleedjes. Al twee zomers."
    ),
    state=TipState.GOING,
    going=KEES,
)

CONVERSATIONS = (
    # --- Jeroen Mulder, Sociaal team ----------------------------------------------------
    DemoConversation(
        author=JEROEN,
        days_ago=295,
        weekday=WOENSDAG,
        initiatives=("Zorgcoöperatie Noordermarke",),
        place="aan de open tafel in het dorpshuis",
        with_whom="twee vrijwilligers en de dorpsondersteuner",
        learned=(
            "Aangeschoven bij de open tafel op woensdag. Er zaten zo'n dertig mensen, en de "
            "helft was vrijwilliger zonder dat je het doorhad: wie opschept, schuift daarna "
            "gewoon aan. De coöperatie regelt veel meer dan ik dacht: vervoer, boodschappen, "
            "een bakje koffie, en vooral dat iedereen in het dorp weet bij wie hij terecht kan."
        ),
        ideas=(
            "Een paar levensloopbestendige woningen naast het dorpshuis. Er ligt al een "
            "schets, getekend door een gepensioneerde architect uit het dorp."
        ),
        talents=(
            "Een dorpsondersteuner die de weg weet naar de huisarts en de thuiszorg, en "
            "chauffeurs die al jaren rijden. Veel energie bij de jonge gepensioneerden."
        ),
        to_connect=(
            "Het vrijwilligersvervoer van de coöperatie en de Wensbus Holtwolde rijden soms "
            "dezelfde route naar het ziekenhuis. Samen een rooster?"
        ),
    ),
    DemoConversation(
        author=JEROEN,
        days_ago=262,
        weekday=MAANDAG,
        initiatives=("Share Care-netwerk Zuidermarke",),
        place="aan de keukentafel bij de coördinator",
        with_whom="de coördinator en een vrijwilliger",
        learned=(
            "Het rooster van het Share Care-netwerk is een schrift met een elastiek erom, en "
            "het werkt beter dan alles wat wij ooit hebben bedacht. Iedereen schrijft zelf in "
            "wat hij kan: koken op maandag, meefietsen naar de markt, een keer stofzuigen. De "
            "kring draagt het samen; de coördinator houdt alleen het overzicht."
        ),
        ideas="Een tweede kring in Tiendeveld, met mensen die het hier hebben zien werken.",
        talents=(
            "Rust en overzicht. Vrijwilligers die het vanzelfsprekend vinden om hun buren "
            "bij te staan."
        ),
        to_connect=(
            "Zorgcoöperatie Noordermarke wil weten hoe dit rooster werkt. Ze hebben elkaar "
            "al gebeld; nu nog een keer samen koffie drinken."
        ),
    ),
    DemoConversation(
        author=JEROEN,
        days_ago=205,
        weekday=WOENSDAG,
        initiatives=("Speeltuinvereniging De Klimboom",),
        place="op het bankje bij de speelplaats",
        with_whom="twee ouders die op woensdag de limonade schenken",
        learned=(
            "Op het bankje bij de speelplaats raakte ik aan de praat met twee ouders van De "
            "Klimboom. Ze houden de speeltuin met een vaste ploeg van een stuk of vijftien "
            "mensen open, en iedereen heeft een eigen klus: de een maait, de ander doet de "
            "kas, een derde schildert. De vrijmarkt op Koningsdag is hun grote dag; ze sparen "
            "voor een kabelbaan, omdat de kinderen dat willen."
        ),
        ideas="Een moestuintje achter het clubhuis, waar de kinderen zelf iets mogen zaaien.",
        talents=(
            "Ouders die een kinderfeest voor honderd kinderen in elkaar draaien alsof het niks is."
        ),
        to_connect=(
            "Moestuin Achter de Kerk in Noordermarke heeft zaden en stekjes over, en een "
            "tuinder die graag uitlegt hoe het moet."
        ),
    ),
    DemoConversation(
        author=JEROEN,
        days_ago=198,
        initiatives=("Speeltuinvereniging De Klimboom",),
        place="op kantoor, na het gesprek bij de speeltuin",
        learned=(
            "Voor mezelf: de ouders van De Klimboom betalen de jaarlijkse keuring van de "
            "toestellen nu uit de opbrengst van de vrijmarkt. Met Openbare ruimte uitzoeken of "
            "die keuring mee kan met die van onze eigen speelplaatsen, vóórdat ik er iets "
            "over beloof."
        ),
        internal=True,
    ),
    DemoConversation(
        author=JEROEN,
        days_ago=160,
        weekday=ZATERDAG,
        initiatives=("Sportdorp Holtwolde",),
        place="langs de lijn bij het hoofdveld",
        with_whom="een paar vrijwilligers van de kantine",
        learned=(
            "Langs de lijn op zaterdag. Sinds de clubs samen één vereniging zijn, is de "
            "kantine het dorpscafé geworden: iemand van de tennis zit naast iemand van de "
            "korfbal en ze praten over het dorp. Op woensdagochtend lopen de ouderen hun "
            "rondje om het veld en drinken daarna koffie in diezelfde kantine."
        ),
        ideas="Led-verlichting voor het veld. Er ligt al een offerte.",
        talents="Eén vrijwilligerslijst voor vier sporten, en niemand die klaagt over vergaderen.",
        to_connect=(
            "Beweegtuin Aalderveen zoekt iemand die af en toe een les geeft; misschien heeft "
            "iemand van het wandelrondje daar zin in."
        ),
        tips=(
            DemoTip(
                name="Walking football Holtwolde",
                kern="Holtwolde",
                heard=(
                    "Op dinsdagavond speelt een groep zestigplussers walking football op het "
                    "kunstgrasveld. Begonnen met z'n vieren, nu met een man of twintig. Bij de "
                    "club wist niemand precies wie het regelt."
                ),
                state=TipState.GOING,
                going=JEROEN,
            ),
        ),
    ),
    DemoConversation(
        author=JEROEN,
        days_ago=130,
        weekday=DONDERDAG,
        initiatives=("Broodfonds Oldeberkum",),
        place="achteraf bij de borrel in De Berkenhof",
        with_whom="twee deelnemers",
        learned=(
            "Ze vroegen wat het broodfonds betekent als een deelnemer ooit een uitkering "
            "aanvraagt. Ik heb het uitgezocht en het antwoord nagestuurd. Verder vooral "
            "geleerd hoe gewoon ze het vinden om voor elkaar te zorgen: niemand praat over de "
            "pot, iedereen over de borrel."
        ),
        talents="Ondernemers die elkaar klussen gunnen en advies geven zonder rekening.",
    ),
    DemoConversation(
        author=JEROEN,
        days_ago=95,
        weekday=DINSDAG,
        initiatives=("Taalcafé Praat Mee", "Wereldkeuken Markeveld"),
        place="aan de leestafel in de bibliotheek",
        with_whom="vier deelnemers en een vrijwilliger",
        learned=(
            "Een dinsdagmiddag meegepraat aan de leestafel. Ik zat tussen iemand die net zijn "
            "rijbewijs had gehaald en een oud-postbode die half Markeveld kent. Het gesprek "
            "ging over recepten, en binnen tien minuten over de vraag waar je in Markeveld een "
            "grote keuken kunt lenen."
        ),
        ideas="Eén keer per maand samen koken: praten gaat makkelijker met een pollepel.",
        talents=(
            "Gesprekspartners in zes talen, en een paar die goed kunnen uitleggen hoe een "
            "brief van de gemeente in elkaar zit."
        ),
        to_connect=(
            "De Wereldkeuken kookt in het wijkgebouw en zoekt juist extra handen. En De "
            "Hooiberg heeft een cateringkeuken die niet elke dag gebruikt wordt."
        ),
    ),
    DemoConversation(
        author=JEROEN,
        days_ago=70,
        weekday=DONDERDAG,
        initiatives=("Buurtkeuken Zuid",),
        place="in de keuken bij een van de buurvrouwen",
        with_whom="drie van de vijf buurvrouwen",
        learned=(
            "Drie buurvrouwen van de Buurtkeuken, een pan soep en een telefoonlijst: zo "
            "simpel is het. Ze willen groter worden, maar vooral blijven zoals het nu voelt: "
            "gezellig, en niet als werk. Ik heb vooral geluisterd."
        ),
        ideas="Een grote keuken waar ze met meer tegelijk kunnen koken, met een tafel erbij.",
        talents="Koken voor veertig alsof het voor vier is.",
        to_connect=(
            "De Huiskamer van Zuid heeft een keuken en eet op vrijdag al samen. Misschien "
            "kan de soep daar gekookt worden."
        ),
    ),
    DemoConversation(
        author=JEROEN,
        days_ago=45,
        kern="Markeveld-Zuid",
        place="op kantoor",
        learned=(
            "Voor het sociaal team: in Zuid kennen de Huiskamer, de Buurtkeuken en de "
            "Buurt-app elkaar wel, maar ze weten niet van elkaars plannen. Niet gaan "
            "regisseren. Wel bij het volgende overleg met Welzijn Markeveld noemen dat de "
            "Huiskamer 's avonds ruimte over heeft, en het verder aan hen laten."
        ),
        internal=True,
    ),
    DemoConversation(
        author=JEROEN,
        days_ago=12,
        weekday=ZATERDAG,
        initiatives=("Wooncoöperatie Het Erf", "Wooncoöperatie Thuis in Ansingeveen"),
        place="op de rondleiding over Het Erf",
        with_whom="bewoners van Het Erf en vier huishoudens uit Ansingeveen",
        learned=(
            "Met de groep uit Ansingeveen mee op rondleiding over Het Erf. De bewoners "
            "lieten de statuten, de begroting en de bouwplanning zien, en vooral waar het "
            "bijna misging. De mensen uit Ansingeveen gingen naar huis met een map vol papier "
            "en een lijstje telefoonnummers."
        ),
        ideas="Een gedeelde werkplaats en een deelauto, voor beide woongroepen samen.",
        talents="Mensen die zelf hebben gebouwd en het graag doorgeven.",
        to_connect=(
            "Ze spreken af om elkaar elk kwartaal te zien. Wij hoeven niets te doen, behalve "
            "af en toe vragen hoe het gaat."
        ),
    ),
    # --- Wim Oosting, Openbare ruimte ---------------------------------------------------
    DemoConversation(
        author=WIM,
        days_ago=280,
        weekday=ZATERDAG,
        initiatives=("Groengroep Witteloo",),
        place="in het plantsoen, tussen de kruiwagens",
        with_whom="een groepje van de groengroep",
        learned=(
            "Een zaterdagochtend meegewied met de Groengroep. Ze weten precies welke hoek van "
            "het plantsoen in juni nat staat en waar de vlinders zitten; dat staat in geen "
            "enkel beheerplan van ons. Het groenafval halen wij op, maar ze vroegen of dat ook "
            "op zaterdagmiddag kan in plaats van op maandag."
        ),
        ideas="Een bloemenweide langs het fietspad naar Esserhorst.",
        talents=(
            "Twintig mensen met groene vingers, en een voorman die het werk verdeelt zonder "
            "dat iemand het merkt."
        ),
        to_connect=(
            "Imkers van Ansingeveen zoeken grond voor bloemenlinten. De Groengroep heeft zaad "
            "over en handen genoeg."
        ),
    ),
    DemoConversation(
        author=WIM,
        days_ago=250,
        weekday=DINSDAG,
        initiatives=("Wensbus Holtwolde e.o.",),
        place="bij de loods aan de Werkweg",
        with_whom="twee chauffeurs",
        learned=(
            "Samen met twee chauffeurs de loods aan de Werkweg bekeken. Er past een bus in, er "
            "zit een stopcontact en het dak lekt alleen aan de achterkant. Ze waren vooral "
            "blij dat er iemand van de gemeente kwam kijken in plaats van een formulier te "
            "sturen."
        ),
        ideas="Een tweede bus, elektrisch, opgeladen met stroom van de energiecoöperatie.",
        talents="Chauffeurs die elke weg, elke boerderij en elke hond langs de route kennen.",
        to_connect="Energiecoöperatie Esser Energie, over laden met stroom uit het dorp.",
    ),
    DemoConversation(
        author=WIM,
        days_ago=248,
        initiatives=("Wensbus Holtwolde e.o.",),
        place="op kantoor",
        learned=(
            "De loods aan de Werkweg staat op de lijst om te verkopen. Eerst met Vastgoed "
            "afstemmen of tijdelijk gebruik kan; de Wensbus pas iets laten weten als het zeker "
            "is, zodat ze niet op iets rekenen wat niet doorgaat."
        ),
        internal=True,
    ),
    DemoConversation(
        author=WIM,
        days_ago=185,
        weekday=VRIJDAG,
        initiatives=("Noaberschap Wapserhoek",),
        place="op het erf, tussen de bermen door",
        with_whom="drie noabers die het noaberfeest organiseren",
        learned=(
            "Kwam langs voor de bermen en bleef een uur. In Wapserhoek maaien ze de bermen "
            "voor de boerderijen al jaren zelf, gewoon omdat het kan. Ze vroegen alleen of wij "
            "onze maaidata willen doorgeven, zodat niemand dubbel werk doet."
        ),
        ideas="Een bankje bij de vogelkijkplek aan de Veenweg.",
        talents="Noabers die zonder vragen aanpakken, en een trekker met een klepelmaaier.",
        to_connect="De herder van de Schaapskooi kent de vogelaars van het Wapserveld ook.",
        tips=(
            DemoTip(
                name="Vogelwerkgroep Wapserveld",
                kern="Wapserhoek",
                heard=(
                    "Een paar mensen tellen elk voorjaar de weidevogels op het Wapserveld en "
                    "zetten nestbeschermers uit bij de boeren. Ze hebben geen naam, wel een "
                    "schrift vol waarnemingen van twintig jaar."
                ),
            ),
        ),
    ),
    DemoConversation(
        author=WIM,
        days_ago=140,
        weekday=ZATERDAG,
        initiatives=("Dorpshuis Het Markehuus", "Energiecoöperatie Esser Energie"),
        place="op het dak van het dorpshuis, met een ladder",
        with_whom="de beheerder en twee mannen van de klusploeg",
        learned=(
            "Het dak van het Markehuus bekeken. De klusploeg van het dorpshuis weet meer van "
            "dat dak dan onze eigen tekeningen: waar het lekt, wat er jaren geleden is "
            "gerepareerd en hoe. Ze willen zonnepanelen, maar eerst weten of het dak het houdt."
        ),
        ideas="Een dorpshuis dat zijn eigen stroom maakt en die deelt met de buren.",
        talents="Een klusploeg van gepensioneerde vakmensen die alles zelf willen doen.",
        to_connect=(
            "Esser Energie heeft energiecoaches en een warmtecamera. Ze willen samen met het "
            "Markehuus de subsidie aanvragen."
        ),
    ),
    DemoConversation(
        author=WIM,
        days_ago=110,
        weekday=ZATERDAG,
        initiatives=("Repair Café Markeveld",),
        place="in de kelder van de bibliotheek",
        with_whom="drie reparateurs",
        learned=(
            "De kast in de bibliotheekkelder is geregeld: de gereedschapskisten van het Repair "
            "Café staan er nu droog. Bij het wegzetten vertelden ze dat ze ook bankjes kunnen "
            "opknappen. Ik heb ze de lijst gegeven van de bankjes in het centrum die een "
            "nieuwe lat kunnen gebruiken."
        ),
        talents=(
            "Iemand die alles met hout kan, en een jongen van veertien die alles met telefoons kan."
        ),
        to_connect=(
            "Speeltuinvereniging De Klimboom zoekt hulp bij het houtwerk van de toestellen."
        ),
    ),
    DemoConversation(
        author=WIM,
        days_ago=85,
        weekday=ZONDAG,
        initiatives=("Zwerfafvalbrigade Oost",),
        place="langs het kanaal, met een grijper",
        with_whom="de lopers van die zondag",
        learned=(
            "Zondagochtend meegelopen met de Zwerfafvalbrigade. Ze lopen niet alleen rond, ze "
            "praten met iedereen die ze tegenkomen: hondenbezitters, mensen op een bankje, een "
            "visser. Zo zijn ze van acht naar achttien lopers gegaan."
        ),
        ideas="Een ommetje met een kaartje waarop staat waar de mooiste plekken van Oost zijn.",
        talents="Doorzetters met een goed humeur, ook als het regent.",
        to_connect=(
            "Buurtwerkbedrijf De Werkplaats zou een kar kunnen maken voor de grijpers en de zakken."
        ),
    ),
    DemoConversation(
        author=WIM,
        days_ago=30,
        weekday=ZATERDAG,
        initiatives=("Paasvuur-comité Spierenbroek",),
        place="op de es van Spierenbroek",
        with_whom="een paar mensen van het comité",
        learned=(
            "Met het Paasvuur-comité de plek op de es bekeken. Het snoeihout komt van het "
            "halve dorp en het opbouwen is een feest op zich: drie generaties, één stapel. De "
            "vergunning loopt via ons; ik zorg dat die dit keer op tijd rond is."
        ),
        talents="Een comité dat al honderd jaar elk jaar opnieuw begint, en nooit alleen.",
    ),
    DemoConversation(
        author=WIM,
        days_ago=28,
        initiatives=("Paasvuur-comité Spierenbroek",),
        place="op kantoor",
        learned=(
            "De brandweer wil dit keer meer afstand tussen het vuur en de weg. Eerst zelf met "
            "de brandweer de kaart bekijken, dan pas met het comité: zij hebben een plek "
            "nodig, geen nieuw formulier."
        ),
        internal=True,
    ),
    # --- Lotte de Vries, Communicatie ---------------------------------------------------
    DemoConversation(
        author=LOTTE,
        days_ago=275,
        weekday=DONDERDAG,
        initiatives=("Dorpskrant De Holtwoldse Bode",),
        place="aan de vouwtafel in het dorpshuis",
        with_whom="de redactie en een paar bezorgers",
        learned=(
            "Meegevouwen bij De Bode. Elf keer per jaar, al sinds 1982, en nog nooit een "
            "nummer overgeslagen. Ze lezen onze persberichten wel, maar vinden ze eerlijk "
            "gezegd saai: ze horen liever wat een initiatief zelf te vertellen heeft."
        ),
        ideas="Een jeugdpagina, geschreven door kinderen van de basisschool.",
        talents="Schrijvers, fotografen en bezorgers die samen het hele dorp kennen.",
        to_connect=(
            "De Bode wil een vaste pagina voor initiatieven. De Wensbus en Sportdorp Holtwolde "
            "vertellen graag hun verhaal."
        ),
    ),
    DemoConversation(
        author=LOTTE,
        days_ago=230,
        weekday=DINSDAG,
        initiatives=("Historische Vereniging Zuidermarke",),
        place="op de zolder van het Markehuus, tussen de dozen",
        with_whom="drie leden van de vereniging",
        learned=(
            "Op de zolder van het Markehuus staat het archief van de Historische Vereniging: "
            "drieduizend foto's in schoenendozen. Bij elke foto vertelden ze wat er gebeurde. "
            "Dat zijn precies de verhalen die wij in onze nieuwsbrief zouden moeten vertellen, "
            "en die we nu niet kennen."
        ),
        ideas="Een wandelroute langs de oude boerderijen, met de verhalen in een app.",
        talents="Geheugen, geduld en een goed oog voor foto's.",
        to_connect=(
            "De bibliotheek heeft een scanner, en de vrijwilligers van het Digicafé weten hoe "
            "die werkt."
        ),
    ),
    DemoConversation(
        author=LOTTE,
        days_ago=190,
        weekday=VRIJDAG,
        initiatives=("Wereldkeuken Markeveld",),
        place="aan de lange tafels in het wijkgebouw",
        with_whom="de koks van die avond",
        learned=(
            "Gegeten bij de Wereldkeuken: Surinaams, met een verhaal over een oma in "
            "Paramaribo. Honderd mensen aan tafel, en ik kende er drie. Ze willen geen folder "
            "van de gemeente; ze willen dat wij komen eten."
        ),
        ideas="Een kookboek met de recepten en de verhalen erbij.",
        talents="Koks met verhalen, en gastvrouwen die iedereen een plek aan tafel geven.",
        to_connect="De Holtwoldse Bode zoekt recepten met een verhaal voor de achterpagina.",
    ),
    DemoConversation(
        author=LOTTE,
        days_ago=100,
        weekday=ZATERDAG,
        initiatives=("Energiecoöperatie Esser Energie",),
        place="in de stal, onder het zonnedak",
        with_whom="twee energiecoaches",
        learned=(
            "Rondleiding onder het zonnedak van Esser Energie. 180 dorpsgenoten zijn eigenaar "
            "van een stukje dak, en dat merk je: iedereen weet hoeveel het vandaag heeft "
            "opgebracht. Ze vertellen het verhaal zelf veel beter dan wij het ooit zouden "
            "kunnen."
        ),
        ideas="Een dorpsbatterij in het oude trafohuisje.",
        talents="Energiecoaches die bij je aan de keukentafel uitleggen waar het tocht.",
        to_connect="Zonnedak op de gymzaal in Geeserwold wil graag een avond met Esser Energie.",
        tips=(
            DemoTip(
                name="Oldtimerclub De Zuiger",
                kern="Esserhorst",
                heard=(
                    "In de schuur naast de stal sleutelt op zaterdag een groep aan oude "
                    "trekkers en brommers. In de zomer rijden ze een toertocht langs alle "
                    "dorpen, met koffie bij elk dorpshuis onderweg."
                ),
                state=TipState.GOING,
                going=WIM,
            ),
        ),
    ),
    DemoConversation(
        author=LOTTE,
        days_ago=60,
        kern="Markeveld-Centrum",
        place="op kantoor",
        learned=(
            "Terugblik op de nieuwsbrief: de verhalen die het best gelezen worden, zijn die "
            "waarin een initiatief zelf aan het woord is. Voorstel voor de redactie: elke "
            "maand schrijft een initiatief zijn eigen stuk, en wij leveren alleen de foto."
        ),
        internal=True,
    ),
    DemoConversation(
        author=LOTTE,
        days_ago=55,
        weekday=VRIJDAG,
        initiatives=("Tiendeveld Tafelt",),
        place="aan de lange tafel in de dorpsstraat",
        with_whom="de buren links en rechts van mij",
        learned=(
            "Aangeschoven bij Tiendeveld Tafelt, met een ovenschotel. Honderddertig mensen aan "
            "één tafel, van het café tot de school. Niemand had het georganiseerd en iedereen "
            "had het georganiseerd: de tafels komen van de school, de stoelen van de kerk, de "
            "lampjes van de ijsclub."
        ),
        ideas="Eén keer per jaar een lange tafel door alle dorpen van Markeveld.",
        talents="Mensen die met bijna niets iets groots maken.",
        to_connect="De Wereldkeuken wil graag eens buiten koken.",
    ),
    DemoConversation(
        author=LOTTE,
        days_ago=25,
        weekday=MAANDAG,
        initiatives=("Muziekvereniging Crescendo Brunsveen",),
        place="in de oefenruimte, op maandagavond",
        with_whom="de dirigent en een paar muzikanten",
        learned=(
            "Een maandagavond bij de repetitie van Crescendo. Zevenenveertig muzikanten, van "
            "tien tot tachtig, en de jongsten zitten gewoon naast de oudsten. Instrumenten "
            "lenen ze uit aan wie wil beginnen, en wie stopt brengt hem terug voor de volgende."
        ),
        ideas="Een oefenruimte waar de trommels de buren niet wakker houden.",
        talents="Een dirigent die iedereen laat meespelen, ook wie geen noten kan lezen.",
        to_connect="Jeugdsoos De Kelder in Noordermarke heeft een kelder die goed geïsoleerd is.",
    ),
    DemoConversation(
        author=LOTTE,
        days_ago=8,
        weekday=ZATERDAG,
        initiatives=("Oost helpt Oost",),
        place="bij de straatbarbecue",
        with_whom="de beheerders van de appgroep",
        learned=(
            "Op de straatbarbecue van Oost helpt Oost. In de appgroep zitten 240 buren, bij de "
            "barbecue zo'n zestig. De mooiste berichten in de groep zijn volgens hen niet de "
            "vragen maar de aanbiedingen: een ladder, een lift, een pan soep."
        ),
        ideas="Een deelkast met gereedschap in een garage in de straat.",
        talents="Buren die binnen een uur iets regelen, en het daarna niet meer over hebben.",
        to_connect="Buurtwerkbedrijf De Werkplaats kan de deelkast bouwen.",
    ),
    # --- Esra Demir, Publiekszaken ------------------------------------------------------
    DemoConversation(
        author=ESRA,
        days_ago=232,
        weekday=WOENSDAG,
        kern="Markeveld-Zuid",
        place="aan de balie van het stadskantoor",
        with_whom="een bewoner uit Zuid",
        learned=(
            "Aan de balie raakte ik in gesprek met iemand uit Zuid, terwijl we wachtten op de "
            "printer. Het ging over het Zuiderplein: op woensdagmiddag picknicken daar gezinnen "
            "uit de hele wijk samen. Ze doen het al twee zomers, zonder naam en zonder bestuur."
        ),
        talents="Gezinnen die elkaar gewoon uitnodigen, en kinderen die elkaar van school kennen.",
        tips=(PICKNICKCLUB,),
    ),
    DemoConversation(
        author=ESRA,
        days_ago=215,
        weekday=DONDERDAG,
        initiatives=("Digicafé in de bibliotheek",),
        place="in de bibliotheek, bij het Digicafé",
        with_whom="de coördinator en drie vrijwilligers",
        learned=(
            "Op donderdagochtend meegekeken bij het Digicafé. De vrijwilligers helpen met DigiD "
            "en de app van de bank, geduldig, stap voor stap. Veel vragen gaan over ons eigen "
            "digitale loket; ik heb opgeschreven waar mensen vastlopen en neem dat mee naar "
            "ons team."
        ),
        ideas="Een spreekuur van Publiekszaken in de bibliotheek, een keer per maand.",
        talents="Vrijwilligers met eindeloos geduld en een thermoskan koffie.",
        to_connect="Taalcafé Praat Mee zit op dinsdag aan dezelfde tafel.",
    ),
    DemoConversation(
        author=ESRA,
        days_ago=175,
        weekday=VRIJDAG,
        initiatives=("Huiskamer van Zuid",),
        place="aan de grote tafel in de Huiskamer",
        with_whom="de gastvrouwen van die middag",
        learned=(
            "Na mijn dienst even binnengelopen bij de Huiskamer van Zuid. Iemand speelde op de "
            "oude piano, iemand anders deed de afwas zonder dat het gevraagd was. Veel mensen "
            "komen hier voor het eerst omdat een buurvrouw ze meeneemt."
        ),
        ideas="Een ruilkast met boeken en puzzels bij de deur.",
        talents="Gastvrijheid, en iemand die de oude piano weer aan het spelen heeft gekregen.",
        to_connect="Buurtkeuken Zuid zoekt een keuken. De Huiskamer heeft er een.",
    ),
    DemoConversation(
        author=ESRA,
        days_ago=120,
        weekday=ZATERDAG,
        initiatives=("Open Hof bij de Marktkerk",),
        place="op een bankje in de hof",
        with_whom="de vrijwilliger die de thee schonk",
        learned=(
            "Op een bankje in de Open Hof gezeten. Binnen vijf minuten had ik thee en een "
            "verhaal over de rozen, die er al stonden toen de kerk nog een klooster was. Het "
            "is een plek waar je even stil mag zijn, midden in het centrum."
        ),
        ideas="Een zomeravondconcert in de hof.",
        talents="Iemand die orgel speelt met de deur open.",
        to_connect=(
            "Collega's die een rustige plek zoeken om met een groep te praten: de consistorie "
            "is door de week vaak leeg."
        ),
    ),
    DemoConversation(
        author=ESRA,
        days_ago=42,
        weekday=DINSDAG,
        initiatives=("Dorpshuis De Geeserhof",),
        place="in de grote zaal van De Geeserhof",
        with_whom="de vrijwilligers achter de bar",
        learned=(
            "Voor het spreekuur van Publiekszaken in De Geeserhof geweest. Tussen de afspraken "
            "door vertelden de vrijwilligers over de sjoelavond op dinsdag: twaalf bakken, een "
            "wisselbeker en een schrift met uitslagen dat teruggaat tot 1974."
        ),
        talents="Een bestuur dat het dorpshuis draaiende houdt met een rooster op de koelkast.",
        tips=(
            DemoTip(
                name="Sjoelclub Geeserwold",
                kern="Geeserwold",
                heard=(
                    "Op dinsdagavond sjoelen zo'n dertig dorpsgenoten in De Geeserhof, al "
                    "vijftig jaar. Ze hebben een eigen wisselbeker en een schrift vol uitslagen."
                ),
            ),
        ),
    ),
    DemoConversation(
        author=ESRA,
        days_ago=18,
        kern="Markeveld-Centrum",
        place="aan de balie",
        learned=(
            "Voor ons team: aan de balie vragen mensen steeds vaker waar ze in hun dorp kunnen "
            "helpen. We hebben daar geen goed antwoord op. Voorstel: een kaartje aan de balie "
            "met de kaart van Kompas en de initiatieven die vrijwilligers zoeken."
        ),
        internal=True,
    ),
    DemoConversation(
        author=ESRA,
        days_ago=5,
        weekday=ZATERDAG,
        initiatives=("Kledingruil Oldeberkum", "Dorpshuis De Berkenhof"),
        place="aan de balie, en daarna even gebeld met De Berkenhof",
        with_whom="twee ouders uit Oldeberkum en de beheerder van De Berkenhof",
        learned=(
            "Aan de balie kwam de Kledingruil van Oldeberkum ter sprake: de rekken staan nog "
            "op de zolder van De Berkenhof. Een paar ouders uit het dorp willen het misschien "
            "overnemen, in de kleine zaal, eens per kwartaal."
        ),
        talents="Ouders die willen beginnen, en een dorpshuis dat de rekken al heeft.",
        to_connect=(
            "De beheerder van De Berkenhof weet wie het zijn en stelt ze voor aan de oude "
            "ploeg van de Kledingruil."
        ),
    ),
    # --- Marieke Scholten, Raadsgriffie -------------------------------------------------
    DemoConversation(
        author=MARIEKE,
        days_ago=268,
        weekday=DONDERDAG,
        initiatives=("Dorpsoverleg Aalderveen",),
        place="achterin het café, bij het dorpsoverleg",
        with_whom="zo'n dertig dorpsgenoten, en een wethouder die kwam luisteren",
        learned=(
            "Als toehoorder bij het dorpsoverleg in Aalderveen. Ze maken hun eigen "
            "dorpsagenda en beginnen elke keer met de vraag wat ze zelf kunnen; pas daarna "
            "komt de gemeente aan bod. Raadsleden zouden hier vaker moeten zitten, niet om te "
            "praten maar om te luisteren."
        ),
        ideas="Een dorpsbudget dat ze zelf verdelen, met minder papier eromheen.",
        talents="Een voorzitter die iedereen aan het woord laat, ook de jongste.",
        to_connect=(
            "Plaatselijk Belang Esserhorst werkt op dezelfde manier. Ze kennen elkaar nog niet."
        ),
    ),
    DemoConversation(
        author=MARIEKE,
        days_ago=225,
        weekday=DONDERDAG,
        initiatives=("Vrouwen van Aalderveen",),
        place="op de donderdagmiddag in het dorpshuis",
        with_whom="het bestuur en een stuk of twintig leden",
        learned=(
            "Op uitnodiging van het dorpsoverleg bij de Vrouwen van Aalderveen: ruim zestig "
            "leden, sinds 1958. Na een verhaal over de hunebedden ging het gesprek over wie er "
            "nieuw in het dorp is komen wonen, en hoe je die welkom heet."
        ),
        ideas="Een welkomstmiddag voor nieuwe inwoners, met koffie en een rondleiding.",
        talents="Een vereniging die al zestig jaar nieuwe mensen opneemt.",
    ),
    DemoConversation(
        author=MARIEKE,
        days_ago=150,
        initiatives=("Dorpscoöperatie Brunsveen",),
        place="op de griffie",
        learned=(
            "De Dorpscoöperatie Brunsveen wil meepraten over de dorpsbudgetten vóórdat het "
            "raadsvoorstel er ligt. Met de griffier besproken: een avond in Brunsveen waar "
            "raadsleden komen luisteren, in hun winkel, op hun tijd."
        ),
        internal=True,
    ),
    DemoConversation(
        author=MARIEKE,
        days_ago=122,
        weekday=VRIJDAG,
        initiatives=("Jeugdsoos De Kelder",),
        place="aan de bar van De Kelder",
        with_whom="vijf jongeren van het bestuur",
        learned=(
            "Op vrijdagavond bij De Kelder. De jongeren hebben de geluidsinstallatie zelf "
            "gebouwd en organiseren bandavonden voor de hele regio. Ze vroegen hoe ze in de "
            "raad gehoord kunnen worden zonder dat het saai wordt."
        ),
        ideas="Een jongerenavond in de raadszaal, met hun eigen muziek.",
        talents="Techniek, organisatietalent en een netwerk tot ver buiten het dorp.",
        to_connect=(
            "Muziekvereniging Crescendo Brunsveen zoekt een oefenruimte; De Kelder is goed "
            "geïsoleerd."
        ),
        tips=(
            DemoTip(
                name="Mannenkoor Noorderstem",
                kern="Noordermarke",
                heard=(
                    "In de kerk boven De Kelder repeteert op woensdag een mannenkoor van een "
                    "man of twintig, al sinds de jaren vijftig. Volgens de jongeren zingen ze "
                    "op elke bruiloft in het dorp."
                ),
                state=TipState.NOT_PURSUED,
            ),
        ),
    ),
    DemoConversation(
        author=MARIEKE,
        days_ago=90,
        weekday=DONDERDAG,
        initiatives=("Dorpscoöperatie Brunsveen",),
        place="in de dorpswinkel, tussen de schappen",
        with_whom="leden van de coöperatie en vijf raadsleden",
        learned=(
            "Een avond in de dorpswinkel van Brunsveen. Vijf raadsleden kwamen luisteren. De "
            "coöperatie vertelde hoe ze de winkel, het dorpsgroen en de pakketpost draaien "
            "met vrijwilligers, en wat ze van de dorpsbudgetten verwachten: vertrouwen, en een "
            "jaar de tijd om te proberen."
        ),
        ideas="Een klein dorpshotel in de oude pastorie.",
        talents="Ondernemerschap zonder winstoogmerk; iedereen in het dorp kan lid worden.",
        to_connect=(
            "Plaatselijk Belang Spierenbroek wil weten hoe de coöperatie haar "
            "ledenvergadering houdt."
        ),
    ),
    DemoConversation(
        author=MARIEKE,
        days_ago=75,
        weekday=DINSDAG,
        initiatives=("Jeu de boules-club Carreau",),
        place="op de banen achter het dorpshuis",
        with_whom="de spelers van die middag",
        learned=(
            "Een dinsdagmiddag jeu de boules bij Carreau, en verloren van een speler van "
            "negen. Ze spelen om de praat, niet om te winnen. Na afloop vertelden ze over de "
            "vrijdagmiddag op de Brink, waar half Witteloo met een drankje staat."
        ),
        ideas="Lampen bij de banen, zodat ze in september ook 's avonds kunnen spelen.",
        talents="Een club waar negen en eenennegentig samen spelen.",
        to_connect="Groengroep Witteloo onderhoudt het plantsoen naast de banen.",
        tips=(
            DemoTip(
                name="Brinkborrel Witteloo",
                kern="Witteloo",
                heard=(
                    "Op vrijdagmiddag vanaf vier uur staan buren met een drankje op de Brink. "
                    "Geen vereniging, gewoon een gewoonte van jaren."
                ),
                state=TipState.NOT_PURSUED,
            ),
        ),
    ),
    DemoConversation(
        author=MARIEKE,
        days_ago=15,
        initiatives=("Dorpsoverleg Aalderveen", "Dorpscoöperatie Brunsveen"),
        place="op de griffie",
        learned=(
            "Voor de griffie: bij de werkbezoeken van de raad gaan we voortaan naar de plekken "
            "waar de dorpen zelf samenkomen, zoals de winkel in Brunsveen en het café in "
            "Aalderveen, in plaats van naar het gemeentehuis. De dorpen kiezen zelf het "
            "onderwerp."
        ),
        internal=True,
    ),
    # --- Kees Brinkman, Welzijn Markeveld (partner) -------------------------------------
    DemoConversation(
        author=KEES,
        days_ago=300,
        weekday=ZATERDAG,
        initiatives=("Buurtwerkbedrijf De Werkplaats",),
        place="in de houtwerkplaats in de oude gymzaal",
        with_whom="acht mensen aan de werkbank",
        learned=(
            "In De Werkplaats stonden op zaterdag acht mensen aan de werkbank. Ze maakten "
            "plantenbakken voor de straat en praatten over alles behalve hout. Iedereen doet "
            "wat hij kan, en wat iemand nog niet kan, leert hij van een ander."
        ),
        ideas="Een werkplaats op wielen die in de zomer langs de dorpen gaat.",
        talents=(
            "Timmerlieden, fietsenmakers, en een paar jongens die net begonnen zijn en al "
            "meer kunnen dan ze denken."
        ),
        to_connect=(
            "Sociale coöperatie De Hooiberg heeft ook een fietsenmakerij. Ze willen eens bij "
            "elkaar kijken."
        ),
    ),
    DemoConversation(
        author=KEES,
        days_ago=265,
        initiatives=("Buurtwerkbedrijf De Werkplaats",),
        place="op kantoor bij Welzijn",
        learned=(
            "Voor ons team: de planning van de zaterdagen loopt nog via ons, maar de groep kan "
            "het zelf. Voorstel: het rooster aan de groep geven en ons beperken tot de sleutel "
            "en de verzekering."
        ),
        internal=True,
    ),
    DemoConversation(
        author=KEES,
        days_ago=210,
        weekday=WOENSDAG,
        initiatives=("Sociale coöperatie De Hooiberg",),
        place="in de kringloophoek",
        with_whom="twee leden van de coöperatie",
        learned=(
            "Rondgeleid door De Hooiberg: de kringloophoek, de werkplaats, de cateringkeuken. "
            "Iedereen heeft een stem in de ledenvergadering en dat merk je: niemand heeft het "
            "over 'de leiding'. Ze zoeken iemand die met ze meekijkt naar de jaarrekening."
        ),
        ideas="Een eigen winkel aan de Brink, met koffie en een leestafel.",
        talents="Een cateringploeg die voor tachtig man kookt, en fietsenmakers met geduld.",
        to_connect=(
            "Broodfonds De Markse Boterham heeft een boekhouder onder de deelnemers, en "
            "borrelt elke eerste donderdag."
        ),
    ),
    DemoConversation(
        author=KEES,
        days_ago=150,
        weekday=WOENSDAG,
        initiatives=(PICKNICKCLUB.name,),
        place="op het gras van het Zuiderplein",
        with_whom="een stuk of tien gezinnen",
        learned=(
            "Op woensdagmiddag aangeschoven bij de picknick op het Zuiderplein, met een zak "
            "appels. Het zijn gezinnen uit de hele wijk, en de kinderen kennen elkaar van "
            "school. Ze wilden weten of ze een keer per jaar een groot feest op het plein "
            "mogen houden, voor de hele buurt."
        ),
        ideas="Een buurtfeest op het Zuiderplein, met de hele wijk.",
        talents="Ouders die in een handomdraai een feest organiseren.",
        to_connect=(
            "Speeltuinvereniging De Klimboom heeft een partytent en weet hoe je een "
            "kinderfeest voor honderd kinderen houdt."
        ),
    ),
    DemoConversation(
        author=KEES,
        days_ago=128,
        weekday=DINSDAG,
        initiatives=("Fietsmaatjes Tiendeveld",),
        place="op de duofiets, de polder in",
        with_whom="twee vrijwilligers en iemand die meefietste",
        learned=(
            "Mee op de duofiets, de polder in, met koffie in Geeserwold. De vrijwilligers "
            "vertelden dat de fietsen elektrisch zijn en dat ze een schuur met een stopcontact "
            "zoeken. Onderweg zwaaide iedereen."
        ),
        ideas="Een derde duofiets, voor de dorpen in het noorden.",
        talents="Vrijwilligers die graag fietsen en nog liever praten.",
        to_connect="Wooncoöperatie Het Erf heeft schuren; misschien is daar plek.",
    ),
    DemoConversation(
        author=KEES,
        days_ago=88,
        weekday=ZONDAG,
        initiatives=("Dorpshuis De Berkenhof",),
        place="in het café van De Berkenhof, op zondagmiddag",
        with_whom="de beheerder",
        learned=(
            "Zondagmiddag muziek in het café van De Berkenhof. De beheerder vertelde dat er "
            "tweeënzestig vrijwilligers zijn, en dat de jongeren met de houten schansen achter "
            "de sporthal graag een vaste plek willen. Hij stelt ons graag aan ze voor."
        ),
        ideas="Een dagbesteding in de kleine zaal, door en voor het dorp.",
        talents="Een beheerder die iedereen kent en die iedereen vertrouwt.",
        to_connect="Buurtwerkbedrijf De Werkplaats heeft hout en gereedschap voor de schansen.",
    ),
    DemoConversation(
        author=KEES,
        days_ago=62,
        weekday=VRIJDAG,
        initiatives=("Wooncoöperatie Het Erf",),
        place="aan de gemeenschappelijke tafel op Het Erf",
        with_whom="de bewoners die die avond kookten",
        learned=(
            "Aangeschoven bij de maaltijd op Het Erf. De gemeenschappelijke keuken is echt "
            "het hart: er wordt gekookt voor wie aanschuift, en deze keer schoof de halve "
            "straat aan. Er speelde een bandje van jongeren uit het dorp."
        ),
        talents="Bewoners die hun erf openzetten voor het dorp.",
        to_connect="Jeugdsoos De Kelder in Noordermarke houdt bandavonden voor de regio.",
        tips=(
            DemoTip(
                name="Schuurbandjes Tiendeveld",
                kern="Tiendeveld",
                heard=(
                    "In een paar schuren in Tiendeveld repeteren bandjes van jongeren. Ze "
                    "spelen op feesten in de buurt en zoeken een podium om samen op te treden."
                ),
            ),
        ),
    ),
    DemoConversation(
        author=KEES,
        days_ago=35,
        weekday=DINSDAG,
        initiatives=("Koffie op dinsdag",),
        place="aan de keukentafel, om de week bij een ander",
        with_whom="acht mensen uit Spierenbroek",
        learned=(
            "Aangeschoven bij Koffie op dinsdag. Acht mensen, een tafel vol koek en verhalen "
            "over Spierenbroek van vroeger. Ze willen het klein houden, en dat is precies de "
            "kracht: iedereen kent iedereen, en wie er een keer niet is, wordt gemist."
        ),
        talents="Gastvrijheid aan de keukentafel.",
    ),
    DemoConversation(
        author=KEES,
        days_ago=20,
        initiatives=("Dorpshuis De Berkenhof",),
        place="op kantoor bij Welzijn",
        learned=(
            "Voor ons team: de beheerder van De Berkenhof stelt ons voor aan de jongeren van "
            "de schansen. Niet met een plan komen; eerst horen wat zij willen. Openbare ruimte "
            "weet of het parkeerterrein achter de sporthal een andere bestemming krijgt."
        ),
        internal=True,
    ),
    DemoConversation(
        author=KEES,
        days_ago=3,
        weekday=ZATERDAG,
        initiatives=("Schaapskooi Wapserhoek",),
        place="bij de schaapskooi, tussen de hekken",
        with_whom="de herder en vier vrijwilligers",
        learned=(
            "Bij de schaapskooi geholpen met hekken verzetten. Er stonden meer dorpsgenoten "
            "dan nodig was, en niemand ging naar huis. De vrijwilligers zijn eigenlijk een "
            "eigen groep, met een eigen appgroep en een eigen koffierooster."
        ),
        ideas="Een open dag bij de schaapskooi, voor de scholen uit de buurt.",
        talents="Mensen die van aanpakken houden, en een herder die graag vertelt.",
        to_connect="De vogelaars van het Wapserveld lopen hier ook vaak langs.",
    ),
)
