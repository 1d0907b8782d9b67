"""Migration 0012's data step: the shipped sets as the texts say, every ballot with the version it was judged by.

Frozen with its data (`_shipped_2026_12`); the name starts with an underscore,
so Django's migration loader skips it.
"""

from datetime import date

from django.utils import timezone

from awards.migrations._shipped_2026_12 import (
    BASE_SALARIES,
    GOVERNMENT_FLAG_CAP,
    NATIONAL_TITLES,
    PROVINCE_98,
    PROVINCE_152,
    RULE_SETS,
    fill_set,
)

CORRECTED = "luat-2022-nd-152-2025"


def bring_to_the_texts(apps, schema_editor):
    get = apps.get_model
    RuleSet, Rule, VoteThreshold = get("awards", "RuleSet"), get("awards", "Rule"), get("awards", "VoteThreshold")
    AwardTerms, CampaignRules, CouncilBallot = get("awards", "AwardTerms"), get("awards", "CampaignRules"), get(
        "awards", "CouncilBallot"
    )
    Title = get("campaigns", "Title")
    last = max(Title.objects.values_list("position", flat=True), default=0)
    for offset, (code, name, subject, kind, level) in enumerate(NATIONAL_TITLES, start=1):
        Title.objects.get_or_create(
            code=code, defaults={"name": name, "subject": subject, "kind": kind, "level": level, "position": last + offset}
        )
    titles = {title.code: title for title in Title.objects.all()}
    models = {"rule_model": Rule, "threshold_model": VoteThreshold, "terms_model": AwardTerms, "titles": titles}

    # Ballots already counted keep the set that judged them: the one chosen, else the one in force at year's end.
    for ballot in CouncilBallot.objects.filter(rule_set__isnull=True).select_related("proposal__campaign"):
        campaign = ballot.proposal.campaign
        chosen = CampaignRules.objects.filter(campaign=campaign, rule_set__isnull=False).first()
        end = date(campaign.year, 12, 31)
        ballot.rule_set_id = (
            chosen.rule_set_id
            if chosen
            else RuleSet.objects.filter(valid_from__lte=end)
            .exclude(valid_to__lt=end)
            .order_by("-valid_from")
            .values_list("pk", flat=True)
            .first()
        )
        ballot.save(update_fields=["rule_set"])

    for spec in RULE_SETS:
        rule_set = RuleSet.objects.filter(code=spec["code"]).first()
        if rule_set is None:  # migrations 0002 made every shipped set; a database without one chose so
            continue
        if spec["code"] == CORRECTED and CouncilBallot.objects.filter(rule_set=rule_set).exists():
            # Judged already: the set stays as it was for those ballots, and the corrected one follows it.
            old = rule_set
            old.code, old.superseded_at = f"{spec['code']}-2025"[:32], timezone.now()
            old.name = f"{old.name} (bản trước khi đối chiếu văn bản)"[:255]
            old.legal_source = old.legal_source or spec["legal_source"]
            old.save()
            rule_set = _create(RuleSet, spec, previous=old)
            CampaignRules.objects.filter(rule_set=old).update(rule_set=rule_set)
        elif spec["code"] == CORRECTED:
            _correct_in_place(rule_set, spec, Rule=Rule, VoteThreshold=VoteThreshold, titles=titles)
        else:
            rule_set.legal_source = rule_set.legal_source or spec["legal_source"]
            rule_set.principles = rule_set.principles or spec["principles"]
            rule_set.save(update_fields=["legal_source", "principles"])
        fill_set(spec, rule_set, **models)
    for rule_set in RuleSet.objects.filter(legal_source=""):
        rule_set.legal_source = rule_set.name[:255]
        rule_set.save(update_fields=["legal_source"])
    BaseSalary = get("awards", "BaseSalary")
    for amount, valid_from, source in BASE_SALARIES:
        BaseSalary.objects.get_or_create(valid_from=valid_from, defaults={"amount": amount, "legal_source": source})


def _create(RuleSet, spec, previous=None):
    from decimal import Decimal

    return RuleSet.objects.create(
        code=spec["code"],
        name=spec["name"],
        legal_source=spec["legal_source"],
        valid_from=spec["valid_from"],
        valid_to=spec["valid_to"],
        legal_bases=spec["legal_bases"],
        principles=spec["principles"],
        left_to_province=spec["left_to_province"],
        quorum=Decimal(spec["quorum"][0]),
        quorum_source=spec["quorum"][1],
        attendance=Decimal(spec["attendance"][0]),
        attendance_source=spec["attendance"][1],
        previous=previous,
        version=previous.version + 1 if previous else 1,
    )


def _correct_in_place(rule_set, spec, *, Rule, VoteThreshold, titles):
    """Decree 152/2025 as its text says: its end date, its national thresholds only, the province's figures its own."""
    from decimal import Decimal

    for name in ("legal_source", "valid_to", "legal_bases", "principles", "left_to_province"):
        setattr(rule_set, name, spec[name])
    rule_set.quorum, rule_set.quorum_source = Decimal(spec["quorum"][0]), spec["quorum"][1]
    rule_set.attendance, rule_set.attendance_source = Decimal(spec["attendance"][0]), spec["attendance"][1]
    rule_set.save()
    VoteThreshold.objects.filter(rule_set=rule_set).delete()  # recreated from the spec by fill_set
    Rule.objects.filter(rule_set=rule_set, legal_source=PROVINCE_98).update(legal_source=PROVINCE_152)
    title, kind, other, number, source, text = GOVERNMENT_FLAG_CAP
    if not Rule.objects.filter(rule_set=rule_set, title=titles[title], kind=kind).exists():
        last = max(Rule.objects.filter(rule_set=rule_set).values_list("position", flat=True), default=0)
        Rule.objects.create(
            rule_set=rule_set,
            title=titles[title],
            kind=kind,
            other_title=titles[other],
            number=number,
            legal_source=source,
            text=text,
            position=last + 1,
        )
