import logging

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import MiddlewareNotUsed, SuspiciousOperation, ValidationError
from django.core.handlers.exception import get_exception_response
from django.db import OperationalError, connection
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import get_resolver, get_urlconf, reverse
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
    stops no one from reading. Such a transaction cannot write once another
    has written since it began (it fails at once, without waiting): a view
    that writes on a GET is `transaction.non_atomic_requests` and writes in
    `core.db.writing`. When the wait runs out the user gets the busy
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


class ContentSecurityPolicyMiddleware:
    """Every response says the page runs only the app's own scripts and styles (CONTENT_SECURITY_POLICY).

    No page has an inline script, handler or style: what a page does lives
    in static/js, what it looks like in static/css. So text that slipped
    into a page unescaped still cannot run.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.CONTENT_SECURITY_POLICY:
            response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


class ErrorPagesMiddleware:
    """The site's own Vietnamese 400, 404 and 500 pages with DEBUG on too, unless DEBUG_ERROR_PAGES asks for Django's.

    The quick start runs with DEBUG=True, where Django answers a missing page
    with an English page listing every URL of the site and a crash with its
    traceback: a clerk trying the app should meet the pages production shows.
    A developer who wants the details sets DEBUG_ERROR_PAGES=True. (403 is the
    site's own page in every mode already.) A view's 404 and 400 are answered
    here; a page no URL matches (it fails before any view) and a crash are
    replaced on their way out, once Django has logged the crash and the other
    middleware has had its say (a busy SQLite database stays a 503).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    @staticmethod
    def _hides_debug_pages():
        return settings.DEBUG and not settings.DEBUG_ERROR_PAGES

    def __call__(self, request):
        response = self.get_response(request)
        if not self._hides_debug_pages():
            return response
        if response.status_code == 404 and request.resolver_match is None:
            return self._page(request, 404, Http404())
        if response.status_code == 500:
            return get_resolver(get_urlconf()).resolve_error_handler(500)(request)
        return response

    def process_exception(self, request, exception):
        if not self._hides_debug_pages():
            return None
        if isinstance(exception, Http404):
            return self._page(request, 404, exception)
        if isinstance(exception, SuspiciousOperation):
            return self._page(request, 400, exception)
        return None

    @staticmethod
    def _page(request, status, exception):
        """The URLconf's handler for a 400 or a 404, as Django calls it without DEBUG."""
        return get_exception_response(request, get_resolver(get_urlconf()), status, exception)
