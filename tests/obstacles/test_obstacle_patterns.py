"""The patterns on /drempels/: how often each kind of obstacle came up, per department or
organisation, per kern and per month. Counts only: the public reports count, exactly, as
anyone can count them in the list (the shared ones count in the council's insight); never
a person's name, never which initiative; never a ranking. Against the demo's public list:
test_figures.py.
"""

import datetime
import html
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kompas.choices import Visibility
from obstacles import selectors
from tests.factories import (
    DepartmentFactory,
    InitiativeFactory,
    KernFactory,
    ObstacleFactory,
    UserFactory,
    obstacle_category,
)

pytestmark = pytest.mark.django_db

LIST = reverse("obstacle_list")
JAN, FEB, MAR = datetime.date(2025, 1, 1), datetime.date(2025, 2, 1), datetime.date(2025, 3, 1)
PERIOD = {"van": "2025-01", "tot": "2025-03"}


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def page(response) -> str:
    return response.content.decode()


def text_of(response) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page(response), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def table(response, table_id: str) -> dict[str, int]:
    """A pattern table as {line: count}."""
    match = re.search(rf'<table[^>]*id="{table_id}-tabel".*?</table>', page(response), re.S)
    assert match, f"no table {table_id}"
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", match.group(0), re.S):
        heading = re.search(r'<th scope="row">(.*?)</th>', row, re.S)
        number = re.search(r'class="kompas-pattern-table__number">(\d+)<', row)
        if heading and number:
            name = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", heading.group(1))).split())
            rows[name] = int(number.group(1))
    return rows


def the_data():
    """Five obstacles in the first three months of 2025, one before and one after."""
    oost, west = KernFactory(name="Oosterend"), KernFactory(name="Westerend")
    vergunningen = DepartmentFactory(name="Vergunningen")
    sociaal = DepartmentFactory(name="Sociaal team", is_partner=False)
    reporter = UserFactory(name="Pieter Melder")
    subsidie = obstacle_category("past-niet-in-de-subsidiecriteria")
    jaar = obstacle_category("kom-over-een-jaar-nog-eens-terug")
    rows = [
        (oost, vergunningen, "", subsidie, datetime.date(2025, 1, 3), Visibility.PUBLIC),
        (oost, vergunningen, "", jaar, datetime.date(2025, 1, 20), Visibility.SHARED),
        (west, sociaal, "", subsidie, datetime.date(2025, 3, 31), Visibility.SHARED),
        (
            west,
            None,
            "Woningcorporatie Jan de Vries",
            subsidie,
            datetime.date(2025, 3, 1),
            "public",
        ),
        (None, None, "", jaar, datetime.date(2025, 1, 1), Visibility.PUBLIC),
        (oost, vergunningen, "", jaar, datetime.date(2024, 12, 31), Visibility.PUBLIC),
        (oost, vergunningen, "", jaar, datetime.date(2025, 4, 1), Visibility.PUBLIC),
    ]
    for kern, department, organisation, category, day, visibility in rows:
        ObstacleFactory(
            initiative=InitiativeFactory(kern=kern),
            reported_by=reporter,
            department=department,
            organisation=organisation,
            category=category,
            happened_on=day,
            visibility=visibility,
        )


def test_the_selector_counts_the_public_reports_per_kind_department_kern_and_month():
    the_data()

    patterns = selectors.obstacle_patterns(JAN, MAR)

    kinds = {row.name: row.count for row in patterns.categories}
    assert kinds["Past niet in de subsidiecriteria"] == 2
    assert kinds["Kom over een jaar nog eens terug"] == 1
    assert kinds["Geen prioriteit"] == 0
    assert patterns.categories[-1].name == "Anders"
    assert [(row.name, row.count, row.other, row.unknown) for row in patterns.departments] == [
        ("Vergunningen", 1, False, False),
        ("", 1, True, False),
        ("", 1, False, True),
    ]
    assert [(row.name, row.count) for row in patterns.kernen] == [
        ("Oosterend", 1),
        ("Westerend", 1),
        ("", 1),
    ]
    assert patterns.kernen[-1].unknown
    assert [(row.month, row.count) for row in patterns.per_month] == [(JAN, 2), (FEB, 0), (MAR, 1)]
    assert [row.shown for row in patterns.per_month] == ["2", "0", "1"]  # exact
    assert patterns.total == 3
    assert [row.share for row in patterns.per_month] == [100, 0, 50]


def test_the_page_shows_everyone_the_public_reports_exactly(client_as):
    """The two reports shared only with the municipality count nowhere on this page: not
    for the public, and not for staff or the council either (they read them in insight)."""
    the_data()

    for role in ("anonymous", "resident", "staff", "council"):
        response = english(client_as(role)).get(LIST, PERIOD)

        assert response.status_code == 200
        kinds = table(response, "soorten")
        assert kinds["Past niet in de subsidiecriteria"] == 2
        assert kinds["Kom over een jaar nog eens terug"] == 1
        assert table(response, "afdelingen") == {
            "Vergunningen": 1,
            "Another organisation": 1,
            "Not given": 1,
        }
        assert table(response, "kernen") == {
            "Oosterend": 1,
            "Westerend": 1,
            "No village or district given": 1,
        }
        assert table(response, "maanden") == {
            "January 2025": 2,
            "February 2025": 0,
            "March 2025": 1,
        }
        assert "3 obstacles from January 2025 to March 2025." in text_of(response)
        assert 'kompas-pattern-table__number">&lt;5' not in page(response)
        leads_to_insight = f'href="{reverse("insight")}"' in page(response).split("<main")[1]
        assert leads_to_insight == (role in ("staff", "council"))


