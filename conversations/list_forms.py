"""The forms of the conversation lists: the conversations, the tips inbox and the spread.
Each reads its page's query string (the Dutch names live only here) and gives the
selector an English filter object."""

from django import forms
from django.utils.translation import gettext_lazy as _

from conversations.selectors import (
    ConversationFilters,
    TipFilters,
    conversation_filter_choices,
)
from initiatives.models import Initiative, TipState
from initiatives.selectors import kern_choices
from kompas.lists import DATE_INPUT_FORMATS, EVERYTHING, DateInput, FilterForm, PeriodForm

# --- The conversations list -------------------------------------------------------------


class ConversationFilterForm(FilterForm):
    """The filters of the conversations list, as a plain GET form: works without
    JavaScript. A filter that was not understood gets a message and is left out."""

    q = forms.CharField(
        label=_("Search in what was learned"),
        required=False,
        max_length=200,
        widget=forms.SearchInput,
    )
    kern = forms.ChoiceField(label=_("Village or district"), required=False)
    initiative = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    department = forms.TypedChoiceField(
        label=_("Department or organisation"),
        required=False,
        coerce=int,
        empty_value=None,
    )
    author = forms.TypedChoiceField(
        label=_("Written by"), required=False, coerce=int, empty_value=None
    )
    van = forms.DateField(
        label=_("From"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=DateInput(),
        error_messages={"invalid": _("Type a date, for example 31-12-2025.")},
    )
    tot = forms.DateField(
        label=_("Until"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=DateInput(),
        error_messages={"invalid": _("Type a date, for example 31-12-2025.")},
    )
    mine = forms.BooleanField(label=_("Only my conversations"), required=False)

    # The query string's names, and the filters they stand for.
    FILTER_NAMES = {
        "q": "search",
        "kern": "kern",
        "initiative": "initiative",
        "department": "department",
        "author": "author",
        "van": "since",
        "tot": "until",
        "mine": "mine",
    }

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("auto_id", "filter_%s")
        super().__init__(*args, **kwargs)
        self.user = user
        self.initiative = None
        choices = conversation_filter_choices(user)
        self.fields["kern"].choices = [
            EVERYTHING,
            *((kern.slug, kern.name) for kern in choices["kernen"]),
        ]
        self.fields["department"].choices = [
            EVERYTHING,
            *(
                (
                    str(department.pk),
                    _("%(name)s (partner organisation)") % {"name": department.name}
                    if department.is_partner
                    else department.name,
                )
                for department in choices["departments"]
            ),
        ]
        self.fields["author"].choices = [
            EVERYTHING,
            *((str(person.pk), str(person)) for person in choices["authors"]),
        ]

    def clean_q(self):
        # A NUL character cannot be stored or searched for: dropped.
        return self.cleaned_data["q"].replace("\x00", "").strip()

    def clean_initiative(self):
        slug = self.cleaned_data["initiative"].strip()
        if slug:
            self.initiative = (
                Initiative.objects.visible_to(self.user).filter(slug=slug).only("name", "slug")
            ).first()
            if self.initiative is None:
                raise forms.ValidationError(_("We could not find this initiative."))
        return slug

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["van"] > data["tot"]:
            self.add_error("tot", _("The end of the period comes before its start."))
        return data

    def filters(self) -> ConversationFilters:
        """The filters that were understood; the others are left out."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return ConversationFilters(
            **{
                name: data[field]
                for field, name in self.FILTER_NAMES.items()
                if data.get(field) not in (None, "", False)
            }
        )


# --- Tips and the spread ----------------------------------------------------------------

# What staff can do with a tip in the inbox.
TIP_ACTIONS = (TipState.GOING, TipState.NOT_PURSUED, TipState.NEW)


class TipFilterForm(FilterForm):
    """The filters of the tips inbox. A filter that was not understood is left out."""

    kern = forms.ChoiceField(label=_("Village or district"), required=False)
    stand = forms.ChoiceField(
        label=_("Follow-up"),
        required=False,
        choices=[EVERYTHING, *((value, TipState(value).label) for value in TipState.values)],
    )

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("auto_id", "filter_%s")
        super().__init__(*args, **kwargs)
        self.fields["kern"].choices = [
            EVERYTHING,
            *((kern.slug, kern.name) for kern in kern_choices(user)),
        ]

    def filters(self) -> TipFilters:
        """The filters that were understood; the others are left out."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return TipFilters(kern=data.get("kern", ""), state=data.get("stand", ""))


class TipStateForm(forms.Form):
    """How a tip is followed up, and the page to go back to."""

    state = forms.ChoiceField(choices=[(value, TipState(value).label) for value in TIP_ACTIONS])
    next = forms.CharField(required=False, max_length=2000)


class SpreadPeriodForm(PeriodForm):
    """The months of the spread of conversations."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "periode_%s")
        super().__init__(*args, **kwargs)
