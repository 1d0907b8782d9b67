"""Publishing decided awards (công khai kết quả khen thưởng): who may switch it on, the switch, and the reads.

The emulation office that keeps an authority's tree publishes that
authority's award decisions of one campaign year, and may withdraw them.
The public page then shows each decision (number, date, summary, who
granted it, the signed PDF where one stands for it) and its list as the
decision prints it: name, position and unit, award. Nothing else.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from activity.services import log_action
from awards import notifications
from awards.models import AwardDecision, AwardPublication, ProposalLine
from awards.selectors.way_up import DECIDED_AT
from awards.signing import signed_copy_of
from core.text import fold
from organisation.access import viewer_for
from organisation.models import Unit

PUBLIC_LINES = 500


def publication_rows(*, user):
    """[(authority, year, decisions, publication or None)] of the authorities the user's office keeps."""
    viewer = viewer_for(user)
    decisions = AwardDecision.objects.all()
    if not viewer.is_admin:
        decisions = decisions.filter(authority_id__in=viewer.office_unit_ids)
    counts = (
        decisions.values("authority_id", "proposal__campaign__year")
        .annotate(n=Count("id"))
        .order_by("-proposal__campaign__year", "authority_id")
    )
    authorities = Unit.objects.in_bulk({row["authority_id"] for row in counts})
    published = {
        (item.authority_id, item.year): item
        for item in AwardPublication.objects.filter(authority_id__in=authorities).select_related("published_by")
    }
    return [
        (
            authorities[row["authority_id"]],
            row["proposal__campaign__year"],
            row["n"],
            published.get((row["authority_id"], row["proposal__campaign__year"])),
        )
        for row in counts
    ]


@transaction.atomic
def publication_set(*, user, authority, year, published):
    """Switch the public page of an authority's awards of a year on or off; asking twice changes nothing."""
    existing = AwardPublication.objects.select_for_update().filter(authority=authority, year=year).first()
    if published == (existing is not None):
        return existing
    if not published:
        existing.delete()
        log_action(obj=authority, action="awards.unpublished", user=user, data={"year": year})
        return None
    if not AwardDecision.objects.filter(authority=authority, proposal__campaign__year=year).exists():
        raise ValidationError(_("This authority has no award decision for %(year)s.") % {"year": year})
    try:
        with transaction.atomic():
            publication = AwardPublication.objects.create(authority=authority, year=year, published_by=user)
    except IntegrityError:  # published by someone else at the same instant: the same outcome
        return AwardPublication.objects.get(authority=authority, year=year)
    logged = log_action(obj=authority, action="awards.published", user=user, data={"year": year})
    notifications.awards_published(publication=publication, actor=user, logged=logged)
    return publication


# The public side


def published_years():
    return AwardPublication.objects.select_related("authority").order_by("-year", "authority__sort_name")


def publication_get(*, authority_id, year):
    return AwardPublication.objects.filter(authority_id=authority_id, year=year).select_related("authority").first()


def published_decisions(*, publication, query=""):
    """[(decision, signed copy or None, lines)] of a published authority and year; lines matching `query` only."""
    decisions = list(
        AwardDecision.objects.filter(authority_id=publication.authority_id, proposal__campaign__year=publication.year)
        .select_related("proposal__council", "authority")
        .order_by("dated", "number")
    )
    folded = fold(query)
    result = []
    for decision in decisions:
        lines = ProposalLine.objects.filter(
            proposal_id=decision.proposal_id,
            decision=ProposalLine.Decision.APPROVED,
            title__level__in=DECIDED_AT[decision.proposal.council.level],
        )
        if folded:
            lines = lines.filter(Q(person__search_name__contains=folded) | Q(unit__search_name__contains=folded))
        lines = list(
            lines.select_related("title", "unit__parent", "person__unit").order_by("title__position", "position")[
                :PUBLIC_LINES
            ]
        )
        if lines or not folded:
            result.append((decision, signed_copy_of(decision=decision), lines))
    return result


def published_signed_copy(*, decision_id):
    """The signed copy of a decision whose authority and year are published, else None."""
    decision = AwardDecision.objects.filter(pk=decision_id).select_related("proposal__campaign").first()
    if (
        decision is None
        or not AwardPublication.objects.filter(
            authority_id=decision.authority_id, year=decision.proposal.campaign.year
        ).exists()
    ):
        return None
    return signed_copy_of(decision=decision)
