"""The journeys a person makes, in Debian's headless Chromium driven by Playwright.

Screenshots of each page land in test-artifacts/ for a reviewer to look at.
"""

import os
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = os.environ.get("THIDUA_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def expect(locator):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def log_in(page, username):
    page.goto(f"{page.base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "thidua2020")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{page.base_url}/")


def test_bloc_leader_logs_in_and_sees_the_bloc_8_plan(page):
    page.goto(f"{page.base_url}/")
    assert "/accounts/login/" in page.url
    shot(page, "01-login")
    log_in(page, "khoi8.truong")
    assert page.locator("h1").inner_text().startswith("Xin chào")
    assert page.locator("#my-campaigns").get_by_text("Tổ chức và phát động phong trào thi đua năm 2020").is_visible()
    assert page.get_by_text("Họp tổng kết, bình bầu thi đua của Khối").first.is_visible()
    shot(page, "02-dashboard-bloc-leader")
    page.locator("#my-campaigns").get_by_role("link", name="Tổ chức và phát động phong trào thi đua năm 2020").click()
    expect(page.locator("#content-items li")).to_have_count(10)
    expect(page.locator("#participants li")).to_have_count(8)
    shot(page, "03-campaign-bloc-8")


def test_leader_adds_a_phase_and_a_wrong_date_keeps_the_form(page):
    log_in(page, "khoi8.truong")
    page.locator("#my-campaigns").get_by_role("link", name="Tổ chức và phát động phong trào thi đua năm 2020").click()
    page.get_by_role("link", name="Thêm đợt").click()
    page.fill("input[name=name]", "Đợt thi đua chào mừng")
    page.fill("input[name=starts_on]", "01/09/2020")
    page.fill("input[name=ends_on]", "31/08/2020")
    page.click("main button[type=submit]")
    expect(page.locator("#form-errors")).to_contain_text("Đợt thi đua không thể kết thúc trước khi bắt đầu.")
    assert page.input_value("input[name=name]") == "Đợt thi đua chào mừng"
    shot(page, "04-phase-form-error")
    page.fill("input[name=ends_on]", "30/09/2020")
    page.click("main button[type=submit]")
    expect(page.get_by_text("Đã lưu.")).to_be_visible()
    assert "01/09/2020 – 30/09/2020" in page.locator("#phases").inner_text()


def test_clerk_typing_another_units_url_is_refused(page):
    log_in(page, "gddt")
    shot(page, "05-dashboard-clerk")
    response = page.goto(f"{page.base_url}/campaigns/")
    assert response.status == 200
    assert page.locator("tbody tr").count() == 3  # seed 003, and Khối 8's two campaigns of this year
    from organisation.models import Unit

    other = Unit.objects.get(name="Sở Xây dựng tỉnh Tây Ninh")
    response = page.goto(f"{page.base_url}/units/{other.pk}/")
    assert response.status == 404
    assert page.get_by_text("Không tìm thấy trang").is_visible()
    shot(page, "06-refused")


def test_council_secretary_and_administrator_pages(page):
    log_in(page, "tdkt.travinh")
    shot(page, "07-dashboard-council")
    page.click("#organisation-menu")
    page.get_by_role("link", name="Khối thi đua").click()
    page.get_by_role("link", name="Khối 8").click()
    expect(page.locator("#members tr")).to_have_count(8)
    shot(page, "08-bloc-8")
    page.locator("form[action='/accounts/logout/'] button").evaluate("button => button.form.submit()")
    page.wait_for_url("**/accounts/login/")
    log_in(page, "admin")
    page.get_by_role("link", name="Quản trị").first.click()
    expect(page.locator("#site-name")).to_have_text("Quản trị hệ thống thi đua – khen thưởng")
    shot(page, "09-admin")


def log_out(page):
    page.locator("form[action='/accounts/logout/'] button").evaluate("button => button.form.submit()")
    page.wait_for_url("**/accounts/login/")


def test_registration_journey_send_return_correct_accept_download(page):
    # The clerk of Báo Trà Vinh finishes the draft and sends it.
    log_in(page, "baotv")
    page.locator("#my-campaigns").get_by_role("link", name="Tổ chức và phát động phong trào thi đua năm 2020").click()
    page.get_by_role("link", name="Đăng ký thi đua").first.click()
    expect(page.locator("h1")).to_contain_text("Đăng ký thi đua của Báo Trà Vinh")
    page.locator("input[data-filter-rows]").fill("NGUYEN THI ANH")
    expect(page.locator("#individual tbody tr:not([hidden])")).to_have_count(1)
    first_item = page.locator("#items textarea").first
    first_item.fill("")
    page.get_by_role("button", name="Gửi đăng ký").click()
    expect(page.locator("#form-errors")).to_contain_text("Hãy ghi chỉ tiêu hoặc cam kết cho nội dung 1.")
    shot(page, "10-registration-refused")
    page.locator("#items textarea").first.fill("Phát hành đủ 156 số báo in năm 2020.")
    page.get_by_role("button", name="Gửi đăng ký").click()
    expect(page.get_by_text("Đã gửi bản đăng ký đến Sở Văn hóa, Thể thao và Du lịch.")).to_be_visible()
    log_out(page)

    # The bloc leader returns it with a comment.
    log_in(page, "khoi8.truong")
    page.locator("#my-campaigns").get_by_role("link", name="Tổ chức và phát động phong trào thi đua năm 2020").click()
    page.get_by_role("link", name="Đăng ký thi đua").first.click()
    shot(page, "11-registration-overview")
    page.get_by_role("link", name="Báo Trà Vinh").click()
    page.fill("textarea[name=comment]", "Bổ sung chỉ tiêu về số lượt bạn đọc báo điện tử.")
    page.get_by_role("button", name="Trả lại để sửa").click()
    expect(page.locator("#return-comment")).to_contain_text("bạn đọc báo điện tử")
    log_out(page)

    # The clerk corrects and sends again.
    log_in(page, "baotv")
    page.locator("#my-campaigns").get_by_role("link", name="Tổ chức và phát động phong trào thi đua năm 2020").click()
    page.get_by_role("link", name="Đăng ký thi đua").first.click()
    expect(page.locator("#return-comment")).to_contain_text("bạn đọc báo điện tử")
    page.locator("#items textarea").first.fill("Phát hành đủ 156 số báo in; 2 triệu lượt đọc báo điện tử.")
    page.get_by_role("button", name="Gửi đăng ký").click()
    expect(page.get_by_text("Đã gửi bản đăng ký đến")).to_be_visible()
    log_out(page)

    # The leader accepts it and downloads the bloc's sheet.
    log_in(page, "khoi8.truong")
    page.locator("#my-campaigns").get_by_role("link", name="Tổ chức và phát động phong trào thi đua năm 2020").click()
    page.get_by_role("link", name="Đăng ký thi đua").first.click()
    page.get_by_role("link", name="Báo Trà Vinh").click()
    expect(page.locator("#history")).to_contain_text("2 triệu lượt đọc")
    page.get_by_role("button", name="Chấp nhận").click()
    expect(page.get_by_text("Đã chấp nhận bản đăng ký của Báo Trà Vinh.")).to_be_visible()
    shot(page, "12-registration-accepted")
    page.get_by_role("link", name="Đăng ký thi đua").first.click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải bảng tổng hợp (.xlsx)").click()
    from io import BytesIO

    from openpyxl import load_workbook

    download = download_info.value
    assert download.suggested_filename == "dang-ky-thi-dua-2020.xlsx"
    workbook = load_workbook(BytesIO(Path(download.path()).read_bytes()))
    units = {row[1].value for row in workbook["Nội dung đăng ký"].iter_rows(min_row=4)}
    assert "Báo Trà Vinh" in units


def test_scoring_journey_self_score_score_finalise_vote(page, tmp_path):
    from weasyprint import HTML

    evidence = tmp_path / "minh-chung.pdf"
    evidence.write_bytes(HTML(string="<p>Quyết định công nhận sáng kiến</p>").write_pdf())

    # The agency's clerk enters the scoring table of seed 000 in the browser.
    log_in(page, "bqlda2")
    page.locator("#my-campaigns a").first.click()
    page.get_by_role("link", name="Báo cáo và chấm điểm").first.click()
    page.get_by_role("link", name="Thang điểm").click()
    for label, text, maximum in [("1", "Hoàn thành kế hoạch giải ngân", "60"), ("2", "Cải cách hành chính", "40")]:
        page.get_by_role("link", name="Thêm tiêu chí").click()
        page.fill("input[name=label]", label)
        page.fill("textarea[name=text]", text)
        page.fill("input[name=max_points]", maximum)
        page.click("main button[type=submit]")
    expect(page.locator("#criteria tbody tr")).to_have_count(2)
    log_out(page)

    # The Văn phòng's clerk self-scores with evidence and sends.
    log_in(page, "bqlda2.vanphong")
    page.locator("#my-campaigns a").first.click()
    page.get_by_role("link", name="Báo cáo và chấm điểm").first.click()
    page.get_by_role("link", name="Tự chấm").click()
    inputs = page.locator("#self-scores input[name^=points_]")
    inputs.nth(0).fill("65")
    inputs.nth(1).fill("38,5")
    page.locator("#self-scores input[type=file]").first.set_input_files(str(evidence))
    page.get_by_role("button", name="Gửi bản tự chấm").click()
    expect(page.locator("#form-errors")).to_contain_text("Tối đa 60 điểm.")
    shot(page, "13-self-assessment-refused")
    page.locator("#self-scores input[name^=points_]").nth(0).fill("57")
    page.locator("#self-scores input[type=file]").first.set_input_files(str(evidence))
    page.get_by_role("button", name="Gửi bản tự chấm").click()
    expect(page.get_by_text("Đã gửi bản tự chấm điểm.")).to_be_visible()
    log_out(page)

    # The agency's clerk scores its three divisions, ranks and finalises.
    log_in(page, "bqlda2")
    page.locator("#my-campaigns a").first.click()
    page.get_by_role("link", name="Báo cáo và chấm điểm").first.click()
    for index, points in enumerate([("55", "38"), ("50", "35"), ("55", "38")]):
        page.locator("#members a.btn", has_text="Chấm điểm").nth(index).click()
        fields = page.locator("#scores input[name^=points_]")
        fields.nth(0).fill(points[0])
        fields.nth(1).fill(points[1])
        page.get_by_role("button", name="Lưu điểm").click()
        expect(page.get_by_text("Đã lưu điểm")).to_be_visible()
        page.get_by_role("link", name="Báo cáo và chấm điểm").first.click()
    page.get_by_role("link", name="Xếp hạng").click()
    expect(page.locator("#ranking tbody tr")).to_have_count(3)
    ranks = [row.locator("td").nth(0).inner_text().split()[0] for row in page.locator("#ranking tbody tr").all()]
    assert ranks == ["1", "1", "3"]  # two divisions tie at 93 with no deduction to part them
    assert page.locator("#ranking tbody tr").nth(2).locator("td").nth(1).inner_text() == "Phòng Tài chính – Kế toán"
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Chốt bảng xếp hạng").click()
    expect(page.get_by_text("Đã chốt bảng xếp hạng; điểm đã khóa.")).to_be_visible()
    shot(page, "14-ranking-final")

    # The members' vote is recorded.
    page.get_by_role("link", name="Báo cáo và chấm điểm").first.click()
    page.get_by_role("link", name="Bình bầu").click()
    page.fill("input[name=held_on]", "01/11/2020")
    for box in page.locator("#present input[type=checkbox]").all():
        box.check()
    grid = page.locator("table.vote-grid").first
    # A unit has no box for itself: the first two vote for the third, the third for the first.
    for row in range(3):
        grid.locator("tbody tr").nth(row).locator("input").nth(1 if row != 2 else 0).check()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Ghi kết quả bình bầu").click()
    expect(page.get_by_text("Đã ghi kết quả bình bầu.")).to_be_visible()
    expect(page.locator("#results")).to_contain_text("được đề nghị")
    shot(page, "15-vote")


def test_a_clerk_sees_where_the_unit_stands_and_the_published_results(page):
    log_in(page, "gddt")
    work = page.locator("#year-work")
    expect(work).to_contain_text("Sở Giáo dục và Đào tạo")
    expect(work.locator(".next-action").first).to_contain_text("Việc tiếp theo:")
    shot(page, "30-dashboard-clerk")
    # The notifications, and the choice of email from the user menu.
    page.click("#notifications-link")
    expect(page.locator("h1")).to_have_text("Thông báo")
    page.get_by_role("button", name="Thạch Thị Chanh Đa").click()
    page.locator("#main-nav").get_by_role("link", name="Cài đặt thông báo").click()
    page.get_by_label("Gửi cả thư điện tử cho mỗi thông báo").uncheck()
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu cài đặt thông báo của bạn.")).to_be_visible()
    expect(page.get_by_label("Gửi cả thư điện tử cho mỗi thông báo")).not_to_be_checked()
    page.goto(f"{page.base_url}/")
    # Khối 8's 2020 ranking is published: the member sees it, and its own lines only.
    page.goto(f"{page.base_url}/campaigns/")
    page.get_by_role("link", name="Tổ chức và phát động phong trào thi đua năm 2020").click()
    page.get_by_role("link", name="Báo cáo và chấm điểm").first.click()
    page.get_by_role("link", name="Kết quả công bố").click()
    expect(page.locator("#published-ranking tbody tr")).to_have_count(8)
    expect(page.locator("#published-ranking tr.table-primary")).to_contain_text("Sở Giáo dục và Đào tạo")
    expect(page.locator("table.own-scores")).to_have_count(1)
    expect(page.locator("table.own-scores tbody tr")).to_have_count(12)
    shot(page, "31-published-ranking-member")


def test_the_compiler_starts_from_the_self_scores_types_only_the_differences_and_scores_on_a_phone(page):
    # Seed 000: the agency's scoring table of three lines, entered by its clerk.
    log_in(page, "bqlda2")
    page.locator("#my-campaigns a").first.click()
    page.get_by_role("link", name="Báo cáo và chấm điểm").first.click()
    page.get_by_role("link", name="Thang điểm").click()
    for label, text, maximum, kind in [
        ("1", "Hoàn thành kế hoạch giải ngân", "60", "Tiêu chí"),
        ("2", "Cải cách hành chính", "40", "Tiêu chí"),
        ("+", "Sáng kiến được công nhận", "5", "Điểm cộng"),
    ]:
        page.get_by_role("link", name="Thêm tiêu chí").click()
        page.fill("input[name=label]", label)
        page.fill("textarea[name=text]", text)
        page.fill("input[name=max_points]", maximum)
        page.select_option("select[name=kind]", label=kind)
        page.click("main button[type=submit]")
    log_out(page)

    # The Văn phòng self-scores with the keyboard: Enter moves down the column; the total follows.
    log_in(page, "bqlda2.vanphong")
    page.locator("#my-campaigns a").first.click()
    page.get_by_role("link", name="Báo cáo và chấm điểm").first.click()
    page.get_by_role("link", name="Tự chấm").click()
    boxes = page.locator("#self-scores input[name^=points_]")
    boxes.nth(0).click()
    for value in ["57", "38,5", "2"]:
        page.keyboard.type(value)
        page.keyboard.press("Enter")
    expect(page.locator("#self-scores [data-total=final]")).to_have_text("97,50")
    page.get_by_role("button", name="Gửi bản tự chấm").click()
    expect(page.get_by_text("Đã gửi bản tự chấm điểm.")).to_be_visible()
    log_out(page)

    # The agency opens the Văn phòng's form: filled with its self-scores, the totals counted.
    log_in(page, "bqlda2")
    page.locator("#my-campaigns a").first.click()
    page.get_by_role("link", name="Báo cáo và chấm điểm").first.click()
    page.locator("#members tr", has_text="Văn phòng").get_by_role("link", name="Chấm điểm").click()
    expect(page.locator("#prefilled-note")).to_be_visible()
    points = page.locator("#scores input[name^=points_]")
    assert [points.nth(i).input_value() for i in range(3)] == ["57,00", "38,50", "2,00"]
    expect(page.locator("#scores [data-total=final]")).to_have_text("97,50")
    shot(page, "32-leader-prefilled-form")
    # Only the disagreement is typed; its difference and the totals follow as it is typed.
    points.nth(0).fill("55")
    expect(page.locator("#scores tbody tr").nth(0).locator(".line-difference")).to_have_text("-2,00")
    expect(page.locator("#scores [data-total=final]")).to_have_text("95,50")
    expect(page.locator("#scores [data-total-difference=final]")).to_have_text("-2,00")
    page.locator("#scores input[name^=comment_]").first.fill("Giải ngân đạt 95% kế hoạch")
    # A column pasted from Excel fills the boxes below the one it is pasted in.
    points.nth(1).evaluate(
        """box => {
            const data = new DataTransfer();
            data.setData("text/plain", "36\\r\\n1\\r\\n");
            box.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
        }"""
    )
    assert [points.nth(i).input_value() for i in range(3)] == ["55", "36", "1"]
    expect(page.locator("#scores [data-total=final]")).to_have_text("92,00")
    page.get_by_role("button", name="Lưu điểm").click()
    expect(page.get_by_text("Đã lưu điểm của Văn phòng")).to_be_visible()
    expect(page.locator("#scores [data-total=final]")).to_have_text("92,00")  # counted again by the server

    # On a 390 px phone each line is a card, its values labelled.
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    row = page.locator("#scores tbody tr").first
    assert row.evaluate("row => getComputedStyle(row).display") == "block"
    assert page.locator("#scores thead").evaluate("head => getComputedStyle(head).display") == "none"
    assert row.locator("td[data-label]").first.evaluate("cell => getComputedStyle(cell, '::before').content") != "none"
    shot(page, "33-score-form-390px")
