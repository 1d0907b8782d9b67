"""Scoring tables of today: a criteria tree, points computed from the figures units report, tiers, gates, bonus
caps, the compiler's corrections and the table in and out of Excel — through the pages a user would use."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from activity.models import ActivityLog
from campaigns import services as campaign_services
from notifications.models import Notification
from scoring import methods
from scoring.models import Criterion, Figure, FigureChange, Ranking, Score, ScoreChange, SelfScore

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def url(world, name, *args):
    return reverse(f"scoring:{name}", args=[world["campaign"].pk, *args])


def line(world, **fields):
    """A line of the world's table, added last."""
    position = Criterion.objects.filter(campaign=world["campaign"]).count() + 1
    fields.setdefault("text", f"Tiêu chí {position}")
    fields.setdefault("label", str(position))
    return Criterion.objects.create(campaign=world["campaign"], position=position, **fields)


def new_line(client, world, **data):
    """Post the scoring-table form as the office types it."""
    return client.post(url(world, "criterion_new"), {"kind": "regular", **data})


def self_assess(client, world, values, action="save"):
    """Post the unit B's self-assessment: `values` are the form's boxes by name, e.g. {"figure_3": "925"}."""
    page = url(world, "self", world["unit_b"].pk)
    version = client.get(page).context["form"]["version"].value()
    return client.post(page, {"version": version, "action": action, **values})


def own_points(world, criterion):
    return SelfScore.objects.get(scorecard__unit=world["unit_b"], criterion=criterion).points


def test_share_of_base_criterion_scores_ratio_times_maximum(login, world):
    office = login(world["leader"])
    # The form explains each method in Vietnamese with an example.
    assert (
        "925 trên 1.000 đối tượng có tài khoản, tiêu chí 40 điểm, được 37 điểm"
        in office.get(url(world, "criterion_new")).content.decode()
    )
    response = new_line(
        office,
        world,
        text="Tỷ lệ đối tượng có tài khoản",
        max_points="40",
        method="ratio",
        figure_label="Số đối tượng có tài khoản",
        base_label="Số đối tượng đủ điều kiện",
    )
    assert response.status_code == 302
    criterion = Criterion.objects.get(text="Tỷ lệ đối tượng có tài khoản")
    table = office.get(url(world, "criteria")).content.decode()
    assert "Số đối tượng có tài khoản ÷ Số đối tượng đủ điều kiện × 40 điểm" in table

    clerk = login(world["clerk_b"])
    # The page posts points too; they are never trusted: 0.925 × 40 is computed on the server, exactly 37.00.
    response = self_assess(
        clerk, world, {f"figure_{criterion.pk}": "925", f"base_{criterion.pk}": "1000", f"points_{criterion.pk}": "40"}
    )
    assert response.status_code == 302
    assert own_points(world, criterion) == Decimal("37.00")
    figure = Figure.objects.get(criterion=criterion)
    assert (figure.value, figure.base) == (Decimal("925"), Decimal("1000"))
    page = clerk.get(url(world, "self", world["unit_b"].pk)).content.decode()
    assert "× 40 điểm" in page and "37" in page

    self_assess(clerk, world, {f"figure_{criterion.pk}": "1", f"base_{criterion.pk}": "3"})
    assert own_points(world, criterion) == Decimal("13.33")  # 40 ÷ 3, half up, no float on the way


def test_share_methods_with_a_target_and_two_levels():
    target = Criterion(method="target", max_points=Decimal("20"), target=Decimal("80"))
    assert methods.criterion_points(target, value=Decimal("80"), base=Decimal("100")) == Decimal("20.00")
    assert methods.criterion_points(target, value=Decimal("60"), base=Decimal("100")) == Decimal("15.00")
    levels = Criterion(method="two_levels", max_points=Decimal("10"), target=Decimal("80"), second_level=Decimal("95"))
    assert methods.criterion_points(levels, value=Decimal("40"), base=Decimal("100")) == Decimal("2.50")
    assert methods.criterion_points(levels, value=Decimal("80"), base=Decimal("100")) == Decimal("5.00")
    assert methods.criterion_points(levels, value=Decimal("94.99"), base=Decimal("100")) == Decimal("5.00")
    assert methods.criterion_points(levels, value=Decimal("95"), base=Decimal("100")) == Decimal("10.00")
    each = Criterion(method="per_occurrence", kind="deduction", max_points=Decimal("5"), per_occurrence=Decimal("1"))
    assert methods.criterion_points(each, value=Decimal("3")) == Decimal("3.00")
    assert methods.criterion_points(each, value=Decimal("9")) == Decimal("5.00")  # at most −5
    assert "−1 per occurrence" in methods.formula(each) or "−1" in methods.formula(each)


