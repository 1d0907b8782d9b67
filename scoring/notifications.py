"""What the steps of scoring tell, and to whom: the compiler what its units sent, the members what it decided.

Each takes the log entry that records the step: it names the event, so a
notification is made once per step whoever calls twice.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications.services import clerks_of_compiler, clerks_of_members, clerks_of_units, notify


def _to_compiler(*, event, key, campaign, unit, actor, link, subject, line):
    names = {"unit": unit.name, "campaign": campaign.name}
    notify(
        event=event,
        key=key,
        recipients=clerks_of_compiler(campaign=campaign, unit_id=unit.pk),
        link=link,
        message=lambda: (subject % names, _("To the compiler of %(campaign)s,") % names, [line % names]),
        unit=unit,
        actor=actor,
    )


def midyear_report_received(*, report, actor, logged):
    _to_compiler(
        event="midyear_report.received",
        key=logged.pk,
        campaign=report.campaign,
        unit=report.unit,
        actor=actor,
        link=reverse("scoring:hub", args=[report.campaign_id]),
        subject=gettext_lazy("Mid-year report received: %(unit)s – %(campaign)s"),
        line=gettext_lazy("%(unit)s sent its mid-year report in the campaign “%(campaign)s”."),
    )


def self_assessment_received(*, scorecard, actor, logged):
    _to_compiler(
        event="scorecard.submitted",
        key=logged.pk,
        campaign=scorecard.campaign,
        unit=scorecard.unit,
        actor=actor,
        link=reverse("scoring:score", args=[scorecard.campaign_id, scorecard.unit_id]),
        subject=gettext_lazy("Self-assessment received: %(unit)s – %(campaign)s"),
        line=gettext_lazy(
            "%(unit)s sent its year-end self-assessment in the campaign “%(campaign)s”; its self-scores are "
            "filled in on its score form."
        ),
    )


def _to_members(*, event, key, campaign, compiler, actor, link, subject, lines):
    names = {"compiler": compiler.name, "campaign": campaign.name}
    notify(
        event=event,
        key=key,
        recipients=clerks_of_members(campaign=campaign, compiler_id=compiler.pk),
        link=link,
        message=lambda: (
            subject % names,
            _("To the member units compiled by %(compiler)s,") % names,
            lines(names),
        ),
        actor=actor,
    )


def ranking_finalised(*, ranking, actor, logged):
    _to_members(
        event="ranking.finalised",
        key=logged.pk,
        campaign=ranking.campaign,
        compiler=ranking.compiler,
        actor=actor,
        link=reverse("scoring:results", args=[ranking.campaign_id]),
        subject=gettext_lazy("Ranking finalised: %(campaign)s"),
        lines=lambda names: [
            _("%(compiler)s finalised the ranking of the campaign “%(campaign)s”; the scores are locked.") % names,
            _("Every member sees the ranking and its own scores once the compiler publishes them."),
        ],
    )


def ranking_reopened(*, ranking, actor, reason, logged):
    _to_members(
        event="ranking.reopened",
        key=logged.pk,
        campaign=ranking.campaign,
        compiler=ranking.compiler,
        actor=actor,
        link=reverse("scoring:results", args=[ranking.campaign_id]),
        subject=gettext_lazy("Ranking reopened: %(campaign)s"),
        lines=lambda names: [
            _("%(compiler)s reopened the ranking of the campaign “%(campaign)s”; scores may change.") % names,
            _("The reason: %(reason)s") % {"reason": reason},
        ],
    )


def ranking_published(*, ranking, actor, logged):
    _to_members(
        event="ranking.published",
        key=logged.pk,
        campaign=ranking.campaign,
        compiler=ranking.compiler,
        actor=actor,
        link=reverse("scoring:results", args=[ranking.campaign_id]),
        subject=gettext_lazy("Results published: %(campaign)s"),
        lines=lambda names: [
            _("%(compiler)s published the ranking of the campaign “%(campaign)s”.") % names,
            _("See your unit's place, each line's final score and the scorer's comment."),
        ],
    )


def vote_recorded(*, meeting, actor, logged):
    _to_members(
        event="vote.recorded",
        key=logged.pk,
        campaign=meeting.campaign,
        compiler=meeting.compiler,
        actor=actor,
        link=reverse("scoring:results", args=[meeting.campaign_id]),
        subject=gettext_lazy("Vote recorded: %(campaign)s"),
        lines=lambda names: [
            _("%(compiler)s recorded the result of the members' vote in the campaign “%(campaign)s”.") % names
        ],
    )


def objection_sent(*, objection, actor, logged):
    ranking = objection.ranking
    _to_compiler(
        event="objection.sent",
        key=logged.pk,
        campaign=ranking.campaign,
        unit=objection.unit,
        actor=actor,
        link=reverse("scoring:ranking", args=[ranking.campaign_id]),
        subject=gettext_lazy("Objection to the published scores: %(unit)s – %(campaign)s"),
        line=gettext_lazy(
            "%(unit)s objects to a line of its published scores in the campaign “%(campaign)s”; answer it, or "
            "correct the score, before the vote."
        ),
    )


def objection_answered(*, objection, actor, logged):
    ranking, unit = objection.ranking, objection.unit
    names = {"unit": unit.name, "campaign": ranking.campaign.name, "criterion": str(objection.criterion)}
    notify(
        event="objection.answered",
        key=logged.pk,
        recipients=clerks_of_units([unit.pk]),
        link=reverse("scoring:results", args=[ranking.campaign_id]),
        message=lambda: (
            _("Your objection was answered: %(campaign)s") % names,
            _("To the emulation clerk of %(unit)s,") % names,
            [
                _("The compiler answered the objection of %(unit)s to “%(criterion)s”.") % names,
                _("The answer: %(answer)s") % {"answer": objection.answer},
                _("The score will be corrected and the results published again.")
                if objection.status == objection.Status.CORRECTED
                else "",
            ],
        ),
        unit=unit,
        actor=actor,
    )
