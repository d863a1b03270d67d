"""The places of the municipality: villages, districts and hamlets."""

from django.conf import settings
from django.contrib.gis.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kompas.access import VisibleQuerySet


class KernKind(models.TextChoices):
    VILLAGE = "dorp", _("village")
    DISTRICT = "wijk", _("district")
    HAMLET = "buurtschap", _("hamlet")


class Kern(models.Model):
    """A village (dorp), district (wijk) or hamlet (buurtschap), each with its own page."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=KernKind.choices, default="dorp")
    boundary = models.MultiPolygonField(_("boundary"), srid=4326, null=True, blank=True)
    centre = models.PointField(_("centre"), srid=4326, null=True, blank=True)
    cbs_code = models.CharField(
        _("CBS code"), max_length=20, blank=True, help_text=_("For example WK123401 or BU12340101.")
    )
    contact_persons = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact persons"),
        blank=True,
        related_name="contact_for_kernen",
        help_text=_(
            "Staff who look out for this place: what an initiative here brings reaches them "
            "when nobody else is named."
        ),
    )

    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("village or district")
        verbose_name_plural = _("villages and districts")
        constraints = [
            models.UniqueConstraint(
                fields=["cbs_code"],
                condition=~models.Q(cbs_code=""),
                name="kern_unique_cbs_code",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("kern_detail", kwargs={"slug": self.slug})
