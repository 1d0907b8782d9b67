"""Searching a folded name anywhere inside uses an index on PostgreSQL, however many rows there are."""

import pytest
from django.db import connection

from campaigns.models import Campaign
from core.text import fold
from organisation.models import Person, Unit


@pytest.fixture(autouse=True)
def needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("the trigram indexes are PostgreSQL's (set DATABASE_URL)")


@pytest.mark.parametrize(
    "model, index",
    [(Unit, "unit_search_name_trgm"), (Person, "person_search_name_trgm"), (Campaign, "campaign_search_name_trgm")],
)
def test_contains_search_on_folded_names_uses_the_trigram_index(db, model, index):
    query = model.objects.filter(search_name__contains=fold("Sở Y tế")).query
    sql, params = query.sql_with_params()
    with connection.cursor() as cursor:
        # With a handful of rows the planner would rightly read the table, or walk the ordering index and filter;
        # forbid both to see which index can serve the search itself.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert index in plan, plan
