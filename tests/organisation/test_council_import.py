"""A council's members from Excel, through the one import flow: checked whole, refused by line, seated once."""

import re
from io import BytesIO

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from activity.models import ActivityLog
from organisation.models import CouncilMember, SheetImport

HEADER = ["Họ và tên", "Chức vụ trong Hội đồng", "Chức danh", "Đơn vị công tác", "Email"]


def xlsx(rows, header=HEADER, name="hoi-dong.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def named(user, last, first, email=""):
    user.last_name, user.first_name, user.email = last, first, email
    user.save()
    return user


def import_url(world):
    return reverse("organisation:council_members_import", args=[world["council"].pk])


def seats(world):
    return {
        seat.user.email or seat.user.username: (seat.position, seat.job_title)
        for seat in world["council"].members.all()
    }


def test_the_council_page_leads_whoever_keeps_it_to_the_template_and_the_import(login, world):
    named(world["member"], "Lê Thị", "Hoa", "hoa@example.vn")
    office = login(world["office"])
    page = office.get(reverse("organisation:council_detail", args=[world["council"].pk])).content.decode()
    assert f'href="{import_url(world)}"' in page
    form = office.get(import_url(world)).content.decode()
    template = reverse("organisation:council_members_template", args=[world["council"].pk])
    assert f'href="{template}"' in form and "Nhập thành viên hội đồng từ tệp Excel" in form
    workbook = load_workbook(BytesIO(office.get(template).content))
    rows = [[cell.value for cell in row] for row in workbook.worksheets[0].iter_rows()]
    assert rows[0] == HEADER
    assert ["Lê Thị Hoa", "Ủy viên", None, None, "hoa@example.vn"] in rows  # the seated, to add to
    guide = "\n".join(str(row[0].value) for row in workbook["Hướng dẫn"].iter_rows())
    assert "Chủ tịch, Phó Chủ tịch, Thư ký hoặc Ủy viên" in guide
    # A member sees the council, not the way to change it.
    member = login(world["member"])
    assert (
        f'href="{import_url(world)}"'
        not in member.get(reverse("organisation:council_detail", args=[world["council"].pk])).content.decode()
    )
    assert member.get(import_url(world)).status_code == 403


def test_a_good_file_is_previewed_then_seated_once(login, world, django_capture_on_commit_callbacks):
    named(world["clerk_b"], "Trần Văn", "Bình")  # an account, found by name
    office = login(world["office"])
    response = office.post(
        import_url(world),
        {
            "file": xlsx(
                [
                    ["Phạm Văn Chủ", "Chủ tịch", "Phó Chủ tịch", "UBND tỉnh", "chu@example.vn"],
                    ["tran van binh", "Phó chủ tịch thường trực", "Giám đốc", "Sở Nội vụ", None],
                    ["Đỗ Thị Ký", "Ủy viên – Thư ký", "Trưởng ban", "Ban Thi đua - Khen thưởng", "ky@example.vn"],
                    ["Ngô Văn Năm", None, None, "Liên đoàn Lao động tỉnh", "nam@example.vn"],
                    [None, None, None, None, None],
                ]
            )
        },
    )
    assert response.status_code == 200
    preview = re.search(r'<table[^>]*id="preview".*?</table>', response.content.decode(), flags=re.S).group(0)
    for words in ["Phạm Văn Chủ", "Phó Chủ tịch UBND tỉnh", "Chủ tịch", "đã có tài khoản", "mời qua email"]:
        assert words in preview
    assert not CouncilMember.objects.filter(user__email="chu@example.vn").exists()  # only a preview so far
    sheet_import = SheetImport.objects.get(kind="council")
    confirm = reverse("organisation:council_members_import_confirm", args=[world["council"].pk, sheet_import.pk])
    with django_capture_on_commit_callbacks(execute=True):
        done = office.post(confirm, follow=True)
    assert "Đã ghi nhận 4 thành viên hội đồng" in done.content.decode()
    assert seats(world) == {
        "chu@example.vn": ("chair", "Phó Chủ tịch UBND tỉnh"),
        "clerk_b": ("vice_chair", "Giám đốc Sở Nội vụ"),
        "ky@example.vn": ("secretary", "Trưởng ban Ban Thi đua - Khen thưởng"),
        "nam@example.vn": ("member", "Liên đoàn Lao động tỉnh"),
        "secretary": ("secretary", ""),
        "member": ("member", ""),
    }
    assert sorted(message.to[0] for message in mail.outbox) == ["chu@example.vn", "ky@example.vn", "nam@example.vn"]
    assert ActivityLog.objects.filter(action="council.members_imported", user=world["office"]).count() == 1
    # A double click seats nobody twice and invites nobody again.
    again = office.post(confirm, follow=True)
    assert "Danh sách này đã được nhập rồi." in again.content.decode()
    assert world["council"].members.count() == 6 and len(mail.outbox) == 3


def test_bad_lines_are_refused_with_their_numbers_and_nobody_is_seated(login, world):
    named(world["clerk_a"], "Nguyễn Văn", "An")
    named(world["leader"], "Nguyễn Văn", "An")  # two accounts of one name
    office = login(world["office"])
    before = seats(world)
    response = office.post(
        import_url(world),
        {
            "file": xlsx(
                [
                    ["Phạm Văn Chủ", "Chủ tịch", None, "UBND tỉnh", "chu@example.vn"],
                    ["Lý Văn Hai", "chủ tịch", None, "Sở Tài chính", "hai@example.vn"],
                    ["Vũ Thị Ba", "Trưởng ban", None, "Sở Y tế", "ba@example.vn"],
                    ["Hồ Văn Tư", "Ủy viên", None, None, "tu@example.vn"],
                    ["Người Lạ", "Ủy viên", None, "Sở Xây dựng", None],
                    ["Nguyễn Văn An", "Ủy viên", None, "Sở Văn hóa", None],
                    ["Mai Văn Sáu", "Ủy viên", None, "Sở Công Thương", "khong-phai-email"],
                    ["Phạm Văn Chủ", "Ủy viên", None, "UBND tỉnh", "CHU@example.vn"],
                ]
            )
        },
    )
    assert response.status_code == 400
    report = re.sub(r"\s+", " ", re.search(r'id="import-errors".*?</div>', response.content.decode(), re.S).group(0))
    for expected in [
        "Dòng 3: hội đồng chỉ có một Chủ tịch, đã ghi ở dòng 2",
        "Dòng 4: chức vụ “Trưởng ban” không hợp lệ",
        "Dòng 5: chưa ghi đơn vị công tác",
        "Dòng 6: không có tài khoản nào mang tên Người Lạ: ghi email để gửi thư mời",
        "Dòng 7: có nhiều tài khoản mang tên Nguyễn Văn An: ghi email của đúng người",
        "Dòng 8: “khong-phai-email” không phải là địa chỉ email",
        "Dòng 9: trùng với dòng 2",
    ]:
        assert expected in report, expected
    assert "Dòng 2:" not in report
    # Nothing seated, nothing waiting for confirmation; the page names the file and asks for it again.
    assert seats(world) == before and not SheetImport.objects.filter(kind="council").exists()
    body = response.content.decode()
    assert "“hoi-dong.xlsx”" in body and 'type="file"' in body and "Kiểm tra danh sách" in body


def test_a_second_chair_is_refused_while_the_council_has_one(login, world):
    chair = named(world["member"], "Lê Văn", "Hòa", "hoa@example.vn")
    CouncilMember.objects.filter(user=chair).update(position="chair")
    office = login(world["office"])
    file = [["Đinh Văn Mới", "Chủ tịch", None, "UBND tỉnh", "moi@example.vn"]]
    response = office.post(import_url(world), {"file": xlsx(file)})
    assert response.status_code == 400
    assert "Dòng 2: Lê Văn Hòa đang là Chủ tịch hội đồng này" in response.content.decode()
    # The chair named again, by name, keeps the seat and gets the title.
    response = office.post(
        import_url(world), {"file": xlsx([["Lê Văn Hòa", "Chủ tịch", "Chủ tịch", "UBND tỉnh", None]])}
    )
    assert response.status_code == 200


def test_a_file_without_its_columns_or_checked_for_another_council_is_refused(login, world):
    office = login(world["office"])
    response = office.post(import_url(world), {"file": xlsx([["Phạm Văn Chủ", "Ủy viên"]], header=HEADER[:2])})
    assert response.status_code == 400 and "Thiếu cột: Đơn vị công tác, Email." in response.content.decode()
    # A file made before the title's column still reads.
    old = xlsx([["Phạm Văn Chủ", "Ủy viên", "UBND tỉnh", "chu@example.vn"]], header=[HEADER[0], HEADER[1], *HEADER[3:]])
    assert office.post(import_url(world), {"file": old}).status_code == 200
    # Checked for this council, it cannot be confirmed on another of the same unit.
    other = world["council"].unit.councils.create(name="Hội đồng xét duyệt sáng kiến", level="province")
    sheet_import = SheetImport.objects.get(kind="council")
    confirm = reverse("organisation:council_members_import_confirm", args=[other.pk, sheet_import.pk])
    response = office.post(confirm, follow=True)
    assert "Danh sách này được kiểm tra cho một hội đồng khác." in response.content.decode()
    assert not CouncilMember.objects.filter(user__email="chu@example.vn").exists()
