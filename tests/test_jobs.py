"""One shape for every job kind: a state machine whose status columns refuse any other writer,
and one supervisor that moves, adopts and detaches every kind's jobs."""

from __future__ import annotations

import asyncio
import sys
from enum import Enum
from typing import Any

import pytest

from jupyterlab_mlstudio.core.context import RequestContext
from jupyterlab_mlstudio.core.errors import IllegalTransition
from jupyterlab_mlstudio.images.builds import version_ref
from jupyterlab_mlstudio.images.orm import ImageRecord, ImageVersionRecord
from jupyterlab_mlstudio.images.states import MACHINE as VERSION_MACHINE
from jupyterlab_mlstudio.jobs.machine import StateMachine, StatusWriteRefused
from jupyterlab_mlstudio.store import Database
from jupyterlab_mlstudio.training.jobs import training_ref
from jupyterlab_mlstudio.training.orm import TrainingJobRecord
from jupyterlab_mlstudio.training.states import MACHINE as TRAINING_MACHINE
from jupyterlab_mlstudio.training.states import SecondaryStatus as S
from jupyterlab_mlstudio.training.states import begin, transition

from .kernel_helpers import wait_for_image

CONTEXT = RequestContext(owner="tester")


@pytest.fixture
def db(tmp_path: Any) -> Any:
    database = Database(f"sqlite:///{tmp_path / 'store.db'}")
    database.upgrade()
    yield database
    database.dispose()


def _job(name: str = "job", at: int = 1_000) -> TrainingJobRecord:
    record = TrainingJobRecord(
        name=name,
        arn=f"arn:aws:sagemaker:us-east-1:000000000000:training-job/{name}",
        creation_time=at,
        last_modified_time=at,
        request={},
        final_metrics=[],
        runtime={},
        domain=CONTEXT.domain,
        space=CONTEXT.space,
        owner=CONTEXT.owner,
    )
    begin(record, at)
    return record


def test_a_status_assigned_outside_the_machine_is_refused() -> None:
    # Given a training job and an image version, each put in its first state by its machine
    job = _job()
    version = ImageVersionRecord(image_id=1, version=1, arn="a", base_image="b", kind="local")
    VERSION_MACHINE.begin(version, "validating")
    # When code outside the machines assigns their status columns, Then each write is refused
    with pytest.raises(StatusWriteRefused, match="only through its state machine"):
        job.status = "Completed"
    with pytest.raises(StatusWriteRefused):
        job.secondary_status = "Completed"
    with pytest.raises(StatusWriteRefused):
        version.status = "CREATED"
    with pytest.raises(StatusWriteRefused):
        TrainingJobRecord(name="sneaky", status="Completed")
    # And the records still hold what their machines wrote
    assert (job.status, job.secondary_status, version.status) == (
        "InProgress",
        "Starting",
        "CREATING",
    )


def test_the_supervisors_general_write_cannot_change_status(db: Any) -> None:
    # Given a stored job and the server's supervisor over the training kind
    from jupyterlab_mlstudio.core.events import EventBus
    from jupyterlab_mlstudio.jobs.supervisor import JobSupervisor
    from jupyterlab_mlstudio.training.jobs import TrainingJobs

    with db.session() as session:
        session.add(_job())
    supervisor = JobSupervisor(db, EventBus(None), "here")
    supervisor.register(TrainingJobs(deps=None))  # type: ignore[arg-type]
    ref = training_ref(CONTEXT, "job")

    def finish(record: TrainingJobRecord) -> None:
        record.runtime = {"touched": True}
        record.secondary_status = "Completed"

    # When a write tries to change the status along with other columns
    with pytest.raises(StatusWriteRefused):
        supervisor.write(ref, finish)
    # Then nothing of it is stored
    stored = supervisor.load(ref)
    assert (stored.secondary_status, stored.runtime) == ("Starting", {})
    # And the supervisor's move is the way: it stamps the transition log and the derived status
    supervisor.move(ref, S.FAILED, "Training job failed", failure_reason="x" * 2000)
    stored = supervisor.load(ref)
    assert (stored.status, stored.secondary_status) == ("Failed", "Failed")
    assert len(stored.failure_reason) == 1024
    assert [item["Status"] for item in stored.transitions] == ["Starting", "Failed"]
    assert stored.transitions[-1]["EndTime"] == stored.training_end_time


def test_illegal_moves_are_refused_and_terminal_states_never_change() -> None:
    job = _job()
    with pytest.raises(IllegalTransition, match="cannot go from Starting to Completed"):
        transition(job, S.COMPLETED, "too soon")
    for state in (S.DOWNLOADING, S.TRAINING, S.UPLOADING, S.COMPLETED):
        transition(job, state, state.value, at=2_000)
    assert job.training_start_time == 2_000 and job.training_end_time == 2_000
    for state in S:
        with pytest.raises(IllegalTransition):
            transition(job, state, "after the end")
    assert TRAINING_MACHINE.is_terminal(job)


class Endpoint(str, Enum):
    """SageMaker's endpoint statuses: a kind with resting states that are not terminal."""

    CREATING = "Creating"
    IN_SERVICE = "InService"
    UPDATING = "Updating"
    SYSTEM_UPDATING = "SystemUpdating"
    ROLLING_BACK = "RollingBack"
    FAILED = "Failed"
    DELETING = "Deleting"
    DELETED = "Deleted"


