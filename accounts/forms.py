"""The sign-in forms (allauth's own, with Kompas's words and limits) and a person's email
settings."""

from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import RequestLoginCodeForm as AllauthRequestLoginCodeForm
from allauth.core import context as allauth_context
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.adapters import take_sign_in_problem
from accounts.models import User


class LoginForm(AllauthLoginForm):
    """One sign-in form for everyone: residents leave the password empty and get a code by
    email; staff and administrators type their password."""

    def _setup_password_field(self) -> None:
        # allauth drops the password field when sign-up asks for none; staff still need it.
        password = self.fields["password"]
        password.required = False
        password.label = _("Password (staff only)")
        password.help_text = _(
            "Residents leave this empty: you will receive a code by email to sign in."
        )


class RequestLoginCodeForm(AllauthRequestLoginCodeForm):
    """Asking for a sign-in code. Sent here because the last code expired or was typed
    wrongly too often, a person reads why, with the address they typed filled in."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.sign_in_problem = None
        if not self.is_bound and (found := take_sign_in_problem(allauth_context.request)):
            self.sign_in_problem, self.initial["email"] = found

    def non_field_errors(self):
        errors = super().non_field_errors()
        if self.sign_in_problem:
            return self.error_class(
                [self.sign_in_problem, *errors], error_class="nonfield", renderer=self.renderer
            )
        return errors


class NotificationSettingsForm(forms.Form):
    """Whether a person wants email about their initiatives."""

    notify_by_email = forms.BooleanField(
        label=User._meta.get_field("notify_by_email").verbose_name,
        required=False,
        help_text=User._meta.get_field("notify_by_email").help_text,
    )
