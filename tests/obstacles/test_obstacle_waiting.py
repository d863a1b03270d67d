"""How long obstacles wait for a first answer from the municipality, on /drempels/: the
median from the report (created_at) to the first answer (answered_at), how many waited
more than 30 days (the answered ones and those still waiting), and how many still wait;
overall and per department, in a fixed order. The page counts the public reports of the
period, exactly, like its patterns. The clock is passed in (``now``), never waited for.
The same table on /inzicht/: tests/insight/test_insight_waiting.py."""

import datetime
import html
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kompas.access.figures import Counting
from kompas.choices import Visibility
from obstacles import selectors
from obstacles.models import Obstacle
from tests.factories import DepartmentFactory, InitiativeFactory, ObstacleFactory

pytestmark = pytest.mark.django_db

LIST = reverse("obstacle_list")
NOW = datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC)
PERIOD = {"van": "2025-01", "tot": "2025-06"}


def days_ago(days: float) -> datetime.datetime:
    return NOW - datetime.timedelta(days=days)


def obstacle(department=None, *, reported: float, answered: float | None, **fields):
    """An obstacle reported ``reported`` days before NOW and answered ``answered`` days
    after its report (None: still waiting)."""
    made = ObstacleFactory(
        initiative=InitiativeFactory(),
        department=department,
        happened_on=datetime.date(2025, 2, 1),
        **fields,
    )
    created = days_ago(reported)
    Obstacle.objects.filter(pk=made.pk).update(
        created_at=created,
        answered_at=None if answered is None else created + datetime.timedelta(days=answered),
    )
    return made


def rows_of(waiting) -> list[tuple]:
    return [
        (row.name, row.shown_total, row.median_days, row.shown_long, row.shown_waiting)
        for row in waiting.rows
    ]


def every_obstacle(counting=Counting.PROTECTED):
    return selectors.waiting_for_answer(Obstacle.objects.all(), counting, NOW)


def test_the_median_is_of_the_answered_ones():
    sociaal = DepartmentFactory(name="Sociaal team")
    for answered in (2, 4, 10, 12, 40):
        obstacle(sociaal, reported=100, answered=answered)
    obstacle(sociaal, reported=3, answered=None)  # still waiting: no answer to measure

    row = every_obstacle().departments[0]

    assert row.total == 6
    assert row.median_days == 10
    assert every_obstacle().overall.median_days == 10


def test_the_median_of_an_even_number_is_between_the_middle_two():
    sociaal = DepartmentFactory(name="Sociaal team")
    for answered in (1, 3, 5, 7, 9, 11):
        obstacle(sociaal, reported=100, answered=answered)

    assert every_obstacle().overall.median_days == 6


def test_more_than_30_days_counts_the_answered_and_the_still_waiting_ones():
    sociaal = DepartmentFactory(name="Sociaal team")
    obstacle(sociaal, reported=100, answered=31)  # answered late
    obstacle(sociaal, reported=100, answered=30)  # just in time
    obstacle(sociaal, reported=100, answered=1)
    obstacle(sociaal, reported=45, answered=None)  # still waiting, long
    obstacle(sociaal, reported=31, answered=None)  # still waiting, long
    obstacle(sociaal, reported=29, answered=None)  # still waiting, not yet long

    row = every_obstacle(Counting.PUBLIC).departments[0]

    assert (row.total, row.long, row.waiting) == (6, 3, 3)


def test_a_department_with_fewer_than_five_shows_fewer_than_five_and_no_median():
    sociaal = DepartmentFactory(name="Sociaal team")
    wegen = DepartmentFactory(name="Wegen")
    for _ in range(5):
        obstacle(sociaal, reported=100, answered=8)
    for _ in range(3):
        obstacle(wegen, reported=100, answered=40)
    obstacle(wegen, reported=50, answered=None)

    assert rows_of(every_obstacle()) == [
        ("", "9", 8, "<5", "<5"),
        ("Sociaal team", "5", 8, "0", "0"),
        ("Wegen", "<5", None, "<5", "<5"),
    ]


def test_no_median_when_the_answered_ones_are_fewer_than_five():
    sociaal = DepartmentFactory(name="Sociaal team")
    obstacle(sociaal, reported=100, answered=8)
    for _ in range(5):
        obstacle(sociaal, reported=10, answered=None)

    row = every_obstacle().departments[0]

    assert (row.shown_total, row.median_days) == ("6", None)


