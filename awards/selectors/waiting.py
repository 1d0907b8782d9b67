"""What waits for each seat of a council: the secretary's, the chair's and every member's next actions."""

from dataclasses import dataclass, field

from django.db.models import Q

from awards.models import BallotSeat, CouncilBallot, Proposal
from organisation.models import Council, CouncilMember

Position = CouncilMember.Position
SHOWN = 20


@dataclass
class CouncilWaiting:
    received: list = field(default_factory=list)  # proposals with no ballot yet: open it (the secretary)
    to_cast: list = field(default_factory=list)  # the user's own seats on open ballots (every member)
    to_count: list = field(default_factory=list)  # open ballots (the secretary)
    to_issue: list = field(default_factory=list)  # counted and passed, no decision (the secretary or the chair)
    to_upload: list = field(default_factory=list)  # decided, no signed copy kept (the secretary)

    def __bool__(self):
        return any((self.received, self.to_cast, self.to_count, self.to_issue, self.to_upload))


def council_waiting(*, user):
    """Each list holds what the user's seat lets them act on, so that every link shown opens for them."""
    seats = dict(CouncilMember.objects.filter(user=user).values_list("council_id", "position"))
    runs = [council for council, position in seats.items() if position == Position.SECRETARY]
    chairs = [council for council, position in seats.items() if position == Position.CHAIR]
    # Prepared for the authority to issue: it waits for the chair now, no longer for the secretary.
    already_prepared = Q(council__decision_issuer=Council.DecisionIssuer.AUTHORITY, prepared_decision__isnull=False)
    proposals = Proposal.objects.select_related("campaign", "proposer", "council").order_by("pk")
    return CouncilWaiting(
        received=list(
            proposals.filter(council_id__in=runs, status=Proposal.Status.SUBMITTED, ballot__isnull=True)[:SHOWN]
        ),
        to_cast=list(
            BallotSeat.objects.filter(
                user=user, ballot__status=CouncilBallot.Status.OPEN, voted_at__isnull=True
            ).select_related("ballot__proposal__council", "ballot__proposal__proposer")[:SHOWN]
        ),
        to_count=list(proposals.filter(council_id__in=runs, ballot__status=CouncilBallot.Status.OPEN)[:SHOWN]),
        to_issue=list(
            proposals.filter(
                Q(council_id__in=chairs) | Q(council_id__in=runs) & ~already_prepared,
                status=Proposal.Status.APPROVED,
                ballot__status=CouncilBallot.Status.CLOSED,
                award_decision__isnull=True,
            )[:SHOWN]
        ),
        to_upload=list(
            proposals.filter(
                council_id__in=runs, award_decision__isnull=False, award_decision__signed__isnull=True
            ).select_related("award_decision")[:SHOWN]
        ),
    )
