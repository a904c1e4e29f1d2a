"""The object store: file:// and s3:// (a real S3 API server on loopback), streamed."""

from __future__ import annotations

import contextlib
import hashlib
import io

import boto3
import pytest

from jupyterlab_mlstudio.core.errors import BackendUnavailable, Forbidden, InvalidInput, NotFound
from jupyterlab_mlstudio.objects import (
    LocalObjectStore,
    ObjectStores,
    S3ObjectStore,
    S3Settings,
    parse_uri,
)

MIB = 1024 * 1024


class ChunkedSource(io.RawIOBase):
    """A large stream made on the fly; refuses to be read whole, so a store that tried fails."""

    def __init__(self, size: int) -> None:
        self.remaining = size
        self.digest = hashlib.sha256()
        self.largest_read = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        assert size is not None and 0 < size <= 64 * MIB, (
            f"read({size}) would load the object whole"
        )
        size = min(size, self.remaining)
        self.largest_read = max(self.largest_read, size)
        chunk = bytes((self.remaining + i) % 251 for i in range(min(size, 4096))) * (
            size // 4096 + 1
        )
        chunk = chunk[:size]
        self.remaining -= size
        self.digest.update(chunk)
        return chunk


def _digest_of(stream) -> str:
    digest = hashlib.sha256()
    while chunk := stream.read(MIB):
        digest.update(chunk)
    return digest.hexdigest()


@pytest.fixture
def local(tmp_path):
    root = tmp_path / "objects"
    return ObjectStores([LocalObjectStore([str(root)])], f"file://{root}")


@pytest.fixture
def s3(s3_endpoint, aws_credentials):
    bucket = "mlstudio-test"
    client = boto3.client("s3", endpoint_url=s3_endpoint)
    with contextlib.suppress(client.exceptions.BucketAlreadyOwnedByYou):
        client.create_bucket(Bucket=bucket)
    for item in client.list_objects_v2(Bucket=bucket).get("Contents", []):
        client.delete_object(Bucket=bucket, Key=item["Key"])
    store = S3ObjectStore(S3Settings(endpoint_url=s3_endpoint))
    return ObjectStores([store], f"s3://{bucket}/root")


@pytest.fixture(params=["local", "s3"])
def stores(request):
    return request.getfixturevalue(request.param)


def test_uris_are_parsed_strictly():
    assert parse_uri("s3://bucket/a/b.txt").key == "a/b.txt"
    assert parse_uri("file:///tmp/x y").key == "/tmp/x y"
    for bad in ("file://relative/path", "s3:///key", "http://host/x", "no-scheme"):
        with pytest.raises(InvalidInput):
            parse_uri(bad)


def test_round_trip_list_head_and_delete(stores, tmp_path):
    root = stores.default_root
    stores.put_bytes(f"{root}/a/one.txt", b"one")
    stores.put_bytes(f"{root}/a/two.txt", b"two!")
    stores.put_bytes(f"{root}/ab/three.txt", b"3")
    assert stores.get_bytes(f"{root}/a/two.txt") == b"two!"
    assert stores.head(f"{root}/a/two.txt").size == 4
    listed = [info.uri for info in stores.list(f"{root}/a/")]
    assert listed == [f"{root}/a/one.txt", f"{root}/a/two.txt"]
    # A prefix that is not a folder matches names, as in S3
    assert len(list(stores.list(f"{root}/a"))) == 3
    assert stores.download_prefix(f"{root}/a/", tmp_path / "down") == 2
    assert (tmp_path / "down" / "two.txt").read_bytes() == b"two!"
    stores.delete(f"{root}/a/one.txt")
    with pytest.raises(NotFound):
        stores.head(f"{root}/a/one.txt")
    with pytest.raises(NotFound):
        stores.get_bytes(f"{root}/missing")
    stores.delete(f"{root}/missing")  # deleting nothing is fine


