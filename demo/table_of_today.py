"""The demo's second campaign of this year for Khối 8: a scoring table of today, loaded through the services.

Its table uses every method the tables published in 2025 use (figures over a
base, tiers, a target, two levels, all or nothing behind a gate, a bonus part
under its cap, a deduction per occurrence), bands with a cap by a recorded
event, a three-rule tie cascade and a quota. The units' figures are chosen so
that the ranking shows a tie parted by the second rule (Sở GD&ĐT and Sở
LĐ-TB&XH, equal on points and accounts, parted by the monthly transfers) and
a unit capped by an event (Sở Y tế, whose head was reprimanded).
"""

from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from weasyprint import HTML

from awards import services as award_services
from awards.models import AwardQuota
from campaigns import services as campaign_services
from campaigns.models import Campaign, Title
from campaigns.selectors import campaign_compilers
from organisation.models import BlocMembership, RoleAssignment, Unit
from scoring import services as scoring_services
from scoring.models import Band, EventKind, ScoringPolicy, TieRule, UnitEvent
from scoring.totals import leaves


def _decimal(value):
    return None if value is None else Decimal(value)


def load_table_of_today(*, spec, blocs, users, year):
    """Create, run and rank the campaign once; a second run finds it and leaves it as it is."""
    bloc = blocs[spec["bloc"]]
    name = spec["name"].format(year=year)
    if Campaign.objects.filter(issuing_bloc=bloc, year=year, name=name).exists():
        return
    by_name = {user.username: user for user in users}
    leader = by_name[spec["leader"]]
    leader_unit = BlocMembership.objects.get(bloc=bloc, year=year, role=BlocMembership.Role.LEADER).unit
    campaign = campaign_services.campaign_create(
        user=leader,
        campaign=Campaign(
            name=name,
            year=year,
            issuer=leader_unit,
            issuing_bloc=bloc,
            place=spec["place"],
            purposes=spec["purposes"],
        ),
        blocs=[bloc],
    )
    campaign_services.campaign_set_status(
        user=leader, campaign=campaign, status=Campaign.Status.ACTIVE, reason="Mở phong trào chuyên đề của Khối."
    )
    scoring_services.policy_save(user=leader, policy=ScoringPolicy(campaign=campaign))
    rows = [{**row, **{key: _decimal(row.get(key)) for key in DECIMALS if key in row}} for row in spec["criteria"]]
    lines = {line.label: line for line in scoring_services.criteria_import(user=leader, campaign=campaign, rows=rows)}
    _classification(spec, campaign, leader, lines)
    compilers = campaign_compilers(campaign=campaign)
    units = {unit.name: unit for unit in Unit.objects.filter(pk__in=compilers)}
    clerks = {
        role.unit_id: role.user
        for role in RoleAssignment.objects.filter(role=RoleAssignment.Role.UNIT_CLERK, user__in=users)
    }
    admin = next(user for user in users if user.is_superuser)
    scored = leaves(list(lines.values()))
    sent_on = date.fromisoformat(spec["sent_on"].format(year=year))
    evidence = HTML(string=f"<h1>Kế hoạch chi trả không dùng tiền mặt năm {year}</h1>").write_pdf()
    for unit_name, unit_spec in spec["units"].items():
        unit = units[unit_name]
        clerk = clerks.get(unit.pk, admin)
        scorecard = scoring_services.scorecard_save(
            user=clerk,
            campaign=campaign,
            unit=unit,
            expected_version=0,
            scores={line.pk: (_decimal(unit_spec["typed"].get(line.label)), "") for line in scored},
            evidence={
                lines[label].pk: [SimpleUploadedFile("ke-hoach.pdf", evidence)] for label in unit_spec["evidence"]
            },
            figures={
                lines[label].pk: (_decimal(value), _decimal(base))
                for label, (value, base) in unit_spec["figures"].items()
            },
        )
        scoring_services.scorecard_submit(
            user=clerk, scorecard=scorecard, expected_version=scorecard.version, today=sent_on
        )
    for correction in spec["corrections"]:
        scoring_services.figure_correct(
            user=leader,
            campaign=campaign,
            unit=units[correction["unit"]],
            criterion=lines[correction["line"]],
            value=Decimal(correction["value"]),
            base=_decimal(correction["base"]),
            reason=correction["reason"],
            compiler_id=leader_unit.pk,
        )
    for unit_name, unit_spec in spec["units"].items():
        # The leader keeps the unit's typed points; the lines scored from figures are computed from those kept.
        scoring_services.scores_set(
            user=leader,
            campaign=campaign,
            scorer=leader_unit,
            unit=units[unit_name],
            expected_version=0,
            points={line.pk: _decimal(unit_spec["typed"].get(line.label)) for line in scored},
            compilers=compilers,
        )
    kinds = {kind.name: kind for kind in EventKind.objects.filter(campaign=campaign)}
    for record in spec["recorded"]:
        scoring_services.unit_event_record(
            user=leader, event=UnitEvent(kind=kinds[record["event"]], unit=units[record["unit"]], note=record["note"])
        )


# The table's numbers, read from the file as text so that no float creeps in.
DECIMALS = ("max_points", "target", "second_level", "per_occurrence")


def _classification(spec, campaign, leader, lines):
    """The bands, the listed events, the tie cascade and the quota, as the leader keeps them on their pages."""
    bands = {}
    for name, minimum, no_zero, no_half in spec["bands"]:
        bands[name] = scoring_services.band_save(
            user=leader,
            band=Band(
                campaign=campaign,
                name=name,
                min_total=Decimal(minimum),
                no_criterion_at_zero=no_zero,
                no_part_under_half=no_half,
            ),
            position=None,
        )
    for name, effect, band in spec["events"]:
        scoring_services.event_kind_save(
            user=leader, kind=EventKind(campaign=campaign, name=name, effect=effect, band=bands[band])
        )
    for kind, label in spec["tie_rules"]:
        figure = str(lines[label].pk) if label else ""
        scoring_services.tie_rule_save(
            user=leader, rule=TieRule(campaign=campaign, kind=kind, figure=figure), position=None
        )
    quota = spec["quota"]
    award_services.quota_save(
        user=leader,
        quota=AwardQuota(
            campaign=campaign,
            title=Title.objects.get(code=quota["title"]),
            base=quota["base"],
            percent=Decimal(quota["percent"]),
            rounding=quota["rounding"],
        ),
    )
