"""What a campaign does with the totals: bands with conditions, listed events that set or cap a band, the tie
cascade, all kept by the office through its pages and shown on the ranking, the results and the exports."""

from datetime import date
from decimal import Decimal
from io import BytesIO

from openpyxl import load_workbook

from activity.models import ActivityLog
from campaigns.models import Title
from campaigns.services import campaign_copy
from scoring.models import Ballot, Band, Criterion, EventKind, TieRule, UnitEvent, VoteMeeting

from .test_scoring import give, score_data, url

BANDS = [
    # name, from, no criterion at 0
    ("Hoàn thành xuất sắc", "25", "on"),
    ("Hoàn thành tốt", "20", "on"),
    ("Hoàn thành", "15", ""),
    ("Không hoàn thành", "0", ""),
]


def add_bands(client, sw):
    for name, total, zero in BANDS:
        response = client.post(
            url(sw, "band_new"), {"name": name, "min_total": total, "no_criterion_at_zero": zero, "place": ""}
        )
        assert response.status_code == 302, response.content.decode()
    return {band.name: band for band in Band.objects.filter(campaign=sw["campaign"])}


def add_tie_rule(client, sw, kind, **extra):
    response = client.post(url(sw, "tie_rule_new"), {"kind": kind, "criterion": "", "figure": "", "place": "", **extra})
    assert response.status_code == 302, response.content.decode()


def ranking(client, sw):
    return {row.unit.name: row for row in client.get(url(sw, "ranking")).context["rows"]}


