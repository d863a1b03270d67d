"""The one form on /mijn/: confirming that one's account is to be removed."""

from django import forms
from django.utils.translation import gettext_lazy as _


class DeleteAccountForm(forms.Form):
    """The person ticks that they understand: removing an account cannot be undone."""

    confirm = forms.BooleanField(
        label=_("Yes, remove my account. I understand this cannot be undone."),
        required=True,
        error_messages={"required": _("Tick the box to confirm that your account may go.")},
    )
