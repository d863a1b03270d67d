"""The administration (/beheer/): configure the municipality, look after the data."""

from auditlog.admin import LogEntryAdmin as AuditlogEntryAdmin
from auditlog.filters import ResourceTypeFilter
from auditlog.models import LogEntry
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from leaflet.admin import LeafletGeoAdminMixin
from simple_history.admin import SimpleHistoryAdmin

from initiatives import services
from initiatives.admin_kernen import KernImportMixin
from initiatives.admin_moderation import ModerationQueueMixin
from initiatives.admin_spreadsheet import InitiativeImportMixin
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
    # Blocking goes through the actions, which also sign the person out everywhere.
    readonly_fields = ["last_login", "date_joined", "is_active", "is_staff", "is_superuser"]
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
    actions = ["block", "unblock"]

    @admin.action(description=_("Block the selected accounts"))
    def block(self, request, queryset):
        """Blocked people cannot sign in, and are signed out everywhere at once."""
        blocked = 0
        for user in queryset:
            try:
                services.block_account(user, request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), level=messages.ERROR)
            else:
                blocked += 1
        if blocked:
            self.message_user(
                request,
                ngettext(
                    "%(count)d account was blocked and signed out.",
                    "%(count)d accounts were blocked and signed out.",
                    blocked,
                )
                % {"count": blocked},
                level=messages.SUCCESS,
            )

    @admin.action(description=_("Unblock the selected accounts"))
    def unblock(self, request, queryset):
        for user in queryset:
            services.unblock_account(user, request.user)
        count = len(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d account can sign in again.",
                "%(count)d accounts can sign in again.",
                count,
            )
            % {"count": count},
            level=messages.SUCCESS,
        )


class MergeTermsAdmin(admin.ModelAdmin):
    """A vocabulary anyone adds to: administrators merge near-duplicates ("Broodfonds",
    "broodfonds Noord") into one term, and whatever used them keeps it."""

    actions = ["merge_into_first"]

    @admin.action(description=_("Merge the selected %(verbose_name_plural)s into the first one"))
    def merge_into_first(self, request, queryset):
        """The first selected, in the list's order, is kept."""
        terms = list(queryset.order_by(*self.model._meta.ordering))
        if len(terms) < 2:
            self.message_user(request, _("Select at least two to merge."), level=messages.WARNING)
            return
        keep, others = terms[0], terms[1:]
        try:
            merged = services.merge_terms(keep, others)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), level=messages.ERROR)
            return
        self.message_user(
            request,
            ngettext(
                "%(count)d was merged into “%(term)s”.",
                "%(count)d were merged into “%(term)s”.",
                merged,
            )
            % {"count": merged, "term": keep},
            level=messages.SUCCESS,
        )


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "is_partner"]
    list_filter = ["is_partner"]
    search_fields = ["name"]


@admin.register(Kern)
class KernAdmin(KernImportMixin, LeafletGeoAdminMixin, SimpleHistoryAdmin):
    change_list_template = "admin/initiatives/kern/change_list.html"
    list_display = ["name", "kind", "cbs_code"]
    list_filter = ["kind"]
    search_fields = ["name", "cbs_code"]
    prepopulated_fields = {"slug": ["name"]}


class MembershipInline(admin.TabularInline):
    """Members are shown and may be removed here. A member can put the initiative on the
    public map, so people become members only through an invitation or a request to join
    that staff accept, never by an administrator's hand."""

    model = Membership
    extra = 0
    fields = ["user", "role", "created_at"]
    readonly_fields = ["user", "created_at"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Initiative)
class InitiativeAdmin(InitiativeImportMixin, LeafletGeoAdminMixin, SimpleHistoryAdmin):
    """Initiatives; administrators also import them from a spreadsheet (admin_spreadsheet)."""

    list_display = ["name", "kern", "status", "ownership", "updated_at"]
    list_filter = ["status", "ownership", "kern"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    # The consent of the initiative: its status (who put it on the public map, and when)
    # and whether its contact details are shown change only on the site, through the
    # services that check who may and record who did.
    readonly_fields = [
        "status",
        "published_at",
        "published_by",
        "contact_consent",
        "created_at",
        "updated_at",
    ]
    inlines = [MembershipInline]


@admin.register(StaffNote)
class StaffNoteAdmin(SimpleHistoryAdmin):
    list_display = ["initiative", "author", "visibility", "created_at"]
    list_filter = ["visibility"]
    search_fields = ["text", "initiative__name"]
    raw_id_fields = ["initiative", "author"]


@admin.register(InitiativeKind)
class InitiativeKindAdmin(MergeTermsAdmin):
    list_display = ["name", "slug", "suggested"]
    list_filter = ["suggested"]
    list_editable = ["suggested"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(MergeTermsAdmin):
    """The tags of what initiatives offer and wish for, one list for both."""

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
    # Staff decide on the site, which makes the person a member when they accept.
    readonly_fields = ["status", "decided_by", "created_at", "decided_at"]


@admin.register(JewelCategory)
class JewelCategoryAdmin(MergeTermsAdmin):
    """The categories of crown jewel: administrators add, rename and order them."""

    list_display = ["name", "position", "needs_consent", "description"]
    list_editable = ["position", "needs_consent"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class AppreciationInline(admin.TabularInline):
    model = Appreciation
    extra = 0
    fields = ["text", "signed_as", "author_kern", "author", "hidden_at", "created_at"]
    # Shown again or kept hidden in the moderation queue, which tells the author why.
    readonly_fields = ["author", "hidden_at", "created_at"]


@admin.register(CrownJewel)
class CrownJewelAdmin(LeafletGeoAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "category", "kern", "consent", "hidden_at", "created_at"]
    list_filter = ["category", "consent", "kern"]
    search_fields = ["name", "why", "description"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["caretakers"]
    # hidden_at: decided in the moderation queue, which tells the nominator why. A
    # person's gift (its category, the person and their consent) changes only on the
    # site: the person answers by email, staff release a former gift after a look.
    readonly_fields = [
        "category",
        "nominated_by",
        "person_email",
        "consent",
        "consent_answered_at",
        "hidden_at",
        "created_at",
        "updated_at",
    ]
    inlines = [AppreciationInline]

    def has_add_permission(self, request) -> bool:
        return False  # nominated on the site, which asks the person a gift is about


@admin.register(Report)
class ReportAdmin(ModerationQueueMixin, admin.ModelAdmin):
    """Reports, read-only here: the moderation queue decides what happens."""

    change_list_template = "admin/initiatives/report/change_list.html"

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


@admin.register(ObstacleCategory)
class ObstacleCategoryAdmin(MergeTermsAdmin):
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
    raw_id_fields = ["initiative", "reported_by"]
    filter_horizontal = ["conversations"]
    # Who reads it is the initiative's choice; the answer is given on the site, which
    # records who answered and when.
    readonly_fields = [
        "visibility",
        "status",
        "answer",
        "answered_by",
        "answered_at",
        "created_at",
        "updated_at",
    ]


class StoryPhotoInline(admin.TabularInline):
    model = StoryPhoto
    extra = 0


@admin.register(Story)
class StoryAdmin(SimpleHistoryAdmin):
    list_display = ["title", "initiative", "visibility", "date"]
    list_filter = ["visibility"]
    search_fields = ["title", "text", "initiative__name"]
    raw_id_fields = ["initiative", "author"]
    # Who reads a story is the initiative's own choice, made on the site.
    readonly_fields = ["visibility"]
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
