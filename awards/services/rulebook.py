"""The office's rule book: its own rule sets, each change logged with a reason; versions for sets that judged a ballot.

A set that has judged a council's ballot is never changed under it: the first
edit after that makes a new version (the old one is kept, superseded, and the
ballot keeps showing it), and the campaigns that chose the set follow the new
version. Two offices saving one set at once: the second is refused with the
saved figures shown (`StaleRuleSet`), nothing lost.
"""

import secrets
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.services import log_action
from awards.models import (
    AwardTerms,
    BaseSalary,
    CampaignRules,
    Rule,
    RuleSet,
    RuleSetAdoption,
    VoteThreshold,
)
from awards.rulebook.resolve import ancestors
from core.db import copied
from organisation.models import Unit

# A set's own figures, in the order its form shows them.
HEADER_FIELDS = (
    "name",
    "legal_source",
    "valid_from",
    "valid_to",
    "quorum",
    "quorum_members",
    "quorum_source",
    "attendance",
    "attendance_source",
    "principles",
    "legal_bases",
)
THRESHOLD_FIELDS = ("percent", "counted_over", "more_than", "legal_source")
TERMS_FIELDS = ("level", "authority", "authority_source", "reward_multiple", "reward_source")
NEEDS_OTHER_TITLE = {
    Rule.Check.REQUIRES_TITLE,
    Rule.Check.SHARE_OF_MEMBERS_WITH_TITLE,
    Rule.Check.MEMBER_WITH_TITLE,
    Rule.Check.QUOTA_OF_TITLE_HOLDERS,
    *Rule.HISTORY,
}
NEEDS_SHARE = {Rule.Check.SHARE_OF_MEMBERS_WITH_TITLE, Rule.Check.QUOTA_OF_TITLE_HOLDERS}
NEEDS_COUNT = {Rule.Check.TOP_RANKED, Rule.Check.MAX_PER_BLOC, *Rule.HISTORY}


class StaleRuleSet(Exception):
    """Someone saved the set since the form was opened: `current` is what they saved."""

    def __init__(self, current):
        super().__init__(current)
        self.current = current


def _log(rule_set, action, user, reason, **data):
    return log_action(
        obj=rule_set, action=action, user=user, data={"reason": reason, "version": rule_set.version, **data}
    )


def _display(value):
    return value.isoformat() if hasattr(value, "isoformat") else (str(value) if value is not None else "")


def _require_reason(reason):
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the rules change: the reason is kept with the change.")})
    return reason.strip()[:500]


def _require_percent(value, field):
    if value is not None and not (Decimal(0) <= Decimal(value) <= Decimal(100)):
        raise ValidationError({field: _("A share lies between 0 and 100%%.") % {}})


def _validate_header(values):
    if not (values.get("legal_source") or "").strip():
        raise ValidationError({"legal_source": _("Give the regulation's number, date and issuer.")})
    if not (values.get("name") or "").strip():
        raise ValidationError({"name": _("Give the rule set a name.")})
    if values.get("valid_to") and values["valid_to"] < values["valid_from"]:
        raise ValidationError({"valid_to": _("A rule set cannot end before it comes into force.")})
    _require_percent(values.get("quorum"), "quorum")
    _require_percent(values.get("attendance"), "attendance")
    if values.get("quorum_members") is not None and values["quorum_members"] < 1:
        raise ValidationError({"quorum_members": _("A quorum counts at least one member.")})


def _overlapping(*, owner, valid_from, valid_to, exclude):
    """Another current set of the same office whose dates overlap these."""
    others = RuleSet.objects.filter(owner=owner, superseded_at__isnull=True).exclude(pk__in=exclude)
    if valid_to is not None:
        others = others.filter(valid_from__lte=valid_to)
    return others.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from)).order_by("valid_from").first()


def _refuse_overlap(*, owner, valid_from, valid_to, exclude=()):
    other = _overlapping(owner=owner, valid_from=valid_from, valid_to=valid_to, exclude=exclude)
    if other is not None:
        raise ValidationError(
            {
                "valid_from": _(
                    "These dates overlap “%(other)s” (%(start)s – %(end)s), which your office keeps for the same "
                    "tree: change the dates of one of them."
                )
                % {
                    "other": other.name,
                    "start": other.valid_from.strftime("%d/%m/%Y"),
                    "end": other.valid_to.strftime("%d/%m/%Y") if other.valid_to else "…",
                }
            }
        )


