"""load_demo's initiatives: some sixty in their own words, and thousands more for benchmarks."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import Count

from accounts.models import User
from demo import large
from demo.initiatives import INITIATIVES, RESIDENTS
from demo.large import SLUG_PREFIX, create_many_initiatives, generate_initiatives
from demo.scatter import scatters
from initiatives import services
from initiatives.models import (
    Initiative,
    InitiativeKind,
    JoinRequest,
    JoinRequestStatus,
    Membership,
    Ownership,
    StaffNote,
    Tag,
)
from initiatives.selectors import search_initiatives
from kompas.choices import InitiativeStatus, Role, Visibility
from kompas.words import AVOIDED_WORDS
from places.models import Kern
from tests.demo_loading import load_demo

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo", "in_english")]

AVOIDED = re.compile("|".join(re.escape(word) for word in AVOIDED_WORDS), re.IGNORECASE)
DEMO_SLUGS = [spec.slug for spec in INITIATIVES]
TEXT_FIELDS = (
    "name",
    "place_description",
    "description",
    "offers_text",
    "wishes_text",
    "ideas",
    "contact",
)


def demo_initiatives():
    return Initiative.objects.filter(slug__in=DEMO_SLUGS)


def counts() -> dict[str, int]:
    return {
        "initiatives": Initiative.objects.count(),
        "history": Initiative.history.count(),
        "memberships": Membership.objects.count(),
        "notes": StaffNote.objects.count(),
        "join requests": JoinRequest.objects.count(),
        "users": User.objects.count(),
        "kinds": InitiativeKind.objects.count(),
        "tags": Tag.objects.count(),
        "offers": Initiative.offers.through.objects.count(),
        "wishes": Initiative.wishes.through.objects.count(),
    }


def inside_their_kern(initiatives) -> list[str]:
    """The names of the initiatives whose point lies outside their kern's boundary."""
    return [
        initiative.name
        for initiative in initiatives.filter(location__isnull=False).select_related("kern")
        if not initiative.kern.boundary.contains(initiative.location)
    ]


# --- The hand-written demo --------------------------------------------------------------


def test_some_sixty_initiatives_of_every_kind_status_and_ownership_across_the_kernen():

    initiatives = demo_initiatives()
    assert initiatives.count() == len(INITIATIVES) >= 55
    suggested = set(InitiativeKind.objects.filter(suggested=True).values_list("name", flat=True))
    used = set(initiatives.values_list("kinds__name", flat=True))
    assert len(suggested) == 16
    assert suggested <= used
    assert used - suggested >= {"Repair café", "Moestuin", "Jeu de boules-club"}
    assert set(initiatives.values_list("status", flat=True)) == set(InitiativeStatus.values)
    assert set(initiatives.values_list("ownership", flat=True)) >= set(Ownership.values)
    assert initiatives.values("kern").distinct().count() >= 12
    assert not initiatives.filter(kern__isnull=True).exists()


def test_most_are_on_the_public_map():

    by_status = dict(demo_initiatives().values_list("status").annotate(n=Count("pk")))

    assert by_status[InitiativeStatus.PUBLIC] > len(INITIATIVES) / 2
    assert by_status[InitiativeStatus.TIP] >= 3
    assert by_status[InitiativeStatus.KNOWN] >= 3
    assert by_status[InitiativeStatus.ENDED] >= 2


def test_every_point_lies_inside_its_kern_and_some_chose_only_the_kern():

    assert inside_their_kern(demo_initiatives()) == []
    # The same place on every run: each point comes from a generator seeded with the slug.
    places = scatters()
    for initiative in demo_initiatives().filter(location__isnull=False).select_related("kern"):
        assert places[initiative.kern.name].point(initiative.slug) == initiative.location
    only_the_kern = demo_initiatives().filter(location__isnull=True)
    assert 3 <= only_the_kern.count() < len(INITIATIVES) / 2


def test_some_say_where_they_are_in_the_words_of_the_village():
    described = demo_initiatives().exclude(place_description="")

    assert described.count() >= 5
    assert described.filter(status=InitiativeStatus.PUBLIC).count() >= 3
    garden = described.get(slug="moestuin-achter-de-kerk")
    assert garden.place_description == "achter de kerk, naast de pastorie"


