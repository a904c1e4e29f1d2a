"""Runs one training job from Starting to a terminal state, in a thread of the supervisor.

The runner prepares the hosts' /opt/ml folders, starts one unit per host, stores every log
line and the metrics its regexes find (with the read cursor, in one transaction, so a restart
neither loses nor repeats a line), enforces stop requests and MaxRuntimeInSeconds, and finally
uploads the model and output and records how the job ended.
"""

from __future__ import annotations

import logging
import re
import shutil
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..compute.models import GIB, InstanceType
from ..core.clock import now_ms
from ..core.context import RequestContext
from ..experiments.models import MetricPoint, RunStatus
from ..logs.service import LogLine
from ..objects.router import join_uri
from ..runtime.base import UnitError, UnitState, UnitStatus
from . import contract, staging
from .models import CreateTrainingJobRequest
from .orm import TrainingJobRecord
from .outcome import failure_reason, succeeded
from .states import SecondaryStatus as S
from .states import is_terminal
from .units import UnitSettings, unit_specs

if TYPE_CHECKING:
    from .supervisor import TrainingSupervisor

log = logging.getLogger(__name__)

LOG_GROUP = "/aws/sagemaker/TrainingJobs"
EVENT_LINES = 200
FAST_POLL = 0.01  # seconds between reads while output flows, and just after a start
FAST_WINDOW = 3.0


class Detached(Exception):
    """The server is shutting down: leave the units running for the next server to adopt."""


@dataclass
class HostState:
    host: str
    unit: str
    stream: str
    cursor: Any = None
    tail: deque[str] = field(default_factory=lambda: deque(maxlen=5))
    status: UnitStatus | None = None


