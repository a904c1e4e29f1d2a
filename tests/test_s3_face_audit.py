"""The S3 face writes the audit log as the other faces do: buckets and objects made or removed,
and writes a role refused; reads are not recorded, nor is any secret."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from botocore.exceptions import ClientError

from .aws_helpers import in_thread
from .domain_helpers import client
from .s3face_helpers import face_client, url_of
from .s3face_helpers import plain_base_url as plain_base_url  # S3's clients need a plain base
from .team_helpers import call, make_team, team_config

AUDIT = ("mlstudio", "api", "v1", "audit-events")


@pytest.fixture
def jp_server_config(jp_server_config: dict[str, Any]) -> dict[str, Any]:
    jp_server_config["ServerApp"].update(team_config())
    return jp_server_config


async def s3_entries(jp_fetch: Any, token: str, count: int) -> list[dict[str, Any]]:
    """The S3 face's entries once there are ``count`` (recorded just after each answer)."""
    deadline = time.monotonic() + 10
    while True:
        status, body = await call(jp_fetch, token, "GET", *AUDIT, face="s3", max_items=100)
        assert status == 200, body
        if len(body["events"]) >= count or time.monotonic() > deadline:
            return list(body["events"])
        await asyncio.sleep(0.1)


async def test_s3_writes_and_refusals_are_in_the_audit_log(
    jp_fetch, jp_http_port, jp_base_url, jp_serverapp
):
    token = jp_serverapp.identity_provider.token
    team = await make_team(
        client("sagemaker", jp_http_port, jp_base_url, "tester", token),
        client("iam", jp_http_port, jp_base_url, "tester", token),
    )
    url = url_of(jp_http_port, jp_base_url)
    mia = face_client(url, team["mia"].secret, key=team["mia"].key)
    vic = face_client(url, team["vic"].secret, key=team["vic"].key)

    # When Mia makes a bucket, writes, reads, copies and deletes objects
    await in_thread(mia.create_bucket, Bucket="team-data")
    await in_thread(mia.put_object, Bucket="team-data", Key="raw/a.csv", Body=b"x,y\n1,2\n")
    await in_thread(mia.get_object, Bucket="team-data", Key="raw/a.csv")
    await in_thread(mia.list_objects_v2, Bucket="team-data")
    await in_thread(
        mia.copy_object,
        Bucket="team-data",
        Key="raw/b.csv",
        CopySource={"Bucket": "team-data", "Key": "raw/a.csv"},
    )
    await in_thread(mia.delete_object, Bucket="team-data", Key="raw/a.csv")
    # And Vic, a viewer, tries to write
    with pytest.raises(ClientError) as refused:
        await in_thread(vic.put_object, Bucket="team-data", Key="raw/c.csv", Body=b"no")
    assert refused.value.response["Error"]["Code"] == "AccessDenied"

    # Then the admin reads the changes and the refusal, not the reads
    events = await s3_entries(jp_fetch, token, 5)
    seen = [
        (e["owner"], e["action"], e["operation"], e["resource_type"], e["resource_name"])
        for e in events
    ]
    assert sorted(seen) == sorted(
        [
            ("mia", "create", "CreateBucket", "Bucket", "team-data"),
            ("mia", "create", "PutObject", "Object", "team-data/raw/a.csv"),
            ("mia", "create", "CopyObject", "Object", "team-data/raw/b.csv"),
            ("mia", "delete", "DeleteObject", "Object", "team-data/raw/a.csv"),
            ("vic", "create", "PutObject", "Object", "team-data/raw/c.csv"),
        ]
    )
    outcomes = {e["owner"]: e["outcome"] for e in events}
    assert outcomes == {"mia": "succeeded", "vic": "denied"}
    assert all(e["face"] == "s3" and e["detail"] == {"Bucket": "team-data"} for e in events)
    assert team["mia"].secret not in str(events) and token not in str(events)
