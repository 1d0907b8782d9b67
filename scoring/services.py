"""Writes to scoring: locked, checked against the ranking's lock, and logged with old and new values."""

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from activity.services import log_action
from campaigns.access import may_score
from campaigns.models import Campaign
from campaigns.services import campaign_require_not_closed, campaign_require_open
from organisation.models import Unit
from scoring import notifications, selectors
from scoring.models import (
    MAX_CRITERIA,
    Ballot,
    Criterion,
    Evidence,
    MidyearReport,
    Objection,
    Ranking,
    RankingEntry,
    Score,
    Scorecard,
    ScoreChange,
    ScoreSheet,
    ScoringPolicy,
    SelfScore,
    VoteMeeting,
)
from scoring.uploads import EVIDENCE_KINDS, REPORT_KINDS, check_upload, delete_on_commit, store


class StaleScorecard(Exception):
    def __init__(self, scorecard):
        super().__init__()
        self.scorecard = scorecard


class StaleScores(Exception):
    """The scorer's points for the unit changed since the user opened them; `sheet` is the current row."""

    def __init__(self, sheet):
        super().__init__()
        self.sheet = sheet


def _lock_campaign(campaign):
    return Campaign.objects.select_for_update().get(pk=campaign.pk)


def _refuse_if_locked(campaign, compiler_id):
    if selectors.is_locked(campaign=campaign, compiler_id=compiler_id):
        raise ValidationError(
            _("The ranking is final, so scores are locked. Reopen it, with a reason, to change them.")
        )


@transaction.atomic
def policy_save(*, user, policy):
    campaign_require_not_closed(policy.campaign_id)
    policy.full_clean()
    policy.save()
    log_action(
        obj=policy.campaign,
        action="scoring.policy_changed",
        user=user,
        data={
            "final_rule": policy.final_rule,
            "cross_scoring": policy.cross_scoring,
            "tie_break": policy.tie_break,
            "vote_threshold": str(policy.vote_threshold),
        },
    )
    return policy


@transaction.atomic
def criterion_save(*, user, criterion):
    """Save a criterion; a new one goes last, its position taken under the campaign's lock."""
    campaign_require_not_closed(criterion.campaign_id)
    _lock_campaign(criterion.campaign)
    if criterion.pk is None:
        table = Criterion.objects.filter(campaign=criterion.campaign).aggregate(last=Max("position"), count=Count("pk"))
        if table["count"] >= MAX_CRITERIA:
            raise ValidationError(
                _("A scoring table has at most %(max)s lines.")
                % {"max": number_format(MAX_CRITERIA, force_grouping=True)}
            )
        criterion.position = (table["last"] or 0) + 1
    if criterion.pk:
        too_high = Score.objects.filter(criterion=criterion, points__gt=criterion.max_points).exists() or (
            SelfScore.objects.filter(criterion=criterion, points__gt=criterion.max_points).exists()
        )
        if too_high:
            raise ValidationError(
                {"max_points": _("Some scores already given are above this maximum; change them first.")}
            )
    criterion.full_clean()
    is_new = criterion.pk is None
    criterion.save()
    log_action(
        obj=criterion.campaign,
        action="criterion.created" if is_new else "criterion.changed",
        user=user,
        data={"criterion": criterion.pk, "text": str(criterion), "max": str(criterion.max_points)},
    )
    return criterion


@transaction.atomic
def criterion_delete(*, user, criterion):
    campaign_require_not_closed(criterion.campaign_id)
    _lock_campaign(criterion.campaign)
    if Score.objects.filter(criterion=criterion).exists() or SelfScore.objects.filter(criterion=criterion).exists():
        raise ValidationError(_("This criterion has been scored already; it cannot be deleted."))
    data = {"criterion": criterion.pk, "text": str(criterion)}
    criterion.delete()
    log_action(obj=criterion.campaign, action="criterion.deleted", user=user, data=data)


@transaction.atomic
def criteria_import(*, user, campaign, rows):
    """Replace the campaign's scoring table with the rows of an imported file, before any scoring."""
    campaign_require_not_closed(campaign.pk)
    _lock_campaign(campaign)
    if (
        Score.objects.filter(criterion__campaign=campaign).exists()
        or SelfScore.objects.filter(criterion__campaign=campaign).exists()
    ):
        raise ValidationError(_("Scoring has started; the table can no longer be replaced."))
    Criterion.objects.filter(campaign=campaign).delete()
    criteria = []
    for position, row in enumerate(rows, start=1):
        criterion = Criterion(campaign=campaign, position=position, **row)
        criterion.full_clean()
        criteria.append(criterion)
    Criterion.objects.bulk_create(criteria)
    log_action(obj=campaign, action="criteria.imported", user=user, data={"count": len(criteria)})
    return criteria


