"""The bloc's leader keeps the bands and the tie rules in the browser; the ranking shows each unit's band and tie.
The units have scored and the ranking is final: the leader reopens it, then gives the reason of each change."""

import pytest

from scoring.models import Ranking
from tests.browser.test_browser import expect, log_in, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_leader_keeps_bands_and_tie_rules_and_the_ranking_shows_them(page):
    campaign = Ranking.objects.get().campaign
    log_in(page, "khoi8.truong")
    page.goto(f"{page.base_url}/campaigns/{campaign.pk}/scoring/ranking/")
    page.fill("textarea[name=reason]", "Bổ sung xếp loại theo hướng dẫn mới của tỉnh")
    page.get_by_role("button", name="Mở lại", exact=True).click()
    page.goto(f"{page.base_url}/campaigns/{campaign.pk}/scoring/criteria/")
    page.get_by_role("link", name="Xếp loại, sự việc và bằng điểm").click()
    expect(page.locator("h1")).to_have_text("Xếp loại, sự việc và bằng điểm")
    expect(page.get_by_text("Các đơn vị đã chấm điểm: mỗi thay đổi ở đây phải nêu lý do")).to_be_visible()
    reason = "Bổ sung xếp loại theo hướng dẫn mới của tỉnh"
    for name, total in [("Hoàn thành xuất sắc", "100"), ("Hoàn thành tốt", "90")]:
        page.get_by_role("link", name="Thêm mức xếp loại").click()
        page.fill("input[name=name]", name)
        page.fill("input[name=min_total]", total)
        page.check("input[name=no_criterion_at_zero]")
        page.fill("textarea[name=reason]", reason)
        page.click("main button[type=submit]")
        expect(page.get_by_text("Đã lưu.")).to_be_visible()
    # A band the order leaves out of reach is refused, what was typed kept.
    page.get_by_role("link", name="Thêm mức xếp loại").click()
    page.fill("input[name=name]", "Khá")
    page.fill("input[name=min_total]", "95")
    page.check("input[name=no_criterion_at_zero]")
    page.fill("textarea[name=reason]", reason)
    page.click("main button[type=submit]")
    expect(page.locator("#form-errors")).to_contain_text("sẽ không bao giờ đạt được")
    assert page.input_value("input[name=name]") == "Khá" and page.input_value("textarea[name=reason]") == reason
    shot(page, "60-band-refused")
    page.get_by_role("link", name="Hủy").click()
    page.get_by_role("link", name="Thêm quy tắc").click()
    page.select_option("select[name=kind]", label="Bình bầu của các thành viên")
    page.fill("textarea[name=reason]", reason)
    page.click("main button[type=submit]")
    expect(page.locator("#tie-rules")).to_contain_text("Ít điểm trừ hơn")
    expect(page.locator("#tie-rules")).to_contain_text("Bình bầu của các thành viên")
    shot(page, "61-classification")
    page.goto(f"{page.base_url}/campaigns/{campaign.pk}/scoring/ranking/")
    expect(page.locator("#ranking")).to_contain_text("Hoàn thành xuất sắc")
    expect(page.locator("#ranking")).to_contain_text("quy tắc 1, “Ít điểm trừ hơn”")
    shot(page, "62-ranking-bands")
