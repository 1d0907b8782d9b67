"""The rest of the scoring table in and out of Excel (rounding, bands, listed events, tie rules, quotas): bad lines
refused whole with their sheet and line named, sheets a file lacks left alone; and the table's own rounding, kept by
the office, carried into next year and applied to every point computed."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from activity.models import ActivityLog
from awards.models import AwardQuota
from campaigns import services as campaign_services
from notifications.models import Notification
from organisation.models import SheetImport
from scoring import methods
from scoring.models import Band, Criterion, EventKind, ScoringPolicy, TieRule, UnitEvent

from .test_scoring_table_methods import (
    every_method_table,
    line,
    own_points,
    rest_of_the_table,
    rest_shape,
    self_assess,
    table_shape,
    url,
)


def workbook_of(client, world):
    return load_workbook(BytesIO(client.get(url(world, "criteria_download")).content))


def with_lines(workbook, sheet, rows):
    """The workbook with `sheet`'s lines under its headings replaced by `rows`, as bytes."""
    sheet = workbook[sheet]
    sheet.delete_rows(2, sheet.max_row)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, world, data):
    return client.post(url(world, "criteria_import"), {"file": SimpleUploadedFile("thang-diem.xlsx", data)})


@pytest.mark.parametrize(
    "sheet, rows, expected",
    [
        (
            "Xếp loại",
            [["Hoàn thành tốt", 85, "", ""], ["Hoàn thành xuất sắc", 95, "", ""]],
            ["Dòng 3, trang “Xếp loại”", "sẽ không bao giờ đạt được"],
        ),
        ("Xếp loại", [["Hoàn thành", -5, "", ""]], ["Dòng 2, trang “Xếp loại”", "Tổng điểm không được âm."]),
        ("Xếp loại", [["Hoàn thành", 75, "Có lẽ", ""]], ["Không tiêu chí nào 0 điểm: ghi “Có” hoặc để trống ô"]),
        (
            "Xếp loại",
            [["Hoàn thành", 75, "", ""], ["hoàn thành", 70, "", ""]],
            ["Dòng 3, trang “Xếp loại”: mức xếp loại này đã có ở dòng 2"],
        ),
        (
            "Sự kiện",
            [["Tham nhũng", "Xếp loại cố định, bất kể số điểm", "Xuất sắc lắm"]],
            ["Dòng 2, trang “Sự kiện”", "mức “Xuất sắc lắm” không có trong các mức xếp loại"],
        ),
        (
            "Bằng điểm",
            [["Nhiều điểm hơn ở một tiêu chí", "9 Tiêu chí đã xóa"]],
            ["Dòng 2, trang “Bằng điểm”", "tiêu chí “9 Tiêu chí đã xóa” không ứng với đúng một dòng"],
        ),
        (
            "Bằng điểm",
            [["Số liệu báo cáo cao hơn", "V Công tác khác"]],
            ["Chọn một số liệu do đơn vị báo cáo trong phong trào này."],
        ),
        (
            "Bằng điểm",
            [["Bình bầu của các thành viên", ""], ["Ít điểm trừ hơn", ""]],
            ["Dòng 3, trang “Bằng điểm”", "Bình bầu là bước cuối cùng"],
        ),
        ("Bằng điểm", [["Rút thăm", ""]], ["Quy tắc: “Rút thăm” không thuộc danh sách"]),
        (
            "Tỷ lệ khen thưởng",
            [["", "bang-khen-tinh", "Số tập thể tham gia", 0, ""]],
            ["Dòng 2, trang “Tỷ lệ khen thưởng”", "Chỉ tiêu là tỷ lệ phần trăm lớn hơn 0 và không quá 100."],
        ),
        (
            "Tỷ lệ khen thưởng",
            [["", "bang-khen-tinh", "Số cá nhân tham gia", 150, ""]],
            ["Chỉ tiêu là tỷ lệ phần trăm lớn hơn 0 và không quá 100."],
        ),
        (
            "Tỷ lệ khen thưởng",
            [["Danh hiệu không có", "", "Số tập thể tham gia", 10, ""]],
            ["“Danh hiệu không có” không ứng với đúng một danh hiệu đang dùng"],
        ),
        ("Làm tròn", [[3, ""]], ["Dòng 2, trang “Làm tròn”", "Điểm có tối đa hai chữ số thập phân."]),
    ],
)
def test_a_bad_line_of_the_rest_of_the_table_refuses_the_file_naming_its_sheet(login, world, sheet, rows, expected):
    every_method_table(world)
    before = table_shape(world["campaign"])
    office = login(world["leader"])
    response = upload(office, world, with_lines(workbook_of(office, world), sheet, rows))
    assert response.status_code == 400
    page = response.content.decode()
    for text in expected:
        assert text in page, page[page.find("import-errors") : page.find("import-errors") + 2000]
    assert not SheetImport.objects.filter(kind="criteria").exists()
    assert table_shape(world["campaign"]) == before
    assert not Band.objects.exists() and not TieRule.objects.exists() and not AwardQuota.objects.exists()


