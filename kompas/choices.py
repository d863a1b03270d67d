"""The shared choice lists of Kompas: statuses, visibilities, answers and roles.

They say what a record can be; who may see or do what with it is decided in
initiatives/permissions.py, which builds its rules on these values.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RESIDENT = "resident", _("resident")
    STAFF = "staff", _("civil servant or community builder")
    COUNCIL = "council", _("council member")
    ADMIN = "admin", _("administrator")


class Visibility(models.TextChoices):
    """Who may read a note, a conversation or a story."""

    PUBLIC = "public", _("everyone")
    SHARED = "shared", _("staff and the initiative itself")
    INTERNAL = "internal", _("staff only")


class InitiativeStatus(models.TextChoices):
    """The consent rule of the product: only the initiative itself puts itself on the map."""

    TIP = "tip", _("tip: nobody has met them yet")
    KNOWN = "known", _("in contact, not on the public map")
    PUBLIC = "public", _("on the public map")
    ENDED = "ended", _("ended")


class ConnectionStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    MADE = "made", _("made")
    RUNNING = "running", _("running")
    STOPPED = "stopped", _("stopped")


class ConnectionAnswer(models.TextChoices):
    """What each side said to a proposed connection."""

    PENDING = "pending", _("not answered yet")
    YES = "yes", _("yes")
    NO = "no", _("no, thank you")


class ObstacleStatus(models.TextChoices):
    """Where the municipality is with an obstacle an initiative reported."""

    REPORTED = "reported", _("reported")
    LOOKING = "looking", _("being looked at")
    SOLVED = "solved", _("solved")
    LEARNED = "learned", _("we learned from it")


class GiftConsent(models.TextChoices):
    """A person's gift as crown jewel: that person says yes before anyone else sees it."""

    NOT_NEEDED = "not_needed", _("not needed")
    ASKED = "asked", _("asked, no answer yet")
    GIVEN = "given", _("given")
    REFUSED = "refused", _("refused")
    WITHDRAWN = "withdrawn", _("withdrawn")
