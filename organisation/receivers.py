"""organisation's answers to the signals of the apps below it and its own."""

from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver
from django.utils.translation import gettext_lazy

from activity.signals import action_labels
from core.access import access_scopes
from organisation.access import organisation_scopes
from organisation.services import login_failure_record
from organisation.signals import import_kinds
from organisation.views.imports import organisation_import_kinds as kinds


@receiver(action_labels, dispatch_uid="organisation.action_labels")
def organisation_action_labels(**kwargs):
    return {
        "unit.created": gettext_lazy("created the unit"),
        "unit.changed": gettext_lazy("changed the unit"),
        "unit.deactivated": gettext_lazy("deactivated the unit"),
        "unit.reactivated": gettext_lazy("reactivated the unit"),
        "units.imported": gettext_lazy("imported the unit tree"),
        "staff.imported": gettext_lazy("imported the staff list"),
        "bloc.created": gettext_lazy("created the bloc"),
        "bloc.changed": gettext_lazy("changed the bloc"),
        "bloc.member_set": gettext_lazy("set a member of the bloc"),
        "bloc.member_removed": gettext_lazy("removed a member from the bloc"),
        "bloc.year_copied": gettext_lazy("carried the bloc into a new year"),
        "council.created": gettext_lazy("created the council"),
        "council.changed": gettext_lazy("changed the council"),
        "council.member_set": gettext_lazy("seated a member"),
        "council.member_removed": gettext_lazy("took a member off the council"),
        "council.members_imported": gettext_lazy("seated members from Excel"),
        "account.invited": gettext_lazy("invited the person"),
        "account.invitation_resent": gettext_lazy("sent the invitation again"),
        "account.deactivated": gettext_lazy("deactivated the account"),
        "account.reactivated": gettext_lazy("reactivated the account"),
        "accounts.imported": gettext_lazy("invited people from Excel"),
        "login.failed": gettext_lazy("failed to sign in"),
        "unit.merged": gettext_lazy("merged the unit into another"),
        "unit.absorbed": gettext_lazy("merged other units into this one"),
    }


@receiver(import_kinds, dispatch_uid="organisation.import_kinds")
def organisation_import_kinds(**kwargs):
    return kinds()


@receiver(access_scopes, dispatch_uid="organisation.access_scopes")
def organisation_access_scopes(**kwargs):
    return organisation_scopes()


@receiver(user_login_failed, dispatch_uid="organisation.login_failed")
def organisation_login_failed(*, credentials, request=None, **kwargs):
    # Every failed sign-in (the site's page, the admin's) goes into the log the office reads.
    login_failure_record(credentials=credentials, request=request)
