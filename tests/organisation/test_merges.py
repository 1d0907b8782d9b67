"""Units that merge as the two-level local government re-draws the trees: through the office's merge page and the
Excel tree import, with the award register, the statistics and next year's bloc following the merged tree."""

import re
from datetime import date
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from campaigns.models import Campaign
from organisation.merges import units_merge
from organisation.models import Bloc, BlocMembership, Person, RoleAssignment, Unit, UnitMerge
from registrations.models import Registration
from tests.conftest import recorded, user_with_role
from tests.core.test_wording import text_of
from tests.organisation.test_organisation import TREE_HEADER, xlsx


@pytest.fixture
def communes(world):
    """Two communes of the province, one with a clerk, staff, awards of 2024, an open registration and a bloc place."""
    an_phu = Unit.objects.create(
        name="Ủy ban nhân dân xã An Phú", kind="commune", parent=world["province"], code="XA-AP"
    )
    binh_hoa = Unit.objects.create(
        name="Ủy ban nhân dân xã Bình Hòa", kind="commune", parent=world["province"], code="XA-BH"
    )
    office_of = Unit.objects.create(name="Văn phòng xã An Phú", kind="office", parent=an_phu)
    clerk = user_with_role("vanthu.anphu", "unit_clerk", unit=an_phu)
    staff = Person.objects.create(unit=an_phu, full_name="Ngô Thị Hạnh", gender="female")
    recorded("ttldtt", year=2024, unit=an_phu, number="88/QĐ-UBND", dated=date(2025, 1, 15))
    recorded("ldtt", year=2024, person=staff, number="88/QĐ-UBND", dated=date(2025, 1, 15))
    bloc = Bloc.objects.create(name="Khối xã", organizer=world["province"])
    BlocMembership.objects.create(bloc=bloc, unit=an_phu, year=2025, role="leader")
    BlocMembership.objects.create(bloc=bloc, unit=world["unit_b"], year=2025, role="member")
    campaign = Campaign.objects.create(name="Phong trào năm 2025", issuer=world["province"], year=2025, status="active")
    registration = Registration.objects.create(campaign=campaign, unit=an_phu)
    return {
        **world,
        "an_phu": an_phu,
        "binh_hoa": binh_hoa,
        "office_of": office_of,
        "commune_clerk": clerk,
        "staff": staff,
        "commune_bloc": bloc,
        "registration": registration,
    }


def merge(client, world, *, into, units, merged_on="01/07/2025", reason="Nghị quyết 1687/NQ-UBTVQH15 ngày 16/6/2025"):
    client.force_login(world["office"])
    return client.post(
        reverse("organisation:merges"),
        {"into": into.pk, "units": [unit.pk for unit in units], "merged_on": merged_on, "reason": reason},
    )


def test_merged_unit_register_shows_award_under_old_name_and_new_unit(client, communes):
    response = merge(client, communes, into=communes["binh_hoa"], units=[communes["an_phu"]])
    assert response.status_code == 302
    an_phu = Unit.objects.get(pk=communes["an_phu"].pk)
    assert not an_phu.is_active and an_phu.merge.belongs_to == communes["binh_hoa"]

    register = client.get(reverse("honours:register"), {"unit": communes["binh_hoa"].pk})
    page = text_of(register)
    # The collective's award keeps the name it was earned under, and says the unit it belongs to now.
    assert "Ủy ban nhân dân xã An Phú" in page
    assert "được khen trước khi sáp nhập; nay thuộc Ủy ban nhân dân xã Bình Hòa" in page
    # The person keeps their history: the award shows where it was earned and where they are now.
    assert "Ngô Thị Hạnh" in page and "nay ở Ủy ban nhân dân xã Bình Hòa" in page
    assert Person.objects.get(pk=communes["staff"].pk).unit == communes["binh_hoa"]
    person_page = text_of(client.get(reverse("honours:register"), {"person": communes["staff"].pk}))
    assert "Lao động tiên tiến" in person_page

    statistics = text_of(client.get(reverse("honours:statistics", args=[communes["province"].pk]), {"year": 2025}))
    assert "Ủy ban nhân dân xã Bình Hòa gồm cả các đơn vị đã sáp nhập vào: Ủy ban nhân dân xã An Phú 1 1" in statistics

    # The merged commune leaves the lists of choices; what moved is reported.
    merges_page = client.get(reverse("organisation:merges"))
    assert an_phu not in merges_page.context["form"].fields["into"].queryset
    report = text_of(merges_page)
    assert "Đã chuyển: 1 cán bộ" in report and "Văn phòng xã An Phú" in report and "Khối xã 2025" in report
    assert "Phong trào năm 2025" in report
    assert Unit.objects.get(pk=communes["office_of"].pk).parent == communes["binh_hoa"]
    assert Registration.objects.get(pk=communes["registration"].pk).unit == communes["binh_hoa"]
    assert (
        BlocMembership.objects.get(bloc=communes["commune_bloc"], year=2025, role="leader").unit == communes["binh_hoa"]
    )
    assert RoleAssignment.objects.filter(user=communes["commune_clerk"], unit=communes["binh_hoa"]).exists()
    unit_page = text_of(client.get(reverse("organisation:unit_detail", args=[communes["binh_hoa"].pk])))
    assert "Được hình thành cả từ: Ủy ban nhân dân xã An Phú (01/07/2025)" in unit_page


