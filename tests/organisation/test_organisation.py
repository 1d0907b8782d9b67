"""The emulation office runs its organisation and its year in the app, on one access model."""

import re
from datetime import date
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from activity.models import ActivityLog
from awards.models import AwardDecision, BallotSeat, CouncilBallot, Proposal, ProposalLine, SecretVote
from awards.selectors import ballot_title_thresholds
from campaigns import services as campaign_services
from campaigns.models import Campaign, Milestone, Phase, Title
from organisation import services as org_services
from organisation import tree_excel
from organisation.models import Bloc, BlocMembership, Council, CouncilMember, Person, RoleAssignment, Unit
from registrations.models import Registration, RegistrationSheet
from scoring.models import (
    Criterion,
    MidyearReport,
    Objection,
    Ranking,
    Score,
    Scorecard,
    ScoringPolicy,
    VoteMeeting,
)
from tests.awards.test_decisions import cast, close, decision_data, open_ballot, submitted
from tests.conftest import user_with_role

CLOSED = "Phong trào đã kết thúc"


TREE_HEADER = [label for _key, label in tree_excel.COLUMNS]


def xlsx(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("ds.xlsx", buffer.getvalue())


def test_office_of_one_province_cannot_touch_another(login, world):
    office = login(world["office_other"])
    other_tree = {world["other_province"], world["unit_c"]}

    # Lists and dropdowns show only its own tree.
    listed = {row["name"] for row in office.get(reverse("organisation:units")).context["rows"]}
    assert listed == {unit.name for unit in other_tree}
    assert world["unit_a"].name not in office.get(reverse("organisation:units"), {"q": "so van hoa"}).content.decode()
    assert set(office.get(reverse("organisation:unit_new")).context["form"].fields["parent"].queryset) == other_tree
    assert set(office.get(reverse("organisation:account_invite")).context["form"].fields["unit"].queryset) == other_tree
    bloc_form = office.get(reverse("organisation:bloc_new")).context["form"]
    assert set(bloc_form.fields["organizer"].queryset) == other_tree
    assert world["council"] not in bloc_form.fields["council"].queryset
    campaign_form = office.get(reverse("campaigns:new")).context["form"]
    assert set(campaign_form.fields["issuer"].queryset) == other_tree
    assert world["bloc"] not in campaign_form.fields["blocs"].queryset
    assert {c.name for c in office.get(reverse("organisation:councils")).context["councils"]} == set()
    accounts = {a.username for a in office.get(reverse("organisation:accounts")).context["accounts"]}
    assert "clerk_c" in accounts and "clerk_a" not in accounts and "office" not in accounts
    assert world["campaign"] not in office.get(reverse("campaigns:list")).context["campaigns"]

    # Typed URLs of the other province answer 404 and change nothing.
    for url in [
        reverse("organisation:unit_detail", args=[world["unit_a"].pk]),
        reverse("organisation:unit_edit", args=[world["unit_a"].pk]),
        reverse("organisation:tree_export", args=[world["province"].pk]),
        reverse("organisation:bloc_detail", args=[world["bloc"].pk]),
        reverse("organisation:bloc_edit", args=[world["bloc"].pk]),
        reverse("organisation:council_detail", args=[world["council"].pk]),
        reverse("campaigns:detail", args=[world["campaign"].pk]),
        reverse("campaigns:edit", args=[world["campaign"].pk]),
    ]:
        assert office.get(url).status_code == 404, url
    before = ActivityLog.objects.count()
    for url, data in [
        (reverse("organisation:unit_set_active", args=[world["unit_a_sub"].pk]), {"active": "0"}),
        (reverse("organisation:bloc_member_set", args=[world["bloc"].pk]), {"unit": world["unit_c"].pk}),
        (reverse("organisation:council_member_add", args=[world["council"].pk]), {"position": "member"}),
        (reverse("organisation:account_set_active", args=[world["clerk_a"].pk]), {"active": "0"}),
        (reverse("campaigns:status", args=[world["campaign"].pk]), {"status": "closed", "reason": "x"}),
    ]:
        assert office.post(url, data).status_code == 404, url
    assert ActivityLog.objects.count() == before
    assert Unit.objects.get(pk=world["unit_a_sub"].pk).is_active
    assert get_user_model().objects.get(pk=world["clerk_a"].pk).is_active

    # Posting the other province's units into its own forms is refused, and nothing is created.
    response = office.post(
        reverse("organisation:unit_new"), {"name": "Phòng lạ", "kind": "division", "parent": world["unit_a"].pk}
    )
    assert response.status_code == 400 and not Unit.objects.filter(name="Phòng lạ").exists()
    response = office.post(
        reverse("organisation:account_invite"),
        {"full_name": "Người Lạ", "email": "la@example.vn", "unit": world["unit_a"].pk, "role": "unit_clerk"},
    )
    assert response.status_code == 400 and not get_user_model().objects.filter(email="la@example.vn").exists()
    assert not mail.outbox
    world["unit_a"].code = "TV-VH"
    world["unit_a"].save()
    response = office.post(
        reverse("organisation:tree_import", args=[world["other_province"].pk]),
        {"file": xlsx([TREE_HEADER, ["", "Phòng mới", "", "Phòng", "TV-VH"]])},
    )
    assert response.status_code == 400
    assert "TV-VH" in response.content.decode() and not Unit.objects.filter(name="Phòng mới").exists()

    # The province's own office sees and changes its own tree.
    own = login(world["office"])
    assert own.get(reverse("organisation:unit_edit", args=[world["unit_a"].pk])).status_code == 200
    assert (
        own.post(reverse("organisation:unit_set_active", args=[world["unit_a_sub"].pk]), {"active": "0"}).status_code
        == 302
    )
    assert not Unit.objects.get(pk=world["unit_a_sub"].pk).is_active


@pytest.fixture
def year_of_work(world, settings, tmp_path):
    """The world campaign with something of every kind in it: a criterion, registrations, a report, self-scores,
    scores, a final ranking and proposals, so that every write has its object."""
    settings.MEDIA_ROOT = str(tmp_path)
    campaign = world["campaign"]
    titles = {title.code: title for title in Title.objects.all()}
    criterion = Criterion.objects.create(campaign=campaign, position=1, text="Nhiệm vụ", max_points=10)
    ScoringPolicy.objects.create(campaign=campaign)
    milestone = Milestone.objects.create(campaign=campaign, kind="other", name="Mốc", due_on=date(2020, 6, 1))
    person_b = Person.objects.create(unit=world["unit_b"], full_name="Lê Thị Bình")
    sent = Registration.objects.create(
        campaign=campaign, unit=world["unit_b"], status="submitted", submitted_at="2020-03-01T00:00Z", version=2
    )
    Registration.objects.create(
        campaign=campaign, unit=world["unit_a"], status="accepted", submitted_at="2020-03-01T00:00Z", version=3
    )
    draft = Proposal.objects.create(
        campaign=campaign,
        kind="bloc",
        proposer=world["unit_a"],
        council=world["council"],
        summary="Đề nghị",
        created_by=world["admin"],
    )
    draft_line = ProposalLine.objects.create(proposal=draft, title=titles["bang-khen-tinh"], unit=world["unit_b"])
    submitted = Proposal.objects.create(
        campaign=campaign,
        kind="unit",
        proposer=world["unit_a"],
        council=world["council"],
        summary="Đã trình",
        status="submitted",
        created_by=world["admin"],
    )
    sent_line = ProposalLine.objects.create(proposal=submitted, title=titles["ldtt"], person=person_b)
    waiting = Proposal.objects.create(
        campaign=campaign,
        kind="unit",
        proposer=world["unit_a"],
        council=world["council"],
        summary="Chờ bỏ phiếu",
        status="submitted",
        created_by=world["admin"],
    )
    ProposalLine.objects.create(proposal=waiting, title=titles["ldtt"], person=person_b)
    return {
        "waiting": waiting,
        "criterion": criterion,
        "milestone": milestone,
        "sent": sent,
        "draft": draft,
        "draft_line": draft_line,
        "submitted": submitted,
        "sent_line": sent_line,
    }


def snapshot():
    """Every row the year's work writes, with its values."""
    models = [
        Campaign,
        Phase,
        Milestone,
        Criterion,
        ScoringPolicy,
        Registration,
        RegistrationSheet,
        MidyearReport,
        Scorecard,
        Score,
        Ranking,
        Objection,
        VoteMeeting,
        Proposal,
        ProposalLine,
        CouncilBallot,
        BallotSeat,
        SecretVote,
        AwardDecision,
        ActivityLog,
    ]
    return {model.__name__: sorted(map(repr, model.objects.values())) for model in models}


def test_closed_campaign_refuses_every_write(client, login, world, year_of_work):
    campaign, work = world["campaign"], year_of_work
    # Before the campaign closes: a ballot under way on one proposal, another proposal counted and approved.
    open_ballot(client, world, work["submitted"])
    decided = submitted(world, [("ldtt", Person.objects.get(full_name="Lê Thị Bình"))])
    open_ballot(client, world, decided)
    for user in (world["secretary"], world["member"]):
        cast(client, user, decided, {line: True for line in decided.lines.all()})
    close(client, world, decided)
    ranking = Ranking.objects.create(
        campaign=campaign, compiler=world["unit_a"], status="final", finalised_at=timezone.now()
    )
    objection = Objection.objects.create(
        ranking=ranking,
        unit=world["unit_b"],
        criterion=work["criterion"],
        text="Kiến nghị",
        created_by=world["clerk_b"],
    )
    campaign_services.campaign_set_status(
        user=world["office"], campaign=campaign, status=Campaign.Status.CLOSED, reason="Tổng kết xong."
    )
    c, b = campaign.pk, world["unit_b"].pk
    criterion = work["criterion"].pk
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    writes = [
        ("clerk_a", reverse("campaigns:edit", args=[c]), {"name": campaign.name, "year": 2020, "version": 2}),
        (
            "clerk_a",
            reverse("campaigns:part_new", args=[c, "phases"]),
            {"number": 1, "starts_on": "01/01/2020", "ends_on": "05/02/2020"},
        ),
        ("clerk_a", reverse("campaigns:part_delete", args=[c, "milestones", work["milestone"].pk]), {}),
        (
            "clerk_a",
            reverse("scoring:criterion_new", args=[c]),
            {"label": "2", "text": "Mới", "max_points": "5", "kind": "regular"},
        ),
        ("clerk_a", reverse("scoring:criterion_delete", args=[c, criterion]), {}),
        (
            "clerk_a",
            reverse("scoring:policy", args=[c]),
            {"final_rule": "leader", "vote_threshold": "60", "objection_days": "5"},
        ),
        ("clerk_b", reverse("registrations:edit", args=[c, b]), {"version": 0}),
        ("clerk_a", reverse("registrations:accept", args=[work["sent"].pk]), {}),
        ("clerk_a", reverse("registrations:return", args=[work["sent"].pk]), {"comment": "Bổ sung chỉ tiêu."}),
        ("clerk_a", reverse("registrations:sheet_forward", args=[c]), {}),
        ("clerk_b", reverse("scoring:report", args=[c, b]), {"file": SimpleUploadedFile("bc.pdf", pdf)}),
        ("clerk_b", reverse("scoring:self", args=[c, b]), {"version": 0, f"points_{criterion}": "8"}),
        ("clerk_a", reverse("scoring:score", args=[c, b]), {"version": 0, f"points_{criterion}": "8"}),
        ("clerk_a", reverse("scoring:ranking_finalise", args=[c]), {}),
        ("clerk_a", reverse("scoring:ranking_publish", args=[c]), {"confirm": "1"}),
        ("clerk_b", reverse("scoring:objection_send", args=[c, b]), {"criterion": criterion, "text": "Kiến nghị"}),
        ("clerk_a", reverse("scoring:objection_answer", args=[c, objection.pk]), {"answer": "Giữ nguyên"}),
        (
            "clerk_a",
            reverse("scoring:vote", args=[c]),
            {"held_on": "20/02/2021", "place": "Trà Vinh", f"present_{world['unit_a'].pk}": "on", "confirm": "1"},
        ),
        ("clerk_a", reverse("awards:create", args=[c]), {"kind": "bloc"}),
        ("clerk_a", reverse("awards:update", args=[work["draft"].pk]), {"summary": "Mới", "version": 1}),
        (
            "clerk_a",
            reverse("awards:line_add", args=[work["draft"].pk]),
            {"title": Title.objects.get(code="bang-khen-tinh").pk, "unit": world["unit_a"].pk},
        ),
        (
            "clerk_a",
            reverse("awards:line_change", args=[work["draft"].pk, work["draft_line"].pk]),
            {"achievements": "Mới", "fields": "achievements", "version": 0},
        ),
        ("clerk_a", reverse("awards:submit", args=[work["draft"].pk]), {"confirm": "1"}),
        (
            "secretary",
            reverse("awards:ballot_open", args=[work["waiting"].pk]),
            {"held_on": "25/02/2021", "confirm": "1"}
            | {
                f"threshold_{item.title.pk}": item.percent for item in ballot_title_thresholds(proposal=work["waiting"])
            },
        ),
        (
            "member",
            reverse("awards:ballot_cast", args=[work["submitted"].pk]),
            {"version": 0, "page": 1, f"line_{work['sent_line'].pk}": "agree"},
        ),
        ("secretary", reverse("awards:ballot_close", args=[work["submitted"].pk]), {"confirm": "1"}),
        ("secretary", reverse("awards:decision", args=[decided.pk]), decision_data() | {"confirm": "1"}),
    ]
    before = snapshot()
    for username, url, data in writes:
        response = login(world[username]).post(url, data, follow=True)
        assert response.status_code in (200, 400), url
        # The refusal itself, not the notice every page of a closed campaign carries.
        body = re.sub(r'<div[^>]*id="campaign-closed".*?</div>', "", response.content.decode(), flags=re.S)
        assert CLOSED in body, url
        assert snapshot() == before, url
    # Reopening, with a reason, lets the work go on.
    campaign_services.campaign_set_status(
        user=world["office"], campaign=campaign, status=Campaign.Status.ACTIVE, reason="Bổ sung hồ sơ."
    )
    response = login(world["clerk_a"]).post(reverse("registrations:accept", args=[work["sent"].pk]))
    assert Registration.objects.get(pk=work["sent"].pk).status == "accepted", response


def test_draft_campaign_takes_no_registration_and_its_status_changes_only_with_a_reason(login, world):
    campaign = world["campaign"]
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.DRAFT)
    clerk = login(world["clerk_b"])
    response = clerk.post(reverse("registrations:edit", args=[campaign.pk, world["unit_b"].pk]), {"version": 0})
    assert "Phong trào đang là dự thảo" in response.content.decode()
    assert not Registration.objects.exists()
    office = login(world["office"])
    office.post(reverse("campaigns:status", args=[campaign.pk]), {"status": "active", "reason": "  "})
    assert Campaign.objects.get(pk=campaign.pk).status == "draft"
    office.post(reverse("campaigns:status", args=[campaign.pk]), {"status": "closed", "reason": "Nhảy cóc"})
    assert Campaign.objects.get(pk=campaign.pk).status == "draft"
    office.post(reverse("campaigns:status", args=[campaign.pk]), {"status": "active", "reason": "Bắt đầu năm."})
    assert Campaign.objects.get(pk=campaign.pk).status == "active"
    entry = ActivityLog.objects.get(action="campaign.opened")
    assert (entry.user, entry.data["reason"]) == (world["office"], "Bắt đầu năm.")
    page = office.get(reverse("campaigns:detail", args=[campaign.pk])).content.decode()
    assert "Bắt đầu năm." in page and "Kết thúc phong trào" in page
    # The edit form has no status field: the lifecycle is not a free field.
    assert "status" not in office.get(reverse("campaigns:edit", args=[campaign.pk])).context["form"].fields
    clerk = login(world["clerk_b"])
    assert (
        clerk.post(reverse("campaigns:status", args=[campaign.pk]), {"status": "closed", "reason": "x"}).status_code
        == 403
    )