def test_gate_gives_zero_until_the_condition_holds(login, world):
    gated = line(world, text="Kế hoạch và minh chứng", max_points=10, gate="evidence")
    floor = line(
        world,
        text="Số buổi tuyên truyền",
        max_points=6,
        method="per_occurrence",
        per_occurrence=2,
        gate="floor",
        gate_floor=2,
    )
    clerk = login(world["clerk_b"])
    response = self_assess(clerk, world, {f"points_{gated.pk}": "8", f"figure_{floor.pk}": "1"})
    assert response.status_code == 302
    assert own_points(world, gated) == Decimal("0.00")  # no evidence attached yet
    assert own_points(world, floor) == Decimal("0.00")  # below the floor of 2
    page = url(world, "self", world["unit_b"].pk)
    version = clerk.get(page).context["form"]["version"].value()
    response = clerk.post(
        page,
        {
            "version": version,
            "action": "save",
            f"points_{gated.pk}": "8",
            f"figure_{floor.pk}": "2",
            f"evidence_{gated.pk}": SimpleUploadedFile("ke-hoach.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    assert own_points(world, gated) == Decimal("8.00")
    assert own_points(world, floor) == Decimal("4.00")
    assert "0 điểm nếu không có minh chứng" in clerk.get(page).content.decode()


def test_tiers_use_lower_inclusive_upper_exclusive_bounds(login, world):
    office = login(world["leader"])
    response = new_line(
        office,
        world,
        text="Tỷ lệ chi trả qua tài khoản",
        max_points="5",
        kind="bonus",
        method="tiers",
        tiers_of="share",
        tiers_text="88; 90; 2\n90; 95; 3\n95; 100; 4\n100; ; 5",
    )
    assert response.status_code == 302
    criterion = Criterion.objects.get(text="Tỷ lệ chi trả qua tài khoản")
    assert criterion.tiers == [["88", "90", "2"], ["90", "95", "3"], ["95", "100", "4"], ["100", None, "5"]]
    assert "88–<90 %: 2" in criterion.formula
    clerk = login(world["clerk_b"])
    for figure, points in [("87,99", "0"), ("88", "2"), ("89,99", "2"), ("90", "3"), ("95", "4"), ("100", "5")]:
        response = self_assess(clerk, world, {f"figure_{criterion.pk}": figure, f"base_{criterion.pk}": "100"})
        assert response.status_code == 302
        assert own_points(world, criterion) == Decimal(points), figure


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"method": "tiers", "tiers_text": "88; 92; 2\n90; 95; 3"}, "tiers_text", "chồng lên nhau"),
        ({"method": "tiers", "tiers_text": "88; 90; 2\n91; 95; 3"}, "tiers_text", "khoảng trống"),
        ({"method": "tiers", "tiers_text": "88; 90; hai"}, "tiers_text", "không phải là số"),
        ({"method": "two_levels", "target": "90", "second_level": "80"}, "second_level", "phải cao hơn mốc"),
        ({"method": "target", "target": "120"}, "target", "từ 0 đến 100"),
        ({"method": "per_occurrence", "per_occurrence": "12"}, "per_occurrence", "không thể thấp hơn"),
    ],
)
def test_a_table_line_that_cannot_be_met_is_refused_and_keeps_what_was_typed(login, world, data, field, message):
    response = new_line(login(world["leader"]), world, text="Tiêu chí sai", max_points="10", **data)
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field]), form.errors
    for name, value in data.items():
        assert form[name].value() == value
    assert not Criterion.objects.exists()


