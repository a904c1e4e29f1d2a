"""A request body as S3 reads it: decoded, hashed and checked while it streams.

The payload mode is what ``x-amz-content-sha256`` says (see ``auth.py``):

- a hex SHA-256: the raw body must hash to it;
- ``UNSIGNED-PAYLOAD``: the body is taken as is (its signature covers the headers only);
- ``STREAMING-AWS4-HMAC-SHA256-PAYLOAD``: ``aws-chunked`` encoding, each chunk signed with the
  previous chunk's signature (the first with the header's, the "seed");
- ``STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER``: the same, then trailing headers with their own
  signature;
- ``STREAMING-UNSIGNED-PAYLOAD-TRAILER``: ``aws-chunked`` without signatures, then trailers
  (what botocore sends over HTTPS to carry its CRC32).

Any ``x-amz-checksum-*`` (in a header or a trailer) and ``Content-MD5`` are checked against the
decoded bytes. Nothing is held whole: the reader hands bytes on as they come, and every check
that can only be made at the end raises from the read that would have returned the end, so the
store that reads it (which writes beside the target and renames) never publishes a body that
failed a check.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .auth import Signer
from .checksums import algorithm_of, decode_md5, decode_value, encode, new_checksum
from .errors import S3Error

SIGNED_CHUNKS = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
SIGNED_CHUNKS_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"
UNSIGNED_CHUNKS_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
_EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()
_MAX_LINE = 4096


@dataclass
class PayloadPlan:
    """What a body must be checked against, from the request's headers."""

    signer: Signer
    chunked: bool = False
    chunk_signatures: bool = False
    content_sha256: str | None = None
    content_md5: bytes | None = None
    checksum_algorithm: str | None = None
    checksum_expected: bytes | None = None  # None: it comes in a trailer
    checksum_in_trailer: bool = False
    decoded_length: int | None = None
    trailer_names: set[str] = field(default_factory=set)


def plan_payload(headers: Mapping[str, str], signer: Signer) -> PayloadPlan:
    """Read the body's encoding and the checks it must pass from the (lower-case) headers."""
    mode = signer.payload
    plan = PayloadPlan(signer=signer)
    if mode.startswith("STREAMING-"):
        if mode not in (SIGNED_CHUNKS, SIGNED_CHUNKS_TRAILER, UNSIGNED_CHUNKS_TRAILER):
            raise S3Error(
                "NotImplemented", f"The payload mode {mode} is not implemented by this server", 501
            )
        plan.chunked = True
        plan.chunk_signatures = mode != UNSIGNED_CHUNKS_TRAILER and signer.key is not None
        length = headers.get("x-amz-decoded-content-length")
        if length is not None:
            try:
                plan.decoded_length = int(length)
            except ValueError as error:
                raise S3Error(
                    "InvalidArgument", "x-amz-decoded-content-length must be a number"
                ) from error
    elif mode != "UNSIGNED-PAYLOAD":
        plan.content_sha256 = mode
    if "content-md5" in headers:
        plan.content_md5 = decode_md5(headers["content-md5"])

    in_headers = [(name, algorithm_of(name)) for name in headers if algorithm_of(name)]
    trailer = [name.strip().lower() for name in headers.get("x-amz-trailer", "").split(",")]
    plan.trailer_names = {name for name in trailer if name}
    in_trailer = [(name, algorithm_of(name)) for name in plan.trailer_names if algorithm_of(name)]
    if plan.trailer_names and not (plan.chunked and mode != SIGNED_CHUNKS):
        raise S3Error(
            "InvalidRequest", "x-amz-trailer needs a STREAMING-...-TRAILER x-amz-content-sha256"
        )
    if len(in_headers) + len(in_trailer) > 1:
        raise S3Error(
            "InvalidRequest",
            "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.",
        )
    if in_headers:
        name, algorithm = in_headers[0]
        plan.checksum_algorithm = algorithm
        plan.checksum_expected = decode_value(str(algorithm), headers[name])
    elif in_trailer:
        plan.checksum_algorithm = in_trailer[0][1]
        plan.checksum_in_trailer = True
    declared = headers.get("x-amz-sdk-checksum-algorithm")
    if declared is not None:
        if plan.checksum_algorithm is None:
            raise S3Error(
                "InvalidRequest",
                "x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* "
                "or x-amz-trailer headers were found.",
            )
        if declared.upper() != plan.checksum_algorithm:
            raise S3Error(
                "InvalidRequest",
                f"Value for x-amz-sdk-checksum-algorithm ({declared}) does not match the "
                f"checksum sent ({plan.checksum_algorithm}).",
            )
    if plan.checksum_algorithm is not None:
        new_checksum(plan.checksum_algorithm)  # refuse now an algorithm we cannot check
    return plan


def _incomplete(reason: str) -> S3Error:
    return S3Error(
        "IncompleteBody", f"The request body is not valid aws-chunked encoding: {reason}"
    )


