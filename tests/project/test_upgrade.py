"""Databases migrated and filled by older releases upgrade with every row, file and log entry kept (run on
PostgreSQL by CI, on SQLite by the quick start).

Every scenario is written into one database, taken once for the module from
before our first migration forwards along the migrations as they shipped:
each scenario's rows go in, through the models of that time, at the point
where the migrations it is about have not run yet, and at the end the
database is upgraded the way `manage.py migrate` does. Each test then reads
its own scenario's rows only. When the module ends, our apps' tables are
put back as they were and every row is as the session's database had it, for
the tests that come after.
"""

from datetime import date
from decimal import Decimal
from importlib import import_module

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings
from django.urls import reverse
from django.utils.timezone import now

from campaigns.titles import ensure_default_titles

from .migrating import (
    OUR_APPS,
    PREVIOUS_MAIN,
    HistoryExecutor,
    backwards,
    forwards,
    out_of_a_failed_migration,
    set_our_apps_aside,
)

pytestmark = [pytest.mark.django_db, pytest.mark.first]

# The leaf migrations of main before the organisation had its own app.
BEFORE_ORGANISATION = [
    ("campaigns", "0004_reminders"),
    ("registrations", "0001_initial"),
    ("scoring", "0002_tie_break_women"),
    ("awards", "0002_rule_sets"),
]
# Before the score history, a unique initiative and a unique midyear report.
BEFORE_SCORE_HISTORY = [
    ("scoring", "0003_units_from_organisation"),
    ("activity", "0001_moved_from_campaigns"),
    ("awards", "0003_units_and_councils_from_organisation"),
]
BEFORE_NOTIFICATIONS = [("campaigns", "0005_organisation_and_activity_moved_out")]
BEFORE_UNIQUE_REPORTS = [("scoring", "0004_scorechange")]
BEFORE_RULE_BOOKS = [("awards", "0011_proposal_line_version")]
BEFORE_TIE_CASCADES = [
    ("scoring", "0001_squashed_0007_publication_and_objections"),
    ("awards", "0013_rule_books_of_the_offices"),
]
AFTER_TIE_CASCADES = [("scoring", "0003_classification_ties_quotas"), ("awards", "0014_campaign_quotas")]
# Only the cascades' migrations taken back: scoring's 0002 before them has nothing to do with the tie rule.
BACK_TO_ONE_TIE_RULE = [("scoring", "0002_criteria_tree_and_methods"), ("awards", "0013_rule_books_of_the_offices")]
ND152 = "luat-2022-nd-152-2025"


@pytest.fixture(scope="module")
def upgraded(django_db_setup, django_db_blocker, tmp_path_factory):
    """Each scenario's ids (and what was read on the way), by scenario, in the upgraded database."""
    put_rows_back = django_db_setup
    with override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))):
        with django_db_blocker.unblock():
            put_tables_back = set_our_apps_aside(connection)
            try:
                story = tell()
            except BaseException as error:
                out_of_a_failed_migration(connection, error)
                put_tables_back()
                put_rows_back()
                raise
        yield story
        with django_db_blocker.unblock():
            put_tables_back()
            put_rows_back()