def _new_code(owner):
    return f"u{owner.pk}-{secrets.token_hex(4)}"


def _clone_children(source, target, *, province_source=None):
    """The source's rules, thresholds and terms, for the target. Figures a national set leaves to the province
    become the target's own, sourced from its regulation."""
    rule_fields = ("title", "kind", "other_title", "number", "legal_source", "text", "position")
    Rule.objects.bulk_create(copied(rule, rule_fields, rule_set=target) for rule in source.rules.all())
    VoteThreshold.objects.bulk_create(
        copied(
            row,
            ("title", "percent", "counted_over", "more_than", "council_sets"),
            rule_set=target,
            left_to_province=row.left_to_province and province_source is None,
            legal_source=province_source if row.left_to_province and province_source else row.legal_source,
        )
        for row in source.vote_thresholds.all()
    )
    AwardTerms.objects.bulk_create(
        copied(terms, ("title", *TERMS_FIELDS), rule_set=target) for terms in source.terms.all()
    )


@transaction.atomic
def rule_set_create(*, user, owner, name, legal_source, valid_from, valid_to=None, copy_from=None, reason=""):
    """An office's own set for its tree: empty, or a copy of a national set or another of its own."""
    Unit.objects.select_for_update().get(pk=owner.pk)  # two creations at once are checked one after the other
    values = {"name": name, "legal_source": legal_source, "valid_from": valid_from, "valid_to": valid_to}
    _validate_header(values)
    _refuse_overlap(owner=owner, valid_from=valid_from, valid_to=valid_to)
    rule_set = RuleSet(
        owner=owner,
        code=_new_code(owner),
        **{key: value.strip() if isinstance(value, str) else value for key, value in values.items()},
    )
    if copy_from is not None:
        for field in ("legal_bases", "principles", "quorum", "quorum_members", "attendance"):
            setattr(rule_set, field, getattr(copy_from, field))
        own = copy_from.left_to_province
        rule_set.quorum_source = rule_set.legal_source if own else copy_from.quorum_source
        rule_set.attendance_source = rule_set.legal_source if own else copy_from.attendance_source
    rule_set.save()
    if copy_from is not None:
        _clone_children(
            copy_from, rule_set, province_source=rule_set.legal_source if copy_from.left_to_province else None
        )
    _log(rule_set, "rule_set.created", user, reason.strip()[:500], copied_from=copy_from.name if copy_from else "")
    return rule_set


def _lock_current(rule_set, expected_version):
    current = RuleSet.objects.select_for_update().get(pk=rule_set.pk)
    if current.superseded_at is not None:
        raise ValidationError(
            _("This version was replaced by a newer one, which judges from now on: change that one instead.")
        )
    if current.version != expected_version:
        raise StaleRuleSet(current)
    if current.is_national:
        raise ValidationError(_("The national law is not changed here: copy it into your own set."))
    return current


def _editable(current):
    """The row a change goes into: the set itself, or its new version when a ballot was judged by it."""
    if not current.ballots.exists():
        current.version += 1
        return current, False
    fresh = RuleSet.objects.get(pk=current.pk)
    fresh.pk, fresh.id, fresh.code = None, None, _new_code(current.owner)
    fresh.previous, fresh.version = current, current.version + 1
    fresh.save()
    _clone_children(current, fresh)
    current.superseded_at = timezone.now()
    current.save(update_fields=["superseded_at"])
    CampaignRules.objects.filter(rule_set=current).update(rule_set=fresh)
    return fresh, True


