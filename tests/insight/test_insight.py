"""Insight for the council: the figures of a small known data set, figure by figure, for
the whole municipality and one kern; the "<5" rule on the page and in every CSV; who may
open it; nothing that names anyone; a constant number of queries. The rule itself, on
every page with figures: test_figures.py."""

import csv
import datetime
import io
import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from connections.models import Connection
from conversations import services
from initiatives.models import Initiative, InitiativeKind, Ownership
from insight import selectors
from insight.figures.conversations import conversations_by_kern
from insight.figures.figure import Figure, Scope
from kompas.access.figures import Counting
from kompas.choices import (
    ConnectionAnswer,
    ConnectionStatus,
    GiftConsent,
    InitiativeStatus,
    Visibility,
)
from stories.models import Story
from tests.factories import (
    CrownJewelFactory,
    DepartmentFactory,
    InitiativeFactory,
    KernFactory,
    ObstacleFactory,
    StaffNoteFactory,
    StoryFactory,
    UserFactory,
    jewel_category,
    obstacle_category,
)

pytestmark = pytest.mark.django_db

INSIGHT = reverse("insight")
FIRST, LAST = datetime.date(2025, 1, 1), datetime.date(2025, 6, 1)
PERIOD = {"van": "2025-01", "tot": "2025-06"}

CANARIES = (
    "KANARIE-tip-naam",
    "KANARIE-gesprek",
    "KANARIE-drempel",
    "KANARIE-organisatie",
    "KANARIE-verhaal",
    "KANARIE-verbinding",
    "KANARIE-notitie",
)


def at(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 12, 0))


def dated(obj, **fields):
    type(obj).objects.filter(pk=obj.pk).update(**fields)


def connect(first, second, status, when, note="", answers=ConnectionAnswer.YES, **reasons):
    made = Connection.objects.create(
        first=first,
        second=second,
        status=status,
        first_answer=answers,
        second_answer=answers,
        note=note,
        **reasons,
    )
    dated(made, created_at=when)
    return made


@pytest.fixture
def data():
    """The known data set. Period January to June 2025."""
    aldeburen = KernFactory(name="Aldeburen")
    boelens = KernFactory(name="Boelens")
    dorpshuis = InitiativeKind.objects.create(name="Soepcollectief", suggested=True)
    broodfonds = InitiativeKind.objects.create(name="Kanoclub")

    a = []
    for _ in range(6):
        initiative = InitiativeFactory(kern=aldeburen, ownership=Ownership.COMMUNITY)
        initiative.kinds.add(dorpshuis)
        dated(initiative, created_at=at(2025, 2, 10))
        a.append(initiative)
    tip = InitiativeFactory(name="KANARIE-tip-naam", kern=aldeburen, status=InitiativeStatus.TIP)
    tip.kinds.add(broodfonds)
    known = InitiativeFactory(kern=aldeburen, status=InitiativeStatus.KNOWN)
    for initiative in (tip, known):
        dated(initiative, created_at=at(2025, 3, 5))
    b = []
    for _ in range(2):
        initiative = InitiativeFactory(kern=boelens, ownership=Ownership.MUNICIPALITY)
        initiative.kinds.add(broodfonds)
        dated(initiative, created_at=at(2024, 12, 1))
        b.append(initiative)
    ended = InitiativeFactory(kern=boelens, status=InitiativeStatus.ENDED)
    dated(ended, created_at=at(2024, 6, 1), updated_at=at(2025, 4, 15))
    StaffNoteFactory(initiative=tip, text="KANARIE-notitie")

    made, running, stopped = (
        ConnectionStatus.MADE,
        ConnectionStatus.RUNNING,
        ConnectionStatus.STOPPED,
    )
    connect(a[0], a[1], made, at(2025, 2, 20), note="KANARIE-verbinding", learn=True, meet=True)
    connect(a[2], b[0], running, at(2025, 5, 2), offer=True)
    connect(a[3], b[1], ConnectionStatus.PROPOSED, at(2025, 5, 3), answers=ConnectionAnswer.PENDING)
    connect(b[0], b[1], stopped, at(2024, 11, 1), learn=True)

    sociaal = DepartmentFactory(name="Sociaal Domein")
    welzijn = DepartmentFactory(name="Welzijn")
    ObstacleFactory(
        initiative=a[0],
        department=sociaal,
        happened_on=datetime.date(2025, 3, 10),
        what_happened="KANARIE-drempel",
        visibility=Visibility.SHARED,
    )
    ObstacleFactory(
        initiative=a[1],
        category=obstacle_category("anders"),
        organisation="KANARIE-organisatie",
        happened_on=datetime.date(2025, 3, 11),
    )
    ObstacleFactory(initiative=b[0], happened_on=datetime.date(2025, 7, 1))

    one = UserFactory(staff=True, department=sociaal)
    other = UserFactory(staff=True, department=welzijn)
    for author, when, fields in (
        (one, datetime.date(2025, 1, 15), {"kern": aldeburen}),
        (other, datetime.date(2025, 1, 20), {"initiatives": [b[0]]}),
        (other, datetime.date(2025, 6, 30), {"kern": boelens}),
        (one, datetime.date(2024, 12, 31), {"kern": aldeburen}),
    ):
        services.log_conversation(
            author, services.ConversationData(learned="KANARIE-gesprek", date=when, **fields)
        )

    dated(StoryFactory(initiative=a[0]), created_at=at(2025, 4, 1))
    dated(
        StoryFactory(
            initiative=a[0],
            title="KANARIE-verhaal",
            text="KANARIE-verhaal",
            visibility=Visibility.SHARED,
        ),
        created_at=at(2025, 4, 2),
    )
    dated(StoryFactory(initiative=b[0]), created_at=at(2025, 8, 1))

    dated(CrownJewelFactory(kern=aldeburen), created_at=at(2025, 5, 5))
    dated(CrownJewelFactory(kern=boelens), created_at=at(2025, 5, 6))
    gift = CrownJewelFactory(
        kern=aldeburen,
        category=jewel_category("gave-van-mensen"),
        consent=GiftConsent.ASKED,
        person_email="annie@example.org",
    )
    dated(gift, created_at=at(2025, 6, 1))
    return {"aldeburen": aldeburen, "boelens": boelens}


