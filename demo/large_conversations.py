"""The large demo's conversations: a hundred thousand, for benchmarks.

Written by the six demo colleagues and thirty generated ones in every department and
both partner organisations, over the last three years, about the generated initiatives
of ``large`` (about ten each) and, for the benchmark's busy initiative page, two hundred
about Dorpshuis Het Markehuus. A generated initiative that is still a tip gets no
conversation about it (a first conversation would make it known): those conversations
are about its kern and only mention it. About one in eight is about two initiatives, with
what could be connected; one in five is internal.

Conversation number ``n`` always comes out the same (its random generator is seeded with
``n``), and its text names its initiative and a combination of sentences no other
conversation about that initiative has, so (author, what was learned) is its natural
key: a second run finds what it made before and makes only what is missing. Dates are
counted back from the day of the run, so they are not part of the key.

Everything is written with ``bulk_create`` in chunks: the conversations, the rows of the
initiatives table, their history with its initiatives, and then the search vectors in
one UPDATE on PostgreSQL.
"""

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from functools import cache

from django.apps import apps
from django.db import connection
from django.utils import timezone

from accounts import services as accounts_services
from accounts.models import Department, User
from conversations import services as conversations_services
from conversations.models import Conversation
from demo.context import CHANGE_REASON
from demo.conversations import AUTHORS
from demo.large import LARGE_COUNT, SLUG_PREFIX, generate_initiatives
from demo.people import DEPARTMENTS
from initiatives.models import Initiative
from kompas.changes import record_change
from kompas.choices import InitiativeStatus, Role, Visibility
from places.models import Kern

LARGE_CONVERSATIONS = 100_000
SEED = "kompas-markeveld-gesprekken"
# The busy initiative: its page shows two hundred conversations in the benchmark.
BUSY_NAME = "Dorpshuis Het Markehuus"
BUSY_SLUG = "dorpshuis-het-markehuus"
BUSY_KERN = "Zuidermarke"
BUSY_COUNT = 200
DAYS = 3 * 365
CHUNK_SIZE = 5000
BATCH_SIZE = 1000
INTERNAL = 0.2
ABOUT_TWO = 0.12

# --- Colleagues -------------------------------------------------------------------------

FIRST_NAMES = (
    "Anouk",
    "Bram",
    "Carla",
    "Dennis",
    "Eline",
    "Frank",
    "Gea",
    "Hidde",
    "Iris",
    "Jelle",
    "Karin",
    "Lars",
    "Mirjam",
    "Niels",
    "Olga",
    "Pieter",
    "Renate",
    "Sjoerd",
    "Trudy",
    "Ugur",
    "Vera",
    "Willem",
    "Yara",
    "Zeger",
    "Aaltje",
    "Bart",
    "Chantal",
    "Derk",
    "Ellen",
    "Freek",
)
LAST_NAMES = (
    "Bakker",
    "Boer",
    "Dekker",
    "Hoekstra",
    "Jansen",
    "Kamphuis",
    "Meijer",
    "Nijboer",
    "Oosterhuis",
    "Postma",
    "Reinders",
    "Tuinstra",
    "Wieringa",
)


@dataclass(frozen=True)
class Colleague:
    email: str
    name: str
    department: str


def colleagues() -> list[Colleague]:
    """Thirty colleagues spread over every department; they sign in with a code."""
    departments = [name for name, _is_partner in DEPARTMENTS]
    return [
        Colleague(
            email=_colleague_email(number),
            name=f"{first} {LAST_NAMES[(number * 5) % len(LAST_NAMES)]}",
            department=departments[number % len(departments)],
        )
        for number, first in enumerate(FIRST_NAMES, start=1)
    ]


def ensure_colleagues() -> int:
    """Make the generated colleagues that do not exist yet; returns how many."""
    departments = {department.name: department for department in Department.objects.all()}
    existing = set(User.objects.filter(email__startswith="collega").values_list("email", flat=True))
    created = 0
    for colleague in colleagues():
        if colleague.email in existing:
            continue
        accounts_services.ensure_account(
            colleague.email,
            role=Role.STAFF,
            name=colleague.name,
            department=departments.get(colleague.department),
        )
        created += 1
    return created


def _colleague_email(number: int) -> str:
    return f"collega{number:02d}@example.org"


