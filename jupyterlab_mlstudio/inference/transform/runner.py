"""Runs one transform job from InProgress to a terminal state, in a thread of the supervisor.

The runner reserves the job's instances from the capacity ledger, stages the model once for
all of them, starts one serving unit per instance (the same units endpoints run) and waits for
their health checks, then lets ``work.TransformWork`` send the data through them while it
stores the units' log lines (``/aws/sagemaker/TransformJobs``, one stream per instance), keeps
the progress, and enforces stop requests. Finished objects are remembered, so a restarted
server carries on with the objects not yet written.
"""

from __future__ import annotations

import logging
import shutil
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...compute.capacity import Claim, Reservation
from ...compute.models import GIB, InstanceType
from ...core.clock import now_ms
from ...core.errors import MLStudioError
from ...jobs.runner import JobRunner
from ...logs.service import LogLine
from ...runtime.base import RuntimeBackend, UnitError
from ...serving.health import UnitNotHealthy, exit_reason, wait_healthy
from ...serving.staging import stage_model
from ...serving.units import (
    ModelSpec,
    allocate_port,
    serving_unit_spec,
    unit_host,
    unit_name,
    unit_url,
)
from .jobs import LOG_GROUP, TransformDeps
from .models import CreateTransformJobRequest
from .models import TransformJobStatus as S
from .orm import TransformJobRecord
from .records import Processing
from .work import TransformFailed, TransformWork, input_objects, settings_for

if TYPE_CHECKING:
    from ...jobs.supervisor import JobRef, JobSupervisor
    from .jobs import TransformJobs

log = logging.getLogger(__name__)

PROGRESS_INTERVAL = 0.5
TAIL_LINES = 5


@dataclass
class Host:
    """One instance of the job: its unit, port, log stream and last lines."""

    name: str
    unit: str
    port: int
    stream: str
    cursor: Any = None
    tail: deque[str] = field(default_factory=lambda: deque(maxlen=TAIL_LINES))
    #: Where its port is reached: loopback, or the cluster node it runs on.
    address: str = "127.0.0.1"

    @property
    def url(self) -> str:
        return unit_url(self.port, self.address)


