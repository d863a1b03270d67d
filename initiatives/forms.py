"""Forms: they only validate. Writes with side effects go through services.py."""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative, InitiativeKind, Ownership
from initiatives.selectors import InitiativeFilters
from kompas import access
from kompas.choices import InitiativeStatus, Visibility
from kompas.lists import FilterForm, FilterTextField, OpenChoiceField, QuickSelect
from places.forms import PlaceForm

# --- Initiatives ------------------------------------------------------------------------

DESCRIPTION_MAX_LENGTH = 10_000
PLACE_DESCRIPTION_MAX_LENGTH = 120  # Initiative.place_description
TEXT_MAX_LENGTH = 5_000
TERM_MAX_LENGTH = 80
TERMS_MAX = 20
TERMS_SEPARATORS = re.compile(r"[,;\n]")
# A filter of the registry is read up to this many characters.
FILTER_MAX_LENGTH = 200


def split_terms(text: str) -> list[str]:
    """Words separated by commas (or semicolons, or new lines), each once, in the order typed."""
    terms: list[str] = []
    seen: set[str] = set()
    for raw in TERMS_SEPARATORS.split(text or ""):
        term = " ".join(raw.split())
        if term and term.casefold() not in seen:
            seen.add(term.casefold())
            terms.append(term)
    return terms


def join_terms(terms) -> str:
    return ", ".join(str(term) for term in terms)


