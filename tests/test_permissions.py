"""Roles and membership on every face: admins manage the domain, members work in their spaces,
viewers read; a record of a space the caller is no member of is missing on REST, the AWS face
and the MLflow face alike, answered exactly as a record that does not exist."""

from __future__ import annotations

import io
import tarfile
from typing import Any

import pytest

from jupyterlab_mlstudio.core.context import RequestContext

from .aws_helpers import in_thread
from .domain_helpers import client, error_of
from .team_helpers import aws, call, make_team, team_config

ROLE = "arn:aws:iam::000000000000:role/mlstudio"


@pytest.fixture
def jp_server_config(jp_server_config: dict[str, Any]) -> dict[str, Any]:
    jp_server_config["ServerApp"].update(team_config())
    return jp_server_config


@pytest.fixture
def admin(jp_fetch, jp_http_port, jp_base_url, jp_serverapp) -> Any:
    """Clients signed with the server's own key: its user is the one-person domain's admin."""
    token = jp_serverapp.identity_provider.token
    return lambda service: client(service, jp_http_port, jp_base_url, "tester", token)


@pytest.fixture
def as_person(jp_http_port, jp_base_url) -> Any:
    return lambda person, service: aws(person, service, jp_http_port, jp_base_url)


@pytest.fixture
def model_data(jp_root_dir) -> str:
    """A model.tar.gz on local disk (what CreateModel's ModelDataUrl names)."""
    path = jp_root_dir / "model.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        data = b"{}"
        info = tarfile.TarInfo("model.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return f"file://{path}"


def model_params(name: str, uri: str) -> dict[str, Any]:
    return {
        "ModelName": name,
        "ExecutionRoleArn": ROLE,
        "PrimaryContainer": {"Image": "default", "ModelDataUrl": uri},
    }


# -- the AWS face ---------------------------------------------------------------------------


async def test_the_roles_allow_on_the_aws_face_what_they_say(admin, as_person, model_data):
    team = await make_team(admin("sagemaker"), admin("iam"))
    mia, vic = team["mia"], team["vic"]
    denied = "AccessDeniedException"

    # Everyone reads
    for person in (mia, vic):
        await in_thread(as_person(person, "sagemaker").list_models)
        await in_thread(as_person(person, "sagemaker").list_training_jobs)

    # A viewer starts nothing: no job, tuning job, endpoint, app; makes no model
    viewer = as_person(vic, "sagemaker")
    for operation in (
        viewer.create_training_job,
        viewer.create_hyper_parameter_tuning_job,
        viewer.create_processing_job,
        viewer.create_transform_job,
        viewer.create_endpoint,
        viewer.create_app,
        viewer.create_model,
        viewer.create_space,
    ):
        code, message = await error_of(operation)
        assert code == denied, operation
        assert "vic" in message
    code, _ = await error_of(viewer.stop_training_job, TrainingJobName="any")
    assert code == denied

    # A member works in their spaces but does not manage the domain
    member = as_person(mia, "sagemaker")
    await in_thread(member.create_model, **model_params("mias-model", model_data))
    await in_thread(
        member.create_space,
        DomainId="d-default",
        SpaceName="mias-corner",
        OwnershipSettings={"OwnerUserProfileName": "mia"},
        SpaceSharingSettings={"SharingType": "Private"},
    )
    for operation, params in (
        (member.create_user_profile, {"DomainId": "d-default", "UserProfileName": "eve"}),
        (member.delete_user_profile, {"DomainId": "d-default", "UserProfileName": "ola"}),
        (member.create_domain, {"DomainName": "mine", "AuthMode": "IAM"}),
        (member.update_domain, {"DomainId": "d-default"}),
    ):
        code, _ = await error_of(operation, **params)
        assert code == denied, operation

    # The admin manages the domain
    await in_thread(
        admin("sagemaker").create_user_profile, DomainId="d-default", UserProfileName="eve"
    )
    await in_thread(
        admin("sagemaker").delete_user_profile, DomainId="d-default", UserProfileName="eve"
    )


async def test_records_of_other_spaces_are_missing_on_the_aws_face(admin, as_person, model_data):
    team = await make_team(admin("sagemaker"), admin("iam"))
    mia, ola, vic = (as_person(team[name], "sagemaker") for name in ("mia", "ola", "vic"))
    # Given a model in Mia's private space and one in the admin's
    await in_thread(mia.create_model, **model_params("mias", model_data))
    await in_thread(admin("sagemaker").create_model, **model_params("admins", model_data))

    # Then Mia sees hers and not the admin's; Ola and Vic see neither of them
    assert [m["ModelName"] for m in (await in_thread(mia.list_models))["Models"]] == ["mias"]
    for other in (ola, vic):
        assert (await in_thread(other.list_models))["Models"] == []
    assert (await in_thread(mia.describe_model, ModelName="mias"))["ModelName"] == "mias"

    # And a read or a write of another space's model answers as for a model that never was
    missing = await error_of(ola.describe_model, ModelName="never-was")
    for caller, name in ((ola, "mias"), (vic, "mias"), (mia, "admins")):
        code, message = await error_of(caller.describe_model, ModelName=name)
        assert code == missing[0]
        assert message == missing[1].replace("never-was", name)
    gone = await error_of(ola.delete_model, ModelName="never-was")
    code, _ = await error_of(ola.delete_model, ModelName="mias")
    assert code == gone[0]
    assert (await in_thread(mia.describe_model, ModelName="mias"))["ModelName"] == "mias"

    # And an endpoint configuration of Ola's cannot name Mia's model
    code, message = await error_of(
        ola.create_endpoint_config,
        EndpointConfigName="olas",
        ProductionVariants=[
            {
                "VariantName": "v",
                "ModelName": "mias",
                "InstanceType": "ml.m5.large",
                "InitialInstanceCount": 1,
            }
        ],
    )
    assert code in ("ValidationException", "ResourceNotFound") and "mias" in message


async def test_a_shared_space_shows_its_records_to_its_members_only(admin, services):
    await make_team(admin("sagemaker"), admin("iam"))
    # Given an experiment of the shared space "team" (mia and vic), made on the space's server
    made = await in_thread(
        services.experiments.create_experiment,
        RequestContext(owner="mia", space="team"),
        "team-experiment",
        None,
        {},
    )
    # Then its members see it on the MLflow face's search, Ola does not
    for name, sees in (("mia", True), ("vic", True), ("ola", False)):
        context = services.context_for(name)
        found = await in_thread(services.experiments.search_experiments, context, max_results=100)
        names = [experiment.name for experiment in found[0]]
        assert ("team-experiment" in names) is sees, name
    assert made.experiment_id


# -- REST and MLflow ------------------------------------------------------------------------


async def test_the_roles_allow_on_rest_and_mlflow_what_they_say(admin, jp_fetch):
    team = await make_team(admin("sagemaker"), admin("iam"))
    mia, vic = team["mia"], team["vic"]
    # Everyone reads
    for person in (mia, vic):
        status, _ = await call(
            jp_fetch, person.token, "GET", "mlstudio", "api", "v1", "experiments"
        )
        assert status == 200
        status, _ = await call(
            jp_fetch, person.token, "GET", "mlstudio", "api", "v1", "training-jobs"
        )
        assert status == 200

    # A viewer changes and starts nothing: no experiment, job, endpoint, kernel or terminal
    for parts in (
        ("mlstudio", "api", "v1", "experiments"),
        ("mlstudio", "api", "v1", "training-jobs"),
        ("mlstudio", "api", "v1", "endpoints"),
        ("mlstudio", "api", "v1", "tuning-jobs"),
        ("api", "kernels"),
        ("api", "terminals"),
    ):
        status, _ = await call(jp_fetch, vic.token, "POST", *parts, body={})
        assert status == 403, parts
    status, body = await call(
        jp_fetch,
        vic.token,
        "POST",
        "mlstudio",
        "mlflow",
        "api",
        "2.0",
        "mlflow",
        "experiments",
        "create",
        body={"name": "vics"},
    )
    assert status == 403 and body["error_code"] == "PERMISSION_DENIED"

    # A member makes an experiment on both faces
    status, made = await call(
        jp_fetch, mia.token, "POST", "mlstudio", "api", "v1", "experiments", body={"name": "mias"}
    )
    assert status == 201 and made["name"] == "mias"
    status, _ = await call(
        jp_fetch,
        mia.token,
        "POST",
        "mlstudio",
        "mlflow",
        "api",
        "2.0",
        "mlflow",
        "experiments",
        "create",
        body={"name": "mias-too"},
    )
    assert status == 200

    # Only an admin reads the audit log
    for person in (mia, vic):
        status, _ = await call(
            jp_fetch, person.token, "GET", "mlstudio", "api", "v1", "audit-events"
        )
        assert status == 403


async def test_records_of_other_spaces_are_missing_on_rest_and_mlflow(admin, jp_fetch):
    team = await make_team(admin("sagemaker"), admin("iam"))
    mia, ola = team["mia"], team["ola"]
    mlflow = ("mlstudio", "mlflow", "api", "2.0", "mlflow")
    # Given an experiment with a run in Mia's private space
    _, made = await call(
        jp_fetch, mia.token, "POST", *mlflow, "experiments", "create", body={"name": "private-work"}
    )
    experiment = made["experiment_id"]
    _, run = await call(
        jp_fetch, mia.token, "POST", *mlflow, "runs", "create", body={"experiment_id": experiment}
    )
    run_id = run["run"]["info"]["run_id"]

    # Then Mia reads both on both faces
    status, _ = await call(
        jp_fetch, mia.token, "GET", "mlstudio", "api", "v1", "experiments", experiment
    )
    assert status == 200
    status, _ = await call(jp_fetch, mia.token, "GET", *mlflow, "runs", "get", run_id=run_id)
    assert status == 200

    # And for Ola they answer as an experiment and a run that never were
    never_rest = await call(
        jp_fetch, ola.token, "GET", "mlstudio", "api", "v1", "experiments", "987654"
    )
    status, body = await call(
        jp_fetch, ola.token, "GET", "mlstudio", "api", "v1", "experiments", experiment
    )
    assert status == never_rest[0] == 404 and body["error"] == never_rest[1]["error"]
    never = await call(
        jp_fetch, ola.token, "GET", *mlflow, "experiments", "get", experiment_id="987654"
    )
    status, body = await call(
        jp_fetch, ola.token, "GET", *mlflow, "experiments", "get", experiment_id=experiment
    )
    assert status == never[0] == 404
    assert body["error_code"] == never[1]["error_code"] == "RESOURCE_DOES_NOT_EXIST"
    status, body = await call(jp_fetch, ola.token, "GET", *mlflow, "runs", "get", run_id=run_id)
    assert status == 404 and body["error_code"] == "RESOURCE_DOES_NOT_EXIST"
    status, body = await call(
        jp_fetch, ola.token, "POST", *mlflow, "runs", "delete", body={"run_id": run_id}
    )
    assert status == 404 and body["error_code"] == "RESOURCE_DOES_NOT_EXIST"
    status, body = await call(
        jp_fetch, ola.token, "POST", *mlflow, "experiments", "search", body={"max_results": 100}
    )
    assert "private-work" not in [e["name"] for e in body.get("experiments", [])]
    status, body = await call(jp_fetch, ola.token, "GET", "mlstudio", "api", "v1", "experiments")
    assert "private-work" not in [e["name"] for e in body["experiments"]]

    # And Mia's run is still there, untouched
    status, body = await call(jp_fetch, mia.token, "GET", *mlflow, "runs", "get", run_id=run_id)
    assert status == 200 and body["run"]["info"]["lifecycle_stage"] == "active"
