"""What registrations asks of the apps built on it.

`title_quotas`: sent with `campaign` by the compiler's overview. A receiver
answers {title id: Rule} for the titles the campaign's rules cap as a share
of another title's holders.
"""

from django.dispatch import Signal

title_quotas = Signal()
