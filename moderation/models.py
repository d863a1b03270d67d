"""Reports: anyone may say that something is not appropriate. Enough reports hide it
until a moderator looks."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from kompas.access import VisibleQuerySet


class ModerationDecision(models.TextChoices):
    """What a moderator decided about something that was hidden after reports."""

    RESTORED = "restored", _("shown again")
    KEPT_HIDDEN = "kept_hidden", _("kept hidden")


class Report(models.Model):
    """One person's report of one crown jewel or appreciation (later also stories)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    reported = GenericForeignKey("content_type", "object_id")
    # Who reported, as a key that lets one person report a thing once: the account, or a
    # hash of the visitor's session. Not a way to find the person.
    reporter_key = models.CharField(max_length=80)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("what is not right about it?"), blank=True)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision = models.CharField(
        _("decision"), max_length=12, choices=ModerationDecision.choices, blank=True
    )
    # In plain words: the author of what was reported is told this by email.
    decision_reason = models.TextField(_("why"), blank=True)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "reporter_key"],
                name="one_report_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id}"
