"""The office reads the scoring table from a plan in the browser: paste the plan, review the draft, confirm once."""

from pathlib import Path

import pytest

from tests.browser.test_browser import expect, log_in, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLAN = Path(__file__).resolve().parents[1] / "scoring" / "plans" / "plan_with_table.txt"


def test_browser_office_reads_the_scoring_table_from_the_plan(page):
    log_in(page, "bqlda2")
    page.locator("#my-campaigns a").first.click()
    page.get_by_role("link", name="Báo cáo và chấm điểm").first.click()
    page.get_by_role("link", name="Thang điểm").click()
    page.get_by_role("link", name="Đọc thang điểm từ kế hoạch").click()
    page.fill("textarea[name=text]", PLAN.read_text())
    page.get_by_role("button", name="Đọc kế hoạch").click()
    expect(page.locator("#criteria-preview tbody tr")).to_have_count(15)
    expect(page.locator("#plan-unscored")).to_contain_text("Có cán bộ bị kỷ luật trong năm")
    expect(page.locator("#plan-bands")).to_contain_text("không có tiêu chí nào bị 0 điểm")
    shot(page, "65-scoring-table-from-plan")
    page.get_by_role("button", name="Xác nhận nhập danh sách").click()
    expect(page.locator("#criteria tbody tr")).to_have_count(15)
    expect(page.locator("#criteria")).to_contain_text("Điểm cộng (tối đa 10 điểm)")
