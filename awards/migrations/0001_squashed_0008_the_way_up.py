"""The awards app as main left it at d290e13: proposals and their lines, the titles' rules, the council's secret
ballot and its decision, initiatives; and the rule sets it ships, as data frozen here (later corrections to
`awards/rulesets.py` come in migrations of their own).

Replaces 0001–0008: a database that applied those goes on from here.
"""

from datetime import date
from decimal import Decimal

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# The shipped rule sets, copied from awards/rulesets.py as it stood.
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


def add_rule_sets(apps, schema_editor):
    """The shipped rule sets with their rules, quorum, vote thresholds and legal bases."""
    RuleSet = apps.get_model("awards", "RuleSet")
    Rule = apps.get_model("awards", "Rule")
    VoteThreshold = apps.get_model("awards", "VoteThreshold")
    titles = {title.code: title for title in apps.get_model("campaigns", "Title").objects.all()}
    for spec in RULE_SETS:
        rule_set = RuleSet.objects.create(
            code=spec["code"],
            name=spec["name"],
            valid_from=spec["valid_from"],
            valid_to=spec["valid_to"],
            quorum=Decimal(spec["quorum"][0]),
            quorum_source=spec["quorum"][1],
            legal_bases=spec["legal_bases"],
        )
        Rule.objects.bulk_create(
            Rule(
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
        VoteThreshold.objects.bulk_create(
            VoteThreshold(
                rule_set=rule_set,
                title=titles[code] if code else None,
                percent=Decimal(percent),
                council_sets=council_sets,
                legal_source=source,
            )
            for code, percent, council_sets, source in spec["thresholds"]
        )


class Migration(migrations.Migration):

    replaces = [('awards', '0001_initial'), ('awards', '0002_rule_sets'), ('awards', '0003_units_and_councils_from_organisation'), ('awards', '0004_initiative_unique'), ('awards', '0005_council_ballots_and_decisions'), ('awards', '0006_vote_rules'), ('awards', '0007_history_rules'), ('awards', '0008_the_way_up')]

    initial = True

    dependencies = [
        ('campaigns', '0001_squashed_0007_trigram_search'),
        ('organisation', '0001_squashed_0006_sheet_import_of_the_award_register'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Proposal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('bloc', "From the bloc's ranking and vote"), ('unit', "From a unit's own council (its staff and sub-units)")], max_length=8, verbose_name='kind')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'With the council'), ('approved', 'Approved by the council')], default='draft', max_length=16, verbose_name='status')),
                ('number', models.CharField(blank=True, max_length=64, verbose_name='number and symbol')),
                ('place', models.CharField(blank=True, max_length=64, verbose_name='place')),
                ('dated', models.DateField(blank=True, null=True, verbose_name='date')),
                ('summary', models.CharField(max_length=255, verbose_name='summary')),
                ('body', models.TextField(blank=True, verbose_name='text of the letter')),
                ('signing_authority', models.CharField(blank=True, max_length=255, verbose_name='signing authority')),
                ('signer_title', models.CharField(blank=True, max_length=255, verbose_name="signer's title")),
                ('signer_name', models.CharField(blank=True, max_length=128, verbose_name="signer's name")),
                ('recipients', models.TextField(blank=True, verbose_name='recipients (Nơi nhận)')),
                ('version', models.PositiveIntegerField(default=1)),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('campaign', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='proposals', to='campaigns.campaign', verbose_name='campaign')),
                ('council', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='proposals', to='organisation.council', verbose_name='council')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                ('proposer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='proposals', to='organisation.unit', verbose_name='proposing unit')),
                ('forwarded_from', models.OneToOneField(blank=True, help_text='The proposal whose lines, passed by a lower council, this one carries up.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='forwarded', to='awards.proposal', verbose_name='forwarded from')),
                ('returned_reason', models.TextField(blank=True, verbose_name='why the council returned it')),
            ],
            options={
                'verbose_name': 'proposal',
                'verbose_name_plural': 'proposals',
                'ordering': ['-created_at'],
            },
        ),
        migrations.CreateModel(
            name='ProposalLine',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveIntegerField(default=0, verbose_name='position')),
                ('outstanding', models.BooleanField(default=False, verbose_name='completed duties with distinction')),
                ('achievements', models.TextField(blank=True, verbose_name='achievements')),
                ('rank', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='rank')),
                ('votes', models.CharField(blank=True, max_length=32, verbose_name='votes')),
                ('decision', models.CharField(choices=[('pending', 'Not reviewed'), ('approved', 'Approved'), ('rejected', 'Rejected')], default='pending', max_length=16, verbose_name='decision')),
                ('reason', models.TextField(blank=True, verbose_name='reason')),
                ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='decided at')),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='decided by')),
                ('person', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisation.person', verbose_name='staff member')),
                ('proposal', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='lines', to='awards.proposal')),
                ('title', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='campaigns.title', verbose_name='title')),
                ('unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisation.unit', verbose_name='unit')),
            ],
            options={
                'verbose_name': 'proposal line',
                'verbose_name_plural': 'proposal lines',
                'ordering': ['proposal', 'position', 'id'],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('person__isnull', True), ('unit__isnull', False)), models.Q(('person__isnull', False), ('unit__isnull', True)), _connector='OR'), name='line_is_for_a_unit_or_a_person', violation_error_message='A line proposes either a unit or a person.'), models.UniqueConstraint(condition=models.Q(('unit__isnull', False)), fields=('proposal', 'title', 'unit'), name='unit_proposed_once_per_title', violation_error_message='This unit is proposed for this title already.'), models.UniqueConstraint(condition=models.Q(('person__isnull', False)), fields=('proposal', 'title', 'person'), name='person_proposed_once_per_title', violation_error_message='This person is proposed for this title already.')],
            },
        ),
        migrations.CreateModel(
            name='RuleSet',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.SlugField(max_length=32, unique=True, verbose_name='code')),
                ('name', models.CharField(max_length=255, verbose_name='name')),
                ('valid_from', models.DateField(verbose_name='in force from')),
                ('valid_to', models.DateField(blank=True, null=True, verbose_name='in force until')),
                ('legal_bases', models.TextField(blank=True, help_text='The “Căn cứ” lines an award decision under this law cites, one per line.', verbose_name='legal bases of a decision')),
                ('quorum', models.DecimalField(decimal_places=2, default=Decimal('66.67'), max_digits=5, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(100)], verbose_name='council quorum (per cent of members present)')),
                ('quorum_source', models.CharField(blank=True, max_length=255, verbose_name='source of the quorum')),
            ],
            options={
                'verbose_name': 'rule set',
                'verbose_name_plural': 'rule sets',
                'ordering': ['valid_from'],
            },
        ),
        migrations.CreateModel(
            name='Rule',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('requires_title', 'Requires another title the same year'), ('requires_initiative', 'Requires a recognised initiative'), ('outstanding_or_initiative', 'Requires duties completed with distinction or a recognised initiative'), ('requires_outstanding', 'Requires duties completed with distinction'), ('share_of_members', "A share of the collective's members hold a title"), ('member_with_title', 'At least one member of the collective holds a title'), ('quota_of_holders', 'At most a share of those holding another title'), ('top_ranked', "Only the bloc's top-ranked units"), ('max_per_bloc', 'At most a number per bloc'), ('vote_passed', "Passed the members' vote"), ('held_consecutive_years', 'Held another title in each of the last years, this one included (register)'), ('held_within_years', 'Held another title at least once in the years before (register)')], max_length=32, verbose_name='check')),
                ('number', models.DecimalField(blank=True, decimal_places=2, help_text='For the rules over past years: how many years.', max_digits=6, null=True, verbose_name='number or percentage')),
                ('legal_source', models.CharField(max_length=255, verbose_name='legal source')),
                ('text', models.TextField(blank=True, verbose_name='the rule as the law words it')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position')),
                ('other_title', models.ForeignKey(blank=True, help_text='The title this rule refers to, where it refers to one.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='campaigns.title', verbose_name='other title')),
                ('title', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='rules', to='campaigns.title', verbose_name='title')),
                ('rule_set', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='rules', to='awards.ruleset', verbose_name='rule set')),
            ],
            options={
                'verbose_name': 'rule',
                'verbose_name_plural': 'rules',
                'ordering': ['rule_set', 'title', 'position'],
            },
        ),
        migrations.CreateModel(
            name='CampaignRules',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('campaign', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='award_rules', to='campaigns.campaign')),
                ('rule_set', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='awards.ruleset', verbose_name='rule set')),
            ],
            options={
                'verbose_name': "campaign's rule set",
                'verbose_name_plural': "campaigns' rule sets",
            },
        ),
        migrations.CreateModel(
            name='VoteThreshold',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('percent', models.DecimalField(decimal_places=2, max_digits=5, validators=[django.core.validators.MinValueValidator(Decimal('0.01')), django.core.validators.MaxValueValidator(100)], verbose_name='votes needed (per cent of all members)')),
                ('council_sets', models.BooleanField(default=False, help_text='The law leaves the figure to the unit: the council may change it when it opens a ballot.', verbose_name='the council sets the figure')),
                ('legal_source', models.CharField(max_length=255, verbose_name='legal source')),
                ('rule_set', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='vote_thresholds', to='awards.ruleset', verbose_name='rule set')),
                ('title', models.ForeignKey(blank=True, help_text='Empty: every title this rule set names no figure for.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='campaigns.title', verbose_name='title')),
            ],
            options={
                'verbose_name': 'vote threshold',
                'verbose_name_plural': 'vote thresholds',
                'ordering': ['rule_set', 'title__position'],
                'constraints': [models.UniqueConstraint(fields=('rule_set', 'title'), name='one_threshold_per_title', violation_error_message='This rule set has a threshold for this title already.'), models.UniqueConstraint(condition=models.Q(('title__isnull', True)), fields=('rule_set',), name='one_default_threshold', violation_error_message='This rule set has a default threshold already.')],
            },
        ),
        migrations.CreateModel(
            name='CouncilBallot',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('open', 'Voting'), ('closed', 'Counted')], default='open', max_length=8, verbose_name='status')),
                ('held_on', models.DateField(verbose_name='meeting date')),
                ('member_count', models.PositiveSmallIntegerField(verbose_name='council members')),
                ('quorum', models.DecimalField(decimal_places=2, max_digits=5, verbose_name='quorum (per cent of members present)')),
                ('quorum_source', models.CharField(max_length=255, verbose_name='source of the quorum')),
                ('opened_at', models.DateTimeField(auto_now_add=True, verbose_name='opened at')),
                ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='closed at')),
                ('closed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='closed by')),
                ('opened_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='opened by')),
                ('proposal', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='ballot', to='awards.proposal')),
            ],
            options={
                'verbose_name': 'council ballot',
                'verbose_name_plural': 'council ballots',
            },
        ),
        migrations.CreateModel(
            name='BallotSeat',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.CharField(choices=[('chair', 'Chair'), ('vice_chair', 'Vice-chair'), ('secretary', 'Secretary'), ('member', 'Member')], max_length=16, verbose_name='position')),
                ('name', models.CharField(max_length=255, verbose_name='name')),
                ('job_title', models.CharField(blank=True, max_length=255, verbose_name='title')),
                ('present', models.BooleanField(default=False, verbose_name='present')),
                ('in_writing', models.BooleanField(default=False, verbose_name='voted in writing')),
                ('voted_at', models.DateTimeField(blank=True, null=True, verbose_name='voted at')),
                ('version', models.PositiveIntegerField(default=0)),
                ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to=settings.AUTH_USER_MODEL, verbose_name='member')),
                ('ballot', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='seats', to='awards.councilballot')),
            ],
            options={
                'verbose_name': 'ballot seat',
                'verbose_name_plural': 'ballot seats',
                'ordering': ['ballot', 'id'],
                'constraints': [models.UniqueConstraint(fields=('ballot', 'user'), name='one_seat_per_member_and_ballot')],
            },
        ),
        migrations.CreateModel(
            name='BallotThreshold',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('percent', models.DecimalField(decimal_places=2, max_digits=5, verbose_name='votes needed (per cent of all members)')),
                ('legal_source', models.CharField(max_length=255, verbose_name='legal source')),
                ('title', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='campaigns.title', verbose_name='title')),
                ('ballot', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='thresholds', to='awards.councilballot')),
            ],
            options={
                'ordering': ['ballot', 'title__position'],
                'constraints': [models.UniqueConstraint(fields=('ballot', 'title'), name='one_ballot_threshold_per_title')],
            },
        ),
        migrations.CreateModel(
            name='SecretVote',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('agree', models.BooleanField()),
                ('line', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='awards.proposalline')),
                ('seat', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='votes', to='awards.ballotseat')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('seat', 'line'), name='one_vote_per_member_and_line')],
            },
        ),
        migrations.CreateModel(
            name='AwardDecision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                ('number', models.CharField(max_length=64, verbose_name='number and symbol')),
                ('place', models.CharField(max_length=64, verbose_name='place')),
                ('dated', models.DateField(verbose_name='date')),
                ('parent_body', models.CharField(blank=True, max_length=255, verbose_name='parent body')),
                ('issuing_body', models.CharField(max_length=255, verbose_name='issuing body')),
                ('grantor', models.CharField(help_text='Printed above the legal bases and on the certificates, e.g. Chủ tịch Ủy ban nhân dân tỉnh …', max_length=255, verbose_name="issuing authority's title")),
                ('summary', models.CharField(max_length=255, verbose_name='summary')),
                ('bases', models.TextField(verbose_name='legal bases (Căn cứ), one per line')),
                ('achievement', models.CharField(max_length=255, verbose_name='achievement')),
                ('article_2', models.TextField(verbose_name='Article 2')),
                ('article_3', models.TextField(verbose_name='Article 3')),
                ('recipients', models.TextField(verbose_name='recipients (Nơi nhận)')),
                ('signing_authority', models.CharField(max_length=255, verbose_name='signing authority')),
                ('signer_name', models.CharField(max_length=128, verbose_name="signer's name")),
                ('version', models.PositiveIntegerField(default=1)),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='issued at')),
                ('authority', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='award_decisions', to='organisation.unit', verbose_name='issuing authority')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='issued by')),
                ('proposal', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='award_decision', to='awards.proposal')),
            ],
            options={
                'verbose_name': 'award decision',
                'verbose_name_plural': 'award decisions',
                'ordering': ['-dated', '-id'],
                'constraints': [models.UniqueConstraint(fields=('authority', 'year', 'number'), name='decision_number_unique_per_authority_and_year', violation_error_message='This authority has used this number this year already.')],
            },
        ),
        migrations.CreateModel(
            name='RenderedFile',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('decision', 'Decision'), ('decision_list', 'List attached to the decision'), ('certificates', 'Certificates'), ('ballot_minutes', "Minutes of the council's ballot")], max_length=16)),
                ('version', models.PositiveIntegerField()),
                ('status', models.CharField(choices=[('pending', 'Waiting'), ('running', 'Rendering'), ('done', 'Ready'), ('failed', 'Failed')], default='pending', max_length=8)),
                ('done', models.PositiveIntegerField(default=0)),
                ('total', models.PositiveIntegerField(default=1)),
                ('file', models.FileField(blank=True, upload_to='documents/%Y/')),
                ('error', models.TextField(blank=True)),
                ('requested_at', models.DateTimeField(auto_now_add=True)),
                ('started_at', models.DateTimeField(blank=True, null=True)),
                ('finished_at', models.DateTimeField(blank=True, null=True)),
                ('proposal', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='rendered_files', to='awards.proposal')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('proposal', 'kind', 'version'), name='one_file_per_document_version')],
            },
        ),
        migrations.CreateModel(
            name='Initiative',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                ('name', models.CharField(max_length=255, verbose_name='initiative')),
                ('summary', models.TextField(blank=True, verbose_name='summary')),
                ('status', models.CharField(choices=[('submitted', 'Waiting for recognition'), ('recognised', 'Recognised'), ('rejected', 'Not recognised')], default='submitted', max_length=16, verbose_name='status')),
                ('recognised_by', models.CharField(blank=True, max_length=255, verbose_name='recognised by')),
                ('decision', models.CharField(blank=True, max_length=128, verbose_name='decision number and date')),
                ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='decided at')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='registered at')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='registered by')),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='decided by')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='initiatives', to='organisation.person', verbose_name='author')),
            ],
            options={
                'verbose_name': 'initiative',
                'verbose_name_plural': 'initiatives',
                'ordering': ['-year', 'person__sort_name'],
                'constraints': [models.UniqueConstraint(fields=('person', 'year', 'name'), name='initiative_registered_once', violation_error_message='This initiative is registered already.')],
            },
        ),
        migrations.RunPython(add_rule_sets, migrations.RunPython.noop),
    ]
