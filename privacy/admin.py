"""The audit log in the administration: to search, never to edit."""

from auditlog.admin import LogEntryAdmin as AuditlogEntryAdmin
from auditlog.filters import ResourceTypeFilter
from auditlog.models import LogEntry
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

# --- The audit log: to search, never to edit ----------------------------------------------

admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class AuditLogEntryAdmin(AuditlogEntryAdmin):
    """Who changed what, and who was shown contact details or internal notes. Searchable
    by person, object and date; nobody adds, changes or deletes an entry from the site
    (the retention job removes old ones)."""

    # auditlog's own list searches first_name and last_name, which Kompas's User lacks.
    search_fields = ["object_repr", "=object_pk", "actor__email", "actor__name", "actor_email"]
    list_display = ["created", "resource_url", "action", "msg_short", "shown", "user_url"]
    list_filter = ["action", ResourceTypeFilter, ("timestamp", admin.DateFieldListFilter)]
    readonly_fields = [*AuditlogEntryAdmin.readonly_fields, "shown"]
    fieldsets = [
        (None, {"fields": ["created", "user_url", "resource_url", "cid"]}),
        (_("Changes"), {"fields": ["action", "msg", "shown"]}),
    ]

    @admin.display(description=_("shown"))
    def shown(self, entry) -> str:
        """What a page showed, for an access entry (contact details, internal notes)."""
        viewed = (entry.additional_data or {}).get("viewed", [])
        return ", ".join(viewed) if isinstance(viewed, list) else str(viewed)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
