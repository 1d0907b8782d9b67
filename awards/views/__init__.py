"""The awards pages: proposals, the council's ballot, the decision and its papers, the titles' rules, initiatives."""

from .ballots import ballot, ballot_cast, ballot_close, ballot_open  # noqa: F401
from .decisions import certificate, decision, document, list_download, rendered_file  # noqa: F401
from .initiatives import initiative_decide, initiatives  # noqa: F401
from .proposals import (  # noqa: F401
    campaign_proposals,
    detail,
    forward,
    give_back,
    index,
    line_add,
    line_change,
    proposal_create,
    recall,
    submit,
    update,
)
from .rules import titles  # noqa: F401