def rows(slug, kern=None) -> dict:
    figure = selectors.figure(slug, Scope(kern=kern, first=FIRST, last=LAST))
    assert figure, f"no figure {slug}"
    return dict(figure.rows)


def months(**counts) -> list[int]:
    """Six months, January to June, zero unless given (jan=1, feb=…)."""
    names = ["jan", "feb", "mar", "apr", "may", "jun"]
    return [counts.get(name, 0) for name in names]


# --- The figures, one by one ------------------------------------------------------------


def test_initiatives_by_kind(data, in_english):
    whole = rows("soorten")
    assert whole["Kanoclub"] == [3]
    assert whole["Soepcollectief"] == [6]
    assert list(whole)[-1] == "No kind given"
    assert whole["No kind given"] == [2]
    names = list(whole)[:-1]
    assert names == sorted(names, key=str.lower)  # by name, never by count
    aldeburen = rows("soorten", data["aldeburen"])
    assert (aldeburen["Kanoclub"], aldeburen["Soepcollectief"]) == ([1], [6])
    assert aldeburen["No kind given"] == [1]
    # A kind nobody here has and nobody suggested is left out; a suggested one stays at 0.
    boelens = rows("soorten", data["boelens"])
    assert (boelens["Kanoclub"], boelens["Soepcollectief"]) == ([2], [0])
    extra = InitiativeKind.objects.create(name="Nergens")
    assert "Nergens" not in rows("soorten")
    assert extra.pk


def test_initiatives_by_ownership_in_the_order_of_the_four_types(data, in_english):
    expected = [str(label) for _, label in Ownership.choices] + ["Not given"]
    assert list(rows("eigenaarschap")) == expected
    assert [counts[0] for counts in rows("eigenaarschap").values()] == [6, 0, 0, 2, 3]
    assert [counts[0] for counts in rows("eigenaarschap", data["aldeburen"]).values()] == [
        6,
        0,
        0,
        0,
        2,
    ]


def test_initiatives_by_status_count_tips_and_known_ones(data, in_english):
    assert [counts[0] for counts in rows("status").values()] == [1, 1, 8, 1]
    assert [counts[0] for counts in rows("status", data["boelens"]).values()] == [0, 0, 2, 1]


def test_new_and_ended_initiatives_per_month(data, in_english):
    assert rows("nieuw-en-gestopt") == {"New": months(feb=6, mar=2), "Ended": months(apr=1)}
    assert rows("nieuw-en-gestopt", data["aldeburen"]) == {
        "New": months(feb=6, mar=2),
        "Ended": months(),
    }
    assert rows("nieuw-en-gestopt", data["boelens"]) == {"New": months(), "Ended": months(apr=1)}


