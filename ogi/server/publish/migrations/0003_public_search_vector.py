"""PostgreSQL: the search text's tsvector stored beside it (a generated column) and indexed, so
a match is a lookup, not a to_tsvector per row: the planner can then walk the newest items and
stop at the first page when a term is common, or take the GIN index when it is rare."""

from django.db import migrations

FORWARD = [
    "DROP INDEX IF EXISTS public_search_fts",
    "ALTER TABLE publish_public ADD COLUMN IF NOT EXISTS search_tsv tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', search)) STORED",
    "CREATE INDEX IF NOT EXISTS public_search_tsv ON publish_public USING gin (search_tsv)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS public_search_tsv",
    "ALTER TABLE publish_public DROP COLUMN IF EXISTS search_tsv",
    "CREATE INDEX IF NOT EXISTS public_search_fts ON publish_public USING gin (to_tsvector('simple', search))",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARD:
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("publish", "0002_public_search_index")]
    operations = [migrations.RunPython(forwards, backwards)]
