"""What the later apps copy when a campaign is carried into a new year.

Each app registers a function `copier(source=…, target=…, items=…)` (items
maps the source's content item ids to the target's), so that campaigns never
imports the apps that build on it; `campaign_copy` calls them all in its
transaction.
"""

_COPIERS = []


def register_copier(copier):
    _COPIERS.append(copier)
    return copier


def copiers():
    return list(_COPIERS)
