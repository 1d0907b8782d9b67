"""Reads for registrations, and who may fill, review or read them.

A unit's registration is filled by the unit's own clerk (or its parent
unit's) and reviewed by the unit that compiles it (`campaign_compilers`).
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Prefetch

from activity.models import ActivityLog
from campaigns.models import Milestone, Title
from core.dispatch import merged
from core.numbers import percent
from core.text import fold
from organisation import selectors as org_selectors
from organisation.models import Person, Unit
from registrations.models import CollectiveAim, IndividualAim, Registration, RegistrationItem, RegistrationSheet
from registrations.signals import title_quotas


def registration_for_unit(*, campaign, unit):
    return Registration.objects.filter(campaign=campaign, unit=unit).first()


def registration_deadline(*, campaign):
    """The registration milestone's last day, or None when the campaign sets none."""
    milestones = Milestone.objects.filter(campaign=campaign, kind=Milestone.Kind.REGISTRATION)
    deadlines = [milestone.deadline for milestone in milestones]
    return min(deadlines) if deadlines else None


@dataclass
class FormContext:
    """What a unit's registration form offers: items, collectives, staff, titles."""

    items: list
    units: list
    staff: list
    collective_titles: list
    individual_titles: list


def registration_form_context(*, campaign, unit):
    return FormContext(
        items=list(campaign.content_items.all()),
        units=org_selectors.unit_tree(unit=unit),
        staff=list(
            Person.objects.filter(unit__in=org_selectors.unit_tree(unit=unit), is_active=True).select_related("unit")
        ),
        collective_titles=list(Title.objects.filter(subject=Title.Subject.COLLECTIVE, is_active=True)),
        individual_titles=list(Title.objects.filter(subject=Title.Subject.INDIVIDUAL, is_active=True)),
    )


def registration_state(*, registration):
    """What is registered, by ids: {"items": {content_item_id: commitment}, "collective": {...}, "individual": {...}}."""
    if registration is None:
        return {"items": {}, "collective": set(), "individual": set()}
    return {
        "items": dict(registration.items.values_list("content_item_id", "commitment")),
        "collective": set(registration.collective_aims.values_list("unit_id", "title_id")),
        "individual": set(registration.individual_aims.values_list("person_id", "title_id")),
    }


def registration_detail(*, registration):
    """The registration with its items and aims loaded, for reading."""
    return (
        Registration.objects.filter(pk=registration.pk)
        .select_related("campaign", "unit", "submitted_by", "decided_by")
        .prefetch_related(
            Prefetch("items", queryset=RegistrationItem.objects.select_related("content_item")),
            Prefetch(
                "collective_aims",
                queryset=CollectiveAim.objects.select_related("unit", "title").order_by("unit__sort_name"),
            ),
            Prefetch(
                "individual_aims",
                queryset=IndividualAim.objects.select_related("person__unit", "title").order_by("person__sort_name"),
            ),
        )
        .get()
    )


def registration_history(*, registration, after_version=0):
    entries = ActivityLog.objects.filter(content_type__model="registration", object_id=registration.pk).select_related(
        "user"
    )
    if after_version:
        entries = [entry for entry in entries if entry.data.get("version", 0) > after_version]
    return list(entries)


def bloc_overview(*, campaign, unit_ids, query="", today):
    """Every reviewed unit with its registration state, lateness, and titles against targets.

    A constant number of queries whatever the number of units.
    """
    deadline = registration_deadline(campaign=campaign)
    units = Unit.objects.filter(id__in=unit_ids).order_by("sort_name")
    if query:
        units = units.filter(search_name__contains=fold(query))
    registrations = {
        registration.unit_id: registration
        for registration in Registration.objects.filter(campaign=campaign, unit_id__in=unit_ids).select_related(
            "submitted_by"
        )
    }
    rows = []
    for unit in units:
        registration = registrations.get(unit.pk)
        sent = registration is not None and registration.status != Registration.Status.DRAFT
        overdue = deadline is not None and today > deadline and not sent
        rows.append(
            {
                "unit": unit,
                "registration": registration,
                "late": overdue or (registration is not None and registration.is_late),
            }
        )
    return {
        "rows": rows,
        "deadline": deadline,
        "days_left": (deadline - today).days if deadline else None,
        "counts": _status_counts(registrations.values(), len(unit_ids)),
        "targets": _targets_progress(campaign=campaign, unit_ids=unit_ids, registrations=list(registrations.values())),
    }


