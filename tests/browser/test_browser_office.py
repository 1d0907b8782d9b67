"""The emulation office sets up a bloc's year in the browser, from nothing but its own account."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from organisation.models import RoleAssignment, Unit
from tests.browser.test_browser import expect, log_in, log_out, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The bloc's leader, its vice-leader and a member: each of the year's roles once (a longer list only repeated the
# same pages, at some 5 s a unit).
UNITS = [
    ("Sở Văn hóa, Thể thao và Du lịch tỉnh Mẫu", "VHTTDL"),
    ("Sở Y tế tỉnh Mẫu", "SYT"),
    ("Sở Giáo dục và Đào tạo tỉnh Mẫu", "SGDĐT"),
]


def choose(page, name, label):
    page.select_option(f"select[name={name}]", label=label)


def submit(page):
    page.click("main form button[type=submit]:not(.btn-link)")


def test_office_sets_up_a_bloc_year_without_admin(page):
    root = Unit.objects.create(name="Ủy ban nhân dân tỉnh Mẫu", kind=Unit.Kind.PEOPLES_COMMITTEE, province="Mẫu")
    office = get_user_model().objects.create_user(
        "vanphong.mau", password="thidua2020", last_name="Võ Thị", first_name="Hạnh"
    )
    RoleAssignment.objects.create(user=office, role=RoleAssignment.Role.OFFICE, unit=root)
    visited = []
    page.on("request", lambda request: visited.append(request.url))
    year = 2026

    log_in(page, "vanphong.mau")
    shot(page, "20-office-dashboard")
    # The units under the province.
    page.locator("#my-organisation").get_by_role("link", name="Đơn vị và đơn vị trực thuộc").click()
    for name, short in UNITS:
        page.goto(f"{page.base_url}/units/")
        page.get_by_role("link", name="Tạo đơn vị").click()
        page.fill("input[name=name]", name)
        page.fill("input[name=short_name]", short)
        choose(page, "kind", "Sở, ngành")
        choose(page, "parent", root.name)
        submit(page)
        expect(page.locator("h1")).to_contain_text(name)
    page.goto(f"{page.base_url}/units/")
    expect(page.locator("#unit-tree tbody tr")).to_have_count(len(UNITS) + 1)
    shot(page, "21-office-units")

    # The bloc, its members, leader and vice-leader for the year.
    page.click("#organisation-menu")
    page.locator(".dropdown-menu").get_by_role("link", name="Khối thi đua").click()
    page.get_by_role("link", name="Tạo khối thi đua", exact=True).click()
    page.fill("input[name=name]", "Khối 3")
    page.fill("input[name=full_name]", "Khối thi đua các cơ quan Văn hóa – Xã hội tỉnh Mẫu")
    choose(page, "organizer", root.name)
    submit(page)
    for index, (name, _short) in enumerate(UNITS):
        choose(page, "unit", name)
        page.fill("input[name=year]", str(year))
        choose(page, "role", {0: "Khối trưởng", 1: "Khối phó"}.get(index, "Thành viên"))
        page.get_by_role("button", name="Lưu").first.click()
        expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator("#members tr")).to_have_count(len(UNITS))
    shot(page, "22-office-bloc")

    # A clerk invited for each unit; each gets a mail with a link to set their own password.
    for index, (name, _short) in enumerate(UNITS):
        page.goto(f"{page.base_url}/people/invite/")
        page.fill("input[name=full_name]", f"Nguyễn Thị Văn Thư {index + 1}")
        page.fill("input[name=email]", f"vanthu{index + 1}@mau.gov.vn")
        choose(page, "unit", name)
        choose(page, "role", "Cán bộ thi đua đơn vị")
        submit(page)
        expect(page.locator(".alert-success")).to_contain_text(f"vanthu{index + 1}@mau.gov.vn")
    assert sorted(message.to[0] for message in mail.outbox) == [
        f"vanthu{i}@mau.gov.vn" for i in range(1, len(UNITS) + 1)
    ]
    shot(page, "23-office-accounts")

    # The council that reviews, its chair a new person invited by email.
    page.goto(f"{page.base_url}/councils/")
    page.get_by_role("link", name="Tạo hội đồng").click()
    page.fill("input[name=name]", "Hội đồng Thi đua – Khen thưởng tỉnh Mẫu")
    choose(page, "level", "Tỉnh")
    choose(page, "unit", root.name)
    submit(page)
    page.fill("input[name=full_name]", "Trần Văn Chủ Tịch")
    page.fill("input[name=email]", "chutich@mau.gov.vn")
    choose(page, "position", "Chủ tịch")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("#council-members")).to_contain_text("Trần Văn Chủ Tịch")
    shot(page, "24-office-council")

    # The campaign, typed in, with a content item; then opened with a reason.
    page.goto(f"{page.base_url}/campaigns/")
    page.get_by_role("link", name="Tạo phong trào mới").click()
    choose(page, "issuer", UNITS[0][0])
    choose(page, "issuing_bloc", "Khối 3")
    page.fill("input[name=name]", f"Phát động phong trào thi đua năm {year}")
    page.fill("input[name=year]", str(year))
    page.get_by_label("Khối 3").check()
    choose(page, "council", "Hội đồng Thi đua – Khen thưởng tỉnh Mẫu")
    page.fill("textarea[name=signer_title]", "TM. KHỐI 3\nKHỐI TRƯỞNG\nGIÁM ĐỐC")
    submit(page)
    expect(page.locator("#campaign-status")).to_contain_text("Dự thảo")
    page.get_by_role("link", name="Thêm nội dung").click()
    page.fill("textarea[name=text]", "Thực hiện tốt nhiệm vụ chính trị được giao")
    submit(page)
    page.fill("#status-reason", "Bắt đầu năm thi đua.")
    page.get_by_role("button", name="Mở phong trào").click()
    expect(page.locator("#campaign-status")).to_contain_text("Đang triển khai")
    expect(page.locator("#participants li")).to_have_count(len(UNITS))
    shot(page, "25-office-campaign")
    log_out(page)

    # A clerk follows the invitation, sets a password and reaches the registration form.
    message = next(message for message in mail.outbox if message.to == ["vanthu2@mau.gov.vn"])
    path = re.search(r"https?://[^/\s]+(/accounts/invitation/\S+/)", message.body).group(1)
    page.goto(page.base_url + path)
    page.fill("input[name=new_password1]", "Mau-2026-an-toan")
    page.fill("input[name=new_password2]", "Mau-2026-an-toan")
    page.get_by_role("button", name="Đặt mật khẩu và đăng nhập").click()
    page.wait_for_url(f"{page.base_url}/")
    page.locator("#my-campaigns").get_by_role("link", name=f"Phát động phong trào thi đua năm {year}").click()
    page.get_by_role("link", name="Đăng ký thi đua", exact=True).first.click()
    expect(page.locator("h1")).to_contain_text("Đăng ký thi đua")
    expect(page.locator("main")).to_contain_text("Thực hiện tốt nhiệm vụ chính trị được giao")
    expect(page.locator("main")).to_contain_text(UNITS[1][0])
    shot(page, "26-clerk-registration-form")

    assert not [url for url in visited if "/admin/" in url]
