"""View helpers shared by every app: resolving an object for the user, showing a service's errors."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def apply_errors(form, error):
    """Show a service's ValidationError on the form, keeping what was typed."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def object_view(name, get, can_manage):
    """A decorator factory resolving the `<name>_id` of the URL for the user.

    404 when the user cannot see the object, 403 when the view manages it and
    the user may only read it; the right to manage is left on the request.
    """

    def factory(*, manage=False):
        def decorator(view):
            @wraps(view)
            @login_required
            def wrapper(request, *args, **kwargs):
                obj = get(user=request.user, **{f"{name}_id": kwargs.pop(f"{name}_id")})
                allowed = can_manage(user=request.user, **{name: obj})
                if manage and not allowed:
                    raise PermissionDenied
                setattr(request, f"can_manage_{name}", allowed)
                return view(request, obj, *args, **kwargs)

            return wrapper

        return decorator

    return factory
