"""Log ingestion: a job's output is stored in batches on a thread of its own, so a job that
printed 50 MB ends with its process while the tail is still being stored, and every line is
stored exactly once and in order, whatever fails or restarts in between."""

from __future__ import annotations

import contextlib
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import boto3
import pytest
import requests

from jupyterlab_mlstudio.core.context import RequestContext
from jupyterlab_mlstudio.logs import blocks
from jupyterlab_mlstudio.logs.ingest import LogFeed, LogIngest
from jupyterlab_mlstudio.logs.service import LogService
from jupyterlab_mlstudio.runtime.base import LogRead
from jupyterlab_mlstudio.store import Database

from .aws_helpers import aws_url, in_thread, sagemaker_client
from .test_process_isolation import _wait_for
from .test_restart import _free_port, _start
from .training_helpers import job_request, make_bucket, upload_code, wait_for_end

BUCKET = "ingest"
#: Prints LINES numbered lines of about 100 bytes as fast as it can, then notes when it ended.
FLOOD = """
import sys, time
pad = "x" * 88
out = sys.stdout
for i in range({lines}):
    out.write(f"line {{i:07d}} {{pad}}\\n")
out.flush()
open({ended!r}, "w").write(repr(time.time()))
"""


def _stored_in_order(database: Path, stream_part: str) -> tuple[int, int]:
    """(lines stored, lines whose number differs from their place) in the job's stream."""
    with contextlib.closing(sqlite3.connect(database)) as connection:
        (stream,) = connection.execute(
            "SELECT id FROM log_streams WHERE name LIKE ?", (f"%{stream_part}%",)
        ).fetchone()
        rows = connection.execute(
            "SELECT first_seq, timestamps, lengths, messages FROM log_blocks "
            "WHERE stream_id = ? ORDER BY first_seq",
            (stream,),
        ).fetchall()
    stored = misplaced = 0
    for row in rows:
        for seq, _stamp, message in blocks.decode(*row):
            stored += 1
            misplaced += int(message[5:12]) != seq
    return stored, misplaced


# -- the ingest itself ---------------------------------------------------------------------


@pytest.fixture
def store(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'logs.db'}")
    database.upgrade()
    yield LogService(database)
    database.dispose()


def _feed(lines: list[tuple[int, str]], service: LogService, fail_at: set[int], cursor=None):
    """A feed over ``lines`` whose store fails once at each batch start in ``fail_at``."""
    context = RequestContext(owner="me", domain="d", space="s")

    def read(position, limit):
        start = int(position or 0)
        chunk = lines[start : start + limit]
        return LogRead(lines=chunk, cursor=start + len(chunk))

    def store(batch, after):
        if after - len(batch) in fail_at:
            fail_at.discard(after - len(batch))
            raise OSError("the disk said no, once")
        with service.database.session() as session:
            service.append(session, context, "group", "stream", batch)
        cursors[0] = after  # once the lines are committed, as a runner's record keeps it

    cursors = [cursor]
    return LogFeed(name="feed", read=read, store=store, cursor=cursor), cursors, context


def test_a_failing_store_is_retried_and_a_new_ingest_resumes_after_the_last_stored_line(store):
    # Given 50,000 lines, and a store that fails once at the second batch
    lines = [(1_000 + index, f"line {index:07d}") for index in range(50_000)]
    feed, cursors, context = _feed(lines, store, fail_at={10_000})
    ingest = LogIngest(batch_lines=10_000)
    ingest.follow(feed)
    # When the ingest is closed after some batches (a server going away) ...
    _wait_for(lambda: (cursors[0] or 0) >= 20_000, 60, "two batches")
    ingest.close()
    # ... and a new one resumes from the stored cursor until the feed has ended
    resumed, cursors, _ = _feed(lines, store, fail_at=set(), cursor=cursors[0])
    resumed.end()
    second = LogIngest(batch_lines=10_000)
    second.follow(resumed)
    assert resumed.drained.wait(60)
    second.close()
    # Then every line is stored once, in order
    assert store.count(context, "group", "stream") == 50_000
    assert _stored_in_order(Path(store.database.url.database), "stream") == (50_000, 0)
    page = store.events(context, "group", "stream", start_from_head=True, limit=2)
    assert [event.message for event in page.events] == ["line 0000000", "line 0000001"]


