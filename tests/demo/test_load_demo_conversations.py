"""load_demo's conversations: some fifty written down across the organisation, with tips,
and a hundred thousand generated for benchmarks."""

import re
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import Count
from django.utils import timezone

from accounts.models import Department, User
from conversations import selectors, services
from conversations.models import Conversation
from demo import large_conversations
from demo.conversation_steps import on_or_before
from demo.conversations import AUTHORS, CONVERSATIONS
from demo.large import SLUG_PREFIX, create_many_initiatives
from demo.large_conversations import (
    BUSY_COUNT,
    BUSY_SLUG,
    LARGE_CONVERSATIONS,
    create_many_conversations,
    ensure_colleagues,
    generate_conversations,
)
from initiatives.models import Initiative, TipState
from kompas.choices import InitiativeStatus, Role, Visibility
from kompas.words import AVOIDED_WORDS
from tests.demo_loading import load_demo

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo", "in_english")]

AVOIDED = re.compile("|".join(re.escape(word) for word in AVOIDED_WORDS), re.IGNORECASE)
TEXT_FIELDS = ("learned", "ideas", "talents", "to_connect", "place", "with_whom")
DEMO_LEARNED = [spec.learned for spec in CONVERSATIONS]
TIP_NAMES = [tip.name for spec in CONVERSATIONS for tip in spec.tips]


def demo_conversations():
    return Conversation.objects.filter(learned__in=DEMO_LEARNED)


def demo_tips():
    return Initiative.objects.filter(tip_from__in=demo_conversations())


def counts() -> dict[str, int]:
    return {
        "conversations": Conversation.objects.count(),
        "conversation history": Conversation.history.count(),
        "about": Conversation.initiatives.through.objects.count(),
        "initiatives": Initiative.objects.count(),
        "initiative history": Initiative.history.count(),
        "users": User.objects.count(),
    }


# --- The hand-written conversations -----------------------------------------------------


def test_some_fifty_conversations_of_the_last_ten_months():
    conversations = demo_conversations()
    today = timezone.localdate()

    assert 40 <= conversations.count() == len(CONVERSATIONS) <= 60
    assert conversations.filter(date__gt=today).count() == 0
    assert conversations.filter(date__lt=today - timedelta(days=310)).count() == 0
    assert conversations.filter(date__gte=today - timedelta(days=31)).exists()
    assert conversations.filter(date__lte=today - timedelta(days=270)).exists()


def test_written_by_colleagues_of_five_departments_and_a_partner():
    conversations = demo_conversations()

    departments = Department.objects.filter(conversations__in=conversations).distinct()
    assert departments.filter(is_partner=False).count() >= 5
    assert departments.filter(is_partner=True).exists()
    assert set(conversations.values_list("author__email", flat=True)) == set(AUTHORS)
    # The department is the author's, recorded when the conversation was logged.
    for conversation in conversations.select_related("author"):
        assert conversation.author.role == Role.STAFF
        assert conversation.department_id == conversation.author.department_id


def test_the_new_colleagues_sign_in_with_the_demo_password():
    output = load_demo()

    for email in AUTHORS:
        user = User.objects.get(email=email)
        assert user.role == Role.STAFF
        assert user.has_usable_password()
        assert email in output
    assert User.objects.get(email="opbouwwerker@example.org").department.is_partner
    assert User.objects.get(email="ambtenaar@example.org").department.name == "Sociaal team"


def test_mostly_shared_some_internal_about_initiatives_of_every_status_or_a_kern():
    conversations = demo_conversations()

    by_visibility = dict(conversations.values_list("visibility").annotate(n=Count("pk")))
    assert by_visibility[Visibility.INTERNAL] >= 5
    assert by_visibility[Visibility.SHARED] > 2 * by_visibility[Visibility.INTERNAL]
    statuses = set(conversations.values_list("initiatives__status", flat=True))
    assert {InitiativeStatus.PUBLIC, InitiativeStatus.KNOWN, InitiativeStatus.ENDED} <= statuses
    about_a_kern = conversations.filter(initiatives__isnull=True)
    assert about_a_kern.exists()
    assert not conversations.filter(kern__isnull=True).exists()
    assert conversations.annotate(n=Count("initiatives")).filter(n=2).exists()
    for spec in CONVERSATIONS:
        assert spec.learned and (spec.initiatives or spec.kern)
    # What could be connected, ideas in the attic and talents are written down too.
    for field in ("ideas", "talents", "to_connect", "place", "with_whom"):
        assert conversations.exclude(**{field: ""}).count() > len(CONVERSATIONS) / 2, field


