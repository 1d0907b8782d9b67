"""The decision and its papers: issuing it, the rendered files, the certificates, the list as Excel."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from awards import selectors, services
from awards.excel import proposal_list_workbook
from awards.forms import (
    AwardDecisionForm,
)
from awards.pdf import DOCUMENTS, RENDERED, CertificatesDocument

from .common import messages_from, proposal_view


@proposal_view("may_issue")
def decision(request, proposal):
    if request.method != "POST":
        try:
            services.decision_require_possible(proposal=proposal)
        except ValidationError as error:
            messages_from(request, error)
            return redirect("awards:detail", proposal.pk)
    instance = selectors.decision_of(proposal=proposal) or selectors.decision_draft(proposal=proposal)
    form = AwardDecisionForm(request.POST or None, instance=instance)
    status = 200
    if request.method == "POST":
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
    return render(request, "awards/decision.html", {"proposal": proposal, "form": form}, status=status)


@proposal_view()
def rendered_file(request, proposal, kind):
    """A kept paper: the file when it is ready, else a page that shows the rendering's progress and polls for it."""
    version = selectors.document_version(proposal=proposal, kind=kind)
    if version is None:
        raise Http404
    file = services.rendered_file_request(proposal=proposal, kind=kind, version=version, retry="retry" in request.GET)
    polling = request.headers.get("HX-Request") == "true"
    if file.status == file.Status.DONE:
        if polling:
            response = HttpResponse()
            response["HX-Redirect"] = request.path
            return response
        return FileResponse(file.file.open("rb"), content_type="application/pdf", filename=RENDERED[kind].filename)
    template = "awards/_file_progress.html" if polling else "awards/file_progress.html"
    return render(request, template, {"proposal": proposal, "file": file})


@proposal_view()
def certificate(request, proposal, line_id):
    line = selectors.awarded_line(proposal=proposal, line_id=line_id)
    if line is None or selectors.decision_of(proposal=proposal) is None:
        raise Http404
    filename, mime, content = CertificatesDocument(proposal, lines=[line]).generate()
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@proposal_view()
def document(request, proposal, name):
    if name not in DOCUMENTS or (name == "minutes" and proposal.kind != proposal.Kind.BLOC):
        raise Http404
    filename, mime, content = DOCUMENTS[name](proposal).generate()
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@proposal_view()
def list_download(request, proposal):
    content = proposal_list_workbook(proposal=proposal, lines=selectors.proposal_lines(proposal=proposal))
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="danh-sach-de-nghi.xlsx"'
    return response
