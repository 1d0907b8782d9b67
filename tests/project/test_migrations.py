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
    from activity.services import log_action
    from scoring.models import Criterion, ScoreChange

    campaign, unit, scorer = world["campaign"], world["unit_b"], world["unit_a"]
    criterion = Criterion.objects.create(campaign=campaign, position=1, text="Nhiệm vụ", max_points=10)
    migrate(("scoring", "0003_units_from_organisation"))
    data = {"unit": unit.pk, "scorer": scorer.pk, "criterion": criterion.pk, "old": "7.00", "new": "8.50"}
    entry = log_action(obj=campaign, action="score.changed", user=world["leader"], data=data)
    log_action(obj=campaign, action="score.changed", user=world["leader"], data={**data, "criterion": 0})
    migrate()
    (change,) = ScoreChange.objects.all()
    assert (change.unit, change.scorer, change.criterion) == (unit, scorer, criterion)
    assert (change.old, change.new, change.changed_by, change.changed_at) == (
        Decimal("7.00"),
        Decimal("8.50"),
        world["leader"],
        entry.created_at,
    )


def migrate(*targets):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate(list(targets) or executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_initiatives_posted_twice_are_merged_before_they_become_unique(world):
    from awards.models import Initiative
    from organisation.models import Person

    person = Person.objects.create(unit=world["unit_b"], full_name="Nguyễn Thị Lan", gender="female")
    migrate(("awards", "0003_units_and_councils_from_organisation"))
    made = {"created_by": world["clerk_b"], "person": person, "year": 2020}
    waiting = Initiative.objects.create(**made, name="Số hóa hồ sơ")
    Initiative.objects.create(**made, name="Số hóa hồ sơ")
    Initiative.objects.create(**made, name="Số hóa hồ sơ", status="recognised", decision="QĐ 12")
    Initiative.objects.create(**made, name="Số hóa hồ sơ", status="rejected")
    other = Initiative.objects.create(**made, name="Tiết kiệm điện")
    migrate()
    rows = sorted(Initiative.objects.values_list("name", "status"))
    assert rows == [("Số hóa hồ sơ", "recognised"), ("Số hóa hồ sơ (2)", "rejected"), ("Tiết kiệm điện", "submitted")]
    assert not Initiative.objects.filter(pk=waiting.pk).exists() and Initiative.objects.filter(pk=other.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_reports_sent_twice_keep_the_latest_before_they_become_unique(world):
    from scoring.models import MidyearReport

    migrate(("scoring", "0004_scorechange"))
    made = {"campaign": world["campaign"], "unit": world["unit_b"], "size": 1, "uploaded_by": world["clerk_b"]}
    MidyearReport.objects.create(**made, original_name="lan-1.pdf", file="scoring/lan-1.pdf")
    MidyearReport.objects.create(**made, original_name="lan-2.pdf", file="scoring/lan-2.pdf")
    MidyearReport.objects.create(**{**made, "unit": world["unit_a"]}, original_name="a.pdf", file="scoring/a.pdf")
    migrate()
    assert sorted(MidyearReport.objects.values_list("original_name", flat=True)) == ["a.pdf", "lan-2.pdf"]
