"""The spread: how conversations spread over departments and kernen per month. Counts only:
never a name, never a text, never a ranking. Conversations are not public, so one to four
is shown as "<5" (initiatives/figures.py), to staff and the council alike."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conversations import services
from conversations.spread import conversation_spread
from kompas.choices import Visibility
from kompas.lists import month_starts, shift_months
from tests.factories import DepartmentFactory, InitiativeFactory, KernFactory, UserFactory

pytestmark = pytest.mark.django_db

SPREAD = reverse("conversation_spread")
MARCH = datetime.date(2025, 3, 1)


def page(response) -> str:
    return response.content.decode()


def talk(author, when, learned="Ze koken elke week met twintig buren.", **fields):
    if "initiatives" not in fields:
        fields.setdefault("kern", KernFactory(name="Aldeburen"))
    return services.log_conversation(
        author, services.ConversationData(learned=learned, date=when, **fields)
    )


def colleague(name, department, partner=False):
    return UserFactory(
        staff=True, name=name, department=DepartmentFactory(name=department, is_partner=partner)
    )


def table(html: str, name: str) -> str:
    return html.split(f'id="{name}-tabel"')[1].split("</table>")[0]


def line(table_html: str, name: str) -> list[str]:
    """The numbers in the line of ``name``."""
    row = table_html.split(name, 1)[1].split("</tr>")[0]
    return [cell.rsplit(">", 1)[1].strip() for cell in row.split("</td>")[:-1]]


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("resident", 403), ("council", 200), ("staff", 200)],
)
def test_the_spread_is_for_staff_and_the_council(client_as, role, status):
    assert client_as(role).get(SPREAD).status_code == status


@pytest.fixture
def conversations():
    welzijn = colleague("Fenna de Vries", "Welzijn Markeveld", partner=True)
    sociaal = colleague("Jeroen Mulder", "Sociaal team")
    talk(sociaal, MARCH, "Geheime notitie over de penningmeester.", visibility="internal")
    talk(sociaal, MARCH + datetime.timedelta(days=3))
    talk(welzijn, MARCH + datetime.timedelta(days=40))  # April
    talk(welzijn, MARCH, kern=KernFactory(name="Zandpol"))
    # Outside the period.
    talk(sociaal, datetime.date(2024, 1, 5))
    return sociaal, welzijn


def test_council_members_see_counts_of_every_conversation_and_nothing_else(
    client_as, conversations
):
    html = page(client_as("council").get(SPREAD, {"van": "2025-03", "tot": "2025-04"}))

    departments = table(html, "afdelingen")
    assert line(departments, "Sociaal team") == ["&lt;5", "0", "&lt;5"]  # internal one counted
    assert line(departments, "Welzijn Markeveld") == ["&lt;5", "&lt;5", "&lt;5"]
    kernen = table(html, "kernen")
    assert line(kernen, "Aldeburen") == ["&lt;5", "&lt;5", "&lt;5"]
    assert line(kernen, "Zandpol") == ["&lt;5", "0", "&lt;5"]
    assert "Fewer than five conversations from" in html or "Minder dan vijf gesprekken" in html
    for private in ("Jeroen Mulder", "Fenna de Vries", "penningmeester", "twintig buren"):
        assert private not in html
    assert "/gesprekken/" not in html.split('id="inhoud"')[1].replace(SPREAD, "")


def test_partner_organisations_are_marked(client_as, conversations):
    html = page(client_as("staff").get(SPREAD, {"van": "2025-03", "tot": "2025-04"}))

    row = table(html, "afdelingen").split("Welzijn Markeveld")[1].split("</th>")[0]
    assert "partnerorganisatie" in row or "partner organisation" in row


def test_lines_are_in_the_order_of_their_names_never_of_their_counts(client_as):
    many = colleague("A", "Zorg en welzijn")
    few = colleague("B", "Afval")
    for day in range(5):
        talk(many, MARCH + datetime.timedelta(days=day))
    talk(few, MARCH)

    html = page(client_as("staff").get(SPREAD, {"van": "2025-03", "tot": "2025-03"}))

    departments = table(html, "afdelingen")
    assert departments.index("Afval") < departments.index("Zorg en welzijn")


def test_a_conversation_without_a_place_counts_in_the_kernen_of_its_initiatives(client_as):
    author = colleague("A", "Sociaal team")
    north, south = KernFactory(name="Noord"), KernFactory(name="Zuid")
    talk(author, MARCH, initiatives=[InitiativeFactory(kern=north), InitiativeFactory(kern=south)])
    talk(author, MARCH, initiatives=[InitiativeFactory(kern=None)])

    spread = conversation_spread(MARCH, MARCH)

    counts = {row.name: row.counts for row in spread.kernen}
    assert counts["Noord"] == [1]
    assert counts["Zuid"] == [1]
    assert spread.kernen[-1].unknown and spread.kernen[-1].counts == [1]
    assert spread.totals == [2]


def test_conversations_without_a_department_are_counted_apart(client_as):
    talk(UserFactory(staff=True, department=None), MARCH)

    spread = conversation_spread(MARCH, MARCH)

    assert spread.departments[-1].unknown
    assert spread.departments[-1].counts == [1]


def test_the_last_twelve_months_by_default(client_as):
    html = page(client_as("council").get(SPREAD))

    header = table(html, "afdelingen").split("</thead>")[0]
    assert header.count("<time") == 12


def test_twelve_months_from_a_start_or_up_to_an_end(client_as):
    client = client_as("staff")

    from_march = client.get(SPREAD, {"van": "2025-03"})
    until_march = client.get(SPREAD, {"tot": "03-2025"})

    assert (from_march.context["first"], from_march.context["last"]) == (
        MARCH,
        datetime.date(2026, 2, 1),
    )
    assert (until_march.context["first"], until_march.context["last"]) == (
        datetime.date(2024, 4, 1),
        MARCH,
    )


@pytest.mark.parametrize(
    ("params", "typed"),
    [
        ({"van": "maart"}, "maart"),
        ({"van": "2025-13"}, "2025-13"),
        ({"van": "2025-05", "tot": "2025-03"}, "2025-05"),
        ({"van": "2020-01", "tot": "2025-01"}, "2020-01"),
        ({"van": "<script>alert(1)</script>"}, "&lt;script&gt;"),
    ],
)
def test_a_period_that_cannot_be_shown_gets_a_message(client_as, params, typed):
    response = client_as("council").get(SPREAD, params)

    html = page(response)
    assert response.status_code == 200
    assert "kompas-error-summary" in html
    assert typed in html
    assert "<script>alert" not in html
    assert len(response.context["spread"].months) == 12


@pytest.mark.parametrize("role", ["council", "staff"])
def test_the_spread_keeps_a_constant_number_of_queries(
    client_as, role, django_assert_max_num_queries
):
    client = client_as(role)

    def add(count):
        for number in range(count):
            author = colleague(f"Persoon {number}", f"Afdeling {count} {number}")
            talk(
                author,
                MARCH,
                kern=None,
                initiatives=[InitiativeFactory(kern=KernFactory(name=f"Kern {count} {number}"))],
            )

    add(2)
    with CaptureQueriesContext(connection) as few:
        client.get(SPREAD, {"van": "2025-01", "tot": "2025-12"})
    add(20)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(SPREAD, {"van": "2025-01", "tot": "2025-12"})

    assert response.context["spread"].total == 22


def test_months_are_counted_across_the_turn_of_the_year():
    assert shift_months(datetime.date(2025, 1, 1), -1) == datetime.date(2024, 12, 1)
    assert shift_months(datetime.date(2025, 11, 1), 3) == datetime.date(2026, 2, 1)
    assert month_starts(datetime.date(2024, 11, 20), datetime.date(2025, 2, 3)) == [
        datetime.date(2024, 11, 1),
        datetime.date(2024, 12, 1),
        datetime.date(2025, 1, 1),
        datetime.date(2025, 2, 1),
    ]


def test_the_internal_visibility_is_counted_but_never_named(client_as):
    talk(colleague("A", "Sociaal team"), MARCH, visibility=Visibility.INTERNAL)

    html = page(client_as("council").get(SPREAD, {"van": "2025-03", "tot": "2025-03"}))

    assert line(table(html, "afdelingen"), "Sociaal team") == ["&lt;5", "&lt;5"]
    assert "kompas-badge--internal" not in html
