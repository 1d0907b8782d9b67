"""A council's members from Excel, as its founding decision lists them: one line a person, their seat and unit.

Read by the one import flow (organisation.views.imports): checked whole,
reported line by line, previewed and seated once, all or none.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from core.excel import workbook_bytes
from core.text import display_name, fold
from organisation.models import CouncilMember
from organisation.sheets import ParsedList, cell_text, check_lines, read_lines, template_workbook

Position = CouncilMember.Position

COLUMNS = [
    ("full_name", "Họ và tên"),
    ("position", "Chức vụ trong Hội đồng"),
    ("job_title", "Chức danh"),
    ("unit", "Đơn vị công tác"),
    ("email", "Email"),
]
# A file made before the title had its column still reads: the member's unit stands alone.
OPTIONAL = ("job_title",)


def _words(text):
    """A seat as typed, folded, with its dashes and commas as spaces ("Ủy viên – Thư ký" → "uy vien thu ky")."""
    return " ".join(fold(text).replace("–", " ").replace("-", " ").replace(",", " ").split())


# Each seat as a council's founding decision names it (the template writes these, whatever the page's language).
POSITION_NAMES = {
    Position.CHAIR: "Chủ tịch",
    Position.VICE_CHAIR: "Phó Chủ tịch",
    Position.SECRETARY: "Thư ký",
    Position.MEMBER: "Ủy viên",
}
# What a line may say in "Chức vụ trong Hội đồng", folded, and the seat it gives; empty is a member.
POSITION_WORDS = {
    **{_words(name): position for position, name in POSITION_NAMES.items()},
    **{_words(f"{name} Hội đồng"): position for position, name in POSITION_NAMES.items()},
    _words("Phó Chủ tịch Thường trực"): Position.VICE_CHAIR,
    _words("Ủy viên – Thư ký"): Position.SECRETARY,
    _words("Thành viên"): Position.MEMBER,
    "": Position.MEMBER,
}


def council_template(*, council, members):
    """The .xlsx an office fills with the council's members; the members seated already are its first lines."""
    return workbook_bytes(
        template_workbook(
            title="Thành viên Hội đồng",
            columns=COLUMNS,
            guide=[
                f"Thành viên của {council.name}, mỗi dòng một người, từ dòng 2; không đổi tên cột.",
                "Ví dụ: Nguyễn Văn A | Ủy viên | Giám đốc | Sở Nội vụ | nguyenvana@travinh.gov.vn.",
                "Chức vụ trong Hội đồng: Chủ tịch, Phó Chủ tịch, Thư ký hoặc Ủy viên (để trống là Ủy viên); "
                "Hội đồng chỉ có một Chủ tịch.",
                "Chức danh và Đơn vị công tác ghi như quyết định thành lập Hội đồng (Giám đốc | Sở Nội vụ).",
                "Email: người chưa có tài khoản nhận thư mời tự đặt mật khẩu. Người đã có tài khoản có thể để "
                "trống email: họ được tìm theo họ và tên.",
                "Người đã là thành viên thì được ghi lại theo chức vụ trong tệp.",
            ],
            rows=[
                [display_name(seat.user), POSITION_NAMES[seat.position], "", seat.job_title, seat.user.email]
                for seat in members
            ],
        )
    )


def parse_council_file(*, data, council, accounts):
    """Check an uploaded list of a council's members; `accounts` are those a line without email may name."""
    result = ParsedList()
    lines = read_lines(data=data, columns=COLUMNS, result=result, optional=OPTIONAL)
    if lines is None:
        return result
    by_name, by_email = {}, {}
    for account in accounts.only("first_name", "last_name", "username", "email"):
        by_name.setdefault(fold(display_name(account)), []).append(account)
        if account.email:
            by_email[account.email.lower()] = account
    chair = council.members.filter(position=Position.CHAIR).select_related("user").first()
    seen, chairs = {}, {}

    def check(line, cells):
        full_name = line.full_name(cells["full_name"])
        position = POSITION_WORDS.get(_words(cell_text(cells["position"])))
        if position is None:
            line.refuse(
                _("unknown position “%(value)s”: Chủ tịch, Phó Chủ tịch, Thư ký or Ủy viên")
                % {"value": cell_text(cells["position"])}
            )
        unit = cell_text(cells["unit"])
        if not unit:
            line.refuse(_("the unit is empty"))
        job_title = " ".join(part for part in (cell_text(cells.get("job_title")), unit) if part)
        if len(job_title) > 255:
            line.refuse(_("the title and unit are longer than 255 characters"))
        email = cell_text(cells["email"]).lower()
        account = None
        if email:
            try:
                validate_email(email)
            except ValidationError:
                line.refuse(_("“%(value)s” is not an email address") % {"value": email})
            account = by_email.get(email)
        elif full_name:
            named = by_name.get(fold(full_name), [])
            if not named:
                line.refuse(
                    _("nobody with an account is named %(name)s: give their email to invite them") % {"name": full_name}
                )
            elif len(named) > 1:
                line.refuse(
                    _("several accounts are named %(name)s: give the email of the one meant") % {"name": full_name}
                )
            else:
                account = named[0]
        person = ("account", account.pk) if account else ("email", email)
        if account or email:
            line.once(seen, person, _("same person as line %(line)s"))
        if position == Position.CHAIR:
            line.once(chairs, "chair", _("the council has one chair, given already on line %(line)s"))
            if chair is not None and (account is None or account.pk != chair.user_id):
                line.refuse(_("%(name)s already chairs this council") % {"name": display_name(chair.user)})
        return {
            "council_id": council.pk,
            "full_name": full_name,
            "position": position,
            "position_label": position and str(Position(position).label),
            "job_title": job_title,
            "email": email,
            "account_id": account and account.pk,
            "seat": _("has an account") if account else _("invited by email"),
        }

    result.rows = check_lines(lines, result, check)
    if not result.rows and not result.errors:
        result.errors.append((None, _("The list has no rows.")))
    return result
