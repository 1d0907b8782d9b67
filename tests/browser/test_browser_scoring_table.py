"""The office builds a scoring table of today in the browser: a part with its lines, every scoring method, a gate;
a unit then reports its figures and sees the points the server computes."""

import pytest

from tests.browser.test_browser import expect, log_in, log_out, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# (number, text, maximum, kind, method, part of, {field: value})
LINES = [
    ("I", "Nhiệm vụ chuyên môn", "60", "Tiêu chí", "Nhập điểm", None, {}),
    (
        "1",
        "Tỷ lệ đối tượng có tài khoản",
        "40",
        "Tiêu chí",
        "Số liệu ÷ mẫu số × điểm tối đa",
        "I Nhiệm vụ chuyên môn",
        {"figure_label": "Số có tài khoản", "base_label": "Số đủ điều kiện"},
    ),
    (
        "2",
        "Hồ sơ đạt chuẩn",
        "10",
        "Tiêu chí",
        "Đủ điểm khi đạt mốc, dưới mốc tính theo tỷ lệ",
        "I Nhiệm vụ chuyên môn",
        {"target": "90", "fixed_base": "50"},
    ),
    (
        "3",
        "Cơ sở dữ liệu",
        "10",
        "Tiêu chí",
        "Nửa số điểm khi đạt mốc, đủ điểm từ mốc thứ hai",
        "I Nhiệm vụ chuyên môn",
        {"target": "80", "second_level": "95"},
    ),
    ("II", "Gửi kế hoạch và minh chứng", "10", "Tiêu chí", "Đạt hoặc không", None, {"gate": "evidence"}),
    (
        "III",
        "Tỷ lệ chi trả qua tài khoản",
        "5",
        "Điểm cộng",
        "Theo bậc của số liệu hoặc tỷ lệ",
        None,
        {"tiers_text": "88; 90; 2\n90; 95; 3\n95; 100; 4\n100; ; 5"},
    ),
    ("IV", "Báo cáo trễ hạn", "5", "Điểm trừ", "Điểm mỗi lần, không quá điểm tối đa", None, {"per_occurrence": "-1"}),
    ("V", "Điểm cộng khác", "3", "Điểm cộng", "Nhập điểm", None, {}),
    ("a", "Sáng kiến", "2", "Điểm cộng", "Nhập điểm", "V Điểm cộng khác", {}),
    ("b", "Khen thưởng đột xuất", "2", "Điểm cộng", "Nhập điểm", "V Điểm cộng khác", {}),
]
GATES = {"evidence": "0 điểm nếu không có minh chứng"}


def test_browser_office_builds_a_table_with_every_method(page):
    log_in(page, "bqlda2")
    page.locator("#my-campaigns a").first.click()
    page.get_by_role("link", name="Báo cáo và chấm điểm").first.click()
    page.get_by_role("link", name="Thang điểm").click()
    table = page.url

    # Tiers with a gap are refused in Vietnamese, and the form keeps what was typed.
    page.get_by_role("link", name="Thêm tiêu chí").click()
    page.fill("input[name=label]", "III")
    page.fill("textarea[name=text]", "Tỷ lệ chi trả qua tài khoản")
    page.fill("input[name=max_points]", "5")
    page.select_option("select[name=method]", label="Theo bậc của số liệu hoặc tỷ lệ")
    page.fill("textarea[name=tiers_text]", "88; 90; 2\n91; 95; 3")
    page.click("main button[type=submit]")
    expect(page.locator("#form-errors")).to_contain_text("Có khoảng trống giữa 90 và 91")
    expect(page.locator("textarea[name=tiers_text]")).to_have_value("88; 90; 2\n91; 95; 3")
    shot(page, "60-scoring-table-refused-tiers")

    for label, text, maximum, kind, method, parent, fields in LINES:
        page.goto(table)
        page.get_by_role("link", name="Thêm tiêu chí").click()
        page.fill("input[name=label]", label)
        page.fill("textarea[name=text]", text)
        page.fill("input[name=max_points]", maximum)
        page.select_option("select[name=kind]", label=kind)
        page.select_option("select[name=method]", label=method)
        if parent:
            page.select_option("select[name=parent]", label=parent)
        for name, value in fields.items():
            if name == "gate":
                page.select_option("select[name=gate]", label=GATES[value])
            elif name == "tiers_text":
                page.fill(f"textarea[name={name}]", value)
            else:
                page.fill(f"input[name={name}]", value)
        page.click("main button[type=submit]")
        expect(page.locator(".alert-success")).to_be_visible()
    rows = page.locator("#criteria tbody tr")
    expect(rows).to_have_count(len(LINES))
    expect(page.locator("#criteria")).to_contain_text("Số có tài khoản ÷ Số đủ điều kiện × 40 điểm")
    expect(page.locator("#criteria")).to_contain_text("88–<90 %: 2")
    expect(page.locator("#criteria")).to_contain_text("−1 điểm mỗi lần")
    expect(page.locator("#criteria")).to_contain_text("0 điểm nếu không có minh chứng")
    expect(page.locator("#criteria")).to_contain_text("Tổng điểm các dòng con, không quá điểm tối đa.")
    shot(page, "61-scoring-table-every-method")
    log_out(page)

    # A division reports its figures; the points are the server's.
    log_in(page, "bqlda2.vanphong")
    page.locator("#my-campaigns a").first.click()
    page.get_by_role("link", name="Báo cáo và chấm điểm").first.click()
    page.get_by_role("link", name="Tự chấm").click()
    page.locator("#self-scores input[name^=figure_]").first.fill("1200")
    page.locator("#self-scores input[name^=base_]").first.fill("1000")
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_text("vượt mẫu số").first).to_be_visible()
    expect(page.locator("#self-scores input[name^=figure_]").first).to_have_value("1200")
    page.locator("#self-scores input[name^=figure_]").first.fill("925")
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator("#self-scores .computed-points").first).to_have_text("37,00")
    # The page's script counts the server's points of computed lines in the totals, as the server does.
    expect(page.locator("#self-scores [data-total=final]")).to_have_text("37,00")
    # Typed bonus lines count while typed, their part capped at its 3 points as on the server.
    typed = page.locator("#self-scores input[name^=points_]")
    typed.nth(0).fill("2")
    typed.nth(1).fill("2")
    expect(page.locator("#self-scores [data-total=bonus]")).to_have_text("3,00")
    expect(page.locator("#self-scores [data-total=final]")).to_have_text("40,00")
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.locator("#self-scores [data-total=final]")).to_have_text("40,00")
    shot(page, "62-self-assessment-figures")
