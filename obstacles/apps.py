from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObstaclesConfig(AppConfig):
    name = "obstacles"
    verbose_name = _("Obstacles")
    default_auto_field = "django.db.models.BigAutoField"
