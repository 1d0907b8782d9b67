"""Blocs and their members for a year, with the leader and vice-leader, and next year's bloc."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import requires
from core.views import apply_errors
from core.years import year_param
from organisation import access, selectors, services
from organisation.forms import (
    BlocForm,
    BlocMembersForm,
    BlocMembershipForm,
    BlocYearCopyForm,
)
from organisation.models import BlocMembership
from organisation.panels import panels_of_bloc

from .common import form_page


@requires("site.enter")
def bloc_list(request):
    year = year_param(request.GET.get("year"), timezone.localdate().year)
    return render(
        request,
        "organisation/bloc_list.html",
        {
            "blocs": selectors.bloc_list(blocs=access.blocs_visible_to(request.user), year=year),
            "year": year,
            "can_create": request.access.may("office.keep"),
        },
    )


def _bloc_form(request, bloc=None):
    return BlocForm(
        request.POST or None,
        instance=bloc,
        organizers=access.units_kept_by(request.user).filter(is_active=True),
        councils=access.councils_kept_by(request.user),
    )


@requires("office.keep")
def bloc_new(request):
    """A new bloc, and, in the same form if the office has them, its members for the year with their leaders."""
    form = _bloc_form(request)
    several = _members_form(
        request, request.POST or None, prefix="members", initial={"year": timezone.localdate().year}
    )
    # Members are optional here: a form left as it came (the year alone) makes the bloc without them.
    members = any(
        value for name in ("units", "leader", "vice_leader") for value in request.POST.getlist(several.add_prefix(name))
    )
    # Both checked, so that each shows its own errors at once.
    valid = form.is_valid() & (not members or several.is_valid())
    if request.method == "POST" and valid:
        data = several.cleaned_data if members else {}
        try:
            bloc = services.bloc_create(
                user=request.user,
                bloc=form.save(commit=False),
                year=data.get("year"),
                units=data.get("units", ()),
                leader=data.get("leader"),
                vice_leader=data.get("vice_leader"),
            )
        except ValidationError as error:
            apply_errors(several, error)
        else:
            if members:
                messages.success(
                    request, _("The bloc was created with its members for %(year)s.") % {"year": data["year"]}
                )
                return redirect(_bloc_page_url(bloc, data["year"]))
            messages.success(request, _("The bloc was created; add its members for the year."))
            return redirect("organisation:bloc_detail", bloc.pk)
    return form_page(
        request,
        form,
        title=_("New bloc"),
        back_url=reverse("organisation:bloc_list"),
        more=several,
        more_title=_("Its members for the year (you may add them later)"),
    )


@requires("bloc.manage")
def bloc_edit(request, bloc):
    form = _bloc_form(request, bloc)
    if request.method == "POST" and form.is_valid():
        services.bloc_save(user=request.user, bloc=form.instance)
        messages.success(request, _("The bloc was saved."))
        return redirect("organisation:bloc_detail", bloc.pk)
    return form_page(request, form, title=bloc.name, back_url=reverse("organisation:bloc_detail", args=[bloc.pk]))


def _bloc_page(request, bloc, *, year, form, copy_form=None, several=None, status=200):
    members = selectors.bloc_year_members(bloc=bloc, year=year)
    return render(
        request,
        "organisation/bloc_detail.html",
        {
            "bloc": bloc,
            "years": selectors.bloc_years(bloc=bloc),
            "year": year,
            "members": members,
            "panels": panels_of_bloc(request=request, bloc=bloc, year=year),
            "form": form,
            "copy_form": copy_form,
            "several": several
            or (_members_form(request, initial={"year": year}) if request.access.may("bloc.manage") else None),
            "can_manage": request.access.may("bloc.manage"),
        },
        status=status,
    )


def _bloc_page_url(bloc, year):
    return f"{reverse('organisation:bloc_detail', args=[bloc.pk])}?year={year}"


def _members_form(request, data=None, **kwargs):
    return BlocMembersForm(data, units=access.units_kept_by(request.user).filter(is_active=True), **kwargs)


def _membership_form(request, data=None, **kwargs):
    return BlocMembershipForm(data, units=access.units_kept_by(request.user).filter(is_active=True), **kwargs)


def _copy_form(bloc, year, data=None):
    members = selectors.bloc_members_of_today(bloc=bloc, year=year).order_by("sort_name")
    current = {m.role: m.unit_id for m in BlocMembership.objects.filter(bloc=bloc, year=year)}
    return BlocYearCopyForm(
        data,
        members=members,
        initial={
            "year": year + 1,
            "leader": current.get(BlocMembership.Role.LEADER),
            "vice_leader": current.get(BlocMembership.Role.VICE_LEADER),
        },
    )


@requires("bloc.see")
def bloc_detail(request, bloc):
    year = year_param(request.GET.get("year")) or next(iter(selectors.bloc_years(bloc=bloc)), timezone.localdate().year)
    form = copy_form = None
    if request.access.may("bloc.manage"):
        form = _membership_form(request, initial={"year": year, "role": BlocMembership.Role.MEMBER})
        if BlocMembership.objects.filter(bloc=bloc, year=year).exists():
            copy_form = _copy_form(bloc, year)
    return _bloc_page(request, bloc, year=year, form=form, copy_form=copy_form)


@require_POST
@requires("bloc.manage")
def bloc_member_set(request, bloc):
    form = _membership_form(request, request.POST)
    if form.is_valid():
        try:
            services.bloc_membership_set(user=request.user, bloc=bloc, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The bloc's membership was saved."))
            return redirect(_bloc_page_url(bloc, form.cleaned_data["year"]))
    year = form.cleaned_data.get("year") or timezone.localdate().year
    return _bloc_page(request, bloc, year=year, form=form, status=400)


@require_POST
@requires("bloc.manage")
def bloc_members_add(request, bloc):
    """Several units into the bloc for a year in one form, with its leader and vice-leader: all or none."""
    several = _members_form(request, request.POST)
    if several.is_valid():
        data = several.cleaned_data
        try:
            added = services.bloc_members_add(
                user=request.user,
                bloc=bloc,
                year=data["year"],
                units=data["units"],
                leader=data["leader"],
                vice_leader=data["vice_leader"],
            )
        except ValidationError as error:
            apply_errors(several, error)
        else:
            messages.success(request, _("%(count)s units were put in the bloc.") % {"count": len(added)})
            return redirect(_bloc_page_url(bloc, data["year"]))
    year = several.cleaned_data.get("year") or timezone.localdate().year
    return _bloc_page(
        request, bloc, year=year, form=_membership_form(request, initial={"year": year}), several=several, status=400
    )


@require_POST
@requires("bloc.manage")
def bloc_member_remove(request, bloc, membership_id):
    membership = get_object_or_404(BlocMembership.objects.select_related("unit"), pk=membership_id, bloc=bloc)
    services.bloc_membership_remove(user=request.user, membership=membership)
    messages.success(request, _("%(unit)s was removed from the bloc.") % {"unit": membership.unit})
    return redirect(_bloc_page_url(bloc, membership.year))


@require_POST
@requires("bloc.manage")
def bloc_year_copy(request, bloc, year):
    form = _copy_form(bloc, year, request.POST)
    if form.is_valid():
        try:
            services.bloc_year_copy(
                user=request.user,
                bloc=bloc,
                from_year=year,
                to_year=form.cleaned_data["year"],
                leader=form.cleaned_data["leader"],
                vice_leader=form.cleaned_data["vice_leader"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("The bloc's members were carried into %(year)s with their new leader and vice-leader.")
                % {"year": form.cleaned_data["year"]},
            )
            return redirect(_bloc_page_url(bloc, form.cleaned_data["year"]))
    return _bloc_page(
        request, bloc, year=year, form=_membership_form(request, initial={"year": year}), copy_form=form, status=400
    )
