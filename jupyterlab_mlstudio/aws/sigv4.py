"""Verifies AWS Signature Version 4 on incoming requests, for every AWS face of the server.

The client signs with ``aws_access_key_id`` = the Jupyter user name and ``aws_secret_access_key``
= the server's token. We check what the signature claims (its scope, the headers it covers, the
payload hash) against the request as received, then rebuild the canonical request and the
signature with botocore's own signer, so client and server share one implementation of the
algorithm, and compare in constant time.

What a valid signature guarantees here:

- the body is the one that was signed: its SHA-256 is computed from the bytes received and is
  what the signature covers; ``X-Amz-Content-SHA256``, when present, is itself signed and
  matches the body (``UNSIGNED-PAYLOAD`` only where the caller allows it, see :func:`verify`);
- every ``x-amz-*`` header that steers the request (``X-Amz-Target`` picks the operation) is
  signed, as are ``host`` and ``x-amz-date``;
- the credential scope is ``<key>/<YYYYMMDD>/<region>/<service>/aws4_request`` with the date of
  ``X-Amz-Date`` and a service the face speaks, so a signature made for one service cannot be
  replayed against another;
- the request is less than 15 minutes from the server's clock.

A face that streams its body (an S3 ``PutObject``) verifies before the body arrives: it passes
``body=None``, gets the signed ``X-Amz-Content-SHA256`` back in :attr:`Credential.payload_sha256`
and calls :func:`check_payload` with the digest of what it then received.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone

from botocore.auth import EMPTY_SHA256_HASH, UNSIGNED_PAYLOAD, S3SigV4Auth, SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.compat import HTTPHeaders
from botocore.credentials import Credentials

ALGORITHM = "AWS4-HMAC-SHA256"
MAX_SKEW_SECONDS = 15 * 60
#: Headers a signature must always cover.
ALWAYS_SIGNED = ("host", "x-amz-date")
#: ``x-amz-*`` headers some SDKs send unsigned on purpose (they change nothing of the request).
UNSIGNABLE = frozenset({"x-amz-user-agent"})
_AUTH = re.compile(
    r"^AWS4-HMAC-SHA256\s+Credential=(?P<credential>[^,\s]+),\s*"
    r"SignedHeaders=(?P<signed>[^,\s]+),\s*Signature=(?P<signature>[0-9a-f]{64})\s*$"
)
_DATE = re.compile(r"^\d{8}$")
_AMZ_DATE = re.compile(r"^\d{8}T\d{6}Z$")
_REGION = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
_HEADER_NAME = re.compile(r"^[a-z0-9!#$%&'*+.^_`|~-]+$")
_HEX_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class SignatureError(Exception):
    """A request whose signature is missing or wrong; ``code`` is the AWS error type."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Credential:
    """The verified signer, and the payload hash the signature covers."""

    access_key: str
    region: str
    service: str
    #: The signed SHA-256 of the body (hex), or ``UNSIGNED-PAYLOAD`` where that was allowed.
    payload_sha256: str


@dataclass(frozen=True)
class IncomingRequest:
    """The parts of an HTTP request a signature covers, exactly as received.

    ``path`` and ``query`` are raw (still percent-encoded). ``body`` is ``None`` when the face
    has not read the body yet (streamed uploads): see :func:`check_payload`.
    """

    method: str
    path: str
    query: str
    headers: Mapping[str, str]
    body: bytes | None


def _malformed(message: str) -> SignatureError:
    return SignatureError("IncompleteSignatureException", message)


def _invalid(message: str) -> SignatureError:
    return SignatureError("InvalidSignatureException", message)


class _AsClaimed:
    """botocore's signer, told which headers the client signed instead of choosing them
    (``signed``, set per request)."""

    signed: list[str]

    def headers_to_sign(self, request: AWSRequest) -> HTTPHeaders:
        chosen = HTTPHeaders()
        for name in self.signed:
            chosen[name] = request.headers[name]
        return chosen


class _Verifier(_AsClaimed, SigV4Auth):
    pass