class TrainingRunner(threading.Thread):
    """One job, start to finish. All state changes go through the supervisor's ``update``."""

    def __init__(self, supervisor: TrainingSupervisor, name: str, context: RequestContext) -> None:
        super().__init__(name=f"mlstudio-training-{name}", daemon=True)
        self.supervisor = supervisor
        self.deps = supervisor.deps
        self.job = name
        self.context = context
        self.wake = threading.Event()
        self.stop_requested = threading.Event()
        self.detached = threading.Event()
        self.hosts: dict[str, HostState] = {}
        self._metric_steps: dict[str, int] = {}

    # -- plumbing --------------------------------------------------------------------------

    def _update(self, change: Callable[[TrainingJobRecord], Any]) -> Any:
        return self.supervisor.update(self.context, self.job, change)

    def _move(self, to: S, message: str, failure_reason: str | None = None) -> None:
        self.supervisor.move(self.context, self.job, to, message, failure_reason)

    def _record(self) -> TrainingJobRecord:
        return self.supervisor.load(self.context, self.job)

    def _check_detached(self) -> None:
        if self.detached.is_set():
            raise Detached()

    def _stop_requested(self) -> bool:
        return self._record().secondary_status == S.STOPPING.value

    # -- the job ---------------------------------------------------------------------------

    def run(self) -> None:
        try:
            self._run()
        except Detached:
            log.info("Training job %s left running for the next server", self.job)
        except Exception as error:
            log.exception("Training job %s failed inside the server", self.job)
            try:
                self._finish_failed(f"InternalServerError: {error}")
            except Exception:
                log.exception("Could not record the failure of training job %s", self.job)
        finally:
            self.supervisor.forget(self.job, self)

    def _run(self) -> None:
        record = self._record()
        if is_terminal(record):
            return
        request = CreateTrainingJobRequest.model_validate(record.request, context={"aws": True})
        instance = self.deps.catalogue.get(request.resource_config.instance_type)
        runtime = dict(record.runtime or {})
        backend = self.deps.backends[runtime["backend"]]
        hosts = contract.host_names(request.resource_config.instance_count)
        folder = self.deps.jobs_root / self.job
        if runtime.get("units"):
            self._adopt(runtime)
        else:
            if not self._reserve(request, instance, runtime):
                return self._finish_stopped(None, request)
            if self._stop_requested():
                return self._finish_stopped(None, request)
            self._move(S.DOWNLOADING, "Downloading input data")
            self._prepare(request, instance, folder, hosts, runtime)
            self._check_detached()
            if self._stop_requested():
                return self._finish_stopped(folder, request)
            self._start_units(request, instance, folder, hosts, runtime, backend)
            self._move(S.TRAINING, "Training image download completed. Training in progress.")
        self._monitor(request, folder, backend)
        self._finish(request, instance, folder, backend)

    # -- capacity --------------------------------------------------------------------------

    def _reserve(
        self, request: CreateTrainingJobRequest, instance: InstanceType, runtime: dict[str, Any]
    ) -> bool:
        """Wait for memory and GPUs; False if the job was stopped while it waited."""
        count = request.resource_config.instance_count
        memory = 0 if instance.local else int(instance.memory_gib * GIB) * count
        pending = False
        while True:
            self._check_detached()
            if self._stop_requested():
                return False
            result = self.deps.capacity.try_reserve(self.job, memory, instance.gpus * count)
            if not isinstance(result, str):
                held = {"memory_bytes": result.memory_bytes, "gpus": result.gpus}
                runtime["reservation"] = held
                self._update(partial(_merge_runtime, reservation=held))
                return True
            if not pending:
                self._move(S.PENDING, f"Pending: {result}")
                pending = True
            self.wake.wait(1.0)
            self.wake.clear()

    # -- preparation -----------------------------------------------------------------------

    def _prepare(
        self,
        request: CreateTrainingJobRequest,
        instance: InstanceType,
        folder: Path,
        hosts: list[str],
        runtime: dict[str, Any],
    ) -> None:
        objects = self.deps.objects
        if folder.exists():
            shutil.rmtree(folder)
        script = contract.script_mode(request)
        for index, host in enumerate(hosts):
            layout = contract.Layout(str(folder / host))
            layout.make([channel.channel_name for channel in request.input_data_config])
            contract.write_config(layout, request, hosts, host, instance.name)
            for channel in request.input_data_config:
                self._check_detached()
                staging.stage_channel(
                    objects, channel, Path(layout.channel(channel.channel_name)), index, len(hosts)
                )
            if script is not None:
                staging.stage_code(objects, script[1], Path(layout.code))
            if request.checkpoint_config is not None:
                staging.restore_checkpoints(
                    objects, request.checkpoint_config.s3_uri, Path(layout.checkpoints)
                )
        hosts_file = folder / "hosts"
        original = Path("/etc/hosts").read_text() if Path("/etc/hosts").exists() else ""
        hosts_file.write_text(f"127.0.0.1 localhost {' '.join(hosts)}\n{original}")

    def _start_units(
        self,
        request: CreateTrainingJobRequest,
        instance: InstanceType,
        folder: Path,
        hosts: list[str],
        runtime: dict[str, Any],
        backend: Any,
    ) -> None:
        deps = self.deps
        record = self._record()
        docker = backend.name == "docker"
        network = deps.docker_network if docker else None
        if docker and network == "bridge":
            network = f"mlstudio-{self.job}"
            backend.ensure_network(network)
        specs = unit_specs(
            job=self.job,
            arn=record.arn,
            run_id=record.run_id,
            request=request,
            instance=instance,
            folder=folder,
            hosts=hosts,
            image=runtime["image"],
            docker=docker,
            private_mounts=getattr(backend, "private_mounts", False),
            gpus=list((runtime.get("reservation") or {}).get("gpus") or []),
            settings=UnitSettings(
                server_url=deps.server_url,
                server_token=deps.server_token,
                supervisor_id=deps.supervisor_id,
                stop_grace_seconds=deps.stop_grace_seconds,
                network=network,
            ),
        )
        started = int(time.time())
        units: dict[str, str] = {}
        for host, spec in specs.items():
            try:
                units[host] = backend.start(spec)
            except UnitError as error:
                for unit in units.values():
                    backend.stop(unit, 0)
                raise RuntimeError(f"could not start {host}: {error}") from error
        streams = {host: f"{self.job}/{host}-{started}" for host in hosts}
        runtime.update(units=units, streams=streams, cursors={}, steps={})
        self._update(partial(_merge_runtime, units=units, streams=streams, cursors={}, steps={}))
        self.hosts = {host: HostState(host, units[host], streams[host]) for host in hosts}

    def _adopt(self, runtime: dict[str, Any]) -> None:
        reservation = runtime.get("reservation")
        if reservation:
            from ..compute.capacity import Reservation

            self.deps.capacity.adopt(
                Reservation(self.job, reservation["memory_bytes"], reservation["gpus"])
            )
        cursors = runtime.get("cursors") or {}
        self._metric_steps = dict(runtime.get("steps") or {})
        self.hosts = {
            host: HostState(host, unit, runtime["streams"][host], cursors.get(host))
            for host, unit in runtime["units"].items()
        }

    # -- while it runs ---------------------------------------------------------------------

    def _monitor(self, request: CreateTrainingJobRequest, folder: Path, backend: Any) -> None:
        deps = self.deps
        metrics = [
            (definition.name, re.compile(definition.regex))
            for definition in request.algorithm_specification.metric_definitions
        ]
        syncer = (
            staging.CheckpointSync(deps.objects, request.checkpoint_config.s3_uri)
            if request.checkpoint_config
            else None
        )
        next_sync = time.monotonic() + deps.checkpoint_interval
        record = self._record()
        stop_sent = bool(record.runtime.get("stop_sent"))
        if record.secondary_status == S.STOPPING.value:
            self.stop_requested.set()
        training_start = record.training_start_time
        max_runtime_ms = request.stopping_condition.max_runtime_in_seconds * 1000
        interval = FAST_POLL
        fast_until = time.monotonic() + FAST_WINDOW
        while True:
            self._check_detached()
            for state in self.hosts.values():
                state.status = backend.status(state.unit)
            collected = self._collect(backend, metrics)
            running = [
                state
                for state in self.hosts.values()
                if state.status and state.status.state == UnitState.RUNNING
            ]
            if not running:
                break
            reason = None
            if self.stop_requested.is_set():
                reason = "stop"
            elif training_start and now_ms() - training_start > max_runtime_ms:
                reason = "max_runtime"
            elif len(running) < len(self.hosts) and any(
                state.status
                and state.status.state != UnitState.RUNNING
                and not succeeded(state.status)
                for state in self.hosts.values()
            ):
                reason = "host_failed"
            if reason and not stop_sent:
                stop_sent = True
                grace = 10.0 if reason == "host_failed" else deps.stop_grace_seconds
                self._update(partial(_merge_runtime, stop_sent=reason))
                for state in running:
                    backend.stop(state.unit, grace)
            if syncer is not None and time.monotonic() >= next_sync:
                next_sync = time.monotonic() + deps.checkpoint_interval
                for host in self.hosts:
                    syncer.sync(folder / host / "checkpoints")
            # Poll fast while output flows (and right after start), back off while it is quiet.
            if collected:
                fast_until = time.monotonic() + FAST_WINDOW
            quiet = not collected and time.monotonic() > fast_until
            interval = min(interval * 2, deps.poll_interval) if quiet else FAST_POLL
            self.wake.wait(interval)
            self.wake.clear()
        # Everything has exited: read what is left of the output.
        for _ in range(100):
            if not self._collect(backend, metrics):
                break
        if syncer is not None:
            for host in self.hosts:
                syncer.sync(folder / host / "checkpoints")

    def _collect(self, backend: Any, metrics: list[tuple[str, re.Pattern[str]]]) -> int:
        """Store new lines of every host (and their metrics) with the new cursors."""
        deps = self.deps
        total = 0
        for state in self.hosts.values():
            read = backend.read_logs(state.unit, state.cursor)
            if not read.lines:
                continue
            lines = [LogLine(timestamp, message) for timestamp, message in read.lines]
            points = []
            for line in lines:
                state.tail.append(line.message)
                for name, pattern in metrics:
                    match = pattern.search(line.message)
                    if match is None:
                        continue
                    try:
                        value = float(match.group(1) if match.groups() else match.group(0))
                    except (ValueError, IndexError):
                        continue
                    step = self._metric_steps.get(name, 0)
                    self._metric_steps[name] = step + 1
                    points.append(
                        MetricPoint(key=name, value=value, step=step, timestamp=line.timestamp)
                    )
            run_id = None
            with self.supervisor.locked(self.job), deps.database.session() as session:
                first = deps.logs.append(session, self.context, LOG_GROUP, state.stream, lines)
                record = session.get(
                    TrainingJobRecord, self.supervisor.record_id(self.context, self.job)
                )
                assert record is not None
                run_id = record.run_id
                if points and run_id:
                    deps.experiments.log_batch(
                        self.context, run_id, metrics=points, session=session, job=self.job
                    )
                cursors = {**(record.runtime.get("cursors") or {}), state.host: read.cursor}
                _merge_runtime(record, cursors=cursors, steps=dict(self._metric_steps))
            state.cursor = read.cursor
            total += len(lines)
            deps.events.emit(
                "training-logs",
                {
                    "name": self.job,
                    "host": state.host,
                    "first_seq": first,
                    "count": len(lines),
                    "lines": [
                        {"timestamp": line.timestamp, "message": line.message}
                        for line in lines[-EVENT_LINES:]
                    ],
                },
            )
        return total

    # -- the end ---------------------------------------------------------------------------

    def _finish(
        self, request: CreateTrainingJobRequest, instance: InstanceType, folder: Path, backend: Any
    ) -> None:
        record = self._record()
        why = record.runtime.get("stop_sent")
        output = join_uri(request.output_data_config.s3_output_path, self.job, "output")
        first_host = folder / next(iter(self.hosts))
        if record.secondary_status == S.STOPPING.value:
            self._upload(first_host, output, failed=False)
            return self._finish_stopped(folder, request, backend)
        failure = failure_reason(
            ((state.host, state.status, list(state.tail)) for state in self.hosts.values()),
            instance,
            folder,
        )
        if failure is None or why == "max_runtime":
            self._move(S.UPLOADING, "Uploading generated training model")
            self._upload(first_host, output, failed=False)
            if why == "max_runtime":
                message = "Training job exceeded MaxRuntimeInSeconds provided"
                self._end(
                    S.MAX_RUNTIME_EXCEEDED,
                    message,
                    RunStatus.KILLED,
                    folder,
                    backend,
                    reason=message,
                )
            else:
                self._end(
                    S.COMPLETED, "Training job completed", RunStatus.FINISHED, folder, backend
                )
            return None
        self._upload(first_host, output, failed=True)
        self._end(
            S.FAILED, "Training job failed", RunStatus.FAILED, folder, backend, reason=failure
        )
        return None

    def _upload(self, host_folder: Path, output: str, failed: bool) -> None:
        objects = self.deps.objects
        if not failed:
            uri = staging.package(objects, host_folder / "model", join_uri(output, "model.tar.gz"))

            def keep(record: TrainingJobRecord) -> None:
                record.model_artifacts = uri

            self._update(keep)
        staging.package(
            objects,
            host_folder / "output" / "data",
            join_uri(output, "output.tar.gz"),
            always=False,
        )

    def _finish_stopped(
        self, folder: Path | None, request: CreateTrainingJobRequest, backend: Any = None
    ) -> None:
        self._end(S.STOPPED, "Training job stopped", RunStatus.KILLED, folder, backend)

    def _finish_failed(self, reason: str) -> None:
        record = self._record()
        if is_terminal(record):
            return
        backend = self.deps.backends.get((record.runtime or {}).get("backend", ""))
        if backend is not None:
            for unit in (record.runtime or {}).get("units", {}).values():
                try:
                    backend.stop(unit, 0)
                except Exception:
                    log.exception("Could not stop unit %s", unit)
        self._end(
            S.FAILED,
            "Training job failed",
            RunStatus.FAILED,
            self.deps.jobs_root / self.job,
            None,
            reason=reason,
        )

    def _end(
        self,
        to: S,
        message: str,
        run_status: RunStatus,
        folder: Path | None,
        backend: Any,
        reason: str | None = None,
    ) -> None:
        deps = self.deps
        record = self._record()
        final = []
        if record.run_id:
            try:
                latest = deps.experiments.latest_metrics(self.context, record.run_id)
                final = [
                    {"MetricName": item.key, "Value": item.value, "Timestamp": item.timestamp}
                    for item in latest
                ]
                deps.experiments.update_run(self.context, record.run_id, run_status)
            except Exception:
                log.exception("Could not close the run of training job %s", self.job)

        def close(record: TrainingJobRecord) -> None:
            record.final_metrics = final

        self._update(close)
        self._move(to, message, reason)
        deps.capacity.release(self.job)
        self._wake_waiting()
        if backend is not None:
            for state in self.hosts.values():
                try:
                    backend.remove(state.unit)
                except Exception:
                    log.exception("Could not remove unit %s", state.unit)
            if backend.name == "docker" and deps.docker_network == "bridge":
                backend.remove_network(f"mlstudio-{self.job}")
        if folder is not None and not deps.keep_job_folders:
            shutil.rmtree(folder, ignore_errors=True)

    def _wake_waiting(self) -> None:
        self.supervisor.wake_all()


def _merge_runtime(record: TrainingJobRecord, **values: Any) -> None:
    """JSON columns are not change-tracked in place: assign a new mapping."""
    record.runtime = {**(record.runtime or {}), **values}