@transaction.atomic
def rule_set_update(*, user, rule_set, expected_version, values, reason, default_threshold=None):
    """Change a set's name, source, dates and council figures, and its figure for the titles it names none for;
    refused as a whole when any is wrong."""
    reason = _require_reason(reason)
    current = _lock_current(rule_set, expected_version)
    merged = {name: getattr(current, name) for name in HEADER_FIELDS} | values
    _validate_header(merged)
    if default_threshold is not None:
        _threshold_values(None, default_threshold)
    lineage = {current.pk} | ({current.previous_id} if current.previous_id else set())
    _refuse_overlap(owner=current.owner, valid_from=merged["valid_from"], valid_to=merged["valid_to"], exclude=lineage)
    changes = {
        name: [_display(getattr(current, name)), _display(merged[name])]
        for name in HEADER_FIELDS
        if getattr(current, name) != merged[name]
    }
    target, versioned = _editable(current)
    for name in HEADER_FIELDS:
        setattr(target, name, merged[name])
    target.save()
    if default_threshold is not None:
        before = VoteThreshold.objects.filter(rule_set=target, title__isnull=True).first()
        after = {**default_threshold, "left_to_province": False, "council_sets": False}
        if before is None or any(getattr(before, key) != value for key, value in after.items()):
            changes["default_threshold"] = [
                _display(before.percent) if before else "",
                f"{_display(after['percent'])} ({after['counted_over']})",
            ]
            VoteThreshold.objects.update_or_create(rule_set=target, title=None, defaults=after)
    _log(target, "rule_set.changed", user, reason, changes=changes, new_version=versioned)
    return target


def _threshold_values(title, values):
    _require_percent(values.get("percent"), "percent")
    if values.get("percent") in (None, "") or Decimal(values["percent"]) <= 0:
        raise ValidationError(
            {"percent": _("Give the share of votes “%(title)s” needs.") % {"title": title or _("the other titles")}}
        )
    if not (values.get("legal_source") or "").strip():
        raise ValidationError({"legal_source": _("Give the article the figure comes from.")})
    return values


@transaction.atomic
def rule_set_title_update(*, user, rule_set, expected_version, title, threshold, terms, reason):
    """One title's vote threshold (None: the set's figure for the other titles applies) and its terms.

    `title` None changes the set's figure for every title it names no figure for.
    """
    reason = _require_reason(reason)
    current = _lock_current(rule_set, expected_version)
    if threshold is not None:
        _threshold_values(title, threshold)
    if terms is not None:
        if terms.get("reward_multiple") is not None and not (0 <= terms["reward_multiple"] <= 100):
            raise ValidationError({"reward_multiple": _("Give the reward as a multiple of the base salary, 0 to 100.")})
    target, versioned = _editable(current)
    title_id = title.pk if title else None
    before = VoteThreshold.objects.filter(rule_set=target, title_id=title_id).first()
    if threshold is None and before is not None and title_id is not None:
        before.delete()
    elif threshold is not None:
        VoteThreshold.objects.update_or_create(
            rule_set=target, title_id=title_id, defaults={**threshold, "left_to_province": False, "council_sets": False}
        )
    if terms is not None and title_id is not None:
        AwardTerms.objects.update_or_create(rule_set=target, title_id=title_id, defaults=terms)
    target.save(update_fields=["version"])
    _log(
        target,
        "rule_set.title_changed",
        user,
        reason,
        title=str(title) if title else "",
        threshold={key: _display(value) for key, value in (threshold or {}).items()},
        terms={key: _display(value) for key, value in (terms or {}).items()},
        new_version=versioned,
    )
    return target


def _validate_rule(*, kind, other_title, number, legal_source):
    if kind in NEEDS_OTHER_TITLE and other_title is None:
        raise ValidationError({"other_title": _("This kind of rule refers to another title: choose it.")})
    if kind in NEEDS_SHARE and (number is None or not (0 < number <= 100)):
        raise ValidationError({"number": _("Give the share, above 0 and at most 100%.")})
    if kind in NEEDS_COUNT and (number is None or number < 1 or number != int(number)):
        raise ValidationError({"number": _("Give a whole number, at least 1.")})
    if not (legal_source or "").strip():
        raise ValidationError({"legal_source": _("Give the article the rule comes from.")})


