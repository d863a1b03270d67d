"""The administration of crown jewels and their categories."""

from django.contrib import admin
from leaflet.admin import LeafletGeoAdminMixin
from simple_history.admin import SimpleHistoryAdmin

from initiatives.admin import MergeTermsAdmin
from jewels.models import Appreciation, CrownJewel, JewelCategory


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
