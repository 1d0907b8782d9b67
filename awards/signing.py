"""The award decision as the authority signed it: verified with pyHanko, then kept and served instead of the print.

An authority signs in its own tool (a USB token, PAdES); a digital signature
is as valid as the paper original (Decree 30/2020 art. 5). What is uploaded
is accepted only when every check holds, each refusal naming what failed:

- it is a PDF within `PDF_UPLOAD_MAX_BYTES`, and it carries a signature;
- each signature is intact (the digest matches) and cryptographically valid;
- the last signature covers the whole file, or the file was only extended
  afterwards with validation data (no change to the signed content);
- the signer's certificate chains to a trust anchor (`SIGNING_TRUST_ROOTS`:
  PEM or DER files, e.g. the Ban Cơ yếu Chính phủ root) and was valid when it
  signed, by the time the signature states;
- the signed text is the issued decision's: its number, its date and the
  name of every line it awards.

Nothing is replaced until all hold; two uploads at once: the first wins.
"""

import asyncio
import hashlib
import unicodedata
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path

from asn1crypto import pem, x509
from cryptography.utils import CryptographyDeprecationWarning
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pypdf import PdfReader

with warnings.catch_warnings():
    # pyHanko imports cryptography's DSA support, which cryptography deprecates; no DSA key is used here.
    warnings.simplefilter("ignore", CryptographyDeprecationWarning)
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import SignatureCoverageLevel, validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

from activity.services import log_action
from awards import notifications, selectors
from awards.models import AwardDecision, SignedDecision
from campaigns.services import campaign_require_open
from core.templatetags.thidua import document_date

MAX_PAGES = 2000


@dataclass(frozen=True)
class Verified:
    signer_name: str
    subject: str
    issuer: str
    serial: str
    valid_from: datetime
    valid_to: datetime
    signed_at: datetime


