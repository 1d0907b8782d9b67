"""Writes about the organisation. Each one checks state under a lock and logs who did what, in one transaction."""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlencode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from activity.models import ActivityLog
from activity.services import log_action
from core.db import analyze_on_commit
from core.login import client_address
from core.text import display_name, fold
from organisation.access import viewer_for
from organisation.merges import units_merge
from organisation.models import Council, CouncilMember, Person, RoleAssignment, SheetImport, Unit
from organisation.selectors import units_with_descendants
from organisation.sheets import REPORT_LINES_SHOWN

from .blocs import (  # noqa: F401  (the package's writes, in one place)
    bloc_create,
    bloc_members_add,
    bloc_membership_remove,
    bloc_membership_set,
    bloc_save,
    bloc_year_copy,
)

logger = logging.getLogger(__name__)
# An invitation sent again within this many seconds of the last is the same click twice.
INVITATION_RESEND_SECONDS = 60


def council_seat(*, user, council, account, full_name, email, position, job_title):
    """One seat: for a person with an account, or for a new person invited by email."""
    if account:
        return council_member_set(user=user, council=council, account=account, position=position, job_title=job_title)
    return account_invite(
        user=user,
        full_name=full_name,
        email=email,
        role="council",
        council=council,
        position=position,
        job_title=job_title,
    )


@transaction.atomic
def council_members_seat(*, user, council, seats):
    """Several seats in one step (each as council_member_add would make it); all or none.

    `seats` are rows of account or (full_name, email), position and job_title;
    a refused row is named by its number.
    """
    for number, seat in enumerate(seats, start=1):
        try:
            council_seat(user=user, council=council, **seat)
        except ValidationError as error:
            raise ValidationError(
                [_("Row %(row)s: %(error)s") % {"row": number, "error": message} for message in error.messages]
            ) from error


@transaction.atomic
def council_members_import_apply(*, user, council, sheet_import):
    """Seat every member of a checked list on the council it was checked for, once; all or none."""
    if any(row["council_id"] != council.pk for row in sheet_import.rows):
        raise ValidationError(_("This list was checked for another council."))
    if not sheet_import_claim(sheet_import):
        return None
    accounts = get_user_model().objects.in_bulk({row["account_id"] for row in sheet_import.rows if row["account_id"]})
    council_members_seat(
        user=user,
        council=council,
        seats=[
            {
                "account": accounts.get(row["account_id"]),
                "full_name": row["full_name"],
                "email": row["email"],
                "position": row["position"],
                "job_title": row["job_title"],
            }
            for row in sheet_import.rows
        ],
    )
    counts = {"seated": len(sheet_import.rows), "file": sheet_import.file_name}
    log_action(obj=council, action="council.members_imported", user=user, data=counts)
    return counts


def sheet_import_prepare(*, user, unit, kind, file_name, parsed):
    """Keep a checked list for confirmation, exactly as the user previews it; nothing when it has errors."""
    if not parsed.ok:
        return None
    return SheetImport.objects.create(
        kind=kind, unit=unit, file_name=file_name[:255], rows=parsed.rows, uploaded_by=user
    )


def login_failure_record(*, credentials, request=None):
    """Log a failed sign-in on the account it named, with the address it came from, for the office to see.

    A name that is no account is only written to the server's log: the
    database does not fill with whatever a stranger types.
    """
    username = str(credentials.get("username") or "")[:150]
    address = client_address(request) if request is not None else ""
    account = get_user_model().objects.filter(username__iexact=username).first() if username else None
    if account is None:
        logger.warning("failed login for an unknown name from %s", address)
        return
    via = "admin" if getattr(getattr(request, "resolver_match", None), "app_name", "") == "admin" else "login"
    log_action(obj=account, action="login.failed", user=None, data={"address": address, "via": via})


def sheet_import_refuse(*, user, unit, kind, file_name, errors):
    """Keep a refused file's whole report for its uploader when the page shows only its first lines."""
    if len(errors) <= REPORT_LINES_SHOWN:
        return None
    return SheetImport.objects.create(
        kind=kind,
        unit=unit,
        file_name=file_name[:255],
        errors=list(errors),
        status=SheetImport.Status.REFUSED,
        uploaded_by=user,
    )


def sheet_import_claim(sheet_import):
    """Claim a checked list once: a second confirmation (a double click, a replayed form) finds it taken."""
    return SheetImport.objects.filter(pk=sheet_import.pk, status=SheetImport.Status.PENDING).update(
        status=SheetImport.Status.APPLIED, applied_at=timezone.now()
    )


@transaction.atomic
def staff_import_apply(*, user, staff_import):
    """Import a checked list once: add new people, update those already listed.

    People are matched by name and date of birth within the unit and its
    sub-units; nobody is removed. A second confirmation does nothing.
    """
    if not sheet_import_claim(staff_import):
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
    analyze_on_commit(Person)
    return counts


