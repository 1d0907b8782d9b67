"""The office's pages for what the campaign does with the totals: bands, listed events and the events recorded for
units, and the tie cascade. Every write goes through a logged service; a refusal keeps what was typed."""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.views import act, saved
from organisation.models import Unit
from scoring import classification, selectors, services, ties
from scoring.classification_forms import BandForm, EventKindForm, TieRuleForm, UnitEventForm
from scoring.models import Band, EventKind, TieRule, UnitEvent

from .common import scoring_view


def _units(request):
    return Unit.objects.filter(id__in=request.access.grant("campaign").listed_unit_ids).order_by("sort_name")


def _page(request, campaign, *, event_form=None, status=200):
    events = UnitEvent.objects.filter(kind__campaign=campaign).select_related("unit", "kind__band", "recorded_by")
    return render(
        request,
        "scoring/classification.html",
        {
            "campaign": campaign,
            "bands": classification.bands_for(campaign=campaign),
            "event_kinds": EventKind.objects.filter(campaign=campaign).select_related("band"),
            "tie_rules": ties.tie_rules_for(campaign=campaign),
            "unit_events": events,
            "event_form": event_form or UnitEventForm(campaign=campaign, units=_units(request)),
            # Once units have scored, each deletion asks its reason too.
            "scored": selectors.scoring_started(campaign_id=campaign.pk),
        },
        status=status,
    )


@scoring_view("manage")
def classification_page(request, campaign):
    return _page(request, campaign)


def _edit(request, campaign, *, form, save, title):
    """Show `form`; on a valid post, `save(form)` and back to the page; a refusal keeps what was typed."""
    if request.method == "POST" and saved(request, form, lambda: save(form), _("Saved.")):
        return redirect("scoring:classification", campaign.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "scoring/form.html",
        {"campaign": campaign, "form": form, "title": title, "back": "scoring:classification"},
        status=status,
    )


@scoring_view("manage")
def band_edit(request, campaign, band_id=None):
    band = get_object_or_404(Band, pk=band_id, campaign=campaign) if band_id else Band(campaign=campaign)
    form = BandForm(request.POST or None, instance=band, campaign=campaign)
    return _edit(
        request,
        campaign,
        form=form,
        save=lambda form: services.band_save(
            user=request.user,
            band=form.instance,
            position=form.cleaned_data["place"],
            reason=form.cleaned_data["reason"],
        ),
        title=_("Band") if band_id else _("New band"),
    )


@scoring_view("manage")
def event_kind_edit(request, campaign, kind_id=None):
    kind = get_object_or_404(EventKind, pk=kind_id, campaign=campaign) if kind_id else EventKind(campaign=campaign)
    form = EventKindForm(request.POST or None, instance=kind, campaign=campaign)
    return _edit(
        request,
        campaign,
        form=form,
        save=lambda form: services.event_kind_save(
            user=request.user, kind=form.instance, reason=form.cleaned_data["reason"]
        ),
        title=_("Listed event") if kind_id else _("New listed event"),
    )


@scoring_view("manage")
def tie_rule_edit(request, campaign, rule_id=None):
    rule = get_object_or_404(TieRule, pk=rule_id, campaign=campaign) if rule_id else TieRule(campaign=campaign)
    form = TieRuleForm(request.POST or None, instance=rule, campaign=campaign)
    return _edit(
        request,
        campaign,
        form=form,
        save=lambda form: services.tie_rule_save(
            user=request.user,
            rule=form.instance,
            position=form.cleaned_data["place"],
            reason=form.cleaned_data["reason"],
        ),
        title=_("Tie rule") if rule_id else _("New tie rule"),
    )


@require_POST
@scoring_view("manage")
def band_delete(request, campaign, band_id):
    band = get_object_or_404(Band, pk=band_id, campaign=campaign)
    act(request, services.band_delete, _("Deleted."), band=band, reason=request.POST.get("reason", ""))
    return redirect("scoring:classification", campaign.pk)


@require_POST
@scoring_view("manage")
def event_kind_delete(request, campaign, kind_id):
    kind = get_object_or_404(EventKind, pk=kind_id, campaign=campaign)
    act(request, services.event_kind_delete, _("Deleted."), kind=kind, reason=request.POST.get("reason", ""))
    return redirect("scoring:classification", campaign.pk)


@require_POST
@scoring_view("manage")
def tie_rule_delete(request, campaign, rule_id):
    rule = get_object_or_404(TieRule, pk=rule_id, campaign=campaign)
    act(request, services.tie_rule_delete, _("Deleted."), rule=rule, reason=request.POST.get("reason", ""))
    return redirect("scoring:classification", campaign.pk)


@require_POST
@scoring_view("manage")
def unit_event_record(request, campaign):
    form = UnitEventForm(request.POST, campaign=campaign, units=_units(request))
    recorded = _("The event was recorded; the unit's band follows it.")
    if saved(request, form, lambda: services.unit_event_record(user=request.user, event=form.instance), recorded):
        return redirect("scoring:classification", campaign.pk)
    return _page(request, campaign, event_form=form, status=400)


@require_POST
@scoring_view("manage")
def unit_event_remove(request, campaign, event_id):
    event = get_object_or_404(UnitEvent.objects.select_related("kind", "unit"), pk=event_id, kind__campaign=campaign)
    act(
        request,
        services.unit_event_remove,
        _("The event was removed."),
        event=event,
        reason=request.POST.get("reason", ""),
    )
    return redirect("scoring:classification", campaign.pk)