class _S3Verifier(_AsClaimed, S3SigV4Auth):
    pass


class _Signer:
    """botocore's signer as the client used it (the classes are made once: making one per
    request was a tenth of a verification)."""

    def __init__(
        self, s3: bool, signed: list[str], credentials: Credentials, service: str, region: str
    ) -> None:
        self.auth = (_S3Verifier if s3 else _Verifier)(credentials, service, region)
        self.auth.signed = signed

    def signature(self, request: AWSRequest) -> str:
        canonical = self.auth.canonical_request(request)
        return str(self.auth.signature(self.auth.string_to_sign(request, canonical), request))


def verify(
    request: IncomingRequest,
    secret_for: Callable[[str], str | None],
    *,
    services: Collection[str],
    allow_unsigned_payload: bool = False,
    s3: bool = False,
    now: datetime | None = None,
) -> Credential:
    """Check the request's SigV4 signature; return the signer or raise :class:`SignatureError`.

    ``secret_for(access_key)`` gives the secret for an access key, or ``None`` if it is unknown.
    ``services`` are the signing names the face accepts in the credential scope (``sagemaker``,
    ``logs``, ``s3``). ``allow_unsigned_payload`` lets ``X-Amz-Content-SHA256: UNSIGNED-PAYLOAD``
    through (S3 allows it; the JSON faces must not, or the body could be swapped).
    ``s3=True`` builds the canonical request the way S3 does (no path normalisation).
    """
    headers = {name.lower(): value for name, value in request.headers.items()}
    authorization = headers.get("authorization")
    if not authorization:
        raise SignatureError("MissingAuthenticationTokenException", "Missing Authentication Token")
    match = _AUTH.match(authorization)
    if not match:
        raise _malformed(
            "Authorization header requires Credential, SignedHeaders and Signature "
            f"with algorithm {ALGORITHM}."
        )
    access_key, date, region, service = _scope(match["credential"], services)
    signed = _signed_headers(match["signed"], headers)
    amz_date = _timestamp(headers, date, now)

    secret = secret_for(access_key)
    if secret is None:
        raise SignatureError(
            "UnrecognizedClientException", "The security token included in the request is invalid."
        )
    payload = _payload_hash(request.body, headers, allow_unsigned_payload)
    outgoing = AWSRequest(
        method=request.method.upper(),
        url=f"http://{headers['host']}{request.path or '/'}"
        + (f"?{request.query}" if request.query else ""),
        headers={**headers, "x-amz-content-sha256": payload},
        data=b"",
    )
    outgoing.context["timestamp"] = amz_date
    signer = _Signer(s3, signed, Credentials(access_key, secret), service, region)
    if not hmac.compare_digest(signer.signature(outgoing), match["signature"]):
        raise _invalid(
            "The request signature we calculated does not match the signature you provided. "
            "Check your AWS Secret Access Key and signing method."
        )
    return Credential(access_key, region, service, payload)


def check_payload(credential: Credential, body_sha256: str) -> None:
    """For a body read after :func:`verify` (``body=None``): it must be the one signed."""
    if credential.payload_sha256 == UNSIGNED_PAYLOAD:
        return
    if not hmac.compare_digest(credential.payload_sha256, body_sha256.lower()):
        raise SignatureError(
            "XAmzContentSHA256Mismatch",
            "The provided 'x-amz-content-sha256' header does not match what was computed.",
        )


def _scope(credential: str, services: Collection[str]) -> tuple[str, str, str, str]:
    parts = credential.split("/")
    if len(parts) != 5 or not parts[0]:
        raise _malformed(
            f"Credential should be <access key>/<date>/<region>/<service>/aws4_request, "
            f"not {credential!r}."
        )
    access_key, date, region, service, terminator = parts
    if terminator != "aws4_request":
        raise _malformed(
            f"Credential should be scoped with a valid terminator: 'aws4_request', "
            f"not {terminator!r}."
        )
    if not _DATE.match(date):
        raise _malformed(f"Credential scope date {date!r} is not YYYYMMDD.")
    if not _REGION.match(region):
        raise _malformed(f"Credential should be scoped to a valid region, not {region!r}.")
    if service not in services:
        wanted = " or ".join(f"'{name}'" for name in sorted(services))
        raise _invalid(f"Credential should be scoped to correct service: {wanted}.")
    return access_key, date, region, service