def sheet_rows(client, sw):
    response = client.get(url(sw, "ranking_download"))
    sheet = load_workbook(BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = next(index for index, row in enumerate(values) if row[0] == "Hạng")
    return {row[1]: dict(zip(values[header], row, strict=True)) for row in values[header + 1 :] if row[1]}, sheet


def test_band_requires_no_criterion_at_zero(login, sw):
    client = login(sw["leader"])
    add_bands(client, sw)
    give(client, sw, "unit_a", ["10", "10", "0", "5", "0"])  # 25 points, criterion 3 at 0
    give(client, sw, "unit_b", ["9", "9", "9", "0", "0"])  # 27
    give(client, sw, "unit_d", ["8", "8", "4", "0", "0"])  # 20
    rows = ranking(client, sw)
    assert rows["Sở Y tế Thử"].band.name == "Hoàn thành xuất sắc"
    assert rows["Sở Du lịch Thử"].band.name == "Hoàn thành tốt"
    held_back = rows["Sở Văn hóa Thử"]
    # 25 points reach the first two bands by points, but a criterion at 0 keeps it out of both.
    assert held_back.band.name == "Hoàn thành"
    assert "Không xếp Hoàn thành xuất sắc dù có 25 điểm" in held_back.band_reason
    assert "tiêu chí 0 điểm (3 Công tác thi đua)" in held_back.band_reason
    page = client.get(url(sw, "ranking")).content.decode()
    assert "Hoàn thành" in page and "tiêu chí 0 điểm" in page
    by_unit, sheet = sheet_rows(client, sw)
    assert by_unit["Sở Văn hóa Thử"]["Xếp loại"] == "Hoàn thành"
    assert "tiêu chí 0 điểm" in by_unit["Sở Văn hóa Thử"]["Lý do xếp loại"]
    assert not any(str(cell.value).startswith("=") for row in sheet.iter_rows() for cell in row if cell.value)
    # Finalised and published, each member sees the bands and why.
    client.post(url(sw, "ranking_finalise"))
    client.post(url(sw, "ranking_publish"), {"confirm": "1"})
    results = login(sw["clerk_b"]).get(url(sw, "results")).content.decode()
    assert "Hoàn thành xuất sắc" in results and "tiêu chí 0 điểm (3 Công tác thi đua)" in results


def test_a_band_order_that_cannot_be_met_is_refused_keeping_what_was_typed(login, sw):
    client = login(sw["leader"])
    add_bands(client, sw)
    # Below "Hoàn thành tốt" (from 20, no criterion at 0), a band from 22 asking the same is never reached.
    response = client.post(
        url(sw, "band_new"), {"name": "Khá", "min_total": "22", "no_criterion_at_zero": "on", "place": "3"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "không bao giờ đạt được" in body and 'value="Khá"' in body and 'value="22"' in body
    assert not Band.objects.filter(name="Khá").exists()
    # Put before it, it can be met.
    response = client.post(
        url(sw, "band_new"), {"name": "Khá", "min_total": "22", "no_criterion_at_zero": "on", "place": "2"}
    )
    assert response.status_code == 302
    assert list(Band.objects.filter(campaign=sw["campaign"]).values_list("name", flat=True)) == [
        "Hoàn thành xuất sắc",
        "Khá",
        "Hoàn thành tốt",
        "Hoàn thành",
        "Không hoàn thành",
    ]
    response = client.post(url(sw, "band_new"), {"name": "Khá", "min_total": "99", "place": "1"})
    assert response.status_code == 400 and "Phong trào đã có mức xếp loại tên này." in response.content.decode()
    assert ActivityLog.objects.filter(action="band.created").count() == 5


def test_event_caps_the_band_of_a_unit(login, sw):
    client = login(sw["leader"])
    bands = add_bands(client, sw)
    for name, effect, band in [
        ("Thủ trưởng bị khiển trách", "caps", "Hoàn thành tốt"),
        ("Không nộp báo cáo tự đánh giá", "sets", "Không hoàn thành"),
    ]:
        response = client.post(url(sw, "event_kind_new"), {"name": name, "effect": effect, "band": bands[band].pk})
        assert response.status_code == 302
    kinds = {kind.name: kind for kind in EventKind.objects.all()}
    for unit in ("unit_a", "unit_b", "unit_d"):
        give(client, sw, unit, ["9", "9", "9", "0", "0"])  # 27 each: "Hoàn thành xuất sắc" by points
    # A record refused keeps what was typed.
    response = client.post(
        url(sw, "unit_event_record"), {"unit": sw["unit_b"].pk, "kind": kinds["Thủ trưởng bị khiển trách"].pk}
    )
    assert response.status_code == 400 and not UnitEvent.objects.exists()
    for unit, kind, note in [
        ("unit_b", "Thủ trưởng bị khiển trách", "Quyết định 12/QĐ-UBND ngày 03/3/2020"),
        ("unit_d", "Không nộp báo cáo tự đánh giá", "Hết hạn 15/11/2020"),
    ]:
        response = client.post(
            url(sw, "unit_event_record"), {"unit": sw[unit].pk, "kind": kinds[kind].pk, "note": note}
        )
        assert response.status_code == 302
    rows = ranking(client, sw)
    assert rows["Sở Văn hóa Thử"].band.name == "Hoàn thành xuất sắc"
    capped = rows["Sở Y tế Thử"]
    assert capped.band.name == "Hoàn thành tốt"
    assert "“Thủ trưởng bị khiển trách” (Quyết định 12/QĐ-UBND ngày 03/3/2020)" in capped.band_reason
    assert "tối đa là Hoàn thành tốt" in capped.band_reason
    assert rows["Sở Du lịch Thử"].band.name == "Không hoàn thành"
    # The unit's page shows it too, and the record is logged.
    page = client.get(url(sw, "score", sw["unit_b"].pk)).content.decode()
    assert "tối đa là Hoàn thành tốt" in page
    assert ActivityLog.objects.get(action="unit_event.recorded", data__unit_name="Sở Y tế Thử").user == sw["leader"]
    # Removing the record needs a reason; then the band follows the points again.
    record = UnitEvent.objects.get(unit=sw["unit_b"])
    client.post(url(sw, "unit_event_remove", record.pk), {"reason": ""})
    assert UnitEvent.objects.filter(pk=record.pk).exists()
    client.post(url(sw, "unit_event_remove", record.pk), {"reason": "Quyết định kỷ luật đã bị hủy"})
    assert ranking(client, sw)["Sở Y tế Thử"].band.name == "Hoàn thành xuất sắc"


def test_tie_cascade_applies_rules_in_order_and_shows_which_decided(login, sw):
    client = login(sw["leader"])
    first = sw["criteria"][0]
    add_tie_rule(client, sw, "criterion", criterion=first.pk)
    add_tie_rule(client, sw, "fewer_deductions")
    add_tie_rule(client, sw, "vote")
    assert [str(rule) for rule in TieRule.objects.filter(campaign=sw["campaign"])] == [
        "Nhiều điểm hơn ở tiêu chí 1 Nhiệm vụ chính trị",
        "Ít điểm trừ hơn",
        "Bình bầu của các thành viên",
    ]
    give(client, sw, "unit_a", ["9", "9", "9", "0", "0"])  # 27
    give(client, sw, "unit_b", ["10", "8", "9", "0", "0"])  # 27, more on criterion 1
    give(client, sw, "unit_d", ["9", "9", "9", "1", "1"])  # 27, as A on criterion 1, but 1 deducted
    response = client.get(url(sw, "ranking"))
    rows = response.context["rows"]
    assert [(row.unit.name, row.rank) for row in rows] == [
        ("Sở Y tế Thử", 1),
        ("Sở Văn hóa Thử", 2),
        ("Sở Du lịch Thử", 3),
    ]
    assert rows[1].tie_rule.position == 1
    assert rows[1].tie_reason == (
        "Bằng 27,00 điểm với Sở Y tế Thử; quy tắc 1, “Nhiều điểm hơn ở tiêu chí 1 Nhiệm vụ chính trị”, "
        "xếp Sở Y tế Thử trên: 10 so với 9."
    )
    assert rows[2].tie_rule.position == 2
    assert "quy tắc 2, “Ít điểm trừ hơn”, xếp Sở Văn hóa Thử trên: 0 so với 1." in rows[2].tie_reason
    body = response.content.decode()
    assert "1. Nhiều điểm hơn ở tiêu chí 1 Nhiệm vụ chính trị → 2. Ít điểm trừ hơn → 3. Bình bầu" in body
    by_unit, _sheet = sheet_rows(client, sw)
    assert "quy tắc 2, “Ít điểm trừ hơn”" in by_unit["Sở Du lịch Thử"]["Bằng điểm: quy tắc quyết định"]
    # When only the vote can decide, the ranking says so and the vote page asks for it.
    give(client, sw, "unit_d", ["9", "9", "9", "0", "0"])
    rows = ranking(client, sw)
    assert rows["Sở Văn hóa Thử"].rank == rows["Sở Du lịch Thử"].rank == 2
    assert rows["Sở Du lịch Thử"].needs_vote and rows["Sở Văn hóa Thử"].needs_vote
    vote_page = client.get(url(sw, "vote"))
    assert [[unit.name for unit in group] for group in vote_page.context["tied"]] == [
        ["Sở Du lịch Thử", "Sở Văn hóa Thử"]
    ]
    assert "Chỉ bình bầu mới phân định được" in vote_page.content.decode()
    # Once the vote is recorded, it parts them: the last rule, with the votes.
    meeting = VoteMeeting.objects.create(
        campaign=sw["campaign"],
        compiler=sw["unit_a"],
        held_on=date(2020, 12, 20),
        threshold=50,
        recorded_by=sw["leader"],
    )
    flag = Title.objects.get(code="co-thi-dua-tinh")
    for voter in ("unit_a", "unit_b", "unit_d"):
        Ballot.objects.create(meeting=meeting, voter=sw[voter], candidate=sw["unit_d"], title=flag)
    Ballot.objects.create(meeting=meeting, voter=sw["unit_b"], candidate=sw["unit_a"], title=flag)
    rows = ranking(client, sw)
    assert (rows["Sở Du lịch Thử"].rank, rows["Sở Văn hóa Thử"].rank) == (2, 3)
    assert "quy tắc 3, “Bình bầu của các thành viên”, xếp Sở Du lịch Thử trên: 3 so với 1." in (
        rows["Sở Văn hóa Thử"].tie_reason
    )
    assert not client.get(url(sw, "vote")).context["tied"]
    meeting.delete()
    # Published, the members see the deciding rule beside each tied unit.
    give(client, sw, "unit_d", ["9", "9", "9", "1", "1"])
    client.post(url(sw, "ranking_finalise"))
    client.post(url(sw, "ranking_publish"), {"confirm": "1"})
    results = login(sw["clerk_b"]).get(url(sw, "results")).content.decode()
    assert "quy tắc 2, “Ít điểm trừ hơn”, xếp Sở Văn hóa Thử trên: 0 so với 1." in results


def test_a_tie_rule_naming_a_deleted_criterion_is_refused(login, sw):
    client = login(sw["leader"])
    gone = Criterion.objects.create(campaign=sw["campaign"], position=9, text="Tạm", max_points=1)
    gone_id = gone.pk
    client.post(url(sw, "criterion_delete", gone_id))
    response = client.post(
        url(sw, "tie_rule_new"), {"kind": "criterion", "criterion": gone_id, "figure": "", "place": "1"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Tiêu chí này không còn trong bảng điểm" in body and 'value="1"' in body
    assert not TieRule.objects.exists()
    # And a criterion a tie rule names cannot be deleted under it.
    add_tie_rule(client, sw, "criterion", criterion=sw["criteria"][1].pk)
    client.post(url(sw, "criterion_delete", sw["criteria"][1].pk))
    assert Criterion.objects.filter(pk=sw["criteria"][1].pk).exists()


def test_copying_the_campaign_carries_bands_events_and_tie_rules(login, sw):
    client = login(sw["leader"])
    bands = add_bands(client, sw)
    client.post(
        url(sw, "event_kind_new"), {"name": "Tham nhũng", "effect": "sets", "band": bands["Không hoàn thành"].pk}
    )
    add_tie_rule(client, sw, "criterion", criterion=sw["criteria"][2].pk)
    add_tie_rule(client, sw, "women")
    copy = campaign_copy(user=sw["admin"], source=sw["campaign"], year=2021)
    assert list(Band.objects.filter(campaign=copy).values_list("name", "min_total", "no_criterion_at_zero")) == [
        ("Hoàn thành xuất sắc", Decimal("25.00"), True),
        ("Hoàn thành tốt", Decimal("20.00"), True),
        ("Hoàn thành", Decimal("15.00"), False),
        ("Không hoàn thành", Decimal("0.00"), False),
    ]
    event = EventKind.objects.get(campaign=copy)
    assert (event.name, event.band.campaign_id, event.band.name) == ("Tham nhũng", copy.pk, "Không hoàn thành")
    rules = list(TieRule.objects.filter(campaign=copy))
    assert [rule.kind for rule in rules] == ["criterion", "women"]
    assert rules[0].criterion.campaign_id == copy.pk and rules[0].criterion.text == "Công tác thi đua"


def test_band_requires_no_part_under_half_its_maximum(login, sw):
    client = login(sw["leader"])
    for name, total, half in [("Hoàn thành tốt", "20", "on"), ("Hoàn thành", "0", "")]:
        client.post(url(sw, "band_new"), {"name": name, "min_total": total, "no_part_under_half": half})
    give(client, sw, "unit_a", ["10", "10", "4", "5", "0"])  # 29, but part II has 4 of 10
    give(client, sw, "unit_b", ["8", "8", "5", "0", "0"])  # 21, part II at exactly half
    rows = ranking(client, sw)
    assert rows["Sở Y tế Thử"].band.name == "Hoàn thành tốt"
    assert rows["Sở Văn hóa Thử"].band.name == "Hoàn thành"
    assert "có phần dưới một nửa điểm tối đa (II: 4 trên 10)" in rows["Sở Văn hóa Thử"].band_reason


def send_figures(client, sw, unit, values):
    """The unit's clerk sends its self-assessment with these figure boxes, e.g. {"figure_6": "90", "base_6": "150"}."""
    page = url(sw, "self", sw[unit].pk)
    version = client.get(page).context["form"]["version"].value()
    own = score_data(sw, ["9", "9", "9", "0", "0"])
    response = client.post(page, {"version": version, "action": "submit", **own, **values})
    assert response.status_code == 302, response.content.decode()


def test_a_tie_rule_on_a_figure_compares_the_figures_the_compiler_kept(login, sw):
    accounts = Criterion.objects.create(
        campaign=sw["campaign"],
        position=6,
        group="III",
        label="6",
        text="Tỷ lệ đối tượng có tài khoản",
        max_points=10,
        method="ratio",
        figure_label="Số đối tượng có tài khoản",
        base_label="Số đối tượng đủ điều kiện",
    )
    client = login(sw["leader"])
    # The tie-rule page offers the figures the units report, by name.
    form_page = client.get(url(sw, "tie_rule_new")).content.decode()
    assert "Số đối tượng có tài khoản (tiêu chí 6)" in form_page
    add_tie_rule(client, sw, "more_figure", figure=str(accounts.pk))
    rule = TieRule.objects.get(campaign=sw["campaign"])
    assert (rule.criterion, str(rule)) == (accounts, "Nhiều “Số đối tượng có tài khoản (tiêu chí 6)” hơn")
    assert (
        "Nhiều “Số đối tượng có tài khoản (tiêu chí 6)” hơn" in client.get(url(sw, "classification")).content.decode()
    )
    # A figure that is no line of this table is refused, keeping what was typed.
    response = client.post(
        url(sw, "tie_rule_new"), {"kind": "fewer_figure", "criterion": "", "figure": "999999", "place": "1"}
    )
    assert response.status_code == 400 and TieRule.objects.count() == 1
    # A line a figure rule reads cannot be deleted under it.
    client.post(url(sw, "criterion_delete", accounts.pk))
    assert Criterion.objects.filter(pk=accounts.pk).exists()

    # Both at 60 %: 6 points each on the line. B reported 120 accounts, its compiler kept 60; A reported 90.
    send_figures(login(sw["clerk_b"]), sw, "unit_b", {f"figure_{accounts.pk}": "120", f"base_{accounts.pk}": "200"})
    send_figures(login(sw["clerk_a"]), sw, "unit_a", {f"figure_{accounts.pk}": "90", f"base_{accounts.pk}": "150"})
    response = client.post(
        url(sw, "figure_correct", sw["unit_b"].pk, accounts.pk),
        {"value": "60", "base": "100", "reason": "60 tài khoản trùng"},
    )
    assert response.status_code == 302
    give(client, sw, "unit_a", ["9", "9", "9", "0", "0"])
    give(client, sw, "unit_b", ["9", "9", "9", "0", "0"])
    rows = ranking(client, sw)
    assert rows["Sở Y tế Thử"].total == rows["Sở Văn hóa Thử"].total == Decimal("33.00")
    assert (rows["Sở Văn hóa Thử"].rank, rows["Sở Y tế Thử"].rank) == (1, 2)
    reason = "quy tắc 1, “Nhiều “Số đối tượng có tài khoản (tiêu chí 6)” hơn”, xếp Sở Văn hóa Thử trên: 90 so với 60."
    assert reason in rows["Sở Y tế Thử"].tie_reason
    assert reason in client.get(url(sw, "ranking")).content.decode().replace("&ldquo;", "“")
    # Next year's copy names the copied line.
    copy = campaign_copy(user=sw["admin"], source=sw["campaign"], year=2021)
    copied_rule = TieRule.objects.get(campaign=copy)
    assert copied_rule.criterion.campaign_id == copy.pk and copied_rule.figure == str(copied_rule.criterion_id)


def test_a_part_is_a_top_line_of_the_tree_when_the_table_has_one(login, sw):
    """With a tree, "no part under half its maximum" reads the top lines with sub-lines, capped, not the groups."""
    campaign = sw["campaign"]
    first = Criterion.objects.create(campaign=campaign, position=6, label="I", text="Chuyên môn", max_points=10)
    second = Criterion.objects.create(campaign=campaign, position=7, label="II", text="Phong trào", max_points=20)
    one, two, three = sw["criteria"][:3]  # groups I, I, II: the tree puts 1 in part I, 2 and 3 in part II
    Criterion.objects.filter(pk=one.pk).update(parent=first)
    Criterion.objects.filter(pk__in=[two.pk, three.pk]).update(parent=second)
    client = login(sw["leader"])
    for name, total, half in [("Hoàn thành tốt", "20", "on"), ("Hoàn thành", "0", "")]:
        client.post(url(sw, "band_new"), {"name": name, "min_total": total, "no_part_under_half": half})
    give(client, sw, "unit_a", ["10", "10", "4", "0", "0"])  # group II at 4 of 10, but part II at 14 of 20
    give(client, sw, "unit_b", ["4", "10", "10", "0", "0"])  # groups fine, but part I at 4 of 10
    rows = ranking(client, sw)
    assert rows["Sở Văn hóa Thử"].band.name == "Hoàn thành tốt"
    held_back = rows["Sở Y tế Thử"]
    assert held_back.band.name == "Hoàn thành"
    assert "có phần dưới một nửa điểm tối đa (I Chuyên môn: 4 trên 10)" in held_back.band_reason
    assert "Chuyên môn: 4 trên 10" in client.get(url(sw, "ranking")).content.decode()
