"""The GIN index of the conversations' search vector (PostgreSQL only)."""

from django.db import migrations


def on_postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("conversations", "0002_initial")]

    operations = [
        migrations.RunPython(
            on_postgres(
                "CREATE INDEX IF NOT EXISTS conversation_search_vector_gin "
                "ON conversations_conversation USING gin (search_vector)"
            ),
            on_postgres("DROP INDEX IF EXISTS conversation_search_vector_gin"),
        ),
    ]
