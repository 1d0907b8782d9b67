"""Who may do what with a proposal: the proposer's clerks, the council's members, its secretary and chair; 404 for everyone else."""

from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from awards.models import (
    BallotSeat,
    CouncilBallot,
    Initiative,
    Proposal,
    ProposalLine,
    RuleSet,
)
from core.access import Scope
from organisation.access import units_visible_to, viewer_for
from organisation.models import Council, CouncilMember, Unit
from organisation.selectors import units_with_descendants

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
    # Issues the decision itself, rather than preparing it for the authority (the council's setting).
    issues_decision: bool = False
    may_upload_reports: bool = False
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
    """The proposer's side sees its proposals; a council, and its unit's office, only those sent to it; a unit
    awarded by an issued decision, the proposal that won it its award (a decision is public)."""
    viewer = viewer_for(user)
    if viewer.is_admin:
        return Proposal.objects.all()
    sent = (Q(council_id__in=viewer.council_ids) | Q(council__unit_id__in=viewer.office_unit_ids)) & ~Q(
        status=Proposal.Status.DRAFT
    )
    awarded = ProposalLine.objects.filter(
        Q(unit_id__in=viewer.own_unit_ids) | Q(person__unit_id__in=viewer.own_unit_ids),
        decision=ProposalLine.Decision.APPROVED,
        proposal__award_decision__isnull=False,
    ).values("proposal_id")
    return Proposal.objects.filter(
        Q(proposer_id__in=viewer.clerk_unit_ids | viewer.office_unit_ids) | sent | Q(pk__in=awarded)
    )


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
        issues_decision=viewer.is_admin
        or position == Position.CHAIR
        or (secretary and proposal.council.decision_issuer == Council.DecisionIssuer.SECRETARY),
        # The proposer collects its lines' signed reports (a bloc's leader those of its members) until the ballot.
        may_upload_reports=proposer and proposal.status != Proposal.Status.APPROVED and ballot is None,
        ballot=ballot,
        seat=seat,
    )


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


class RuleBookAccess:
    """What one user may do in the rule book: read a set, change their office's own, confirm a national set's
    defaults for their tree, record the base salary.

    A national set is read by everyone; an office's own set by that office and
    by those who act inside its tree (they are judged by it), 404 for others.
    """

    def __init__(self, user):
        self.viewer = viewer_for(user)
        self._trees = {}

    @property
    def keeps_rules(self):
        return self.viewer.is_admin or self.viewer.is_office

    @property
    def keeps_salaries(self):
        return self.viewer.is_admin

    def office_roots(self):
        """The trees whose rule sets the user keeps: an office's own, every top unit for an administrator."""
        if self.viewer.is_admin:
            return Unit.objects.filter(parent__isnull=True, is_active=True).order_by("sort_name")
        return Unit.objects.filter(id__in=self.viewer.office_root_ids).order_by("sort_name")

    def _tree(self, owner_id):
        if owner_id not in self._trees:
            self._trees[owner_id] = units_with_descendants(unit_ids={owner_id})
        return self._trees[owner_id]

    def may_read(self, rule_set):
        viewer = self.viewer
        if rule_set.is_national or viewer.is_admin or rule_set.owner_id in viewer.office_unit_ids:
            return True
        council_units = set(Unit.objects.filter(councils__id__in=viewer.council_ids).values_list("id", flat=True))
        return bool(self._tree(rule_set.owner_id) & (viewer.own_unit_ids | council_units))

    def may_change(self, rule_set):
        return not rule_set.is_national and rule_set.is_current and self.viewer.keeps_unit(rule_set.owner_id)

    def may_adopt(self, rule_set):
        return rule_set.is_national and rule_set.left_to_province and rule_set.is_current and self.keeps_rules


def rule_set_get_for_user(*, user, rule_set_id):
    access = RuleBookAccess(user)
    rule_set = RuleSet.objects.select_related("owner", "previous").filter(pk=rule_set_id).first()
    if rule_set is None or not access.may_read(rule_set):
        raise Http404
    return rule_set, access


@dataclass(frozen=True)
class PublicationAccess:
    """Which authorities' awards a user publishes: those of the trees their office keeps."""

    user: object

    def may_publish(self, authority_id):
        return viewer_for(self.user).keeps_unit(authority_id)

    @property
    def publishes_any(self):
        viewer = viewer_for(self.user)
        return viewer.is_admin or bool(viewer.office_unit_ids)


def _proposal_flag(name):
    return lambda access, _obj: getattr(access, name)


def awards_scopes():
    """A proposal and an initiative, reached by their ids."""
    return {
        "proposal": Scope(
            url_kwarg="proposal_id",
            resolve=lambda request, proposal_id: proposal_get_for_user(user=request.user, proposal_id=proposal_id)[0],
            grant=lambda request, proposal: proposal_access(user=request.user, proposal=proposal),
            verbs={
                "see": lambda access, _obj: True,
                "act_for_proposer": _proposal_flag("acts_for_proposer"),
                "edit": _proposal_flag("can_edit"),
                "recall": _proposal_flag("may_recall"),
                "give_back": _proposal_flag("may_return"),
                "forward": _proposal_flag("may_forward"),
                "open_ballot": _proposal_flag("may_open_ballot"),
                "vote": _proposal_flag("may_vote"),
                "vote_or_record": _proposal_flag("may_vote_or_record"),
                "run_ballot": _proposal_flag("runs_ballot"),
                "issue": _proposal_flag("may_issue"),
                "upload_reports": _proposal_flag("may_upload_reports"),
                # a ballot seat: the member's own, or any member's paper ballot for the secretary
                "record_for": lambda access, seat: seat is not None and access.may_record_for(seat),
            },
        ),
        # The office's rule book as a whole (its list, a new set, the base salary), and a rule set by its id.
        "rule_book": Scope(
            grant=lambda request, _subject: RuleBookAccess(request.user),
            verbs={
                "keep": lambda access, _obj: access.keeps_rules,
                "keep_salaries": lambda access, _obj: access.keeps_salaries,
            },
        ),
        "rule_set": Scope(
            url_kwarg="rule_set_id",
            resolve=lambda request, rule_set_id: rule_set_get_for_user(user=request.user, rule_set_id=rule_set_id)[0],
            grant=lambda request, _rule_set: RuleBookAccess(request.user),
            verbs={
                "see": lambda access, _rule_set: True,
                "change": lambda access, rule_set: access.may_change(rule_set),
                "adopt": lambda access, rule_set: access.may_adopt(rule_set),
            },
        ),
        "publication": Scope(
            grant=lambda request, _subject: PublicationAccess(request.user),
            verbs={
                "manage": lambda access, _obj: access.publishes_any,
                "publish": lambda access, authority_id: access.may_publish(authority_id),
            },
        ),
        "initiative": Scope(
            url_kwarg="initiative_id",
            resolve=lambda request, initiative_id: get_object_or_404(
                initiatives_visible_to(request.user).select_related("person__unit"), pk=initiative_id
            ),
            grant=lambda request, _initiative: request.user,
            verbs={"decide": lambda user, initiative: initiative_can_decide(user=user, initiative=initiative)},
        ),
    }