def test_user_compiling_for_two_units_chooses_explicitly(login, world):
    """A clerk of two units that lead two blocs in one campaign is asked which one they act as, never given one."""
    unit_d = Unit.objects.create(name="Sở Tư pháp Thử", parent=world["province"])
    unit_e = Unit.objects.create(name="Sở Nội vụ Thử", parent=world["province"])
    bloc_2 = Bloc.objects.create(name="Khối 3", full_name="Khối thi đua Ba", organizer=world["province"])
    BlocMembership.objects.create(bloc=bloc_2, unit=unit_d, year=2020, role="leader")
    BlocMembership.objects.create(bloc=bloc_2, unit=unit_e, year=2020)
    campaign = Campaign.objects.create(
        name="Phong trào của tỉnh", issuer=world["province"], year=2020, status=Campaign.Status.ACTIVE
    )
    campaign.blocs.set([world["bloc"], bloc_2])
    both = user_with_role("both", "unit_clerk", unit=world["unit_a"])
    RoleAssignment.objects.create(user=both, role="unit_clerk", unit=unit_d)
    client = login(both)
    ranking = reverse("scoring:ranking", args=[campaign.pk])

    response = client.get(ranking)
    assert response.templates[0].name == "campaigns/choose_compiler.html"
    body = response.content.decode()
    assert world["unit_a"].name in body and unit_d.name in body
    # Finalising before choosing does nothing but ask.
    response = client.post(reverse("scoring:ranking_finalise", args=[campaign.pk]))
    assert response.templates[0].name == "campaigns/choose_compiler.html"
    assert not Ranking.objects.exists()
    # A unit the user does not compile for cannot be chosen.
    assert client.post(reverse("campaigns:act_as", args=[campaign.pk]), {"unit": unit_e.pk}).status_code == 404

    act_as = reverse("campaigns:act_as", args=[campaign.pk])
    assert client.post(act_as, {"unit": unit_d.pk, "next": ranking}).url == ranking
    listed = {row.unit.name for row in client.get(ranking).context["rows"]}
    assert listed == {unit_d.name, unit_e.name}
    client.post(act_as, {"unit": world["unit_a"].pk, "next": ranking})
    listed = {row.unit.name for row in client.get(ranking).context["rows"]}
    assert listed == {world["unit_a"].name, world["unit_b"].name}
    # The choice holds for this campaign only; the world's own campaign has one compiler for this user.
    assert client.get(reverse("scoring:ranking", args=[world["campaign"].pk])).context["rows"] is not None


