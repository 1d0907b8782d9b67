"""The one access vocabulary: who may do what, asked the same way by every view.

A need is named "<scope>.<verb>": "campaign.compile", "unit.manage",
"proposal.open_ballot". A scope is one kind of thing a page is about (a
campaign, a unit, a proposal …, or the office's pages as a whole); the app
that owns it declares it, answering the `access_scopes` signal with a `Scope`:
how the URL's id becomes the object (404 for what the user may not even
see), the per-request grant worked out once for that object (the user's
`CampaignAccess`, `ProposalAccess`, `Viewer` …), and each verb as a rule on
that grant.

Every view says what it needs with `@requires(need)`, which resolves the
object, refuses (404 for what the user may not see, 403 for what they see
but may not do) and hands the object to the view. Inside a view, and in the
templates, the same words are asked of `request.access`:
`request.access.may("campaign.act_for", unit_id)`, or `.require(…)` to refuse.
No view decides access by hand.
"""

from dataclasses import dataclass, field
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.dispatch import Signal
from django.http import Http404

from core.dispatch import merged

#: Sent once to learn the scopes, without arguments; each app answers {scope name: Scope} for its own.
access_scopes = Signal()


@dataclass(frozen=True)
class Scope:
    # verb -> rule(grant, obj) -> bool; `obj` is what the need is asked about within the scope, if anything
    verbs: dict
    # the URL argument naming the object, and resolve(request, id) -> the object, raising Http404 outside reach
    url_kwarg: str | None = None
    resolve: object = None
    # grant(request, subject) -> what the user may do with the subject, worked out once per request
    grant: object = None
    # verbs refused as if the thing did not exist (404) rather than forbidden (403)
    hidden: frozenset = frozenset()
    # before(request, subject, verb) -> a response to show instead of the page (e.g. choose who you act as), or None
    before: object = None


_scopes = None
# What a need is asked about when the question names nothing: the object the page is about.
SUBJECT = object()


# Pages that any signed-in user opens (their notifications, the lists that show each user what they may see).
SITE = Scope(verbs={"enter": lambda grant, obj: True})


def scopes():
    """The scopes every app declared; asked once, since apps declare them when they are ready."""
    global _scopes
    if _scopes is None:
        _scopes = {"site": SITE, **merged(access_scopes)}
    return _scopes


def allows(grant, need, obj=None):
    """Whether a grant worked out beforehand allows `need` on `obj`: the same rule `Access.may` asks.

    For a page that lists many objects of one scope (the dashboard's
    campaigns), each with its own grant, read together without a query each.
    """
    scope_name, verb = need.split(".", 1)
    return bool(scopes()[scope_name].verbs[verb](grant, obj))


@dataclass
class Access:
    """One per request: the grants worked out for it, and the answers to "may this user do *need* on *obj*"."""

    request: object
    subjects: dict = field(default_factory=dict)
    grants: dict = field(default_factory=dict)

    def enter(self, scope_name, subject):
        """The page is about `subject`: later questions in that scope are asked of it."""
        self.subjects[scope_name] = subject
        self.grants.pop(scope_name, None)

    def subject(self, scope_name):
        return self.subjects.get(scope_name)

    def grant(self, scope_name):
        if scope_name not in self.grants:
            scope = scopes()[scope_name]
            subject = self.subjects.get(scope_name)
            self.grants[scope_name] = scope.grant(self.request, subject) if scope.grant else None
        return self.grants[scope_name]

    def may(self, need, obj=SUBJECT):
        """Whether the user may; `obj` is what is asked about, by default the object the page is about."""
        scope_name = need.split(".", 1)[0]
        return allows(self.grant(scope_name), need, self.subjects.get(scope_name) if obj is SUBJECT else obj)

    def require(self, need, obj=SUBJECT, *, seen_by=None):
        """Refuse unless the user may: 404 for what they may not even see, 403 for what they see but may not do.

        `seen_by` is the (need, obj) that makes the thing visible, when the
        scope cannot tell by the verb alone.
        """
        if self.may(need, obj):
            return
        scope_name, verb = need.split(".", 1)
        if verb in scopes()[scope_name].hidden or (seen_by is not None and not self.may(*seen_by)):
            raise Http404
        raise PermissionDenied


class AccessMiddleware:
    """Puts the request's `Access` on it, for views and templates."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.access = Access(request)
        return self.get_response(request)


def requires(need):
    """The view needs `need`: the scope's object is resolved from the URL and passed to the view first."""
    scope_name, verb = need.split(".", 1)

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            if not isinstance(getattr(request, "access", None), Access):
                request.access = Access(request)
            scope = scopes()[scope_name]
            subject = None
            if scope.url_kwarg:
                subject = scope.resolve(request, kwargs.pop(scope.url_kwarg))
                request.access.enter(scope_name, subject)
                args = (subject, *args)
            request.access.require(need)
            if scope.before is not None:
                response = scope.before(request, subject, verb)
                if response is not None:
                    return response
            return view(request, *args, **kwargs)

        wrapper.required_need = need
        return wrapper

    return decorator
