"""Forms for stories: writing one, changing one, staff's reaction, the filters of the list.
They only validate; services.stories writes."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatives.forms import TEXT_MAX_LENGTH
from jewels.forms import photo_limit_in_megabytes
from kompas import photos
from kompas.choices import Visibility
from kompas.lists import FilterForm, OpenChoiceField
from stories import services
from stories.models import STORY_VISIBILITY, StoryPhoto
from stories.selectors import StoryFilters
from stories.services import MAX_PHOTOS

STORY_MAX_LENGTH = 20_000
REACTION_MAX_LENGTH = TEXT_MAX_LENGTH
PHOTOS_AGAIN = _(
    "Choose the photos again, please: a form that is shown again cannot keep chosen files."
)
VISIBILITY_LABELS = {
    Visibility.PUBLIC: _(
        "Everyone: on the initiative's page, in the stories of the village or district, "
        "on the home page and in the news feeds"
    ),
    Visibility.SHARED: _(
        "Only the municipality's staff (and the members of the initiative): for what you "
        "want them to know, but not everyone"
    ),
}


class MultipleFileInput(forms.ClearableFileInput):
    """A file input that takes several files at once (Django's "Uploading multiple files")."""

    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Several files at once: ``clean`` gives a list of uploads (empty when none)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        uploads = data if isinstance(data, list | tuple) else [data]
        return [single(upload, initial) for upload in uploads if upload]


class RemovePhotosField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.description or _("Photo %(number)s") % {"number": obj.position or obj.pk}


class StoryForm(forms.Form):
    """Write a story, or change one. The cleaned data holds ``photos`` as a list of
    ``PreparedPhoto`` (checked, resized, without metadata) and ``remove_photos`` as a
    queryset of the story's photos to drop."""

    title = forms.CharField(
        label=_("Title"),
        max_length=160,
        help_text=_("A few words that say what the story is about."),
        error_messages={"required": _("Give your story a title.")},
    )
    text = forms.CharField(
        label=_("Your story"),
        max_length=STORY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "How would you like to explain what you do? In your own words: what happened, "
            "who took part, what it brought about, what you are proud of or learned."
        ),
        error_messages={"required": _("Write your story before saving it.")},
    )
    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        help_text=_("When it happened, or today."),
        error_messages={
            "required": _("Give the date of the story."),
            "invalid": _("Write the date as day-month-year, for example 14-05-2025."),
        },
    )
    visibility = forms.ChoiceField(
        label=_("Who may read this story?"),
        choices=STORY_VISIBILITY,
        initial=Visibility.PUBLIC,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose who may read this story."),
            "invalid_choice": _("Choose who may read this story."),
        },
    )
    photos = MultiplePhotoField(label=_("Photos"), required=False)
    photo_description = forms.CharField(
        label=_("What the photos show"),
        required=False,
        max_length=200,
        help_text=_("A short description for people who cannot see the photos."),
    )
    remove_photos = RemovePhotosField(
        label=_("Remove photos"),
        queryset=StoryPhoto.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose photos of this story.")},
    )

    def __init__(self, *args, story=None, **kwargs):
        self.story = story
        if story is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": story.title,
                    "text": story.text,
                    "date": story.date,
                    "visibility": story.visibility,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate
        self.fields["visibility"].choices = [
            (value, VISIBILITY_LABELS.get(value, label)) for value, label in STORY_VISIBILITY
        ]
        self.fields["photos"].help_text = _(
            "Optional: up to %(max)d photos, chosen together. JPEG, PNG, WebP or GIF images "
            "of at most %(limit)s MB each. We remove the location and camera data from the "
            "photos before storing them."
        ) % {"max": MAX_PHOTOS, "limit": photo_limit_in_megabytes()}
        self.kept_photos = list(story.photos.order_by("position", "pk")) if story else []
        if self.kept_photos:
            self.fields["remove_photos"].queryset = story.photos.order_by("position", "pk")
        else:
            del self.fields["remove_photos"]
        self.photos_given = False

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise ValidationError(_("Give your story a title."))
        return title

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError(_("Write your story before saving it."))
        return text

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise ValidationError(
                _("A story tells what already happened: choose today or an earlier date.")
            )
        return date

    def clean_photos(self):
        uploads = self.cleaned_data.get("photos") or []
        if not uploads:
            return []
        self.photos_given = True
        if len(uploads) > MAX_PHOTOS:
            raise ValidationError(
                _("A story has at most %(max)d photos; you chose %(count)d."),
                params={"max": MAX_PHOTOS, "count": len(uploads)},
            )
        prepared, problems = [], []
        for upload in uploads:
            try:
                prepared.append(photos.prepare_photo(upload))
            except ValidationError as error:
                problems.extend(
                    _("%(file)s: %(problem)s") % {"file": upload.name, "problem": message}
                    for message in error.messages
                )
        if problems:
            raise ValidationError(problems)
        return prepared

    def clean(self):
        data = super().clean()
        removed = data.get("remove_photos") or []
        photos = data.get("photos") or []
        if photos and len(self.kept_photos) - len(removed) + len(photos) > MAX_PHOTOS:
            self.add_error(
                "photos",
                ValidationError(
                    _(
                        "A story has at most %(max)d photos; it already has %(kept)d. Remove "
                        "some, or choose fewer."
                    ),
                    params={"max": MAX_PHOTOS, "kept": len(self.kept_photos) - len(removed)},
                ),
            )
        if self.errors:
            self.ask_photos_again()
        return data

    def story_data(self) -> services.StoryData:
        data = self.cleaned_data
        description = data.get("photo_description", "")
        return services.StoryData(
            title=data["title"],
            text=data["text"],
            date=data["date"],
            visibility=data["visibility"],
            photos=[(photo, description) for photo in data.get("photos") or []],
            remove_photos=[photo.pk for photo in data.get("remove_photos") or []],
        )

    def add_service_error(self, error: ValidationError) -> None:
        """An objection of the service, shown like any other message on the form."""
        self.add_error(None, error)
        self.ask_photos_again()

    def ask_photos_again(self) -> None:
        """A browser cannot keep chosen files: ask for good photos once more."""
        if self.photos_given and not self.has_error("photos"):
            self.add_error("photos", PHOTOS_AGAIN)


