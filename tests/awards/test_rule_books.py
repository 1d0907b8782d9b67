"""The law of today, kept by the office: its own rule sets beside the national ones, Decree 152/2025 as its text
says, its end on 01/3/2027, the council's figures and the reward money, through the pages an office and a council
use."""

from datetime import date
from decimal import Decimal
from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from awards.models import (
    AwardTerms,
    BallotSeat,
    CampaignRules,
    CouncilBallot,
    ProposalLine,
    Rule,
    RuleSet,
    VoteThreshold,
)
from awards.selectors.money import rounded_up
from campaigns.models import Campaign, Title
from organisation.models import Person
from tests.awards.test_awards import pdf_text
from tests.awards.test_decisions import (
    _file,
    cast,
    close,
    decision_data,
    issue,
    messages_of,
    open_ballot,
    submitted,
)
from tests.core.test_wording import text_of

ND152 = "luat-2022-nd-152-2025"


def own_set(client, world, *, copy="luat-2003-nd-91-2017", valid_from="01/01/2020", valid_to="31/12/2020", **extra):
    """The office copies a set into its own, through the rule book's form."""
    client.force_login(world["office"])
    data = {
        "owner": world["province"].pk,
        "copy_from": RuleSet.objects.get(code=copy).pk if copy else "",
        "name": "Quy định thi đua, khen thưởng tỉnh Thử",
        "legal_source": "Quyết định 15/2020/QĐ-UBND ngày 02/01/2020 của UBND tỉnh Thử",
        "valid_from": valid_from,
        "valid_to": valid_to,
        "reason": "Tỉnh ban hành quy định mới",
    } | extra
    response = client.post(reverse("awards:rule_set_new"), data)
    return response, RuleSet.objects.filter(owner=world["province"]).order_by("-pk").first()


def edit_figures(client, rule_set, **changes):
    page = client.get(reverse("awards:rule_set_edit", args=[rule_set.pk]))
    form = page.context["form"]
    data = {name: form.initial.get(name) for name in form.fields}
    data = {name: ("" if value is None else value) for name, value in data.items()}
    for name in ("valid_from", "valid_to"):
        if data[name]:
            data[name] = data[name].strftime("%d/%m/%Y")
    data = {name: value for name, value in data.items() if value is not False}
    data |= {"reason": "Đối chiếu quy định"} | changes
    return client.post(reverse("awards:rule_set_edit", args=[rule_set.pk]), data)


def test_decree_152_thresholds_only_for_national_titles(client, world):
    decree = RuleSet.objects.get(code=ND152)
    assert decree.valid_to == date(2027, 2, 28)  # art. 60.1: it ends on 01/3/2027
    rows = {row.title.code if row.title else None: row for row in VoteThreshold.objects.filter(rule_set=decree)}
    assert set(rows) == {"cstd-toan-quoc", "co-thi-dua-cp", None}
    assert (rows["cstd-toan-quoc"].percent, rows["co-thi-dua-cp"].percent) == (90, 80)
    for code in ("cstd-toan-quoc", "co-thi-dua-cp"):
        assert rows[code].counted_over == "all" and "Điều 33 khoản 5" in rows[code].legal_source
        assert not rows[code].left_to_province
    other = rows[None]
    assert (
        other.left_to_province
        and "Điều 6 khoản 2" in other.legal_source
        and "không phải của Nghị định" in other.legal_source
    )
    assert decree.left_to_province and "Điều 6 khoản 2" in decree.quorum_source
    cap = Rule.objects.get(rule_set=decree, title__code="co-thi-dua-cp")
    assert (cap.kind, cap.other_title.code, cap.number) == ("quota_of_holders", "co-thi-dua-tinh", 20)
    assert "Điều 7 khoản 1" in cap.legal_source
    assert "Điều 4 khoản 6" in decree.principles and "tỷ lệ nữ từ 70%" in decree.principles
    # Every figure the set ships names where it comes from.
    for rule in Rule.objects.filter(rule_set=decree):
        assert rule.legal_source.strip(), rule
    for terms in AwardTerms.objects.filter(rule_set=decree, reward_multiple__isnull=False):
        assert "Nghị định 152/2025/NĐ-CP, Điều" in terms.reward_source, terms

    page = text_of(client_as(client, world["clerk_a"]).get(reverse("awards:titles")))
    assert "Chiến sĩ thi đua toàn quốc 90% tổng số thành viên Hội đồng" in page
    assert "Cờ thi đua của Chính phủ 80% tổng số thành viên Hội đồng" in page
    assert "của tỉnh" in page


