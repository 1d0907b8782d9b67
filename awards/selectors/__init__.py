"""Reads for awards: proposals, initiatives, the ballot, the way up and the decision."""

from .ballots import (  # noqa: F401
    LineCount,
    TitleThreshold,
    ballot_count,
    ballot_seats,
    ballot_tallies,
    ballot_title_thresholds,
    own_votes,
    seat_progress,
    share,
    vote_thresholds,
)
from .decisions import (  # noqa: F401
    awarded_line,
    awarded_lines,
    decision_draft,
    decision_of,
    document_version,
    prepared_decision_of,
    proposer_name,
    rendered_files,
    suggested_decision_number,
)
from .initiatives import initiative_people, initiatives_list  # noqa: F401
from .proposals import (  # noqa: F401
    LINES_PER_PAGE,
    approved_counts,
    checks_for,
    nominee_choices,
    proposal_lines,
    proposal_lines_page,
    proposals_of_campaign,
)
from .waiting import CouncilWaiting, council_waiting  # noqa: F401
from .way_up import DECIDED_AT, Forwarding, council_above, forwarding_of, lines_to_forward  # noqa: F401