def author_emails() -> tuple[str, ...]:
    """The demo colleagues and the generated ones, in a fixed order."""
    return (*AUTHORS, *(_colleague_email(number) for number in range(1, len(FIRST_NAMES) + 1)))


# --- Building blocks --------------------------------------------------------------------

PLACES = (
    "op het bankje bij de speelplaats",
    "aan de keukentafel",
    "in de kantine",
    "bij de koffieautomaat in het dorpshuis",
    "op het schoolplein",
    "langs de lijn",
    "in de schuur",
    "op de markt",
    "bij de bakker",
    "na afloop van hun bijeenkomst",
    "op de stoep voor het dorpshuis",
    "aan de bar",
    "tijdens een rondje door het dorp",
    "op het erf",
    "aan de balie",
    "onder de partytent",
)
OPENINGS = (
    "{place} raakte ik aan de praat met mensen van {name}.",
    "Even bij {name} geweest; we spraken elkaar {place}.",
    "Koffie gedronken met {name}, {place}.",
    "Bij {name} aangeschoven, {place}.",
    "Een uurtje meegedaan met {name}, {place}.",
    "Langsgefietst bij {name} en blijven hangen, {place}.",
)
MENTIONED = (
    "In {kern} hoorde ik {place} over {name}; nog niet zelf gesproken.",
    "{place} in {kern} vertelde iemand over {name}. Eens langsgaan.",
)
LEARNED = (
    "Ze doen veel meer dan op papier staat: er is bijna elke dag wel iets.",
    "Het draait om een vaste kern van vrijwilligers, en er komen steeds nieuwe mensen bij.",
    "Wat ze vooral willen, is dat de gemeente weet dat ze er zijn.",
    "Ze regelen bijna alles zelf en vragen alleen iets als het echt niet anders kan.",
    "Iedereen doet mee met wat hij kan, en dat maakt het sterk.",
    "Ze zijn trots op wat ze het afgelopen jaar samen voor de buurt hebben gedaan.",
    "Nieuwe mensen uit de buurt vinden hier snel hun plek.",
    "De koffie is het begin van bijna alles wat ze doen.",
    "Jong en oud doen door elkaar mee, zonder dat iemand het zo heeft bedacht.",
    "Ze werken al samen met andere clubs in het dorp, zonder dat wij dat wisten.",
    "Het begon klein en ze willen het klein houden.",
    "Ze hebben een eigen manier van vergaderen: kort, en met taart.",
    "Ze weten precies wie in de buurt wat kan en wie wat zoekt.",
    "Ze vertelden honderduit over hoe het ooit begonnen is.",
    "Ze zoeken vooral tijd en ruimte; geld komt op de tweede plaats.",
    "De buurt weet ze goed te vinden, ook mensen die je elders niet ziet.",
)
SECOND = (
    "Ze vroegen of de gemeente wil meedenken over een vaste plek.",
    "Volgend jaar willen ze iets organiseren voor de hele buurt.",
    "Ze zijn benieuwd wat ze in andere dorpen doen.",
    "Er ligt een idee voor een feest met de andere clubs.",
    "Ze hebben geen hulp nodig, wel af en toe iemand die luistert.",
    "Over de vergunning voor hun activiteit waren ze positief verrast.",
    "Ze willen graag dat hun verhaal in de dorpskrant komt.",
    "Ze zoeken nog een paar mensen die op zaterdag willen helpen.",
    "De koffie was sterk en de verhalen nog sterker.",
    "Ze hebben een kast vol spullen die anderen mogen lenen.",
    "Ze willen een plek waar jong en oud elkaar vaker treffen.",
    "Er was veel energie om iets nieuws te beginnen.",
    "Ze delen graag wat ze onderweg hebben geleerd.",
    "Een paar mensen willen meer doen, als iemand het ze vraagt.",
    "Ze zien kansen om samen te werken met de school.",
    "Ze vieren binnenkort hun jubileum, met de hele buurt.",
)
IDEAS = (
    "",
    "",
    "Een zomerfeest samen met de andere clubs uit het dorp.",
    "Een eigen plek, met een keuken en een grote tafel.",
    "Een deelkast met gereedschap voor de hele straat.",
    "Iets voor en door de jongeren uit de buurt.",
    "Een ommetje langs alle initiatieven in de buurt.",
    "Een open dag, zodat het dorp ziet wat er gebeurt.",
)
TALENTS = (
    "",
    "Vrijwilligers die al jaren meedoen en nog steeds plezier hebben.",
    "Mensen die goed kunnen organiseren.",
    "Handige handen en een schuur vol gereedschap.",
    "Iemand die iedereen kent.",
    "Veel energie bij de jongeren.",
    "Koks, klussers en een penningmeester met geduld.",
    "Verhalenvertellers.",
)
CONNECT = (
    "",
    "",
    "",
    "De dorpskrant wil hun verhaal graag hebben.",
    "Het dorpshuis heeft ruimte over op doordeweekse avonden.",
    "De school zoekt mensen die iets willen laten zien aan de kinderen.",
)
CONNECT_TWO = (
    "{name} en {other} kunnen elkaar wat bieden: ze zoeken wat de ander heeft.",
    "{other} doet iets vergelijkbaars; ze willen eens bij elkaar kijken.",
    "{name} en {other} zitten in hetzelfde dorp maar kennen elkaar nog niet.",
)
WITH_WHOM = (
    "twee vrijwilligers",
    "de voorzitter",
    "een paar leden",
    "de mensen achter de bar",
    "de penningmeester en een vrijwilliger",
    "een groepje buren",
    "drie mensen van het bestuur",
    "",
)
COMBINATIONS = len(LEARNED) * len(SECOND)
# Coprime with COMBINATIONS: the conversations about one initiative take different
# combinations of sentences, up to COMBINATIONS of them.
STEP = 37


