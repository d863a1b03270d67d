"""The administration (/beheer/): configure the municipality, look after the data."""

from auditlog.admin import LogEntryAdmin as AuditlogEntryAdmin
from auditlog.filters import ResourceTypeFilter
from auditlog.models import LogEntry
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from leaflet.admin import LeafletGeoAdminMixin
from simple_history.admin import SimpleHistoryAdmin

from initiatives import services
from initiatives.models import (
    Appreciation,
    CrownJewel,
    Department,
    Initiative,
    InitiativeKind,
    Invitation,
    JewelCategory,
    JoinRequest,
    Kern,
    Membership,
    Obstacle,
    ObstacleCategory,
    Report,
    StaffNote,
    Story,
    StoryPhoto,
    Tag,
    User,
)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "role", "department", "is_active", "last_login"]
    list_filter = ["role", "department", "is_active"]
    search_fields = ["email", "name"]
    readonly_fields = ["last_login", "date_joined", "is_staff", "is_superuser"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["name", "role", "department"]}),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "role", "department"]}),
    ]
    filter_horizontal: list[str] = []


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "is_partner"]
    list_filter = ["is_partner"]
    search_fields = ["name"]


@admin.register(Kern)
class KernAdmin(LeafletGeoAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "cbs_code"]
    list_filter = ["kind"]
    search_fields = ["name", "cbs_code"]
    prepopulated_fields = {"slug": ["name"]}


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Initiative)
class InitiativeAdmin(LeafletGeoAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "kern", "status", "ownership", "updated_at"]
    list_filter = ["status", "ownership", "kern"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["published_at", "published_by", "created_at", "updated_at"]
    inlines = [MembershipInline]


@admin.register(StaffNote)
class StaffNoteAdmin(SimpleHistoryAdmin):
    list_display = ["initiative", "author", "visibility", "created_at"]
    list_filter = ["visibility"]
    search_fields = ["text", "initiative__name"]
    raw_id_fields = ["initiative", "author"]


@admin.register(InitiativeKind)
class InitiativeKindAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "suggested"]
    list_filter = ["suggested"]
    list_editable = ["suggested"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["merge_into_first"]

    @admin.action(description=_("Merge into the first selected kind"))
    def merge_into_first(self, request, queryset):
        """Near-duplicates ("Broodfonds", "broodfonds Noord") become one kind; the
        initiatives keep it. The first selected, in the list's order, is kept."""
        kinds = list(queryset.order_by("name"))
        if len(kinds) < 2:
            self.message_user(
                request, _("Select at least two kinds to merge."), level=messages.WARNING
            )
            return
        keep, others = kinds[0], kinds[1:]
        merged = services.merge_kinds(keep, others)
        self.message_user(
            request,
            ngettext(
                "%(count)d kind was merged into “%(kind)s”.",
                "%(count)d kinds were merged into “%(kind)s”.",
                merged,
            )
            % {"count": merged, "kind": keep},
            level=messages.SUCCESS,
        )


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "initiative", "invited_by", "created_at", "accepted_at"]
    list_filter = ["accepted_at"]
    search_fields = ["email", "initiative__name"]
    raw_id_fields = ["initiative", "invited_by"]
    readonly_fields = ["token", "created_at", "accepted_at"]


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ["user", "initiative", "status", "created_at", "decided_by", "decided_at"]
    list_filter = ["status"]
    search_fields = ["user__email", "user__name", "initiative__name"]
    raw_id_fields = ["initiative", "user", "decided_by"]
    readonly_fields = ["created_at", "decided_at"]


@admin.register(JewelCategory)
class JewelCategoryAdmin(admin.ModelAdmin):
    """The categories of crown jewel: administrators add, rename and order them."""

    list_display = ["name", "position", "needs_consent", "description"]
    list_editable = ["position", "needs_consent"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class AppreciationInline(admin.TabularInline):
    model = Appreciation
    extra = 0
    fields = ["text", "signed_as", "author_kern", "author", "hidden_at", "created_at"]
    readonly_fields = ["author", "created_at"]


@admin.register(CrownJewel)
class CrownJewelAdmin(LeafletGeoAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "category", "kern", "consent", "hidden_at", "created_at"]
    list_filter = ["category", "consent", "kern"]
    search_fields = ["name", "why", "description"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["nominated_by"]
    filter_horizontal = ["caretakers"]
    readonly_fields = ["consent_answered_at", "created_at", "updated_at"]
    inlines = [AppreciationInline]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """Reports, read-only here: the moderation queue decides what happens."""

    list_display = ["content_type", "object_id", "reason", "created_at", "handled_at"]
    list_filter = ["content_type", "handled_at"]
    readonly_fields = [
        "content_type",
        "object_id",
        "reporter_key",
        "reporter",
        "reason",
        "created_at",
    ]


@admin.register(ObstacleCategory)
class ObstacleCategoryAdmin(admin.ModelAdmin):
    """The kinds of obstacle, seeded with the answers of seed 004: administrators keep them."""

    list_display = ["name", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Obstacle)
class ObstacleAdmin(SimpleHistoryAdmin):
    list_display = ["initiative", "category", "department", "status", "visibility", "happened_on"]
    list_filter = ["status", "visibility", "category", "department"]
    search_fields = ["what_happened", "answer", "initiative__name"]
    raw_id_fields = ["initiative", "reported_by", "answered_by"]
    filter_horizontal = ["conversations"]
    readonly_fields = ["answered_at", "created_at", "updated_at"]


class StoryPhotoInline(admin.TabularInline):
    model = StoryPhoto
    extra = 0


@admin.register(Story)
class StoryAdmin(SimpleHistoryAdmin):
    list_display = ["title", "initiative", "visibility", "date"]
    list_filter = ["visibility"]
    search_fields = ["title", "text", "initiative__name"]
    raw_id_fields = ["initiative", "author"]
    inlines = [StoryPhotoInline]


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
