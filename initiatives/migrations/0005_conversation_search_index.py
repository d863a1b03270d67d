"""The GIN index of the conversations' search vector (PostgreSQL only)."""

from django.db import migrations


def on_postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0004_conversations_and_tips")]

    operations = [
        migrations.RunPython(
            on_postgres(
                "CREATE INDEX IF NOT EXISTS conversation_search_vector_gin "
                "ON initiatives_conversation USING gin (search_vector)"
            ),
            on_postgres("DROP INDEX IF EXISTS conversation_search_vector_gin"),
        ),
    ]