def client_as(client, user):
    client.force_login(user)
    return client


def test_a_national_set_waits_for_the_office_to_confirm_the_figures_it_leaves_to_the_province(client, council):
    campaign = Campaign.objects.create(
        name="Phong trào thi đua năm 2026",
        issuer=council["unit_a"],
        council=council["council"],
        year=2026,
        status="active",
    )
    person = Person.objects.create(unit=council["unit_a_sub"], full_name="Trần Thị Hoa", gender="female")
    proposal = submitted(council, [("ldtt", person)])
    proposal.campaign = campaign
    proposal.save()
    client.force_login(council["secretary"])
    response = client.post(
        reverse("awards:ballot_open", args=[proposal.pk]), {"held_on": "20/12/2026", "confirm": "1"}, follow=True
    )
    assert "cho tỉnh quy định" in " ".join(messages_of(response)) and not CouncilBallot.objects.exists()
    page = text_of(
        client_as(client, council["office"]).get(reverse("awards:rule_set", args=[RuleSet.objects.get(code=ND152).pk]))
    )
    assert "Xác nhận các giá trị mặc định này cho Ủy ban nhân dân tỉnh Thử" in page
    client.post(
        reverse("awards:rule_set_adopt", args=[RuleSet.objects.get(code=ND152).pk]), {"unit": council["province"].pk}
    )
    ballot = open_ballot(client, council, proposal)
    assert ballot.rule_set.code == ND152 and ballot.thresholds.get().percent == Decimal("66.67")


def test_the_office_cannot_change_the_national_law_and_others_cannot_open_its_rule_book(client, world):
    decree = RuleSet.objects.get(code=ND152)
    assert client_as(client, world["office"]).get(reverse("awards:rule_set_edit", args=[decree.pk])).status_code == 403
    assert client_as(client, world["clerk_a"]).get(reverse("awards:rule_book")).status_code == 403
    _response, mine = own_set(client, world)
    assert client_as(client, world["office_other"]).get(reverse("awards:rule_set", args=[mine.pk])).status_code == 404
    assert (
        client_as(client, world["office_other"]).get(reverse("awards:rule_set_edit", args=[mine.pk])).status_code == 404
    )
    # A clerk judged by the set reads it, and may not change it.
    assert client_as(client, world["clerk_a"]).get(reverse("awards:rule_set", args=[mine.pk])).status_code == 200
    assert client_as(client, world["clerk_a"]).get(reverse("awards:rule_set_edit", args=[mine.pk])).status_code == 403


def test_an_office_set_whose_dates_overlap_another_is_refused_naming_it(client, world):
    response, first = own_set(client, world)
    assert response.status_code == 302 and first.legal_source.startswith("Quyết định 15/2020/QĐ-UBND")
    response, _same = own_set(client, world, name="Quy định sửa đổi", valid_from="01/07/2020", valid_to="")
    page = text_of(response)
    assert (
        response.status_code == 400
        and "trùng với “Quy định thi đua, khen thưởng tỉnh Thử” (01/01/2020 – 31/12/2020)" in page
    )
    assert RuleSet.objects.filter(owner=world["province"]).count() == 1
    assert 'value="Quy định sửa đổi"' in response.content.decode()  # what was typed stays


def test_bad_figures_and_an_empty_source_are_refused_in_vietnamese_with_nothing_saved(client, world):
    response, _none = own_set(client, world, legal_source="   ")
    assert response.status_code == 400 and not RuleSet.objects.filter(owner=world["province"]).exists()
    _response, mine = own_set(client, world)
    before = (mine.version, mine.quorum)
    response = edit_figures(client, mine, quorum="120", default_percent="-5")
    page = text_of(response)
    assert response.status_code == 400 and page.count("Tỷ lệ phải từ 0 đến 100%.") == 2 and "Đảm bảo" not in page
    mine.refresh_from_db()
    assert (mine.version, mine.quorum) == before


