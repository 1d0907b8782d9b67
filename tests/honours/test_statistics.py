"""The year's statistics on the forms of Circular 02/2023/TT-BNV, on the page first, then as Excel."""

from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from organisation.models import Unit


def form_rows(sheet):
    """{code: [values of the numbered columns]} of a form's sheet, read by the codes of column B."""
    rows = {}
    for row in sheet.iter_rows(values_only=True):
        if row[1] and str(row[1]).isdigit() and len(str(row[1])) == 2:
            first = 3 if sheet.cell(row=8, column=3).value == "Đơn vị tính" else 2
            rows[row[1]] = [value if value != "" else None for value in row[first:]]
    return rows


def test_statistics_report_counts_awards_of_the_year(client, demo):
    client.login(username="bantdkt.travinh", password="thidua2020")
    travinh = Unit.objects.get(name="Ủy ban nhân dân tỉnh Trà Vinh")
    url = reverse("honours:statistics", args=[travinh.pk])

    # 2021: decision 512/QĐ-UBND of 15/03/2021, on Khối 8's 2020 proposal: the flag and two certificates.
    page = client.get(url, {"year": 2021})
    assert page.status_code == 200
    forms = {filled.form.code: filled for filled in page.context["forms"]}
    awards = forms["0603.N/BNV-TĐKT"].figures
    assert awards["total"] == {"total": 3, "commendation": 2, "fighter": 0, "flag": 1, "badge": None}
    assert awards["collective"]["total"] == 3 and awards["individual"]["total"] == 0
    assert awards["method_regular"]["total"] == 3
    assert awards["enterprise"]["total"] is None and awards["rank_1"]["total"] is None  # data the product lacks
    html = page.content.decode()
    assert "0602.N/BNV-TĐKT" in html and "0604.N/BNV-TĐKT" in html and "0605.N/BNV-TĐKT" in html
    assert "Hệ thống không ghi ai là công chức làm công tác thi đua, khen thưởng" in html

    # 2020: the province's decision 468/QĐ-UBND on 2019, imported from the office's Excel register, with
    # the individual "Chiến sĩ thi đua cấp tỉnh" and a thematic certificate; and Khối 8's 2020 campaign.
    page = client.get(url, {"year": 2020})
    forms = {filled.form.code: filled for filled in page.context["forms"]}
    awards = forms["0603.N/BNV-TĐKT"].figures
    assert awards["total"] == {"total": 5, "commendation": 3, "fighter": 1, "flag": 1, "badge": None}
    assert awards["individual"]["fighter"] == 1 and awards["collective"]["total"] == 4
    assert awards["method_thematic"]["commendation"] == 1 and awards["method_regular"]["total"] == 4
    movements = forms["0601.N/BNV-TĐKT"].figures
    assert movements["total"] == {"total": 1, "central": 0, "province": 1, "agency": 0}
    assert movements["scope_bloc"]["province"] == 1 and movements["one_year"]["total"] == 1
    assert movements["thematic"]["total"] is None
    by_title = {item["title"].code: item for item in page.context["by_title"]}
    assert by_title["ttldxs"]["collectives"] == 3 and not by_title["ttldxs"]["in_0603"]

    # The same figures in the official column layout.
    response = client.get(reverse("honours:statistics_download", args=[travinh.pk]), {"year": 2020})
    workbook = load_workbook(BytesIO(response.content))
    assert workbook.sheetnames == ["0601.N", "0603.N", "Tiền thưởng theo nguồn quỹ", "Các biểu không lập được"]
    sheet = workbook["0603.N"]
    assert sheet["A1"].value == "Biểu số: 0603.N/BNV-TĐKT" and "Thông tư số 02/2023/TT-BNV" in sheet["A2"].value
    header = [cell.value for cell in sheet[9]]
    assert header[4:8] == [
        "Bằng khen",
        "Chiến sĩ thi đua cấp bộ, cấp tỉnh",
        "Cờ thi đua của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương",
        "Huy hiệu (kỷ niệm chương) của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương",
    ]
    assert [cell.value for cell in sheet[10]] == ["A", "B", "C", "1", "2", "3", "4", "5"]
    rows = form_rows(sheet)
    assert rows["01"] == [5, 3, 1, 1, None] and rows["05"] == [1, 0, 1, 0, None] and rows["12"][:2] == [1, 1]
    movements = form_rows(workbook["0601.N"])
    assert [cell.value for cell in workbook["0601.N"][10]] == ["A", "B", "1=(2+3+4)", "2", "3", "4"]
    assert movements["01"] == [1, 0, 1, 0] and movements["04"] == [1, 0, 1, 0] and movements["11"] == [None] * 4


def test_statistics_are_the_office_s_own(client, demo):
    travinh = Unit.objects.get(name="Ủy ban nhân dân tỉnh Trà Vinh")
    client.login(username="bantdkt.tayninh", password="thidua2020")
    assert client.get(reverse("honours:statistics", args=[travinh.pk])).status_code == 404
    client.login(username="khoi8.truong", password="thidua2020")
    assert client.get(reverse("honours:statistics", args=[travinh.pk])).status_code == 404
    register = client.get(reverse("honours:register")).content.decode()
    assert reverse("honours:statistics", args=[travinh.pk]) not in register  # no link where it would be refused
