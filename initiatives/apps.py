from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Kompas")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Changes to the models that matter are written to the audit log from now on.
        from django.contrib.auth.signals import user_logged_in

        from initiatives import audit
        from initiatives.middleware import start_session_clocks

        audit.register()
        # A session's day and idle time count from signing in.
        user_logged_in.connect(start_session_clocks, dispatch_uid="kompas_session_clocks")
