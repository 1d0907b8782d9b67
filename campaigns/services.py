"""Writes. Each one checks state under a lock and logs who did what, in one transaction."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, ProtectedError
from django.utils.translation import gettext as _

from activity.services import log_action
from campaigns.models import Campaign, ContentItem, Milestone, Phase, Target


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
    "name",
    "year",
    "number",
    "place",
    "issued_on",
    "slogan",
    "legal_basis",
    "purposes",
    "signer_title",
    "signer_name",
    "status",
    "council_id",
    "covers_sub_units",
    "refuse_late_registrations",
    "reminder_days",
)


@transaction.atomic
def campaign_create(*, user, campaign, blocs=()):
    campaign.full_clean()
    campaign.save()
    campaign.blocs.set(blocs)
    log_action(obj=campaign, action="campaign.created", user=user, data={"name": campaign.name})
    return campaign


@transaction.atomic
def campaign_update(*, user, campaign, expected_version, blocs=None):
    """Save an edited campaign unless someone saved it since `expected_version`.

    Raises StaleEdit with the current row so the form can show what changed.
    """
    current = Campaign.objects.select_for_update().get(pk=campaign.pk)
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
def campaign_part_save(*, user, part):
    """Save a phase, milestone, content item or target of a campaign, under the campaign's lock."""
    _lock_campaign(part.campaign_id)
    is_new = part.pk is None
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
    return part


@transaction.atomic
def campaign_part_delete(*, user, part):
    """Delete a part of a campaign; one that registrations or scores already use is kept."""
    _lock_campaign(part.campaign_id)
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
def campaign_create_from_plan(*, user, campaign, items, targets, phases, milestones):
    """Create a draft campaign with everything the user kept from an imported plan, or nothing at all."""
    campaign.status = Campaign.Status.DRAFT
    campaign.full_clean()
    campaign.save()
    if campaign.issuing_bloc_id:
        campaign.blocs.set([campaign.issuing_bloc_id])
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
