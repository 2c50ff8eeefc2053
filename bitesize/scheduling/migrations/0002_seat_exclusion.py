"""On PostgreSQL, the database itself forbids two holding seats of one person whose times
overlap (partial overlaps included). SQLite has no exclusion constraints; there the booking
services re-check inside an immediate transaction."""

from typing import Any

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE scheduling_bookingseat ADD CONSTRAINT seat_no_overlap
    EXCLUDE USING gist (user_id WITH =, tstzrange("start", "end", '[)') WITH &&)
    WHERE (holding);
"""
DROP = "ALTER TABLE scheduling_bookingseat DROP CONSTRAINT IF EXISTS seat_no_overlap;"


def forwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("scheduling", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
