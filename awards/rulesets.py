"""The rule sets the product ships, as the law words them, with the article each figure comes from.

Loaded into a new database by the migrations (which carry frozen copies of
this data) and restored by the demo loader where a test run has flushed the
tables. An office never edits these: it copies one into its own set
("Quy định của tỉnh") or confirms the defaults the law leaves to it.

Figures whose article could not be read in the text itself say so in their
source ("chưa đối chiếu văn bản"). The facts and where they were read are in
`docs/rule-sets.md` (and `docs/rules-and-law.md` for the earlier laws).
"""

from datetime import date
from decimal import Decimal

LAW22 = "Luật Thi đua, khen thưởng số 06/2022/QH15"
ND91 = "Nghị định 91/2017/NĐ-CP, Điều 9 khoản 3"
ND152 = "Nghị định 152/2025/NĐ-CP"
UNCHECKED = "chưa đối chiếu văn bản"
BLOC_PLAN = "Kế hoạch thi đua của Khối và hướng dẫn của Hội đồng Thi đua – Khen thưởng tỉnh"
# Below the national titles Decree 152/2025 names no figure: each province's regulation does (art. 6.2).
PROVINCE_152 = (
    f"Theo quy định của tỉnh/bộ ({ND152}, Điều 6 khoản 2), ví dụ Quyết định 86/2025/QĐ-UBND tỉnh Bắc Ninh; "
    "Ban Thi đua – Khen thưởng xác nhận khi áp dụng"
)
PROVINCE_98 = "Quy định của UBND tỉnh về thi đua, khen thưởng (như tỉnh Bắc Ninh, 2025), theo " + LAW22
DEFAULT_152 = (
    f"Theo quy định của tỉnh/bộ ({ND152}, Điều 6 khoản 2). Mặc định của thidua (không phải của Nghị định): "
    "{figure}; Ban Thi đua – Khen thưởng xác nhận khi áp dụng, hoặc nhập quy định của tỉnh"
)
WOMEN_152 = (
    "Khi có nhiều cá nhân, tập thể cùng đủ điều kiện, tiêu chuẩn thì lựa chọn cá nhân nữ hoặc tập thể có tỷ lệ nữ "
    f"từ 70% trở lên để xét khen thưởng ({ND152}, Điều 4 khoản 6)."
)

# The council's secret ballot. Decree 91/2017 art. 45(8) was read in the central emulation board's answer of
# 18/6/2017, which quotes it. Decree 98/2023's figures could not be read in its text here: marked unchecked.
ND91_BALLOT = (
    "Nghị định 91/2017/NĐ-CP, Điều 45 khoản 8: bỏ phiếu kín, từ 90% tổng số thành viên Hội đồng; "
    "thành viên vắng mặt cho ý kiến bằng văn bản"
)
ND91_UNIT_SETS = (
    "Nghị định 91/2017/NĐ-CP không quy định tỷ lệ: đơn vị tự quy định "
    "(mặc định 2/3 như nhiều đơn vị dùng; Hội đồng sửa khi mở phiếu)"
)
ND91_QUORUM = "Quy chế hoạt động của Hội đồng (Nghị định 91/2017/NĐ-CP không quy định; mặc định 2/3)"
ND98_UNCHECKED = "Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7 (theo ghi chép, chưa đối chiếu với văn bản)"
ND98_UNIT_SETS = (
    "Nghị định 98/2023/NĐ-CP không quy định tỷ lệ cho danh hiệu, hình thức này (chưa đối chiếu với văn bản): "
    "theo quy chế của Hội đồng, mặc định 2/3"
)
ND98_QUORUM = (
    "Nghị định 98/2023/NĐ-CP: Hội đồng Thi đua – Khen thưởng Trung ương họp khi có ít nhất 2/3 tổng số thành viên; "
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

# The titles the national sets speak of beyond those the seeds use (code, name, subject, kind, level).
NATIONAL_TITLES = [
    ("cstd-toan-quoc", "Chiến sĩ thi đua toàn quốc", "individual", "title", "national"),
    ("co-thi-dua-cp", "Cờ thi đua của Chính phủ", "collective", "title", "national"),
]

# The year-end "Chiến sĩ thi đua cấp tỉnh" rule over the register (see the history rules' note in README).
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

GOVERNMENT_FLAG_CAP = (
    "co-thi-dua-cp",
    "quota_of_holders",
    "co-thi-dua-tinh",
    20,
    f"{ND152}, Điều 7 khoản 1",
    "Không quá 20% tổng số tập thể dẫn đầu các khối, cụm thi đua đạt tiêu chuẩn Cờ thi đua của tỉnh.",
)


def _law22_rules(source_decree, province):
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
            province,
            "Có từ 70% cá nhân trong tập thể đạt “Lao động tiên tiến”.",
        ),
        ("ttldxs", "requires_outstanding", None, None, province, "Hoàn thành xuất sắc nhiệm vụ."),
        (
            "ttldxs",
            "share_of_members",
            "ldtt",
            70,
            province,
            "Có từ 70% cá nhân trong tập thể đạt “Lao động tiên tiến”.",
        ),
        ("ttldxs", "member_with_title", "cstdcs", None, province, "Có cá nhân đạt “Chiến sĩ thi đua cơ sở”."),
        ("cstd-tinh", "held_consecutive_years", "cstdcs", 3, LAW22_CSTD_TINH, CSTD_TINH_TEXT),
        *FLAG_RULES,
    ]


