"""The refusals the rule book puts in the council's way: no ballot without rules in force, no count without the
members the rule set asks for."""

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from awards.rulebook.resolve import rules_in_force
from awards.selectors import share


def rules_require_in_force(*, campaign):
    """The set the campaign is judged by, or a refusal saying why none can judge it yet."""
    rules = rules_in_force(campaign=campaign)
    if rules.missing:
        raise ValidationError(
            _(
                "No rule set is in force on %(date)s, the day this campaign is judged: the office adds the rules in "
                "force (its province's regulation) or chooses a set for the campaign before the ballot opens."
            )
            % {"date": rules.judged_on.strftime("%d/%m/%Y")}
        )
    if rules.needs_confirmation:
        raise ValidationError(
            _(
                "%(rules)s leaves the council's figures to the province (Decree 152/2025, art. 6.2): the office "
                "confirms its defaults, or enters its province's regulation, before the ballot opens."
            )
            % {"rules": rules.rule_set}
        )
    return rules.rule_set


def require_attendance(*, ballot, present):
    """When awards are decided the rule set may ask for a number of members, or a share, at the meeting."""
    if ballot.quorum_members and present < ballot.quorum_members:
        raise ValidationError(
            _("Too few members at the meeting: %(present)s present, at least %(needed)s needed (%(source)s).")
            % {"present": present, "needed": ballot.quorum_members, "source": ballot.quorum_source}
        )
    if ballot.attendance and share(present, ballot.member_count) < ballot.attendance:
        raise ValidationError(
            _(
                "Too few members at the meeting to decide awards: %(present)s of %(members)s present, at least "
                "%(attendance)s%% needed (%(source)s)."
            )
            % {
                "present": present,
                "members": ballot.member_count,
                "attendance": number_format(format(ballot.attendance.normalize(), "f")),
                "source": ballot.attendance_source,
            }
        )
