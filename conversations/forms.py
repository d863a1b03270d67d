"""The conversation form: written on a phone, with one hand, right after the talk.

Forms only validate; ``services.log_conversation`` and ``update_conversation`` write.
``ConversationEntry`` holds the form and its tips and hands the services what they need.
"""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.forms.utils import ErrorDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conversations import services
from conversations.models import Conversation
from initiatives.forms import DESCRIPTION_MAX_LENGTH, TEXT_MAX_LENGTH
from initiatives.models import Initiative
from kompas.choices import Visibility
from places.forms import KernField, kernen_at
from places.models import Kern

MAX_INITIATIVES = 30
MAX_TIPS = 10
LARGEST_ID = 2**63 - 1  # a bigint: anything larger cannot be an initiative


class Quiet:
    """A form that, while ``searching``, keeps what was typed without judging it: the
    search button reloads the form with results, and nothing is saved or refused yet."""

    searching = False

    def full_clean(self):
        if self.searching:
            self._errors = ErrorDict()
            self.cleaned_data = {}
            return
        super().full_clean()


class InitiativeChoiceField(forms.Field):
    """The chosen initiatives, as ids. The page renders their checkboxes itself (the
    chosen ones and the results of a search), never a list of every initiative: there can
    be thousands. Cleans to a list of ids, each once, in the order chosen."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "invalid": _("Choose the initiatives from the search."),
        "too_many": _("Choose at most %(max)d initiatives."),
    }

    def to_python(self, value) -> list[int]:
        if value in self.empty_values:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list | tuple):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        ids: list[int] = []
        for raw in value:
            raw = str(raw).strip()
            if not (raw.isascii() and raw.isdigit()) or not 0 < int(raw) <= LARGEST_ID:
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            if int(raw) not in ids:
                ids.append(int(raw))
        if len(ids) > MAX_INITIATIVES:
            raise ValidationError(
                self.error_messages["too_many"], code="too_many", params={"max": MAX_INITIATIVES}
            )
        return ids


def chosen_ids(data, name: str) -> list[int]:
    """The ids in a bound form's raw data that could be initiatives (for showing what was
    chosen again; validation says what is wrong with the rest)."""
    ids = []
    for raw in data.getlist(name) if hasattr(data, "getlist") else data.get(name, []):
        raw = str(raw).strip()
        if raw.isascii() and raw.isdigit() and 0 < int(raw) <= LARGEST_ID and int(raw) not in ids:
            ids.append(int(raw))
    return ids[:MAX_INITIATIVES]


VISIBILITY_CHOICES = [
    (
        Visibility.SHARED,
        _(
            "Shared: the initiatives it is about can read it. It is what the municipality "
            "knows about them."
        ),
    ),
    (Visibility.INTERNAL, _("Internal: only staff can read it.")),
]


class ConversationForm(Quiet, forms.Form):
    """What the author writes down. Only "what I learned" and an initiative or a village
    or district are needed (the latter is checked by ``ConversationEntry``, which also
    counts initiatives linked from the tips)."""

    date = forms.DateField(
        label=_("When did you talk?"),
        initial=timezone.localdate,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        error_messages={
            "required": _("Say on which day you talked."),
            "invalid": _("Write the date as day-month-year, for example 14-3-2025."),
        },
    )
    initiatives = InitiativeChoiceField(label=_("Which initiatives was it about?"), required=False)
    kern = KernField(
        label=_("Which village or district?"),
        help_text=_("Enough on its own when the conversation was not about one initiative."),
    )
    place = forms.CharField(
        label=_("Where did you talk?"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"placeholder": _("for example: the bench at the playground")}
        ),
    )
    latitude = forms.CharField(required=False, widget=forms.HiddenInput)
    longitude = forms.CharField(required=False, widget=forms.HiddenInput)
    with_whom = forms.CharField(
        label=_("With whom?"),
        required=False,
        max_length=200,
        help_text=_("No names or personal details needed."),
        widget=forms.TextInput(
            attrs={"placeholder": _("for example: three people from the vegetable garden")}
        ),
    )
    learned = forms.CharField(
        label=_("What did you learn?"),
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What do they do, what drives them, what are they proud of?"),
        error_messages={"required": _("Write down what you learned.")},
    )
    ideas = forms.CharField(
        label=_("Ideas in the attic"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Plans they keep for later, or dreams they have not started on yet."),
    )
    talents = forms.CharField(
        label=_("Talents and energy you noticed"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What are they good at? Where do they get their energy from?"),
    )
    to_connect = forms.CharField(
        label=_("What could be connected?"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Who could learn from them, or has something to offer them?"),
    )
    visibility = forms.ChoiceField(
        label=_("Who may read this?"),
        choices=VISIBILITY_CHOICES,
        initial=Visibility.SHARED,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose who may read this."),
            "invalid_choice": _("Choose who may read this."),
        },
    )

    def __init__(self, *args, user, conversation: Conversation | None = None, **kwargs):
        self.user = user
        self.searching = kwargs.pop("searching", False)
        if conversation is not None:
            kwargs.setdefault("initial", self.initial_for(conversation))
        super().__init__(*args, **kwargs)
        cast(KernField, self.fields["kern"]).for_user(user)
        self.fields["date"].widget.attrs["max"] = timezone.localdate().isoformat()
        self._chosen: list[Initiative] | None = None

    @staticmethod
    def initial_for(conversation: Conversation) -> dict:
        location = conversation.location
        return {
            "date": conversation.date,
            "initiatives": [initiative.pk for initiative in conversation.initiatives.all()],
            "kern": conversation.kern,
            "place": conversation.place,
            "latitude": f"{location.y:.6f}" if location else "",
            "longitude": f"{location.x:.6f}" if location else "",
            "with_whom": conversation.with_whom,
            "learned": conversation.learned,
            "ideas": conversation.ideas,
            "talents": conversation.talents,
            "to_connect": conversation.to_connect,
            "visibility": conversation.visibility,
        }

    def chosen_initiatives(self) -> list[Initiative]:
        """The initiatives chosen so far that this author may see, to show as checked
        (one query). A forged id is simply not shown; ``clean_initiatives`` says so."""
        if self._chosen is None:
            if self.is_bound:
                ids = chosen_ids(self.data, self.add_prefix("initiatives"))
            else:
                ids = list(self.initial.get("initiatives") or [])
            found = {
                initiative.pk: initiative
                for initiative in Initiative.objects.visible_to(self.user)
                .filter(pk__in=ids)
                .select_related("kern")
                .only("name", "slug", "status", "kern__name", "kern__slug")
            }
            self._chosen = [found[pk] for pk in ids if pk in found]
        return self._chosen

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day > timezone.localdate():
            raise ValidationError(
                _("A conversation cannot take place in the future."), code="future"
            )
        return day

    def clean_initiatives(self):
        ids = self.cleaned_data["initiatives"]
        found = {
            initiative.pk: initiative
            for initiative in Initiative.objects.visible_to(self.user).filter(pk__in=ids)
        }
        if len(found) != len(ids):
            raise ValidationError(
                _(
                    "One of the chosen initiatives does not exist, or is not one you can "
                    "see. Search for it again."
                ),
                code="not_visible",
            )
        return [found[pk] for pk in ids]

    def clean(self):
        data = super().clean()
        data["location"] = self._clean_location(data)
        return data

    def _clean_location(self, data) -> Point | None:
        """The hidden latitude and longitude that "use my location" filled in. A place
        inside a village or district also says which one, when none was chosen."""
        latitude = (data.get("latitude") or "").strip().replace(",", ".")
        longitude = (data.get("longitude") or "").strip().replace(",", ".")
        if not latitude and not longitude:
            return None
        try:
            lat, lng = float(latitude), float(longitude)
        except ValueError:
            lat = lng = float("nan")
        if not (-90 <= lat <= 90 and -180 <= lng <= 180):
            self.add_error(
                "place",
                ValidationError(
                    _(
                        "Your location could not be used. Try “use my location” again, or "
                        "describe the place in words."
                    ),
                    code="location",
                ),
            )
            return None
        point = Point(round(lng, 6), round(lat, 6), srid=4326)
        if data.get("kern") is None and not self.has_error("kern"):
            around = kernen_at(point)
            if around:
                data["kern"] = around[0]
        return point


class TipForm(Quiet, forms.Form):
    """A community that was mentioned and that nobody knew yet. An empty row is skipped."""

    name = forms.CharField(label=_("Name of the community"), required=False, max_length=160)
    kern = KernField()
    heard = forms.CharField(
        label=_("What did you hear about them?"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    link_instead = forms.BooleanField(
        label=_("Link that initiative instead of making a new tip"),
        required=False,
        help_text=_("What you heard is added to what you learned."),
    )

    def __init__(self, *args, user, searching=False, **kwargs) -> None:
        self.user = user
        self.searching = searching
        self.existing: Initiative | None = None
        super().__init__(*args, **kwargs)
        cast(KernField, self.fields["kern"]).for_user(user)

    def clean(self):
        data = super().clean()
        data["link"] = None
        name = data.get("name")
        if not name:
            if data.get("heard") or data.get("kern"):
                self.add_error("name", _("Give the community a name, or leave this tip empty."))
            return data
        self.existing = existing_initiative(self.user, name, data.get("kern"))
        if self.existing is None:
            return data
        if data.get("link_instead"):
            data["link"] = self.existing
        else:
            self.add_error(
                "name",
                ValidationError(
                    _("There is already an initiative called “%(name)s”: link it instead?"),
                    code="exists",
                    params={"name": self.existing.name},
                ),
            )
        return data


def existing_initiative(user, name: str, kern: Kern | None) -> Initiative | None:
    """An initiative the author may see with this name (in any case), preferably in the
    same village or district."""
    return (
        Initiative.objects.visible_to(user)
        .filter(name__iexact=name.strip())
        .select_related("kern")
        .annotate(
            elsewhere=Case(
                When(kern=kern, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
            if kern is not None
            else Value(0)
        )
        .order_by("elsewhere", "pk")
        .first()
    )


class BaseTipFormSet(forms.BaseFormSet):
    default_error_messages = {
        "missing_management_form": _(
            "The tips could not be read. Please type them again; the rest is kept."
        ),
        "too_many_forms": _("Write down at most %(num)d tips at a time."),
    }

    def __init__(self, *args, user, searching=False, **kwargs):
        self.searching = searching
        kwargs.setdefault("prefix", "tips")
        kwargs["form_kwargs"] = {"user": user, "searching": searching}
        super().__init__(*args, **kwargs)

    def full_clean(self):
        if self.searching:
            self._errors = [ErrorDict() for _form in self.forms]
            self._non_form_errors = self.error_class(renderer=self.renderer)
            return
        super().full_clean()

    def clean(self) -> None:
        seen: set[str] = set()
        for form in self.forms:
            name = (getattr(form, "cleaned_data", None) or {}).get("name")
            if not name:
                continue
            if name.casefold() in seen:
                raise ValidationError(
                    _("You named “%(name)s” twice. One tip per community is enough."),
                    code="twice",
                    params={"name": name},
                )
            seen.add(name.casefold())

    def _rows(self):
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("name"):
                yield data

    def tips(self) -> list[services.TipData]:
        return [
            services.TipData(name=row["name"], kern=row.get("kern"), heard=row.get("heard", ""))
            for row in self._rows()
            if row.get("link") is None
        ]

    def linked(self) -> list[tuple[Initiative, str]]:
        """Existing initiatives the author chose to link instead of a tip, with what was
        heard about them."""
        return [(row["link"], row.get("heard", "")) for row in self._rows() if row.get("link")]


TipFormSet = forms.formset_factory(
    TipForm,
    formset=BaseTipFormSet,
    extra=2,
    max_num=MAX_TIPS,
    absolute_max=MAX_TIPS,
    validate_max=True,
)


class ConversationEntry:
    """The conversation form and, for a new conversation, its tips, validated together."""

    def __init__(self, data=None, *, user, conversation=None, searching=False, about=None):
        initial = {"initial": self.initial_about(about)} if about is not None else {}
        self.form = ConversationForm(
            data, user=user, conversation=conversation, searching=searching, **initial
        )
        self.tips = (
            TipFormSet(data, user=user, searching=searching) if conversation is None else None
        )

    @staticmethod
    def initial_about(initiative: Initiative) -> dict:
        """A new conversation started from an initiative's page is about that initiative."""
        return {"initiatives": [initiative.pk], "kern": initiative.kern}

    def is_valid(self) -> bool:
        if not self.form.is_bound:
            # A POST with an empty body arrives as no data at all: nothing to check.
            return False
        form_valid = self.form.is_valid()
        tips_valid = self.tips is None or self.tips.is_valid()
        cleaned = self.form.cleaned_data
        linked = self.tips.linked() if self.tips is not None else []
        if (
            not self.form.has_error("initiatives")
            and not self.form.has_error("kern")
            and not cleaned.get("initiatives")
            and cleaned.get("kern") is None
            and not linked
        ):
            self.form.add_error(
                "initiatives",
                ValidationError(
                    _("Say which initiative or which village or district it was about."),
                    code="about",
                ),
            )
            form_valid = False
        return form_valid and tips_valid

    def conversation_data(self) -> services.ConversationData:
        cleaned = self.form.cleaned_data
        initiatives = list(cleaned["initiatives"])
        learned = [cleaned["learned"]]
        for initiative, heard in self.tips.linked() if self.tips is not None else []:
            if initiative not in initiatives:
                initiatives.append(initiative)
            if heard:
                learned.append(f"{initiative.name}: {heard}")
        return services.ConversationData(
            learned="\n\n".join(learned),
            date=cleaned["date"],
            initiatives=initiatives,
            kern=cleaned["kern"],
            place=cleaned["place"],
            location=cleaned["location"],
            with_whom=cleaned["with_whom"],
            ideas=cleaned["ideas"],
            talents=cleaned["talents"],
            to_connect=cleaned["to_connect"],
            visibility=cleaned["visibility"],
        )

    def tip_data(self) -> list[services.TipData]:
        return self.tips.tips() if self.tips is not None else []

    def refuse(self, error) -> None:
        """A service said no (its rules hold whatever the form checked): show why."""
        if isinstance(error, ValidationError):
            self.form.add_error(None, error)
        else:
            self.form.add_error(None, ValidationError(str(error), code="refused"))