def _check_parent(*, user, unit, parent):
    """A unit moves only inside the tree its office keeps, and never under itself."""
    viewer = viewer_for(user)
    if parent is None:
        if not viewer.is_admin and unit.pk not in viewer.office_root_ids:
            raise ValidationError({"parent": _("Choose the unit it belongs to.")})
        return
    if not viewer.keeps_unit(parent.pk):
        raise ValidationError({"parent": _("You do not keep this unit.")})
    if unit.pk and parent.pk in units_with_descendants(unit_ids={unit.pk}):
        raise ValidationError({"parent": _("A unit cannot be placed under itself or one of its sub-units.")})


UNIT_FIELDS = ("name", "short_name", "code", "kind", "parent_id", "parent_body", "province", "head_title", "head_name")


@transaction.atomic
def unit_save(*, user, unit):
    """Create or change a unit of the office's tree (moving it is changing its parent), logged field by field."""
    if unit.pk:
        before = Unit.objects.select_for_update().get(pk=unit.pk)
        changes = {
            name: [getattr(before, name), getattr(unit, name)]
            for name in UNIT_FIELDS
            if getattr(before, name) != getattr(unit, name)
        }
    else:
        changes = {"name": [None, unit.name]}
    _check_parent(user=user, unit=unit, parent=unit.parent)
    unit.full_clean()
    is_new = unit.pk is None
    unit.save()
    log_action(obj=unit, action="unit.created" if is_new else "unit.changed", user=user, data=changes)
    return unit