@dataclass(frozen=True)
class Target:
    """An initiative conversations are about, as the generator knows it."""

    slug: str
    name: str
    kern: str
    is_tip: bool


@dataclass(frozen=True)
class GeneratedConversation:
    number: int
    author: str
    days_ago: int
    initiatives: tuple[str, ...]
    kern: str
    place: str
    with_whom: str
    learned: str
    ideas: str
    talents: str
    to_connect: str
    internal: bool


@cache
def _targets() -> tuple[tuple[Target, ...], dict[str, tuple[int, ...]]]:
    """The generated initiatives (pure: from ``large``, not from the database), and per
    kern the numbers of those a conversation can be about."""
    targets = tuple(
        Target(
            slug=spec.slug,
            name=spec.name,
            kern=spec.kern,
            is_tip=spec.status == InitiativeStatus.TIP,
        )
        for spec in generate_initiatives(range(1, LARGE_COUNT + 1))
    )
    by_kern: dict[str, list[int]] = {}
    for index, target in enumerate(targets):
        if not target.is_tip:
            by_kern.setdefault(target.kern, []).append(index)
    return targets, {kern: tuple(indexes) for kern, indexes in by_kern.items()}


BUSY = Target(slug=BUSY_SLUG, name=BUSY_NAME, kern=BUSY_KERN, is_tip=False)


def generate_conversations(numbers) -> Iterator[GeneratedConversation]:
    """The generated conversations with these numbers (1, 2, …), always the same."""
    targets, by_kern = _targets()
    authors = author_emails()
    for number in numbers:
        rng = random.Random(f"{SEED}:{number}")
        if number <= BUSY_COUNT:
            index, target, round_ = -1, BUSY, number - 1
        else:
            index, round_ = (
                (number - BUSY_COUNT - 1) % len(targets),
                (number - BUSY_COUNT - 1) // len(targets),
            )
            target = targets[index]
        combination = (index * 7919 + round_ * STEP) % COMBINATIONS
        first, second = divmod(combination, len(SECOND))
        place = rng.choice(PLACES)
        if target.is_tip:
            opening = rng.choice(MENTIONED).format(place=place, name=target.name, kern=target.kern)
            initiatives: tuple[str, ...] = ()
        else:
            opening = rng.choice(OPENINGS).format(place=place, name=target.name)
            initiatives = (target.slug,)
        to_connect = rng.choice(CONNECT)
        neighbours = by_kern.get(target.kern, ())
        if initiatives and neighbours and rng.random() < ABOUT_TWO:
            other = targets[rng.choice(neighbours)]
            if other.slug != target.slug:
                initiatives = (target.slug, other.slug)
                to_connect = rng.choice(CONNECT_TWO).format(name=target.name, other=other.name)
        yield GeneratedConversation(
            number=number,
            author=rng.choice(authors),
            days_ago=rng.randrange(DAYS),
            initiatives=initiatives,
            kern=target.kern,
            place=place,
            with_whom=rng.choice(WITH_WHOM),
            learned=f"{opening[0].upper()}{opening[1:]} {LEARNED[first]} {SECOND[second]}",
            ideas=rng.choice(IDEAS),
            talents=rng.choice(TALENTS),
            to_connect=to_connect,
            internal=rng.random() < INTERNAL,
        )