class ReactionForm(forms.Form):
    """Staff's reaction to a story: a note to the initiative, beside the story."""

    text = forms.CharField(
        label=_("Your reaction to the initiative"),
        max_length=REACTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "The members of the initiative and the municipality's staff read it, beside the "
            "story. The story itself stays as they wrote it."
        ),
        error_messages={"required": _("Write your reaction before saving it.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "reactie")
        super().__init__(*args, **kwargs)

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError(_("Write your reaction before saving it."))
        return text


class StoryFilterForm(FilterForm):
    """The filters of /verhalen/, as a plain GET form: works without JavaScript. Every value
    is taken as typed (an unknown one finds nothing)."""

    kern = OpenChoiceField(label=_("Village or district"), required=False, max_length=100)
    soort = OpenChoiceField(label=_("Kind of initiative"), required=False, max_length=100)

    def __init__(self, *args, choices, **kwargs):
        kwargs.setdefault("auto_id", "filter_%s")
        super().__init__(*args, **kwargs)
        everything = ("", _("All"))
        self.fields["kern"].choices = [
            everything,
            *((kern.slug, kern.name) for kern in choices["kernen"]),
        ]
        self.fields["soort"].choices = [
            everything,
            *((kind.slug, kind.name) for kind in choices["kinds"]),
        ]

    def filters(self) -> StoryFilters:
        """The filters as the selectors read them."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return StoryFilters(kern=data.get("kern") or "", kind=data.get("soort") or "")