def test_each_sheet_after_the_criteria_has_its_row_cap(login, world):
    every_method_table(world)
    office = login(world["leader"])
    rows = [[f"Mức {number}", 1000 - number, "", ""] for number in range(101)]
    response = upload(office, world, with_lines(workbook_of(office, world), "Xếp loại", rows))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Dòng 102, trang “Xếp loại”" in page and "hơn 100 dòng" in page
    assert not Band.objects.exists()


def test_a_sheet_the_file_lacks_is_left_alone_and_one_with_its_headings_only_is_emptied(login, world):
    every_method_table(world)
    office = login(world["leader"])
    older = workbook_of(office, world)
    rest_of_the_table(world)
    rest = rest_shape(world["campaign"])
    # A file written before these sheets: only the criteria (the tie rules name criteria, so their sheet is kept).
    for name in ("Làm tròn", "Xếp loại", "Sự kiện", "Tỷ lệ khen thưởng"):
        del older[name]
    data = with_lines(
        older, "Bằng điểm", [["Nhiều điểm hơn ở một tiêu chí", "II Kế hoạch gửi đúng hạn"], ["Ít điểm trừ hơn", None]]
    )
    response = upload(office, world, data)
    assert response.status_code == 200, response.content.decode()[:3000]
    assert office.post(url(world, "criteria_import_confirm", response.context["sheet_import"].pk)).status_code == 302
    after = rest_shape(world["campaign"])
    assert after["ties"] == [(1, "criterion", "Kế hoạch gửi đúng hạn", None), (2, "fewer_deductions", None, None)]
    assert {key: value for key, value in after.items() if key != "ties"} == {
        key: value for key, value in rest.items() if key != "ties"
    }
    # The quotas' sheet with its headings only empties the quotas, and the preview says so.
    response = upload(office, world, with_lines(workbook_of(office, world), "Tỷ lệ khen thưởng", []))
    assert "Không có dòng nào: phần này của thang điểm sẽ bị xóa." in response.content.decode()
    office.post(url(world, "criteria_import_confirm", response.context["sheet_import"].pk))
    assert not AwardQuota.objects.filter(campaign=world["campaign"]).exists()
    assert rest_shape(world["campaign"])["bands"] == rest["bands"]


def test_a_file_leaving_out_an_event_recorded_for_a_unit_is_refused_at_confirmation(login, world):
    every_method_table(world)
    rest_of_the_table(world)
    UnitEvent.objects.create(
        kind=EventKind.objects.get(name="Vụ việc tham nhũng"),
        unit=world["unit_b"],
        note="Kết luận thanh tra số 12",
        recorded_by=world["leader"],
    )
    before, rest = table_shape(world["campaign"]), rest_shape(world["campaign"])
    office = login(world["leader"])
    data = with_lines(
        workbook_of(office, world),
        "Sự kiện",
        [["Người đứng đầu bị khiển trách", "Giới hạn xếp loại: tối đa", "Hoàn thành"]],
    )
    response = upload(office, world, data)
    assert response.status_code == 200
    confirmed = office.post(url(world, "criteria_import_confirm", response.context["sheet_import"].pk), follow=True)
    assert "Tệp bỏ sự kiện “Vụ việc tham nhũng”" in confirmed.content.decode()
    assert table_shape(world["campaign"]) == before and rest_shape(world["campaign"]) == rest


