"""A test certificate authority and a PAdES signature, for the demo data and the tests.

Real decisions are signed in the authority's own tool with a certificate of
the national CA; the demo signs its Khối 8 decision with a certificate made
here on the spot (the signed copy is marked "demo"), and the tests make
their own CA the same way. Nothing here is used by the product's pages.
"""

import warnings
from datetime import UTC, datetime, timedelta
from io import BytesIO

from asn1crypto import keys, x509
from cryptography import x509 as cx509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.utils import CryptographyDeprecationWarning
from cryptography.x509.oid import NameOID
from django.core.files.uploadedfile import SimpleUploadedFile

from awards import selectors
from awards.rendering import DecisionToSignDocument
from awards.signing import decision_signed_upload, outside_event_loop

with warnings.catch_warnings():
    warnings.simplefilter("ignore", CryptographyDeprecationWarning)
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore


def _name(common_name, organisation):
    return cx509.Name(
        [
            cx509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            cx509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            cx509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _certificate(subject, issuer, public_key, signing_key, *, ca, not_before, days):
    builder = (
        cx509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(cx509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_before + timedelta(days=days))
        .add_extension(cx509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(
            cx509.KeyUsage(
                digital_signature=not ca,
                content_commitment=not ca,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    return builder.sign(signing_key, hashes.SHA256())


class SigningAuthority:
    """A root CA and one signer certificate under it, valid from a day ago for `days`."""

    def __init__(self, *, signer_name, organisation="thidua – chứng thư thử nghiệm", days=3650):
        start = datetime.now(UTC) - timedelta(days=1)
        root_key = ec.generate_private_key(ec.SECP256R1())
        root_name = _name(f"{organisation} (CA)", organisation)
        self.root = _certificate(
            root_name, root_name, root_key.public_key(), root_key, ca=True, not_before=start, days=days
        )
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.certificate = _certificate(
            _name(signer_name, organisation),
            root_name,
            self.key.public_key(),
            root_key,
            ca=False,
            not_before=start,
            days=days,
        )

    def root_pem(self):
        return self.root.public_bytes(serialization.Encoding.PEM)

    def root_asn1(self):
        return x509.Certificate.load(self.root.public_bytes(serialization.Encoding.DER))

    def sign(self, content, *, reason="Ký số quyết định khen thưởng"):
        """The PDF signed (PAdES baseline, an incremental update) with the signer's certificate."""
        signer = signers.SimpleSigner(
            signing_cert=x509.Certificate.load(self.certificate.public_bytes(serialization.Encoding.DER)),
            signing_key=keys.PrivateKeyInfo.load(
                self.key.private_bytes(
                    serialization.Encoding.DER,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
            ),
            cert_registry=SimpleCertificateStore.from_certs([self.root_asn1()]),
        )
        writer = IncrementalPdfFileWriter(BytesIO(content), strict=False)
        meta = signers.PdfSignatureMetadata(field_name="ChuKySo", reason=reason, subfilter=None)
        return outside_event_loop(signers.sign_pdf, writer, meta, signer=signer).getvalue()


def sign_demo_decision(*, proposal, user, signer):
    """The demo's decision signed by a test certificate made now, verified and kept as any upload is, marked demo."""
    authority = SigningAuthority(signer_name=signer)
    signed = authority.sign(DecisionToSignDocument(proposal).generate()[2])
    decision_signed_upload(
        user=user,
        decision=selectors.decision_of(proposal=proposal),
        upload=SimpleUploadedFile("quyet-dinh-ky-so.pdf", signed, content_type="application/pdf"),
        expected_version=0,
        roots=[authority.root_asn1()],
        demo=True,
    )
