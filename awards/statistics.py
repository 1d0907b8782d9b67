"""The year's reward money on the office's statistics page and in its Excel file (an answer to
`honours.signals.statistics_sections`)."""

from django.utils.translation import gettext as _

from awards.selectors.money import ROUNDING_SOURCE, year_totals
from honours.signals import StatisticsSection


def money_section(*, root, year):
    funds = year_totals(root=root, year=year)
    notes = [
        _(
            "Each award's money: its title's multiple of the base salary in force on the decision's date, rounded up "
            "to the next 10,000 đồng (%(source)s)."
        )
        % {"source": ROUNDING_SOURCE},
        _("Counted by the date of the decision, like form 0603.N."),
    ]
    if any(fund.unpriced for fund in funds):
        notes.append(_("Awards whose title the rule set names no reward for are counted, without money."))
    return StatisticsSection(
        title=_("Reward money by fund"),
        template="awards/statistics_money.html",
        context={"funds": funds, "total": sum(fund.total for fund in funds)},
        header=[_("Emulation and commendation fund of"), _("Decisions"), _("Awards"), _("Reward money (đồng)")],
        rows=[[fund.fund, fund.decisions, fund.awards, fund.total] for fund in funds],
        notes=notes,
    )
