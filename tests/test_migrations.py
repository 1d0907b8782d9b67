from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command


def test_models_and_migrations_agree(db):
    # Fails (SystemExit) when a model change has no migration.
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())


@pytest.mark.django_db(transaction=True)
def test_score_history_is_carried_over_from_the_activity_log(world):
    """Score changes logged before the history had its own table still show after the upgrade."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from campaigns.services import log_action
    from scoring.models import Criterion, ScoreChange

    campaign, unit, scorer = world["campaign"], world["unit_b"], world["unit_a"]
    criterion = Criterion.objects.create(campaign=campaign, position=1, text="Nhiệm vụ", max_points=10)
    executor = MigrationExecutor(connection)
    executor.migrate([("scoring", "0002_tie_break_women")])
    data = {"unit": unit.pk, "scorer": scorer.pk, "criterion": criterion.pk, "old": "7.00", "new": "8.50"}
    entry = log_action(obj=campaign, action="score.changed", user=world["leader"], data=data)
    log_action(obj=campaign, action="score.changed", user=world["leader"], data={**data, "criterion": 0})
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    (change,) = ScoreChange.objects.all()
    assert (change.unit, change.scorer, change.criterion) == (unit, scorer, criterion)
    assert (change.old, change.new, change.changed_by, change.changed_at) == (
        Decimal("7.00"),
        Decimal("8.50"),
        world["leader"],
        entry.created_at,
    )