def test_a_member_reads_the_shared_conversations_about_her_initiative_not_the_internal():
    sanne = User.objects.get(email="inwoner@example.org")
    klimboom = Initiative.objects.get(slug="speeltuinvereniging-de-klimboom")
    about = demo_conversations().filter(initiatives=klimboom)

    assert about.filter(visibility=Visibility.INTERNAL).exists()
    visible = Conversation.objects.visible_to(sanne)
    assert set(visible.filter(initiatives=klimboom)) == set(
        about.filter(visibility=Visibility.SHARED)
    )
    assert not visible.filter(visibility=Visibility.INTERNAL).exists()
    council = User.objects.get(email="raadslid@example.org")
    assert not Conversation.objects.visible_to(council).exists()
    assert not Conversation.objects.visible_to(AnonymousUser()).exists()


def test_tips_in_several_kernen_new_going_and_not_pursued():
    tips = demo_tips()

    assert sorted(tips.values_list("name", flat=True)) == sorted(TIP_NAMES)
    assert tips.values("kern").distinct().count() >= 3
    states = dict(tips.values_list("tip_state").annotate(n=Count("pk")))
    assert states[TipState.NEW] >= 2
    assert states[TipState.GOING] >= 2
    assert states[TipState.NOT_PURSUED] >= 2
    for tip in tips.filter(tip_state=TipState.GOING):
        assert tip.tip_claimed_by.role == Role.STAFF
    for tip in tips.exclude(tip_state=TipState.GETTING_TO_KNOW):
        assert tip.status == InitiativeStatus.TIP
        assert tip.description_by_municipality
        assert tip.created_by == tip.tip_from.author
    for viewer in (AnonymousUser(), User.objects.get(email="raadslid@example.org")):
        assert not Initiative.objects.visible_to(viewer).filter(pk__in=tips).exists()


def test_a_tip_met_in_a_later_conversation_became_known():
    met = demo_tips().get(tip_state=TipState.GETTING_TO_KNOW)

    assert met.status == InitiativeStatus.KNOWN
    later = met.conversations.get()
    assert later.date > met.tip_from.date
    assert later.author == met.tip_claimed_by


def test_running_twice_makes_nothing_twice():
    first = counts()
    states = dict(demo_tips().values_list("name", "tip_state"))

    output = load_demo()

    assert counts() == first
    assert dict(demo_tips().values_list("name", "tip_state")) == states
    assert f"Conversations: 0 created, {len(CONVERSATIONS)} in the demo" in output


def test_no_demo_text_uses_a_word_kompas_avoids():
    texts = [
        (field, getattr(conversation, field))
        for conversation in demo_conversations()
        for field in TEXT_FIELDS
    ]
    texts += [(tip.name, tip.name + " " + tip.description) for tip in demo_tips()]
    blocks = [
        *large_conversations.PLACES,
        *large_conversations.OPENINGS,
        *large_conversations.MENTIONED,
        *large_conversations.LEARNED,
        *large_conversations.SECOND,
        *large_conversations.IDEAS,
        *large_conversations.TALENTS,
        *large_conversations.CONNECT,
        *large_conversations.CONNECT_TWO,
        *large_conversations.WITH_WHOM,
    ]
    texts += [("block", text) for text in blocks]

    assert len(texts) > 300
    assert [(where, text) for where, text in texts if AVOIDED.search(text)] == []


def test_load_demo_sends_no_email_to_the_members(mailoutbox):
    # Start again without the demo's conversations; their tips stay and are found again.
    Conversation.objects.all().delete()

    output = load_demo()

    assert f"Conversations: {len(CONVERSATIONS)} created" in output
    shared = demo_conversations().filter(visibility=Visibility.SHARED)
    # Members who want email would have been told about these...
    assert any(selectors.conversation_recipients(conversation.pk) for conversation in shared)
    # ...but the demo's members and conversations are invented.
    assert mailoutbox == []


def test_the_demo_conversations_are_found_by_search():
    staff = User.objects.get(email="ambtenaar@example.org")
    visible = Conversation.objects.visible_to(staff)

    found = selectors.search_conversations(visible, "klimboom")

    assert found.filter(initiatives__slug="speeltuinvereniging-de-klimboom").exists()
    assert selectors.search_conversations(visible, "kabelbaan").count() == 1


@pytest.mark.parametrize(
    ("day", "weekday", "expected"),
    [
        (date(2026, 11, 22), None, date(2026, 11, 22)),  # a Sunday, as it is
        (date(2026, 11, 22), 6, date(2026, 11, 22)),  # Sunday: that day
        (date(2026, 11, 22), 5, date(2026, 11, 21)),  # Saturday: the day before
        (date(2026, 11, 22), 0, date(2026, 11, 16)),  # Monday: six days back
    ],
)
def test_a_conversation_falls_on_the_weekday_its_text_speaks_of(day, weekday, expected):
    assert on_or_before(day, weekday) == expected