class TermsField(forms.CharField):
    """An open vocabulary: words separated by commas. Cleans to a list of words."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 1_000)
        super().__init__(**kwargs)

    def clean(self, value):
        terms = split_terms(super().clean(value))
        too_long = [term for term in terms if len(term) > TERM_MAX_LENGTH]
        if too_long:
            raise ValidationError(
                _("Keep each word under %(max)d characters; this one is longer: “%(term)s”."),
                code="term_too_long",
                params={"max": TERM_MAX_LENGTH, "term": too_long[0][:TERM_MAX_LENGTH] + "…"},
            )
        if len(terms) > TERMS_MAX:
            raise ValidationError(
                _("Name at most %(max)d, separated by commas; you wrote %(count)d."),
                code="too_many_terms",
                params={"max": TERMS_MAX, "count": len(terms)},
            )
        return terms


# The four types of ownership of seed 004, in plain words.
OWNERSHIP_CHOICES = [
    ("", _("We would rather not say, or we are not sure")),
    (Ownership.COMMUNITY, _("It is ours: we, the residents, run it ourselves.")),
    (
        Ownership.COMMUNITY_WITH_SUPPORT,
        _(
            "It is ours, and the municipality or an organisation helps, "
            "for example with money, space or know-how."
        ),
    ),
    (
        Ownership.MUNICIPALITY_WITH_RESIDENTS,
        _("The municipality or an organisation runs it, and residents take part."),
    ),
    (Ownership.MUNICIPALITY, _("The municipality or an organisation runs it.")),
]

STATUS_CHOICE_LABELS = {
    InitiativeStatus.PUBLIC: _("Yes, show it on the public map now"),
    InitiativeStatus.KNOWN: _("Not yet: for now only the municipality and our members see it"),
}
STAFF_STATUS_CHOICE_LABELS = {
    InitiativeStatus.TIP: _("A tip: we heard of it, but nobody has met them yet"),
    InitiativeStatus.KNOWN: _("We are in contact with them"),
}


class InitiativeForm(PlaceForm):
    """Put an initiative on the map, or change its own text.

    Only validates: ``services.create_initiative`` and ``update_initiative`` write. The
    cleaned data has ``kinds`` (a list of words) and ``location`` (a Point or None).
    """

    field_order = [
        "name",
        "suggested_kinds",
        "other_kinds",
        "kern",
        "latitude",
        "longitude",
        "place_description",
        "description",
        "offers",
        "offers_text",
        "wishes",
        "wishes_text",
        "ideas",
        "ownership",
        "website",
        "contact",
        "contact_consent",
        "status",
    ]

    name = forms.CharField(
        label=_("Name of the initiative"),
        max_length=160,
        help_text=_("As you call it yourselves."),
        error_messages={"required": _("Give your initiative a name.")},
    )
    suggested_kinds = forms.MultipleChoiceField(
        label=_("What kind of initiative is it?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose what fits, as many as you like. Nothing fits? Write your own below."),
    )
    other_kinds = TermsField(
        label=_("Another kind, in your own words"),
        help_text=_("Separate them with commas, for example: repair café, choir."),
    )
    place_description = forms.CharField(
        label=_("Where exactly, in your own words"),
        required=False,
        max_length=PLACE_DESCRIPTION_MAX_LENGTH,
        help_text=_(
            "As someone from the village would say it, for example: behind the church, or in "
            "the cellar of the village hall. Everyone who sees the page reads it."
        ),
    )
    description = forms.CharField(
        label=_("How would you like to explain what you do?"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "In your own words, as you would tell a neighbour: what you do, who takes part, "
            "where you get your energy from."
        ),
    )
    offers = TermsField(
        label=_("What can you offer?"),
        help_text=_(
            "Talents, space, skills, materials… Separate them with commas, for example: "
            "meeting room, carpentry, a listening ear."
        ),
    )
    offers_text = forms.CharField(
        label=_("Tell more about what you can offer"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    wishes = TermsField(
        label=_("What do you wish for?"),
        help_text=_(
            "Separate them with commas, for example: volunteers, a place to meet, a trailer."
        ),
    )
    wishes_text = forms.CharField(
        label=_("Tell more about what you wish for"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    ideas = forms.CharField(
        label=_("Ideas in the attic"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Plans you keep for later, or dreams you have not started on yet."),
    )
    ownership = forms.TypedChoiceField(
        label=_("Whose is it?"),
        required=False,
        choices=OWNERSHIP_CHOICES,
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        help_text=_(
            "There is no right answer. It helps the municipality see how much the "
            "communities carry themselves."
        ),
        error_messages={"invalid_choice": _("Choose one of the answers in the list.")},
    )
    website = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=200,
        assume_scheme="https",
        error_messages={
            "invalid": _("Write a complete web address, for example https://www.example.nl.")
        },
    )
    contact = forms.CharField(
        label=_("Contact"),
        required=False,
        max_length=200,
        help_text=_("An email address or phone number where people can reach you."),
    )
    contact_consent = forms.BooleanField(
        label=_("Show these contact details to everyone who visits this page"),
        required=False,
        help_text=_("Without this, only the municipality and your members see them."),
    )
    status = forms.ChoiceField(
        label=_("Show it on the public map?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to show it on the public map now.")},
    )

    def __init__(self, *args, user, initiative=None, **kwargs):
        self.initiative = initiative
        self.entered_by_staff = access.enters_initiative_for_municipality(user)
        suggested = list(
            InitiativeKind.objects.filter(suggested=True).values_list("name", flat=True)
        )
        if initiative is not None:
            kwargs.setdefault("initial", self.initial_for(initiative, suggested))
        super().__init__(*args, user=user, **kwargs)
        self.fields["suggested_kinds"].choices = [(name, name) for name in suggested]
        if initiative is not None:
            # Going on the map is a separate choice, made on the initiative's own page.
            del self.fields["status"]
        else:
            labels = STAFF_STATUS_CHOICE_LABELS if self.entered_by_staff else STATUS_CHOICE_LABELS
            self.fields["status"].choices = [
                (status, labels[status]) for status in access.creation_statuses(user)
            ]
            if self.entered_by_staff:
                self.fields["status"].label = _("How well do we know them?")
                self.fields["status"].error_messages["required"] = _(
                    "Choose whether it is a tip or an initiative you are in contact with."
                )

    @staticmethod
    def initial_for(initiative: Initiative, suggested: list[str]) -> dict:
        kinds = [kind.name for kind in initiative.kinds.all()]
        suggested_lower = {name.casefold(): name for name in suggested}
        return {
            "name": initiative.name,
            "suggested_kinds": [
                suggested_lower[kind.casefold()]
                for kind in kinds
                if kind.casefold() in suggested_lower
            ],
            "other_kinds": join_terms(k for k in kinds if k.casefold() not in suggested_lower),
            **PlaceForm.initial_place(initiative.kern, initiative.location),
            "place_description": initiative.place_description,
            "description": initiative.description,
            "offers": join_terms(initiative.offers.all()),
            "offers_text": initiative.offers_text,
            "wishes": join_terms(initiative.wishes.all()),
            "wishes_text": initiative.wishes_text,
            "ideas": initiative.ideas,
            "ownership": initiative.ownership or "",
            "website": initiative.website,
            "contact": initiative.contact,
            "contact_consent": initiative.contact_consent,
        }

    def clean(self):
        data = super().clean()
        data["kinds"] = split_terms(
            ",".join([*data.get("suggested_kinds", []), *data.get("other_kinds", [])])
        )
        self._check_name_is_free(data)
        return data

    def _check_name_is_free(self, data) -> None:
        name = data.get("name")
        if not name or self.has_error("kern"):
            return
        kern = data.get("kern")
        same = Initiative.objects.visible_to(self.user).filter(name__iexact=name, kern=kern)
        if self.initiative is not None:
            same = same.exclude(pk=self.initiative.pk)
        if same.exists():
            place = kern.name if kern else settings.KOMPAS_MUNICIPALITY_NAME
            self.add_error(
                "name",
                _(
                    "There is already an initiative called “%(name)s” in %(place)s. Add "
                    "something that tells them apart, such as the street, the neighbourhood "
                    "or the year."
                )
                % {"name": name, "place": place},
            )


class StaffNoteForm(forms.Form):
    """A note beside the initiative's own text: shared with it, or kept internal."""

    text = forms.CharField(
        label=_("Note"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you learned about them, beside their own words: never instead of them."),
        error_messages={"required": _("Write the note before saving it.")},
    )
    visibility = forms.ChoiceField(
        label=_("Who may read this note?"),
        widget=forms.RadioSelect,
        initial=Visibility.SHARED,
        choices=[
            (Visibility.SHARED, _("Staff and the initiative's own members")),
            (Visibility.INTERNAL, _("Only staff")),
        ],
        error_messages={"invalid_choice": _("Choose who may read this note.")},
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address of your co-member"),
        max_length=254,
        help_text=_("They receive an email with a link; after signing in they are a member."),
        error_messages={
            "required": _("Fill in an email address."),
            "invalid": _("Write a complete email address, for example naam@example.nl."),
        },
    )

    def __init__(self, *args, initiative, **kwargs):
        self.initiative = initiative
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if self.initiative.memberships.filter(user__email__iexact=email).exists():
            raise ValidationError(
                _("%(email)s is already a member."), code="member", params={"email": email}
            )
        return email


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("How are you involved?"),
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A sentence or two helps staff to confirm that you speak for it."),
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=InitiativeStatus.choices)


class JoinDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", "accept"), ("decline", "decline")])


class InitiativeFilterForm(FilterForm):
    """The registry's and the map's filters, as a plain GET form: works without JavaScript.
    Every value is taken as typed (an unknown one finds nothing, and gets no message).
    Without ``choices`` the form only reads the filters: the map's layer shows no form."""

    q = FilterTextField(
        label=_("Search"),
        required=False,
        max_length=FILTER_MAX_LENGTH,
        widget=forms.SearchInput,
    )
    kern = OpenChoiceField(
        label=_("Village or district"),
        required=False,
        max_length=FILTER_MAX_LENGTH,
        widget=QuickSelect,
    )
    soort = OpenChoiceField(
        label=_("Kind"), required=False, max_length=FILTER_MAX_LENGTH, widget=QuickSelect
    )
    eigenaarschap = OpenChoiceField(
        label=_("Whose is it?"), required=False, max_length=FILTER_MAX_LENGTH, widget=QuickSelect
    )
    biedt = OpenChoiceField(
        label=_("Offers"), required=False, max_length=FILTER_MAX_LENGTH, widget=QuickSelect
    )
    zoekt = OpenChoiceField(
        label=_("Wishes for"), required=False, max_length=FILTER_MAX_LENGTH, widget=QuickSelect
    )
    volgorde = OpenChoiceField(
        label=_("Order"),
        required=False,
        max_length=FILTER_MAX_LENGTH,
        choices=[("naam", _("By name")), ("bijgewerkt", _("Most recently updated"))],
        widget=QuickSelect,
    )

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
        self.fields["soort"].choices = [
            everything,
            *((kind.slug, kind.name) for kind in choices["kinds"]),
        ]
        self.fields["eigenaarschap"].choices = [
            everything,
            *((str(value), label) for value, label in Ownership.choices),
        ]
        self.fields["biedt"].choices = [
            everything,
            *((tag.slug, tag.name) for tag in choices["offers"]),
        ]
        self.fields["zoekt"].choices = [
            everything,
            *((tag.slug, tag.name) for tag in choices["wishes"]),
        ]

    def filters(self) -> InitiativeFilters:
        """The filters as the selectors read them; an unknown order is by name."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        values = {name: data.get(field) or "" for field, name in INITIATIVE_FILTER_NAMES.items()}
        values["order"] = INITIATIVE_ORDERS.get(values["order"], "name")
        return InitiativeFilters(**values)


# The query string's names of the initiatives' filters, and the filters they stand for.
INITIATIVE_FILTER_NAMES = {
    "q": "search",
    "kern": "kern",
    "soort": "kind",
    "eigenaarschap": "ownership",
    "biedt": "offers",
    "zoekt": "wishes",
    "volgorde": "order",
}
INITIATIVE_ORDERS = {"naam": "name", "bijgewerkt": "updated"}


def filter_query(filters: InitiativeFilters) -> str:
    """The filters that narrow the initiatives down as a query string of this form, always
    in the same order (a layer URL that does not change keeps its cached copy)."""
    return urlencode(
        [
            (field, getattr(filters, name))
            for field, name in INITIATIVE_FILTER_NAMES.items()
            if name != "order" and getattr(filters, name)
        ]
    )
