"""The office's page for the campaign's own limits on its titles: quotas, the bloc's first only, a band required."""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards import services
from awards.limits_forms import BandRequirementForm, QuotaForm
from awards.models import AwardQuota, BandRequirement
from core.access import requires
from core.views import act, saved
from scoring.selectors import scoring_started


def _page(request, campaign, *, quota_form=None, band_form=None, status=200):
    return render(
        request,
        "awards/campaign_limits.html",
        {
            "campaign": campaign,
            "quotas": AwardQuota.objects.filter(campaign=campaign).select_related("title"),
            "requirements": BandRequirement.objects.filter(campaign=campaign).select_related("title", "band"),
            "quota_form": quota_form or QuotaForm(campaign=campaign),
            "band_form": band_form or BandRequirementForm(campaign=campaign),
            # Once units have scored, deleting a quota asks its reason too.
            "scored": scoring_started(campaign_id=campaign.pk),
        },
        status=status,
    )


@requires("campaign.manage")
def campaign_limits(request, campaign):
    return _page(request, campaign)


@require_POST
@requires("campaign.manage")
def quota_add(request, campaign):
    form = QuotaForm(request.POST, campaign=campaign)
    if saved(
        request,
        form,
        lambda: services.quota_save(user=request.user, quota=form.instance, reason=form.cleaned_data["reason"]),
        _("The quota was saved."),
    ):
        return redirect("awards:campaign_limits", campaign.pk)
    return _page(request, campaign, quota_form=form, status=400)


@require_POST
@requires("campaign.manage")
def quota_delete(request, campaign, quota_id):
    quota = get_object_or_404(AwardQuota, pk=quota_id, campaign=campaign)
    act(request, services.quota_delete, _("Deleted."), quota=quota, reason=request.POST.get("reason", ""))
    return redirect("awards:campaign_limits", campaign.pk)


@require_POST
@requires("campaign.manage")
def band_requirement_add(request, campaign):
    form = BandRequirementForm(request.POST, campaign=campaign)
    if saved(
        request, form, lambda: services.band_requirement_save(user=request.user, requirement=form.instance), _("Saved.")
    ):
        return redirect("awards:campaign_limits", campaign.pk)
    return _page(request, campaign, band_form=form, status=400)


@require_POST
@requires("campaign.manage")
def band_requirement_delete(request, campaign, requirement_id):
    requirement = get_object_or_404(BandRequirement, pk=requirement_id, campaign=campaign)
    act(request, services.band_requirement_delete, _("Deleted."), requirement=requirement)
    return redirect("awards:campaign_limits", campaign.pk)
