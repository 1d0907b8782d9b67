"""The campaign's own limits on its titles, kept by the office: quotas on a share of those taking part, the bloc's
first only, a band required; checked when a line is added and a proposal sent, and again at the council's count."""

import pytest
from django.urls import reverse
from django.utils import timezone

from activity.models import ActivityLog
from awards.checks import check_proposal
from awards.models import AwardQuota, BandRequirement, Proposal, ProposalLine
from campaigns.models import Title
from campaigns.services import campaign_copy
from organisation.models import Person, Unit
from registrations.models import Registration
from scoring.models import Band, Criterion, Ranking, RankingEntry, Score


@pytest.fixture
def taking_part(world):
    """Twelve collectives taking part (A, B and ten more with a sent registration), and a bloc draft of A's."""
    others = [Unit.objects.create(name=f"Đơn vị tham gia {i:02d}") for i in range(10)]
    for unit in [world["unit_a"], world["unit_b"], *others]:
        Registration.objects.create(
            campaign=world["campaign"], unit=unit, status="submitted", submitted_at=timezone.now()
        )
    draft = Proposal.objects.create(
        campaign=world["campaign"],
        kind="bloc",
        proposer=world["unit_a"],
        council=world["council"],
        summary="Đề nghị khen thưởng",
        created_by=world["admin"],
    )
    titles = {title.code: title for title in Title.objects.all()}
    return {**world, "draft": draft, "titles": titles}


def limits_url(world, name, *args):
    return reverse(f"awards:{name}", args=[world["campaign"].pk, *args])


def test_quota_refuses_a_proposal_over_its_share_naming_it(login, taking_part):
    world = taking_part
    client = login(world["leader"])
    merit = world["titles"]["bang-khen-tinh"]
    # A quota of 0 % or over 100 % is refused, what was typed kept.
    for typed in ("0", "150"):
        response = client.post(
            limits_url(world, "quota_add"),
            {"title": merit.pk, "base": "collectives", "percent": typed, "rounding": "down"},
        )
        assert response.status_code == 400
        body = response.content.decode()
        assert "Chỉ tiêu là tỷ lệ phần trăm lớn hơn 0 và không quá 100." in body and f'value="{typed}"' in body
    assert not AwardQuota.objects.exists()
    response = client.post(
        limits_url(world, "quota_add"), {"title": merit.pk, "base": "collectives", "percent": "10", "rounding": "down"}
    )
    assert response.status_code == 302
    assert ActivityLog.objects.filter(action="award_quota.created").count() == 1
    # 10 % of 12 collectives is 1,2: one, rounded down.
    add = reverse("awards:line_add", args=[world["draft"].pk])
    assert client.post(add, {"title": merit.pk, "unit": world["unit_a"].pk}).status_code == 302
    response = client.post(add, {"title": merit.pk, "unit": world["unit_b"].pk})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Vượt chỉ tiêu của phong trào “" in body
    assert "tối đa 10% số tập thể tham gia, làm tròn xuống" in body
    assert "2 đề nghị, tối đa 1: 10% của 12 (số tập thể tham gia), làm tròn xuống." in body
    assert ProposalLine.objects.filter(proposal=world["draft"]).count() == 1
    # A line that came in another way (drawn up from the vote) is stopped when the proposal is sent...
    second = ProposalLine.objects.create(proposal=world["draft"], position=2, title=merit, unit=world["unit_b"])
    response = client.post(reverse("awards:submit", args=[world["draft"].pk]), {"confirm": "1"}, follow=True)
    assert Proposal.objects.get(pk=world["draft"].pk).status == "draft"
    assert "2 đề nghị, tối đa 1: 10% của 12 (số tập thể tham gia), làm tròn xuống." in response.content.decode()
    # ...and the council's count reads the same check, named, beside the rule set's.
    failing = [
        result
        for result in check_proposal(proposal=world["draft"])[second.pk]
        if not result.passes and result.rule.kind.startswith("campaign")
    ]
    assert [(result.rule.kind, result.is_quota) for result in failing] == [("campaign_quota", True)]
    assert "tối đa 10% số tập thể tham gia" in failing[0].rule.text
    page = client.get(reverse("awards:detail", args=[world["draft"].pk])).content.decode()
    assert "Chỉ tiêu của phong trào: " in page and "2 đề nghị, tối đa 1" in page and "kế hoạch của phong trào" in page


def test_a_quota_changed_after_scoring_needs_a_reason_and_stops_once_a_ranking_is_final(login, taking_part):
    world = taking_part
    criterion = Criterion.objects.create(campaign=world["campaign"], position=1, text="Nhiệm vụ", max_points=10)
    Score.objects.create(
        criterion=criterion, unit=world["unit_b"], scorer=world["unit_a"], points=8, updated_by=world["leader"]
    )
    client = login(world["leader"])
    typed = {"title": world["titles"]["bang-khen-tinh"].pk, "base": "collectives", "percent": "12,5", "rounding": "up"}
    response = client.post(limits_url(world, "quota_add"), typed)
    assert response.status_code == 400 and 'value="12,5"' in response.content.decode()
    assert "nhập lý do sửa thang điểm" in " ".join(response.context["quota_form"].errors["reason"])
    response = client.post(limits_url(world, "quota_add"), {**typed, "reason": "Tỷ lệ theo kế hoạch sửa đổi"})
    assert response.status_code == 302
    logged = ActivityLog.objects.get(action="award_quota.created")
    assert logged.user == world["leader"] and logged.data["reason"] == "Tỷ lệ theo kế hoạch sửa đổi"
    quota = AwardQuota.objects.get(campaign=world["campaign"])
    client.post(limits_url(world, "quota_delete", quota.pk))
    assert AwardQuota.objects.filter(pk=quota.pk).exists()
    Ranking.objects.create(
        campaign=world["campaign"], compiler=world["unit_a"], status="final", finalised_at=timezone.now()
    )
    client.post(limits_url(world, "quota_delete", quota.pk), {"reason": "Bỏ chỉ tiêu"})
    assert AwardQuota.objects.filter(pk=quota.pk).exists()
    response = client.post(limits_url(world, "quota_add"), {**typed, "base": "people", "reason": "Thêm chỉ tiêu"})
    assert response.status_code == 400 and "đã chốt" in response.content.decode()


