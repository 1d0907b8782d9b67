"""Database details that only one backend has."""

from django.db import DatabaseError, connections, migrations, transaction


def trigram_index(*, table, column, name):
    """A migration operation: on PostgreSQL, a trigram index so that `column LIKE '%…%'` (an accent-folded name
    searched anywhere inside) uses an index instead of reading the whole table; nothing on SQLite.

    Creating the pg_trgm extension needs a privileged role. Where the
    database's owner may not, the index is left out with a notice: search
    still works, only slower on large tables, and a DBA can create both later.
    """

    def forwards(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "postgresql":
            return
        try:
            with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except DatabaseError as error:
            print(f"\n  {name}: pg_trgm could not be created ({error}); the index is left out.")
            return
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)")

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(forwards, backwards)


def analyze_on_commit(*models, using="default"):
    """After a bulk import commits, refresh PostgreSQL's statistics of the tables it filled.

    The planner chooses its indexes from these statistics; autovacuum
    refreshes them only after a while, or never where it is turned off, and
    until then a table that grew from a few rows to 90,000 is read as if it
    were tiny (a searched register took 4 s instead of 0.25 s). Nothing on SQLite.
    """
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models)

    def analyze():
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {tables}")

    transaction.on_commit(analyze, using=using)
