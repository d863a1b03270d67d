"""App configurations of the libraries Kompas uses, where a name they show in the
administration is not translatable in the library itself."""

from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class TasksDatabaseConfig(TasksAppConfig):
    """django-tasks-db's queue of background work ("Tasks Database Backend")."""

    verbose_name = _("Background tasks")
