"""A bloc year in fewer steps (issue 23, part A): bulk forms, "agree" in one action, what waits on each dashboard,
irreversible steps that ask once, and no self-vote — all through the pages, as a user would."""

from datetime import date, timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from activity.models import ActivityLog
from awards.models import AwardDecision, BallotSeat, CouncilBallot, PreparedDecision, Proposal
from awards.selectors import ballot_title_thresholds
from campaigns.dashboard import Step, UnitProgress
from campaigns.models import Campaign, Milestone, Title
from notifications.models import Notification
from organisation.models import Bloc, BlocMembership, Council, CouncilMember, Person, Unit
from registrations.models import Registration
from scoring.models import Ranking, Score, VoteMeeting
from tests.awards.test_decisions import cast, close, committed, decision_data, issue, open_ballot, submitted, titles
from tests.scoring.test_scoring import give, send_self_assessment, url

CONFIRM = {"confirm": "1"}


def _scored_and_final(login, sw):
    client = login(sw["leader"])
    for unit in ["unit_a", "unit_b", "unit_d"]:
        give(client, sw, unit, ["9", "9", "9", "0", "0"])
    client.post(url(sw, "ranking_finalise"))
    assert Ranking.objects.get().status == "final"
    return client


def _asks(response, *words):
    """The confirmation page: a real form that sends the confirmation back, and says what it locks and who is told."""
    assert response.status_code == 200, response.status_code
    page = response.content.decode()
    assert 'name="confirm" value="1"' in page and 'id="confirm-locks"' in page and 'id="confirm-told"' in page
    for word in words:
        assert word in page, word
    return page


def test_unit_cannot_vote_for_itself(login, sw):
    client = _scored_and_final(login, sw)
    flag = Title.objects.get(code="co-thi-dua-tinh")
    a, b = sw["unit_a"].pk, sw["unit_b"].pk
    # The grid offers no box on the diagonal.
    page = client.get(url(sw, "vote")).content.decode()
    assert f'name="ballot_{flag.pk}_{a}_{b}"' in page and f'name="ballot_{flag.pk}_{a}_{a}"' not in page
    # A self-ballot posted anyway is refused by the server, with what was typed kept.
    data = {"held_on": "20/02/2021", f"present_{a}": "on", f"present_{b}": "on", **CONFIRM}
    data[f"ballot_{flag.pk}_{a}_{a}"] = "on"
    response = client.post(url(sw, "vote"), data)
    assert response.status_code == 400 and "không thể tự bỏ phiếu cho mình" in response.content.decode()
    assert not VoteMeeting.objects.exists()
    del data[f"ballot_{flag.pk}_{a}_{a}"]
    data[f"ballot_{flag.pk}_{a}_{b}"] = "on"
    assert client.post(url(sw, "vote"), data).status_code == 302
    assert VoteMeeting.objects.get().ballots.count() == 1


def test_published_ranking_leads_to_the_vote(login, sw):
    leader = _scored_and_final(login, sw)
    vote = url(sw, "vote")
    assert f'href="{vote}"' not in leader.get(url(sw, "ranking")).content.decode()  # not before it is published
    leader.post(url(sw, "ranking_publish"), CONFIRM)
    assert f'href="{vote}"' in leader.get(url(sw, "ranking")).content.decode()
    assert f'href="{vote}"' not in login(sw["clerk_b"]).get(url(sw, "ranking")).content.decode()