@transaction.atomic
def midyear_report_upload(*, user, campaign, unit, upload, today):
    campaign_require_open(campaign.pk)
    data = check_upload(upload, kinds=REPORT_KINDS)
    deadline = selectors.milestone_deadline(campaign=campaign, kind="midyear_report")
    # The unit's row serialises its uploads: two at once replace each other
    # rather than both finding no report and inserting two.
    Unit.objects.select_for_update().get(pk=unit.pk)
    report = MidyearReport.objects.filter(campaign=campaign, unit=unit).first()
    replaced = report is not None
    if report is None:
        report = MidyearReport(campaign=campaign, unit=unit)
    else:
        delete_on_commit(report.file)
    report.original_name = upload.name[:255]
    report.size = len(data)
    report.uploaded_by = user
    report.is_late = deadline is not None and today > deadline
    store(report.file, upload.name[-100:], data)
    report.save()
    logged = log_action(
        obj=campaign,
        action="midyear_report.replaced" if replaced else "midyear_report.sent",
        user=user,
        data={"unit": unit.pk, "unit_name": unit.name, "file": report.original_name, "late": report.is_late},
    )
    notifications.midyear_report_received(report=report, actor=user, logged=logged)
    return report


def _check_points(criterion, points):
    """Refuse points outside 0..maximum or with more than two decimals; return them to two decimals."""
    if points < 0 or points > criterion.max_points:
        raise ValidationError(
            _("%(criterion)s: points must lie between 0 and %(max)s.")
            % {"criterion": criterion, "max": criterion.max_points}
        )
    if points != points.quantize(Decimal("0.01")):
        raise ValidationError(_("%(criterion)s: at most two decimals.") % {"criterion": criterion})
    return points.quantize(Decimal("0.01"))


@transaction.atomic
def scorecard_save(*, user, campaign, unit, expected_version, scores, evidence):
    """Save a unit's self-scores, comments and new evidence.

    `scores` maps criterion ids to (points or None, comment); `evidence` maps
    criterion ids to uploaded files, each checked by its content.
    """
    campaign_require_open(campaign.pk)
    scorecard = Scorecard.objects.select_for_update().filter(campaign=campaign, unit=unit).first()
    if (scorecard.version if scorecard else 0) != expected_version:
        raise StaleScorecard(scorecard)
    if scorecard is None:
        try:
            with transaction.atomic():
                scorecard = Scorecard.objects.create(campaign=campaign, unit=unit)
        except IntegrityError:
            raise StaleScorecard(Scorecard.objects.get(campaign=campaign, unit=unit)) from None
    if scorecard.status == Scorecard.Status.SUBMITTED:
        raise ValidationError(_("This self-assessment was sent already."))
    criteria = {criterion.pk: criterion for criterion in Criterion.objects.filter(campaign=campaign)}
    existing = {score.criterion_id: score for score in SelfScore.objects.filter(scorecard=scorecard)}
    changes = []
    for criterion_id, (points, comment) in scores.items():
        criterion = criteria[criterion_id]
        current = existing.get(criterion_id)
        if points is None:
            if current is not None:
                changes.append({"criterion": str(criterion), "old": str(current.points), "new": None})
                current.delete()
            continue
        points = _check_points(criterion, points)
        if current is None:
            SelfScore.objects.create(scorecard=scorecard, criterion=criterion, points=points, comment=comment)
            changes.append({"criterion": str(criterion), "old": None, "new": str(points)})
        elif current.points != points or current.comment != comment:
            changes.append({"criterion": str(criterion), "old": str(current.points), "new": str(points)})
            current.points, current.comment = points, comment
            current.save()
    for criterion_id, uploads in evidence.items():
        for upload in uploads:
            data = check_upload(upload, kinds=EVIDENCE_KINDS)
            item = Evidence(
                scorecard=scorecard,
                criterion=criteria[criterion_id],
                original_name=upload.name[:255],
                size=len(data),
                uploaded_by=user,
            )
            store(item.file, upload.name[-100:], data)
            item.save()
            changes.append({"criterion": str(criteria[criterion_id]), "evidence": item.original_name})
    scorecard.version += 1
    scorecard.save()
    log_action(
        obj=scorecard, action="scorecard.saved", user=user, data={"version": scorecard.version, "changes": changes}
    )
    return scorecard


