"""The map page and the kern page: layers from their own URLs, the same results as a list."""

import html
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from initiatives.models import InitiativeKind, Ownership, Tag
from kompas.choices import GiftConsent, InitiativeStatus
from maps.views.map import JEWEL_LIST_LIMIT, PER_PAGE
from places.views import KERN_LIST_LIMIT
from tests.factories import (
    AppreciationFactory,
    CrownJewelFactory,
    InitiativeFactory,
    KernFactory,
    MembershipFactory,
    UserFactory,
    jewel_category,
)

pytestmark = pytest.mark.django_db

ENGLISH = {"accept_language": "en"}
CARD_LINK = re.compile(r'class="utrecht-link kompas-card__title"\s+href="[^"]+">([^<]+)</a>')
POPUP_NAME = re.compile(r">([^<]*)</a>")


def published(name: str, status=InitiativeStatus.PUBLIC, **fields):
    return InitiativeFactory(name=name, status=status, published_at=timezone.now(), **fields)


def page_of(client, query: str = "", url=None):
    response = client.get((url or reverse("map")) + query, headers=ENGLISH)
    assert response.status_code == 200
    return response.content.decode()


def listed(page: str) -> set[str]:
    return {html.unescape(name.strip()) for name in CARD_LINK.findall(page)}


def attribute(page: str, name: str) -> str:
    found = re.search(rf'{name}="([^"]*)"', page)
    assert found, f"no {name} on the page"
    return html.unescape(found.group(1))


def on_layer(client, url: str) -> set[str]:
    """The names on a layer, each read from its popup as map.js would fetch it."""
    collection = json.loads(client.get(url).content)
    names = set()
    for feature in collection["features"]:
        popup = client.get(collection["popups"].replace("{id}", str(feature["id"])))
        name = POPUP_NAME.search(popup.content.decode())
        assert name, f"no name in the popup of {feature['id']}"
        names.add(html.unescape(name.group(1)))
    return names


# --- The map page -----------------------------------------------------------------------


def test_the_map_page_has_its_layers_from_their_own_urls_and_no_feature_data(client):
    published("Dorpshuis De Linde")

    page = page_of(client)

    assert attribute(page, "data-points") == reverse("layer_initiatives")
    assert attribute(page, "data-layers") == reverse("layer_kernen")
    assert "FeatureCollection" not in page
    assert "coordinates" not in page
    assert "application/json" not in page and "application/geo+json" not in page
    # The list beside the map is the alternative: every initiative is a link there.
    assert listed(page) == {"Dorpshuis De Linde"}


def test_the_map_page_runs_no_inline_script(client):
    page = page_of(client)

    for script in re.findall(r"<script[^>]*>(.*?)</script>", page, flags=re.S):
        assert script.strip() == ""
    assert 'style="' not in page
    assert "onclick" not in page
    assert "leaflet.markercluster.js" in page


def test_the_filters_are_a_get_form_that_works_without_javascript(client):
    page = page_of(client)

    form = re.search(r'<form[^>]*role="search"[^>]*>', page).group(0)
    assert 'method="get"' in form and f'action="{reverse("map")}"' in form
    for name in ("q", "kern", "soort", "eigenaarschap", "biedt", "zoekt", "volgorde"):
        assert f'name="{name}"' in page
        assert f'for="filter_{name}"' in page  # every field has a label


def test_the_filters_live_in_the_url_and_reach_the_layer(client):
    kern = KernFactory(name="Noord")
    published("Broodfonds Noord", kern=kern)
    published("Groengroep Zuid", kern=KernFactory(name="Zuid"))

    page = page_of(client, "?kern=noord&q=&volgorde=naam")

    assert attribute(page, "data-points") == reverse("layer_initiatives") + "?kern=noord"
    assert attribute(page, "data-focus") == "noord"
    assert re.search(r'<option value="noord"\s+selected>', page)
    assert listed(page) == {"Broodfonds Noord"}


def test_map_and_list_show_the_same_initiatives_for_every_filter(client):
    north, south = KernFactory(name="Noord"), KernFactory(name="Zuid")
    bakery = published("Broodfonds Noord", kern=north, ownership=Ownership.COMMUNITY)
    published("Groengroep Zuid", kern=south, ownership=Ownership.MUNICIPALITY)
    published("Wensbus Noord", kern=north, ownership=Ownership.MUNICIPALITY)
    kind = InitiativeKind.objects.get_or_create(name="Broodfonds")[0]
    space = Tag.objects.get_or_create(name="Een ruimte")[0]
    bus = Tag.objects.get_or_create(name="Een bus")[0]
    bakery.kinds.add(kind)
    bakery.offers.add(space)
    bakery.wishes.add(bus)

    for query in (
        "",
        "?kern=noord",
        f"?soort={kind.slug}",
        f"?eigenaarschap={Ownership.MUNICIPALITY}",
        f"?biedt={space.slug}",
        f"?zoekt={bus.slug}",
        "?q=Wensbus",
        "?kern=zuid&eigenaarschap=4",
        "?kern=bestaat-niet",
    ):
        page = page_of(client, query)
        assert listed(page) == on_layer(client, attribute(page, "data-points")), query
    assert listed(page_of(client, "?kern=noord")) == {"Broodfonds Noord", "Wensbus Noord"}


