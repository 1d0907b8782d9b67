"""Signing in with limits that a stranger cannot turn against an account's owner.

Failures are counted in the cache (shared by every app server through
Redis), over a window of LOGIN_LOCKOUT_SECONDS:
- per address and account: after LOGIN_MAX_FAILURES, that address may not
  try that account again until the window passes. Nobody else is affected,
  so typing wrong passwords for someone's name never locks them out;
- per address: after LOGIN_ADDRESS_MAX_FAILURES failures on any accounts,
  the address is refused (one machine sweeping many accounts);
- per account, from everywhere: once LOGIN_ACCOUNT_ADDRESSES different
  addresses have failed on it (a guess spread over many machines), each
  failure makes the next attempt for it wait longer (1, 2, 4 … seconds, at
  most LOGIN_MAX_DELAY_SECONDS): a slow-down, never a lock.
A browser that has signed in to an account before carries a signed cookie
saying so; for that account it is spared the address-wide limit and the
slow-down, so its owner gets in during an attack on their name.

The same form logic serves the site's login page and /admin/login/; the
password-reset page is limited per address and per email address. Each
failure is announced by Django's `user_login_failed` signal, which the
organisation app records for the emulation office.

Behind a reverse proxy every connection comes from the proxy, so the address
counted is the client's, read from CLIENT_ADDRESS_HEADER as the proxies wrote it.
"""

import hashlib
import time

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _

from core.text import fold

DEVICE_COOKIE = "thidua_device"
DEVICE_COOKIE_SALT = "thidua.login.device"
DEVICE_ACCOUNTS = 5
DEVICE_COOKIE_AGE = 365 * 24 * 3600


def _digest(text):
    # Typed names can hold any character; cache keys should not.
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def now():
    return time.time()


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


def _count(key):
    cache.add(key, 0, settings.LOGIN_LOCKOUT_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, settings.LOGIN_LOCKOUT_SECONDS)
        return 1


def _minutes():
    return max(1, settings.LOGIN_LOCKOUT_SECONDS // 60)


def trusted_accounts(request):
    """The accounts (digests of their folded names) this browser has signed in to."""
    try:
        return set(
            request.get_signed_cookie(
                DEVICE_COOKIE, default="", salt=DEVICE_COOKIE_SALT, max_age=DEVICE_COOKIE_AGE
            ).split(",")
        ) - {""}
    except signing.BadSignature:
        return set()


class LoginThrottle:
    """The limits on one attempt to sign in to `username` from the request's address."""

    def __init__(self, request, username):
        self.request = request
        self.account = _digest(fold(username or "")[:150])
        self.address = _digest(client_address(request))
        self.trusted = self.account in trusted_accounts(request)

    @property
    def keys(self):
        return {
            "pair": f"login:pair:{self.address}:{self.account}",
            "address": f"login:addr:{self.address}",
            "places": f"login:acct-places:{self.account}",
            "wait": f"login:acct-wait:{self.account}",
        }

    def refusal(self):
        """Why this attempt is not even checked, or None."""
        keys = self.keys
        if cache.get(keys["pair"], 0) >= settings.LOGIN_MAX_FAILURES:
            return _("Too many failed attempts. Wait %(minutes)s minutes, or reset your password.") % {
                "minutes": _minutes()
            }
        if self.trusted:
            return None
        if cache.get(keys["address"], 0) >= settings.LOGIN_ADDRESS_MAX_FAILURES:
            return _("Too many failed attempts from this address. Wait %(minutes)s minutes.") % {"minutes": _minutes()}
        until, _seconds = cache.get(keys["wait"], (0, 0))
        if until > now():
            return _(
                "This account is being tried from several places, so each attempt waits a little. "
                "Try again in %(seconds)s seconds."
            ) % {"seconds": max(1, round(until - now()))}
        return None

    def failed(self):
        keys = self.keys
        _count(keys["pair"])
        _count(keys["address"])
        places = cache.get(keys["places"], [])
        if self.address not in places and len(places) < settings.LOGIN_ACCOUNT_ADDRESSES:
            places = [*places, self.address]
            cache.set(keys["places"], places, settings.LOGIN_LOCKOUT_SECONDS)
        if len(places) >= settings.LOGIN_ACCOUNT_ADDRESSES:
            # The wait doubles with each failure while the account is tried from several places.
            _until, seconds = cache.get(keys["wait"], (0, 0))
            seconds = min(settings.LOGIN_MAX_DELAY_SECONDS, seconds * 2 or 1)
            cache.set(keys["wait"], (now() + seconds, seconds), settings.LOGIN_LOCKOUT_SECONDS)

    def succeeded(self):
        cache.delete(self.keys["pair"])
        self.request.trusted_account = self.account


class ThrottledLoginForm:
    """Checks the limits before the password, counts a failure, and marks a success for the device cookie."""

    throttled = False

    def clean(self):
        throttle = LoginThrottle(self.request, self.data.get("username", ""))
        refusal = throttle.refusal()
        if refusal:
            self.throttled = True
            raise ValidationError(refusal, code="throttled")
        try:
            cleaned = super().clean()
        except ValidationError:
            throttle.failed()
            raise
        if self.get_user() is not None:
            throttle.succeeded()
        return cleaned


class LoginForm(ThrottledLoginForm, AuthenticationForm):
    pass


class AdminLoginForm(ThrottledLoginForm, AdminAuthenticationForm):
    pass


def remember_device(request, response):
    """After a sign-in, let this browser be recognised for that account (a signed list of a few accounts)."""
    account = getattr(request, "trusted_account", None)
    if account is None:
        return response
    accounts = [account, *(known for known in trusted_accounts(request) if known != account)][:DEVICE_ACCOUNTS]
    response.set_signed_cookie(
        DEVICE_COOKIE,
        ",".join(accounts),
        salt=DEVICE_COOKIE_SALT,
        max_age=DEVICE_COOKIE_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


class RateLimitedLoginView(auth_views.LoginView):
    authentication_form = LoginForm

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.throttled:
            response.status_code = 429
        return response

    def form_valid(self, form):
        return remember_device(self.request, super().form_valid(form))


class RateLimitedPasswordResetView(auth_views.PasswordResetView):
    """At most PASSWORD_RESET_MAX_REQUESTS requests per address in the window; a few emails per address.

    A mailbox past its limit gets nothing more, and the page says what it
    always says, so it tells no one whether an account has that address.
    """

    def form_valid(self, form):
        address = _digest(client_address(self.request))
        if cache.get(f"reset:addr:{address}", 0) >= settings.PASSWORD_RESET_MAX_REQUESTS:
            form.add_error(
                None,
                _("Too many requests from this address. Wait %(minutes)s minutes.") % {"minutes": _minutes()},
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        _count(f"reset:addr:{address}")
        if _count(f"reset:mail:{_digest(fold(form.cleaned_data['email']))}") > settings.PASSWORD_RESET_MAX_EMAILS:
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)
