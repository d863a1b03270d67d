"""People and the parts of the organisation they work in."""

from typing import ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from kompas.access import VisibleQuerySet, django_admin_flags
from kompas.choices import Role


class Department(models.Model):
    """A department of the municipality, or a partner organisation such as welzijn."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    is_partner = models.BooleanField(
        _("partner organisation"),
        default=False,
        help_text=_("For example a welfare organisation whose community builders use Kompas."),
    )

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager):
    """Users are known by their email address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            # Residents sign in with an emailed code; they have no password at all.
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("role", Role.RESIDENT)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra["role"] = Role.ADMIN
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """Anyone who signs in: resident (default), staff, council member or administrator."""

    # Django's documented way to drop a field of AbstractUser; its stubs type these as
    # fields that are always there.
    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("email address"), unique=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.RESIDENT)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )

    notify_by_email = models.BooleanField(
        _("email me about my initiatives"),
        default=True,
        help_text=_(
            "For example when the municipality writes down a conversation with your "
            "initiative. You can switch this off at any time."
        ),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    # The stubs expect auth's username-based UserManager on every AbstractUser.
    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.name or self.email

    def save(self, *args, **kwargs):
        # The role is the single source of truth for entering the Django admin.
        for flag, value in django_admin_flags(self.role).items():
            setattr(self, flag, value)
        super().save(*args, **kwargs)

    def get_full_name(self) -> str:
        return self.name or self.email

    def get_short_name(self) -> str:
        return self.name or self.email.split("@")[0]
