"""Obstacles (drempels): where an initiative met the system world in its way. Collected,
they show the council where the municipality itself is in the way."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Department
from conversations.models import Conversation
from initiatives.models import Initiative, VocabularyTerm
from kompas.access import VisibleQuerySet
from kompas.choices import ObstacleStatus, Visibility

# The initiative chooses: for everyone, or shared with the municipality's staff only.
OBSTACLE_VISIBILITY = [(v.value, v.label) for v in (Visibility.PUBLIC, Visibility.SHARED)]


class ObstacleCategory(VocabularyTerm):
    """ "Past niet in de subsidiecriteria", "Kom over een jaar nog eens terug"…: the
    answers of seed 004, kept by administrators."""

    position = models.PositiveSmallIntegerField(_("position in lists"), default=0)

    class Meta(VocabularyTerm.Meta):
        ordering = ["position", "name"]
        verbose_name = _("kind of obstacle")
        verbose_name_plural = _("kinds of obstacle")


class Obstacle(models.Model):
    """What an initiative ran into, in its own words, with the municipality's answer
    beside it (never over it)."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="obstacles",
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    what_happened = models.TextField(_("what happened"))
    category = models.ForeignKey(
        ObstacleCategory,
        verbose_name=_("what they heard"),
        on_delete=models.PROTECT,
        related_name="obstacles",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department or organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="obstacles",
    )
    organisation = models.CharField(
        _("other organisation"),
        max_length=160,
        blank=True,
        help_text=_("When it was not one of the departments in the list."),
    )
    happened_on = models.DateField(_("when"), default=timezone.localdate)
    visibility = models.CharField(
        _("who may read this"),
        max_length=10,
        choices=OBSTACLE_VISIBILITY,
        default=Visibility.SHARED,
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ObstacleStatus.choices,
        default=ObstacleStatus.REPORTED,
    )
    answer = models.TextField(_("the municipality's answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    conversations = models.ManyToManyField(
        Conversation,
        verbose_name=_("conversations where it came up"),
        blank=True,
        related_name="obstacles",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[conversations])
    # Set only while a service saves the fields quietly, to record them once with the
    # many-to-many changes (django-simple-history skips the save while it exists).
    skip_history_when_saving: bool

    class Meta:
        ordering = ["-happened_on", "-created_at", "-pk"]
        verbose_name = _("obstacle")
        verbose_name_plural = _("obstacles")
        indexes = [models.Index(fields=["-happened_on"])]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.category}"

    def get_absolute_url(self) -> str:
        return reverse("obstacle_detail", kwargs={"pk": self.pk})

    @property
    def is_shared(self) -> bool:
        """Only for staff and the initiative that reported it, not for everyone."""
        return self.visibility == Visibility.SHARED