# Who decides each title, with the council level whose authority signs it.
UNIT_HEAD = "Thủ trưởng cơ quan, đơn vị"
UNIT_HEAD_OR_COMMUNE = "Thủ trưởng cơ quan, đơn vị; Chủ tịch Ủy ban nhân dân cấp xã"
PROVINCE_CHAIR = "Chủ tịch Ủy ban nhân dân tỉnh"
PRIME_MINISTER = "Thủ tướng Chính phủ"
LAW22_AUTHORITY = f"{LAW22} (thẩm quyền quyết định khen thưởng; điều, khoản {UNCHECKED})"
LAW03_AUTHORITY = f"Luật Thi đua, khen thưởng 2003 (thẩm quyền quyết định khen thưởng; điều, khoản {UNCHECKED})"


def _terms(multiples, *, unit_authority, authority_source, title_source, commendation_source):
    """The terms of each title: its level and authority, and its reward with where the multiple comes from."""
    levels = {
        "ldtt": ("unit", unit_authority),
        "cstdcs": ("unit", unit_authority),
        "ttldtt": ("unit", unit_authority),
        "giay-khen": ("unit", unit_authority),
        "giay-khen-ca-nhan": ("unit", unit_authority),
        "ttldxs": ("province", PROVINCE_CHAIR),
        "co-thi-dua-tinh": ("province", PROVINCE_CHAIR),
        "bang-khen-tinh": ("province", PROVINCE_CHAIR),
        "bang-khen-tinh-ca-nhan": ("province", PROVINCE_CHAIR),
        "cstd-tinh": ("province", PROVINCE_CHAIR),
        "cstd-toan-quoc": ("national", PRIME_MINISTER),
        "co-thi-dua-cp": ("national", PRIME_MINISTER),
    }
    commendations = {"bang-khen-tinh", "bang-khen-tinh-ca-nhan", "giay-khen", "giay-khen-ca-nhan"}
    return [
        (
            code,
            level,
            authority,
            authority_source,
            multiples.get(code),
            (commendation_source if code in commendations else title_source) if code in multiples else "",
        )
        for code, (level, authority) in levels.items()
    ]


TITLE_MULTIPLES = {
    "cstd-toan-quoc": "4.5",
    "cstd-tinh": "3.0",
    "cstdcs": "1.0",
    "ldtt": "0.3",
    "ttldxs": "1.5",
    "ttldtt": "0.8",
    "co-thi-dua-cp": "12.0",
    "co-thi-dua-tinh": "8.0",
}

