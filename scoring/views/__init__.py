"""The scoring pages: the table, the units' papers, scores, the ranking and its publication, the vote, progress."""

from .classification import (  # noqa: F401
    band_delete,
    band_edit,
    classification_page,
    event_kind_delete,
    event_kind_edit,
    tie_rule_delete,
    tie_rule_edit,
    unit_event_record,
    unit_event_remove,
)
from .common import VOTE_TITLE_CODES, XLSX, logger, scoring_view  # noqa: F401
from .papers import evidence_download, figures_download, report_download, report_upload, self_assessment  # noqa: F401
from .plan_table import bands_from_plan, criteria_from_plan  # noqa: F401
from .progress import progress  # noqa: F401
from .ranking import (  # noqa: F401
    TOTAL_LABELS,
    objection_answer,
    objection_send,
    ranking,
    ranking_download,
    ranking_finalise,
    ranking_publish,
    ranking_reopen,
    results,
    scores_download,
)
from .scores import agree_with_self, figure_correct, score_unit  # noqa: F401
from .table import (  # noqa: F401
    criteria,
    criteria_download,
    criteria_import,
    criteria_import_confirm,
    criterion_delete,
    criterion_edit,
    hub,
    policy_edit,
)
from .vote import vote  # noqa: F401
