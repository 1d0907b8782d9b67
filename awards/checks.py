"""The automatic check of a proposal: each line against its title's rules, saying why it passes or fails.

Everything a check needs is read once for the whole proposal (`CheckContext`),
so checking a 500-line list costs a fixed number of queries.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from awards.campaign_limits import Limits, check_limits, limits_for
from awards.models import Initiative, ProposalLine, Rule
from awards.rulebook.resolve import rule_set_for, rule_set_of_proposal
from campaigns.selectors import campaign_compilers
from core.numbers import percent
from honours.selectors import holdings, recipient_key
from organisation.models import Person
from organisation.selectors import subtrees, units_with_descendants
from scoring.models import Ranking, RankingEntry, VoteMeeting
from scoring.selectors import vote_results


def title_quotas(*, campaign):
    """{title id: Rule} for the titles the campaign's rules cap as a share of another title's holders."""
    rule_set = rule_set_for(campaign=campaign)
    if rule_set is None:
        return {}
    rules = Rule.objects.filter(rule_set=rule_set, kind=Rule.Check.QUOTA_OF_TITLE_HOLDERS).select_related("other_title")
    return {rule.title_id: rule for rule in rules}


@dataclass
class Result:
    rule: Rule
    passes: bool
    explanation: str

    @property
    def is_quota(self):
        return self.rule.is_quota


@dataclass
class CheckContext:
    """What the rules read: the campaign's lines, initiatives, rankings, votes and staff."""

    campaign: object
    rules: dict  # title id -> [Rule]
    lines: list  # every line of the campaign's proposals still standing (not rejected)
    recognised: set  # person ids with an initiative recognised in the campaign's year
    ranks: dict  # unit id -> rank in its compiler's final ranking
    votes: dict  # (unit id, title id) -> VoteResult
    compilers: dict  # unit id -> compiler unit id
    staff: dict = field(default_factory=dict)  # unit id -> set of person ids in the unit and its sub-units
    person_unit: dict = field(default_factory=dict)  # person id -> unit id
    history: dict = field(default_factory=dict)  # (recipient key, title id, year) -> Honour, for the history rules
    limits: Limits = field(default_factory=Limits)  # the campaign's own quotas and bands required
    _scopes: dict = field(default_factory=dict)

    def people_of(self, proposer_id):
        """Everyone in the proposing unit and its sub-units: the scope a quota counts in."""
        if proposer_id not in self._scopes:
            units = units_with_descendants(unit_ids={proposer_id})
            self._scopes[proposer_id] = set(Person.objects.filter(unit_id__in=units).values_list("id", flat=True))
        return self._scopes[proposer_id]

    def holders(self, title_id):
        """Person ids and unit ids proposed for a title in the campaign and not rejected."""
        people = {line.person_id for line in self.lines if line.title_id == title_id and line.person_id}
        units = {line.unit_id for line in self.lines if line.title_id == title_id and line.unit_id}
        return people, units


def build_context(*, campaign, only_approved=False, rule_set=None):
    """What the rules read, for the whole campaign; `rule_set` is the version a ballot judges by, if not the one in force."""
    rule_set = rule_set or rule_set_for(campaign=campaign)
    rules = defaultdict(list)
    if rule_set:
        for rule in Rule.objects.filter(rule_set=rule_set).select_related("other_title", "title"):
            rules[rule.title_id].append(rule)
    standing = ProposalLine.objects.filter(proposal__campaign=campaign).exclude(decision=ProposalLine.Decision.REJECTED)
    if only_approved:
        standing = standing.filter(decision=ProposalLine.Decision.APPROVED)
    lines = list(standing.select_related("proposal"))
    compilers = campaign_compilers(campaign=campaign)
    finals = Ranking.objects.filter(campaign=campaign, status=Ranking.Status.FINAL)
    ranks = dict(RankingEntry.objects.filter(ranking__in=finals).values_list("unit_id", "rank"))
    votes = {}
    for meeting in VoteMeeting.objects.filter(campaign=campaign):
        for result in vote_results(meeting=meeting):
            votes[(result.candidate.pk, result.title.pk)] = result
    collective_ids = {line.unit_id for line in lines if line.unit_id}
    staff = {}
    person_unit = {}
    if collective_ids:
        tree = subtrees(unit_ids=collective_ids)
        members = defaultdict(set)
        for person_id, unit_id in Person.objects.filter(
            unit_id__in=set().union(*tree.values()), is_active=True
        ).values_list("id", "unit_id"):
            members[unit_id].add(person_id)
            person_unit[person_id] = unit_id
        staff = {unit_id: set().union(*(members[u] for u in units)) for unit_id, units in tree.items()}
    recognised = set(
        Initiative.objects.filter(year=campaign.year, status=Initiative.Status.RECOGNISED).values_list(
            "person_id", flat=True
        )
    )
    return CheckContext(
        campaign=campaign,
        rules=rules,
        lines=lines,
        recognised=recognised,
        ranks=ranks,
        votes=votes,
        compilers=compilers,
        staff=staff,
        person_unit=person_unit,
        history=_history(campaign=campaign, rules=rules, lines=lines),
        limits=limits_for(campaign=campaign),
    )


