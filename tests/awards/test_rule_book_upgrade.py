"""An existing database upgrades to the rule books with its judged campaigns' results kept."""

from datetime import date
from decimal import Decimal
from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from campaigns.titles import ensure_default_titles

BEFORE = [("awards", "0011_proposal_line_version")]
ND152 = "luat-2022-nd-152-2025"


def migrate(targets=None):
    """Migrate awards back to `targets` (every other app stays at its newest), or everything to the newest; return
    the models as the database then holds them."""
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    if targets:
        targets = [leaf for leaf in leaves if leaf[0] != "awards"] + targets
    executor.migrate(targets or leaves)
    executor.loader.build_graph()
    return executor.loader.project_state(targets or leaves).apps


@pytest.mark.django_db(transaction=True)
def test_a_campaign_judged_under_the_old_decree_152_set_keeps_its_results(world):
    shipped = import_module("awards.migrations.0001_squashed_0008_the_way_up")
    old = migrate(BEFORE)
    get = old.get_model
    RuleSet, Title = get("awards", "RuleSet"), get("campaigns", "Title")
    # The sets as the squashed history ships them, as a database of November 2026 holds them.
    ensure_default_titles(Title)  # a transactional test before this one may have flushed the reference data
    RuleSet.objects.all().delete()
    shipped.add_rule_sets(old, None)
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
