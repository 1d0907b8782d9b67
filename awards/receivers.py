"""awards' answers to the signals of the apps below it."""

from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from activity.signals import action_labels
from awards import dashboard, panels, quota_sheet, statistics
from awards.access import awards_scopes
from awards.checks import title_quotas as rule_quotas
from awards.selectors import approved_counts as council_approved_counts
from awards.services import limits_copy, rules_copy
from campaigns.navigation import Link
from campaigns.signals import campaign_copied, campaign_pages, campaign_panels, dashboard_panels, unit_steps
from core.access import access_scopes
from honours.signals import statistics_sections
from registrations.signals import title_quotas
from scoring.signals import approved_counts, table_parts, vote_panels


@receiver(action_labels, dispatch_uid="awards.action_labels")
def awards_action_labels(**kwargs):
    return {
        "proposal.created": gettext_lazy("drew up the proposal"),
        "award_quota.created": gettext_lazy("set an award quota"),
        "award_quota.changed": gettext_lazy("changed an award quota"),
        "award_quota.deleted": gettext_lazy("deleted an award quota"),
        "band_requirement.saved": gettext_lazy("required a band for a title"),
        "band_requirement.deleted": gettext_lazy("deleted a band required for a title"),
        "proposal.changed": gettext_lazy("changed the letter"),
        "proposal.line_added": gettext_lazy("added a line"),
        "proposal.line_changed": gettext_lazy("changed a line"),
        "proposal.line_removed": gettext_lazy("removed a line"),
        "proposal.submitted": gettext_lazy("sent it to the council"),
        "proposal.recalled": gettext_lazy("recalled it from the council"),
        "proposal.returned": gettext_lazy("returned it to the proposer"),
        "proposal.drafts_merged": gettext_lazy("took in the lines of a second draft (at the upgrade)"),
        "proposal.forwarded": gettext_lazy("forwarded the lines for higher titles to the council above"),
        "proposal.line_decided": gettext_lazy("decided on a line"),
        "proposal.approved": gettext_lazy("approved the proposal"),
        "ballot.opened": gettext_lazy("opened the council's ballot"),
        "ballot.cast": gettext_lazy("recorded a ballot"),
        "ballot.closed": gettext_lazy("counted the council's ballot"),
        "decision.issued": gettext_lazy("issued the award decision"),
        "decision.prepared": gettext_lazy("prepared the award decision for the authority"),
        "decision.changed": gettext_lazy("corrected the award decision"),
        "decision.signed": gettext_lazy("uploaded the decision as signed digitally"),
        "proposal.report_uploaded": gettext_lazy("uploaded a line's signed achievement report"),
        "awards.published": gettext_lazy("published the award results"),
        "awards.unpublished": gettext_lazy("withdrew the published award results"),
        "initiative.registered": gettext_lazy("registered an initiative"),
        "initiative.decided": gettext_lazy("decided on an initiative"),
        "rule_set.created": gettext_lazy("created the rule set"),
        "rule_set.changed": gettext_lazy("changed the rule set's figures"),
        "rule_set.title_changed": gettext_lazy("changed a title's threshold, authority or reward"),
        "rule_set.rule_added": gettext_lazy("added a condition or quota"),
        "rule_set.rule_removed": gettext_lazy("removed a condition or quota"),
        "rule_set.adopted": gettext_lazy("confirmed the defaults for the province"),
        "campaign.rules_chosen": gettext_lazy("chose the rules the campaign is judged by"),
        "base_salary.added": gettext_lazy("recorded a base salary"),
    }


@receiver(unit_steps, dispatch_uid="awards.unit_steps")
def awards_unit_steps(*, campaign, unit_ids, **kwargs):
    return [(50, dashboard.award_steps(campaign, unit_ids))]


@receiver(campaign_copied, dispatch_uid="awards.campaign_copied")
def awards_campaign_copied(*, source, target, items, **kwargs):
    rules_copy(source=source, target=target, items=items)
    limits_copy(source=source, target=target)


@receiver(table_parts, dispatch_uid="awards.table_parts")
def awards_table_parts(**kwargs):
    return quota_sheet.QUOTAS


@receiver(title_quotas, dispatch_uid="awards.title_quotas")
def awards_title_quotas(*, campaign, **kwargs):
    return rule_quotas(campaign=campaign)


@receiver(approved_counts, dispatch_uid="awards.approved_counts")
def awards_approved_counts(*, campaign, unit_ids, **kwargs):
    return council_approved_counts(campaign=campaign, unit_ids=unit_ids)


@receiver(campaign_pages, dispatch_uid="awards.campaign_pages")
def awards_campaign_pages(*, campaign, **kwargs):
    return [Link(30, _("Award proposals"), reverse("awards:campaign", args=[campaign.pk]), "campaign.see")]


@receiver(access_scopes, dispatch_uid="awards.access_scopes")
def awards_access_scopes(**kwargs):
    return awards_scopes()


@receiver(campaign_panels, dispatch_uid="awards.campaign_panels")
def awards_campaign_panels(*, campaign, access, **kwargs):
    return panels.campaign_rules_panel(campaign=campaign, access=access)


@receiver(dashboard_panels, dispatch_uid="awards.dashboard_panels")
def awards_dashboard_panels(*, request, **kwargs):
    return panels.office_rules_panel(request=request)


@receiver(dashboard_panels, dispatch_uid="awards.council_work_panel")
def awards_council_work_panel(*, request, **kwargs):
    return panels.council_work_panel(request=request)


@receiver(statistics_sections, dispatch_uid="awards.statistics_sections")
def awards_statistics_sections(*, root, year, **kwargs):
    return statistics.money_section(root=root, year=year)


@receiver(vote_panels, dispatch_uid="awards.vote_panels")
def awards_vote_panels(*, request, campaign, meeting, **kwargs):
    return panels.vote_proposal_panel(request=request, campaign=campaign, meeting=meeting)
