"""Words the pages show: each says what it means where it stands, and people are named, not their logins."""

import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from awards.models import Proposal, ProposalLine
from campaigns.models import ContentItem, Title
from organisation.models import Person
from registrations.models import Registration


def text_of(response):
    """The page's words, without tags or runs of whitespace."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def named(user, last, first):
    user.last_name, user.first_name = last, first
    user.save()
    return user


def test_a_proposal_line_is_removed_and_titled_in_its_own_words(login, world):
    proposal = Proposal.objects.create(
        campaign=world["campaign"],
        kind="unit",
        proposer=world["unit_a"],
        council=world["council"],
        summary="Đề nghị",
        created_by=world["admin"],
    )
    ProposalLine.objects.create(
        proposal=proposal,
        title=Title.objects.get(code="ldtt"),
        person=Person.objects.create(unit=world["unit_a"], full_name="Trần Văn An"),
    )
    response = login(world["clerk_a"]).get(reverse("awards:detail", args=[proposal.pk]))
    page = text_of(response)
    assert "Bỏ dòng này" in page and "Đưa ra khỏi khối" not in page
    assert response.context["line_form"]["title"].label == "Danh hiệu"
    assert "Tiêu đề" not in page


def test_a_criterion_maximum_of_zero_is_refused_in_the_domains_words(login, world):
    data = {"group": "I", "label": "1", "text": "Tiêu chí", "max_points": "0", "kind": "regular"}
    response = login(world["leader"]).post(reverse("scoring:criterion_new", args=[world["campaign"].pk]), data)
    page = text_of(response)
    assert response.status_code == 200 and "Điểm tối đa phải lớn hơn 0." in page
    assert "Đảm bảo" not in page
    data["max_points"] = "8,555"
    page = text_of(login(world["leader"]).post(reverse("scoring:criterion_new", args=[world["campaign"].pk]), data))
    assert "Tối đa hai chữ số thập phân." in page and "Đảm bảo" not in page


def test_the_vice_leaders_dashboard_says_vice_leader(client, demo):
    client.login(username="khoi8.pho", password="thidua2020")
    page = text_of(client.get(reverse("dashboard")))
    led = page[page.index("Khối bạn làm khối trưởng, khối phó") :]
    led = led[: led.index("Sở Y tế", led.index("Khối phó")) + len("Sở Y tế")]
    assert "Khối phó" in led and "Khối trưởng" not in led.replace("khối trưởng", "")


def test_people_are_named_not_their_logins(login, world):
    clerk = named(world["clerk_b"], "Nguyễn Thị", "Thu")
    leader = named(world["leader"], "Phạm Văn", "Hùng")
    items = [
        ContentItem.objects.create(campaign=world["campaign"], position=position, label=str(position), text="Việc")
        for position in (1, 2, 3, 10)
    ]
    data = {"version": 0, "action": "submit"}
    data.update({f"item_{item.pk}_text": "Hoàn thành" for item in items})
    client = login(clerk)
    client.post(reverse("registrations:edit", args=[world["campaign"].pk, world["unit_b"].pk]), data)
    registration = Registration.objects.get(unit=world["unit_b"])
    client = login(leader)
    client.post(reverse("registrations:accept", args=[registration.pk]))
    client.post(reverse("registrations:sheet_forward", args=[world["campaign"].pk]))
    page = text_of(client.get(reverse("registrations:detail", args=[registration.pk])))
    assert "bởi Nguyễn Thị Thu" in page and "clerk_b" not in page
    assert "Phạm Văn Hùng" in page  # who accepted it, in the history
    # The history lists the items added in the order of the plan: 1, 2, 3, 10.
    added = re.search(r"Thêm nội dung: (.*?)(?: \d\d:\d\d|$)", page).group(1)
    assert [part.split()[0] for part in added.split("; ")] == ["1", "2", "3", "10"]
    overview = text_of(client.get(reverse("registrations:overview", args=[world["campaign"].pk])))
    assert "Phạm Văn Hùng" in overview and " leader" not in overview
    client.logout()
    get_user_model().objects.filter(pk=clerk.pk).update(email="thu@example.vn")
    client.post(reverse("password_reset"), {"email": "thu@example.vn"})
    assert mail.outbox[-1].body.startswith("Chào Nguyễn Thị Thu,")