def test_two_offices_saving_one_set_at_once_the_second_is_told(client, world):
    _response, mine = own_set(client, world)
    second = user_in_office(world)
    page_one = client_as(client, world["office"]).get(reverse("awards:rule_set_edit", args=[mine.pk]))
    assert page_one.status_code == 200
    assert edit_figures(client, mine, quorum="75").status_code == 302
    client.force_login(second)
    stale = {"version": mine.version}  # the form the second office opened before the first one saved
    response = edit_figures(client, mine, quorum="60", **stale)
    assert response.status_code == 409 and "Người khác đã lưu bộ quy định này" in text_of(response)
    assert 'value="60"' in response.content.decode() and "75%" in text_of(response)  # both versions shown
    mine.refresh_from_db()
    assert mine.quorum == 75


def user_in_office(world):
    from tests.conftest import user_with_role

    return user_with_role("office2", "office", unit=world["province"])


def test_threshold_counts_present_members_when_the_set_says_so(client, council):
    _response, mine = own_set(client, council)
    response = edit_figures(
        client,
        mine,
        attendance="80",
        attendance_source="Quyết định 15/2020/QĐ-UBND, Điều 12",
        default_percent="50",
        default_counted_over="present",
        default_more_than="on",
        default_source="Quyết định 15/2020/QĐ-UBND, Điều 12: quá bán số thành viên có mặt",
    )
    assert response.status_code == 302
    people = [Person.objects.create(unit=council["unit_a_sub"], full_name=f"Lao động {i}") for i in range(2)]
    proposal = submitted(council, [("ldtt", people[0]), ("ldtt", people[1])])
    first, second = proposal.lines.order_by("position")
    ballot = open_ballot(client, council, proposal)
    threshold = ballot.thresholds.get()
    assert (threshold.counted_over, threshold.more_than, threshold.percent) == ("present", True, 50)
    assert ballot.rule_set == RuleSet.objects.get(pk=mine.pk) and ballot.attendance == 80

    present = [council["secretary"], council["chair"], *council["members"][:6]]
    for number, user in enumerate(present[:7], start=1):  # 7 of 10 at the meeting: below 80 %
        cast(client, user, proposal, {first: number <= 5, second: number <= 4})
    response = close(client, council, proposal)
    assert "Chưa đủ số thành viên dự họp để xét khen thưởng: có mặt 7/10, cần ít nhất 80%" in " ".join(
        messages_of(response)
    )
    cast(client, present[7], proposal, {first: False, second: False})  # 8 of 10
    absent = BallotSeat.objects.get(ballot=ballot, user=council["members"][6])
    cast(client, council["secretary"], proposal, {first: True, second: True}, seat=absent, present=False)
    close(client, council, proposal)
    first.refresh_from_db(), second.refresh_from_db()
    # 5 of the 8 present agreed: more than half of them, though only half of all ten members.
    assert first.decision == "approved" and "5/8 thành viên có mặt đồng ý (62,5%" in first.reason
    # 4 of the 8 present is half, not more than half; the absent member's written vote is not counted.
    assert second.decision == "rejected" and "4/8 thành viên có mặt đồng ý (50%" in second.reason


def decided(client, council, lines):
    """A 2020 proposal of these lines, passed by eight of the ten members at the meeting and counted."""
    proposal = submitted(council, lines)
    open_ballot(client, council, proposal)
    everyone = list(proposal.lines.all())
    for user in [council["secretary"], council["chair"], *council["members"][:6]]:
        cast(client, user, proposal, dict.fromkeys(everyone, True))
    close(client, council, proposal)
    return proposal


def test_reward_money_rounded_up_to_ten_thousand(client, council):
    assert rounded_up(Decimal("0.3") * 2_340_000) == 710_000  # 702,000 → 710,000 (Decree 152/2025 art. 49)
    assert rounded_up(Decimal("0.8") * 2_340_000) == 1_880_000 and rounded_up(700_000) == 700_000
    people = [
        Person.objects.create(unit=council["unit_a_sub"], full_name=name) for name in ("Lê Thị An", "Võ Văn Bình")
    ]
    proposal = decided(client, council, [("ldtt", people[0]), ("ldtt", people[1])])
    assert list(proposal.lines.values_list("decision", flat=True)) == ["approved", "approved"]
    # The decision signed on 15/03/2025: the base salary of Decree 73/2024 (2,340,000 from 01/7/2024).
    assert issue(client, proposal, decision_data(dated="15/03/2025")).status_code == 302
    listing = pdf_text(_file(client, proposal, "decision_list"))
    assert listing.count("710.000") == 2 and "Tổng cộng 1.420.000" in listing
    assert "mức lương cơ sở 2.340.000 đồng (Nghị định 73/2024/NĐ-CP)" in listing

    client.force_login(council["office"])
    page = client.get(reverse("honours:statistics", args=[council["province"].pk]), {"year": 2025})
    assert "Ủy ban nhân dân tỉnh Thử 1 2 1.420.000" in text_of(page)
    workbook = load_workbook(
        BytesIO(
            client.get(reverse("honours:statistics_download", args=[council["province"].pk]), {"year": 2025}).content
        )
    )
    sheet = workbook["Tiền thưởng theo nguồn quỹ"]
    assert [cell.value for cell in sheet[4]] == ["Ủy ban nhân dân tỉnh Thử", 1, 2, 1_420_000]