def test_connections_made_per_month_and_why(data, in_english):
    # A proposal without answers and a connection from before the period do not count.
    assert rows("verbindingen") == {"Connections made": months(feb=1, may=1)}
    assert rows("verbindingen", data["boelens"]) == {"Connections made": months(may=1)}
    why = {label: counts[0] for label, counts in rows("verbindingen-waarom").items()}
    assert list(why.values()) == [1, 1, 0, 1]  # learn, offer, together, meet
    why_boelens = [counts[0] for counts in rows("verbindingen-waarom", data["boelens"]).values()]
    assert why_boelens == [0, 1, 0, 0]


def test_obstacles_by_category_and_department(data, in_english):
    by_category = rows("drempels-soort")
    assert by_category["Past niet in de subsidiecriteria"] == [1]
    assert by_category["Anders"] == [1]
    assert sum(counts[0] for counts in by_category.values()) == 2  # July is outside
    assert list(by_category)[-1] == "Anders"  # the vocabulary's order, not the counts'
    by_department = rows("drempels-afdeling")
    assert by_department["Sociaal Domein"] == [1]
    assert by_department["Welzijn"] == [0]
    assert by_department["Another organisation"] == [1]
    assert by_department["No department given"] == [0]
    assert sum(c[0] for c in rows("drempels-soort", data["boelens"]).values()) == 0


def test_conversations_by_department_and_kern_per_month(data, in_english):
    by_department = rows("gesprekken-afdeling")
    assert by_department["Sociaal Domein"] == months(jan=1)
    assert by_department["Welzijn"] == months(jan=1, jun=1)
    assert by_department["No department recorded"] == months()
    assert rows("gesprekken-kern") == {
        "Aldeburen": months(jan=1),
        "Boelens": months(jan=1, jun=1),
    }
    # One kern: the conversations held there, or else about its initiatives.
    assert rows("gesprekken-kern", data["boelens"]) == {"Boelens": months(jan=1, jun=1)}
    boelens = rows("gesprekken-afdeling", data["boelens"])
    assert boelens["Welzijn"] == months(jan=1, jun=1)
    assert boelens["Sociaal Domein"] == months()


def test_stories_and_jewels_per_month(data, in_english):
    assert rows("verhalen") == {"Stories": months(apr=2)}
    assert rows("verhalen", data["boelens"]) == {"Stories": months()}
    assert rows("kroonjuwelen") == {"Crown jewels": months(may=2, jun=1)}
    assert rows("kroonjuwelen", data["aldeburen"]) == {"Crown jewels": months(may=1, jun=1)}


def test_the_period_bounds_count_the_first_and_last_day(data, in_english):
    """31 December 2024 and 1 July 2025 lie outside; 30 June lies inside."""
    scope = Scope(kern=None, first=datetime.date(2025, 6, 1), last=LAST)
    figure = conversations_by_kern(scope)
    assert dict(figure.rows) == {"Aldeburen": [0], "Boelens": [1]}
    december = Scope(kern=None, first=datetime.date(2024, 12, 1), last=FIRST)
    assert dict(conversations_by_kern(december).rows)["Aldeburen"] == [1, 1]


def test_public_figures_of_a_kern_are_exact(data, in_english):
    public = selectors.public_figures(data["aldeburen"])
    assert public.counting == Counting.PUBLIC
    assert public.initiatives == "6"
    assert public.kinds == [("Soepcollectief", "6")]  # never the tip's kind
    assert public.ownership[0][1] == "6"
    assert [value for _, value in public.ownership[1:]] == ["0", "0", "0", "0"]
    assert public.stories == "1"  # the public story only
    assert public.jewels == "1"  # the gift waiting for consent is not shown
    boelens = selectors.public_figures(data["boelens"])
    assert boelens.initiatives == "2"  # the public ones, not the one that ended unseen
    assert boelens.kinds == [("Kanoclub", "2")]


# --- Small groups -----------------------------------------------------------------------


def test_every_insight_figure_counts_what_is_not_public(data):
    scope = Scope(kern=None, first=FIRST, last=LAST)
    assert {figure.counting for figure in selectors.figures(scope).figures} == {Counting.PROTECTED}


def test_the_chart_draws_every_small_group_alike():
    figure = Figure(
        slug="x",
        title="x",
        columns=["n"],
        rows=[("a", [1]), ("b", [4]), ("c", [10])],
        chart="bars",
        counting=Counting.PROTECTED,
    )
    widths = [float(bar["width"]) for bar in figure.bars]
    assert widths[0] == widths[1] < widths[2]
    assert [bar["value"] for bar in figure.bars] == ["<5", "<5", "10"]


