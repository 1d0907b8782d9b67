import pytest
from django.contrib import admin
from django.urls import reverse


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda model: model._meta.label)
def test_every_model_has_a_working_admin_list_with_search(client, shared_demo, db, model):
    client.login(username="admin", password="thidua2020")
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert client.get(url).status_code == 200
    if admin.site._registry[model].search_fields:
        assert client.get(url, {"q": "thi đua"}).status_code == 200


def test_admin_search_ignores_accents(client, shared_demo, db):
    client.login(username="admin", password="thidua2020")
    response = client.get(reverse("admin:organisation_unit_changelist"), {"q": "SO XAY DUNG"})
    assert "Sở Xây dựng tỉnh Tây Ninh" in response.content.decode()


def test_admin_cannot_write_around_the_services(client, shared_demo, db):
    """Scores, registrations, rankings, votes and proposal decisions are only shown; titles and rule sets stay editable."""
    from awards.models import Proposal, RuleSet
    from campaigns.models import Title
    from registrations.models import Registration
    from scoring.models import Ranking, Score

    client.login(username="admin", password="thidua2020")
    registration = Registration.objects.first()
    score = Score.objects.first()
    for model, obj in [(Registration, registration), (Score, score), (Ranking, Ranking.objects.first())]:
        change = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
        assert "Lưu" not in client.get(change).content.decode().split("<form")[-1]
        before = model.objects.get(pk=obj.pk).__dict__.copy()
        client.post(change, {"status": "accepted", "points": "0"})
        after = model.objects.get(pk=obj.pk).__dict__
        assert {k: v for k, v in after.items() if k != "_state"} == {k: v for k, v in before.items() if k != "_state"}
        delete = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_delete", args=[obj.pk])
        assert client.post(delete, {"post": "yes"}).status_code == 403
        assert model.objects.filter(pk=obj.pk).exists()
    assert client.get(reverse("admin:registrations_registration_add")).status_code == 403
    assert client.get(reverse("admin:awards_proposal_add")).status_code == 403
    assert Proposal is not None
    for model in (Title, RuleSet):
        obj = model.objects.first()
        change = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
        assert 'name="_save"' in client.get(change).content.decode()