RULE_SETS = [
    {
        "code": "luat-2003-nd-91-2017",
        "name": "Luật Thi đua, khen thưởng 2003 và Nghị định 91/2017/NĐ-CP",
        "legal_source": "Luật Thi đua, khen thưởng 2003 (sửa đổi 2005, 2013); Nghị định 91/2017/NĐ-CP ngày 31/7/2017",
        "valid_from": date(2017, 7, 31),
        "valid_to": date(2023, 12, 31),
        "legal_bases": LAW_2003_BASES,
        "principles": "",
        "left_to_province": False,
        "quorum": (TWO_THIRDS, ND91_QUORUM),
        "attendance": ("0", ""),
        "thresholds": [
            ("cstd-tinh", "90", "all", False, False, False, ND91_BALLOT),
            ("cstdcs", TWO_THIRDS, "all", False, True, False, ND91_UNIT_SETS),
            (None, TWO_THIRDS, "all", False, True, False, ND91_UNIT_SETS),
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
        "terms": _terms(
            TITLE_MULTIPLES
            | {
                "bang-khen-tinh-ca-nhan": "1.0",
                "bang-khen-tinh": "2.0",
                "giay-khen-ca-nhan": "0.3",
                "giay-khen": "0.6",
            },
            unit_authority=UNIT_HEAD,
            authority_source=LAW03_AUTHORITY,
            title_source="Nghị định 91/2017/NĐ-CP, Điều 69",
            commendation_source=f"Nghị định 91/2017/NĐ-CP (mức thưởng Bằng khen, Giấy khen; {UNCHECKED})",
        ),
    },
    {
        "code": "luat-2022-nd-98-2023",
        "name": "Luật Thi đua, khen thưởng 2022 và Nghị định 98/2023/NĐ-CP",
        "legal_source": f"{LAW22}; Nghị định 98/2023/NĐ-CP ngày 31/12/2023",
        "valid_from": date(2024, 1, 1),
        "valid_to": date(2025, 6, 30),
        "legal_bases": LAW_2022_BASIS
        + "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành "
        "một số điều của Luật Thi đua, khen thưởng;",
        "principles": "",
        "left_to_province": False,
        "quorum": (TWO_THIRDS, ND98_QUORUM),
        "attendance": ("0", ""),
        "thresholds": [
            ("cstdcs", "80", "all", False, False, False, ND98_UNCHECKED),
            ("co-thi-dua-tinh", "80", "all", False, False, False, ND98_UNCHECKED),
            ("cstd-tinh", "90", "all", False, False, False, ND98_UNCHECKED),
            (None, TWO_THIRDS, "all", False, True, False, ND98_UNIT_SETS),
        ],
        "rules": _law22_rules("Nghị định 98/2023/NĐ-CP", PROVINCE_98),
        "terms": _terms(
            TITLE_MULTIPLES
            | {
                "bang-khen-tinh-ca-nhan": "1.5",
                "bang-khen-tinh": "3.0",
                "giay-khen-ca-nhan": "0.3",
                "giay-khen": "0.6",
            },
            unit_authority=UNIT_HEAD_OR_COMMUNE,
            authority_source=LAW22_AUTHORITY,
            title_source="Nghị định 98/2023/NĐ-CP, Điều 54",
            commendation_source=f"Nghị định 98/2023/NĐ-CP (mức thưởng Bằng khen, Giấy khen; {UNCHECKED})",
        ),
    },
    {
        "code": "luat-2022-nd-152-2025",
        "name": "Luật Thi đua, khen thưởng 2022 và Nghị định 152/2025/NĐ-CP",
        "legal_source": f"{LAW22}; {ND152} ngày 14/6/2025 của Chính phủ",
        "valid_from": date(2025, 7, 1),
        # Art. 60.1: the decree ends on 01/3/2027, so its last day in force is 28/02/2027.
        "valid_to": date(2027, 2, 28),
        "legal_bases": LAW_2022_BASIS
        + "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết thi hành "
        "một số điều của Luật Thi đua, khen thưởng;",
        "principles": WOMEN_152,
        "left_to_province": True,
        "quorum": (TWO_THIRDS, DEFAULT_152.format(figure="họp khi có từ 2/3 tổng số thành viên")),
        "attendance": ("0", DEFAULT_152.format(figure="không đặt tỷ lệ có mặt riêng")),
        "thresholds": [
            (
                "cstd-toan-quoc",
                "90",
                "all",
                False,
                False,
                False,
                f"{ND152}, Điều 33 khoản 5: bỏ phiếu kín, từ 90% tổng số thành viên Hội đồng",
            ),
            (
                "co-thi-dua-cp",
                "80",
                "all",
                False,
                False,
                False,
                f"{ND152}, Điều 33 khoản 5: bỏ phiếu kín, từ 80% tổng số thành viên Hội đồng",
            ),
            (None, TWO_THIRDS, "all", False, False, True, DEFAULT_152.format(figure="từ 2/3 tổng số thành viên")),
        ],
        "rules": _law22_rules(f"{ND152}, Thông tư 15/2025/TT-BNV", PROVINCE_152) + [GOVERNMENT_FLAG_CAP],
        "terms": _terms(
            TITLE_MULTIPLES
            | {
                "bang-khen-tinh-ca-nhan": "1.5",
                "bang-khen-tinh": "3.0",
                "giay-khen-ca-nhan": "0.3",
                "giay-khen": "0.6",
            },
            unit_authority=UNIT_HEAD_OR_COMMUNE,
            authority_source=LAW22_AUTHORITY,
            title_source=f"{ND152}, Điều 49–55 (mức thưởng danh hiệu thi đua; khoản {UNCHECKED})",
            commendation_source=f"{ND152}, Điều 54 khoản 1 (cá nhân; tập thể gấp hai lần, khoản {UNCHECKED})",
        ),
    },
]

# The base salary by decree: reward money is counted on the one in force on the decision's date.
BASE_SALARIES = [
    (1_390_000, date(2018, 7, 1), "Nghị định 72/2018/NĐ-CP"),
    (1_490_000, date(2019, 7, 1), "Nghị định 38/2019/NĐ-CP"),
    (1_800_000, date(2023, 7, 1), "Nghị định 24/2023/NĐ-CP"),
    (2_340_000, date(2024, 7, 1), "Nghị định 73/2024/NĐ-CP"),
    (2_530_000, date(2026, 7, 1), "Nghị định 161/2026/NĐ-CP ngày 15/5/2026, Điều 3 khoản 2"),
]

HISTORY_KINDS = ("held_consecutive_years", "held_within_years")


def _create_set(spec, *, rule_set_model, rule_model, threshold_model, terms_model, titles):
    rule_set = rule_set_model.objects.create(
        code=spec["code"],
        name=spec["name"],
        legal_source=spec["legal_source"],
        valid_from=spec["valid_from"],
        valid_to=spec["valid_to"],
        legal_bases=spec["legal_bases"],
        principles=spec["principles"],
        left_to_province=spec["left_to_province"],
        quorum=Decimal(spec["quorum"][0]),
        quorum_source=spec["quorum"][1],
        attendance=Decimal(spec["attendance"][0]),
        attendance_source=spec["attendance"][1],
    )
    fill_set(
        spec, rule_set, rule_model=rule_model, threshold_model=threshold_model, terms_model=terms_model, titles=titles
    )
    return rule_set


def fill_set(spec, rule_set, *, rule_model, threshold_model, terms_model, titles):
    """Give a set the shipped rules, thresholds and terms it lacks (a set without any of a kind gets them all).

    Rows naming a title the database does not hold (a test run that flushed the reference data) are left out.
    """
    known = set(titles) | {None}
    spec = {
        **spec,
        "rules": [row for row in spec["rules"] if row[0] in known and row[2] in known],
        "thresholds": [row for row in spec["thresholds"] if row[0] in known],
        "terms": [row for row in spec["terms"] if row[0] in known],
    }
    if not rule_model.objects.filter(rule_set=rule_set).exists():
        rule_model.objects.bulk_create(
            rule_model(
                rule_set=rule_set,
                title=titles[title],
                kind=kind,
                other_title=titles[other] if other else None,
                number=number,
                legal_source=source,
                text=text,
                position=position,
            )
            for position, (title, kind, other, number, source, text) in enumerate(spec["rules"], start=1)
        )
    if not threshold_model.objects.filter(rule_set=rule_set).exists():
        threshold_model.objects.bulk_create(
            threshold_model(
                rule_set=rule_set,
                title=titles[code] if code else None,
                percent=Decimal(percent),
                counted_over=counted_over,
                more_than=more_than,
                council_sets=council_sets,
                left_to_province=left,
                legal_source=source,
            )
            for code, percent, counted_over, more_than, council_sets, left, source in spec["thresholds"]
        )
    if not terms_model.objects.filter(rule_set=rule_set).exists():
        terms_model.objects.bulk_create(
            terms_model(
                rule_set=rule_set,
                title=titles[code],
                level=level,
                authority=authority,
                authority_source=authority_source,
                reward_multiple=Decimal(multiple) if multiple else None,
                reward_source=reward_source,
            )
            for code, level, authority, authority_source, multiple, reward_source in spec["terms"]
        )


def ensure_shipped(get_model):
    """Create what the product ships and is missing (titles, sets, base salaries); never overwrite an edit.

    `get_model(app_label, name)` is `apps.get_model` in a migration and
    `django.apps.apps.get_model` elsewhere.
    """
    title_model = get_model("campaigns", "Title")
    last = max(title_model.objects.values_list("position", flat=True), default=0)
    for offset, (code, name, subject, kind, level) in enumerate(NATIONAL_TITLES, start=1):
        title_model.objects.get_or_create(
            code=code,
            defaults={"name": name, "subject": subject, "kind": kind, "level": level, "position": last + offset},
        )
    titles = {title.code: title for title in title_model.objects.all()}
    models = {
        "rule_set_model": get_model("awards", "RuleSet"),
        "rule_model": get_model("awards", "Rule"),
        "threshold_model": get_model("awards", "VoteThreshold"),
        "terms_model": get_model("awards", "AwardTerms"),
    }
    for spec in RULE_SETS:
        if not models["rule_set_model"].objects.filter(code=spec["code"]).exists():
            _create_set(spec, titles=titles, **models)
    salary_model = get_model("awards", "BaseSalary")
    for amount, valid_from, source in BASE_SALARIES:
        salary_model.objects.get_or_create(valid_from=valid_from, defaults={"amount": amount, "legal_source": source})
