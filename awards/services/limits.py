"""Writes to the campaign's own limits on its titles: quotas and bands required; logged, carried into next year."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from activity.services import log_action
from awards.models import AwardQuota, BandRequirement
from campaigns.models import Title
from campaigns.services import campaign_require_not_closed
from core.db import copied
from scoring.models import Band
from scoring.services.changes import require_table_change


def check_quota(quota):
    """Refuse a quota that cannot hold: a share not above 0 % or over 100 % of its base, the bloc's first for a
    person's title; the bloc's first needs no share. Checked as typed and as imported with the scoring table."""
    if quota.base == AwardQuota.Base.BLOC_FIRST:
        quota.percent = None
        if quota.title.subject != Title.Subject.COLLECTIVE:
            raise ValidationError({"title": _("Only a collective's title goes to the first of a bloc.")})
    elif quota.percent is None or not 0 < quota.percent <= 100:
        raise ValidationError({"percent": _("A quota is a percentage above 0 and at most 100.")})


@transaction.atomic
def quota_save(*, user, quota, reason=""):
    """Save a quota: a share above 0 % and at most 100 % of its base; the bloc's first needs no share. A quota is part
    of the scoring table: once units have scored, it changes as the table does (scoring.services.changes)."""
    campaign_require_not_closed(quota.campaign_id)
    require_table_change(quota.campaign, reason)
    check_quota(quota)
    is_new = quota.pk is None
    quota.full_clean()
    quota.save()
    log_action(
        obj=quota.campaign,
        action="award_quota.created" if is_new else "award_quota.changed",
        user=user,
        data={"quota": str(quota), "reason": (reason or "").strip()},
    )
    return quota


@transaction.atomic
def quota_delete(*, user, quota, reason=""):
    campaign_require_not_closed(quota.campaign_id)
    require_table_change(quota.campaign, reason)
    data = {"quota": str(quota), "reason": (reason or "").strip()}
    quota.delete()
    log_action(obj=quota.campaign, action="award_quota.deleted", user=user, data=data)


@transaction.atomic
def band_requirement_save(*, user, requirement):
    campaign_require_not_closed(requirement.campaign_id)
    if requirement.title.subject != Title.Subject.COLLECTIVE:
        raise ValidationError({"title": _("A band is a collective's: choose a collective's title.")})
    requirement.full_clean()
    requirement.save()
    log_action(obj=requirement.campaign, action="band_requirement.saved", user=user, data={"rule": str(requirement)})
    return requirement


@transaction.atomic
def band_requirement_delete(*, user, requirement):
    campaign_require_not_closed(requirement.campaign_id)
    data = {"rule": str(requirement)}
    requirement.delete()
    log_action(obj=requirement.campaign, action="band_requirement.deleted", user=user, data=data)


QUOTA_FIELDS = ("title", "base", "percent", "rounding")


def quotas_replace(*, campaign, quotas):
    """The campaign's quotas become `quotas` (checked, unsaved), inside the scoring table's import, which logs it."""
    AwardQuota.objects.filter(campaign=campaign).delete()
    for quota in quotas:
        quota.campaign = campaign
        check_quota(quota)
        quota.full_clean()
    AwardQuota.objects.bulk_create(quotas)
    return len(quotas)


def limits_copy(*, source, target):
    """Carry the quotas and bands required into next year's campaign, after scoring copied its bands."""
    AwardQuota.objects.bulk_create(
        copied(quota, QUOTA_FIELDS, campaign=target) for quota in AwardQuota.objects.filter(campaign=source)
    )
    bands = dict(Band.objects.filter(campaign=target).values_list("name", "pk"))
    BandRequirement.objects.bulk_create(
        copied(requirement, ("title",), campaign=target, band_id=bands[requirement.band.name])
        for requirement in BandRequirement.objects.filter(campaign=source).select_related("band")
        if requirement.band.name in bands
    )