def tell():
    history = HistoryExecutor(connection)
    old = forwards(history, BEFORE_ORGANISATION)
    story = {"organisation_layout": fill_organisation_layout(old.apps)}
    old = forwards(history, BEFORE_SCORE_HISTORY, old)
    world = story["world"] = fill_world(old.apps)
    story["score_history"] = fill_score_history(old.apps, world)
    story["initiatives"] = fill_initiatives_posted_twice(old.apps, world)
    old = forwards(history, BEFORE_NOTIFICATIONS, old)
    story["reminders"] = fill_reminders(old.apps)
    old = forwards(history, BEFORE_UNIQUE_REPORTS, old)
    story["reports"] = fill_reports_sent_twice(old.apps, world)
    old = forwards(history, PREVIOUS_MAIN, old)
    story["previous_main"] = fill_previous_main(old.apps)
    story["second_drafts"] = fill_second_drafts(old.apps, world)

    # From here on the migrations as they ship, the squashes counted as applied.
    shipped = MigrationExecutor(connection)
    old = forwards(shipped, BEFORE_RULE_BOOKS)
    story["decree_152"] = fill_decree_152(old.apps, world)
    old = forwards(shipped, BEFORE_TIE_CASCADES, old)
    story["tie_rules"] = fill_tie_rules(old.apps, world)
    forwards(shipped, AFTER_TIE_CASCADES, old)
    old = backwards(shipped, BACK_TO_ONE_TIE_RULE)
    ties = story["tie_rules"]
    policies = old.apps.get_model("scoring", "ScoringPolicy").objects
    chosen = policies.filter(campaign_id__in=[ties["default"], ties["women"], ties["shared"]])
    ties["chosen_back"] = dict(chosen.values_list("campaign_id", "tie_break"))
    forwards(shipped, shipped.loader.graph.leaf_nodes(), old)  # every app to its newest, as `manage.py migrate`
    return story


def table_names():
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def fill_organisation_layout(old):
    """A filled database of the time when units, staff, blocs, councils and the log were campaigns' models."""
    ContentType = old.get_model("contenttypes", "ContentType")
    User = old.get_model("auth", "User")
    Unit = old.get_model("campaigns", "Unit")
    Person = old.get_model("campaigns", "Person")
    Council = old.get_model("campaigns", "Council")
    Bloc = old.get_model("campaigns", "Bloc")
    BlocMembership = old.get_model("campaigns", "BlocMembership")
    RoleAssignment = old.get_model("campaigns", "RoleAssignment")
    ActivityLog = old.get_model("campaigns", "ActivityLog")
    Campaign = old.get_model("campaigns", "Campaign")
    Registration = old.get_model("registrations", "Registration")
    MidyearReport = old.get_model("scoring", "MidyearReport")

    province = Unit.objects.create(name="UBND tỉnh Thử", search_name="ubnd tinh thu", sort_name="a")
    leader_unit = Unit.objects.create(name="Sở Văn hóa", search_name="so van hoa", sort_name="b")
    member_unit = Unit.objects.create(name="Sở Y tế", search_name="so y te", sort_name="c")
    person = Person.objects.create(
        unit=member_unit, full_name="Lê Thị Bình", search_name="le thi binh", sort_name="binh"
    )
    council = Council.objects.create(name="Hội đồng TĐKT", search_name="hoi dong", sort_name="h", unit=province)
    bloc = Bloc.objects.create(name="Khối 8", search_name="khoi 8", sort_name="k", council=council)
    memberships = [
        BlocMembership.objects.create(bloc=bloc, unit=leader_unit, year=2020, role="leader"),
        BlocMembership.objects.create(bloc=bloc, unit=member_unit, year=2020, role="member"),
    ]
    leader, clerk, secretary, member = (
        User.objects.create(username=name) for name in ("truong", "vanthu", "thuky", "uyvien")
    )
    RoleAssignment.objects.create(user=leader, role="bloc_leader", unit=leader_unit)
    RoleAssignment.objects.create(user=clerk, role="unit_clerk", unit=member_unit)
    RoleAssignment.objects.create(user=secretary, role="council_secretary", council=council)
    RoleAssignment.objects.create(user=member, role="council_member", council=council)
    campaign = Campaign.objects.create(
        name="Phong trào 2020", search_name="phong trao 2020", sort_name="p", issuer=leader_unit, year=2020
    )
    campaign.blocs.set([bloc])
    registration = Registration.objects.create(
        campaign=campaign, unit=member_unit, status="submitted", version=1, submitted_at=now()
    )
    stored = default_storage.save("scoring/bao-cao.pdf", ContentFile(b"%PDF-1.4 bao cao"))
    report = MidyearReport.objects.create(
        campaign=campaign, unit=member_unit, file=stored, original_name="bao-cao.pdf", size=16, uploaded_by=clerk
    )
    unit_type, _created = ContentType.objects.get_or_create(app_label="campaigns", model="unit")
    entry = ActivityLog.objects.create(
        content_type=unit_type, object_id=member_unit.pk, action="staff.imported", user=clerk, data={"created": 1}
    )
    return {
        "units": {province.pk, leader_unit.pk, member_unit.pk},
        "person": person.pk,
        "council": council.pk,
        "bloc": bloc.pk,
        "memberships": {membership.pk for membership in memberships},
        "users": ["truong", "vanthu", "thuky", "uyvien"],
        "campaign": campaign.pk,
        "registration": registration.pk,
        "report": report.pk,
        "log": entry.pk,
    }


