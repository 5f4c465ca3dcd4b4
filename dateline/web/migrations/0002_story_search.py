"""The full-text index of stories: an FTS5 table on SQLite (PostgreSQL searches on the fly)."""

from django.db import migrations

CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS web_storysearch USING fts5("
    "headline, summary, tokenize='unicode61 remove_diacritics 2')"
)
DROP = "DROP TABLE IF EXISTS web_storysearch"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("web", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
