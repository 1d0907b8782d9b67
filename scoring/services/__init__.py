"""Writes to scoring: each checks the campaign's state, locks, compares versions and logs, in one transaction."""

from .classification import (  # noqa: F401
    band_delete,
    band_save,
    classification_copy,
    event_kind_delete,
    event_kind_save,
    tie_rule_delete,
    tie_rule_save,
    unit_event_record,
    unit_event_remove,
)
from .figures import figure_correct  # noqa: F401
from .papers import StaleScorecard, midyear_report_upload, scorecard_save, scorecard_submit  # noqa: F401
from .ranking import (  # noqa: F401
    objection_answer,
    objection_send,
    ranking_finalise,
    ranking_finalise_and_publish,
    ranking_publish,
    ranking_reopen,
)
from .scores import StaleScores, scores_agree_with_self, scores_set  # noqa: F401
from .table import bands_from_plan, criterion_delete, criterion_save, policy_save, scoring_copy  # noqa: F401
from .table_import import criteria_import, criteria_import_apply, criteria_import_prepare  # noqa: F401
from .vote import vote_meeting_save  # noqa: F401
