"""Registration: a unit's clerk registers and sends; the leader accepts, returns, compiles and forwards."""

from datetime import timedelta
from decimal import Decimal
from io import BytesIO

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from activity.models import ActivityLog
from campaigns.models import Campaign, Milestone, Target
from organisation.models import Person, Unit
from registrations.models import Registration, RegistrationSheet
from tests.conftest import user_with_role


def edit_url(reg, unit="unit_b"):
    return reverse("registrations:edit", args=[reg["campaign"].pk, reg[unit].pk])


def form_data(
    reg, *, version=0, texts=("Đạt 100% chỉ tiêu", "Công sở đạt chuẩn"), optional=None, action="save", aims=()
):
    data = {"version": version, "action": action}
    for item, text in zip(reg["items"][:2], texts, strict=True):
        data[f"item_{item.pk}_text"] = text
    if optional is not None:
        data[f"item_{reg['items'][2].pk}_chosen"] = "on"
        data[f"item_{reg['items'][2].pk}_text"] = optional
    for name in aims:
        data[name] = "on"
    return data


def aim(reg, person_index, code):
    return f"individual_{reg['staff'][person_index].pk}_{reg['titles'][code].pk}"


def collective(reg, unit, code):
    return f"collective_{reg[unit].pk}_{reg['titles'][code].pk}"


def test_clerk_saves_a_draft_then_sends_it(login, reg):
    client = login(reg["clerk_b"])
    assert client.get(edit_url(reg)).status_code == 200
    response = client.post(
        edit_url(reg), form_data(reg, aims=[aim(reg, 0, "ldtt"), collective(reg, "unit_b", "ttldxs")])
    )
    assert response.status_code == 302
    registration = Registration.objects.get(unit=reg["unit_b"])
    assert registration.status == "draft" and registration.version == 1
    response = client.post(edit_url(reg), form_data(reg, version=1, action="submit", aims=[aim(reg, 0, "ldtt")]))
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == "submitted"
    assert registration.submitted_by == reg["clerk_b"]
    assert not registration.is_late
    assert list(registration.individual_aims.values_list("person__full_name", flat=True)) == ["Nguyễn Thị Lan"]
    assert not registration.collective_aims.exists()
    actions = list(
        ActivityLog.objects.filter(content_type__model="registration").order_by("id").values_list("action", flat=True)
    )
    assert actions == ["registration.saved", "registration.saved", "registration.submitted"]