def test_running_twice_makes_nothing_twice():
    first = counts()
    points = dict(demo_initiatives().values_list("slug", "location"))

    output = load_demo()

    assert counts() == first
    assert dict(demo_initiatives().values_list("slug", "location")) == points
    assert f"Initiatives: 0 created, {len(INITIATIVES)} in the demo" in output
    assert f"Residents who speak for an initiative: 0 created, {len(RESIDENTS)}" in output


def test_no_demo_text_uses_a_word_kompas_avoids():
    create_many_initiatives(200)

    texts = [
        (initiative.slug, getattr(initiative, name))
        for initiative in Initiative.objects.all()
        for name in TEXT_FIELDS
    ]
    texts += [("note", text) for text in StaffNote.objects.values_list("text", flat=True)]
    texts += [("join", text) for text in JoinRequest.objects.values_list("message", flat=True)]
    texts += [("kind", name) for name in InitiativeKind.objects.values_list("name", flat=True)]
    texts += [("tag", name) for name in Tag.objects.values_list("name", flat=True)]

    assert len(texts) > 1000
    assert [(where, text) for where, text in texts if AVOIDED.search(text)] == []


def test_the_building_blocks_of_the_large_demo_avoid_those_words_too():
    blocks = [
        text
        for block in large.BLOCKS
        for text in (block.kind, *block.prefixes, *block.activities, *block.offers, *block.wishes)
    ]
    phrases = [
        *large.STEMS,
        *large.WHY_WE_BEGAN,
        *large.OPENINGS,
        *large.CLOSINGS,
        *large.OFFERS_TEXTS,
        *large.WISHES_TEXTS,
        *large.IDEAS,
        *large.HEARD_WHERE,
    ]

    assert [text for text in blocks + phrases if AVOIDED.search(text)] == []


def test_the_demo_resident_speaks_for_a_public_and_a_known_initiative():
    sanne = User.objects.get(email="inwoner@example.org")

    statuses = set(
        Initiative.objects.filter(memberships__user=sanne).values_list("status", flat=True)
    )

    assert {InitiativeStatus.PUBLIC, InitiativeStatus.KNOWN} <= statuses
    assert 2 <= Initiative.objects.filter(memberships__user=sanne).count() <= 3
    assert set(Initiative.objects.visible_to(sanne).filter(status=InitiativeStatus.KNOWN)) == set(
        Initiative.objects.filter(memberships__user=sanne, status=InitiativeStatus.KNOWN)
    )


def test_demo_residents_speak_for_initiatives_and_sign_in_with_a_code():

    residents = User.objects.filter(email__in=[resident.email for resident in RESIDENTS])

    assert residents.count() == len(RESIDENTS) >= 10
    for resident in residents:
        assert resident.role == Role.RESIDENT
        assert not resident.has_usable_password()
        assert resident.memberships.exists(), resident.email
    # Every initiative that speaks in its own words has someone who speaks for it.
    for initiative in demo_initiatives().filter(description_by_municipality=False):
        assert initiative.memberships.exists(), initiative.name


def test_public_initiatives_were_put_on_the_map_by_one_of_their_members():

    for initiative in demo_initiatives().filter(status=InitiativeStatus.PUBLIC):
        assert initiative.published_at is not None, initiative.name
        assert initiative.memberships.filter(user=initiative.published_by).exists(), initiative.name


def test_tips_are_entered_by_staff_in_the_municipality_s_words_and_have_no_members():
    staff = User.objects.get(email="ambtenaar@example.org")

    tips = demo_initiatives().filter(status=InitiativeStatus.TIP)

    assert tips.count() >= 3
    for tip in tips:
        assert tip.description_by_municipality, tip.name
        assert tip.created_by == staff, tip.name
        assert not tip.memberships.exists(), tip.name
        assert tip.published_at is None
    assert not Initiative.objects.visible_to(AnonymousUser()).filter(pk__in=tips).exists()


