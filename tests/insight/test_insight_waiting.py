"""How long obstacles wait for a first answer from the municipality, on /inzicht/: every
obstacle of the period and the kern, shared ones included, so under the small-count rule
(a line of fewer than five shows "<5" and no median); a fixed order; a constant number of
queries. The clock is passed in, or set on the records, never waited for. The counting
itself: tests/obstacles/test_obstacle_waiting.py."""

import datetime
import html
import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from insight.figures.figure import Scope
from insight.figures.obstacles import obstacles_waiting
from kompas.choices import Visibility
from obstacles.models import Obstacle
from tests.factories import DepartmentFactory, InitiativeFactory, KernFactory, ObstacleFactory

pytestmark = pytest.mark.django_db

INSIGHT = reverse("insight")
FIRST, LAST = datetime.date(2025, 1, 1), datetime.date(2025, 6, 1)
PERIOD = {"van": "2025-01", "tot": "2025-06"}
NOW = datetime.datetime(2025, 7, 1, 12, tzinfo=datetime.UTC)


def obstacle(department=None, *, kern=None, reported, answered_after=None, **fields):
    """An obstacle reported at ``reported`` (a date in 2025), answered ``answered_after``
    days later (None: still waiting)."""
    made = ObstacleFactory(
        initiative=InitiativeFactory(kern=kern),
        department=department,
        happened_on=reported,
        **fields,
    )
    created = datetime.datetime.combine(reported, datetime.time(9), tzinfo=datetime.UTC)
    Obstacle.objects.filter(pk=made.pk).update(
        created_at=created,
        answered_at=(
            None if answered_after is None else created + datetime.timedelta(days=answered_after)
        ),
    )
    return made


@pytest.fixture
def data():
    """Aldeburen: six for Sociaal Domein (one shared, one still waiting), three for
    Wegen; Boelens: two for Sociaal Domein; one before the period."""
    aldeburen, boelens = KernFactory(name="Aldeburen"), KernFactory(name="Boelens")
    sociaal = DepartmentFactory(name="Sociaal Domein")
    wegen = DepartmentFactory(name="Wegen")
    march = datetime.date(2025, 3, 1)
    for days in (3, 5, 7, 40):
        obstacle(sociaal, kern=aldeburen, reported=march, answered_after=days)
    obstacle(
        sociaal, kern=aldeburen, reported=march, answered_after=9, visibility=Visibility.SHARED
    )
    obstacle(sociaal, kern=aldeburen, reported=datetime.date(2025, 6, 20))  # waits 11 days
    for _ in range(3):
        obstacle(wegen, kern=aldeburen, reported=march, answered_after=60)
    for _ in range(2):
        obstacle(sociaal, kern=boelens, reported=march)  # still waiting, long
    obstacle(sociaal, kern=aldeburen, reported=datetime.date(2024, 12, 1), answered_after=200)
    return {"aldeburen": aldeburen, "boelens": boelens}


def rows_of(waiting):
    return [
        (row.name, row.shown_total, row.median_days, row.shown_long, row.shown_waiting)
        for row in waiting.rows
    ]


def test_every_obstacle_of_the_period_counts_shared_ones_included(data):
    waiting = obstacles_waiting(Scope(kern=None, first=FIRST, last=LAST), NOW)

    assert rows_of(waiting) == [
        ("", "11", 24, "6", "<5"),  # 3 5 7 9 | 40 60 60 60
        ("Sociaal Domein", "8", 7, "<5", "<5"),
        ("Wegen", "<5", None, "<5", "0"),
    ]


def test_the_kern_filter_narrows_the_waits(data):
    aldeburen = obstacles_waiting(Scope(kern=data["aldeburen"], first=FIRST, last=LAST), NOW)
    boelens = obstacles_waiting(Scope(kern=data["boelens"], first=FIRST, last=LAST), NOW)

    assert aldeburen.overall.total == 9
    assert aldeburen.departments[0].median_days == 7
    assert rows_of(boelens) == [
        ("", "<5", None, "<5", "<5"),
        ("Sociaal Domein", "<5", None, "<5", "<5"),
    ]


