"""Councils and their seats (chair, vice-chair, secretary, member)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import requires
from core.views import apply_errors
from organisation import access, council_excel, selectors, services
from organisation.forms import (
    CouncilForm,
    CouncilMemberForm,
    CouncilMembersForm,
)
from organisation.models import CouncilMember, SheetImport

from .common import form_page, history, xlsx
from .imports import import_confirm, import_page


@requires("site.enter")
def councils(request):
    return render(
        request,
        "organisation/councils.html",
        {
            "councils": selectors.council_list(councils=access.councils_visible_to(request.user)),
            "can_create": request.access.may("office.keep"),
        },
    )


@requires("office.keep")
def council_new(request):
    form = CouncilForm(request.POST or None, units=access.units_kept_by(request.user).filter(is_active=True))
    if request.method == "POST" and form.is_valid():
        council = services.council_save(user=request.user, council=form.save(commit=False))
        messages.success(request, _("The council was created; seat its members."))
        return redirect("organisation:council_detail", council.pk)
    return form_page(request, form, title=_("New council"), back_url=reverse("organisation:councils"))


@requires("council.manage")
def council_edit(request, council):
    form = CouncilForm(
        request.POST or None, instance=council, units=access.units_kept_by(request.user).filter(is_active=True)
    )
    if request.method == "POST" and form.is_valid():
        services.council_save(user=request.user, council=form.instance)
        messages.success(request, _("The council was saved."))
        return redirect("organisation:council_detail", council.pk)
    return form_page(
        request, form, title=council.name, back_url=reverse("organisation:council_detail", args=[council.pk])
    )


def _member_form(request, data=None):
    return CouncilMemberForm(data, accounts=access.accounts_visible_to(request.user).filter(is_active=True))


def _members_form(request, data=None):
    return CouncilMembersForm(data, accounts=access.accounts_visible_to(request.user).filter(is_active=True))


def _council_page(request, council, *, form=None, several=None, status=200):
    may_manage = request.access.may("council.manage")
    return render(
        request,
        "organisation/council_detail.html",
        {
            "council": council,
            "members": selectors.council_members(council=council),
            "can_manage": may_manage,
            "form": form or (_member_form(request) if may_manage else None),
            "several": several or (_members_form(request) if may_manage else None),
            "history": history(council) if request.access.may("council.manage") else [],
        },
        status=status,
    )


@requires("council.see")
def council_detail(request, council):
    return _council_page(request, council)


@require_POST
@requires("council.manage")
def council_member_add(request, council):
    form = _member_form(request, request.POST)
    if form.is_valid():
        try:
            services.council_seat(user=request.user, council=council, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The council's membership was saved."))
            return redirect("organisation:council_detail", council.pk)
    return _council_page(request, council, form=form, status=400)


@require_POST
@requires("council.manage")
def council_members_add(request, council):
    """Seat several members in one form: a row per person, blank rows left out, all seated or none."""
    several = _members_form(request, request.POST)
    if several.is_valid():
        try:
            services.council_members_seat(user=request.user, council=council, seats=several.seats())
        except ValidationError as error:
            several.non_field_errors = error.messages
        else:
            messages.success(
                request, _("%(count)s members were seated on the council.") % {"count": len(several.filled())}
            )
            return redirect("organisation:council_detail", council.pk)
    return _council_page(request, council, several=several, status=400)


@require_POST
@requires("council.manage")
def council_member_remove(request, council, seat_id):
    seat = get_object_or_404(CouncilMember.objects.select_related("user"), pk=seat_id, council=council)
    services.council_member_remove(user=request.user, seat=seat)
    messages.success(request, _("The member was removed from the council."))
    return redirect("organisation:council_detail", council.pk)


@requires("council.manage")
def council_members_template(request, council):
    members = selectors.council_members(council=council)
    return xlsx(council_excel.council_template(council=council, members=members), "thanh-vien-hoi-dong.xlsx")


@requires("council.manage")
def council_members_import(request, council):
    """Seat members from Excel through the one import flow: checked whole, reported by line, previewed, seated once."""
    return import_page(
        request,
        kind=SheetImport.Kind.COUNCIL,
        unit=council.unit,
        subject=council,
        confirm_url=lambda sheet_import: reverse(
            "organisation:council_members_import_confirm", args=[council.pk, sheet_import.pk]
        ),
    )


@require_POST
@requires("council.manage")
def council_members_import_confirm(request, council, import_id):
    return import_confirm(
        request,
        kind=SheetImport.Kind.COUNCIL,
        unit=council.unit,
        import_id=import_id,
        done_url=reverse("organisation:council_detail", args=[council.pk]),
    )
