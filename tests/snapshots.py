"""Database rows taken once and put back with plain SQL, where rebuilding them would cost a test seconds.

Two uses, both exact copies of what the real code left:

- The migrations' own rows (titles, rule sets, content types…), put back after each transactional test in place
  of Django's flush (tests/conftest.py), so every test starts from the database its migrations made, whichever
  test ran before it in the worker.
- The demo. The first test that needs it runs `load_demo` for real; the rows it added, changed or removed (and
  the files they name) are noted, and later tests get the same rows put back in a fraction of the time. A test's
  transaction and autocommit each get their own first load: work deferred to `on_commit` (papers rendered once a
  proposal is saved) runs only in autocommit. The notes are kept under .pytest_cache/demo-rows/ for the other
  test workers and the next run, as long as what the demo is made of (`made_of_key`) and the migrations' rows
  are the same.
"""

import fcntl
import hashlib
import os
import pickle
import sys
from datetime import datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import FileField
from django.utils import timezone

ROOT = Path(__file__).resolve().parents[1]
# What the demo is not made of: the tests, the static files, the docs, what runs leave behind.
NOT_THE_DEMO = {"tests", "static", "docs", "bench", "media", "staticfiles", "test-artifacts"}
MADE_OF = {".py", ".html", ".po"}


def made_of_key(*extra):
    """What the demo is made of: the code, templates, translations and fixtures it is migrated and loaded with,
    this interpreter and the day in the project's time zone, which need not be the machine's (the demo dates its
    deadlines from that day); and `extra` files."""
    digest = hashlib.sha256(f"{sys.version} {timezone.localdate()}".encode())
    for directory, directories, files in os.walk(ROOT):
        directories[:] = sorted(
            name
            for name in directories
            if not name.startswith((".", "_")) and not (Path(directory) == ROOT and name in NOT_THE_DEMO)
        )
        for name in sorted(files):
            path = Path(directory) / name
            if path.suffix in MADE_OF or "fixtures" in path.relative_to(ROOT).parts:
                digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    for path in extra:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:16]


def _tables():
    """Each table of the installed models (many-to-many tables too), with the column of its primary key."""
    existing = set(connection.introspection.table_names())
    keys = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.managed and not meta.proxy and meta.db_table in existing:
            keys[meta.db_table] = meta.pk.column
    return dict(sorted(keys.items()))


class Rows:
    """Every row of every table (or of `only` these), by primary key, with the tables' columns."""

    def __init__(self, only=None, tables=None):
        self.columns, self.rows = {}, {}
        with connection.cursor() as cursor:
            for table, key in (tables or _tables()).items():
                if only is not None and table not in only:
                    continue
                cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
                columns = [column[0] for column in cursor.description]
                position = columns.index(key)
                self.columns[table] = columns
                self.rows[table] = {row[position]: row for row in cursor.fetchall()}

    def counts(self):
        return {table: len(rows) for table, rows in self.rows.items()}


def counts(tables=None):
    """How many rows each table holds now, in one query."""
    tables = list(tables or _tables())
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(table)})" for table in tables))
        return dict(zip(tables, cursor.fetchone(), strict=True))


def _write(columns, deletions, insertions, tables=None):
    """Delete the rows of `deletions` ({table: keys}) and insert those of `insertions` ({table: rows}), at once.

    Foreign keys are checked when the transaction commits (Django makes them deferrable), so the order of the
    tables does not matter.
    """
    quote = connection.ops.quote_name
    keys = tables or _tables()
    with transaction.atomic(), connection.cursor() as cursor:
        for table, pks in deletions.items():
            if pks is None:
                cursor.execute(f"DELETE FROM {quote(table)}")
            elif pks:
                pks = list(pks)
                for start in range(0, len(pks), 500):
                    chunk = pks[start : start + 500]
                    marks = ", ".join(["%s"] * len(chunk))
                    cursor.execute(f"DELETE FROM {quote(table)} WHERE {quote(keys[table])} IN ({marks})", chunk)
        for table, rows in insertions.items():
            if rows:
                names = ", ".join(quote(column) for column in columns[table])
                marks = ", ".join(["%s"] * len(columns[table]))
                cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", rows)


