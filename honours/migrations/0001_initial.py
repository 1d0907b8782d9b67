import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('campaigns', '0001_squashed_0007_trigram_search'),
        ('organisation', '0001_squashed_0006_sheet_import_of_the_award_register'),
    ]

    operations = [
        migrations.CreateModel(
            name='Honour',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2100)], verbose_name='year of the achievement')),
                ('recipient_name', models.CharField(max_length=255, verbose_name='awarded to')),
                ('sort_name', models.CharField(editable=False, max_length=1024)),
                ('search_text', models.CharField(editable=False, max_length=400)),
                ('decision_number', models.CharField(max_length=64, verbose_name='decision number')),
                ('decision_date', models.DateField(verbose_name='decision date')),
                ('authority', models.CharField(max_length=255, verbose_name='issued by')),
                ('method', models.CharField(choices=[('regular', 'Regular'), ('thematic', 'Thematic'), ('extraordinary', 'Extraordinary'), ('foreign', 'Foreign relations'), ('dedication', 'Lifetime dedication'), ('seniority', 'Years of service'), ('resistance', 'Resistance wars')], default='regular', max_length=16, verbose_name='award method')),
                ('source', models.CharField(choices=[('decision', 'Decided in thidua'), ('import', 'Imported from Excel')], max_length=16, verbose_name='source')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='recorded at')),
                ('person', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='honours', to='organisation.person', verbose_name='staff member')),
                ('sheet_import', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='organisation.sheetimport', verbose_name='Excel import')),
                ('title', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='campaigns.title', verbose_name='title')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='honours', to='organisation.unit', verbose_name='unit')),
            ],
            options={
                'verbose_name': 'award in the register',
                'verbose_name_plural': 'award register',
                'ordering': ['-year', 'title_id', 'sort_name', 'id'],
                'indexes': [models.Index(fields=['-year', 'title', 'sort_name', 'id'], name='honour_register_order'), models.Index(fields=['decision_date'], name='honour_decision_date')],
                'constraints': [models.UniqueConstraint(condition=models.Q(('person__isnull', False)), fields=('title', 'person', 'year'), name='honour_once_per_person_title_year', violation_error_message='This person holds this award for this year already.'), models.UniqueConstraint(condition=models.Q(('person__isnull', True)), fields=('title', 'unit', 'year'), name='honour_once_per_collective_title_year', violation_error_message='This collective holds this award for this year already.')],
            },
        ),
    ]
