from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Kompas")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Changes to the models that matter are written to the audit log from now on.
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate

        from initiatives import audit, checks  # noqa: F401 (checks register themselves)
        from initiatives.middleware import start_session_clocks
        from kompas.cache import create_cache_tables

        audit.register()
        # A session's day and idle time count from signing in.
        user_logged_in.connect(start_session_clocks, dispatch_uid="kompas_session_clocks")
        # `migrate` creates the cache table too, wherever it runs (run.sh, the drills, a
        # release, the test database), so no set-up can forget it.
        post_migrate.connect(create_cache_tables, sender=self, dispatch_uid="kompas_cache")
