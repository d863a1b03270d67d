"""Forms for obstacles (drempels): reporting one, the municipality's answer beside it, and
the filters of the obstacles page. They only validate; services.obstacles writes."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import date as format_date
from django.template.defaultfilters import truncatechars
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.models import Department
from conversations.models import Conversation
from initiatives.forms import TEXT_MAX_LENGTH
from kompas import access
from kompas.choices import ObstacleStatus, Visibility
from kompas.lists import DATE_INPUT_FORMATS, EVERYTHING, DateInput, PeriodForm
from obstacles import selectors
from obstacles.models import OBSTACLE_VISIBILITY, ObstacleCategory

CONVERSATIONS_OFFERED = 20
ORGANISATION_MAX_LENGTH = 160


class CategoryField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class DepartmentField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        if obj.is_partner:
            return _("%(name)s (partner organisation)") % {"name": obj.name}
        return obj.name


class ConversationsField(forms.ModelMultipleChoiceField):
    """A conversation by its date, department and the start of what was learned: never the
    name of its author (not everyone who reads this form sees names)."""

    def label_from_instance(self, obj) -> str:
        parts = [format_date(obj.date, "j F Y")]
        if obj.department_id:
            parts.append(obj.department.name)
        return f"{' · '.join(parts)}: {truncatechars(obj.learned, 80)}"


class ObstacleForm(forms.Form):
    """Report an obstacle for an initiative, or change what was reported.

    The cleaned data fits ``services.ObstacleData.from_form``.
    """

    what_happened = forms.CharField(
        label=_("What happened?"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("In your own words: what you wanted to do, whom you asked, what happened."),
        error_messages={"required": _("Tell what happened.")},
    )
    category = CategoryField(
        label=_("What did you hear?"),
        queryset=ObstacleCategory.objects.none(),
        to_field_name="slug",
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what you heard; if it is not in the list, choose “Other”."),
            "invalid_choice": _("Choose one of the answers in the list, or “Other”."),
        },
    )
    department = DepartmentField(
        label=_("Which department was it?"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("(not a department of the municipality, or we do not know)"),
        error_messages={"invalid_choice": _("Choose a department from the list.")},
    )
    organisation = forms.CharField(
        label=_("Or another organisation"),
        required=False,
        max_length=ORGANISATION_MAX_LENGTH,
        help_text=_("For example the province or a housing corporation."),
    )
    happened_on = forms.DateField(
        label=_("When did it happen?"),
        input_formats=DATE_INPUT_FORMATS,
        widget=DateInput(),
        error_messages={
            "required": _("Give the date it happened, for example 31-12-2025."),
            "invalid": _("Type a date, for example 31-12-2025."),
        },
    )
    visibility = forms.ChoiceField(
        label=_("Who may read this?"),
        widget=forms.RadioSelect,
        choices=OBSTACLE_VISIBILITY,
        help_text=_(
            "Either way it counts in the patterns on the obstacles page: numbers only, never "
            "a name."
        ),
        error_messages={
            "required": _("Choose who may read this."),
            "invalid_choice": _("Choose who may read this."),
        },
    )
    conversations = ConversationsField(
        label=_("Conversations where it came up"),
        queryset=Conversation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose conversations from the list.")},
    )

    def __init__(self, *args, user, initiative, obstacle=None, **kwargs):
        self.user, self.initiative, self.obstacle = user, initiative, obstacle
        kwargs.setdefault("initial", self.initial_for(obstacle) if obstacle else self.new_initial())
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = selectors.obstacle_categories()
        self.fields["department"].queryset = Department.objects.visible_to(user).order_by("name")
        self.fields["visibility"].choices = [
            (Visibility.PUBLIC, _("Everyone: on the obstacles page and the initiative's page")),
            (Visibility.SHARED, _("Only the municipality's staff and the initiative's members")),
        ]
        self.fields["conversations"].queryset = self.conversation_choices()

    def new_initial(self) -> dict:
        """Today; public when the initiative reports itself, shared when staff write it
        down on its behalf (the initiative may make it public later)."""
        member = access.is_member(self.user, self.initiative)
        return {
            "happened_on": timezone.localdate(),
            "visibility": Visibility.PUBLIC if member else Visibility.SHARED,
        }

    @staticmethod
    def initial_for(obstacle) -> dict:
        return {
            "what_happened": obstacle.what_happened,
            "category": obstacle.category,
            "department": obstacle.department,
            "organisation": obstacle.organisation,
            "happened_on": obstacle.happened_on,
            "visibility": obstacle.visibility,
            "conversations": list(obstacle.conversations.values_list("pk", flat=True)),
        }

    def conversation_choices(self):
        """The newest conversations about the initiative this person may read, and those
        already linked that they may read."""
        visible = Conversation.objects.visible_to(self.user)
        about = visible.filter(initiatives=self.initiative).order_by("-date", "-created_at", "-pk")
        ids = set(about.values_list("pk", flat=True)[:CONVERSATIONS_OFFERED])
        if self.obstacle is not None:
            ids |= set(visible.filter(obstacles=self.obstacle).values_list("pk", flat=True))
        return (
            Conversation.objects.filter(pk__in=ids)
            .defer("search_vector", "location")
            .select_related("department")
            .order_by("-date", "-created_at", "-pk")
        )

    def clean_what_happened(self):
        text = self.cleaned_data["what_happened"].replace("\x00", "").strip()
        if not text:
            raise ValidationError(_("Tell what happened."))
        return text

    def clean_organisation(self):
        return self.cleaned_data["organisation"].replace("\x00", "").strip()

    def clean_happened_on(self):
        day = self.cleaned_data["happened_on"]
        if day > timezone.localdate():
            raise ValidationError(
                _("That date is still to come: give the day it happened, today at the latest.")
            )
        return day

    def clean_conversations(self):
        """What was chosen, and the linked conversations this person cannot see: those
        stay linked (someone else linked them)."""
        chosen = list(self.cleaned_data["conversations"])
        if self.obstacle is None:
            return chosen
        hidden = self.obstacle.conversations.exclude(
            pk__in=Conversation.objects.visible_to(self.user).values("pk")
        )
        return chosen + list(hidden)

    def add_service_error(self, error: ValidationError) -> None:
        self.add_error(None, error)


class ObstacleAnswerForm(forms.Form):
    """Where the municipality stands and what it answers: beside the report."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(value, capfirst(label)) for value, label in ObstacleStatus.choices],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose one of the statuses in the list."),
            "invalid_choice": _("Choose one of the statuses in the list."),
        },
    )
    answer = forms.CharField(
        label=_("The municipality's answer"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Written beside the initiative's own words, never over them. What is being done, "
            "what was solved, what the municipality learned."
        ),
    )

    def __init__(self, *args, obstacle, **kwargs):
        kwargs.setdefault("prefix", "antwoord")
        kwargs.setdefault("initial", {"status": obstacle.status, "answer": obstacle.answer})
        super().__init__(*args, **kwargs)

    def clean_answer(self):
        return self.cleaned_data["answer"].replace("\x00", "").strip()


