"""The decision: its awarded lines, its draft, the kept files of its papers."""

import re
from datetime import date

from django.utils import timezone

from awards.access import Position
from awards.models import (
    AwardDecision,
    CouncilBallot,
    PreparedDecision,
    Proposal,
    ProposalLine,
    RenderedFile,
)
from awards.rulebook.resolve import rule_set_of_proposal
from core.templatetags.thidua import document_date
from core.text import display_name
from organisation.models import CouncilMember, Unit

from .way_up import decided_here

TWO_LEVEL_GOVERNMENT = date(2025, 7, 1)
# A decision's number and symbol: "345/QĐ-UBND".
NUMBERED = re.compile(r"^\s*(?P<number>\d{1,6})\s*/\s*(?P<symbol>\S.*)$")


def awarded_lines(*, proposal):
    """The lines the decision awards: passed by the council for a title its level decides; by title, then in order."""
    return list(
        decided_here(ProposalLine.objects.all(), proposal)
        .select_related("title", "unit__parent", "person__unit", "proposal")
        .order_by("title__position", "position", "id")
    )


def proposer_name(*, proposal):
    """Who sends the letter: the bloc for a bloc's proposal, else the proposing unit."""
    bloc = proposal.campaign.issuing_bloc if proposal.kind == Proposal.Kind.BLOC else None
    return (bloc.full_name or bloc.name) if bloc else proposal.proposer.name


def local_government_law(*, rule_set):
    """The Law on the Organisation of Local Government a People's Committee's decision cites: the 2025 law from the
    two-level government (01/7/2025) on, the 2015 one before."""
    if rule_set is not None and rule_set.valid_from >= TWO_LEVEL_GOVERNMENT:
        return "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"
    return "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"


def decision_draft(*, proposal):
    """A new decision with what the authority's own decisions say, for the secretary to check and number.

    The authority is the body the council advises (its unit): for a province's
    council the People's Committee, whose chairman signs; for a commune's
    (two-level government, no district between) the commune's People's
    Committee, signed by its chairman; for an agency's council the agency,
    signed by its head.
    """
    authority = proposal.council.unit
    campaign = proposal.campaign
    province = authority.kind == Unit.Kind.PEOPLES_COMMITTEE
    commune = authority.kind == Unit.Kind.COMMUNE
    chair = CouncilMember.objects.filter(council_id=proposal.council_id, position=Position.CHAIR).select_related("user")
    chair = chair.first()
    lines = decided_here(ProposalLine.objects.all(), proposal)
    nominees = " và ".join(
        word
        for word, present in (
            ("tập thể", lines.filter(unit__isnull=False).exists()),
            ("cá nhân", lines.filter(person__isnull=False).exists()),
        )
        if present
    )
    rule_set = rule_set_of_proposal(proposal=proposal)
    ballot = CouncilBallot.objects.filter(proposal=proposal).first()
    bloc = campaign.issuing_bloc if proposal.kind == Proposal.Kind.BLOC else None
    proposer = proposer_name(proposal=proposal)
    letter = f" tại Tờ trình số {proposal.number}" if proposal.number else ""
    letter += f" {document_date(proposal.dated)}" if proposal.dated else ""
    vote = f" (kết quả bỏ phiếu {document_date(ballot.held_on)})" if ballot else ""
    head = "Chủ tịch" if province or commune else (authority.head_title or "Thủ trưởng")
    bases = [local_government_law(rule_set=rule_set)] if province or commune else []
    bases += (rule_set.legal_bases.splitlines() if rule_set else []) + [
        f"Xét đề nghị của {proposal.council.name}{vote} và của {proposer}{letter}."
    ]
    executors = (
        "Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ, Trưởng Ban Thi đua – Khen thưởng tỉnh, "
        "Giám đốc Sở Tài chính, Thủ trưởng các cơ quan, đơn vị có liên quan"
        if province
        else f"Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân, Thủ trưởng các cơ quan, đơn vị thuộc {authority.name}"
        if commune
        else f"Chánh Văn phòng, Thủ trưởng các phòng, đơn vị thuộc {authority.name}"
    )
    fund = "của tỉnh" if province else f"của {authority.name}"
    return AwardDecision(
        proposal=proposal,
        authority=authority,
        place=proposal.place or authority.province,
        parent_body=authority.parent_body,
        issuing_body=authority.name,
        grantor=f"{head} {authority.name}",
        summary=f"Về việc khen thưởng thành tích trong phong trào thi đua năm {campaign.year}"
        + (f" của {bloc.full_name or bloc.name}" if bloc else ""),
        bases="\n".join(bases),
        achievement=f"đã có thành tích xuất sắc trong phong trào thi đua năm {campaign.year}",
        article_2=f"Tiền thưởng kèm theo được chi từ Quỹ thi đua, khen thưởng {fund} theo quy định hiện hành.",
        article_3=f"{executors} và các {nominees} có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này. "
        "Quyết định này có hiệu lực kể từ ngày ký./.",
        recipients="\n".join(
            ["- Như Điều 3;", f"- Thường trực {proposal.council.name};"]
            + (["- Ban Thi đua – Khen thưởng tỉnh (Sở Nội vụ);"] if province else [])
            + ["- Lưu: VT."]
        ),
        signing_authority=head.upper(),
        signer_name=display_name(chair.user) if chair else authority.head_name,
        number=suggested_decision_number(authority=authority, year=timezone.localdate().year),
        version=0,
    )


def suggested_decision_number(*, authority, year):
    """The next number in the authority's decisions of the year: one after the highest, with its symbol
    ("346/QĐ-UBND" after "345/QĐ-UBND"); a People's Committee's symbol, or "QĐ", when it has issued none."""
    highest = 0
    symbol = "QĐ-UBND" if authority.kind in (Unit.Kind.PEOPLES_COMMITTEE, Unit.Kind.COMMUNE) else "QĐ"
    for number in AwardDecision.objects.filter(authority=authority, year=year).values_list("number", flat=True):
        match = NUMBERED.match(number)
        if match and int(match["number"]) > highest:
            highest, symbol = int(match["number"]), match["symbol"].strip()
    return f"{highest + 1}/{symbol}"


def prepared_decision_of(*, proposal):
    return PreparedDecision.objects.filter(proposal=proposal).select_related("prepared_by").first()


def awarded_line(*, proposal, line_id):
    return (
        decided_here(ProposalLine.objects.filter(pk=line_id), proposal)
        .select_related("title", "unit__parent", "person__unit", "proposal")
        .first()
    )


def decision_of(*, proposal):
    return AwardDecision.objects.filter(proposal=proposal).select_related("authority").first()


def document_version(*, proposal, kind):
    """The version of a kept document that is current now; None while it cannot exist yet."""
    if kind == RenderedFile.Kind.BALLOT_MINUTES:
        ballot = CouncilBallot.objects.filter(proposal=proposal, status=CouncilBallot.Status.CLOSED).first()
        return 1 if ballot else None
    if kind in RenderedFile.Kind.values:
        return AwardDecision.objects.filter(proposal=proposal).values_list("version", flat=True).first()
    return None


def rendered_files(*, proposal):
    """{kind: file} of the current versions, to show their state beside the links."""
    files = RenderedFile.objects.filter(proposal=proposal).order_by("version")
    return {file.kind: file for file in files}
