"""The one rule for figures (initiatives/figures.py), on every page with figures and in
every download, for every role, with the demo municipality:

- a figure that counts records that are not public never shows 1 to 4: "<5" instead;
- a figure of public records is exact, and equals what the public list shows.
"""

import csv
import datetime
import html
import io
import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client
from django.urls import reverse

from initiatives.models import InitiativeKind, Ownership
from insight import selectors
from insight.figures.figure import Scope
from places.models import Kern

pytestmark = pytest.mark.django_db

SMALL = {"1", "2", "3", "4"}
EVERY_ROLE = ["anonymous", "resident", "council", "staff", "admin"]
INSIGHT_ROLES = ["council", "staff", "admin"]


@pytest.fixture
def demo(demo, in_english):
    """The shared demo, read in English."""
    return demo


def anonymous(settings) -> Client:
    """A visitor who is not signed in, reading English."""
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def signed_in(client_as, make_user):
    """A client for a role; administrators have their authenticator."""

    def sign_in(role):
        client = client_as(role)
        if role == "admin":
            TOTP.activate(make_user("admin"), generate_totp_secret())
        return client

    return sign_in


def text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def cells(fragment: str, tag: str = "td") -> list[str]:
    """The text of every ``tag`` cell in ``fragment``."""
    return [text(cell) for cell in re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", fragment, re.S)]


def section(page: str, start: str, end: str) -> str:
    return page.split(start, 1)[1].split(end, 1)[0]


def table_rows(page: str, table_id: str) -> dict[str, list[str]]:
    """A table as {row heading: [cell texts]}."""
    table = section(page, f'id="{table_id}"', "</table>")
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
        heading = re.search(r'<th scope="row">(.*?)</th>', row, re.S)
        if heading:
            rows[text(heading.group(1))] = cells(row)
    return rows


def cards(client, url: str, params: dict, card: str) -> list[str]:
    """Every card of a public list, page by page."""
    found, number = [], 1
    while True:
        page = client.get(url, {**params, "pagina": number}).content.decode()
        found.extend(re.findall(rf'<li class="kompas-card {card}.*?</li>', page, re.S))
        if f"pagina={number + 1}" not in page:
            return found
        number += 1


def listed_count(client, params: dict) -> int:
    """The number of initiatives the public registry lists with these filters."""
    page = client.get(reverse("initiative_list"), params).content.decode()
    heading = text(section(page, 'id="resultaten-kop"', "</h2>").split(">", 1)[1])
    return int(heading.split()[0])


# --- The rule ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "public", "protected"),
    [(0, "0", "0"), (1, "1", "<5"), (4, "4", "<5"), (5, "5", "5"), (12, "12", "12")],
)
def test_public_counts_are_exact_and_protected_small_ones_are_fewer_than_five(
    count, public, protected
):
    from kompas.access import figures
    from kompas.access.figures import Counting

    assert figures.shown(count, Counting.PUBLIC) == public
    assert figures.shown(count, Counting.PROTECTED) == protected


def test_a_protected_small_count_is_drawn_alike_and_a_public_one_as_it_is():
    from kompas.access import figures
    from kompas.access.figures import Counting

    assert figures.drawn(1, Counting.PROTECTED) == figures.drawn(4, Counting.PROTECTED)
    assert figures.drawn(1, Counting.PUBLIC) < figures.drawn(4, Counting.PUBLIC)
    assert figures.drawn(0, Counting.PROTECTED) == 0


# --- Insight and its downloads: every figure counts what is not public -------------------


def test_insight_and_every_csv_never_show_one_to_four(demo, signed_in):
    held_back = False
    for role in INSIGHT_ROLES:
        client = signed_in(role)
        for kern in ["", *Kern.objects.values_list("slug", flat=True)]:
            page = client.get(reverse("insight"), {"kern": kern}).content.decode()
            main = page.split("<main", 1)[1]
            shown = cells(main) + re.findall(r'class="kompas-chart__value"[^>]*>([^<]*)<', main)
            assert shown
            assert not SMALL & set(shown), (role, kern)
            held_back |= "<5" in shown
            for label in re.findall(r'aria-label="([^"]*)"', main):
                assert not re.search(r": [1-4](,|\.$)", html.unescape(label)), label
            for slug in selectors.FIGURES:
                response = client.get(
                    reverse("insight_csv", kwargs={"figure": slug}), {"kern": kern}
                )
                _header, *lines = csv.reader(io.StringIO(response.content.decode()))
                values = {value for line in lines for value in line[1:]}
                assert not SMALL & values, (role, kern, slug)
            assert "not public" in text(main)
    assert held_back
    scope = Scope(kern=None, first=datetime.date(2025, 1, 1), last=datetime.date(2025, 1, 1))
    assert {figure.counting for figure in selectors.figures(scope).figures} == {"protected"}


# --- The spread of conversations: conversations are never public ------------------------


def test_the_spread_never_shows_one_to_four(demo, signed_in):
    for role in ("council", "staff"):
        page = signed_in(role).get(reverse("conversation_spread")).content.decode()
        main = page.split("<main", 1)[1]
        shown = cells(main)
        assert shown
        assert not SMALL & set(shown), role
        assert "&lt;5" in main  # the demo has departments with a few conversations a month
        assert "not public" in text(main)


# --- /drempels/: the patterns count the public reports, exactly -------------------------