def test_large_objects_stream_both_ways(stores, tmp_path):
    source = ChunkedSource(40 * MIB + 123)
    uri = f"{stores.default_root}/big.bin"
    assert stores.write(uri, source) == 40 * MIB + 123
    assert source.largest_read <= 16 * MIB
    with stores.open_read(uri) as stream:
        assert _digest_of(stream) == source.digest.hexdigest()
    target = tmp_path / "big.bin"
    assert stores.download_file(uri, str(target)) == 40 * MIB + 123
    with open(target, "rb") as stream:
        assert _digest_of(stream) == source.digest.hexdigest()


def test_upload_dir_keeps_relative_paths(stores, tmp_path):
    folder = tmp_path / "model"
    (folder / "sub").mkdir(parents=True)
    (folder / "weights.bin").write_bytes(b"w")
    (folder / "sub" / "config.json").write_bytes(b"{}")
    assert stores.upload_dir(folder, f"{stores.default_root}/model") == 2
    assert stores.get_bytes(f"{stores.default_root}/model/sub/config.json") == b"{}"


def test_local_store_refuses_paths_outside_its_roots(local, tmp_path):
    with pytest.raises(Forbidden):
        local.get_bytes("file:///etc/passwd")
    with pytest.raises(Forbidden):
        local.put_bytes(f"{local.default_root}/../escape.txt", b"x")
    assert not (tmp_path / "escape.txt").exists()


def test_s3_endpoint_comes_from_the_standard_aws_environment(
    s3_endpoint, aws_credentials, monkeypatch
):
    monkeypatch.setenv("AWS_ENDPOINT_URL_S3", s3_endpoint)
    store = S3ObjectStore()
    assert store.endpoint() == s3_endpoint
    boto3.client("s3", endpoint_url=s3_endpoint).create_bucket(Bucket="from-env")
    store.put_bytes("s3://from-env/k", b"v")
    assert store.get_bytes("s3://from-env/k") == b"v"


def test_unreachable_s3_is_backend_unavailable(aws_credentials):
    from jupyterlab_mlstudio.objects.s3 import S3ObjectStore as Store

    store = Store(S3Settings(endpoint_url="http://127.0.0.1:9"))
    store.client.meta.config.retries = {"max_attempts": 1}
    with pytest.raises(BackendUnavailable):
        store.get_bytes("s3://bucket/key")


def test_unknown_scheme_has_no_store(local):
    with pytest.raises(InvalidInput, match="no object store for s3"):
        local.get_bytes("s3://bucket/key")


KEYS = ["a-b", "a/b", "a/c/d", "a0", "b", "é", "z%25"]


def test_every_store_lists_in_s3_key_order_and_resumes_after_a_key(stores):
    root = stores.default_root
    for key in KEYS:
        stores.put_bytes(f"{root}/list/{key}", key.encode())
    listed = [info.uri[len(f"{root}/list/") :] for info in stores.list(f"{root}/list/")]
    assert listed == sorted(KEYS)  # S3's order: "a-b" < "a/b" < "a0"
    after = [info.uri for info in stores.list(f"{root}/list/", f"{root}/list/a/b")]
    assert after == [f"{root}/list/{key}" for key in sorted(KEYS) if key > "a/b"]
    assert [info.uri for info in stores.list(f"{root}/list/", f"{root}/list/é")] == []


def test_every_store_reads_ranges_copies_and_composes(stores):
    root = stores.default_root
    stores.put_bytes(f"{root}/one", b"0123456789")
    stores.put_bytes(f"{root}/two", b"abc")
    with stores.open_range(f"{root}/one", 2, 5) as stream:
        assert stream.read() == b"2345"
    store = stores.store_for(root)
    assert store.copy(f"{root}/one", f"{root}/copy") == 10
    assert store.compose(f"{root}/joined", [f"{root}/one", f"{root}/two", f"{root}/one"]) == 23
    assert stores.get_bytes(f"{root}/joined") == b"0123456789abc0123456789"
    with pytest.raises(NotFound):
        store.compose(f"{root}/never", [f"{root}/missing"])
    assert not [info for info in stores.list(f"{root}/never")]