def test_hidden_initiatives_stay_out_of_the_list(client, client_as):
    published("Openbaar")
    InitiativeFactory(name="Een tip", status=InitiativeStatus.TIP)
    InitiativeFactory(name="In gesprek", status=InitiativeStatus.KNOWN)

    assert listed(page_of(client)) == {"Openbaar"}
    assert listed(page_of(client_as("council"))) == {"Openbaar"}
    assert listed(page_of(client_as("staff"))) == {"Openbaar", "Een tip", "In gesprek"}


def test_a_member_finds_their_own_initiative_in_the_list(client):
    own = InitiativeFactory(name="Ons plan", status=InitiativeStatus.KNOWN)
    member = UserFactory(email="lid@example.org")
    MembershipFactory(user=member, initiative=own)
    client.force_login(member)

    assert listed(page_of(client)) == {"Ons plan"}


def test_an_initiative_with_only_a_village_is_in_the_list_and_says_it_is_not_on_the_map(client):
    published("Overal in het dorp", location=None)

    page = page_of(client)

    assert listed(page) == {"Overal in het dorp"}
    assert "Not on the map" in page


def test_a_long_list_says_how_many_it_shows_and_keeps_the_filters_on_every_page(client):
    kern = KernFactory(name="Noord")
    for number in range(PER_PAGE + 5):
        published(f"Initiatief {number:02d}", kern=kern)

    first = page_of(client, "?kern=noord")
    second = page_of(client, "?kern=noord&pagina=2")

    assert f"Showing 1 to {PER_PAGE} of {PER_PAGE + 5} initiatives" in first
    assert "Refine the filters" in first
    assert 'href="?kern=noord&amp;pagina=2#lijst-kop"' in first
    assert len(listed(first)) == PER_PAGE and len(listed(second)) == 5
    assert attribute(second, "data-points") == reverse("layer_initiatives") + "?kern=noord"


@pytest.mark.parametrize(
    "query",
    [
        "?kern=%3Cscript%3Ealert(1)%3C/script%3E",
        "?eigenaarschap=veel&soort=bestaat-niet",
        "?pagina=abc",
        "?pagina=999",
        "?q=" + "x" * 5000,
        "?q=%00%27%22",
    ],
)
def test_bad_input_gets_a_page_not_an_error(client, query):
    published("Dorpshuis")

    page = page_of(client, query)

    assert "<script>alert(1)" not in page


def test_nothing_found_says_so_kindly(client):
    published("Dorpshuis")

    page = page_of(client, "?q=onvindbaarwoord")

    assert listed(page) == set()
    assert "Nothing matches all of these filters" in page


@pytest.mark.parametrize("role", ["anonymous", "resident", "staff"])
def test_the_map_page_keeps_a_constant_number_of_queries(
    client_as, django_assert_max_num_queries, role
):
    client = client_as(role)
    kern = KernFactory(name="Veldwijk")
    kind = InitiativeKind.objects.get_or_create(name="Burenhulp")[0]
    tag = Tag.objects.get_or_create(name="Koffie en tijd")[0]

    def add(numbers):
        for number in numbers:
            initiative = published(f"Initiatief {number}", kern=kern)
            initiative.kinds.add(kind)
            initiative.offers.add(tag)
            initiative.wishes.add(tag)

    add(range(3))
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("map"))
    add(range(3, 30))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("map"))


def test_the_navigation_leads_to_the_map(client):
    page = page_of(client, url=reverse("home"))

    assert f'href="{reverse("map")}"' in page


# --- The kern page ----------------------------------------------------------------------


def test_a_kern_page_shows_its_initiatives_on_its_map_and_as_a_list(client):
    kern = KernFactory(name="Aldeburen")
    published("Dorpshuis Aldeburen", kern=kern)
    published("Burenhulp Aldeburen", kern=kern, location=None)
    published("Elders", kern=KernFactory(name="Elders"))
    InitiativeFactory(name="Tip in Aldeburen", kern=kern, status=InitiativeStatus.TIP)

    page = page_of(client, url=kern.get_absolute_url())

    assert listed(page) == {"Dorpshuis Aldeburen", "Burenhulp Aldeburen"}
    points = attribute(page, "data-points")
    assert points == reverse("layer_initiatives") + "?kern=aldeburen"
    assert on_layer(client, points) == {"Dorpshuis Aldeburen"}
    assert attribute(page, "data-layers") == reverse("layer_kernen")
    assert "FeatureCollection" not in page


