"""The campaign's own limits on its titles, checked beside the rule set's: quotas on a share of those taking part,
the bloc's first only, and a band of the classification required. Read in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from awards.models import AwardQuota, BandRequirement
from organisation.models import Person
from organisation.selectors import units_with_descendants
from registrations.models import Registration
from scoring.models import Band, Ranking, RankingEntry


@dataclass
class Limits:
    """The campaign's limits by title, and what they read."""

    by_title: dict = field(default_factory=dict)  # title id -> [AwardQuota | BandRequirement]
    bands: dict = field(default_factory=dict)  # unit id -> band name in its compiler's final ranking
    band_order: dict = field(default_factory=dict)  # band name -> position, best first
    _bases: dict = field(default_factory=dict)

    def base(self, campaign, kind):
        """How many collectives, or people, take part in the campaign: units whose registration was sent, and the
        active staff of those units and their sub-units."""
        if kind not in self._bases:
            units = set(
                Registration.objects.filter(campaign=campaign)
                .exclude(status=Registration.Status.DRAFT)
                .values_list("unit_id", flat=True)
            )
            self._bases[AwardQuota.Base.COLLECTIVES] = len(units)
            self._bases[AwardQuota.Base.PEOPLE] = (
                Person.objects.filter(unit_id__in=units_with_descendants(unit_ids=units), is_active=True).count()
                if units
                else 0
            )
        return self._bases[kind]


def limits_for(*, campaign):
    by_title = defaultdict(list)
    for quota in AwardQuota.objects.filter(campaign=campaign).select_related("title"):
        by_title[quota.title_id].append(quota)
    requirements = list(BandRequirement.objects.filter(campaign=campaign).select_related("title", "band"))
    for requirement in requirements:
        by_title[requirement.title_id].append(requirement)
    bands, order = {}, {}
    if requirements:
        finals = Ranking.objects.filter(campaign=campaign, status=Ranking.Status.FINAL)
        bands = dict(RankingEntry.objects.filter(ranking__in=finals).values_list("unit_id", "band"))
        order = dict(Band.objects.filter(campaign=campaign).values_list("name", "position"))
    return Limits(by_title=dict(by_title), bands=bands, band_order=order)


def _applies(limit, line):
    """A quota of collectives counts collectives' lines, one of people people's; a band is a collective's."""
    if isinstance(limit, BandRequirement) or limit.base != AwardQuota.Base.PEOPLE:
        return bool(line.unit_id)
    return bool(line.person_id)


def _check_band(requirement, line, limits):
    band = limits.bands.get(line.unit_id)
    if not band:
        return False, _("The unit has no band in a final ranking; “%(band)s” or better is required.") % {
            "band": requirement.band.name
        }
    passes = limits.band_order.get(band, 10**6) <= requirement.band.position
    return passes, _("Classed “%(band)s”; “%(required)s” or better is required.") % {
        "band": band,
        "required": requirement.band.name,
    }


def _check_quota(quota, line, context):
    if quota.base == AwardQuota.Base.BLOC_FIRST:
        rank = context.ranks.get(line.unit_id)
        if rank is None:
            return False, _("The unit has no rank in a final ranking; only the first of each bloc may be proposed.")
        return rank == 1, _("Ranked %(rank)s in its bloc; only the first may be proposed.") % {"rank": rank}
    people, units = context.holders(line.title_id)
    counted = (people | {line.person_id}) if quota.base == AwardQuota.Base.PEOPLE else (units | {line.unit_id})
    base = context.limits.base(context.campaign, quota.base)
    allowed = quota.allowed(base)
    return len(counted) <= allowed, _(
        "%(count)s proposed, at most %(allowed)s allowed: %(percent)s%% of %(base)s (%(what)s), %(rounding)s."
    ) % {
        "count": len(counted),
        "allowed": allowed,
        "percent": number_format(format(quota.percent.normalize(), "f")),
        "base": base,
        "what": quota.get_base_display(),
        "rounding": quota.get_rounding_display(),
    }


def check_limits(line, context):
    """[(limit, passes, explanation)] of the campaign's limits on the line's title that apply to it."""
    return [
        (
            limit,
            *(
                _check_band(limit, line, context.limits)
                if isinstance(limit, BandRequirement)
                else _check_quota(limit, line, context)
            ),
        )
        for limit in context.limits.by_title.get(line.title_id, [])
        if _applies(limit, line)
    ]


def quotas_set(*, campaign, title_ids):
    """Whether the campaign sets a quota on any of these titles: the check reads the whole campaign only then."""
    return AwardQuota.objects.filter(campaign=campaign, title_id__in=title_ids).exists()


def require_within_quotas(line, context):
    """Refuse a line that would take its title over one of the campaign's quotas, naming the quota."""
    for limit, passes, explanation in check_limits(line, context):
        if limit.is_quota and not passes:
            raise ValidationError(
                _("Over the campaign's quota “%(quota)s”: %(explanation)s")
                % {"quota": limit, "explanation": explanation}
            )
