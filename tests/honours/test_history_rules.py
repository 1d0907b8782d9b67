"""Rules over past years, read from the award register, with the past awards that satisfy or fail them."""

from datetime import date

import pytest
from django.urls import reverse

from awards.checks import check_proposal, rule_set_for
from awards.models import Proposal, ProposalLine, Rule
from campaigns.models import Title
from organisation.models import Person, SheetImport
from tests.conftest import recorded
from tests.honours.test_register import upload


def titles():
    return {title.code: title for title in Title.objects.all()}


@pytest.fixture
def proposal(world):
    return Proposal.objects.create(
        campaign=world["campaign"],
        kind="unit",
        proposer=world["unit_a"],
        council=world["council"],
        summary="Đề nghị khen thưởng năm 2020",
        created_by=world["admin"],
    )


def line_results(proposal, line):
    return {result.rule.kind: result for result in check_proposal(proposal=proposal)[line.pk]}


def test_provincial_title_needs_three_consecutive_years_from_register(login, world, proposal):
    an = Person.objects.create(unit=world["unit_a"], full_name="Trần Văn An")
    binh = Person.objects.create(unit=world["unit_a_sub"], full_name="Lê Thị Bình")
    client = login(world["office"])
    cstdcs, director = "Chiến sĩ thi đua cơ sở", "Giám đốc Sở Văn hóa Thử"
    upload(
        client,
        world["province"],
        [
            [2018, cstdcs, "Trần Văn An", None, "Sở Văn hóa Thử", "12/QĐ-SVH", "20/01/2019", director, ""],
            [2019, cstdcs, "Trần Văn An", None, "Sở Văn hóa Thử", "15/QĐ-SVH", "18/01/2020", director, ""],
            [2018, cstdcs, "Lê Thị Bình", None, "Phòng Nghiệp vụ", "12/QĐ-SVH", "20/01/2019", director, ""],
            [2020, cstdcs, "Lê Thị Bình", None, "Phòng Nghiệp vụ", "9/QĐ-SVH", "15/01/2021", director, ""],
        ],
    )
    client.post(reverse("honours:import_confirm", args=[world["province"].pk, SheetImport.objects.get().pk]))
    t = titles()
    an_line = ProposalLine.objects.create(proposal=proposal, position=1, title=t["cstd-tinh"], person=an)
    ProposalLine.objects.create(proposal=proposal, position=2, title=t["cstdcs"], person=an)  # his third year
    binh_line = ProposalLine.objects.create(proposal=proposal, position=3, title=t["cstd-tinh"], person=binh)

    passed = line_results(proposal, an_line)["held_consecutive_years"]
    assert passed.passes
    assert passed.explanation == (
        "“Chiến sĩ thi đua cơ sở” 3 năm liên tục, 2018–2020: 2018: Quyết định số 12/QĐ-SVH ngày 20/01/2019; "
        "2019: Quyết định số 15/QĐ-SVH ngày 18/01/2020; 2020: được đề nghị năm nay."
    )
    failed = line_results(proposal, binh_line)["held_consecutive_years"]
    assert not failed.passes
    assert "2019: không có trong sổ" in failed.explanation and "2020: Quyết định số 9/QĐ-SVH" in failed.explanation

    # The reviewer reads the same on the proposal's page, with the law the rule comes from.
    page = login(world["clerk_a"]).get(reverse("awards:detail", args=[proposal.pk])).content.decode()
    assert "2019: không có trong sổ" in page and "2018: Quyết định số 12/QĐ-SVH ngày 20/01/2019" in page
    assert "Nghị định 91/2017/NĐ-CP, Điều 9 khoản 2" in page
    rule = Rule.objects.get(rule_set=rule_set_for(campaign=world["campaign"]), kind="held_consecutive_years")
    assert (rule.title.code, rule.other_title.code, rule.number) == ("cstd-tinh", "cstdcs", 3)


def test_a_title_held_once_in_the_years_before(world, proposal):
    """A rule an office adds with the second kind: "Chiến sĩ thi đua cơ sở" at least once in the last 3 years."""
    t = titles()
    Rule.objects.create(
        rule_set=rule_set_for(campaign=world["campaign"]),
        title=t["bang-khen-tinh-ca-nhan"],
        kind="held_within_years",
        other_title=t["cstdcs"],
        number=3,
        legal_source="Quy định của tỉnh (ví dụ)",
        text="Đã đạt “Chiến sĩ thi đua cơ sở” trong 3 năm trước.",
    )
    once = Person.objects.create(unit=world["unit_a"], full_name="Một Lần")
    long_ago = Person.objects.create(unit=world["unit_a"], full_name="Đã Lâu")
    recorded("cstdcs", year=2018, person=once, number="7/QĐ-SVH", dated=date(2019, 1, 10))
    recorded("cstdcs", year=2016, person=long_ago)
    lines = [
        ProposalLine.objects.create(proposal=proposal, position=i, title=t["bang-khen-tinh-ca-nhan"], person=person)
        for i, person in enumerate((once, long_ago))
    ]
    held, not_held = (line_results(proposal, line)["held_within_years"] for line in lines)
    assert held.passes and held.explanation == (
        "“Chiến sĩ thi đua cơ sở” trong các năm 2017–2019: 2018: Quyết định số 7/QĐ-SVH ngày 10/01/2019."
    )
    assert not not_held.passes
    assert not_held.explanation == "Sổ khen thưởng không có “Chiến sĩ thi đua cơ sở” trong các năm 2017–2019."