def test_a_merger_into_itself_into_its_own_sub_unit_or_doubling_a_bloc_member_is_refused(client, communes):
    with pytest.raises(ValidationError):
        units_merge(
            user=communes["office"],
            units=[communes["an_phu"]],
            into=communes["an_phu"],
            merged_on=date(2025, 7, 1),
            reason="x",
        )
    response = merge(client, communes, into=communes["office_of"], units=[communes["an_phu"]])
    assert response.status_code == 400
    assert "Văn phòng xã An Phú trực thuộc Ủy ban nhân dân xã An Phú" in text_of(response)

    BlocMembership.objects.create(bloc=communes["commune_bloc"], unit=communes["binh_hoa"], year=2025, role="member")
    response = merge(client, communes, into=communes["binh_hoa"], units=[communes["an_phu"]])
    page = text_of(response)
    assert response.status_code == 400 and "Khối xã" in page and "sắp xếp lại khối của năm đó" in page
    assert Unit.objects.get(pk=communes["an_phu"].pk).is_active and not UnitMerge.objects.exists()
    assert Person.objects.get(pk=communes["staff"].pk).unit == communes["an_phu"]  # nothing moved


def test_next_years_bloc_follows_the_merged_tree(client, communes):
    """Merged after its 2025 places were set: next year's bloc takes the unit of today, once, and leaves ended units."""
    ended = Unit.objects.create(
        name="Ủy ban nhân dân xã Cũ", kind="commune", parent=communes["province"], is_active=False
    )
    BlocMembership.objects.create(bloc=communes["commune_bloc"], unit=ended, year=2025, role="member")
    merge(client, communes, into=communes["binh_hoa"], units=[communes["an_phu"]], merged_on="01/01/2026")
    page = client.get(reverse("organisation:bloc_detail", args=[communes["commune_bloc"].pk]), {"year": 2025})
    members = page.context["copy_form"].fields["leader"].queryset
    assert set(members) == {communes["binh_hoa"], communes["unit_b"]}
    response = client.post(
        reverse("organisation:bloc_year_copy", args=[communes["commune_bloc"].pk, 2025]),
        {"year": 2026, "leader": communes["binh_hoa"].pk, "vice_leader": communes["unit_b"].pk},
    )
    assert response.status_code == 302
    assert set(
        BlocMembership.objects.filter(bloc=communes["commune_bloc"], year=2026).values_list("unit__name", "role")
    ) == {("Ủy ban nhân dân xã Bình Hòa", "leader"), ("Sở Y tế Thử", "vice_leader")}
    # 2025 keeps its history: the commune that led it is still named.
    assert (
        BlocMembership.objects.get(bloc=communes["commune_bloc"], year=2025, role="leader").unit == communes["an_phu"]
    )


def test_the_excel_tree_import_merges_units_line_by_line(client, communes):
    client.force_login(communes["office"])
    bad = xlsx(
        [
            TREE_HEADER,
            ["XA-AP", "Ủy ban nhân dân xã An Phú", "", "", "", "", "", "", "", "XA-AP"],
            ["", "Xã mới", "", "", "", "", "", "", "", "XA-BH"],
            ["XA-BH", "Ủy ban nhân dân xã Bình Hòa", "", "", "", "", "", "", "", "Không có xã này"],
        ]
    )
    response = client.post(reverse("organisation:tree_import", args=[communes["province"].pk]), {"file": bad})
    errors = dict(response.context["parsed"].errors)
    assert response.status_code == 400 and set(errors) == {2, 3, 4}
    assert "chính nó" in errors[2] and "chưa có" in errors[3] and "Không có xã này" in errors[4]

    good = xlsx(
        [
            TREE_HEADER,
            ["XA-AP", "Ủy ban nhân dân xã An Phú", "", "", "", "", "", "", "", "XA-BH"],
            ["XA-BH", "Ủy ban nhân dân xã Bình Hòa", "", "", "", "", "", "", "", ""],
        ]
    )
    response = client.post(reverse("organisation:tree_import", args=[communes["province"].pk]), {"file": good})
    assert response.status_code == 200, response.context["parsed"].errors
    confirm = re.search(r'action="([^"]+/confirm/)"', response.content.decode()).group(1)
    assert client.post(confirm).status_code == 302
    merged = UnitMerge.objects.get(unit=communes["an_phu"])
    assert merged.into == communes["binh_hoa"] and "ds.xlsx" in merged.reason
    assert Registration.objects.get(pk=communes["registration"].pk).unit == communes["binh_hoa"]
    # Exported again, the tree says who merged into whom, and importing it again changes nothing.
    exported = client.get(reverse("organisation:tree_export", args=[communes["province"].pk]))
    rows = [[cell.value for cell in row] for row in load_workbook(BytesIO(exported.content)).active.iter_rows()]
    assert ["Ủy ban nhân dân xã An Phú", "XA-BH"] in [[row[1], row[-1]] for row in rows]
    again = SimpleUploadedFile("lan-2.xlsx", exported.content)
    response = client.post(reverse("organisation:tree_import", args=[communes["province"].pk]), {"file": again})
    assert response.status_code == 200, response.context["parsed"].errors
    confirm = re.search(r'action="([^"]+/confirm/)"', response.content.decode()).group(1)
    assert client.post(confirm).status_code == 302 and UnitMerge.objects.count() == 1
