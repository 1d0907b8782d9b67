"""A database of the previous main (d290e13) upgrades: the tables still named after `campaigns` take their own
apps' names, and every row stays and reads through the current models (run on PostgreSQL by CI, on SQLite by
the quick start)."""

from datetime import date

import pytest
from django.apps import apps
from django.db import connection

from .migrating import PREVIOUS_MAIN, migrate_history, migrate_latest

OUR_APPS = ["activity", "organisation", "campaigns", "notifications", "registrations", "scoring", "honours", "awards"]


def fill_previous_main(old):
    """One or more rows in every table that moves, through the models as d290e13 had them; their ids by table."""
    User = old.get_model("auth", "User")
    ContentType = old.get_model("contenttypes", "ContentType")
    Unit = old.get_model("organisation", "Unit")
    clerk, secretary = (User.objects.create(username=name) for name in ("vanthu", "thuky"))
    province = Unit.objects.create(
        name="UBND tỉnh Thử", search_name="ubnd tinh thu", sort_name="a", kind="peoples_committee"
    )
    member = Unit.objects.create(name="Sở Y tế", search_name="so y te", sort_name="b", parent=province, code="SYT")
    person = old.get_model("organisation", "Person").objects.create(
        unit=member, full_name="Lê Thị Bình", search_name="le thi binh", sort_name="binh", gender="female"
    )
    council = old.get_model("organisation", "Council").objects.create(
        name="Hội đồng TĐKT tỉnh", search_name="hoi dong", sort_name="h", unit=province, level="province"
    )
    old.get_model("organisation", "CouncilMember").objects.create(council=council, user=secretary, position="secretary")
    bloc = old.get_model("organisation", "Bloc").objects.create(
        name="Khối 8", search_name="khoi 8", sort_name="k", council=council, organizer=province
    )
    membership = old.get_model("organisation", "BlocMembership").objects.create(
        bloc=bloc, unit=member, year=2026, role="leader"
    )
    role = old.get_model("organisation", "RoleAssignment").objects.create(user=clerk, role="unit_clerk", unit=member)
    sheet = old.get_model("organisation", "SheetImport").objects.create(
        unit=member, uploaded_by=clerk, file_name="can-bo.xlsx", kind="staff", rows=[{"full_name": "Lê Thị Bình"}]
    )
    unit_type, _created = ContentType.objects.get_or_create(app_label="organisation", model="unit")
    entry = old.get_model("activity", "ActivityLog").objects.create(
        content_type=unit_type, object_id=member.pk, action="staff.imported", user=clerk, data={"created": 1}
    )
    campaign = old.get_model("campaigns", "Campaign").objects.create(
        name="Phong trào 2026",
        search_name="phong trao 2026",
        sort_name="p",
        issuer=province,
        year=2026,
        council=council,
    )
    campaign.blocs.set([bloc])
    milestone = old.get_model("campaigns", "Milestone").objects.create(
        campaign=campaign, kind="registration", name="Đăng ký thi đua", due_on=date(2026, 3, 31)
    )
    notification = old.get_model("campaigns", "Notification").objects.create(
        recipient=clerk, unit=member, milestone=milestone, key="reminder:1", subject="Nhắc hạn", body="…", link="/"
    )
    settings_row = old.get_model("campaigns", "NotificationSettings").objects.create(user=clerk, email=False)
    registration = old.get_model("registrations", "Registration").objects.create(campaign=campaign, unit=member)
    title, _created = old.get_model("campaigns", "Title").objects.get_or_create(
        code="ldtt", defaults={"name": "Lao động tiên tiến", "subject": "individual", "kind": "title", "level": "unit"}
    )
    proposal = old.get_model("awards", "Proposal").objects.create(
        campaign=campaign, kind="unit", proposer=member, council=council, summary="Đề nghị 2026", created_by=clerk
    )
    line = old.get_model("awards", "ProposalLine").objects.create(proposal=proposal, title=title, person=person)
    return {
        "organisation_unit": {province.pk, member.pk},
        "organisation_person": {person.pk},
        "organisation_council": {council.pk},
        "organisation_bloc": {bloc.pk},
        "organisation_blocmembership": {membership.pk},
        "organisation_roleassignment": {role.pk},
        "organisation_sheetimport": {sheet.pk},
        "activity_activitylog": {entry.pk},
        "notifications_notification": {notification.pk},
        "notifications_notificationsettings": {settings_row.pk},
        "registrations_registration": {registration.pk},
        "awards_proposal": {proposal.pk},
        "awards_proposalline": {line.pk},
    }


def table_names():
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


@pytest.mark.django_db(transaction=True)
def test_upgrade_from_previous_main_renames_tables_and_keeps_rows():
    old = migrate_history(PREVIOUS_MAIN)
    assert {"campaigns_unit", "campaigns_staffimport", "campaigns_activitylog", "campaigns_notification"} <= (
        table_names()
    )
    kept = fill_previous_main(old)

    migrate_latest()

    tables = table_names()
    models = [
        model
        for app in OUR_APPS
        for model in apps.get_app_config(app).get_models(include_auto_created=True)
        if not model._meta.proxy
    ]
    for model in models:  # every table, a join table included, is named after its own app and is there
        assert model._meta.db_table.startswith(f"{model._meta.app_label}_"), model
        assert model._meta.db_table in tables, model
    left_over = {table for table in tables if table.startswith(tuple(f"{app}_" for app in OUR_APPS))}
    assert left_over == {model._meta.db_table for model in models}
    connection.check_constraints()  # every foreign key points at a row of the renamed tables

    by_table = {model._meta.db_table: model for model in models}
    for table, ids in kept.items():
        assert set(by_table[table].objects.values_list("pk", flat=True)) == ids, table

    from activity.models import ActivityLog
    from awards.models import Proposal
    from campaigns.models import Campaign
    from notifications.models import Notification
    from organisation.models import Bloc, BlocMembership, Person, RoleAssignment, SheetImport, Unit

    member = Unit.objects.get(code="SYT")
    assert member.parent.name == "UBND tỉnh Thử"
    assert Person.objects.get().unit == member
    bloc = Bloc.objects.get()
    assert (bloc.council.unit, bloc.organizer) == (member.parent, member.parent)
    assert bloc.council.members.get().user.username == "thuky"
    assert BlocMembership.objects.get().unit == member
    assert RoleAssignment.objects.get().user.username == "vanthu"
    assert SheetImport.objects.get().rows == [{"full_name": "Lê Thị Bình"}]
    assert ActivityLog.objects.get().subject == member  # the log entry still names its unit
    assert list(Campaign.objects.get().blocs.all()) == [bloc]
    notification = Notification.objects.get()
    assert (notification.recipient.username, notification.unit, notification.milestone.name) == (
        "vanthu",
        member,
        "Đăng ký thi đua",
    )
    assert notification.recipient.notification_settings.email is False
    proposal = Proposal.objects.get()
    assert (proposal.proposer, proposal.lines.get().person.full_name) == (member, "Lê Thị Bình")
    # Searching by name anywhere inside still has its index on PostgreSQL.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model, index in [(Unit, "unit_search_name_trgm"), (Person, "person_search_name_trgm")]:
                assert index in connection.introspection.get_constraints(cursor, model._meta.db_table)