def test_an_initiative_staff_heard_of_joined_and_now_speaks_for_itself():

    ijsclub = Initiative.objects.get(slug="ijsclub-de-geeserbaan")

    assert ijsclub.status == InitiativeStatus.PUBLIC
    assert not ijsclub.description_by_municipality
    assert ijsclub.description.startswith("Als het vriest")
    assert ijsclub.created_by.email == "ambtenaar@example.org"
    assert ijsclub.published_by.email == "inwoner13@example.org"
    assert JoinRequest.objects.get(initiative=ijsclub).status == JoinRequestStatus.ACCEPTED
    # Its history tells the story: heard of, joined, own words, on the map.
    assert ijsclub.history.count() >= 4


def test_a_resident_waits_for_staff_to_confirm_a_request_to_join():

    pending = JoinRequest.objects.get(status=JoinRequestStatus.PENDING)

    assert pending.initiative.name == "Vrouwen van Aalderveen"
    assert pending.initiative.status == InitiativeStatus.KNOWN
    assert pending.initiative.description_by_municipality
    assert not pending.initiative.memberships.exists()


def test_ended_initiatives_once_on_the_map_stay_visible_as_ended():
    ended = demo_initiatives().filter(status=InitiativeStatus.ENDED)
    anonymous = AnonymousUser()

    once_public = ended.filter(published_at__isnull=False)
    never_public = ended.filter(published_at__isnull=True)

    assert once_public.exists() and never_public.exists()
    visible = Initiative.objects.visible_to(anonymous)
    assert set(visible.filter(pk__in=ended)) == set(once_public)


def test_staff_notes_beside_the_text_shared_and_internal():
    # Reactions to stories are notes too; they come with the demo's stories.
    notes = StaffNote.objects.filter(initiative__slug__in=DEMO_SLUGS, story__isnull=True)

    assert notes.filter(visibility=Visibility.SHARED).count() >= 3
    assert notes.filter(visibility=Visibility.INTERNAL).count() >= 3
    assert set(notes.values_list("author__email", flat=True)) == {"ambtenaar@example.org"}
    assert not StaffNote.objects.visible_to(AnonymousUser()).exists()


def test_what_one_initiative_wishes_for_another_offers():

    wished = set(demo_initiatives().values_list("wishes__name", flat=True)) - {None}
    offered = set(demo_initiatives().values_list("offers__name", flat=True)) - {None}

    assert len(offered) >= 20
    assert wished <= offered
    for tag in ("vergaderruimte", "kookkunst", "vervoer", "tuinieren", "luisterend oor"):
        assert tag in offered


def test_contact_details_only_with_consent_and_only_invented_addresses():

    for initiative in demo_initiatives().exclude(website=""):
        assert initiative.website.endswith(".example.org"), initiative.website
    for initiative in demo_initiatives().exclude(contact=""):
        assert "@" not in initiative.contact or "example.org" in initiative.contact


@pytest.mark.parametrize(
    ("words", "slug"),
    [
        ("wensbus", "wensbus-holtwolde-eo"),
        ("zonnepanelen", "energiecooperatie-esser-energie"),
        ("jeu de boules", "jeu-de-boules-club-carreau"),
    ],
)
def test_the_demo_initiatives_are_found_by_search(words, slug):

    found = search_initiatives(Initiative.objects.all(), words)

    assert slug in set(found.values_list("slug", flat=True))


# --- The large demo ---------------------------------------------------------------------


def test_generated_initiatives_come_out_the_same_whichever_are_missing():
    first = list(generate_initiatives(range(1, 60)))

    again = list(generate_initiatives(range(1, 60)))
    alone = list(generate_initiatives([7, 42]))

    assert first == again
    assert alone == [first[6], first[41]]
    assert [spec.slug for spec in first[:2]] == ["demo-groot-00001", "demo-groot-00002"]


def test_generated_names_do_not_repeat():
    names = [spec.name for spec in generate_initiatives(range(1, 3001))]

    assert len(set(names)) == len(names)


