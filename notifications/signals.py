"""What the reminders ask of the apps that own the papers a milestone asks for.

`milestone_completions`: sent without arguments. A receiver answers
{milestone kind: Completion} for the kinds whose paper it owns: which units
have done what the milestone asks, and the page where a unit does it.
"""

from django.dispatch import Signal

milestone_completions = Signal()
