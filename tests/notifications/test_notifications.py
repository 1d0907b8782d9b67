"""Every step of the year tells the people it concerns, in the app and by email, once."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.models import Proposal, ProposalLine
from campaigns.models import Title
from notifications import services as notifications
from notifications.models import Notification
from organisation.models import Person
from registrations.models import Registration
from tests.awards.test_decisions import cast, close, decision_data, open_ballot
from tests.registrations.test_registrations import edit_url, form_data
from tests.scoring.test_scoring import score_everyone


def test_a_person_turns_email_off_and_keeps_the_in_app_notification(login, world, django_capture_on_commit_callbacks):
    clerk = world["clerk_b"]
    clerk.email = "b@example.vn"
    clerk.save()
    client = login(clerk)
    page = client.get(reverse("dashboard")).content.decode()
    assert reverse("notifications:settings") in page  # in the user menu
    assert client.get(reverse("notifications:settings")).context["form"]["email"].value() is True
    client.post(reverse("notifications:settings"), {})
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
    client.post(reverse("notifications:settings"), {"email": "on"})
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


def with_addresses(*users):
    for user in users:
        user.email = f"{user.username}@example.vn"
        user.save()


def told(event, user=None):
    notices = Notification.objects.filter(event=event)
    return notices.filter(recipient=user) if user is not None else notices


def test_return_notifies_clerk_once(login, reg, django_capture_on_commit_callbacks):
    with_addresses(reg["clerk_a"], reg["clerk_b"], reg["leader"])
    with django_capture_on_commit_callbacks(execute=True):
        login(reg["clerk_b"]).post(edit_url(reg), form_data(reg, action="submit"))
    # The compiler's clerks learn that it was sent; the sender does not.
    assert sorted(told("registration.submitted").values_list("recipient__username", flat=True)) == [
        "clerk_a",
        "leader",
    ]
    registration = Registration.objects.get(unit=reg["unit_b"])
    mail.outbox.clear()

    leader = login(reg["leader"])
    url = reverse("registrations:return", args=[registration.pk])
    comment = {"comment": "Bổ sung chỉ tiêu về số lượt bạn đọc"}
    with django_capture_on_commit_callbacks(execute=True):
        assert leader.post(url, comment).status_code == 302
        leader.post(url, comment)  # a second click: refused, the registration is returned already
    notifications.notifications_send_pending()  # a retried batch, or a second worker
    assert told("registration.returned").count() == 1
    notice = told("registration.returned", reg["clerk_b"]).get()
    assert notice.link == edit_url(reg)
    assert [message.to for message in mail.outbox] == [["clerk_b@example.vn"]]
    email = mail.outbox[0]
    assert email.subject == "Bản đăng ký được trả lại để sửa: Phong trào thi đua năm 2020"
    assert "Bổ sung chỉ tiêu về số lượt bạn đọc" in email.body and edit_url(reg) in email.body

    clerk = login(reg["clerk_b"])
    assert 'id="unread-count">1<' in clerk.get(reverse("dashboard")).content.decode()
    assert "Bổ sung chỉ tiêu về số lượt bạn đọc" in clerk.get(reverse("notifications:list")).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        clerk.post(edit_url(reg), form_data(reg, version=registration.version + 1, action="submit"))
        login(reg["leader"]).post(reverse("registrations:accept", args=[registration.pk]))
    assert told("registration.submitted", reg["leader"]).count() == 2  # the first sending and the corrected one
    assert told("registration.accepted", reg["clerk_b"]).count() == 1


def recipients_of(event):
    return sorted(told(event).values_list("recipient__username", flat=True))


def test_the_compiler_is_told_what_arrives_and_the_members_what_it_decides(
    login, sw, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        login(sw["clerk_b"]).post(
            reverse("scoring:report", args=[sw["campaign"].pk, sw["unit_b"].pk]),
            {"file": SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4\n%%EOF\n")},
        )
        score_everyone(login, sw)
    assert recipients_of("midyear_report.received") == ["clerk_a", "leader"]
    # The self-assessments of B and D; the leader opens the score page the notification links to.
    assert recipients_of("scorecard.submitted") == ["clerk_a", "clerk_a", "leader", "leader"]
    assert told("scorecard.submitted", sw["leader"]).filter(unit=sw["unit_b"]).get().link == reverse(
        "scoring:score", args=[sw["campaign"].pk, sw["unit_b"].pk]
    )
    assert not told("score.changed").exists()  # scores are told when they are published, not as they are typed
    with django_capture_on_commit_callbacks(execute=True):
        login(sw["leader"]).post(reverse("scoring:ranking_finalise", args=[sw["campaign"].pk]))
        login(sw["leader"]).post(reverse("scoring:ranking_publish", args=[sw["campaign"].pk]), {"confirm": "1"})
    members = ["clerk_a", "clerk_b", "clerk_d"]  # every unit compiled by A; the leader acted
    assert recipients_of("ranking.finalised") == members
    assert recipients_of("ranking.published") == members
    notice = told("ranking.published", sw["clerk_b"]).get()
    assert notice.link == reverse("scoring:results", args=[sw["campaign"].pk])
    assert login(sw["clerk_b"]).get(notice.link).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        login(sw["leader"]).post(
            reverse("scoring:ranking_reopen", args=[sw["campaign"].pk]), {"reason": "Khối phó đề nghị chấm lại"}
        )
    assert "Khối phó đề nghị chấm lại" in told("ranking.reopened", sw["clerk_d"]).get().body


def test_the_council_and_the_proposer_are_told_each_step_of_a_proposal(
    client, council, django_capture_on_commit_callbacks
):
    titles = {title.code: title for title in Title.objects.all()}
    person = Person.objects.create(unit=council["unit_b"], full_name="Lê Thị Bình", position="Chuyên viên")
    proposal = Proposal.objects.create(
        campaign=council["campaign"],
        kind="unit",
        proposer=council["unit_a"],
        council=council["council"],
        summary="Đề nghị khen thưởng năm 2020",
        created_by=council["admin"],
    )
    ProposalLine.objects.create(proposal=proposal, position=1, title=titles["bang-khen-tinh-ca-nhan"], person=person)
    client.force_login(council["clerk_a"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("awards:submit", args=[proposal.pk]), {"confirm": "1"})
    assert recipients_of("proposal.submitted") == ["secretary"]
    with django_capture_on_commit_callbacks(execute=True):
        open_ballot(client, council, proposal)
    seats = sorted(["chair", "member", *[f"member{i}" for i in range(7)]])
    assert recipients_of("ballot.opened") == seats  # every seat but the secretary who opened it
    line = proposal.lines.get()
    for user in [council["secretary"], council["chair"], *council["members"]]:
        cast(client, user, proposal, {line: True})
    with django_capture_on_commit_callbacks(execute=True):
        close(client, council, proposal)
    assert recipients_of("proposal.decided") == sorted(["clerk_a", "leader", *seats])
    assert "thông qua: 1" in told("proposal.decided", council["clerk_a"]).get().body
    client.force_login(council["secretary"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("awards:decision", args=[proposal.pk]), decision_data() | {"confirm": "1"})
    assert recipients_of("decision.issued") == ["clerk_a", "leader"]
    awarded = told("decision.awarded", council["clerk_b"]).get()
    assert "345/QĐ-UBND" in awarded.subject
    client.force_login(council["clerk_b"])
    assert client.get(awarded.link).status_code == 200


def test_the_way_up_tells_each_side_once(client, world):
    """The council's return tells the proposer's clerks why; a recall tells the council's secretary."""
    leader, secretary = world["leader"], world["secretary"]
    proposal = Proposal.objects.create(
        campaign=world["campaign"],
        kind="bloc",
        proposer=world["unit_a"],
        council=world["council"],
        summary="Đề nghị tặng Tập thể lao động xuất sắc năm 2020",
        created_by=leader,
    )
    ProposalLine.objects.create(
        proposal=proposal, position=1, title=Title.objects.get(code="ttldxs"), unit=world["unit_b"]
    )

    def post(user, name, data=None):
        client.force_login(user)
        return client.post(reverse(f"awards:{name}", args=[proposal.pk]), data or {})

    post(leader, "submit", {"confirm": "1"})
    assert recipients_of("proposal.submitted") == ["secretary"]
    post(leader, "recall")
    assert recipients_of("proposal.recalled") == ["secretary"]
    post(leader, "submit", {"confirm": "1"})
    post(secretary, "return", {"reason": "Thiếu biên bản họp bình xét của Khối."})
    post(secretary, "return", {"reason": "Thiếu biên bản họp bình xét của Khối."})  # already returned: refused
    assert recipients_of("proposal.returned") == ["clerk_a", "leader"]
    notice = told("proposal.returned", world["clerk_a"]).get()
    assert "Thiếu biên bản họp bình xét của Khối." in notice.body