@transaction.atomic
def rule_add(
    *, user, rule_set, expected_version, title, kind, other_title=None, number=None, legal_source, text, reason
):
    reason = _require_reason(reason)
    _validate_rule(kind=kind, other_title=other_title, number=number, legal_source=legal_source)
    current = _lock_current(rule_set, expected_version)
    target, versioned = _editable(current)
    last = max(target.rules.values_list("position", flat=True), default=0)
    rule = Rule.objects.create(
        rule_set=target,
        title=title,
        kind=kind,
        other_title=other_title if kind in NEEDS_OTHER_TITLE else None,
        number=number if kind in NEEDS_SHARE | NEEDS_COUNT else None,
        legal_source=legal_source.strip(),
        text=text.strip(),
        position=last + 1,
    )
    target.save(update_fields=["version"])
    _log(
        target,
        "rule_set.rule_added",
        user,
        reason,
        title=title.name,
        rule=rule.get_kind_display(),
        new_version=versioned,
    )
    return target


@transaction.atomic
def rule_remove(*, user, rule_set, expected_version, rule, reason):
    reason = _require_reason(reason)
    current = _lock_current(rule_set, expected_version)
    target, versioned = _editable(current)
    # In a new version the rule is its copy: the same title, kind and place.
    Rule.objects.filter(rule_set=target, title_id=rule.title_id, kind=rule.kind, position=rule.position).delete()
    target.save(update_fields=["version"])
    _log(
        target,
        "rule_set.rule_removed",
        user,
        reason,
        title=rule.title.name,
        rule=rule.get_kind_display(),
        new_version=versioned,
    )
    return target


@transaction.atomic
def rule_set_adopt(*, user, rule_set, unit):
    """The office confirms, for its tree, the defaults a national set ships for the figures left to the province."""
    if not (rule_set.is_national and rule_set.left_to_province and rule_set.is_current):
        raise ValidationError(_("This rule set leaves nothing to the province to confirm."))
    adoption, created = RuleSetAdoption.objects.get_or_create(
        rule_set=rule_set, unit=unit, defaults={"confirmed_by": user}
    )
    if created:
        _log(rule_set, "rule_set.adopted", user, "", unit=unit.name)
    return adoption


@transaction.atomic
def campaign_rules_choose(*, user, campaign, rule_set, judged_on, reason):
    """The office names the day a campaign is judged on, or the set that judges it; empty leaves both to the dates."""
    reason = _require_reason(reason)
    if rule_set is not None:
        if not rule_set.is_current:
            raise ValidationError({"rule_set": _("This version was replaced by a newer one: choose that one.")})
        chain = {unit.pk for unit in ancestors(unit_id=campaign.issuer_id)}
        if not rule_set.is_national and rule_set.owner_id not in chain:
            raise ValidationError({"rule_set": _("This rule set is kept for another tree.")})
    chosen = CampaignRules.objects.select_for_update().filter(campaign=campaign).first()
    before = (chosen.rule_set.name if chosen and chosen.rule_set else "", _display(chosen.judged_on) if chosen else "")
    if rule_set is None and judged_on is None:
        if chosen is not None:
            chosen.delete()
    else:
        CampaignRules.objects.update_or_create(
            campaign=campaign,
            defaults={"rule_set": rule_set, "judged_on": judged_on, "chosen_by": user, "chosen_at": timezone.now()},
        )
    log_action(
        obj=campaign,
        action="campaign.rules_chosen",
        user=user,
        data={
            "reason": reason,
            "rule_set": [before[0], rule_set.name if rule_set else ""],
            "judged_on": [before[1], _display(judged_on)],
        },
    )


@transaction.atomic
def base_salary_add(*, user, amount, valid_from, legal_source):
    """A new base salary from a date, as a decree sets it; the earlier ones stay for the decisions they paid."""
    if not (legal_source or "").strip():
        raise ValidationError({"legal_source": _("Give the decree that sets it.")})
    if BaseSalary.objects.filter(valid_from=valid_from).exists():
        raise ValidationError({"valid_from": _("A base salary from this date is recorded already.")})
    salary = BaseSalary.objects.create(
        amount=amount, valid_from=valid_from, legal_source=legal_source.strip(), created_by=user
    )
    log_action(
        obj=salary, action="base_salary.added", user=user, data={"amount": amount, "from": valid_from.isoformat()}
    )
    return salary
