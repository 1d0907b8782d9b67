from datetime import date

from django.db import migrations

# The rule sets main shipped, frozen as awards/rulesets.py stood at d290e13.
RULE_SETS = [
    {
        "code": "luat-2003-nd-91-2017",
        "name": "Luật Thi đua, khen thưởng 2003 và Nghị định 91/2017/NĐ-CP",
        "valid_from": date(2017, 7, 31),
        "valid_to": date(2023, 12, 31),
        "rules": [
            (
                "cstdcs",
                "requires_title",
                "ldtt",
                None,
                "Nghị định 91/2017/NĐ-CP, Điều 9 khoản 3",
                "Đạt danh hiệu “Lao động tiên tiến”.",
            ),
            (
                "cstdcs",
                "requires_initiative",
                None,
                None,
                "Nghị định 91/2017/NĐ-CP, Điều 9 khoản 3",
                "Có sáng kiến được Hội đồng sáng kiến cơ sở công nhận.",
            ),
            (
                "cstdcs",
                "quota_of_holders",
                "ldtt",
                15,
                "Nghị định 91/2017/NĐ-CP, Điều 9 khoản 3",
                "Số cá nhân được công nhận không quá 15% tổng số cá nhân đạt “Lao động tiên tiến” của đơn vị.",
            ),
            (
                "cstd-tinh",
                "held_consecutive_years",
                "cstdcs",
                3,
                "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013), Điều 22; Nghị định 91/2017/NĐ-CP, Điều 9 khoản 2. Năm "
                "đề nghị là lần thứ ba: theo cách tính của Ban TĐKT Trung ương, chưa đối chiếu văn bản",
                "Có 03 lần liên tục đạt danh hiệu “Chiến sĩ thi đua cơ sở” (năm đề nghị là lần thứ ba).",
            ),
            (
                "co-thi-dua-tinh",
                "top_ranked",
                None,
                1,
                "Kế hoạch thi đua của Khối và hướng dẫn của Hội đồng Thi đua – Khen thưởng tỉnh",
                "Cờ thi đua tặng đơn vị dẫn đầu Khối thi đua.",
            ),
            (
                "co-thi-dua-tinh",
                "max_per_bloc",
                None,
                1,
                "Kế hoạch thi đua của Khối và hướng dẫn của Hội đồng Thi đua – Khen thưởng tỉnh",
                "Mỗi Khối đề nghị tối đa một Cờ thi đua.",
            ),
            (
                "co-thi-dua-tinh",
                "vote_passed",
                None,
                None,
                "Kế hoạch thi đua của Khối và hướng dẫn của Hội đồng Thi đua – Khen thưởng tỉnh",
                "Được các đơn vị thành viên bình bầu đạt tỷ lệ phiếu quy định.",
            ),
            (
                "bang-khen-tinh",
                "vote_passed",
                None,
                None,
                "Kế hoạch thi đua của Khối và hướng dẫn của Hội đồng Thi đua – Khen thưởng tỉnh",
                "Được các đơn vị thành viên bình bầu đạt tỷ lệ phiếu quy định.",
            ),
        ],
    },
    {
        "code": "luat-2022-nd-98-2023",
        "name": "Luật Thi đua, khen thưởng 2022 và Nghị định 98/2023/NĐ-CP",
        "valid_from": date(2024, 1, 1),
        "valid_to": date(2025, 6, 30),
        "rules": [
            (
                "cstdcs",
                "requires_title",
                "ldtt",
                None,
                "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 23; Nghị định 98/2023/NĐ-CP",
                "Đạt danh hiệu “Lao động tiên tiến”.",
            ),
            (
                "cstdcs",
                "outstanding_or_initiative",
                None,
                None,
                "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 23; Nghị định 98/2023/NĐ-CP",
                "Có thành tích hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến được công nhận.",
            ),
            (
                "ttldtt",
                "share_of_members",
                "ldtt",
                70,
                "Quy định của UBND tỉnh về thi đua, khen thưởng (như tỉnh Bắc Ninh, 2025), theo Luật Thi đua, khen "
                "thưởng số 06/2022/QH15",
                "Có từ 70% cá nhân trong tập thể đạt “Lao động tiên tiến”.",
            ),
            (
                "ttldxs",
                "requires_outstanding",
                None,
                None,
                "Quy định của UBND tỉnh về thi đua, khen thưởng (như tỉnh Bắc Ninh, 2025), theo Luật Thi đua, khen "
                "thưởng số 06/2022/QH15",
                "Hoàn thành xuất sắc nhiệm vụ.",
            ),
            (
                "ttldxs",
                "share_of_members",
                "ldtt",
                70,
                "Quy định của UBND tỉnh về thi đua, khen thưởng (như tỉnh Bắc Ninh, 2025), theo Luật Thi đua, khen "
                "thưởng số 06/2022/QH15",
                "Có từ 70% cá nhân trong tập thể đạt “Lao động tiên tiến”.",
            ),
            (
                "ttldxs",
                "member_with_title",
                "cstdcs",
                None,
                "Quy định của UBND tỉnh về thi đua, khen thưởng (như tỉnh Bắc Ninh, 2025), theo Luật Thi đua, khen "
                "thưởng số 06/2022/QH15",
                "Có cá nhân đạt “Chiến sĩ thi đua cơ sở”.",
            ),
            (
                "cstd-tinh",
                "held_consecutive_years",
                "cstdcs",
                3,
                "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 22 khoản 1 điểm a (Bộ Nội vụ trả lời ngày 23/02/2024 "
                "dẫn là Điều 21; chưa đối chiếu văn bản). Năm đề nghị là lần thứ ba: chưa đối chiếu văn bản",
                "Có 03 lần liên tục đạt danh hiệu “Chiến sĩ thi đua cơ sở” (năm đề nghị là lần thứ ba).",
            ),
            (
                "co-thi-dua-tinh",
                "top_ranked",
                None,
                1,
                "Kế hoạch thi đua của Khối và hướng dẫn của Hội đồng Thi đua – Khen thưởng tỉnh",
                "Cờ thi đua tặng đơn vị dẫn đầu Khối thi đua.",
            ),
            (
                "co-thi-dua-tinh",
                "max_per_bloc",
                None,
                1,
                "Kế hoạch thi đua của Khối và hướng dẫn của Hội đồng Thi đua – Khen thưởng tỉnh",
                "Mỗi Khối đề nghị tối đa một Cờ thi đua.",
            ),
            (
                "co-thi-dua-tinh",
                "vote_passed",
                None,
                None,
                "Kế hoạch thi đua của Khối và hướng dẫn của Hội đồng Thi đua – Khen thưởng tỉnh",
                "Được các đơn vị thành viên bình bầu đạt tỷ lệ phiếu quy định.",
            ),
            (
                "bang-khen-tinh",
                "vote_passed",
                None,
                None,
                "Kế hoạch thi đua của Khối và hướng dẫn của Hội đồng Thi đua – Khen thưởng tỉnh",
                "Được các đơn vị thành viên bình bầu đạt tỷ lệ phiếu quy định.",
            ),
        ],
    },
    {
        "code": "luat-2022-nd-152-2025",
        "name": "Luật Thi đua, khen thưởng 2022 và Nghị định 152/2025/NĐ-CP",
        "valid_from": date(2025, 7, 1),
        "valid_to": None,
        "rules": [
            (
                "cstdcs",
                "requires_title",
                "ldtt",
                None,
                "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 23; Nghị định 152/2025/NĐ-CP, Thông tư 15/2025/TT-BNV",
                "Đạt danh hiệu “Lao động tiên tiến”.",
            ),
            (
                "cstdcs",
                "outstanding_or_initiative",
                None,
                None,
                "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 23; Nghị định 152/2025/NĐ-CP, Thông tư 15/2025/TT-BNV",
                "Có thành tích hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến được công nhận.",
            ),
            (
                "ttldtt",
                "share_of_members",
                "ldtt",
                70,
                "Quy định của UBND tỉnh về thi đua, khen thưởng (như tỉnh Bắc Ninh, 2025), theo Luật Thi đua, khen "
                "thưởng số 06/2022/QH15",
                "Có từ 70% cá nhân trong tập thể đạt “Lao động tiên tiến”.",
            ),
            (
                "ttldxs",
                "requires_outstanding",
                None,
                None,
                "Quy định của UBND tỉnh về thi đua, khen thưởng (như tỉnh Bắc Ninh, 2025), theo Luật Thi đua, khen "
                "thưởng số 06/2022/QH15",
                "Hoàn thành xuất sắc nhiệm vụ.",
            ),
            (
                "ttldxs",
                "share_of_members",
                "ldtt",
                70,
                "Quy định của UBND tỉnh về thi đua, khen thưởng (như tỉnh Bắc Ninh, 2025), theo Luật Thi đua, khen "
                "thưởng số 06/2022/QH15",
                "Có từ 70% cá nhân trong tập thể đạt “Lao động tiên tiến”.",
            ),
            (
                "ttldxs",
                "member_with_title",
                "cstdcs",
                None,
                "Quy định của UBND tỉnh về thi đua, khen thưởng (như tỉnh Bắc Ninh, 2025), theo Luật Thi đua, khen "
                "thưởng số 06/2022/QH15",
                "Có cá nhân đạt “Chiến sĩ thi đua cơ sở”.",
            ),
            (
                "cstd-tinh",
                "held_consecutive_years",
                "cstdcs",
                3,
                "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 22 khoản 1 điểm a (Bộ Nội vụ trả lời ngày 23/02/2024 "
                "dẫn là Điều 21; chưa đối chiếu văn bản). Năm đề nghị là lần thứ ba: chưa đối chiếu văn bản",
                "Có 03 lần liên tục đạt danh hiệu “Chiến sĩ thi đua cơ sở” (năm đề nghị là lần thứ ba).",
            ),
            (
                "co-thi-dua-tinh",
                "top_ranked",
                None,
                1,
                "Kế hoạch thi đua của Khối và hướng dẫn của Hội đồng Thi đua – Khen thưởng tỉnh",
                "Cờ thi đua tặng đơn vị dẫn đầu Khối thi đua.",
            ),
            (
                "co-thi-dua-tinh",
                "max_per_bloc",
                None,
                1,
                "Kế hoạch thi đua của Khối và hướng dẫn của Hội đồng Thi đua – Khen thưởng tỉnh",
                "Mỗi Khối đề nghị tối đa một Cờ thi đua.",
            ),
            (
                "co-thi-dua-tinh",
                "vote_passed",
                None,
                None,
                "Kế hoạch thi đua của Khối và hướng dẫn của Hội đồng Thi đua – Khen thưởng tỉnh",
                "Được các đơn vị thành viên bình bầu đạt tỷ lệ phiếu quy định.",
            ),
            (
                "bang-khen-tinh",
                "vote_passed",
                None,
                None,
                "Kế hoạch thi đua của Khối và hướng dẫn của Hội đồng Thi đua – Khen thưởng tỉnh",
                "Được các đơn vị thành viên bình bầu đạt tỷ lệ phiếu quy định.",
            ),
        ],
    },
]


def add(apps, schema_editor):
    """Create the shipped rule sets that are missing; never overwrite an administrator's edits."""
    rule_set_model, rule_model = apps.get_model("awards", "RuleSet"), apps.get_model("awards", "Rule")
    titles = {title.code: title for title in apps.get_model("campaigns", "Title").objects.all()}
    for spec in RULE_SETS:
        rule_set, created = rule_set_model.objects.get_or_create(
            code=spec["code"],
            defaults={"name": spec["name"], "valid_from": spec["valid_from"], "valid_to": spec["valid_to"]},
        )
        if not created:
            continue
        for position, (title, kind, other, number, source, text) in enumerate(spec["rules"], start=1):
            rule_model.objects.create(
                rule_set=rule_set,
                title=titles[title],
                kind=kind,
                other_title=titles[other] if other else None,
                number=number,
                legal_source=source,
                text=text,
                position=position,
            )


def remove(apps, schema_editor):
    apps.get_model("awards", "RuleSet").objects.filter(code__in=[spec["code"] for spec in RULE_SETS]).delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial"), ("campaigns", "0002_titles")]

    operations = [migrations.RunPython(add, remove)]