def _status_counts(registrations, total):
    counts = defaultdict(int)
    for registration in registrations:
        counts[registration.status] += 1
    counts["missing"] = total - sum(counts.values())
    return dict(counts)


def _targets_progress(*, campaign, unit_ids, registrations):
    """How the titles aimed for in these registrations compare with the campaign's targets.

    Drafts count too: the leader sees where the bloc is heading.
    """
    targets = [target for target in campaign.targets.select_related("title") if target.title_id]
    if not targets or not registrations:
        return []
    registration_ids = [registration.pk for registration in registrations]
    counts = dict(
        CollectiveAim.objects.filter(registration_id__in=registration_ids)
        .values("title_id")
        .annotate(n=Count("unit_id", distinct=True))
        .values_list("title_id", "n")
    )
    counts.update(
        IndividualAim.objects.filter(registration_id__in=registration_ids)
        .values("title_id")
        .annotate(n=Count("person_id", distinct=True))
        .values_list("title_id", "n")
    )
    return targets_measured(campaign=campaign, targets=targets, unit_ids=unit_ids, counts=counts)


def targets_measured(*, campaign, targets, unit_ids, counts):
    """Each of these title targets of the campaign, measured on its base and judged by its direction.

    `counts` gives, per title, the collectives or staff of these units holding
    it (registered for it, or approved). A collective title is measured on
    every collective taking part (the units and their sub-units, registered or
    not), an individual title on their active staff, unless the campaign's
    rules cap it as a share of another title's holders (Decree 91/2017: "Chiến
    sĩ thi đua cơ sở" at most 15% of those reaching "Lao động tiên tiến"): then
    on those holders, and as a ceiling whatever the plan's wording.
    """
    collectives = org_selectors.units_with_descendants(unit_ids=set(unit_ids))
    staff_count = Person.objects.filter(unit_id__in=collectives, is_active=True).count()
    quotas = merged(title_quotas, campaign=campaign)
    rows = []
    for target in targets:
        quota = quotas.get(target.title_id)
        if target.title.subject == Title.Subject.COLLECTIVE:
            whole, base = len(collectives), "collectives"
        elif quota is not None:
            whole, base = counts.get(quota.other_title_id, 0), "holders"
        else:
            whole, base = staff_count, "staff"
        ceiling = quota is not None or target.comparison == target.Comparison.AT_MOST
        count = counts.get(target.title_id, 0)
        share = percent(count, whole)
        if share is None:
            meets = None
        else:
            meets = share <= target.percentage if ceiling else share >= target.percentage
        rows.append(
            {
                "target": target,
                "count": count,
                "whole": whole,
                "percent": share,
                "meets": meets,
                "ceiling": ceiling,
                "base": base,
                "quota": quota,
            }
        )
    return rows


def accepted_registrations(*, campaign, unit_ids):
    return list(
        Registration.objects.filter(campaign=campaign, unit_id__in=unit_ids, status=Registration.Status.ACCEPTED)
        .select_related("unit")
        .prefetch_related(
            Prefetch("items", queryset=RegistrationItem.objects.select_related("content_item")),
            Prefetch("collective_aims", queryset=CollectiveAim.objects.select_related("unit", "title")),
            Prefetch("individual_aims", queryset=IndividualAim.objects.select_related("person", "title")),
        )
        .order_by("unit__sort_name")
    )


def sheets_for(*, campaign, compiler_unit_id):
    return RegistrationSheet.objects.filter(campaign=campaign, compiled_by_unit_id=compiler_unit_id).select_related(
        "forwarded_by"
    )