def test_generated_initiatives_are_mostly_public_with_kinds_offers_and_wishes():
    generated = list(generate_initiatives(range(1, 1001)))

    public = [spec for spec in generated if spec.status == InitiativeStatus.PUBLIC]
    assert 0.75 < len(public) / len(generated) < 0.95
    assert {spec.status for spec in generated} == set(InitiativeStatus.values)
    assert {spec.ownership for spec in public} >= set(Ownership.values)
    assert len({spec.kern for spec in generated}) == 16
    assert all(spec.kinds for spec in generated)
    assert all(spec.offers and spec.wishes for spec in public)
    assert all(not set(spec.offers) & set(spec.wishes) for spec in generated)
    for spec in generated:
        if spec.status in (InitiativeStatus.TIP, InitiativeStatus.KNOWN):
            assert spec.by_municipality
            assert spec.description.startswith("Gehoord")


def test_create_many_initiatives_writes_them_with_their_terms_places_and_history():
    before = Initiative.objects.count()

    created = create_many_initiatives(200)

    generated = Initiative.objects.filter(slug__startswith=SLUG_PREFIX)
    assert created == 200 == generated.count() == Initiative.objects.count() - before
    assert inside_their_kern(generated) == []
    assert generated.filter(location__isnull=True).exists()
    assert generated.values("kern").distinct().count() >= 12
    assert Initiative.history.filter(slug__startswith=SLUG_PREFIX).count() == 200
    assert not generated.filter(kinds__isnull=True).exists()
    public = generated.filter(status=InitiativeStatus.PUBLIC)
    assert public.count() > 140
    assert not public.filter(offers__isnull=True).exists()
    assert not public.filter(published_at__isnull=True).exists()
    tips = generated.filter(status=InitiativeStatus.TIP)
    assert not tips.filter(description_by_municipality=False).exists()
    assert not Initiative.objects.visible_to(AnonymousUser()).filter(pk__in=tips).exists()
    # Generated initiatives share the vocabulary of the hand-written ones.
    assert Tag.objects.filter(name="vergaderruimte").count() == 1
    assert InitiativeKind.objects.filter(name__iexact="repair café").count() == 1


def test_create_many_initiatives_makes_only_what_is_missing():
    assert create_many_initiatives(50) == 50
    first = counts()

    assert create_many_initiatives(50) == 0
    assert counts() == first
    assert create_many_initiatives(80) == 30
    assert Initiative.objects.filter(slug__startswith=SLUG_PREFIX).count() == 80


def test_the_bulk_search_vector_is_the_one_a_single_save_stores():
    create_many_initiatives(30)
    initiatives = Initiative.objects.filter(slug__startswith=SLUG_PREFIX).order_by("slug")
    bulk = list(initiatives.values_list("slug", "search_vector"))

    services.refresh_search(list(initiatives))

    assert list(initiatives.values_list("slug", "search_vector")) == bulk
    # PostgreSQL stores a vector; SQLite searches the words themselves.
    stored = {vector is not None for _slug, vector in bulk}
    assert stored == {connection.vendor == "postgresql"}


def test_generated_initiatives_are_found_by_search():
    create_many_initiatives(30)
    spec = next(generate_initiatives([12]))

    found = search_initiatives(Initiative.objects.all(), spec.name)

    assert spec.slug in set(found.values_list("slug", flat=True))


def test_the_large_size_adds_the_generated_initiatives(monkeypatch):
    # The real ten thousand take several seconds; the benchmark is where they belong.
    monkeypatch.setattr("demo.initiative_steps.LARGE_COUNT", 40)
    monkeypatch.setattr("demo.conversation_steps.LARGE_CONVERSATIONS", 0)
    # Besides the tips the demo's conversations brought in.
    initiatives = Initiative.objects.filter(tip_from__isnull=True)

    output = load_demo("--size", "large")

    assert "Generated initiatives: 40 created, 40 in the demo" in output
    assert initiatives.count() == len(INITIATIVES) + 40
    assert Kern.objects.count() == 16
    output = load_demo("--size", "large")
    assert "Generated initiatives: 0 created, 40 in the demo" in output
    assert initiatives.count() == len(INITIATIVES) + 40


def test_the_small_size_adds_no_generated_initiatives():
    output = load_demo()

    assert "Generated initiatives" not in output
    assert not Initiative.objects.filter(slug__startswith=SLUG_PREFIX).exists()
