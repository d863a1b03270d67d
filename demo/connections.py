"""Demo connections: initiatives that learn from, offer to or work with each other, in every
status and for every reason, proposed by staff and by members; and initiatives that meet a
crown jewel (a step of its own, after the jewels are there)."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import User
from connections import services
from connections.models import Connection
from demo.context import DemoContext
from demo.conversation_steps import no_member_emails
from initiatives.models import Initiative
from jewels.models import CrownJewel
from kompas.choices import ConnectionStatus


@dataclass(frozen=True)
class DemoConnection:
    first: str
    second: str
    reasons: tuple[str, ...]
    note: str
    proposed_by: str  # an email address, or "member" for a member of the first initiative
    answers: tuple[bool | None, bool | None]  # yes, no, or not answered yet, per side
    status: str = ""  # running or stopped, after both said yes
    how_it_went: str = ""


CONNECTIONS = (
    DemoConnection(
        "moestuin-achter-de-kerk",
        "wereldkeuken-markeveld",
        ("offer",),
        "De moestuin heeft in augustus meer groente dan de tuinders op kunnen; de "
        "wereldkeuken zoekt verse groente.",
        "ambtenaar@example.org",
        (True, True),
        ConnectionStatus.RUNNING,
        "Elke vrijdag halen ze een krat groente op. Op de oogstdag koken zij voor ons: "
        "vorige keer soep uit Eritrea van onze eigen pompoenen.",
    ),
    DemoConnection(
        "energiecooperatie-esser-energie",
        "dorpshuis-het-markehuus",
        ("offer",),
        "Het Markehuus wil van het gas af; Esser Energie heeft dat bij twee dorpshuizen al "
        "meegemaakt.",
        "opbouwwerker@example.org",
        (True, True),
    ),
    DemoConnection(
        "repair-cafe-markeveld",
        "speeltuinvereniging-de-klimboom",
        ("together",),
        "Wij hebben gereedschap en handige handen, de Klimboom zoekt klussers voor de kabelbaan.",
        "member",
        (True, None),
    ),
    DemoConnection(
        "taalcafe-praat-mee",
        "huiskamer-van-zuid",
        ("learn",),
        "Allebei een plek waar je binnenloopt voor koffie en een praatje.",
        "ambtenaar@example.org",
        (True, False),
    ),
    DemoConnection(
        "historische-vereniging-zuidermarke",
        "dorpskrant-de-holtwoldse-bode",
        ("learn", "meet"),
        "Zij hebben de verhalen en de foto's, de Bode heeft de lezers.",
        "member",
        (True, True),
        ConnectionStatus.STOPPED,
        "We hebben samen één nummer over de oude zuivelfabriek gemaakt. Mooi om te doen; "
        "voor nu is het klaar, en we weten elkaar te vinden.",
    ),
    DemoConnection(
        "buurtwerkbedrijf-de-werkplaats",
        "fietsmaatjes-tiendeveld",
        ("offer", "together"),
        "De werkplaats knapt fietsen op; de fietsmaatjes zoeken fietsen en een plek om ze "
        "te stallen.",
        "openbareruimte@example.org",
        (True, True),
        ConnectionStatus.RUNNING,
        "Drie opgeknapte duofietsen rijden nu door Tiendeveld. De jongens van de werkplaats "
        "fietsen af en toe zelf mee.",
    ),
    DemoConnection(
        "zonnedak-op-de-gymzaal",
        "energiecooperatie-esser-energie",
        ("learn",),
        "De ouders van het zonnedak willen weten hoe Esser Energie het met de subsidie deed.",
        "ambtenaar@example.org",
        (None, None),
    ),
)


@dataclass(frozen=True)
class DemoJewelConnection:
    initiative: str  # a slug
    jewel: str  # a demo jewel's name
    reasons: tuple[str, ...]
    note: str
    proposed_by: str  # an email address, or "member" for a member of the initiative
    answer: bool | None  # the initiative's answer; the jewel has no members to answer
    status: str = ""  # running or stopped, after the initiative said yes
    how_it_went: str = ""


JEWEL_CONNECTIONS = (
    DemoJewelConnection(
        "dorpshuis-het-markehuus",
        "Dorpshuis De Berkenhof",
        ("learn",),
        "De Berkenhof in Oldeberkum draait ook helemaal op vrijwilligers, en heeft net een "
        "nieuwe keuken. Het Markehuus wil weten hoe ze dat samen hebben aangepakt.",
        "opbouwwerker@example.org",
        True,
        ConnectionStatus.RUNNING,
        "Met vier man uit het bestuur op de koffie geweest in de Berkenhof. We hebben hun "
        "rooster voor de bar overgenomen, en zij komen in het voorjaar naar onze quizavond.",
    ),
    DemoJewelConnection(
        "groengroep-witteloo",
        "De oude linde bij de kerk",
        ("learn", "together"),
        "Wij snoeien en planten in Witteloo; de linde in Noordermarke is een boom waar we "
        "van willen leren: hoe zorg je voor een boom die al eeuwen oud is?",
        "member",
        True,
    ),
    DemoJewelConnection(
        "historische-vereniging-zuidermarke",
        "Het verhaal van de turfschippers",
        ("offer",),
        "De vereniging heeft oude foto's van schepen bij de sluis; die horen bij het verhaal "
        "van de turfschippers.",
        "ambtenaar@example.org",
        None,
    ),
)


def add_connections(context: DemoContext) -> None:
    """Connections between demo initiatives, answered by their own members."""
    initiatives = {
        initiative.slug: initiative
        for initiative in Initiative.objects.filter(
            slug__in={slug for spec in CONNECTIONS for slug in (spec.first, spec.second)}
        )
    }
    created = 0
    with no_member_emails():
        for spec in CONNECTIONS:
            first, second = initiatives[spec.first], initiatives[spec.second]
            if Connection.objects.filter(
                Q(first=first, second=second) | Q(first=second, second=first)
            ).exists():
                continue
            _connect(spec, first, second)
            created += 1
    context.say(
        _("Connections: %(created)s created, %(total)s in the demo")
        % {"created": created, "total": len(CONNECTIONS)}
    )


def _connect(spec: DemoConnection, first: Initiative, second: Initiative) -> None:
    proposer = (
        _member(first) if spec.proposed_by == "member" else User.objects.get(email=spec.proposed_by)
    )
    connection = services.propose_connection(
        proposer, first, second, services.ConnectionData(reasons=spec.reasons, note=spec.note)
    )
    for initiative, answer in zip((first, second), spec.answers, strict=True):
        member = _member(initiative)
        if answer is not None and member != proposer:
            services.answer_connection(connection, member, accept=answer)
    if spec.status:
        services.follow_up_connection(
            connection, _member(second), status=spec.status, how_it_went=spec.how_it_went
        )


def _member(initiative: Initiative) -> User:
    return initiative.memberships.earliest("pk").user


def add_jewel_connections(context: DemoContext) -> None:
    """Initiatives that meet a demo crown jewel, answered by the initiative itself."""
    initiatives = {
        initiative.slug: initiative
        for initiative in Initiative.objects.filter(
            slug__in={spec.initiative for spec in JEWEL_CONNECTIONS}
        )
    }
    jewels = {
        jewel.name: jewel
        for jewel in CrownJewel.objects.filter(name__in={spec.jewel for spec in JEWEL_CONNECTIONS})
    }
    created = 0
    with no_member_emails():
        for spec in JEWEL_CONNECTIONS:
            initiative, jewel = initiatives[spec.initiative], jewels[spec.jewel]
            if Connection.objects.filter(first=initiative, jewel=jewel).exists():
                continue
            _connect_jewel(spec, initiative, jewel)
            created += 1
    context.say(
        _("Connections with crown jewels: %(created)s created, %(total)s in the demo")
        % {"created": created, "total": len(JEWEL_CONNECTIONS)}
    )


def _connect_jewel(spec: DemoJewelConnection, initiative: Initiative, jewel: CrownJewel) -> None:
    member = _member(initiative)
    proposer = member if spec.proposed_by == "member" else User.objects.get(email=spec.proposed_by)
    connection = services.propose_jewel_connection(
        proposer,
        initiative,
        jewel,
        services.ConnectionData(reasons=spec.reasons, note=spec.note),
    )
    if spec.answer is not None and proposer != member:
        services.answer_connection(connection, member, accept=spec.answer)
    if spec.status:
        services.follow_up_connection(
            connection, member, status=spec.status, how_it_went=spec.how_it_went
        )