def test_campaign_with_no_rule_set_in_force_says_so_and_ballot_cannot_open(client, council):
    campaign = Campaign.objects.create(
        name="Phong trào thi đua năm 2026",
        issuer=council["unit_a"],
        council=council["council"],
        year=2026,
        status="active",
    )
    client.force_login(council["office"])
    response = client.post(
        reverse("awards:campaign_rules_choose", args=[campaign.pk]),
        {"rule_set": "", "judged_on": "15/03/2027", "reason": "Hội đồng họp sau Tết"},
    )
    assert response.status_code == 302 and CampaignRules.objects.get(campaign=campaign).judged_on == date(2027, 3, 15)
    said = "Không có bộ quy định nào có hiệu lực vào ngày 15/03/2027, ngày xét khen thưởng của phong trào."
    page = client.get(reverse("campaigns:detail", args=[campaign.pk]))
    assert said in text_of(page) and reverse("awards:rule_set_new") in page.content.decode()
    dashboard = text_of(client.get(reverse("dashboard")))
    assert "Phong trào chưa có quy định để xét khen thưởng" in dashboard and "Phong trào thi đua năm 2026" in dashboard

    person = Person.objects.create(unit=council["unit_a_sub"], full_name="Trần Văn Cường")
    proposal = submitted(council, [("ldtt", person)])
    proposal.campaign = campaign
    proposal.save()
    client.force_login(council["secretary"])
    review = text_of(client.get(reverse("awards:detail", args=[proposal.pk])))
    assert said in review  # the council's review says so too
    response = client.post(
        reverse("awards:ballot_open", args=[proposal.pk]), {"held_on": "15/03/2027", "confirm": "1"}, follow=True
    )
    assert "Không có bộ quy định nào có hiệu lực vào ngày 15/03/2027" in " ".join(messages_of(response))
    assert not CouncilBallot.objects.filter(proposal=proposal).exists()


def test_decided_proposal_keeps_the_rule_set_version_it_was_judged_by(client, council):
    _response, first = own_set(client, council)
    person = Person.objects.create(unit=council["unit_a_sub"], full_name="Đặng Thị Duyên")
    proposal = decided(client, council, [("ldtt", person)])
    assert proposal.lines.get().decision == "approved"

    # The province changes its regulation: LĐTT now also needs a recognised initiative.
    client.force_login(council["office"])
    ldtt = Title.objects.get(code="ldtt")
    response = client.post(
        reverse("awards:rule_set_title", args=[first.pk, ldtt.pk]),
        {
            "version": first.version,
            "kind": "requires_initiative",
            "text": "Có sáng kiến được công nhận.",
            "legal_source": "Quyết định 15/2020/QĐ-UBND, Điều 8 (sửa đổi)",
            "reason": "Tỉnh sửa đổi quy định",
        },
    )
    second = RuleSet.objects.get(previous=first)
    assert response.status_code == 302 and response["Location"] == reverse(
        "awards:rule_set_title", args=[second.pk, ldtt.pk]
    )
    first.refresh_from_db()
    assert first.superseded_at is not None and not first.rules.filter(title=ldtt).exists()
    assert second.rules.filter(title=ldtt, kind="requires_initiative").exists()
    assert CouncilBallot.objects.get(proposal=proposal).rule_set == first

    client.force_login(council["secretary"])
    review = client.get(reverse("awards:detail", args=[proposal.pk]))
    shown = text_of(review)
    assert reverse("awards:rule_set", args=[first.pk]) in review.content.decode()
    assert "Đưa ra Hội đồng bỏ phiếu ngày 25/02/2021 theo" in shown and "Chưa có sáng kiến" not in shown
    assert proposal.lines.get().decision == "approved"
    # A proposal drawn up now is judged by the new version.
    other = submitted(council, [("ldtt", Person.objects.create(unit=council["unit_a_sub"], full_name="Hồ Văn Em"))])
    assert "Chưa có sáng kiến được công nhận năm 2020" in text_of(client.get(reverse("awards:detail", args=[other.pk])))
    history = text_of(client_as(client, council["office"]).get(reverse("awards:rule_set", args=[second.pk])))
    assert "Tỉnh sửa đổi quy định" in history and "Phiên bản 1" in history and "Phiên bản 2" in history


