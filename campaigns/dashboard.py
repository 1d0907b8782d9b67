"""Where each of the user's units stands in a campaign, and what waits for the user as a compiler.

The papers belong to later apps (a registration, a report, a self-assessment,
the published results, the awards): each answers the `unit_steps` and
`compiler_tasks` signals (campaigns.signals) with how a unit stands on its
step and what a compiler has to do, so campaigns never imports them. Every
link a step or task carries leads to a page its reader may open: steps go to
the unit's own pages, shown only to those acting for it; tasks go to the
compiler's pages.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from campaigns.access import CampaignAccess, compiler_session_key
from campaigns.models import Campaign
from campaigns.selectors import campaigns_visible_to
from campaigns.signals import compiler_tasks as compiler_tasks_signal
from campaigns.signals import unit_steps
from core.dispatch import responses
from organisation.access import viewer_for
from organisation.models import Unit


@dataclass(frozen=True)
class Step:
    """A unit's standing on one step of the year."""

    label: str
    state: str
    done: bool
    link: str
    action: str = ""  # what the unit has to do, while it is not done
    deadline: date | None = None
    # A step the campaign asks for only by setting its milestone (the mid-year report: not every plan holds a
    # review); without one it is listed but never proposed as the next step.
    needs_milestone: bool = False


@dataclass(frozen=True)
class Task:
    """Work waiting for a compiler: how many, and the page where it is done."""

    label: str
    count: int
    link: str


@dataclass
class UnitProgress:
    unit: Unit
    steps: list

    @property
    def next_step(self):
        """The first step the unit still has to act on and that still matters.

        A step is passed over once a later step is done (the year moved on
        without it), when the campaign did not ask for it (a step that needs
        its milestone, and the campaign set none), and when its deadline (or,
        having none, a later step's) is gone while a later step still waits:
        the later one is what matters now, late or not, so after the year-end
        no mid-year reminder leads.
        """
        today = timezone.localdate()
        open_steps = [
            step
            for index, step in enumerate(self.steps)
            if not step.done
            and step.action
            and not (step.needs_milestone and step.deadline is None)
            and not any(later.done for later in self.steps[index + 1 :])
        ]

        def gone(step):
            return step.deadline is not None and step.deadline < today

        for position, step in enumerate(open_steps):
            later = open_steps[position + 1 :]
            # A step with no deadline of its own is behind once a later one's deadline is gone.
            if later and (gone(step) or (step.deadline is None and any(gone(other) for other in later))):
                continue
            return step
        return None


def unit_progress(*, access):
    """Each unit the user acts for in the campaign, with its steps."""
    units = list(Unit.objects.filter(id__in=access.own_unit_ids).order_by("sort_name"))
    if not units:
        return []
    ids = [unit.pk for unit in units]
    positioned = [step for answer in responses(unit_steps, campaign=access.campaign, unit_ids=ids) for step in answer]
    by_step = [steps for _position, steps in sorted(positioned, key=lambda step: step[0])]
    return [UnitProgress(unit=unit, steps=[steps[unit.pk] for steps in by_step if unit.pk in steps]) for unit in units]


def compiler_tasks(*, access):
    """What waits for the user as the compiler they act as in the campaign; nothing to do is not listed."""
    if not access.compiler_id:
        return []
    return [task for tasks in responses(compiler_tasks_signal, access=access) for task in tasks if task.count]


DASHBOARD_CAMPAIGNS = 10


def dashboard_campaigns(*, user, session):
    """The open campaigns the user takes part in as a unit or a compiler, each with its progress and tasks."""
    viewer = viewer_for(user)
    if not (viewer.own_unit_ids or viewer.clerk_unit_ids):
        return []
    rows = []
    campaigns = campaigns_visible_to(user).filter(status=Campaign.Status.ACTIVE).select_related("issuer")
    for campaign in campaigns.order_by("-year", "sort_name")[:DASHBOARD_CAMPAIGNS]:
        access = CampaignAccess(
            user=user, campaign=campaign, chosen_compiler_id=session.get(compiler_session_key(campaign.pk))
        )
        progress, tasks = unit_progress(access=access), compiler_tasks(access=access)
        if progress or tasks or access.must_choose_compiler:
            rows.append({"campaign": campaign, "access": access, "progress": progress, "tasks": tasks})
    return rows
