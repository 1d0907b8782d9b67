"""View helpers shared by every app: a service's errors on the form, "not found" for what is not a query."""

from django.http import Http404


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
