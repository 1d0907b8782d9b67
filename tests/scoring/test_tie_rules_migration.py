"""The single tie rule a campaign had becomes the first step of its cascade when the database is upgraded."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("scoring", "0001_squashed_0007_publication_and_objections"), ("awards", "0013_rule_books_of_the_offices")]
AFTER = [("scoring", "0003_classification_ties_quotas"), ("awards", "0014_campaign_quotas")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_each_campaigns_tie_rule_becomes_the_first_step_of_its_cascade(world):
    from campaigns.models import Campaign
    from scoring.models import TieRule

    old = migrate(BEFORE)
    Policy = old.get_model("scoring", "ScoringPolicy")
    women = Campaign.objects.create(name="Phong trào nữ", issuer=world["unit_a"], year=2020)
    shared = Campaign.objects.create(name="Phong trào đồng hạng", issuer=world["unit_a"], year=2020)
    Policy.objects.create(campaign_id=women.pk, tie_break="women")
    Policy.objects.create(campaign_id=shared.pk, tie_break="none")
    migrate(AFTER)
    cascades = {rule.campaign_id: (rule.position, rule.kind) for rule in TieRule.objects.all()}
    # Without scoring rules a campaign had the default: fewer deductions first.
    assert cascades[world["campaign"].pk] == (1, "fewer_deductions")
    assert cascades[women.pk] == (1, "women")
    assert shared.pk not in cascades
    # And back: the first step returns to the single choice.
    old = migrate(BEFORE)
    chosen = dict(old.get_model("scoring", "ScoringPolicy").objects.values_list("campaign_id", "tie_break"))
    assert chosen == {women.pk: "women", shared.pk: "none"}
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # the later tests of the worker need the newest tables
