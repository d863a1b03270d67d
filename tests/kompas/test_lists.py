"""One convention for every list page (kompas/lists.py): a form in the app's forms.py reads
the query string and gives the selector an English filter object; ``page_of`` gives the
page, whose links keep the other filters."""

import ast
import re
import typing
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from connections import selectors as connections_selectors
from connections.models import Connection
from conversations import selectors as conversations_selectors
from conversations import services as conversations_services
from initiatives import selectors as initiatives_selectors
from jewels import selectors as jewels_selectors
from kompas import lists
from kompas.choices import ConnectionAnswer, ConnectionStatus
from obstacles import selectors as obstacles_selectors
from stories import selectors as stories_selectors
from tests.factories import (
    CrownJewelFactory,
    DepartmentFactory,
    InitiativeFactory,
    ObstacleFactory,
    StoryFactory,
    UserFactory,
)

# The names of the query string: they belong to the forms, never to a filter object.
DUTCH_NAMES = {
    "q",
    "soort",
    "eigenaarschap",
    "biedt",
    "zoekt",
    "volgorde",
    "schud",
    "categorie",
    "van",
    "tot",
    "stand",
    "reden",
    "pagina",
}


# --- The page helper --------------------------------------------------------------------


def test_a_page_keeps_every_other_parameter_in_its_links():
    request = RequestFactory().get("/lijst/", {"kern": "oud & nieuw", "q": "soep", "pagina": 2})

    page = lists.page_of(request, list(range(5)), 2)

    assert page.number == 2
    assert page.query == "kern=oud+%26+nieuw&q=soep"
    assert page.previous_link == "?kern=oud+%26+nieuw&q=soep&pagina=1"
    assert page.next_link == "?kern=oud+%26+nieuw&q=soep&pagina=3"


@pytest.mark.parametrize(("asked", "given"), [("x", 1), ("", 1), ("99", 3), ("-3", 3)])
def test_a_wrong_page_number_gives_the_first_or_the_last_page(asked, given):
    request = RequestFactory().get("/lijst/", {"pagina": asked})

    page = lists.page_of(request, list(range(5)), 2)

    assert page.number == given
    assert page.link_to(2) == "?pagina=2"


# --- Every paginated list uses it -------------------------------------------------------


@pytest.fixture
def one_per_page(monkeypatch):
    """Every list page shows one item per page, and says whether it paged through
    ``page_of``."""

    class OnePerPage(lists.ListPaginator):
        used = 0

        def __init__(self, object_list, per_page, **kwargs):
            type(self).used += 1
            super().__init__(object_list, 1, **kwargs)

    monkeypatch.setattr(lists, "ListPaginator", OnePerPage)
    return OnePerPage


def initiatives(kern, staff):
    for _ in range(2):
        InitiativeFactory(kern=kern)


def jewels(kern, staff):
    for _ in range(2):
        CrownJewelFactory(kern=kern)


def stories(kern, staff):
    for _ in range(2):
        StoryFactory(initiative=InitiativeFactory(kern=kern))


def obstacles(kern, staff):
    for _ in range(2):
        ObstacleFactory(initiative=InitiativeFactory(kern=kern))


def connections(kern, staff):
    for _ in range(2):
        Connection.objects.create(
            first=InitiativeFactory(kern=kern),
            second=InitiativeFactory(),
            learn=True,
            first_answer=ConnectionAnswer.YES,
            second_answer=ConnectionAnswer.YES,
            status=ConnectionStatus.MADE,
        )


def conversations(kern, staff):
    for _ in range(2):
        conversations_services.log_conversation(
            staff,
            conversations_services.ConversationData(
                learned="Ze koken elke week.", kern=kern, date=timezone.localdate()
            ),
        )


def tips(kern, staff):
    for number in range(2):
        conversations_services.log_conversation(
            staff,
            conversations_services.ConversationData(
                learned="Een gesprek op het plein.", kern=kern, date=timezone.localdate()
            ),
            tips=[conversations_services.TipData(name=f"Tip {number}", kern=kern, heard="Hier.")],
        )


