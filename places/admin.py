"""The administration of kernen, with the import of a boundary file."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from leaflet.admin import LeafletGeoAdminMixin
from simple_history.admin import SimpleHistoryAdmin

from kompas import access
from places.admin_import import KernImportMixin
from places.models import Kern


@admin.register(Kern)
class KernAdmin(KernImportMixin, LeafletGeoAdminMixin, SimpleHistoryAdmin):
    change_list_template = "admin/places/kern/change_list.html"
    list_display = ["name", "kind", "cbs_code"]
    list_filter = ["kind"]
    search_fields = ["name", "cbs_code"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["contact_persons"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # Contact persons pick up what waits: people of the organisation only.
        if db_field.name == "contact_persons":
            kwargs["queryset"] = get_user_model().objects.filter(access.staff_people_q())
        return super().formfield_for_manytomany(db_field, request, **kwargs)
