"""Accounts: the ones that can sign in at once (the demo, the administrators' set-up),
and blocking an account that is misused."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from allauth.mfa.utils import decrypt, encrypt
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Department, User
from kompas import access


def ensure_account(
    email: str,
    *,
    role: str,
    name: str = "",
    department: Department | None = None,
    password: str | None = None,
) -> tuple[User, bool]:
    """Create or update a user who can sign in at once; True when the user is new.

    The email address is recorded as verified and primary, as mandatory verification
    requires. Without ``password`` the account has none: residents and council members
    sign in with an emailed code.
    """
    email = email.strip().lower()
    with transaction.atomic():
        user = User.objects.filter(email__iexact=email).first()
        created = user is None
        if user is None:
            user = User(email=email)
        user.name, user.role, user.department = name, role, department
        if password:
            if created or not user.check_password(password):
                user.set_password(password)
        elif created or user.has_usable_password():
            user.set_unusable_password()
        user.save()
        EmailAddress.objects.filter(user=user).exclude(email__iexact=email).update(primary=False)
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"primary": True, "verified": True}
        )
    return user, created


def set_up_totp(user: User, secret: str) -> Authenticator:
    """Give ``user`` an authenticator app with a known base32 ``secret``, and recovery
    codes, as allauth's own set-up does. An authenticator the user has gets this secret."""
    with transaction.atomic():
        authenticator = Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).first()
        if authenticator is None:
            authenticator = TOTP.activate(user, secret).instance
        elif decrypt(authenticator.data["secret"]) != secret:
            authenticator.data = {**authenticator.data, "secret": encrypt(secret)}
            authenticator.save(update_fields=["data"])
        RecoveryCodes.activate(user)
    return authenticator


def set_email_notifications(user: User, on: bool) -> User:
    """Switch the emails about one's initiatives on or off (the link in every such email
    leads here)."""
    user.notify_by_email = on
    user.save(update_fields=["notify_by_email"])
    return user


@transaction.atomic
def block_account(user: User, by: User) -> int:
    """Stop ``user`` from signing in, and sign them out everywhere at once. Returns how
    many sessions were ended. An administrator cannot block their own account."""
    if not access.can_administer(by):
        raise PermissionDenied(_("Only administrators block accounts."))
    if user.pk == by.pk:
        raise ValidationError(_("You cannot block your own account."))
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
    return end_sessions(user)


@transaction.atomic
def unblock_account(user: User, by: User) -> User:
    """Let a blocked ``user`` sign in again."""
    if not access.can_administer(by):
        raise PermissionDenied(_("Only administrators block accounts."))
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    return user


def end_sessions(user: User) -> int:
    """Sign ``user`` out everywhere: remove the stored sessions that hold their account
    (Django's database sessions; a session only says whose it is once decoded). Expired
    ones too: they name the account as well."""
    user_id = str(user.pk)
    ended = [
        session.pk
        for session in Session.objects.iterator()
        if str(session.get_decoded().get("_auth_user_id")) == user_id
    ]
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)
