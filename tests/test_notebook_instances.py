"""Notebook instances and per-user credentials on a single-user server (no hub): the server
is the one server its launcher can start, so an instance of its own space is InService at once;
one-time login links sign a browser in to it once (its own user only); MLflow tokens
authenticate as their profile until revoked."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from tornado.httpclient import HTTPClientError

from .aws_helpers import in_thread
from .domain_helpers import ROLE, error_of, server_sagemaker


@pytest.fixture
def sagemaker(jp_fetch, jp_http_port, jp_base_url, jp_serverapp) -> Any:
    return server_sagemaker(jp_http_port, jp_base_url, jp_serverapp)


async def test_a_notebook_instance_follows_sagemakers_lifecycle(sagemaker):
    name = {"NotebookInstanceName": "first"}
    # When a notebook instance is created on a single-user server
    arn = (
        await in_thread(
            sagemaker.create_notebook_instance, **name, InstanceType="ml.t3.medium", RoleArn=ROLE
        )
    )["NotebookInstanceArn"]

    # Then the server itself serves it: InService with its address, described as SageMaker does
    described = await in_thread(sagemaker.describe_notebook_instance, **name)
    assert described["NotebookInstanceStatus"] == "InService"
    assert described["NotebookInstanceArn"] == arn and described["Url"]
    assert (described["RoleArn"], described["VolumeSizeInGB"]) == (ROLE, 5)
    listed = (await in_thread(sagemaker.list_notebook_instances))["NotebookInstances"]
    assert [item["NotebookInstanceName"] for item in listed] == ["first"]
    # And SageMaker's refusals: a duplicate, a delete while running, a start while running
    code, message = await error_of(
        sagemaker.create_notebook_instance, **name, InstanceType="ml.t3.medium", RoleArn=ROLE
    )
    assert code == "ValidationException" and "duplicate" in message
    code, message = await error_of(sagemaker.delete_notebook_instance, **name)
    assert code == "ValidationException" and "InService" in message
    code, _ = await error_of(sagemaker.start_notebook_instance, **name)
    assert code == "ValidationException"
    # And an unknown instance type is refused before anything is stored
    code, _ = await error_of(
        sagemaker.create_notebook_instance,
        NotebookInstanceName="second",
        InstanceType="ml.nope.large",
        RoleArn=ROLE,
    )
    assert code == "ValidationException"

    # When it is stopped, started again, stopped and deleted
    await in_thread(sagemaker.stop_notebook_instance, **name)
    stopped = await in_thread(sagemaker.describe_notebook_instance, **name)
    assert stopped["NotebookInstanceStatus"] == "Stopped"
    await in_thread(sagemaker.start_notebook_instance, **name)
    again = await in_thread(sagemaker.describe_notebook_instance, **name)
    assert again["NotebookInstanceStatus"] == "InService"
    await in_thread(sagemaker.stop_notebook_instance, **name)
    await in_thread(sagemaker.delete_notebook_instance, **name)

    # Then it is gone, as SageMaker says it
    assert await error_of(sagemaker.describe_notebook_instance, **name) == (
        "ValidationException",
        "RecordNotFound",
    )


async def test_login_links_sign_a_browser_in_to_a_single_user_server_once(sagemaker, jp_base_url):
    domain = (await in_thread(sagemaker.list_domains))["Domains"][0]["DomainId"]
    profiles = await in_thread(sagemaker.list_user_profiles, DomainIdEquals=domain)
    profile = profiles["UserProfiles"][0]["UserProfileName"]

    async def sign_in(link: str) -> tuple[requests.Response, requests.Session]:
        browser = requests.Session()  # no token, no cookie
        answer = await in_thread(browser.get, link, allow_redirects=False, timeout=30)
        return answer, browser

    # Given a one-time link to the user's own server (no hub)
    link = (
        await in_thread(
            sagemaker.create_presigned_domain_url,
            DomainId=domain,
            UserProfileName=profile,
            LandingUri="app:JupyterLab:work/notes",
        )
    )["AuthorizedUrl"]
    assert f"{jp_base_url}mlstudio/login?token=" in link
    server = link.split("mlstudio/login")[0]  # the server's own address, as it names itself

    # A browser without credentials is refused first
    browser = requests.Session()
    refused = await in_thread(browser.get, f"{server}api/me", timeout=30)
    assert refused.status_code == 403

    # When it opens the link, it is signed in and sent to JupyterLab at the landing path
    answer, browser = await sign_in(link)
    assert answer.status_code == 302
    assert answer.headers["Location"] == f"{jp_base_url}lab/tree/work/notes"
    me = await in_thread(browser.get, f"{server}api/me", timeout=30)
    assert me.status_code == 200

    # Then the link is spent: opened again it is refused, saying so, and signs nobody in
    again, other = await sign_in(link)
    assert again.status_code == 403 and "already used" in again.text
    assert (await in_thread(other.get, f"{server}api/me", timeout=30)).status_code == 403
    forged, _ = await sign_in(link[:-4] + "AAAA")
    assert forged.status_code == 403 and "not valid" in forged.text

    # And a notebook instance's link works the same way, once
    name = {"NotebookInstanceName": "linked"}
    await in_thread(
        sagemaker.create_notebook_instance, **name, InstanceType="ml.t3.medium", RoleArn=ROLE
    )
    link = (await in_thread(sagemaker.create_presigned_notebook_instance_url, **name))[
        "AuthorizedUrl"
    ]
    answer, browser = await sign_in(link)
    assert answer.status_code == 302 and answer.headers["Location"] == f"{jp_base_url}lab"
    assert (await in_thread(browser.get, f"{server}api/me", timeout=30)).status_code == 200
    assert (await sign_in(link))[0].status_code == 403

    # And a link for another profile needs a hub, and says so
    await in_thread(sagemaker.create_user_profile, DomainId=domain, UserProfileName="guest")
    code, message = await error_of(
        sagemaker.create_presigned_domain_url, DomainId=domain, UserProfileName="guest"
    )
    assert code == "ValidationException" and "JupyterHub" in message


async def test_own_credentials_show_secrets_once_and_mlflow_tokens_stop_when_revoked(api, jp_fetch):
    # Given a new access key and MLflow token of the server's user
    code, key = await api("POST", "credentials/access-keys")
    assert code == 201 and len(key["secret_access_key"]) == 40
    code, token = await api("POST", "credentials/mlflow-tokens")
    assert code == 201 and token["token"].startswith("mlst_")

    # Then the listing names them without their secrets
    code, listing = await api("GET", "credentials")
    assert code == 200
    assert [item["access_key_id"] for item in listing["access_keys"]] == [key["access_key_id"]]
    assert key["secret_access_key"] not in str(listing) and token["token"] not in str(listing)

    # And the MLflow face answers to the token, until it is revoked
    bearer = {"Authorization": f"Bearer {token['token']}"}
    path = ("mlstudio", "mlflow", "api", "2.0", "mlflow", "experiments", "search")
    answer = await jp_fetch(*path, params={"max_results": "1"}, headers=bearer)
    assert answer.code == 200
    code, _ = await api("DELETE", f"credentials/mlflow-tokens/{token['token_id']}")
    assert code == 204
    with pytest.raises(HTTPClientError) as refused:
        await jp_fetch(*path, params={"max_results": "1"}, headers=bearer)
    assert refused.value.code == 401
    # And revoking a token that does not exist is a 404
    code, _ = await api("DELETE", "credentials/mlflow-tokens/NOSUCHTOKEN")
    assert code == 404