def test_a_figure_the_table_cannot_score_is_refused_and_kept(login, world):
    share = line(world, text="Tỷ lệ", max_points=40, method="ratio")
    count = line(world, text="Số lần", max_points=5, method="per_occurrence", per_occurrence=1)
    clerk = login(world["clerk_b"])
    response = self_assess(clerk, world, {f"figure_{share.pk}": "1200", f"base_{share.pk}": "1000"})
    assert response.status_code == 400
    errors = response.context["form"].errors[f"figure_{share.pk}"]
    assert "vượt mẫu số" in " ".join(errors)
    assert response.context["form"][f"figure_{share.pk}"].value() == "1200"
    response = self_assess(clerk, world, {f"figure_{count.pk}": "-1"})
    assert response.status_code == 400
    assert "không được âm" in " ".join(response.context["form"].errors[f"figure_{count.pk}"])
    assert not Figure.objects.exists()


def test_bonus_cap_limits_the_sum_of_bonus_criteria(login, world):
    task = line(world, text="Nhiệm vụ", max_points=10)
    bonus = line(world, label="III", text="Điểm cộng (tối đa 5)", max_points=5, kind="bonus")
    first = line(world, text="Sáng kiến", max_points=4, kind="bonus", parent=bonus)
    second = line(world, text="Khen thưởng đột xuất", max_points=4, kind="bonus", parent=bonus)
    leader = login(world["leader"])
    page = url(world, "score", world["unit_b"].pk)
    version = leader.get(page).context["form"]["version"].value()
    response = leader.post(
        page, {"version": version, f"points_{task.pk}": "10", f"points_{first.pk}": "4", f"points_{second.pk}": "4"}
    )
    assert response.status_code == 302
    assert f"points_{bonus.pk}" not in leader.get(page).context["form"].fields  # a part is not scored itself
    rows = {row.unit.pk: row for row in leader.get(url(world, "ranking")).context["rows"]}
    assert rows[world["unit_b"].pk].total == Decimal("15.00")  # 10 + min(4 + 4, 5)
    assert rows[world["unit_b"].pk].complete
    totals = {key: value for key, _label, _own, value, _difference in leader.get(page).context["total_rows"]}
    assert totals["bonus"] == Decimal("5.00") and totals["final"] == Decimal("15.00")


def test_compiler_corrects_a_reported_figure_with_a_logged_reason(login, world):
    criterion = line(world, text="Tỷ lệ đối tượng có thẻ", max_points=40, method="ratio")
    clerk = login(world["clerk_b"])
    response = self_assess(
        clerk, world, {f"figure_{criterion.pk}": "925", f"base_{criterion.pk}": "1000"}, action="submit"
    )
    assert response.status_code == 302
    leader = login(world["leader"])
    score_page = url(world, "score", world["unit_b"].pk)
    assert "925" in leader.get(score_page).content.decode()
    page = url(world, "figure_correct", world["unit_b"].pk, criterion.pk)
    response = leader.post(page, {"value": "900", "base": "1000", "reason": ""})
    assert response.status_code == 400
    assert "lý do" in response.content.decode()
    assert response.context["form"]["value"].value() == "900"
    response = leader.post(page, {"value": "1100", "base": "1000", "reason": "Sai"})
    assert response.status_code == 400 and "vượt mẫu số" in response.content.decode()
    response = leader.post(page, {"value": "900", "base": "1000", "reason": "25 tài khoản trùng tên"})
    assert response.status_code == 302
    figure = Figure.objects.get(criterion=criterion)
    assert (figure.value, figure.confirmed_value) == (Decimal("925"), Decimal("900"))
    change = FigureChange.objects.get(figure=figure)
    assert (change.old_value, change.new_value, change.reason, change.changed_by) == (
        Decimal("925"),
        Decimal("900"),
        "25 tài khoản trùng tên",
        world["leader"],
    )
    assert Score.objects.get(criterion=criterion, unit=world["unit_b"]).points == Decimal("36.00")
    assert ScoreChange.objects.filter(criterion=criterion, new=Decimal("36.00")).exists()
    logged = ActivityLog.objects.get(action="figure.corrected")
    assert logged.data["reason"] == "25 tài khoản trùng tên" and logged.data["new"] == ["900", "1000"]
    told = Notification.objects.get(event="figure.corrected", recipient=world["clerk_b"])
    assert "25 tài khoản trùng tên" in told.body and "900/1000" in told.body
    # Saving the score page keeps the points computed from the figure kept, whatever is posted.
    version = leader.get(score_page).context["form"]["version"].value()
    leader.post(score_page, {"version": version, f"points_{criterion.pk}": "40"})
    assert Score.objects.get(criterion=criterion, unit=world["unit_b"]).points == Decimal("36.00")
    # The unit sees both its figure and the one kept, with the reason.
    seen = login(world["clerk_b"]).get(url(world, "self", world["unit_b"].pk)).content.decode()
    assert "925" in seen and "900" in seen and "25 tài khoản trùng tên" in seen
    assert own_points(world, criterion) == Decimal("37.00")
    # Another member unit cannot correct it.
    assert login(world["clerk_b"]).post(page, {"value": "1000", "base": "1000", "reason": "x"}).status_code == 403


