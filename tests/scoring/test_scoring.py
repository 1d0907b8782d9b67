"""Scoring: reports, self-assessments with evidence, scores, the ranking and the vote, through the views."""

import re
from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from activity.models import ActivityLog
from campaigns.models import Campaign, Milestone, Title
from organisation.models import Council, Unit
from scoring.models import (
    Criterion,
    MidyearReport,
    Objection,
    Ranking,
    Score,
    Scorecard,
    ScoringPolicy,
    SelfScore,
    TieRule,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def url_for(campaign, name, *args):
    return reverse(f"scoring:{name}", args=[campaign.pk, *args])


def url(sw, name, *args):
    return reverse(f"scoring:{name}", args=[sw["campaign"].pk, *args])


def pdf(name="bao-cao.pdf", data=PDF):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def score_data(sw, values):
    return {f"points_{c.pk}": v for c, v in zip(sw["criteria"], values, strict=True) if v is not None}


def give(client, sw, unit, values, version=None):
    """Post scores as the score page would: with the version of the scores the page showed."""
    page = url(sw, "score", sw[unit].pk)
    if version is None:
        shown = client.get(page)
        version = shown.context["form"]["version"].value() if shown.status_code == 200 else 0
    return client.post(page, {**score_data(sw, values), "version": version})


# Mid-year reports


def test_clerk_sends_a_pdf_report_and_the_leader_sees_it(login, sw):
    client = login(sw["clerk_b"])
    assert client.post(url(sw, "report", sw["unit_b"].pk), {"file": pdf()}).status_code == 302
    report = MidyearReport.objects.get(unit=sw["unit_b"])
    assert not report.is_late and report.original_name == "bao-cao.pdf"
    leader = login(sw["leader"])
    rows = {row["unit"].name: row for row in leader.get(url(sw, "hub")).context["rows"]}
    assert rows["Sở Y tế Thử"]["report"] == report
    assert rows["Sở Du lịch Thử"]["report"] is None
    response = leader.get(url(sw, "report_download", report.pk))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("bao-cao.pdf", b"just text pretending"), "không phải tệp PDF, DOC, DOCX"),
        (SimpleUploadedFile("bao-cao.exe", b"MZ\x90\x00"), "không phải tệp PDF, DOC, DOCX"),
        (SimpleUploadedFile("rong.pdf", b""), "rỗng"),
        (SimpleUploadedFile("lon.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024)), "lớn hơn 20 MB"),
    ],
)
def test_reports_are_checked_by_content_and_size(login, sw, upload, message):
    response = login(sw["clerk_b"]).post(url(sw, "report", sw["unit_b"].pk), {"file": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not MidyearReport.objects.exists()


def test_late_report_is_flagged_and_others_cannot_read_it(login, sw):
    Milestone.objects.filter(kind="midyear_report").update(due_on=timezone.localdate() - timedelta(days=1))
    login(sw["clerk_b"]).post(url(sw, "report", sw["unit_b"].pk), {"file": pdf()})
    report = MidyearReport.objects.get()
    assert report.is_late
    assert login(sw["clerk_d"]).get(url(sw, "report_download", report.pk)).status_code == 404
    assert login(sw["clerk_d"]).post(url(sw, "report", sw["unit_b"].pk), {"file": pdf()}).status_code == 404


def stored_files(root):
    return sorted(path.name for path in root.rglob("*") if path.is_file())


def test_a_replaced_report_keeps_its_old_file_when_the_new_one_cannot_be_written(login, sw, settings, tmp_path):
    import errno

    from django.core.files.storage import FileSystemStorage

    settings.MEDIA_ROOT = tmp_path
    client = login(sw["clerk_b"])
    client.post(url(sw, "report", sw["unit_b"].pk), {"file": pdf("lan-1.pdf")})
    report = MidyearReport.objects.get()

    def disk_full(self, name, content):
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(FileSystemStorage, "_save", disk_full)
        with pytest.raises(OSError):
            client.post(url(sw, "report", sw["unit_b"].pk), {"file": pdf("lan-2.pdf")})
    response = login(sw["leader"]).get(url(sw, "report_download", report.pk))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF


def test_a_replaced_reports_old_file_goes_once_the_replacement_commits(
    login, sw, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client = login(sw["clerk_b"])
    client.post(url(sw, "report", sw["unit_b"].pk), {"file": pdf("lan-1.pdf")})
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(url(sw, "report", sw["unit_b"].pk), {"file": pdf("lan-2.pdf")})
        assert stored_files(tmp_path) == ["lan-1.pdf", "lan-2.pdf"]  # not committed yet
    for callback in callbacks:
        callback()
    assert stored_files(tmp_path) == ["lan-2.pdf"]
    assert MidyearReport.objects.get().original_name == "lan-2.pdf"


def test_a_missing_report_file_answers_not_found_in_vietnamese_and_is_logged(login, sw, settings, tmp_path, caplog):
    settings.MEDIA_ROOT = tmp_path
    login(sw["clerk_b"]).post(url(sw, "report", sw["unit_b"].pk), {"file": pdf()})
    report = MidyearReport.objects.get()
    (tmp_path / report.file.name).unlink()
    response = login(sw["leader"]).get(url(sw, "report_download", report.pk))
    assert response.status_code == 404
    assert "Không tìm thấy tệp “bao-cao.pdf” trên máy chủ" in response.content.decode()
    assert any(record.levelname == "ERROR" and report.file.name in record.getMessage() for record in caplog.records)


# Self-assessment


def self_data(sw, values, version=0, action="save", **extra):
    data = {"version": version, "action": action, **extra}
    for criterion, value in zip(sw["criteria"], values, strict=True):
        if value is not None:
            data[f"points_{criterion.pk}"] = value
            data[f"comment_{criterion.pk}"] = f"Giải trình {criterion.label}"
    return data


def test_self_assessment_with_evidence_then_sent(login, sw):
    client = login(sw["clerk_b"])
    evidence_field = f"evidence_{sw['criteria'][0].pk}"
    response = client.post(
        url(sw, "self", sw["unit_b"].pk),
        self_data(sw, ["8,5", "9", None, None, None], **{evidence_field: pdf("minh-chung.pdf")}),
    )
    assert response.status_code == 302
    card = Scorecard.objects.get(unit=sw["unit_b"])
    assert SelfScore.objects.get(scorecard=card, criterion=sw["criteria"][0]).points == Decimal("8.50")
    assert card.evidence.get().original_name == "minh-chung.pdf"
    # Draft evidence stays with the unit.
    assert login(sw["leader"]).get(url(sw, "evidence_download", card.evidence.get().pk)).status_code == 404
    client = login(sw["clerk_b"])
    response = client.post(
        url(sw, "self", sw["unit_b"].pk), self_data(sw, ["8,5", "9", None, None, None], version=1, action="submit")
    )
    assert response.status_code == 400
    assert "Hãy chấm đủ mọi tiêu chí trước khi gửi" in response.content.decode()
    response = client.post(
        url(sw, "self", sw["unit_b"].pk), self_data(sw, ["8,5", "9", "10", "0", "1"], version=2, action="submit")
    )
    assert response.status_code == 302
    card.refresh_from_db()
    assert card.status == "submitted" and not card.is_late
    assert login(sw["leader"]).get(url(sw, "evidence_download", card.evidence.get().pk)).status_code == 200


def test_evidence_of_a_refused_save_leaves_no_file_behind(login, sw, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    first, second = (f"evidence_{criterion.pk}" for criterion in sw["criteria"][:2])
    response = login(sw["clerk_b"]).post(
        url(sw, "self", sw["unit_b"].pk),
        self_data(
            sw,
            ["8", "9", None, None, None],
            **{first: pdf("minh-chung.pdf"), second: SimpleUploadedFile("virus.exe", b"MZ\x90\x00")},
        ),
    )
    assert response.status_code == 400
    assert not Scorecard.objects.exists() or not Scorecard.objects.get().evidence.exists()
    assert stored_files(tmp_path) == []


@pytest.mark.parametrize(
    "value, message",
    [
        ("10,5", "Tối đa 10 điểm."),
        ("-1", "Điểm không được âm."),
        ("8,555", "Tối đa hai chữ số thập phân."),
        ("tám", "Hãy nhập một số"),
    ],
)
def test_points_out_of_range_are_refused_with_a_message(login, sw, value, message):
    response = login(sw["clerk_b"]).post(
        url(sw, "self", sw["unit_b"].pk), self_data(sw, [value, None, None, None, None])
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert value in body  # what was typed is kept
    assert not SelfScore.objects.exists()


def test_sent_self_assessment_is_sent_once(login, sw):
    client = login(sw["clerk_b"])
    client.post(url(sw, "self", sw["unit_b"].pk), self_data(sw, ["8", "9", "10", "0", "0"]))
    data = self_data(sw, ["8", "9", "10", "0", "0"], version=1, action="submit")
    assert client.post(url(sw, "self", sw["unit_b"].pk), data).status_code == 302
    assert client.post(url(sw, "self", sw["unit_b"].pk), data).status_code == 302
    assert ActivityLog.objects.filter(action="scorecard.submitted").count() == 1


def test_no_clerk_sees_another_units_draft_self_scores(login, sw):
    login(sw["clerk_b"]).post(url(sw, "self", sw["unit_b"].pk), self_data(sw, ["8", "9", None, None, None]))
    assert login(sw["clerk_d"]).get(url(sw, "self", sw["unit_b"].pk)).status_code == 404
    page = login(sw["leader"]).get(url(sw, "score", sw["unit_b"].pk))
    assert page.status_code == 200
    assert "Giải trình 1" not in page.content.decode()  # a draft stays with its unit


# Scores and ranking


def test_leader_scores_and_every_change_is_kept(login, sw):
    client = login(sw["leader"])
    assert give(client, sw, "unit_b", ["8", "9", "10", "2", "1"]).status_code == 302
    assert give(client, sw, "unit_b", ["8,5", "9", "10", "2", "1"]).status_code == 302
    assert Score.objects.get(unit=sw["unit_b"], criterion=sw["criteria"][0]).points == Decimal("8.50")
    changes = [entry.data for entry in ActivityLog.objects.filter(action="score.changed").order_by("id")]
    assert len(changes) == 6
    assert (changes[-1]["old"], changes[-1]["new"], changes[-1]["unit_name"]) == ("8.00", "8.50", "Sở Y tế Thử")
    assert ActivityLog.objects.filter(action="score.changed").last().user == sw["leader"]


def test_scores_outside_the_maximum_are_refused(login, sw):
    response = give(login(sw["leader"]), sw, "unit_b", ["11", "9", "10", "2", "1"])
    assert response.status_code == 400
    assert not Score.objects.exists()


def test_members_do_not_score_without_cross_scoring(login, sw):
    # A member cannot even see another member's scores; an outsider neither.
    assert give(login(sw["clerk_b"]), sw, "unit_d", ["8", "9", "10", "2", "1"]).status_code == 404
    assert give(login(sw["clerk_c"]), sw, "unit_d", ["8", "9", "10", "2", "1"]).status_code == 404
    assert not Score.objects.exists()


def test_with_cross_scoring_no_unit_scores_itself_and_the_mean_counts(login, sw):
    ScoringPolicy.objects.create(campaign=sw["campaign"], cross_scoring=True, final_rule="mean")
    assert give(login(sw["clerk_b"]), sw, "unit_b", ["8", "9", "10", "2", "1"]).status_code == 403
    assert give(login(sw["clerk_b"]), sw, "unit_d", ["8", "8", "8", "0", "0"]).status_code == 302
    assert give(login(sw["leader"]), sw, "unit_d", ["9", "9", "9", "1", "0"]).status_code == 302
    assert give(login(sw["leader"]), sw, "unit_a", ["9", "9", "9", "1", "0"]).status_code == 403
    rows = {row.unit.name: row for row in login(sw["leader"]).get(url(sw, "ranking")).context["rows"]}
    # Means: 8.5 + 8.5 + 8.5 + 0.5 − 0 = 26
    assert rows["Sở Du lịch Thử"].total == Decimal("26.00")


def add_tie_rule(client, sw, kind, **extra):
    """Add a step at the end of the campaign's tie cascade through the office's page."""
    response = client.post(url(sw, "tie_rule_new"), {"kind": kind, "criterion": "", "figure": "", "place": "", **extra})
    assert response.status_code == 302, response.content.decode()


def test_ranking_matches_a_hand_computed_one_ties_included(login, sw):
    client = login(sw["leader"])
    add_tie_rule(client, sw, "fewer_deductions")
    give(client, sw, "unit_a", ["9", "9", "9", "0", "0"])  # 27, no deductions
    give(client, sw, "unit_b", ["10", "9", "9", "1", "2"])  # 27, 2 deducted
    give(client, sw, "unit_d", ["10", "10", "10", "0", "0"])  # 30
    login(sw["clerk_b"]).post(url(sw, "self", sw["unit_b"].pk), self_data(sw, ["10", "10", "10", "2", "0"]))
    rows = login(sw["leader"]).get(url(sw, "ranking")).context["rows"]
    assert [(r.unit.name, r.rank, r.total) for r in rows] == [
        ("Sở Du lịch Thử", 1, Decimal("30.00")),
        ("Sở Văn hóa Thử", 2, Decimal("27.00")),  # ties broken: fewer deductions ranks higher
        ("Sở Y tế Thử", 3, Decimal("27.00")),
    ]
    assert rows[1].tie_broken and rows[2].tie_broken
    assert (rows[1].gap, rows[2].gap) == (Decimal("3.00"), Decimal("0.00"))
    assert rows[2].self_total == Decimal("32.00") and rows[2].difference == Decimal("-5.00")
    # Without a tie rule, tied units share the rank (units have scored: the deletion gives its reason).
    rule = TieRule.objects.get(campaign=sw["campaign"])
    assert client.post(url(sw, "tie_rule_delete", rule.pk), {"reason": "Khối bỏ quy tắc"}).status_code == 302
    rows = login(sw["leader"]).get(url(sw, "ranking")).context["rows"]
    assert [r.rank for r in rows] == [1, 2, 2]


def test_finalising_locks_scores_and_reopening_needs_a_reason(login, sw):
    client = login(sw["leader"])
    for unit in ["unit_a", "unit_b", "unit_d"]:
        give(client, sw, unit, ["9", "9", "9", "0", "0"])
    client.post(url(sw, "ranking_finalise"))
    ranking = Ranking.objects.get()
    assert ranking.status == "final" and ranking.entries.count() == 3
    response = give(client, sw, "unit_b", ["10", "9", "9", "0", "0"])
    assert response.status_code == 400
    assert "khóa" in response.content.decode()
    client.post(url(sw, "ranking_reopen"), {"reason": ""})
    assert Ranking.objects.get().status == "final"
    client.post(url(sw, "ranking_reopen"), {"reason": "Khối phó đề nghị chấm lại tiêu chí 1"})
    assert Ranking.objects.get().status == "open"
    assert ActivityLog.objects.get(action="ranking.reopened").data["reason"] == "Khối phó đề nghị chấm lại tiêu chí 1"
    assert give(client, sw, "unit_b", ["10", "9", "9", "0", "0"]).status_code == 302


def test_ranking_cannot_be_finalised_with_units_unscored(login, sw):
    client = login(sw["leader"])
    give(client, sw, "unit_a", ["9", "9", "9", "0", "0"])
    client.post(url(sw, "ranking_finalise"))
    assert not Ranking.objects.filter(status="final").exists()


def test_only_the_compiler_finalises(login, sw):
    assert login(sw["clerk_b"]).post(url(sw, "ranking_finalise")).status_code == 403
    assert login(sw["clerk_b"]).get(url(sw, "ranking")).status_code == 403


def test_vote_is_counted_against_the_threshold(login, sw):
    client = login(sw["leader"])
    for unit in ["unit_a", "unit_b", "unit_d"]:
        give(client, sw, unit, ["9", "9", "9", "0", "0"])
    flag = Title.objects.get(code="co-thi-dua-tinh")
    units = {key: sw[key].pk for key in ["unit_a", "unit_b", "unit_d"]}
    data = {"held_on": "20/02/2021", "place": "Trà Vinh", "notes": "Biên bản họp", "confirm": "1"}
    data.update({f"present_{pk}": "on" for pk in units.values()})
    data[f"ballot_{flag.pk}_{units['unit_a']}_{units['unit_d']}"] = "on"
    data[f"ballot_{flag.pk}_{units['unit_b']}_{units['unit_d']}"] = "on"
    data[f"ballot_{flag.pk}_{units['unit_d']}_{units['unit_a']}"] = "on"
    response = client.post(url(sw, "vote"), data)
    assert response.status_code == 400  # the ranking is not final yet
    client.post(url(sw, "ranking_finalise"))
    assert client.post(url(sw, "vote"), data).status_code == 302
    results = {(r.candidate.name, r.title.code): r for r in client.get(url(sw, "vote")).context["results"]}
    # 2 of 3 present (66.67%) pass the default 50%; 1 of 3 does not.
    assert results[("Sở Du lịch Thử", "co-thi-dua-tinh")].passes
    assert not results[("Sở Văn hóa Thử", "co-thi-dua-tinh")].passes
    del data[f"present_{units['unit_a']}"]
    response = client.post(url(sw, "vote"), data)
    assert response.status_code == 400
    assert "Chỉ đơn vị có mặt" in response.content.decode()


def test_exports_hold_the_totals(login, sw):
    client = login(sw["leader"])
    give(client, sw, "unit_b", ["8", "9", "10", "2", "1"])
    ranking = load_workbook(BytesIO(client.get(url(sw, "ranking_download")).content)).active
    rows = {row[1].value: row[2].value for row in ranking.iter_rows(min_row=3)}
    assert rows["Sở Y tế Thử"] == 28
    scores = load_workbook(BytesIO(client.get(url(sw, "scores_download")).content)).active
    assert [cell.value for cell in scores[2]][:2] == ["Tiêu chí", "Điểm tối đa"]


def criteria_file(rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Nhóm", "STT", "Tiêu chí", "Điểm tối đa", "Loại"])
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("thang-diem.xlsx", buffer.getvalue())


def test_scoring_table_imported_from_excel(login, world):
    client = login(world["leader"])
    preview = client.post(
        reverse("scoring:criteria_import", args=[world["campaign"].pk]),
        {
            "file": criteria_file(
                [
                    ["I. Nhiệm vụ", "1", "Hoàn thành chỉ tiêu", "20", ""],
                    ["", "+", "Sáng kiến", "5", "Điểm cộng"],
                    ["", "−", "Vi phạm", "10", "Điểm trừ"],
                ]
            )
        },
    )
    # Checked whole and previewed; nothing is saved until the office confirms, once.
    assert preview.status_code == 200 and "Sáng kiến" in preview.content.decode()
    assert not Criterion.objects.exists()
    confirm = reverse(
        "scoring:criteria_import_confirm", args=[world["campaign"].pk, preview.context["sheet_import"].pk]
    )
    assert client.post(confirm).status_code == 302
    assert client.post(confirm).status_code == 302  # a second click imports nothing more
    assert Criterion.objects.count() == 3
    assert [(c.text, c.max_points, c.kind) for c in Criterion.objects.order_by("position")] == [
        ("Hoàn thành chỉ tiêu", Decimal("20.00"), "regular"),
        ("Sáng kiến", Decimal("5.00"), "bonus"),
        ("Vi phạm", Decimal("10.00"), "deduction"),
    ]


def test_bad_scoring_table_is_refused_whole(login, world):
    response = login(world["leader"]).post(
        reverse("scoring:criteria_import", args=[world["campaign"].pk]),
        {
            "file": criteria_file(
                [["", "1", "Đúng", "10", ""], ["", "2", "Sai", "mười", ""], ["", "3", "", "5", "Điểm thưởng"]]
            )
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Dòng 3" in body and "Dòng 4" in body
    assert not Criterion.objects.exists()


def test_criterion_entered_in_the_ui_and_members_cannot(login, world):
    data = {"group": "I", "label": "1", "text": "Tiêu chí mới", "max_points": "12,5", "kind": "regular"}
    assert (
        login(world["clerk_b"]).post(reverse("scoring:criterion_new", args=[world["campaign"].pk]), data).status_code
        == 403
    )
    assert (
        login(world["leader"]).post(reverse("scoring:criterion_new", args=[world["campaign"].pk]), data).status_code
        == 302
    )
    assert Criterion.objects.get().max_points == Decimal("12.50")


def test_ranking_page_query_count_is_constant(login, sw, django_assert_max_num_queries):
    client = login(sw["leader"])
    client.get(url(sw, "ranking"))
    with django_assert_max_num_queries(40) as small:
        client.get(url(sw, "ranking"))
    criteria = [
        Criterion(campaign=sw["campaign"], position=10 + i, text=f"Tiêu chí {i}", max_points=10) for i in range(25)
    ]
    Criterion.objects.bulk_create(criteria)
    criteria = list(Criterion.objects.filter(campaign=sw["campaign"]))
    units = [Unit.objects.create(name=f"Đơn vị {i:02d}") for i in range(37)]
    for unit in units:
        sw["bloc"].memberships.create(unit=unit, year=2020)
    Score.objects.bulk_create(
        Score(criterion=c, unit=u, scorer=sw["unit_a"], points=5, updated_by=sw["leader"])
        for c in criteria
        for u in units
    )
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url(sw, "ranking"))
    assert len(response.context["rows"]) == 40


def test_final_scores_read_only_the_compilers_rows_from_the_database(sw):
    """With cross-scoring, every member scores every other; the leader rule needs the leader's rows alone."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from campaigns.selectors import campaign_compilers
    from scoring import selectors

    policy = ScoringPolicy.objects.create(campaign=sw["campaign"], cross_scoring=True, final_rule="leader")
    members = [Unit.objects.create(name=f"Đơn vị {i:02d}") for i in range(12)]
    for unit in members:
        sw["bloc"].memberships.create(unit=unit, year=2020)
    scorers = [sw["unit_a"], *members]
    Score.objects.bulk_create(
        Score(criterion=criterion, unit=unit, scorer=scorer, points=5, updated_by=sw["leader"])
        for criterion in sw["criteria"]
        for unit in members
        for scorer in scorers
        if scorer != unit
    )
    compilers = campaign_compilers(campaign=sw["campaign"])
    with CaptureQueriesContext(connection) as queries:
        finals = selectors.final_scores(
            campaign=sw["campaign"], policy=policy, unit_ids=[unit.pk for unit in members], compilers=compilers
        )
    assert len(finals) == len(members) * len(sw["criteria"])
    assert set(finals.values()) == {Decimal("5.00")}
    (query,) = queries.captured_queries
    with connection.cursor() as cursor:
        cursor.execute(query["sql"])
        assert len(cursor.fetchall()) == len(finals)  # not one row per scorer


def test_score_history_of_a_unit_is_found_by_an_index(login, sw):
    """The scoring page lists the unit's own score changes, read through an index on the unit."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(sw["leader"])
    give(client, sw, "unit_d", ["7", "7", "7", "0", "0"])
    give(client, sw, "unit_b", ["8", "9", "10", "2", "1"])
    give(client, sw, "unit_b", ["8,5", "9", "10", "2", "1"])
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url(sw, "score", sw["unit_b"].pk))
    history = page.context["history"]
    assert len(history) == 6  # five first scores and one change, none of Sở Du lịch Thử
    assert "Nhiệm vụ chính trị: <del" in page.content.decode()
    # The page counts the changes, then reads its page of them: both through the index.
    (query,) = [q["sql"] for q in queries.captured_queries if _reads_history(q["sql"]) and "LIMIT" in q["sql"]]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {query}")
            plan = [line for (line,) in cursor.fetchall() if "Index Cond" in line]
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {query}")
            plan = [row[-1] for row in cursor.fetchall() if "INDEX" in row[-1]]
    assert any("unit_id" in line for line in plan), plan


def test_score_page_history_is_paged(login, sw):
    """After 250 saves the unit's score page shows the newest 50 changes and pages through the rest."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from scoring.models import ScoreChange

    client = login(sw["leader"])
    give(client, sw, "unit_b", ["8", "9", "10", "2", "1"])
    criterion = sw["criteria"][0]

    def changed(count):
        ScoreChange.objects.bulk_create(
            ScoreChange(
                campaign=sw["campaign"],
                unit=sw["unit_b"],
                scorer=sw["unit_a"],
                criterion=criterion,
                old=Decimal(index % 10),
                new=Decimal((index + 1) % 10),
                changed_by=sw["leader"],
            )
            for index in range(count)
        )
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url(sw, "score", sw["unit_b"].pk))
        return response, len(queries.captured_queries)

    few, few_queries = changed(55)
    many, many_queries = changed(195)
    assert many_queries == few_queries
    body = many.content.decode()
    assert body.count("Nhiệm vụ chính trị: <del") == 50
    assert "thay đổi 1–50 trong 255" in body and "?history=2#score-history" in body
    older = client.get(url(sw, "score", sw["unit_b"].pk), {"history": 6}).content.decode()
    assert "thay đổi 251–255 trong 255" in older and older.count("<del") == 5


def _reads_history(sql):
    return ("score.changed" in sql or "scorechange" in sql) and sql.lstrip().upper().startswith("SELECT")


def test_progress_page_draws_from_local_assets(login, sw):
    response = login(sw["leader"]).get(url(sw, "progress"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "/static/vendor/chartjs/chart.umd.min.js" in body and "cdn" not in body.lower()
    assert response.context["counts"]["total"] == 3


def test_demo_runs_seed_003_through_to_a_ranking_and_a_vote(client, demo):
    client.login(username="khoi8.truong", password="thidua2020")
    campaign = Ranking.objects.get().campaign
    response = client.get(reverse("scoring:ranking", args=[campaign.pk]))
    rows = response.context["rows"]
    assert response.context["ranking"].status == "final"
    assert [(row.rank, row.unit.name, row.total) for row in rows[:3]] == [
        (1, "Sở Văn hóa, Thể thao và Du lịch", Decimal("102.00")),
        (2, "Sở Giáo dục và Đào tạo", Decimal("99.00")),  # tie with Sở Y tế: fewer deductions
        (3, "Sở Y tế", Decimal("99.00")),
    ]
    assert rows[1].tie_broken
    results = client.get(reverse("scoring:vote", args=[campaign.pk])).context["results"]
    flag = [r for r in results if r.title.code == "co-thi-dua-tinh"]
    assert [(r.candidate.name, r.votes, r.present, r.passes) for r in flag] == [
        ("Sở Văn hóa, Thể thao và Du lịch", 7, 8, True)
    ]


def test_leader_sees_who_is_overdue(login, sw):
    Milestone.objects.filter(kind="midyear_report").update(due_on=timezone.localdate() - timedelta(days=2))
    login(sw["clerk_b"]).post(url(sw, "report", sw["unit_b"].pk), {"file": pdf()})
    rows = {row["unit"].name: row for row in login(sw["leader"]).get(url(sw, "hub")).context["rows"]}
    assert rows["Sở Du lịch Thử"]["report_overdue"]
    assert not rows["Sở Y tế Thử"]["report_overdue"] and rows["Sở Y tế Thử"]["report"].is_late


def test_progress_shows_titles_reached_once_the_council_approves(client, demo):
    from awards.models import Proposal, ProposalLine

    campaign = Campaign.objects.get(slogan__contains="Đổi mới, sáng tạo")
    unit = Unit.objects.get(name="Văn phòng Sở Tài chính")
    proposal = Proposal.objects.create(
        campaign=campaign,
        kind="unit",
        proposer=unit.parent,
        council=Council.objects.first(),
        summary="x",
        created_by=get_user_model().objects.get(username="taichinh"),
    )
    ProposalLine.objects.create(
        proposal=proposal, title=Title.objects.get(code="ttldtt"), unit=unit, decision="approved"
    )
    client.login(username="taichinh", password="thidua2020")
    rows = {row["target"].title.code: row for row in client.get(url_for(campaign, "progress")).context["targets"]}
    assert (rows["ttldtt"]["reached"], rows["ttldtt"]["whole"], rows["ttldtt"]["reached_percent"]) == (
        1,
        5,
        Decimal("20.0"),
    )
    assert rows["ldtt"]["reached"] == 0


def test_ties_can_favour_collectives_of_women(login, sw):
    from organisation.models import Person

    add_tie_rule(login(sw["leader"]), sw, "women")
    for i in range(7):
        Person.objects.create(unit=sw["unit_b"], full_name=f"Chị {i}", gender="female")
    for i in range(3):
        Person.objects.create(unit=sw["unit_b"], full_name=f"Anh {i}", gender="male")
        Person.objects.create(unit=sw["unit_a"], full_name=f"Ông {i}", gender="male")
    client = login(sw["leader"])
    give(client, sw, "unit_a", ["9", "9", "9", "0", "0"])
    give(client, sw, "unit_b", ["9", "9", "9", "0", "0"])
    rows = client.get(url(sw, "ranking")).context["rows"]
    assert [(r.unit.name, r.rank) for r in rows[:2]] == [("Sở Y tế Thử", 1), ("Sở Văn hóa Thử", 2)]


def test_stale_score_save_is_refused_and_shows_the_other_values(login, sw):
    # The leader's unit has two accounts, each in its own browser; both open B's score page at version 0.
    first, second = login(sw["leader"]), Client()
    second.force_login(sw["clerk_a"])
    version = first.get(url(sw, "score", sw["unit_b"].pk)).context["form"]["version"].value()
    assert second.get(url(sw, "score", sw["unit_b"].pk)).context["form"]["version"].value() == version
    assert give(first, sw, "unit_b", ["8", "9", "10", "2", "1"], version=version).status_code == 302
    response = give(second, sw, "unit_b", ["7,25", "6", "5", "0", "3"], version=version)
    assert response.status_code == 409
    body = response.content.decode()
    assert "Đã lưu điểm" not in body
    assert "Người khác vừa lưu điểm" in body
    fields = {c.pk: response.context["form"][f"points_{c.pk}"].value() for c in sw["criteria"]}
    assert fields[sw["criteria"][0].pk] == "7,25"  # what this user typed is kept
    saved = {row[0].pk: row[3] for row in response.context["rows"]}
    assert saved[sw["criteria"][0].pk] == Decimal("8.00")  # the other person's value shown beside it
    beside = re.findall(r'class="saved-by-other[^"]*">([^<]*)</div>', body)
    assert [text.split(":")[-1].strip() for text in beside] == ["8", "9", "10", "2", "1"]
    # Nothing of the refused save was written.
    assert Score.objects.get(unit=sw["unit_b"], criterion=sw["criteria"][0]).points == Decimal("8.00")
    assert ActivityLog.objects.filter(action="score.changed").count() == 5
    # Saving again from the refused page, which now carries the current version, goes through.
    current = response.context["form"]["version"].value()
    assert give(second, sw, "unit_b", ["7,25", "6", "5", "0", "3"], version=current).status_code == 302
    assert Score.objects.get(unit=sw["unit_b"], criterion=sw["criteria"][0]).points == Decimal("7.25")
    # The same person in a second tab is refused the same way.
    assert give(second, sw, "unit_b", ["1", "1", "1", "0", "0"], version=current).status_code == 409


def test_replaying_a_self_assessment_post_after_sending_shows_what_was_sent(login, sw):
    client = login(sw["clerk_b"])
    client.post(url(sw, "self", sw["unit_b"].pk), self_data(sw, ["8", "9", "10", "0", "0"]))
    client.post(url(sw, "self", sw["unit_b"].pk), self_data(sw, ["8", "9", "10", "0", "0"], version=1, action="submit"))
    card = Scorecard.objects.get(unit=sw["unit_b"])
    assert card.status == "submitted"
    # The same POST again, carrying the current version, without the comments.
    replay = {"version": card.version, "action": "save", f"points_{sw['criteria'][0].pk}": "3,5"}
    response = client.post(url(sw, "self", sw["unit_b"].pk), replay, follow=True)
    body = response.content.decode()
    assert "Bản tự chấm điểm đã được gửi" in body
    assert "3,5" not in body and "None" not in body
    assert not response.context["form"].is_bound  # what is shown is what was sent
    assert SelfScore.objects.get(scorecard=card, criterion=sw["criteria"][0]).points == Decimal("8")


# Score entry: the compiler starts from the unit's own points


def send_self_assessment(login, sw, unit, values):
    clerk = login(sw[f"clerk_{unit[-1]}"])
    clerk.post(url(sw, "self", sw[unit].pk), self_data(sw, values))
    version = Scorecard.objects.get(unit=sw[unit]).version
    assert (
        clerk.post(url(sw, "self", sw[unit].pk), self_data(sw, values, version=version, action="submit")).status_code
        == 302
    )


def test_leader_score_form_prefilled_from_self_scores(login, sw):
    # A draft is not shown, nor prefilled: it stays with its unit.
    login(sw["clerk_b"]).post(url(sw, "self", sw["unit_b"].pk), self_data(sw, ["8,5", "9", "10", "3", "1"]))
    leader = login(sw["leader"])
    draft = leader.get(url(sw, "score", sw["unit_b"].pk))
    assert all(draft.context["form"][f"points_{c.pk}"].value() is None for c in sw["criteria"])
    card = Scorecard.objects.get(unit=sw["unit_b"])
    login(sw["clerk_b"]).post(
        url(sw, "self", sw["unit_b"].pk),
        self_data(sw, ["8,5", "9", "10", "3", "1"], version=card.version, action="submit"),
    )

    page = login(sw["leader"]).get(url(sw, "score", sw["unit_b"].pk))
    form = page.context["form"]
    assert [form[f"points_{c.pk}"].value() for c in sw["criteria"]] == [
        Decimal(v) for v in ["8.5", "9", "10", "3", "1"]
    ]
    body = page.content.decode()
    assert 'id="prefilled-note"' in body
    # The totals under the table, counted on the server: 27,5 + 3 bonus − 1 deduction.
    totals = {key: value for key, _label, _own, value, _difference in page.context["total_rows"]}
    assert totals == {
        "regular": Decimal("27.5"),
        "bonus": Decimal("3"),
        "deduction": Decimal("1"),
        "final": Decimal("29.5"),
    }
    assert 'data-total="final">29,50<' in body

    # Only the disagreements are typed; the rest is saved as the unit scored itself.
    data = {f"points_{c.pk}": form[f"points_{c.pk}"].value() for c in sw["criteria"]}
    data[f"points_{sw['criteria'][0].pk}"] = "7"
    data[f"comment_{sw['criteria'][0].pk}"] = "Chưa đủ minh chứng cho chỉ tiêu 1"
    data["version"] = form["version"].value()
    assert login(sw["leader"]).post(url(sw, "score", sw["unit_b"].pk), data).status_code == 302
    saved = dict(Score.objects.filter(unit=sw["unit_b"]).values_list("criterion__label", "points"))
    assert saved == {"1": Decimal("7"), "2": Decimal("9"), "3": Decimal("10"), "+": Decimal("3"), "−": Decimal("1")}
    again = login(sw["leader"]).get(url(sw, "score", sw["unit_b"].pk))
    assert "prefilled-note" not in again.content.decode()
    rows = {row[0].label: row for row in again.context["rows"]}
    assert rows["1"][5] == Decimal("-1.5")  # the difference with the unit's own 8,5, per line
    assert rows["1"][4].value() == "Chưa đủ minh chứng cho chỉ tiêu 1"
    totals = {key: (own, value, difference) for key, _label, own, value, difference in again.context["total_rows"]}
    assert totals["final"] == (Decimal("29.5"), Decimal("28"), Decimal("-1.5"))


def test_a_cross_scorer_starts_from_an_empty_form(login, sw):
    ScoringPolicy.objects.create(campaign=sw["campaign"], cross_scoring=True)
    send_self_assessment(login, sw, "unit_b", ["8", "9", "10", "0", "0"])
    page = login(sw["clerk_d"]).get(url(sw, "score", sw["unit_b"].pk))
    assert all(page.context["form"][f"points_{c.pk}"].value() is None for c in sw["criteria"])


def score_sheet(rows, header=("Tiêu chí", "Điểm tối đa", "Sở Văn hóa Thử", "Sở Y tế Thử")):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Phong trào thi đua năm 2020"])
    sheet.append(list(header))
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("bang-diem.xlsx", buffer.getvalue())


def test_the_leader_reads_a_units_points_from_the_exported_score_sheet(login, sw):
    client = login(sw["leader"])
    give(client, sw, "unit_b", ["1", "1", "1", "0", "0"])
    exported = load_workbook(BytesIO(client.get(url(sw, "scores_download")).content)).active
    lines = [str(c) for c in sw["criteria"]]
    assert [row[0].value for row in exported.iter_rows(min_row=3, max_row=7)] == lines
    # Filled in offline, in the exported layout; a typed "8,5" as well as numbers.
    upload = score_sheet(
        [
            [lines[0], 10, 9, "8,5"],
            [lines[1], 10, 9, 9],
            [lines[2], 10, 9, 10],
            [lines[3], 5, 0, 2],
            [lines[4], 5, 0, 1],
        ]
    )
    page = client.post(url(sw, "score", sw["unit_b"].pk), {"action": "import", "sheet": upload})
    assert page.status_code == 200
    form = page.context["form"]
    assert [form[f"points_{c.pk}"].value() for c in sw["criteria"]] == ["8,5", "9", "10", "2", "1"]
    assert "chưa có gì được lưu" in page.content.decode()
    assert Score.objects.get(unit=sw["unit_b"], criterion=sw["criteria"][0]).points == Decimal("1")
    data = {name: form[name].value() for name in form.fields}
    assert client.post(url(sw, "score", sw["unit_b"].pk), data).status_code == 302
    assert Score.objects.get(unit=sw["unit_b"], criterion=sw["criteria"][0]).points == Decimal("8.5")
    # A sheet without the unit's column, or a value too high, is shown and not saved.
    refused = client.post(
        url(sw, "score", sw["unit_b"].pk),
        {"action": "import", "sheet": score_sheet([[lines[0], 10, 9]], header=("Tiêu chí", "Điểm tối đa", "Khác"))},
    )
    assert refused.status_code == 400 and "không có cột của Sở Y tế Thử" in refused.content.decode()
    too_high = client.post(
        url(sw, "score", sw["unit_b"].pk),
        {"action": "import", "sheet": score_sheet([[line, None, None, 11] for line in lines])},
    )
    assert "Tối đa 10 điểm." in too_high.content.decode()
    assert login(sw["clerk_b"]).post(url(sw, "score", sw["unit_b"].pk), {"action": "import"}).status_code == 403


# Publication (công khai) and objections (kiến nghị)


def score_everyone(login, sw):
    send_self_assessment(login, sw, "unit_b", ["8", "9", "10", "2", "1"])
    send_self_assessment(login, sw, "unit_d", ["9", "9", "9", "0", "0"])
    client = login(sw["leader"])
    give(client, sw, "unit_a", ["9", "9", "9", "0", "0"])
    page = client.get(url(sw, "score", sw["unit_b"].pk)).context["form"]
    data = {name: page[name].value() for name in page.fields}
    data[f"points_{sw['criteria'][0].pk}"] = "6"
    data[f"comment_{sw['criteria'][0].pk}"] = "Chưa hoàn thành chỉ tiêu giải ngân"
    client.post(url(sw, "score", sw["unit_b"].pk), data)
    give(client, sw, "unit_d", ["7", "7", "7", "0", "0"])
    return client


def test_members_see_published_ranking_only(login, sw):
    score_everyone(login, sw)
    member = login(sw["clerk_b"])
    assert member.get(url(sw, "ranking")).status_code == 403
    before = member.get(url(sw, "results"))
    assert before.status_code == 200
    body = before.content.decode()
    assert 'id="not-published"' in body and 'id="published-ranking"' not in body
    assert before.context["groups"] == [{"compiler": sw["unit_a"], "ranking": None}]
    assert "Chưa hoàn thành chỉ tiêu giải ngân" not in body  # not even its own scores

    login(sw["leader"]).post(url(sw, "ranking_finalise"))
    assert 'id="not-published"' in login(sw["clerk_b"]).get(url(sw, "results")).content.decode()
    assert login(sw["clerk_b"]).post(url(sw, "ranking_publish"), {"confirm": "1"}).status_code == 403
    login(sw["leader"]).post(url(sw, "ranking_publish"), {"confirm": "1"})
    ranking = Ranking.objects.get()
    assert ranking.is_published and ranking.published_by == sw["leader"]

    page = login(sw["clerk_b"]).get(url(sw, "results"))
    group = page.context["groups"][0]
    assert [(entry.rank, entry.unit.name, entry.total) for entry in group["entries"]] == [
        (1, "Sở Văn hóa Thử", Decimal("27")),
        (2, "Sở Y tế Thử", Decimal("26")),
        (3, "Sở Du lịch Thử", Decimal("21")),
    ]
    # Its own lines only: the final score, the scorer's comment, the difference with its self-score.
    assert [own["unit"].name for own in group["units"]] == ["Sở Y tế Thử"]
    first = group["units"][0]["lines"][0]
    assert (first.final, first.self_points, first.difference) == (Decimal("6"), Decimal("8"), Decimal("-2"))
    assert first.comments == ["Chưa hoàn thành chỉ tiêu giải ngân"]
    body = page.content.decode()
    assert "Chưa hoàn thành chỉ tiêu giải ngân" in body
    other = login(sw["clerk_d"]).get(url(sw, "results"))
    assert "Chưa hoàn thành chỉ tiêu giải ngân" not in other.content.decode()
    assert [own["unit"].name for own in other.context["groups"][0]["units"]] == ["Sở Du lịch Thử"]
    assert login(sw["clerk_c"]).get(url(sw, "results")).status_code == 404

    # Reopened, the results are withdrawn until they are final and published again.
    login(sw["leader"]).post(url(sw, "ranking_reopen"), {"reason": "Chấm lại tiêu chí 1"})
    assert 'id="not-published"' in login(sw["clerk_b"]).get(url(sw, "results")).content.decode()


def test_an_objection_is_answered_or_corrects_the_score_before_the_vote(login, sw):
    ScoringPolicy.objects.create(campaign=sw["campaign"], objection_days=5)
    score_everyone(login, sw)
    login(sw["leader"]).post(url(sw, "ranking_finalise"))
    login(sw["leader"]).post(url(sw, "ranking_publish"), {"confirm": "1"})
    assert Ranking.objects.get().objections_until == timezone.localdate() + timedelta(days=5)
    line = sw["criteria"][0]
    member = login(sw["clerk_b"])
    assert (
        member.post(url(sw, "objection_send", sw["unit_d"].pk), {"criterion": line.pk, "text": "x"}).status_code == 404
    )
    text = "Đã giải ngân 100%, có minh chứng"
    member.post(url(sw, "objection_send", sw["unit_b"].pk), {"criterion": line.pk, "text": text})
    objection = Objection.objects.get()
    assert (objection.points_objected, objection.status, objection.text) == (Decimal("6"), "open", text)

    # The vote waits for the window to close and for every answer.
    flag = Title.objects.get(code="co-thi-dua-tinh")
    vote = {
        "held_on": "20/02/2021",
        "confirm": "1",
        f"present_{sw['unit_a'].pk}": "on",
        f"ballot_{flag.pk}_{sw['unit_a'].pk}_{sw['unit_b'].pk}": "on",
    }
    response = login(sw["leader"]).post(url(sw, "vote"), vote)
    assert response.status_code == 400 and "kiến nghị" in response.content.decode()
    assert text in login(sw["leader"]).get(url(sw, "ranking")).content.decode()
    assert login(sw["clerk_b"]).post(url(sw, "objection_answer", objection.pk), {"answer": "x"}).status_code == 403

    response = login(sw["leader"]).post(
        url(sw, "objection_answer", objection.pk), {"answer": "Đồng ý, chấm lại 9 điểm", "action": "correct"}
    )
    assert response["Location"] == url(sw, "score", sw["unit_b"].pk)
    objection.refresh_from_db()
    assert objection.status == "corrected" and objection.answered_by == sw["leader"]
    ranking = Ranking.objects.get()
    assert ranking.status == "open" and not ranking.is_published
    assert "Đồng ý, chấm lại 9 điểm" in ActivityLog.objects.get(action="ranking.reopened").data["reason"]
    # The member reads the answer beside its line once the results are published again.
    give(login(sw["leader"]), sw, "unit_b", ["9", "9", "10", "2", "1"])
    login(sw["leader"]).post(url(sw, "ranking_finalise"))
    login(sw["leader"]).post(url(sw, "ranking_publish"), {"confirm": "1"})
    page = login(sw["clerk_b"]).get(url(sw, "results"))
    assert page.context["groups"][0]["units"][0]["lines"][0].final == Decimal("9")
    assert "Đồng ý, chấm lại 9 điểm" in page.content.decode()
    # Past the window, the vote is recorded.
    Ranking.objects.update(objections_until=timezone.localdate() - timedelta(days=1))
    assert login(sw["leader"]).post(url(sw, "vote"), vote).status_code == 302
