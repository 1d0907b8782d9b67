"""Writes. Each one checks state under a lock and logs who did what, in one transaction."""

import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max, ProtectedError
from django.utils.translation import gettext as _

from activity.services import log_action
from campaigns.models import PLAN_FIELDS, Campaign, ContentItem, Milestone, Phase, Target
from campaigns.signals import campaign_copied, campaign_opened, deadline_moved
from core.db import copied
from organisation.models import BlocMembership
from organisation.services import bloc_membership_set


def _changes(instance, fields, before):
    changed = {}
    for name in fields:
        old, new = before.get(name), getattr(instance, name)
        if old != new:
            changed[name] = [_plain(old), _plain(new)]
    return changed


def _plain(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "pk"):
        return value.pk
    return value if isinstance(value, (int, float, str, bool, type(None))) else str(value)


class StaleEdit(Exception):
    """Someone else saved the object after this user opened it."""

    def __init__(self, current):
        super().__init__()
        self.current = current


CAMPAIGN_FIELDS = (
    *PLAN_FIELDS,
    "signer_title",
    "signer_name",
    "council_id",
    "covers_sub_units",
    "refuse_late_registrations",
    "reminder_days",
)


def campaign_require_open(campaign_id):
    """The one guard of every write of the year's work: registrations, reports, scores, rankings, votes, proposals.

    The status is read again from the database, so a campaign closed while
    the page was open refuses the write that follows.
    """
    status = Campaign.objects.filter(pk=campaign_id).values_list("status", flat=True).first()
    if status == Campaign.Status.DRAFT:
        raise ValidationError(
            _("The campaign is still a draft: it takes registrations, reports and scores once it is opened.")
        )
    if status == Campaign.Status.CLOSED:
        raise ValidationError(_("The campaign is closed: nothing in it can change until it is reopened."))


def campaign_require_not_closed(campaign_id):
    """The guard of the campaign's own set-up (content, milestones, scoring table), open while a draft or running."""
    status = Campaign.objects.filter(pk=campaign_id).values_list("status", flat=True).first()
    if status == Campaign.Status.CLOSED:
        raise ValidationError(_("The campaign is closed: nothing in it can change until it is reopened."))


# (from, to): the log action. Anything else is refused.
STATUS_CHANGES = {
    (Campaign.Status.DRAFT, Campaign.Status.ACTIVE): "campaign.opened",
    (Campaign.Status.ACTIVE, Campaign.Status.CLOSED): "campaign.closed",
    (Campaign.Status.CLOSED, Campaign.Status.ACTIVE): "campaign.reopened",
}


