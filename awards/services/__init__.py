"""Writes to awards: proposals, the council's secret ballot, the decision, initiatives; checked, locked and logged.

The ballot, the decision and their papers belong to the year's work, so each
of their writes asks `campaign_require_open`: a closed campaign is the
office's way of freezing the year, and an award decided after it would change
the register of a year everyone has closed. Reopen the campaign to decide.
"""

from .ballots import ballot_cast, ballot_close, ballot_open  # noqa: F401
from .decisions import DECISION_FIELDS, decision_prepare, decision_require_possible, decision_save  # noqa: F401
from .files import STALE, rendered_file_render, rendered_file_request, rendered_files_waiting  # noqa: F401
from .initiatives import initiative_decide, initiative_register  # noqa: F401
from .limits import (  # noqa: F401
    band_requirement_delete,
    band_requirement_save,
    check_quota,
    limits_copy,
    quota_delete,
    quota_save,
    quotas_replace,
)
from .proposals import (  # noqa: F401
    StaleLine,
    line_add,
    line_remove,
    line_update,
    proposal_create_for_unit,
    proposal_create_from_vote,
    proposal_forward,
    proposal_recall,
    proposal_return,
    proposal_submit,
    proposal_update,
)
from .rules import rules_copy  # noqa: F401
