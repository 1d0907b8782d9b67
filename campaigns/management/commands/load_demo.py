"""Load the demo data built from the four seed plans (fixtures/demo.json).

Idempotent: objects are matched by their natural keys, so running it again
updates the demo instead of duplicating it.
"""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from campaigns.models import (
    Bloc,
    BlocMembership,
    Campaign,
    ContentItem,
    Council,
    Milestone,
    Person,
    Phase,
    RoleAssignment,
    Target,
    Title,
    Unit,
)
from campaigns.titles import ensure_default_titles

DEFAULT_PATH = Path(settings.BASE_DIR) / "fixtures" / "demo.json"


def _date(value):
    return date.fromisoformat(value) if value else None


class Command(BaseCommand):
    help = "Load demo units, blocs, campaigns and users from the seed plans."

    def add_arguments(self, parser):
        parser.add_argument("--path", default=str(DEFAULT_PATH))

    @transaction.atomic
    def handle(self, *args, path, **options):
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        ensure_default_titles(Title)
        units = self._units(data["units"])
        councils = self._councils(data["councils"], units)
        blocs = self._blocs(data["blocs"], units, councils)
        for spec in data["campaigns"]:
            self._campaign(spec, units, blocs, councils)
        users = self._users(data["users"], data["password"], units, councils)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data: {len(units)} units, {len(blocs)} blocs, {len(data['campaigns'])} campaigns, {len(users)} users."
            )
        )
        self.stdout.write(f"Demo logins (password for all: {data['password']}):")
        for user, spec in zip(users, data["users"], strict=True):
            roles = ", ".join(f"{role} {key}" for role, key in spec["roles"]) or "administrator"
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
        campaign.content_items.all().delete()
        ContentItem.objects.bulk_create(
            ContentItem(campaign=campaign, position=position, label=label, text=text)
            for position, (label, text) in enumerate(spec["content_items"], start=1)
        )
        campaign.targets.all().delete()
        titles = {title.code: title for title in Title.objects.all()}
        Target.objects.bulk_create(
            Target(
                campaign=campaign,
                position=position,
                text=target["text"],
                title=titles[target["title"]] if target["title"] else None,
                comparison=target.get("comparison", Target.Comparison.AT_LEAST),
                percentage=Decimal(target["percentage"]) if target["percentage"] else None,
            )
            for position, target in enumerate(spec["targets"], start=1)
        )
        campaign.phases.all().delete()
        for phase_spec in spec["phases"]:
            phase = Phase(
                campaign=campaign,
                number=phase_spec["number"],
                name=phase_spec["name"],
                starts_on=_date(phase_spec["starts_on"]),
                ends_on=_date(phase_spec["ends_on"]),
                description=phase_spec["description"],
            )
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

    def _users(self, specs, password, units, councils):
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
            for role, key in spec["roles"]:
                if role in RoleAssignment.UNIT_ROLES:
                    RoleAssignment.objects.get_or_create(user=user, role=role, unit=units[key])
                else:
                    RoleAssignment.objects.get_or_create(user=user, role=role, council=councils[key])
            users.append(user)
        return users