def test_a_filled_database_upgrades_to_the_organisation_layout_with_everything_kept(upgraded):
    from django.contrib.auth import get_user_model

    from activity.models import ActivityLog
    from campaigns.models import Campaign
    from organisation.access import viewer_for
    from organisation.models import Bloc, BlocMembership, CouncilMember, Person, RoleAssignment, Unit
    from registrations.models import Registration
    from scoring.models import MidyearReport

    kept = upgraded["organisation_layout"]
    assert set(Unit.objects.filter(pk__in=kept["units"]).values_list("pk", flat=True)) == kept["units"]
    assert Person.objects.get(pk=kept["person"]).unit.name == "Sở Y tế"
    assert set(BlocMembership.objects.filter(bloc=kept["bloc"]).values_list("pk", flat=True)) == kept["memberships"]
    entry = ActivityLog.objects.get(pk=kept["log"])
    assert entry.action == "staff.imported"
    assert entry.subject.name == "Sở Y tế"  # the log entry still names its unit
    assert set(Campaign.objects.get(pk=kept["campaign"]).blocs.values_list("name", flat=True)) == {"Khối 8"}
    assert Registration.objects.get(pk=kept["registration"]).unit.name == "Sở Y tế"
    report = MidyearReport.objects.get(pk=kept["report"])
    assert report.file.read() == b"%PDF-1.4 bao cao"
    # Council roles became seats; the bloc-leader role folded into the leading unit's clerk.
    seats = dict(CouncilMember.objects.filter(council=kept["council"]).values_list("user__username", "position"))
    assert seats == {"thuky": "secretary", "uyvien": "member"}
    assert set(
        RoleAssignment.objects.filter(user__username__in=kept["users"]).values_list("user__username", "role")
    ) == {
        ("truong", "unit_clerk"),
        ("vanthu", "unit_clerk"),
    }
    bloc = Bloc.objects.get(pk=kept["bloc"])
    assert bloc.organizer.name == "UBND tỉnh Thử"
    truong = get_user_model().objects.get(username="truong")
    assert viewer_for(truong).led_bloc_years == {(bloc.pk, 2020)}