def test_the_patterns_name_no_person_and_no_initiative():
    the_data()

    response = english(Client()).get(LIST, PERIOD)
    patterns = page(response).split('id="patronen-kop"')[1].split('id="meldingen"')[0]

    assert "Pieter Melder" not in page(response)
    assert "Jan de Vries" not in patterns
    assert "Initiatief" not in patterns
    assert "/initiatieven/" not in patterns


def test_departments_are_in_alphabetical_order_not_by_count():
    zorg = DepartmentFactory(name="Zorg")
    afval = DepartmentFactory(name="Afval")
    for _ in range(3):
        ObstacleFactory(department=zorg, happened_on=JAN)
    ObstacleFactory(department=afval, happened_on=JAN)

    lines = list(table(english(Client()).get(LIST, PERIOD), "afdelingen"))

    assert lines == ["Afval", "Zorg"]


def test_the_bars_are_drawn_without_style_attributes():
    the_data()

    response = english(Client()).get(LIST, PERIOD)

    assert "style=" not in page(response)
    assert '<rect class="kompas-bar__fill" x="0" y="0" width="100"' in page(response)
    assert '<caption id="soorten-caption">' in page(response)
    assert '<th scope="col">' in page(response)


def test_by_default_the_last_twelve_months():
    today = timezone.localdate()
    ObstacleFactory(happened_on=today)
    ObstacleFactory(happened_on=today.replace(day=1) - datetime.timedelta(days=300))
    ObstacleFactory(happened_on=today.replace(day=1) - datetime.timedelta(days=400))

    response = english(Client()).get(LIST)

    assert len(table(response, "maanden")) == 12
    assert sum(table(response, "maanden").values()) == 2


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"van": "gisteren"}, "Type a month, for example 2025-03."),
        ({"van": "2025-13"}, "Type a month, for example 2025-03."),
        ({"van": "2025-05", "tot": "2025-01"}, "The end of the period comes before its start."),
        ({"van": "2020-01", "tot": "2025-01"}, "Choose at most 36 months at a time."),
        ({"van": "\x00", "tot": "<script>"}, "Type a month, for example 2025-03."),
        ({"van": "9999-12", "tot": "0001-01"}, "The end of the period comes before its start."),
    ],
)
def test_a_period_that_is_not_understood_falls_back_with_a_message(query, message):
    ObstacleFactory(happened_on=timezone.localdate())

    response = english(Client()).get(LIST, query)

    assert response.status_code == 200
    assert message in text_of(response)
    assert len(table(response, "maanden")) == 12
    assert sum(table(response, "maanden").values()) == 1
    assert "<script>" not in page(response)


def test_a_start_alone_shows_twelve_months_from_it():
    ObstacleFactory(happened_on=datetime.date(2024, 12, 5))

    response = english(Client()).get(LIST, {"van": "2024-02"})

    months = list(table(response, "maanden"))
    assert months[0] == "February 2024" and months[-1] == "January 2025"
    assert sum(table(response, "maanden").values()) == 1


def test_the_period_is_kept_when_filtering_the_reports_and_the_other_way_round():
    response = page(english(Client()).get(LIST, PERIOD | {"status": "solved"}))

    assert '<input type="hidden" name="van" value="2025-01">' in response
    assert '<input type="hidden" name="status" value="solved">' in response


def make_many(count: int) -> None:
    kernen = [KernFactory(name=name) for name in ("Oosterend", "Westerend", "Midden")]
    departments = [DepartmentFactory(name=name) for name in ("Vergunningen", "Sociaal team")]
    for number in range(count):
        ObstacleFactory(
            initiative=InitiativeFactory(kern=kernen[number % 3]),
            department=departments[number % 2],
            organisation="" if number % 4 else "De provincie",
            category=obstacle_category("geen-prioriteit" if number % 2 else "anders"),
            happened_on=datetime.date(2025, 1 + number % 3, 1 + number % 28),
            visibility=Visibility.SHARED if number % 2 else Visibility.PUBLIC,
        )


@pytest.mark.parametrize("role", ["anonymous", "staff"])
def test_the_patterns_keep_a_constant_number_of_queries(
    client_as, role, django_assert_max_num_queries
):
    make_many(2)
    client = client_as(role)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST, PERIOD)
    make_many(30)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(LIST, PERIOD)

    assert sum(table(response, "maanden").values()) == 16  # the public half


def test_the_selector_takes_four_queries(django_assert_num_queries):
    make_many(10)

    with django_assert_num_queries(4):
        selectors.obstacle_patterns(JAN, MAR)