def policy_data(**changes):
    return {
        "final_rule": "leader",
        "vote_threshold": "50",
        "objection_days": "0",
        "points_places": "2",
        "points_rounding": "half_up",
        "reason": "",
        **changes,
    }


def test_the_table_rounds_the_points_it_computes_as_it_states(login, world):
    share = line(world, text="Tỷ lệ có tài khoản", max_points=40, method="ratio")
    office = login(world["leader"])
    response = office.post(url(world, "policy"), policy_data(points_places="3"))
    assert response.status_code == 200
    assert "Điểm có tối đa hai chữ số thập phân." in response.content.decode()
    assert response.context["form"]["points_places"].value() == "3"
    assert office.post(url(world, "policy"), policy_data(points_places="1")).status_code == 302
    page = office.get(url(world, "criteria")).content.decode()
    assert "điểm tính ra được làm tròn đến 1 chữ số thập phân, làm tròn đến số gần nhất" in page

    clerk = login(world["clerk_b"])
    self_assess(clerk, world, {f"figure_{share.pk}": "1", f"base_{share.pk}": "3"})
    assert own_points(world, share) == Decimal("13.30")  # 40 ÷ 3 to one decimal, half up
    self_assess(clerk, world, {f"figure_{share.pk}": "925", f"base_{share.pk}": "1000"})
    assert own_points(world, share) == Decimal("37.00")

    # Next year's copy keeps the table's rounding.
    copy = campaign_services.campaign_copy(user=world["office"], source=world["campaign"], year=2021)
    assert ScoringPolicy.objects.get(campaign=copy).rounding == methods.Rounding(places=1, mode="half_up")

    # Once units have scored, a new rounding needs a reason; every point computed is computed again and told.
    self_assess(clerk, world, {f"figure_{share.pk}": "1", f"base_{share.pk}": "3"})
    office = login(world["leader"])
    response = office.post(url(world, "policy"), policy_data())
    assert response.status_code == 200 and "lý do" in " ".join(response.context["form"].errors["reason"])
    assert own_points(world, share) == Decimal("13.30")
    response = office.post(url(world, "policy"), policy_data(reason="Kế hoạch sửa: làm tròn hai chữ số"))
    assert response.status_code == 302
    assert own_points(world, share) == Decimal("13.33")
    logged = ActivityLog.objects.filter(action="scoring.policy_changed").latest("pk")
    assert logged.data["reason"] == "Kế hoạch sửa: làm tròn hai chữ số"
    assert logged.data["units_recomputed"] == [world["unit_b"].name]
    told = Notification.objects.get(event="scoring.rounding_changed", recipient=world["clerk_b"])
    assert "đến 2 chữ số thập phân" in told.body and "Kế hoạch sửa" in told.body


def test_rounding_modes_and_places():
    third = Decimal("40") / Decimal("3")
    assert methods.Rounding()(third) == Decimal("13.33")
    assert methods.Rounding(places=1, mode="up")(third) == Decimal("13.40")
    assert methods.Rounding(places=0, mode="down")(Decimal("37.99")) == Decimal("37.00")
    assert methods.Rounding(places=0, mode="half_up")(Decimal("36.5")) == Decimal("37.00")
    ratio = Criterion(method="ratio", max_points=Decimal("40"))
    assert methods.criterion_points(ratio, value=Decimal("925"), base=Decimal("1000")) == Decimal("37.00")
