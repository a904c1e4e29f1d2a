"""ListObjects (v1 and v2): prefixes, delimiters and paging over a bucket's sorted keys."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field

from ..objects.buckets import BucketStore, ObjectMeta
from .errors import S3Error

MAX_KEYS = 1000
#: After every key that starts with a common prefix ``p``: ``p`` followed by the last code point.
_PAST = "\U0010ffff"


@dataclass
class Listing:
    """One page of a listing."""

    contents: list[tuple[str, ObjectMeta]] = field(default_factory=list)
    common_prefixes: list[str] = field(default_factory=list)
    truncated: bool = False
    #: where the next page starts (after this key, or past this common prefix)
    resume_after: str | None = None
    #: the last key or common prefix of the page (ListObjects v1's NextMarker)
    last: str | None = None


def max_keys(value: str | None) -> int:
    if value is None:
        return MAX_KEYS
    try:
        number = int(value)
    except ValueError as error:
        raise S3Error(
            "InvalidArgument", "Provided max-keys not an integer or within integer range"
        ) from error
    if number < 0:
        raise S3Error("InvalidArgument", "max-keys cannot be negative")
    return min(number, MAX_KEYS)


def encode_token(after: str) -> str:
    return base64.urlsafe_b64encode(after.encode("utf-8")).decode()


def decode_token(token: str) -> str:
    try:
        return base64.urlsafe_b64decode(token.encode()).decode("utf-8")
    except (binascii.Error, ValueError) as error:
        raise S3Error(
            "InvalidArgument",
            "The continuation token provided is incorrect",
            ArgumentName="continuation-token",
        ) from error


def past(prefix: str) -> str:
    """A start-after value beyond every key under the common prefix ``prefix``."""
    return prefix + _PAST


def list_page(
    store: BucketStore,
    bucket: str,
    *,
    prefix: str = "",
    delimiter: str = "",
    start_after: str | None = None,
    limit: int = MAX_KEYS,
) -> Listing:
    """Up to ``limit`` keys and common prefixes after ``start_after``, in key order."""
    page = Listing()
    entries = store.entries(bucket, prefix, start_after)
    if limit == 0:
        return page
    while True:
        entry = next(entries, None)
        if entry is None:
            return page
        if len(page.contents) + len(page.common_prefixes) == limit:
            page.truncated = True
            return page
        key, info = entry
        common = _common_prefix(key, prefix, delimiter)
        if common is None:
            page.contents.append((key, store.meta_for(bucket, key, info)))
            page.last = page.resume_after = key
            continue
        page.common_prefixes.append(common)
        page.last, page.resume_after = common, past(common)
        # Skip every other key under this prefix without reading them one by one.
        entries = store.entries(bucket, prefix, page.resume_after)


def _common_prefix(key: str, prefix: str, delimiter: str) -> str | None:
    if not delimiter:
        return None
    position = key.find(delimiter, len(prefix))
    if position < 0:
        return None
    return key[: position + len(delimiter)]
