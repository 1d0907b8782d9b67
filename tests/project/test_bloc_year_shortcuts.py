"""A bloc year in fewer page actions (issue 23, bench/bloc_year.py): each shortcut through the views, every step a
person must take still there, every irreversible one still asked."""

import re
from datetime import date
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


def test_a_message_to_someone_without_a_password_leads_them_to_set_it_then_to_the_page(client, world):
    from django.core import mail

    from notifications.services import email_body, notifications_send_pending
    from organisation.services import account_invite

    invited = account_invite(
        user=world["office"], full_name="Lê Văn Mới", email="moi@example.vn", role="unit_clerk", unit=world["unit_b"]
    )
    page = reverse("registrations:edit", args=[world["campaign"].pk, world["unit_b"].pk])
    notice = Notification.objects.create(
        event="campaign.opened", key="k", recipient=invited, subject="Đăng ký", body="Nội dung", link=page
    )
    mail.outbox.clear()
    notifications_send_pending()
    body = mail.outbox[0].body
    assert body.endswith("Nội dung") and "Bạn chưa đặt mật khẩu" in body
    # The token goes only in the email: the notification kept in the app has none.
    assert "/accounts/invitation/" not in Notification.objects.get(pk=notice.pk).body
    link = re.search(r"https?://[^/\s]+(/accounts/invitation/\S+)", body).group(1)
    assert link.endswith(f"?next={quote(page, safe='')}")
    response = client.get(link)
    assert response.status_code == 302  # the token leaves the address, as Django's reset does
    response = client.post(response.url, {"new_password1": "Mau-2026-an-toan", "new_password2": "Mau-2026-an-toan"})
    assert response.url == page and client.get(page).status_code == 200
    # Once the password is set, a message is the message alone.
    assert email_body(Notification.objects.get(pk=notice.pk)) == "Nội dung"


def test_an_invitation_leads_to_no_other_site(client, world):
    from organisation.services import account_invite, invitation_link

    invited = account_invite(
        user=world["office"], full_name="Lê Văn Mới", email="moi@example.vn", role="unit_clerk", unit=world["unit_b"]
    )
    link = invitation_link(account=invited, next_page="https://example.com/")
    response = client.get(link[link.index("/accounts/") :])
    response = client.post(response.url, {"new_password1": "Mau-2026-an-toan", "new_password2": "Mau-2026-an-toan"})
    assert response.url == reverse("dashboard")


def test_opening_a_campaign_asks_each_unit_to_register_with_the_link_to_its_form(login, world):
    from campaigns.models import Campaign, Milestone

    campaign = Campaign.objects.create(name="Phong trào năm 2020 (2)", issuer=world["province"], year=2020)
    campaign.blocs.set([world["bloc"]])
    Milestone.objects.create(campaign=campaign, kind="registration", name="Đăng ký", due_on=date(2020, 3, 15))
    office = login(world["office"])
    status = reverse("campaigns:status", args=[campaign.pk])
    assert office.post(status, {"status": "active", "reason": "Bắt đầu năm."}).status_code == 302
    told = Notification.objects.filter(event="campaign.opened")
    by_user = {n.recipient.username: n for n in told}
    assert set(by_user) == {"clerk_a", "leader", "clerk_b"}
    assert by_user["clerk_b"].link == reverse("registrations:edit", args=[campaign.pk, world["unit_b"].pk])
    assert "15/03/2020" in by_user["clerk_b"].body and "Sở Y tế Thử" in by_user["clerk_b"].body
    assert login(world["clerk_b"]).get(by_user["clerk_b"].link).status_code == 200
    # Closed and reopened: the units were told once.
    office = login(world["office"])
    office.post(status, {"status": "closed", "reason": "Hết năm."})
    office.post(status, {"status": "active", "reason": "Mở lại để sửa."})
    assert Notification.objects.filter(event="campaign.opened").count() == 3


def test_the_council_is_told_when_the_ballot_is_complete_the_decision_prepared_and_issued(client, login, council):
    from organisation.models import Council, Person
    from tests.awards.test_decisions import cast, close, committed, decision_data, open_ballot, submitted

    Council.objects.filter(pk=council["council"].pk).update(decision_issuer="authority")
    proposal = submitted(council, [("ldtt", Person.objects.create(unit=council["unit_a"], full_name="Trần Thị Hoa"))])
    open_ballot(client, council, proposal)
    voters = [council["secretary"], council["chair"], *council["members"]]
    for user in voters[:-1]:
        cast(client, user, proposal, {line: True for line in proposal.lines.all()})
    assert not Notification.objects.filter(event="ballot.complete").exists()
    cast(client, voters[-1], proposal, {line: True for line in proposal.lines.all()})
    complete = Notification.objects.get(event="ballot.complete")
    assert complete.recipient == council["secretary"]
    assert complete.link == reverse("awards:ballot", args=[proposal.pk])
    close(client, council, proposal)
    decision = reverse("awards:decision", args=[proposal.pk])
    data = decision_data(number="1/QĐ-UBND", dated=timezone.localdate().strftime("%d/%m/%Y"))
    login(council["secretary"]).post(decision, data)
    prepared = Notification.objects.get(event="decision.prepared")
    assert prepared.recipient == council["chair"] and prepared.link == decision
    chair = login(council["chair"])
    assert chair.get(prepared.link).status_code == 200
    with committed():
        chair.post(decision, data | CONFIRM)
    issued = Notification.objects.get(event="decision.to_record")
    assert issued.recipient == council["secretary"] and issued.link == reverse("awards:detail", args=[proposal.pk])


