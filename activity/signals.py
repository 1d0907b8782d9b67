"""What the activity log asks of the apps that write to it.

`action_labels`: sent to read an entry's action code as words. No arguments;
each app answers {action code: label} for the codes it logs
(e.g. {"registration.submitted": "sent the registration"}).

`action_sentences`: sent to read an entry as a whole sentence after the
name of who acted. No arguments; each app answers {action code: text} where
the text names the entry's details as %(key)s (e.g. {"score.changed":
"changed the score of %(criterion_label)s for %(unit_name)s: %(old)s → %(new)s"}).
An entry whose details do not fill its text is read by its label.
"""

from django.dispatch import Signal

action_labels = Signal()
action_sentences = Signal()