def fill_world(old):
    """What the `world` fixture makes, as a database of the time held it, for the scenarios written on it: two
    units of a province in its council's bloc with an open campaign, a clerk of each, and an administrator."""
    get = old.get_model
    Unit, User, RoleAssignment = get("organisation", "Unit"), get("auth", "User"), get("organisation", "RoleAssignment")
    province = Unit.objects.create(
        name="Ủy ban nhân dân tỉnh Thử", search_name="uy ban nhan dan tinh thu", sort_name="u", kind="peoples_committee"
    )
    council = get("organisation", "Council").objects.create(
        name="Hội đồng Thi đua – Khen thưởng tỉnh Thử",
        search_name="hoi dong",
        sort_name="h",
        level="province",
        unit=province,
    )
    unit_a = Unit.objects.create(name="Sở Văn hóa Thử", search_name="so van hoa thu", sort_name="v", parent=province)
    unit_b = Unit.objects.create(name="Sở Y tế Thử", search_name="so y te thu", sort_name="y", parent=province)
    bloc = get("organisation", "Bloc").objects.create(
        name="Khối 1",
        search_name="khoi 1",
        sort_name="k",
        full_name="Khối thi đua Thử",
        council=council,
        organizer=province,
    )
    memberships = get("organisation", "BlocMembership").objects
    memberships.create(bloc=bloc, unit=unit_a, year=2020, role="leader")
    memberships.create(bloc=bloc, unit=unit_b, year=2020, role="vice_leader")
    # By id: campaigns still had models of their own over the units' and blocs' tables.
    campaign = get("campaigns", "Campaign").objects.create(
        name="Phong trào thi đua năm 2020",
        search_name="phong trao thi dua nam 2020",
        sort_name="p",
        issuer_id=unit_a.pk,
        issuing_bloc_id=bloc.pk,
        council_id=council.pk,
        year=2020,
        status="active",
    )
    campaign.blocs.set([bloc.pk])
    clerk_b, leader = User.objects.create(username="clerk_b"), User.objects.create(username="leader")
    RoleAssignment.objects.create(user=clerk_b, role="unit_clerk", unit=unit_b)
    RoleAssignment.objects.create(user=leader, role="unit_clerk", unit=unit_a)
    admin = User.objects.create(username="root", is_superuser=True, is_staff=True)
    return {
        "council": council.pk,
        "unit_a": unit_a.pk,
        "unit_b": unit_b.pk,
        "campaign": campaign.pk,
        "clerk_b": clerk_b.pk,
        "leader": leader.pk,
        "admin": admin.pk,
    }


def fill_score_history(old, world):
    criterion = old.get_model("scoring", "Criterion").objects.create(
        campaign_id=world["campaign"], position=1, text="Nhiệm vụ", max_points=10
    )
    campaign_type, _created = old.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="campaigns", model="campaign"
    )
    data = {"unit": world["unit_b"], "scorer": world["unit_a"], "criterion": criterion.pk, "old": "7.00", "new": "8.50"}
    logged = {"content_type": campaign_type, "object_id": world["campaign"], "action": "score.changed"}
    log = old.get_model("activity", "ActivityLog").objects
    entry = log.create(**logged, user_id=world["leader"], data=data)
    log.create(**logged, user_id=world["leader"], data={**data, "criterion": 0})
    return {"criterion": criterion.pk, "logged_at": entry.created_at}


def test_score_history_is_carried_over_from_the_activity_log(upgraded):
    """Score changes logged before the history had its own table still show after the upgrade."""
    from scoring.models import ScoreChange

    world, logged = upgraded["world"], upgraded["score_history"]
    (change,) = ScoreChange.objects.filter(unit=world["unit_b"])
    assert (change.unit_id, change.scorer_id, change.criterion_id) == (
        world["unit_b"],
        world["unit_a"],
        logged["criterion"],
    )
    assert (change.old, change.new, change.changed_by_id, change.changed_at) == (
        Decimal("7.00"),
        Decimal("8.50"),
        world["leader"],
        logged["logged_at"],
    )


def fill_initiatives_posted_twice(old, world):
    person = old.get_model("organisation", "Person").objects.create(
        unit_id=world["unit_b"],
        full_name="Nguyễn Thị Lan",
        search_name="nguyen thi lan",
        sort_name="lan",
        gender="female",
    )
    initiatives = old.get_model("awards", "Initiative").objects
    made = {"created_by_id": world["clerk_b"], "person": person, "year": 2020}
    waiting = initiatives.create(**made, name="Số hóa hồ sơ")
    initiatives.create(**made, name="Số hóa hồ sơ")
    initiatives.create(**made, name="Số hóa hồ sơ", status="recognised", decision="QĐ 12")
    initiatives.create(**made, name="Số hóa hồ sơ", status="rejected")
    other = initiatives.create(**made, name="Tiết kiệm điện")
    return {"person": person.pk, "waiting": waiting.pk, "other": other.pk}


