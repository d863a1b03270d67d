from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Installed only where DEBUG is on or KOMPAS_DEMO=true (see settings)."""

    name = "demo"
    verbose_name = _("Demo data")
