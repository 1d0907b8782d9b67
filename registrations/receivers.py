"""registrations' answers to the signals of the apps below it."""

from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from activity.signals import action_labels
from campaigns.models import Milestone
from campaigns.navigation import Link
from campaigns.signals import campaign_opened, campaign_pages, compiler_tasks, unit_pages, unit_steps
from core.access import access_scopes
from notifications.reminders import Completion
from notifications.signals import milestone_completions
from organisation.signals import unit_merged
from registrations import dashboard, merges, notifications, reminders
from registrations.access import registration_scopes


@receiver(action_labels, dispatch_uid="registrations.action_labels")
def registrations_action_labels(**kwargs):
    return {
        "registration.sheet_forwarded": gettext_lazy("forwarded the registration sheet"),
        "registration.saved": gettext_lazy("saved the registration"),
        "registration.submitted": gettext_lazy("sent the registration"),
        "registration.resubmitted": gettext_lazy("sent the registration again"),
        "registration.returned": gettext_lazy("returned the registration for correction"),
        "registration.accepted": gettext_lazy("accepted the registration"),
        "registration.reopened": gettext_lazy("reopened the accepted registration"),
    }


@receiver(unit_steps, dispatch_uid="registrations.unit_steps")
def registrations_unit_steps(*, campaign, unit_ids, **kwargs):
    return [(10, dashboard.registration_steps(campaign, unit_ids))]


@receiver(compiler_tasks, dispatch_uid="registrations.compiler_tasks")
def registrations_compiler_tasks(*, access, **kwargs):
    return dashboard.registrations_waiting(access)


@receiver(milestone_completions, dispatch_uid="registrations.milestone_completions")
def registrations_milestone_completions(**kwargs):
    return {
        Milestone.Kind.REGISTRATION: Completion(
            done=reminders.registered,
            link=lambda campaign, unit_id: reverse("registrations:edit", args=[campaign.pk, unit_id]),
        )
    }


@receiver(campaign_pages, dispatch_uid="registrations.campaign_pages")
def registrations_campaign_pages(*, campaign, **kwargs):
    return [Link(10, _("Registrations"), reverse("registrations:overview", args=[campaign.pk]), "campaign.take_part")]


@receiver(unit_pages, dispatch_uid="registrations.unit_pages")
def registrations_unit_pages(*, campaign, unit, **kwargs):
    return [Link(10, _("Registration"), reverse("registrations:edit", args=[campaign.pk, unit.pk]))]


@receiver(access_scopes, dispatch_uid="registrations.access_scopes")
def registrations_access_scopes(**kwargs):
    return registration_scopes()


@receiver(unit_merged, dispatch_uid="registrations.unit_merged")
def registrations_unit_merged(*, units, into, merged_on, report, **kwargs):
    merges.move_open_registrations(units=units, into=into, merged_on=merged_on, report=report)


@receiver(campaign_opened, dispatch_uid="registrations.campaign_opened")
def registrations_campaign_opened(*, campaign, actor, logged, **kwargs):
    notifications.campaign_opened(campaign=campaign, actor=actor, logged=logged)
