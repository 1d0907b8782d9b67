"""What people type: years within the product's range everywhere, NUL characters answered in Vietnamese."""

from django.urls import reverse

from awards.models import Initiative
from organisation.models import BlocMembership, Person


def test_a_year_out_of_range_is_refused_in_the_domains_words(login, world):
    person = Person.objects.create(unit=world["unit_a"], full_name="Trần Văn An")
    client = login(world["clerk_a"])
    response = client.post(
        reverse("awards:initiatives"), {"person": person.pk, "year": 99999, "name": "Số hóa hồ sơ", "summary": ""}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Năm phải trong khoảng từ 2000 đến 2100." in page
    assert 'value="99999"' in page and "Số hóa hồ sơ" in page
    assert not Initiative.objects.exists()
    # The bloc's membership form says the same, not "Ensure this value…".
    office = login(world["office"])
    refused = office.post(
        reverse("organisation:bloc_member_set", args=[world["bloc"].pk]),
        {"unit": world["unit_c"].pk, "year": 1999, "role": "member"},
    )
    assert "Năm phải trong khoảng từ 2000 đến 2100." in refused.content.decode()
    assert not BlocMembership.objects.filter(year=1999).exists()
    # A year asked for in a page's address out of the range shows the current year, not an error.
    assert office.get(reverse("organisation:bloc_list"), {"year": "99999999999999999999"}).status_code == 200
    assert login(world["clerk_a"]).get(reverse("campaigns:list"), {"year": "0"}).status_code == 200


def test_a_nul_character_is_answered_in_vietnamese_and_the_text_kept(login, world):
    person = Person.objects.create(unit=world["unit_a"], full_name="Trần Văn An")
    response = login(world["clerk_a"]).post(
        reverse("awards:initiatives"), {"person": person.pk, "year": 2020, "name": "Sáng\x00kiến", "summary": ""}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "ký tự rỗng (NUL)" in page and "Null characters" not in page
    assert not Initiative.objects.exists()
