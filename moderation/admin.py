"""The administration of reports: the list and the moderation queue."""

from django.contrib import admin

from moderation.admin_queue import ModerationQueueMixin
from moderation.models import Report


@admin.register(Report)
class ReportAdmin(ModerationQueueMixin, admin.ModelAdmin):
    """Reports, read-only here: the moderation queue decides what happens."""

    change_list_template = "admin/moderation/report/change_list.html"

    list_display = ["content_type", "object_id", "reason", "created_at", "handled_at", "decision"]
    list_filter = ["content_type", "handled_at", "decision"]
    readonly_fields = [
        "content_type",
        "object_id",
        "reporter_key",
        "reporter",
        "reason",
        "created_at",
        "handled_at",
        "handled_by",
        "decision",
        "decision_reason",
    ]

    def has_add_permission(self, request):
        return False  # people report on the site
