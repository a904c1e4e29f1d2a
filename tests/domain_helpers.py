"""Helpers for the domain tests: boto3 clients of the AWS face and the error code a call
answers."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from jupyterlab_mlstudio.domains.launcher import AppLaunch, AppLauncher, AppReports

from .aws_helpers import aws_url, in_thread


def client(service: str, port: int, base_url: str, key: str, secret: str) -> Any:
    """A boto3 client of ``service`` against the server, signing with (key, secret). Client-side
    validation is off so the server's own checks answer."""
    return boto3.client(
        service,
        endpoint_url=aws_url(port, base_url),
        region_name="us-east-1",
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        config=Config(retries={"max_attempts": 1}, parameter_validation=False),
    )


async def error_of(call: Any, **params: Any) -> tuple[str, str]:
    """(code, message) of the error ``call(**params)`` answers; fails if it succeeds."""
    with pytest.raises(ClientError) as raised:
        await in_thread(call, **params)
    error = raised.value.response["Error"]
    return error["Code"], error.get("Message", "")


ROLE = "arn:aws:iam::000000000000:role/MLStudioExecutionRole"


def server_sagemaker(port: int, base_url: str, serverapp: Any) -> Any:
    """A sagemaker client of the test server, signed with its token."""
    return client("sagemaker", port, base_url, "tester", serverapp.identity_provider.token)


async def create_domain(sagemaker: Any, name: str, **extra: Any) -> str:
    """The id of a new IAM domain ``name`` (``extra`` adds or replaces request members)."""
    params = {
        "DomainName": name,
        "AuthMode": "IAM",
        "DefaultUserSettings": {"ExecutionRole": ROLE},
        "SubnetIds": ["subnet-1"],
        "VpcId": "vpc-1",
        **extra,
    }
    created = await in_thread(sagemaker.create_domain, **params)
    return str(created["DomainId"])


class HeldLauncher(AppLauncher):
    """A hub that starts servers when the test says: what JupyterHub's spawner does, below the
    domain service under test."""

    def __init__(self) -> None:
        self.started: list[AppLaunch] = []
        self.stopping: list[AppLaunch] = []
        self.reports: AppReports | None = None

    def start(self, app: AppLaunch, reports: AppReports) -> None:
        self.started.append(app)
        self.reports = reports

    def stop(self, app: AppLaunch, reports: AppReports) -> None:
        self.stopping.append(app)