def test_initiatives_posted_twice_are_merged_before_they_become_unique(upgraded):
    from awards.models import Initiative

    posted = upgraded["initiatives"]
    rows = sorted(Initiative.objects.filter(person=posted["person"]).values_list("name", "status"))
    assert rows == [("Số hóa hồ sơ", "recognised"), ("Số hóa hồ sơ (2)", "rejected"), ("Tiết kiệm điện", "submitted")]
    assert not Initiative.objects.filter(pk=posted["waiting"]).exists()
    assert Initiative.objects.filter(pk=posted["other"]).exists()


def fill_reminders(old):
    User = old.get_model("auth", "User")
    Unit = old.get_model("organisation", "Unit")
    Bloc = old.get_model("organisation", "Bloc")
    BlocMembership = old.get_model("organisation", "BlocMembership")
    RoleAssignment = old.get_model("organisation", "RoleAssignment")
    Campaign = old.get_model("campaigns", "Campaign")
    Milestone = old.get_model("campaigns", "Milestone")
    Reminder = old.get_model("campaigns", "Reminder")
    PeriodicTask = old.get_model("django_celery_beat", "PeriodicTask")
    IntervalSchedule = old.get_model("django_celery_beat", "IntervalSchedule")

    leader = Unit.objects.create(name="Sở Văn hóa", search_name="so van hoa", sort_name="a")
    member = Unit.objects.create(name="Sở Y tế", search_name="so y te", sort_name="b")
    bloc = Bloc.objects.create(name="Khối 8", search_name="khoi 8", sort_name="k")
    BlocMembership.objects.create(bloc=bloc, unit=leader, year=2020, role="leader")
    BlocMembership.objects.create(bloc=bloc, unit=member, year=2020, role="member")
    clerk = User.objects.create(username="vanthu_nhac", email="vanthu@example.vn")
    RoleAssignment.objects.create(user=clerk, role="unit_clerk", unit=member)
    campaign = Campaign.objects.create(
        name="Phong trào 2020", search_name="p", sort_name="p", issuer=leader, year=2020, status="active"
    )
    campaign.blocs.set([bloc])
    milestone = Milestone.objects.create(
        campaign=campaign, kind="midyear_report", name="Báo cáo sơ kết", due_on=date(2020, 6, 15)
    )
    Reminder.objects.create(
        milestone=milestone,
        deadline=date(2020, 6, 15),
        offset=14,
        unit=member,
        recipient=clerk,
        subject="Nhắc hạn",
        body="…",
        link="/",
        email_status="sent",
    )
    every = IntervalSchedule.objects.create(every=15, period="minutes")
    PeriodicTask.objects.create(name="Gửi lại", task="campaigns.tasks.send_reminder_batch", interval=every)
    return {"clerk": clerk.username, "task": "Gửi lại"}


def test_reminders_sent_before_the_upgrade_become_notifications_and_are_not_sent_again(upgraded):
    from django_celery_beat.models import PeriodicTask

    from notifications.models import Notification
    from notifications.reminders import reminders_create_due

    sent = upgraded["reminders"]
    kept = Notification.objects.get(recipient__username=sent["clerk"])
    assert (kept.event, kept.email_status) == ("reminder", "sent")
    assert reminders_create_due(today=date(2020, 6, 1)) == 0  # the same reminder, already there
    assert Notification.objects.filter(recipient__username=sent["clerk"]).count() == 1
    assert PeriodicTask.objects.get(name=sent["task"]).task == "notifications.tasks.send_notification_batch"