def table_cells(html: str, slug: str) -> dict:
    body = html.split(f'id="{slug}-tabel"')[1].split("</table>")[0]
    result = {}
    for line in body.split("<tr>")[2:]:
        label = line.split('<th scope="row">')[1].split("</th>")[0].strip()
        result[label] = [cell.split("</td>")[0].strip() for cell in line.split("<td>")[1:]]
    return result


def test_the_page_shows_small_groups_as_fewer_than_five(client_as, data, in_english):
    html = client_as("council").get(INSIGHT, PERIOD).content.decode()
    kinds = table_cells(html, "soorten")
    assert kinds["Kanoclub"] == ["&lt;5"]
    assert kinds["Soepcollectief"] == ["6"]
    assert kinds["No kind given"] == ["&lt;5"]
    assert table_cells(html, "status") == {
        "tip: nobody has met them yet": ["&lt;5"],
        "in contact, not on the public map": ["&lt;5"],
        "on the public map": ["8"],
        "ended": ["&lt;5"],
    }
    assert 'role="img"' in html
    assert "style=" not in html.split("<main")[1]


def test_lengths_in_the_charts_are_never_localised(client_as, data):
    """In Dutch 31.3 is written "31,3", which is no SVG length."""
    html = client_as("council").get(INSIGHT, PERIOD).content.decode()
    assert 'lang="nl"' in html
    lengths = re.findall(r' (?:width|height|x|y)="([^"]*)"', html.split("<main")[1])
    assert lengths
    assert all(re.fullmatch(r"-?[0-9]+(\.[0-9])?", length) for length in lengths), lengths


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_a_csv_holds_the_shown_numbers_with_a_header(client_as, data, in_english):
    client = client_as("council")
    response = client.get(reverse("insight_csv", kwargs={"figure": "soorten"}), PERIOD)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == (
        'attachment; filename="kompas-soorten-gemeente-2025-01-tot-2025-06.csv"'
    )
    header, *lines = read_csv(response)
    assert header == ["Kind", "Initiatives"]
    assert ["Kanoclub", "<5"] in lines
    assert ["Soepcollectief", "6"] in lines
    assert lines[-1] == ["No kind given", "<5"]
    per_month = client.get(
        reverse("insight_csv", kwargs={"figure": "gesprekken-kern"}),
        {"kern": "boelens", **PERIOD},
    )
    assert "kompas-gesprekken-kern-boelens-" in per_month["Content-Disposition"]
    header, *lines = read_csv(per_month)
    assert header[0] == "Village or district"
    assert len(header) == 7
    assert lines == [["Boelens", "<5", "0", "0", "0", "0", "<5"]]


def test_an_unknown_figure_is_not_found(client_as):
    assert client_as("council").get("/inzicht/ranglijst.csv").status_code == 404


