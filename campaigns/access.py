"""Who does what in a campaign: one object per user, campaign and request, asked by every view.

`CampaignAccess` answers which competing units the user acts for, which the
user compiles (and, for a user who compiles for more than one unit, as which
one now: chosen explicitly and kept in the session, never picked from a
set), which units the user may read, whom the user may score, and whether the
user manages the campaign. It is the grant of the "campaign" scope of the
access vocabulary (core.access): every campaign page of every app says
`@requires("campaign.<verb>")` and asks `request.access.may(…)`.
"""

from django.shortcuts import render

from campaigns.models import Campaign
from campaigns.selectors import campaign_compilers, campaign_get_for_user, campaign_issuers, campaigns_compilers
from core.access import Scope
from organisation.access import viewer_for
from organisation.models import Unit


def compiler_session_key(campaign_id):
    return f"thidua.compiler.{campaign_id}"


def may_score(*, compilers, scorer_id, unit_id, cross_scoring):
    """The compiler scores its units; with cross-scoring on, the members of a group score each other, never themselves."""
    compiler = compilers.get(unit_id)
    if compiler is None:
        return False
    if cross_scoring:
        same_group = compilers.get(scorer_id) == compiler or scorer_id == compiler
        return same_group and scorer_id != unit_id
    return scorer_id == compiler


class CampaignAccess:
    """What one user does in one campaign."""

    def __init__(self, *, user, campaign, chosen_compiler_id=None, compilers=None):
        """`compilers` is the campaign's {unit: compiler}, when it was read already with others' (`campaign_grants`)."""
        viewer = viewer_for(user)
        self.user = user
        self.campaign = campaign
        self.viewer = viewer
        self.compilers = campaign_compilers(campaign=campaign) if compilers is None else compilers
        self.own_unit_ids = frozenset(unit for unit in self.compilers if unit in viewer.own_unit_ids)
        self.compiler_choices = tuple(
            sorted({compiler for compiler in self.compilers.values() if compiler in viewer.clerk_unit_ids})
        )
        if len(self.compiler_choices) == 1:
            self.compiler_id = self.compiler_choices[0]
        else:
            self.compiler_id = chosen_compiler_id if chosen_compiler_id in self.compiler_choices else None
        self.compiled_unit_ids = frozenset(
            unit for unit, compiler in self.compilers.items() if self.compiler_id and compiler == self.compiler_id
        )
        keeps = viewer.keeps_unit(campaign.issuer_id) or (
            campaign.issuing_bloc_id is not None and viewer.keeps_bloc(campaign.issuing_bloc)
        )
        # The office that keeps the campaign's tree (or bloc): it chooses the rules the campaign is judged by.
        self.kept_by_office = bool(keeps)
        self.may_manage = bool(
            keeps
            or campaign.issuer_id in viewer.clerk_unit_ids
            or (campaign.issuing_bloc_id, campaign.year) in viewer.leader_bloc_years
        )
        self.reads_all = bool(
            viewer.is_admin or keeps or (campaign.council_id is not None and campaign.council_id in viewer.council_ids)
        )

    @classmethod
    def for_request(cls, request, campaign):
        cached = getattr(request, "_campaign_access", None)
        if cached is not None and cached.campaign.pk == campaign.pk:
            return cached
        chosen = request.session.get(compiler_session_key(campaign.pk))
        access = cls(user=request.user, campaign=campaign, chosen_compiler_id=chosen)
        request._campaign_access = access
        return access

    # The campaign's state

    @property
    def is_open(self):
        return self.campaign.status == Campaign.Status.ACTIVE

    @property
    def is_closed(self):
        return self.campaign.status == Campaign.Status.CLOSED

    @property
    def may_set_up(self):
        """Content, milestones and scoring table change while the campaign is a draft or open, by its managers."""
        return self.may_manage and not self.is_closed

    # Roles

    @property
    def compiler_units(self):
        return list(Unit.objects.filter(id__in=self.compiler_choices).order_by("sort_name"))

    @property
    def compiler_unit(self):
        return Unit.objects.get(pk=self.compiler_id) if self.compiler_id else None

    @property
    def compiles_any(self):
        return bool(self.compiler_choices)

    @property
    def must_choose_compiler(self):
        return len(self.compiler_choices) > 1 and self.compiler_id is None

    @property
    def takes_part(self):
        return bool(self.own_unit_ids or self.compiler_choices or self.reads_all)

    @property
    def listed_unit_ids(self):
        """The units a compiler's or reader's pages list: the compiled ones, or all for a reader of everything."""
        if self.compiled_unit_ids:
            return self.compiled_unit_ids
        return frozenset(self.compilers) if self.reads_all else frozenset()

    def acts_for(self, unit_id):
        return unit_id in self.own_unit_ids

    def compiles(self, unit_id):
        return unit_id in self.compiled_unit_ids

    def may_read(self, unit_id):
        return self.acts_for(unit_id) or self.compiles(unit_id) or (self.reads_all and unit_id in self.compilers)

    @property
    def member_compiler_ids(self):
        """The compilers whose rankings the user's own units compete in."""
        return sorted({self.compilers[unit] for unit in self.own_unit_ids})

    def may_see_results(self, ranking):
        """A published ranking is read by every member unit of it, its compiler and the readers of everything.

        Before it is published, members see nothing of the others' scores; a
        unit's own lines are shown to those acting for it (`acts_for`).
        """
        return ranking.is_published and (
            ranking.compiler_id in self.member_compiler_ids
            or ranking.compiler_id in self.compiler_choices
            or self.reads_all
        )

    def may_propose_for(self, unit_id):
        """A unit's own clerks draw up its proposals to its council."""
        return self.viewer.is_admin or unit_id in self.viewer.clerk_unit_ids

    @property
    def proposing_units(self):
        if self.viewer.is_admin:
            return list(Unit.objects.filter(id__in=self.own_unit_ids | {self.campaign.issuer_id}).order_by("sort_name"))
        return list(Unit.objects.filter(id__in=self.viewer.clerk_unit_ids).order_by("sort_name"))

    def peers_to_score(self, *, cross_scoring):
        """The units the user scores as a peer (cross-scoring), beside those they compile."""
        if not cross_scoring:
            return []
        return [
            unit
            for unit in self.compilers
            if not self.compiles(unit) and self.scorer_for(unit, cross_scoring=True) is not None
        ]

    def scorer_for(self, unit_id, *, cross_scoring):
        """The unit the user scores this unit as: its compiler, or with cross-scoring one of the user's own units."""
        candidates = ([self.compiler_id] if self.compiler_id else []) + sorted(self.own_unit_ids)
        for scorer_id in candidates:
            if may_score(compilers=self.compilers, scorer_id=scorer_id, unit_id=unit_id, cross_scoring=cross_scoring):
                return scorer_id
        return None


