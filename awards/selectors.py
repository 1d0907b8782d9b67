"""Reads for awards, and the access function for proposals and initiatives.

A proposal is seen by the users acting for its proposing unit and by the
members of its council; the proposer edits it while it is a draft. The
council's secretary opens the secret ballot on it, records the written votes
of absent members and counts it; every member casts their own ballot; the
secretary or the chair issues the decision. A council member of another
council gets 404 for it, whatever URL is typed.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404

from awards.checks import build_context, check_line
from awards.models import (
    AwardDecision,
    BallotSeat,
    BallotThreshold,
    CouncilBallot,
    CountedOver,
    Initiative,
    Proposal,
    ProposalLine,
    RenderedFile,
    SecretVote,
    VoteThreshold,
)
from awards.rulebook.resolve import rule_set_of_proposal
from awards.rulebook.terms import decided_title_ids
from campaigns.models import Title
from campaigns.selectors import campaign_compilers
from core.templatetags.thidua import document_date
from core.text import display_name
from organisation.access import units_visible_to, viewer_for
from organisation.models import Council, CouncilMember, Person, Unit
from organisation.selectors import units_with_descendants

LINES_PER_PAGE = 50
TWO_LEVEL_GOVERNMENT = date(2025, 7, 1)
Position = CouncilMember.Position


@dataclass(frozen=True)
class ProposalAccess:
    """What one user may do with one proposal, worked out once per request."""

    acts_for_proposer: bool = False
    can_edit: bool = False
    may_recall: bool = False
    may_return: bool = False
    may_forward: bool = False
    may_open_ballot: bool = False
    runs_ballot: bool = False
    may_issue: bool = False
    ballot: CouncilBallot | None = None
    seat: BallotSeat | None = None

    @property
    def may_vote(self):
        return self.seat is not None

    @property
    def may_vote_or_record(self):
        return self.may_vote or self.runs_ballot

    def may_record_for(self, seat):
        """A member casts their own ballot; the secretary records the paper ballot of any other member."""
        return seat.pk == getattr(self.seat, "pk", None) or self.runs_ballot


def proposals_visible_to(user):
    """The proposer's side sees its proposals; a council, and its unit's office, only those sent to it."""
    viewer = viewer_for(user)
    if viewer.is_admin:
        return Proposal.objects.all()
    sent = (Q(council_id__in=viewer.council_ids) | Q(council__unit_id__in=viewer.office_unit_ids)) & ~Q(
        status=Proposal.Status.DRAFT
    )
    return Proposal.objects.filter(Q(proposer_id__in=viewer.clerk_unit_ids | viewer.office_unit_ids) | sent)


def proposal_get_for_user(*, user, proposal_id):
    try:
        proposal = proposals_visible_to(user).select_related("campaign", "proposer", "council").get(pk=proposal_id)
    except Proposal.DoesNotExist:
        raise Http404 from None
    return proposal, proposal_access(user=user, proposal=proposal)


def proposal_access(*, user, proposal):
    viewer = viewer_for(user)
    position = None
    if proposal.council_id in viewer.council_ids:
        position = (
            CouncilMember.objects.filter(council_id=proposal.council_id, user=user)
            .values_list("position", flat=True)
            .first()
        )
    secretary = viewer.is_admin or position == Position.SECRETARY
    proposer = viewer.is_admin or proposal.proposer_id in viewer.clerk_unit_ids
    ballot = CouncilBallot.objects.filter(proposal=proposal).first()
    seat = BallotSeat.objects.filter(ballot=ballot, user=user).first() if ballot and position else None
    with_the_council = proposal.status == Proposal.Status.SUBMITTED and ballot is None
    return ProposalAccess(
        acts_for_proposer=proposer,
        can_edit=proposer and proposal.status == Proposal.Status.DRAFT,
        may_recall=proposer and with_the_council,
        may_return=(secretary or position == Position.CHAIR) and with_the_council,
        may_forward=proposer and proposal.status == Proposal.Status.APPROVED,
        may_open_ballot=secretary and proposal.status == Proposal.Status.SUBMITTED and ballot is None,
        runs_ballot=secretary and ballot is not None,
        # Asked of a proposal still with the council, the decision is refused with the reason, not hidden.
        may_issue=(secretary or position == Position.CHAIR) and proposal.status != Proposal.Status.DRAFT,
        ballot=ballot,
        seat=seat,
    )


def proposal_lines_page(*, proposal, page):
    """One page of the proposal's lines: a 500-line proposal's page stays light and its queries few."""
    lines = (
        ProposalLine.objects.filter(proposal=proposal)
        .select_related("title", "unit", "person__unit", "decided_by", "proposal")
        .order_by("position", "id")
    )
    return Paginator(lines, LINES_PER_PAGE).get_page(page)


def checks_for(*, proposal, lines):
    """{line id: [Result]} for these lines only, against the whole campaign: the same verdicts as the full check."""
    context = build_context(campaign=proposal.campaign, rule_set=rule_set_of_proposal(proposal=proposal))
    return {line.pk: check_line(line, context) for line in lines}


def proposal_lines(*, proposal):
    return list(
        ProposalLine.objects.filter(proposal=proposal)
        .select_related("title", "unit", "person__unit", "decided_by", "proposal")
        .order_by("position", "id")
    )


def proposals_of_campaign(*, user, campaign):
    return proposals_visible_to(user).filter(campaign=campaign).select_related("proposer", "council")


def nominee_choices(*, proposal):
    """Units and staff a proposal may name: the proposer's tree, or for a bloc the units it compiles."""
    if proposal.kind == Proposal.Kind.BLOC:
        unit_ids = {u for u, c in campaign_compilers(campaign=proposal.campaign).items() if c == proposal.proposer_id}
    else:
        unit_ids = units_with_descendants(unit_ids={proposal.proposer_id})
    units = Unit.objects.filter(id__in=unit_ids).order_by("sort_name")
    people = Person.objects.filter(unit_id__in=unit_ids, is_active=True).select_related("unit").order_by("sort_name")
    return units, people


