"""What every scoring write shares: the campaign locked while its scores change, and refusing a change to a finalised ranking."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from campaigns.models import Campaign
from scoring import selectors


def lock_campaign(campaign):
    return Campaign.objects.select_for_update().get(pk=campaign.pk)


def refuse_if_locked(campaign, compiler_id):
    if selectors.is_locked(campaign=campaign, compiler_id=compiler_id):
        raise ValidationError(
            _("The ranking is final, so scores are locked. Reopen it, with a reason, to change them.")
        )
