"""View helpers shared by every app: a service's errors on the form or in a message, "not found" for what is
not a query."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme


def apply_errors(form, error):
    """Show a service's ValidationError on the form, keeping what was typed."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def or_404(value):
    """`value`, or "not found" when there is none: get_object_or_404 for what is not a query."""
    if value is None:
        raise Http404
    return value


def next_url(request, default):
    """Where a step sent from another page goes back to: its `next` (posted or in the address) when it is a page of
    this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


CONFIRM_FIELD = "confirm"


def confirmed(request):
    """True when an irreversible step was asked once and answered: a POST carrying the confirmation field."""
    return request.method == "POST" and request.POST.get(CONFIRM_FIELD) == "1"


def confirmation_page(request, *, question, locks, told, back_url, button, status=200):
    """The page that asks before an irreversible step, without JavaScript.

    It says what will be locked and who will be told, and sends back every
    field the first form carried, with the confirmation; a dialog of
    static/js/thidua.js asks the same question where scripts run, and adds the
    confirmation itself so this page is skipped.
    """
    fields = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in ("csrfmiddlewaretoken", CONFIRM_FIELD)
        for value in values
    ]
    return render(
        request,
        "confirm.html",
        {
            "question": question,
            "locks": locks,
            "told": told,
            "back_url": back_url,
            "button": button,
            "fields": fields,
            "confirm_field": CONFIRM_FIELD,
        },
        status=status,
    )


def saved(request, form, save, success):
    """Do a form's step: True once the form is valid, `save()` accepted it and `success` is told; else the form
    carries the errors, the service's too, and keeps what was typed."""
    if not form.is_valid():
        return False
    try:
        save()
    except ValidationError as error:
        apply_errors(form, error)
        return False
    messages.success(request, success)
    return True


def act(request, service, success, **arguments):
    """Do a step that has no form (a button): the service's refusal becomes the page's error message, its success
    the `success` message (a callable when the message reads the changed object). True when the step was done."""
    try:
        service(user=request.user, **arguments)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, success() if callable(success) else success)
    return True
