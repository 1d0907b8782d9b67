"""The bloc's registration sheet as Excel: what each accepted unit committed to and aims for."""

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


def registration_sheet_workbook(*, campaign, compiled_by, registrations):
    workbook = Workbook()
    workbook.remove(workbook.active)
    heading = f"{campaign.name} – {compiled_by.name}"
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