def test_irreversible_steps_ask_for_confirmation_without_javascript(client, login, sw, council):
    # Publishing the ranking: the page that asks, then the act.
    leader = _scored_and_final(login, sw)
    _asks(leader.get(url(sw, "ranking_publish")), "Công bố")
    _asks(leader.post(url(sw, "ranking_publish")))
    assert not Ranking.objects.get().is_published
    assert leader.post(url(sw, "ranking_publish"), CONFIRM).status_code == 302
    assert Ranking.objects.get().is_published

    # Recording the vote: a valid form first asks, carrying every field back.
    Ranking.objects.update(objections_until=None)
    flag = Title.objects.get(code="co-thi-dua-tinh")
    a, b = sw["unit_a"].pk, sw["unit_b"].pk
    vote = {"held_on": "20/02/2021", f"present_{a}": "on", f"ballot_{flag.pk}_{a}_{b}": "on"}
    page = _asks(leader.post(url(sw, "vote"), vote))
    assert f'name="ballot_{flag.pk}_{a}_{b}" value="on"' in page
    assert not VoteMeeting.objects.exists()
    assert leader.post(url(sw, "vote"), vote | CONFIRM).status_code == 302

    # Sending a proposal to the council.
    draft = submitted(council, [("ldtt", Person.objects.create(unit=council["unit_a"], full_name="Trần Văn An"))])
    Proposal.objects.filter(pk=draft.pk).update(status="draft")
    clerk = login(council["clerk_a"])
    _asks(clerk.get(reverse("awards:submit", args=[draft.pk])), str(council["council"]))
    _asks(clerk.post(reverse("awards:submit", args=[draft.pk])))
    assert Proposal.objects.get(pk=draft.pk).status == "draft"
    clerk.post(reverse("awards:submit", args=[draft.pk]), CONFIRM)
    assert Proposal.objects.get(pk=draft.pk).status == "submitted"

    # Opening the ballot: what was typed comes back on the page that asks.
    secretary = login(council["secretary"])
    opening = {"held_on": "25/02/2021"}
    opening |= {f"threshold_{item.title.pk}": item.percent for item in ballot_title_thresholds(proposal=draft)}
    _asks(secretary.post(reverse("awards:ballot_open", args=[draft.pk]), opening), "25/02/2021")
    assert not CouncilBallot.objects.filter(proposal=draft).exists()
    assert secretary.post(reverse("awards:ballot_open", args=[draft.pk]), opening | CONFIRM).status_code == 302
    lines = {line: True for line in draft.lines.all()}
    for user in [council["secretary"], council["chair"], *council["members"]]:
        cast(client, user, draft, lines)

    # Counting it.
    secretary = login(council["secretary"])
    _asks(secretary.get(reverse("awards:ballot_close", args=[draft.pk])), "Kiểm phiếu")
    _asks(secretary.post(reverse("awards:ballot_close", args=[draft.pk])))
    assert CouncilBallot.objects.get(proposal=draft).is_open
    with committed():
        secretary.post(reverse("awards:ballot_close", args=[draft.pk]), CONFIRM)
    assert not CouncilBallot.objects.get(proposal=draft).is_open
    assert BallotSeat.objects.filter(ballot__proposal=draft).exists()

    # Issuing the decision.
    _asks(secretary.post(reverse("awards:decision", args=[draft.pk]), decision_data()), "345/QĐ-UBND")
    assert not AwardDecision.objects.filter(proposal=draft).exists()
    with committed():
        response = secretary.post(reverse("awards:decision", args=[draft.pk]), decision_data() | CONFIRM)
    assert response.status_code == 302 and AwardDecision.objects.filter(proposal=draft).exists()
    assert titles()  # the titles the proposal named are still there


def test_accept_several_registrations_at_once(login, sw):
    campaign = sw["campaign"]
    sent = {
        key: Registration.objects.create(
            campaign=campaign, unit=sw[key], status="submitted", submitted_at=timezone.now(), version=1
        )
        for key in ["unit_b", "unit_d"]
    }
    draft = Registration.objects.create(campaign=campaign, unit=sw["unit_a"], status="draft")
    leader = login(sw["leader"])
    overview = reverse("registrations:overview", args=[campaign.pk])
    page = leader.get(overview).content.decode()
    assert 'id="accept-several"' in page
    assert all(f'name="registration" value="{r.pk}"' in page for r in sent.values())
    assert f'name="registration" value="{draft.pk}"' not in page
    # A member unit cannot accept, even its own.
    bulk = reverse("registrations:accept_several", args=[campaign.pk])
    assert login(sw["clerk_b"]).post(bulk, {"registration": [r.pk for r in sent.values()]}).status_code == 403
    # One submit accepts both; the draft ticked by hand is refused on its own and says why.
    leader = login(sw["leader"])
    response = leader.post(bulk, {"registration": [*(r.pk for r in sent.values()), draft.pk]}, follow=True)
    assert response.status_code == 200
    assert {r.status for r in Registration.objects.filter(pk__in=[r.pk for r in sent.values()])} == {"accepted"}
    assert Registration.objects.get(pk=draft.pk).status == "draft"
    text = " ".join(str(message) for message in response.context["messages"])
    assert "Sở Y tế Thử" in text and "Sở Du lịch Thử" in text and "Sở Văn hóa Thử" in text
    # Each acceptance is logged on its own registration.
    assert ActivityLog.objects.filter(action="registration.accepted").count() == 2
    # A registration of another campaign's unit is not reached by typing its id.
    other = Registration.objects.create(
        campaign=sw["other_campaign"], unit=sw["unit_c"], status="submitted", submitted_at=timezone.now(), version=1
    )
    leader.post(bulk, {"registration": [other.pk]})
    assert Registration.objects.get(pk=other.pk).status == "submitted"


