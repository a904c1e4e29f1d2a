"""The audit log: who created, stopped, deployed, shared or deleted what, when, through which
face; read by admins through REST, paged and filtered; never a secret in it."""

from __future__ import annotations

import asyncio
import io
import json
import tarfile
import time
from typing import Any

import pytest
from sqlalchemy import select

from jupyterlab_mlstudio.access.orm import AuditRecord

from .aws_helpers import in_thread
from .domain_helpers import client, error_of
from .team_helpers import aws, call, make_team, team_config

AUDIT = ("mlstudio", "api", "v1", "audit-events")


@pytest.fixture
def jp_server_config(jp_server_config: dict[str, Any]) -> dict[str, Any]:
    jp_server_config["ServerApp"].update(team_config())
    return jp_server_config


@pytest.fixture
def admin(jp_fetch, jp_http_port, jp_base_url, jp_serverapp) -> Any:
    token = jp_serverapp.identity_provider.token
    return lambda service: client(service, jp_http_port, jp_base_url, "tester", token)


async def entries(jp_fetch, token: str, count: int, **params: Any) -> list[dict[str, Any]]:
    """The audit log's newest entries once it holds ``count`` matching ``params`` (REST
    changes are recorded just after their answer), waiting up to 10 s."""
    deadline = time.monotonic() + 10
    while True:
        status, body = await call(jp_fetch, token, "GET", *AUDIT, max_items=100, **params)
        assert status == 200, body
        if len(body["events"]) >= count or time.monotonic() > deadline:
            return list(body["events"])
        await asyncio.sleep(0.1)


async def test_changes_on_every_face_are_recorded_for_admins_and_never_a_secret(
    admin, jp_fetch, jp_http_port, jp_base_url, jp_serverapp, services, jp_root_dir
):
    team = await make_team(admin("sagemaker"), admin("iam"))
    admin_token = jp_serverapp.identity_provider.token
    mia, vic = team["mia"], team["vic"]
    # The team's set-up is in the log: profiles, their keys, the shared space
    made = await entries(jp_fetch, admin_token, 7, face="aws")
    actions = {(e["action"], e["resource_type"], e["resource_name"]) for e in made}
    assert ("create", "UserProfile", "mia") in actions
    assert ("create", "AccessKey", "mia") in actions
    assert ("share", "Space", "team") in actions

    # When Mia makes a model (AWS), an experiment (REST) and a run she then deletes (MLflow)
    path = jp_root_dir / "model.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        info = tarfile.TarInfo("model.json")
        info.size = 2
        tar.addfile(info, io.BytesIO(b"{}"))
    sagemaker = aws(mia, "sagemaker", jp_http_port, jp_base_url)
    await in_thread(
        sagemaker.create_model,
        ModelName="audited",
        ExecutionRoleArn="arn:aws:iam::000000000000:role/mlstudio",
        PrimaryContainer={"Image": "default", "ModelDataUrl": f"file://{path}"},
    )
    status, experiment = await call(
        jp_fetch, mia.token, "POST", "mlstudio", "api", "v1", "experiments", body={"name": "e1"}
    )
    assert status == 201
    mlflow = ("mlstudio", "mlflow", "api", "2.0", "mlflow")
    _, run = await call(
        jp_fetch,
        mia.token,
        "POST",
        *mlflow,
        "runs",
        "create",
        body={"experiment_id": experiment["experiment_id"]},
    )
    run_id = run["run"]["info"]["run_id"]
    await call(jp_fetch, mia.token, "POST", *mlflow, "runs", "delete", body={"run_id": run_id})
    await in_thread(sagemaker.delete_model, ModelName="audited")
    # And Vic (a viewer) tries to start a training job
    code, _ = await error_of(
        aws(vic, "sagemaker", jp_http_port, jp_base_url).create_training_job,
        TrainingJobName="sneaky",
    )
    assert code == "AccessDeniedException"

    # Then the admin reads who did what, through which face, newest first
    mine = await entries(jp_fetch, admin_token, 5, owner="mia")
    seen = [(e["face"], e["action"], e["resource_type"], e["resource_name"]) for e in mine]
    assert ("aws", "create", "Model", "audited") in seen
    assert ("aws", "delete", "Model", "audited") in seen
    assert ("rest", "create", "experiments", "e1") in seen
    assert ("mlflow", "create", "runs", experiment["experiment_id"]) in seen
    assert ("mlflow", "delete", "runs", run_id) in seen
    assert all(e["outcome"] == "succeeded" and e["space"] == "mia-private" for e in mine)
    times = [e["time"] for e in mine]
    assert times == sorted(times, reverse=True)
    denied = await entries(jp_fetch, admin_token, 1, owner="vic")
    assert [(e["operation"], e["outcome"], e["resource_name"]) for e in denied] == [
        ("CreateTrainingJob", "denied", "sneaky")
    ]

    # And filters and pages work as the OpenAPI document says
    status, body = await call(jp_fetch, admin_token, "GET", *AUDIT, owner="mia", max_items=2)
    assert status == 200 and len(body["events"]) == 2 and body["next_token"]
    status, more = await call(
        jp_fetch,
        admin_token,
        "GET",
        *AUDIT,
        owner="mia",
        max_items=2,
        next_token=body["next_token"],
    )
    assert status == 200
    assert body["events"] + more["events"] == mine[:4]
    status, bad = await call(jp_fetch, admin_token, "GET", *AUDIT, face="telnet")
    assert status == 400 and bad["field"] == "face"
    status, _ = await call(jp_fetch, admin_token, "GET", *AUDIT, next_token="forged")
    assert status == 400

    # And no secret is anywhere in the log
    with services.database.session() as session:
        rows = session.scalars(select(AuditRecord)).all()
        text = json.dumps([[r.operation, r.resource_name, r.detail, r.resource_type] for r in rows])
    for person in team.values():
        assert person.secret not in text
        assert person.token not in text
    assert admin_token not in text


async def test_a_single_user_server_is_its_users_admin_with_an_audit_log(api, jp_fetch):
    # Given a plain single-user server (Jupyter's token login, no team)
    status, made = await api("POST", "experiments", {"name": "solo"})
    assert status == 201
    # Then its user reads the audit log, which has their change
    deadline = time.monotonic() + 10
    while True:
        status, body = await api("GET", "audit-events")
        assert status == 200, body
        if body["events"] or time.monotonic() > deadline:
            break
        await asyncio.sleep(0.1)
    assert [(e["action"], e["resource_name"], e["face"]) for e in body["events"]] == [
        ("create", "solo", "rest")
    ]
    # And sees what they made
    status, got = await api("GET", f"experiments/{made['experiment_id']}")
    assert status == 200 and got["name"] == "solo"