def test_leading_a_bloc_comes_from_the_membership_alone(login, world):
    """The clerk of the leading unit compiles; when the office rotates the leader, next year's leader does."""
    leader_b = user_with_role("leader_b", "unit_clerk", unit=world["unit_b"])
    org_services.bloc_year_copy(
        user=world["office"],
        bloc=world["bloc"],
        from_year=2020,
        to_year=2021,
        leader=world["unit_b"],
        vice_leader=world["unit_a"],
    )
    roles = dict(BlocMembership.objects.filter(bloc=world["bloc"], year=2021).values_list("unit__name", "role"))
    assert roles == {world["unit_a"].name: "vice_leader", world["unit_b"].name: "leader"}
    next_year = campaign_services.campaign_copy(user=world["office"], source=world["campaign"], year=2021)
    Campaign.objects.filter(pk=next_year.pk).update(status=Campaign.Status.ACTIVE)
    assert login(leader_b).get(reverse("scoring:ranking", args=[next_year.pk])).status_code == 200
    assert login(world["clerk_a"]).get(reverse("scoring:ranking", args=[next_year.pk])).status_code == 403
    # 2020 is unchanged: A still leads it.
    assert login(world["clerk_a"]).get(reverse("scoring:ranking", args=[world["campaign"].pk])).status_code == 200