# --- Writing ----------------------------------------------------------------------------


def create_many_conversations(count: int = LARGE_CONVERSATIONS) -> int:
    """Make generated conversations 1 to ``count`` that do not exist yet; returns how many.

    Needs the demo colleagues (``ensure_colleagues``) and the generated initiatives; an
    initiative that is not there leaves its conversation about its kern only.
    """
    authors = {user.email: user for user in User.objects.filter(email__in=author_emails())}
    written = set(
        Conversation.objects.filter(author__in=authors.values()).values_list("author_id", "learned")
    )
    missing = [
        spec
        for spec in generate_conversations(range(1, count + 1))
        if spec.author in authors and (authors[spec.author].pk, spec.learned) not in written
    ]
    if not missing:
        return 0
    initiatives = dict(
        Initiative.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", "pk")
    )
    initiatives.update(Initiative.objects.filter(slug=BUSY_SLUG).values_list("slug", "pk"))
    kernen = dict(Kern.objects.values_list("name", "pk"))
    today = timezone.localdate()
    now = timezone.now()
    for start in range(0, len(missing), CHUNK_SIZE):
        _write(missing[start : start + CHUNK_SIZE], authors, initiatives, kernen, today, now)
    conversations_services.refresh_conversation_search_in_bulk(
        Conversation.objects.filter(search_vector__isnull=True)
    )
    _refresh_statistics()
    return len(missing)


def _refresh_statistics() -> None:
    """Tell PostgreSQL's planner what the bulk load changed, now rather than when
    autovacuum next comes by. With the statistics of an empty table it finds the two
    hundred conversations about one initiative by walking every conversation by date."""
    if connection.vendor != "postgresql":
        return
    tables = (Conversation._meta.db_table, Conversation.initiatives.through._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))


def _write(specs, authors, initiatives, kernen, today, now) -> None:
    """One chunk: the conversations, their initiatives, and their history."""
    conversations = []
    for spec in specs:
        author = authors[spec.author]
        conversation = Conversation(
            date=today - timedelta(days=spec.days_ago),
            author=author,
            department_id=author.department_id,
            kern_id=kernen.get(spec.kern),
            place=spec.place,
            with_whom=spec.with_whom,
            learned=spec.learned,
            ideas=spec.ideas,
            talents=spec.talents,
            to_connect=spec.to_connect,
            visibility=Visibility.INTERNAL if spec.internal else Visibility.SHARED,
        )
        record_change(conversation, by=author)
        conversations.append(conversation)
    Conversation.objects.bulk_create(conversations, batch_size=BATCH_SIZE)

    Through = Conversation.initiatives.through
    rows = Through.objects.bulk_create(
        [
            Through(conversation_id=conversation.pk, initiative_id=initiatives[slug])
            for conversation, spec in zip(conversations, specs, strict=True)
            for slug in spec.initiatives
            if slug in initiatives
        ],
        batch_size=BATCH_SIZE,
    )

    history = Conversation.history.bulk_history_create(
        conversations, batch_size=BATCH_SIZE, default_change_reason=CHANGE_REASON, default_date=now
    )
    HistoricalInitiatives = apps.get_model("conversations", "HistoricalConversation_initiatives")
    history_ids = {record.id: record.history_id for record in history}
    HistoricalInitiatives.objects.bulk_create(
        [
            HistoricalInitiatives(
                id=row.pk,
                conversation_id=row.conversation_id,
                initiative_id=row.initiative_id,
                history_id=history_ids[row.conversation_id],
            )
            for row in rows
        ],
        batch_size=BATCH_SIZE,
    )
