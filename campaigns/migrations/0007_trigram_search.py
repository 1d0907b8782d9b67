from django.db import migrations

from core.db import trigram_index


class Migration(migrations.Migration):
    """Campaigns are searched by their folded titles anywhere inside; on PostgreSQL an index serves that."""

    dependencies = [("campaigns", "0006_notifications")]

    operations = [
        trigram_index(table="campaigns_campaign", column="search_name", name="campaign_search_name_trgm"),
    ]