def outside_event_loop(call, *args, **kwargs):
    """Run one of pyHanko's calls, which start an asyncio loop of their own, from any thread.

    A thread already running a loop (an async server, a browser test's
    driver) cannot start another, so the call then runs in a thread of its own.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return call(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(call, *args, **kwargs).result()


def trust_roots(paths=None):
    """The configured trust anchors: each file, or each file of a folder, holding PEM or DER certificates."""
    roots = []
    for entry in paths if paths is not None else settings.SIGNING_TRUST_ROOTS:
        path = Path(entry)
        for file in sorted(path.iterdir()) if path.is_dir() else [path]:
            data = file.read_bytes()
            blobs = [der for _type, _headers, der in pem.unarmor(data, multiple=True)] if pem.detect(data) else [data]
            roots += [x509.Certificate.load(der) for der in blobs]
    return roots


def _refuse(message):
    raise ValidationError(message)


def signed_pdf_verify(*, content, decision, lines, roots):
    """Every check above on the uploaded bytes; returns what the signature says of its signer, or refuses."""
    if not content.startswith(b"%PDF-"):
        _refuse(_("The file is not a PDF."))
    try:
        reader = PdfFileReader(BytesIO(content), strict=False)
        signatures = reader.embedded_signatures
    except (PdfError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        _refuse(_("The PDF cannot be read: it is damaged."))
    if not signatures:
        _refuse(_("The PDF carries no digital signature: upload the file as the signing tool saved it."))
    for signature in signatures:
        claimed = signature.self_reported_timestamp
        context = ValidationContext(trust_roots=roots, allow_fetching=False, moment=claimed)
        try:
            status = outside_event_loop(validate_pdf_signature, signature, signer_validation_context=context)
        except Exception:  # pyHanko raises many kinds for a malformed signature; each is a broken one
            _refuse(_("The digital signature is damaged and cannot be checked."))
        if not status.intact or not status.valid:
            _refuse(_("The digital signature does not match the document: the file was changed after signing."))
    last = signatures[-1]
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE and not (
        status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
        and status.modification_level in (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES)
    ):
        _refuse(_("The document was changed after it was signed: the signature no longer covers all of it."))
    certificate = status.signing_cert
    if not status.trusted:
        _refuse(
            _("The signer's certificate (%(subject)s, issued by %(issuer)s) is not from a trusted authority.")
            % {"subject": certificate.subject.human_friendly, "issuer": certificate.issuer.human_friendly}
        )
    signed_at = status.signer_reported_dt or last.self_reported_timestamp
    if signed_at is None:
        _refuse(_("The signature does not state when it was made."))
    valid_from, valid_to = certificate.not_valid_before, certificate.not_valid_after
    if not valid_from <= signed_at <= valid_to:
        _refuse(_("The signer's certificate was not valid when the document was signed."))
    _require_same_text(_signed_text(content, last), decision, lines)
    return Verified(
        signer_name=certificate.subject.native.get("common_name") or certificate.subject.human_friendly,
        subject=certificate.subject.human_friendly[:1000],
        issuer=certificate.issuer.human_friendly[:1000],
        serial=format(certificate.serial_number, "X")[:128],
        valid_from=valid_from,
        valid_to=valid_to,
        signed_at=signed_at,
    )


def _signed_text(content, signature):
    """The text of the revision the signature covers (the whole file, less what was appended after signing)."""
    start, first, second, length = signature.sig_object["/ByteRange"]
    signed = content[: second + length]
    try:
        reader = PdfReader(BytesIO(signed))
        if len(reader.pages) > MAX_PAGES:
            _refuse(_("The PDF has more than %(count)s pages.") % {"count": MAX_PAGES})
        return "".join(page.extract_text() or "" for page in reader.pages)
    except ValidationError:
        raise
    except Exception:
        _refuse(_("The text of the signed PDF cannot be read."))


def _compact(text):
    """Text compared without regard to spacing, line breaks or case, as PDF text extraction varies in these."""
    return "".join(unicodedata.normalize("NFC", text).casefold().split())


def _require_same_text(text, decision, lines):
    signed = _compact(text)
    missing = [
        label
        for label, value in (
            (_("its number %(number)s") % {"number": decision.number}, decision.number),
            (_("its date (%(date)s)") % {"date": document_date(decision.dated)}, document_date(decision.dated)),
        )
        if _compact(value) not in signed
    ]
    names = [str(line.person.full_name if line.person_id else line.unit.name) for line in lines]
    absent = [name for name in names if _compact(name) not in signed]
    if absent:
        shown = ", ".join(absent[:5]) + ("…" if len(absent) > 5 else "")
        missing.append(_("%(count)s awarded line(s): %(names)s") % {"count": len(absent), "names": shown})
    if missing:
        _refuse(_("The signed document is not this decision: it lacks %(missing)s.") % {"missing": "; ".join(missing)})


def decision_signed_upload(*, user, decision, upload, expected_version, roots=None, demo=False):
    """Verify the signed copy, then keep it for the decision's current version; refused with nothing replaced."""
    size = upload.size
    if size > settings.PDF_UPLOAD_MAX_BYTES:
        _refuse(_("The file is larger than %(limit)s MB.") % {"limit": settings.PDF_UPLOAD_MAX_BYTES // 1024**2})
    content = upload.read()
    lines = selectors.awarded_lines(proposal=decision.proposal)
    verified = signed_pdf_verify(
        content=content, decision=decision, lines=lines, roots=trust_roots() if roots is None else roots
    )
    return _keep(
        user=user,
        decision=decision,
        content=content,
        verified=verified,
        expected_version=expected_version,
        demo=demo,
    )


@transaction.atomic
def _keep(*, user, decision, content, verified, expected_version, demo):
    campaign_require_open(decision.proposal.campaign_id)
    current = AwardDecision.objects.select_for_update().get(pk=decision.pk)
    existing = SignedDecision.objects.filter(decision=current).first()
    if (existing.version if existing else 0) != expected_version or current.version != decision.version:
        _refuse(_("Someone else uploaded a signed copy or changed the decision meanwhile; reload the page."))
    signed = existing or SignedDecision(decision=current)
    signed.version = expected_version + 1
    signed.decision_version = current.version
    signed.size, signed.sha256 = len(content), hashlib.sha256(content).hexdigest()
    signed.signer_name, signed.signer_subject, signed.signer_issuer = (
        verified.signer_name,
        verified.subject,
        verified.issuer,
    )
    signed.signer_serial = verified.serial
    signed.certificate_valid_from, signed.certificate_valid_to = verified.valid_from, verified.valid_to
    signed.signed_at, signed.demo = verified.signed_at, demo
    signed.uploaded_by, signed.uploaded_at = user, timezone.now()
    signed.file.save(f"{current.proposal_id}-{current.number.replace('/', '-')}-ky-so.pdf", ContentFile(content))
    logged = log_action(
        obj=current.proposal,
        action="decision.signed",
        user=user,
        data={"number": current.number, "signer": verified.signer_name, "sha256": signed.sha256},
    )
    notifications.decision_signed(decision=current, signed=signed, actor=user, logged=logged)
    return signed


def signed_copy_of(*, decision):
    """The signed copy that stands for the decision as it is now, if one was uploaded."""
    if decision is None:
        return None
    signed = SignedDecision.objects.filter(decision=decision).first()
    return signed if signed is not None and signed.decision_version == decision.version else None