def test_the_period_filter_narrows_the_waits(data):
    june = obstacles_waiting(Scope(kern=None, first=datetime.date(2025, 6, 1), last=LAST), NOW)
    december = obstacles_waiting(
        Scope(kern=None, first=datetime.date(2024, 12, 1), last=datetime.date(2024, 12, 1)), NOW
    )

    assert (june.overall.total, june.overall.waiting) == (1, 1)
    assert (december.overall.total, december.overall.long) == (1, 1)


def test_the_order_is_by_name_whatever_the_figures(data):
    before = [row.name for row in obstacles_waiting(Scope(None, FIRST, LAST), NOW).departments]
    Obstacle.objects.filter(department__name="Wegen").update(answered_at=None)
    after = [row.name for row in obstacles_waiting(Scope(None, FIRST, LAST), NOW).departments]

    assert before == after == ["Sociaal Domein", "Wegen"]


def cells(page: str) -> dict[str, list[str]]:
    table = re.search(r'<table[^>]*id="wachten-tabel".*?</table>', page, re.S)
    assert table, "no table of waits"
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table.group(0), re.S):
        heading = re.search(r'<th scope="row">(.*?)</th>', row, re.S)
        if heading:
            rows[" ".join(html.unescape(re.sub(r"<[^>]+>", " ", heading.group(1))).split())] = [
                " ".join(html.unescape(re.sub(r"<[^>]+>", " ", cell)).split())
                for cell in re.findall(r"<td>(.*?)</td>", row, re.S)
            ]
    return rows


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


def test_the_page_shows_the_table_with_fewer_than_five_held_back(client_as, data, frozen):
    cache.clear()
    client = client_as("council")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = client.get(INSIGHT, PERIOD).content.decode()

    assert "Waiting for a first answer" in page
    assert 'aria-describedby="wachten-samenvatting"' in page
    assert cells(page) == {
        "All obstacles": ["11", "24 days", "6", "<5"],
        "Sociaal Domein": ["8", "7 days", "<5", "<5"],
        "Wegen": ["<5", "\N{EN DASH} no median", "<5", "0"],
    }


def test_the_page_with_a_kern_shows_its_waits(client_as, data, frozen):
    cache.clear()
    client = client_as("council")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = client.get(INSIGHT, {**PERIOD, "kern": data["boelens"].slug}).content.decode()

    assert cells(page) == {
        "All obstacles": ["<5", "\N{EN DASH} no median", "<5", "<5"],
        "Sociaal Domein": ["<5", "\N{EN DASH} no median", "<5", "<5"],
    }


def test_the_page_speaks_dutch(client_as, data, frozen):
    cache.clear()
    page = client_as("council").get(INSIGHT, PERIOD).content.decode()

    assert "Wacht op een eerste antwoord" in page
    assert "Mediaan tot een eerste antwoord" in page
    assert "7 dagen" in page


def test_the_waits_take_a_constant_number_of_queries(client_as, data):
    client = client_as("council")
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        obstacles_waiting(Scope(None, FIRST, LAST), NOW)
    with CaptureQueriesContext(connection) as page_few:
        assert client.get(INSIGHT, PERIOD).status_code == 200
    for index in range(5):
        department = DepartmentFactory(name=f"Afdeling {index}")
        for days in range(6):
            obstacle(department, reported=datetime.date(2025, 4, 1), answered_after=days)
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        obstacles_waiting(Scope(None, FIRST, LAST), NOW)
    with CaptureQueriesContext(connection) as page_many:
        assert client.get(INSIGHT, PERIOD).status_code == 200
    assert len(few) == len(many) == 1
    assert len(page_few) == len(page_many)
