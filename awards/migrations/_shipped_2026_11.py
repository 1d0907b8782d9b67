"""The rule sets as migrations 0002, 0006 and 0007 shipped them (November 2026), frozen for those migrations.

The live data is `awards/rulesets.py`; migration 0010 brings these sets to it.
The name starts with an underscore, so Django's migration loader skips it.
"""

from datetime import date
from decimal import Decimal

ND91 = "Nghị định 91/2017/NĐ-CP, Điều 9 khoản 3"
LAW22 = "Luật Thi đua, khen thưởng số 06/2022/QH15"
PROVINCE_2025 = "Quy định của UBND tỉnh về thi đua, khen thưởng (như tỉnh Bắc Ninh, 2025), theo " + LAW22
BLOC_PLAN = "Kế hoạch thi đua của Khối và hướng dẫn của Hội đồng Thi đua – Khen thưởng tỉnh"

# The council's secret ballot. Decree 91/2017 art. 45(8) was read in the central
# emulation board's answer of 18/6/2017, which quotes it. The figures of Decree
# 98/2023 and Decree 152/2025 could not be read in their texts here: they are
# kept as data, each source saying it is unchecked.
ND91_BALLOT = (
    "Nghị định 91/2017/NĐ-CP, Điều 45 khoản 8: bỏ phiếu kín, từ 90% tổng số thành viên Hội đồng; "
    "thành viên vắng mặt cho ý kiến bằng văn bản"
)
ND91_UNIT_SETS = (
    "Nghị định 91/2017/NĐ-CP không quy định tỷ lệ: đơn vị tự quy định "
    "(mặc định 2/3 như nhiều đơn vị dùng; Hội đồng sửa khi mở phiếu)"
)
ND91_QUORUM = "Quy chế hoạt động của Hội đồng (Nghị định 91/2017/NĐ-CP không quy định; mặc định 2/3)"
LAW22_UNCHECKED = "{decree}, Điều 30 khoản 7 (theo ghi chép, chưa đối chiếu với văn bản)"
LAW22_UNIT_SETS = (
    "{decree} không quy định tỷ lệ cho danh hiệu, hình thức này (chưa đối chiếu với văn bản): "
    "theo quy chế của Hội đồng, mặc định 2/3"
)
LAW22_QUORUM = (
    "{decree}: Hội đồng Thi đua – Khen thưởng Trung ương họp khi có ít nhất 2/3 tổng số thành viên; "
    "Hội đồng các cấp theo quy chế của mình (chưa đối chiếu với văn bản)"
)
TWO_THIRDS = "66.67"
LAW_2003_BASES = (
    "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của "
    "Luật Thi đua, khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng 11 năm 2013;\n"
    "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành "
    "một số điều của Luật Thi đua, khen thưởng;"
)
LAW_2022_BASIS = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n"

# "Chiến sĩ thi đua cấp tỉnh" is chosen among those with "Chiến sĩ thi đua cơ sở" three times in a row, read
# from the register. The year proposed counts as the third, as the central emulation board counts the periods
# (its answer of 10/4/2018 names the provincial title for 2006–2008 and 2009–2011); the texts themselves were
# not read here. The other condition, an initiative recognised at province level, stays with the reviewers.
CSTD_TINH_TEXT = "Có 03 lần liên tục đạt danh hiệu “Chiến sĩ thi đua cơ sở” (năm đề nghị là lần thứ ba)."
ND91_CSTD_TINH = (
    "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013), Điều 22; Nghị định 91/2017/NĐ-CP, Điều 9 khoản 2. "
    "Năm đề nghị là lần thứ ba: theo cách tính của Ban TĐKT Trung ương, chưa đối chiếu văn bản"
)
LAW22_CSTD_TINH = (
    "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 22 khoản 1 điểm a (Bộ Nội vụ trả lời ngày 23/02/2024 dẫn "
    "là Điều 21; chưa đối chiếu văn bản). Năm đề nghị là lần thứ ba: chưa đối chiếu văn bản"
)

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


