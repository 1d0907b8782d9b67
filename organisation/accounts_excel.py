"""Inviting many people at once from Excel: one line a person, the unit they act for and their role."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from core.excel import workbook_bytes
from core.text import fold
from organisation.models import RoleAssignment
from organisation.sheets import ParsedList, cell_text, check_lines, read_lines, template_workbook

COLUMNS = [
    ("full_name", "Họ và tên"),
    ("email", "Email"),
    ("unit", "Đơn vị (mã hoặc tên)"),
    ("role", "Vai trò"),
]
# What a line may say in "Vai trò", folded, and the role it gives.
ROLE_WORDS = {
    fold("Cán bộ thi đua đơn vị"): RoleAssignment.Role.UNIT_CLERK,
    fold("Cán bộ đơn vị"): RoleAssignment.Role.UNIT_CLERK,
    fold("Văn thư"): RoleAssignment.Role.UNIT_CLERK,
    "": RoleAssignment.Role.UNIT_CLERK,
    fold("Cơ quan thi đua"): RoleAssignment.Role.OFFICE,
    fold("Ban Thi đua - Khen thưởng"): RoleAssignment.Role.OFFICE,
}


def accounts_template(*, units):
    return workbook_bytes(
        template_workbook(
            title="Mời tài khoản",
            columns=COLUMNS,
            guide=[
                "Mỗi dòng một người, từ dòng 2. Mỗi người nhận thư mời có đường dẫn để tự đặt mật khẩu.",
                "Vai trò: Cán bộ thi đua đơn vị (để trống cũng là vai trò này), hoặc Cơ quan thi đua.",
                "Đơn vị: mã hoặc đúng tên của một trong các đơn vị sau.",
                *[f"  - {unit.code + ' – ' if unit.code else ''}{unit.name}" for unit in units],
            ],
        )
    )


def parse_accounts_file(*, data, units, may_give):
    """Check an uploaded list of people to invite; `may_give(role, unit)` says which roles the inviter can give."""
    result = ParsedList()
    lines = read_lines(data=data, columns=COLUMNS, result=result)
    if lines is None:
        return result
    by_reference = {}
    for unit in units:
        by_reference.setdefault(fold(unit.name), unit)
        if unit.code:
            by_reference[fold(unit.code)] = unit
    seen = {}

    def check(line, cells):
        full_name = line.full_name(cells["full_name"])
        email = cell_text(cells["email"]).lower()
        try:
            validate_email(email)
        except ValidationError:
            line.refuse(_("“%(value)s” is not an email address") % {"value": email})
        if email:
            line.once(seen, email, _("same email as line %(line)s"))
        unit = by_reference.get(fold(cell_text(cells["unit"])))
        if unit is None:
            line.refuse(_("unknown unit “%(value)s”") % {"value": cell_text(cells["unit"])})
        role = ROLE_WORDS.get(fold(cell_text(cells["role"])))
        if role is None:
            line.refuse(_("unknown role “%(value)s”") % {"value": cell_text(cells["role"])})
        elif unit is not None and not may_give(role, unit):
            line.refuse(_("you cannot give this role for %(unit)s") % {"unit": unit.name})
        return {
            "full_name": full_name,
            "email": email,
            "unit_id": unit and unit.pk,
            "unit_name": unit and unit.name,
            "role": role,
            "role_label": role and str(RoleAssignment.Role(role).label),
        }

    result.rows = check_lines(lines, result, check)
    if not result.rows and not result.errors:
        result.errors.append((None, _("The list has no rows.")))
    return result
