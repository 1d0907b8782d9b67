import logging

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import MiddlewareNotUsed, ValidationError
from django.db import OperationalError, connection
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
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


def busy_response():
    """The Vietnamese "busy, try again" page: nothing was saved, the same click works in a moment.

    Rendered without the request's context processors, which would read the
    database again."""
    with translation.override(settings.LANGUAGE_CODE):
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(BUSY_RETRY_SECONDS)
    return response


class SqliteRequestMiddleware:
    """The quick start's SQLite file: a request that only reads takes no lock; "database is locked" is a 503.

    SQLite has one writer at a time. Each request is one transaction
    (ATOMIC_REQUESTS); one that may write (POST and the like) takes the write
    lock as it begins (settings: IMMEDIATE) and waits its turn up to the
    timeout, while one that reads (GET, HEAD, OPTIONS) begins a plain
    transaction that under WAL never waits for a writer, so a slow write
    stops no one from reading. When the wait runs out the user gets the busy
    page instead of an error, and nothing of the request is kept. First in
    the chain, so that a lock met by any middleware (the session's save) is
    answered the same way. Not used on PostgreSQL.
    """

    SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

    def __init__(self, get_response):
        if connection.vendor != "sqlite":
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        try:
            # Connecting sets the mode from the settings, so connect first, then choose it for this request.
            connection.ensure_connection()
            connection.transaction_mode = None if request.method in self.SAFE_METHODS else "IMMEDIATE"
            try:
                return self.get_response(request)
            finally:
                connection.transaction_mode = "IMMEDIATE"
        except OperationalError as error:
            if not _database_busy(error):
                raise
            return self._busy(request)

    def process_exception(self, request, exception):
        return self._busy(request) if _database_busy(exception) else None

    def _busy(self, request):
        logger.warning("database busy: %s %s", request.method, request.path)
        return busy_response()