def test_staff_see_the_tips_of_a_kern_too(client_as):
    kern = KernFactory(name="Aldeburen")
    InitiativeFactory(name="Tip in Aldeburen", kern=kern, status=InitiativeStatus.TIP)

    page = page_of(client_as("staff"), url=kern.get_absolute_url())

    assert listed(page) == {"Tip in Aldeburen"}


def test_a_busy_kern_lists_part_and_leads_to_the_map_for_the_rest(client):
    kern = KernFactory(name="Aldeburen")
    for number in range(KERN_LIST_LIMIT + 2):
        published(f"Initiatief {number:02d}", kern=kern, location=None)

    page = page_of(client, url=kern.get_absolute_url())

    assert len(listed(page)) == KERN_LIST_LIMIT
    assert f"Showing {KERN_LIST_LIMIT} of {KERN_LIST_LIMIT + 2} initiatives" in page
    assert f'href="{reverse("map")}?kern=aldeburen"' in page


@pytest.mark.parametrize("role", ["anonymous", "resident", "staff"])
def test_the_kern_page_keeps_a_constant_number_of_queries(
    client_as, django_assert_max_num_queries, role
):
    client = client_as(role)
    kern = KernFactory(name="Veldwijk")
    for number in range(3):
        published(f"Initiatief {number}", kern=kern)
    with django_assert_max_num_queries(20) as few:
        client.get(kern.get_absolute_url())
    for number in range(3, 30):
        published(f"Initiatief {number}", kern=kern)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(kern.get_absolute_url())


# --- Crown jewels on the map page and the kern page -------------------------------------

JEWEL_LINK = re.compile(r'class="utrecht-link kompas-jewel-card__title"\s+href="[^"]+">([^<]+)</a>')


def jewels_listed(page: str) -> list[str]:
    return [html.unescape(name.strip()) for name in JEWEL_LINK.findall(page)]


def pending_gift(name: str, **fields):
    return CrownJewelFactory(
        name=name,
        category=jewel_category("gave-van-mensen"),
        person_email="persoon@example.org",
        consent=GiftConsent.ASKED,
        **fields,
    )


def test_the_map_page_has_the_jewels_layer_with_a_legend_and_lists_the_jewels(client):
    CrownJewelFactory(name="De oude linde")
    pending_gift("Oma Riek")
    published("Dorpshuis De Linde")

    page = page_of(client)

    assert attribute(page, "data-jewels") == reverse("layer_jewels")
    assert on_layer(client, reverse("layer_jewels")) == {"De oude linde"}
    assert jewels_listed(page) == ["De oude linde"]
    assert listed(page) == {"Dorpshuis De Linde"}
    # The legend names both markers; its checkboxes switch the layers (map.js shows it).
    legend = re.search(r"<fieldset[^>]*data-kompas-map-legend[^>]*>(.*?)</fieldset>", page, re.S)
    assert legend and " hidden" in legend.group(0).split(">")[0]
    assert 'type="checkbox" checked data-kompas-layer="jewels"' in legend.group(1)
    assert 'data-kompas-layer="points"' in legend.group(1)
    assert "Crown jewels" in legend.group(1)
    assert f'href="{reverse("jewel_list")}"' in page


def test_the_kern_filter_narrows_the_jewels_on_map_and_list(client):
    kern = KernFactory(name="Aldeburen")
    CrownJewelFactory(name="De kerktoren", kern=kern)
    CrownJewelFactory(name="Elders", kern=KernFactory(name="Elders"))

    page = page_of(client, "?kern=aldeburen")

    assert attribute(page, "data-jewels") == reverse("layer_jewels") + "?kern=aldeburen"
    assert jewels_listed(page) == ["De kerktoren"]
    assert f'href="{reverse("jewel_list")}?kern=aldeburen"' in page


def test_the_map_page_lists_a_limited_number_of_jewels_by_name(client, in_english):
    for number in reversed(range(JEWEL_LIST_LIMIT + 3)):
        jewel = CrownJewelFactory(name=f"Kroonjuweel {number:02d}")
        if number == JEWEL_LIST_LIMIT + 2:
            AppreciationFactory.create_batch(4, jewel=jewel)

    page = page_of(client)

    names = jewels_listed(page)
    assert names == [f"Kroonjuweel {number:02d}" for number in range(JEWEL_LIST_LIMIT)]
    assert f"Showing {JEWEL_LIST_LIMIT} of {JEWEL_LIST_LIMIT + 3} crown jewels" in page


