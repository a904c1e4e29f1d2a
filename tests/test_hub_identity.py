"""Identity and servers on a team's hub: a real JupyterHub (its proxy from npm) with the
project's configuration, on a real PostgreSQL store.

alice (a member) and admin (a hub admin) sign up and in; each gets a user profile on their
server's first start. Their own access keys and MLflow tokens sign boto3 and MLflow calls
until revoked; a kernel of alice's carries alice's identity; spaces' apps and notebook
instances are named servers of the hub; one-time login links work once and not after expiry.

The hub starts once for the module; the tests share it and its servers.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import boto3
import pytest
import requests
from botocore.config import Config as BotoConfig
from botocore.exceptions import ClientError
from sqlalchemy import create_engine, text

from tests.kernel_helpers import KernelSocket
from tests.test_hub import Hub, SignedIn, _wait_for, domain_store, hub  # noqa: F401

pytestmark = pytest.mark.timeout(600)

SPAWN_SECONDS = 240


@pytest.fixture(scope="module")
def people(hub: Hub) -> dict[str, SignedIn]:  # noqa: F811
    """alice (a member) and admin (the hub's admin), signed up and in, servers running."""
    found = {name: SignedIn(hub, name) for name in ("alice", "admin")}
    for person in found.values():
        person.sign_up_and_in()
    deadline = time.monotonic() + SPAWN_SECONDS
    for person in found.values():
        person.open_lab(deadline)
    return found


@pytest.fixture(scope="module")
def store(domain_store: str) -> Iterator[Any]:  # noqa: F811
    engine = create_engine(domain_store)
    try:
        yield engine
    finally:
        engine.dispose()


def _rows(store: Any, sql: str, **params: Any) -> list[Any]:
    with store.begin() as connection:
        return list(connection.execute(text(sql), params).all())


def _new_key(person: SignedIn) -> dict[str, Any]:
    answer = person.api("POST", "credentials/access-keys")
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


def _client(hub: Hub, person: str, key: dict[str, Any], service: str = "sagemaker") -> Any:  # noqa: F811
    """A boto3 client of ``person``'s server's AWS face (through the hub's proxy)."""
    return boto3.client(
        service,
        endpoint_url=f"{hub.url}/user/{person}/mlstudio/aws",
        region_name="us-east-1",
        aws_access_key_id=key["access_key_id"],
        aws_secret_access_key=key["secret_access_key"],
        config=BotoConfig(retries={"max_attempts": 1}),
    )


@pytest.fixture(scope="module")
def clients(hub: Hub, people: dict[str, SignedIn]) -> dict[str, Any]:  # noqa: F811
    """A SageMaker client each for alice and admin, signed with a key of their own."""
    return {name: _client(hub, name, _new_key(person)) for name, person in people.items()}


@pytest.fixture(scope="module")
def domain(people: dict[str, SignedIn]) -> str:
    return str(people["alice"].api("GET", "credentials").json()["domain"])


def _wait_status(describe: Callable[[], dict[str, Any]], field: str, wanted: set[str]) -> Any:
    def reached() -> Any:
        answer = describe()
        return answer if answer[field] in wanted else None

    return _wait_for(f"{field} in {wanted}", reached, time.monotonic() + SPAWN_SECONDS)


def _error(call: Callable[..., Any], **params: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as caught:
        call(**params)
    error = caught.value.response["Error"]
    return error["Code"], error["Message"]


def test_each_user_gets_a_profile_with_the_hubs_role_on_first_sign_in(people, store, domain):
    # Given alice and the hub's admin, signed in once each
    # Then each has a user profile in the domain, with the role the hub gives them and a
    # private space of their own
    roles = dict(
        _rows(
            store,
            "SELECT name, role FROM user_profiles WHERE domain = :domain",
            domain=domain,
        )
    )
    assert roles["alice"] == "member" and roles["admin"] == "admin"
    spaces = {
        name: owner
        for name, owner in _rows(
            store, "SELECT name, owner_profile FROM spaces WHERE domain = :d", d=domain
        )
    }
    assert spaces["alice-private"] == "alice" and spaces["admin-private"] == "admin"
    # And alice's records land in her private space
    made = people["alice"].api("POST", "experiments", {"name": f"mine-{uuid.uuid4().hex[:6]}"})
    assert made.status_code == 201, made.text
    [(space,)] = _rows(
        store, "SELECT space FROM experiments WHERE name = :n", n=made.json()["name"]
    )
    assert space == "alice-private"


def test_own_access_keys_and_mlflow_tokens_work_until_revoked(hub, people):  # noqa: F811
    alice = people["alice"]
    # Given a new access key and MLflow token of alice's, made in the UI's REST face
    key = _new_key(alice)
    made = alice.api("POST", "credentials/mlflow-tokens")
    assert made.status_code == 201, made.text
    token = made.json()["token"]
    # When they are listed, neither secret is in the answer
    listing = alice.api("GET", "credentials")
    assert listing.status_code == 200
    assert key["access_key_id"] in listing.text and made.json()["token_id"] in listing.text
    assert key["secret_access_key"] not in listing.text and token not in listing.text

    # Then boto3 signs with the key as alice, and MLflow's REST API answers to the token
    sts = _client(hub, "alice", key, "sts")
    assert sts.get_caller_identity()["Arn"].endswith("/alice")
    search = f"{alice.prefix}/mlstudio/mlflow/api/2.0/mlflow/experiments/search?max_results=5"
    bearer = {"Authorization": f"Bearer {token}"}
    assert requests.get(search, headers=bearer, timeout=30).status_code == 200

    # When both are revoked
    assert alice.api("DELETE", f"credentials/access-keys/{key['access_key_id']}").status_code == 204
    gone = alice.api("DELETE", f"credentials/mlflow-tokens/{made.json()['token_id']}")
    assert gone.status_code == 204

    # Then they stop working at once
    with pytest.raises(ClientError) as refused:
        sts.get_caller_identity()
    assert refused.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    after = requests.get(search, headers=bearer, timeout=30)
    assert after.status_code == 401 and after.json()["error_code"] == "UNAUTHENTICATED"
    # And neither secret was ever written to the hub's or the servers' logs
    log = hub.log.read_text(errors="replace")
    assert key["secret_access_key"] not in log and token.split("_")[-1] not in log


def test_a_kernel_carries_its_users_own_identity(hub, people):  # noqa: F811
    alice = people["alice"]
    # Given a kernel of alice's server, started with the server's default image
    specs = alice.session.get(f"{alice.prefix}/api/kernelspecs", timeout=30).json()
    name = next(spec for spec in specs["kernelspecs"] if spec.startswith("mlstudio-"))
    xsrf = alice.session.cookies.get("_xsrf", path="/user/alice/") or ""
    started = alice.session.post(
        f"{alice.prefix}/api/kernels",
        json={"name": name},
        headers={"X-XSRFToken": xsrf},
        timeout=120,
    )
    assert started.status_code == 201, started.text
    kernel_id = started.json()["id"]
    code = (
        "import json, os, urllib.request, boto3\n"
        "arn = boto3.client('sts').get_caller_identity()['Arn']\n"
        "uri = os.environ['MLFLOW_TRACKING_URI']\n"
        "request = urllib.request.Request(uri + '/api/2.0/mlflow/experiments/search"
        "?max_results=1', headers={'Authorization': 'Bearer ' + "
        "os.environ['MLFLOW_TRACKING_TOKEN']})\n"
        "status = urllib.request.urlopen(request).status\n"
        "print(json.dumps({'key': os.environ['AWS_ACCESS_KEY_ID'], 'arn': arn, 'mlflow': status,"
        " 'token': os.environ['MLFLOW_TRACKING_TOKEN'].split('_')[1]}))\n"
    )

    # When the kernel asks who it is, with no configuration of its own
    async def run() -> str:
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        ws_url = f"ws{alice.prefix[4:]}/api/kernels/{kernel_id}/channels"
        cookies = "; ".join(f"{c.name}={c.value}" for c in alice.session.cookies)
        request = HTTPRequest(ws_url, headers={"Cookie": cookies, "X-XSRFToken": xsrf})
        deadline = time.monotonic() + 120
        while True:
            try:
                socket = KernelSocket(await websocket_connect(request))
                try:
                    return await socket.run_ok(code, timeout=120)
                finally:
                    socket.close()
            except (OSError, TimeoutError, AssertionError):
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(1)

    seen = json.loads(asyncio.run(run()).strip().splitlines()[-1])

    # Then it signs as alice with her profile's own key and token, which she can see
    assert seen["arn"].endswith("/alice") and seen["mlflow"] == 200
    assert re.match(r"^AKIA[A-Z2-7]{16}$", seen["key"])
    listing = alice.api("GET", "credentials").json()
    kernel_keys = {item["access_key_id"] for item in listing["access_keys"]}
    kernel_tokens = {item["token_id"] for item in listing["mlflow_tokens"]}
    assert seen["key"] in kernel_keys and seen["token"] in kernel_tokens
    alice.session.delete(
        f"{alice.prefix}/api/kernels/{kernel_id}", headers={"X-XSRFToken": xsrf}, timeout=60
    )


def test_a_spaces_app_is_a_named_server_of_the_hub(hub, people, clients, domain):  # noqa: F811
    sagemaker = clients["alice"]
    app = {
        "DomainId": domain,
        "SpaceName": "alice-private",
        "AppType": "JupyterLab",
        "AppName": "default",
    }
    # When alice creates her private space's JupyterLab app on an ml.t3.medium
    sagemaker.create_app(**app, ResourceSpec={"InstanceType": "ml.t3.medium"})

    # Then it is Pending, then InService once the hub's named server answers
    assert sagemaker.describe_app(**app)["Status"] in ("Pending", "InService")
    _wait_status(lambda: sagemaker.describe_app(**app), "Status", {"InService", "Failed"})
    described = sagemaker.describe_app(**app)
    assert described["Status"] == "InService", described.get("FailureReason")
    model = people["admin"].session.get(
        f"{hub.url}/hub/api/users/alice",
        headers={"X-XSRFToken": people["admin"].session.cookies.get("_xsrf", path="/hub/")},
        timeout=30,
    )
    server = model.json()["servers"]["alice-private"]
    assert server["ready"]
    # And the server runs under the instance type's limits (4 GiB of memory, 2 CPUs at most)
    pid = server["state"]["pid"]
    limits = Path(f"/proc/{pid}/limits").read_text()
    assert re.search(r"Max data size\s+4294967296\s+4294967296", limits), limits
    assert len(os.sched_getaffinity(pid)) <= 2
    # And a one-time link to the space opens the app's JupyterLab
    link = sagemaker.create_presigned_domain_url(
        DomainId=domain, UserProfileName="alice", SpaceName="alice-private"
    )["AuthorizedUrl"]
    page = requests.Session().get(link, timeout=60)
    assert page.status_code == 200 and urlsplit(page.url).path == "/user/alice/alice-private/lab"

    # When the app is deleted, it goes Deleting, then Deleted once the server has stopped
    sagemaker.delete_app(**app)
    assert sagemaker.describe_app(**app)["Status"] in ("Deleting", "Deleted")
    _wait_status(lambda: sagemaker.describe_app(**app), "Status", {"Deleted"})
    after = (
        people["admin"]
        .session.get(
            f"{hub.url}/hub/api/users/alice",
            headers={"X-XSRFToken": people["admin"].session.cookies.get("_xsrf", path="/hub/")},
            timeout=30,
        )
        .json()
    )
    assert "alice-private" not in after["servers"]


def test_an_app_the_hub_cannot_start_fails_with_the_reason(clients, domain):
    # Given a profile made through the API for someone who never signed in to the hub
    admin = clients["admin"]
    admin.create_user_profile(DomainId=domain, UserProfileName="ghost")
    app = {"DomainId": domain, "SpaceName": "ghost-private", "AppType": "JupyterLab"}

    # When an app of their space is created
    admin.create_app(**app, AppName="default")

    # Then it fails, saying why
    described = _wait_status(
        lambda: admin.describe_app(**app, AppName="default"), "Status", {"Failed"}
    )
    assert "no user ghost" in described["FailureReason"]
    admin.delete_app(**app, AppName="default")
    admin.delete_user_profile(DomainId=domain, UserProfileName="ghost")


def test_a_notebook_instance_runs_stops_and_is_deleted(hub, clients):  # noqa: F811
    sagemaker = clients["alice"]
    name = f"nb{uuid.uuid4().hex[:6]}"
    role = "arn:aws:iam::000000000000:role/MLStudioExecutionRole"
    describe = lambda: sagemaker.describe_notebook_instance(NotebookInstanceName=name)  # noqa: E731

    # When alice creates a notebook instance
    arn = sagemaker.create_notebook_instance(
        NotebookInstanceName=name, InstanceType="ml.t3.medium", RoleArn=role
    )["NotebookInstanceArn"]

    # Then it is Pending, then InService with its address, and listed
    assert describe()["NotebookInstanceStatus"] in ("Pending", "InService")
    running = _wait_status(describe, "NotebookInstanceStatus", {"InService", "Failed"})
    assert running["NotebookInstanceStatus"] == "InService", running.get("FailureReason")
    assert running["NotebookInstanceArn"] == arn and running["RoleArn"] == role
    assert urlsplit(running["Url"]).path == f"/user/alice/nb-{name}/"
    listed = sagemaker.list_notebook_instances(NameContains=name)["NotebookInstances"]
    assert [item["NotebookInstanceName"] for item in listed] == [name]

    # And its presigned URL opens it once, and is refused when used again
    link = sagemaker.create_presigned_notebook_instance_url(NotebookInstanceName=name)[
        "AuthorizedUrl"
    ]
    page = requests.Session().get(link, timeout=60)
    assert page.status_code == 200 and urlsplit(page.url).path == f"/user/alice/nb-{name}/lab"
    again = requests.Session().get(link, timeout=60)
    assert again.status_code == 403 and "already used" in again.text

    # And a running instance cannot be deleted or started, as SageMaker refuses it
    code, message = _error(sagemaker.delete_notebook_instance, NotebookInstanceName=name)
    assert code == "ValidationException" and "InService" in message
    code, _ = _error(sagemaker.start_notebook_instance, NotebookInstanceName=name)
    assert code == "ValidationException"

    # When it is stopped, it goes Stopping, then Stopped
    sagemaker.stop_notebook_instance(NotebookInstanceName=name)
    assert describe()["NotebookInstanceStatus"] in ("Stopping", "Stopped")
    _wait_status(describe, "NotebookInstanceStatus", {"Stopped"})

    # And once deleted it is gone
    sagemaker.delete_notebook_instance(NotebookInstanceName=name)
    code, message = _error(sagemaker.describe_notebook_instance, NotebookInstanceName=name)
    assert (code, message) == ("ValidationException", "RecordNotFound")


def test_a_presigned_domain_url_works_once_and_not_after_it_expires(hub, clients, domain, store):  # noqa: F811
    admin = clients["admin"]
    # Given a one-time link an admin made for alice
    link = admin.create_presigned_domain_url(
        DomainId=domain, UserProfileName="alice", ExpiresInSeconds=60
    )["AuthorizedUrl"]

    # When someone opens it in a browser with no sign-in
    browser = requests.Session()
    page = browser.get(link, timeout=60)

    # Then they are signed in as alice, on alice's JupyterLab
    assert page.status_code == 200 and urlsplit(page.url).path == "/user/alice/lab"
    assert browser.get(f"{hub.url}/hub/api/user", timeout=30).json()["name"] == "alice"
    # And the link is refused when used again
    again = requests.Session().get(link, timeout=60)
    assert again.status_code == 403 and "already used" in again.text

    # When a link has expired before it is opened
    late = admin.create_presigned_domain_url(DomainId=domain, UserProfileName="alice")[
        "AuthorizedUrl"
    ]
    with store.begin() as connection:
        connection.execute(text("UPDATE login_links SET expires_time = 0 WHERE used_time IS NULL"))
    refused = requests.Session().get(late, timeout=60)

    # Then it is refused too, signing nobody in
    assert refused.status_code == 403 and "expired" in refused.text
    # And no link's secret is written to the hub's log
    log = hub.log.read_text(errors="replace")
    for made in (link, late):
        assert made.split("token=")[1] not in log
    # And bad requests are refused with SageMaker's error
    code, _ = _error(
        admin.create_presigned_domain_url,
        DomainId=domain,
        UserProfileName="alice",
        ExpiresInSeconds=301,
    )
    assert code == "ValidationException"
    # And a member cannot make a link that signs someone else in
    code, _ = _error(
        clients["alice"].create_presigned_domain_url, DomainId=domain, UserProfileName="admin"
    )
    assert code == "AccessDeniedException"
