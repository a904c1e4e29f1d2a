"""Notebook snapshots on the REST face: shared with a member or the whole domain, seen only by
the sender and the recipients (anyone else gets 404), read back exactly as sent (outputs
included, from the object store), copied into the recipient's space with the sender's image
and instance type, deleted by the sender only."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import nbformat
import pytest

from jupyterlab_mlstudio.core.context import RequestContext

from .users import api_as, with_named_users


@pytest.fixture
def jp_server_config(jp_server_config: dict[str, Any]) -> dict[str, Any]:
    return with_named_users(jp_server_config)


@pytest.fixture
def as_user(jp_fetch: Any) -> Any:
    return api_as(jp_fetch)


@pytest.fixture
def team(services: Any) -> list[str]:
    """Profiles ana, bo and cy in the server's domain, beside the server's own user."""
    context = RequestContext(owner="admin", domain=services.default_domain)
    for name in ("ana", "bo", "cy"):
        services.domains.create_profile(
            context, {"DomainId": services.default_domain, "UserProfileName": name}
        )
    return ["ana", "bo", "cy"]


def notebook_with_outputs() -> dict[str, Any]:
    """A notebook as its sender sees it: code, a figure-like output, an image and type."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Digits"),
        nbformat.v4.new_code_cell(
            "print(6 * 7)",
            execution_count=3,
            outputs=[nbformat.v4.new_output("stream", name="stdout", text="42\n")],
        ),
        nbformat.v4.new_code_cell(
            "score",
            execution_count=4,
            outputs=[
                nbformat.v4.new_output(
                    "execute_result",
                    data={"text/plain": "0.97", "image/png": "iVBORw0KGgo="},
                    execution_count=4,
                )
            ],
        ),
    ]
    notebook.metadata["mlstudio"] = {"image": "sklearn-1", "instance_type": "ml.m5.large"}
    return json.loads(nbformat.writes(notebook))


#: The notebook every test shares (cell ids are random: made once).
NOTEBOOK = notebook_with_outputs()


async def share(as_user: Any, sender: str, **fields: Any) -> tuple[int, Any]:
    body = {"path": "work/digits.ipynb", "content": NOTEBOOK, **fields}
    return await as_user(sender, "POST", "snapshots", body)


async def test_a_member_reads_exactly_what_the_sender_shared(as_user, team, services):
    # Given ana shares her notebook with bo
    code, created = await share(as_user, "ana", recipients=["bo"])
    assert code == 201, created
    assert created["sender"] == "ana" and created["recipients"] == ["bo"]
    assert (created["image"], created["instance_type"]) == ("sklearn-1", "ml.m5.large")
    assert created["cell_count"] == 3 and created["sent_by_me"] is True

    # When bo lists and opens what he received
    code, listed = await as_user("bo", "GET", "snapshots", box="received")
    assert code == 200, listed
    assert [item["snapshot_id"] for item in listed["snapshots"]] == [created["snapshot_id"]]
    code, opened = await as_user("bo", "GET", f"snapshots/{created['snapshot_id']}")

    # Then he gets the notebook exactly as sent, outputs included
    assert code == 200, opened
    assert opened["content"] == NOTEBOOK
    assert opened["sent_by_me"] is False and opened["sender"] == "ana"
    # And the notebook lives in the object store, under the snapshots prefix
    stored = list(services.objects.list(services.snapshots.root))
    assert len(stored) == 1 and stored[0].uri.endswith(f"{created['snapshot_id']}.ipynb")


async def test_nobody_but_sender_and_recipients_sees_a_snapshot(as_user, team):
    # Given ana shares with bo only
    _, created = await share(as_user, "ana", recipients=["bo"])
    snapshot = created["snapshot_id"]

    # Then cy (in the domain, not a recipient) is told it does not exist, on every verb
    assert (await as_user("cy", "GET", f"snapshots/{snapshot}"))[0] == 404
    assert (await as_user("cy", "POST", f"snapshots/{snapshot}/copy", {}))[0] == 404
    assert (await as_user("cy", "DELETE", f"snapshots/{snapshot}"))[0] == 404
    code, listed = await as_user("cy", "GET", "snapshots")
    assert code == 200 and listed["snapshots"] == []
    # And so is a snapshot that never existed, in the same words
    code, missing = await as_user("cy", "GET", "snapshots/" + "0" * 32)
    assert code == 404 and missing["message"] == f"Snapshot {'0' * 32} does not exist"
    # And the sender sees it among what she sent
    code, sent = await as_user("ana", "GET", "snapshots", box="sent")
    assert [item["snapshot_id"] for item in sent["snapshots"]] == [snapshot]


