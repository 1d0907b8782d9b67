"""Accounts: invitations by email (one at a time or from Excel), activating and deactivating, accepting an invitation."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import requires
from core.views import act, apply_errors, next_url
from organisation import access, accounts_excel, selectors, services
from organisation.forms import (
    InviteForm,
)
from organisation.models import SheetImport

from .common import form_page, xlsx
from .imports import import_confirm, import_page


@requires("office.invite")
def accounts(request):
    query = request.GET.get("q", "").strip()[:100]
    listed = selectors.account_list(accounts=access.accounts_visible_to(request.user), query=query)
    changeable = {account.pk for account in listed if access.account_may_change(user=request.user, account=account)}
    return render(
        request,
        "organisation/accounts.html",
        {
            "accounts": listed,
            "changeable": changeable,
            "query": query,
            "failed_login_days": selectors.FAILED_LOGINS_SHOWN_DAYS,
        },
    )


@requires("office.invite")
def account_invite(request):
    unit = request.GET.get("unit", "")
    form = InviteForm(
        request.POST or None,
        units=access.invitable_units(request.user),
        roles=access.invite_roles(request.user),
        initial={"unit": int(unit)} if unit.isdigit() else {},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        request.access.require("office.give_role", (data["role"], data["unit"]))
        try:
            account = services.account_invite(
                user=request.user,
                full_name=data["full_name"],
                email=data["email"],
                role=data["role"],
                unit=data["unit"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("%(email)s was invited: an email with a link to set a password is on its way.")
                % {"email": account.email},
            )
            return redirect("organisation:accounts")
    return form_page(
        request,
        form,
        title=_("Invite a person"),
        back_url=reverse("organisation:accounts"),
        submit_label=_("Send the invitation"),
    )


@requires("office.invite")
def accounts_template(request):
    return xlsx(accounts_excel.accounts_template(units=access.invitable_units(request.user)), "moi-tai-khoan.xlsx")


@requires("office.import_accounts")
def accounts_import(request):
    unit = access.accounts_import_unit(request.user)
    return import_page(
        request,
        kind=SheetImport.Kind.ACCOUNTS,
        unit=unit,
        confirm_url=lambda sheet_import: reverse("organisation:accounts_import_confirm", args=[sheet_import.pk]),
    )


@require_POST
@requires("office.import_accounts")
def accounts_import_confirm(request, import_id):
    return import_confirm(
        request,
        kind=SheetImport.Kind.ACCOUNTS,
        unit=access.accounts_import_unit(request.user),
        import_id=import_id,
        done_url=reverse("organisation:accounts"),
    )


@require_POST
@requires("account.change")
def account_set_active(request, account):
    active = request.POST.get("active") == "1"
    services.account_set_active(user=request.user, account=account, active=active)
    messages.success(
        request,
        (_("%(email)s can log in again.") if active else _("%(email)s can no longer log in."))
        % {"email": account.email or account.username},
    )
    return redirect("organisation:accounts")


@require_POST
@requires("account.change")
def account_resend(request, account):
    sent = _("The invitation was sent again to %(email)s.") % {"email": account.email}
    act(request, services.account_resend_invitation, sent, account=account)
    return redirect("organisation:accounts")


class InvitationAcceptView(auth_views.PasswordResetConfirmView):
    """The link of an invitation: the person chooses their own password, then is logged in, on their dashboard or
    on the page the message that carried the link asked them to act on (its `next`)."""

    template_name = "registration/invitation_accept.html"
    post_reset_login = True
    success_url = reverse_lazy("dashboard")
    # Kept across the redirect that takes the token out of the address, as Django keeps the token itself.
    NEXT_SESSION_KEY = "_invitation_next"

    def dispatch(self, *args, **kwargs):
        target = next_url(self.request, "")
        if target:
            self.request.session[self.NEXT_SESSION_KEY] = target
        return super().dispatch(*args, **kwargs)

    def form_valid(self, form):
        messages.success(self.request, _("Your password is set. Welcome."))
        return super().form_valid(form)

    def get_success_url(self):
        return self.request.session.pop(self.NEXT_SESSION_KEY, None) or super().get_success_url()
