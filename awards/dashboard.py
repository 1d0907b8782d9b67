"""What a unit was awarded in a campaign, once the decision is issued."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from awards.models import ProposalLine
from campaigns.dashboard import Step


def award_steps(campaign, unit_ids):
    awarded = {}
    for unit_id, person_unit_id in ProposalLine.objects.filter(
        Q(unit_id__in=unit_ids) | Q(person__unit_id__in=unit_ids),
        proposal__campaign=campaign,
        decision=ProposalLine.Decision.APPROVED,
        proposal__award_decision__isnull=False,
    ).values_list("unit_id", "person__unit_id"):
        unit = unit_id or person_unit_id
        awarded[unit] = awarded.get(unit, 0) + 1
    return {
        unit_id: Step(
            label=_("Awards"),
            state=ngettext("%(count)s award decided", "%(count)s awards decided", awarded[unit_id])
            % {"count": awarded[unit_id]}
            if unit_id in awarded
            else _("No decision yet"),
            done=unit_id in awarded,
            link=reverse("awards:campaign", args=[campaign.pk]),
        )
        for unit_id in unit_ids
    }
