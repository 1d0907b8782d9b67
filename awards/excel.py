"""The proposal's list as Excel, for the offices that keep their registers in spreadsheets."""

from core.excel import append_row, new_workbook, workbook_bytes

COLUMNS = ["STT", "Tên tập thể, cá nhân", "Chức vụ, đơn vị", "Danh hiệu", "Hạng", "Số phiếu", "Kết quả xét"]


def proposal_list_workbook(*, proposal, lines):
    workbook = new_workbook("Danh sách")
    sheet = workbook.active
    append_row(sheet, [proposal.summary], bold=True)
    append_row(sheet, COLUMNS, bold=True)
    for index, line in enumerate(lines, start=1):
        append_row(
            sheet,
            [
                index,
                line.person.full_name if line.person else line.unit.name,
                f"{line.person.position}, {line.person.unit.name}".strip(", ") if line.person else "",
                line.title.name,
                line.rank,
                line.votes,
                line.get_decision_display(),
            ],
        )
    for letter in "BCD":
        sheet.column_dimensions[letter].width = 40
    return workbook_bytes(workbook)
