"""The insight figures about conversations written down: per month, by department and by
village or district."""

from __future__ import annotations

from django.db.models import Count, Q
from django.db.models.functions import Lower, TruncMonth
from django.utils.translation import gettext as _

from accounts.models import Department
from conversations.models import Conversation
from insight.figures.figure import Figure, Scope, dated, months_figure
from kompas import access
from kompas.lists import month_of
from places.models import Kern


def _conversations(scope: Scope):
    """Conversations in the period; for a kern: held there, or else about its initiatives."""
    in_period = dated(access.aggregate_scope(Conversation), "date", scope)
    if scope.kern:
        about = access.aggregate_scope(Conversation.initiatives.through).filter(
            initiative__kern=scope.kern
        )
        in_period = in_period.filter(
            Q(kern=scope.kern) | Q(kern__isnull=True, pk__in=about.values("conversation"))
        )
    return in_period


def _grid(names: list[tuple[int | None, str]], counts: dict, scope: Scope) -> list:
    return [(name, [counts.get((pk, month), 0) for month in scope.months]) for pk, name in names]


def conversations_by_department(scope: Scope) -> Figure:
    counts: dict = {}
    for row in (
        _conversations(scope)
        .annotate(month=TruncMonth("date"))
        .values("department", "month")
        .annotate(total=Count("pk"))
        .order_by()
    ):
        key = (row["department"], month_of(row["month"]))
        counts[key] = counts.get(key, 0) + row["total"]
    names: list[tuple[int | None, str]] = list(
        Department.objects.order_by(Lower("name"), "pk").values_list("pk", "name")
    )
    names.append((None, _("No department recorded")))
    return months_figure(
        "gesprekken-afdeling",
        _("Conversations per month, by department"),
        _grid(names, counts, scope),
        scope,
        note=_("Every conversation written down, internal ones included."),
        heading=_("Department"),
    )


def conversations_by_kern(scope: Scope) -> Figure:
    """A conversation counts in the kern where it was held, or else in the kernen of the
    initiatives it was about (as on the spread page)."""
    in_period = _conversations(scope)
    counts: dict = {}
    for row in (
        in_period.filter(kern__isnull=False)
        .annotate(month=TruncMonth("date"))
        .values("kern", "month")
        .annotate(total=Count("pk"))
        .order_by()
    ):
        key = (row["kern"], month_of(row["month"]))
        counts[key] = counts.get(key, 0) + row["total"]
    about = access.aggregate_scope(Conversation.initiatives.through).filter(
        conversation__in=in_period.filter(kern__isnull=True).values("pk")
    )
    if scope.kern:
        about = about.filter(initiative__kern=scope.kern)
    for row in (
        about.annotate(month=TruncMonth("conversation__date"))
        .values("initiative__kern", "month")
        .annotate(total=Count("conversation", distinct=True))
        .order_by()
    ):
        if row["initiative__kern"] is not None:
            key = (row["initiative__kern"], month_of(row["month"]))
            counts[key] = counts.get(key, 0) + row["total"]
    kernen = Kern.objects.order_by(Lower("name"), "pk")
    if scope.kern:
        kernen = kernen.filter(pk=scope.kern.pk)
    return months_figure(
        "gesprekken-kern",
        _("Conversations per month, by village or district"),
        _grid(list(kernen.values_list("pk", "name")), counts, scope),
        scope,
        note=_(
            "A conversation counts where it took place, or else in the village or district "
            "of the initiatives it was about."
        ),
        heading=_("Village or district"),
    )