LISTS = {
    "initiative_list": initiatives,
    "map": initiatives,
    "jewel_list": jewels,
    "story_list": stories,
    "obstacle_list": obstacles,
    "connection_list": connections,
    "conversation_list": conversations,
    "tip_list": tips,
}


def page_links(response) -> list[str]:
    """The links of the page's pagination, without the anchor the map adds."""
    assert response.status_code == 200
    html = response.content.decode()
    navigation = re.search(r'<nav class="[^"]*pagination.*?</nav>', html, re.S)
    links = re.findall(r'href="([^"]*)"', navigation.group(0)) if navigation else []
    return [link.split("#")[0] for link in links]


@pytest.mark.django_db
@pytest.mark.parametrize("name", LISTS)
def test_every_list_pages_through_the_helper_and_keeps_its_filters(
    client, kern, one_per_page, name
):
    staff = UserFactory(staff=True, department=DepartmentFactory())
    client.force_login(staff)
    LISTS[name](kern, staff)
    url = reverse(name)
    first, second = (f"?kern={kern.slug}&amp;pagina={number}" for number in (1, 2))

    assert page_links(client.get(url, {"kern": kern.slug, "pagina": 2})) == [first]
    assert one_per_page.used
    assert page_links(client.get(url, {"kern": kern.slug, "pagina": "x"})) == [second]
    assert page_links(client.get(url, {"kern": kern.slug, "pagina": 99})) == [first]


# --- The filters: forms in forms.py, English objects for the selectors -------------------


def project_modules(pattern: str) -> list[Path]:
    """The project's own modules matching ``pattern`` in each of its apps."""
    return [
        path
        for config in apps.get_app_configs()
        if Path(config.path).parent == Path(settings.BASE_DIR)
        for path in Path(config.path).glob(pattern)
    ]


def test_no_view_module_defines_a_form():
    modules = project_modules("views.py") + project_modules("views/*.py")
    assert modules

    forms_in_views = [
        f"{path.relative_to(settings.BASE_DIR)}: {node.name}"
        for path in modules
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.ClassDef)
        and (
            node.name.endswith("Form")
            or any(ast.unparse(base).endswith("Form") for base in node.bases)
        )
    ]

    assert forms_in_views == [], "forms belong in the app's forms.py"


def test_no_selector_reads_a_request():
    modules = project_modules("selectors.py")
    assert modules

    reads = [
        f"{path.relative_to(settings.BASE_DIR)}:{node.lineno}"
        for path in modules
        for node in ast.walk(ast.parse(path.read_text()))
        if (isinstance(node, ast.Attribute) and node.attr in {"GET", "POST"})
        or (isinstance(node, ast.Name) and node.id == "request")
        or (isinstance(node, ast.arg) and node.arg == "request")
    ]

    assert reads == []


LIST_SELECTORS = [
    (initiatives_selectors.initiative_list, initiatives_selectors.InitiativeFilters),
    (initiatives_selectors.initiatives_geojson, initiatives_selectors.InitiativeFilters),
    (jewels_selectors.jewel_list, jewels_selectors.JewelFilters),
    (jewels_selectors.jewels_geojson, jewels_selectors.JewelFilters),
    (stories_selectors.public_stories, stories_selectors.StoryFilters),
    (obstacles_selectors.obstacle_list, obstacles_selectors.ObstacleFilters),
    (connections_selectors.connection_list, connections_selectors.ConnectionFilters),
    (conversations_selectors.conversation_list, conversations_selectors.ConversationFilters),
    (conversations_selectors.tip_inbox, conversations_selectors.TipFilters),
    (conversations_selectors.tip_state_counts, conversations_selectors.TipFilters),
]


@pytest.mark.parametrize(
    ("selector", "filters"), LIST_SELECTORS, ids=[s.__name__ for s, _ in LIST_SELECTORS]
)
def test_a_list_selector_takes_the_viewer_and_an_english_filter_object(selector, filters):
    parameters = list(typing.get_type_hints(selector).items())
    names = selector.__code__.co_varnames[: selector.__code__.co_argcount]

    assert names == ("user", "filters")
    assert ("filters", filters) in parameters
    assert not set(filters.__dataclass_fields__) & DUTCH_NAMES
