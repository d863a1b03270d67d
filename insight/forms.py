"""The filters of the insight page: one kern or the whole municipality, and a period."""

from django import forms
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from kompas.lists import PeriodForm
from places.models import Kern


class InsightForm(PeriodForm):
    kern = forms.ModelChoiceField(
        label=_("Village or district"),
        queryset=Kern.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("The whole municipality"),
        error_messages={"invalid_choice": _("Choose a village or district from the list.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "inzicht_%s")
        super().__init__(*args, **kwargs)

    def chosen_kern(self) -> Kern | None:
        """The kern chosen and understood, else none (the whole municipality)."""
        if not self.is_bound or (not self.is_valid() and self.has_error("kern")):
            return None
        return self.cleaned_data.get("kern")


def scope_query(scope) -> str:
    """The figures' kern and period as this form's query string, as understood: what the
    CSV links carry."""
    return urlencode(
        {
            **({"kern": scope.kern.slug} if scope.kern else {}),
            "van": f"{scope.first:%Y-%m}",
            "tot": f"{scope.last:%Y-%m}",
        }
    )
