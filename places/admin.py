"""The administration of kernen, with the import of a boundary file."""

from django.contrib import admin
from leaflet.admin import LeafletGeoAdminMixin
from simple_history.admin import SimpleHistoryAdmin

from places.admin_import import KernImportMixin
from places.models import Kern


@admin.register(Kern)
class KernAdmin(KernImportMixin, LeafletGeoAdminMixin, SimpleHistoryAdmin):
    change_list_template = "admin/places/kern/change_list.html"
    list_display = ["name", "kind", "cbs_code"]
    list_filter = ["kind"]
    search_fields = ["name", "cbs_code"]
    prepopulated_fields = {"slug": ["name"]}
