"""Importing initiatives from a spreadsheet in the administration (/beheer/): upload, a
preview with every row's result, confirm. The rows are read by ``resources.py``."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from import_export.admin import ImportMixin

from initiatives.models import Ownership
from initiatives.resources import (
    COLUMNS,
    IMPORT_FORMATS,
    InitiativeResource,
    UnreadableSpreadsheet,
)
from kompas import access


class InitiativeImportMixin(ImportMixin):
    """Adds "import" to the initiatives' admin, for administrators only."""

    resource_classes = [InitiativeResource]
    import_formats = IMPORT_FORMATS
    import_template_name = "admin/initiatives/initiative/import.html"

    def has_import_permission(self, request) -> bool:
        return access.can_administer(request.user)

    def get_import_context_data(self, **kwargs) -> dict:
        """What the upload page explains: the columns and the types of ownership."""
        return {
            **super().get_import_context_data(**kwargs),
            "columns": COLUMNS,
            "ownership_choices": Ownership.choices,
        }

    def get_import_data_kwargs(self, **kwargs) -> dict:
        # Confirming imports the file again: should a row fail now (someone entered the
        # same initiative in the meantime), nothing at all is kept.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def add_data_read_fail_error_to_form(self, form, error) -> None:
        if isinstance(error, UnreadableSpreadsheet):
            form.add_error("import_file", str(error))
            return
        form.add_error(
            "import_file",
            _(
                "This file could not be read. Choose the format that matches it (csv or "
                "xlsx), or save it again from the spreadsheet program."
            ),
        )

    def process_import(self, request, **kwargs):
        try:
            return super().process_import(request, **kwargs)
        except FileNotFoundError:
            # The uploaded file is kept only until it is imported: confirming twice, or
            # coming back to an old preview, finds it gone.
            messages.error(
                request,
                _(
                    "This upload has already been imported or is no longer there. Upload "
                    "the file again."
                ),
            )
            return redirect("admin:initiatives_initiative_import")

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            messages.error(
                request,
                _(
                    "Nothing was imported: the file no longer imports without mistakes. "
                    "Upload it again to see which rows need a change."
                ),
            )
            return redirect("admin:initiatives_initiative_import")
        return super().process_result(result, request)
