"""Login with a limit on failed attempts, counted per account and per address in the cache.

After LOGIN_MAX_FAILURES failures within LOGIN_LOCKOUT_SECONDS, further
attempts for that account (or from that address) are refused with a clear
message until the window passes; a successful login clears the account's count.

Behind a reverse proxy every connection comes from the proxy, so the address
counted is the client's, read from CLIENT_ADDRESS_HEADER as the proxies wrote it.
"""

import hashlib

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.utils.translation import gettext as _

from core.text import fold


def _digest(text):
    # Typed names can hold any character; cache keys should not.
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def client_address(request):
    """The address the outermost of TRUSTED_PROXY_COUNT proxies saw the request come from.

    Each proxy appends the address it received the request from, so only the
    last TRUSTED_PROXY_COUNT entries are trustworthy; whatever the client sent
    itself lies to their left and is ignored. With fewer entries, some proxy
    was not on the way, and the first entry is the client seen by the nearest.
    """
    header = settings.CLIENT_ADDRESS_HEADER
    if not header:
        return request.META.get("REMOTE_ADDR", "")
    key = "HTTP_" + header.upper().replace("-", "_")
    entries = [entry.strip() for entry in request.META.get(key, "").split(",") if entry.strip()]
    if not entries:
        return request.META.get("REMOTE_ADDR", "")
    return entries[-min(settings.TRUSTED_PROXY_COUNT, len(entries))]


def _keys(request):
    username = fold(request.POST.get("username", ""))[:150]
    address = client_address(request)
    return f"login-fail:user:{_digest(username)}", f"login-fail:addr:{_digest(address)}"


class RateLimitedLoginView(auth_views.LoginView):
    def post(self, request, *args, **kwargs):
        keys = _keys(request)
        if any(cache.get(key, 0) >= settings.LOGIN_MAX_FAILURES for key in keys):
            form = self.get_form()
            form.errors.clear()
            form.add_error(
                None,
                _("Too many failed attempts. Wait %(minutes)s minutes, or reset your password.")
                % {"minutes": settings.LOGIN_LOCKOUT_SECONDS // 60},
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        for key in _keys(self.request):
            cache.add(key, 0, settings.LOGIN_LOCKOUT_SECONDS)
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, settings.LOGIN_LOCKOUT_SECONDS)
        return super().form_invalid(form)

    def form_valid(self, form):
        cache.delete(_keys(self.request)[0])
        return super().form_valid(form)
