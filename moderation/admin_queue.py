"""The moderation queue in the administration (/beheer/): what people reported, and a
moderator's decision about each item with the reason the author is told."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from accounts.models import User
from jewels.models import Appreciation, CrownJewel
from kompas import access
from moderation import services
from moderation.forms import ModerationForm
from moderation.models import ModerationDecision, Report
from moderation.services import author_of

RECENTLY_HANDLED = 20
# How many handled reports are read to find the most recent decisions.
RECENT_REPORTS_READ = 200


@dataclass
class ReportedItem:
    """One crown jewel or appreciation with its reports, as the queue shows it."""

    item: CrownJewel | Appreciation
    reports: list[Report] = field(default_factory=list)
    form: ModerationForm | None = None

    @property
    def key(self) -> str:
        """Names the item in the form: "crownjewel-12"."""
        return f"{self.item._meta.model_name}-{self.item.pk}"

    @property
    def is_jewel(self) -> bool:
        return isinstance(self.item, CrownJewel)

    @property
    def jewel(self) -> CrownJewel:
        return self.item if isinstance(self.item, CrownJewel) else self.item.jewel

    @property
    def kind(self) -> str:
        return str(self.item._meta.verbose_name)

    @property
    def author(self) -> User | None:
        return author_of(self.item)

    @property
    def site_url(self) -> str:
        url = self.jewel.get_absolute_url()
        return url if self.is_jewel else url + "#waarderingen"

    @property
    def admin_url(self) -> str:
        return reverse("admin:jewels_crownjewel_change", args=[self.jewel.pk])

    @property
    def count(self) -> int:
        return len(self.reports)

    @property
    def since(self) -> datetime:
        return min(report.created_at for report in self.reports)

    @property
    def reasons(self) -> list[str]:
        return [report.reason for report in self.reports if report.reason]

    # Of a handled group: all its reports share one decision.
    @property
    def decision(self) -> Report:
        return self.reports[0]


def _items_for(keys: set[tuple[int, int]]) -> dict[tuple[int, int], CrownJewel | Appreciation]:
    """The reported items, one query per kind of item."""
    related: dict[type[CrownJewel | Appreciation], list[str]] = {
        CrownJewel: ["category", "nominated_by"],
        Appreciation: ["jewel", "author"],
    }
    types = ContentType.objects.get_for_models(*related)
    found: dict[tuple[int, int], CrownJewel | Appreciation] = {}
    for model, fields in related.items():
        type_id = types[model].pk
        ids = [object_id for item_type_id, object_id in keys if item_type_id == type_id]
        if ids:
            for item in model._base_manager.select_related(*fields).filter(pk__in=ids):
                found[type_id, item.pk] = item
    return found


def open_reported_items() -> list[ReportedItem]:
    """Items with open reports: hidden ones first, then the longest waiting."""
    groups: dict[tuple[int, int], list[Report]] = {}
    for report in Report.objects.filter(handled_at__isnull=True).order_by("created_at", "pk"):
        groups.setdefault((report.content_type_id, report.object_id), []).append(report)
    items = _items_for(set(groups))
    queue = [ReportedItem(items[key], reports) for key, reports in groups.items() if key in items]
    queue.sort(key=lambda entry: (entry.item.hidden_at is None, entry.since))
    return queue


def recently_handled_items(limit: int = RECENTLY_HANDLED) -> list[ReportedItem]:
    """The latest decisions, newest first: one entry per item and moment of deciding."""
    groups: dict[tuple[int, int, datetime | None], list[Report]] = {}
    handled = (
        Report.objects.filter(handled_at__isnull=False)
        .select_related("handled_by")
        .order_by("-handled_at", "pk")[:RECENT_REPORTS_READ]
    )
    for report in handled:
        key = (report.content_type_id, report.object_id, report.handled_at)
        if key in groups or len(groups) < limit:
            groups.setdefault(key, []).append(report)
    items = _items_for({(type_id, object_id) for type_id, object_id, _at in groups})
    return [
        ReportedItem(items[type_id, object_id], reports)
        for (type_id, object_id, _at), reports in groups.items()
        if (type_id, object_id) in items
    ]


def former_gifts_waiting() -> list[CrownJewel]:
    """Former gifts (the category changed before the person answered), longest waiting
    first: staff release them on the jewel's own page once they have looked."""
    return list(
        CrownJewel.objects.filter(access.former_gifts_waiting_q())
        .select_related("category", "nominated_by")
        .order_by("updated_at", "pk")
    )


class ModerationQueueMixin:
    """Adds the moderation queue to the reports' admin, at /beheer/…/report/wachtrij/."""

    moderation_template = "admin/moderation/report/moderation_queue.html"

    def get_urls(self):
        queue = path(
            "wachtrij/",
            self.admin_site.admin_view(self.moderation_queue_view),
            name="moderation_report_moderation",
        )
        return [queue, *super().get_urls()]

    def moderation_queue_view(self, request):
        if not access.can_moderate(request.user):
            raise PermissionDenied
        queue = open_reported_items()
        if request.method == "POST":
            entry = next((e for e in queue if e.key == request.POST.get("item")), None)
            if entry is None:
                messages.warning(
                    request, _("Someone else decided about this already, or it is gone.")
                )
                return redirect("admin:moderation_report_moderation")
            form = entry.form = ModerationForm(request.POST, prefix=entry.key)
            if form.is_valid() and self._decide(request, entry, form):
                return redirect("admin:moderation_report_moderation")
        for entry in queue:
            if entry.form is None:
                entry.form = ModerationForm(prefix=entry.key)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Moderation queue"),
            "opts": self.model._meta,
            "queue": queue,
            "handled": recently_handled_items(),
            "former_gifts": former_gifts_waiting(),
            "reports_before_hiding": settings.KOMPAS_REPORTS_BEFORE_HIDING,
        }
        return TemplateResponse(request, self.moderation_template, context)

    def _decide(self, request, entry: ReportedItem, form: ModerationForm) -> bool:
        decision = form.cleaned_data["decision"]
        reason = form.cleaned_data["reason"]
        decide = (
            services.restore if decision == ModerationDecision.RESTORED else services.keep_hidden
        )
        try:
            decide(entry.item, request.user, reason)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return False
        if decision == ModerationDecision.RESTORED:
            text = _("“%(item)s” is shown again.")
        else:
            text = _("“%(item)s” stays hidden.")
        if entry.author is not None:
            text += " " + _("Its author is told why by email.")
        else:
            text += " " + _("Its author's account no longer exists, so nobody is emailed.")
        messages.success(request, text % {"item": entry.jewel.name})
        return True
