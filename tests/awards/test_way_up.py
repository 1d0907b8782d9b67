"""The way up: a bloc's proposal forwarded to the province's council, a unit's lines for higher titles carried to
the council above; recalled before review, returned with a reason, decided; each level sees its own."""

from datetime import date

import pytest
from django.urls import reverse

from activity.models import ActivityLog
from awards.models import AwardDecision, CouncilBallot, Proposal, ProposalLine
from campaigns.models import Title
from honours.models import Honour
from organisation.models import Council, Person
from tests.awards.test_decisions import cast, close, decision_data, issue, messages_of, open_ballot
from tests.conftest import user_with_role


def titles():
    return {title.code: title for title in Title.objects.all()}


def status(proposal):
    return Proposal.objects.get(pk=proposal.pk).status


def post(client, name, proposal, data=None):
    return client.post(reverse(f"awards:{name}", args=[proposal.pk]), data or {}, follow=True)


def detail(client, proposal):
    return client.get(reverse("awards:detail", args=[proposal.pk]))


def test_bloc_proposal_forwarded_to_province_council(client, world):
    leader, secretary, member = world["leader"], world["secretary"], world["member"]
    proposal = Proposal.objects.create(
        campaign=world["campaign"],
        kind="bloc",
        proposer=world["unit_a"],
        council=world["council"],
        summary="Đề nghị tặng Tập thể lao động xuất sắc năm 2020",
        created_by=leader,
    )
    ProposalLine.objects.create(proposal=proposal, position=1, title=titles()["ttldxs"], unit=world["unit_b"])

    # A draft stays with the bloc: the province's council sees nothing of it.
    client.force_login(member)
    assert detail(client, proposal).status_code == 404
    client.force_login(leader)
    assert "Trình Hội đồng Thi đua – Khen thưởng tỉnh Thử" in detail(client, proposal).content.decode()
    post(client, "submit", proposal, {"confirm": "1"})
    assert status(proposal) == "submitted"
    response = post(client, "submit", proposal, {"confirm": "1"})  # forwarded twice: refused, nothing changes
    assert "Tờ trình này đã được trình Hội đồng Thi đua – Khen thưởng tỉnh Thử." in messages_of(response)
    client.force_login(member)
    assert detail(client, proposal).status_code == 200

    # The leader recalls it before the council looks at it; it is a draft again, out of the council's sight.
    client.force_login(leader)
    post(client, "recall", proposal)
    assert status(proposal) == "draft"
    client.force_login(member)
    assert detail(client, proposal).status_code == 404

    # Sent again, the council returns it with a reason; the bloc sees why.
    client.force_login(leader)
    post(client, "submit", proposal, {"confirm": "1"})
    client.force_login(member)
    assert post(client, "return", proposal, {"reason": "Thiếu"}).status_code == 403  # a member does not return it
    client.force_login(secretary)
    response = post(client, "return", proposal, {"reason": "  "})
    assert "Hãy ghi lý do trả lại tờ trình để đơn vị trình sửa cho đúng." in messages_of(response)
    post(client, "return", proposal, {"reason": "Thiếu biên bản họp bình xét của Khối."})
    assert status(proposal) == "draft"
    client.force_login(leader)
    page = detail(client, proposal).content.decode()
    assert "đã trả lại tờ trình này:" in page and "Thiếu biên bản họp bình xét của Khối." in page

    # Forwarded once more, the council votes: from then on nobody can take it back; it decides.
    post(client, "submit", proposal, {"confirm": "1"})
    assert Proposal.objects.get(pk=proposal.pk).returned_reason == ""
    open_ballot(client, world, proposal)
    client.force_login(leader)
    assert post(client, "recall", proposal).status_code == 403
    client.force_login(secretary)
    assert post(client, "return", proposal, {"reason": "Muộn"}).status_code == 403
    line = proposal.lines.get()
    for user in (secretary, member):
        cast(client, user, proposal, {line: True})
    close(client, world, proposal)
    client.force_login(secretary)
    assert issue(client, proposal, decision_data(number="77/QĐ-UBND")).status_code == 302
    assert AwardDecision.objects.get(proposal=proposal).number == "77/QĐ-UBND"

    # The award is in the register, and every step is in the proposal's history.
    honour = Honour.objects.get()
    assert (honour.unit, honour.title.code, honour.year, honour.decision_number, honour.source) == (
        world["unit_b"],
        "ttldxs",
        2020,
        "77/QĐ-UBND",
        "decision",
    )
    steps = list(
        ActivityLog.objects.filter(content_type__model="proposal", object_id=proposal.pk)
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert steps[:6] == [
        "proposal.submitted",
        "proposal.recalled",
        "proposal.submitted",
        "proposal.returned",
        "proposal.submitted",
        "ballot.opened",
    ]
    assert steps[-1] == "decision.issued"
    client.force_login(leader)
    history = detail(client, proposal).content.decode()
    assert "rút tờ trình khỏi Hội đồng" in history and "“Thiếu biên bản họp bình xét của Khối.”" in history


def test_a_proposal_goes_back_to_its_proposer_only_while_it_has_no_other_draft(client, world):
    """The database keeps one draft per proposer: recalled or returned meanwhile, a second is refused, said why."""
    leader, secretary = world["leader"], world["secretary"]
    made = {
        "campaign": world["campaign"],
        "kind": "bloc",
        "proposer": world["unit_a"],
        "council": world["council"],
        "created_by": leader,
    }
    sent = Proposal.objects.create(**made, summary="Tờ trình đã trình", status="submitted")
    redrawn = Proposal.objects.create(**made, summary="Tờ trình lập lại")
    refused = (
        "Sở Văn hóa Thử đang có một dự thảo khác của tờ trình này: tờ trình này chỉ trở lại thành dự thảo được "
        "sau khi dự thảo kia đã được trình."
    )

    client.force_login(leader)
    assert refused in messages_of(post(client, "recall", sent))
    client.force_login(secretary)
    assert refused in messages_of(post(client, "return", sent, {"reason": "Thiếu biên bản."}))
    sent.refresh_from_db()
    assert (sent.status, sent.returned_reason, sent.version) == ("submitted", "", 1)
    assert not ActivityLog.objects.filter(action__in=["proposal.recalled", "proposal.returned"]).exists()

    Proposal.objects.filter(pk=redrawn.pk).update(status="submitted")
    post(client, "return", sent, {"reason": "Thiếu biên bản."})
    assert status(sent) == "draft"


def test_demo_bloc_leader_forwards_to_the_tra_vinh_council(client, demo):
    proposal = Proposal.objects.get(kind="bloc", campaign__year=2020, proposer__name="Sở Văn hóa, Thể thao và Du lịch")
    sent = ActivityLog.objects.get(content_type__model="proposal", object_id=proposal.pk, action="proposal.submitted")
    assert (
        sent.user.username == "khoi8.truong" and sent.data["council"] == "Hội đồng Thi đua – Khen thưởng tỉnh Trà Vinh"
    )
    assert proposal.award_decision.number == "512/QĐ-UBND"
    decided = Honour.objects.filter(decision_number="512/QĐ-UBND")
    assert sorted(decided.values_list("title__code", flat=True)) == [
        "bang-khen-tinh",
        "bang-khen-tinh",
        "co-thi-dua-tinh",
    ]


@pytest.fixture
def agency(world):
    """Sở Văn hóa Thử with its own council, below the province's; its 2020 proposal, passed by its council."""
    council = Council.objects.create(
        name="Hội đồng Thi đua – Khen thưởng Sở Văn hóa Thử", level="unit", unit=world["unit_a"]
    )
    secretary = user_with_role("hd.svh", "secretary", council=council)
    member = user_with_role("hd.svh.member", "member", council=council)
    t = titles()
    people = [
        Person.objects.create(unit=world["unit_a_sub"], full_name=name) for name in ("Hà An", "Võ Bình", "Lý Cúc")
    ]
    proposal = Proposal.objects.create(
        campaign=world["campaign"],
        kind="unit",
        proposer=world["unit_a"],
        council=council,
        status="approved",
        summary="Đề nghị khen thưởng năm 2020",
        created_by=world["clerk_a"],
    )
    lines = [
        (t["ldtt"], people[0], None, "approved"),
        (t["cstdcs"], people[0], None, "approved"),
        (t["cstd-tinh"], people[1], None, "approved"),
        (t["ttldxs"], None, world["unit_a_sub"], "approved"),
        (t["ldtt"], people[2], None, "rejected"),
    ]
    ProposalLine.objects.bulk_create(
        ProposalLine(proposal=proposal, position=i, title=title, person=person, unit=unit, decision=decision)
        for i, (title, person, unit, decision) in enumerate(lines, start=1)
    )
    CouncilBallot.objects.create(
        proposal=proposal,
        status="closed",
        held_on=date(2021, 1, 10),
        member_count=2,
        quorum=50,
        quorum_source="Quy chế",
        opened_by=secretary,
    )
    return {
        **world,
        "agency_council": council,
        "agency_secretary": secretary,
        "agency_member": member,
        "proposal": proposal,
    }


def test_unit_lines_for_province_titles_go_up_to_the_province_council(client, agency):
    proposal, clerk = agency["proposal"], agency["clerk_a"]
    client.force_login(clerk)
    page = detail(client, proposal).content.decode()
    assert "Hội đồng đã thông qua 2 dòng thuộc thẩm quyền xét của cấp trên" in page
    assert "Chuyển lên Hội đồng Thi đua – Khen thưởng tỉnh Thử" in page

    # The agency's decision awards the titles its head decides, and the register records them.
    client.force_login(agency["agency_secretary"])
    assert (
        issue(client, proposal, decision_data(number="5/QĐ-SVH", grantor="Giám đốc Sở Văn hóa Thử")).status_code == 302
    )
    assert sorted(Honour.objects.values_list("title__code", flat=True)) == ["cstdcs", "ldtt"]

    client.force_login(clerk)
    response = post(client, "forward", proposal, {"number": "20/TTr-SVH", "dated": "20/01/2021"})
    forwarded = Proposal.objects.get(forwarded_from=proposal)
    assert (forwarded.council, forwarded.status, forwarded.number) == (agency["council"], "submitted", "20/TTr-SVH")
    assert sorted(forwarded.lines.values_list("title__code", flat=True)) == ["cstd-tinh", "ttldxs"]
    assert "Đã chuyển các dòng lên Hội đồng Thi đua – Khen thưởng tỉnh Thử." in messages_of(response)
    response = post(client, "forward", proposal)
    assert any("đã được chuyển lên Hội đồng Thi đua – Khen thưởng tỉnh Thử" in m for m in messages_of(response))
    assert Proposal.objects.filter(forwarded_from=proposal).count() == 1
    assert ActivityLog.objects.filter(object_id=proposal.pk, action="proposal.forwarded").count() == 1

    # Each level sees what was sent to it: the province's council the forwarded lines, not the agency's proposal.
    client.force_login(agency["member"])
    assert detail(client, forwarded).status_code == 200 and detail(client, proposal).status_code == 404
    client.force_login(agency["agency_member"])
    assert detail(client, forwarded).status_code == 404
    page = detail(client, proposal).content.decode()
    assert "Đã chuyển 2 dòng lên Hội đồng Thi đua – Khen thưởng tỉnh Thử:" in page and "Đang trình Hội đồng" in page

    # Recalled by the agency, returned by the province's council: the agency's page says so.
    client.force_login(clerk)
    post(client, "recall", forwarded)
    assert "đã rút lại, đang là dự thảo" in detail(client, proposal).content.decode()
    post(client, "submit", forwarded, {"confirm": "1"})
    client.force_login(agency["secretary"])
    post(client, "return", forwarded, {"reason": "Chưa có sáng kiến cấp tỉnh."})
    client.force_login(agency["agency_member"])
    assert "bị trả lại: “Chưa có sáng kiến cấp tỉnh.”" in detail(client, proposal).content.decode()
