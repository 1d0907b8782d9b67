"""The office's rule book: its own sets beside the national ones, one set's page, its figures, one title, the base
salary, and the rules a campaign is judged by."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards.models import Rule
from awards.rulebook.forms import (
    BaseSalaryForm,
    CampaignRulesForm,
    RuleForm,
    RuleSetCreateForm,
    RuleSetForm,
    TitleTermsForm,
)
from awards.selectors import rulebook as selectors
from awards.services import rulebook as services
from campaigns.models import Title
from core.access import requires
from core.views import apply_errors, next_url


@requires("rule_book.keep")
def index(request):
    access = request.access.grant("rule_book")
    return render(
        request,
        "awards/rulebook/index.html",
        selectors.rule_book(roots=list(access.office_roots()), today=timezone.localdate()),
    )


@requires("rule_book.keep")
def rule_set_new(request):
    access = request.access.grant("rule_book")
    roots = access.office_roots()
    sources = selectors.copy_sources(roots=roots)
    initial = {}
    if request.GET.get("copy", "").isdigit():
        initial["copy_from"] = sources.filter(pk=request.GET["copy"]).first()
    form = RuleSetCreateForm(request.POST or None, owners=roots, sources=sources, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                rule_set = services.rule_set_create(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("The rule set was created; check its figures against the regulation."))
                return redirect("awards:rule_set", rule_set.pk)
        status = 400
    return render(request, "awards/rulebook/new.html", {"form": form}, status=status)


@requires("rule_set.see")
def rule_set_detail(request, rule_set):
    access = request.access.grant("rule_set")
    return render(
        request,
        "awards/rulebook/detail.html",
        selectors.rule_set_page(rule_set=rule_set, roots=list(access.office_roots()) if access.keeps_rules else [])
        | {
            "may_change": request.access.may("rule_set.change"),
            "may_adopt": request.access.may("rule_set.adopt"),
            # The page the office came from to confirm (a proposal whose ballot waits for it): it goes back there.
            "next": request.GET.get("next", ""),
        },
    )


@requires("rule_set.change")
def rule_set_edit(request, rule_set):
    default = selectors.default_threshold(rule_set=rule_set)
    form = RuleSetForm(request.POST or None, rule_set=rule_set, default=default)
    status, saved = 200, None
    if request.method == "POST":
        if form.is_valid():
            changed, status, saved = _save(
                form,
                lambda: services.rule_set_update(
                    user=request.user,
                    rule_set=rule_set,
                    expected_version=form.cleaned_data["version"],
                    values=form.values(),
                    default_threshold=form.default_threshold(),
                    reason=form.cleaned_data["reason"],
                ),
            )
            if changed is not None:
                messages.success(request, _saved_message(rule_set, changed))
                return redirect("awards:rule_set", changed.pk)
        else:
            status = 400
    return render(
        request,
        "awards/rulebook/edit.html",
        {"rule_set": rule_set, "form": form, "saved": saved, "saved_default": default if saved else None},
        status=status,
    )


def _save(form, save):
    """Run the change; a refusal shows on the form, keeping what was typed: (the set changed, status, the set as
    someone else saved it meanwhile)."""
    try:
        return save(), 302, None
    except services.StaleRuleSet as stale:
        form.add_error(
            None,
            _(
                "Someone else saved this rule set while you were editing; your entries are kept. Check them against "
                "the saved figures below and save again."
            ),
        )
        form.data = form.data.copy()
        form.data["version"] = stale.current.version
        return None, 409, stale.current
    except ValidationError as error:
        apply_errors(form, error)
        return None, 400, None


def _saved_message(before, after):
    if after.pk != before.pk:
        return _(
            "A council has voted under this set, so your change made a new version; the proposals it judged keep "
            "the earlier one."
        )
    return _("Saved.")


@requires("rule_set.change")
def rule_set_title(request, rule_set, title_id):
    title = get_object_or_404(Title, pk=title_id)
    threshold, terms, rules = selectors.title_terms(rule_set=rule_set, title=title)
    post = request.POST if request.method == "POST" else None
    form = TitleTermsForm(
        post if post and "kind" not in post else None, rule_set=rule_set, title=title, threshold=threshold, terms=terms
    )
    rule_form = RuleForm(post if post and "kind" in post else None, initial={"version": rule_set.version})
    status, stale = 200, None
    if post:
        bound = rule_form if "kind" in post else form
        if bound.is_valid():
            if bound is rule_form:
                changed, status, stale = _save(
                    rule_form,
                    lambda: services.rule_add(
                        user=request.user,
                        rule_set=rule_set,
                        expected_version=rule_form.cleaned_data["version"],
                        title=title,
                        **{key: value for key, value in rule_form.cleaned_data.items() if key != "version"},
                    ),
                )
            else:
                changed, status, stale = _save(
                    form,
                    lambda: services.rule_set_title_update(
                        user=request.user,
                        rule_set=rule_set,
                        expected_version=form.cleaned_data["version"],
                        title=title,
                        threshold=form.threshold(),
                        terms=form.terms(),
                        reason=form.cleaned_data["reason"],
                    ),
                )
            if changed is not None:
                messages.success(request, _saved_message(rule_set, changed))
                return redirect("awards:rule_set_title", changed.pk, title.pk)
        else:
            status = 400
    return render(
        request,
        "awards/rulebook/title.html",
        {
            "rule_set": rule_set,
            "title": title,
            "form": form,
            "rule_form": rule_form,
            "rules": rules,
            "threshold": threshold,
            "terms": terms,
            "stale": stale,
        },
        status=status,
    )


@require_POST
@requires("rule_set.change")
def rule_remove(request, rule_set, rule_id):
    rule = get_object_or_404(Rule.objects.select_related("title"), pk=rule_id, rule_set=rule_set)
    try:
        changed = services.rule_remove(
            user=request.user,
            rule_set=rule_set,
            expected_version=int(request.POST.get("version") or 0),
            rule=rule,
            reason=request.POST.get("reason", ""),
        )
    except services.StaleRuleSet:
        messages.error(request, _("Someone else saved this rule set meanwhile; check the rules and remove it again."))
        return redirect("awards:rule_set_title", rule_set.pk, rule.title_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("awards:rule_set_title", rule_set.pk, rule.title_id)
    messages.success(request, _saved_message(rule_set, changed))
    return redirect("awards:rule_set_title", changed.pk, rule.title_id)


@require_POST
@requires("rule_set.adopt")
def rule_set_adopt(request, rule_set):
    unit = get_object_or_404(request.access.grant("rule_set").office_roots(), pk=request.POST.get("unit") or 0)
    try:
        services.rule_set_adopt(user=request.user, rule_set=rule_set, unit=unit)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Confirmed for %(tree)s: its councils vote under these figures.") % {"tree": unit.name}
        )
        return redirect(next_url(request, reverse("awards:rule_set", args=[rule_set.pk])))
    return redirect("awards:rule_set", rule_set.pk)


@requires("rule_book.keep")
def base_salaries(request):
    form = BaseSalaryForm() if request.access.may("rule_book.keep_salaries") else None
    return _salaries_page(request, form)


def _salaries_page(request, form, status=200):
    return render(
        request, "awards/rulebook/salaries.html", {"salaries": selectors.base_salaries(), "form": form}, status=status
    )


@require_POST
@requires("rule_book.keep_salaries")
def base_salary_add(request):
    form = BaseSalaryForm(request.POST)
    if form.is_valid():
        try:
            services.base_salary_add(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The base salary was recorded."))
            return redirect("awards:base_salaries")
    return _salaries_page(request, form, status=400)


@requires("campaign.see")
def campaign_rules(request, campaign):
    form = None
    if request.access.may("campaign.keep"):
        chosen = selectors.campaign_choice(campaign=campaign)
        form = CampaignRulesForm(
            initial={
                "rule_set": chosen.rule_set_id if chosen else None,
                "judged_on": chosen.judged_on if chosen else None,
            },
            rule_sets=selectors.choosable_sets(campaign=campaign),
        )
    return _campaign_rules_page(request, campaign, form)


def _campaign_rules_page(request, campaign, form, status=200):
    return render(
        request,
        "awards/rulebook/campaign.html",
        {
            "campaign": campaign,
            "rules": selectors.rules_shown(campaign=campaign),
            "form": form,
            "may_keep_limits": request.access.may("campaign.manage"),
        },
        status=status,
    )


@require_POST
@requires("campaign.keep")
def campaign_rules_choose(request, campaign):
    form = CampaignRulesForm(request.POST, rule_sets=selectors.choosable_sets(campaign=campaign))
    if form.is_valid():
        try:
            services.campaign_rules_choose(user=request.user, campaign=campaign, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved: the campaign is judged as shown."))
            return redirect("awards:campaign_rules", campaign.pk)
    return _campaign_rules_page(request, campaign, form, status=400)
