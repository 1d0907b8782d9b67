from decimal import Decimal

from django.db import migrations

# The quorum, vote thresholds and legal bases of the shipped rule sets, frozen as awards/rulesets.py stood at d290e13.
BALLOTS = {
    "luat-2003-nd-91-2017": {
        "legal_bases": "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa "
        "đổi, bổ sung một số điều của Luật Thi đua, khen thưởng ngày 14 tháng 6 "
        "năm 2005 và ngày 16 tháng 11 năm 2013;\n"
        "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ "
        "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
        "quorum": ("66.67", "Quy chế hoạt động của Hội đồng (Nghị định 91/2017/NĐ-CP không quy định; mặc định 2/3)"),
        "thresholds": [
            (
                "cstd-tinh",
                "90",
                False,
                "Nghị định 91/2017/NĐ-CP, Điều 45 khoản 8: bỏ phiếu kín, từ 90% tổng số "
                "thành viên Hội đồng; thành viên vắng mặt cho ý kiến bằng văn bản",
            ),
            (
                "cstdcs",
                "66.67",
                True,
                "Nghị định 91/2017/NĐ-CP không quy định tỷ lệ: đơn vị tự quy định (mặc "
                "định 2/3 như nhiều đơn vị dùng; Hội đồng sửa khi mở phiếu)",
            ),
            (
                None,
                "66.67",
                True,
                "Nghị định 91/2017/NĐ-CP không quy định tỷ lệ: đơn vị tự quy định (mặc "
                "định 2/3 như nhiều đơn vị dùng; Hội đồng sửa khi mở phiếu)",
            ),
        ],
    },
    "luat-2022-nd-98-2023": {
        "legal_bases": "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n"
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính "
        "phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen "
        "thưởng;",
        "quorum": (
            "66.67",
            "Nghị định 98/2023/NĐ-CP: Hội đồng Thi đua – Khen thưởng Trung ương họp khi "
            "có ít nhất 2/3 tổng số thành viên; Hội đồng các cấp theo quy chế của mình "
            "(chưa đối chiếu với văn bản)",
        ),
        "thresholds": [
            (
                "cstdcs",
                "80",
                False,
                "Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7 (theo ghi chép, chưa đối chiếu với văn bản)",
            ),
            (
                "co-thi-dua-tinh",
                "80",
                False,
                "Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7 (theo ghi chép, chưa đối chiếu với văn bản)",
            ),
            (
                "cstd-tinh",
                "90",
                False,
                "Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7 (theo ghi chép, chưa đối chiếu với văn bản)",
            ),
            (
                None,
                "66.67",
                True,
                "Nghị định 98/2023/NĐ-CP không quy định tỷ lệ cho danh hiệu, hình thức "
                "này (chưa đối chiếu với văn bản): theo quy chế của Hội đồng, mặc định "
                "2/3",
            ),
        ],
    },
    "luat-2022-nd-152-2025": {
        "legal_bases": "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n"
        "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết thi "
        "hành một số điều của Luật Thi đua, khen thưởng;",
        "quorum": (
            "66.67",
            "Nghị định 152/2025/NĐ-CP: Hội đồng Thi đua – Khen thưởng Trung ương họp khi "
            "có ít nhất 2/3 tổng số thành viên; Hội đồng các cấp theo quy chế của mình "
            "(chưa đối chiếu với văn bản)",
        ),
        "thresholds": [
            (
                "cstdcs",
                "80",
                False,
                "Nghị định 152/2025/NĐ-CP, Điều 30 khoản 7 (theo ghi chép, chưa đối chiếu với văn bản)",
            ),
            (
                "co-thi-dua-tinh",
                "80",
                False,
                "Nghị định 152/2025/NĐ-CP, Điều 30 khoản 7 (theo ghi chép, chưa đối chiếu với văn bản)",
            ),
            (
                "cstd-tinh",
                "90",
                False,
                "Nghị định 152/2025/NĐ-CP, Điều 30 khoản 7 (theo ghi chép, chưa đối chiếu với văn bản)",
            ),
            (
                None,
                "66.67",
                True,
                "Nghị định 152/2025/NĐ-CP không quy định tỷ lệ cho danh hiệu, hình thức "
                "này (chưa đối chiếu với văn bản): theo quy chế của Hội đồng, mặc định "
                "2/3",
            ),
        ],
    },
}


def add(apps, schema_editor):
    """Give each shipped rule set its quorum, thresholds and legal bases where it has none yet; never overwrite."""
    rule_set_model, threshold_model = apps.get_model("awards", "RuleSet"), apps.get_model("awards", "VoteThreshold")
    titles = {title.code: title for title in apps.get_model("campaigns", "Title").objects.all()}
    for code, spec in BALLOTS.items():
        rule_set = rule_set_model.objects.filter(code=code).first()
        if rule_set is None:
            continue
        if not rule_set.quorum_source:
            rule_set.quorum, rule_set.quorum_source = Decimal(spec["quorum"][0]), spec["quorum"][1]
            rule_set.legal_bases = rule_set.legal_bases or spec["legal_bases"]
            rule_set.save(update_fields=["quorum", "quorum_source", "legal_bases"])
        if threshold_model.objects.filter(rule_set=rule_set).exists():
            continue
        threshold_model.objects.bulk_create(
            threshold_model(
                rule_set=rule_set,
                title=titles[title] if title else None,
                percent=Decimal(percent),
                council_sets=council_sets,
                legal_source=source,
            )
            for title, percent, council_sets, source in spec["thresholds"]
        )


class Migration(migrations.Migration):
    """The quorum, vote thresholds and legal bases of the shipped rule sets, as data."""

    dependencies = [("awards", "0005_council_ballots_and_decisions")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
