"""Tips: communities mentioned in a conversation that nobody knew yet."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TipState(models.TextChoices):
    """Where the follow-up of a tip stands, in the tips inbox."""

    NEW = "new", _("new")
    GOING = "going", _("someone is going to meet them")
    GETTING_TO_KNOW = "getting_to_know", _("getting to know them")
    NOT_PURSUED = "not_pursued", _("not pursued")
