"""The object store's additions for the S3 face: ranged reads, listing after a key in S3's key
order, copy and compose, buckets over a store (with key escaping on file systems and sidecar
metadata), and what s3:// URIs name on a server."""

from __future__ import annotations

import io
import os

import pytest

from jupyterlab_mlstudio.objects import LocalObjectStore, ObjectStores, S3Settings
from jupyterlab_mlstudio.objects.buckets import (
    BucketStore,
    KeyTooLong,
    NoSuchBucket,
    ObjectAttributes,
    decode_name,
    encode_key,
)
from jupyterlab_mlstudio.objects.wiring import build_object_stores

from .s3face_helpers import without_aws_configuration  # noqa: F401  (fixture)


def test_keys_a_file_system_cannot_hold_are_escaped_and_come_back():
    for key in ["x//y", "./dot", "../up", "dir/", "%41", ".name.part", "plain/path.txt"]:
        encoded = encode_key(key)
        assert "/".join(decode_name(name) for name in encoded.split("/")) == key
        assert all(name not in ("", ".", "..") for name in encoded.split("/"))
    assert encode_key("plain/path.txt") == "plain/path.txt"
    with pytest.raises(KeyTooLong):
        encode_key("n" * 300)


@pytest.fixture
def buckets(tmp_path):
    root = tmp_path / "objects"
    return BucketStore(LocalObjectStore([str(root)]), f"file://{root}/s3")


def test_an_object_changed_behind_the_stores_back_gets_a_fresh_etag(buckets):
    buckets.create_bucket("data", "me")
    meta = buckets.put(
        "data", "k", io.BytesIO(b"first"), ObjectAttributes(content_type="text/plain")
    )
    assert buckets.stat("data", "k").etag == meta.etag
    path = buckets.backing.path_for(buckets.object_uri("data", "k"))
    path.write_bytes(b"changed!")
    os.utime(path, (1_000_000, 1_000_000))
    fresh = buckets.stat("data", "k")
    assert fresh.etag != meta.etag and fresh.etag.endswith('-1"')
    assert (fresh.size, fresh.content_type) == (8, "binary/octet-stream")


def test_deleting_an_object_removes_its_empty_folders_but_not_the_bucket(buckets):
    buckets.create_bucket("tidy", "me")
    buckets.put("tidy", "a/b/c", io.BytesIO(b"x"), ObjectAttributes())
    buckets.remove("tidy", "a/b/c")
    folder = buckets.backing.path_for(f"{buckets.root}/tidy")
    assert folder.is_dir() and not any(folder.iterdir())
    buckets.put("tidy", "a", io.BytesIO(b"a file where a folder was"), ObjectAttributes())


def test_s3_uris_name_the_buckets_through_the_router(buckets, tmp_path):
    routed = ObjectStores([buckets.backing, buckets], f"file://{tmp_path}/objects")
    with pytest.raises(NoSuchBucket):
        routed.put_bytes("s3://nowhere/k", b"x")
    buckets.create_bucket("models", "me")
    routed.put_bytes("s3://models/run/model.bin", b"weights")
    routed.put_bytes("s3://models/run/extra/notes.txt", b"notes")
    assert routed.head("s3://models/run/model.bin").size == 7
    assert routed.download_prefix("s3://models/run/", tmp_path / "down") == 2
    assert (tmp_path / "down" / "extra" / "notes.txt").read_bytes() == b"notes"
    assert [key for key, _ in buckets.entries("models")] == [
        "run/extra/notes.txt",
        "run/model.bin",
    ]


def decide(tmp_path, root=None, s3_uris="auto", **settings):
    return build_object_stores(
        root=root or f"file://{tmp_path}/objects",
        allowed_file_roots=[str(tmp_path)],
        s3_settings=S3Settings(**settings),
        s3_uris=s3_uris,
    )


def test_s3_uris_name_the_face_only_where_no_s3_is_configured(no_aws_configuration, tmp_path):
    clean_aws = no_aws_configuration
    assert decide(tmp_path).s3_uris == "face"
    assert decide(tmp_path, endpoint_url="http://127.0.0.1:9000").s3_uris == "s3"
    assert decide(tmp_path, root="s3://bucket/prefix").s3_uris == "s3"
    assert decide(tmp_path, s3_uris="s3").s3_uris == "s3"
    clean_aws.setenv("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000")
    assert decide(tmp_path).s3_uris == "s3"
    clean_aws.delenv("AWS_ENDPOINT_URL_S3")
    clean_aws.setenv("AWS_ACCESS_KEY_ID", "someone")
    clean_aws.setenv("AWS_SECRET_ACCESS_KEY", "secret")
    chosen = decide(tmp_path)
    assert (chosen.s3_uris, "credentials" in chosen.reason) == ("s3", True)
    assert decide(tmp_path, s3_uris="face").s3_uris == "face"
    with pytest.raises(ValueError, match="cannot be 'face'"):
        decide(tmp_path, root="s3://bucket/prefix", s3_uris="face")
