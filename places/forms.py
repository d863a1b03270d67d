"""Choosing a place: a kern and a point on the map, checked against each other."""

from django import forms
from django.conf import settings
from django.contrib.gis.geos import Point
from django.utils.translation import gettext_lazy as _

from places.models import Kern


class KernField(forms.ModelChoiceField):
    """A village or district, chosen by slug; the form narrows the queryset to what the
    person may see (``for_user``)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Village or district"))
        super().__init__(
            queryset=Kern.objects.none(),
            to_field_name="slug",
            empty_label=_("Choose a village or district"),
            error_messages={
                "invalid_choice": _(
                    "We do not know that village or district. Choose one from the list."
                )
            },
            **kwargs,
        )

    def for_user(self, user) -> None:
        self.queryset = Kern.objects.visible_to(user).only("name", "slug")


class CoordinateField(forms.FloatField):
    """A latitude or longitude as a plain number input: works without JavaScript, and
    accepts a decimal comma as typed in Dutch."""

    widget = forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"})

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        number = super().to_python(value)
        return None if number is None else round(number, 6)


def kernen_at(point: Point) -> list[Kern]:
    """The kernen whose boundary holds this point (on a shared border, both)."""
    return list(Kern.objects.filter(boundary__intersects=point).only("name", "slug", "boundary"))


def municipality_has_boundaries() -> bool:
    return Kern.objects.filter(boundary__isnull=False).exists()


class PlaceForm(forms.Form):
    """Where something is: a village or district, and an optional place on the map
    (templates/places/partials/place_picker.html). The cleaned data has ``location``
    (a Point or None); a place inside a kern fills in that kern when none was chosen."""

    kern = KernField(
        help_text=_("Only the village or district is enough; a place on the map is optional."),
    )
    latitude = CoordinateField(
        label=_("Latitude"),
        required=False,
        min_value=-90,
        max_value=90,
        error_messages={
            "invalid": _("Write the latitude as a number, for example 52.78."),
            "min_value": _("A latitude lies between -90 and 90."),
            "max_value": _("A latitude lies between -90 and 90."),
        },
    )
    longitude = CoordinateField(
        label=_("Longitude"),
        required=False,
        min_value=-180,
        max_value=180,
        error_messages={
            "invalid": _("Write the longitude as a number, for example 6.62."),
            "min_value": _("A longitude lies between -180 and 180."),
            "max_value": _("A longitude lies between -180 and 180."),
        },
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["kern"].for_user(user)

    @staticmethod
    def initial_place(kern, location) -> dict:
        return {
            "kern": kern,
            "latitude": round(location.y, 6) if location else None,
            "longitude": round(location.x, 6) if location else None,
        }

    def clean(self):
        data = super().clean()
        data["location"] = self._clean_place(data)
        return data

    def _clean_place(self, data) -> Point | None:
        latitude, longitude = data.get("latitude"), data.get("longitude")
        if self.has_error("latitude") or self.has_error("longitude"):
            return None
        if latitude is None and longitude is None:
            return None
        if latitude is None or longitude is None:
            missing = "latitude" if latitude is None else "longitude"
            self.add_error(missing, _("Fill in both latitude and longitude, or leave both empty."))
            return None
        point = Point(longitude, latitude, srid=4326)
        if not municipality_has_boundaries():
            return point
        around = kernen_at(point)
        if not around:
            self.add_error(
                "latitude",
                _(
                    "This place lies outside %(municipality)s. Choose a place within the "
                    "municipality, or leave the place empty and choose only a village or district."
                )
                % {"municipality": settings.KOMPAS_MUNICIPALITY_NAME},
            )
            return None
        chosen = data.get("kern")
        if chosen is None:
            # The place says where it is: no need to ask again.
            data["kern"] = around[0]
        elif chosen.boundary is not None and chosen not in around:
            self.add_error(
                "kern",
                _(
                    "The place on the map lies in %(place)s, not in %(chosen)s. Choose "
                    "%(place)s, or move the place on the map."
                )
                % {"place": around[0].name, "chosen": chosen.name},
            )
        return point
