import logging

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
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