def initiatives_visible_to(user):
    viewer = viewer_for(user)
    if viewer.is_admin:
        return Initiative.objects.all()
    return Initiative.objects.filter(person__unit__in=units_visible_to(user))


def initiative_decider_unit_ids(*, user):
    """The units whose initiatives the user's councils recognise: each council's unit and every unit below it.

    Worked out once per page, so a list of initiatives asks nothing per row.
    """
    viewer = viewer_for(user)
    council_units = set(Unit.objects.filter(councils__id__in=viewer.council_ids).values_list("id", flat=True))
    return units_with_descendants(unit_ids=council_units)


def initiative_can_decide(*, user, initiative, decider_unit_ids=None):
    if viewer_for(user).is_admin:
        return True
    if decider_unit_ids is None:
        decider_unit_ids = initiative_decider_unit_ids(user=user)
    return initiative.person.unit_id in decider_unit_ids


def initiative_people(*, user):
    """The staff whose initiatives the user may register: their own units' and their office's."""
    viewer = viewer_for(user)
    people = Person.objects.filter(is_active=True).select_related("unit")
    if viewer.is_admin:
        return people
    return people.filter(unit_id__in=viewer.own_unit_ids | viewer.office_unit_ids)


def initiatives_list(*, user, year=None):
    initiatives = initiatives_visible_to(user).select_related("person__unit", "decided_by")
    if year:
        initiatives = initiatives.filter(year=year)
    return initiatives


def approved_counts(*, campaign, unit_ids):
    """{title id: units or staff of these units (and their sub-units) whose line the council approved}."""
    tree = units_with_descendants(unit_ids=set(unit_ids))
    return dict(
        ProposalLine.objects.filter(proposal__campaign=campaign, decision=ProposalLine.Decision.APPROVED)
        .filter(Q(unit_id__in=tree) | Q(person__unit_id__in=tree))
        .values("title_id")
        .annotate(n=Count("id"))
        .values_list("title_id", "n")
    )


# The council's secret ballot


def vote_thresholds():
    """The national sets' quorum and thresholds, newest law first, for the page that shows the rules."""
    return (
        VoteThreshold.objects.filter(rule_set__owner__isnull=True, rule_set__superseded_at__isnull=True)
        .select_related("rule_set", "title")
        .order_by("-rule_set__valid_from", "title__position")
    )


def share(part, whole):
    """A share in per cent, rounded to hundredths as the minutes print it: 6 of 9 is 66.67, so "2/3" reads as 66.67."""
    if not whole:
        return Decimal("0.00")
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class TitleThreshold:
    title: object
    percent: Decimal | None
    council_sets: bool
    legal_source: str
    counted_over: str = CountedOver.ALL_MEMBERS
    more_than: bool = False