def fill_reports_sent_twice(old, world):
    reports = old.get_model("scoring", "MidyearReport").objects
    made = {"campaign_id": world["campaign"], "unit_id": world["unit_b"], "size": 1, "uploaded_by_id": world["clerk_b"]}
    reports.create(**made, original_name="lan-1.pdf", file="scoring/lan-1.pdf")
    reports.create(**made, original_name="lan-2.pdf", file="scoring/lan-2.pdf")
    reports.create(**{**made, "unit_id": world["unit_a"]}, original_name="a.pdf", file="scoring/a.pdf")
    return {"campaign": world["campaign"]}


def test_reports_sent_twice_keep_the_latest_before_they_become_unique(upgraded):
    from scoring.models import MidyearReport

    reports = MidyearReport.objects.filter(campaign=upgraded["reports"]["campaign"])
    assert sorted(reports.values_list("original_name", flat=True)) == ["a.pdf", "lan-2.pdf"]


def fill_previous_main(old):
    """One or more rows in every table that moves, through the models as d290e13 had them; their ids by table, and
    the tables that database had."""
    User = old.get_model("auth", "User")
    ContentType = old.get_model("contenttypes", "ContentType")
    Unit = old.get_model("organisation", "Unit")
    clerk, secretary = (User.objects.create(username=name) for name in ("vanthu_2026", "thuky_2026"))
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
        "tables": table_names(),
        "ids": {
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
        },
    }


def test_upgrade_from_previous_main_renames_tables_and_keeps_rows(upgraded):
    """A database of the previous main (d290e13) upgrades: the tables still named after `campaigns` take their own
    apps' names, and every row stays and reads through the current models."""
    previous = upgraded["previous_main"]
    assert {"campaigns_unit", "campaigns_staffimport", "campaigns_activitylog", "campaigns_notification"} <= (
        previous["tables"]
    )

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
    for table, ids in previous["ids"].items():
        assert set(by_table[table].objects.filter(pk__in=ids).values_list("pk", flat=True)) == ids, table

    from activity.models import ActivityLog
    from awards.models import Proposal
    from campaigns.models import Campaign
    from notifications.models import Notification
    from organisation.models import Bloc, BlocMembership, Person, RoleAssignment, SheetImport, Unit

    ids = previous["ids"]
    (person,) = ids["organisation_person"]
    (bloc,) = ids["organisation_bloc"]
    member = Unit.objects.get(code="SYT")
    assert member.parent.name == "UBND tỉnh Thử"
    assert Person.objects.get(pk=person).unit == member
    bloc = Bloc.objects.get(pk=bloc)
    assert (bloc.council.unit, bloc.organizer) == (member.parent, member.parent)
    assert bloc.council.members.get().user.username == "thuky_2026"
    assert BlocMembership.objects.get(bloc=bloc).unit == member
    assert RoleAssignment.objects.get(unit=member).user.username == "vanthu_2026"
    assert SheetImport.objects.get(unit=member).rows == [{"full_name": "Lê Thị Bình"}]
    (entry,) = ids["activity_activitylog"]
    assert ActivityLog.objects.get(pk=entry).subject == member  # the log entry still names its unit
    campaign = Campaign.objects.get(blocs=bloc)
    assert list(campaign.blocs.all()) == [bloc]
    notification = Notification.objects.get(unit=member)
    assert (notification.recipient.username, notification.milestone.name) == ("vanthu_2026", "Đăng ký thi đua")
    assert notification.recipient.notification_settings.email is False
    proposal = Proposal.objects.get(campaign=campaign)
    assert (proposal.proposer, proposal.lines.get().person.full_name) == (member, "Lê Thị Bình")
    # Searching by name anywhere inside still has its index on PostgreSQL.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model, index in [(Unit, "unit_search_name_trgm"), (Person, "person_search_name_trgm")]:
                assert index in connection.introspection.get_constraints(cursor, model._meta.db_table)