def test_compiler_agrees_with_all_self_scores_in_one_action(login, sw):
    send_self_assessment(login, sw, "unit_b", ["8", "9", "10", "2", "1"])
    send_self_assessment(login, sw, "unit_d", ["7", "7,5", "6", "0", "0"])
    leader = login(sw["leader"])
    give(leader, sw, "unit_a", ["5", "5", "5", "0", "0"])  # scored by hand already: left as it is
    hub = leader.get(url(sw, "hub")).content.decode()
    assert 'id="agree-all"' in hub
    # A member unit cannot agree on the compiler's behalf.
    assert login(sw["clerk_b"]).post(url(sw, "agree")).status_code == 403

    response = login(sw["leader"]).post(url(sw, "agree"), follow=True)
    assert response.status_code == 200
    scores = {(score.unit_id, score.criterion_id): score.points for score in Score.objects.filter(scorer=sw["unit_a"])}
    c = [criterion.pk for criterion in sw["criteria"]]
    b, d, a = sw["unit_b"].pk, sw["unit_d"].pk, sw["unit_a"].pk
    assert [scores[(b, pk)] for pk in c] == [Decimal(v) for v in ("8", "9", "10", "2", "1")]
    assert [scores[(d, pk)] for pk in c] == [Decimal(v) for v in ("7", "7.5", "6", "0", "0")]
    assert scores[(a, c[0])] == Decimal("5")
    # Every line agreed is logged like a typed score, and the agreement per unit.
    assert ActivityLog.objects.filter(action="score.agreed").count() == 2
    assert ActivityLog.objects.filter(action="score.changed", data__unit=b).count() == 5

    # The compiler then changes only the line it disputes.
    leader = login(sw["leader"])
    page = leader.get(url(sw, "score", b)).content.decode()
    assert 'id="agree-unit"' in page
    give(leader, sw, "unit_b", ["8", "9", "8", "2", "1"])
    assert Score.objects.get(scorer=sw["unit_a"], unit_id=b, criterion_id=c[2]).points == Decimal("8")
    assert ActivityLog.objects.filter(action="score.changed", data__unit=b).count() == 6
    # A second "agree with all" finds nothing left and overwrites nothing.
    login(sw["leader"]).post(url(sw, "agree"))
    assert Score.objects.get(scorer=sw["unit_a"], unit_id=b, criterion_id=c[2]).points == Decimal("8")
    # Agreeing for one unit puts its own points back, logged.
    login(sw["leader"]).post(url(sw, "agree"), {"unit": b})
    assert Score.objects.get(scorer=sw["unit_a"], unit_id=b, criterion_id=c[2]).points == Decimal("10")
    assert ActivityLog.objects.filter(action="score.agreed").count() == 3


