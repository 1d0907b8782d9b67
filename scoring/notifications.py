"""What the steps of scoring tell, and to whom: the compiler what its units sent, the members what it decided.

Each takes the log entry that records the step: it names the event, so a
notification is made once per step whoever calls twice.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from notifications.services import Notice, clerks_of, clerks_of_compiler, clerks_of_members, clerks_of_units


def _to_compiler(event, where, subject, line):
    """A step of one unit told to its compiler; `where(thing)` gives the campaign, the unit and the page to open."""
    notice = Notice(event, subject, _("To the compiler of %(campaign)s,"), (line,))

    def send(*, actor, logged, **step):
        (thing,) = step.values()
        campaign, unit, link = where(thing)
        notice.send(
            key=logged.pk,
            recipients=clerks_of_compiler(campaign=campaign, unit_id=unit.pk),
            link=link,
            names={"unit": unit.name, "campaign": campaign.name},
            unit=unit,
            actor=actor,
        )

    return send


def _to_members(event, subject, *lines):
    """A step of a compiler's (a ranking's or a vote's) told to the member units, who then open the results."""
    notice = Notice(event, subject, _("To the member units compiled by %(compiler)s,"), lines)

    def send(*, actor, logged, reason="", **step):
        (thing,) = step.values()
        notice.send(
            key=logged.pk,
            recipients=clerks_of_members(campaign=thing.campaign, compiler_id=thing.compiler_id),
            link=reverse("scoring:results", args=[thing.campaign_id]),
            names={"compiler": thing.compiler.name, "campaign": thing.campaign.name, "reason": reason},
            actor=actor,
        )

    return send


midyear_report_received = _to_compiler(
    "midyear_report.received",
    lambda report: (report.campaign, report.unit, reverse("scoring:hub", args=[report.campaign_id])),
    _("Mid-year report received: %(unit)s – %(campaign)s"),
    _("%(unit)s sent its mid-year report in the campaign “%(campaign)s”."),
)

self_assessment_received = _to_compiler(
    "scorecard.submitted",
    lambda card: (card.campaign, card.unit, reverse("scoring:score", args=[card.campaign_id, card.unit_id])),
    _("Self-assessment received: %(unit)s – %(campaign)s"),
    _(
        "%(unit)s sent its year-end self-assessment in the campaign “%(campaign)s”; its self-scores are "
        "filled in on its score form."
    ),
)

objection_sent = _to_compiler(
    "objection.sent",
    lambda objection: (
        objection.ranking.campaign,
        objection.unit,
        reverse("scoring:ranking", args=[objection.ranking.campaign_id]),
    ),
    _("Objection to the published scores: %(unit)s – %(campaign)s"),
    _(
        "%(unit)s objects to a line of its published scores in the campaign “%(campaign)s”; answer it, or "
        "correct the score, before the vote."
    ),
)

ranking_finalised = _to_members(
    "ranking.finalised",
    _("Ranking finalised: %(campaign)s"),
    _("%(compiler)s finalised the ranking of the campaign “%(campaign)s”; the scores are locked."),
    _("Every member sees the ranking and its own scores once the compiler publishes them."),
)

ranking_reopened = _to_members(
    "ranking.reopened",
    _("Ranking reopened: %(campaign)s"),
    _("%(compiler)s reopened the ranking of the campaign “%(campaign)s”; scores may change."),
    _("The reason: %(reason)s"),
)

ranking_published = _to_members(
    "ranking.published",
    _("Results published: %(campaign)s"),
    _("%(compiler)s published the ranking of the campaign “%(campaign)s”."),
    _("See your unit's place, each line's final score and the scorer's comment."),
)

vote_recorded = _to_members(
    "vote.recorded",
    _("Vote recorded: %(campaign)s"),
    _("%(compiler)s recorded the result of the members' vote in the campaign “%(campaign)s”."),
)

_OBJECTION_ANSWERED = Notice(
    "objection.answered",
    _("Your objection was answered: %(campaign)s"),
    _("To the emulation clerk of %(unit)s,"),
    (
        _("The compiler answered the objection of %(unit)s to “%(criterion)s”."),
        _("The answer: %(answer)s"),
    ),
)
_CORRECTED = _("The score will be corrected and the results published again.")


def objection_answered(*, objection, actor, logged):
    ranking, unit = objection.ranking, objection.unit
    corrected = objection.status == objection.Status.CORRECTED
    notice = _OBJECTION_ANSWERED
    if corrected:
        notice = Notice(notice.event, notice.subject, notice.greeting, (*notice.lines, _CORRECTED))
    notice.send(
        key=logged.pk,
        recipients=clerks_of_units([unit.pk]),
        link=reverse("scoring:results", args=[ranking.campaign_id]),
        names={
            "unit": unit.name,
            "campaign": ranking.campaign.name,
            "criterion": str(objection.criterion),
            "answer": objection.answer,
        },
        unit=unit,
        actor=actor,
    )


