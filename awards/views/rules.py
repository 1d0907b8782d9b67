"""The titles and the rules they are judged by."""

from django.shortcuts import render

from awards import selectors
from awards.models import Rule
from campaigns.models import Title
from core.access import requires


@requires("site.enter")
def titles(request):
    return render(
        request,
        "awards/titles.html",
        {
            "titles": Title.objects.filter(is_active=True),
            "rules": Rule.objects.filter(rule_set__owner__isnull=True, rule_set__superseded_at__isnull=True)
            .select_related("rule_set", "title", "other_title")
            .order_by("-rule_set__valid_from", "title__position", "position"),
            "thresholds": selectors.vote_thresholds(),
        },
    )
