"""Reading the answers of a signal.

Each app declares the signals it sends in its own `signals.py` (a lower app
asking the apps built on it, pretix's way), and each app connects its
receivers in its `receivers.py` when it is ready. Most of our signals ask a
question; these gather the answers.
"""


def responses(signal, **kwargs):
    """What the receivers answered, in the order they were connected, leaving out those with nothing to say."""
    return [response for _receiver, response in signal.send(sender=None, **kwargs) if response is not None]


def merged(signal, **kwargs):
    """The receivers' answers (dicts) merged into one; two receivers answering for the same key is a mistake."""
    answer = {}
    for response in responses(signal, **kwargs):
        clash = answer.keys() & response.keys()
        if clash:
            raise ValueError(f"{signal!r}: several receivers answer for {sorted(clash)}")
        answer.update(response)
    return answer