def public_reports(client) -> list[dict]:
    """The public list of reports, as anyone reads it: what they heard, where, when."""
    reports = []
    for card in cards(client, reverse("obstacle_list"), {}, "kompas-obstacle-card"):
        meta = section(card, 'class="kompas-card__meta"', "</p>")
        day = re.search(r'datetime="([^"]+)"', meta)
        assert day, meta
        reports.append(
            {
                "category": text(section(card, "<h3", "</h3>").split(">", 1)[1]),
                "kern": text(meta).split(" · ")[1] if text(meta).count(" · ") == 2 else "",
                "day": datetime.date.fromisoformat(day[1]),
            }
        )
    return reports


def numbers(page: str, table_id: str) -> dict[str, str]:
    rows = table_rows(page, f"{table_id}-tabel")
    return {name: values[0] for name, values in rows.items() if values}


def test_the_obstacle_patterns_equal_the_public_list_for_everyone(demo, signed_in, settings):
    everyone = public_reports(anonymous(settings))
    for role in EVERY_ROLE:
        patterns_equal_the_list(signed_in(role).get(reverse("obstacle_list")), everyone)


def patterns_equal_the_list(response, everyone: list[dict]) -> None:
    page = response.content.decode()
    months = re.findall(
        r'<time datetime="(\d{4}-\d{2})">', section(page, 'id="maanden-tabel"', "</table>")
    )
    first = datetime.date.fromisoformat(f"{months[0]}-01")
    in_period = [report for report in everyone if report["day"] >= first]
    assert in_period

    categories = numbers(page, "soorten")
    assert categories  # every kind, also those that did not come up
    for name, value in categories.items():
        assert value == str(sum(1 for report in in_period if report["category"] == name)), name
    kernen = numbers(page, "kernen")
    for name, value in kernen.items():
        kern = "" if name == "No village or district given" else name
        assert value == str(sum(1 for report in in_period if report["kern"] == kern)), name
    per_month = numbers(page, "maanden")
    assert sum(int(value) for value in per_month.values()) == len(in_period)
    assert sum(int(value) for value in numbers(page, "afdelingen").values()) == len(in_period)
    status = text(section(page, 'id="patronen-kop"', 'id="soorten-kop"'))
    assert f"{len(in_period)} obstacles from" in status
    assert "shared only with the municipality" in status


# --- Kern pages: public figures, exact, equal to the public lists -----------------------


def kern_numbers(page: str) -> dict:
    part = section(page, 'id="in-cijfers-kop"', "</section>")
    facts = dict(
        zip(
            [text(term) for term in re.findall(r"<dt>(.*?)</dt>", part, re.S)],
            [text(value) for value in re.findall(r"<dd>(.*?)</dd>", part, re.S)],
            strict=True,
        )
    )
    kinds = table_rows(part, "in-cijfers-soorten") if "in-cijfers-soorten" in part else {}
    ownership = table_rows(part, "in-cijfers-eigenaarschap")
    return {"facts": facts, "kinds": kinds, "ownership": ownership, "text": text(part)}


def lives_here(page: str) -> int:
    """The number of initiatives the kern page says live there."""
    part = text(section(page, 'id="initiatieven-kop"', "</section>"))
    found = re.search(r"Showing \d+ of (\d+) initiatives|(\d+) initiatives? lives? here", part)
    return int(found[1] or found[2]) if found else 0


def test_a_kern_page_shows_its_public_numbers_exactly_as_the_public_lists_do(
    demo, signed_in, settings
):
    client = anonymous(settings)
    kinds = dict(InitiativeKind.objects.values_list("name", "slug"))
    ownership = {str(label): value for value, label in Ownership.choices}
    seen_small = False
    for kern in Kern.objects.all():
        page = client.get(kern.get_absolute_url()).content.decode()
        figures_of = kern_numbers(page)
        facts = figures_of["facts"]
        assert "&lt;5" not in page.split('id="in-cijfers-kop"')[1].split("</section>")[0]
        initiatives = int(facts["Initiatives on the map"])
        assert initiatives == lives_here(page) == listed_count(client, {"kern": kern.slug})
        for name, (value,) in figures_of["kinds"].items():
            if name == "No kind given":
                continue
            assert int(value) == listed_count(client, {"kern": kern.slug, "soort": kinds[name]})
            seen_small |= 0 < int(value) < 5
        for name, (value,) in figures_of["ownership"].items():
            if name in ownership:
                listed = listed_count(client, {"kern": kern.slug, "eigenaarschap": ownership[name]})
                assert int(value) == listed, name
        stories = cards(client, reverse("story_list"), {"kern": kern.slug}, "kompas-story-card")
        assert int(facts["Stories"]) == len(stories)
        jewels = cards(client, reverse("jewel_list"), {"kern": kern.slug}, "kompas-jewel-card")
        assert int(facts["Crown jewels"]) == len(jewels)
        assert "counted exactly" in figures_of["text"]
    assert seen_small  # the demo has kernen with one to four of a kind

    # The same public figures, whoever reads the page.
    kernen = list(Kern.objects.all())
    public = [kern_numbers(client.get(kern.get_absolute_url()).content.decode()) for kern in kernen]
    for role in ("resident", "council", "staff", "admin"):
        reader = signed_in(role)
        for kern, expected in zip(kernen, public, strict=True):
            seen = kern_numbers(reader.get(kern.get_absolute_url()).content.decode())
            for part in ("facts", "kinds", "ownership"):
                assert seen[part] == expected[part], (role, kern.name, part)
