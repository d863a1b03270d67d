"""Importing the boundaries of villages and districts in the administration."""

from django import forms
from django.utils.translation import gettext_lazy as _

from places.boundary_files import UPLOAD_SUFFIXES
from places.models import KernKind

FIELD_NAME_MAX_LENGTH = 100


class KernImportForm(forms.Form):
    """A boundary file and which of its fields holds the name (and the CBS code).

    After the file was found to overlap other places, the confirmation sends the same
    fields with ``kept_file`` (the token of the file kept meanwhile) instead of the file.
    """

    file = forms.FileField(
        required=False,
        label=_("Boundary file"),
        help_text=_(
            "GeoJSON, GeoPackage or a zipped Shapefile, in EPSG:4326 or RD New, with "
            "Polygon or MultiPolygon boundaries."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(UPLOAD_SUFFIXES)}),
        error_messages={
            "required": _("Choose a boundary file."),
            "empty": _("The file is empty."),
        },
    )
    name_field = forms.CharField(
        label=_("Field with the name"),
        max_length=FIELD_NAME_MAX_LENGTH,
        initial="naam",
        error_messages={"required": _("Say which field of the file holds the name.")},
    )
    code_field = forms.CharField(
        label=_("Field with the CBS code"),
        max_length=FIELD_NAME_MAX_LENGTH,
        required=False,
        help_text=_("Optional. With a code, places are matched by code, else by name."),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("new ones become villages; existing ones keep theirs")), *KernKind.choices],
        required=False,
    )
    layer = forms.CharField(
        label=_("Layer"),
        max_length=FIELD_NAME_MAX_LENGTH,
        required=False,
        help_text=_("Only for a file with several layers."),
    )
    kept_file = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("file") and not cleaned.get("kept_file") and "file" not in self.errors:
            self.add_error("file", self.fields["file"].error_messages["required"])
        return cleaned
