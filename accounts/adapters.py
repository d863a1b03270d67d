"""How allauth fits Kompas: residents sign in by emailed code, staff by password."""

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kompas import access
from kompas.emails import mail_context, site_url

LOGIN_CODE_MAIL = "account/email/login_code"
USE_PASSWORD_MAIL = "account/email/use_password"

# Why signing in by code has to start again, kept in the session for the page that asks
# for a new code: that page says why, with the address typed before filled in.
SIGN_IN_PROBLEM = "kompas_sign_in_problem"
CODE_EXPIRED = "code_expired"
CODE_USED_UP = "code_used_up"


def login_code_minutes() -> int:
    """How many minutes an emailed sign-in code works."""
    return max(1, account_settings.LOGIN_BY_CODE_TIMEOUT // 60)


def remember_sign_in_problem(request, problem: str, email: str | None) -> None:
    request.session[SIGN_IN_PROBLEM] = {"problem": problem, "email": email or ""}


def take_sign_in_problem(request) -> tuple[str, str] | None:
    """(message, email typed) remembered by remember_sign_in_problem, once."""
    session = getattr(request, "session", None)
    remembered = session.pop(SIGN_IN_PROBLEM, None) if session is not None else None
    if not isinstance(remembered, dict):
        return None
    problem = remembered.get("problem")
    if problem == CODE_USED_UP:
        attempts = account_settings.LOGIN_BY_CODE_MAX_ATTEMPTS
        message = ngettext(
            "The code was not right, so it no longer works. Ask for a new code here; "
            "you can copy it straight from the email.",
            "The code was not right %(attempts)s times, so it no longer works. Ask for a "
            "new code here; you can copy it straight from the email.",
            attempts,
        ) % {"attempts": attempts}
    elif problem == CODE_EXPIRED:
        minutes = login_code_minutes()
        message = ngettext(
            "The sign-in code had expired: a code works for %(minutes)s minute. Ask for "
            "a new code here and type it in soon after it arrives.",
            "The sign-in code had expired: a code works for %(minutes)s minutes. Ask for "
            "a new code here and type it in soon after it arrives.",
            minutes,
        ) % {"minutes": minutes}
    else:
        return None
    return message, str(remembered.get("email") or "")


class AccountAdapter(DefaultAccountAdapter):
    # What a person reads when signing in does not work, in Kompas's own words.
    error_messages = DefaultAccountAdapter.error_messages | {
        "email_password_mismatch": _(
            "This email address and password do not belong together. Please check them. "
            "Are you a resident? Then leave the password empty: you will receive a code "
            "by email."
        ),
        "too_many_login_attempts": _(
            "Signing in was tried many times in a short while. To keep your account safe, "
            "it is paused for a few minutes: please try again after that."
        ),
        "incorrect_code": _(
            "This code is not right. Please check it in the email we sent you, or copy it "
            "from there."
        ),
    }

    def get_login_redirect_url(self, request) -> str:
        """Staff land on what waits for their attention. allauth asks this only when the
        sign-in did not say where to go (``?next=``), which keeps precedence."""
        if access.can_see_attention(request.user):
            return reverse("attention")
        return super().get_login_redirect_url(request)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        if template_prefix == LOGIN_CODE_MAIL and not access.may_sign_in_by_code(
            self._user_with_email(email)
        ):
            # Staff and administrators sign in with their password (and authenticator):
            # an emailed code alone must not open a staff account.
            context = {key: value for key, value in context.items() if key != "code"}
            template_prefix = USE_PASSWORD_MAIL
        # allauth builds its links (to sign up, to choose a new password) on the host name
        # of the request; an email links to the site's own address.
        context = {
            key: site_url(value) if key.endswith("_url") and _is_absolute(value) else value
            for key, value in context.items()
        }
        context = mail_context() | {"code_minutes": login_code_minutes()} | context
        super().send_mail(template_prefix, email, context)

    @staticmethod
    def _user_with_email(email: str):
        return get_user_model().objects.filter(email__iexact=email).first()


class MFAAdapter(DefaultMFAAdapter):
    error_messages = DefaultMFAAdapter.error_messages | {
        "incorrect_code": _(
            "This code is not right. Type the code your authenticator app shows now, or "
            "one of your recovery codes."
        ),
    }


def _is_absolute(value) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://"))