class AwsChunkedDecoder:
    """``aws-chunked`` to plain bytes, checking chunk and trailer signatures on the way."""

    _HEADER, _DATA, _DATA_END, _TRAILERS, _DONE = range(5)

    def __init__(self, signer: Signer | None) -> None:
        self._signer = signer
        self._previous = signer.seed_signature if signer else ""
        self._state = self._HEADER
        self._line = bytearray()
        self._remaining = 0
        self._signature = ""
        self._chunk_hash: Any = None
        self.trailers: dict[str, str] = {}
        self._trailer_lines: list[str] = []
        self._trailer_signed = False

    def feed(self, data: bytes) -> list[memoryview]:
        """The decoded pieces in ``data`` (views into it)."""
        out: list[memoryview] = []
        view = memoryview(data)
        position, end = 0, len(data)
        while position < end:
            if self._state == self._DATA:
                take = min(self._remaining, end - position)
                piece = view[position : position + take]
                position += take
                self._remaining -= take
                if self._chunk_hash is not None:
                    self._chunk_hash.update(piece)
                out.append(piece)
                if self._remaining == 0:
                    self._state = self._DATA_END
            elif self._state == self._DATA_END:
                take = min(2 - len(self._line), end - position)
                self._line += view[position : position + take]
                position += take
                if len(self._line) == 2:
                    if self._line != b"\r\n":
                        raise _incomplete("a chunk's data is longer than its size says")
                    self._line.clear()
                    self._end_of_chunk()
                    self._state = self._HEADER
            elif self._state == self._DONE:
                if bytes(view[position:]).strip():
                    raise _incomplete("data after the last chunk")
                position = end
            else:
                newline = data.find(b"\n", position)
                stop = end if newline == -1 else newline + 1
                self._line += view[position:stop]
                position = stop
                if len(self._line) > _MAX_LINE:
                    raise _incomplete("a chunk header line is too long")
                if newline != -1:
                    line = bytes(self._line)
                    self._line.clear()
                    if not line.endswith(b"\r\n"):
                        raise _incomplete("lines must end with CRLF")
                    self._on_line(line[:-2].decode("latin-1"))
        return out

    def _on_line(self, line: str) -> None:
        if self._state == self._HEADER:
            size_text, _, extension = line.partition(";")
            try:
                size = int(size_text.strip(), 16)
            except ValueError as error:
                raise _incomplete(f"bad chunk size {size_text[:20]!r}") from error
            self._signature = ""
            if extension:
                name, _, value = extension.strip().partition("=")
                if name == "chunk-signature":
                    self._signature = value.strip()
            if self._signer is not None and not self._signature:
                raise _incomplete("a chunk has no chunk-signature")
            self._chunk_hash = hashlib.sha256() if self._signer is not None else None
            if size == 0:
                self._end_of_chunk()
                self._state = self._TRAILERS
            else:
                self._remaining = size
                self._state = self._DATA
        elif line == "":
            self._end_of_trailers()
            self._state = self._DONE
        else:
            name, colon, value = line.partition(":")
            if not colon:
                raise S3Error("MalformedTrailerError", f"Malformed trailing header {line[:60]!r}")
            name = name.strip().lower()
            if name == "x-amz-trailer-signature":
                self._check_trailer_signature(value.strip())
            else:
                self.trailers[name] = value.strip()
                self._trailer_lines.append(f"{name}:{value.strip()}\n")

    def _sign(self, kind: str, digest: str) -> str:
        assert self._signer is not None
        return self._signer.sign(
            "\n".join(
                [
                    f"AWS4-HMAC-SHA256-{kind}",
                    self._signer.amz_date,
                    self._signer.scope,
                    self._previous,
                    *([_EMPTY_SHA256] if kind == "PAYLOAD" else []),
                    digest,
                ]
            )
        )

    def _end_of_chunk(self) -> None:
        if self._signer is None:
            return
        expected = self._sign("PAYLOAD", self._chunk_hash.hexdigest())
        if not hmac.compare_digest(expected, self._signature):
            raise S3Error(
                "SignatureDoesNotMatch",
                "The chunk signature we calculated does not match the signature you provided.",
                403,
            )
        self._previous = expected

    def _check_trailer_signature(self, signature: str) -> None:
        if self._signer is None:
            return
        digest = hashlib.sha256("".join(self._trailer_lines).encode()).hexdigest()
        if not hmac.compare_digest(self._sign("TRAILER", digest), signature):
            raise S3Error(
                "SignatureDoesNotMatch",
                "The trailer signature we calculated does not match the signature you provided.",
                403,
            )
        self._trailer_signed = True

    def _end_of_trailers(self) -> None:
        if self._signer is not None and self._trailer_lines and not self._trailer_signed:
            raise S3Error("MalformedTrailerError", "The trailing headers are not signed")

    def finish(self) -> dict[str, str]:
        """The trailing headers, once the body has ended; refused if it ended early."""
        if self._state == self._TRAILERS and not self._line:
            self._end_of_trailers()  # tolerated: no empty line after the trailers
        elif self._state != self._DONE:
            raise _incomplete("the body ended before its last chunk")
        return self.trailers


