"""Forms for connections: proposing one, answering it, and telling how it went."""

from __future__ import annotations

from typing import cast

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from connections import selectors
from connections.models import REASONS
from connections.services import ConnectionData
from initiatives.models import Initiative
from jewels.models import CrownJewel
from kompas.choices import ConnectionStatus, InitiativeStatus
from kompas.lists import EVERYTHING, FilterForm

NOTE_MAX = 1000


class _ReasonsForm(forms.Form):
    """Why they could meet, in a few words: shared by both ways of proposing."""

    reasons = forms.MultipleChoiceField(
        label=gettext_lazy("Why could these two meet?"),
        choices=REASONS,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": gettext_lazy("Say why these two could meet."),
            "invalid_choice": gettext_lazy("Choose one or more of the reasons given."),
        },
    )
    note = forms.CharField(
        label=gettext_lazy("A short note on why"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_note(self):
        return self.cleaned_data["note"].replace("\x00", "").strip()

    def connection_data(self) -> ConnectionData:
        return ConnectionData(
            reasons=tuple(self.cleaned_data["reasons"]), note=self.cleaned_data["note"]
        )

    def refuse(self, error: ValidationError | PermissionDenied) -> None:
        """A refusal of the service becomes a message on the form."""
        messages = error.messages if isinstance(error, ValidationError) else [str(error)]
        for message in messages:
            self.add_error(None, message)


def _jewel_label(jewel: CrownJewel) -> str:
    """Jewels may share a name across kernen: the kern tells them apart."""
    return f"{jewel.name} ({jewel.kern.name})" if jewel.kern else jewel.name


class ConnectionForm(_ReasonsForm):
    """Propose that this initiative meets another initiative, or a crown jewel, that the
    proposer may see: one of the two, never both."""

    other = forms.TypedChoiceField(
        label=gettext_lazy("Which initiative could it meet?"),
        coerce=int,
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Choose an initiative from the list.")},
    )
    jewel = forms.TypedChoiceField(
        label=gettext_lazy("Or which crown jewel could it meet?"),
        coerce=int,
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Choose a crown jewel from the list.")},
    )
    field_order = ["other", "jewel", "reasons", "note"]

    def __init__(self, *args, user, initiative: Initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.initiative = initiative
        self.others = {
            other.pk: other
            for other in Initiative.objects.visible_to(user)
            .exclude(pk=initiative.pk)
            .exclude(status=InitiativeStatus.ENDED)
            .only("pk", "name", "slug")
            .order_by("name")
        }
        # Typed as the Field they are declared as: self.fields gives any Field.
        cast(forms.TypedChoiceField, self.fields["other"]).choices = [
            ("", _("Choose an initiative")),
            *((pk, other.name) for pk, other in self.others.items()),
        ]
        self.jewels = {jewel.pk: jewel for jewel in selectors.connectable_jewels(user)}
        cast(forms.TypedChoiceField, self.fields["jewel"]).choices = [
            ("", _("Choose a crown jewel")),
            *((pk, _jewel_label(jewel)) for pk, jewel in self.jewels.items()),
        ]

    def clean(self):
        data = super().clean()
        other, jewel = data.get("other"), data.get("jewel")
        if "other" in self.errors or "jewel" in self.errors:
            return data
        if other in (None, "") and jewel in (None, ""):
            self.add_error("other", _("Choose the initiative or the crown jewel it could meet."))
        elif other not in (None, "") and jewel not in (None, ""):
            self.add_error(
                "jewel", _("Choose an initiative or a crown jewel, not both: one at a time.")
            )
        return data

    def other_initiative(self) -> Initiative | None:
        other = self.cleaned_data.get("other")
        return self.others[other] if other not in (None, "") else None

    def chosen_jewel(self) -> CrownJewel | None:
        jewel = self.cleaned_data.get("jewel")
        return self.jewels[jewel] if jewel not in (None, "") else None


class JewelConnectionForm(_ReasonsForm):
    """From a crown jewel's page: which initiative could meet it. Staff choose any
    initiative they see; members one of their own."""

    initiative = forms.TypedChoiceField(
        label=gettext_lazy("Which initiative could meet this crown jewel?"),
        coerce=int,
        error_messages={
            "required": gettext_lazy("Choose the initiative that could meet it."),
            "invalid_choice": gettext_lazy("Choose an initiative from the list."),
        },
    )
    field_order = ["initiative", "reasons", "note"]

    def __init__(self, *args, user, jewel: CrownJewel, **kwargs):
        super().__init__(*args, **kwargs)
        self.jewel = jewel
        self.initiatives = {
            initiative.pk: initiative for initiative in selectors.connecting_initiatives(user)
        }
        cast(forms.TypedChoiceField, self.fields["initiative"]).choices = [
            ("", _("Choose an initiative")),
            *((pk, initiative.name) for pk, initiative in self.initiatives.items()),
        ]

    def chosen_initiative(self) -> Initiative:
        return self.initiatives[self.cleaned_data["initiative"]]


class AnswerForm(forms.Form):
    accept = forms.TypedChoiceField(
        choices=(("ja", "ja"), ("nee", "nee")),
        coerce=lambda value: value == "ja",
        error_messages={"required": gettext_lazy("Say yes or no thank you.")},
    )


class FollowUpForm(forms.Form):
    """Those involved say it is running or stopped, and how it went."""

    status = forms.ChoiceField(
        label=gettext_lazy("How is it now?"),
        required=False,
        choices=(
            ("", gettext_lazy("As it is")),
            (ConnectionStatus.RUNNING, gettext_lazy("It is running")),
            (ConnectionStatus.STOPPED, gettext_lazy("It has stopped")),
        ),
        error_messages={"invalid_choice": gettext_lazy("Choose one of the options given.")},
    )
    how_it_went = forms.CharField(
        label=gettext_lazy("How did it go? In your own words"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_how_it_went(self):
        return self.cleaned_data["how_it_went"].replace("\x00", "").strip()

    def clean(self):
        data = super().clean()
        if not data.get("status") and not data.get("how_it_went") and not self.errors:
            raise forms.ValidationError(_("Say how it is now, or tell how it went."))
        return data


class ConnectionFilterForm(FilterForm):
    """The filters of /verbindingen/, as a plain GET form: works without JavaScript. A
    filter that was not understood gets a message and is left out."""

    kern = forms.ChoiceField(label=gettext_lazy("Village or district"), required=False)
    reden = forms.ChoiceField(
        label=gettext_lazy("Why"), required=False, choices=[EVERYTHING, *REASONS]
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[EVERYTHING, *ConnectionStatus.choices],
    )

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("auto_id", "filter_%s")
        super().__init__(*args, **kwargs)
        self.fields["kern"].choices = [
            EVERYTHING,
            *((kern.slug, kern.name) for kern in selectors.connection_filter_kernen(user)),
        ]

    def filters(self) -> selectors.ConnectionFilters:
        """The filters that were understood; the others are left out."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return selectors.ConnectionFilters(
            kern=data.get("kern", ""), reason=data.get("reden", ""), status=data.get("status", "")
        )