def test_changing_a_line_after_scoring_needs_a_reason_and_recomputes(login, world):
    criterion = line(world, text="Tỷ lệ", max_points=40, method="ratio")
    self_assess(login(world["clerk_b"]), world, {f"figure_{criterion.pk}": "925", f"base_{criterion.pk}": "1000"})
    leader = login(world["leader"])
    edit = url(world, "criterion_edit", criterion.pk)
    data = {"text": "Tỷ lệ", "max_points": "20", "kind": "regular", "method": "ratio"}
    response = leader.post(edit, data)
    assert response.status_code == 200
    assert "lý do" in " ".join(response.context["form"].errors["reason"])
    assert response.context["form"]["max_points"].value() == "20"
    assert own_points(world, criterion) == Decimal("37.00")
    response = leader.post(edit, {**data, "reason": "Thang điểm sửa theo hướng dẫn mới"})
    assert response.status_code == 302
    assert own_points(world, criterion) == Decimal("18.50")
    logged = ActivityLog.objects.get(action="criterion.changed")
    assert logged.data["reason"] == "Thang điểm sửa theo hướng dẫn mới"
    assert logged.data["units_recomputed"] == [world["unit_b"].name]
    assert Notification.objects.filter(event="criterion.changed", recipient=world["clerk_b"]).exists()
    # Once a ranking is final, the table no longer changes.
    Ranking.objects.create(
        campaign=world["campaign"], compiler=world["unit_a"], status="final", finalised_at="2020-12-31T00:00:00Z"
    )
    response = leader.post(edit, {**data, "max_points": "30", "reason": "Sửa lần nữa"})
    assert response.status_code == 200 and "đã chốt" in response.content.decode()
    assert own_points(world, criterion) == Decimal("18.50")


def test_a_line_added_after_scoring_needs_a_reason_and_a_closed_campaign_changes_nothing(login, world):
    criterion = line(world, text="Tỷ lệ", max_points=40, method="ratio")
    self_assess(login(world["clerk_b"]), world, {f"figure_{criterion.pk}": "925", f"base_{criterion.pk}": "1000"})
    leader = login(world["leader"])
    response = new_line(leader, world, text="Tiêu chí bổ sung", max_points="10")
    assert response.status_code == 200 and "lý do" in " ".join(response.context["form"].errors["reason"])
    assert response.context["form"]["text"].value() == "Tiêu chí bổ sung"
    response = new_line(leader, world, text="Tiêu chí bổ sung", max_points="10", reason="Bổ sung theo hướng dẫn")
    assert response.status_code == 302
    assert ActivityLog.objects.get(action="criterion.created").data["reason"] == "Bổ sung theo hướng dẫn"
    world["campaign"].status = "closed"
    world["campaign"].save()
    data = {"text": "Tỷ lệ", "max_points": "20", "kind": "regular", "method": "ratio", "reason": "Sửa sau khi kết thúc"}
    response = leader.post(url(world, "criterion_edit", criterion.pk), data)
    assert response.status_code == 200 and "Phong trào đã kết thúc" in response.content.decode()
    assert own_points(world, criterion) == Decimal("37.00")


