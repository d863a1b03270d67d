"""The one form on /mijn/: confirming that one's account is to be removed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kompas import access


class DeleteAccountForm(forms.Form):
    """The person ticks that they understand: removing an account cannot be undone."""

    confirm = forms.BooleanField(
        label=_("Yes, remove my account. I understand this cannot be undone."),
        required=True,
        error_messages={"required": _("Tick the box to confirm that your account may go.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        if not access.can_remove_own_account(self.user):
            raise forms.ValidationError(
                _(
                    "You are the last administrator of Kompas. Make someone else an "
                    "administrator first, so that the site is not left without one."
                )
            )
        return super().clean()