def test_next_year_is_refused_when_the_year_has_members_or_the_leader_is_not_a_member(login, world):
    office = login(world["office"])
    url = reverse("organisation:bloc_year_copy", args=[world["bloc"].pk, 2020])
    response = office.post(url, {"year": 2020, "leader": world["unit_a"].pk})
    assert response.status_code == 400 and "đã có thành viên" in response.content.decode()
    response = office.post(url, {"year": 2021, "leader": world["unit_a"].pk, "vice_leader": world["unit_a"].pk})
    assert response.status_code == 400
    assert not BlocMembership.objects.filter(year=2021).exists()
    assert office.post(url, {"year": 2021, "leader": world["unit_b"].pk}).status_code == 302
    assert BlocMembership.objects.filter(bloc=world["bloc"], year=2021).count() == 2


def test_copying_last_years_campaign_moves_its_dates_and_carries_its_scoring_table(world):
    campaign = world["campaign"]
    item = campaign.content_items.create(position=1, label="1", text="Cải cách hành chính")
    Criterion.objects.create(campaign=campaign, position=1, text="Cải cách", max_points=10, content_item=item)
    ScoringPolicy.objects.create(campaign=campaign, cross_scoring=True)
    Phase.objects.create(campaign=campaign, number=1, starts_on=date(2020, 1, 1), ends_on=date(2020, 2, 29))
    Milestone.objects.create(
        campaign=campaign, kind="registration", name="Đăng ký thi đua năm 2020", due_on=date(2020, 3, 31)
    )
    Campaign.objects.filter(pk=campaign.pk).update(
        legal_basis="Luật Thi đua, khen thưởng năm 2003", slogan="Thi đua hoàn thành nhiệm vụ năm 2020"
    )
    campaign.refresh_from_db()
    copy = campaign_services.campaign_copy(user=world["office"], source=campaign, year=2021)
    assert (copy.status, copy.year, copy.council, copy.issuing_bloc) == ("draft", 2021, campaign.council, world["bloc"])
    assert copy.name == "Phong trào thi đua năm 2021"
    assert list(copy.phases.values_list("starts_on", "ends_on")) == [(date(2021, 1, 1), date(2021, 2, 28))]
    assert list(copy.milestones.values_list("name", "due_on")) == [("Đăng ký thi đua năm 2021", date(2021, 3, 31))]
    assert copy.legal_basis == "Luật Thi đua, khen thưởng năm 2003"  # the law's year is not the campaign's
    assert copy.slogan == "Thi đua hoàn thành nhiệm vụ năm 2021"
    criterion = Criterion.objects.get(campaign=copy)
    assert criterion.content_item.campaign == copy and criterion.content_item.text == "Cải cách hành chính"
    assert ScoringPolicy.objects.get(campaign=copy).cross_scoring
    with pytest.raises(Exception, match="đã có phong trào này"):
        campaign_services.campaign_copy(user=world["office"], source=campaign, year=2021)


