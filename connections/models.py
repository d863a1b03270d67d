"""Connections: initiatives that can learn from or offer something to each other, or an
initiative and a crown jewel that could meet."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from initiatives.models import Initiative
from jewels.models import CrownJewel
from kompas.access import VisibleQuerySet
from kompas.choices import ConnectionAnswer, ConnectionStatus

# Why two initiatives might meet: one or more of these (each a yes/no field, so filtering
# works the same on PostgreSQL and SQLite).
REASONS = (
    ("learn", _("learn from each other")),
    ("offer", _("have something to offer each other")),
    ("together", _("work together")),
    ("meet", _("simply meet")),
)


class Connection(models.Model):
    """Two initiatives, or an initiative and a crown jewel, brought together by staff or
    by a member of an initiative.

    Each initiative answers for itself; only when both sides said yes, and both are on the
    public map (a jewel: shown to everyone), does anyone else see it. A "no" stays between
    those involved and staff. A crown jewel has no members to answer for it: its side says
    yes from the start, and the initiative is always ``first``.
    """

    first = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="connections_as_first"
    )
    second = models.ForeignKey(
        Initiative,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="connections_as_second",
    )
    jewel = models.ForeignKey(
        CrownJewel,
        verbose_name=_("crown jewel"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="connections",
    )
    learn = models.BooleanField(_("learn from each other"), default=False)
    offer = models.BooleanField(_("have something to offer each other"), default=False)
    together = models.BooleanField(_("work together"), default=False)
    meet = models.BooleanField(_("simply meet"), default=False)
    note = models.TextField(_("why these two"), blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ConnectionStatus.choices,
        default=ConnectionStatus.PROPOSED,
    )
    first_answer = models.CharField(
        max_length=10, choices=ConnectionAnswer.choices, default=ConnectionAnswer.PENDING
    )
    second_answer = models.CharField(
        max_length=10, choices=ConnectionAnswer.choices, default=ConnectionAnswer.PENDING
    )
    how_it_went = models.TextField(_("how did it go?"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("connection")
        verbose_name_plural = _("connections")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(first=models.F("second")), name="connection_two_initiatives"
            ),
            models.CheckConstraint(
                condition=models.Q(second__isnull=False, jewel__isnull=True)
                | models.Q(second__isnull=True, jewel__isnull=False),
                name="connection_one_other_side",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first} — {self.partner}"

    def get_absolute_url(self) -> str:
        return reverse("connection_detail", kwargs={"pk": self.pk})

    @property
    def reasons(self) -> list[str]:
        """The labels of the reasons chosen, in a fixed order."""
        return [str(label) for name, label in REASONS if getattr(self, name)]

    @property
    def with_jewel(self) -> bool:
        """Whether the other side of the first initiative is a crown jewel."""
        return self.jewel_id is not None

    @property
    def partner(self):
        """The other side of the first initiative: the second initiative or the jewel.
        Both have a ``name`` and a ``get_absolute_url``, so templates need not branch."""
        return self.jewel if self.jewel_id is not None else self.second

    def partner_of(self, initiative):
        """The other side, seen from one of its initiatives."""
        return self.first if initiative.pk != self.first_id else self.partner

    def side_of(self, initiative) -> str | None:
        """ "first" or "second" for one of its initiatives, None otherwise."""
        if initiative.pk == self.first_id:
            return "first"
        if self.second_id is not None and initiative.pk == self.second_id:
            return "second"
        return None
