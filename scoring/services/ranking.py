"""The ranking: finalised, reopened with a reason, published to the members; objections and their answers."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.services import log_action
from campaigns.services import campaign_require_open
from scoring import notifications, selectors
from scoring.models import (
    Objection,
    Ranking,
    RankingEntry,
)

from .common import lock_campaign


@transaction.atomic
def ranking_finalise(*, user, campaign, compiler, unit_ids, compilers, tell=True):
    """Freeze the ranking as it stands now and lock its scores; `tell` the members (not when it is published at
    once: the publication tells them)."""
    campaign_require_open(campaign.pk)
    lock_campaign(campaign)
    ranking, _created = Ranking.objects.select_for_update().get_or_create(campaign=campaign, compiler=compiler)
    if ranking.status == Ranking.Status.FINAL:
        raise ValidationError(_("The ranking is final already."))
    policy = selectors.policy_for(campaign=campaign)
    rows = selectors.ranking_rows(campaign=campaign, policy=policy, unit_ids=unit_ids, compilers=compilers)
    incomplete = [row.unit.name for row in rows if not row.complete]
    if incomplete:
        raise ValidationError(_("Some units are not fully scored yet: %(units)s.") % {"units": "; ".join(incomplete)})
    ranking.entries.all().delete()
    RankingEntry.objects.bulk_create(
        RankingEntry(
            ranking=ranking,
            unit=row.unit,
            rank=row.rank,
            total=row.total,
            self_total=row.self_total,
            band=row.band.name if row.band else "",
            band_reason=row.band_reason,
            tie_reason=row.tie_reason,
        )
        for row in rows
    )
    ranking.status = Ranking.Status.FINAL
    ranking.finalised_at = timezone.now()
    ranking.finalised_by = user
    ranking.save()
    logged = log_action(
        obj=campaign,
        action="ranking.finalised",
        user=user,
        data={
            "compiler": compiler.pk,
            "ranks": [[row.unit.name, row.rank, str(row.total), row.band.name if row.band else ""] for row in rows],
        },
    )
    if tell:
        notifications.ranking_finalised(ranking=ranking, actor=user, logged=logged)
    return ranking


@transaction.atomic
def ranking_reopen(*, user, ranking, reason):
    campaign_require_open(ranking.campaign_id)
    if not reason.strip():
        raise ValidationError(_("Give the reason for reopening the ranking."))
    locked = Ranking.objects.select_for_update().select_related("campaign", "compiler").get(pk=ranking.pk)
    if locked.status != Ranking.Status.FINAL:
        raise ValidationError(_("The ranking is open already."))
    # Published results stay published only while they are final: the members see them again once republished.
    locked.status = Ranking.Status.OPEN
    locked.published_at = locked.published_by = locked.objections_until = None
    locked.save()
    logged = log_action(
        obj=locked.campaign,
        action="ranking.reopened",
        user=user,
        data={"compiler": locked.compiler_id, "reason": reason.strip()},
    )
    notifications.ranking_reopened(ranking=locked, actor=user, reason=reason.strip(), logged=logged)
    return locked


@transaction.atomic
def ranking_publish(*, user, campaign, compiler, today):
    """Publish the compiler's final ranking to every member unit (công khai); the objection window opens with it."""
    campaign_require_open(campaign.pk)
    locked = (
        Ranking.objects.select_for_update()
        .select_related("campaign", "compiler")
        .filter(campaign=campaign, compiler=compiler)
        .first()
    )
    if locked is None or locked.status != Ranking.Status.FINAL:
        raise ValidationError(_("Finalise the ranking before publishing it."))
    if locked.is_published:
        raise ValidationError(_("The results are published already."))
    days = selectors.policy_for(campaign=locked.campaign).objection_days
    locked.published_at, locked.published_by = timezone.now(), user
    locked.objections_until = today + timedelta(days=days) if days else None
    locked.save()
    logged = log_action(
        obj=locked.campaign,
        action="ranking.published",
        user=user,
        data={"compiler": locked.compiler_id, "objections_until": str(locked.objections_until or "")},
    )
    notifications.ranking_published(ranking=locked, actor=user, logged=logged)
    return locked