def test_unit_tree_round_trips_through_excel_and_a_bad_file_imports_nothing(login, world):
    office = login(world["office"])
    exported = office.get(reverse("organisation:tree_export", args=[world["province"].pk]))
    sheet = load_workbook(BytesIO(exported.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:2] == ["Mã đơn vị", "Tên đơn vị"]
    assert [row[1] for row in rows[1:]] == [
        "Ủy ban nhân dân tỉnh Thử",
        "Sở Văn hóa Thử",
        "Phòng Nghiệp vụ",
        "Sở Y tế Thử",
    ]

    bad = xlsx(
        [
            rows[0],
            ["TV-01", "Sở Giáo dục Thử", "", "Sở, ngành", "", "", "", "", ""],
            ["TV-01", "Sở Tài chính Thử", "", "Sở, ngành", "", "", "", "", ""],
            ["", "Phòng Một", "", "Tàu vũ trụ", "Không có đơn vị này", "", "", "", ""],
        ]
    )
    response = office.post(reverse("organisation:tree_import", args=[world["province"].pk]), {"file": bad})
    assert response.status_code == 400
    errors = response.context["parsed"].errors
    assert [line for line, _message in errors] == [3, 4]
    assert "Tàu vũ trụ" in errors[1][1]
    assert not Unit.objects.filter(name__in=["Sở Giáo dục Thử", "Sở Tài chính Thử", "Phòng Một"]).exists()

    good = xlsx(
        [
            rows[0],
            ["TV-GD", "Sở Giáo dục Thử", "SGD", "Sở, ngành", "", "UBND TỈNH THỬ", "Thử", "Giám đốc", "Trần Văn Giáo"],
            ["", "Phòng Tổ chức", "", "Phòng", "TV-GD", "", "", "", ""],
            ["", "Sở Y tế Thử", "SYT", "Sở, ngành", "", "", "", "", ""],
        ]
    )
    response = office.post(reverse("organisation:tree_import", args=[world["province"].pk]), {"file": good})
    assert response.status_code == 200, response.context["parsed"].errors
    confirm = re.search(r'action="([^"]+/confirm/)"', response.content.decode()).group(1)
    assert office.post(confirm).status_code == 302
    assert office.post(confirm).status_code == 302  # a second click imports nothing more
    education = Unit.objects.get(code="TV-GD")
    assert (education.parent, education.head_name) == (world["province"], "Trần Văn Giáo")
    assert Unit.objects.get(name="Phòng Tổ chức").parent == education
    assert Unit.objects.get(name="Sở Y tế Thử").short_name == "SYT"  # updated, not duplicated
    assert Unit.objects.filter(name="Sở Y tế Thử").count() == 1
    assert ActivityLog.objects.filter(action="units.imported").count() == 1


def test_a_unit_moves_within_the_tree_never_under_itself_and_is_deactivated_not_deleted(login, world):
    office = login(world["office"])
    unit_a, sub = world["unit_a"], world["unit_a_sub"]
    response = office.post(
        reverse("organisation:unit_edit", args=[unit_a.pk]),
        {"name": unit_a.name, "kind": "department", "parent": sub.pk},
    )
    assert response.status_code == 400
    assert Unit.objects.get(pk=unit_a.pk).parent == world["province"]
    response = office.post(
        reverse("organisation:unit_edit", args=[sub.pk]),
        {"name": sub.name, "kind": "division", "parent": world["unit_b"].pk},
    )
    assert response.status_code == 302 and Unit.objects.get(pk=sub.pk).parent == world["unit_b"]
    assert ActivityLog.objects.filter(action="unit.changed", object_id=sub.pk).exists()
    response = office.post(
        reverse("organisation:unit_set_active", args=[world["unit_b"].pk]), {"active": "0"}, follow=True
    )
    assert "ngừng hoạt động trước" in response.content.decode() and Unit.objects.get(pk=world["unit_b"].pk).is_active
    office.post(reverse("organisation:unit_set_active", args=[sub.pk]), {"active": "0"})
    office.post(reverse("organisation:unit_set_active", args=[world["unit_b"].pk]), {"active": "0"})
    assert not Unit.objects.get(pk=world["unit_b"].pk).is_active  # kept, with its memberships
    assert BlocMembership.objects.filter(unit=world["unit_b"]).exists()
    assert world["unit_b"].name not in [
        row["name"] for row in office.get(reverse("organisation:units")).context["rows"]
    ]
    shown = office.get(reverse("organisation:units"), {"inactive": "1", "q": "y te"}).context["rows"]
    assert [row["name"] for row in shown] == ["Ủy ban nhân dân tỉnh Thử", world["unit_b"].name]


def test_invitation_link_sets_the_password_and_no_password_is_ever_mailed(
    client, login, world, django_capture_on_commit_callbacks
):
    office = login(world["office"])
    with django_capture_on_commit_callbacks(execute=True):
        response = office.post(
            reverse("organisation:account_invite"),
            {
                "full_name": "Nguyễn Thị Mới",
                "email": "Moi@Example.vn",
                "unit": world["unit_b"].pk,
                "role": "unit_clerk",
            },
        )
    assert response.status_code == 302
    account = get_user_model().objects.get(email="moi@example.vn")
    assert (account.last_name, account.first_name, account.has_usable_password()) == ("Nguyễn Thị", "Mới", False)
    (message,) = mail.outbox
    link = re.search(r"https?://\S+/accounts/invitation/\S+/", message.body).group(0)
    assert "mật khẩu" in message.subject and "thidua2020" not in message.body
    path = link.split("://", 1)[1].split("/", 1)[1]
    client.logout()
    form_page = client.get("/" + path, follow=True)
    assert "moi@example.vn" in form_page.content.decode()
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "Thi-dua-2026!", "new_password2": "Thi-dua-2026!"}
    )
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200  # logged in
    assert client.get(reverse("registrations:overview", args=[world["campaign"].pk])).status_code == 302
    # The link works once.
    client.logout()
    assert "không còn hiệu lực" in client.get("/" + path, follow=True).content.decode()
    # Inviting the same person again gives a second role, never a second account.
    office = login(world["office"])
    office.post(
        reverse("organisation:account_invite"),
        {"full_name": "Nguyễn Thị Mới", "email": "moi@example.vn", "unit": world["unit_a"].pk, "role": "unit_clerk"},
    )
    assert get_user_model().objects.filter(email="moi@example.vn").count() == 1
    assert RoleAssignment.objects.filter(user=account).count() == 2