def test_commune_issues_giay_khen_without_district(client, world):
    """Two-level local government: a commune under the province, no district between, decides its own Giấy khen."""
    from awards.models import AwardDecision, Proposal
    from honours.models import Honour
    from organisation.models import Council, Unit
    from tests.conftest import user_with_role

    commune = Unit.objects.create(
        name="Ủy ban nhân dân xã Hòa Bình",
        kind="commune",
        parent=world["province"],
        province="Thử",
        head_title="Chủ tịch",
    )
    council = Council.objects.create(name="Hội đồng Thi đua – Khen thưởng xã Hòa Bình", level="unit", unit=commune)
    secretary = user_with_role("thuky.xa", "secretary", council=council)
    chair = user_with_role("chutich.xa", "chair", council=council)
    chair.last_name, chair.first_name = "Nguyễn Văn", "Nam"
    chair.save()
    member = user_with_role("uyvien.xa", "member", council=council)
    campaign = Campaign.objects.create(
        name="Phong trào thi đua xã Hòa Bình năm 2026", issuer=commune, council=council, year=2026, status="active"
    )
    person = Person.objects.create(unit=commune, full_name="Phạm Thị Giang", gender="female")
    proposal = Proposal.objects.create(
        campaign=campaign,
        kind="unit",
        proposer=commune,
        council=council,
        summary="Đề nghị tặng Giấy khen năm 2026",
        status="submitted",
        created_by=world["admin"],
    )
    line = ProposalLine.objects.create(
        proposal=proposal, position=1, title=Title.objects.get(code="giay-khen-ca-nhan"), person=person
    )
    # The province's office confirms the figures Decree 152/2025 leaves to it, for its whole tree.
    client.force_login(world["office"])
    client.post(
        reverse("awards:rule_set_adopt", args=[RuleSet.objects.get(code=ND152).pk]), {"unit": world["province"].pk}
    )

    client.force_login(secretary)
    assert (
        client.post(
            reverse("awards:ballot_open", args=[proposal.pk]), {"held_on": "20/12/2026", "confirm": "1"}
        ).status_code
        == 302
    )
    for user in (secretary, chair, member):
        cast(client, user, proposal, {line: True})
    client.force_login(secretary)
    close_response = client.post(reverse("awards:ballot_close", args=[proposal.pk]), {"confirm": "1"}, follow=True)
    assert close_response.status_code == 200
    line.refresh_from_db()
    assert line.decision == "approved"

    draft = client.get(reverse("awards:decision", args=[proposal.pk]))
    form = draft.context["form"]
    assert form.initial["grantor"] == "Chủ tịch Ủy ban nhân dân xã Hòa Bình"
    assert form.initial["signing_authority"] == "CHỦ TỊCH"
    assert "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;" in form.initial["bases"]
    assert "Quỹ thi đua, khen thưởng của Ủy ban nhân dân xã Hòa Bình" in form.initial["article_2"]
    data = {name: form.initial.get(name) or "" for name in form.fields} | {
        "number": "25/QĐ-UBND",
        "dated": "26/12/2026",
        "place": "Hòa Bình",
        "signer_name": "Nguyễn Văn Nam",
        "version": 0,
    }
    assert issue(client, proposal, data).status_code == 302
    decision = AwardDecision.objects.get(proposal=proposal)
    assert decision.authority == commune  # not a district's: there is none
    honour = Honour.objects.get(person=person)
    assert (honour.title.code, honour.authority) == ("giay-khen-ca-nhan", "Chủ tịch Ủy ban nhân dân xã Hòa Bình")
    assert not Proposal.objects.filter(forwarded_from=proposal).exists()  # nothing had to go up
    assert not Unit.objects.filter(kind="district_division").exists()