def _signed_headers(text: str, headers: Mapping[str, str]) -> list[str]:
    signed = text.split(";")
    if any(not _HEADER_NAME.match(name) for name in signed) or signed != sorted(set(signed)):
        raise _malformed("SignedHeaders must be lower-case header names, sorted, without repeats.")
    missing = [name for name in ALWAYS_SIGNED if name not in signed]
    if missing:
        raise _malformed(f"SignedHeaders must include {', '.join(missing)}.")
    absent = [name for name in signed if name not in headers]
    if absent:
        raise _malformed(f"Signed headers are missing from the request: {', '.join(absent)}.")
    unsigned = sorted(
        name
        for name in headers
        if name.startswith("x-amz-") and name not in signed and name not in UNSIGNABLE
    )
    if unsigned:
        raise _invalid(f"These headers must be signed: {', '.join(unsigned)}.")
    return signed


def _timestamp(headers: Mapping[str, str], date: str, now: datetime | None) -> str:
    amz_date = headers.get("x-amz-date", "")
    # By hand: strptime was a tenth of a verification.
    if not _AMZ_DATE.match(amz_date):
        raise _malformed("Missing or malformed X-Amz-Date.")
    try:
        stamp = datetime(
            int(amz_date[0:4]),
            int(amz_date[4:6]),
            int(amz_date[6:8]),
            int(amz_date[9:11]),
            int(amz_date[11:13]),
            int(amz_date[13:15]),
            tzinfo=timezone.utc,
        )
    except ValueError as error:
        raise _malformed("Missing or malformed X-Amz-Date.") from error
    current = now or datetime.now(timezone.utc)
    if abs((current - stamp).total_seconds()) > MAX_SKEW_SECONDS:
        raise _invalid(
            f"Signature expired: {amz_date} is more than 15 minutes from the server's time."
        )
    if amz_date[:8] != date:
        raise _invalid(
            f"Date in Credential scope does not match YYYYMMDD from X-Amz-Date: {date} is not "
            f"{amz_date[:8]}."
        )
    return amz_date


def _payload_hash(body: bytes | None, headers: Mapping[str, str], allow_unsigned: bool) -> str:
    """The payload hash the signature must cover: the body's own, never one merely claimed."""
    claimed = headers.get("x-amz-content-sha256")
    if claimed is not None:
        # _signed_headers has made sure it is signed, as every x-amz-* header must be.
        if claimed == UNSIGNED_PAYLOAD:
            if not allow_unsigned:
                raise _invalid("This service requires a signed payload, not UNSIGNED-PAYLOAD.")
            return UNSIGNED_PAYLOAD
        if not _HEX_SHA256.match(claimed.lower()):
            raise _invalid(f"X-Amz-Content-SHA256 {claimed!r} is not a SHA-256 this face accepts.")
        claimed = claimed.lower()
    if body is None:
        if claimed is None:
            raise _invalid("A streamed body needs a signed X-Amz-Content-SHA256 header.")
        return claimed
    actual = hashlib.sha256(body).hexdigest() if body else EMPTY_SHA256_HASH
    if claimed is not None and not hmac.compare_digest(claimed, actual):
        raise SignatureError(
            "XAmzContentSHA256Mismatch",
            "The provided 'x-amz-content-sha256' header does not match what was computed.",
        )
    return actual


def signing_key(secret: str, date: str, region: str, service: str) -> bytes:
    """The SigV4 signing key of a scope (date, region, service).

    Requests are verified by botocore's signer (``verify``); the S3 face also checks what that
    signer never sees whole, the chunks and trailer of an aws-chunked upload, each signed with
    this key.
    """
    key = f"AWS4{secret}".encode()
    for part in (date, region, service, "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return key
