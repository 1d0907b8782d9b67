"""The slips a new user met on the way through a bloc year (issue 23): labels, who is addressed, the breadcrumb, hints."""

from django.urls import reverse

from campaigns.models import Campaign
from organisation.models import Unit
from scoring.models import Criterion

CAMPAIGN = "Tổ chức và phát động phong trào thi đua năm 2020"


def text(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_labels_say_what_the_field_is(login, world):
    item_form = text(login(world["leader"]).get(reverse("campaigns:part_new", args=[world["campaign"].pk, "items"])))
    assert "Thứ tự" in item_form and "Chức vụ" not in item_form  # the item's place in the list, not a job title
    office = login(world["office"])
    bloc_form = text(office.get(reverse("organisation:bloc_new")))
    assert "Tên đầy đủ của khối" in bloc_form and "Họ và tên" not in bloc_form
    council = text(office.get(reverse("organisation:council_detail", args=[world["council"].pk])))
    assert "Thành viên hội đồng" in council and "Đơn vị thành viên" not in council
    invite = text(office.get(reverse("organisation:account_invite")))
    assert "Gửi lời mời</button>" in invite


def test_a_units_page_speaks_of_the_unit_not_of_the_reader(login, world):
    lonely = Unit.objects.create(name="Sở Tư pháp Thử", kind=Unit.Kind.DEPARTMENT, parent=world["province"])
    page = text(login(world["office"]).get(reverse("organisation:unit_detail", args=[lonely.pk])))
    assert "Đơn vị chưa tham gia phong trào nào." in page and "Bạn chưa" not in page
    blocs = text(login(world["office_other"]).get(reverse("organisation:bloc_list") + "?year=2031"))
    assert "Bạn chưa" not in blocs


def test_the_breadcrumb_keeps_the_year_and_an_empty_scoring_table_is_pointed_out(login, world):
    Campaign.objects.filter(pk=world["campaign"].pk).update(name=CAMPAIGN)
    leader = login(world["leader"])
    page = text(leader.get(reverse("registrations:overview", args=[world["campaign"].pk])))
    assert "Tổ chức và phát động phong trào … năm 2020</a>" in page
    detail = text(leader.get(reverse("campaigns:detail", args=[world["campaign"].pk])))
    assert 'id="scoring-table-empty"' in detail
    assert reverse("scoring:criteria", args=[world["campaign"].pk]) in detail
    Criterion.objects.create(campaign=world["campaign"], position=1, text="Cải cách", max_points=10)
    assert 'id="scoring-table-empty"' not in text(leader.get(reverse("campaigns:detail", args=[world["campaign"].pk])))
