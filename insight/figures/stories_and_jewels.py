"""The insight figures about stories written and crown jewels nominated, per month."""

from __future__ import annotations

from django.utils.translation import gettext as _

from insight.figures.figure import Figure, Scope, dated, months_figure, per_month
from jewels.models import CrownJewel
from kompas import access
from stories.models import Story


def stories_per_month(scope: Scope) -> Figure:
    stories = dated(access.aggregate_scope(Story), "created_at", scope, True)
    if scope.kern:
        stories = stories.filter(initiative__kern=scope.kern)
    return months_figure(
        "verhalen",
        _("Stories written per month"),
        [(_("Stories"), per_month(stories, "created_at", scope))],
        scope,
        note=_("Every story written down on Kompas in that month, shared ones included."),
    )


def jewels_per_month(scope: Scope) -> Figure:
    jewels = dated(access.aggregate_scope(CrownJewel), "created_at", scope, True)
    if scope.kern:
        jewels = jewels.filter(kern=scope.kern)
    return months_figure(
        "kroonjuwelen",
        _("Crown jewels nominated per month"),
        [(_("Crown jewels"), per_month(jewels, "created_at", scope))],
        scope,
        note=_("Every nomination in that month, also those waiting for consent."),
    )
