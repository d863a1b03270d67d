from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JewelsConfig(AppConfig):
    name = "jewels"
    verbose_name = _("Crown jewels")
    default_auto_field = "django.db.models.BigAutoField"
