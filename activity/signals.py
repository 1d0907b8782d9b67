"""What the activity log asks of the apps that write to it.

`action_labels`: sent to read an entry's action code as words. No arguments;
each app answers {action code: label} for the codes it logs
(e.g. {"registration.submitted": "sent the registration"}).
"""

from django.dispatch import Signal

action_labels = Signal()
