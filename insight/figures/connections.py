"""The insight figures about connections made: per month and why they were made."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from connections.models import REASONS, Connection
from insight.figures.figure import BARS, Figure, Scope, dated, months_figure, per_month
from kompas import access
from kompas.access.figures import Counting
from kompas.choices import ConnectionAnswer, ConnectionStatus


def _made_connections(scope: Scope):
    """Connections both sides said yes to (made, running or stopped since), proposed in
    the period, with at least one side in the kern."""
    made = access.aggregate_scope(Connection).filter(
        status__in=[ConnectionStatus.MADE, ConnectionStatus.RUNNING, ConnectionStatus.STOPPED],
        first_answer=ConnectionAnswer.YES,
        second_answer=ConnectionAnswer.YES,
    )
    if scope.kern:
        made = made.filter(
            Q(first__kern=scope.kern) | Q(second__kern=scope.kern) | Q(jewel__kern=scope.kern)
        )
    return dated(made, "created_at", scope, True)


def connections_per_month(scope: Scope) -> Figure:
    return months_figure(
        "verbindingen",
        _("Connections made per month"),
        [(_("Connections made"), per_month(_made_connections(scope), "created_at", scope))],
        scope,
        note=_("Connections both sides said yes to, counted in the month they were proposed."),
    )


def connections_by_reason(scope: Scope) -> Figure:
    totals = _made_connections(scope).aggregate(
        **{name: Count("pk", filter=Q(**{name: True})) for name, _label in REASONS}
    )
    return Figure(
        slug="verbindingen-waarom",
        title=_("Why connections were made"),
        columns=[_("Connections made")],
        rows=[(str(label), [totals[name]]) for name, label in REASONS],
        chart=BARS,
        counting=Counting.PROTECTED,
        label_heading=_("Reason"),
        note=_("A connection can have more than one reason; it counts with each of them."),
    )
