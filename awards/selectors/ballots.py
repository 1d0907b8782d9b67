"""Reads of the council's ballot: thresholds per title, tallies, the count, seats and their progress."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q

from awards.checks import build_context, check_line
from awards.models import (
    BallotSeat,
    BallotThreshold,
    CountedOver,
    ProposalLine,
    SecretVote,
    VoteThreshold,
)
from awards.rulebook.resolve import rule_set_of_proposal


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
            # Without any rule set in force the ballot cannot open at all, so there is no figure to ask for.
            result.append(TitleThreshold(title, previous.get(title.pk), rule_set is not None, ""))
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
