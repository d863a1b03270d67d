"""What the GET filter forms share: dates, months, a period of months, and the way a
filter that was not understood is marked. Used by the conversations, tips, spread and
obstacles pages."""

from __future__ import annotations

from datetime import date

from django import forms
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from conversations import spread

EVERYTHING = ("", _("All"))
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
            elif len(spread.month_starts(first, last)) > PERIOD_MAX_MONTHS:
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
