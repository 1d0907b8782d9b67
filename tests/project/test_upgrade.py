"""A database migrated and filled before the organisation had its own app upgrades with every row, file and log
entry kept (run on PostgreSQL by CI, on SQLite by the quick start)."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.timezone import now

from .migrating import migrate_history, migrate_latest

# The leaf migrations of main before the move: what an existing database has applied.
BEFORE = [
    ("campaigns", "0004_reminders"),
    ("registrations", "0001_initial"),
    ("scoring", "0002_tie_break_women"),
    ("awards", "0002_rule_sets"),
    ("organisation", None),
    ("activity", None),
]


@pytest.mark.django_db(transaction=True)
def test_a_filled_database_upgrades_to_the_organisation_layout_with_everything_kept(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    old = migrate_history(BEFORE)
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
    Person.objects.create(unit=member_unit, full_name="Lê Thị Bình", search_name="le thi binh", sort_name="binh")
    council = Council.objects.create(name="Hội đồng TĐKT", search_name="hoi dong", sort_name="h", unit=province)
    bloc = Bloc.objects.create(name="Khối 8", search_name="khoi 8", sort_name="k", council=council)
    BlocMembership.objects.create(bloc=bloc, unit=leader_unit, year=2020, role="leader")
    BlocMembership.objects.create(bloc=bloc, unit=member_unit, year=2020, role="member")
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
    Registration.objects.create(campaign=campaign, unit=member_unit, status="submitted", version=1, submitted_at=now())
    stored = default_storage.save("scoring/bao-cao.pdf", ContentFile(b"%PDF-1.4 bao cao"))
    MidyearReport.objects.create(
        campaign=campaign, unit=member_unit, file=stored, original_name="bao-cao.pdf", size=16, uploaded_by=clerk
    )
    unit_type, _created = ContentType.objects.get_or_create(app_label="campaigns", model="unit")
    ActivityLog.objects.create(
        content_type=unit_type, object_id=member_unit.pk, action="staff.imported", user=clerk, data={"created": 1}
    )
    counts = {
        "units": Unit.objects.count(),
        "staff": Person.objects.count(),
        "memberships": BlocMembership.objects.count(),
        "log": ActivityLog.objects.count(),
    }

    migrate_latest()

    from activity.models import ActivityLog as Log
    from campaigns.models import Campaign as NewCampaign
    from organisation.access import viewer_for
    from organisation.models import Bloc as NewBloc
    from organisation.models import BlocMembership as NewMembership
    from organisation.models import CouncilMember
    from organisation.models import Person as NewPerson
    from organisation.models import RoleAssignment as NewRole
    from organisation.models import Unit as NewUnit
    from registrations.models import Registration as NewRegistration
    from scoring.models import MidyearReport as NewReport

    assert NewUnit.objects.count() == counts["units"]
    assert NewPerson.objects.get().unit.name == "Sở Y tế"
    assert NewMembership.objects.count() == counts["memberships"]
    assert Log.objects.count() == counts["log"]
    entry = Log.objects.get(action="staff.imported")
    assert entry.subject.name == "Sở Y tế"  # the log entry still names its unit
    assert set(NewCampaign.objects.get().blocs.values_list("name", flat=True)) == {"Khối 8"}
    assert NewRegistration.objects.get().unit.name == "Sở Y tế"
    report = NewReport.objects.get()
    assert report.file.read() == b"%PDF-1.4 bao cao"
    # Council roles became seats; the bloc-leader role folded into the leading unit's clerk.
    seats = dict(CouncilMember.objects.values_list("user__username", "position"))
    assert seats == {"thuky": "secretary", "uyvien": "member"}
    assert set(NewRole.objects.values_list("user__username", "role")) == {
        ("truong", "unit_clerk"),
        ("vanthu", "unit_clerk"),
    }
    assert NewBloc.objects.get().organizer.name == "UBND tỉnh Thử"
    from django.contrib.auth import get_user_model

    truong = get_user_model().objects.get(username="truong")
    assert viewer_for(truong).led_bloc_years == {(NewBloc.objects.get().pk, 2020)}


@pytest.mark.django_db(transaction=True)
def test_reminders_sent_before_the_upgrade_become_notifications_and_are_not_sent_again():
    from datetime import date

    old = migrate_history([("campaigns", "0005_organisation_and_activity_moved_out")])
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
    clerk = User.objects.create(username="vanthu", email="vanthu@example.vn")
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

    migrate_latest()

    from django_celery_beat.models import PeriodicTask as Task

    from notifications.models import Notification
    from notifications.reminders import reminders_create_due

    kept = Notification.objects.get()
    assert (kept.event, kept.email_status, kept.recipient.username) == ("reminder", "sent", "vanthu")
    assert reminders_create_due(today=date(2020, 6, 1)) == 0  # the same reminder, already there
    assert Notification.objects.count() == 1
    assert Task.objects.get().task == "notifications.tasks.send_notification_batch"
