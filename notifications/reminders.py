"""Deadline reminders: who still has to act on a milestone, and the reminders due today.

Whether a unit has done what a milestone asks is known to the app that owns
that paper (a registration, a report, a self-assessment); each answers the
`milestone_completions` signal for its milestone kinds, so this module never
reaches into them.

A reminder is one kind of notification: the daily run inserts them with
their unique key and ignores those that exist, and notifications.py sends
them exactly once.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Campaign, Milestone, parse_reminder_days
from campaigns.selectors import campaign_compilers
from core.dispatch import merged
from core.templatetags.thidua import document_date
from notifications.models import Reminder, ReminderRun
from notifications.services import clerks_of, compose, site_language
from notifications.signals import milestone_completions
from organisation.models import BlocMembership, Unit

DAY_AFTER = -1


@dataclass(frozen=True)
class Completion:
    done: object  # (campaign, unit_ids) -> set of unit ids that have acted
    link: object  # (campaign, unit_id) -> path of the page where the unit acts


def _acting_units(milestone, campaign):
    """The units that must act on this milestone."""
    Actor = Milestone.Actor
    if milestone.actor == Actor.MEMBERS:
        return set(campaign_compilers(campaign=campaign))
    if milestone.actor == Actor.LEADER:
        return set(campaign_compilers(campaign=campaign).values())
    if milestone.actor == Actor.VICE_LEADER:
        return set(
            BlocMembership.objects.filter(
                bloc__in=campaign.blocs.all(), year=campaign.year, role=BlocMembership.Role.VICE_LEADER
            ).values_list("unit_id", flat=True)
        )
    if milestone.actor == Actor.ISSUER:
        return {campaign.issuer_id}
    return set()


def _offset_today(milestone, days, today):
    """The reminder offset that falls today for this milestone, or None."""
    offset = (milestone.deadline - today).days
    return offset if offset in days else None


def _message(milestone, campaign, unit_name, offset, link):
    deadline = document_date(milestone.deadline)
    if offset >= 0:
        when = _("The deadline is %(deadline)s, in %(days)s day(s).") % {"deadline": deadline, "days": offset}
    else:
        when = _("The deadline was %(deadline)s; it has passed.") % {"deadline": deadline}
    subject = _("Reminder: %(milestone)s – %(campaign)s") % {"milestone": milestone.name, "campaign": campaign.name}
    body = compose(
        greeting=_("To the emulation clerk of %(unit)s,") % {"unit": unit_name},
        lines=[
            _("%(milestone)s, in the campaign “%(campaign)s”, is still to be done.")
            % {"milestone": milestone.name, "campaign": campaign.name},
            when,
        ],
        link=link,
    )
    return subject, body


def reminders_create_due(*, today):
    """Insert the reminders that fall due today; returns how many are new.

    Run twice, it inserts nothing the second time. A unit that has done what
    the milestone asks gets nothing; the day-after reminder goes only where
    the owning app can tell that the unit has not acted.
    """
    horizon = [today - timedelta(days=7), today + timedelta(days=90)]
    milestones = (
        Milestone.objects.filter(campaign__status=Campaign.Status.ACTIVE)
        .filter(Q(due_on__range=horizon) | Q(due_on__isnull=True, window_ends_on__range=horizon))
        .select_related("campaign")
    )
    completions = merged(milestone_completions)
    reminders = []
    for milestone in milestones:
        campaign = milestone.campaign
        days = parse_reminder_days(campaign.reminder_days)
        offset = _offset_today(milestone, days, today)
        if offset is None:
            continue
        completion = completions.get(milestone.kind)
        if offset < 0 and completion is None:
            continue
        units = _acting_units(milestone, campaign)
        if completion is not None:
            units -= completion.done(campaign, units)
        names = dict(Unit.objects.filter(id__in=units).values_list("id", "name"))
        for unit_id, user_ids in clerks_of(units).items():
            link = completion.link(campaign, unit_id) if completion else reverse("campaigns:detail", args=[campaign.pk])
            with site_language():
                subject, body = _message(milestone, campaign, names[unit_id], offset, link)
            reminders.extend(
                Reminder(
                    key=Reminder.key_for(
                        milestone_id=milestone.pk, deadline=milestone.deadline, offset=offset, unit_id=unit_id
                    ),
                    milestone=milestone,
                    deadline=milestone.deadline,
                    offset=offset,
                    unit_id=unit_id,
                    recipient_id=user_id,
                    subject=subject[:255],
                    body=body,
                    link=link,
                )
                for user_id in user_ids
            )
    before = Reminder.objects.count()
    Reminder.objects.bulk_create(reminders, ignore_conflicts=True, batch_size=1000)
    return Reminder.objects.count() - before


# The daily run's record, so that one cut short by a killed worker is finished by the next worker

RESUME_AFTER = timedelta(minutes=2)


def reminder_run_begin(*, day):
    """Record, committed at once, that the run for `day` has begun (again)."""
    ReminderRun.objects.update_or_create(day=day, defaults={"started_at": timezone.now(), "finished_at": None})


def reminder_run_finish(*, day):
    ReminderRun.objects.filter(day=day).update(finished_at=timezone.now())


def reminder_runs_unfinished(*, begun_before=None):
    """The days whose run began (before `begun_before`, if given) and never finished: a worker died in them."""
    runs = ReminderRun.objects.filter(finished_at__isnull=True)
    if begun_before is not None:
        runs = runs.filter(started_at__lt=begun_before)
    return list(runs.order_by("day").values_list("day", flat=True))
