"""Insight: aggregate figures for the council, for the whole municipality or one kern, over
a period of months.

Every figure counts over all data (tips, internal conversations and shared obstacles
included), so each is ``Counting.PROTECTED`` under the one rule of ``figures``: 1 to 4 is
shown as "<5", on the page, in the charts and in every CSV, whoever reads it;
``permissions.can_see_insight`` decides who may see them. The kern page's figures
(``public_figures``) count public records only and are shown exactly. Rows come in a
fixed order (the vocabulary's own order, departments and kernen by name), never in the
order of their counts: these are no rankings. Each figure takes a constant number of
queries, whatever the number of rows.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.translation import get_language

from initiatives.models import Initiative
from insight.figures.connections import connections_by_reason, connections_per_month
from insight.figures.conversations import conversations_by_department, conversations_by_kern
from insight.figures.figure import Figure, Scope
from insight.figures.initiatives import (
    initiatives_by_kind,
    initiatives_by_ownership,
    initiatives_by_status,
    initiatives_new_and_ended,
    kind_rows,
    ownership_rows,
)
from insight.figures.obstacles import (
    obstacles_by_category,
    obstacles_by_department,
    obstacles_waiting,
)
from insight.figures.stories_and_jewels import jewels_per_month, stories_per_month
from jewels.models import CrownJewel
from kompas.access.figures import Counting, shown
from kompas.caching import remembered
from obstacles.selectors import Waiting
from places.models import Kern
from stories.models import Story

# Counting every figure reads all conversations, stories and connections of the period (a
# few hundred ms with 100,000 conversations), and patterns do not change by the minute:
# the figures are counted again at most this long after they were last counted.
COUNTED_SECONDS = 5 * 60


# The figures in the order of the page; the key is the name of its CSV.
FIGURES: dict[str, Callable[[Scope], Figure]] = {
    "soorten": initiatives_by_kind,
    "eigenaarschap": initiatives_by_ownership,
    "status": initiatives_by_status,
    "nieuw-en-gestopt": initiatives_new_and_ended,
    "verbindingen": connections_per_month,
    "verbindingen-waarom": connections_by_reason,
    "drempels-soort": obstacles_by_category,
    "drempels-afdeling": obstacles_by_department,
    "gesprekken-afdeling": conversations_by_department,
    "gesprekken-kern": conversations_by_kern,
    "verhalen": stories_per_month,
    "kroonjuwelen": jewels_per_month,
}


@dataclass(frozen=True)
class Counted:
    """Every figure of a scope, in the order of the page, how long obstacles wait for a
    first answer (no chart, so not one of the figures), and when they were counted."""

    figures: list[Figure]
    waiting: Waiting
    at: datetime


def figures(scope: Scope) -> Counted:
    """Every figure of ``scope``, counted at most ``COUNTED_SECONDS`` ago: the page and its
    CSV downloads show the same numbers."""
    place = scope.kern.pk if scope.kern else "all"
    # "counted-waiting": figures that say what they count, with the waits; ones kept before
    # that have no counting or no waits.
    return remembered(
        f"insight:counted-waiting:{place}:{scope.first}:{scope.last}:{get_language()}",
        lambda: _count(scope),
        COUNTED_SECONDS,
    )


def _count(scope: Scope) -> Counted:
    now = timezone.now()
    return Counted([build(scope) for build in FIGURES.values()], obstacles_waiting(scope, now), now)


def figure(slug: str, scope: Scope) -> Figure | None:
    return next((chosen for chosen in figures(scope).figures if chosen.slug == slug), None)


def csv_filename(figure: Figure, scope: Scope) -> str:
    place = scope.kern.slug if scope.kern else "gemeente"
    return f"kompas-{figure.slug}-{place}-{scope.first:%Y-%m}-tot-{scope.last:%Y-%m}.csv"


# --- The public part, for the kern page -------------------------------------------------


@dataclass(frozen=True)
class PublicFigures:
    kinds: list[tuple[str, str]]
    ownership: list[tuple[str, str]]
    stories: str
    jewels: str
    initiatives: str
    counting: Counting


def public_figures(kern: Kern) -> PublicFigures:
    """What anyone may know of ``kern`` in numbers: its public initiatives by kind and by
    ownership, its public stories and shown crown jewels. Public records only, so shown
    exactly: each equals what the public list of them shows. Six queries."""
    anonymous = AnonymousUser()
    initiatives = Initiative.objects.visible_to(anonymous).filter(kern=kern).order_by()
    stories = Story.objects.visible_to(anonymous).filter(initiative__kern=kern).order_by()
    jewels = CrownJewel.objects.visible_to(anonymous).filter(kern=kern).order_by()

    counting = Counting.PUBLIC

    def exact(count: int) -> str:
        return shown(count, counting)

    return PublicFigures(
        kinds=[(label, exact(counts[0])) for label, counts in kind_rows(initiatives) if counts[0]],
        ownership=[(label, exact(counts[0])) for label, counts in ownership_rows(initiatives)],
        stories=exact(stories.count()),
        jewels=exact(jewels.count()),
        initiatives=exact(initiatives.count()),
        counting=counting,
    )