def _history(*, campaign, rules, lines):
    """The register's past years the history rules of these lines read: one query, whatever the list's length."""
    history_rules = [rule for items in rules.values() for rule in items if rule.kind in Rule.HISTORY]
    if not history_rules:
        return {}
    titles = {rule.title_id for rule in history_rules}
    nominees = [line for line in lines if line.title_id in titles]
    return holdings(
        people={line.person_id for line in nominees if line.person_id},
        units={line.unit_id for line in nominees if line.unit_id},
        titles={rule.other_title_id for rule in history_rules},
        first_year=campaign.year - max(int(rule.number) for rule in history_rules),
        last_year=campaign.year,
    )


def _award(honour):
    return _("%(year)s: decision %(number)s of %(date)s") % {
        "year": honour.year,
        "number": honour.decision_number,
        "date": honour.decision_date.strftime("%d/%m/%Y"),
    }


def _held_consecutive_years(rule, line, context):
    """The other title in each of the last N years, this one included: this year's may be proposed in the campaign."""
    year, count, other = context.campaign.year, int(rule.number), rule.other_title
    key = recipient_key(person_id=line.person_id, unit_id=line.unit_id)
    people, units = context.holders(other.pk)
    proposed = (line.person_id in people) if line.person_id else (line.unit_id in units)
    years, passes = [], True
    for held_in in range(year - count + 1, year + 1):
        honour = context.history.get((key, other.pk, held_in))
        if honour is not None:
            years.append(_award(honour))
        elif held_in == year and proposed:
            years.append(_("%(year)s: proposed this year") % {"year": held_in})
        else:
            passes = False
            years.append(_("%(year)s: not in the register") % {"year": held_in})
    return passes, _("“%(title)s” %(count)s years in a row, %(first)s–%(last)s: %(years)s.") % {
        "title": other.name,
        "count": count,
        "first": year - count + 1,
        "last": year,
        "years": "; ".join(years),
    }


def _held_within_years(rule, line, context):
    """The other title at least once in the N years before this one."""
    year, count, other = context.campaign.year, int(rule.number), rule.other_title
    key = recipient_key(person_id=line.person_id, unit_id=line.unit_id)
    found = [
        context.history[(key, other.pk, held_in)]
        for held_in in range(year - count, year)
        if (key, other.pk, held_in) in context.history
    ]
    figures = {"title": other.name, "first": year - count, "last": year - 1}
    if not found:
        return False, _("“%(title)s” is not in the register for %(first)s–%(last)s.") % figures
    return True, _("“%(title)s” in %(first)s–%(last)s: %(years)s.") % {
        **figures,
        "years": "; ".join(_award(honour) for honour in found),
    }


def _num(value):
    """A number as Vietnamese writes it, without trailing zeros: 50, 87,5."""
    return number_format(format(Decimal(value).normalize(), "f"))


