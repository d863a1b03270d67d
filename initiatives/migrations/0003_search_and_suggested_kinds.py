"""PostgreSQL search support, and the suggested kinds of initiative of seed 004.

The search indexes exist only on PostgreSQL; SQLite searches the words directly.
"""

from django.db import migrations
from django.utils.text import slugify

SUGGESTED_KINDS = [
    "Zorgcoöperatie",
    "Energiecoöperatie",
    "Broodfonds",
    "Dorpshuis",
    "Buurt-app",
    "Groengroep",
    "Wensbus",
    "Wooncoöperatie",
    "Dorpsoverleg",
    "Dorpscoöperatie",
    "Vereniging",
    "Kerk",
    "Share Care-netwerk",
    "Burenhulp",
    "Buurtwerkbedrijf",
    "Sociale coöperatie",
]

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS initiative_search_vector_gin "
    "ON initiatives_initiative USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS initiative_name_trgm "
    "ON initiatives_initiative USING gin (lower(name) gin_trgm_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS initiative_name_trgm",
    "DROP INDEX IF EXISTS initiative_search_vector_gin",
]


def run_on_postgres(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


def add_suggested_kinds(apps, schema_editor):
    InitiativeKind = apps.get_model("initiatives", "InitiativeKind")
    for name in SUGGESTED_KINDS:
        InitiativeKind.objects.update_or_create(
            slug=slugify(name), defaults={"name": name, "suggested": True}
        )


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0002_initial")]

    operations = [
        migrations.RunPython(run_on_postgres(POSTGRES_FORWARD), run_on_postgres(POSTGRES_BACKWARD)),
        migrations.RunPython(add_suggested_kinds, migrations.RunPython.noop),
    ]
