"""Filling in an admin change form the way a browser does: every field the page shows,
with its current value, plus the changes a test makes. Fields the admin shows read-only
are not in the form; a test that posts them anyway is what a crafted request would do."""

from __future__ import annotations

from django.contrib.gis.geos import GEOSGeometry
from django.forms import CheckboxInput, MultiWidget


def _form_values(form) -> dict:
    """What the browser sends for one form, with the form's prefix."""
    data: dict = {}
    for bound in form:
        value = bound.value()
        widget = bound.field.widget
        widget = getattr(widget, "widget", widget)  # the admin wraps widgets
        name = bound.html_name
        if isinstance(widget, CheckboxInput):
            if value:
                data[name] = "on"
        elif isinstance(widget, MultiWidget):
            parts = widget.decompress(value) if not isinstance(value, list) else value
            # The stubs lack widgets_names (Django 3.1+) and let decompress return None.
            for suffix, part in zip(widget.widgets_names, parts, strict=False):  # type: ignore[attr-defined, arg-type]
                data[f"{name}{suffix}"] = "" if part is None else str(part)
        elif isinstance(value, list | tuple) or getattr(widget, "allow_multiple_selected", False):
            data[name] = [str(item) for item in value or []]
        elif isinstance(value, GEOSGeometry):
            data[name] = value.geojson
        elif value is None:
            data[name] = ""
        else:
            data[name] = str(value)
    return data


def change_form_data(response, **changes) -> dict:
    """The POST of the change form ``response`` shows (with its inlines), with ``changes``."""
    data = _form_values(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data |= _form_values(formset.management_form)
        for form in formset.forms:
            data |= _form_values(form)
    data.update(changes)
    return data


def post_change_form(client, url: str, **changes):
    """Open the change form at ``url`` and save it with ``changes``."""
    return client.post(url, change_form_data(client.get(url), **changes))
