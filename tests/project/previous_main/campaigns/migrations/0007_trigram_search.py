from django.db import DatabaseError, migrations, transaction


# Frozen as thidua/db.py (now core/db.py) stood at d290e13.
def trigram_index(*, table, column, name):
    """On PostgreSQL, a trigram index so that `column LIKE '%…%'` (an accent-folded name searched anywhere inside)
    uses an index instead of reading the whole table; nothing on SQLite.

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


class Migration(migrations.Migration):
    """Campaigns are searched by their folded titles anywhere inside; on PostgreSQL an index serves that."""

    dependencies = [("campaigns", "0006_notifications")]

    operations = [
        trigram_index(table="campaigns_campaign", column="search_name", name="campaign_search_name_trgm"),
    ]