def test_government_flag_proposals_are_capped_at_a_fifth_of_the_province_flag_leaders(world):
    """Decree 152/2025 art. 7.1: at most 20 % of the collectives leading their bloc and meeting the province's flag."""
    from awards.checks import check_proposal
    from awards.models import Proposal
    from organisation.models import Unit

    campaign = Campaign.objects.create(
        name="Phong trào năm 2026", issuer=world["province"], council=world["council"], year=2026, status="active"
    )
    leaders = [Unit.objects.create(name=f"Sở dẫn đầu {i}", parent=world["province"]) for i in range(5)]
    proposal = Proposal.objects.create(
        campaign=campaign,
        kind="unit",
        proposer=world["province"],
        council=world["council"],
        summary="Đề nghị",
        created_by=world["admin"],
    )
    flag, government = Title.objects.get(code="co-thi-dua-tinh"), Title.objects.get(code="co-thi-dua-cp")
    for position, unit in enumerate(leaders, start=1):
        ProposalLine.objects.create(proposal=proposal, position=position, title=flag, unit=unit)
    first = ProposalLine.objects.create(proposal=proposal, position=10, title=government, unit=leaders[0])
    second = ProposalLine.objects.create(proposal=proposal, position=11, title=government, unit=leaders[1])
    results = check_proposal(proposal=proposal)
    cap = [result for result in results[first.pk] if result.rule.kind == "quota_of_holders"]
    assert cap and not cap[0].passes and "2 tập thể được đề nghị, tối đa 1 (20% của 5 tập thể" in cap[0].explanation
    second.delete()
    (cap,) = [
        result for result in check_proposal(proposal=proposal)[first.pk] if result.rule.kind == "quota_of_holders"
    ]
    assert cap.passes and "Điều 7 khoản 1" in cap.rule.legal_source


def test_the_rules_of_many_campaigns_and_a_years_money_are_read_in_flat_queries(world, django_assert_max_num_queries):
    """The office's dashboard asks the rules of every open campaign; the statistics every decision's money."""
    from awards.models import AwardDecision, Proposal
    from awards.rulebook.resolve import rules_in_force_many
    from awards.selectors.money import year_totals

    def campaigns(count):
        made = [
            Campaign.objects.create(name=f"Phong trào {i}", issuer=world["unit_a"], year=2025 + i % 2, status="active")
            for i in range(count)
        ]
        for campaign in made:
            Proposal.objects.create(
                campaign=campaign,
                kind="unit",
                proposer=world["unit_a"],
                council=world["council"],
                summary="Đề nghị",
                status="approved",
                created_by=world["admin"],
            )
        return made

    def decide(proposals, start):
        for number, proposal in enumerate(proposals, start=start):
            ProposalLine.objects.create(
                proposal=proposal, title=Title.objects.get(code="ttldtt"), unit=world["unit_b"], decision="approved"
            )
            AwardDecision.objects.create(
                proposal=proposal,
                authority=world["province"],
                year=2025,
                number=f"{number}/QĐ",
                place="Thử",
                dated=date(2025, 12, 1),
                issuing_body="UBND",
                grantor="Chủ tịch",
                summary="Khen",
                bases="Căn cứ",
                achievement="x",
                article_2="x",
                article_3="x",
                recipients="x",
                signing_authority="x",
                signer_name="x",
                created_by=world["admin"],
            )

    few = campaigns(2)
    decide([campaign.proposals.get() for campaign in few], 1)
    with django_assert_max_num_queries(40) as few_queries:
        rules_in_force_many(campaigns=few)
        year_totals(root=world["province"], year=2025)
    many = few + campaigns(20)
    decide([campaign.proposals.get() for campaign in many[2:]], 10)
    with django_assert_max_num_queries(len(few_queries.captured_queries)):
        answers = rules_in_force_many(campaigns=many)
        totals = year_totals(root=world["province"], year=2025)
    assert {answer.rule_set.code for answer in answers.values()} == {"luat-2022-nd-152-2025"}
    assert totals[0].awards == 22 and totals[0].total == 22 * rounded_up(Decimal("0.8") * 2_340_000)