class ObstacleFilterForm(PeriodForm):
    """The obstacles page as a plain GET form: the period of the patterns, and the filters
    of the reports below them. Whatever was not understood gets a message and is left
    out (a period then falls back to the last twelve months)."""

    kern = forms.ChoiceField(label=_("Village or district"), required=False)
    categorie = forms.ChoiceField(label=_("What they heard"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    PERIOD = ("van", "tot")
    FILTERS = ("kern", "categorie", "status")

    def __init__(self, *args, choices, **kwargs):
        kwargs.setdefault("auto_id", "filter_%s")
        super().__init__(*args, **kwargs)
        self.fields["kern"].choices = [
            EVERYTHING,
            *((kern.slug, kern.name) for kern in choices["kernen"]),
        ]
        self.fields["categorie"].choices = [
            EVERYTHING,
            *((category.slug, category.name) for category in choices["categories"]),
        ]
        self.fields["status"].choices = [
            EVERYTHING,
            *((value, capfirst(label)) for value, label in choices["statuses"]),
        ]

    def _understood(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        return self.cleaned_data

    def filters(self) -> selectors.ObstacleFilters:
        """The list's filters that were understood; the others are left out."""
        data = self._understood()
        return selectors.ObstacleFilters(
            kern=data.get("kern") or "",
            category=data.get("categorie") or "",
            status=data.get("status") or "",
        )

    def carried(self, names) -> list[tuple[str, str]]:
        """The values of the other half of the page's form, carried along as hidden inputs."""
        return [(name, self.data[name][:100]) for name in names if self.data.get(name)]
