"""Stories (verhalen): what an initiative does, told by its own members, instead of the
municipality's reports."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from initiatives.models import Initiative
from kompas.access import VisibleQuerySet
from kompas.choices import Visibility

# A story is for everyone, or shared with the municipality's staff only.
STORY_VISIBILITY = [(v.value, v.label) for v in (Visibility.PUBLIC, Visibility.SHARED)]


class Story(models.Model):
    """A story or update written by a member of an initiative."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="stories",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
    )
    title = models.CharField(_("title"), max_length=160)
    text = models.TextField(_("story"))
    date = models.DateField(_("date"), default=timezone.localdate)
    visibility = models.CharField(
        _("who may read this"),
        max_length=10,
        choices=STORY_VISIBILITY,
        default=Visibility.PUBLIC,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-date", "-created_at", "-pk"]
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        indexes = [models.Index(fields=["-date", "-created_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("story_detail", kwargs={"pk": self.pk})

    @property
    def is_shared(self) -> bool:
        """Only for staff and the initiative's members, not for everyone."""
        return self.visibility == Visibility.SHARED


class StoryPhoto(models.Model):
    """One photo of a story: checked, resized and stripped of metadata before storing."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="photos")
    photo = models.ImageField(_("photo"), upload_to="verhalen/%Y/")
    description = models.CharField(_("what the photo shows"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("photo of a story")
        verbose_name_plural = _("photos of stories")

    def __str__(self) -> str:
        return self.description or str(self.photo)