def campaign_grants(*, user, campaigns, session):
    """Each campaign's CampaignAccess for one user, from one reading of who competes and compiles in them all.

    A list of campaigns (the dashboard's) asks the access vocabulary about
    each of them (`core.access.allows`) without a query per campaign.
    """
    compilers = campaigns_compilers(campaigns=campaigns)
    return {
        campaign.pk: CampaignAccess(
            user=user,
            campaign=campaign,
            chosen_compiler_id=session.get(compiler_session_key(campaign.pk)),
            compilers=compilers[campaign.pk],
        )
        for campaign in campaigns
    }


def _resolve_campaign(request, campaign_id):
    return campaign_get_for_user(user=request.user, campaign_id=campaign_id)


def _choose_compiler_first(request, campaign, verb):
    """A compiler for several units is asked, once per campaign and session, which one they act as."""
    access = CampaignAccess.for_request(request, campaign)
    if verb in ("take_part", "compile", "list") and access.must_choose_compiler:
        return render(request, "campaigns/choose_compiler.html", {"campaign": campaign, "access": access})
    return None


def campaign_scopes():
    """A campaign reached by its id, and the campaigns as a whole (opening a new one)."""
    return {
        "campaign": Scope(
            url_kwarg="campaign_id",
            resolve=_resolve_campaign,
            grant=CampaignAccess.for_request,
            before=_choose_compiler_first,
            hidden=frozenset({"act_for", "read", "act_as", "read_paper"}),
            verbs={
                "see": lambda access, _obj: True,
                "take_part": lambda access, _obj: access.takes_part,
                "manage": lambda access, _obj: access.may_manage,
                # the office keeping the campaign's tree or bloc: it chooses the rules the campaign is judged by
                "keep": lambda access, _obj: access.kept_by_office,
                "set_up": lambda access, _obj: access.may_set_up,
                "compile": lambda access, _obj: access.compiles_any,
                "choose": lambda access, _obj: access.compiles_any,
                "list": lambda access, _obj: access.compiles_any or access.reads_all,
                "read_all": lambda access, _obj: access.reads_all,
                # the user acts now as the compiler of some units (finalising, the vote)
                "act_as_compiler": lambda access, _obj: bool(access.compiled_unit_ids),
                # on one unit of the campaign, by its id
                "act_for": lambda access, unit_id: access.acts_for(unit_id),
                "read": lambda access, unit_id: access.may_read(unit_id),
                "compile_unit": lambda access, unit_id: access.compiles(unit_id),
                "act_as": lambda access, unit_id: unit_id in access.compiler_choices,
                "propose_for": lambda access, unit_id: access.may_propose_for(unit_id),
                # (unit id, cross-scoring on): the user scores this unit, as its compiler or as a peer
                "score": lambda access, asked: access.scorer_for(asked[0], cross_scoring=asked[1]) is not None,
                # a paper of a unit (its self-assessment): kept with the unit while a draft, read once sent
                "read_paper": lambda access, paper: access.acts_for(paper.unit_id)
                or (paper.is_sent and access.may_read(paper.unit_id)),
                # on a ranking of the campaign
                "see_results": lambda access, ranking: access.may_see_results(ranking),
            },
        ),
        "campaigns": Scope(
            grant=lambda request, _subject: request.user,
            verbs={"create": lambda user, _obj: campaign_issuers(user=user).exists()},
        ),
    }
