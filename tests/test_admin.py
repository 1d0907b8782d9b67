import pytest
from django.contrib import admin
from django.urls import reverse


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda model: model._meta.label)
def test_every_model_has_a_working_admin_list_with_search(client, demo, model):
    client.login(username="admin", password="thidua2020")
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert client.get(url).status_code == 200
    if admin.site._registry[model].search_fields:
        assert client.get(url, {"q": "thi đua"}).status_code == 200


def test_admin_search_ignores_accents(client, demo):
    client.login(username="admin", password="thidua2020")
    response = client.get(reverse("admin:organisation_unit_changelist"), {"q": "SO XAY DUNG"})
    assert "Sở Xây dựng tỉnh Tây Ninh" in response.content.decode()
