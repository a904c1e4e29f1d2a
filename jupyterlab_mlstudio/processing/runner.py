"""Runs one processing job from InProgress to a terminal state, in a thread of the supervisor.

The runner reserves the job's instances from the capacity ledger, stages each instance's inputs
into its ``/opt/ml/processing/...`` folders, starts one unit per instance, then stores every
log line with its read cursor (one transaction, so a restart neither loses nor repeats a
line), uploads ``Continuous`` outputs as they change, enforces stop requests and
MaxRuntimeInSeconds, and at the end uploads the outputs and records how the job ended. A
restarted server carries on with the units the last one started.
"""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..awsenv.environment import placement_for
from ..compute.capacity import Claim, Reservation
from ..compute.models import GIB, InstanceType
from ..core.clock import now_ms
from ..jobs.runner import JobRunner
from ..logs.service import LogLine
from ..runtime.base import RuntimeBackend, UnitError, UnitState
from ..training.outcome import failure_reason, succeeded
from ..training.staging import restore_results
from . import contract
from .jobs import LOG_GROUP, ProcessingDeps
from .models import CreateProcessingJobRequest
from .models import ProcessingJobStatus as S
from .orm import ProcessingJobRecord
from .staging import OutputSync, stage_input

if TYPE_CHECKING:
    from ..jobs.supervisor import JobRef, JobSupervisor
    from .jobs import ProcessingJobs

log = logging.getLogger(__name__)

TAIL_LINES = 5
#: How long an exited job's output must stay quiet before its log counts as complete.
DRAIN_QUIET_SECONDS = 0.5