def test_a_clerk_invites_for_their_own_unit_only_and_a_deactivated_account_cannot_log_in(client, login, world):
    clerk = login(world["clerk_b"])
    form = clerk.get(reverse("organisation:account_invite")).context["form"]
    assert list(form.fields["unit"].queryset) == [world["unit_b"]]
    assert [value for value, _label in form.fields["role"].choices] == ["unit_clerk"]
    response = clerk.post(
        reverse("organisation:account_invite"),
        {"full_name": "Lê Văn Ba", "email": "ba@example.vn", "unit": world["unit_b"].pk, "role": "office"},
    )
    assert response.status_code == 400
    office = login(world["office"])
    assert (
        office.post(reverse("organisation:account_set_active", args=[world["clerk_b"].pk]), {"active": "0"}).status_code
        == 302
    )
    client.logout()
    assert not client.login(username="clerk_b", password="thidua2020")
    assert ActivityLog.objects.filter(action="account.deactivated", object_id=world["clerk_b"].pk).exists()


def test_people_are_invited_from_excel_once_with_a_line_by_line_report(
    login, world, django_capture_on_commit_callbacks
):
    office = login(world["office"])
    header = ["Họ và tên", "Email", "Đơn vị (mã hoặc tên)", "Vai trò"]
    bad = xlsx(
        [header, ["Trần Văn A", "a@example", "Sở Y tế Thử", ""], ["Lê Thị B", "b@example.vn", "Sở Lạ", "Thủ quỹ"]]
    )
    response = office.post(reverse("organisation:accounts_import"), {"file": bad})
    assert response.status_code == 400
    assert [line for line, _message in response.context["parsed"].errors] == [2, 3]
    assert not mail.outbox
    good = xlsx(
        [
            header,
            ["Trần Văn An", "an@example.vn", "Sở Y tế Thử", ""],
            ["Lê Thị Bé", "be@example.vn", "Phòng Nghiệp vụ", "Cán bộ thi đua đơn vị"],
        ]
    )
    response = office.post(reverse("organisation:accounts_import"), {"file": good})
    confirm = re.search(r'action="([^"]+/confirm/)"', response.content.decode()).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        office.post(confirm)
        office.post(confirm)
    assert sorted(message.to[0] for message in mail.outbox) == ["an@example.vn", "be@example.vn"]
    assert RoleAssignment.objects.get(user__email="be@example.vn").unit == world["unit_a_sub"]


