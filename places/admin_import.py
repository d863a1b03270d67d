"""Importing a boundary file of kernen from the administration (/beheer/), with the
service that `manage.py import_kernen` uses."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _

from kompas import access
from places import services
from places.forms_import import KernImportForm
from places.models import Kern
from places.services import (
    KernOverlapError,
    import_kept_kernen_upload,
    import_kernen_upload,
    keep_kernen_upload,
)

# More lines than this are summed up rather than listed in the messages.
CHANGES_LISTED = 30


class KernImportMixin:
    """Adds "import a boundary file" to the kernen's admin, at /beheer/…/kern/importeren/."""

    # Given by the ModelAdmin this is mixed into.
    admin_site: AdminSite
    model: type[Kern]

    import_template = "admin/places/kern/import_form.html"
    overlap_template = "admin/places/kern/import_overlap.html"

    def get_urls(self):
        upload = path(
            "importeren/",
            self.admin_site.admin_view(self.import_view),
            name="places_kern_import",
        )
        return [upload, *super().get_urls()]

    def import_view(self, request):
        if not (access.can_administer(request.user) and self.has_add_permission(request)):
            raise PermissionDenied
        form = KernImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            options = {
                "name_field": data["name_field"],
                "code_field": data["code_field"] or None,
                "kind": data["kind"] or None,
                "layer": data["layer"] or None,
            }
            try:
                if data["file"]:
                    report = import_kernen_upload(data["file"], **options)
                else:
                    # The administrator saw the overlaps of the kept file and confirmed.
                    report = import_kept_kernen_upload(data["kept_file"], **options)
            except KernOverlapError as error:
                return self.confirm_overlap(request, form, error, keep_kernen_upload(data["file"]))
            except services.KernImportError as error:
                form.add_error("file", str(error))
            else:
                for note in report.notes:
                    messages.info(request, note)
                for change in report.changes[:CHANGES_LISTED]:
                    messages.info(request, change.describe())
                messages.success(request, report.summary())
                return redirect("admin:places_kern_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import a boundary file"),
            "opts": self.model._meta,
            "form": form,
        }
        return TemplateResponse(request, self.import_template, context)

    def confirm_overlap(self, request, form, error, kept_file: str):
        """Which places the file's boundaries overlap, and by how much; importing it
        anyway sends the same fields with the kept file."""
        context = {
            **self.admin_site.each_context(request),
            "title": _("The boundaries overlap other places"),
            "opts": self.model._meta,
            "form": form,
            "error": error,
            "kept_file": kept_file,
        }
        return TemplateResponse(request, self.overlap_template, context)
