"""CSV files people open in a spreadsheet: a cell that starts like a formula is written
with a leading apostrophe, so a description such as "=HYPERLINK(…)" stays text
(OWASP: CSV injection). Numbers are written as they are."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_cell(value: str) -> str:
    """``value`` as a CSV cell that no spreadsheet runs as a formula."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def csv_row(values) -> list:
    """A row for ``csv.writer``: text cells guarded, numbers and empty cells untouched."""
    return [text_cell(value) if isinstance(value, str) else value for value in values]
