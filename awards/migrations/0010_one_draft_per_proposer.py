from django.db import migrations, models
from django.db.models import Count


def merge_second_drafts(apps, schema_editor):
    """Fold any second draft of a proposer into its first, so that the database can hold one.

    Two drafts of the same kind, campaign and proposer were left when a
    proposal came back (recalled, or returned by the council) after its
    proposer had drawn up another. The first one drawn up stays, with its
    history; each later one's lines join it, where its nominee is not already
    proposed there for that title, and the later draft goes, its letter kept in
    the first one's log.
    """
    Proposal = apps.get_model("awards", "Proposal")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ActivityLog = apps.get_model("activity", "ActivityLog")
    drafts = Proposal.objects.filter(status="draft", forwarded_from__isnull=True)
    twins = drafts.values("campaign_id", "kind", "proposer_id").annotate(count=Count("id")).filter(count__gt=1)
    for group in twins:
        first, *later = drafts.filter(
            campaign_id=group["campaign_id"], kind=group["kind"], proposer_id=group["proposer_id"]
        ).order_by("id")
        proposal_type, _created = ContentType.objects.get_or_create(app_label="awards", model="proposal")
        position = max(first.lines.values_list("position", flat=True), default=0)
        for other in later:
            moved = []
            for line in other.lines.order_by("position", "id"):
                if first.lines.filter(title_id=line.title_id, unit_id=line.unit_id, person_id=line.person_id).exists():
                    continue
                position += 1
                line.proposal, line.position = first, position
                line.save(update_fields=["proposal", "position"])
                moved.append(line.pk)
            ActivityLog.objects.create(
                content_type=proposal_type,
                object_id=first.pk,
                action="proposal.drafts_merged",
                user=None,
                data={
                    "merged": other.pk,
                    "summary": other.summary,
                    "number": other.number,
                    "body": other.body,
                    "lines": moved,
                },
            )
            other.delete()
    if twins:
        # PostgreSQL makes no index on a table whose rows wait for their deferred foreign keys to be checked.
        schema_editor.connection.check_constraints()


class Migration(migrations.Migration):
    """One draft per proposer, of each kind and campaign, held by the database (a proposal forwarded up the way is
    its own); it replaces the lock on the proposer's row that kept two posts at once from drawing up two."""

    dependencies = [
        ("awards", "0009_dossier"),
        ("activity", "0001_squashed_0001_moved_from_campaigns"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(merge_second_drafts, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="proposal",
            constraint=models.UniqueConstraint(
                condition=models.Q(("forwarded_from__isnull", True), ("status", "draft")),
                fields=("campaign", "kind", "proposer"),
                name="one_draft_per_proposer",
                violation_error_message="The proposing unit has a draft of this proposal already.",
            ),
        ),
    ]
