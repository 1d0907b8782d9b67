"""Database helpers: copies of rows, and what only one backend needs."""

from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections, transaction


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


def copied(instance, fields, **changes):
    """An unsaved row of the instance's model holding the named fields' values, then `changes`.

    What a copy carries is then a list of names the reader can check against
    the model, rather than one `name=source.name` line a field. A key is
    copied as its id, without loading the row it points to.
    """
    options = type(instance)._meta
    values = {options.get_field(name).attname: getattr(instance, options.get_field(name).attname) for name in fields}
    return type(instance)(**values, **changes)


@contextmanager
def writing(using=DEFAULT_DB_ALIAS):
    """An atomic block that, on SQLite, takes the write lock as it begins, even in a request that began as a reader.

    A GET begins its transactions plainly (core.middleware.SqliteRequestMiddleware), so that under WAL it waits
    for no writer. But a plain transaction that reads and then writes fails at once ("database is locked", with
    no wait) when another connection wrote in between, e.g. the background thread saving a paper's progress:
    its snapshot is stale. A view that must write on a GET reads outside any transaction
    (`transaction.non_atomic_requests`) and writes in this block, which waits its turn up to the timeout
    instead. Inside an atomic block already (a POST, a test), it is a savepoint of that one.
    """
    connection = connections[using]
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        with transaction.atomic(using=using):
            yield
        return
    connection.ensure_connection()  # connecting sets the mode from the settings: connect first, then choose it
    mode = connection.transaction_mode
    connection.transaction_mode = "IMMEDIATE"
    try:
        with transaction.atomic(using=using):
            yield
    finally:
        connection.transaction_mode = mode