def test_a_kind_with_resting_states_declares_which_states_are_driven() -> None:
    # Given an endpoint-like table: InService and Failed rest, waiting for the next request
    e = Endpoint
    machine = StateMachine(
        kind="Endpoint",
        states=Endpoint,
        transitions={
            e.CREATING: {e.IN_SERVICE, e.FAILED},
            e.IN_SERVICE: {e.UPDATING, e.SYSTEM_UPDATING, e.DELETING},
            e.UPDATING: {e.IN_SERVICE, e.ROLLING_BACK, e.FAILED},
            e.SYSTEM_UPDATING: {e.IN_SERVICE},
            e.ROLLING_BACK: {e.IN_SERVICE, e.FAILED},
            e.FAILED: {e.DELETING, e.UPDATING},
            e.DELETING: {e.DELETED},
            e.DELETED: set(),
        },
        initial=e.CREATING,
        active={e.CREATING, e.UPDATING, e.SYSTEM_UPDATING, e.ROLLING_BACK, e.DELETING},
    )
    # Then only Deleted is terminal, and the supervisor would adopt only the working states
    assert machine.terminal == {e.DELETED}
    assert e.IN_SERVICE.value not in machine.active_values()
    assert "Updating" in machine.active_values()
    # And a table that forgets a state is refused when the kind is declared
    with pytest.raises(ValueError, match="no row"):
        StateMachine(kind="Broken", states=Endpoint, transitions={}, initial=e.CREATING)


async def test_an_image_version_cut_short_by_a_restart_is_validated_by_the_next_server(
    services: Any, api: Any
) -> None:
    # Given a version a previous server left CREATING (it stopped before validating it)
    with services.database.session() as session:
        image = ImageRecord(
            name="left-behind",
            arn="arn:aws:sagemaker:us-east-1:000000000000:image/left-behind",
            status="CREATED",
            creation_time=1,
            last_modified_time=1,
            domain=CONTEXT.domain,
            space=CONTEXT.space,
            owner=CONTEXT.owner,
        )
        session.add(image)
        session.flush()
        version = ImageVersionRecord(
            image_id=image.id,
            version=1,
            arn="arn:aws:sagemaker:us-east-1:000000000000:image-version/left-behind/1",
            base_image=f"file://{sys.executable}",
            kind="local",
            aliases=[],
            details={},
            creation_time=1,
            last_modified_time=1,
            domain=CONTEXT.domain,
            space=CONTEXT.space,
            owner=CONTEXT.owner,
        )
        VERSION_MACHINE.begin(version, "validating")
        session.add(version)
    code, body = await api("GET", "images/left-behind")
    assert code == 200 and body["versions"][0]["image_version_status"] == "CREATING"
    # When the supervisor adopts what is active
    adopted = await asyncio.to_thread(services.supervisor.adopt)
    # Then the version is validated again, and ends CREATED
    assert version_ref(CONTEXT, "left-behind", 1).key in adopted
    version = await wait_for_image(api, "left-behind")
    assert version["image_version_status"] == "CREATED", version
    assert version["details"]["python"]


async def test_a_version_ended_by_another_server_is_left_as_it_ended(
    services: Any, api: Any
) -> None:
    # Given a version that ended CREATE_FAILED
    code, body = await api(
        "POST", "images", {"name": "ended", "base_image": "file:///no/such/python"}
    )
    assert code == 201, body
    ended = await wait_for_image(api, "ended")
    assert ended["image_version_status"] == "CREATE_FAILED"
    # When a runner is asked to drive it again, Then it changes nothing
    runner = services.supervisor.submit(version_ref(CONTEXT, "ended", 1))
    await asyncio.to_thread(runner.join, 30)
    _, again = await api("GET", "images/ended")
    assert again["versions"][0] == ended


def test_a_job_whose_runner_cannot_be_made_fails_with_the_reason(db: Any) -> None:
    # Given a stored training job and a kind whose runner cannot be built (a package missing
    # from the server's environment, say)
    from jupyterlab_mlstudio.core.events import EventBus
    from jupyterlab_mlstudio.jobs.supervisor import JobSupervisor
    from jupyterlab_mlstudio.training.jobs import TrainingJobs

    class Unbuildable(TrainingJobs):
        def runner(self, supervisor: Any, ref: Any) -> Any:
            raise ModuleNotFoundError("No module named 'optuna'")

    with db.session() as session:
        session.add(_job())
    supervisor = JobSupervisor(db, EventBus(None), "here")
    supervisor.register(Unbuildable(deps=None))  # type: ignore[arg-type]
    ref = training_ref(CONTEXT, "job")
    # When the job is submitted
    runner = supervisor.submit(ref)
    # Then nothing drives it, and it is Failed with the reason rather than left in progress
    assert runner is None and supervisor.runner(ref) is None
    stored = supervisor.load(ref)
    assert (stored.status, stored.secondary_status) == ("Failed", "Failed")
    assert stored.failure_reason == (
        "The job could not start: ModuleNotFoundError: No module named 'optuna'"
    )