def test_council_members_are_people_with_accounts_seated_in_the_app(login, world, django_capture_on_commit_callbacks):
    office = login(world["office"])
    url = reverse("organisation:council_member_add", args=[world["council"].pk])
    assert office.post(url, {"position": "chair"}).status_code == 400  # nobody named
    with django_capture_on_commit_callbacks(execute=True):
        office.post(
            url,
            {
                "full_name": "Phạm Văn Chủ",
                "email": "chu@example.vn",
                "position": "chair",
                "job_title": "Chủ tịch UBND tỉnh",
            },
        )
    seat = CouncilMember.objects.get(user__email="chu@example.vn")
    assert (seat.position, seat.job_title) == ("chair", "Chủ tịch UBND tỉnh")
    assert mail.outbox[0].to == ["chu@example.vn"]
    response = office.post(url, {"account": world["clerk_a"].pk, "position": "chair"})
    assert response.status_code == 400 and "Phạm Văn Chủ" in response.content.decode()
    office.post(url, {"account": world["clerk_a"].pk, "position": "member"})
    page = office.get(reverse("organisation:council_detail", args=[world["council"].pk])).content.decode()
    assert "Phạm Văn Chủ" in page and "Chủ tịch" in page
    # Its members see it; the clerk now seated sees the council's campaign as a reader.
    assert (
        login(world["clerk_a"]).get(reverse("organisation:council_detail", args=[world["council"].pk])).status_code
        == 200
    )
    assert Council.objects.get(pk=world["council"].pk).members.count() == 4


