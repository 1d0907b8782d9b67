"""The rule sets the product ships, as the law words them (see shared DOMAIN.md for the sources).

Loaded into a new database by a migration; administrators edit them, and add
new ones, in the admin. Only rules the product can check are listed; a
title's other conditions (conduct, discipline) stay with the reviewers.
"""

from datetime import date

ND91 = "Nghị định 91/2017/NĐ-CP, Điều 9 khoản 3"
LAW22 = "Luật Thi đua, khen thưởng số 06/2022/QH15"
PROVINCE_2025 = "Quy định của UBND tỉnh về thi đua, khen thưởng (như tỉnh Bắc Ninh, 2025), theo " + LAW22
BLOC_PLAN = "Kế hoạch thi đua của Khối và hướng dẫn của Hội đồng Thi đua – Khen thưởng tỉnh"

FLAG_RULES = [
    ("co-thi-dua-tinh", "top_ranked", None, 1, BLOC_PLAN, "Cờ thi đua tặng đơn vị dẫn đầu Khối thi đua."),
    ("co-thi-dua-tinh", "max_per_bloc", None, 1, BLOC_PLAN, "Mỗi Khối đề nghị tối đa một Cờ thi đua."),
    (
        "co-thi-dua-tinh",
        "vote_passed",
        None,
        None,
        BLOC_PLAN,
        "Được các đơn vị thành viên bình bầu đạt tỷ lệ phiếu quy định.",
    ),
    (
        "bang-khen-tinh",
        "vote_passed",
        None,
        None,
        BLOC_PLAN,
        "Được các đơn vị thành viên bình bầu đạt tỷ lệ phiếu quy định.",
    ),
]


def _law22_rules(source_decree):
    law = f"{LAW22}, Điều 23; {source_decree}"
    return [
        ("cstdcs", "requires_title", "ldtt", None, law, "Đạt danh hiệu “Lao động tiên tiến”."),
        (
            "cstdcs",
            "outstanding_or_initiative",
            None,
            None,
            law,
            "Có thành tích hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến được công nhận.",
        ),
        (
            "ttldtt",
            "share_of_members",
            "ldtt",
            70,
            PROVINCE_2025,
            "Có từ 70% cá nhân trong tập thể đạt “Lao động tiên tiến”.",
        ),
        ("ttldxs", "requires_outstanding", None, None, PROVINCE_2025, "Hoàn thành xuất sắc nhiệm vụ."),
        (
            "ttldxs",
            "share_of_members",
            "ldtt",
            70,
            PROVINCE_2025,
            "Có từ 70% cá nhân trong tập thể đạt “Lao động tiên tiến”.",
        ),
        ("ttldxs", "member_with_title", "cstdcs", None, PROVINCE_2025, "Có cá nhân đạt “Chiến sĩ thi đua cơ sở”."),
        *FLAG_RULES,
    ]


RULE_SETS = [
    {
        "code": "luat-2003-nd-91-2017",
        "name": "Luật Thi đua, khen thưởng 2003 và Nghị định 91/2017/NĐ-CP",
        "valid_from": date(2017, 7, 31),
        "valid_to": date(2023, 12, 31),
        "rules": [
            ("cstdcs", "requires_title", "ldtt", None, ND91, "Đạt danh hiệu “Lao động tiên tiến”."),
            (
                "cstdcs",
                "requires_initiative",
                None,
                None,
                ND91,
                "Có sáng kiến được Hội đồng sáng kiến cơ sở công nhận.",
            ),
            (
                "cstdcs",
                "quota_of_holders",
                "ldtt",
                15,
                ND91,
                "Số cá nhân được công nhận không quá 15% tổng số cá nhân đạt “Lao động tiên tiến” của đơn vị.",
            ),
            *FLAG_RULES,
        ],
    },
    {
        "code": "luat-2022-nd-98-2023",
        "name": "Luật Thi đua, khen thưởng 2022 và Nghị định 98/2023/NĐ-CP",
        "valid_from": date(2024, 1, 1),
        "valid_to": date(2025, 6, 30),
        "rules": _law22_rules("Nghị định 98/2023/NĐ-CP"),
    },
    {
        "code": "luat-2022-nd-152-2025",
        "name": "Luật Thi đua, khen thưởng 2022 và Nghị định 152/2025/NĐ-CP",
        "valid_from": date(2025, 7, 1),
        "valid_to": None,
        "rules": _law22_rules("Nghị định 152/2025/NĐ-CP, Thông tư 15/2025/TT-BNV"),
    },
]


def ensure_rule_sets(rule_set_model, rule_model, title_model):
    """Create the shipped rule sets that are missing; never overwrite an administrator's edits."""
    titles = {title.code: title for title in title_model.objects.all()}
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