def test_a_new_campaign_takes_its_items_and_usual_milestones_in_one_submit(login, world):
    from activity.models import ActivityLog
    from campaigns.models import Campaign

    office = login(world["office"])
    new = reverse("campaigns:new")
    page = office.get(new).content.decode()
    assert 'name="items"' in page and 'name="due_registration"' in page and 'name="due_vote_meeting"' in page
    data = {
        "issuer": world["unit_a"].pk,
        "issuing_bloc": world["bloc"].pk,
        "name": "Phát động phong trào thi đua năm 2031",
        "year": 2031,
        "reminder_days": "14,7,3,1,-1",
        "items": "1. Hoàn thành xuất sắc nhiệm vụ\n2. Xây dựng cơ quan văn hóa\n\n- Chuyển đổi số",
        "due_registration": "15/03/2031",
        "due_yearend_report": "15/12/2031",
        "due_vote_meeting": "35/12/2031",  # no such day: refused, what was typed kept
    }
    response = office.post(new, data)
    assert response.status_code == 400 and "Chuyển đổi số" in response.content.decode()
    assert not Campaign.objects.filter(year=2031).exists()
    # A date already past is said, and nothing is made until the office confirms it.
    data |= {"due_vote_meeting": "25/12/2031", "due_midyear_report": "15/06/2020"}
    response = office.post(new, data)
    assert 'id="date-warnings"' in response.content.decode() and "đã qua" in response.content.decode()
    assert not Campaign.objects.filter(year=2031).exists()
    del data["due_midyear_report"]
    response = office.post(new, data)
    campaign = Campaign.objects.get(year=2031)
    assert response.url == reverse("campaigns:detail", args=[campaign.pk])
    assert campaign.status == "draft" and list(campaign.blocs.all()) == [world["bloc"]]  # its own bloc by default
    assert list(campaign.content_items.values_list("label", "text")) == [
        ("1", "Hoàn thành xuất sắc nhiệm vụ"),
        ("2", "Xây dựng cơ quan văn hóa"),
        ("", "Chuyển đổi số"),
    ]
    milestones = {m.kind: (m.name, m.actor, m.due_on) for m in campaign.milestones.all()}
    assert milestones == {
        "registration": ("Đăng ký thi đua", "members", date(2031, 3, 15)),
        "yearend_report": ("Báo cáo tổng kết và tự chấm điểm", "members", date(2031, 12, 15)),
        "vote_meeting": ("Họp bình bầu", "leader", date(2031, 12, 25)),
    }
    # Each part is logged as one added later is.
    assert ActivityLog.objects.filter(action="contentitem.created").count() == 3
    assert ActivityLog.objects.filter(action="milestone.created").count() == 3
    # Another unit's clerk cannot issue it for unit A.
    response = login(world["clerk_b"]).post(new, data | {"year": 2032})
    assert response.status_code == 400 and not Campaign.objects.filter(year=2032).exists()


def test_a_list_copied_from_excel_and_pasted_is_checked_and_imported_as_its_file_would_be(
    login, world, django_capture_on_commit_callbacks
):
    from django.core import mail

    from organisation.models import RoleAssignment

    office = login(world["office"])
    page = reverse("organisation:accounts_import")
    assert "Họ và tên | Email | Đơn vị (mã hoặc tên) | Vai trò" in office.get(page).content.decode()
    assert "tệp Excel, hoặc dán" in office.post(page, {"pasted": " \n"}).content.decode()
    # The lines alone, in the template's order: numbered from 2, as under the headings; a bad line refuses all.
    lines = "Trần Văn An\tan@example.vn\tSở Y tế Thử\t\nLê Thị Bé\tbe@example\tPhòng Nghiệp vụ\tCán bộ thi đua đơn vị"
    response = office.post(page, {"pasted": lines})
    assert response.status_code == 400
    assert [line for line, _message in response.context["parsed"].errors] == [3]
    assert "Lê Thị Bé" in response.content.decode()  # what was pasted is kept
    response = office.post(page, {"pasted": lines.replace("be@example", "be@example.vn")})
    assert response.status_code == 200 and "các dòng dán từ Excel" in response.content.decode()
    confirm = re.search(r'action="([^"]+/confirm/)"', response.content.decode()).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        office.post(confirm)
    assert sorted(message.to[0] for message in mail.outbox) == ["an@example.vn", "be@example.vn"]
    assert RoleAssignment.objects.get(user__email="be@example.vn").unit == world["unit_a_sub"]
    # With its heading row, in another order: read by the headings, as a file is.
    response = office.post(
        page, {"pasted": "Email\tHọ và tên\tĐơn vị (mã hoặc tên)\nca@example.vn\tLê Ca\tSở Y tế Thử"}
    )
    assert response.status_code == 400  # the role column is required, as in a file
    assert "Vai trò" in response.content.decode()


