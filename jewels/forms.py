"""Forms for crown jewels: nominating one, appreciating one, reporting something. They
only validate; services.jewels writes."""

from __future__ import annotations

from typing import cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import QueryDict
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from initiatives.forms import DESCRIPTION_MAX_LENGTH, TEXT_MAX_LENGTH
from initiatives.models import Initiative, Membership
from jewels.models import JewelCategory, SignedAs
from jewels.selectors import SHUFFLED, JewelFilters
from jewels.services import APPRECIATION_MAX_LENGTH
from kompas import photos
from kompas.lists import PAGE_PARAMETER, FilterForm, FilterTextField, OpenChoiceField
from places.forms import KernField, PlaceForm

WHY_MAX_LENGTH = TEXT_MAX_LENGTH
REASON_MAX_LENGTH = 2_000
PHOTO_AGAIN = _(
    "Choose the photo again, please: a form that is shown again cannot keep a chosen file."
)


def photo_limit_in_megabytes() -> str:
    return number_format(settings.KOMPAS_PHOTO_MAX_BYTES / (1024 * 1024), decimal_pos=0)


class CategorySelect(forms.RadioSelect):
    """Radio buttons that say which categories are about a person (for
    static/js/jewel_form.js, which shows the email field only then)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None and instance.needs_consent:
            option["attrs"]["data-needs-consent"] = "true"
        return option


class CategoryField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class CaretakersField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.kern.name})" if obj.kern_id else obj.name


class JewelForm(PlaceForm):
    """Nominate a crown jewel, or keep a nomination up to date.

    The cleaned data fits ``services.JewelData.from_form``: ``photo`` is a
    ``PreparedPhoto`` (checked, resized, without metadata) or None, ``location`` a Point or
    None, ``caretakers`` a queryset of initiatives.
    """

    field_order = [
        "name",
        "category",
        "person_email",
        "why",
        "description",
        "kern",
        "latitude",
        "longitude",
        "photo",
        "photo_description",
        "remove_photo",
        "caretakers",
    ]

    name = forms.CharField(
        label=_("Name of the crown jewel"),
        max_length=160,
        help_text=_("As people in the community call it."),
        error_messages={"required": _("Give the crown jewel a name.")},
    )
    category = CategoryField(
        label=_("What kind of crown jewel is it?"),
        queryset=JewelCategory.objects.all(),
        to_field_name="slug",
        empty_label=None,
        widget=CategorySelect,
        error_messages={
            "required": _("Choose what kind of crown jewel it is."),
            "invalid_choice": _("Choose one of the kinds in the list."),
        },
    )
    person_email = forms.EmailField(
        label=_("Email address of the person"),
        required=False,
        max_length=254,
        help_text=_(
            "Only for a person's gift. We first ask the person by email whether they agree. "
            "Nothing is shown to others until they say yes; they can also say no, or "
            "withdraw later."
        ),
        error_messages={
            "invalid": _("Write a complete email address, for example naam@example.nl.")
        },
    )
    why = forms.CharField(
        label=_("Why does it matter to the community?"),
        max_length=WHY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("In your own words: what it gives people, what would be missed without it."),
        error_messages={"required": _("Tell why it matters to the community.")},
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What or who it is, where to find it, since when."),
    )
    kern = KernField(
        required=True,
        help_text=_("Where it belongs. A place on the map is optional."),
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/*"}),
    )
    photo_description = forms.CharField(
        label=_("What the photo shows"),
        required=False,
        max_length=200,
        help_text=_("A short description for people who cannot see the photo."),
    )
    remove_photo = forms.BooleanField(label=_("Remove the photo"), required=False)
    caretakers = CaretakersField(
        label=_("Initiatives that care for it"),
        queryset=Initiative.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose initiatives from the list.")},
    )

    def __init__(self, *args, user, jewel=None, caretaker_slug: str = "", **kwargs):
        self.jewel = jewel
        if jewel is not None:
            kwargs.setdefault("initial", self.initial_for(jewel))
        super().__init__(*args, user=user, **kwargs)
        self.fields["kern"].error_messages["required"] = _(
            "Choose the village or district it belongs to."
        )
        self.fields["photo"].help_text = _(
            "Optional. A JPEG, PNG, WebP or GIF image of at most %(limit)s MB. We remove the "
            "location and camera data from the photo before storing it."
        ) % {"limit": photo_limit_in_megabytes()}
        caretakers = cast(CaretakersField, self.fields["caretakers"])
        caretakers.queryset = self.caretaker_choices(user, jewel, caretaker_slug)
        if jewel is None or not jewel.photo:
            del self.fields["remove_photo"]
        self.photo_given = False

    @staticmethod
    def caretaker_choices(user, jewel, caretaker_slug: str):
        """What is reasonable to offer: on a nomination, the initiatives the nominator is a
        member of (and one passed in the address); on an edit, those in the jewel's kern
        and those already chosen. Always only what the person may see."""
        visible = Initiative.objects.visible_to(user).select_related("kern")
        if jewel is None:
            mine = Membership.objects.filter(user_id=user.pk).values("initiative_id")
            wanted = Q(pk__in=mine)
            if caretaker_slug:
                wanted |= Q(slug=caretaker_slug)
        else:
            wanted = Q(pk__in=jewel.caretakers.values("pk"))
            if jewel.kern_id:
                wanted |= Q(kern_id=jewel.kern_id)
        return visible.filter(wanted).order_by("name", "pk")

    @staticmethod
    def initial_for(jewel) -> dict:
        return {
            "name": jewel.name,
            "category": jewel.category,
            "person_email": jewel.person_email,
            "why": jewel.why,
            "description": jewel.description,
            **PlaceForm.initial_place(jewel.kern, jewel.location),
            "photo_description": jewel.photo_description,
            "caretakers": list(jewel.caretakers.all()),
        }

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        self.photo_given = True
        try:
            return photos.prepare_photo(upload)
        except ValidationError as error:
            raise ValidationError(error.messages) from error

    def clean(self):
        data = super().clean()
        category = data.get("category")
        email = (data.get("person_email") or "").strip().lower()
        data["person_email"] = email if category is not None and category.needs_consent else ""
        if (
            category is not None
            and category.needs_consent
            and not email
            and not self.has_error("person_email")
        ):
            self.add_error(
                "person_email",
                _(
                    "A person's gift is shown only when that person agrees: give their "
                    "email address, so we can ask them."
                ),
            )
        data["remove_photo"] = bool(data.get("remove_photo")) and data.get("photo") is None
        if self.errors:
            self.ask_photo_again()
        return data

    def add_service_error(self, error: ValidationError) -> None:
        """An objection of the service, shown like any other message on the form."""
        self.add_error(None, error)
        self.ask_photo_again()

    def ask_photo_again(self) -> None:
        """A browser cannot keep a chosen file: ask for a good photo once more."""
        if self.photo_given and not self.has_error("photo"):
            self.add_error("photo", PHOTO_AGAIN)


class AppreciationForm(forms.Form):
    """A few words on what a crown jewel means to you, signed as you choose."""

    text = forms.CharField(
        label=_("What does it mean to you?"),
        max_length=APPRECIATION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few words are enough."),
        error_messages={"required": _("Write a few words on what it means to you.")},
    )
    signed_as = forms.ChoiceField(
        label=_("Show me as"),
        choices=SignedAs.choices,
        initial=SignedAs.KERN,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you want to be shown.")},
    )
    author_kern = KernField(label=_("Where you live"))

    def __init__(self, *args, user, jewel, **kwargs):
        kwargs.setdefault("prefix", "waardering")
        kwargs.setdefault("initial", {"author_kern": jewel.kern})
        super().__init__(*args, **kwargs)
        self.fields["author_kern"].for_user(user)
        self.fields["signed_as"].choices = [
            (SignedAs.NAME, _("With my name")),
            (SignedAs.KERN, _("As a resident of the village or district below")),
        ]

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError(_("Write a few words on what it means to you."))
        return text


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is not right about it?"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional. It helps the moderator to understand what you saw."),
    )


class JewelFilterForm(FilterForm):
    """The registry's filters, as a plain GET form: works without JavaScript. There is no
    order by appreciation, on purpose. Every value is taken as typed (an unknown one finds
    nothing). Without ``choices`` the form only reads the filters: the map's layer."""

    kern = OpenChoiceField(label=_("Village or district"), required=False, max_length=100)
    categorie = OpenChoiceField(label=_("Kind"), required=False, max_length=100)
    volgorde = OpenChoiceField(
        label=_("Order"),
        required=False,
        max_length=100,
        choices=[
            ("naam", _("By name")),
            ("nieuw", _("Newest first")),
            ("verrassing", _("Surprise me")),
        ],
    )
    # The seed of this visit's shuffle, set by the list itself (never shown).
    schud = FilterTextField(required=False, max_length=100, widget=forms.HiddenInput)

    ORDERS = {"naam": "name", "nieuw": "newest", "verrassing": SHUFFLED}

    def __init__(self, *args, choices=None, **kwargs):
        kwargs.setdefault("auto_id", "filter_%s")
        super().__init__(*args, **kwargs)
        if choices is None:
            return
        everything = ("", _("All"))
        self.fields["kern"].choices = [
            everything,
            *((kern.slug, kern.name) for kern in choices["kernen"]),
        ]
        self.fields["categorie"].choices = [
            everything,
            *((category.slug, category.name) for category in choices["categories"]),
        ]

    def filters(self) -> JewelFilters:
        """The filters as the selectors read them; an unknown order is by name."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return JewelFilters(
            kern=data.get("kern") or "",
            category=data.get("categorie") or "",
            order=self.ORDERS.get(data.get("volgorde") or "", "name"),
            seed=data.get("schud") or "",
        )

    def seeded_query(self, seed: str) -> str:
        """This query string with ``seed`` for the shuffle, from the first page: every
        page link keeps the same shuffle, so paging shows each jewel once."""
        # Bound to the request's GET: a QueryDict, though forms type their data as a mapping.
        query = cast(QueryDict, self.data).copy()
        query["schud"] = seed
        query.pop(PAGE_PARAMETER, None)
        return query.urlencode()