def test_rows_keep_the_order_of_the_names_whatever_the_figures():
    """Alphabetical, then another organisation, then no department named: the same order
    when the figures turn around. No ranking."""
    names = ["Wegen", "afval", "Sociaal team"]
    departments = {name: DepartmentFactory(name=name) for name in names}
    for index, name in enumerate(names):
        for _ in range(5 + index):
            obstacle(departments[name], reported=200, answered=1 + 20 * index)
    obstacle(None, reported=10, answered=None, organisation="Woningcorporatie")
    obstacle(None, reported=10, answered=None)

    first = every_obstacle().rows
    Obstacle.objects.filter(department=departments["afval"]).update(answered_at=days_ago(1))
    then = every_obstacle().rows

    for rows in (first, then):
        assert [row.name for row in rows[1:4]] == ["afval", "Sociaal team", "Wegen"]
        assert rows[0].everything and rows[4].other and rows[5].unknown
    assert first[1].median_days != then[1].median_days


def page_text(response) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def table(response) -> dict[str, list[str]]:
    match = re.search(r'<table[^>]*id="wachten-tabel".*?</table>', response.content.decode(), re.S)
    assert match, "no table of waits"
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", match.group(0), re.S):
        heading = re.search(r'<th scope="row">(.*?)</th>', row, re.S)
        if heading:
            cells = re.findall(r"<td>(.*?)</td>", row, re.S)
            rows[" ".join(html.unescape(re.sub(r"<[^>]+>", " ", heading.group(1))).split())] = [
                " ".join(html.unescape(re.sub(r"<[^>]+>", " ", cell)).split()) for cell in cells
            ]
    return rows


@pytest.fixture
def frozen(monkeypatch):
    """The page's clock at NOW."""
    monkeypatch.setattr(timezone, "now", lambda: NOW)


def test_the_page_shows_the_public_reports_of_the_period_exactly(client_as, frozen):
    sociaal = DepartmentFactory(name="Sociaal team")
    for answered in (2, 4, 10):
        obstacle(sociaal, reported=100, answered=answered)
    obstacle(sociaal, reported=40, answered=None)
    obstacle(sociaal, reported=40, answered=None, visibility=Visibility.SHARED)  # not here
    obstacle(None, reported=5, answered=None)
    ObstacleFactory(happened_on=datetime.date(2024, 1, 1))  # before the period

    for role in ("anonymous", "staff"):
        client = client_as(role)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = client.get(LIST, PERIOD)

        assert response.status_code == 200
        assert table(response) == {
            "All obstacles": ["5", "4 days", "1", "2"],
            "Sociaal team": ["4", "4 days", "1", "1"],
            "No department named": ["1", "\N{EN DASH} no median", "0", "1"],
        }
        text = page_text(response)
        assert "Waiting for a first answer" in text
        assert "How long obstacles wait for a first answer, by department" in text
        assert (
            "All obstacles: 5. Still waiting for a first answer: 2. Waited more than 30 days,"
            " answered or not: 1. Half of the answered ones had a first answer within 4 days."
        ) in text


def test_the_page_speaks_dutch(client, frozen):
    obstacle(DepartmentFactory(name="Sociaal team"), reported=10, answered=None)

    text = page_text(client.get(LIST, PERIOD))

    assert "Wacht op een eerste antwoord" in text
    assert "Wacht nu nog op een eerste antwoord" in text
    assert "problemen" not in text.lower()


def test_the_waits_take_one_query_whatever_the_number_of_departments():
    obstacle(DepartmentFactory(name="Sociaal team"), reported=10, answered=2)
    with CaptureQueriesContext(connection) as few:
        selectors.obstacles_waiting(datetime.date(2025, 1, 1), datetime.date(2025, 6, 1), NOW)
    for index in range(6):
        department = DepartmentFactory(name=f"Afdeling {index}")
        for _ in range(3):
            obstacle(department, reported=50, answered=index or None)
    with CaptureQueriesContext(connection) as many:
        waiting = selectors.obstacles_waiting(
            datetime.date(2025, 1, 1), datetime.date(2025, 6, 1), NOW
        )
    assert len(many) == len(few) == 1
    assert waiting.overall.total == 19


def test_the_page_takes_a_constant_number_of_queries(client):
    obstacle(DepartmentFactory(name="Sociaal team"), reported=10, answered=2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(LIST, PERIOD).status_code == 200
    for index in range(4):
        department = DepartmentFactory(name=f"Afdeling {index}")
        for _ in range(3):
            obstacle(department, reported=50, answered=None)
    with CaptureQueriesContext(connection) as many:
        assert client.get(LIST, PERIOD).status_code == 200
    assert len(many) == len(few)


def test_a_median_under_half_a_day_says_so(client, frozen):
    sociaal = DepartmentFactory(name="Sociaal team")
    for _ in range(5):
        obstacle(sociaal, reported=20, answered=0.25)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get(LIST, PERIOD)

    assert table(response)["Sociaal team"] == ["5", "less than half a day", "0", "0"]
    assert "had a first answer within half a day." in page_text(response)
