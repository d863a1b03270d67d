"""Importing the boundaries of villages and districts in the administration."""

from django import forms
from django.utils.translation import gettext_lazy as _

from initiatives.models import KernKind
from initiatives.services.kernen import UPLOAD_SUFFIXES

FIELD_NAME_MAX_LENGTH = 100


class KernImportForm(forms.Form):
    """A boundary file and which of its fields holds the name (and the CBS code)."""

    file = forms.FileField(
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
