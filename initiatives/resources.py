"""Initiatives from a spreadsheet (CSV or XLSX), imported by an administrator in /beheer/.

django-import-export runs the flow: upload, a preview with every row's result, confirm.
Each row is checked by the same form a person fills in on the site (``InitiativeForm``)
and written by the same service (``services.create_initiative``), so an imported
initiative follows every rule an entered one does. Every row becomes a NEW initiative
with the status ``known``: an import never changes, publishes or removes what is there.
An initiative whose name is already used in the same village or district is refused.

The column headings are Dutch and fixed (``COLUMNS``): they are the file's format, the
way the URLs are Dutch, not text translated for the reader. Headings are matched without
regard to case, accents or spaces; columns Kompas does not know are named in the preview
and left out.

The preview runs the whole import inside a transaction that is rolled back; confirming
runs it again and keeps it only if not a single row fails.
"""

from __future__ import annotations

import csv
import io
import unicodedata

import openpyxl
import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.formats import base_formats

from initiatives import services
from initiatives.forms import InitiativeForm
from initiatives.models import Initiative, Ownership
from kompas import access
from kompas.choices import InitiativeStatus
from kompas.spreadsheets import FORMULA_STARTS
from places.models import Kern

# The resource's fields, each with the heading of its column in the spreadsheet.
COLUMNS = {
    "name": "naam",
    "kern": "kern",
    "kinds": "soorten",
    "description": "beschrijving",
    "offers": "biedt",
    "offers_text": "biedt toelichting",
    "wishes": "zoekt",
    "wishes_text": "zoekt toelichting",
    "ideas": "ideeën op zolder",
    "ownership": "eigenaarschap",
    "website": "website",
    "contact": "contact",
    "latitude": "breedtegraad",
    "longitude": "lengtegraad",
}
REQUIRED_COLUMN = COLUMNS["name"]
# The field of InitiativeForm that checks each column, where its name differs.
FORM_FIELDS = {"kinds": "other_kinds"}
COLUMN_OF_FORM_FIELD = {FORM_FIELDS.get(name, name): column for name, column in COLUMNS.items()}

# More rows than this are refused: the preview and the import each handle every row within
# one request, and a request must not run for minutes.
MAX_ROWS = 1000

ZIP_SIGNATURE = b"PK\x03\x04"
# Excel saves CSV as UTF-8 (with a byte order mark) or, in "CSV (gescheiden door
# lijstscheidingsteken)", as Windows-1252 with semicolons.
CSV_ENCODINGS = ("utf-8-sig", "cp1252")
CSV_DELIMITERS = (",", ";", "\t")


class UnreadableSpreadsheet(ValueError):
    """The file is not a spreadsheet of the chosen format; the message says what to do."""


class SpreadsheetError(Exception):
    """The spreadsheet as a whole cannot be imported (its headings); the message says why."""


# --- Reading the file -------------------------------------------------------------------


def heading_key(heading) -> str:
    """A column heading as compared: without case, accents or extra spaces, so "Ideeen op
    Zolder " is "ideeën op zolder"."""
    text = unicodedata.normalize("NFKD", " ".join(str(heading or "").split()))
    return "".join(char for char in text if not unicodedata.combining(char)).casefold()


COLUMN_BY_KEY = {heading_key(column): column for column in COLUMNS.values()}