def test_the_empty_scoring_table_leads_to_its_import_which_takes_pasted_lines(login, world):
    from scoring.models import Criterion

    campaign = world["campaign"]
    office = login(world["office"])
    imports = reverse("scoring:criteria_import", args=[campaign.pk])
    assert f'href="{imports}"' in office.get(reverse("campaigns:detail", args=[campaign.pk])).content.decode()
    pasted = "Nhóm\tSTT\tTiêu chí\tĐiểm tối đa\tLoại\nI\t1\tNhiệm vụ chuyên môn\t40\tTiêu chí\nII\t2\tSáng kiến\t5\tĐiểm cộng"
    response = office.post(imports, {"pasted": pasted})
    assert response.status_code == 200 and not Criterion.objects.filter(campaign=campaign).exists()
    confirm = re.search(r'action="([^"]+/import/\d+/)"', response.content.decode()).group(1)
    office.post(confirm)
    assert list(Criterion.objects.filter(campaign=campaign).order_by("position").values_list("text", "kind")) == [
        ("Nhiệm vụ chuyên môn", "regular"),
        ("Sáng kiến", "bonus"),
    ]
    # A table of the campaign's clerk is not theirs to set up.
    assert login(world["clerk_b"]).post(imports, {"pasted": pasted}).status_code == 403


def test_the_recorded_vote_leads_to_the_proposal_drawn_from_it(login, sw):
    from awards.models import Proposal
    from campaigns.models import Title

    leader = _scored_and_final(login, sw)
    leader.post(url(sw, "ranking_publish"), CONFIRM)
    Ranking.objects.update(objections_until=None)
    assert 'id="propose-from-vote"' not in leader.get(url(sw, "vote")).content.decode()  # nothing recorded yet
    flag = Title.objects.get(code="co-thi-dua-tinh")
    a, b, d = sw["unit_a"].pk, sw["unit_b"].pk, sw["unit_d"].pk
    vote = {"held_on": "20/02/2021", **{f"present_{pk}": "on" for pk in (a, b, d)}}
    vote |= {f"ballot_{flag.pk}_{b}_{a}": "on", f"ballot_{flag.pk}_{d}_{a}": "on"}
    assert leader.post(url(sw, "vote"), vote | CONFIRM).status_code == 302
    page = leader.get(url(sw, "vote")).content.decode()
    assert 'id="propose-from-vote"' in page and reverse("awards:create", args=[sw["campaign"].pk]) in page
    # A member unit sees the result, never the button it could not use.
    assert 'id="vote-proposal"' not in login(sw["clerk_b"]).get(url(sw, "vote")).content.decode()
    response = login(sw["leader"]).post(reverse("awards:create", args=[sw["campaign"].pk]), {"kind": "bloc"})
    proposal = Proposal.objects.get(kind="bloc")
    assert response.url == reverse("awards:detail", args=[proposal.pk])
    page = login(sw["leader"]).get(url(sw, "vote")).content.decode()
    assert 'id="propose-from-vote"' not in page and f'href="{response.url}"' in page