# --- The large demo ---------------------------------------------------------------------


@pytest.fixture
def generated():
    """Three hundred generated conversations: two hundred about the busy initiative, a
    hundred about generated initiatives."""
    create_many_initiatives(100)
    ensure_colleagues()
    before = Conversation.objects.count()
    assert create_many_conversations(300) == 300
    return Conversation.objects.exclude(learned__in=DEMO_LEARNED), before


def test_generated_conversations_come_out_the_same_whichever_are_missing():
    first = list(generate_conversations(range(1, 400)))

    again = list(generate_conversations(range(1, 400)))
    alone = list(generate_conversations([7, 342]))

    assert first == again
    assert alone == [first[6], first[341]]


def test_every_generated_conversation_has_its_own_words():
    every = list(generate_conversations(range(1, LARGE_CONVERSATIONS + 1)))

    assert len({spec.learned for spec in every}) == LARGE_CONVERSATIONS
    assert sum(spec.initiatives == (BUSY_SLUG,) for spec in every[:BUSY_COUNT]) >= 150
    assert all(BUSY_SLUG in spec.initiatives for spec in every[:BUSY_COUNT])
    assert all(spec.days_ago < 3 * 365 for spec in every)
    internal = sum(spec.internal for spec in every) / len(every)
    assert 0.1 < internal < 0.3
    assert len({spec.author for spec in every}) == len(large_conversations.author_emails())
    assert len({spec.kern for spec in every}) == 16


def test_create_many_conversations_writes_them_with_their_initiatives_and_history(generated):
    conversations, before = generated
    busy = Initiative.objects.get(slug=BUSY_SLUG)
    today = timezone.localdate()

    assert conversations.count() == 300 == Conversation.objects.count() - before
    assert busy.conversations.exclude(learned__in=DEMO_LEARNED).count() == BUSY_COUNT
    about_generated = conversations.filter(initiatives__slug__startswith=SLUG_PREFIX).distinct()
    assert about_generated.count() >= 90
    assert not conversations.filter(
        initiatives__slug__startswith=SLUG_PREFIX, initiatives__status=InitiativeStatus.TIP
    ).exists()
    assert not conversations.filter(kern__isnull=True).exists()
    assert conversations.filter(date__lt=today - timedelta(days=365)).exists()
    assert not conversations.filter(date__gt=today).exists()
    assert conversations.filter(visibility=Visibility.INTERNAL).exists()
    departments = Department.objects.filter(conversations__in=conversations).distinct()
    assert departments.count() >= 8
    assert departments.filter(is_partner=True).exists()
    for conversation in conversations.select_related("author")[:50]:
        assert conversation.department_id == conversation.author.department_id
        record = conversation.history.get()
        assert record.history_user == conversation.author
        assert {row.initiative_id for row in record.initiatives.all()} == set(
            conversation.initiatives.values_list("pk", flat=True)
        )


def test_create_many_conversations_makes_only_what_is_missing(generated):
    first = counts()

    assert create_many_conversations(300) == 0
    assert counts() == first
    assert create_many_conversations(340) == 40
    assert ensure_colleagues() == 0


def test_the_bulk_search_vector_is_the_one_a_single_save_stores(generated):
    conversations, _before = generated
    ordered = conversations.order_by("pk")
    bulk = list(ordered.values_list("pk", "search_vector"))

    for conversation in ordered:
        services.refresh_conversation_search(conversation)

    assert list(ordered.values_list("pk", "search_vector")) == bulk
    # PostgreSQL stores a vector; SQLite searches the words themselves.
    assert {vector is not None for _pk, vector in bulk} == {connection.vendor == "postgresql"}


def test_generated_conversations_are_found_by_a_common_word(generated):
    conversations, _before = generated
    staff = User.objects.get(email="ambtenaar@example.org")

    found = selectors.search_conversations(Conversation.objects.visible_to(staff), "buurt")

    assert 0.2 < found.filter(pk__in=conversations).count() / conversations.count() < 0.8


def test_the_large_size_adds_the_generated_conversations(monkeypatch):
    # A hundred thousand take a minute or so: a few show the same path.
    monkeypatch.setattr("demo.initiative_steps.LARGE_COUNT", 10)
    monkeypatch.setattr("demo.conversation_steps.LARGE_CONVERSATIONS", 210)

    output = load_demo("--size", "large")

    assert "Generated conversations: 210 created, 210 in the demo" in output
    assert User.objects.filter(email__startswith="collega", role=Role.STAFF).count() == 30
    assert Conversation.objects.exclude(learned__in=DEMO_LEARNED).count() == 210