def every_method_table(world):
    """A table that uses the tree, every method and every condition."""
    part = line(world, label="I", text="Nhiệm vụ chuyên môn", max_points=60)
    line(
        world,
        label="1",
        text="Tỷ lệ có tài khoản",
        max_points=40,
        method="ratio",
        parent=part,
        figure_label="Có tài khoản",
        base_label="Đủ điều kiện",
    )
    second = line(world, label="2", text="Kiểm tra hồ sơ", max_points=20, parent=part, gate="report")
    line(world, label="a", text="Đạt mốc", max_points=10, method="target", target=90, parent=second, fixed_base=50)
    line(
        world, label="b", text="Hai mốc", max_points=10, method="two_levels", target=80, second_level=95, parent=second
    )
    line(world, label="II", text="Kế hoạch gửi đúng hạn", max_points=10, method="all_or_nothing", gate="evidence")
    bonus = line(world, label="III", text="Điểm cộng", max_points=15, kind="bonus")
    line(
        world,
        label="1",
        text="Tỷ lệ chi trả",
        max_points=5,
        kind="bonus",
        method="tiers",
        parent=bonus,
        tiers=[["88", "90", "2"], ["90", "95", "3"], ["95", "100", "4"], ["100", None, "5"]],
    )
    line(
        world,
        label="2",
        text="Số mô hình",
        max_points=10,
        kind="bonus",
        method="tiers",
        tiers_of="figure",
        parent=bonus,
        tiers=[["1", "3", "5"], ["3", None, "10"]],
        gate="floor",
        gate_floor=1,
    )
    line(
        world,
        label="IV",
        text="Báo cáo trễ hạn",
        max_points=5,
        kind="deduction",
        method="per_occurrence",
        per_occurrence=1,
    )
    line(world, label="V", text="Công tác khác", max_points=10)


FIELDS = (
    "group",
    "label",
    "text",
    "max_points",
    "kind",
    "method",
    "figure_label",
    "base_label",
    "fixed_base",
    "target",
    "second_level",
    "tiers",
    "per_occurrence",
    "gate",
    "gate_floor",
)


def table_shape(campaign):
    lines = Criterion.objects.filter(campaign=campaign).order_by("position").select_related("parent")
    return [
        tuple(getattr(criterion, name) for name in FIELDS)
        + (criterion.tiers_of if criterion.method == "tiers" else "", criterion.parent and criterion.parent.text)
        for criterion in lines
    ]


def rest_of_the_table(world):
    """The parts of the table beyond its criteria: a rounding, bands with conditions, listed events that set or cap a
    band, a cascade naming a criterion and a figure, and the campaign's quotas."""
    from awards.models import AwardQuota
    from campaigns.models import Title
    from scoring.models import Band, EventKind, ScoringPolicy, TieRule

    campaign = world["campaign"]
    ScoringPolicy.objects.create(campaign=campaign, points_places=1, points_rounding="down")
    bands = [
        Band.objects.create(campaign=campaign, position=position, name=name, min_total=total, **conditions)
        for position, (name, total, conditions) in enumerate(
            [
                ("Hoàn thành xuất sắc", 95, {"no_criterion_at_zero": True}),
                ("Hoàn thành tốt", 85, {"no_criterion_at_zero": True, "no_part_under_half": True}),
                ("Hoàn thành", "72.5", {}),
                ("Không hoàn thành", 0, {}),
            ],
            start=1,
        )
    ]
    EventKind.objects.create(campaign=campaign, name="Vụ việc tham nhũng", effect="sets", band=bands[3])
    EventKind.objects.create(campaign=campaign, name="Người đứng đầu bị khiển trách", effect="caps", band=bands[1])
    accounts = Criterion.objects.get(campaign=campaign, text="Tỷ lệ có tài khoản")
    plan = Criterion.objects.get(campaign=campaign, text="Kế hoạch gửi đúng hạn")
    for position, (kind, criterion) in enumerate(
        [("more_figure", accounts), ("criterion", plan), ("fewer_deductions", None), ("vote", None)], start=1
    ):
        figure = str(criterion.pk) if kind == "more_figure" else ""
        TieRule.objects.create(campaign=campaign, position=position, kind=kind, criterion=criterion, figure=figure)
    titles = {title.code: title for title in Title.objects.all()}
    AwardQuota.objects.create(campaign=campaign, title=titles["bang-khen-tinh"], base="collectives", percent="10")
    AwardQuota.objects.create(
        campaign=campaign, title=titles["bang-khen-tinh"], base="people", percent="5", rounding="half_up"
    )
    AwardQuota.objects.create(campaign=campaign, title=titles["co-thi-dua-tinh"], base="bloc_first")