_TABLE_CHANGED = Notice(
    "criterion.changed",
    _("Scoring table changed: %(campaign)s"),
    _("To the emulation clerk of the units concerned,"),
    (
        _(
            "The line “%(criterion)s” of the scoring table of “%(campaign)s” changed; your points on it were computed again."
        ),
        _("The reason: %(reason)s"),
    ),
)


def table_changed(*, criterion, units, reason, actor, logged):
    """The units whose points a change of the table moved: each sees its new points on its pages."""
    _TABLE_CHANGED.send(
        key=logged.pk,
        recipients=clerks_of_units(list(units)),
        link=reverse("scoring:criteria", args=[criterion.campaign_id]),
        names={"criterion": str(criterion), "campaign": criterion.campaign.name, "reason": reason},
        actor=actor,
    )


_ROUNDING_CHANGED = Notice(
    "scoring.rounding_changed",
    _("Scoring table changed: %(campaign)s"),
    _("To the emulation clerk of the units concerned,"),
    (
        _(
            "The scoring table of “%(campaign)s” now rounds the points it computes %(rounding)s; your points were "
            "computed again."
        ),
        _("The reason: %(reason)s"),
    ),
)


def rounding_changed(*, policy, units, reason, actor, logged):
    """The units whose points a new rounding of the table moved."""
    _ROUNDING_CHANGED.send(
        key=logged.pk,
        recipients=clerks_of_units(list(units)),
        link=reverse("scoring:criteria", args=[policy.campaign_id]),
        names={"campaign": policy.campaign.name, "rounding": policy.rounding_text, "reason": reason},
        actor=actor,
    )


_BAND_MOVED = Notice(
    "scoring.band_moved",
    _("Your classification changed: %(campaign)s"),
    _("To the emulation clerk of %(unit)s,"),
    (
        _(
            "The classification of the campaign “%(campaign)s” changed (%(change)s): %(unit)s, as its scores stand, "
            "is now classed %(new)s instead of %(old)s."
        ),
        _("The reason: %(reason)s"),
    ),
)


def bands_moved(*, campaign, moves, change, reason, actor, logged):
    """Each unit whose band a change of the classification moved ({unit id: (name, old, new)}), told its own."""
    clerks = clerks_of(list(moves))
    for unit_id, (name, old, new) in moves.items():
        _BAND_MOVED.send(
            key=f"{logged.pk}:{unit_id}",
            recipients=clerks[unit_id],
            link=reverse("scoring:results", args=[campaign.pk]),
            names={
                "unit": name,
                "campaign": campaign.name,
                "change": change,
                "old": old or _("no band"),
                "new": new or _("no band"),
                "reason": reason,
            },
            actor=actor,
        )


_TABLE_IMPORTED = Notice(
    "criteria.imported",
    _("Scoring table changed: %(campaign)s"),
    _("To the emulation clerk of the units concerned,"),
    (
        _(
            "The scoring table of “%(campaign)s” was replaced from a file; your points were computed again on the "
            "new table."
        ),
        _("The reason: %(reason)s"),
    ),
)


def table_imported(*, campaign, units, reason, actor, logged):
    """The units whose points the table imported from a file moved: each sees its new points on its pages."""
    _TABLE_IMPORTED.send(
        key=logged.pk,
        recipients=clerks_of_units(list(units)),
        link=reverse("scoring:criteria", args=[campaign.pk]),
        names={"campaign": campaign.name, "reason": reason},
        actor=actor,
    )


_FIGURE_CORRECTED = Notice(
    "figure.corrected",
    _("A figure of your self-assessment was corrected: %(campaign)s"),
    _("To the emulation clerk of %(unit)s,"),
    (
        _("The compiler kept %(kept)s instead of %(reported)s on “%(criterion)s”."),
        _("The reason: %(reason)s"),
    ),
)


def figure_corrected(*, figure, unit, campaign, reason, actor, logged):
    def pair(value, base):
        return f"{value}" if base is None else f"{value}/{base}"

    _FIGURE_CORRECTED.send(
        key=logged.pk,
        recipients=clerks_of_units([unit.pk]),
        link=reverse("scoring:self", args=[campaign.pk, unit.pk]),
        names={
            "unit": unit.name,
            "campaign": campaign.name,
            "criterion": str(figure.criterion),
            "kept": pair(figure.confirmed_value, figure.confirmed_base),
            "reported": pair(figure.value, figure.base),
            "reason": reason,
        },
        unit=unit,
        actor=actor,
    )