@transaction.atomic
def scorecard_submit(*, user, scorecard, expected_version, today):
    """Send a saved self-assessment to the compiler once every applicable criterion is scored."""
    campaign_require_open(scorecard.campaign_id)
    scorecard = Scorecard.objects.select_for_update().select_related("campaign", "unit").get(pk=scorecard.pk)
    if scorecard.version != expected_version:
        raise StaleScorecard(scorecard)
    if scorecard.status == Scorecard.Status.SUBMITTED:
        raise ValidationError(_("This self-assessment was sent already."))
    campaign, unit = scorecard.campaign, scorecard.unit
    criteria = {criterion.pk: criterion for criterion in Criterion.objects.filter(campaign=campaign)}
    applicable = selectors.applicable_criteria(campaign=campaign, criteria=list(criteria.values()), unit_ids=[unit.pk])
    scored = set(SelfScore.objects.filter(scorecard=scorecard).values_list("criterion_id", flat=True))
    missing = [criteria[c] for c in sorted(applicable[unit.pk] - scored, key=lambda c: criteria[c].position)]
    if missing:
        raise ValidationError(
            _("Score every criterion before sending; missing: %(list)s.")
            % {"list": "; ".join(str(c.label or c.position) for c in missing)}
        )
    deadline = selectors.milestone_deadline(campaign=campaign, kind="yearend_report")
    scorecard.status = Scorecard.Status.SUBMITTED
    scorecard.submitted_at = timezone.now()
    scorecard.submitted_by = user
    scorecard.is_late = deadline is not None and today > deadline
    scorecard.version += 1
    scorecard.save()
    logged = log_action(
        obj=scorecard,
        action="scorecard.submitted",
        user=user,
        data={"version": scorecard.version, "late": scorecard.is_late},
    )
    notifications.self_assessment_received(scorecard=scorecard, actor=user, logged=logged)
    return scorecard


@transaction.atomic
def scores_set(*, user, campaign, scorer, unit, expected_version, points, compilers, comments=None):
    """Record the scorer's points for a unit, criterion by criterion, logging each change's old and new value.

    `comments` ({criterion id: text}) are the scorer's words on each line,
    shown to the unit once the results are published; None leaves them as
    they are. Raises StaleScores when someone saved these points since
    `expected_version`.
    """
    campaign_require_open(campaign.pk)
    # The campaign's lock serialises every scorer of the campaign, so the sheet
    # below is read, compared and created by one writer at a time.
    _lock_campaign(campaign)
    policy = selectors.policy_for(campaign=campaign)
    if not may_score(compilers=compilers, scorer_id=scorer.pk, unit_id=unit.pk, cross_scoring=policy.cross_scoring):
        raise ValidationError(_("%(scorer)s may not score %(unit)s.") % {"scorer": scorer, "unit": unit})
    _refuse_if_locked(campaign, compilers[unit.pk])
    sheet = ScoreSheet.objects.filter(campaign=campaign, unit=unit, scorer=scorer).first()
    if (sheet.version if sheet else 0) != expected_version:
        raise StaleScores(sheet)
    criteria = {criterion.pk: criterion for criterion in Criterion.objects.filter(campaign=campaign)}
    existing = {
        score.criterion_id: score
        for score in Score.objects.select_for_update().filter(criterion__campaign=campaign, unit=unit, scorer=scorer)
    }
    changes = []
    commented = False
    for criterion_id, value in points.items():
        criterion = criteria[criterion_id]
        current = existing.get(criterion_id)
        old = current.points if current else None
        comment = (comments or {}).get(criterion_id, current.comment if current else "")
        if value is None:
            if current is not None:
                current.delete()
        else:
            value = _check_points(criterion, value)
            if current is None:
                Score.objects.create(
                    criterion=criterion, unit=unit, scorer=scorer, points=value, comment=comment, updated_by=user
                )
            elif current.points != value or current.comment != comment:
                commented = commented or current.comment != comment
                current.points, current.comment, current.updated_by = value, comment, user
                current.save()
        if old != value:
            changes.append(
                ScoreChange(
                    campaign=campaign,
                    unit=unit,
                    scorer=scorer,
                    criterion=criterion,
                    old=old,
                    new=value,
                    changed_by=user,
                )
            )
            log_action(
                obj=campaign,
                action="score.changed",
                user=user,
                data={
                    "unit": unit.pk,
                    "unit_name": unit.name,
                    "scorer": scorer.pk,
                    "scorer_name": scorer.name,
                    "criterion": criterion.pk,
                    "criterion_label": str(criterion),
                    "old": None if old is None else str(old),
                    "new": None if value is None else str(value),
                },
            )
    ScoreChange.objects.bulk_create(changes)
    if changes or commented:
        sheet = sheet or ScoreSheet(campaign=campaign, unit=unit, scorer=scorer)
        sheet.version += 1
        sheet.updated_by = user
        sheet.save()
    return sheet