class ProcessingRunner(JobRunner):
    """One job, start to finish; its status moves only through the supervisor."""

    def __init__(self, supervisor: JobSupervisor, kind: ProcessingJobs, ref: JobRef) -> None:
        super().__init__(supervisor, kind, ref)
        self.deps: ProcessingDeps = kind.deps
        self.job = ref.name
        self.folder = self.deps.jobs_root / self.job
        #: host -> unit, host -> log stream, host -> read cursor, host -> last lines.
        self.units: dict[str, str] = {}
        self.streams: dict[str, str] = {}
        self.cursors: dict[str, Any] = {}
        self.tails: dict[str, list[str]] = {}

    # -- narrow writes ---------------------------------------------------------------------

    def _save_runtime(self, **values: Any) -> None:
        def merge(record: ProcessingJobRecord) -> None:
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
        request = CreateProcessingJobRequest.model_validate(record.request)
        cluster = request.processing_resources.cluster_config
        instance = self.deps.catalogue.require(
            cluster.instance_type, field="ProcessingResources.ClusterConfig.InstanceType"
        )
        runtime = dict(record.runtime or {})
        backend = self.deps.backends.get(runtime.get("backend", ""))
        if backend is None:
            return self.fail(
                f"ClientError: the {runtime.get('backend')} backend is disabled on this server"
            )
        hosts = contract.host_names(cluster.instance_count)
        if runtime.get("units"):
            self._adopt(runtime, request, instance)
        else:
            if not self._reserve(request, instance):
                return self._end(S.STOPPED, "Processing job stopped", backend)
            self._prepare(request, record.arn, instance, hosts)
            if self._stop_requested():
                return self._end(S.STOPPED, "Processing job stopped", backend)
            try:
                self._start(request, record.owner, instance, hosts, runtime, backend)
            except UnitError as error:
                return self._end(
                    S.FAILED, "Processing job failed", backend, f"ClientError: {error}"
                )
        self._monitor(request, backend)
        self._finish(request, instance, backend)

    # -- capacity --------------------------------------------------------------------------

    def _claim(self, request: CreateProcessingJobRequest, instance: InstanceType) -> Claim:
        count = request.processing_resources.cluster_config.instance_count
        if (self.record().runtime or {}).get("backend") == "ray":
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

    def _reserve(self, request: CreateProcessingJobRequest, instance: InstanceType) -> bool:
        """Wait for memory and GPUs; False if the job was stopped while it waited."""
        reservation = self.wait_for_capacity(
            self.deps.capacity,
            self._claim(request, instance),
            stopped=self._stop_requested,
            waiting=lambda reason: self._save_runtime(waiting=f"Pending: {reason}"),
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

    def _adopt(
        self, runtime: dict[str, Any], request: CreateProcessingJobRequest, instance: InstanceType
    ) -> None:
        held = runtime.get("reservation")
        if held:
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
        self.units = dict(runtime["units"])
        self.streams = dict(runtime["streams"])
        self.cursors = dict(runtime.get("cursors") or {})

    # -- before it runs --------------------------------------------------------------------

    def _prepare(
        self,
        request: CreateProcessingJobRequest,
        arn: str,
        instance: InstanceType,
        hosts: list[str],
    ) -> None:
        """Each instance's /opt/ml: config files, staged inputs, empty output folders, and an
        /etc/hosts that names every instance."""
        if self.folder.exists():
            shutil.rmtree(self.folder)
        for index, host in enumerate(hosts):
            root = self.folder / host
            contract.write_config(root, request, arn, hosts, host, instance.name)
            for item in request.processing_inputs:
                stage_input(self.deps.objects, item, root, index, len(hosts), self.check_detached)
        outputs = request.processing_output_config
        OutputSync(
            self.deps.objects, outputs.outputs if outputs else [], [self.folder / h for h in hosts]
        ).prepare()
        original = Path("/etc/hosts").read_text() if Path("/etc/hosts").exists() else ""
        (self.folder / "hosts").write_text(f"127.0.0.1 localhost {' '.join(hosts)}\n{original}")

    def _start(
        self,
        request: CreateProcessingJobRequest,
        owner: str,
        instance: InstanceType,
        hosts: list[str],
        runtime: dict[str, Any],
        backend: RuntimeBackend,
    ) -> None:
        docker = backend.name == "docker"
        remote = backend.name == "ray"
        network = self.deps.docker_network if docker else None
        if docker and network == "bridge":
            network = f"mlstudio-{self.job}"
            backend.ensure_network(network)  # type: ignore[attr-defined]
        private = bool(getattr(backend, "private_mounts", False))
        aws = (
            self.deps.aws.setup(
                # A remote unit gets the files, like a container, at the container's paths.
                owner,
                placement_for(container=docker or remote, private_mounts=private),
            )
            if self.deps.aws is not None
            else None
        )
        specs = contract.unit_specs(
            job=self.job,
            request=request,
            instance=instance,
            folder=self.folder,
            hosts=hosts,
            image=runtime["image"],
            docker=docker,
            private_mounts=private,
            gpus=list((runtime.get("reservation") or {}).get("gpus") or []),
            settings=contract.UnitSettings(
                supervisor_id=self.deps.supervisor_id,
                stop_grace_seconds=self.deps.stop_grace_seconds,
                network=network,
            ),
            aws=aws,
        )
        if remote:
            # The unit's wrapper sends its outputs back to this server when it ends.
            server = self.deps.aws
            specs = contract.remote_specs(
                specs,
                request,
                server.server_url if server is not None else "",
                server.server_token if server is not None else "",
            )
        started = int(time.time())
        for host, spec in specs.items():
            try:
                self.units[host] = backend.start(spec)
            except UnitError:
                for unit in self.units.values():
                    backend.stop(unit, 0)
                raise
        self.streams = {host: f"{self.job}/{host}-{started}" for host in hosts}

        def stamp(record: ProcessingJobRecord) -> None:
            record.processing_start_time = now_ms()
            record.runtime = {
                **(record.runtime or {}),
                "units": self.units,
                "streams": self.streams,
                "cursors": {},
            }

        self.supervisor.write(self.ref, stamp)

    # -- while it runs ---------------------------------------------------------------------

    def _collect(self, backend: RuntimeBackend) -> int:
        """Store each instance's new lines with its cursor, in one transaction per read."""
        total = 0
        for host, unit in self.units.items():
            read = backend.read_logs(unit, self.cursors.get(host))
            if not read.lines:
                continue
            lines = [LogLine(stamp, text) for stamp, text in read.lines]
            tail = self.tails.setdefault(host, [])
            tail.extend(line.message for line in lines[-TAIL_LINES:])
            del tail[:-TAIL_LINES]
            with self.supervisor.transaction(self.ref) as (session, record):
                self.deps.logs.append(session, self.context, LOG_GROUP, self.streams[host], lines)
                runtime = dict(record.runtime or {})
                runtime["cursors"] = {**(runtime.get("cursors") or {}), host: read.cursor}
                record.runtime = runtime
            self.cursors[host] = read.cursor
            total += len(lines)
        return total

    def _monitor(self, request: CreateProcessingJobRequest, backend: RuntimeBackend) -> None:
        outputs = request.processing_output_config
        sync = OutputSync(
            self.deps.objects,
            outputs.outputs if outputs else [],
            [self.folder / host for host in self.units],
        )
        record = self.record()
        stop_sent = (record.runtime or {}).get("stop_sent")
        limit = (
            request.stopping_condition.max_runtime_in_seconds
            if request.stopping_condition
            else None
        )
        started = record.processing_start_time or now_ms()
        next_upload = time.monotonic() + self.deps.upload_interval
        while True:
            self.check_detached()
            statuses = {host: backend.status(unit) for host, unit in self.units.items()}
            collected = self._collect(backend)
            running = [h for h, s in statuses.items() if s.state == UnitState.RUNNING]
            if not running:
                break
            reason = None
            # The supervisor's request_stop sets the flag (and execute() does for an adopted
            # job already Stopping): no need to read the record on every turn.
            if self.stop_requested.is_set():
                reason = "stop"
            elif limit is not None and now_ms() - started > limit * 1000:
                reason = "max_runtime"
            elif any(s.state != UnitState.RUNNING and not succeeded(s) for s in statuses.values()):
                reason = "host_failed"
            if reason and not stop_sent:
                stop_sent = reason
                self._save_runtime(stop_sent=reason)
                if reason == "max_runtime":
                    # SageMaker stops a job that reaches its stopping condition.
                    self.move(S.STOPPING, _over_time(limit))
                grace = 10.0 if reason == "host_failed" else self.deps.stop_grace_seconds
                for host in running:
                    backend.stop(self.units[host], grace)
            if time.monotonic() >= next_upload:
                next_upload = time.monotonic() + self.deps.upload_interval
                sync.continuous()
            if not collected:
                self.pause(self.deps.poll_interval)
        # A container engine may still be writing an exited unit's last lines (a traceback on
        # stderr): read until it has been quiet for a moment, so the failure reason has them.
        quiet_since = time.monotonic()
        while time.monotonic() - quiet_since < DRAIN_QUIET_SECONDS:
            self.check_detached()
            if self._collect(backend):
                quiet_since = time.monotonic()
            else:
                self.pause(0.05)
        sync.continuous()

    # -- the end ---------------------------------------------------------------------------

    def _finish(
        self, request: CreateProcessingJobRequest, instance: InstanceType, backend: RuntimeBackend
    ) -> None:
        self._fetch_results(backend)
        record = self.record()
        why = (record.runtime or {}).get("stop_sent")
        message, unreadable = contract.read_exit_message(
            [self.folder / host for host in self.units]
        )
        if why == "max_runtime":
            limit = request.stopping_condition.max_runtime_in_seconds  # type: ignore[union-attr]
            return self._end(S.STOPPED, _over_time(limit), backend, exit_message=message)
        if record.status == S.STOPPING.value or why == "stop":
            return self._end(S.STOPPED, "Processing job stopped", backend, exit_message=message)
        statuses = [
            (host, backend.status(unit), self.tails.get(host, []))
            for host, unit in self.units.items()
        ]
        failure = failure_reason(statuses, instance, self.folder) or unreadable
        if failure is None:
            outputs = request.processing_output_config
            try:
                OutputSync(
                    self.deps.objects,
                    outputs.outputs if outputs else [],
                    [self.folder / host for host in self.units],
                ).everything()
            except Exception as error:
                log.exception("Could not upload the outputs of %s", self.job)
                reason = f"ClientError: could not upload the outputs: {error}"
                return self._end(S.FAILED, "Processing job failed", backend, reason, message)
            return self._end(S.COMPLETED, "Processing job completed", backend, None, message)
        return self._end(S.FAILED, "Processing job failed", backend, failure, message)

    def _fetch_results(self, backend: RuntimeBackend) -> None:
        """Bring home what hosts on another machine wrote to their outputs and output/
        (nothing to do for local units); a host whose files did not come is logged here."""
        for host, unit in self.units.items():
            try:
                uri = backend.results(unit)
                if uri is not None:
                    restore_results(self.deps.objects, uri, self.folder / host)
            except Exception:
                log.exception("Could not fetch what %s of %s wrote", host, self.job)

    def fail(self, reason: str) -> None:
        """A failure of the server itself (or of the request): stop what runs and record it."""
        record = self.record()
        if self.kind.machine.is_terminal(record):
            return
        runtime = record.runtime or {}
        backend = self.deps.backends.get(runtime.get("backend", ""))
        self.units = self.units or dict(runtime.get("units") or {})
        if backend is not None:
            for unit in self.units.values():
                try:
                    backend.stop(unit, 0)
                except Exception:
                    log.exception("Could not stop unit %s", unit)
        self._end(S.FAILED, "Processing job failed", backend, reason)

    def _end(
        self,
        to: S,
        message: str,
        backend: RuntimeBackend | None,
        reason: str | None = None,
        exit_message: str | None = None,
    ) -> None:
        if to == S.FAILED and self.record().status == S.STOPPING.value:
            to, message, reason = S.STOPPED, "Processing job stopped", None

        def close(record: ProcessingJobRecord) -> None:
            record.exit_message = exit_message

        if backend is not None:
            for unit in self.units.values():
                try:
                    backend.stop(unit, 0)
                    backend.wait(unit, 5)
                except Exception:
                    log.exception("Could not stop unit %s", unit)
            if self.units:
                self._collect(backend)
        self.move(to, message, reason, changes=close)
        self.deps.capacity.release(self.ref.key)
        if backend is not None:
            for unit in self.units.values():
                try:
                    backend.remove(unit)
                except Exception:
                    log.exception("Could not remove unit %s", unit)
            if backend.name == "docker" and self.deps.docker_network == "bridge":
                backend.remove_network(f"mlstudio-{self.job}")  # type: ignore[attr-defined]
        if not self.deps.keep_job_folders:
            shutil.rmtree(self.folder, ignore_errors=True)


def _over_time(limit: int | None) -> str:
    return f"Processing job stopped: it ran longer than its MaxRuntimeInSeconds ({limit})"
