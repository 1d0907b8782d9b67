"""Awards: rule sets, initiatives, proposals, the council's ballot, the decision."""

from .ballots import BallotSeat, BallotThreshold, CouncilBallot, CountedOver, SecretVote, VoteThreshold  # noqa: F401
from .decisions import AwardDecision, PreparedDecision, RenderedFile  # noqa: F401
from .dossier import AchievementReport, AwardPublication, CertificateCode, SignedDecision  # noqa: F401
from .initiatives import Initiative  # noqa: F401
from .proposals import Proposal, ProposalLine  # noqa: F401
from .quotas import AwardQuota, BandRequirement  # noqa: F401
from .rulebook import AwardTerms, BaseSalary, RuleSetAdoption  # noqa: F401
from .rules import CampaignRules, Rule, RuleSet  # noqa: F401