def test_rounding_stated_by_the_quota(taking_part):
    quota = AwardQuota(
        campaign=taking_part["campaign"], title=taking_part["titles"]["bang-khen-tinh"], base="collectives"
    )
    quota.percent = 10
    assert [quota.allowed(n) for n in (9, 12, 15)] == [0, 1, 1]
    quota.rounding = "up"
    assert [quota.allowed(n) for n in (9, 12, 15)] == [1, 2, 2]
    quota.rounding = "half_up"
    assert [quota.allowed(n) for n in (9, 12, 15)] == [1, 1, 2]


def test_a_band_may_be_required_for_a_title_and_the_bloc_first_only(login, taking_part):
    world = taking_part
    client = login(world["leader"])
    flag = world["titles"]["co-thi-dua-tinh"]
    best = Band.objects.create(campaign=world["campaign"], position=1, name="Hoàn thành xuất sắc", min_total=95)
    Band.objects.create(campaign=world["campaign"], position=2, name="Hoàn thành tốt", min_total=85)
    assert (
        client.post(limits_url(world, "band_requirement_add"), {"title": flag.pk, "band": best.pk}).status_code == 302
    )
    assert (
        client.post(
            limits_url(world, "quota_add"), {"title": flag.pk, "base": "bloc_first", "percent": "", "rounding": "down"}
        ).status_code
        == 302
    )
    ranking = Ranking.objects.create(
        campaign=world["campaign"], compiler=world["unit_a"], status="final", finalised_at=timezone.now()
    )
    RankingEntry.objects.create(ranking=ranking, unit=world["unit_a"], rank=1, total=97, band="Hoàn thành xuất sắc")
    RankingEntry.objects.create(ranking=ranking, unit=world["unit_b"], rank=2, total=90, band="Hoàn thành tốt")
    first = ProposalLine.objects.create(proposal=world["draft"], position=1, title=flag, unit=world["unit_a"])
    second = ProposalLine.objects.create(proposal=world["draft"], position=2, title=flag, unit=world["unit_b"])
    checks = check_proposal(proposal=world["draft"])
    assert all(result.passes for result in checks[first.pk] if result.rule.kind.startswith("campaign"))
    explained = {result.rule.kind: result.explanation for result in checks[second.pk] if not result.passes}
    assert explained["campaign_band"] == "Xếp loại “Hoàn thành tốt”; cần “Hoàn thành xuất sắc” trở lên."
    assert explained["campaign_quota"] == "Xếp hạng 2 trong khối; chỉ đơn vị dẫn đầu được đề nghị."
    page = client.get(limits_url(world, "campaign_limits")).content.decode()
    assert "chỉ dành cho đơn vị xếp loại Hoàn thành xuất sắc trở lên" in page
    # Copied into next year, with the band of the copy.
    copy = campaign_copy(user=world["admin"], source=world["campaign"], year=2021)
    requirement = BandRequirement.objects.get(campaign=copy)
    assert (requirement.band.campaign_id, requirement.band.name) == (copy.pk, "Hoàn thành xuất sắc")
    assert AwardQuota.objects.get(campaign=copy).base == "bloc_first"


def test_the_councils_count_checks_the_quota_again_and_names_it(client, council):
    from tests.awards.test_decisions import cast, close, open_ballot, submitted

    staff = [Person.objects.create(unit=council["unit_a_sub"], full_name=f"Cán bộ {i:02d}") for i in range(20)]
    Registration.objects.create(
        campaign=council["campaign"], unit=council["unit_a"], status="submitted", submitted_at=timezone.now()
    )
    AwardQuota.objects.create(
        campaign=council["campaign"], title=Title.objects.get(code="ldtt"), base="people", percent=5
    )
    # Sent before the quota was set: 2 of the 20 people taking part, where 5 % allows 1.
    proposal = submitted(council, [("ldtt", staff[0]), ("ldtt", staff[1])])
    first, second = proposal.lines.order_by("position")
    open_ballot(client, council, proposal)
    for user in [council["secretary"], council["chair"], *council["members"]]:
        cast(client, user, proposal, {first: True, second: True})
    close(client, council, proposal)
    first.refresh_from_db(), second.refresh_from_db()
    assert first.decision == "approved"
    assert second.decision == "rejected"
    assert "Chỉ tiêu của phong trào: “Lao động tiên tiến” tối đa 5% số cá nhân tham gia, làm tròn xuống." in (
        second.reason
    )
    assert "2 đề nghị, tối đa 1: 5% của 20 (số cá nhân tham gia), làm tròn xuống." in second.reason
