"""How allauth fits Kompas: residents sign in by emailed code, staff by password."""

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth import get_user_model

from initiatives import permissions

LOGIN_CODE_MAIL = "account/email/login_code"
USE_PASSWORD_MAIL = "account/email/use_password"


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        if template_prefix == LOGIN_CODE_MAIL and not permissions.may_sign_in_by_code(
            self._user_with_email(email)
        ):
            # Staff and administrators sign in with their password (and authenticator):
            # an emailed code alone must not open a staff account.
            context = {key: value for key, value in context.items() if key != "code"}
            template_prefix = USE_PASSWORD_MAIL
        super().send_mail(template_prefix, email, context)

    @staticmethod
    def _user_with_email(email: str):
        return get_user_model().objects.filter(email__iexact=email).first()