@transaction.atomic
def unit_set_active(*, user, unit, active):
    """Deactivate or reactivate a unit. A unit is never deleted: its registrations, scores and awards stay."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if not active and unit.children.filter(is_active=True).exists():
        raise ValidationError(_("Deactivate its active sub-units first."))
    if active and unit.parent_id and not Unit.objects.filter(pk=unit.parent_id, is_active=True).exists():
        raise ValidationError(_("Reactivate the unit it belongs to first."))
    if unit.is_active == active:
        return unit
    unit.is_active = active
    unit.save(update_fields=["is_active"])
    log_action(obj=unit, action="unit.reactivated" if active else "unit.deactivated", user=user)
    return unit


@transaction.atomic
def units_import_apply(*, user, sheet_import):
    """Create or update the units of a checked tree, parents before children; once."""
    if not sheet_import_claim(sheet_import):
        return None
    by_code = {unit.code: unit for unit in Unit.objects.select_for_update().exclude(code="")}
    created = updated = 0
    mergers = {}
    for row in sheet_import.rows:
        unit = by_code.get(row["code"]) if row["code"] else None
        if unit is None and row.get("unit_id"):
            unit = Unit.objects.get(pk=row["unit_id"])
        if unit is None:
            unit = Unit()
            created += 1
        else:
            updated += 1
        parent = by_code.get(row["parent_code"]) if row["parent_code"] else None
        if parent is None and row.get("parent_id"):
            parent = Unit.objects.get(pk=row["parent_id"])
        for name in ("name", "short_name", "code", "kind", "parent_body", "province", "head_title", "head_name"):
            setattr(unit, name, row[name])
        unit.parent = parent
        unit.full_clean()
        unit.save()
        if unit.code:
            by_code[unit.code] = unit
        if row.get("merged_into_id") or row.get("merged_into_code"):
            mergers.setdefault(row.get("merged_into_id") or row["merged_into_code"], []).append(unit)
    for target, units in mergers.items():
        into = Unit.objects.get(pk=target) if isinstance(target, int) else by_code[target]
        units_merge(
            user=user,
            units=units,
            into=into,
            merged_on=timezone.localdate(),
            reason=_("Unit tree imported from %(file)s") % {"file": sheet_import.file_name},
        )
    counts = {
        "created": created,
        "updated": updated,
        "file": sheet_import.file_name,
        "merged": sum(map(len, mergers.values())),
    }
    log_action(obj=sheet_import.unit, action="units.imported", user=user, data=counts)
    analyze_on_commit(Unit)
    return counts


@transaction.atomic
def council_save(*, user, council):
    is_new = council.pk is None
    council.full_clean()
    council.save()
    log_action(
        obj=council, action="council.created" if is_new else "council.changed", user=user, data={"name": council.name}
    )
    return council


@transaction.atomic
def council_member_set(*, user, council, account, position, job_title=""):
    """Seat a person on the council, or change their position; one chair per council."""
    Council.objects.select_for_update().get(pk=council.pk)
    if position == CouncilMember.Position.CHAIR:
        chair = CouncilMember.objects.filter(council=council, position=position).exclude(user=account).first()
        if chair:
            raise ValidationError(
                {"position": _("%(name)s already chairs this council.") % {"name": display_name(chair.user)}}
            )
    seat, created = CouncilMember.objects.update_or_create(
        council=council, user=account, defaults={"position": position, "job_title": job_title}
    )
    log_action(
        obj=council,
        action="council.member_set",
        user=user,
        data={"member": display_name(account), "position": position, "created": created},
    )
    return seat


@transaction.atomic
def council_member_remove(*, user, seat):
    Council.objects.select_for_update().get(pk=seat.council_id)
    data = {"member": display_name(seat.user), "position": seat.position}
    seat.delete()
    log_action(obj=seat.council, action="council.member_removed", user=user, data=data)


def split_full_name(full_name):
    """ "Nguyễn Thị Mỹ Linh" → ("Nguyễn Thị Mỹ", "Linh"): Vietnamese names end with the given name."""
    words = full_name.split()
    return " ".join(words[:-1]), (words[-1] if words else "")


def invitation_link(*, account, next_page=""):
    """The link with which a person who has no password yet chooses one; with `next_page`, it then leads them to
    that page of the site (where the message that carries it asks them to act)."""
    uid = urlsafe_base64_encode(force_bytes(account.pk))
    token = default_token_generator.make_token(account)
    link = settings.SITE_URL.rstrip("/") + reverse("invitation_accept", args=[uid, token])
    return f"{link}?{urlencode({'next': next_page})}" if next_page else link


def _send_invitation(*, account, invited_by):
    link = invitation_link(account=account)
    context = {"account": account, "link": link, "invited_by": display_name(invited_by), "site": settings.SITE_URL}
    send_mail(
        subject=render_to_string("registration/invitation_subject.txt", context).strip(),
        message=render_to_string("registration/invitation_email.txt", context),
        from_email=None,
        recipient_list=[account.email],
    )


@transaction.atomic
def account_invite(*, user, full_name, email, role, unit=None, council=None, position=None, job_title=""):
    """Give a person a role (clerk or office of a unit) or a council seat, creating their account if needed,
    and send them a link to set their own password.

    The account is matched by email, so inviting the same person twice gives
    them a second role, never a second account. No password is ever chosen
    for them, shown or mailed. The unit's (or council's) row is locked first,
    so the same invitation posted twice at once is made once: the second
    finds the account and the role there already, and sends nothing.
    """
    email = email.strip().lower()
    if role == "council":
        Council.objects.select_for_update().get(pk=council.pk)
    else:
        Unit.objects.select_for_update().get(pk=unit.pk)
    User = get_user_model()
    account = User.objects.select_for_update().filter(email__iexact=email).first()
    created = account is None
    if created:
        if User.objects.filter(username__iexact=email).exists():
            raise ValidationError({"email": _("An account already uses this address as its login.")})
        last_name, first_name = split_full_name(full_name)
        account = User(username=email, email=email, first_name=first_name[:150], last_name=last_name[:150])
        account.set_unusable_password()
        account.save()
    if role == "council":
        seated = CouncilMember.objects.filter(council=council, user=account).exists()
        council_member_set(user=user, council=council, account=account, position=position, job_title=job_title)
        where, new_role = council.name, not seated
    else:
        _assignment, new_role = RoleAssignment.objects.get_or_create(user=account, role=role, unit=unit)
        where = unit.name
    if not (created or new_role):
        return account  # the same invitation again: it went out already ("send again" is its own button)
    log_action(
        obj=account,
        action="account.invited",
        user=user,
        data={"role": role, "where": where, "position": position or "", "new": created},
    )
    if not account.has_usable_password():
        transaction.on_commit(lambda: _send_invitation(account=account, invited_by=user))
    return account


@transaction.atomic
def account_resend_invitation(*, user, account):
    """Send the invitation again; a second click within a minute (the same request twice) sends nothing more."""
    account = get_user_model().objects.select_for_update().get(pk=account.pk)
    if account.has_usable_password():
        raise ValidationError(_("This person has already set their password."))
    just_sent = ActivityLog.objects.filter(
        content_type=ContentType.objects.get_for_model(account),
        object_id=account.pk,
        action__in=["account.invited", "account.invitation_resent"],
        created_at__gte=timezone.now() - timedelta(seconds=INVITATION_RESEND_SECONDS),
    ).exists()
    if just_sent:
        return
    log_action(obj=account, action="account.invitation_resent", user=user)
    transaction.on_commit(lambda: _send_invitation(account=account, invited_by=user))


@transaction.atomic
def account_set_active(*, user, account, active):
    """Deactivate an account (its history stays, it can no longer log in) or reactivate it."""
    User = get_user_model()
    account = User.objects.select_for_update().get(pk=account.pk)
    if account.is_active == active:
        return account
    account.is_active = active
    account.save(update_fields=["is_active"])
    log_action(obj=account, action="account.reactivated" if active else "account.deactivated", user=user)
    return account


@transaction.atomic
def accounts_import_apply(*, user, sheet_import):
    """Invite every person of a checked list, once."""
    if not sheet_import_claim(sheet_import):
        return None
    units = Unit.objects.in_bulk({row["unit_id"] for row in sheet_import.rows})
    for row in sheet_import.rows:
        account_invite(
            user=user, full_name=row["full_name"], email=row["email"], role=row["role"], unit=units[row["unit_id"]]
        )
    counts = {"invited": len(sheet_import.rows), "file": sheet_import.file_name}
    log_action(obj=sheet_import.unit, action="accounts.imported", user=user, data=counts)
    return counts
