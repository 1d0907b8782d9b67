from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('organisation', '0005_trigram_search'),
    ]

    operations = [
        migrations.AlterField(
            model_name='sheetimport',
            name='kind',
            field=models.CharField(choices=[('staff', 'Staff list'), ('units', 'Unit tree'), ('accounts', 'Accounts to invite'), ('honours', 'Award register')], default='staff', max_length=16, verbose_name='kind'),
        ),
    ]
