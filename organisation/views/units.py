"""The tree of units: a unit's page with its staff, the office's list, creating, editing, deactivating, the tree as Excel."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import requires
from core.views import act, apply_errors
from organisation import access, selectors, services, tree_excel
from organisation.forms import (
    UnitForm,
)
from organisation.models import Unit, UnitMerge
from organisation.panels import panels_of_unit

from .common import history, xlsx


@requires("unit.see")
def unit_detail(request, unit):
    may = request.access.may
    return render(
        request,
        "organisation/unit_detail.html",
        {
            "unit": unit,
            "parent_visible": may("unit.see_parent"),
            "children": unit.children.all(),
            # A council member reads its units' pages, not always their sub-units': those are named, not linked.
            "visible_child_ids": set(
                access.units_visible_to(request.user).filter(parent=unit).values_list("pk", flat=True)
            ),
            "staff": selectors.staff_of_tree(unit=unit),
            "memberships": unit.bloc_memberships.select_related("bloc").order_by("-year"),
            "can_manage": may("unit.manage_staff"),
            "keeps_unit": may("unit.manage"),
            "invites": may("unit.invite_for"),
            "panels": panels_of_unit(request=request, unit=unit),
            "history": history(unit) if may("unit.manage") else [],
            "merged": UnitMerge.objects.filter(unit=unit).select_related("into", "belongs_to").first(),
            "predecessors": UnitMerge.objects.filter(belongs_to=unit).select_related("unit").order_by("merged_on"),
        },
    )


@requires("office.keep")
def units(request):
    query = request.GET.get("q", "").strip()[:100]
    include_inactive = request.GET.get("inactive") == "1"
    kept = access.units_kept_by(request.user)
    return render(
        request,
        "organisation/units.html",
        {
            "rows": selectors.unit_tree_rows(units=kept, query=query, include_inactive=include_inactive),
            "query": query,
            "include_inactive": include_inactive,
            "roots": access.office_roots(request.user),
        },
    )


def _unit_form_page(request, form, unit=None, status=200):
    return render(request, "organisation/unit_form.html", {"form": form, "unit": unit}, status=status)


def _parents_for(request, unit=None):
    parents = access.units_kept_by(request.user).filter(is_active=True)
    if unit is not None and unit.pk:
        parents = parents.exclude(pk__in=selectors.units_with_descendants(unit_ids={unit.pk}))
    return parents


@requires("office.keep")
def unit_new(request):
    parent = request.GET.get("parent", "")
    initial = {"parent": int(parent)} if parent.isdigit() else {}
    form = UnitForm(request.POST or None, parents=_parents_for(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_save(user=request.user, unit=form.save(commit=False))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("%(unit)s was created.") % {"unit": unit.name})
            return redirect("organisation:unit_detail", unit.pk)
    return _unit_form_page(request, form, status=400 if request.method == "POST" else 200)


@requires("unit.manage")
def unit_edit(request, unit):
    form = UnitForm(request.POST or None, instance=unit, parents=_parents_for(request, unit))
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_save(user=request.user, unit=form.instance)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The unit was saved."))
            return redirect("organisation:unit_detail", unit.pk)
    return _unit_form_page(request, form, unit=unit, status=400 if request.method == "POST" else 200)


@require_POST
@requires("unit.manage")
def unit_set_active(request, unit):
    active = request.POST.get("active") == "1"
    done = _("The unit is active again.") if active else _("The unit was deactivated.")
    act(request, services.unit_set_active, done, unit=unit, active=active)
    return redirect("organisation:unit_detail", unit.pk)


@requires("unit.manage")
def tree_export(request, unit):
    rows = selectors.unit_tree_rows(
        units=Unit.objects.filter(id__in=selectors.units_with_descendants(unit_ids={unit.pk})), include_inactive=True
    )
    return xlsx(tree_excel.tree_workbook(root=unit, rows=rows), "cay-don-vi.xlsx")
