"""What every list page shares. Its filters are a GET form in the app's forms.py: the form
alone knows the Dutch names of the query string, and hands the selector an English filter
object (``form.filters()``). Its pages come from ``page_of``, with the one page parameter.
Here: that helper, and what the filter forms share: dates, months, a period of months,
choices that need not be on the list, and the way a filter that was not understood is
marked."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import cast

from django import forms
from django.core.paginator import Page, Paginator
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

EVERYTHING = ("", _("All"))
# The number of the page of a list, in the address of every list page.
PAGE_PARAMETER = "pagina"
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d-%m-%y"]
# A period shows the last twelve months unless chosen otherwise, and at most three years.
PERIOD_MONTHS = 12
PERIOD_MAX_MONTHS = 36


class QuickSelect(forms.Select):
    """Django's select, written in Python instead of with a template per option: the map's
    filters offer well over a hundred words, and a template per option cost a fifth of
    the map page's time. The same HTML as ``forms.Select`` (without option groups)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], flatatt(option["attrs"]), option["label"])
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        attributes = flatatt(widget["attrs"])
        return format_html('<select name="{}"{}>{}</select>', name, attributes, options)


class DateInput(forms.DateInput):
    """A date picker where the browser has one; a plain text field elsewhere."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class FilterForm(forms.Form):
    """A GET form of filters: an input that was not understood is marked as such for
    screen readers, and described by the summary of what was not understood."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": "filter-error-summary"}
                )


def as_typed(value: str, max_length: int) -> str:
    """A value of the query string as a filter reads it: a NUL character (which PostgreSQL
    refuses) dropped, spaces around it trimmed, and cut at ``max_length``."""
    return value.replace("\x00", "").strip()[:max_length]


class ReadAsTyped:
    """A filter field that reads, and shows back, its value ``as_typed``."""

    max_length: int | None

    def to_python(self, value):
        return as_typed(super().to_python(value), self.max_length)

    def bound_data(self, data, initial):
        return as_typed(data, self.max_length) if isinstance(data, str) else data


class FilterTextField(ReadAsTyped, forms.CharField):
    """A filter's text (words to search for): too long is cut, never refused, so a filter
    never fails."""


class OpenChoiceField(ReadAsTyped, forms.ChoiceField):
    """A filter's choice that need not be among the choices: a shared link with a place or
    word that is gone finds nothing, instead of a message."""

    def __init__(self, *, max_length: int, **kwargs):
        super().__init__(**kwargs)
        self.max_length = max_length

    def valid_value(self, value) -> bool:
        return True


class MonthField(forms.DateField):
    """A month as the browser's month picker sends it (2025-03), or as typed (03-2025)."""

    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")

    def __init__(self, **kwargs):
        super().__init__(
            input_formats=["%Y-%m", "%m-%Y", "%m/%Y", "%Y-%m-%d"],
            error_messages={"invalid": _("Type a month, for example 2025-03.")},
            **kwargs,
        )

    def to_python(self, value):
        month = super().to_python(value)
        return month.replace(day=1) if month else month


def shift_months(month: date, months: int) -> date:
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


class PeriodForm(FilterForm):
    """A period of months (``van``, ``tot``) among the filters."""

    van = MonthField(label=_("From month"), required=False)
    tot = MonthField(label=_("Until month"), required=False)

    def clean(self):
        data = super().clean()
        first, last = data.get("van"), data.get("tot")
        if first and last:
            if first > last:
                self.add_error("tot", _("The end of the period comes before its start."))
            elif len(month_starts(first, last)) > PERIOD_MAX_MONTHS:
                self.add_error(
                    "tot",
                    _("Choose at most %(count)d months at a time.") % {"count": PERIOD_MAX_MONTHS},
                )
        return data

    def period(self) -> tuple[date, date]:
        """The months to show: what was chosen and understood, else the last twelve (a
        start alone: twelve months from it)."""
        data = {}
        if self.is_bound:
            self.is_valid()
            if not (self.has_error("van") or self.has_error("tot")):
                data = self.cleaned_data
        last = data.get("tot") or (
            shift_months(data["van"], PERIOD_MONTHS - 1)
            if data.get("van")
            else timezone.localdate().replace(day=1)
        )
        first = data.get("van") or shift_months(last, -(PERIOD_MONTHS - 1))
        return first, last


def month_starts(first: date, last: date) -> list[date]:
    """The first day of every month from ``first``'s month up to ``last``'s month."""
    months = []
    month = first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def month_of(value) -> date:
    """A truncated month as a date (SQLite may answer a datetime or a string)."""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        value = value.date()
    return value.replace(day=1)


# --- Pages ------------------------------------------------------------------------------


class ListPage(Page):
    """A page of a list that keeps the rest of the query string (the filters) in its links
    to the pages before and after it."""

    query = ""  # the query string the page was asked with, without the page number

    def link_to(self, number: int) -> str:
        """The address (a query string) of page ``number`` with the same filters."""
        page = urlencode({PAGE_PARAMETER: number})
        return f"?{self.query}&{page}" if self.query else f"?{page}"

    @property
    def previous_link(self) -> str:
        return self.link_to(self.previous_page_number())

    @property
    def next_link(self) -> str:
        return self.link_to(self.next_page_number())


class ListPaginator(Paginator):
    def _get_page(self, *args, **kwargs) -> ListPage:
        return ListPage(*args, **kwargs)


def page_of(request, items, per_page: int) -> ListPage:
    """The page of ``items`` the query string asks for. A page number that is not a number
    gives the first page, one out of range the last (Django's ``get_page``), so an old link
    never breaks."""
    # ListPaginator makes every page a ListPage; get_page is typed as giving a Page.
    page = cast(ListPage, ListPaginator(items, per_page).get_page(request.GET.get(PAGE_PARAMETER)))
    query = request.GET.copy()
    query.pop(PAGE_PARAMETER, None)
    page.query = query.urlencode()
    return page