def test_a_refusal_no_view_expected_is_a_message_never_a_500(login, world, monkeypatch):
    from django.core.exceptions import ValidationError

    def refuse(**kwargs):
        raise ValidationError("Khối đã khóa sổ năm nay.")

    monkeypatch.setattr(org_services, "bloc_membership_remove", refuse)
    membership = BlocMembership.objects.get(bloc=world["bloc"], unit=world["unit_b"])
    client = login(world["office"])
    page = reverse("organisation:bloc_detail", args=[world["bloc"].pk])
    url = reverse("organisation:bloc_member_remove", args=[world["bloc"].pk, membership.pk])
    response = client.post(url, HTTP_REFERER=f"http://testserver{page}")
    assert response.status_code == 302 and response.url == f"http://testserver{page}"
    assert "Khối đã khóa sổ năm nay." in client.get(page).content.decode()
    assert BlocMembership.objects.filter(pk=membership.pk).exists()


def test_the_initiatives_page_costs_the_same_however_many_initiatives_it_lists(login, world):
    """The council's right to decide is worked out once per page, not walked up the unit tree per row."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from awards.models import Initiative

    client = login(world["member"])

    def queries_for(count):
        for index in range(count):
            person = Person.objects.create(unit=world["unit_a_sub"], full_name=f"Tác giả {index:03d}")
            Initiative.objects.create(person=person, year=2020, name=f"Sáng kiến {index}", created_by=world["admin"])
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("awards:initiatives"))
        assert response.status_code == 200
        return len(queries)

    few = queries_for(3)
    many = queries_for(60)
    assert few == many, (few, many)


def test_subtrees_read_one_level_at_a_time_never_the_whole_unit_table(world, django_assert_num_queries):
    from organisation.selectors import subtrees

    for index in range(50):
        Unit.objects.create(name=f"Đơn vị ngoài {index}")  # units of no tree asked for
    grandchild = Unit.objects.create(name="Tổ Nghiệp vụ", parent=world["unit_a_sub"])
    with django_assert_num_queries(3):  # A, its division, the division's team: three levels
        trees = subtrees(unit_ids=[world["unit_a"].pk, world["unit_b"].pk])
    assert trees[world["unit_a"].pk] == {world["unit_a"].pk, world["unit_a_sub"].pk, grandchild.pk}
    assert trees[world["unit_b"].pk] == {world["unit_b"].pk}


def test_the_accounts_page_costs_the_same_however_many_accounts_it_lists(login, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(world["office"])

    def queries_for(count):
        for index in range(count):
            user_with_role(f"vanthu{count}_{index}", "unit_clerk", unit=world["unit_b"])
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("organisation:accounts")).status_code == 200
        return len(queries)

    assert queries_for(2) == queries_for(40)
