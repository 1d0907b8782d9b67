"""Merging units (the two-level local government): the office's page, with the mergers of its tree and what moved."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.access import requires
from core.views import apply_errors
from organisation import access, merges
from organisation.forms import MergeForm
from organisation.models import UnitMerge


@requires("office.keep")
def merges_page(request):
    units = access.units_kept_by(request.user).filter(is_active=True).order_by("sort_name")
    initial = {"into": request.GET["into"]} if request.GET.get("into", "").isdigit() else {}
    form = MergeForm(request.POST or None, units=units, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                merges.units_merge(
                    user=request.user,
                    units=list(data["units"]),
                    into=data["into"],
                    merged_on=data["merged_on"],
                    reason=data["reason"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request, _("Merged into %(unit)s; what moved is listed below.") % {"unit": data["into"].name}
                )
                return redirect("organisation:merges")
        status = 400
    kept = access.units_kept_by(request.user)
    return render(
        request,
        "organisation/merges.html",
        {
            "form": form,
            "merges": UnitMerge.objects.filter(into__in=kept).select_related(
                "unit", "into", "belongs_to", "created_by"
            ),
        },
        status=status,
    )
