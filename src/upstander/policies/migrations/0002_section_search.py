"""Full-text search over sections: SQLite FTS5 on the embedded default, PostgreSQL GIN otherwise."""

from django.db import migrations

SQLITE_UP = [
    """CREATE VIRTUAL TABLE policies_section_fts USING fts5(
         heading, text, content='policies_policysection', content_rowid='id',
         tokenize='porter unicode61')""",
    """CREATE TRIGGER policies_section_fts_insert AFTER INSERT ON policies_policysection BEGIN
         INSERT INTO policies_section_fts(rowid, heading, text)
         VALUES (new.id, new.heading, new.text);
       END""",
    """CREATE TRIGGER policies_section_fts_delete AFTER DELETE ON policies_policysection BEGIN
         INSERT INTO policies_section_fts(policies_section_fts, rowid, heading, text)
         VALUES ('delete', old.id, old.heading, old.text);
       END""",
    """CREATE TRIGGER policies_section_fts_update AFTER UPDATE ON policies_policysection BEGIN
         INSERT INTO policies_section_fts(policies_section_fts, rowid, heading, text)
         VALUES ('delete', old.id, old.heading, old.text);
         INSERT INTO policies_section_fts(rowid, heading, text)
         VALUES (new.id, new.heading, new.text);
       END""",
    "INSERT INTO policies_section_fts(policies_section_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS policies_section_fts_insert",
    "DROP TRIGGER IF EXISTS policies_section_fts_delete",
    "DROP TRIGGER IF EXISTS policies_section_fts_update",
    "DROP TABLE IF EXISTS policies_section_fts",
]
POSTGRES_UP = [
    """CREATE INDEX policies_section_search ON policies_policysection
       USING GIN (to_tsvector('english', heading || ' ' || text))""",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS policies_section_search"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("policies", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