def fill_second_drafts(old, world):
    """Written with the models as they were then (later columns, such as a line's version, did not exist yet)."""
    staff = old.get_model("organisation", "Person").objects
    lan = staff.create(
        unit_id=world["unit_b"], full_name="Nguyễn Thị Lan", search_name="nguyen thi lan", sort_name="lan"
    )
    binh = staff.create(
        unit_id=world["unit_b"], full_name="Trần Văn Bình", search_name="tran van binh", sort_name="binh"
    )
    titles = old.get_model("campaigns", "Title").objects
    ldtt, cstdcs = titles.get(code="ldtt"), titles.get(code="cstdcs")
    OldProposal, OldLine = old.get_model("awards", "Proposal"), old.get_model("awards", "ProposalLine")
    made = {
        "campaign_id": world["campaign"],
        "kind": "unit",
        "proposer_id": world["unit_b"],
        "council_id": world["council"],
        "created_by_id": world["clerk_b"],
    }
    first = OldProposal.objects.create(**made, summary="Tờ trình bị trả lại", returned_reason="Thiếu thành tích")
    OldLine.objects.create(proposal=first, position=1, title=ldtt, person=lan)
    second = OldProposal.objects.create(**made, summary="Tờ trình lập lại", number="12/TTr")
    OldLine.objects.create(proposal=second, position=1, title=ldtt, person=lan)  # already in the first
    OldLine.objects.create(proposal=second, position=2, title=cstdcs, person=lan)
    OldLine.objects.create(proposal=second, position=3, title=ldtt, person=binh)
    sent = OldProposal.objects.create(**made, summary="Tờ trình đã trình", status="submitted")
    other_unit = OldProposal.objects.create(**{**made, "proposer_id": world["unit_a"]}, summary="Của đơn vị khác")
    return {"first": first.pk, "kept": {first.pk, sent.pk, other_unit.pk}}


def test_second_drafts_of_a_proposer_are_folded_into_the_first_before_one_draft_is_held(client, upgraded):
    from django.contrib.auth import get_user_model

    from activity.models import ActivityLog
    from awards.models import Proposal

    world, drafts = upgraded["world"], upgraded["second_drafts"]
    assert set(Proposal.objects.filter(campaign=world["campaign"]).values_list("pk", flat=True)) == drafts["kept"]
    first = Proposal.objects.get(pk=drafts["first"])
    lines = [(line.position, line.title.code, line.person.full_name) for line in first.lines.all()]
    assert lines == [(1, "ldtt", "Nguyễn Thị Lan"), (2, "cstdcs", "Nguyễn Thị Lan"), (3, "ldtt", "Trần Văn Bình")]
    assert (first.status, first.returned_reason) == ("draft", "Thiếu thành tích")
    entry = ActivityLog.objects.get(action="proposal.drafts_merged")
    assert entry.subject == first and (entry.data["summary"], entry.data["number"]) == ("Tờ trình lập lại", "12/TTr")
    client.force_login(get_user_model().objects.get(pk=world["clerk_b"]))
    history = client.get(reverse("awards:detail", args=[first.pk])).content.decode()
    assert "gộp vào tờ trình các dòng của một dự thảo thứ hai (khi nâng cấp)" in history


