"""What the awards pages share: a service's refusal shown as messages."""

from django.contrib import messages


def messages_from(request, error):
    messages.error(request, " ".join(error.messages))
