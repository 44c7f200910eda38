"""The full-text index of the public catalogue on PostgreSQL (GIN over the bigram text, see
`publish.search`). SQLite has no such index; the same query runs there with LIKE."""

from django.db import migrations

CREATE = "CREATE INDEX IF NOT EXISTS public_search_fts ON publish_public USING gin (to_tsvector('simple', search))"
DROP = "DROP INDEX IF EXISTS public_search_fts"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("publish", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
