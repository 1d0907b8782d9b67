from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from .migrating import migrate_history, migrate_latest


def test_models_and_migrations_agree(db):
    # Fails (SystemExit) when a model change has no migration.
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())


@pytest.mark.django_db(transaction=True)
def test_score_history_is_carried_over_from_the_activity_log(world):
    """Score changes logged before the history had its own table still show after the upgrade."""
    from scoring.models import Criterion, ScoreChange

    campaign, unit, scorer = world["campaign"], world["unit_b"], world["unit_a"]
    criterion = Criterion.objects.create(campaign=campaign, position=1, text="Nhiệm vụ", max_points=10)
    old = migrate(("scoring", "0003_units_from_organisation"))
    campaign_type, _created = old.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="campaigns", model="campaign"
    )
    data = {"unit": unit.pk, "scorer": scorer.pk, "criterion": criterion.pk, "old": "7.00", "new": "8.50"}
    logged = {"content_type": campaign_type, "object_id": campaign.pk, "action": "score.changed"}
    log = old.get_model("activity", "ActivityLog").objects
    entry = log.create(**logged, user_id=world["leader"].pk, data=data)
    log.create(**logged, user_id=world["leader"].pk, data={**data, "criterion": 0})
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
    """Back along the previous main's migrations to `targets`, returning the models as they were there (the tables
    had their old names); with none, up to the newest."""
    if targets:
        return migrate_history(list(targets))
    migrate_latest()


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


@pytest.mark.django_db(transaction=True)
def test_second_drafts_of_a_proposer_are_folded_into_the_first_before_one_draft_is_held(client, world):
    from activity.models import ActivityLog
    from awards.models import Proposal
    from campaigns.models import Title
    from campaigns.titles import ensure_default_titles
    from organisation.models import Person

    unit = world["unit_b"]
    lan, binh = (Person.objects.create(unit=unit, full_name=name) for name in ("Nguyễn Thị Lan", "Trần Văn Bình"))
    ensure_default_titles(Title)  # a test before may have emptied the tables
    ldtt, cstdcs = Title.objects.get(code="ldtt"), Title.objects.get(code="cstdcs")
    # Written with the models as they were then (later columns, such as a line's version, did not exist yet).
    then = migrate(("awards", "0008_the_way_up"))
    OldProposal, OldLine = then.get_model("awards", "Proposal"), then.get_model("awards", "ProposalLine")
    made = {
        "campaign_id": world["campaign"].pk,
        "kind": "unit",
        "proposer_id": unit.pk,
        "council_id": world["council"].pk,
        "created_by_id": world["clerk_b"].pk,
    }
    first = OldProposal.objects.create(**made, summary="Tờ trình bị trả lại", returned_reason="Thiếu thành tích")
    OldLine.objects.create(proposal=first, position=1, title_id=ldtt.pk, person_id=lan.pk)
    second = OldProposal.objects.create(**made, summary="Tờ trình lập lại", number="12/TTr")
    OldLine.objects.create(proposal=second, position=1, title_id=ldtt.pk, person_id=lan.pk)  # already in the first
    OldLine.objects.create(proposal=second, position=2, title_id=cstdcs.pk, person_id=lan.pk)
    OldLine.objects.create(proposal=second, position=3, title_id=ldtt.pk, person_id=binh.pk)
    sent = OldProposal.objects.create(**made, summary="Tờ trình đã trình", status="submitted")
    other_unit = OldProposal.objects.create(**{**made, "proposer_id": world["unit_a"].pk}, summary="Của đơn vị khác")

    migrate()

    assert set(Proposal.objects.values_list("pk", flat=True)) == {first.pk, sent.pk, other_unit.pk}
    first = Proposal.objects.get(pk=first.pk)
    lines = [(line.position, line.title.code, line.person.full_name) for line in first.lines.all()]
    assert lines == [(1, "ldtt", "Nguyễn Thị Lan"), (2, "cstdcs", "Nguyễn Thị Lan"), (3, "ldtt", "Trần Văn Bình")]
    assert (first.status, first.returned_reason) == ("draft", "Thiếu thành tích")
    entry = ActivityLog.objects.get(action="proposal.drafts_merged")
    assert entry.subject == first and (entry.data["summary"], entry.data["number"]) == ("Tờ trình lập lại", "12/TTr")
    client.force_login(world["clerk_b"])
    history = client.get(reverse("awards:detail", args=[first.pk])).content.decode()
    assert "gộp vào tờ trình các dòng của một dự thảo thứ hai (khi nâng cấp)" in history
