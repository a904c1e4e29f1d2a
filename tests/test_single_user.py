"""A single ``jupyter lab`` without a hub: a one-person domain with no set-up, whose owner is the
server's account; under a hub, the hub's user instead."""

from __future__ import annotations

import getpass

import pytest
from sqlalchemy import select

from jupyterlab_mlstudio.core.identity import HUB_USER_VARIABLE, local_user
from jupyterlab_mlstudio.experiments.orm import ExperimentRecord


@pytest.fixture
def no_hub(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(HUB_USER_VARIABLE, raising=False)


async def test_a_plain_server_is_a_one_person_domain_owned_by_its_account(no_hub, api, services):
    # Given a plain Jupyter server with the extension and no hub around it
    # When its user asks who they are and creates an experiment
    status_code, status = await api("GET", "status")
    created_code, _ = await api("POST", "experiments", {"name": "solo"})

    # Then the server answers for its own account, in the default domain, and owns the record
    assert status_code == 200 and created_code == 201
    assert status["user"] == getpass.getuser()
    assert (status["domain"], status["space"]) == ("d-default", "default")
    with services.database.session() as session:
        owner = session.scalar(
            select(ExperimentRecord.owner).where(ExperimentRecord.name == "solo")
        )
    assert owner == getpass.getuser()


def test_under_a_hub_the_hub_user_is_the_owner_whatever_the_account(monkeypatch):
    # Given a server (or a kernel it started) that JupyterHub spawned for alice as a shared
    # account, as a container's jovyan is
    monkeypatch.setenv("USER", "jovyan")
    monkeypatch.setenv("LOGNAME", "jovyan")
    monkeypatch.setenv(HUB_USER_VARIABLE, "alice")

    # Then alice is who it works for
    assert local_user() == "alice"

    # And without the hub's variable, the account again
    monkeypatch.delenv(HUB_USER_VARIABLE)
    assert local_user() == "jovyan"