def test_sending_needs_every_mandatory_item_with_a_target_and_keeps_the_input(login, reg):
    client = login(reg["clerk_b"])
    response = client.post(edit_url(reg), form_data(reg, texts=("Đạt 100% chỉ tiêu", ""), action="submit"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Hãy ghi chỉ tiêu hoặc cam kết cho nội dung 2." in body
    assert "Đạt 100% chỉ tiêu" in body
    registration = Registration.objects.get(unit=reg["unit_b"])
    assert registration.status == "draft"  # the draft is kept, nothing is sent


def test_optional_items_are_chosen_and_overlong_text_is_refused(login, reg):
    client = login(reg["clerk_b"])
    client.post(edit_url(reg), form_data(reg, optional="Không vi phạm luật giao thông"))
    registration = Registration.objects.get(unit=reg["unit_b"])
    assert registration.items.count() == 3
    response = client.post(edit_url(reg), form_data(reg, version=1, texts=("x" * 2001, "ok")))
    assert response.status_code == 400
    assert Registration.objects.get(unit=reg["unit_b"]).version == 1


def test_return_correct_resubmit_accept(login, reg):
    client = login(reg["clerk_b"])
    client.post(edit_url(reg), form_data(reg, action="submit"))
    registration = Registration.objects.get(unit=reg["unit_b"])
    leader = login(reg["leader"])
    assert leader.post(reverse("registrations:return", args=[registration.pk]), {"comment": ""}).status_code == 400
    leader.post(reverse("registrations:return", args=[registration.pk]), {"comment": "Bổ sung chỉ tiêu nội dung 1"})
    registration.refresh_from_db()
    assert registration.status == "returned"
    client = login(reg["clerk_b"])
    page = client.get(edit_url(reg)).content.decode()
    assert "Bổ sung chỉ tiêu nội dung 1" in page
    client.post(
        edit_url(reg),
        form_data(reg, version=registration.version, texts=("Đạt 110% chỉ tiêu", "Công sở đạt chuẩn"), action="submit"),
    )
    registration.refresh_from_db()
    assert registration.status == "submitted"
    login(reg["leader"]).post(reverse("registrations:accept", args=[registration.pk]))
    registration.refresh_from_db()
    assert registration.status == "accepted"
    assert registration.decided_by == reg["leader"]
    history = login(reg["leader"]).get(reverse("registrations:detail", args=[registration.pk])).content.decode()
    assert "Đạt 110% chỉ tiêu" in history and "Bổ sung chỉ tiêu nội dung 1" in history


def test_second_editor_is_told_what_changed_and_keeps_their_text(reg):
    first, second = Client(), Client()
    first.force_login(reg["clerk_b"])
    second.force_login(user_with_role("clerk_b2", "unit_clerk", unit=reg["unit_b"]))
    first.post(edit_url(reg), form_data(reg))  # version 1
    first.post(edit_url(reg), form_data(reg, version=1, texts=("Bản của người thứ nhất", "Công sở đạt chuẩn")))
    response = second.post(edit_url(reg), form_data(reg, version=1, texts=("Bản của người thứ hai", "Khác")))
    assert response.status_code == 409
    body = response.content.decode()
    assert "Bản của người thứ nhất" in body  # what the other person changed
    assert "Bản của người thứ hai" in body  # what this person typed, kept
    assert Registration.objects.get(unit=reg["unit_b"]).items.get(content_item=reg["items"][0]).commitment == (
        "Bản của người thứ nhất"
    )


def test_double_click_on_send_sends_once(login, reg):
    client = login(reg["clerk_b"])
    client.post(edit_url(reg), form_data(reg))
    data = form_data(reg, version=1, action="submit")
    assert client.post(edit_url(reg), data).status_code == 302
    second = client.post(edit_url(reg), data)
    assert second.status_code == 302
    assert ActivityLog.objects.filter(action="registration.submitted").count() == 1


def test_a_sent_registration_cannot_change_until_returned(login, reg):
    client = login(reg["clerk_b"])
    client.post(edit_url(reg), form_data(reg, action="submit"))
    registration = Registration.objects.get(unit=reg["unit_b"])
    response = client.post(edit_url(reg), form_data(reg, version=registration.version, texts=("Sửa lén", "x")))
    assert response.status_code == 400
    assert "chỉ sửa được khi bị trả lại" in response.content.decode()
    assert registration.items.get(content_item=reg["items"][0]).commitment == "Đạt 100% chỉ tiêu"


def test_late_registration_is_flagged(login, reg):
    Milestone.objects.filter(kind="registration").update(due_on=timezone.localdate() - timedelta(days=1))
    login(reg["clerk_b"]).post(edit_url(reg), form_data(reg, action="submit"))
    assert Registration.objects.get(unit=reg["unit_b"]).is_late


def test_late_registration_is_refused_where_the_campaign_says_so(login, reg):
    Milestone.objects.filter(kind="registration").update(due_on=timezone.localdate() - timedelta(days=1))
    reg["campaign"].refuse_late_registrations = True
    reg["campaign"].save()
    response = login(reg["clerk_b"]).post(edit_url(reg), form_data(reg, action="submit"))
    assert response.status_code == 400
    assert "không nhận đăng ký trễ" in response.content.decode()
    assert Registration.objects.get(unit=reg["unit_b"]).status == "draft"


def test_clerk_cannot_see_change_or_send_another_units_registration(login, reg):
    login(reg["leader"]).post(edit_url(reg, "unit_a"), form_data(reg))
    registration_a = Registration.objects.get(unit=reg["unit_a"])
    client = login(reg["clerk_b"])
    assert client.get(edit_url(reg, "unit_a")).status_code == 404
    assert client.post(edit_url(reg, "unit_a"), form_data(reg, version=1, action="submit")).status_code == 404
    assert client.get(reverse("registrations:detail", args=[registration_a.pk])).status_code == 404
    assert client.post(reverse("registrations:accept", args=[registration_a.pk])).status_code == 404
    registration_a.refresh_from_db()
    assert registration_a.status == "draft"
    outsider = login(reg["clerk_c"])
    assert outsider.get(edit_url(reg)).status_code == 404
    assert outsider.get(reverse("registrations:overview", args=[reg["campaign"].pk])).status_code == 404


def test_posted_ids_of_another_units_staff_are_ignored(login, reg):
    stranger = Person.objects.create(unit=reg["unit_c"], full_name="Người Ngoài")
    data = form_data(reg)
    data[f"individual_{stranger.pk}_{reg['titles']['ldtt'].pk}"] = "on"
    login(reg["clerk_b"]).post(edit_url(reg), data)
    assert not Registration.objects.get(unit=reg["unit_b"]).individual_aims.exists()


def test_clerk_cannot_accept_their_own_registration(login, reg):
    client = login(reg["clerk_b"])
    client.post(edit_url(reg), form_data(reg, action="submit"))
    registration = Registration.objects.get(unit=reg["unit_b"])
    assert client.post(reverse("registrations:accept", args=[registration.pk])).status_code == 403
    registration.refresh_from_db()
    assert registration.status == "submitted"


def test_leader_overview_shows_states_lateness_and_targets(login, reg):
    Target.objects.create(
        campaign=reg["campaign"], position=1, text="≥ 50% LĐTT", title=reg["titles"]["ldtt"], percentage=50
    )
    Target.objects.create(
        campaign=reg["campaign"], position=2, text="100% TTLĐTT", title=reg["titles"]["ttldtt"], percentage=100
    )
    login(reg["clerk_b"]).post(
        edit_url(reg), form_data(reg, action="submit", aims=[aim(reg, 0, "ldtt"), collective(reg, "unit_b", "ttldtt")])
    )
    Milestone.objects.filter(kind="registration").update(due_on=timezone.localdate() - timedelta(days=1))
    response = login(reg["leader"]).get(reverse("registrations:overview", args=[reg["campaign"].pk]))
    assert response.status_code == 200
    rows = {row["unit"].name: row for row in response.context["rows"]}
    assert rows["Sở Y tế Thử"]["registration"].status == "submitted"
    assert rows["Sở Văn hóa Thử"]["late"]  # nothing sent and the deadline has passed
    progress = {row["target"].title.code: row for row in response.context["targets"]}
    # Of the bloc's 2 staff (all in unit B) one aims for LĐTT: 50%, target met. Of its three
    # collectives (units A and B, A's division) one aims for TTLĐTT: 33.3%, target of 100% not met.
    assert (progress["ldtt"]["percent"], progress["ldtt"]["meets"]) == (50, True)
    assert (progress["ttldtt"]["count"], progress["ttldtt"]["whole"], progress["ttldtt"]["meets"]) == (1, 3, False)


def test_overview_search_ignores_accents(login, reg):
    client = login(reg["leader"])
    for query in ["so y te", "SỞ Y TẾ", "sở y tế"]:
        response = client.get(reverse("registrations:overview", args=[reg["campaign"].pk]), {"q": query})
        assert [row["unit"].name for row in response.context["rows"]] == ["Sở Y tế Thử"]


def test_overview_query_count_is_flat(login, reg, django_assert_max_num_queries):
    client = login(reg["leader"])
    url = reverse("registrations:overview", args=[reg["campaign"].pk])
    client.get(url)
    with django_assert_max_num_queries(40) as before:
        client.get(url)
    for index in range(20):
        unit = Unit.objects.create(name=f"Đơn vị thêm {index}")
        reg["bloc"].memberships.create(unit=unit, year=2020)
        Registration.objects.create(campaign=reg["campaign"], unit=unit)
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(url)


def test_leader_downloads_the_sheet_and_forwards_it(login, reg):
    login(reg["clerk_b"]).post(edit_url(reg), form_data(reg, action="submit", aims=[aim(reg, 1, "cstdcs")]))
    registration = Registration.objects.get(unit=reg["unit_b"])
    leader = login(reg["leader"])
    forward = reverse("registrations:sheet_forward", args=[reg["campaign"].pk])
    leader.post(forward)
    assert not RegistrationSheet.objects.exists()  # nothing accepted yet
    leader.post(reverse("registrations:accept", args=[registration.pk]))
    response = leader.get(reverse("registrations:sheet_download", args=[reg["campaign"].pk]))
    workbook = load_workbook(BytesIO(response.content))
    items = [[cell.value for cell in row] for row in workbook["Nội dung đăng ký"].iter_rows(min_row=4)]
    assert items[0][1:] == ["Sở Y tế Thử", "1 Hoàn thành xuất sắc nhiệm vụ", "Đạt 100% chỉ tiêu"]
    people = [[cell.value for cell in row] for row in workbook["Danh hiệu cá nhân"].iter_rows(min_row=4)]
    assert people[0][2] == "Trần Văn Đức" and people[0][4] == "Chiến sĩ thi đua cơ sở"
    # A row per unit the leader reviews: its status, when it was sent, whether in time.
    units = {row[1].value: [cell.value for cell in row[2:]] for row in workbook["Đơn vị"].iter_rows(min_row=4)}
    sent = timezone.localtime(registration.submitted_at).strftime("%H:%M %d/%m/%Y")
    assert units["Sở Y tế Thử"] == ["Đã chấp nhận", sent, "Đúng hạn"], units
    leader.post(forward)
    sheet = RegistrationSheet.objects.get()
    assert list(sheet.registrations.all()) == [registration]
    assert (
        login(reg["clerk_b"]).get(reverse("registrations:sheet_download", args=[reg["campaign"].pk])).status_code == 403
    )


def test_a_unit_tree_of_a_thousand_staff_registers_them_all(login, reg):
    """Every staff member of a large department ticks "Lao động tiên tiến" in one form."""
    from core.text import fold, sort_key

    divisions = [
        Unit.objects.create(name=f"Phòng {index}", kind=Unit.Kind.DIVISION, parent=reg["unit_b"]) for index in range(4)
    ]
    names = [f"Nguyễn Văn Thứ {index}" for index in range(1000)]
    staff = Person.objects.bulk_create(
        Person(
            unit=divisions[index % 4],
            full_name=name,
            gender="male",
            search_name=fold(name),
            sort_name=sort_key(name),
        )
        for index, name in enumerate(names)
    )
    title = reg["titles"]["ldtt"]
    data = form_data(reg, aims=[f"individual_{person.pk}_{title.pk}" for person in staff])
    response = login(reg["clerk_b"]).post(edit_url(reg), data)
    assert response.status_code == 302
    registration = Registration.objects.get(unit=reg["unit_b"])
    assert registration.individual_aims.filter(title=title).count() == 1000


def test_campaign_of_sub_units_is_reviewed_by_the_issuer(client, demo):
    """Seed 002: the six sub-units and the two district blocs, compiled by the department."""
    client.login(username="sxd", password="thidua2020")
    campaign = Campaign.objects.get(name__contains="ngành Xây dựng")
    response = client.get(reverse("registrations:overview", args=[campaign.pk]))
    assert response.status_code == 200
    names = {row["unit"].name for row in response.context["rows"]}
    assert "Thanh tra Sở Xây dựng" in names and len(names) == 6 + 12
    client.login(username="sxd.thanhtra", password="thidua2020")
    response = client.get(reverse("registrations:overview", args=[campaign.pk]))
    assert response.status_code == 302  # a sub-unit's clerk goes straight to its own registration


def test_demo_registers_the_six_sub_units_of_seed_002_and_the_ten_items_of_seed_003(demo):
    seed_002 = Registration.objects.filter(campaign__name__contains="ngành Xây dựng")
    assert {registration.unit.parent.name for registration in seed_002} == {"Sở Xây dựng tỉnh Tây Ninh"}
    assert seed_002.count() == 6
    assert all(registration.items.count() == 7 for registration in seed_002)
    seed_003 = Registration.objects.filter(campaign__issuing_bloc__name="Khối 8", campaign__year=2020)
    assert seed_003.filter(status="accepted").count() == 2
    assert all(registration.items.count() == 10 for registration in seed_003)
    assert ActivityLog.objects.filter(action="registration.accepted").exists()


def test_seed_001_overview_compares_titles_with_its_targets(client, demo):
    client.login(username="taichinh", password="thidua2020")
    campaign = Campaign.objects.get(slogan__contains="Đổi mới, sáng tạo")
    response = client.get(reverse("registrations:overview", args=[campaign.pk]))
    progress = {row["target"].title.code: row for row in response.context["targets"]}
    assert set(progress) == {"ttldtt", "ttldxs", "ldtt", "cstdcs"}
    # Three of the five sub-units registered; all three aim for TTLĐTT, two for TTLĐXS.
    assert (progress["ttldtt"]["count"], progress["ttldtt"]["whole"], progress["ttldtt"]["meets"]) == (3, 5, False)
    assert progress["ttldxs"]["percent"] == Decimal("40.0")


def test_compiler_reopens_an_accepted_registration_with_a_logged_reason(login, reg):
    client = login(reg["clerk_b"])
    client.post(edit_url(reg), form_data(reg, action="submit"))
    registration = Registration.objects.get(unit=reg["unit_b"])
    leader = login(reg["leader"])
    leader.post(reverse("registrations:accept", args=[registration.pk]))
    page = leader.get(reverse("registrations:detail", args=[registration.pk])).content.decode()
    assert reverse("registrations:reopen", args=[registration.pk]) in page
    reopen = reverse("registrations:reopen", args=[registration.pk])
    assert leader.post(reopen, {"reason": ""}).status_code == 400  # a reason is required
    assert login(reg["clerk_b"]).post(reopen, {"reason": "Tự mở lại"}).status_code == 403
    assert Registration.objects.get(pk=registration.pk).status == "accepted"
    leader = login(reg["leader"])
    assert leader.post(reopen, {"reason": "Bổ sung chỉ tiêu theo hướng dẫn mới"}).status_code == 302
    registration.refresh_from_db()
    assert registration.status == "returned" and registration.return_comment == "Bổ sung chỉ tiêu theo hướng dẫn mới"
    entry = ActivityLog.objects.get(action="registration.reopened")
    assert (entry.user, entry.data["comment"]) == (reg["leader"], "Bổ sung chỉ tiêu theo hướng dẫn mới")
    assert (
        "Bổ sung chỉ tiêu theo hướng dẫn mới"
        in leader.get(reverse("registrations:detail", args=[registration.pk])).content.decode()
    )
    # The unit corrects and sends again.
    client = login(reg["clerk_b"])
    client.post(edit_url(reg), form_data(reg, version=registration.version, action="submit"))
    assert Registration.objects.get(pk=registration.pk).status == "submitted"


def test_reopening_is_refused_once_the_campaign_is_closed(login, reg):
    login(reg["clerk_b"]).post(edit_url(reg), form_data(reg, action="submit"))
    registration = Registration.objects.get(unit=reg["unit_b"])
    leader = login(reg["leader"])
    leader.post(reverse("registrations:accept", args=[registration.pk]))
    Campaign.objects.filter(pk=reg["campaign"].pk).update(status=Campaign.Status.CLOSED)
    page = leader.get(reverse("registrations:detail", args=[registration.pk])).content.decode()
    assert reverse("registrations:reopen", args=[registration.pk]) not in page
    leader.post(reverse("registrations:reopen", args=[registration.pk]), {"reason": "Mở lại"})
    assert Registration.objects.get(pk=registration.pk).status == "accepted"


def test_lateness_is_that_of_the_first_sending(login, reg):
    client = login(reg["clerk_b"])
    client.post(edit_url(reg), form_data(reg, action="submit"))  # on time
    registration = Registration.objects.get(unit=reg["unit_b"])
    Milestone.objects.filter(kind="registration").update(due_on=timezone.localdate() - timedelta(days=1))
    login(reg["leader"]).post(reverse("registrations:return", args=[registration.pk]), {"comment": "Sửa nội dung 1"})
    registration.refresh_from_db()
    client = login(reg["clerk_b"])
    client.post(edit_url(reg), form_data(reg, version=registration.version, action="submit"))
    registration.refresh_from_db()
    assert registration.status == "submitted" and not registration.is_late
    page = login(reg["leader"]).get(reverse("registrations:detail", args=[registration.pk])).content.decode()
    assert "trễ" not in page
    overview = login(reg["leader"]).get(reverse("registrations:overview", args=[reg["campaign"].pk]))
    rows = {row["unit"].name: row for row in overview.context["rows"]}
    assert not rows["Sở Y tế Thử"]["late"]


def test_overview_measures_each_target_on_its_base_and_judges_it_by_its_direction(login, reg):
    """Decree 91/2017 caps CSTĐCS at 15% of those reaching LĐTT: a ceiling on LĐTT's holders, not a floor on staff."""
    titles = reg["titles"]
    Target.objects.create(campaign=reg["campaign"], position=1, text="95% LĐTT", title=titles["ldtt"], percentage=95)
    # As the plan words it ("15% CBCCVC đạt CSTĐCS") and the plan reader reads it: at least.
    Target.objects.create(
        campaign=reg["campaign"], position=2, text="15% CSTĐCS", title=titles["cstdcs"], percentage=15
    )
    staff = reg["staff"] + [Person.objects.create(unit=reg["unit_b"], full_name=f"Cán bộ {i:02d}") for i in range(38)]
    aims = [f"individual_{person.pk}_{titles['ldtt'].pk}" for person in staff[:38]]
    aims += [f"individual_{person.pk}_{titles['cstdcs'].pk}" for person in staff[:7]]
    login(reg["clerk_b"]).post(edit_url(reg), form_data(reg, aims=aims))
    response = login(reg["leader"]).get(reverse("registrations:overview", args=[reg["campaign"].pk]))
    rows = {row["target"].title.code: row for row in response.context["targets"]}
    assert (rows["ldtt"]["count"], rows["ldtt"]["whole"], rows["ldtt"]["percent"], rows["ldtt"]["meets"]) == (
        38,
        40,
        Decimal("95.0"),
        True,
    )
    # 7 of the 38 registered for LĐTT: 18.4%, above the 15% ceiling (7 of all 40 staff would read 17.5% "met").
    cstdcs = rows["cstdcs"]
    assert (cstdcs["count"], cstdcs["whole"], cstdcs["percent"], cstdcs["meets"]) == (7, 38, Decimal("18.4"), False)
    page = " ".join(response.content.decode().split())
    assert '18,4% <span class="small text-muted">(7/38)</span>' in page
    assert "≤ 15%" in page and "trên số người đăng ký “Lao động tiên tiến”" in page
    assert "Nghị định 91/2017/NĐ-CP" in page
    assert "trên tổng số CBCCVC" in page  # the base of the LĐTT target


def test_percentages_are_rounded_one_way_on_every_page(login, reg):
    """1 of 16 is 6.25%: rounded half up to 6.3% in the overview, the progress page and the council's check."""
    from awards.checks import check_proposal
    from awards.models import CampaignRules, Proposal, ProposalLine, RuleSet

    # Judged by the 2022 law, whose collective titles need 70% of members holding LĐTT.
    CampaignRules.objects.create(campaign=reg["campaign"], rule_set=RuleSet.objects.get(code="luat-2022-nd-98-2023"))
    ldtt = reg["titles"]["ldtt"]
    Target.objects.create(campaign=reg["campaign"], position=1, text="LĐTT", title=ldtt, percentage=95)
    staff = reg["staff"] + [Person.objects.create(unit=reg["unit_b"], full_name=f"Cán bộ {i:02d}") for i in range(14)]
    login(reg["clerk_b"]).post(edit_url(reg), form_data(reg, aims=[aim(reg, 0, "ldtt")]))
    proposal = Proposal.objects.create(
        campaign=reg["campaign"],
        kind="unit",
        proposer=reg["unit_b"],
        council=reg["council"],
        summary="Đề nghị",
        created_by=reg["admin"],
    )
    ProposalLine.objects.create(proposal=proposal, title=ldtt, person=staff[0], decision="approved")
    collective = ProposalLine.objects.create(proposal=proposal, title=reg["titles"]["ttldtt"], unit=reg["unit_b"])
    leader = login(reg["leader"])
    overview = leader.get(reverse("registrations:overview", args=[reg["campaign"].pk])).context["targets"]
    assert overview[0]["percent"] == Decimal("6.3")
    progress = leader.get(reverse("scoring:progress", args=[reg["campaign"].pk])).context["targets"]
    assert progress[0]["reached_percent"] == Decimal("6.3")
    share = {r.rule.kind: r for r in check_proposal(proposal=proposal)[collective.pk]}["share_of_members"]
    assert "(6,3%)" in share.explanation
