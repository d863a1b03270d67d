"""Kroonjuwelen: the shared registry of what a community values, and the words of
appreciation others add. Appreciation is words only: nothing here counts or ranks."""

from django.conf import settings
from django.contrib.gis.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from initiatives.models import Initiative, VocabularyTerm
from kompas.access import VisibleQuerySet
from kompas.choices import GiftConsent
from places.models import Kern


class JewelCategory(VocabularyTerm):
    """Plek, gebouw, vereniging, traditie…: administrators keep this list."""

    description = models.CharField(_("explanation"), max_length=200, blank=True)
    needs_consent = models.BooleanField(
        _("about a person"),
        default=False,
        help_text=_(
            "A person's gift: shown only once that person has agreed by email (“gave van mensen”)."
        ),
    )
    position = models.PositiveSmallIntegerField(_("position in lists"), default=0)

    class Meta(VocabularyTerm.Meta):
        ordering = ["position", "name"]
        verbose_name = _("category of crown jewel")
        verbose_name_plural = _("categories of crown jewel")


class CrownJewel(models.Model):
    """Something a community values, nominated by someone who says why it matters."""

    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=180, unique=True)
    category = models.ForeignKey(
        JewelCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="jewels",
    )
    description = models.TextField(_("description"), blank=True)
    why = models.TextField(_("why it matters"))
    kern = models.ForeignKey(
        Kern,
        verbose_name=_("village or district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="jewels",
    )
    location = models.PointField(_("place on the map"), srid=4326, null=True, blank=True)
    photo = models.ImageField(_("photo"), upload_to="kroonjuwelen/%Y/", blank=True)
    photo_description = models.CharField(_("what the photo shows"), max_length=200, blank=True)
    caretakers = models.ManyToManyField(
        Initiative,
        verbose_name=_("initiatives that care for it"),
        blank=True,
        related_name="jewels",
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nominated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="nominated_jewels",
    )
    # A person's gift: that person agrees by email before anyone else sees it.
    person_email = models.EmailField(_("email address of the person"), blank=True)
    consent = models.CharField(
        _("consent of the person"),
        max_length=12,
        choices=GiftConsent.choices,
        default=GiftConsent.NOT_NEEDED,
    )
    consent_token = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    consent_answered_at = models.DateTimeField(null=True, blank=True)
    # Set after enough reports; a moderator decides what happens next.
    hidden_at = models.DateTimeField(_("hidden after reports"), null=True, blank=True)
    created_at = models.DateTimeField(_("nominated"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["updated_at", "consent_token"], m2m_fields=[caretakers]
    )
    # Set only while a service saves the fields quietly, to record them once with the
    # many-to-many changes (django-simple-history skips the save while it exists).
    skip_history_when_saving: bool

    class Meta:
        ordering = ["name"]
        verbose_name = _("crown jewel")
        verbose_name_plural = _("crown jewels")
        indexes = [models.Index(fields=["-created_at"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("jewel_detail", kwargs={"slug": self.slug})

    @property
    def consent_given(self) -> bool:
        """The person this gift is about said yes."""
        return self.consent == GiftConsent.GIVEN


class SignedAs(models.TextChoices):
    """How the author of an appreciation is shown."""

    NAME = "name", _("with my name")
    KERN = "kern", _("as a resident of my village or district")


class Appreciation(models.Model):
    """A few words on what a crown jewel means to someone. Words, never a counter."""

    jewel = models.ForeignKey(CrownJewel, on_delete=models.CASCADE, related_name="appreciations")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="appreciations",
    )
    text = models.TextField(_("what it means to you"))
    signed_as = models.CharField(
        _("shown as"), max_length=8, choices=SignedAs.choices, default=SignedAs.KERN
    )
    author_kern = models.ForeignKey(
        Kern,
        verbose_name=_("where you live"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden_at = models.DateTimeField(_("hidden after reports"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("appreciation")
        verbose_name_plural = _("appreciations")

    def __str__(self) -> str:
        return f"{self.jewel}: {self.text[:40]}"
