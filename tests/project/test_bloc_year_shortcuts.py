"""A bloc year in fewer page actions (issue 23, bench/bloc_year.py): each shortcut through the views, every step a
person must take still there, every irreversible one still asked."""

from django.utils import timezone

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
