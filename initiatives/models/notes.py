"""Notes staff keep beside an initiative's own text, never inside it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kompas.access import VisibleQuerySet
from kompas.choices import Visibility

from .initiatives import Initiative

# A note is never public: it is shared with the initiative, or it stays with staff.
NOTE_VISIBILITY = [(v.value, v.label) for v in (Visibility.SHARED, Visibility.INTERNAL)]


class StaffNote(models.Model):
    """What the municipality knows about an initiative: shared with it, or internal."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A reaction to one of the initiative's stories (staff never edit a story).
    story = models.ForeignKey(
        "stories.Story",
        verbose_name=_("reaction to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reactions",
    )
    text = models.TextField(_("note"))
    visibility = models.CharField(
        _("who may read this"),
        max_length=10,
        choices=[
            (Visibility.SHARED, Visibility.SHARED.label),
            (Visibility.INTERNAL, Visibility.INTERNAL.label),
        ],
        default=Visibility.SHARED,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("staff note")
        verbose_name_plural = _("staff notes")

    def __str__(self) -> str:
        return f"{self.initiative}: {self.text[:40]}"