# -- through a job -------------------------------------------------------------------------


@pytest.fixture
def mlstudio_config(s3_endpoint, aws_credentials):
    return {"s3_endpoint_url": s3_endpoint}


async def test_a_job_printing_50_mb_ends_within_5_s_of_its_process_with_every_line_stored(
    jp_fetch, jp_http_port, jp_base_url, jp_serverapp, s3_endpoint, tmp_path
):
    # Given a script that prints 500,000 lines of 100 bytes (50 MB) as fast as it can
    make_bucket(s3_endpoint, BUCKET)
    ended = tmp_path / "ended"
    code = FLOOD.format(lines=500_000, ended=str(ended))
    uri = upload_code(s3_endpoint, BUCKET, "code/flood/sourcedir.tar.gz", {"train.py": code})
    sagemaker = sagemaker_client(
        aws_url(jp_http_port, jp_base_url), jp_serverapp.identity_provider.token
    )
    # When it runs as a training job
    request = job_request("flood", code_uri=uri, output=f"s3://{BUCKET}/output")
    await in_thread(sagemaker.create_training_job, **request)
    description = await in_thread(wait_for_end, sagemaker, "flood", 300)
    seen_ended = time.time()
    # Then the job completed within 5 s of its process's end
    assert description["TrainingJobStatus"] == "Completed", description.get("FailureReason")
    assert seen_ended - float(ended.read_text()) <= 5.0
    # And every line is stored once, in order
    services = jp_serverapp.web_app.settings["mlstudio.services"]
    database = Path(services.database.url.database)
    stored = await in_thread(
        _wait_for,
        lambda: _stored_in_order(database, "flood")[0] == 500_000,
        120,
        "every line stored",
    )
    assert stored
    assert _stored_in_order(database, "flood") == (500_000, 0)


def test_a_server_killed_while_storing_a_jobs_tail_stores_the_rest_once_after_restart(tmp_path):
    # Given a server running a job that prints 300,000 lines at once
    port, token = _free_port(), "ingest-token"
    code = tmp_path / "code"
    code.mkdir()
    (code / "train.py").write_text(FLOOD.format(lines=300_000, ended=str(tmp_path / "ended")))
    server = _start(tmp_path, port, token)
    database = tmp_path / "mlstudio" / "mlstudio.db"
    try:
        sagemaker = boto3.client(
            "sagemaker",
            endpoint_url=f"http://127.0.0.1:{port}/mlstudio/aws",
            region_name="us-east-1",
            aws_access_key_id="me",
            aws_secret_access_key=token,
        )
        request = job_request("killed-mid-store", code_uri=None, output=f"file://{tmp_path}/out")
        request["HyperParameters"] = {
            "sagemaker_program": "train.py",
            "sagemaker_submit_directory": f"file://{code}",
        }
        sagemaker.create_training_job(**request)
        # When the server is killed with SIGKILL once some lines, not all, are stored
        _wait_for(lambda: database.exists() and _stored_or_zero(database) >= 20_000, 120, "a batch")
        server.send_signal(signal.SIGKILL)
        server.wait(10)
        assert _stored_or_zero(database) < 300_000, "stored before the kill: nothing to test"
        # Then a new server on the same data stores the rest
        server = _start(tmp_path, port, token)
        description = wait_for_end(sagemaker, "killed-mid-store", 120)
        assert description["TrainingJobStatus"] == "Completed", description.get("FailureReason")
        headers = {"Authorization": f"token {token}"}
        logs = f"http://127.0.0.1:{port}/mlstudio/api/v1/training-jobs/killed-mid-store/logs"
        _wait_for(
            lambda: requests.get(logs, headers=headers, timeout=10).json()["total"] >= 300_000,
            120,
            "the rest stored",
        )
        # And every line is there exactly once, in order
        assert _stored_in_order(database, "killed-mid-store") == (300_000, 0)
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()


def _stored_or_zero(database: Path) -> int:
    try:
        return _stored_in_order(database, "killed-mid-store")[0]
    except (sqlite3.Error, TypeError):
        return 0
