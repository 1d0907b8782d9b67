"""Achievement reports (báo cáo thành tích): prefilled for each line, completed and signed by the unit, uploaded.

The report follows the structure of the decree's annex for its kind: a
collective's (I. its situation and duties; II. its achievements; III. the
titles and awards it received) or an individual's (I. a short curriculum;
II. duties and achievements; III. titles and awards). What the product knows
is written in: the nominee, the campaign's results (total score and rank in
the bloc's final ranking, the content items and commitments it registered,
the titles it registered for), the titles and awards of past years from the
award register and the recognised initiatives. The rest is left for the
unit, marked "(đơn vị bổ sung)".
"""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from activity.services import log_action
from awards.docx.html import html_to_docx
from awards.docx.layout import MIME
from awards.dossier import slug
from awards.models import AchievementReport, Initiative, Proposal, ProposalLine
from awards.pdf import document_header
from campaigns.models import Title
from campaigns.services import campaign_require_open
from honours.models import Honour
from registrations.models import CollectiveAim, IndividualAim, RegistrationItem
from scoring.models import RankingEntry


def achievement_facts(*, line):
    """What the product knows of a line's nominee, for its report."""
    campaign = line.proposal.campaign
    person = line.person
    unit = person.unit if person else line.unit
    entry = (
        RankingEntry.objects.filter(ranking__campaign=campaign, ranking__status="final", unit=unit)
        .select_related("ranking")
        .first()
    )
    ranked = entry.ranking.entries.count() if entry else 0
    honours = Honour.objects.filter(year__lte=campaign.year).select_related("title").order_by("year", "id")
    honours = honours.filter(person=person) if person else honours.filter(unit=unit, person__isnull=True)
    if person:
        registered = IndividualAim.objects.filter(registration__campaign=campaign, person=person)
        commitments = []
    else:
        registered = CollectiveAim.objects.filter(registration__campaign=campaign, unit=unit)
        commitments = list(
            RegistrationItem.objects.filter(registration__campaign=campaign, registration__unit=unit)
            .select_related("content_item")
            .order_by("content_item__position")
        )
    initiatives = (
        list(Initiative.objects.filter(person=person, status=Initiative.Status.RECOGNISED).order_by("year", "name"))
        if person
        else []
    )
    return {
        "line": line,
        "person": person,
        "unit": unit,
        "campaign": campaign,
        "entry": entry,
        "ranked": ranked,
        "registered": [aim.title.name for aim in registered.select_related("title")],
        "commitments": commitments,
        "titles": [honour for honour in honours if honour.title.kind != Title.Kind.COMMENDATION],
        "commendations": [honour for honour in honours if honour.title.kind == Title.Kind.COMMENDATION],
        "initiatives": initiatives,
    }


class AchievementReportDocument:
    """The prefilled report of one line, as .docx for the unit to complete (and as HTML, the same text)."""

    template_name = "awards/pdf/achievement_report.html"

    def __init__(self, line):
        self.line = line

    def html(self):
        facts = achievement_facts(line=self.line)
        unit = facts["unit"]
        parent = unit.parent_body or (unit.parent.name if unit.parent_id else "")
        header = document_header(parent_body=parent, issuing_body=unit.name, place=self.line.proposal.place, dated=None)
        with translation.override(settings.LANGUAGE_CODE):
            return render_to_string(self.template_name, {**facts, "header": header})

    def generate(self):
        filename = f"bao-cao-thanh-tich-{slug(str(self.line.nominee), 40)}.docx"
        return filename, MIME, html_to_docx(self.html())


def report_require_pdf(upload):
    """A PDF within the upload limit; its first bytes, not its name, say what it is."""
    if upload.size > settings.PDF_UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(limit)s MB.") % {"limit": settings.PDF_UPLOAD_MAX_BYTES // 1024**2}
        )
    upload.seek(0)
    if not upload.read(5) == b"%PDF-":
        raise ValidationError(_("The file is not a PDF."))
    upload.seek(0)


@transaction.atomic
def achievement_report_upload(*, user, line, upload, expected_version):
    """Keep the signed report of a line, replacing the one before; two uploads at once: the first wins."""
    report_require_pdf(upload)
    campaign_require_open(line.proposal.campaign_id)
    proposal = Proposal.objects.select_for_update().get(pk=line.proposal_id)
    if proposal.status == Proposal.Status.APPROVED:
        raise ValidationError(_("The council has decided on this proposal: its reports can no longer change."))
    line = ProposalLine.objects.get(pk=line.pk, proposal=proposal)
    report = AchievementReport.objects.filter(line=line).first()
    if (report.version if report else 0) != expected_version:
        raise ValidationError(_("Someone else uploaded a report for this line meanwhile; reload the page."))
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    report = report or AchievementReport(line=line)
    report.version = expected_version + 1
    report.original_name = upload.name[:255]
    report.size, report.sha256 = upload.size, digest.hexdigest()
    report.uploaded_by, report.uploaded_at = user, timezone.now()
    upload.seek(0)
    report.file.save(f"{proposal.pk}-{line.pk}-bao-cao-thanh-tich.pdf", upload)
    log_action(
        obj=proposal,
        action="proposal.report_uploaded",
        user=user,
        data={"line": line.pk, "nominee": str(line.nominee), "title": line.title.name, "sha256": report.sha256},
    )
    return report


def reports_follow_forwarded_lines(*, source, forwarded):
    """The lines carried up to a higher council take their reports with them (the same stored file)."""
    reports = {
        (report.line.title_id, report.line.unit_id, report.line.person_id): report
        for report in AchievementReport.objects.filter(line__proposal=source).select_related("line")
    }
    AchievementReport.objects.bulk_create(
        AchievementReport(
            line=line,
            file=report.file.name,
            original_name=report.original_name,
            size=report.size,
            sha256=report.sha256,
            uploaded_by_id=report.uploaded_by_id,
            uploaded_at=report.uploaded_at,
        )
        for line in ProposalLine.objects.filter(proposal=forwarded)
        if (report := reports.get((line.title_id, line.unit_id, line.person_id)))
    )


def lines_without_report(*, proposal):
    return ProposalLine.objects.filter(proposal=proposal, achievement_report__isnull=True).count()
