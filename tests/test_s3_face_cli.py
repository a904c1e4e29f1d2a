"""The AWS CLI (from PyPI, in the test environment) against the S3 face: ``aws s3 mb``, ``cp``
(multipart above 8 MB), ``ls``, ``sync`` both ways, ``rm`` and ``rb``."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .aws_helpers import in_thread
from .s3face_helpers import (
    MIB,
    pattern,
    plain_base_url,  # noqa: F401  (fixtures)
    url_of,
)

AWS = Path(sys.executable).parent / "aws"
pytestmark = pytest.mark.skipif(not AWS.exists(), reason="the AWS CLI is not installed")


@pytest.fixture
def cli(jp_fetch, jp_http_port, jp_base_url, jp_serverapp, tmp_path):
    """Runs ``aws <args>`` against the face; returns its standard output."""
    config = tmp_path / "aws-config"
    config.write_text("[default]\nregion = us-east-1\ns3 =\n    addressing_style = path\n")
    environment = {key: value for key, value in os.environ.items() if not key.startswith("AWS_")}
    environment.update(
        AWS_ACCESS_KEY_ID="tester",
        AWS_SECRET_ACCESS_KEY=jp_serverapp.identity_provider.token,
        AWS_CONFIG_FILE=str(config),
        AWS_SHARED_CREDENTIALS_FILE=os.devnull,
    )
    endpoint = url_of(jp_http_port, jp_base_url)

    async def run(*args: str) -> str:
        done = await in_thread(
            subprocess.run,
            [str(AWS), "--endpoint-url", endpoint, *args],
            env=environment,
            capture_output=True,
            text=True,
            timeout=240,
        )
        assert done.returncode == 0, f"aws {' '.join(args)}: {done.stderr or done.stdout}"
        return done.stdout

    return run


def tree(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


async def test_the_aws_cli_copies_lists_syncs_and_removes(cli, tmp_path):
    await cli("s3", "mb", "s3://cli")
    assert "cli" in await cli("s3", "ls")

    small = tmp_path / "small.txt"
    small.write_text("hello from the CLI\n")
    big = tmp_path / "big.bin"
    big.write_bytes(pattern(18 * MIB + 3, seed=5))
    await cli("s3", "cp", str(small), "s3://cli/files/small.txt")
    await cli("s3", "cp", str(big), "s3://cli/files/big.bin")  # multipart
    listing = await cli("s3", "ls", "s3://cli/")
    assert "PRE files/" in listing
    recursive = await cli("s3", "ls", "--recursive", "s3://cli/")
    assert "files/small.txt" in recursive and "files/big.bin" in recursive
    assert str(big.stat().st_size) in recursive
    assert await cli("s3", "cp", "s3://cli/files/small.txt", "-") == "hello from the CLI\n"
    back = tmp_path / "back.bin"
    await cli("s3", "cp", "s3://cli/files/big.bin", str(back))
    assert back.read_bytes() == big.read_bytes()

    source = tmp_path / "source"
    for relative, size in (("a.txt", 10), ("sub/b.bin", 200_000), ("sub/deeper/c.txt", 3)):
        path = source / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pattern(size, seed=size))
    uploaded = await cli("s3", "sync", str(source), "s3://cli/synced/")
    assert uploaded.count("upload:") == 3
    assert "upload:" not in await cli("s3", "sync", str(source), "s3://cli/synced/")
    target = tmp_path / "target"
    await cli("s3", "sync", "s3://cli/synced/", str(target))
    assert tree(target) == tree(source)

    await cli("s3", "rm", "--recursive", "s3://cli/")
    assert (await cli("s3", "ls", "--recursive", "s3://cli/")).strip() == ""
    await cli("s3", "rb", "s3://cli")
    assert "cli" not in await cli("s3", "ls")
