"""What the scoring pages share: the campaign's scoring page resolved for the user, a service's refusal shown as messages."""

import logging
from functools import wraps

from django.contrib import messages
from django.shortcuts import get_object_or_404

from core.access import requires
from organisation.models import Unit
from scoring import selectors

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


VOTE_TITLE_CODES = ("co-thi-dua-tinh", "bang-khen-tinh")


logger = logging.getLogger(__name__)


def scoring_view(verb="see"):
    """`requires("campaign.<verb>")`, with the campaign's scoring rules on the request."""

    def decorator(view):
        @requires(f"campaign.{verb}")
        @wraps(view)
        def wrapper(request, campaign, *args, **kwargs):
            request.policy = selectors.policy_for(campaign=campaign)
            return view(request, campaign, *args, **kwargs)

        return wrapper

    return decorator


def errors_to_messages(request, error):
    messages.error(request, " ".join(error.messages))


def own_unit(request, unit_id):
    """A unit the user acts for in the campaign (404 for any other)."""
    request.access.require("campaign.act_for", unit_id)
    return get_object_or_404(Unit, pk=unit_id)
