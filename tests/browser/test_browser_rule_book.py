"""The emulation office enters its province's regulation in the browser, and the council's review shows it."""

import pytest

from awards.models import Proposal, ProposalLine, RuleSet
from campaigns.models import Campaign, Title
from organisation.models import Council, Person, Unit
from tests.browser.test_browser import expect, log_in, log_out, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SOURCE = "Quyết định 25/2025/QĐ-UBND ngày 10/12/2025 của UBND tỉnh Tây Ninh"


def test_office_keeps_its_own_rule_set_without_admin(page):
    builder = Unit.objects.get(name="Sở Xây dựng tỉnh Tây Ninh")
    campaign = Campaign.objects.create(
        name="Phong trào thi đua năm 2026 của Sở Xây dựng",
        issuer=builder,
        council=Council.objects.get(unit=builder),
        year=2026,
        status=Campaign.Status.ACTIVE,
    )
    proposal = Proposal.objects.create(
        campaign=campaign,
        kind=Proposal.Kind.UNIT,
        proposer=builder,
        council=campaign.council,
        summary="Đề nghị công nhận danh hiệu thi đua năm 2026",
        status=Proposal.Status.SUBMITTED,
        created_by=campaign.council.members.first().user,
    )
    ProposalLine.objects.create(
        proposal=proposal,
        title=Title.objects.get(code="ldtt"),
        person=Person.objects.filter(unit__parent=builder).first(),
    )

    log_in(page, "bantdkt.tayninh")
    page.click("#awards-menu")
    page.locator(".dropdown-menu").get_by_role("link", name="Quy định khen thưởng").click()
    expect(page.locator("h1")).to_have_text("Quy định khen thưởng")
    shot(page, "40-rule-book")
    page.locator("#national-sets tr", has_text="Nghị định 152/2025/NĐ-CP").get_by_role(
        "link", name="Sao chép thành quy định của tỉnh"
    ).click()
    page.fill("input[name=name]", "Quy định thi đua, khen thưởng tỉnh Tây Ninh")
    page.fill("input[name=legal_source]", SOURCE)
    page.fill("input[name=valid_from]", "01/01/2026")
    page.fill("input[name=valid_to]", "28/02/2027")
    page.fill("textarea[name=reason]", "Tỉnh ban hành quy định thi đua, khen thưởng")
    shot(page, "41-rule-set-new")
    page.get_by_role("button", name="Tạo bộ quy định").click()
    expect(page.locator("#rule-set-source")).to_have_text(SOURCE)

    page.get_by_role("link", name="Sửa các tỷ lệ").click()
    page.fill("input[name=attendance]", "80")
    page.fill("input[name=attendance_source]", f"{SOURCE}, Điều 10")
    page.fill("input[name=default_percent]", "50")
    page.select_option("select[name=default_counted_over]", label="số thành viên có mặt")
    page.check("input[name=default_more_than]")
    page.fill("input[name=default_source]", f"{SOURCE}, Điều 10: quá bán số thành viên có mặt")
    page.fill("textarea[name=reason]", "Tỷ lệ biểu quyết theo quy định của tỉnh")
    shot(page, "42-rule-set-figures")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("#council-figures")).to_contain_text("trên 50% số thành viên có mặt")
    page.locator("#title-rules tr", has_text="Giấy khen (cá nhân)").get_by_role("link", name="Đổi").click()
    expect(page.locator("h1")).to_have_text("Giấy khen (cá nhân)")
    page.go_back()
    shot(page, "43-rule-set")
    page.get_by_role("link", name="Quy định khen thưởng").first.click()
    page.get_by_role("link", name="Mức lương cơ sở").click()
    expect(page.locator("#salaries")).to_contain_text("2.530.000")
    shot(page, "44-base-salary")

    # The campaign of its tree is judged by it, and its page says so.
    page.goto(f"{page.base_url}/campaigns/{campaign.pk}/")
    expect(page.locator("#campaign-rules")).to_contain_text(SOURCE)
    expect(page.locator("#campaign-rules")).to_contain_text("quy định của tỉnh có hiệu lực vào ngày đó")
    shot(page, "45-campaign-rules")
    # The year's reward money, per fund, on the office's statistics page.
    page.click("#awards-menu")
    page.locator(".dropdown-menu").get_by_role("link", name="Sổ theo dõi khen thưởng").click()
    page.get_by_role("link", name="Thống kê năm").click()
    expect(page.locator("#reward-money")).to_contain_text("Tiền thưởng theo nguồn quỹ")
    page.click("#organisation-menu")
    page.locator(".dropdown-menu").get_by_role("link", name="Sáp nhập đơn vị").click()
    expect(page.locator("h1")).to_have_text("Sáp nhập đơn vị")
    shot(page, "46-merge-units")
    log_out(page)

    # The council's review shows the source the council votes under.
    log_in(page, "sxd.hoidong")
    page.goto(f"{page.base_url}/proposals/{proposal.pk}/")
    expect(page.locator("#judged-by-source")).to_have_text(SOURCE)
    shot(page, "47-council-review-rules")
    assert RuleSet.objects.get(legal_source=SOURCE).owner.name == "Ủy ban nhân dân tỉnh Tây Ninh"
