"""scoring's answers to the signals of the apps below it."""

from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from activity.signals import action_labels, action_sentences
from campaigns.models import Milestone
from campaigns.navigation import Link
from campaigns.signals import (
    campaign_copied,
    campaign_pages,
    campaign_panels,
    compiler_tasks,
    dashboard_panels,
    unit_pages,
    unit_steps,
)
from notifications.reminders import Completion
from notifications.signals import milestone_completions
from organisation.panels import Panel
from scoring import dashboard, reminders, services
from scoring.models import Criterion


@receiver(dashboard_panels, dispatch_uid="scoring.office_without_table")
def scoring_office_panel(*, request, **kwargs):
    campaigns = dashboard.office_campaigns_without_table(user=request.user)
    return Panel("scoring/_office_without_table.html", {"campaigns": campaigns}) if campaigns else None


@receiver(action_sentences, dispatch_uid="scoring.action_sentences")
def scoring_action_sentences(**kwargs):
    return {
        "score.changed": gettext_lazy("changed the score of %(criterion_label)s for %(unit_name)s: %(old)s → %(new)s"),
        "score.agreed": gettext_lazy("agreed with every self-score of %(unit_name)s"),
        "ranking.reopened": gettext_lazy("reopened the ranking, saying: %(reason)s"),
        "objection.sent": gettext_lazy("objected for %(unit_name)s to the score of %(criterion_label)s"),
        "objection.answered": gettext_lazy("answered the objection of %(unit_name)s"),
        "midyear_report.sent": gettext_lazy("sent the mid-year report of %(unit_name)s"),
        "midyear_report.replaced": gettext_lazy("replaced the mid-year report of %(unit_name)s"),
        "criterion.created": gettext_lazy("added the criterion %(text)s (at most %(max)s points)"),
        "criterion.changed": gettext_lazy("changed the criterion %(text)s (at most %(max)s points)"),
        "criterion.deleted": gettext_lazy("deleted the criterion %(text)s"),
        "criteria.imported": gettext_lazy("imported a scoring table of %(count)s criteria"),
    }


@receiver(action_labels, dispatch_uid="scoring.action_labels")
def scoring_action_labels(**kwargs):
    return {
        "ranking.finalised": gettext_lazy("finalised the ranking"),
        "ranking.reopened": gettext_lazy("reopened the ranking"),
        "ranking.published": gettext_lazy("published the results to the members"),
        "objection.sent": gettext_lazy("objected to a line of the published scores"),
        "objection.answered": gettext_lazy("answered an objection"),
        "vote.recorded": gettext_lazy("recorded the vote"),
        "midyear_report.sent": gettext_lazy("sent the mid-year report"),
        "midyear_report.replaced": gettext_lazy("replaced the mid-year report"),
        "scorecard.saved": gettext_lazy("saved the self-assessment"),
        "scorecard.submitted": gettext_lazy("sent the self-assessment"),
        "score.changed": gettext_lazy("changed scores"),
        "score.agreed": gettext_lazy("agreed with the self-scores"),
        "figure.corrected": gettext_lazy("corrected a figure a unit reported"),
        "figure.confirmed": gettext_lazy("confirmed a figure a unit reported"),
        "criterion.created": gettext_lazy("added a criterion"),
        "criterion.changed": gettext_lazy("changed a criterion"),
        "criterion.deleted": gettext_lazy("deleted a criterion"),
        "criteria.imported": gettext_lazy("imported the scoring table"),
        "scoring.policy_changed": gettext_lazy("changed the scoring rules"),
        "band.created": gettext_lazy("added a classification band"),
        "band.changed": gettext_lazy("changed a classification band"),
        "band.deleted": gettext_lazy("deleted a classification band"),
        "event_kind.created": gettext_lazy("listed an event"),
        "event_kind.changed": gettext_lazy("changed a listed event"),
        "event_kind.deleted": gettext_lazy("deleted a listed event"),
        "unit_event.recorded": gettext_lazy("recorded an event for a unit"),
        "unit_event.removed": gettext_lazy("removed an event recorded for a unit"),
        "tie_rule.created": gettext_lazy("added a tie rule"),
        "tie_rule.changed": gettext_lazy("changed a tie rule"),
        "tie_rule.deleted": gettext_lazy("deleted a tie rule"),
    }


@receiver(unit_steps, dispatch_uid="scoring.unit_steps")
def scoring_unit_steps(*, campaign, unit_ids, **kwargs):
    return [
        (20, dashboard.report_steps(campaign, unit_ids)),
        (30, dashboard.self_assessment_steps(campaign, unit_ids)),
        (40, dashboard.result_steps(campaign, unit_ids)),
    ]


@receiver(compiler_tasks, dispatch_uid="scoring.compiler_tasks")
def scoring_compiler_tasks(*, access, **kwargs):
    return dashboard.compiler_work(access)


def _unit_page(name):
    return lambda campaign, unit_id: reverse(name, args=[campaign.pk, unit_id])


@receiver(milestone_completions, dispatch_uid="scoring.milestone_completions")
def scoring_milestone_completions(**kwargs):
    return {
        Milestone.Kind.MIDYEAR_REPORT: Completion(done=reminders.reported, link=_unit_page("scoring:report")),
        Milestone.Kind.YEAREND_REPORT: Completion(done=reminders.self_assessed, link=_unit_page("scoring:self")),
        Milestone.Kind.VOTE_MEETING: Completion(
            done=reminders.voted, link=lambda campaign, unit_id: reverse("scoring:vote", args=[campaign.pk])
        ),
    }


@receiver(campaign_copied, dispatch_uid="scoring.campaign_copied")
def scoring_campaign_copied(*, source, target, items, **kwargs):
    services.scoring_copy(source=source, target=target, items=items)


@receiver(campaign_pages, dispatch_uid="scoring.campaign_pages")
def scoring_campaign_pages(*, campaign, **kwargs):
    return [Link(20, _("Reports and scoring"), reverse("scoring:hub", args=[campaign.pk]), "campaign.take_part")]


@receiver(campaign_panels, dispatch_uid="scoring.campaign_panels")
def scoring_campaign_panels(*, campaign, access, **kwargs):
    """A campaign with no scoring table says so on its page: the table lives a page away, under reports and scoring."""
    if not access.takes_part or Criterion.objects.filter(campaign=campaign).exists():
        return None
    return Panel("scoring/_empty_table_panel.html", {"campaign": campaign, "may_set_up": access.may_set_up})


@receiver(unit_pages, dispatch_uid="scoring.unit_pages")
def scoring_unit_pages(*, campaign, unit, **kwargs):
    return [
        Link(20, _("Mid-year report"), reverse("scoring:report", args=[campaign.pk, unit.pk])),
        Link(30, _("Year-end self-assessment"), reverse("scoring:self", args=[campaign.pk, unit.pk])),
        Link(40, _("Published results"), reverse("scoring:results", args=[campaign.pk])),
    ]
