"""The campaign's progress: papers received and titles registered and reached against the targets."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.dispatch import merged
from registrations.selectors import bloc_overview, targets_measured
from scoring import selectors
from scoring.signals import approved_counts

from .common import scoring_view


@scoring_view("list")
def progress(request, campaign):
    unit_ids = request.access.grant("campaign").listed_unit_ids
    targets = bloc_overview(campaign=campaign, unit_ids=unit_ids, today=timezone.localdate())["targets"]
    reached = {
        row["target"].pk: row
        for row in targets_measured(
            campaign=campaign,
            targets=[row["target"] for row in targets],
            unit_ids=unit_ids,
            counts=merged(approved_counts, campaign=campaign, unit_ids=unit_ids),
        )
    }
    for row in targets:
        measured = reached[row["target"].pk]
        row.update(reached=measured["count"], reached_whole=measured["whole"], reached_percent=measured["percent"])
    counts = selectors.progress_counts(campaign=campaign, unit_ids=unit_ids)
    chart_data = {
        "papers": {
            "labels": [_("Registrations"), _("Mid-year reports"), _("Self-assessments"), _("Scored")],
            "received": [counts["registrations"], counts["reports"], counts["scorecards"], counts["scored"]],
            "total": counts["total"],
            "receivedLabel": _("Received"),
            "missingLabel": _("Missing"),
        },
        "targets": {
            "labels": [row["target"].title.name for row in targets],
            "registered": [float(row["percent"] or 0) for row in targets],
            "reached": [float(row["reached_percent"] or 0) for row in targets],
            "reachedLabel": _("Reached: approved by the council (%)"),
            "target": [float(row["target"].percentage) for row in targets],
            "registeredLabel": _("Registered (%)"),
            "targetLabel": _("Target (%)"),
        },
    }
    return render(
        request,
        "scoring/progress.html",
        {"campaign": campaign, "counts": counts, "targets": targets, "chart_data": chart_data},
    )
