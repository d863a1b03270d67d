"""The administration (/beheer/): configure the municipality, look after the data."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from leaflet.admin import LeafletGeoAdminMixin
from simple_history.admin import SimpleHistoryAdmin

from initiatives.admin_spreadsheet import InitiativeImportMixin
from initiatives.models import (
    Initiative,
    InitiativeKind,
    Invitation,
    JoinRequest,
    Membership,
    StaffNote,
    Tag,
)
from initiatives.terms import merge_terms


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
            merged = merge_terms(keep, others)
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
