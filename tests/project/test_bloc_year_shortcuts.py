"""A bloc year in fewer page actions (issue 23, bench/bloc_year.py): each shortcut through the views, every step a
person must take still there, every irreversible one still asked."""

from urllib.parse import quote

from django.urls import reverse
from django.utils import timezone

from core.views import next_url
from notifications.models import Notification
from scoring.models import Ranking
from tests.project.test_bloc_year_steps import CONFIRM, _asks, _scored_and_final
from tests.scoring.test_scoring import give, send_self_assessment, url


def test_a_first_vote_starts_with_every_member_present_and_today(login, sw):
    client = _scored_and_final(login, sw)
    form = client.get(url(sw, "vote")).context["form"]
    assert all(form[f"present_{sw[unit].pk}"].value() for unit in ["unit_a", "unit_b", "unit_d"])
    assert form["held_on"].value() == timezone.localdate()


def test_agreeing_with_every_self_score_leads_to_the_ranking_once_all_are_scored(login, sw):
    send_self_assessment(login, sw, "unit_b", ["8", "9", "10", "2", "1"])
    leader = login(sw["leader"])
    give(leader, sw, "unit_a", ["5", "5", "5", "0", "0"])
    # Unit D has sent nothing: the hub, where it is listed, is where the leader goes on.
    assert leader.post(url(sw, "agree")).url == url(sw, "hub")
    send_self_assessment(login, sw, "unit_d", ["7", "7", "6", "0", "0"])
    assert login(sw["leader"]).post(url(sw, "agree")).url == url(sw, "ranking")


def test_ranking_finalised_and_published_in_one_step_asked_once(login, sw):
    leader = login(sw["leader"])
    for unit in ["unit_a", "unit_b"]:
        give(leader, sw, unit, ["9", "9", "9", "0", "0"])
    page = leader.get(url(sw, "ranking")).content.decode()
    assert 'id="finalise-publish"' in page
    assert login(sw["clerk_b"]).post(url(sw, "ranking_finalise"), {"publish": "1"} | CONFIRM).status_code == 403
    # Refused as a whole while a unit is not scored: nothing final, nothing published.
    leader = login(sw["leader"])
    leader.post(url(sw, "ranking_finalise"), {"publish": "1"} | CONFIRM)
    assert not Ranking.objects.filter(status="final").exists()
    give(leader, sw, "unit_d", ["9", "9", "9", "0", "0"])
    _asks(leader.post(url(sw, "ranking_finalise"), {"publish": "1"}), "khóa")
    assert not Ranking.objects.filter(status="final").exists()
    assert leader.post(url(sw, "ranking_finalise"), {"publish": "1"} | CONFIRM).status_code == 302
    ranking = Ranking.objects.get()
    assert ranking.status == "final" and ranking.is_published
    # The members are told once, of the publication.
    told = set(Notification.objects.values_list("event", flat=True))
    assert "ranking.published" in told and "ranking.finalised" not in told


def test_confirming_the_rules_in_force_leads_back_to_the_proposal_that_waits_for_them(client, council):
    from awards.models import RuleSet
    from campaigns.models import Campaign
    from organisation.models import Person, RoleAssignment
    from tests.awards.test_decisions import submitted

    campaign = Campaign.objects.create(
        name="Phong trào năm 2026", issuer=council["unit_a"], council=council["council"], year=2026, status="active"
    )
    proposal = submitted(council, [("ldtt", Person.objects.create(unit=council["unit_a"], full_name="Trần Thị Hoa"))])
    proposal.campaign = campaign
    proposal.save()
    detail = reverse("awards:detail", args=[proposal.pk])
    decree = RuleSet.objects.get(code="luat-2022-nd-152-2025")
    # The province's office holds the council's secretariat, as in the bench's province.
    RoleAssignment.objects.create(user=council["secretary"], role="office", unit=council["province"])
    client.force_login(council["secretary"])
    page = client.get(detail).content.decode()
    confirm = f"{reverse('awards:rule_set', args=[decree.pk])}?next={quote(detail)}"
    assert f'href="{confirm}"' in page
    assert f'name="next" value="{detail}"' in client.get(confirm).content.decode()
    adopt = reverse("awards:rule_set_adopt", args=[decree.pk])
    response = client.post(adopt, {"unit": council["province"].pk, "next": detail})
    assert response.url == detail


def test_a_step_goes_back_only_to_a_page_of_this_site(rf):
    assert next_url(rf.post("/x/", {"next": "/proposals/3/"}), "/home/") == "/proposals/3/"
    assert next_url(rf.get("/x/", {"next": "/proposals/3/"}), "/home/") == "/proposals/3/"
    for elsewhere in ("https://example.com/", "//example.com/", "javascript:alert(1)", ""):
        assert next_url(rf.post("/x/", {"next": elsewhere}), "/home/") == "/home/"
