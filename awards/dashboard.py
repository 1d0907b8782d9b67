"""What a unit was awarded in a campaign, once the decision is issued."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from awards.models import ProposalLine
from campaigns.dashboard import Step


def award_steps(campaign, unit_ids):
    awarded, proposals = {}, {}
    for unit_id, person_unit_id, proposal_id in ProposalLine.objects.filter(
        Q(unit_id__in=unit_ids) | Q(person__unit_id__in=unit_ids),
        proposal__campaign=campaign,
        decision=ProposalLine.Decision.APPROVED,
        proposal__award_decision__isnull=False,
    ).values_list("unit_id", "person__unit_id", "proposal_id"):
        unit = unit_id or person_unit_id
        awarded[unit] = awarded.get(unit, 0) + 1
        proposals.setdefault(unit, set()).add(proposal_id)
    return {
        unit_id: Step(
            label=_("Awards"),
            state=ngettext("%(count)s award decided", "%(count)s awards decided", awarded[unit_id])
            % {"count": awarded[unit_id]}
            if unit_id in awarded
            else _("No decision yet"),
            done=unit_id in awarded,
            # The decided proposal itself when there is one: the unit sees it (awards.access.proposals_visible_to).
            link=reverse("awards:detail", args=[next(iter(proposals[unit_id]))])
            if len(proposals.get(unit_id, ())) == 1
            else reverse("awards:campaign", args=[campaign.pk]),
        )
        for unit_id in unit_ids
    }
