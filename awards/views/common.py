"""What the awards pages share: a proposal resolved for the user, a service's refusal shown as messages."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from awards import access as awards_access


def proposal_view(need=None):
    """Resolve the proposal for the user (404 outside their reach) and 403 unless their `ProposalAccess` has `need`."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, proposal_id, *args, **kwargs):
            proposal, access = awards_access.proposal_get_for_user(user=request.user, proposal_id=proposal_id)
            if need and not getattr(access, need):
                raise PermissionDenied
            request.proposal_access = access
            return view(request, proposal, *args, **kwargs)

        return wrapper

    return decorator


def messages_from(request, error):
    messages.error(request, " ".join(error.messages))
