"""``s3://`` objects through boto3: AWS, MinIO or any S3-compatible server."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, closing, contextmanager
from dataclasses import dataclass
from typing import Any, BinaryIO, cast

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from ..core.clock import datetime_to_ms
from ..core.errors import BackendUnavailable, Forbidden, InvalidInput, MLStudioError, NotFound
from .base import ObjectInfo, ObjectStore, parse_uri

_MISSING = {"404", "NoSuchKey", "NoSuchBucket", "NotFound"}
_DENIED = {"403", "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch"}


@dataclass(frozen=True)
class S3Settings:
    """Overrides of the standard AWS configuration; ``None`` leaves boto3's own resolution
    (environment, ``~/.aws/config``, ``AWS_ENDPOINT_URL_S3``/``AWS_ENDPOINT_URL``) in charge."""

    endpoint_url: str | None = None
    region_name: str | None = None
    profile_name: str | None = None
    addressing_style: str | None = None


class S3ObjectStore(ObjectStore):
    """Objects in S3 buckets. Uploads are multipart above 8 MiB; downloads stream."""

    scheme = "s3"

    def __init__(self, settings: S3Settings | None = None) -> None:
        self.settings = settings or S3Settings()
        self._client: Any = None
        self._lock = threading.Lock()
        self._transfer = TransferConfig(multipart_threshold=8 * 1024 * 1024, use_threads=True)

    @property
    def client(self) -> Any:
        """The boto3 S3 client, made on first use (boto3 clients are thread-safe)."""
        with self._lock:
            if self._client is None:
                session = boto3.session.Session(profile_name=self.settings.profile_name)
                config = Config(
                    retries={"max_attempts": 5, "mode": "standard"},
                    s3=cast(Any, {"addressing_style": self.settings.addressing_style or "auto"}),
                )
                self._client = session.client(
                    "s3",
                    endpoint_url=self.settings.endpoint_url,
                    region_name=self.settings.region_name,
                    config=config,
                )
            return self._client

    def endpoint(self) -> str | None:
        """The endpoint URL the client resolved (for the status report)."""
        try:
            return str(self.client.meta.endpoint_url)
        except BotoCoreError:
            return self.settings.endpoint_url

    def open_read(self, uri: str) -> AbstractContextManager[BinaryIO]:
        parsed = parse_uri(uri)
        with _translated(uri):
            response = self.client.get_object(Bucket=parsed.bucket, Key=parsed.key)
        return cast(AbstractContextManager[BinaryIO], closing(response["Body"]))

    def open_range(self, uri: str, first: int, last: int) -> AbstractContextManager[BinaryIO]:
        parsed = parse_uri(uri)
        with _translated(uri):
            response = self.client.get_object(
                Bucket=parsed.bucket, Key=parsed.key, Range=f"bytes={first}-{last}"
            )
        return cast(AbstractContextManager[BinaryIO], closing(response["Body"]))

    def copy(self, source: str, target: str) -> int:
        """A copy made by the S3 server itself (multipart for large objects)."""
        origin, destination = parse_uri(source), parse_uri(target)
        with _translated(source):
            self.client.copy(
                {"Bucket": origin.bucket, "Key": origin.key},
                destination.bucket,
                destination.key,
                Config=self._transfer,
            )
        return self.head(target).size

    def write(self, uri: str, stream: BinaryIO) -> int:
        parsed = parse_uri(uri)
        counter = _CountingReader(stream)
        with _translated(uri):
            self.client.upload_fileobj(counter, parsed.bucket, parsed.key, Config=self._transfer)
        return counter.count

    def download_file(self, uri: str, path: str) -> int:
        parsed = parse_uri(uri)
        with _translated(uri):
            self.client.download_file(parsed.bucket, parsed.key, path, Config=self._transfer)
            return int(self.head(uri).size)

    def head(self, uri: str) -> ObjectInfo:
        parsed = parse_uri(uri)
        with _translated(uri):
            response = self.client.head_object(Bucket=parsed.bucket, Key=parsed.key)
        return ObjectInfo(
            uri=uri,
            size=int(response["ContentLength"]),
            last_modified_ms=datetime_to_ms(response["LastModified"]),
            etag=response.get("ETag"),
        )

    def list(self, prefix: str, start_after: str | None = None) -> Iterator[ObjectInfo]:
        parsed = parse_uri(prefix)
        paginator = self.client.get_paginator("list_objects_v2")
        options: dict[str, Any] = {"Bucket": parsed.bucket, "Prefix": parsed.key}
        if start_after is not None:
            after = parse_uri(start_after)
            if after.bucket != parsed.bucket:
                raise InvalidInput(f"{start_after}: not in the bucket of {prefix}")
            options["StartAfter"] = after.key
        with _translated(prefix):
            for page in paginator.paginate(**options):
                for item in page.get("Contents", []):
                    yield ObjectInfo(
                        uri=f"s3://{parsed.bucket}/{item['Key']}",
                        size=int(item["Size"]),
                        last_modified_ms=datetime_to_ms(item["LastModified"]),
                        etag=item.get("ETag"),
                    )

    def delete(self, uri: str) -> None:
        parsed = parse_uri(uri)
        with _translated(uri):
            self.client.delete_object(Bucket=parsed.bucket, Key=parsed.key)


class _CountingReader:
    """Wraps a stream to count the bytes boto3 pulls through it."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self.count += len(data)
        return data


@contextmanager
def _translated(uri: str) -> Iterator[None]:
    """Turns boto3's failures into the server's error hierarchy."""
    try:
        yield
    except MLStudioError:
        raise
    except ClientError as error:
        code = str(error.response.get("Error", {}).get("Code", ""))
        if code in _MISSING:
            raise NotFound(f"No object at {uri}") from error
        if code in _DENIED:
            raise Forbidden(f"{uri}: access denied by the object store ({code})") from error
        raise BackendUnavailable(f"{uri}: the object store refused ({code})") from error
    except BotoCoreError as error:
        raise BackendUnavailable(f"{uri}: the object store does not answer: {error}") from error
