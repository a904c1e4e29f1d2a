"""Verifies AWS Signature Version 4 on incoming requests.

The client signs with ``aws_access_key_id`` = the Jupyter user name and
``aws_secret_access_key`` = the server's token; we recompute the signature from the request as
received and compare in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import parse_qsl, quote

ALGORITHM = "AWS4-HMAC-SHA256"
MAX_SKEW_SECONDS = 15 * 60
_AUTH = re.compile(
    r"^AWS4-HMAC-SHA256\s+Credential=(?P<credential>[^,\s]+),\s*"
    r"SignedHeaders=(?P<signed>[^,\s]+),\s*Signature=(?P<signature>[0-9a-f]{64})\s*$"
)


class SignatureError(Exception):
    """A request whose signature is missing or wrong; ``code`` is the AWS error type."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Credential:
    """The verified signer."""

    access_key: str
    region: str
    service: str


@dataclass(frozen=True)
class IncomingRequest:
    """The parts of an HTTP request a signature covers, exactly as received."""

    method: str
    path: str
    query: str
    headers: Mapping[str, str]
    body: bytes


def _sign(key: bytes, message: str) -> bytes:
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).digest()


def signing_key(secret: str, date: str, region: str, service: str) -> bytes:
    key = _sign(f"AWS4{secret}".encode(), date)
    key = _sign(key, region)
    key = _sign(key, service)
    return _sign(key, "aws4_request")


def _canonical_path(path: str) -> str:
    normalized = posixpath.normpath(path) if path else "/"
    if path.endswith("/") and not normalized.endswith("/"):
        normalized += "/"
    return quote(normalized, safe="/~")


def _canonical_query(query: str) -> str:
    pairs = parse_qsl(query, keep_blank_values=True)
    encoded = sorted((quote(key, safe="-_.~"), quote(value, safe="-_.~")) for key, value in pairs)
    return "&".join(f"{key}={value}" for key, value in encoded)


def canonical_request(request: IncomingRequest, signed_headers: list[str]) -> str:
    headers = {name.lower(): value for name, value in request.headers.items()}
    lines = []
    for name in signed_headers:
        value = headers.get(name, "")
        lines.append(f"{name}:{' '.join(value.strip().split())}\n")
    payload_hash = headers.get("x-amz-content-sha256") or hashlib.sha256(request.body).hexdigest()
    return "\n".join(
        [
            request.method.upper(),
            _canonical_path(request.path),
            _canonical_query(request.query),
            "".join(lines),
            ";".join(signed_headers),
            payload_hash,
        ]
    )


def verify(
    request: IncomingRequest,
    secret_for: Callable[[str], str | None],
    now: datetime | None = None,
) -> Credential:
    """Check the request's SigV4 signature; return the signer or raise :class:`SignatureError`.

    ``secret_for(access_key)`` gives the secret for an access key, or ``None`` if it is unknown.
    """
    headers = {name.lower(): value for name, value in request.headers.items()}
    authorization = headers.get("authorization")
    if not authorization:
        raise SignatureError("MissingAuthenticationTokenException", "Missing Authentication Token")
    match = _AUTH.match(authorization)
    if not match:
        raise SignatureError(
            "IncompleteSignatureException",
            "Authorization header requires Credential, SignedHeaders and Signature "
            f"with algorithm {ALGORITHM}.",
        )
    try:
        access_key, date, region, service, terminator = match["credential"].split("/")
    except ValueError as error:
        raise SignatureError(
            "IncompleteSignatureException", "Malformed credential scope."
        ) from error
    signed_headers = match["signed"].split(";")
    if terminator != "aws4_request" or "host" not in signed_headers:
        raise SignatureError(
            "IncompleteSignatureException", "Malformed credential scope or headers."
        )

    amz_date = headers.get("x-amz-date", "")
    try:
        stamp = datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
    except ValueError as error:
        raise SignatureError(
            "IncompleteSignatureException", "Missing or malformed X-Amz-Date."
        ) from error
    current = now or datetime.now(timezone.utc)
    if abs((current - stamp).total_seconds()) > MAX_SKEW_SECONDS:
        raise SignatureError(
            "InvalidSignatureException",
            f"Signature expired: {amz_date} is more than 15 minutes from the server's time.",
        )
    if not amz_date.startswith(date):
        raise SignatureError(
            "InvalidSignatureException", "Credential date does not match X-Amz-Date."
        )

    secret = secret_for(access_key)
    if secret is None:
        raise SignatureError(
            "UnrecognizedClientException", "The security token included in the request is invalid."
        )
    scope = f"{date}/{region}/{service}/aws4_request"
    canonical = canonical_request(request, signed_headers)
    string_to_sign = "\n".join(
        [ALGORITHM, amz_date, scope, hashlib.sha256(canonical.encode("utf-8")).hexdigest()]
    )
    expected = hmac.new(
        signing_key(secret, date, region, service), string_to_sign.encode("utf-8"), hashlib.sha256
    ).hexdigest()
    if not hmac.compare_digest(expected, match["signature"]):
        raise SignatureError(
            "InvalidSignatureException",
            "The request signature we calculated does not match the signature you provided. "
            "Check your AWS Secret Access Key and signing method.",
        )
    return Credential(access_key=access_key, region=region, service=service)