async def test_a_domain_wide_snapshot_reaches_every_member(as_user, team):
    # Given ana shares with the whole domain
    code, created = await share(as_user, "ana", audience="domain")
    assert code == 201, created

    # Then bo and cy both see and open it
    for reader in ("bo", "cy"):
        code, opened = await as_user(reader, "GET", f"snapshots/{created['snapshot_id']}")
        assert code == 200 and opened["audience"] == "domain"


async def test_a_copy_lands_in_the_recipients_space_on_the_senders_profile(
    as_user, team, jp_root_dir
):
    # Given bo received a snapshot, and already has a notebook of that name
    _, created = await share(as_user, "ana", recipients=["bo"])
    (Path(jp_root_dir) / "digits.ipynb").write_text("{}")

    # When he copies it into his space
    code, copied = await as_user("bo", "POST", f"snapshots/{created['snapshot_id']}/copy", {})

    # Then a new notebook is written under a free name, his own file untouched
    assert code == 201, copied
    assert copied["path"] == "digits-copy1.ipynb"
    assert (Path(jp_root_dir) / "digits.ipynb").read_text() == "{}"
    written = nbformat.read(Path(jp_root_dir) / copied["path"], as_version=4)
    nbformat.validate(written)
    # With the outputs the sender saw, and her image and instance type in its metadata
    assert written.cells[1].outputs[0]["text"] == "42\n"
    assert written.metadata["mlstudio"] == {"image": "sklearn-1", "instance_type": "ml.m5.large"}
    assert (copied["image"], copied["instance_type"]) == ("sklearn-1", "ml.m5.large")


async def test_a_copy_cannot_leave_the_space(as_user, team):
    _, created = await share(as_user, "ana", recipients=["bo"])
    for path in ("../outside.ipynb", "work/../../outside.ipynb"):
        code, body = await as_user(
            "bo", "POST", f"snapshots/{created['snapshot_id']}/copy", {"path": path}
        )
        assert code == 400 and body["field"] == "path", body


async def test_only_the_sender_deletes_and_the_stored_notebook_goes_too(as_user, team, services):
    # Given ana shared with bo
    _, created = await share(as_user, "ana", recipients=["bo"])
    snapshot = created["snapshot_id"]

    # When bo tries to delete it, he is refused; ana can
    code, body = await as_user("bo", "DELETE", f"snapshots/{snapshot}")
    assert code == 403 and "sender" in body["message"]
    code, _ = await as_user("ana", "DELETE", f"snapshots/{snapshot}")
    assert code == 204

    # Then it is gone for both, and from the object store
    assert (await as_user("bo", "GET", f"snapshots/{snapshot}"))[0] == 404
    assert list(services.objects.list(services.snapshots.root)) == []


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"recipients": []}, "recipients"),
        ({"recipients": ["nobody"]}, "recipients"),
        ({"audience": "domain", "recipients": ["bo"]}, "recipients"),
        ({"audience": "team"}, "audience"),
        ({"recipients": ["bo"], "content": {"cells": "no"}}, "content"),
        ({"recipients": ["bo"], "path": ""}, "path"),
    ],
)
async def test_bad_requests_name_their_field_and_store_nothing(
    as_user, team, services, fields, field
):
    code, body = await share(as_user, "ana", **fields)
    assert code == 400, body
    assert body["field"] == field, body
    assert list(services.objects.list(services.snapshots.root)) == []
    assert (await as_user("ana", "GET", "snapshots"))[1]["snapshots"] == []


async def test_recipients_are_the_other_profiles_of_the_domain(as_user, team, services):
    code, body = await as_user("ana", "GET", "snapshot-recipients")
    assert code == 200, body
    assert body["me"] == "ana" and body["domain"] == services.default_domain
    assert "ana" not in body["profiles"] and {"bo", "cy"} <= set(body["profiles"])
