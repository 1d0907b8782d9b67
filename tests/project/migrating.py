"""Databases as older releases left them, for the upgrade tests.

Each app's history up to main at d290e13 is squashed into its
`0001_squashed_…` migration, which names the migrations it replaces; the
replaced files left the apps (their dependencies ran back up the data flow)
and are kept, frozen, in `previous_main/`. A database of that main applied
them one by one: Django counts such a squash as applied and goes on from
there. These helpers build such a database along the old files, then upgrade
it the way `manage.py migrate` does.
"""

import pkgutil
from importlib import import_module

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

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

# The migrations that gave the tables still named after campaigns their own apps' names.
RENAMES = [("activity", "0002_table_named_after_the_app"), ("organisation", "0008_tables_named_after_the_app")]


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
        # The tables took their apps' names after the previous main, as they did for a database of that main: so
        # they are named back before an older migration that names them runs backwards.
        for key in RENAMES:
            for target in PREVIOUS_MAIN:
                self.graph.add_dependency(self.graph.nodes[key], key, target)


class HistoryExecutor(MigrationExecutor):
    """Migrates along the old files (Django's own loader refuses a database where a squash is half applied)."""

    def __init__(self, connection):
        super().__init__(connection=None)
        self.connection, self.loader, self.recorder = (
            connection,
            HistoryLoader(connection),
            MigrationRecorder(connection),
        )


def migrate_history(targets):
    """Migrate, forwards or back, to `targets` along the old migrations (`(app, None)`: before the app's first);
    return the models as the database holds them then."""
    HistoryExecutor(connection).migrate(targets)
    loader = HistoryLoader(connection)
    return loader.project_state([key for key in loader.applied_migrations if key in loader.graph.nodes]).apps


def migrate_latest():
    """Upgrade to the newest migrations the way `manage.py migrate` does.

    Django takes a squash only when none or all of the migrations it replaces
    are applied, so a database taken back along the old files first goes
    forward along them to the previous main, as a real one stands.
    """
    history = HistoryExecutor(connection)
    graph, applied = history.loader.graph, set(history.loader.applied_migrations)
    plan = []
    for target in PREVIOUS_MAIN:
        for key in graph.forwards_plan(target):
            if key not in applied:
                applied.add(key)
                plan.append((graph.nodes[key], False))
    history.migrate(PREVIOUS_MAIN, plan=plan)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
