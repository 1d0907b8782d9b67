"""Reminders before each deadline, to exactly those who still have to act, once (on the demo, loaded once)."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Campaign, Milestone
from notifications import services as notifications
from notifications.models import Reminder
from registrations.models import Registration
from scoring.models import MidyearReport, Scorecard


@pytest.fixture
def khoi8(shared_demo, db):
    campaign = Campaign.objects.get(issuing_bloc__name="Khối 8", year=2020)
    # Two more units have not sent their mid-year report, and two have their year-end papers still in draft.
    MidyearReport.objects.filter(campaign=campaign, unit__name__in=["Sở Giáo dục và Đào tạo", "Sở Y tế"]).delete()
    Scorecard.objects.filter(campaign=campaign, unit__name__in=["Báo Trà Vinh", "Sở Giáo dục và Đào tạo"]).update(
        status="draft"
    )
    return campaign


def run(day):
    call_command("send_reminders", date=day, stdout=open("/dev/null", "w"))


def recipients(**filters):
    return sorted(Reminder.objects.filter(**filters).values_list("recipient__username", flat=True))


def test_report_reminders_reach_exactly_the_units_without_a_report(khoi8):
    run("2020-06-01")  # 14 days before 15/6
    # Báo Trà Vinh, Sở GD&ĐT and Sở Y tế have no report; of their clerks only these have logins.
    assert recipients(milestone__kind="midyear_report") == ["baotv", "gddt", "khoi8.pho"]
    assert {m.to[0] for m in mail.outbox} == {"baotv@example.vn", "gddt@example.vn", "khoi8.pho@example.vn"}
    message = next(m for m in mail.outbox if m.to == ["gddt@example.vn"])
    assert "ngày 15 tháng 06 năm 2020" in message.body
    assert "còn 14 ngày" in message.body
    assert "/scoring/units/" in message.body and message.body.count("http://") == 1
    assert message.subject.startswith("Nhắc hạn: Báo cáo sơ kết 6 tháng đầu năm 2020")


def test_a_second_run_sends_nothing_more(khoi8):
    run("2020-06-01")
    count, emails = Reminder.objects.count(), len(mail.outbox)
    run("2020-06-01")
    assert (Reminder.objects.count(), len(mail.outbox)) == (count, emails)


def test_offsets_days_and_the_day_after(khoi8):
    for day in ["2020-06-02", "2020-06-05", "2020-06-13"]:
        run(day)
    assert not Reminder.objects.exists()  # 13, 10 and 2 days before: no reminder day
    for day, offset in [("2020-06-08", 7), ("2020-06-12", 3), ("2020-06-14", 1), ("2020-06-16", -1)]:
        run(day)
        assert Reminder.objects.filter(offset=offset).count() == 3
    assert "đã qua" in Reminder.objects.get(offset=-1, recipient__username="gddt").body


def test_year_end_reminders_reach_the_units_that_have_not_sent(khoi8):
    run("2021-01-30")
    assert recipients(milestone__kind="yearend_report") == ["baotv", "gddt"]


def test_a_unit_that_has_sent_gets_nothing(khoi8):
    Scorecard.objects.filter(campaign=khoi8, unit__name="Sở Giáo dục và Đào tạo").update(status="submitted")
    run("2021-01-30")
    assert recipients(milestone__kind="yearend_report") == ["baotv"]


def test_a_changed_deadline_moves_its_reminders(khoi8):
    Milestone.objects.filter(campaign=khoi8, kind="midyear_report").update(due_on=date(2020, 6, 30))
    run("2020-06-01")
    assert not Reminder.objects.filter(milestone__kind="midyear_report").exists()
    run("2020-06-16")  # 14 days before the new deadline
    assert Reminder.objects.filter(milestone__kind="midyear_report", deadline=date(2020, 6, 30)).count() == 3


def test_registration_reminders_skip_units_that_sent(khoi8):
    run("2020-03-17")  # 14 days before 31/03
    # Báo Trà Vinh's registration is a draft; Sở GD&ĐT's was sent; the others have no login.
    assert recipients(milestone__kind="registration") == ["baotv"]
    Registration.objects.filter(unit__name="Báo Trà Vinh").update(status="submitted", submitted_at=timezone.now())
    run("2020-03-24")
    assert recipients(milestone__kind="registration") == ["baotv"]


def test_campaign_without_reminder_days_sends_none(khoi8):
    Campaign.objects.filter(pk=khoi8.pk).update(reminder_days="")
    run("2020-06-01")
    assert not Reminder.objects.exists()


def test_mail_failures_are_retried_with_backoff_then_shown_as_failed(khoi8, settings):
    settings.EMAIL_BACKEND = "tests.mail.FailingBackend"
    run("2020-06-01")
    reminder = Reminder.objects.get(recipient__username="gddt")
    assert reminder.email_status == "pending" and reminder.attempts == 1
    assert "SMTP server unreachable" in reminder.last_error
    assert reminder.next_attempt_at > timezone.now() + timedelta(minutes=1)
    notifications.notifications_send_pending()
    assert Reminder.objects.get(pk=reminder.pk).attempts == 1  # not due again yet
    for _ in range(notifications.MAX_ATTEMPTS):
        Reminder.objects.update(next_attempt_at=None)
        notifications.notifications_send_pending()
    assert Reminder.objects.get(pk=reminder.pk).email_status == "failed"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    reminder.refresh_from_db()
    assert reminder.read_at is None  # the in-app notification is there whatever the mail did


def test_in_app_notifications_with_an_unread_count(client, khoi8):
    run("2020-06-01")
    client.login(username="gddt", password="thidua2020")
    page = client.get(reverse("dashboard")).content.decode()
    assert 'id="unread-count">1<' in page
    listing = client.get(reverse("notifications:list"))
    assert "ngày 15 tháng 06 năm 2020" in listing.content.decode()
    assert 'id="unread-count"' not in client.get(reverse("dashboard")).content.decode()
    client.login(username="baotv", password="thidua2020")
    items = client.get(reverse("notifications:list")).context["items"]
    assert {item.recipient.username for item in items} == {"baotv"}
