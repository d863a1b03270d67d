"""Insight for the council: figures for the whole municipality or one kern, over a
period, each as a chart with its table beside it and a CSV of that table."""

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from insight import selectors
from insight.figures.figure import Scope
from insight.forms import InsightForm, scope_query
from kompas import access
from kompas.spreadsheets import csv_row


def _scope(request) -> tuple[InsightForm, Scope]:
    if not access.can_see_insight(request.user):
        raise PermissionDenied(_("Insight is for the council and staff."))
    form = InsightForm(request.GET or None)
    first, last = form.period()
    kern = form.chosen_kern()
    if not form.is_bound:
        form = InsightForm(initial={"van": first, "tot": last})
    return form, Scope(kern=kern, first=first, last=last)


@login_required
@require_safe
def insight_page(request):
    form, scope = _scope(request)
    return render(
        request,
        "insight/insight.html",
        {
            "form": form,
            "scope": scope,
            "counted": selectors.figures(scope),
            "counted_minutes": selectors.COUNTED_SECONDS // 60,
            "query": scope_query(scope),
        },
    )


@login_required
@require_safe
def insight_csv(request, figure):
    _form, scope = _scope(request)
    chosen = selectors.figure(figure, scope)
    if chosen is None:
        raise Http404(_("There is no such figure."))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{selectors.csv_filename(chosen, scope)}"'
    )
    csv.writer(response).writerows(csv_row(row) for row in chosen.csv_rows)
    return response
