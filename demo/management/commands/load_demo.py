"""Load the demo data built from the four seed plans (fixtures/demo.json).

Idempotent: objects are matched by their natural keys, so running it again
updates the demo instead of duplicating it. It creates a superuser and a dozen
accounts whose password is published, so it runs only with DEBUG=True (a
development machine) unless told otherwise with --force.
"""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from weasyprint import HTML

from awards import selectors as award_selectors
from awards import services as award_services
from awards.models import Proposal, RuleSet
from awards.publication import publication_set
from awards.rulesets import ensure_shipped
from awards.services import rulebook as rulebook_services
from campaigns import services as campaign_services
from campaigns.models import Campaign, ContentItem, Milestone, Phase, Target, Title
from campaigns.selectors import campaign_compilers
from campaigns.titles import ensure_default_titles
from demo.signing import sign_demo_decision
from demo.table_of_today import load_table_of_today
from honours import views as honours_views
from honours.services import honours_import_apply
from honours.sheets import parse_register_file
from notifications.models import Notification
from organisation import services as org_services
from organisation.models import (
    Bloc,
    BlocMembership,
    Council,
    CouncilMember,
    Person,
    RoleAssignment,
    SheetImport,
    Unit,
)
from organisation.selectors import units_with_descendants
from registrations import services
from registrations.models import Registration
from scoring import services as scoring_services
from scoring.models import Criterion, ScoringPolicy, TieRule

DEFAULT_PATH = Path(settings.BASE_DIR) / "fixtures" / "demo.json"


def _date(value):
    return date.fromisoformat(value) if value else None


