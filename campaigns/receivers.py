"""campaigns' answers to the signals of the apps below it."""

from django.dispatch import receiver
from django.utils.translation import gettext_lazy

from activity.signals import action_labels, action_sentences
from campaigns.access import campaign_scopes
from campaigns.navigation import unit_links
from campaigns.selectors import campaign_compilers, campaign_list, campaigns_of_unit_q, office_waiting
from campaigns.signals import dashboard_panels
from core.access import access_scopes
from organisation.access import viewer_for
from organisation.panels import Panel
from organisation.signals import bloc_panels, unit_panels


@receiver(dashboard_panels, dispatch_uid="campaigns.office_waiting")
def campaigns_office_panel(*, request, today, **kwargs):
    waiting = office_waiting(user=request.user, today=today)
    return Panel("campaigns/_office_waiting.html", waiting) if any(waiting.values()) else None


@receiver(action_sentences, dispatch_uid="campaigns.action_sentences")
def campaigns_action_sentences(**kwargs):
    return {
        "campaign.opened": gettext_lazy("opened the campaign, saying: %(reason)s"),
        "campaign.closed": gettext_lazy("closed the campaign, saying: %(reason)s"),
        "campaign.reopened": gettext_lazy("reopened the campaign, saying: %(reason)s"),
        "phase.created": gettext_lazy("added the phase %(text)s"),
        "phase.changed": gettext_lazy("changed the phase %(text)s"),
        "milestone.created": gettext_lazy("added the milestone “%(text)s”"),
        "milestone.changed": gettext_lazy("changed the milestone “%(text)s”"),
        "milestone.deleted": gettext_lazy("deleted the milestone “%(text)s”"),
        "milestone.moved": gettext_lazy("moved “%(name)s” from %(old)s to %(new)s, saying: %(reason)s"),
        "contentitem.created": gettext_lazy("added the content item “%(text)s”"),
        "contentitem.changed": gettext_lazy("changed the content item “%(text)s”"),
        "contentitem.deleted": gettext_lazy("deleted the content item “%(text)s”"),
        "target.created": gettext_lazy("added the target “%(text)s”"),
        "target.changed": gettext_lazy("changed the target “%(text)s”"),
        "target.deleted": gettext_lazy("deleted the target “%(text)s”"),
    }


@receiver(action_labels, dispatch_uid="campaigns.action_labels")
def campaigns_action_labels(**kwargs):
    return {
        "campaign.created": gettext_lazy("created the campaign"),
        "campaign.changed": gettext_lazy("changed the campaign"),
        "phase.created": gettext_lazy("added a phase"),
        "phase.changed": gettext_lazy("changed a phase"),
        "phase.deleted": gettext_lazy("deleted a phase"),
        "milestone.created": gettext_lazy("added a milestone"),
        "milestone.changed": gettext_lazy("changed a milestone"),
        "milestone.deleted": gettext_lazy("deleted a milestone"),
        "milestone.moved": gettext_lazy("moved a milestone's date"),
        "contentitem.created": gettext_lazy("added a content item"),
        "contentitem.changed": gettext_lazy("changed a content item"),
        "contentitem.deleted": gettext_lazy("deleted a content item"),
        "target.created": gettext_lazy("added a target"),
        "target.changed": gettext_lazy("changed a target"),
        "target.deleted": gettext_lazy("deleted a target"),
        "campaign.opened": gettext_lazy("opened the campaign"),
        "campaign.closed": gettext_lazy("closed the campaign"),
        "campaign.reopened": gettext_lazy("reopened the campaign"),
        "campaign.copied": gettext_lazy("created the campaign by copying last year's"),
    }


@receiver(unit_panels, dispatch_uid="campaigns.unit_panels")
def campaigns_of_unit(*, request, unit, **kwargs):
    """The unit's campaigns; where the user acts for it and it competes, with links to its own forms."""
    campaigns = campaign_list(user=request.user).filter(campaigns_of_unit_q(unit_ids=[unit.pk])).distinct()
    acts = unit.pk in viewer_for(request.user).own_unit_ids
    return Panel(
        template="campaigns/unit_panel.html",
        context=[
            (
                campaign,
                unit_links(campaign=campaign, unit=unit)
                if acts and unit.pk in campaign_compilers(campaign=campaign)
                else [],
            )
            for campaign in campaigns
        ],
    )


@receiver(bloc_panels, dispatch_uid="campaigns.bloc_panels")
def campaigns_of_bloc(*, bloc, year, **kwargs):
    """The campaigns the bloc competes in that year."""
    return Panel(template="campaigns/bloc_panel.html", context=list(bloc.campaigns.filter(year=year)))


@receiver(access_scopes, dispatch_uid="campaigns.access_scopes")
def campaigns_access_scopes(**kwargs):
    return campaign_scopes()
