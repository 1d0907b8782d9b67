"""Handing work to Celery without making a request wait on the broker.

A request that queues a task has already committed its change; a broker
that is down (or accepts connections and never answers) must neither turn
that into a 500 nor hold the page for the connection's time-out. So tasks
are published from the process's one background thread, and when the
broker cannot take one, its fallback runs there instead. The work itself
is kept in the database (a pending row), so a task lost on the way is also
found again by the periodic sweeps (`setup_schedules`).
"""

import logging
import time
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.db import connection

logger = logging.getLogger(__name__)

# One thread, so that two renders never write to SQLite at once and a burst of requests queues up here.
_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="thidua-background")

# After the broker failed once, tasks go straight to their fallback for this long instead of each waiting
# out the connection's retries, so a burst of requests while Redis is down does not pile up behind them.
BROKER_DOWN_PAUSE = 30
_broker_down_until = 0.0


def in_background(function, *args):
    """Run `function(*args)` in the background thread, on a database connection of its own closed after."""
    return _thread.submit(_run, function, args)


def _run(function, args):
    try:
        return function(*args)
    except Exception:
        logger.exception("Background work %s%r failed", getattr(function, "__name__", function), args)
        raise
    finally:
        connection.close()


def send_task(task, *args, fallback=None):
    """Queue `task(*args)`: at once without a broker (in process), else published from the background thread.

    When the broker refuses or times out, `fallback(*args)` runs in the
    background thread instead; without one the work waits in the database
    for its periodic sweep.
    """
    if task.app.conf.task_always_eager:
        task.delay(*args)
        return None
    return in_background(_publish, task, args, fallback)


def make_in_background(task, pk, here):
    """Queue the making of a kept file (core.models.KeptFile): by a worker, or without a broker (or when it
    cannot take the task) by `here(pk)` in this process's background thread; tests: right away."""
    if settings.RENDER_IN_THREAD:
        in_background(here, pk)
    else:
        send_task(task, pk, fallback=here)


def _publish(task, args, fallback):
    global _broker_down_until
    if time.monotonic() >= _broker_down_until:
        try:
            task.apply_async(args, retry=False)
            return
        except Exception as error:  # noqa: BLE001 – any transport error means "the broker cannot take it now"
            logger.warning("The broker did not take %s%r (%s)", task.name, args, error)
            _broker_down_until = time.monotonic() + BROKER_DOWN_PAUSE
    if fallback is not None:
        fallback(*args)


def wait_for_background():
    """Block until everything handed to the background thread so far has run (tests, and the load_demo command)."""
    _thread.submit(lambda: None).result()
