"""The checksums S3 accepts in ``x-amz-checksum-*`` (header or trailer) and ``Content-MD5``.

CRC32, SHA-1 and SHA-256 come with Python; CRC32C and CRC64NVME need ``awscrt`` (the AWS
common runtime, ``pip install awscrt``). Without it a request naming those is refused with a
clear message rather than stored unchecked.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import zlib
from collections.abc import Callable
from typing import Any

from .errors import S3Error

ALGORITHMS = ("CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256")


def _crt() -> Any:
    try:
        from awscrt import checksums
    except ImportError:
        return None
    return checksums


class _Crc:
    """A running CRC whose next value is ``update(data, previous)``."""

    def __init__(self, update: Callable[[bytes, int], int], width: int) -> None:
        self._update = update
        self._width = width
        self._value = 0

    def update(self, data: bytes | memoryview) -> None:
        self._value = self._update(
            bytes(data) if isinstance(data, memoryview) else data, self._value
        )

    def digest(self) -> bytes:
        return self._value.to_bytes(self._width, "big")


def new_checksum(algorithm: str) -> Any:
    """A hasher with ``update(data)`` and ``digest()`` for one of :data:`ALGORITHMS`."""
    if algorithm == "CRC32":
        return _Crc(zlib.crc32, 4)
    if algorithm == "SHA1":
        return hashlib.sha1(usedforsecurity=False)
    if algorithm == "SHA256":
        return hashlib.sha256()
    crt = _crt()
    if crt is None:
        raise S3Error(
            "InvalidRequest",
            f"This server cannot check {algorithm} checksums: its Python environment lacks "
            "awscrt (pip install awscrt). Use CRC32, SHA1 or SHA256.",
        )
    if algorithm == "CRC32C":
        return _Crc(lambda data, previous: int(crt.crc32c(data, previous)), 4)
    return _Crc(lambda data, previous: int(crt.crc64nvme(data, previous)), 8)


def algorithm_of(header: str) -> str | None:
    """``x-amz-checksum-crc32`` → ``CRC32``; ``None`` for any other name."""
    name = header.lower()
    if not name.startswith("x-amz-checksum-"):
        return None
    algorithm = name[len("x-amz-checksum-") :].upper()
    return algorithm if algorithm in ALGORITHMS else None


def decode_value(algorithm: str, value: str) -> bytes:
    """The digest a base64 header value carries; refused when it cannot be one."""
    size = {"CRC32": 4, "CRC32C": 4, "CRC64NVME": 8, "SHA1": 20, "SHA256": 32}[algorithm]
    try:
        digest = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        digest = b""
    if len(digest) != size:
        raise S3Error(
            "InvalidRequest",
            f"Value for x-amz-checksum-{algorithm.lower()} header is invalid.",
        )
    return digest


def decode_md5(value: str) -> bytes:
    try:
        digest = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        digest = b""
    if len(digest) != 16:
        raise S3Error("InvalidDigest", "The Content-MD5 you specified is not valid.")
    return digest


def encode(digest: bytes) -> str:
    return base64.b64encode(digest).decode()
