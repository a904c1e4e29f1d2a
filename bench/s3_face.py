"""The S3 face's memory and speed with a large object, side by side with moto's S3 server.

    python bench/s3_face.py [--size-mib 2048] [--work /tmp/s3-face-bench]

Starts a Jupyter server with ML Studio (embedded file:// store) and moto's ``ThreadedMotoServer``
(the S3 server the tests use), each in its own process on 127.0.0.1. Against each, boto3 with its
default transfer settings (8 MB parts, 10 threads) uploads a file of ``--size-mib`` MiB with
``upload_file`` and downloads it again with ``download_file`` (ranged GETs), then checks the
download is the same bytes. Printed per server: the increase of the server process's peak
resident memory over its resident memory before the transfer (Linux's VmHWM, reset before each
transfer through /proc/<pid>/clear_refs), and the throughput of each direction.

Not part of CI: it needs about 3 x size of free disk and, for moto, size of free memory.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import boto3
from botocore.config import Config
from tracking import TOKEN, free_port, start_ours, wait_until_up

MIB = 1024 * 1024
MOTO = """
import sys, threading
from moto.server import ThreadedMotoServer
server = ThreadedMotoServer(ip_address="127.0.0.1", port=int(sys.argv[1]), verbose=False)
server.start()
threading.Event().wait()
"""


def start_face(work: Path) -> tuple[subprocess.Popen[bytes], str]:
    server, url = start_ours(work)  # the same Jupyter server as the tracking bench
    return server, f"{url}/mlstudio/s3"


def start_moto(work: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    with open(work / "moto.log", "wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-c", MOTO, str(port)], stdout=subprocess.DEVNULL, stderr=log
        )
    url = f"http://127.0.0.1:{port}"
    wait_until_up(f"{url}/", {}, "moto", work / "moto.log")
    return server, url


def memory_kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} for {pid}")


def reset_peak(pid: int) -> None:
    # "5" resets the peak resident set size to the current one (Linux 4.0+).
    Path(f"/proc/{pid}/clear_refs").write_text("5")


def measured(pid: int, action: Any) -> tuple[float, float]:
    """(seconds, MiB of peak resident memory above the start) of ``action`` in ``pid``."""
    reset_peak(pid)
    before = memory_kib(pid, "VmRSS")
    started = time.perf_counter()
    action()
    seconds = time.perf_counter() - started
    return seconds, (memory_kib(pid, "VmHWM") - before) / 1024


def client(url: str, secret: str) -> Any:
    return boto3.client(
        "s3",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id="bench",
        aws_secret_access_key=secret,
        config=Config(s3={"addressing_style": "path"}, read_timeout=600),
    )


def make_source(path: Path, size: int) -> str:
    digest = hashlib.sha256()
    block = os.urandom(64 * MIB)
    with open(path, "wb") as target:
        left = size
        while left:
            piece = block[: min(left, len(block))]
            target.write(piece)
            digest.update(piece)
            left -= len(piece)
    return digest.hexdigest()


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        while chunk := source.read(8 * MIB):
            digest.update(chunk)
    return digest.hexdigest()


def run(
    name: str, server: subprocess.Popen[bytes], s3: Any, source: Path, expected: str
) -> dict[str, float]:
    size = source.stat().st_size
    s3.create_bucket(Bucket="bench")
    up, up_peak = measured(server.pid, lambda: s3.upload_file(str(source), "bench", "big.bin"))
    target = source.with_name(f"{name}.down")
    down, down_peak = measured(
        server.pid, lambda: s3.download_file("bench", "big.bin", str(target))
    )
    if file_digest(target) != expected:
        raise SystemExit(f"{name}: the downloaded object differs from the uploaded one")
    target.unlink()
    return {
        "upload MiB/s": size / MIB / up,
        "download MiB/s": size / MIB / down,
        "peak RSS increase, upload (MiB)": up_peak,
        "peak RSS increase, download (MiB)": down_peak,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mib", type=int, default=2048)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="s3-face-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    source = work / "source.bin"
    print(f"making a {args.size_mib} MiB file in {work} ...", flush=True)
    expected = make_source(source, args.size_mib * MIB)
    results = {}
    try:
        for name, start, secret in (
            ("ML Studio S3 face", start_face, TOKEN),
            ("moto", start_moto, "x"),
        ):
            server, url = start(work)
            try:
                print(f"{name}: uploading and downloading ...", flush=True)
                results[name] = run(name.split()[0], server, client(url, secret), source, expected)
            finally:
                server.terminate()
                server.wait(timeout=60)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    names = list(results)
    print(
        f"\n{args.size_mib} MiB object, boto3 upload_file / download_file (8 MB parts, 10 threads)"
    )
    print(f"{'':36}" + "".join(f"{name:>20}" for name in names))
    for metric in results[names[0]]:
        print(f"{metric:36}" + "".join(f"{results[name][metric]:>20.1f}" for name in names))


if __name__ == "__main__":
    main()