def _check(rule, line, context):
    Check = Rule.Check
    other = rule.other_title
    number = rule.number
    if rule.kind == Check.REQUIRES_TITLE:
        people, units = context.holders(other.pk)
        passes = (line.person_id in people) if line.person_id else (line.unit_id in units)
        return passes, (
            _("Also proposed for “%(title)s” this year.") if passes else _("Not proposed for “%(title)s” this year.")
        ) % {"title": other.name}
    if rule.kind == Check.REQUIRES_INITIATIVE:
        passes = line.person_id in context.recognised
        return passes, (
            _("Has an initiative recognised in %(year)s.") if passes else _("No initiative recognised in %(year)s.")
        ) % {"year": context.campaign.year}
    if rule.kind == Check.REQUIRES_OUTSTANDING_OR_INITIATIVE:
        if line.outstanding:
            return True, _("Completed duties with distinction.")
        if line.person_id in context.recognised:
            return True, _("Has an initiative recognised in %(year)s.") % {"year": context.campaign.year}
        return False, _("Neither duties completed with distinction nor an initiative recognised.")
    if rule.kind == Check.REQUIRES_OUTSTANDING:
        return line.outstanding, (
            _("Completed duties with distinction.")
            if line.outstanding
            else _("Duties not marked as completed with distinction.")
        )
    if rule.kind == Check.SHARE_OF_MEMBERS_WITH_TITLE:
        members = context.staff.get(line.unit_id, set())
        holders = members & context.holders(other.pk)[0]
        share = percent(len(holders), len(members))
        passes = share is not None and share >= number
        return passes, _(
            "%(count)s of %(total)s members (%(share)s%%) proposed for “%(title)s”; at least %(needed)s%% needed."
        ) % {
            "count": len(holders),
            "total": len(members),
            "share": _num(share or 0),
            "title": other.name,
            "needed": _num(number),
        }
    if rule.kind == Check.MEMBER_WITH_TITLE:
        members = context.staff.get(line.unit_id, set())
        passes = bool(members & context.holders(other.pk)[0])
        return passes, (
            _("A member is proposed for “%(title)s”.") if passes else _("No member is proposed for “%(title)s”.")
        ) % {"title": other.name}
    if rule.kind == Check.QUOTA_OF_TITLE_HOLDERS:
        # The line counts itself, standing or not: a rejected line is judged as if approved again.
        if line.person_id:
            scope = context.people_of(line.proposal.proposer_id)
            holders_of_other = context.holders(other.pk)[0] & scope
            holders_of_this = (context.holders(line.title_id)[0] | {line.person_id}) & scope
        else:
            # A collective title capped by another's holders (Decree 152/2025 art. 7.1: the Government's flag
            # for at most 20 % of the collectives proposed for the province's flag) counts across the campaign.
            holders_of_other = context.holders(other.pk)[1]
            holders_of_this = context.holders(line.title_id)[1] | {line.unit_id}
        allowed = int((Decimal(len(holders_of_other)) * number / 100).to_integral_value(rounding=ROUND_FLOOR))
        passes = len(holders_of_this) <= allowed
        return passes, (
            _("%(count)s proposed, at most %(allowed)s allowed (%(quota)s%% of %(base)s proposed for “%(title)s”).")
            if line.person_id
            else _(
                "%(count)s collectives proposed, at most %(allowed)s allowed (%(quota)s%% of the %(base)s collectives "
                "proposed for “%(title)s”)."
            )
        ) % {
            "count": len(holders_of_this),
            "allowed": allowed,
            "quota": _num(number),
            "base": len(holders_of_other),
            "title": other.name,
        }
    if rule.kind == Check.TOP_RANKED:
        rank = context.ranks.get(line.unit_id)
        if rank is None:
            return False, _("The unit has no rank in a final ranking.")
        passes = rank <= number
        return passes, _("Ranked %(rank)s; only the first %(max)s may be proposed.") % {
            "rank": rank,
            "max": int(number),
        }
    if rule.kind == Check.MAX_PER_BLOC:
        group = context.compilers.get(line.unit_id)
        same = {line.unit_id} | {
            other_line.unit_id
            for other_line in context.lines
            if other_line.title_id == line.title_id
            and other_line.unit_id
            and context.compilers.get(other_line.unit_id) == group
        }
        passes = len(same) <= number
        return passes, _("%(count)s proposed in this bloc, at most %(max)s.") % {"count": len(same), "max": int(number)}
    if rule.kind == Check.VOTE_PASSED:
        result = context.votes.get((line.unit_id, line.title_id))
        if result is None:
            return False, _("No vote for this unit and title was recorded.")
        return result.passes, _(
            "%(votes)s of %(present)s units present voted for it (%(percent)s%%; %(threshold)s%% needed)."
        ) % {
            "votes": result.votes,
            "present": result.present,
            "percent": _num(result.percent),
            "threshold": _num(result.threshold),
        }
    if rule.kind == Check.HELD_CONSECUTIVE_YEARS:
        return _held_consecutive_years(rule, line, context)
    if rule.kind == Check.HELD_WITHIN_YEARS:
        return _held_within_years(rule, line, context)
    raise ValueError(rule.kind)


def check_line(line, context):
    """The line's results, one per rule of its title and per limit the campaign sets on it; empty when none."""
    return [Result(rule, *_check(rule, line, context)) for rule in context.rules.get(line.title_id, [])] + [
        Result(*checked) for checked in check_limits(line, context)
    ]


def check_proposal(*, proposal, only_approved=False):
    """{line id: [Result]} for every line of the proposal, by the rule set it is judged by."""
    context = build_context(
        campaign=proposal.campaign, only_approved=only_approved, rule_set=rule_set_of_proposal(proposal=proposal)
    )
    lines = (
        [line for line in context.lines if line.proposal_id == proposal.pk]
        if only_approved
        else list(proposal.lines.select_related("proposal"))
    )
    return {line.pk: check_line(line, context) for line in lines}
