"""notifications' answers to the signals of the apps below it."""

from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy

from campaigns.selectors import campaign_compilers
from campaigns.signals import deadline_moved
from notifications.services import Notice, clerks_of_units

DEADLINE_MOVED = Notice(
    event="milestone.moved",
    subject=gettext_lazy("Deadline moved: %(name)s – %(campaign)s"),
    greeting=gettext_lazy("To the units of the campaign “%(campaign)s”,"),
    lines=(
        gettext_lazy("“%(name)s” is now due on %(new)s (it was %(old)s)."),
        gettext_lazy("Why: %(reason)s"),
    ),
)


@receiver(deadline_moved, dispatch_uid="notifications.deadline_moved")
def tell_the_units_a_deadline_moved(*, milestone, old, reason, actor, logged, **kwargs):
    """Every unit of the campaign, and every compiler, learns the new date and why."""
    campaign = milestone.campaign
    compilers = campaign_compilers(campaign=campaign)
    DEADLINE_MOVED.send(
        key=logged.pk,
        recipients=clerks_of_units(set(compilers) | set(compilers.values())),
        link=reverse("campaigns:detail", args=[campaign.pk]),
        names={
            "name": milestone.name,
            "campaign": campaign.name,
            "old": old.strftime("%d/%m/%Y") if old else "—",
            "new": milestone.deadline.strftime("%d/%m/%Y") if milestone.deadline else "—",
            "reason": reason,
        },
        actor=actor,
    )