def rest_shape(campaign):
    from awards.models import AwardQuota
    from scoring.models import Band, EventKind, ScoringPolicy, TieRule

    policy = ScoringPolicy.objects.filter(campaign=campaign).first() or ScoringPolicy()
    lines = dict(Criterion.objects.filter(campaign=campaign).values_list("pk", "text"))
    return {
        "rounding": (policy.points_places, policy.points_rounding),
        "bands": list(
            Band.objects.filter(campaign=campaign)
            .order_by("position")
            .values_list("position", "name", "min_total", "no_criterion_at_zero", "no_part_under_half")
        ),
        "events": sorted(EventKind.objects.filter(campaign=campaign).values_list("name", "effect", "band__name")),
        "ties": [
            (rule.position, rule.kind, rule.criterion and rule.criterion.text, lines.get(int(rule.figure or 0)))
            for rule in TieRule.objects.filter(campaign=campaign).order_by("position")
        ],
        "quotas": sorted(
            AwardQuota.objects.filter(campaign=campaign).values_list("title__code", "base", "percent", "rounding")
        ),
    }


def empty_the_table(campaign):
    from awards.models import AwardQuota
    from scoring.models import Band, EventKind, ScoringPolicy, TieRule

    TieRule.objects.filter(campaign=campaign).delete()
    EventKind.objects.filter(campaign=campaign).delete()
    Band.objects.filter(campaign=campaign).delete()
    AwardQuota.objects.filter(campaign=campaign).delete()
    ScoringPolicy.objects.filter(campaign=campaign).delete()
    Criterion.objects.filter(campaign=campaign).delete()


