"""The categories of crown jewel the municipality starts with (initiatives/vocabulary.py);
administrators keep the list from here on."""

from django.db import migrations

from initiatives.vocabulary import add_jewel_categories


def add_categories(apps, schema_editor):
    add_jewel_categories(apps.get_model("initiatives", "JewelCategory"))


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0007_crown_jewels")]

    operations = [migrations.RunPython(add_categories, migrations.RunPython.noop)]
