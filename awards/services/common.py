"""What every awards write shares: the row lock and the log entry."""

from activity.services import log_action
from awards.models import (
    Proposal,
)


def lock(proposal):
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


def log(proposal, action, user, **data):
    return log_action(obj=proposal, action=action, user=user, data=data)
