"""Who may read and review a registration: the "registration" scope of the access vocabulary (core.access).

A registration is seen by whoever may read its unit in its campaign (404 for
anyone else, whatever id is typed), and reviewed (accepted, returned,
reopened) by the unit's compiler.
"""

from django.shortcuts import get_object_or_404

from campaigns.access import CampaignAccess
from campaigns.selectors import campaign_get_for_user
from core.access import Scope
from registrations.models import Registration


def _resolve(request, registration_id):
    registration = get_object_or_404(Registration.objects.select_related("unit"), pk=registration_id)
    registration.campaign = campaign_get_for_user(user=request.user, campaign_id=registration.campaign_id)
    # Its campaign's needs ("campaign.act_for" …) are asked of the same campaign.
    request.access.enter("campaign", registration.campaign)
    request.access.require("campaign.read", registration.unit_id)
    return registration


def registration_scopes():
    return {
        "registration": Scope(
            url_kwarg="registration_id",
            resolve=_resolve,
            grant=lambda request, registration: CampaignAccess.for_request(request, registration.campaign),
            verbs={
                "read": lambda access, registration: True,
                "review": lambda access, registration: access.compiles(registration.unit_id),
            },
        ),
    }
