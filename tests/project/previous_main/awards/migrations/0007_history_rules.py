from django.db import migrations, models

# The rules over past years each shipped rule set carries, frozen as awards/rulesets.py stood at d290e13.
HISTORY_RULES = {
    "luat-2003-nd-91-2017": [
        (
            "cstd-tinh",
            "held_consecutive_years",
            "cstdcs",
            3,
            "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013), Điều 22; Nghị định 91/2017/NĐ-CP, Điều "
            "9 khoản 2. Năm đề nghị là lần thứ ba: theo cách tính của Ban TĐKT Trung ương, chưa đối "
            "chiếu văn bản",
            "Có 03 lần liên tục đạt danh hiệu “Chiến sĩ thi đua cơ sở” (năm đề nghị là lần thứ ba).",
        )
    ],
    "luat-2022-nd-98-2023": [
        (
            "cstd-tinh",
            "held_consecutive_years",
            "cstdcs",
            3,
            "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 22 khoản 1 điểm a (Bộ Nội vụ trả lời "
            "ngày 23/02/2024 dẫn là Điều 21; chưa đối chiếu văn bản). Năm đề nghị là lần thứ ba: "
            "chưa đối chiếu văn bản",
            "Có 03 lần liên tục đạt danh hiệu “Chiến sĩ thi đua cơ sở” (năm đề nghị là lần thứ ba).",
        )
    ],
    "luat-2022-nd-152-2025": [
        (
            "cstd-tinh",
            "held_consecutive_years",
            "cstdcs",
            3,
            "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 22 khoản 1 điểm a (Bộ Nội vụ trả lời "
            "ngày 23/02/2024 dẫn là Điều 21; chưa đối chiếu văn bản). Năm đề nghị là lần thứ ba: "
            "chưa đối chiếu văn bản",
            "Có 03 lần liên tục đạt danh hiệu “Chiến sĩ thi đua cơ sở” (năm đề nghị là lần thứ ba).",
        )
    ],
}


def add_history_rules(apps, schema_editor):
    """Give each shipped rule set the rules over past years it ships, where it has no such rule for that title."""
    rule_set_model, rule_model = apps.get_model("awards", "RuleSet"), apps.get_model("awards", "Rule")
    titles = {title.code: title for title in apps.get_model("campaigns", "Title").objects.all()}
    for code, rules in HISTORY_RULES.items():
        rule_set = rule_set_model.objects.filter(code=code).first()
        if rule_set is None:
            continue
        last = max(rule_set.rules.values_list("position", flat=True), default=0)
        for title, kind, other, number, source, text in rules:
            if rule_set.rules.filter(title=titles[title], kind=kind).exists():
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


class Migration(migrations.Migration):
    """Rules that read past years from the award register, in the shipped rule sets."""

    dependencies = [
        ("awards", "0006_vote_rules"),
    ]

    operations = [
        migrations.AlterField(
            model_name="rule",
            name="kind",
            field=models.CharField(
                choices=[
                    ("requires_title", "Requires another title the same year"),
                    ("requires_initiative", "Requires a recognised initiative"),
                    (
                        "outstanding_or_initiative",
                        "Requires duties completed with distinction or a recognised initiative",
                    ),
                    ("requires_outstanding", "Requires duties completed with distinction"),
                    ("share_of_members", "A share of the collective's members hold a title"),
                    ("member_with_title", "At least one member of the collective holds a title"),
                    ("quota_of_holders", "At most a share of those holding another title"),
                    ("top_ranked", "Only the bloc's top-ranked units"),
                    ("max_per_bloc", "At most a number per bloc"),
                    ("vote_passed", "Passed the members' vote"),
                    (
                        "held_consecutive_years",
                        "Held another title in each of the last years, this one included (register)",
                    ),
                    ("held_within_years", "Held another title at least once in the years before (register)"),
                ],
                max_length=32,
                verbose_name="check",
            ),
        ),
        migrations.AlterField(
            model_name="rule",
            name="number",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                help_text="For the rules over past years: how many years.",
                max_digits=6,
                null=True,
                verbose_name="number or percentage",
            ),
        ),
        migrations.RunPython(add_history_rules, migrations.RunPython.noop),
    ]
