"""Databases as older releases left them, for the upgrade tests.

Each app's history up to main at d290e13 is squashed into its
`0001_squashed_…` migration, which names the migrations it replaces; the
replaced files left the apps (their dependencies ran back up the data flow)
and are kept, frozen, in `previous_main/`. A database of that main applied
them one by one: Django counts such a squash as applied and goes on from
there. These helpers take a database forwards along the old files, then
upgrade it the way `manage.py migrate` does.

They only ever go forwards from a database without our apps' tables: Django
unapplies a migration only after rendering a project state for each one it
takes back, which made every upgrade test cost tens of seconds.
"""

import pkgutil
import sqlite3
from importlib import import_module

from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

OUR_APPS = ["activity", "organisation", "campaigns", "notifications", "registrations", "scoring", "honours", "awards"]

# Where PostgreSQL keeps our apps' tables while the upgrade tests build others.
ASIDE = "thidua_upgrade_aside"

# The leaf migrations of main at d290e13, the last commit before the tables took their apps' names.
PREVIOUS_MAIN = [
    ("activity", "0001_moved_from_campaigns"),
    ("organisation", "0006_sheet_import_of_the_award_register"),
    ("campaigns", "0007_trigram_search"),
    ("registrations", "0002_units_and_staff_from_organisation"),
    ("scoring", "0007_publication_and_objections"),
    ("honours", "0001_initial"),
    ("awards", "0008_the_way_up"),
]


class HistoryLoader(MigrationLoader):
    """The migration graph without the squashes: every migration an older database applied, one by one."""

    def load_disk(self):
        super().load_disk()
        previous = import_module(f"{__package__}.previous_main")
        for app in pkgutil.iter_modules(previous.__path__):
            app_label = app.name
            package = import_module(f"{previous.__name__}.{app_label}.migrations")
            for module in pkgutil.iter_modules(package.__path__):
                migration = import_module(f"{package.__name__}.{module.name}").Migration(module.name, app_label)
                self.disk_migrations[app_label, module.name] = migration

    def build_graph(self):
        self.replace_migrations = False
        super().build_graph()
        for key, migration in self.replacements.items():
            self.graph.remove_replacement_node(key, migration.replaces)
            self.applied_migrations.pop(key, None)


class HistoryExecutor(MigrationExecutor):
    """Migrates along the old files (Django's own loader refuses a database where a squash is half applied)."""

    def __init__(self, connection):
        super().__init__(connection=None)
        self.connection, self.loader, self.recorder = (
            connection,
            HistoryLoader(connection),
            MigrationRecorder(connection),
        )


def our_tables(connection):
    prefixes = tuple(f"{app}_" for app in OUR_APPS)
    with connection.cursor() as cursor:
        return [table for table in connection.introspection.table_names(cursor) if table.startswith(prefixes)]


def forget_our_apps(connection):
    """Drop every table of our apps, under whichever name it has, and their migrations' records."""
    with connection.schema_editor() as editor:
        for table in our_tables(connection):
            editor.execute(editor.sql_delete_table % {"table": editor.quote_name(table)})
    MigrationRecorder(connection).migration_qs.filter(app__in=OUR_APPS).delete()


def set_our_apps_aside(connection):
    """Leave the database as it stood before our first migration, the other apps' tables and rows as they are; return
    what puts our apps' tables back exactly as they were (whatever was built in their place dropped).

    Setting the tables aside costs next to nothing where migrating them anew takes seconds: on PostgreSQL they move
    to a schema of their own with their indexes, constraints and sequences; SQLite copies the whole database.
    """
    if connection.vendor == "postgresql":
        recorded = list(MigrationRecorder(connection).migration_qs.filter(app__in=OUR_APPS))
        tables = [connection.ops.quote_name(table) for table in our_tables(connection)]
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_schema()")
            (schema,) = cursor.fetchone()
            cursor.execute(f"CREATE SCHEMA {ASIDE}")
            for table in tables:
                cursor.execute(f"ALTER TABLE {table} SET SCHEMA {ASIDE}")
        forget_our_apps(connection)

        def put_back():
            forget_our_apps(connection)
            with connection.cursor() as cursor:
                for table in tables:
                    cursor.execute(f"ALTER TABLE {ASIDE}.{table} SET SCHEMA {connection.ops.quote_name(schema)}")
                cursor.execute(f"DROP SCHEMA {ASIDE}")
            MigrationRecorder(connection).migration_qs.bulk_create(recorded)

    else:
        connection.ensure_connection()
        copy = sqlite3.connect(":memory:")
        connection.connection.backup(copy)
        forget_our_apps(connection)

        def put_back():
            copy.backup(connection.connection)
            copy.close()

    return put_back


def out_of_a_failed_migration(connection, error):
    """Close the transaction a migration failing on SQLite leaves open (its schema editor checks the constraints
    before closing it, which fails first)."""
    while connection.atomic_blocks:
        connection.atomic_blocks[-1].__exit__(type(error), error, error.__traceback__)
    connection.enable_constraint_checking()


def forwards(executor, targets, state=None):
    """Apply what `targets` need and is not applied yet, never taking a migration back; return the project state
    reached. `state`, the one the same executor reached last, spares rendering every model anew."""
    loader = executor.loader
    loader.build_graph()  # reads what the last call applied
    applied = set(loader.applied_migrations)
    plan = []
    for target in targets:
        for key in loader.graph.forwards_plan(target):
            if key not in applied:
                applied.add(key)
                plan.append((loader.graph.nodes[key], False))
    state = executor.migrate(targets, plan=plan, state=state)
    state.clear_delayed_apps_cache()  # models rendered lazily along the way may point at stale ones
    return state


def backwards(executor, targets):
    """Take back the migrations after `targets`; return the project state there."""
    executor.loader.build_graph()
    return executor.migrate(targets)
