"""notifications' answers to the signals of the apps below it."""

from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext as _

from campaigns.selectors import campaign_compilers
from campaigns.signals import deadline_moved
from notifications.services import clerks_of_units, notify


@receiver(deadline_moved, dispatch_uid="notifications.deadline_moved")
def tell_the_units_a_deadline_moved(*, milestone, old, reason, actor, logged, **kwargs):
    """Every unit of the campaign, and every compiler, learns the new date and why."""
    campaign = milestone.campaign
    compilers = campaign_compilers(campaign=campaign)
    names = {
        "name": milestone.name,
        "campaign": campaign.name,
        "old": old.strftime("%d/%m/%Y") if old else "—",
        "new": milestone.deadline.strftime("%d/%m/%Y") if milestone.deadline else "—",
        "reason": reason,
    }
    notify(
        event="milestone.moved",
        key=logged.pk,
        recipients=clerks_of_units(set(compilers) | set(compilers.values())),
        link=reverse("campaigns:detail", args=[campaign.pk]),
        message=lambda: (
            _("Deadline moved: %(name)s – %(campaign)s") % names,
            _("To the units of the campaign “%(campaign)s”,") % names,
            [_("“%(name)s” is now due on %(new)s (it was %(old)s).") % names, _("Why: %(reason)s") % names],
        ),
        actor=actor,
    )
