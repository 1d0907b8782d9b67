"""The decision and its papers: issuing it, the rendered files, the certificates, the list as Excel."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from awards import selectors, services
from awards.docx.layout import MIME as WORD_MIME
from awards.excel import proposal_list_workbook
from awards.forms import (
    AwardDecisionForm,
)
from awards.pdf import DOCUMENTS, CertificatesDocument
from awards.rendering import KEPT, kept_version
from awards.signing import signed_copy_of
from core.access import requires
from core.views import confirmation_page, confirmed, or_404

from .common import messages_from


@requires("proposal.issue")
def decision(request, proposal):
    """The decision: prepared by the secretary, issued by whoever the council's settings name (the secretary on the
    authority's behalf, or the authority through the council's chair) once the page that asks is answered."""
    if request.method != "POST":
        try:
            services.decision_require_possible(proposal=proposal)
        except ValidationError as error:
            messages_from(request, error)
            return redirect("awards:detail", proposal.pk)
    issues = request.access.grant("proposal").issues_decision
    prepared = selectors.prepared_decision_of(proposal=proposal)
    instance = selectors.decision_of(proposal=proposal) or selectors.decision_draft(proposal=proposal)
    form = AwardDecisionForm(request.POST or None, instance=instance, initial=prepared.fields if prepared else None)
    status = 200
    if request.method == "POST":
        if form.is_valid() and not issues:
            services.decision_prepare(
                user=request.user,
                proposal=proposal,
                fields={name: form.data.get(name, "") for name in form.fields if name != "version"},
            )
            messages.success(request, _("The decision is prepared: the council's chair checks it and issues it."))
            return redirect("awards:detail", proposal.pk)
        if form.is_valid() and not confirmed(request):
            return confirmation_page(
                request,
                question=_("Issue decision %(number)s?") % {"number": form.cleaned_data["number"]},
                locks=[
                    _("The decision's number and date are taken in the authority's sequence."),
                    _("Its papers and certificates are printed and the awards go into the honours register."),
                ],
                told=[
                    _("%(unit)s, which sent the proposal.") % {"unit": proposal.proposer},
                    _("Each unit awarded, and the unit of each person awarded."),
                ],
                back_url=reverse("awards:decision", args=[proposal.pk]),
                button=_("Issue the decision"),
            )
        if form.is_valid():
            try:
                services.decision_save(
                    user=request.user,
                    proposal=proposal,
                    decision=form.save(commit=False),
                    expected_version=form.cleaned_data["version"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The decision was saved; its papers are being printed."))
                return redirect("awards:detail", proposal.pk)
        status = 400
    return render(
        request,
        "awards/decision.html",
        {"proposal": proposal, "form": form, "issues": issues, "prepared": prepared},
        status=status,
    )


PDF = "application/pdf"
MIMES = {"pdf": PDF, "docx": WORD_MIME, "zip": "application/zip"}


# Read outside a transaction: the request's own, begun by a GET as a reader, could not then write the file's row on
# SQLite once a render had saved meanwhile; the service writes in a transaction of its own (core.db.writing).
@transaction.non_atomic_requests
@requires("proposal.see")
def rendered_file(request, proposal, kind):
    """A kept paper: the file when it is ready, else a page that shows the rendering's progress and polls for it."""
    version = or_404(kept_version(proposal=proposal, kind=kind) if kind in KEPT else None)
    # From its upload on, the decision is served as the authority signed it.
    signed = signed_copy_of(decision=selectors.decision_of(proposal=proposal)) if kind == "decision" else None
    if signed is not None:
        return FileResponse(signed.file.open("rb"), content_type=PDF, filename="quyet-dinh-ky-so.pdf")
    file = services.rendered_file_request(proposal=proposal, kind=kind, version=version, retry="retry" in request.GET)
    polling = request.headers.get("HX-Request") == "true"
    if file.status == file.Status.DONE:
        if polling:
            response = HttpResponse()
            response["HX-Redirect"] = request.path
            return response
        filename = KEPT[kind].filename
        mime = MIMES[filename.rpartition(".")[2]]
        return FileResponse(file.file.open("rb"), content_type=mime, filename=filename, as_attachment=mime != PDF)
    template = "awards/_file_progress.html" if polling else "awards/file_progress.html"
    return render(request, template, {"proposal": proposal, "file": file})


@requires("proposal.see")
def certificate(request, proposal, line_id):
    or_404(selectors.decision_of(proposal=proposal))
    line = or_404(selectors.awarded_line(proposal=proposal, line_id=line_id))
    filename, mime, content = CertificatesDocument(proposal, lines=[line]).generate()
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@requires("proposal.see")
def document(request, proposal, name):
    # The minutes of the members' vote belong to a bloc's proposal only.
    document_class = or_404(None if name == "minutes" and proposal.kind != proposal.Kind.BLOC else DOCUMENTS.get(name))
    filename, mime, content = document_class(proposal).generate()
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@requires("proposal.see")
def list_download(request, proposal):
    content = proposal_list_workbook(proposal=proposal, lines=selectors.proposal_lines(proposal=proposal))
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="danh-sach-de-nghi.xlsx"'
    return response