@pytest.mark.parametrize("role", ["anonymous", "resident", "staff"])
def test_without_jewels_the_map_page_invites_a_nomination(client_as, role):
    page = page_of(client_as(role))

    assert jewels_listed(page) == []
    assert f'href="{reverse("jewel_create")}"' in page


def test_council_members_are_not_invited_to_nominate(client_as):
    kern = KernFactory(name="Aldeburen")
    client = client_as("council")

    assert f'href="{reverse("jewel_create")}"' not in page_of(client)
    assert f'href="{reverse("jewel_create")}"' not in page_of(client, url=kern.get_absolute_url())


@pytest.mark.parametrize("role", ["anonymous", "resident", "staff"])
def test_the_map_page_keeps_a_constant_number_of_queries_with_jewels(
    client_as, django_assert_max_num_queries, role
):
    client = client_as(role)
    kern = KernFactory(name="Veldwijk")
    CrownJewelFactory.create_batch(2, kern=kern)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("map"))
    CrownJewelFactory.create_batch(15, kern=kern)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("map"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("map") + "?kern=veldwijk")


def test_a_kern_page_shows_its_visible_jewels_by_name_on_its_map_and_as_a_list(client, in_english):
    kern = KernFactory(name="Aldeburen")
    zebra = CrownJewelFactory(name="Zomerfeest", kern=kern, photo_description="Lampions")
    zebra.photo = "kroonjuwelen/2026/zomerfeest.jpg"
    zebra.save()
    valued = CrownJewelFactory(name="Oude linde", kern=kern, location=None)
    AppreciationFactory.create_batch(5, jewel=zebra)
    AppreciationFactory(jewel=valued)
    CrownJewelFactory(name="Dorpshuis", kern=kern)
    pending_gift("Oma Riek", kern=kern)
    CrownJewelFactory(name="Elders", kern=KernFactory(name="Elders"))

    page = page_of(client, url=kern.get_absolute_url())

    assert "Crown jewels of Aldeburen" in page
    assert jewels_listed(page) == ["Dorpshuis", "Oude linde", "Zomerfeest"]
    assert 'alt="Lampions"' in page and "zomerfeest.jpg" in page
    jewels_layer = attribute(page, "data-jewels")
    assert jewels_layer == reverse("layer_jewels") + "?kern=aldeburen"
    assert on_layer(client, jewels_layer) == {"Zomerfeest", "Dorpshuis"}
    assert f'href="{reverse("jewel_list")}?kern=aldeburen"' in page


def test_the_nominator_finds_their_gift_on_the_kern_page(client):
    kern = KernFactory(name="Aldeburen")
    nominator = UserFactory()
    pending_gift("Oma Riek", kern=kern, nominated_by=nominator)
    client.force_login(nominator)

    assert jewels_listed(page_of(client, url=kern.get_absolute_url())) == ["Oma Riek"]


def test_a_busy_kern_lists_some_jewels_and_leads_to_the_registry(client, in_english):
    kern = KernFactory(name="Aldeburen")
    for number in range(JEWEL_LIST_LIMIT + 2):
        CrownJewelFactory(name=f"Kroonjuweel {number:02d}", kern=kern)

    page = page_of(client, url=kern.get_absolute_url())

    assert len(jewels_listed(page)) == JEWEL_LIST_LIMIT
    assert f"Showing {JEWEL_LIST_LIMIT} of {JEWEL_LIST_LIMIT + 2} crown jewels" in page
    assert f'href="{reverse("jewel_list")}?kern=aldeburen"' in page


def test_a_kern_without_jewels_invites_a_nomination(client, in_english):
    kern = KernFactory(name="Aldeburen")
    CrownJewelFactory(name="Elders", kern=KernFactory(name="Elders"))
    pending_gift("Oma Riek", kern=kern)

    page = page_of(client, url=kern.get_absolute_url())

    assert jewels_listed(page) == []
    assert "No one has nominated a crown jewel of Aldeburen yet" in page
    assert f'href="{reverse("jewel_create")}"' in page
    assert "Oma Riek" not in page


@pytest.mark.parametrize("role", ["anonymous", "resident", "staff"])
def test_the_kern_page_keeps_a_constant_number_of_queries_with_jewels(
    client_as, django_assert_max_num_queries, role
):
    client = client_as(role)
    kern = KernFactory(name="Veldwijk")
    CrownJewelFactory.create_batch(2, kern=kern)
    with django_assert_max_num_queries(20) as few:
        client.get(kern.get_absolute_url())
    CrownJewelFactory.create_batch(15, kern=kern)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(kern.get_absolute_url())
