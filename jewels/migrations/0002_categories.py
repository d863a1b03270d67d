"""The categories of crown jewel the municipality starts with (kompas/words.py);
administrators keep the list from here on."""

from django.db import migrations

from kompas.words import add_jewel_categories


def add_categories(apps, schema_editor):
    add_jewel_categories(apps.get_model("jewels", "JewelCategory"))


class Migration(migrations.Migration):
    dependencies = [("jewels", "0001_initial")]

    operations = [migrations.RunPython(add_categories, migrations.RunPython.noop)]