def ballot_title_thresholds(*, proposal):
    """For each title of the proposal, the votes it needs under the campaign's law, and whether the council sets it.

    Where the council sets the figure, the default is the one it used last
    time for that title, else the rule set's.
    """
    rule_set = rule_set_of_proposal(proposal=proposal)
    rows = list(VoteThreshold.objects.filter(rule_set=rule_set)) if rule_set else []
    by_title = {row.title_id: row for row in rows}
    titles = sorted(
        {line.title for line in proposal.lines.select_related("title")}, key=lambda title: (title.position, title.pk)
    )
    previous = dict(
        BallotThreshold.objects.filter(ballot__proposal__council_id=proposal.council_id, title__in=titles)
        .order_by("ballot__opened_at")
        .values_list("title_id", "percent")
    )
    result = []
    for title in titles:
        row = by_title.get(title.pk) or by_title.get(None)
        if row is None:
            result.append(TitleThreshold(title, previous.get(title.pk), True, ""))
            continue
        percent = previous.get(title.pk, row.percent) if row.council_sets else row.percent
        result.append(
            TitleThreshold(title, percent, row.council_sets, row.legal_source, row.counted_over, row.more_than)
        )
    return result


@dataclass
class LineCount:
    """A line's tally and the verdict the count gives it.

    `members` is whom the threshold counts: every member of the council, or
    those at the meeting when the rule set says so; `agree` then counts the
    votes of those same members.
    """

    line: object
    agree: int
    disagree: int
    members: int
    needed: Decimal
    counted_over: str = CountedOver.ALL_MEMBERS
    more_than: bool = False
    failing: list = field(default_factory=list)

    @property
    def share(self):
        return share(self.agree, self.members)

    @property
    def passes_vote(self):
        return self.share > self.needed if self.more_than else self.share >= self.needed

    @property
    def passes(self):
        return self.passes_vote and not self.failing

    @property
    def over_present(self):
        return self.counted_over == CountedOver.PRESENT


def ballot_tallies(*, ballot, line_ids=None, present_only=False):
    """{line id: (agree, disagree)}: counts only, never who voted what; of the members present, if asked."""
    votes = SecretVote.objects.filter(seat__ballot=ballot)
    if present_only:
        votes = votes.filter(seat__present=True)
    if line_ids is not None:
        votes = votes.filter(line_id__in=line_ids)
    rows = votes.values("line_id").annotate(
        n_for=Count("id", filter=Q(agree=True)), n_against=Count("id", filter=Q(agree=False))
    )
    return {row["line_id"]: (row["n_for"], row["n_against"]) for row in rows}


def ballot_count(*, ballot):
    """Every line's count, and whether it passes: the vote, then its title's rules and quotas.

    A line passes the vote when its votes in favour reach its title's share of
    all the council's members (absent members included), or of the members
    present when the rule set counts over them. The lines that pass
    the vote are then checked as the council would approve them: titles that
    others depend on first (“Lao động tiên tiến” before “Chiến sĩ thi đua cơ
    sở”), and within a title the most votes first, then the proposal's order.
    So when a quota cannot take every line, the lines with fewer votes are
    the ones left out; a line failing any rule is left out whatever its vote.
    """
    proposal = ballot.proposal
    tallies = ballot_tallies(ballot=ballot)
    thresholds = {row.title_id: row for row in BallotThreshold.objects.filter(ballot=ballot)}
    if any(row.counted_over == CountedOver.PRESENT for row in thresholds.values()):
        present_tallies = ballot_tallies(ballot=ballot, present_only=True)
        present = BallotSeat.objects.filter(ballot=ballot, present=True).count()
    context = build_context(campaign=proposal.campaign, rule_set=ballot.rule_set)
    own = sorted(
        (line for line in context.lines if line.proposal_id == proposal.pk), key=lambda line: (line.position, line.pk)
    )
    others = [
        line
        for line in context.lines
        if line.proposal_id != proposal.pk and line.decision == ProposalLine.Decision.APPROVED
    ]
    counts = {}
    for line in own:
        threshold = thresholds[line.title_id]
        over_present = threshold.counted_over == CountedOver.PRESENT
        counts[line.pk] = LineCount(
            line,
            *(present_tallies if over_present else tallies).get(line.pk, (0, 0)),
            members=present if over_present else ballot.member_count,
            needed=threshold.percent,
            counted_over=threshold.counted_over,
            more_than=threshold.more_than,
        )
    depth = _title_depths(context.rules)
    accepted = []
    for line in sorted(
        (line for line in own if counts[line.pk].passes_vote),
        key=lambda line: (depth.get(line.title_id, 0), -counts[line.pk].agree, line.position, line.pk),
    ):
        context.lines = others + accepted + [line]
        counts[line.pk].failing = [result for result in check_line(line, context) if not result.passes]
        if not counts[line.pk].failing:
            accepted.append(line)
    return [counts[line.pk] for line in own]