def test_scoring_table_round_trips_through_excel(login, world):
    every_method_table(world)
    rest_of_the_table(world)
    before, rest_before = table_shape(world["campaign"]), rest_shape(world["campaign"])
    assert rest_before["rounding"] == (1, "down") and len(rest_before["ties"]) == 4
    office = login(world["leader"])
    exported = office.get(url(world, "criteria_download"))
    assert exported.status_code == 200
    workbook = load_workbook(BytesIO(exported.content))
    assert workbook.sheetnames == [
        "Thang điểm",
        "Làm tròn",
        "Xếp loại",
        "Sự kiện",
        "Bằng điểm",
        "Tỷ lệ khen thưởng",
        "Hướng dẫn",
    ]
    # Text and numbers only: no formula anywhere.
    assert not any(
        isinstance(cell.value, str) and cell.value.startswith("=")
        for sheet in workbook
        for row in sheet.iter_rows()
        for cell in row
    )
    sheet = workbook.active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:7] == ["Nhóm", "STT", "Tiêu chí", "Điểm tối đa", "Loại", "Cấp", "Cách chấm"]
    assert [row[5] for row in rows[1:]] == [1, 2, 2, 3, 3, 1, 1, 2, 2, 1, 1]
    values = {name: [list(row) for row in workbook[name].iter_rows(values_only=True)] for name in workbook.sheetnames}
    assert values["Xếp loại"][2] == ["Hoàn thành tốt", 85, "Có", "Có"]
    assert values["Sự kiện"][2] == ["Vụ việc tham nhũng", "Xếp loại cố định, bất kể số điểm", "Không hoàn thành"]
    assert values["Bằng điểm"][1] == ["Số liệu báo cáo cao hơn", "1 Tỷ lệ có tài khoản"]
    assert values["Làm tròn"][1] == [1, "Làm tròn xuống"]
    assert [row[1] for row in values["Tỷ lệ khen thưởng"][1:]].count("bang-khen-tinh") == 2
    empty_the_table(world["campaign"])
    response = office.post(
        url(world, "criteria_import"),
        {"file": SimpleUploadedFile("thang-diem.xlsx", exported.content)},
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    preview = response.content.decode()
    assert "Tổng điểm các dòng con, không quá điểm tối đa." in preview and "88–&lt;90 %: 2" in preview
    # Every sheet is previewed before anything is saved.
    assert "Trang “Xếp loại”" in preview and "Giới hạn xếp loại: tối đa" in preview and "Ít điểm trừ hơn" in preview
    assert "Số tập thể tham gia" in preview and "Làm tròn xuống" in preview
    assert rest_shape(world["campaign"])["bands"] == []
    confirm = url(world, "criteria_import_confirm", response.context["sheet_import"].pk)
    assert office.post(confirm).status_code == 302
    assert table_shape(world["campaign"]) == before
    assert rest_shape(world["campaign"]) == rest_before
    logged = ActivityLog.objects.get(action="criteria.imported")
    assert (logged.data["count"], logged.data["bands"], logged.data["tie_rules"], logged.data["quotas"]) == (
        11,
        4,
        4,
        3,
    )

    # A file with a line that cannot be met is refused whole, its line named.
    sheet.cell(row=9, column=13).value = "1; 3; 5\n4; ; 10"
    buffer = BytesIO()
    sheet.parent.save(buffer)
    response = office.post(url(world, "criteria_import"), {"file": SimpleUploadedFile("sai.xlsx", buffer.getvalue())})
    assert response.status_code == 400
    assert "Dòng 9" in response.content.decode() and "khoảng trống" in response.content.decode()
    assert table_shape(world["campaign"]) == before


def test_copying_last_years_campaign_carries_the_whole_table(world):
    every_method_table(world)
    copy = campaign_services.campaign_copy(user=world["office"], source=world["campaign"], year=2021)
    assert table_shape(copy) == table_shape(world["campaign"])
    assert not Criterion.objects.filter(campaign=copy, parent__campaign=world["campaign"]).exists()


def reported_and_scored(world, units):
    """Every unit sent its self-assessment with a figure on each line scored from figures, and was scored."""
    from django.utils import timezone

    from scoring.models import Scorecard
    from scoring.totals import leaves

    lines = leaves(list(Criterion.objects.filter(campaign=world["campaign"])))
    cards = Scorecard.objects.bulk_create(
        Scorecard(campaign=world["campaign"], unit=unit, status="submitted", submitted_at=timezone.now(), version=1)
        for unit in units
    )
    Figure.objects.bulk_create(
        Figure(scorecard=card, criterion=criterion, value=1, base=2 if criterion.needs_base else None)
        for card in cards
        for criterion in lines
        if criterion.needs_figure
    )
    SelfScore.objects.bulk_create(
        SelfScore(scorecard=card, criterion=criterion, points=1) for card in cards for criterion in lines
    )
    Score.objects.bulk_create(
        Score(criterion=criterion, unit=unit, scorer=world["unit_a"], points=1, updated_by=world["leader"])
        for unit in units
        for criterion in lines
    )


def test_ranking_queries_stay_flat_with_every_method_at_5_and_200_units(login, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from organisation.models import Unit

    every_method_table(world)

    def members(start, count):
        units = Unit.objects.bulk_create(Unit(name=f"Đơn vị {index:03d}") for index in range(start, start + count))
        for unit in units:
            world["bloc"].memberships.create(unit=unit, year=2020)
        reported_and_scored(world, units)

    client = login(world["leader"])
    members(0, 5)
    with CaptureQueriesContext(connection) as few:
        small = client.get(url(world, "ranking"))
    members(5, 195)
    with CaptureQueriesContext(connection) as many:
        large = client.get(url(world, "ranking"))
    assert len(large.context["rows"]) == len(small.context["rows"]) + 195
    assert len(many.captured_queries) == len(few.captured_queries)
    # 1 point a line: five regular lines, two bonus lines, one deduction.
    row = next(row for row in large.context["rows"] if row.unit.name == "Đơn vị 000")
    assert (row.total, row.deductions, row.complete) == (Decimal("6.00"), Decimal("1.00"), True)


def test_score_sheet_and_ranking_exports_carry_figures_as_text(login, world):
    every_method_table(world)
    reported_and_scored(world, [world["unit_b"]])
    share = Criterion.objects.get(text="Tỷ lệ có tài khoản")
    Figure.objects.filter(criterion=share).update(
        value=925, base=1000, confirmed_value=900, confirmed_base=1000, confirmed_at="2020-12-31T00:00:00Z"
    )
    client = login(world["leader"])
    scores = load_workbook(BytesIO(client.get(url(world, "scores_download")).content)).active
    rows = {row[0]: row for row in scores.iter_rows(values_only=True) if row[0]}
    column = list(rows["Tiêu chí"]).index(world["unit_b"].name)
    assert rows["Số liệu – 1 Tỷ lệ có tài khoản"][column] == "925/1000 → 900/1000"
    assert "× 40" in rows["Số liệu – 1 Tỷ lệ có tài khoản"][1]
    assert rows["I Nhiệm vụ chuyên môn"][column] == 3  # the part: its three lines' points, capped at 60
    ranking = load_workbook(BytesIO(client.get(url(world, "ranking_download")).content)).active
    lines = list(ranking.iter_rows(values_only=True))
    heading = next(line for line in lines if line[0] == "Hạng")
    values = next(line for line in lines if line[1] == world["unit_b"].name)
    assert "1 Tỷ lệ có tài khoản: 925/1000 → 900/1000" in values[heading.index("Số liệu")]
    assert not any(str(cell.value).startswith("=") for row in ranking.iter_rows() for cell in row)


def test_units_fill_their_figures_from_a_sheet(login, world):
    share = line(world, text="Tỷ lệ có tài khoản", max_points=40, method="ratio")
    met = line(world, text="Gửi kế hoạch", max_points=10, method="all_or_nothing")
    typed = line(world, text="Công tác khác", max_points=10)
    clerk = login(world["clerk_b"])
    page = url(world, "self", world["unit_b"].pk)
    sheet_file = clerk.get(url(world, "figures_download", world["unit_b"].pk))
    workbook = load_workbook(BytesIO(sheet_file.content))
    sheet = workbook.active
    assert [row[0] for row in sheet.iter_rows(values_only=True)] == ["Tiêu chí", str(share), str(met)]
    sheet["B2"], sheet["C2"], sheet["B3"] = 925, 1000, 1
    buffer = BytesIO()
    workbook.save(buffer)
    response = clerk.post(
        page,
        {
            "action": "import_figures",
            "version": 0,
            "figures_sheet": SimpleUploadedFile("so-lieu.xlsx", buffer.getvalue()),
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert (form[f"figure_{share.pk}"].value(), form[f"base_{share.pk}"].value()) == ("925", "1000")
    assert not Figure.objects.exists()  # read, not saved
    data = {name: form[name].value() or "" for name in form.fields if not name.startswith("evidence_")}
    response = clerk.post(page, {**data, f"points_{typed.pk}": "7", "action": "save"})
    assert response.status_code == 302
    assert (own_points(world, share), own_points(world, met), own_points(world, typed)) == (
        Decimal("37.00"),
        Decimal("10.00"),
        Decimal("7.00"),
    )
    sheet["B2"] = "nhiều"
    buffer = BytesIO()
    workbook.save(buffer)
    response = clerk.post(
        page,
        {"action": "import_figures", "version": 1, "figures_sheet": SimpleUploadedFile("sai.xlsx", buffer.getvalue())},
    )
    assert response.status_code == 400 and "không phải là số" in response.content.decode()