def test_office_adds_bloc_members_and_council_in_one_form_each(login, world):
    office = login(world["office"])
    bloc = Bloc.objects.create(
        name="Khối 9", full_name="Khối thi đua các sở", council=world["council"], organizer=world["province"]
    )
    units = [Unit.objects.create(name=f"Sở Thử {i}", parent=world["province"]) for i in range(6)]
    page = office.get(reverse("organisation:bloc_detail", args=[bloc.pk])).content.decode()
    assert 'id="add-several"' in page
    several = reverse("organisation:bloc_members_add", args=[bloc.pk])
    # The same unit as leader and vice is refused, with what was ticked kept.
    data = {"year": 2021, "units": [unit.pk for unit in units], "leader": units[0].pk, "vice_leader": units[0].pk}
    response = office.post(several, data)
    assert response.status_code == 400 and "hai đơn vị khác nhau" in response.content.decode()
    assert str(units[3].pk) in [str(pk) for pk in response.context["several"]["units"].value()]
    assert not BlocMembership.objects.filter(bloc=bloc).exists()
    # One submit: six members, the leader and the vice among them.
    response = office.post(several, data | {"vice_leader": units[1].pk})
    assert response.status_code == 302
    roles = dict(BlocMembership.objects.filter(bloc=bloc, year=2021).values_list("unit_id", "role"))
    assert len(roles) == 6 and roles[units[0].pk] == "leader" and roles[units[1].pk] == "vice_leader"
    assert sorted(roles.values()).count("member") == 4
    assert ActivityLog.objects.filter(action="bloc.member_set").count() == 6
    # A unit already in another bloc that year refuses the whole form, naming it.
    other = Bloc.objects.create(name="Khối 10", organizer=world["province"])
    response = office.post(
        reverse("organisation:bloc_members_add", args=[other.pk]), {"year": 2021, "units": [units[2].pk]}
    )
    assert response.status_code == 400 and "Sở Thử 2" in response.content.decode()
    assert not BlocMembership.objects.filter(bloc=other).exists()
    # Not the office's: a clerk cannot.
    assert login(world["clerk_a"]).post(several, data).status_code == 404  # not a bloc it sees

    # The council: seven seats in one form, existing accounts and new people invited by email.
    council = Council.objects.create(name="Hội đồng Thi đua – Khen thưởng Sở", level="unit", unit=world["province"])
    office = login(world["office"])
    page = office.get(reverse("organisation:council_detail", args=[council.pk])).content.decode()
    assert 'id="seat-several"' in page
    seats = {
        "seat0-account": world["secretary"].pk,
        "seat0-position": "chair",
        "seat0-job_title": "Giám đốc Sở",
        "seat1-account": world["member"].pk,
        "seat1-position": "secretary",
    }
    for index in range(2, 7):
        seats |= {
            f"seat{index}-full_name": f"Nguyễn Văn Thử {index}",
            f"seat{index}-email": f"thu{index}@example.vn",
            f"seat{index}-position": "member",
        }
    add = reverse("organisation:council_members_add", args=[council.pk])
    # Two chairs: refused, the row named, nothing seated, what was typed kept.
    response = office.post(add, seats | {"seat2-position": "chair"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Dòng 3" in text and "Nguyễn Văn Thử 4" in text
    assert not CouncilMember.objects.filter(council=council).exists()
    response = office.post(add, seats)
    assert response.status_code == 302
    positions = sorted(CouncilMember.objects.filter(council=council).values_list("position", flat=True))
    assert positions == sorted(["chair", "secretary", *["member"] * 5])
    assert CouncilMember.objects.get(council=council, user__email="thu6@example.vn").user.has_usable_password() is False
    # An empty form says what to do.
    assert "ít nhất một dòng" in office.post(add, {}).content.decode()


def _dashboard(login, user):
    return login(user).get(reverse("dashboard")).content.decode()


def _opens(login, user, href):
    response = login(user).get(href)
    assert response.status_code == 200, (user, href, response.status_code)
    return response.content.decode()


def test_secretary_and_member_dashboards_show_what_waits(client, login, council):
    person = Person.objects.create(unit=council["unit_b"], full_name="Lê Thị Bình", position="Chuyên viên")
    proposal = submitted(council, [("bang-khen-tinh-ca-nhan", person)])
    secretary, chair, member = council["secretary"], council["chair"], council["member"]
    detail = reverse("awards:detail", args=[proposal.pk])
    ballot = reverse("awards:ballot", args=[proposal.pk])
    decision = reverse("awards:decision", args=[proposal.pk])

    # Received: the secretary is sent to the proposal's ballot form; a member has nothing to do yet.
    page = _dashboard(login, secretary)
    assert 'id="council-work"' in page and f'href="{detail}#ballot-open"' in page
    assert 'id="ballot-open"' in _opens(login, secretary, detail)
    assert f'href="{detail}#ballot-open"' not in _dashboard(login, member)

    # Open: each member sees their own ballot with the meeting's date; the secretary, the ballot to count.
    open_ballot(client, council, proposal)
    page = _dashboard(login, member)
    assert f'href="{ballot}"' in page and "25/02/2021" in page
    assert 'name="line_' in _opens(login, member, ballot)
    assert f'href="{ballot}"' in _dashboard(login, secretary)
    for user in [secretary, chair, *council["members"]]:
        cast(client, user, proposal, {line: True for line in proposal.lines.all()})
    assert f'href="{ballot}"' not in _dashboard(login, member)  # cast: nothing left for them

    # Counted: the decision waits for the secretary and the chair, never for a member.
    close(client, council, proposal)
    for user in (secretary, chair):
        assert f'href="{decision}"' in _dashboard(login, user)
        _opens(login, user, decision)
    assert f'href="{decision}"' not in _dashboard(login, member)

    # Issued: the signed copy waits for the secretary.
    login(secretary)
    issue(client, proposal, decision_data() | CONFIRM)
    page = _dashboard(login, secretary)
    assert "345/QĐ-UBND" in page and f'href="{detail}#signed"' in page and f'href="{decision}"' not in page

    # The unit awarded reaches the proposal that won it, from its dashboard.
    page = _dashboard(login, council["clerk_b"])
    assert f'href="{detail}"' in page
    text = _opens(login, council["clerk_b"], detail)
    assert "Chưa có tờ trình nào" not in text and "Lê Thị Bình" in text
    assert proposal.summary in _opens(
        login, council["clerk_b"], reverse("awards:campaign", args=[proposal.campaign_id])
    )


def test_office_dashboard_shows_what_waits(login, world):
    draft = Campaign.objects.create(name="Phong trào năm sau", issuer=world["province"], year=2031)
    draft.blocs.set([world["bloc"]])
    milestone = Milestone.objects.create(campaign=draft, kind="registration", name="Đăng ký", due_on=date(2020, 1, 1))
    bare = Council.objects.create(name="Hội đồng chưa có thư ký", level="unit", unit=world["province"])
    page = _dashboard(login, world["office"])
    edit = reverse("campaigns:part_edit", args=[draft.pk, "milestones", milestone.pk])
    criteria = reverse("scoring:criteria", args=[draft.pk])
    seat = reverse("organisation:council_detail", args=[bare.pk])
    assert all(href in page for href in (edit, criteria, seat))
    for href in (edit, criteria, seat):
        _opens(login, world["office"], href)
    # A clerk's dashboard has none of the office's work.
    page = _dashboard(login, world["clerk_a"])
    assert 'id="office-waiting"' not in page and 'id="campaigns-without-table"' not in page


def test_content_items_from_one_pasted_list(login, world):
    campaign = world["campaign"]
    office = login(world["office"])
    paste = reverse("campaigns:items_paste", args=[campaign.pk])
    assert paste in office.get(reverse("campaigns:detail", args=[campaign.pk])).content.decode()
    response = office.post(paste, {"text": "  \n"})
    assert response.status_code == 400
    text = "1. Hoàn thành xuất sắc nhiệm vụ\n2) Xây dựng công sở văn hóa\n\n- An toàn giao thông\nCải cách hành chính"
    assert office.post(paste, {"text": text}).status_code == 302
    items = list(campaign.content_items.order_by("position").values_list("position", "label", "text", "is_mandatory"))
    assert items == [
        (1, "1", "Hoàn thành xuất sắc nhiệm vụ", True),
        (2, "2", "Xây dựng công sở văn hóa", True),
        (3, "", "An toàn giao thông", True),
        (4, "", "Cải cách hành chính", True),
    ]
    assert ActivityLog.objects.filter(action="contentitem.created").count() == 4
    office.post(paste, {"text": "5. Phong trào khác", "optional": "on"})
    assert campaign.content_items.get(position=5).is_mandatory is False
    assert login(world["clerk_b"]).get(paste).status_code == 403


def test_dates_past_or_outside_the_year_are_confirmed_and_a_moved_deadline_is_explained(login, world):
    campaign = world["campaign"]
    office = login(world["office"])
    new = reverse("campaigns:part_new", args=[campaign.pk, "milestones"])
    data = {"kind": "midyear_report", "name": "Báo cáo sơ kết", "actor": "members", "due_on": "15/06/2020"}
    # Past (the campaign is 2020): said, and not saved until confirmed.
    response = office.post(new, data)
    assert response.status_code == 200 and 'id="date-warnings"' in response.content.decode()
    assert "đã qua" in response.content.decode() and not campaign.milestones.exists()
    assert office.post(new, data | CONFIRM).status_code == 302
    milestone = campaign.milestones.get()
    # The campaign is open: moving the date asks why, logs it and tells the units.
    edit = reverse("campaigns:part_edit", args=[campaign.pk, "milestones", milestone.pk])
    moved = data | {"due_on": "30/06/2020"} | CONFIRM
    response = office.post(edit, moved)
    assert response.status_code == 200 and "lý do" in response.content.decode().lower()
    assert Milestone.objects.get(pk=milestone.pk).due_on == date(2020, 6, 15)
    assert office.post(edit, moved | {"reason": "Trùng lịch họp của Tỉnh ủy"}).status_code == 302
    assert Milestone.objects.get(pk=milestone.pk).due_on == date(2020, 6, 30)
    entry = ActivityLog.objects.get(action="milestone.moved")
    assert (entry.data["old"], entry.data["new"], entry.data["reason"]) == (
        "2020-06-15",
        "2020-06-30",
        "Trùng lịch họp của Tỉnh ủy",
    )
    told = Notification.objects.filter(event="milestone.moved")
    assert {n.recipient.username for n in told} >= {"clerk_a", "clerk_b"}
    assert "Trùng lịch họp của Tỉnh ủy" in told.first().body
    # Outside the campaign's year (and its review months): confirmed too.
    response = office.post(new, data | {"name": "Khác", "due_on": "01/01/2030"})
    assert "ngoài năm 2020" in response.content.decode()


def test_campaign_history_pages_filters_and_reads_as_sentences(login, sw):
    named = sw["leader"]
    named.last_name, named.first_name = "Lê Văn", "An"
    named.save()
    leader = login(named)
    give(leader, sw, "unit_b", ["8", "9", "10", "0", "0"])
    give(leader, sw, "unit_b", ["8", "9", "9", "0", "0"])
    history = reverse("campaigns:history", args=[sw["campaign"].pk])
    page = leader.get(history).content.decode()
    assert "Lê Văn An đổi điểm tiêu chí 3 Công tác thi đua của Sở Y tế Thử: 10 → 9" in page
    # Filtered by what: only the scores; by who: nobody else acted.
    page = leader.get(history, {"action": "score.changed"}).content.decode()
    assert page.count("đổi điểm tiêu chí") == 6
    ActivityLog.objects.create(
        content_type=ActivityLog.objects.first().content_type,
        object_id=sw["campaign"].pk,
        action="campaign.closed",
        user=sw["office"],
        data={"reason": "Tổng kết xong"},
    )
    page = leader.get(history, {"user": sw["office"].pk}).content.decode()
    assert "kết thúc phong trào, lý do: Tổng kết xong" in page and "đổi điểm tiêu chí" not in page
    # A pager past 50 entries.
    for number in range(60):
        ActivityLog.objects.create(
            content_type=ActivityLog.objects.first().content_type,
            object_id=sw["campaign"].pk,
            action="milestone.moved",
            user=named,
            data={"name": f"Mốc {number}", "old": "2020-06-15", "new": "2020-06-30", "reason": "Trùng lịch"},
        )
    response = leader.get(history)
    assert response.context["page"].paginator.num_pages == 2
    assert "dời hạn “Mốc 59” từ 15/06/2020 sang 30/06/2020, lý do: Trùng lịch" in response.content.decode()
    assert len(leader.get(history, {"page": 2}).context["page"].object_list) == 67 - 50
    assert login(sw["clerk_b"]).get(history).status_code == 403


def _passed(client, council, name):
    person = Person.objects.create(unit=council["unit_b"], full_name=name, position="Chuyên viên")
    proposal = submitted(council, [("bang-khen-tinh-ca-nhan", person)])
    open_ballot(client, council, proposal)
    for user in [council["secretary"], council["chair"], *council["members"]]:
        cast(client, user, proposal, {line: True for line in proposal.lines.all()})
    close(client, council, proposal)
    return proposal


def test_counted_ballot_leads_the_secretary_to_the_decision(client, login, council):
    proposal = _passed(client, council, "Lê Thị Bình")
    decision = reverse("awards:decision", args=[proposal.pk])
    ballot = reverse("awards:ballot", args=[proposal.pk])
    page = _opens(login, council["secretary"], ballot)
    assert f'href="{decision}"' in page
    assert "Thành viên hội đồng" in page and "Đơn vị thành viên" not in page  # people, not units
    assert f'href="{decision}"' not in _opens(login, council["member"], ballot)


def test_decision_prepared_by_the_secretary_and_issued_by_the_authority(client, login, council):
    Council.objects.filter(pk=council["council"].pk).update(decision_issuer="authority")
    proposal = _passed(client, council, "Lê Thị Bình")
    decision = reverse("awards:decision", args=[proposal.pk])
    today = timezone.localdate()
    # The secretary prepares, with the number suggested from the authority's sequence (none yet this year).
    secretary = login(council["secretary"])
    response = secretary.get(decision)
    assert response.context["form"]["number"].value() == "1/QĐ-UBND"
    assert 'id="prepared-for-the-authority"' in response.content.decode()
    data = decision_data(number="1/QĐ-UBND", dated=today.strftime("%d/%m/%Y"))
    assert secretary.post(decision, data).status_code == 302
    assert not AwardDecision.objects.exists() and PreparedDecision.objects.filter(proposal=proposal).exists()
    assert ActivityLog.objects.filter(action="decision.prepared").exists()
    # It now waits for the chair, not the secretary.
    assert f'href="{decision}"' not in _dashboard(login, council["secretary"])
    assert f'href="{decision}"' in _dashboard(login, council["chair"])
    # The chair finds it as prepared, is asked once, and issues it.
    chair = login(council["chair"])
    response = chair.get(decision)
    assert 'id="prepared"' in response.content.decode() and response.context["form"]["number"].value() == "1/QĐ-UBND"
    _asks(chair.post(decision, data), "1/QĐ-UBND")
    assert not AwardDecision.objects.exists()
    with committed():
        assert chair.post(decision, data | CONFIRM).status_code == 302
    issued = AwardDecision.objects.get(proposal=proposal)
    assert issued.created_by == council["chair"] and not PreparedDecision.objects.exists()
    # The next decision of the authority is numbered after it.
    second = _passed(client, council, "Trần Văn Cường")
    number = login(council["secretary"]).get(reverse("awards:decision", args=[second.pk])).context["form"]["number"]
    assert number.value() == "2/QĐ-UBND"


def test_next_step_never_points_at_a_past_step_that_no_longer_matters():
    today = timezone.localdate()

    def step(label, *, done=False, deadline=None):
        return Step(label=label, state="", done=done, link="/", action=f"Do {label}", deadline=deadline)

    # The mid-year report's day is gone and the year-end's still ahead: the year-end leads.
    gone = step("mid-year", deadline=today - timedelta(days=174))
    ahead = step("year-end", deadline=today + timedelta(days=20))
    assert UnitProgress(unit=None, steps=[gone, ahead]).next_step == ahead
    # A later step done: the year moved on without the earlier one.
    assert UnitProgress(unit=None, steps=[gone, step("year-end", done=True), step("results")]).next_step.label == (
        "results"
    )
    # Late, with nothing after it: still the step to take.
    assert UnitProgress(unit=None, steps=[gone]).next_step == gone
    # Not yet due: the first step leads, as before.
    first = step("registration", deadline=today + timedelta(days=3))
    assert UnitProgress(unit=None, steps=[first, ahead]).next_step == first
    # After the year-end: the last step, late, never the mid-year one.
    late = step("year-end", deadline=today - timedelta(days=3))
    assert UnitProgress(unit=None, steps=[gone, late]).next_step == late
    # A step the campaign asks for by its milestone alone, and has none: passed over.
    unasked = Step(label="mid-year", state="", done=False, link="/", action="Do mid-year", needs_milestone=True)
    assert UnitProgress(unit=None, steps=[unasked, ahead]).next_step == ahead
    assert UnitProgress(unit=None, steps=[unasked]).next_step is None
    # A step with no deadline is behind once a later one's is gone.
    undated = step("registration")
    assert UnitProgress(unit=None, steps=[undated, late]).next_step == late
    assert UnitProgress(unit=None, steps=[undated, ahead]).next_step == undated