class Baseline:
    """The database as its migrations made it, taken once per worker before any test."""

    def __init__(self):
        self.taken = Rows()
        self.counts = self.taken.counts()

    def key(self):
        """The migrations' rows, but for the moments they were written at (each database was migrated at its own)."""
        digest = hashlib.sha256()
        for table, rows in self.taken.rows.items():
            for key in sorted(rows, key=repr):
                kept = tuple(value for value in rows[key] if not isinstance(value, datetime))
                digest.update(repr((table, kept)).encode())
        return digest.hexdigest()[:16]

    def restore(self):
        """Make every table hold exactly the migrations' rows again, writing only to the tables that differ.

        Most tests write to a few tables and none of the migrations' rows: emptying and filling every table again
        (with the foreign keys checked at commit) took a sixth of a second a test.
        """
        tables = _tables()  # asked of the database once, not by each step (milliseconds each)
        now = counts(tables)
        same_count = [table for table, rows in self.taken.rows.items() if rows and now[table] == len(rows)]
        same = {table for table, rows in Rows(same_count, tables).rows.items() if rows == self.taken.rows[table]}
        changed = {table for table, count in now.items() if table not in same and (count or self.counts[table])}
        _write(
            self.taken.columns,
            {table: None for table in changed if now[table]},
            {table: list(self.taken.rows[table].values()) for table in changed if self.taken.rows[table]},
            tables,
        )


class Demo:
    """What `load_demo` did to the migrated database, to do again without running it."""

    def __init__(self, before, after):
        self.columns = after.columns
        self.deletions, self.insertions = {}, {}
        for table, rows in after.rows.items():
            old = before.rows[table]
            changed = {pk for pk, row in rows.items() if old.get(pk, row) != row}
            gone = old.keys() - rows.keys()
            if changed or gone:
                self.deletions[table] = changed | gone
            added = [row for pk, row in rows.items() if pk not in old or pk in changed]
            if added:
                self.insertions[table] = added
        # The files its rows name (not every file that appeared meanwhile: another test worker's are there too).
        root, names = Path(settings.MEDIA_ROOT), set()
        for table, columns in _file_columns().items():
            for row in self.insertions.get(table, ()):
                names.update(row[self.columns[table].index(column)] for column in columns)
        self.files = {name: (root / name).read_bytes() for name in names if name and (root / name).is_file()}
        self.sequences_past = True  # load_demo itself moved them past its rows

    def __getstate__(self):
        return {**self.__dict__, "sequences_past": False}

    def apply(self, tables=None):
        _write(self.columns, self.deletions, self.insertions, tables)
        if not self.sequences_past:
            # Noted by another worker or run, its rows came with their ids and this database's sequences are behind.
            tables = set(self.insertions)
            models = [model for model in apps.get_models(include_auto_created=True) if model._meta.db_table in tables]
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(statement)
            self.sequences_past = True
        root = Path(settings.MEDIA_ROOT)
        for name, content in self.files.items():
            path = root / name
            if not path.exists() or path.stat().st_size != len(content):
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)


def _file_columns():
    """The columns of each table that name a stored file."""
    columns = {}
    for model in apps.get_models():
        named = [field.column for field in model._meta.concrete_fields if isinstance(field, FileField)]
        if named:
            columns[model._meta.db_table] = named
    return columns


_state = {"baseline": None, "demo": {}}


def take_baseline():
    _state["baseline"] = Baseline()


def restore_baseline():
    if _state["baseline"] is not None:
        _state["baseline"].restore()


def _load_for_real():
    call_command("load_demo", force=True, stdout=open(os.devnull, "w"))


def _noted(baseline, flavour):
    """The demo put in the database at its baseline, from the notes of another worker or run, or loaded and noted.

    A worker that finds another noting the same demo loads its own rather than wait with a core idle.
    """
    store = ROOT / ".pytest_cache" / "demo-rows"
    store.mkdir(parents=True, exist_ok=True)
    made_of = made_of_key(ROOT / "tests" / "settings.py")
    key = f"{made_of}-{connection.vendor}-{flavour}-{baseline.key()}"
    path, part = store / f"{key}.pickle", store / f"{key}.part"
    with (store / f"{key}.lock").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return _noted_now()
        if path.exists():
            demo = pickle.loads(path.read_bytes())
            demo.apply()
            return demo
        for older in store.iterdir():  # the notes of older code or of another day
            if not older.name.startswith(made_of):
                older.unlink(missing_ok=True)
        demo = _noted_now()
        part.write_bytes(pickle.dumps(demo))
        part.rename(path)
        return demo


def _noted_now():
    before = Rows()
    _load_for_real()
    return Demo(before, Rows())


def load_demo():
    """The demo from the four seed plans, as `manage.py load_demo` loads it (the quick start runs it with DEBUG on)."""
    baseline = _state["baseline"]
    flavour = "transaction" if connection.in_atomic_block else "autocommit"
    known = _state["demo"].get(flavour)
    tables = _tables()  # asked of the database once for the count and the writing (a few hundred loads a run)
    at_baseline = baseline is not None and counts(tables) == baseline.counts
    if not at_baseline:
        _load_for_real()
    elif known is not None:
        known.apply(tables)
    else:
        _state["demo"][flavour] = _noted(baseline, flavour)
