"""Conversations: what someone in the organisation learned from a community, right after."""

from django.conf import settings
from django.contrib.gis.db import models
from django.contrib.postgres.search import SearchVectorField
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Department
from initiatives.models import Initiative
from kompas.access import VisibleQuerySet
from kompas.choices import Visibility
from places.models import Kern

# A conversation is never public: shared with the initiatives it is about, or internal.
CONVERSATION_VISIBILITY = [(v.value, v.label) for v in (Visibility.SHARED, Visibility.INTERNAL)]


class Conversation(models.Model):
    """A personal, curiosity-driven conversation without an agenda, and what it taught."""

    date = models.DateField(_("date"), default=timezone.localdate)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="conversations",
    )
    # Recorded when the conversation is logged: people move, the spread stays true.
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conversations",
    )
    initiatives = models.ManyToManyField(
        Initiative, verbose_name=_("initiatives"), blank=True, related_name="conversations"
    )
    kern = models.ForeignKey(
        Kern,
        verbose_name=_("village or district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conversations",
    )
    place = models.CharField(_("where"), max_length=200, blank=True)
    location = models.PointField(_("place on the map"), srid=4326, null=True, blank=True)
    with_whom = models.CharField(_("with whom"), max_length=200, blank=True)
    learned = models.TextField(_("what I learned"))
    ideas = models.TextField(_("ideas in the attic"), blank=True)
    talents = models.TextField(_("talents and energy I noticed"), blank=True)
    to_connect = models.TextField(_("what could be connected"), blank=True)
    visibility = models.CharField(
        _("who may read this"),
        max_length=10,
        choices=CONVERSATION_VISIBILITY,
        default=Visibility.SHARED,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set by apply_retention when the free text was removed after the retention period.
    text_removed_at = models.DateTimeField(_("free text removed"), null=True, blank=True)
    # Kept up to date by services (PostgreSQL only; SQLite searches the words directly).
    search_vector = SearchVectorField(null=True, editable=False)

    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["search_vector", "updated_at"], m2m_fields=[initiatives]
    )

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        indexes = [models.Index(fields=["-date", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.date}: {self.learned[:40]}"

    def get_absolute_url(self) -> str:
        return reverse("conversation_detail", kwargs={"pk": self.pk})
