"""Writes. Each one checks state under a lock and logs who did what, in one transaction."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import (
    ActivityLog,
    Bloc,
    BlocMembership,
    Campaign,
    ContentItem,
    Milestone,
    Person,
    Phase,
    StaffImport,
    Target,
)
from campaigns.staff_excel import parse_staff_file
from thidua.text import fold


def log_action(*, obj, action, user, data=None):
    return ActivityLog.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        action=action,
        user=user if user is not None and user.is_authenticated else None,
        data=data or {},
    )


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
def bloc_membership_set(*, user, bloc, year, unit, role):
    """Put a unit in the bloc for the year with the given role.

    A unit already in another bloc that year is refused; giving the leader or
    vice-leader role to a unit when another holds it is refused too, so the
    change of leader is explicit.
    """
    Bloc.objects.select_for_update().get(pk=bloc.pk)
    elsewhere = BlocMembership.objects.filter(unit=unit, year=year).exclude(bloc=bloc).select_related("bloc").first()
    if elsewhere:
        raise ValidationError(
            {
                "unit": _("%(unit)s is already in %(bloc)s in %(year)s.")
                % {"unit": unit, "bloc": elsewhere.bloc, "year": year}
            }
        )
    if role != BlocMembership.Role.MEMBER:
        holder = (
            BlocMembership.objects.filter(bloc=bloc, year=year, role=role)
            .exclude(unit=unit)
            .select_related("unit")
            .first()
        )
        if holder:
            raise ValidationError(
                {
                    "role": _("%(unit)s already holds this role in %(year)s; make it a member first.")
                    % {"unit": holder.unit, "year": year}
                }
            )
    membership, created = BlocMembership.objects.update_or_create(
        bloc=bloc, year=year, unit=unit, defaults={"role": role}
    )
    log_action(
        obj=bloc,
        action="bloc.member_set",
        user=user,
        data={"unit": unit.pk, "unit_name": unit.name, "year": year, "role": role, "created": created},
    )
    return membership


@transaction.atomic
def bloc_membership_remove(*, user, membership):
    Bloc.objects.select_for_update().get(pk=membership.bloc_id)
    data = {"unit": membership.unit_id, "unit_name": membership.unit.name, "year": membership.year}
    membership.delete()
    log_action(obj=membership.bloc, action="bloc.member_removed", user=user, data=data)


def staff_import_prepare(*, user, unit, units, file_name, data):
    """Check an uploaded staff list; keep it for confirmation when it is clean.

    Returns (staff_import or None, parsed list with its errors).
    """
    parsed = parse_staff_file(data=data, units=units)
    if not parsed.ok:
        return None, parsed
    staff_import = StaffImport.objects.create(unit=unit, file_name=file_name[:255], rows=parsed.rows, uploaded_by=user)
    return staff_import, parsed


@transaction.atomic
def staff_import_apply(*, user, staff_import):
    """Import a checked list once: add new people, update those already listed.

    People are matched by name and date of birth within the unit and its
    sub-units; nobody is removed. A second confirmation does nothing.
    """
    claimed = StaffImport.objects.filter(pk=staff_import.pk, status=StaffImport.Status.PENDING).update(
        status=StaffImport.Status.APPLIED, applied_at=timezone.now()
    )
    if not claimed:
        return None
    unit_ids = {row["unit_id"] for row in staff_import.rows}
    existing = {
        (person.search_name, person.birth_date.isoformat() if person.birth_date else None): person
        for person in Person.objects.select_for_update().filter(unit_id__in=unit_ids | {staff_import.unit_id})
    }
    created = updated = 0
    for row in staff_import.rows:
        person = existing.get((fold(row["full_name"]), row["birth_date"]))
        if person is None:
            person = Person(full_name=row["full_name"])
            created += 1
        else:
            updated += 1
        person.unit_id = row["unit_id"]
        person.gender = row["gender"]
        person.birth_date = row["birth_date"]
        person.position = row["position"]
        person.is_active = True
        person.full_clean()
        person.save()
    counts = {"created": created, "updated": updated, "file": staff_import.file_name}
    log_action(obj=staff_import.unit, action="staff.imported", user=user, data=counts)
    return counts


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