@transaction.atomic
def ranking_finalise_and_publish(*, user, campaign, compiler, unit_ids, compilers, today):
    """The two steps a leader takes one after the other, in one: the ranking frozen, then published; both or
    neither."""
    ranking_finalise(
        user=user, campaign=campaign, compiler=compiler, unit_ids=unit_ids, compilers=compilers, tell=False
    )
    return ranking_publish(user=user, campaign=campaign, compiler=compiler, today=today)


@transaction.atomic
def objection_send(*, user, campaign, compiler_id, unit, criterion, text, today):
    """A member unit objects to one line of its published scores, within the window the campaign sets."""
    campaign_require_open(campaign.pk)
    locked = (
        Ranking.objects.select_for_update()
        .select_related("campaign")
        .filter(campaign=campaign, compiler_id=compiler_id)
        .first()
    )
    if locked is None or not locked.is_published or locked.objections_until is None:
        raise ValidationError(_("These results take no objections."))
    if today > locked.objections_until:
        raise ValidationError(
            _("Objections were taken until %(date)s.") % {"date": locked.objections_until.strftime("%d/%m/%Y")}
        )
    if not text.strip():
        raise ValidationError(_("Write what you object to and why."))
    policy = selectors.policy_for(campaign=campaign)
    compilers = {unit.pk: compiler_id}
    if (
        criterion is None
        or criterion.campaign_id != campaign.pk
        or criterion.pk
        not in selectors.applicable_criteria(campaign=campaign, criteria=[criterion], unit_ids=[unit.pk]).get(
            unit.pk, set()
        )
    ):
        raise ValidationError(_("Your unit is not scored on this line."))
    finals = selectors.final_scores(campaign=campaign, policy=policy, unit_ids=[unit.pk], compilers=compilers)
    objection = Objection.objects.create(
        ranking=locked,
        unit=unit,
        criterion=criterion,
        text=text.strip(),
        points_objected=finals.get((unit.pk, criterion.pk)),
        created_by=user,
    )
    logged = log_action(
        obj=campaign,
        action="objection.sent",
        user=user,
        data={"objection": objection.pk, "unit_name": unit.name, "criterion_label": str(criterion)},
    )
    notifications.objection_sent(objection=objection, actor=user, logged=logged)
    return objection


@transaction.atomic
def objection_answer(*, user, objection, answer, correct):
    """The compiler answers an objection; to correct the score, the ranking is reopened with the objection as reason."""
    campaign_require_open(objection.ranking.campaign_id)
    locked = Objection.objects.select_for_update().select_related("ranking", "unit", "criterion").get(pk=objection.pk)
    if locked.status != Objection.Status.OPEN:
        raise ValidationError(_("This objection was answered already."))
    if not answer.strip():
        raise ValidationError(_("Write the answer to the objection."))
    locked.status = Objection.Status.CORRECTED if correct else Objection.Status.ANSWERED
    locked.answer, locked.answered_by, locked.answered_at = answer.strip(), user, timezone.now()
    locked.save()
    logged = log_action(
        obj=locked.ranking.campaign,
        action="objection.answered",
        user=user,
        data={"objection": locked.pk, "unit_name": locked.unit.name, "corrected": correct},
    )
    if correct and locked.ranking.status == Ranking.Status.FINAL:
        ranking_reopen(
            user=user,
            ranking=locked.ranking,
            reason=_("To correct %(criterion)s of %(unit)s after its objection: %(answer)s")
            % {"criterion": locked.criterion, "unit": locked.unit.name, "answer": locked.answer},
        )
    notifications.objection_answered(objection=locked, actor=user, logged=logged)
    return locked
