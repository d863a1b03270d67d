"""The insight figures about initiatives: by kind, by type of ownership, by status, and
new and ended per month."""

from __future__ import annotations

from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from initiatives.models import Initiative, InitiativeKind, Ownership
from insight.figures.figure import BARS, Figure, Scope, dated, months_figure, per_month
from kompas import access
from kompas.access.figures import Counting
from kompas.choices import InitiativeStatus


def _initiatives(scope: Scope):
    queryset = access.aggregate_scope(Initiative)
    return queryset.filter(kern=scope.kern) if scope.kern else queryset


def kind_rows(initiatives) -> list[tuple[str, list[int]]]:
    """Per kind (by name): the suggested kinds always, other kinds when they count. Two
    queries."""
    kinds = InitiativeKind.objects.order_by(Lower("name")).annotate(
        total=Count(
            "initiatives", filter=Q(initiatives__in=initiatives.values("pk")), distinct=True
        )
    )
    rows = [(kind.name, [kind.total]) for kind in kinds if kind.suggested or kind.total]
    without = initiatives.filter(kinds__isnull=True).count()
    rows.append((_("No kind given"), [without]))
    return rows


def ownership_rows(initiatives) -> list[tuple[str, list[int]]]:
    """The four types of ownership in their own order, and "not given". One query."""
    counts = {
        row["ownership"]: row["total"]
        for row in initiatives.values("ownership").annotate(total=Count("pk")).order_by()
    }
    rows = [(str(label), [counts.get(value, 0)]) for value, label in Ownership.choices]
    rows.append((_("Not given"), [counts.get(None, 0)]))
    return rows


def initiatives_by_kind(scope: Scope) -> Figure:
    return Figure(
        slug="soorten",
        title=_("Initiatives by kind"),
        columns=[_("Initiatives")],
        rows=kind_rows(_initiatives(scope)),
        chart=BARS,
        counting=Counting.PROTECTED,
        label_heading=_("Kind"),
        note=_(
            "Every initiative the municipality knows of, whatever its status. An initiative "
            "of more than one kind counts with each of them."
        ),
    )


def initiatives_by_ownership(scope: Scope) -> Figure:
    return Figure(
        slug="eigenaarschap",
        title=_("Initiatives by type of ownership"),
        columns=[_("Initiatives")],
        rows=ownership_rows(_initiatives(scope)),
        chart=BARS,
        counting=Counting.PROTECTED,
        label_heading=_("Ownership"),
        note=_("Every initiative the municipality knows of, whatever its status."),
    )


def initiatives_by_status(scope: Scope) -> Figure:
    counts = {
        row["status"]: row["total"]
        for row in _initiatives(scope).values("status").annotate(total=Count("pk"))
    }
    return Figure(
        slug="status",
        title=_("Initiatives by status"),
        columns=[_("Initiatives")],
        rows=[(str(label), [counts.get(value, 0)]) for value, label in InitiativeStatus.choices],
        chart=BARS,
        counting=Counting.PROTECTED,
        label_heading=_("Status"),
        note=_("Tips and initiatives in contact are counted, never named."),
    )


def initiatives_new_and_ended(scope: Scope) -> Figure:
    initiatives = _initiatives(scope)
    new = per_month(dated(initiatives, "created_at", scope, True), "created_at", scope)
    # Ended: initiatives whose status is "ended" now, counted in the month they last
    # changed. Simpler than reading the history and honest about what it is; an
    # initiative that ended and changed again later moves to that later month.
    ended = per_month(
        dated(initiatives.filter(status=InitiativeStatus.ENDED), "updated_at", scope, True),
        "updated_at",
        scope,
    )
    return months_figure(
        "nieuw-en-gestopt",
        _("New and ended initiatives per month"),
        [(_("New"), new), (_("Ended"), ended)],
        scope,
        note=_(
            "New: entered in that month. Ended: its status is now ended, counted in the month "
            "it was last changed."
        ),
    )