class TransformRunner(JobRunner):
    """One job, start to finish; its status moves only through the supervisor."""

    def __init__(self, supervisor: JobSupervisor, kind: TransformJobs, ref: JobRef) -> None:
        super().__init__(supervisor, kind, ref)
        self.deps: TransformDeps = kind.deps
        self.job = ref.name
        self.hosts: list[Host] = []
        self.backend: RuntimeBackend | None = None
        self._log_lock = threading.Lock()
        self._units_removed = False

    # -- narrow writes ---------------------------------------------------------------------

    def _save_runtime(self, **values: Any) -> None:
        def merge(record: TransformJobRecord) -> None:
            record.runtime = {**(record.runtime or {}), **values}

        self.supervisor.write(self.ref, merge)

    def _stop_requested(self) -> bool:
        return self.stop_requested.is_set() or self.record().status == S.STOPPING.value

    # -- the job ---------------------------------------------------------------------------

    def execute(self) -> None:
        record = self.record()
        if self.kind.machine.is_terminal(record):
            return
        if record.status == S.STOPPING.value:
            self.stop_requested.set()
        request = CreateTransformJobRequest.model_validate(record.request)
        model = ModelSpec(**record.model)
        instance = self.deps.catalogue.require(
            request.transform_resources.instance_type, field="TransformResources.InstanceType"
        )
        backend = self.deps.backends.get(model.backend)
        if backend is None:
            return self.fail(f"ClientError: the {model.backend} backend is disabled on this server")
        self.backend = backend
        runtime = dict(record.runtime or {})
        if runtime.get("reservation"):
            self._adopt_reservation(runtime, request, instance)
        elif not self._reserve(request, instance):
            return self._end(S.STOPPED, "Transform job stopped")
        if self.stop_requested.is_set():
            return self._end(S.STOPPED, "Transform job stopped")
        try:
            self._start_hosts(model, request, instance, backend, runtime)
        except UnitNotHealthy as error:
            return self._end(S.FAILED, "Transform job failed", self._algorithm_error(error.reason))
        except (MLStudioError, UnitError) as error:
            message = getattr(error, "message", None) or str(error)
            return self._end(S.FAILED, "Transform job failed", f"ClientError: {message}")
        if self.stop_requested.is_set():
            return self._end(S.STOPPED, "Transform job stopped")
        self._transform(request)

    # -- capacity --------------------------------------------------------------------------

    def _claim(self, request: CreateTransformJobRequest, instance: InstanceType) -> Claim:
        count = request.transform_resources.instance_count
        if self.record().model.get("backend") == "ray":
            count = 0  # the cluster's scheduler holds its resources, not this host
        return Claim(
            kind=self.ref.kind,
            name=self.job,
            holder=self.ref.key,
            owner=self.context.owner,
            instance_type=instance.name,
            memory_bytes=0 if instance.local else int(instance.memory_gib * GIB) * count,
            gpus=instance.gpus * count,
            vcpus=instance.effective_vcpus * count,
        )

    def _reserve(self, request: CreateTransformJobRequest, instance: InstanceType) -> bool:
        """Wait for memory and GPUs; False if the job was stopped while it waited."""

        def waiting(reason: str) -> None:
            self._save_runtime(waiting=f"Pending: {reason}")

        reservation = self.wait_for_capacity(
            self.deps.capacity,
            self._claim(request, instance),
            stopped=self._stop_requested,
            waiting=waiting,
        )
        if reservation is None:
            return False
        self._save_runtime(
            waiting=None,
            reservation={
                "memory_bytes": reservation.memory_bytes,
                "gpus": reservation.gpus,
                "vcpus": reservation.vcpus,
            },
        )
        return True

    def _adopt_reservation(
        self, runtime: dict[str, Any], request: CreateTransformJobRequest, instance: InstanceType
    ) -> None:
        held = runtime["reservation"]
        claim = self._claim(request, instance)
        self.deps.capacity.adopt(
            Reservation(
                holder=claim.holder,
                kind=claim.kind,
                name=claim.name,
                owner=claim.owner,
                instance_type=claim.instance_type,
                memory_bytes=held["memory_bytes"],
                gpus=list(held["gpus"]),
                vcpus=float(held.get("vcpus", claim.vcpus)),
                since=now_ms(),
            )
        )

    # -- units -----------------------------------------------------------------------------

    def _start_hosts(
        self,
        model: ModelSpec,
        request: CreateTransformJobRequest,
        instance: InstanceType,
        backend: RuntimeBackend,
        runtime: dict[str, Any],
    ) -> None:
        """Carry on with the units a previous server started if they all still run; otherwise
        start one per instance, then wait until every one is healthy."""
        if runtime.get("hosts"):
            self.hosts = [
                Host(
                    item["name"],
                    item["unit"],
                    item["port"],
                    item["stream"],
                    item.get("cursor"),
                    address=item.get("address") or "127.0.0.1",
                )
                for item in runtime["hosts"]
            ]
            if all(exit_reason(backend, host.unit) is None for host in self.hosts):
                self._wait_healthy(backend)
                return
            self._stop_units(grace=0)
            self._units_removed = False
        folder = self.deps.jobs_root / self.job / "opt_ml"
        stage_model(self.deps.objects, model, folder)
        gpus = list((runtime.get("reservation") or {}).get("gpus") or [])
        per_host = instance.gpus
        payload = request.max_payload_in_mb or 100
        timeout = (
            request.model_client_config.invocations_timeout_in_seconds
            if request.model_client_config
            else 600
        )
        started = int(time.time())
        aws = self.deps.aws_for(self.context.owner, backend)
        self.hosts = []
        for index in range(1, request.transform_resources.instance_count + 1):
            self.check_detached()
            port = allocate_port()
            name = f"algo-{index}"
            spec = serving_unit_spec(
                model,
                backend=backend,
                instance_type=instance,
                name=unit_name("transform", self.job, "algo", index),
                group=self.job,
                variant="algo",
                index=index,
                port=port,
                folder=folder,
                settings=self.deps.serving,
                kind=self.ref.kind,
                gpus=gpus[(index - 1) * per_host : index * per_host],
                environment={
                    **request.environment,
                    "SAGEMAKER_MAX_PAYLOAD_IN_MB": str(max(payload, 1)),
                    "SAGEMAKER_MODEL_SERVER_TIMEOUT": str(timeout),
                },
                aws=aws,
            )
            unit = backend.start(spec)
            self.hosts.append(Host(name, unit, port, f"{self.job}/{name}-{started}"))
            self.hosts[-1].address = unit_host(backend, unit)
            self._save_hosts()
        self._save_runtime(started=now_ms())

        def stamp(record: TransformJobRecord) -> None:
            record.transform_start_time = record.transform_start_time or now_ms()

        self.supervisor.write(self.ref, stamp)
        self._wait_healthy(backend)

    def _save_hosts(self) -> None:
        self._save_runtime(
            hosts=[
                {
                    "name": host.name,
                    "unit": host.unit,
                    "port": host.port,
                    "stream": host.stream,
                    "cursor": host.cursor,
                    "address": host.address,
                }
                for host in self.hosts
            ]
        )

    def _wait_healthy(self, backend: RuntimeBackend) -> None:
        for host in self.hosts:

            def alive(unit: str = host.unit) -> str | None:
                self._collect()
                return exit_reason(backend, unit)

            try:
                wait_healthy(
                    host.url,
                    self.deps.serving.health_timeout_seconds,
                    alive=alive,
                    stopped=lambda: self.stop_requested.is_set() or self.detached.is_set(),
                )
            except UnitNotHealthy as error:
                self.check_detached()
                if self.stop_requested.is_set():
                    return
                raise UnitNotHealthy(f"{host.name}: {error.reason}") from error

    def _stop_units(self, grace: float) -> None:
        backend = self.backend
        if backend is None or self._units_removed or not self.hosts:
            return
        self._units_removed = True
        for host in self.hosts:
            try:
                backend.stop(host.unit, grace)
            except Exception:
                log.exception("Could not stop unit %s", host.unit)
        for host in self.hosts:
            try:
                backend.wait(host.unit, grace + 5)
            except Exception:
                log.exception("Could not wait for unit %s", host.unit)
        self._collect()
        for host in self.hosts:
            try:
                backend.remove(host.unit)
            except Exception:
                log.exception("Could not remove unit %s", host.unit)

    # -- logs ------------------------------------------------------------------------------

    def _collect(self) -> int:
        """Store the new output lines of every unit with their cursors."""
        backend = self.backend
        if backend is None:
            return 0
        total = 0
        with self._log_lock:
            for host in self.hosts:
                read = backend.read_logs(host.unit, host.cursor)
                if not read.lines:
                    continue
                lines = [LogLine(timestamp, message) for timestamp, message in read.lines]
                host.tail.extend(line.message for line in lines)
                with self.supervisor.transaction(self.ref) as (session, record):
                    self.deps.logs.append(session, self.context, LOG_GROUP, host.stream, lines)
                    hosts = [
                        {**item, "cursor": read.cursor} if item["name"] == host.name else item
                        for item in (record.runtime or {}).get("hosts", [])
                    ]
                    record.runtime = {**(record.runtime or {}), "hosts": hosts}
                host.cursor = read.cursor
                total += len(lines)
        return total

    def _algorithm_error(self, reason: str) -> str:
        self._collect()
        last = next(
            (line for host in self.hosts for line in reversed(host.tail) if line.strip()), ""
        )
        detail = f" Last output: {last.strip()[:600]}" if last else ""
        return f"AlgorithmError: {reason}.{detail}"

    # -- the data --------------------------------------------------------------------------

    def _transform(self, request: CreateTransformJobRequest) -> None:
        backend = self.backend
        assert backend is not None
        record = self.record()
        progress = dict(record.progress or {})
        done = set(progress.get("done") or [])
        counts = {
            "records": int(progress.get("records_done") or 0),
            "requests": int(progress.get("requests_done") or 0),
        }

        def on_object(relative: str, records: int) -> None:
            counts["records"] += records

        work = TransformWork(
            objects=self.deps.objects,
            request=request,
            processing=Processing.of(request),
            settings=settings_for(request, self.hosts[0].url),
            urls=[host.url for host in self.hosts],
            done=done,
            on_object=on_object,
            stopped=lambda: self.stop_requested.is_set() or self.detached.is_set(),
            unit_failure=lambda index: self._unit_failure(backend, index),
        )
        failure: list[str] = []
        total = 0
        try:
            entries = input_objects(self.deps.objects, request)
            if not entries:
                source = request.transform_input.data_source.s3_data_source.s3_uri
                failure.append(f"ClientError: No objects found under {source}")
            total = len(entries)
            work.plan(entries)
        except MLStudioError as error:
            failure.append(f"ClientError: {error.message}")

        def run() -> None:
            try:
                work.run()
            except TransformFailed as error:
                failure.append(str(error))

        thread = threading.Thread(target=run, name=f"transform-{self.job}", daemon=True)
        if not failure:
            thread.start()
        last_write = 0.0
        while thread.is_alive():
            self._collect()
            if self.detached.is_set():
                thread.join()
                self._save_progress(total, work, counts)
                self.check_detached()
            if time.monotonic() - last_write > PROGRESS_INTERVAL:
                last_write = time.monotonic()
                self._save_progress(total, work, counts)
            self.pause(self.deps.poll_interval)
        self._save_progress(total, work, counts)
        if self.stop_requested.is_set():
            self._stop_units(self.deps.serving.stop_grace_seconds)
            return self._end(S.STOPPED, "Transform job stopped")
        self._stop_units(self.deps.serving.stop_grace_seconds)
        if failure:
            return self._end(S.FAILED, "Transform job failed", failure[0])
        return self._end(S.COMPLETED, "Transform job completed")

    def _unit_failure(self, backend: RuntimeBackend, index: int) -> str | None:
        reason = exit_reason(backend, self.hosts[index].unit)
        if reason is None:
            return None
        return self._algorithm_error(f"{self.hosts[index].name}: {reason}")

    def _save_progress(self, total: int, work: TransformWork, counts: dict[str, int]) -> None:
        with work.lock:
            progress = {
                "objects_total": total,
                "objects_done": len(work.done),
                "records_done": counts["records"],
                "requests_done": counts["requests"] + work.requests,
                "done": sorted(work.done),
            }

        def keep(record: TransformJobRecord) -> bool:
            changed = dict(record.progress or {}) != progress
            record.progress = progress
            return changed

        if self.supervisor.write(self.ref, keep):
            snapshot = self.kind.snapshot(self.ref, self.record(), "progress")
            where = (self.ref.context.domain, self.ref.context.space)
            self.deps.events.emit("transform-job", snapshot, where=where)

    # -- the end ---------------------------------------------------------------------------

    def fail(self, reason: str) -> None:
        """A failure of the server itself (or of the request): stop what runs and record it."""
        record = self.record()
        if self.kind.machine.is_terminal(record):
            return
        if self.backend is None:
            self.backend = self.deps.backends.get((record.model or {}).get("backend", ""))
        if not self.hosts:
            self.hosts = [
                Host(item["name"], item["unit"], item["port"], item["stream"], item.get("cursor"))
                for item in (record.runtime or {}).get("hosts", [])
            ]
        self._stop_units(grace=0)
        self._end(S.FAILED, "Transform job failed", reason)

    def _end(self, to: S, message: str, reason: str | None = None) -> None:
        record = self.record()
        if to == S.FAILED and record.status == S.STOPPING.value:
            to, message = S.STOPPED, "Transform job stopped"
            reason = None
        if self.hosts and to != S.COMPLETED:
            self._stop_units(grace=0)
        self.move(to, message, reason)
        self.deps.capacity.release(self.ref.key)
        if not self.deps.keep_job_folders:
            shutil.rmtree(self.deps.jobs_root / self.job, ignore_errors=True)