def _title_depths(rules):
    """How deep each title sits in the chain of titles its rules refer to: 0 for a title that needs no other."""
    refers = {
        title_id: {rule.other_title_id for rule in items if rule.other_title_id} for title_id, items in rules.items()
    }
    depths = {}

    def depth(title_id, seen=()):
        if title_id not in depths:
            others = refers.get(title_id, set()) - set(seen) - {title_id}
            depths[title_id] = 1 + max((depth(other, (*seen, title_id)) for other in others), default=-1)
        return depths[title_id]

    for title_id in refers:
        depth(title_id)
    return depths


def ballot_seats(*, ballot):
    return list(BallotSeat.objects.filter(ballot=ballot).select_related("user").order_by("id"))


def own_votes(*, seat, line_ids):
    """The member's own ballot on these lines: what they see while the ballot is open, and only they."""
    return dict(SecretVote.objects.filter(seat=seat, line_id__in=line_ids).values_list("line_id", "agree"))


def seat_progress(*, ballot):
    """{seat id: lines voted on}: who has voted how far, never how."""
    return dict(
        SecretVote.objects.filter(seat__ballot=ballot)
        .values("seat_id")
        .annotate(n=Count("id"))
        .values_list("seat_id", "n")
    )


# The way up

# The title levels each council's authority decides: a unit's head (or a commune's chairman) the unit's titles, the
# province's chairman those and the province's own. The council passes the others on to the council above. Which
# level a title is decided at is the rule set's word (`AwardTerms`), else the title's own.
DECIDED_AT = {
    Council.Level.UNIT: (Title.Level.UNIT,),
    Council.Level.PROVINCE: (Title.Level.UNIT, Title.Level.PROVINCE),
}


def _decided_titles(proposal):
    return decided_title_ids(
        rule_set=rule_set_of_proposal(proposal=proposal), levels=DECIDED_AT[proposal.council.level]
    )


def council_above(*, council):
    """The council of the nearest unit above this council's own: where the titles it does not decide go."""
    unit = council.unit.parent
    while unit is not None:
        above = Council.objects.filter(unit=unit).order_by("pk").first()
        if above is not None:
            return above
        unit = unit.parent
    return None


def lines_to_forward(*, proposal):
    """The lines the council passed for titles a higher level decides, in the proposal's order."""
    return list(
        ProposalLine.objects.filter(proposal=proposal, decision=ProposalLine.Decision.APPROVED)
        .exclude(title_id__in=_decided_titles(proposal))
        .order_by("position", "id")
    )


@dataclass(frozen=True)
class Forwarding:
    """What became of the lines this proposal passed on to the council above, as the lower level sees it."""

    proposal: Proposal | None  # the proposal that carries them up, once forwarded
    council: Council | None  # the council they go to
    lines: int  # lines waiting to go up (before) or carried (after)
    decision: AwardDecision | None = None
    visible: bool = False  # whether the user may open the proposal above

    @property
    def returned(self):
        return self.proposal is not None and self.proposal.status == Proposal.Status.DRAFT


def forwarding_of(*, user, proposal):
    """Where the lines for higher titles stand: waiting to go up, with the council above, returned or decided."""
    forwarded = Proposal.objects.filter(forwarded_from=proposal).select_related("council").first()
    if forwarded is not None:
        return Forwarding(
            proposal=forwarded,
            council=forwarded.council,
            lines=forwarded.lines.count(),
            decision=AwardDecision.objects.filter(proposal=forwarded).first(),
            visible=proposals_visible_to(user).filter(pk=forwarded.pk).exists(),
        )
    if proposal.status != Proposal.Status.APPROVED:
        return None
    count = len(lines_to_forward(proposal=proposal))
    return Forwarding(proposal=None, council=council_above(council=proposal.council), lines=count) if count else None


# The decision and its papers


def _decided_here(lines, proposal):
    return lines.filter(
        proposal=proposal, decision=ProposalLine.Decision.APPROVED, title_id__in=_decided_titles(proposal)
    )


def awarded_lines(*, proposal):
    """The lines the decision awards: passed by the council for a title its level decides; by title, then in order."""
    return list(
        _decided_here(ProposalLine.objects.all(), proposal)
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
    lines = _decided_here(ProposalLine.objects.all(), proposal)
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
        version=0,
    )


def awarded_line(*, proposal, line_id):
    return (
        _decided_here(ProposalLine.objects.filter(pk=line_id), proposal)
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
