"""Changing the table after units have scored: a band, the tie cascade and the whole table from Excel, each only while
the campaign is open and no ranking is final, with a reason the log keeps, and the units it moves told."""

from decimal import Decimal
from io import BytesIO

from django.utils import timezone

from activity.models import ActivityLog
from notifications.models import Notification
from scoring.models import Band, Criterion, Ranking, Score, TieRule

from .test_classification import add_bands, add_tie_rule, ranking
from .test_scoring import give, url
from .test_scoring_table_excel import upload, workbook_of
from .test_scoring_table_methods import line, own_points, self_assess

NO_REASON = "Đơn vị đã chấm điểm: nhập lý do sửa thang điểm"


def as_bytes(workbook):
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def finalise(world):
    Ranking.objects.create(
        campaign=world["campaign"], compiler=world["unit_a"], status="final", finalised_at=timezone.now()
    )


def test_a_band_changed_after_scoring_needs_a_reason_tells_the_units_it_moves_and_stops_once_final(login, sw):
    client = login(sw["leader"])
    bands = add_bands(client, sw)
    give(client, sw, "unit_b", ["9", "9", "9", "0", "0"])  # 27: "Hoàn thành xuất sắc" from 25
    give(client, sw, "unit_d", ["8", "8", "4", "0", "0"])  # 20: "Hoàn thành tốt" whatever the change
    best = bands["Hoàn thành xuất sắc"]
    edit = url(sw, "band_edit", best.pk)
    assert "đơn vị nào đổi mức xếp loại sẽ được thông báo" in client.get(edit).content.decode()
    data = {"name": "Hoàn thành xuất sắc", "min_total": "28", "no_criterion_at_zero": "on", "place": "1"}
    response = client.post(edit, data)
    assert response.status_code == 400
    assert NO_REASON in " ".join(response.context["form"].errors["reason"])
    assert response.context["form"]["min_total"].value() == "28"
    assert Band.objects.get(pk=best.pk).min_total == 25
    assert ranking(client, sw)["Sở Y tế Thử"].band.name == "Hoàn thành xuất sắc"

    response = client.post(edit, {**data, "reason": "Kế hoạch sửa đổi: xuất sắc từ 28 điểm"})
    assert response.status_code == 302
    assert ranking(client, sw)["Sở Y tế Thử"].band.name == "Hoàn thành tốt"
    logged = ActivityLog.objects.get(action="band.changed")
    assert logged.user == sw["leader"] and logged.data["reason"] == "Kế hoạch sửa đổi: xuất sắc từ 28 điểm"
    assert logged.data["units_moved"] == ["Sở Y tế Thử"]
    told = Notification.objects.get(event="scoring.band_moved")
    assert told.recipient == sw["clerk_b"]
    assert "nay được xếp loại Hoàn thành tốt thay vì Hoàn thành xuất sắc" in told.body
    assert "Kế hoạch sửa đổi: xuất sắc từ 28 điểm" in told.body

    # A band deleted asks its reason too, on the page's own box.
    page = client.get(url(sw, "classification")).content.decode()
    assert 'placeholder="Lý do xóa"' in page and "đơn vị nào đổi mức xếp loại sẽ được thông báo" in page
    middle = bands["Hoàn thành"]
    client.post(url(sw, "band_delete", middle.pk))
    assert Band.objects.filter(pk=middle.pk).exists()
    client.post(url(sw, "band_delete", middle.pk), {"reason": "Bỏ mức Hoàn thành"})
    assert not Band.objects.filter(pk=middle.pk).exists()
    assert ActivityLog.objects.get(action="band.deleted").data["reason"] == "Bỏ mức Hoàn thành"

    # Once a ranking is final, the bands stay as they are; what was typed is kept.
    finalise(sw)
    response = client.post(edit, {**data, "min_total": "26", "reason": "Sửa lần nữa"})
    assert response.status_code == 400 and "đã chốt" in response.content.decode()
    assert response.context["form"]["min_total"].value() == "26"
    assert Band.objects.get(pk=best.pk).min_total == 28


