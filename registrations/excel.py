"""The bloc's registration sheet as Excel: where each unit stands, and what each accepted unit committed to and aims for."""

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from core.excel import append_row, workbook_bytes


def _sheet(workbook, title, heading, columns, rows, widths):
    sheet = workbook.create_sheet(title)
    append_row(sheet, [heading])
    sheet["A1"].font = Font(bold=True, size=13)
    append_row(sheet, [None])
    append_row(sheet, columns, bold=True)
    for row in rows:
        append_row(sheet, row)
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    for row in sheet.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A4"
    return sheet


def _days_late(registration, deadline):
    """Days between the deadline and the sending, when it was sent after it; None otherwise."""
    if registration is None or registration.submitted_at is None or deadline is None:
        return None
    days = (timezone.localtime(registration.submitted_at).date() - deadline).days
    return days if days > 0 else None


def _unit_rows(overview):
    """One row per unit the compiler reviews: its status, when it was sent, and whether (and how much) it was late."""
    deadline = overview["deadline"]
    for index, row in enumerate(overview["rows"], start=1):
        registration = row["registration"]
        sent = registration and registration.submitted_at and timezone.localtime(registration.submitted_at)
        days = _days_late(registration, deadline)
        lateness = f"Muộn {days} ngày" if days else ("Muộn" if row["late"] else "Đúng hạn" if sent else "")
        status = registration.get_status_display() if registration else "Chưa đăng ký"
        yield [index, row["unit"].name, str(status), sent.strftime("%H:%M %d/%m/%Y") if sent else "", lateness]


def registration_sheet_workbook(*, campaign, compiled_by, registrations, overview):
    workbook = Workbook()
    workbook.remove(workbook.active)
    heading = f"{campaign.name} – {compiled_by.name}"
    deadline = overview["deadline"]
    _sheet(
        workbook,
        "Đơn vị",
        heading + (f" – hạn đăng ký {deadline:%d/%m/%Y}" if deadline else ""),
        ["STT", "Đơn vị", "Trạng thái", "Thời điểm gửi", "Đúng hạn, muộn"],
        list(_unit_rows(overview)),
        (6, 40, 20, 20, 18),
    )
    _sheet(
        workbook,
        "Nội dung đăng ký",
        heading,
        ["STT", "Đơn vị", "Nội dung thi đua", "Chỉ tiêu, cam kết"],
        [
            [index, registration.unit.name, str(item.content_item), item.commitment]
            for index, (registration, item) in enumerate(
                ((r, i) for r in registrations for i in r.items.all()), start=1
            )
        ],
        (6, 36, 60, 60),
    )
    _sheet(
        workbook,
        "Danh hiệu tập thể",
        heading,
        ["STT", "Đơn vị đăng ký", "Tập thể", "Danh hiệu, hình thức khen thưởng"],
        [
            [index, registration.unit.name, aim.unit.name, aim.title.name]
            for index, (registration, aim) in enumerate(
                ((r, a) for r in registrations for a in r.collective_aims.all()), start=1
            )
        ],
        (6, 36, 40, 44),
    )
    _sheet(
        workbook,
        "Danh hiệu cá nhân",
        heading,
        ["STT", "Đơn vị đăng ký", "Họ và tên", "Chức vụ", "Danh hiệu"],
        [
            [index, registration.unit.name, aim.person.full_name, aim.person.position, aim.title.name]
            for index, (registration, aim) in enumerate(
                ((r, a) for r in registrations for a in r.individual_aims.all()), start=1
            )
        ],
        (6, 36, 30, 24, 30),
    )
    return workbook_bytes(workbook)
