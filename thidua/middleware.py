import logging

from django.contrib import messages
from django.core.exceptions import MiddlewareNotUsed, ValidationError
from django.db import OperationalError, connection, transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

logger = logging.getLogger(__name__)


class VietnameseFirstMiddleware:
    """Serve Vietnamese unless the user chose English in the UI.

    Office PCs often run an English browser; the browser's Accept-Language
    should not switch the interface away from Vietnamese. The language cookie
    set by the switcher still decides.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class RefusedWriteMiddleware:
    """A service's refusal that a view let through becomes a message on the page the user came from, never a 500.

    Views catch the refusals they expect and show them beside the form; this
    is the net under the others (a guard added to a service later, a state
    changed by someone else in between). The refusal is logged, so the view
    that should have caught it can be found.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ValidationError) or request.method != "POST":
            return None
        logger.warning("refused write left to the middleware: %s %s", request.path, exception.messages)
        messages.error(request, " ".join(exception.messages))
        back = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = reverse("dashboard")
        return redirect(back)


BUSY_RETRY_SECONDS = 5


def _database_busy(exception):
    return isinstance(exception, OperationalError) and "database is locked" in str(exception)


def busy_response(request):
    """The Vietnamese "busy, try again" page: nothing was saved, the same click works in a moment."""
    response = render(request, "503.html", {"retry": BUSY_RETRY_SECONDS}, status=503)
    response["Retry-After"] = str(BUSY_RETRY_SECONDS)
    return response


class SqliteRequestMiddleware:
    """The quick start's SQLite file: a request that writes is one transaction; one that reads takes no lock.

    SQLite has one writer at a time. A write transaction takes the write lock
    as it begins (settings: IMMEDIATE) and waits its turn up to the timeout;
    reads (GET, HEAD, OPTIONS) run outside any transaction, so under WAL they
    never wait for a writer and a slow write stops no one from reading. When
    the wait runs out ("database is locked") the user gets the busy page (503)
    instead of an error, and nothing of the request is kept. PostgreSQL uses
    ATOMIC_REQUESTS instead, and this middleware steps aside.
    """

    SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

    def __init__(self, get_response):
        if connection.vendor != "sqlite":
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        try:
            if request.method in self.SAFE_METHODS:
                return self.get_response(request)
            with transaction.atomic():
                return self.get_response(request)
        except OperationalError as error:  # at BEGIN or COMMIT, outside the view
            if not _database_busy(error):
                raise
            logger.warning("database busy: %s %s", request.method, request.path)
            return busy_response(request)

    def process_exception(self, request, exception):
        # An exception in the view undoes the request's writes, as ATOMIC_REQUESTS would.
        if connection.in_atomic_block:
            transaction.set_rollback(True)
        if _database_busy(exception):
            logger.warning("database busy: %s %s", request.method, request.path)
            return busy_response(request)
        return None
