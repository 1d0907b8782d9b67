"""The law of today, kept by the office: its own rule sets beside the national ones, Decree 152/2025 as its text
says, its end on 01/3/2027, the council's figures and the reward money, through the pages an office and a council
use."""

from datetime import date
from decimal import Decimal

from django.urls import reverse

from awards.models import (
    AwardTerms,
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
    response = client.post(reverse("awards:ballot_open", args=[proposal.pk]), {"held_on": "20/12/2026"}, follow=True)
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
