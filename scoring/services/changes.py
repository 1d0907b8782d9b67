"""The one rule for changing the scoring table once units have scored, whatever part changes (a line, the rounding,
a band, a listed event or one recorded for a unit, a tie rule, a quota, the whole table from a file), and the units
whose band such a change moves."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from campaigns.services import campaign_require_open
from scoring import selectors
from scoring.models import Ranking

from .common import lock_campaign


def require_table_change(campaign, reason):
    """Allow a change of the table: free until units have scored; after, only while the campaign runs, before any
    ranking is final, and with a reason the log keeps. True when units have scored (the change then recomputes and
    tells whom it moves).

    The campaign is locked first, so that no ranking is finalised between this check and the change.
    """
    lock_campaign(campaign)
    if not selectors.scoring_started(campaign_id=campaign.pk):
        return False
    campaign_require_open(campaign.pk)
    if Ranking.objects.filter(campaign=campaign, status=Ranking.Status.FINAL).exists():
        raise ValidationError(
            _("A ranking of this campaign is final: reopen it, with a reason, before changing the scoring table.")
        )
    if not (reason or "").strip():
        raise ValidationError(
            {"reason": _("Units have scored already: give the reason for changing the table; the log keeps it.")}
        )
    return True


def bands_before(campaign, started):
    """Every unit's band as its scores stand, before a change that may move it; None before anyone scored (no band
    means anything yet, and nobody is told)."""
    return selectors.unit_bands(campaign=campaign) if started else None


def band_moves(campaign, before):
    """{unit id: (unit name, band before, band now)} of the units whose band the change moved ("" for no band)."""
    if before is None:
        return {}
    moves = {}
    for unit_id, (name, band) in selectors.unit_bands(campaign=campaign).items():
        old = before.get(unit_id, (name, ""))[1]
        if old != band:
            moves[unit_id] = (name, old, band)
    return moves
