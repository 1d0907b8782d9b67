"""Every step of the year tells the people it concerns, in the app and by email, once."""

import pytest
from django.core import mail
from django.urls import reverse

from campaigns import notifications
from campaigns.models import Notification


def test_a_person_turns_email_off_and_keeps_the_in_app_notification(login, world, django_capture_on_commit_callbacks):
    clerk = world["clerk_b"]
    clerk.email = "b@example.vn"
    clerk.save()
    client = login(clerk)
    page = client.get(reverse("dashboard")).content.decode()
    assert reverse("notification_settings") in page  # in the user menu
    assert client.get(reverse("notification_settings")).context["form"]["email"].value() is True
    client.post(reverse("notification_settings"), {})
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify(
            event="test.event",
            key="1",
            recipients=[clerk.pk],
            link="/",
            message=lambda: ("Tiêu đề", "Kính gửi", ["Nội dung"]),
        )
    assert not mail.outbox
    notice = Notification.objects.get(recipient=clerk)
    assert notice.email_status == Notification.EmailStatus.TURNED_OFF
    assert 'id="unread-count">1<' in client.get(reverse("dashboard")).content.decode()
    client.post(reverse("notification_settings"), {"email": "on"})
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify(
            event="test.event",
            key="2",
            recipients=[clerk.pk],
            link="/",
            message=lambda: ("Tiêu đề 2", "Kính gửi", ["Nội dung"]),
        )
    assert [message.subject for message in mail.outbox] == ["Tiêu đề 2"]


@pytest.mark.django_db
def test_the_same_event_told_twice_makes_one_notification(world, django_capture_on_commit_callbacks):
    clerk = world["clerk_b"]
    clerk.email = "b@example.vn"
    clerk.save()
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            notifications.notify(
                event="test.event",
                key="same",
                recipients=[clerk.pk, world["clerk_a"].pk],
                actor=world["clerk_a"],
                link="/",
                message=lambda: ("Tiêu đề", "Kính gửi", ["Nội dung"]),
            )
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1