class Command(BaseCommand):
    help = "Load demo units, blocs, campaigns and users from the seed plans."

    def add_arguments(self, parser):
        parser.add_argument("--path", default=str(DEFAULT_PATH))
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo even though DEBUG is not True (a training server nobody else can reach).",
        )

    @transaction.atomic
    def handle(self, *args, path, force, **options):
        if not (settings.DEBUG or force):
            raise CommandError(
                "load_demo creates the superuser 'admin' and demo accounts whose password is published in the "
                "README, so it runs only with DEBUG=True (a development machine). To load the demo on another "
                "machine anyway, e.g. a training server nobody else can reach, run: manage.py load_demo --force"
            )
        started = timezone.now()
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        ensure_default_titles(Title)
        ensure_shipped(apps.get_model)
        units = self._units(data["units"])
        councils = self._councils(data["councils"], units)
        blocs = self._blocs(data["blocs"], units, councils)
        for spec in data["campaigns"]:
            self._campaign(spec, units, blocs, councils)
        users = self._users(data["users"], data["password"], units, councils)
        self._register(data["register"], units, users)
        self._registrations(data["registrations"], data["campaigns"], users)
        self._scoring(data["scoring"], data["campaigns"], users)
        self._awards(data["awards"], data["campaigns"], users)
        self._current_year(data["current_year"], data["campaigns"], blocs, users, timezone.localdate())
        load_table_of_today(spec=data["table_of_today"], blocs=blocs, users=users, year=timezone.localdate().year)
        self._rule_book(data["rule_book"], units, users)
        # The demo replays years that are over: the notifications its steps made would only fill every demo
        # account's bell and send mail to its example addresses.
        Notification.objects.filter(created_at__gte=started).delete()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data: {len(units)} units, {len(blocs)} blocs, {Campaign.objects.count()} campaigns, {len(users)} users."
            )
        )
        self.stdout.write(f"Demo logins (password for all: {data['password']}):")
        for user, spec in zip(users, data["users"], strict=True):
            roles = ", ".join(" ".join(role) for role in spec["roles"]) or "administrator"
            self.stdout.write(f"  {user.username:<18} {roles}")

    def _units(self, specs):
        units = {}
        for spec in specs:
            unit, _created = Unit.objects.update_or_create(
                name=spec["name"],
                defaults={
                    "kind": spec["kind"],
                    "parent": units[spec["parent"]] if spec["parent"] else None,
                    "parent_body": spec["parent_body"],
                    "province": spec["province"],
                    "short_name": spec["short_name"],
                    "head_title": spec["head_title"],
                    "head_name": spec["head_name"],
                },
            )
            units[spec["key"]] = unit
            for person in spec["staff"]:
                existing = Person.objects.filter(unit=unit, full_name=person["full_name"]).first() or Person(unit=unit)
                existing.full_name = person["full_name"]
                existing.gender = person["gender"]
                existing.position = person["position"]
                existing.save()
        return units

    def _councils(self, specs, units):
        return {
            spec["key"]: Council.objects.update_or_create(
                name=spec["name"], defaults={"level": spec["level"], "unit": units[spec["unit"]]}
            )[0]
            for spec in specs
        }

    def _blocs(self, specs, units, councils):
        blocs = {}
        for spec in specs:
            bloc, _created = Bloc.objects.update_or_create(
                full_name=spec["full_name"],
                defaults={
                    "name": spec["name"],
                    "province": spec["province"],
                    "council": councils[spec["council"]] if spec["council"] else None,
                    "organizer": units[spec["organizer"]] if spec["organizer"] else None,
                },
            )
            for membership in spec["memberships"]:
                BlocMembership.objects.update_or_create(
                    unit=units[membership["unit"]],
                    year=membership["year"],
                    defaults={"bloc": bloc, "role": membership["role"]},
                )
            blocs[spec["key"]] = bloc
        return blocs

    def _campaign(self, spec, units, blocs, councils):
        campaign, _created = Campaign.objects.update_or_create(
            issuer=units[spec["issuer"]],
            year=spec["year"],
            name=spec["name"],
            defaults={
                "issuing_bloc": blocs[spec["issuing_bloc"]] if spec["issuing_bloc"] else None,
                "covers_sub_units": spec["covers_sub_units"],
                "council": councils[spec["council"]] if spec["council"] else None,
                "number": spec["number"],
                "place": spec["place"],
                "issued_on": _date(spec["issued_on"]),
                "slogan": spec["slogan"],
                "legal_basis": spec["legal_basis"],
                "purposes": spec["purposes"],
                "signer_title": spec["signer_title"],
                "signer_name": spec["signer_name"],
                "status": spec["status"],
            },
        )
        campaign.blocs.set([blocs[key] for key in spec["blocs"]])
        for position, (label, text) in enumerate(spec["content_items"], start=1):
            ContentItem.objects.update_or_create(
                campaign=campaign, position=position, defaults={"label": label, "text": text}
            )
        titles = {title.code: title for title in Title.objects.all()}
        for position, target in enumerate(spec["targets"], start=1):
            Target.objects.update_or_create(
                campaign=campaign,
                position=position,
                defaults={
                    "text": target["text"],
                    "title": titles[target["title"]] if target["title"] else None,
                    "comparison": target.get("comparison", Target.Comparison.AT_LEAST),
                    "percentage": Decimal(target["percentage"]) if target["percentage"] else None,
                },
            )
        for phase_spec in spec["phases"]:
            phase = Phase.objects.filter(campaign=campaign, number=phase_spec["number"]).first() or Phase(
                campaign=campaign, number=phase_spec["number"]
            )
            phase.name = phase_spec["name"]
            phase.starts_on = _date(phase_spec["starts_on"])
            phase.ends_on = _date(phase_spec["ends_on"])
            phase.description = phase_spec["description"]
            phase.full_clean()
            phase.save()
        for milestone_spec in spec["milestones"]:
            milestone, _created = Milestone.objects.get_or_create(
                campaign=campaign,
                kind=milestone_spec["kind"],
                name=milestone_spec["name"],
                defaults={
                    "actor": milestone_spec["actor"],
                    "due_on": _date(milestone_spec.get("due_on")),
                    "window_starts_on": _date(milestone_spec.get("window_starts_on")),
                    "window_ends_on": _date(milestone_spec.get("window_ends_on")),
                    "note": milestone_spec.get("note", ""),
                },
            )
            milestone.full_clean()
        return campaign

    def _register(self, spec, units, users):
        """Khối 8's past years, imported from the office's Excel register the way the office's page imports it."""
        if SheetImport.objects.filter(kind=honours_views.KIND, file_name=spec["file"]).exists():
            return
        office = next(user for user in users if user.username == spec["office"])
        root = units[spec["root"]]
        parsed = parse_register_file(
            data=(DEFAULT_PATH.parent / spec["file"]).read_bytes(),
            units=Unit.objects.filter(id__in=units_with_descendants(unit_ids={root.pk})),
        )
        sheet_import = org_services.sheet_import_prepare(
            user=office, unit=root, kind=honours_views.KIND, file_name=spec["file"], parsed=parsed
        )
        if sheet_import is None:
            raise CommandError(f"{spec['file']}: {parsed.errors}")
        honours_import_apply(user=office, sheet_import=sheet_import)

    def _registrations(self, specs, campaign_specs, users):
        """Registrations made through the same services as the clerks' forms, so their history is real."""

        admin = next(user for user in users if user.is_superuser)
        clerks = {
            role.unit_id: role.user
            for role in RoleAssignment.objects.filter(role=RoleAssignment.Role.UNIT_CLERK, user__in=users)
        }
        campaigns = {spec["key"]: Campaign.objects.get(name=spec["name"], year=spec["year"]) for spec in campaign_specs}
        for spec in specs:
            campaign = campaigns[spec["campaign"]]
            unit = Unit.objects.get(name=spec["unit"])
            if Registration.objects.filter(campaign=campaign, unit=unit).exists():
                continue
            clerk = clerks.get(unit.pk, admin)
            items = {item.label: item.pk for item in campaign.content_items.all()}
            titles = {title.code: title.pk for title in Title.objects.all()}
            staff = list(Person.objects.filter(unit=unit, is_active=True).order_by("sort_name"))
            individual = {(person.pk, titles[spec["individual"]["all"]]) for person in staff}
            if staff:
                individual.add((staff[0].pk, titles[spec["individual"]["first"]]))
            state = {
                "items": {items[label]: text for label, text in spec["commitments"].items()},
                "collective": {(Unit.objects.get(name=name).pk, titles[code]) for name, code in spec["collective"]},
                "individual": individual,
            }
            registration = services.registration_save(
                user=clerk, campaign=campaign, unit=unit, expected_version=0, state=state
            )
            if spec["status"] == "draft":
                continue
            services.registration_submit(
                user=clerk,
                registration=registration,
                expected_version=registration.version,
                today=_date(spec["today"]),
            )
            if spec["status"] == "accepted":
                reviewer = Unit.objects.get(pk=campaign_compilers(campaign=campaign)[unit.pk])
                services.registration_accept(user=clerks.get(reviewer.pk, admin), registration=registration)

    def _scoring(self, spec, campaign_specs, users):
        """Seed 003 taken through reports, self-assessments, the leader's scores, a final ranking and the vote."""
        campaign_spec = next(c for c in campaign_specs if c["key"] == spec["campaign"])
        campaign = Campaign.objects.get(name=campaign_spec["name"], year=campaign_spec["year"])
        if Criterion.objects.filter(campaign=campaign).exists():
            return
        admin = next(user for user in users if user.is_superuser)
        clerks = {
            role.unit_id: role.user
            for role in RoleAssignment.objects.filter(role=RoleAssignment.Role.UNIT_CLERK, user__in=users)
        }
        policy = ScoringPolicy(campaign=campaign, **spec["policy"])
        scoring_services.policy_save(user=admin, policy=policy)
        for kind in spec["tie_rules"]:
            scoring_services.tie_rule_save(user=admin, rule=TieRule(campaign=campaign, kind=kind), position=None)
        criteria = scoring_services.criteria_import(
            user=admin,
            campaign=campaign,
            rows=[{**row, "max_points": Decimal(row["max_points"])} for row in spec["criteria"]],
        )
        compilers = campaign_compilers(campaign=campaign)
        units = {unit.name: unit for unit in Unit.objects.filter(pk__in=compilers)}
        for name, day in spec["reports"].items():
            unit = units[name]
            pdf = HTML(string=f"<h1>Báo cáo sơ kết 6 tháng đầu năm {campaign.year}</h1><p>{unit.name}</p>").write_pdf()
            scoring_services.midyear_report_upload(
                user=clerks.get(unit.pk, admin),
                campaign=campaign,
                unit=unit,
                upload=SimpleUploadedFile("bao-cao-so-ket.pdf", pdf),
                today=_date(day),
            )
        for name, points in spec["self"].items():
            unit = units[name]
            clerk = clerks.get(unit.pk, admin)
            scorecard = scoring_services.scorecard_save(
                user=clerk,
                campaign=campaign,
                unit=unit,
                expected_version=0,
                scores={c.pk: (Decimal(p), "") for c, p in zip(criteria, points, strict=True)},
                evidence={},
            )
            scoring_services.scorecard_submit(
                user=clerk,
                scorecard=scorecard,
                expected_version=scorecard.version,
                today=_date(spec["self_sent"][name]),
            )
        leader_unit = Unit.objects.get(pk=next(iter(set(compilers.values()))))
        leader = clerks.get(leader_unit.pk, admin)
        for name, points in spec["leader"].items():
            scoring_services.scores_set(
                user=leader,
                campaign=campaign,
                scorer=leader_unit,
                unit=units[name],
                expected_version=0,
                points={c.pk: Decimal(p) for c, p in zip(criteria, points, strict=True)},
                compilers=compilers,
            )
        scoring_services.ranking_finalise(
            user=leader, campaign=campaign, compiler=leader_unit, unit_ids=set(compilers), compilers=compilers
        )
        vote = spec["vote"]
        scoring_services.ranking_publish(
            user=leader, campaign=campaign, compiler=leader_unit, today=_date(vote["held_on"])
        )
        ordered = sorted(units.values(), key=lambda unit: unit.sort_name)
        ballots = set()
        for code, tallies in vote["ballots"].items():
            title = Title.objects.get(code=code)
            for name, count in tallies.items():
                voters = [unit for unit in ordered if unit.name != name][:count]
                ballots |= {(voter.pk, units[name].pk, title.pk) for voter in voters}
        scoring_services.vote_meeting_save(
            user=leader,
            campaign=campaign,
            compiler=leader_unit,
            unit_ids=set(compilers),
            held_on=_date(vote["held_on"]),
            place=vote["place"],
            notes=vote["notes"],
            present=ordered,
            ballots=ballots,
        )

    def _awards(self, spec, campaign_specs, users):
        """Khối 8's proposal from its vote, through the council's secret ballot, to the decision and its papers."""
        campaign_spec = next(c for c in campaign_specs if c["key"] == spec["campaign"])
        campaign = Campaign.objects.get(name=campaign_spec["name"], year=campaign_spec["year"])
        if Proposal.objects.filter(campaign=campaign, kind=Proposal.Kind.BLOC).exists():
            return
        by_name = {user.username: user for user in users}
        leader = by_name[spec["leader"]]
        compiler = RoleAssignment.objects.get(user=leader, role=RoleAssignment.Role.UNIT_CLERK).unit
        proposal = award_services.proposal_create_from_vote(user=leader, campaign=campaign, compiler=compiler)
        proposal.number, proposal.dated = spec["letter"]["number"], _date(spec["letter"]["dated"])
        proposal = award_services.proposal_update(user=leader, proposal=proposal, expected_version=proposal.version)
        award_services.proposal_submit(user=leader, proposal=proposal)
        ballot_spec = spec["ballot"]
        secretary = by_name[ballot_spec["secretary"]]
        defaults = award_selectors.ballot_title_thresholds(proposal=proposal)
        ballot = award_services.ballot_open(
            user=secretary,
            proposal=proposal,
            held_on=_date(ballot_spec["held_on"]),
            council_figures={item.title.pk: item.percent for item in defaults if item.council_sets},
        )
        lines = list(proposal.lines.select_related("unit"))
        for seat in award_selectors.ballot_seats(ballot=ballot):
            against = set(ballot_spec["against"].get(seat.user.username, []))
            in_writing = seat.user.username in ballot_spec["in_writing"]
            award_services.ballot_cast(
                user=secretary if in_writing else seat.user,
                seat=seat,
                choices={line.pk: line.unit.name not in against for line in lines},
                expected_version=seat.version,
                present=not in_writing,
            )
        award_services.ballot_close(user=secretary, ballot=ballot)
        proposal.refresh_from_db()
        decision = award_selectors.decision_draft(proposal=proposal)
        decision.number, decision.dated = spec["decision"]["number"], _date(spec["decision"]["dated"])
        award_services.decision_save(
            user=by_name[spec["decision"]["by"]], proposal=proposal, decision=decision, expected_version=0
        )
        sign_demo_decision(proposal=proposal, user=by_name[spec["signed"]["by"]], signer=spec["signed"]["signer"])
        publication_set(
            user=by_name[spec["published_by"]], authority=proposal.council.unit, year=campaign.year, published=True
        )

    def _users(self, specs, password, units, councils):
        """Accounts with their roles: ["unit_clerk", unit], ["office", root unit] or ["council", council, position, title]."""
        User = get_user_model()
        users = []
        for spec in specs:
            user, created = User.objects.get_or_create(
                username=spec["username"],
                defaults={"first_name": spec["first_name"], "last_name": spec["last_name"], "email": spec["email"]},
            )
            if created:
                user.set_password(password)
            user.is_superuser = user.is_staff = spec.get("superuser", False)
            user.save()
            for role, key, *seat in spec["roles"]:
                if role == "council":
                    position, job_title = (seat + [""])[:2]
                    CouncilMember.objects.update_or_create(
                        council=councils[key], user=user, defaults={"position": position, "job_title": job_title}
                    )
                else:
                    RoleAssignment.objects.get_or_create(user=user, role=role, unit=units[key])
            users.append(user)
        return users

    def _current_year(self, spec, campaign_specs, blocs, users, today):
        """Khối 8 carried into this year the way an office does it: next year's bloc, then "copy last year's"."""
        office = next(user for user in users if user.username == spec["office"])
        bloc = blocs[spec["bloc"]]
        source_spec = next(c for c in campaign_specs if c["key"] == spec["campaign"])
        source = Campaign.objects.get(name=source_spec["name"], year=source_spec["year"])
        year = today.year
        if not BlocMembership.objects.filter(bloc=bloc, year=year).exists():
            leader = BlocMembership.objects.get(bloc=bloc, year=source.year, role=BlocMembership.Role.LEADER).unit
            vice = BlocMembership.objects.get(bloc=bloc, year=source.year, role=BlocMembership.Role.VICE_LEADER).unit
            org_services.bloc_year_copy(
                user=office, bloc=bloc, from_year=source.year, to_year=year, leader=leader, vice_leader=vice
            )
        if not Campaign.objects.filter(issuing_bloc=source.issuing_bloc, year=year).exists():
            campaign = campaign_services.campaign_copy(user=office, source=source, year=year)
            campaign_services.campaign_set_status(
                user=office,
                campaign=campaign,
                status=Campaign.Status.ACTIVE,
                reason="Mở phong trào năm nay cho các đơn vị đăng ký.",
            )

    def _rule_book(self, spec, units, users):
        """The Trà Vinh office's own 2026 rules beside the shipped ones: copied from Decree 152/2025's set and given
        the province's council figures, through the services its pages call."""
        owner = units[spec["owner"]]
        if RuleSet.objects.filter(owner=owner, name=spec["name"]).exists():
            return
        office = next(user for user in users if user.username == spec["office"])
        rule_set = rulebook_services.rule_set_create(
            user=office,
            owner=owner,
            name=spec["name"],
            legal_source=spec["legal_source"],
            valid_from=_date(spec["valid_from"]),
            valid_to=_date(spec["valid_to"]),
            copy_from=RuleSet.objects.get(code=spec["copy"]),
            reason=spec["reason"],
        )
        figures = spec["figures"]
        rulebook_services.rule_set_update(
            user=office,
            rule_set=rule_set,
            expected_version=rule_set.version,
            values={
                "quorum": Decimal(figures["quorum"]),
                "quorum_source": figures["quorum_source"],
                "attendance": Decimal(figures["attendance"]),
                "attendance_source": figures["attendance_source"],
            },
            default_threshold={
                "percent": Decimal(figures["default_percent"]),
                "counted_over": figures["default_counted_over"],
                "more_than": figures["default_more_than"],
                "legal_source": figures["default_source"],
            },
            reason=spec["reason"],
        )
