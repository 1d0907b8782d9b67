"""What a later app answers for an earlier one about a campaign, so that no import runs back up the data flow.

Awards knows the rules in force (which titles are capped as a share of
another's holders) and which lines the council approved; registrations and
scoring show them. The later app provides an answer under a name when it is
ready; the earlier one asks for it, with what to assume when nothing
provides it.
"""

_PROVIDERS = {}


def provide(name, answer):
    _PROVIDERS[name] = answer


def ask(name, *, default, **arguments):
    answer = _PROVIDERS.get(name)
    return answer(**arguments) if answer is not None else default