@transaction.atomic
def campaign_set_status(*, user, campaign, status, reason):
    """Open, close or reopen a campaign, with who did it and why in the log."""
    current = Campaign.objects.select_for_update().get(pk=campaign.pk)
    action = STATUS_CHANGES.get((current.status, status))
    if action is None:
        raise ValidationError(
            _("A campaign that is %(current)s cannot become %(new)s.")
            % {"current": current.get_status_display().lower(), "new": Campaign.Status(status).label.lower()}
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why: the reason is kept in the campaign's history."))
    Campaign.objects.filter(pk=current.pk).update(status=status, version=F("version") + 1)
    logged = log_action(
        obj=current, action=action, user=user, data={"from": current.status, "to": status, "reason": reason}
    )
    campaign.status = status
    campaign.version = current.version + 1
    if action == "campaign.opened":
        campaign_opened.send(sender=None, campaign=campaign, actor=user, logged=logged)
    return campaign


@transaction.atomic
def campaign_create(*, user, campaign, blocs=(), items=(), milestones=()):
    """A draft campaign, with the content items ([(label, text)]) and milestones typed on its form, each saved and
    logged as one added later is; all or nothing. A bloc's campaign with no bloc named is its own bloc's."""
    campaign.status = Campaign.Status.DRAFT
    campaign.full_clean()
    campaign.save()
    campaign.blocs.set(blocs or ([campaign.issuing_bloc_id] if campaign.issuing_bloc_id else []))
    log_action(obj=campaign, action="campaign.created", user=user, data={"name": campaign.name})
    content_items_add(user=user, campaign=campaign, items=items)
    for milestone in milestones:
        campaign_part_save(user=user, part=Milestone(campaign=campaign, **milestone))
    return campaign


YEAR = re.compile(r"\b(19|20)\d\d\b")


def _shift_year_words(text, *, source_year, years):
    """ "Báo cáo tổng kết năm 2020" → "… năm 2026": the years the campaign's own year and its neighbours name move;
    older years (a law of 2003, a decree of 2017) stay as they are."""

    def shift(match):
        named = int(match.group(0))
        return str(named + years) if abs(named - source_year) <= 1 else match.group(0)

    return YEAR.sub(shift, text)


def shift_years(day, years):
    """The same day `years` later; 29 February becomes the 28th in a common year."""
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@transaction.atomic
def campaign_copy(*, user, source, year):
    """Start next year's campaign from this one: its text, blocs, council, content items and targets, phases and
    milestones moved by the same number of years, and whatever the later apps copy (scoring table, rule set).

    The copy is a draft with no number or date of issue: the new plan has not
    been signed yet. Copying twice into the same year is refused.
    """
    Campaign.objects.select_for_update().get(pk=source.pk)
    years = year - source.year
    if years <= 0:
        raise ValidationError({"year": _("Copy into a later year than %(year)s.") % {"year": source.year}})
    name = _shift_year_words(source.name, source_year=source.year, years=years)
    if Campaign.objects.filter(issuer_id=source.issuer_id, year=year, name=name).exists():
        raise ValidationError(
            {"year": _("%(issuer)s already has this campaign in %(year)s.") % {"issuer": source.issuer, "year": year}}
        )
    copied_fields = (
        "issuer",
        "issuing_bloc",
        "covers_sub_units",
        "council",
        "place",
        "legal_basis",
        "purposes",
        "signer_title",
        "signer_name",
        "refuse_late_registrations",
        "reminder_days",
    )
    target = copied(
        source,
        copied_fields,
        year=year,
        name=name,
        slogan=_shift_year_words(source.slogan, source_year=source.year, years=years),
        status=Campaign.Status.DRAFT,
    )
    target.full_clean()
    target.save()
    target.blocs.set(source.blocs.all())
    items = {}
    for item in source.content_items.all():
        items[item.pk] = copied(item, ("position", "label", "text", "is_mandatory"), campaign=target)
        items[item.pk].save()
    target_fields = ("position", "text", "title", "comparison", "percentage")
    Target.objects.bulk_create(copied(row, target_fields, campaign=target) for row in source.targets.all())
    for phase in source.phases.all():
        Phase.objects.create(
            campaign=target,
            number=phase.number,
            name=_shift_year_words(phase.name, source_year=source.year, years=years),
            starts_on=shift_years(phase.starts_on, years),
            ends_on=shift_years(phase.ends_on, years),
            description=phase.description,
        )
    for milestone in source.milestones.all():
        Milestone.objects.create(
            campaign=target,
            kind=milestone.kind,
            name=_shift_year_words(milestone.name, source_year=source.year, years=years),
            actor=milestone.actor,
            due_on=shift_years(milestone.due_on, years),
            window_starts_on=shift_years(milestone.window_starts_on, years),
            window_ends_on=shift_years(milestone.window_ends_on, years),
            note=_shift_year_words(milestone.note, source_year=source.year, years=years),
        )
    campaign_copied.send(sender=Campaign, source=source, target=target, items=items)
    log_action(
        obj=target, action="campaign.copied", user=user, data={"from": source.pk, "name": target.name, "year": year}
    )
    return target


@transaction.atomic
def campaign_update(*, user, campaign, expected_version, blocs=None):
    """Save an edited campaign unless someone saved it since `expected_version`.

    Raises StaleEdit with the current row so the form can show what changed.
    """
    current = Campaign.objects.select_for_update().get(pk=campaign.pk)
    campaign_require_not_closed(current.pk)
    if current.version != expected_version:
        raise StaleEdit(current)
    before = {name: getattr(current, name) for name in CAMPAIGN_FIELDS}
    campaign.full_clean()
    if (
        Phase.objects.filter(campaign=campaign)
        .exclude(starts_on__year=campaign.year, ends_on__year=campaign.year)
        .exists()
    ):
        raise ValidationError({"year": _("Some phases lie outside this year; change them first.")})
    campaign.version = current.version + 1
    campaign.save()
    changes = _changes(campaign, CAMPAIGN_FIELDS, before)
    if blocs is not None:
        old_blocs = set(current.blocs.values_list("pk", flat=True))
        campaign.blocs.set(blocs)
        new_blocs = {bloc.pk for bloc in blocs}
        if old_blocs != new_blocs:
            changes["blocs"] = [sorted(old_blocs), sorted(new_blocs)]
    log_action(obj=campaign, action="campaign.changed", user=user, data=changes)
    return campaign


def _lock_campaign(campaign_id):
    # Serialises edits of one campaign's phases and milestones, so two
    # concurrent saves cannot both pass the overlap check.
    return Campaign.objects.select_for_update().get(pk=campaign_id)


def _bump_version(campaign_id):
    Campaign.objects.filter(pk=campaign_id).update(version=F("version") + 1)


@transaction.atomic
@transaction.atomic
def content_items_add(*, user, campaign, items, is_mandatory=True):
    """Content items from one pasted list, after those the campaign has; each saved and logged as one typed is."""
    last = ContentItem.objects.filter(campaign=campaign).aggregate(last=Max("position"))["last"] or 0
    return [
        campaign_part_save(
            user=user,
            part=ContentItem(
                campaign=campaign, position=last + number, label=label, text=text, is_mandatory=is_mandatory
            ),
        )
        for number, (label, text) in enumerate(items, start=1)
    ]


def campaign_part_save(*, user, part, reason=""):
    """Save a phase, milestone, content item or target of a campaign, under the campaign's lock.

    A milestone of an open campaign moves only with a reason: the move is
    logged with it and the units the campaign concerns are told
    (`deadline_moved`).
    """
    _lock_campaign(part.campaign_id)
    campaign_require_not_closed(part.campaign_id)
    is_new = part.pk is None
    moved = _milestone_move(part) if isinstance(part, Milestone) and not is_new else None
    if moved and not reason.strip():
        raise ValidationError({"reason": _("The campaign is under way: say why the date moves.")})
    part.full_clean()
    try:
        with transaction.atomic():
            part.save()
    except IntegrityError:
        raise ValidationError(_("The campaign already has one with this number.")) from None
    _bump_version(part.campaign_id)
    name = part._meta.model_name
    log_action(
        obj=part.campaign,
        action=f"{name}.{'created' if is_new else 'changed'}",
        user=user,
        data={name: part.pk, "text": str(part)[:200]},
    )
    if moved:
        logged = log_action(
            obj=part.campaign,
            action="milestone.moved",
            user=user,
            data={
                "milestone": part.pk,
                "name": part.name,
                "old": str(moved),
                "new": str(part.deadline),
                "reason": reason,
            },
        )
        deadline_moved.send(
            sender=Milestone, milestone=part, old=moved, reason=reason.strip(), actor=user, logged=logged
        )
    return part


def _milestone_move(milestone):
    """The milestone's saved deadline when an open campaign's milestone gets another one; None otherwise."""
    saved = Milestone.objects.select_related("campaign").get(pk=milestone.pk)
    if saved.campaign.status != Campaign.Status.ACTIVE or saved.deadline == milestone.deadline:
        return None
    return saved.deadline


@transaction.atomic
def campaign_part_delete(*, user, part):
    """Delete a part of a campaign; one that registrations or scores already use is kept."""
    _lock_campaign(part.campaign_id)
    campaign_require_not_closed(part.campaign_id)
    name = part._meta.model_name
    data = {name: part.pk, "text": str(part)[:200]}
    try:
        with transaction.atomic():
            part.delete()
    except ProtectedError:
        raise ValidationError(_("Registrations already use it, so it cannot be deleted.")) from None
    _bump_version(part.campaign_id)
    log_action(obj=part.campaign, action=f"{name}.deleted", user=user, data=data)


@transaction.atomic
def campaign_create_from_plan(*, user, campaign, items, targets, phases, milestones, leader=None, vice_leader=None):
    """Create a draft campaign with everything the user kept from an imported plan, or nothing at all.

    A bloc plan that names its leader and vice-leader sets them for the
    campaign's year in the issuing bloc, through the membership rules (a unit
    in another bloc, or a role another unit holds, refuses the whole import).
    """
    campaign.status = Campaign.Status.DRAFT
    campaign.full_clean()
    campaign.save()
    if campaign.issuing_bloc_id:
        campaign.blocs.set([campaign.issuing_bloc_id])
        for unit, role in ((leader, BlocMembership.Role.LEADER), (vice_leader, BlocMembership.Role.VICE_LEADER)):
            if unit is None:
                continue
            try:
                bloc_membership_set(user=user, bloc=campaign.issuing_bloc, year=campaign.year, unit=unit, role=role)
            except ValidationError as error:
                raise ValidationError(error.messages) from None
    for position, item in enumerate(items, start=1):
        ContentItem(campaign=campaign, position=position, label=item["label"], text=item["text"]).save()
    for position, target in enumerate(targets, start=1):
        row = Target(campaign=campaign, position=position, **target)
        row.full_clean()
        row.save()
    for phase in phases:
        campaign_part_save(user=user, part=Phase(campaign=campaign, **phase))
    for milestone in milestones:
        campaign_part_save(user=user, part=Milestone(campaign=campaign, **milestone))
    log_action(obj=campaign, action="campaign.created", user=user, data={"name": campaign.name, "from": "plan"})
    return campaign
