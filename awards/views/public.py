"""The public side, without login: the check of a certificate by its code, and the published awards.

Each page is rate-limited per client address (`PUBLIC_PAGE_RATE` a minute),
so that codes cannot be tried in bulk; a wrong code answers "không tìm thấy"
and nothing else.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from awards.certificates import certificate_lookup, normalised
from awards.publication import publication_get, published_decisions, published_signed_copy, published_years
from core.login import client_address
from core.views import or_404


def rate_limited(view):
    """At most PUBLIC_PAGE_RATE requests a minute from one address, across every public page; then 429."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        address = hashlib.sha256(client_address(request).encode()).hexdigest()
        key = f"public-rate:{int(time.time() // 60)}:{address}"
        cache.add(key, 0, timeout=120)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between the two calls
            cache.set(key, 1, timeout=120)
            count = 1
        if count > settings.PUBLIC_PAGE_RATE:
            response = render(request, "awards/public/too_many.html", status=429)
            response["Retry-After"] = "60"
            return response
        return view(request, *args, **kwargs)

    return wrapper


@never_cache
@rate_limited
def certificate_form(request):
    code = request.GET.get("ma", "")
    if code:
        return redirect("public:certificate", code=normalised(code) or "-")
    return render(request, "awards/public/certificate.html", {"searched": False})


@never_cache
@rate_limited
def certificate(request, code):
    found = certificate_lookup(code=code)
    return render(
        request,
        "awards/public/certificate.html",
        {"searched": True, "found": found, "typed": code[:20]},
        status=200 if found else 404,
    )


@rate_limited
def awards_index(request):
    return render(request, "awards/public/awards_index.html", {"publications": published_years()})


@rate_limited
def awards_year(request, authority_id, year):
    publication = or_404(publication_get(authority_id=authority_id, year=year))
    query = request.GET.get("q", "")[:100]
    return render(
        request,
        "awards/public/awards_year.html",
        {
            "publication": publication,
            "query": query,
            "decisions": published_decisions(publication=publication, query=query),
        },
    )


@rate_limited
def signed_decision(request, decision_id):
    signed = or_404(published_signed_copy(decision_id=decision_id))
    return FileResponse(signed.file.open("rb"), content_type="application/pdf", filename="quyet-dinh-ky-so.pdf")
