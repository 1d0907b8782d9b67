from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core import text

register = template.Library()


@register.filter
def days_left(days):
    """ "in 5 days", "today", "3 days ago", as a deadline reads on a dashboard."""
    if days is None:
        return ""
    if days == 0:
        return _("due today")
    if days > 0:
        return ngettext("%(days)s day left", "%(days)s days left", days) % {"days": days}
    return ngettext("%(days)s day overdue", "%(days)s days overdue", -days) % {"days": -days}


@register.filter
def days_until(day):
    """Days from today to `day`, for `days_left`; None without a day."""
    return None if day is None else (day - timezone.localdate()).days


@register.filter
def days_left_class(days):
    if days is None:
        return ""
    if days < 0:
        return "overdue"
    return "soon" if days <= 7 else ""


@register.filter
def document_date(value):
    """A date as official documents write it: "ngày 05 tháng 02 năm 2020"."""
    if not value:
        return ""
    return _("day %(day)02d month %(month)02d year %(year)s") % {
        "day": value.day,
        "month": value.month,
        "year": value.year,
    }


@register.filter
def display_name(user):
    return text.display_name(user)


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template, or an empty list when absent."""
    return mapping.get(key, []) if mapping else []


ACTION_LABELS = {
    "campaign.created": gettext_lazy("created the campaign"),
    "campaign.changed": gettext_lazy("changed the campaign"),
    "phase.created": gettext_lazy("added a phase"),
    "phase.changed": gettext_lazy("changed a phase"),
    "phase.deleted": gettext_lazy("deleted a phase"),
    "milestone.created": gettext_lazy("added a milestone"),
    "milestone.changed": gettext_lazy("changed a milestone"),
    "milestone.deleted": gettext_lazy("deleted a milestone"),
    "contentitem.created": gettext_lazy("added a content item"),
    "contentitem.changed": gettext_lazy("changed a content item"),
    "contentitem.deleted": gettext_lazy("deleted a content item"),
    "target.created": gettext_lazy("added a target"),
    "target.changed": gettext_lazy("changed a target"),
    "target.deleted": gettext_lazy("deleted a target"),
    "proposal.created": gettext_lazy("drew up the proposal"),
    "proposal.changed": gettext_lazy("changed the letter"),
    "proposal.line_added": gettext_lazy("added a line"),
    "proposal.line_changed": gettext_lazy("changed a line"),
    "proposal.line_removed": gettext_lazy("removed a line"),
    "proposal.submitted": gettext_lazy("sent it to the council"),
    "proposal.recalled": gettext_lazy("recalled it from the council"),
    "proposal.returned": gettext_lazy("returned it to the proposer"),
    "proposal.forwarded": gettext_lazy("forwarded the lines for higher titles to the council above"),
    "proposal.line_decided": gettext_lazy("decided on a line"),
    "proposal.approved": gettext_lazy("approved the proposal"),
    "ballot.opened": gettext_lazy("opened the council's ballot"),
    "ballot.cast": gettext_lazy("recorded a ballot"),
    "ballot.closed": gettext_lazy("counted the council's ballot"),
    "decision.issued": gettext_lazy("issued the award decision"),
    "decision.changed": gettext_lazy("corrected the award decision"),
    "ranking.finalised": gettext_lazy("finalised the ranking"),
    "ranking.reopened": gettext_lazy("reopened the ranking"),
    "ranking.published": gettext_lazy("published the results to the members"),
    "objection.sent": gettext_lazy("objected to a line of the published scores"),
    "objection.answered": gettext_lazy("answered an objection"),
    "vote.recorded": gettext_lazy("recorded the vote"),
    "registration.sheet_forwarded": gettext_lazy("forwarded the registration sheet"),
    "registration.saved": gettext_lazy("saved the registration"),
    "registration.submitted": gettext_lazy("sent the registration"),
    "registration.resubmitted": gettext_lazy("sent the registration again"),
    "registration.returned": gettext_lazy("returned the registration for correction"),
    "registration.accepted": gettext_lazy("accepted the registration"),
    "registration.reopened": gettext_lazy("reopened the accepted registration"),
    "midyear_report.sent": gettext_lazy("sent the mid-year report"),
    "midyear_report.replaced": gettext_lazy("replaced the mid-year report"),
    "scorecard.saved": gettext_lazy("saved the self-assessment"),
    "scorecard.submitted": gettext_lazy("sent the self-assessment"),
    "score.changed": gettext_lazy("changed scores"),
    "criterion.created": gettext_lazy("added a criterion"),
    "criterion.changed": gettext_lazy("changed a criterion"),
    "criterion.deleted": gettext_lazy("deleted a criterion"),
    "criteria.imported": gettext_lazy("imported the scoring table"),
    "scoring.policy_changed": gettext_lazy("changed the scoring rules"),
    "initiative.registered": gettext_lazy("registered an initiative"),
    "initiative.decided": gettext_lazy("decided on an initiative"),
    "campaign.opened": gettext_lazy("opened the campaign"),
    "campaign.closed": gettext_lazy("closed the campaign"),
    "campaign.reopened": gettext_lazy("reopened the campaign"),
    "campaign.copied": gettext_lazy("created the campaign by copying last year's"),
    "unit.created": gettext_lazy("created the unit"),
    "unit.changed": gettext_lazy("changed the unit"),
    "unit.deactivated": gettext_lazy("deactivated the unit"),
    "unit.reactivated": gettext_lazy("reactivated the unit"),
    "units.imported": gettext_lazy("imported the unit tree"),
    "staff.imported": gettext_lazy("imported the staff list"),
    "honours.imported": gettext_lazy("imported the award register"),
    "bloc.created": gettext_lazy("created the bloc"),
    "bloc.changed": gettext_lazy("changed the bloc"),
    "bloc.member_set": gettext_lazy("set a member of the bloc"),
    "bloc.member_removed": gettext_lazy("removed a member from the bloc"),
    "bloc.year_copied": gettext_lazy("carried the bloc into a new year"),
    "council.created": gettext_lazy("created the council"),
    "council.changed": gettext_lazy("changed the council"),
    "council.member_set": gettext_lazy("seated a member"),
    "council.member_removed": gettext_lazy("took a member off the council"),
    "account.invited": gettext_lazy("invited the person"),
    "account.invitation_resent": gettext_lazy("sent the invitation again"),
    "account.deactivated": gettext_lazy("deactivated the account"),
    "account.reactivated": gettext_lazy("reactivated the account"),
    "accounts.imported": gettext_lazy("invited people from Excel"),
}


@register.filter
def action_label(action):
    """What an activity log code means, in a sentence."""
    return ACTION_LABELS.get(action, _("made a change"))
