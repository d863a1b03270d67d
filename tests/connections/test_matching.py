"""Offers and wishes: who offers what an initiative looks for, and the other way round."""

import pytest
from django.conf import settings
from django.contrib.gis.geos import Point
from django.urls import reverse

from connections import selectors
from initiatives.models import Tag
from kompas import access
from kompas.choices import InitiativeStatus
from tests.factories import InitiativeFactory, KernFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def tag(name):
    return Tag.objects.get_or_create(name=name, slug=name.lower())[0]


@pytest.fixture
def soup():
    """Soepgroep offers cooking and wishes for a kitchen and volunteers."""
    initiative = InitiativeFactory(name="Soepgroep", kern=KernFactory(name="Veldwijk"))
    initiative.offers.set([tag("Koken")])
    initiative.wishes.set([tag("Keuken"), tag("Vrijwilligers")])
    return initiative


def names(initiatives):
    return [initiative.name for initiative in initiatives]


def test_offers_meet_wishes_both_ways_with_the_shared_tags(soup):
    kitchen = InitiativeFactory(name="Buurthuis")
    kitchen.offers.set([tag("Keuken"), tag("Zaal")])
    hungry = InitiativeFactory(name="Jongerenclub")
    hungry.wishes.set([tag("Koken")])
    unrelated = InitiativeFactory(name="Breiclub")
    unrelated.offers.set([tag("Wol")])
    unrelated.wishes.set([tag("Zaal")])

    matches = selectors.initiative_matches(UserFactory(staff=True), soup)

    assert names(matches["offering"]) == ["Buurthuis"]
    assert names(matches["offering"][0].shared_tags) == ["Keuken"]
    assert names(matches["wishing"]) == ["Jongerenclub"]
    assert names(matches["wishing"][0].shared_tags) == ["Koken"]


def test_an_initiative_never_matches_itself(soup):
    soup.offers.add(tag("Keuken"))

    matches = selectors.initiative_matches(UserFactory(staff=True), soup)

    assert "Soepgroep" not in names(matches["offering"] + matches["wishing"])


def test_the_same_kern_first_then_the_nearest(soup):
    soup.location = Point(6.50, 52.70, srid=4326)
    soup.save()
    far = InitiativeFactory(name="Aa ver weg", location=Point(6.90, 52.90, srid=4326))
    near = InitiativeFactory(name="Bb dichtbij", location=Point(6.51, 52.70, srid=4326))
    same = InitiativeFactory(
        name="Zz in Veldwijk", kern=soup.kern, location=Point(6.80, 52.80, srid=4326)
    )
    nowhere = InitiativeFactory(name="Ab zonder plek", kern=None, location=None)
    for other in (far, near, same, nowhere):
        other.offers.set([tag("Keuken")])

    matches = selectors.initiative_matches(UserFactory(staff=True), soup)

    assert names(matches["offering"]) == [
        "Zz in Veldwijk",
        "Bb dichtbij",
        "Aa ver weg",
        "Ab zonder plek",
    ]


def test_only_initiatives_the_viewer_may_see_match(soup):
    tip = InitiativeFactory(name="Een tip", status=InitiativeStatus.TIP)
    tip.offers.set([tag("Keuken")])
    member = MembershipFactory(initiative=soup).user

    assert names(selectors.initiative_matches(member, soup)["offering"]) == []
    assert names(selectors.initiative_matches(UserFactory(staff=True), soup)["offering"]) == [
        "Een tip"
    ]


def test_at_most_eight_per_list(soup):
    for number in range(12):
        InitiativeFactory(name=f"Keuken {number:02}").offers.set([tag("Keuken")])

    assert len(selectors.initiative_matches(UserFactory(staff=True), soup)["offering"]) == 8


def test_no_tags_no_matches():
    lonely = InitiativeFactory()
    InitiativeFactory().offers.set([tag("Keuken")])

    assert selectors.initiative_matches(UserFactory(staff=True), lonely) == {
        "offering": [],
        "wishing": [],
    }


def test_matches_are_for_members_and_staff_only(soup):
    member = MembershipFactory(initiative=soup).user

    assert access.can_see_matches(member, soup)
    assert access.can_see_matches(UserFactory(staff=True), soup)
    assert not access.can_see_matches(UserFactory(), soup)
    assert not access.can_see_matches(UserFactory(council=True), soup)


def test_the_page_shows_matches_to_members_with_a_one_click_proposal(client, soup):
    kitchen = InitiativeFactory(name="Buurthuis")
    kitchen.offers.set([tag("Keuken")])
    client.force_login(MembershipFactory(initiative=soup).user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = client.get(soup.get_absolute_url()).content.decode()

    assert "Who offers what you are looking for" in page
    assert "Buurthuis" in page
    create = reverse("connection_create", kwargs={"slug": soup.slug})
    assert f"{create}?met=buurthuis&amp;reden=offer" in page


def test_visitors_do_not_see_matches(client, soup):
    InitiativeFactory(name="Buurthuis").offers.set([tag("Keuken")])
    client.force_login(UserFactory())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = client.get(soup.get_absolute_url()).content.decode()

    assert "Who offers what you are looking for" not in page
    assert "Buurthuis" not in page


def count_queries(django_assert_max_num_queries, user, initiative, maximum):
    with django_assert_max_num_queries(maximum):
        matches = selectors.initiative_matches(user, initiative)
        for side in matches.values():
            for other in side:
                list(other.shared_tags)
                str(other.kern)


@pytest.mark.parametrize("others", [3, 20])
def test_matching_keeps_a_constant_number_of_queries(soup, django_assert_max_num_queries, others):
    for number in range(others):
        other = InitiativeFactory(name=f"Ander {number}")
        other.offers.set([tag("Keuken")])
        other.wishes.set([tag("Koken")])
    staff = UserFactory(staff=True)

    count_queries(django_assert_max_num_queries, staff, soup, 6)
