"""Scoring as main left it at d290e13: the scoring policy and criteria, mid-year reports, scorecards with their
self-assessment, evidence and scores (and the history of each change), score sheets, the ranking, its publication
and the objections to it, and the members' vote.

Replaces 0001–0007: a database that applied those goes on from here.
"""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('scoring', '0001_initial'), ('scoring', '0002_tie_break_women'), ('scoring', '0003_units_from_organisation'), ('scoring', '0004_scorechange'), ('scoring', '0005_midyearreport_unique'), ('scoring', '0006_score_sheet_versions'), ('scoring', '0007_publication_and_objections')]

    initial = True

    dependencies = [
        ('campaigns', '0001_squashed_0007_trigram_search'),
        ('organisation', '0001_squashed_0006_sheet_import_of_the_award_register'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ScoringPolicy',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('final_rule', models.CharField(choices=[('leader', "The leader's score"), ('mean', 'The mean of all scorers')], default='leader', max_length=16, verbose_name='final score per criterion')),
                ('cross_scoring', models.BooleanField(default=False, help_text='A unit never scores itself.', verbose_name='member units score each other')),
                ('tie_break', models.CharField(choices=[('none', 'Tied units share the rank'), ('fewer_deductions', 'Fewer deduction points ranks higher'), ('first_group', 'More points in the first criteria group ranks higher'), ('women', 'A collective at least 70% women ranks higher (Decree 152/2025, art. 4)')], default='fewer_deductions', max_length=24, verbose_name='ties')),
                ('vote_threshold', models.DecimalField(decimal_places=2, default=Decimal('50'), max_digits=5, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(100)], verbose_name='votes needed, in percent of the units present')),
                ('campaign', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='scoring_policy', to='campaigns.campaign', verbose_name='campaign')),
                ('objection_days', models.PositiveSmallIntegerField(default=0, help_text='Members may object to a line of their scores for this many days after the compiler publishes the results; the vote is recorded after that and once every objection is answered. 0: no objections.', validators=[django.core.validators.MaxValueValidator(60)], verbose_name='days for objections after the results are published')),
            ],
            options={
                'verbose_name': 'scoring policy',
                'verbose_name_plural': 'scoring policies',
            },
        ),
        migrations.CreateModel(
            name='Criterion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(verbose_name='position')),
                ('group', models.CharField(blank=True, max_length=255, verbose_name='group')),
                ('label', models.CharField(blank=True, max_length=16, verbose_name='number')),
                ('text', models.TextField(verbose_name='criterion')),
                ('max_points', models.DecimalField(decimal_places=2, max_digits=6, validators=[django.core.validators.MinValueValidator(Decimal('0.01'))], verbose_name='maximum points')),
                ('kind', models.CharField(choices=[('regular', 'Criterion'), ('bonus', 'Bonus points'), ('deduction', 'Deduction')], default='regular', max_length=16, verbose_name='kind')),
                ('campaign', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='criteria', to='campaigns.campaign', verbose_name='campaign')),
                ('content_item', models.ForeignKey(blank=True, help_text='Set for a criterion that scores an optional content item: only units that registered it score it.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='criteria', to='campaigns.contentitem', verbose_name='content item')),
            ],
            options={
                'verbose_name': 'criterion',
                'verbose_name_plural': 'scoring table',
                'ordering': ['campaign', 'position'],
                'constraints': [models.UniqueConstraint(fields=('campaign', 'position'), name='criterion_position_unique', violation_error_message='Two criteria cannot share a position.'), models.CheckConstraint(condition=models.Q(('max_points__gt', 0)), name='criterion_max_points_positive', violation_error_message='The maximum must be above zero.')],
            },
        ),
        migrations.CreateModel(
            name='MidyearReport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', models.FileField(upload_to='scoring/%Y/%m/', verbose_name='file')),
                ('original_name', models.CharField(max_length=255, verbose_name='file name')),
                ('size', models.PositiveIntegerField(verbose_name='size')),
                ('uploaded_at', models.DateTimeField(auto_now_add=True, verbose_name='uploaded at')),
                ('is_late', models.BooleanField(default=False, verbose_name='sent late')),
                ('campaign', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='midyear_reports', to='campaigns.campaign', verbose_name='campaign')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='midyear_reports', to='organisation.unit', verbose_name='unit')),
                ('uploaded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by')),
            ],
            options={
                'verbose_name': 'mid-year report',
                'verbose_name_plural': 'mid-year reports',
                'ordering': ['-uploaded_at'],
                'constraints': [models.UniqueConstraint(fields=('campaign', 'unit'), name='one_midyear_report_per_unit', violation_error_message='This unit has sent its mid-year report already; send it again to replace it.')],
            },
        ),
        migrations.CreateModel(
            name='Scorecard',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted')], default='draft', max_length=16, verbose_name='status')),
                ('version', models.PositiveIntegerField(default=0, verbose_name='version')),
                ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='submitted at')),
                ('is_late', models.BooleanField(default=False, verbose_name='sent late')),
                ('campaign', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='scorecards', to='campaigns.campaign', verbose_name='campaign')),
                ('submitted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='submitted by')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='scorecards', to='organisation.unit', verbose_name='unit')),
            ],
            options={
                'verbose_name': 'year-end self-assessment',
                'verbose_name_plural': 'year-end self-assessments',
                'constraints': [models.UniqueConstraint(fields=('campaign', 'unit'), name='one_scorecard_per_unit_and_campaign', violation_error_message='This unit has a self-assessment for this campaign already.')],
            },
        ),
        migrations.CreateModel(
            name='SelfScore',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('points', models.DecimalField(decimal_places=2, max_digits=6, validators=[django.core.validators.MinValueValidator(0)], verbose_name='points')),
                ('comment', models.TextField(blank=True, verbose_name='comment')),
                ('criterion', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='scoring.criterion', verbose_name='criterion')),
                ('scorecard', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='self_scores', to='scoring.scorecard')),
            ],
            options={
                'verbose_name': 'self-score',
                'verbose_name_plural': 'self-scores',
                'constraints': [models.UniqueConstraint(fields=('scorecard', 'criterion'), name='self_score_unique'), models.CheckConstraint(condition=models.Q(('points__gte', 0)), name='self_score_not_negative')],
            },
        ),
        migrations.CreateModel(
            name='Evidence',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', models.FileField(upload_to='scoring/%Y/%m/', verbose_name='file')),
                ('original_name', models.CharField(max_length=255, verbose_name='file name')),
                ('size', models.PositiveIntegerField(verbose_name='size')),
                ('uploaded_at', models.DateTimeField(auto_now_add=True, verbose_name='uploaded at')),
                ('criterion', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='scoring.criterion', verbose_name='criterion')),
                ('uploaded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by')),
                ('scorecard', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='evidence', to='scoring.scorecard')),
            ],
            options={
                'verbose_name': 'evidence',
                'verbose_name_plural': 'evidence',
                'ordering': ['uploaded_at'],
            },
        ),
        migrations.CreateModel(
            name='Score',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('points', models.DecimalField(decimal_places=2, max_digits=6, validators=[django.core.validators.MinValueValidator(0)], verbose_name='points')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='last changed')),
                ('criterion', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='scores', to='scoring.criterion', verbose_name='criterion')),
                ('scorer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='scores_given', to='organisation.unit', verbose_name='scored by')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='scores', to='organisation.unit', verbose_name='unit scored')),
                ('updated_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='changed by')),
                ('comment', models.TextField(blank=True, verbose_name="scorer's comment")),
            ],
            options={
                'verbose_name': 'score',
                'verbose_name_plural': 'scores',
                'constraints': [models.UniqueConstraint(fields=('criterion', 'unit', 'scorer'), name='one_score_per_scorer'), models.CheckConstraint(condition=models.Q(('points__gte', 0)), name='score_not_negative')],
            },
        ),
        migrations.CreateModel(
            name='ScoreChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('old', models.DecimalField(decimal_places=2, max_digits=6, null=True, verbose_name='old points')),
                ('new', models.DecimalField(decimal_places=2, max_digits=6, null=True, verbose_name='new points')),
                ('changed_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='changed at')),
                ('campaign', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='campaigns.campaign')),
                ('changed_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='changed by')),
                ('criterion', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='scoring.criterion', verbose_name='criterion')),
                ('scorer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisation.unit', verbose_name='scored by')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisation.unit', verbose_name='unit scored')),
            ],
            options={
                'verbose_name': 'score change',
                'verbose_name_plural': 'score changes',
                'ordering': ['-changed_at', '-id'],
                'indexes': [models.Index(fields=['campaign', 'unit', '-changed_at'], name='score_change_by_unit')],
            },
        ),
        migrations.CreateModel(
            name='ScoreSheet',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('version', models.PositiveIntegerField(default=0, verbose_name='version')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='last changed')),
                ('campaign', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='score_sheets', to='campaigns.campaign', verbose_name='campaign')),
                ('scorer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisation.unit', verbose_name='scored by')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisation.unit', verbose_name='unit scored')),
                ('updated_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='changed by')),
            ],
            options={
                'verbose_name': 'scores given to a unit',
                'verbose_name_plural': 'scores given to units',
                'constraints': [models.UniqueConstraint(fields=('campaign', 'unit', 'scorer'), name='one_score_sheet_per_scorer')],
            },
        ),
        migrations.CreateModel(
            name='Ranking',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('open', 'Open'), ('final', 'Final')], default='open', max_length=8, verbose_name='status')),
                ('finalised_at', models.DateTimeField(blank=True, null=True, verbose_name='finalised at')),
                ('campaign', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='rankings', to='campaigns.campaign', verbose_name='campaign')),
                ('compiler', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='rankings', to='organisation.unit', verbose_name='compiled by')),
                ('finalised_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='finalised by')),
                ('objections_until', models.DateField(blank=True, null=True, verbose_name='objections until')),
                ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='published at')),
                ('published_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='published by')),
            ],
            options={
                'verbose_name': 'ranking',
                'verbose_name_plural': 'rankings',
                'constraints': [models.UniqueConstraint(fields=('campaign', 'compiler'), name='one_ranking_per_compiler'), models.CheckConstraint(condition=models.Q(('status', 'open'), ('finalised_at__isnull', False), _connector='OR'), name='final_ranking_has_a_date'), models.CheckConstraint(condition=models.Q(('published_at__isnull', True), ('status', 'final'), _connector='OR'), name='only_a_final_ranking_is_published')],
            },
        ),
        migrations.CreateModel(
            name='RankingEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('rank', models.PositiveSmallIntegerField(verbose_name='rank')),
                ('total', models.DecimalField(decimal_places=2, max_digits=8, verbose_name='total')),
                ('self_total', models.DecimalField(decimal_places=2, max_digits=8, null=True, verbose_name='self-assessed total')),
                ('ranking', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='entries', to='scoring.ranking')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisation.unit', verbose_name='unit')),
            ],
            options={
                'verbose_name': 'ranking entry',
                'verbose_name_plural': 'ranking entries',
                'ordering': ['ranking', 'rank', 'unit__sort_name'],
                'constraints': [models.UniqueConstraint(fields=('ranking', 'unit'), name='ranking_entry_unique')],
            },
        ),
        migrations.CreateModel(
            name='Objection',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField(verbose_name='objection')),
                ('points_objected', models.DecimalField(decimal_places=2, max_digits=6, null=True, verbose_name='final score objected to')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='sent at')),
                ('status', models.CharField(choices=[('open', 'Waiting for an answer'), ('answered', 'Answered; the score stands'), ('corrected', 'Answered; the score is corrected')], default='open', max_length=16, verbose_name='status')),
                ('answer', models.TextField(blank=True, verbose_name='answer')),
                ('answered_at', models.DateTimeField(blank=True, null=True, verbose_name='answered at')),
                ('answered_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='answered by')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='sent by')),
                ('criterion', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='scoring.criterion', verbose_name='criterion')),
                ('ranking', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='objections', to='scoring.ranking', verbose_name='ranking')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisation.unit', verbose_name='unit')),
            ],
            options={
                'verbose_name': 'objection',
                'verbose_name_plural': 'objections',
                'ordering': ['created_at', 'id'],
                'constraints': [models.CheckConstraint(condition=models.Q(('status', 'open'), ('answered_at__isnull', False), _connector='OR'), name='answered_objection_has_a_date')],
            },
        ),
        migrations.CreateModel(
            name='VoteMeeting',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('held_on', models.DateField(verbose_name='date of the meeting')),
                ('place', models.CharField(blank=True, max_length=255, verbose_name='place')),
                ('threshold', models.DecimalField(decimal_places=2, max_digits=5, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(100)], verbose_name='votes needed, in percent of the units present')),
                ('notes', models.TextField(blank=True, verbose_name='minutes')),
                ('recorded_at', models.DateTimeField(auto_now=True, verbose_name='recorded at')),
                ('campaign', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='vote_meetings', to='campaigns.campaign', verbose_name='campaign')),
                ('compiler', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisation.unit', verbose_name='held by')),
                ('present', models.ManyToManyField(related_name='+', to='organisation.unit', verbose_name='units present')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
            ],
            options={
                'verbose_name': 'vote meeting',
                'verbose_name_plural': 'vote meetings',
                'constraints': [models.UniqueConstraint(fields=('campaign', 'compiler'), name='one_vote_meeting_per_compiler')],
            },
        ),
        migrations.CreateModel(
            name='Ballot',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('candidate', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisation.unit', verbose_name='proposed unit')),
                ('title', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='campaigns.title', verbose_name='title')),
                ('voter', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisation.unit', verbose_name='voter')),
                ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='ballots', to='scoring.votemeeting')),
            ],
            options={
                'verbose_name': 'vote',
                'verbose_name_plural': 'votes',
                'constraints': [models.UniqueConstraint(fields=('meeting', 'voter', 'candidate', 'title'), name='one_vote_per_voter')],
            },
        ),
    ]