def test_a_new_bloc_takes_its_members_and_leaders_for_the_year_in_the_same_form(login, world):
    from organisation.models import Bloc, BlocMembership, Unit

    units = [Unit.objects.create(name=f"Sở Mới {index}", parent=world["province"]) for index in range(4)]
    office = login(world["office"])
    new = reverse("organisation:bloc_new")
    page = office.get(new).content.decode()
    assert 'name="members-units"' in page and 'name="members-leader"' in page
    data = {"name": "Khối 7", "full_name": "Khối thi đua 7", "organizer": world["province"].pk, "members-year": 2026}
    data |= {"members-units": [unit.pk for unit in units], "members-leader": units[0].pk}
    # The same unit as leader and vice: refused, with what was typed; no bloc is made without its members.
    response = office.post(new, data | {"members-vice_leader": units[0].pk})
    assert response.status_code == 400 and "hai đơn vị khác nhau" in response.content.decode()
    assert "Khối thi đua 7" in response.content.decode() and not Bloc.objects.filter(name="Khối 7").exists()
    # A unit in another bloc that year refuses the whole form, naming it.
    BlocMembership.objects.create(bloc=world["other_bloc"], unit=units[3], year=2026)
    response = office.post(new, data | {"members-vice_leader": units[1].pk})
    assert response.status_code == 400 and "Sở Mới 3" in response.content.decode()
    assert not Bloc.objects.filter(name="Khối 7").exists()
    BlocMembership.objects.filter(unit=units[3]).delete()
    response = office.post(new, data | {"members-vice_leader": units[1].pk})
    bloc = Bloc.objects.get(name="Khối 7")
    assert response.url == f"{reverse('organisation:bloc_detail', args=[bloc.pk])}?year=2026"
    roles = dict(BlocMembership.objects.filter(bloc=bloc, year=2026).values_list("unit_id", "role"))
    assert roles == {units[0].pk: "leader", units[1].pk: "vice_leader", units[2].pk: "member", units[3].pk: "member"}
    # The bloc alone, as before: its members come later.
    response = office.post(
        new,
        {"name": "Khối 8", "organizer": world["province"].pk, "members-year": 2026, "members-leader": ""},
    )
    assert response.status_code == 302 and not Bloc.objects.get(name="Khối 8").memberships.exists()


def test_a_new_office_is_led_from_one_first_step_to_the_next(login, db):
    from organisation.models import Bloc, Council, RoleAssignment, Unit
    from tests.conftest import user_with_role

    root = Unit.objects.create(name="Ủy ban nhân dân tỉnh Mới", kind=Unit.Kind.PEOPLES_COMMITTEE)
    office = user_with_role("office_new", "office", unit=root)
    tree = reverse("organisation:tree_import", args=[root.pk])
    steps = [tree, reverse("organisation:bloc_new"), reverse("organisation:accounts_import")]
    steps.append(reverse("organisation:council_new"))

    def upcoming(page):
        match = re.search(r'id="setup-next">.*?href="([^"]+)"', login(office).get(page).content.decode(), re.S)
        return match and match.group(1)

    # The dashboard lists every step; an organisation page names the next one, never the page it is on.
    dashboard = login(office).get(reverse("dashboard")).content.decode()
    assert 'id="office-setup"' in dashboard and all(f'href="{step}"' in dashboard for step in steps)
    assert upcoming(reverse("organisation:units")) == tree
    assert upcoming(tree) is None
    unit = Unit.objects.create(name="Sở Mới", parent=root)
    assert upcoming(reverse("organisation:units")) == steps[1]
    bloc = Bloc.objects.create(name="Khối 1", organizer=root)
    assert upcoming(reverse("organisation:bloc_detail", args=[bloc.pk])) == steps[2]
    RoleAssignment.objects.create(user=user_with_role("clerk_new"), role="unit_clerk", unit=unit)
    assert upcoming(reverse("organisation:accounts")) == steps[3]
    council = Council.objects.create(name="Hội đồng tỉnh Mới", level="province", unit=root)
    # All taken: nothing more is said, on the dashboard or the pages.
    assert upcoming(reverse("organisation:council_detail", args=[council.pk])) is None
    assert 'id="office-setup"' not in login(office).get(reverse("dashboard")).content.decode()


def test_only_an_office_is_shown_its_first_steps(login, world):
    for user in ("clerk_a", "leader", "secretary"):
        page = login(world[user]).get(reverse("dashboard")).content.decode()
        assert 'id="office-setup"' not in page and 'id="setup-next"' not in page
    # An office whose tree is set up already is told nothing.
    assert 'id="office-setup"' not in login(world["office"]).get(reverse("dashboard")).content.decode()


def test_an_office_without_blocs_is_not_asked_for_them_past_its_next_step(login, db):
    from organisation.models import Council, RoleAssignment, Unit
    from tests.conftest import user_with_role

    root = Unit.objects.create(name="Sở Xây dựng Thử", kind=Unit.Kind.DEPARTMENT)
    office = user_with_role("office_agency", "office", unit=root)
    unit = Unit.objects.create(name="Phòng Quản lý xây dựng", parent=root)
    RoleAssignment.objects.create(user=user_with_role("clerk_agency"), role="unit_clerk", unit=unit)
    page = login(office).get(reverse("organisation:units")).content.decode()
    # Its units and clerks are there, no bloc: the council is next, not the blocs it skipped.
    assert f'href="{reverse("organisation:council_new")}"' in re.search(r'id="setup-next".*?</div>', page, re.S)[0]
    Council.objects.create(name="Hội đồng Thi đua – Khen thưởng Sở", level="unit", unit=root)
    page = login(office).get(reverse("dashboard")).content.decode()
    assert 'id="office-setup"' not in page and 'id="setup-next"' not in page