def fill_decree_152(old, world):
    get = old.get_model
    RuleSet, Title = get("awards", "RuleSet"), get("campaigns", "Title")
    # The sets as the squashed history ships them, as a database of November 2026 holds them.
    ensure_default_titles(Title)
    RuleSet.objects.all().delete()
    import_module("awards.migrations.0001_squashed_0008_the_way_up").add_rule_sets(old, None)
    judged_by = RuleSet.objects.get(code=ND152)
    thresholds = get("awards", "VoteThreshold").objects
    shipped_threshold = thresholds.filter(rule_set=judged_by, title__code="cstdcs", percent=80).exists()

    campaign = get("campaigns", "Campaign").objects.create(
        name="Phong trào năm 2025",
        search_name="phong trao",
        sort_name="p",
        issuer_id=world["unit_a"],
        council_id=world["council"],
        year=2025,
        status="active",
    )
    proposal = get("awards", "Proposal").objects.create(
        campaign=campaign,
        kind="unit",
        proposer_id=world["unit_a"],
        council_id=world["council"],
        summary="Đề nghị năm 2025",
        status="approved",
        created_by_id=world["admin"],
    )
    person = get("organisation", "Person").objects.create(
        unit_id=world["unit_a"], full_name="Lý Thị Hồng", search_name="ly thi hong", sort_name="hong"
    )
    line = get("awards", "ProposalLine").objects.create(
        proposal=proposal,
        title=Title.objects.get(code="cstdcs"),
        person=person,
        decision="approved",
        reason="9 của 10 thành viên đồng ý (90%; cần 80% tổng số thành viên).",
    )
    ballot = get("awards", "CouncilBallot").objects.create(
        proposal=proposal,
        status="closed",
        held_on=date(2025, 12, 20),
        member_count=10,
        quorum=Decimal("66.67"),
        quorum_source="cũ",
        opened_by_id=world["admin"],
    )
    get("awards", "BallotThreshold").objects.create(
        ballot=ballot, title=Title.objects.get(code="cstdcs"), percent=80, legal_source="Nghị định 152/2025 (cũ)"
    )
    return {"judged_by": judged_by.pk, "shipped_threshold": shipped_threshold, "ballot": ballot.pk, "line": line.pk}


def test_a_campaign_judged_under_the_old_decree_152_set_keeps_its_results(upgraded):
    """An existing database upgrades to the rule books with its judged campaigns' results kept."""
    from awards.models import BallotThreshold, CouncilBallot, ProposalLine, RuleSet, VoteThreshold

    judged = upgraded["decree_152"]
    assert judged["shipped_threshold"]
    kept = CouncilBallot.objects.get(pk=judged["ballot"]).rule_set
    assert kept.pk == judged["judged_by"] and kept.superseded_at is not None  # the version that judged it, kept
    assert VoteThreshold.objects.filter(rule_set=kept, title__code="cstdcs", percent=80).exists()
    assert BallotThreshold.objects.get(ballot_id=judged["ballot"]).percent == 80
    assert ProposalLine.objects.get(pk=judged["line"]).decision == "approved"
    corrected = RuleSet.objects.get(code=ND152)
    assert corrected.previous_id == kept.pk and corrected.valid_to == date(2027, 2, 28)
    assert set(
        VoteThreshold.objects.filter(rule_set=corrected, title__isnull=False).values_list("title__code", flat=True)
    ) == {"cstd-toan-quoc", "co-thi-dua-cp"}


def fill_tie_rules(old, world):
    Campaign, Policy = old.get_model("campaigns", "Campaign"), old.get_model("scoring", "ScoringPolicy")
    made = {"issuer_id": world["unit_a"], "year": 2020, "sort_name": "p"}
    women = Campaign.objects.create(**made, name="Phong trào nữ", search_name="phong trao nu")
    shared = Campaign.objects.create(**made, name="Phong trào đồng hạng", search_name="phong trao dong hang")
    Policy.objects.create(campaign=women, tie_break="women")
    Policy.objects.create(campaign=shared, tie_break="none")
    return {"default": world["campaign"], "women": women.pk, "shared": shared.pk}


def test_each_campaigns_tie_rule_becomes_the_first_step_of_its_cascade(upgraded):
    """The single tie rule a campaign had becomes the first step of its cascade when the database is upgraded."""
    from scoring.models import TieRule

    ties = upgraded["tie_rules"]
    cascades = {rule.campaign_id: (rule.position, rule.kind) for rule in TieRule.objects.all()}
    # Without scoring rules a campaign had the default: fewer deductions first.
    assert cascades[ties["default"]] == (1, "fewer_deductions")
    assert cascades[ties["women"]] == (1, "women")
    assert ties["shared"] not in cascades
    # And back (the story took the cascades back once): the first step returns to the single choice.
    assert ties["chosen_back"] == {ties["women"]: "women", ties["shared"]: "none"}