def test_a_tie_rule_changed_after_scoring_needs_a_reason_and_a_closed_campaign_or_final_ranking_refuses(login, sw):
    client = login(sw["leader"])
    add_tie_rule(client, sw, "criterion", criterion=sw["criteria"][0].pk)
    add_tie_rule(client, sw, "vote")
    give(client, sw, "unit_a", ["9", "9", "9", "0", "0"])
    give(client, sw, "unit_b", ["10", "8", "9", "0", "0"])  # 27 both, B ahead on criterion 1
    rule = TieRule.objects.get(campaign=sw["campaign"], position=1)
    edit = url(sw, "tie_rule_edit", rule.pk)
    data = {"kind": "fewer_deductions", "criterion": "", "figure": "", "place": "1"}
    response = client.post(edit, data)
    assert response.status_code == 400
    assert NO_REASON in " ".join(response.context["form"].errors["reason"])
    assert response.context["form"]["kind"].value() == "fewer_deductions"
    assert TieRule.objects.get(pk=rule.pk).kind == "criterion"

    response = client.post(edit, {**data, "reason": "Hướng dẫn mới: ưu tiên ít điểm trừ"})
    assert response.status_code == 302
    assert TieRule.objects.get(pk=rule.pk).kind == "fewer_deductions"
    logged = ActivityLog.objects.get(action="tie_rule.changed")
    assert logged.user == sw["leader"] and logged.data["reason"] == "Hướng dẫn mới: ưu tiên ít điểm trừ"
    # A tie rule moves ranks, not bands: nobody's band moved, nobody is told of one.
    assert logged.data["units_moved"] == [] and not Notification.objects.filter(event="scoring.band_moved").exists()

    vote = TieRule.objects.get(campaign=sw["campaign"], kind="vote")
    client.post(url(sw, "tie_rule_delete", vote.pk))
    assert TieRule.objects.filter(pk=vote.pk).exists()
    client.post(url(sw, "tie_rule_delete", vote.pk), {"reason": "Khối không bình bầu khi bằng điểm"})
    assert not TieRule.objects.filter(pk=vote.pk).exists()
    assert ActivityLog.objects.get(action="tie_rule.deleted").data["reason"] == "Khối không bình bầu khi bằng điểm"

    sw["campaign"].status = "closed"
    sw["campaign"].save()
    response = client.post(edit, {**data, "kind": "women", "reason": "Ưu tiên tập thể nữ"})
    assert response.status_code == 400 and "Phong trào đã kết thúc" in response.content.decode()
    assert response.context["form"]["kind"].value() == "women"
    sw["campaign"].status = "active"
    sw["campaign"].save()
    finalise(sw)
    response = client.post(edit, {**data, "kind": "women", "reason": "Ưu tiên tập thể nữ"})
    assert response.status_code == 400 and "đã chốt" in response.content.decode()
    assert TieRule.objects.get(pk=rule.pk).kind == "fewer_deductions"


def test_the_table_imported_after_scoring_needs_a_reason_recomputes_every_total_and_tells_the_units(login, world):
    criterion = line(world, text="Tỷ lệ", max_points=40, method="ratio")
    Band.objects.create(campaign=world["campaign"], position=1, name="Hoàn thành xuất sắc", min_total=30)
    Band.objects.create(campaign=world["campaign"], position=2, name="Hoàn thành", min_total=15)
    self_assess(login(world["clerk_b"]), world, {f"figure_{criterion.pk}": "925", f"base_{criterion.pk}": "1000"})
    Score.objects.create(
        criterion=criterion, unit=world["unit_b"], scorer=world["unit_a"], points=37, updated_by=world["leader"]
    )
    leader = login(world["leader"])
    workbook = workbook_of(leader, world)
    workbook["Thang điểm"].cell(row=2, column=4).value = 20  # the line's maximum, 40 → 20
    response = upload(leader, world, as_bytes(workbook))
    assert response.status_code == 200
    assert "chỉ nhập được khi phong trào đang diễn ra" in response.content.decode()
    confirm = url(world, "criteria_import_confirm", response.context["sheet_import"].pk)

    response = leader.post(confirm, {"reason": "  "})
    assert response.status_code == 400
    assert NO_REASON in " ".join(response.context["reason_form"].errors["reason"])
    assert "criteria-preview" in response.content.decode()  # the preview is shown again, to confirm with a reason
    assert own_points(world, criterion) == Decimal("37.00")

    response = leader.post(confirm, {"reason": "Thang điểm sửa theo hướng dẫn mới"})
    assert response.status_code == 302
    # The same line, kept with what the unit reported and scored on it, every point on it computed again.
    assert Criterion.objects.get(pk=criterion.pk).max_points == 20
    assert own_points(world, criterion) == Decimal("18.50")
    assert Score.objects.get(criterion=criterion, unit=world["unit_b"]).points == Decimal("18.50")
    logged = ActivityLog.objects.get(action="criteria.imported")
    assert logged.user == world["leader"] and logged.data["reason"] == "Thang điểm sửa theo hướng dẫn mới"
    assert logged.data["units_recomputed"] == logged.data["units_moved"] == [world["unit_b"].name]
    told = Notification.objects.get(event="criteria.imported", recipient=world["clerk_b"])
    assert "đã được tính lại" in told.body and "Thang điểm sửa theo hướng dẫn mới" in told.body
    moved = Notification.objects.get(event="scoring.band_moved", recipient=world["clerk_b"])
    assert "nay được xếp loại Hoàn thành thay vì Hoàn thành xuất sắc" in moved.body

    # A file that leaves out a line units scored is refused, naming it; a final ranking refuses any file.
    workbook = workbook_of(leader, world)
    workbook["Thang điểm"].cell(row=2, column=3).value = "Tiêu chí khác"
    response = upload(leader, world, as_bytes(workbook))
    confirm = url(world, "criteria_import_confirm", response.context["sheet_import"].pk)
    response = leader.post(confirm, {"reason": "Đổi tiêu chí"})
    assert response.status_code == 400
    assert "Tệp bỏ mất dòng “1 Tỷ lệ”, dòng các đơn vị đã chấm điểm" in response.content.decode()
    assert list(Criterion.objects.filter(campaign=world["campaign"]).values_list("text", flat=True)) == ["Tỷ lệ"]
    finalise(world)
    response = leader.post(confirm, {"reason": "Đổi tiêu chí"})
    assert response.status_code == 400 and "đã chốt" in response.content.decode()
    assert response.context["reason_form"]["reason"].value() == "Đổi tiêu chí"
    assert ActivityLog.objects.filter(action="criteria.imported").count() == 1
