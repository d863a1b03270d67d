"""The categories of obstacle the municipality starts with (kompas/words.py);
administrators keep the list from here on."""

from django.db import migrations

from kompas.words import add_obstacle_categories


def add_categories(apps, schema_editor):
    add_obstacle_categories(apps.get_model("obstacles", "ObstacleCategory"))


class Migration(migrations.Migration):
    dependencies = [("obstacles", "0001_initial")]

    operations = [migrations.RunPython(add_categories, migrations.RunPython.noop)]