class PayloadReader:
    """A file-like ``read(size)`` over a body received piece by piece through ``receive``
    (``b""`` at its end), decoded and checked as described in the module's docstring."""

    def __init__(self, receive: Callable[[], bytes], plan: PayloadPlan) -> None:
        self._receive = receive
        self._plan = plan
        self._pending: deque[bytes | memoryview] = deque()
        self._pending_size = 0
        self._ended = False
        self.size = 0
        self._sha256 = hashlib.sha256() if plan.content_sha256 else None
        self._md5 = hashlib.md5(usedforsecurity=False) if plan.content_md5 else None
        self._checksum = new_checksum(plan.checksum_algorithm) if plan.checksum_algorithm else None
        self._checksum_value: str | None = None
        self._decoder = (
            AwsChunkedDecoder(plan.signer if plan.chunk_signatures else None)
            if plan.chunked
            else None
        )

    def read(self, size: int = -1) -> bytes:
        wanted = size if size is not None and size >= 0 else None
        while not self._ended and (wanted is None or self._pending_size < wanted):
            self._pull()
        return self._take(self._pending_size if wanted is None else wanted)

    def read_all(self, limit: int) -> bytes:
        """The whole (small) body; refused beyond ``limit`` bytes."""
        data = bytearray()
        while chunk := self.read(64 * 1024):
            data += chunk
            if len(data) > limit:
                raise S3Error(
                    "MaxMessageLengthExceeded",
                    f"Your request was too big (more than {limit} bytes).",
                )
        return bytes(data)

    def checksum(self) -> dict[str, str] | None:
        """The object's checksum as the writer sent it and we verified it (after the end)."""
        if self._checksum_value is None or self._plan.checksum_algorithm is None:
            return None
        return {"algorithm": self._plan.checksum_algorithm, "value": self._checksum_value}

    def _pull(self) -> None:
        raw = self._receive()
        if not raw:
            trailers = self._decoder.finish() if self._decoder else {}
            self._verify(trailers)
            self._ended = True
            return
        if self._sha256 is not None:
            self._sha256.update(raw)
        pieces: list[bytes | memoryview] = list(self._decoder.feed(raw)) if self._decoder else [raw]
        for piece in pieces:
            if self._md5 is not None:
                self._md5.update(piece)
            if self._checksum is not None:
                self._checksum.update(piece)
            self.size += len(piece)
            self._pending.append(piece)
            self._pending_size += len(piece)

    def _take(self, wanted: int) -> bytes:
        if wanted >= self._pending_size:
            data = b"".join(self._pending)
            self._pending.clear()
            self._pending_size = 0
            return data
        parts = []
        needed = wanted
        while needed > 0:
            piece = self._pending.popleft()
            if len(piece) > needed:
                parts.append(piece[:needed])
                self._pending.appendleft(piece[needed:])
                needed = 0
            else:
                parts.append(piece)
                needed -= len(piece)
        self._pending_size -= wanted
        return b"".join(parts)

    def _verify(self, trailers: dict[str, str]) -> None:
        plan = self._plan
        if plan.decoded_length is not None and self.size != plan.decoded_length:
            raise S3Error(
                "IncompleteBody",
                f"The body has {self.size} bytes; x-amz-decoded-content-length says "
                f"{plan.decoded_length}.",
            )
        if self._sha256 is not None:
            computed = self._sha256.hexdigest()
            if computed != plan.content_sha256:
                raise S3Error(
                    "XAmzContentSHA256Mismatch",
                    "The provided 'x-amz-content-sha256' header does not match what was computed.",
                    ClientComputedContentSHA256=str(plan.content_sha256),
                    S3ComputedContentSHA256=computed,
                )
        if self._md5 is not None and self._md5.digest() != plan.content_md5:
            raise S3Error(
                "BadDigest", "The Content-MD5 you specified did not match what we received."
            )
        missing = plan.trailer_names - trailers.keys()
        if missing:
            raise S3Error(
                "MalformedTrailerError", f"The declared trailer {sorted(missing)[0]} was not sent"
            )
        if self._checksum is None or plan.checksum_algorithm is None:
            return
        expected = plan.checksum_expected
        if plan.checksum_in_trailer:
            name = f"x-amz-checksum-{plan.checksum_algorithm.lower()}"
            expected = decode_value(plan.checksum_algorithm, trailers[name])
        digest = self._checksum.digest()
        if digest != expected:
            raise S3Error(
                "BadDigest",
                f"The {plan.checksum_algorithm} you specified did not match the calculated "
                "checksum.",
            )
        self._checksum_value = encode(digest)
