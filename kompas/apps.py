"""The app configuration of Kompas itself, and of the libraries it uses where a name they
show in the administration is not translatable in the library itself."""

from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class KompasConfig(AppConfig):
    """What every part of Kompas shares: the template tags, the system checks, the session
    clocks, the cache tables and the site commands (prepare_site)."""

    name = "kompas"
    verbose_name = _("Kompas")
    default = True

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate

        from kompas import checks  # noqa: F401 (checks register themselves)
        from kompas.cache import create_cache_tables
        from kompas.middleware import start_session_clocks

        # A session's day and idle time count from signing in.
        user_logged_in.connect(start_session_clocks, dispatch_uid="kompas_session_clocks")
        # `migrate` creates the cache table too, wherever it runs (run.sh, the drills, a
        # release, the test database), so no set-up can forget it. post_migrate is sent
        # once per app with models; accounts is the first of Kompas's own.
        post_migrate.connect(
            create_cache_tables, sender=apps.get_app_config("accounts"), dispatch_uid="kompas_cache"
        )


class TasksDatabaseConfig(TasksAppConfig):
    """django-tasks-db's queue of background work ("Tasks Database Backend")."""

    # django-tasks-db's plain string makes its type str; Django takes a lazy text too.
    verbose_name = _("Background tasks")  # type: ignore[assignment]