def test_filters_not_understood_show_the_whole_municipality_for_twelve_months(
    client_as, data, in_english
):
    response = client_as("staff").get(INSIGHT, {"kern": "nergens", "van": "2025-13", "tot": "x"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Not every filter was understood" in html
    assert "Insight: the whole municipality" in html
    assert "Choose a village or district from the list." in html
    assert 'value="2025-13"' in html  # what was typed is kept
    assert html.count('class="kompas-chart__bar"') > 0
    reversed_period = client_as("staff").get(INSIGHT, {"van": "2025-06", "tot": "2025-01"})
    assert reversed_period.status_code == 200


def test_one_kern_on_the_page(client_as, data, in_english):
    html = client_as("council").get(INSIGHT, {"kern": "aldeburen", **PERIOD}).content.decode()
    assert "Insight: Aldeburen" in html
    assert table_cells(html, "gesprekken-kern") == {"Aldeburen": ["&lt;5", "0", "0", "0", "0", "0"]}
    assert "kern=aldeburen" in html.split("Download as CSV")[0].rsplit("href=", 1)[1]


# --- Who may see it, and what it never shows --------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("resident", 403), ("council", 200), ("staff", 200), ("admin", 200)],
)
def test_insight_is_for_the_council_and_staff(client_as, make_user, role, status):
    client = client_as(role)
    if role == "admin":
        # Administrators have an authenticator (test_url_matrix.py).
        TOTP.activate(make_user("admin"), generate_totp_secret())
    assert client.get(INSIGHT).status_code == status
    csv_url = reverse("insight_csv", kwargs={"figure": "status"})
    assert client.get(csv_url).status_code == status


def test_the_menu_shows_insight_to_those_who_may_see_it(client_as, in_english):
    assert f'href="{INSIGHT}"' in client_as("council").get("/").content.decode()
    assert f'href="{INSIGHT}"' not in client_as("resident").get("/").content.decode()


def test_nothing_names_anyone_on_the_page_or_in_any_csv(client_as, data):
    client = client_as("staff")
    texts = [client.get(INSIGHT, PERIOD).content.decode()]
    for kern in ("", "aldeburen", "boelens"):
        texts.append(client.get(INSIGHT, {"kern": kern, **PERIOD}).content.decode())
        for slug in selectors.FIGURES:
            response = client.get(
                reverse("insight_csv", kwargs={"figure": slug}), {"kern": kern, **PERIOD}
            )
            assert response.status_code == 200
            texts.append(response.content.decode())
    for text in texts:
        for canary in CANARIES:
            assert canary not in text
        for initiative in Initiative.objects.all():
            assert initiative.name not in text
        for story in Story.objects.all():
            assert story.title not in text
    page = texts[0]
    assert "/gesprekken/" not in page.split("<main")[1]
    assert "/drempels/" not in page.split("<main")[1]


def test_the_page_takes_a_constant_number_of_queries(client_as, data):
    client = client_as("council")
    with CaptureQueriesContext(connection) as few:
        assert client.get(INSIGHT, PERIOD).status_code == 200
    for index in range(5):
        kern = KernFactory(name=f"Extra {index}")
        InitiativeKind.objects.create(name=f"Soort {index}", suggested=True)
        DepartmentFactory(name=f"Afdeling {index}")
        for _ in range(3):
            initiative = InitiativeFactory(kern=kern)
            dated(initiative, created_at=at(2025, 3, 1))
            ObstacleFactory(initiative=initiative, happened_on=datetime.date(2025, 3, 2))
    cache.clear()  # the figures are kept a few minutes: count them again
    with CaptureQueriesContext(connection) as many:
        assert client.get(INSIGHT, PERIOD).status_code == 200
    assert len(many) == len(few) < 40


def test_the_figures_are_counted_once_per_few_minutes_and_say_when(client_as, data, in_english):
    client = client_as("council")
    with CaptureQueriesContext(connection) as counting:
        first = client.get(INSIGHT, PERIOD).content.decode()
    counted_at = timezone.localtime().strftime("%H:%M")
    assert f"Counted at {counted_at}. What changes after that is counted within 5 minutes." in (
        first
    )
    assert rows("soorten")["Soepcollectief"] == [6]

    more = InitiativeFactory(kern=data["aldeburen"])
    more.kinds.add(InitiativeKind.objects.get(name="Soepcollectief"))
    with CaptureQueriesContext(connection) as kept:
        again = client.get(INSIGHT, PERIOD).content.decode()
    assert len(kept) < len(counting) - 10
    assert again.split("<main")[1] == first.split("<main")[1]
    # The download shows what the page shows.
    assert rows("soorten")["Soepcollectief"] == [6]

    cache.clear()  # as when the few minutes are over
    assert rows("soorten")["Soepcollectief"] == [7]


# --- The kern page: the public part -----------------------------------------------------


def test_the_kern_page_shows_its_public_numbers(client, data, in_english):
    html = client.get(data["aldeburen"].get_absolute_url()).content.decode()
    assert "Aldeburen in numbers" in html
    section = html.split('id="in-cijfers-kop"')[1].split("</section>")[0]
    kinds = section.split('id="in-cijfers-soorten"')[1].split("</table>")[0]
    assert "Soepcollectief" in kinds
    assert "Kanoclub" not in kinds  # only the tip has that kind here
    assert "&lt;5" not in section  # public numbers are exact
    assert re.search(r"<dt>Stories</dt>\s*<dd>\s*1\s*</dd>", section)  # the public one
    assert f'href="{INSIGHT}?kern=aldeburen"' not in html
    for canary in CANARIES:
        assert canary not in section


def test_the_kern_page_leads_the_council_to_its_insight(client_as, data):
    html = client_as("council").get(data["boelens"].get_absolute_url()).content.decode()
    assert f'href="{INSIGHT}?kern=boelens"' in html
    resident = client_as("resident").get(data["boelens"].get_absolute_url()).content.decode()
    assert f'href="{INSIGHT}?kern=boelens"' not in resident