@transaction.atomic
def ranking_finalise(*, user, campaign, compiler, unit_ids, compilers):
    """Freeze the ranking as it stands now and lock its scores."""
    campaign_require_open(campaign.pk)
    _lock_campaign(campaign)
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
        RankingEntry(ranking=ranking, unit=row.unit, rank=row.rank, total=row.total, self_total=row.self_total)
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
        data={"compiler": compiler.pk, "ranks": [[row.unit.name, row.rank, str(row.total)] for row in rows]},
    )
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


def _refuse_vote_before_objections(campaign, compiler):
    ranking = Ranking.objects.filter(campaign=campaign, compiler=compiler).first()
    if ranking is None or not ranking.is_published:
        return
    if ranking.objections_until is not None and timezone.localdate() <= ranking.objections_until:
        raise ValidationError(
            _("Members may object to their scores until %(date)s; record the vote after that.")
            % {"date": ranking.objections_until.strftime("%d/%m/%Y")}
        )
    if Objection.objects.filter(ranking=ranking, status=Objection.Status.OPEN).exists():
        raise ValidationError(_("Answer every objection before recording the vote."))


@transaction.atomic
def vote_meeting_save(*, user, campaign, compiler, unit_ids, held_on, place, notes, present, ballots):
    """Record the vote meeting; each ballot is (voter, candidate, title) and voters must be present."""
    campaign_require_open(campaign.pk)
    _lock_campaign(campaign)
    if not selectors.is_locked(campaign=campaign, compiler_id=compiler.pk):
        raise ValidationError(_("Finalise the ranking before recording the vote."))
    _refuse_vote_before_objections(campaign, compiler)
    present_ids = {unit.pk for unit in present}
    if not present_ids:
        raise ValidationError(_("Tick the units present at the meeting."))
    absent = {voter for voter, _candidate, _title in ballots} - present_ids
    if absent:
        raise ValidationError(_("Only units present at the meeting can vote."))
    if {candidate for _voter, candidate, _title in ballots} - set(unit_ids):
        raise ValidationError(_("Only units of this ranking can be proposed."))
    meeting = VoteMeeting.objects.filter(campaign=campaign, compiler=compiler).first() or VoteMeeting(
        campaign=campaign, compiler=compiler, threshold=selectors.policy_for(campaign=campaign).vote_threshold
    )
    meeting.held_on, meeting.place, meeting.notes, meeting.recorded_by = held_on, place, notes, user
    meeting.full_clean()
    meeting.save()
    meeting.present.set(present)
    meeting.ballots.all().delete()
    Ballot.objects.bulk_create(
        Ballot(meeting=meeting, voter_id=voter, candidate_id=candidate, title_id=title)
        for voter, candidate, title in ballots
    )
    logged = log_action(
        obj=campaign,
        action="vote.recorded",
        user=user,
        data={"meeting": meeting.pk, "present": sorted(present_ids), "ballots": len(ballots)},
    )
    notifications.vote_recorded(meeting=meeting, actor=user, logged=logged)
    return meeting


def scoring_copy(*, source, target, items):
    """Carry the scoring table and rules into next year's campaign (called by `campaign_copy`)."""
    for criterion in Criterion.objects.filter(campaign=source).order_by("position"):
        Criterion.objects.create(
            campaign=target,
            position=criterion.position,
            group=criterion.group,
            label=criterion.label,
            text=criterion.text,
            max_points=criterion.max_points,
            kind=criterion.kind,
            content_item=items.get(criterion.content_item_id),
        )
    policy = ScoringPolicy.objects.filter(campaign=source).first()
    if policy is not None:
        policy.pk = None
        policy.campaign = target
        policy.save()
