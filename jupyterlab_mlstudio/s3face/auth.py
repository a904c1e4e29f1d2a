"""SigV4 as S3 checks it: the Authorization header or a presigned URL (and SigV2, which boto3
still presigns S3 URLs with).

S3 signs differently from the JSON services that ``aws/sigv4.py`` verifies: the path is signed
as sent (S3 keys may hold ``//``, ``.`` or ``..``, which other services normalize away), and the
payload line of the canonical request is whatever ``x-amz-content-sha256`` claims (a SHA-256, or
one of the ``UNSIGNED``/``STREAMING`` modes) because S3 bodies stream and are checked as they
arrive (see ``payload.py``). What both share comes from ``aws/sigv4.py``: the signing key
derivation (:func:`~jupyterlab_mlstudio.aws.sigv4.signing_key`), the algorithm name and the
allowed clock skew. The keys are the AWS face's: access key = the Jupyter user name, secret =
the server's token.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import quote, unquote

from ..aws.sigv4 import ALGORITHM, MAX_SKEW_SECONDS, signing_key
from .errors import S3Error, access_denied

UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"
_HEX_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_MAX_PRESIGNED_SECONDS = 7 * 24 * 3600


@dataclass(frozen=True)
class S3Request:
    """The parts of an HTTP request a signature covers, exactly as received."""

    method: str
    raw_path: str  # percent-encoded, as on the request line
    query: str  # raw query string
    headers: Mapping[str, str]  # lower-case names; repeated headers joined by ","
    #: ``/bucket/key`` as sent (the path below the face's root), which SigV2 signs
    resource: str = ""


@dataclass(frozen=True)
class Signer:
    """Who signed, and what the payload must then be checked against."""

    access_key: str
    #: the payload mode: a hex SHA-256, UNSIGNED-PAYLOAD or a STREAMING-... mode
    payload: str
    #: for chunk and trailer signatures (``None`` when signatures are not checked)
    key: bytes | None = None
    amz_date: str = ""
    scope: str = ""
    seed_signature: str = ""

    def sign(self, string_to_sign: str) -> str:
        assert self.key is not None
        return hmac.new(self.key, string_to_sign.encode(), hashlib.sha256).hexdigest()


def _encode(value: str, safe: str) -> str:
    return quote(value, safe=safe)


def canonical_query(query: str, drop: str | None = None) -> str:
    """Query pairs decoded, encoded again as SigV4 says (RFC 3986 unreserved kept), sorted."""
    pairs = []
    for part in query.split("&") if query else []:
        name, _, value = part.partition("=")
        name = unquote(name)
        if name == drop:
            continue
        pairs.append((_encode(name, "-_.~"), _encode(unquote(value), "-_.~")))
    return "&".join(f"{name}={value}" for name, value in sorted(pairs))


def canonical_request(
    request: S3Request, signed_headers: list[str], payload: str, drop_query: str | None = None
) -> str:
    lines = []
    for name in signed_headers:
        value = request.headers.get(name, "")
        lines.append(f"{name}:{' '.join(value.strip().split())}\n")
    return "\n".join(
        [
            request.method.upper(),
            _encode(unquote(request.raw_path), "/~"),
            canonical_query(request.query, drop_query),
            "".join(lines),
            ";".join(signed_headers),
            payload,
        ]
    )


def _query_value(query: str, name: str) -> str | None:
    for part in query.split("&") if query else []:
        key, _, value = part.partition("=")
        if unquote(key) == name:
            return unquote(value)
    return None


@dataclass(frozen=True)
class _Parts:
    access_key: str
    date: str
    region: str
    service: str
    signed_headers: list[str]
    signature: str
    amz_date: str


def _parse_header(authorization: str) -> dict[str, str]:
    if not authorization.startswith(ALGORITHM + " "):
        raise S3Error(
            "AuthorizationHeaderMalformed",
            f"The authorization header is malformed; the algorithm must be {ALGORITHM}.",
        )
    fields = {}
    for item in authorization[len(ALGORITHM) :].split(","):
        name, _, value = item.strip().partition("=")
        fields[name] = value
    if not {"Credential", "SignedHeaders", "Signature"} <= fields.keys():
        raise S3Error(
            "AuthorizationHeaderMalformed",
            "The authorization header is malformed; it needs Credential, SignedHeaders and "
            "Signature.",
        )
    return fields


def _parts(credential: str, signed: str, signature: str, amz_date: str) -> _Parts:
    try:
        access_key, date, region, service, terminator = credential.split("/")
    except ValueError as error:
        raise S3Error(
            "AuthorizationHeaderMalformed",
            f"The authorization header is malformed; the Credential is mal-formed; expecting "
            f'"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request". ({credential})',
        ) from error
    if terminator != "aws4_request" or service != "s3":
        raise S3Error(
            "AuthorizationHeaderMalformed",
            f"The authorization header is malformed; the credential scope must end in "
            f"/s3/aws4_request ({credential})",
        )
    names = signed.split(";")
    if "host" not in names:
        raise S3Error(
            "AuthorizationHeaderMalformed", "The Host header must be among the SignedHeaders."
        )
    if not re.fullmatch(r"[0-9a-f]{64}", signature):
        raise S3Error("AuthorizationHeaderMalformed", "The signature is not 64 hex digits.")
    if not amz_date.startswith(date):
        raise S3Error(
            "AuthorizationHeaderMalformed",
            f"The authorization header is malformed; Invalid credential date. Date is not the "
            f"same as X-Amz-Date: {date}.",
        )
    return _Parts(access_key, date, region, service, names, signature, amz_date)


def _stamp(amz_date: str) -> datetime:
    try:
        return datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
    except ValueError as error:
        raise access_denied(
            "AWS authentication requires a valid Date or x-amz-date header"
        ) from error


def authenticate(
    request: S3Request,
    secret_for: Callable[[str], str | None],
    *,
    check_signature: bool = True,
    now: datetime | None = None,
) -> Signer:
    """Check the request's signature; return the signer or raise an :class:`S3Error`.

    ``secret_for(access_key)`` gives the secret, or ``None`` for an unknown key. With
    ``check_signature=False`` (a server without a token) a signature must still be present but
    cannot be checked.
    """
    current = now or datetime.now(timezone.utc)
    authorization = request.headers.get("authorization")
    presigned = _query_value(request.query, "X-Amz-Algorithm")
    if (authorization or "").startswith("AWS ") or (
        not authorization and _query_value(request.query, "AWSAccessKeyId") is not None
    ):
        return _authenticate_v2(request, secret_for, check_signature, current)
    if authorization:
        fields = _parse_header(authorization)
        amz_date = request.headers.get("x-amz-date", "")
        parts = _parts(fields["Credential"], fields["SignedHeaders"], fields["Signature"], amz_date)
        stamp = _stamp(amz_date)
        if abs((current - stamp).total_seconds()) > MAX_SKEW_SECONDS:
            raise S3Error(
                "RequestTimeTooSkewed",
                "The difference between the request time and the current time is too large.",
                403,
                RequestTime=amz_date,
                ServerTime=current.strftime("%Y-%m-%dT%H:%M:%SZ"),
                MaxAllowedSkewMilliseconds=str(MAX_SKEW_SECONDS * 1000),
            )
        payload = request.headers.get("x-amz-content-sha256")
        if payload is None:
            raise S3Error(
                "InvalidRequest", "Missing required header for this request: x-amz-content-sha256"
            )
        if not (_HEX_SHA256.match(payload) or payload.startswith(("UNSIGNED-", "STREAMING-"))):
            raise S3Error(
                "InvalidArgument",
                "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, a STREAMING- mode or a valid "
                "sha256 value.",
                ArgumentName="x-amz-content-sha256",
                ArgumentValue=payload,
            )
        drop = None
    elif presigned is not None:
        if presigned != ALGORITHM:
            raise S3Error(
                "AuthorizationQueryParametersError", f"X-Amz-Algorithm must be {ALGORITHM}"
            )
        values = {
            name: _query_value(request.query, f"X-Amz-{name}")
            for name in ("Credential", "SignedHeaders", "Signature", "Date", "Expires")
        }
        if any(value is None for value in values.values()):
            raise S3Error(
                "AuthorizationQueryParametersError",
                "Query-string authentication requires the X-Amz-Algorithm, X-Amz-Credential, "
                "X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders and X-Amz-Expires parameters.",
            )
        parts = _parts(
            str(values["Credential"]),
            str(values["SignedHeaders"]),
            str(values["Signature"]),
            str(values["Date"]),
        )
        stamp = _stamp(parts.amz_date)
        try:
            expires = int(str(values["Expires"]))
        except ValueError as error:
            raise S3Error(
                "AuthorizationQueryParametersError", "X-Amz-Expires should be a number"
            ) from error
        if not 0 < expires <= _MAX_PRESIGNED_SECONDS:
            raise S3Error(
                "AuthorizationQueryParametersError",
                "X-Amz-Expires must be between 1 and 604800 seconds",
            )
        if current > stamp + timedelta(seconds=expires):
            raise access_denied("Request has expired")
        if stamp - current > timedelta(seconds=MAX_SKEW_SECONDS):
            raise access_denied("Request is not valid yet")
        payload = _query_value(request.query, "X-Amz-Content-Sha256") or UNSIGNED_PAYLOAD
        drop = "X-Amz-Signature"
    else:
        raise access_denied()

    if not check_signature:
        return Signer(access_key=parts.access_key, payload=payload)
    secret = secret_for(parts.access_key)
    if secret is None:
        raise S3Error(
            "InvalidAccessKeyId",
            "The AWS Access Key Id you provided does not exist in our records.",
            403,
            AWSAccessKeyId=parts.access_key,
        )
    scope = f"{parts.date}/{parts.region}/{parts.service}/aws4_request"
    canonical = canonical_request(request, parts.signed_headers, payload, drop)
    string_to_sign = "\n".join(
        [ALGORITHM, parts.amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()]
    )
    key = signing_key(secret, parts.date, parts.region, parts.service)
    expected = hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, parts.signature):
        raise S3Error(
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided. "
            "Check your key and signing method.",
            403,
            AWSAccessKeyId=parts.access_key,
            StringToSign=string_to_sign,
            CanonicalRequest=canonical,
        )
    return Signer(
        access_key=parts.access_key,
        payload=payload,
        key=key,
        amz_date=parts.amz_date,
        scope=scope,
        seed_signature=parts.signature,
    )


# --- Signature Version 2 -------------------------------------------------------------------
# Still what boto3 presigns S3 URLs with unless told otherwise (``generate_presigned_url``), so
# the face takes it: an HMAC-SHA1 over the method, three headers, the x-amz-* headers and the
# resource with its sub-resources. It covers no body; the body is taken as UNSIGNED-PAYLOAD.

_V2_SUBRESOURCES = frozenset(
    [
        "accelerate",
        "acl",
        "cors",
        "defaultObjectAcl",
        "delete",
        "lifecycle",
        "location",
        "logging",
        "notification",
        "partNumber",
        "policy",
        "replication",
        "requestPayment",
        "restore",
        "select",
        "select-type",
        "storageClass",
        "tagging",
        "torrent",
        "uploadId",
        "uploads",
        "versionId",
        "versioning",
        "versions",
        "website",
        "analytics",
        "metrics",
        "inventory",
        "object-lock",
        "response-cache-control",
        "response-content-disposition",
        "response-content-encoding",
        "response-content-language",
        "response-content-type",
        "response-expires",
    ]
)


def _string_to_sign_v2(request: S3Request, date_line: str) -> str:
    headers = request.headers
    amz = sorted(
        (name, ",".join(part.strip() for part in value.split(",")))
        for name, value in headers.items()
        if name.startswith("x-amz-")
    )
    resource = request.resource or request.raw_path
    interesting = []
    for part in request.query.split("&") if request.query else []:
        name, equals, value = part.partition("=")
        if name in _V2_SUBRESOURCES:
            interesting.append((name, f"{name}={unquote(value)}" if equals else name))
    if interesting:
        resource += "?" + "&".join(text for _, text in sorted(interesting))
    lines = [
        request.method.upper(),
        headers.get("content-md5", "").strip(),
        headers.get("content-type", "").strip(),
        date_line,
    ]
    return "\n".join(lines) + "\n" + "".join(f"{name}:{value}\n" for name, value in amz) + resource


def _authenticate_v2(
    request: S3Request,
    secret_for: Callable[[str], str | None],
    check_signature: bool,
    current: datetime,
) -> Signer:
    authorization = request.headers.get("authorization", "")
    if authorization:
        access_key, colon, signature = authorization[len("AWS ") :].strip().rpartition(":")
        if not colon or not access_key:
            raise S3Error("InvalidArgument", "AWS authorization header is invalid.")
        date_line = "" if "x-amz-date" in request.headers else request.headers.get("date", "")
        moment = request.headers.get("x-amz-date") or request.headers.get("date", "")
        try:
            stamp = parsedate_to_datetime(moment)
        except (TypeError, ValueError, IndexError) as error:
            raise access_denied(
                "AWS authentication requires a valid Date or x-amz-date header"
            ) from error
        if abs((current - stamp).total_seconds()) > MAX_SKEW_SECONDS:
            raise S3Error(
                "RequestTimeTooSkewed",
                "The difference between the request time and the current time is too large.",
                403,
            )
    else:
        access_key = _query_value(request.query, "AWSAccessKeyId") or ""
        signature = _query_value(request.query, "Signature") or ""
        date_line = _query_value(request.query, "Expires") or ""
        if not date_line.isdigit():
            raise access_denied(
                "Query-string authentication requires the Signature, Expires "
                "and AWSAccessKeyId parameters"
            )
        if current.timestamp() > int(date_line):
            raise access_denied("Request has expired")
    if not check_signature:
        return Signer(access_key=access_key, payload=UNSIGNED_PAYLOAD)
    secret = secret_for(access_key)
    if secret is None:
        raise S3Error(
            "InvalidAccessKeyId",
            "The AWS Access Key Id you provided does not exist in our records.",
            403,
        )
    string_to_sign = _string_to_sign_v2(request, date_line)
    expected = base64.b64encode(
        hmac.new(secret.encode(), string_to_sign.encode(), hashlib.sha1).digest()
    ).decode()
    if not hmac.compare_digest(expected, signature):
        raise S3Error(
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided. "
            "Check your key and signing method.",
            403,
            StringToSign=string_to_sign,
        )
    return Signer(access_key=access_key, payload=UNSIGNED_PAYLOAD)
