"""An existing database upgrades to the rule books with its judged campaigns' results kept."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("awards", "0009_dossier")]
ND152 = "luat-2022-nd-152-2025"


def migrate(targets=None):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_a_campaign_judged_under_the_old_decree_152_set_keeps_its_results(world):
    from awards.migrations._shipped_2026_11 import ensure_history_rules, ensure_rule_sets, ensure_vote_rules

    old = migrate(BEFORE)
    get = old.get_model
    RuleSet, Title = get("awards", "RuleSet"), get("campaigns", "Title")
    # The set as migrations 0002 and 0006 left it in a database of November 2026.
    RuleSet.objects.filter(code=ND152).delete()
    ensure_rule_sets(RuleSet, get("awards", "Rule"), Title)
    ensure_vote_rules(RuleSet, get("awards", "VoteThreshold"), Title)
    ensure_history_rules(RuleSet, get("awards", "Rule"), Title)
    judged_by = RuleSet.objects.get(code=ND152)
    assert get("awards", "VoteThreshold").objects.filter(rule_set=judged_by, title__code="cstdcs", percent=80).exists()

    campaign = get("campaigns", "Campaign").objects.create(
        name="Phong trào năm 2025",
        search_name="phong trao",
        sort_name="p",
        issuer_id=world["unit_a"].pk,
        council_id=world["council"].pk,
        year=2025,
        status="active",
    )
    proposal = get("awards", "Proposal").objects.create(
        campaign=campaign,
        kind="unit",
        proposer_id=world["unit_a"].pk,
        council_id=world["council"].pk,
        summary="Đề nghị năm 2025",
        status="approved",
        created_by_id=world["admin"].pk,
    )
    person = get("organisation", "Person").objects.create(
        unit_id=world["unit_a"].pk, full_name="Lý Thị Hồng", search_name="ly thi hong", sort_name="hong"
    )
    line = get("awards", "ProposalLine").objects.create(
        proposal=proposal,
        title=Title.objects.get(code="cstdcs"),
        person=person,
        decision="approved",
        reason="9 của 10 thành viên đồng ý (90%; cần 80% tổng số thành viên).",
    )
    ballot = get("awards", "CouncilBallot").objects.create(
        proposal=proposal,
        status="closed",
        held_on=date(2025, 12, 20),
        member_count=10,
        quorum=Decimal("66.67"),
        quorum_source="cũ",
        opened_by_id=world["admin"].pk,
    )
    get("awards", "BallotThreshold").objects.create(
        ballot=ballot, title=Title.objects.get(code="cstdcs"), percent=80, legal_source="Nghị định 152/2025 (cũ)"
    )

    migrate()
    from awards.models import BallotThreshold, CouncilBallot, ProposalLine, RuleSet, VoteThreshold

    kept = CouncilBallot.objects.get(pk=ballot.pk).rule_set
    assert kept.pk == judged_by.pk and kept.superseded_at is not None  # the version that judged it, kept
    assert VoteThreshold.objects.filter(rule_set=kept, title__code="cstdcs", percent=80).exists()
    assert BallotThreshold.objects.get(ballot_id=ballot.pk).percent == 80
    assert ProposalLine.objects.get(pk=line.pk).decision == "approved"
    corrected = RuleSet.objects.get(code=ND152)
    assert corrected.previous_id == kept.pk and corrected.valid_to == date(2027, 2, 28)
    assert set(
        VoteThreshold.objects.filter(rule_set=corrected, title__isnull=False).values_list("title__code", flat=True)
    ) == {"cstd-toan-quoc", "co-thi-dua-cp"}