def _law22_ballot(decree):
    """Quorum and thresholds reported for the 2022 law's decrees: kept as data, marked as not yet checked."""
    checked = LAW22_UNCHECKED.format(decree=decree)
    return {
        "quorum": (TWO_THIRDS, LAW22_QUORUM.format(decree=decree)),
        "thresholds": [
            ("cstdcs", "80", False, checked),
            ("co-thi-dua-tinh", "80", False, checked),
            ("cstd-tinh", "90", False, checked),
            (None, TWO_THIRDS, True, LAW22_UNIT_SETS.format(decree=decree)),
        ],
    }


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
        ("cstd-tinh", "held_consecutive_years", "cstdcs", 3, LAW22_CSTD_TINH, CSTD_TINH_TEXT),
        *FLAG_RULES,
    ]


RULE_SETS = [
    {
        "code": "luat-2003-nd-91-2017",
        "name": "Luật Thi đua, khen thưởng 2003 và Nghị định 91/2017/NĐ-CP",
        "valid_from": date(2017, 7, 31),
        "valid_to": date(2023, 12, 31),
        "legal_bases": LAW_2003_BASES,
        "quorum": (TWO_THIRDS, ND91_QUORUM),
        "thresholds": [
            ("cstd-tinh", "90", False, ND91_BALLOT),
            ("cstdcs", TWO_THIRDS, True, ND91_UNIT_SETS),
            (None, TWO_THIRDS, True, ND91_UNIT_SETS),
        ],
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
            ("cstd-tinh", "held_consecutive_years", "cstdcs", 3, ND91_CSTD_TINH, CSTD_TINH_TEXT),
            *FLAG_RULES,
        ],
    },
    {
        "code": "luat-2022-nd-98-2023",
        "name": "Luật Thi đua, khen thưởng 2022 và Nghị định 98/2023/NĐ-CP",
        "valid_from": date(2024, 1, 1),
        "valid_to": date(2025, 6, 30),
        "legal_bases": LAW_2022_BASIS
        + "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành "
        "một số điều của Luật Thi đua, khen thưởng;",
        **_law22_ballot("Nghị định 98/2023/NĐ-CP"),
        "rules": _law22_rules("Nghị định 98/2023/NĐ-CP"),
    },
    {
        "code": "luat-2022-nd-152-2025",
        "name": "Luật Thi đua, khen thưởng 2022 và Nghị định 152/2025/NĐ-CP",
        "valid_from": date(2025, 7, 1),
        "valid_to": None,
        "legal_bases": LAW_2022_BASIS
        + "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết thi hành một số điều của "
        "Luật Thi đua, khen thưởng;",
        **_law22_ballot("Nghị định 152/2025/NĐ-CP"),
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


HISTORY_KINDS = ("held_consecutive_years", "held_within_years")


def ensure_history_rules(rule_set_model, rule_model, title_model):
    """Give each shipped rule set the rules over past years it ships, where it has no such rule for that title."""
    titles = {title.code: title for title in title_model.objects.all()}
    for spec in RULE_SETS:
        rule_set = rule_set_model.objects.filter(code=spec["code"]).first()
        if rule_set is None:
            continue
        last = max(rule_set.rules.values_list("position", flat=True), default=0)
        for title, kind, other, number, source, text in spec["rules"]:
            if kind not in HISTORY_KINDS or rule_set.rules.filter(title=titles[title], kind=kind).exists():
                continue
            last += 1
            rule_model.objects.create(
                rule_set=rule_set,
                title=titles[title],
                kind=kind,
                other_title=titles[other],
                number=number,
                legal_source=source,
                text=text,
                position=last,
            )


def ensure_vote_rules(rule_set_model, threshold_model, title_model):
    """Give each shipped rule set its quorum, thresholds and legal bases where it has none yet; never overwrite."""
    titles = {title.code: title for title in title_model.objects.all()}
    for spec in RULE_SETS:
        rule_set = rule_set_model.objects.filter(code=spec["code"]).first()
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
                title=titles[code] if code else None,
                percent=Decimal(percent),
                council_sets=council_sets,
                legal_source=source,
            )
            for code, percent, council_sets, source in spec["thresholds"]
        )