def cell_text(value) -> str:
    """A cell as text: a whole number from XLSX without ".0", and the apostrophe our own
    CSV downloads put before a formula-like text (``spreadsheets.text_cell``) taken off
    again. The text itself is stored as it is: it is never run as a formula."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        text = text[1:]
    return text


def is_blank(cells) -> bool:
    return all(cell_text(cell) == "" for cell in cells)


def spreadsheet_dataset(rows) -> tablib.Dataset:
    """The first row as headings, the others as data, each with a cell for every heading.

    Blank rows at the end (a workbook often has many) are left out; a blank row between
    others stays, so every row keeps the number the spreadsheet shows, and the import
    passes over it.
    """
    rows = [list(row) for row in rows]
    headers, body = (rows[0], rows[1:]) if rows else ([], [])
    while body and is_blank(body[-1]):
        body.pop()
    dataset = tablib.Dataset(headers=headers)
    width = len(headers)
    for number, cells in enumerate(body, start=2):
        if not is_blank(cells[width:]):
            raise UnreadableSpreadsheet(
                _(
                    "Row %(row)d has more cells than the first row has column headings. "
                    "Give every column a heading in the first row."
                )
                % {"row": number}
            )
        dataset.append((cells + [None] * width)[:width])
    return dataset


def decode_csv(data: bytes) -> str:
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableSpreadsheet(
        _("This file could not be read as text. Save it again as “CSV UTF-8” and upload that.")
    )


def csv_delimiter(text: str) -> str:
    """The separator the headings use: a comma, or the semicolon of Dutch Excel."""
    first_line = text.split("\n", 1)[0]
    return max(CSV_DELIMITERS, key=first_line.count)


class SpreadsheetCSV(base_formats.CSV):
    """CSV as spreadsheets save it: UTF-8 or Windows-1252, commas or semicolons. Read as
    bytes, so the encoding is found here instead of failing in the upload."""

    def is_binary(self) -> bool:
        return True

    def get_read_mode(self) -> str:
        return "rb"

    def create_dataset(self, in_stream, **kwargs) -> tablib.Dataset:
        if isinstance(in_stream, str):
            in_stream = in_stream.encode()
        if in_stream.startswith(ZIP_SIGNATURE):
            raise UnreadableSpreadsheet(
                _("This file is an Excel workbook: choose “xlsx” as the format.")
            )
        text = decode_csv(in_stream)
        try:
            rows = list(csv.reader(io.StringIO(text), delimiter=csv_delimiter(text)))
        except csv.Error as error:
            raise UnreadableSpreadsheet(
                _("This file could not be read as CSV (%(reason)s).") % {"reason": error}
            ) from error
        return spreadsheet_dataset(rows)


class SpreadsheetXLSX(base_formats.XLSX):
    """The first sheet of an Excel workbook; a formula cell gives the value Excel last
    calculated for it, never the formula."""

    def create_dataset(self, in_stream) -> tablib.Dataset:
        if not in_stream.startswith(ZIP_SIGNATURE):
            raise UnreadableSpreadsheet(
                _("This file is not an Excel workbook (.xlsx): choose “csv” as the format.")
            )
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(in_stream), read_only=True, data_only=True)
            try:
                rows = [list(row) for row in workbook.active.iter_rows(values_only=True)]
            finally:
                workbook.close()
        except Exception as error:  # a damaged workbook fails in many ways; all say the same
            raise UnreadableSpreadsheet(
                _("This Excel workbook could not be read. Save it again as .xlsx and upload that.")
            ) from error
        return spreadsheet_dataset(rows)


IMPORT_FORMATS = [SpreadsheetCSV, SpreadsheetXLSX]


# --- Showing a row in the preview --------------------------------------------------------


class TermsWidget(widgets.Widget):
    def render(self, value, obj=None, **kwargs) -> str:
        return ", ".join(term.name for term in value.all()) if value is not None else ""


class KernWidget(widgets.Widget):
    def render(self, value, obj=None, **kwargs) -> str:
        return value.name if value is not None else ""


class OwnershipWidget(widgets.Widget):
    def render(self, value, obj=None, **kwargs) -> str:
        return str(Ownership(value).label) if value else ""


class CoordinateWidget(widgets.Widget):
    """One coordinate of a point: ``axis`` is "y" for the latitude, "x" for the longitude."""

    def __init__(self, axis: str):
        super().__init__()
        self.axis = axis

    def render(self, value, obj=None, **kwargs) -> str:
        return f"{round(getattr(value, self.axis), 6)}" if value is not None else ""


def ownership_spellings() -> dict[str, int]:
    """What a cell may say for each type of ownership: its number, or its label in Dutch
    or English (in any case)."""
    spellings: dict[str, int] = {}
    for choice in Ownership:
        spellings[str(choice.value)] = choice.value
        for language in ("nl", "en"):
            with translation.override(language):
                spellings[str(choice.label).casefold()] = choice.value
    return spellings


# --- The resource ----------------------------------------------------------------------


class InitiativeResource(resources.ModelResource):
    """One spreadsheet row, one new initiative with the status ``known``."""

    name = fields.Field(attribute="name", column_name=COLUMNS["name"])
    kern = fields.Field(attribute="kern", column_name=COLUMNS["kern"], widget=KernWidget())
    kinds = fields.Field(attribute="kinds", column_name=COLUMNS["kinds"], widget=TermsWidget())
    description = fields.Field(attribute="description", column_name=COLUMNS["description"])
    offers = fields.Field(attribute="offers", column_name=COLUMNS["offers"], widget=TermsWidget())
    offers_text = fields.Field(attribute="offers_text", column_name=COLUMNS["offers_text"])
    wishes = fields.Field(attribute="wishes", column_name=COLUMNS["wishes"], widget=TermsWidget())
    wishes_text = fields.Field(attribute="wishes_text", column_name=COLUMNS["wishes_text"])
    ideas = fields.Field(attribute="ideas", column_name=COLUMNS["ideas"])
    ownership = fields.Field(
        attribute="ownership", column_name=COLUMNS["ownership"], widget=OwnershipWidget()
    )
    website = fields.Field(attribute="website", column_name=COLUMNS["website"])
    contact = fields.Field(attribute="contact", column_name=COLUMNS["contact"])
    latitude = fields.Field(
        attribute="location", column_name=COLUMNS["latitude"], widget=CoordinateWidget("y")
    )
    longitude = fields.Field(
        attribute="location", column_name=COLUMNS["longitude"], widget=CoordinateWidget("x")
    )

    class Meta:
        model = Initiative
        fields = tuple(COLUMNS)
        import_order = tuple(COLUMNS)
        # Every row is a new initiative: none is looked up, so none is ever changed.
        force_init_instance = True
        use_transactions = True
        clean_model_instances = False
        skip_unchanged = False
        report_skipped = False

    @classmethod
    def get_display_name(cls) -> str:
        return _("Initiatives")

    # The whole file, before the first row.

    def before_import(self, dataset, **kwargs):
        """Know who imports, the villages and districts by name, and which columns count."""
        self.user = kwargs["user"]
        if not access.can_administer(self.user):
            raise SpreadsheetError(_("Only administrators import initiatives."))
        kernen = list(Kern.objects.visible_to(self.user).values_list("name", "slug"))
        self.kern_slugs = {}
        for name, slug in kernen:
            self.kern_slugs[name.casefold()] = slug
            self.kern_slugs[slug.casefold()] = slug
        # Named in the message about a village or district Kompas does not know.
        self.example_kern = kernen[0][0] if kernen else ""
        self.ownership_spellings = ownership_spellings()
        self.ignored_columns = []
        try:
            dataset.headers = self._known_headers(dataset.headers or [])
            if len(dataset) > MAX_ROWS:
                raise SpreadsheetError(
                    _(
                        "This file has %(count)d rows; import at most %(max)d at a time. "
                        "Split it into smaller files."
                    )
                    % {"count": len(dataset), "max": MAX_ROWS}
                )
        except SpreadsheetError:
            # Nothing to check row by row: the file as a whole cannot be imported.
            del dataset[:]
            raise

    def _known_headers(self, headers) -> list:
        known: list = []
        for heading in headers:
            column = COLUMN_BY_KEY.get(heading_key(heading))
            if column is None:
                if heading_key(heading):
                    self.ignored_columns.append(" ".join(str(heading).split()))
                known.append(heading)
            elif column in known:
                raise SpreadsheetError(
                    _("The column “%(column)s” appears twice. Keep one of them.")
                    % {"column": column}
                )
            else:
                known.append(column)
        if REQUIRED_COLUMN not in known:
            raise SpreadsheetError(
                _(
                    "The first row must hold the column headings, with at least “%(required)s”. "
                    "The headings are: %(columns)s. Download the example file to start from."
                )
                % {"required": REQUIRED_COLUMN, "columns": ", ".join(COLUMNS.values())}
            )
        return known

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        # Shown in the preview, so a mistyped heading is noticed before confirming.
        result.ignored_columns = getattr(self, "ignored_columns", [])

    # One row.

    def import_instance(self, instance, row, **kwargs) -> None:
        """Check the row with the site's own form; keep what it cleaned for the save.

        Raises a ValidationError whose keys are the column headings, so the preview says
        in which cell of the row the mistake is.
        """
        if is_blank(row.values()):
            return
        cells = {column: cell_text(row.get(column)) for column in COLUMNS.values()}
        errors: dict[str, list[str]] = {}
        data = {
            FORM_FIELDS.get(name, name): cells[column]
            for name, column in COLUMNS.items()
            if name not in ("kern", "ownership")
        }
        data["status"] = InitiativeStatus.KNOWN
        data["kern"] = self._kern_slug(cells[COLUMNS["kern"]], errors)
        data["ownership"] = self._ownership(cells[COLUMNS["ownership"]], errors)
        form = InitiativeForm(data=data, user=self.user)
        if not form.is_valid():
            for field_name, messages in form.errors.items():
                column = COLUMN_OF_FORM_FIELD.get(field_name, NON_FIELD_ERRORS)
                # An ErrorList yields its messages as text; its stubs say ValidationError too.
                errors.setdefault(column, []).extend(messages)  # type: ignore[arg-type]
        if errors:
            raise ValidationError(errors)
        instance.imported_data = services.InitiativeData.from_form(form.cleaned_data)

    def skip_row(self, instance, original, row, import_validation_errors=None) -> bool:
        """A blank row between others is passed over."""
        return is_blank(row.values())

    def _kern_slug(self, text: str, errors: dict) -> str:
        if not text:
            return ""
        slug = self.kern_slugs.get(text.casefold())
        if slug is None:
            if self.example_kern:
                message = _(
                    "Kompas has no village or district “%(kern)s”. Write its name as Kompas "
                    "has it, for example “%(example)s”, or leave the cell empty."
                ) % {"kern": text, "example": self.example_kern}
            else:
                message = _(
                    "Kompas has no village or district “%(kern)s”: there are none yet. Add "
                    "them first, or leave the cell empty."
                ) % {"kern": text}
            errors[COLUMNS["kern"]] = [message]
            return ""
        return slug

    def _ownership(self, text: str, errors: dict) -> str:
        if not text:
            return ""
        value = self.ownership_spellings.get(" ".join(text.split()).casefold())
        if value is None:
            choices = "; ".join(f"{choice.value} = {choice.label}" for choice in Ownership)
            errors[COLUMNS["ownership"]] = [
                _(
                    "“%(value)s” is not a type of ownership. Write its number or its "
                    "words: %(choices)s."
                )
                % {"value": text, "choices": choices}
            ]
            return ""
        return str(value)

    def do_instance_save(self, instance, is_create):
        """Create the initiative through the service, as ``known``, entered by the
        administrator who imports (who the history names). The row's instance then
        becomes that initiative, for the preview and the admin's log."""
        created = services.create_initiative(
            self.user, instance.imported_data, status=InitiativeStatus.KNOWN
        )
        for field in Initiative._meta.concrete_fields:
            setattr(instance, field.attname, getattr(created, field.attname))
        instance.kern = created.kern
        instance._state.adding = False
        instance._state.db = created._state.db

    def save_m2m(self, instance, row, **kwargs):
        """Nothing left to do: the service saved the kinds, offers and wishes."""
