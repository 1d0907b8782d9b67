"""The dossier's pages: each line's achievement report (prefilled .docx, the signed upload), the signed decision's
upload, and the office's page that publishes decided awards."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from awards import selectors
from awards.achievement import AchievementReportDocument, achievement_report_upload
from awards.models import AchievementReport, ProposalLine
from awards.publication import publication_rows, publication_set
from awards.signing import decision_signed_upload
from core.access import requires
from core.views import or_404
from organisation.models import Unit


class PdfUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Signed PDF"))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


def _error(request, error):
    messages.error(request, " ".join(error.messages) if isinstance(error, ValidationError) else str(error))


def _form_errors(request, form):
    messages.error(request, " ".join(" ".join(errors) for errors in form.errors.values()))


@requires("proposal.see")
def report_template(request, proposal, line_id):
    line = get_object_or_404(ProposalLine.objects.select_related("proposal__campaign"), pk=line_id, proposal=proposal)
    filename, mime, content = AchievementReportDocument(line).generate()
    response = FileResponse(iter([content]), content_type=mime, as_attachment=True, filename=filename)
    response["Content-Length"] = len(content)
    return response


@requires("proposal.see")
def report_file(request, proposal, line_id):
    report = get_object_or_404(AchievementReport, line_id=line_id, line__proposal=proposal)
    return FileResponse(report.file.open("rb"), content_type="application/pdf", filename="bao-cao-thanh-tich.pdf")


@require_POST
@requires("proposal.upload_reports")
def report_upload(request, proposal, line_id):
    line = get_object_or_404(ProposalLine, pk=line_id, proposal=proposal)
    form = PdfUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        _form_errors(request, form)
    else:
        try:
            achievement_report_upload(
                user=request.user,
                line=line,
                upload=form.cleaned_data["file"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            _error(request, error)
        else:
            messages.success(request, _("The signed achievement report of %(nominee)s was kept.") % {"nominee": line})
    return redirect(f"{proposal_url(proposal)}#line-{line.pk}")


def proposal_url(proposal):
    return reverse("awards:detail", args=[proposal.pk])


@require_POST
@requires("proposal.issue")
def signed_upload(request, proposal):
    decision = or_404(selectors.decision_of(proposal=proposal))
    form = PdfUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(f"{proposal_url(proposal)}#papers")
    try:
        signed = decision_signed_upload(
            user=request.user,
            decision=decision,
            upload=form.cleaned_data["file"],
            expected_version=form.cleaned_data["version"],
        )
    except ValidationError as error:
        messages.error(
            request, _("The signed copy was refused, nothing was replaced: %(why)s") % {"why": " ".join(error.messages)}
        )
    else:
        messages.success(
            request,
            _("Signed digitally by %(signer)s at %(time)s: verified and kept.")
            % {"signer": signed.signer_name, "time": signed.signed_at.strftime("%H:%M %d/%m/%Y")},
        )
    return redirect(f"{proposal_url(proposal)}#papers")


# Publication


@requires("publication.manage")
def publications(request):
    return render(request, "awards/publications.html", {"rows": publication_rows(user=request.user)})


@require_POST
@requires("publication.manage")
def publication_switch(request, authority_id, year):
    request.access.require("publication.publish", authority_id)
    authority = get_object_or_404(Unit, pk=authority_id)
    published = request.POST.get("published") == "1"
    try:
        publication_set(user=request.user, authority=authority, year=year, published=published)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(
            request,
            (
                _("The awards of %(authority)s for %(year)s are public.")
                if published
                else _("The awards of %(authority)s for %(year)s are no longer public.")
            )
            % {"authority": authority.name, "year": year},
        )
    return redirect("awards:publications")
