"""Initiatives: every community, group or initiative, however small, informal or temporary."""

from django.conf import settings
from django.contrib.gis.db import models
from django.contrib.postgres.search import SearchVectorField
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kompas.access import VisibleQuerySet
from kompas.choices import InitiativeStatus
from places.models import Kern

from .terms import InitiativeKind, Tag
from .tips import TipState


class Ownership(models.IntegerChoices):
    """The four types of ownership (eigenaarschap) of seed 004."""

    COMMUNITY = 1, _("The community owns it")
    COMMUNITY_WITH_SUPPORT = (
        2,
        _("The community owns it; the municipality or an organisation contributes"),
    )
    MUNICIPALITY_WITH_RESIDENTS = (
        3,
        _("The municipality or an organisation owns it; residents contribute"),
    )
    MUNICIPALITY = 4, _("The municipality or an organisation owns it")


class Initiative(models.Model):
    """A community, group or initiative with a place, in its own words."""

    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=180, unique=True)
    kern = models.ForeignKey(
        Kern,
        verbose_name=_("village or district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives",
    )
    location = models.PointField(_("place on the map"), srid=4326, null=True, blank=True)
    # Where it is in words a person recognises ("achter de kerk"), shown on its page
    # instead of coordinates.
    place_description = models.CharField(_("place in your own words"), max_length=120, blank=True)
    kinds = models.ManyToManyField(
        InitiativeKind, verbose_name=_("kinds"), blank=True, related_name="initiatives"
    )
    description = models.TextField(_("description in your own words"), blank=True)
    description_by_municipality = models.BooleanField(
        _("description written by the municipality"),
        default=False,
        help_text=_("Until the initiative writes its own text, visitors see who wrote it."),
    )
    offers = models.ManyToManyField(
        Tag, verbose_name=_("what you can offer"), blank=True, related_name="offered_by"
    )
    offers_text = models.TextField(_("what you can offer, in words"), blank=True)
    wishes = models.ManyToManyField(
        Tag, verbose_name=_("what you wish for"), blank=True, related_name="wished_by"
    )
    wishes_text = models.TextField(_("what you wish for, in words"), blank=True)
    ideas = models.TextField(_("ideas in the attic"), blank=True)
    website = models.URLField(_("website"), blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    contact_consent = models.BooleanField(
        _("contact details may be shown"),
        default=False,
        help_text=_("Only then does anyone but staff and members see the contact details."),
    )
    ownership = models.PositiveSmallIntegerField(
        _("ownership"), choices=Ownership.choices, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=InitiativeStatus.choices, default=InitiativeStatus.KNOWN
    )
    published_at = models.DateTimeField(_("on the public map since"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("put on the map by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A tip: a community mentioned in a conversation that nobody knew yet.
    tip_from = models.ForeignKey(
        "conversations.Conversation",
        verbose_name=_("mentioned in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tips",
    )
    tip_state = models.CharField(
        _("follow-up of the tip"), max_length=20, choices=TipState.choices, blank=True
    )
    tip_claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("going to meet them"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Kept up to date by services (PostgreSQL only; SQLite searches the words directly).
    search_vector = SearchVectorField(null=True, editable=False)

    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["search_vector", "updated_at"], m2m_fields=[kinds, offers, wishes]
    )
    # Set only while a service saves the fields quietly, to record them once with the
    # many-to-many changes (django-simple-history skips the save while it exists).
    skip_history_when_saving: bool

    class Meta:
        ordering = ["name"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        indexes = [
            models.Index(fields=["status"]),
            models.Index(fields=["-updated_at"]),
            # The registry and the map's list, by name: the first page without sorting all.
            models.Index(fields=["name", "id"], name="initiative_name_order"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("initiative_detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        """On the public map: the ordinary case, which needs no status badge."""
        return self.status == InitiativeStatus.PUBLIC

    @property
    def is_tip(self) -> bool:
        return self.status == InitiativeStatus.TIP

    @property
    def is_ended(self) -> bool:
        return self.status == InitiativeStatus.ENDED


class MembershipRole(models.TextChoices):
    INITIATOR = "initiator", _("initiator")
    MEMBER = "member", _("member")


class Membership(models.Model):
    """A person who speaks for an initiative: they write its text and choose its status."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("role"), max_length=16, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "user"], name="one_membership_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.initiative}"
