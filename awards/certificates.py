"""Every certificate checkable: a short random code per award, printed with a QR code of its public check page.

Codes come from `secrets` over 31 letters and digits that cannot be misread
(no 0/O, 1/I/L), ten of them: about 10^15 codes, so guessing one is hopeless
within the check page's rate limit, and no code says anything of another.
They are made when the decision is saved (`awards.receivers` answers the
`post_save` of `AwardDecision`, in the decision's transaction), for every
line it awards.
"""

import secrets

import segno
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from awards import selectors
from awards.models import AwardDecision, CertificateCode

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 10


def new_code():
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalised(text):
    """A code as typed ("abcde-fghjk", with spaces) in its stored form, or "" when it cannot be one."""
    code = "".join(str(text).split()).replace("-", "").upper()
    return code if len(code) == LENGTH and all(char in ALPHABET for char in code) else ""


def shown(code):
    return f"{code[:5]}-{code[5:]}"


def certificate_codes_issue(*, proposal):
    """A code for each awarded line that has none; a (vanishingly rare) clash is drawn again."""
    have = set(CertificateCode.objects.filter(line__proposal=proposal).values_list("line_id", flat=True))
    for line in selectors.awarded_lines(proposal=proposal):
        if line.pk in have:
            continue
        while True:
            try:
                with transaction.atomic():
                    CertificateCode.objects.create(line=line, code=new_code())
                break
            except IntegrityError:
                continue


def check_url(code):
    return settings.SITE_URL.rstrip("/") + reverse("public:certificate", args=[code])


def qr_data_uri(url):
    """The QR code of a URL as an SVG data URI, which WeasyPrint draws sharp at any size."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


def codes_of(lines):
    """{line id: {"code", "shown", "url", "qr"}} for these lines, read at once."""
    codes = dict(CertificateCode.objects.filter(line__in=lines).values_list("line_id", "code"))
    return {
        line_id: {"code": code, "shown": shown(code), "url": check_url(code), "qr": qr_data_uri(check_url(code))}
        for line_id, code in codes.items()
    }


def certificate_lookup(*, code):
    """What the public check shows of one award, or None: the recipient, the award and its decision, nothing else."""
    code = normalised(code)
    if not code:
        return None
    found = CertificateCode.objects.filter(code=code).select_related("line__proposal__council").first()
    if found is None:
        return None
    proposal = found.line.proposal
    line = selectors.awarded_line(proposal=proposal, line_id=found.line_id)
    decision = AwardDecision.objects.filter(proposal=proposal).select_related("authority").first()
    if line is None or decision is None:
        return None
    from awards.pdf import award_name, unit_line  # the certificate's own wording; the papers import this module

    return {
        "code": shown(code),
        "name": line.person.full_name if line.person_id else line.unit.name,
        "unit": unit_line(line, decision),
        "award": award_name(line.title),
        "number": decision.number,
        "dated": decision.dated,
        "authority": decision.grantor,
    }
