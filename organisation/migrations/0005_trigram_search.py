from django.db import migrations

from core.db import trigram_index


class Migration(migrations.Migration):
    """Units and staff are searched by their folded names anywhere inside; on PostgreSQL an index serves that."""

    dependencies = [("organisation", "0004_roles_councils_codes")]

    operations = [
        trigram_index(table="campaigns_unit", column="search_name", name="unit_search_name_trgm"),
        trigram_index(table="campaigns_person", column="search_name", name="person_search_name_trgm"),
    ]
