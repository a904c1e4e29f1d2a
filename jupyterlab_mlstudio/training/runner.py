"""Runs one training job from Starting to a terminal state, in a thread of the supervisor.

The runner prepares the hosts' /opt/ml folders, starts one unit per host, stores every log
line and the metrics its regexes find (with the read cursor, in one transaction, so a restart
neither loses nor repeats a line), enforces stop requests and MaxRuntimeInSeconds, and finally
uploads the model and output and records how the job ended.
"""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..compute.capacity import Claim, Reservation
from ..compute.models import GIB, InstanceType
from ..core.clock import now_ms
from ..experiments.models import RunStatus
from ..jobs.runner import Detached, JobRunner
from ..objects.router import join_uri
from ..runtime.base import UnitState
from . import contract, staging
from .artifacts import publish_to_run
from .launch import prepare_folders, start_units, training_message
from .metric_extraction import MetricExtractor
from .models import CreateTrainingJobRequest
from .orm import TrainingJobRecord
from .outcome import failure_reason, succeeded
from .output import LOG_GROUP as LOG_GROUP  # the handlers' import
from .output import HostState, JobOutput
from .states import SecondaryStatus as S

if TYPE_CHECKING:
    from ..jobs.supervisor import JobRef, JobSupervisor
    from .jobs import TrainingJobs

log = logging.getLogger(__name__)

FAST_POLL = 0.01  # seconds between reads while output flows, and just after a start
FAST_WINDOW = 3.0


class TrainingRunner(JobRunner):
    """One job, start to finish. Its status moves through the supervisor; everything else it
    writes goes through the narrow savers below (runtime, model artifacts, log cursors)."""

    def __init__(self, supervisor: JobSupervisor, kind: TrainingJobs, ref: JobRef) -> None:
        super().__init__(supervisor, kind, ref)
        self.deps = kind.deps
        self.job = ref.name
        self.hosts: dict[str, HostState] = {}
        #: Steps counted so far per metric (stored with the points).
        self.metric_steps: dict[str, int] = {}
        self.output: JobOutput | None = None

    # -- narrow writes ---------------------------------------------------------------------

    def _save_runtime(self, **values: Any) -> None:
        """Merge ``values`` into the record's runtime (JSON columns are not change-tracked in
        place: a new mapping is assigned)."""
        self.supervisor.write(self.ref, _merge_runtime(values))

    def _save_model_artifacts(self, uri: str | None) -> None:
        def keep(record: TrainingJobRecord) -> None:
            record.model_artifacts = uri

        self.supervisor.write(self.ref, keep)

    def _stop_requested(self) -> bool:
        return self.record().secondary_status == S.STOPPING.value

    # -- the job ---------------------------------------------------------------------------

    def execute(self) -> None:
        try:
            self._execute()
        except Detached:
            # The next server (or supervisor) stores the rest from the stored cursors.
            if self.output is not None:
                self.output.forget()
            raise

    def _execute(self) -> None:
        record = self.record()
        if self.kind.machine.is_terminal(record):
            if (record.runtime or {}).get("logs_pending"):
                self._store_remaining_logs(record)
            return None
        request = CreateTrainingJobRequest.model_validate(record.request, context={"aws": True})
        instance = self.deps.catalogue.get(request.resource_config.instance_type)
        runtime = dict(record.runtime or {})
        backend = self.deps.backends[runtime["backend"]]
        hosts = contract.host_names(request.resource_config.instance_count)
        folder = self.deps.jobs_root / self.job
        if runtime.get("units"):
            self._adopt(runtime, request, instance)
        else:
            if not self._reserve(request, instance, runtime):
                return self._finish_stopped(None)
            # The reservation commits with the move to Downloading: a job's start waits for
            # as few transactions as it can (each is a commit to the record store).
            held = {"reservation": runtime["reservation"]}
            record = self.record()
            if record.secondary_status == S.STOPPING.value:
                self._save_runtime(**held)
                return self._finish_stopped(None)
            # A job the last server left while downloading downloads again, without a move.
            if record.secondary_status != S.DOWNLOADING.value:
                self.move(S.DOWNLOADING, "Downloading input data", changes=_merge_runtime(held))
            else:
                self._save_runtime(**held)
            prepare_folders(
                self.deps.objects, request, instance, folder, hosts, self.check_detached
            )
            self.check_detached()
            if self._stop_requested():
                return self._finish_stopped(folder)
            units, streams = start_units(
                self.deps,
                self.job,
                self.record(),
                request,
                instance,
                folder,
                hosts,
                runtime,
                backend,
            )
            started = {"units": units, "streams": streams, "cursors": {}, "scan_cursors": {}}
            started["steps"] = {}
            runtime.update(started)
            self.hosts = {host: HostState(host, units[host], streams[host]) for host in hosts}
            # The units and the move to Training commit together (one transaction fewer
            # between the units' start and their first stored line).
            self.move(
                S.TRAINING, training_message(runtime["backend"]), changes=_merge_runtime(started)
            )
        self._monitor(request, folder, backend)
        return self._finish(instance, request, folder, backend)

    # -- capacity --------------------------------------------------------------------------

    def _claim(self, request: CreateTrainingJobRequest, instance: InstanceType) -> Claim:
        count = request.resource_config.instance_count
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

    def _reserve(
        self, request: CreateTrainingJobRequest, instance: InstanceType, runtime: dict[str, Any]
    ) -> bool:
        """Wait for memory and GPUs; False if the job was stopped while it waited."""
        reservation = self.wait_for_capacity(
            self.deps.capacity,
            self._claim(request, instance),
            stopped=self._stop_requested,
            waiting=lambda reason: self.move(S.PENDING, f"Pending: {reason}"),
        )
        if reservation is None:
            return False
        held = {
            "memory_bytes": reservation.memory_bytes,
            "gpus": reservation.gpus,
            "vcpus": reservation.vcpus,
        }
        runtime["reservation"] = held  # saved by the caller, with the next move
        return True

    def _adopt(
        self, runtime: dict[str, Any], request: CreateTrainingJobRequest, instance: InstanceType
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
        self.hosts = self._hosts_of(runtime)

    def _hosts_of(self, runtime: dict[str, Any]) -> dict[str, HostState]:
        """Hosts, read positions and step counts as the record keeps them."""
        cursors = runtime.get("cursors") or {}
        # A job started by an older server stored lines and metric points with one cursor.
        scanned = runtime.get("scan_cursors", cursors)
        self.metric_steps = dict(runtime.get("steps") or {})
        return {
            host: HostState(
                host,
                unit,
                runtime["streams"][host],
                cursor=cursors.get(host),
                scan_cursor=(scanned or {}).get(host),
            )
            for host, unit in runtime["units"].items()
        }

    # -- while it runs ---------------------------------------------------------------------

    def _monitor(self, request: CreateTrainingJobRequest, folder: Path, backend: Any) -> None:
        deps = self.deps
        metrics = MetricExtractor(request.algorithm_specification.metric_definitions)
        output = self.output = JobOutput(self, self.hosts, metrics)
        output.follow(backend)
        syncer = (
            staging.CheckpointSync(deps.objects, request.checkpoint_config.s3_uri)
            if request.checkpoint_config
            else None
        )
        next_sync = time.monotonic() + deps.checkpoint_interval
        record = self.record()
        stop_sent = bool(record.runtime.get("stop_sent"))
        if record.secondary_status == S.STOPPING.value:
            self.stop_requested.set()
        training_start = record.training_start_time
        max_runtime_ms = request.stopping_condition.max_runtime_in_seconds * 1000
        interval = FAST_POLL
        fast_until = time.monotonic() + FAST_WINDOW
        while True:
            self.check_detached()
            for state in self.hosts.values():
                state.status = backend.status(state.unit)
            collected = output.scan(backend)
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
                self._save_runtime(stop_sent=reason)
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
            self.pause(interval)
        # Everything has exited: search what is left of the output (reading is fast; storing
        # it goes on in the log ingest while the job ends).
        while output.scan(backend):
            self.check_detached()
        output.end()
        self._fetch_results(backend, folder)
        if syncer is not None:
            for host in self.hosts:
                syncer.sync(folder / host / "checkpoints")

    def _fetch_results(self, backend: Any, folder: Path) -> None:
        """Bring home what hosts on another machine wrote (nothing to do for local units).
        A host whose files did not come says so in its log stream's place: the server log."""
        for state in self.hosts.values():
            try:
                uri = backend.results(state.unit)
                if uri is not None:
                    staging.restore_results(self.deps.objects, uri, folder / state.host)
            except Exception:
                log.exception("Could not fetch what %s of %s wrote", state.host, self.job)

    # -- the end ---------------------------------------------------------------------------

    def _finish(
        self, instance: InstanceType, request: CreateTrainingJobRequest, folder: Path, backend: Any
    ) -> None:
        record = self.record()
        why = record.runtime.get("stop_sent")
        output = join_uri(request.output_path, self.job, "output")
        first_host = folder / next(iter(self.hosts))
        if record.secondary_status == S.STOPPING.value:
            self._upload(first_host, output, failed=False)
            self._publish(request)
            return self._finish_stopped(folder, backend)
        failure = failure_reason(
            ((state.host, state.status, list(state.tail)) for state in self.hosts.values()),
            instance,
            folder,
        )
        if failure is None or why == "max_runtime":
            # A server that stopped while uploading left the job in Uploading: upload again.
            if record.secondary_status != S.UPLOADING.value:
                self.move(S.UPLOADING, "Uploading generated training model")
            self._upload(first_host, output, failed=False)
            self._publish(request)
            if why == "max_runtime":
                message = "Training job exceeded MaxRuntimeInSeconds provided"
                self._end(
                    S.MAX_RUNTIME_EXCEEDED, message, RunStatus.KILLED, folder, backend, message
                )
            else:
                self._end(
                    S.COMPLETED, "Training job completed", RunStatus.FINISHED, folder, backend
                )
            return None
        self._upload(first_host, output, failed=True)
        self._publish(request)
        self._end(S.FAILED, "Training job failed", RunStatus.FAILED, folder, backend, failure)
        return None

    def _upload(self, host_folder: Path, output: str, failed: bool) -> None:
        objects = self.deps.objects
        if not failed:
            uri = staging.package(objects, host_folder / "model", join_uri(output, "model.tar.gz"))
            self._save_model_artifacts(uri)
        staging.package(
            objects,
            host_folder / "output" / "data",
            join_uri(output, "output.tar.gz"),
            always=False,
        )

    def _publish(self, request: CreateTrainingJobRequest) -> None:
        """The model and output among the run's artifacts; a failure costs the copy only."""
        run_id = self.record().run_id
        if not run_id or self.deps.artifacts is None:
            return
        try:
            publish_to_run(
                self.deps.objects,
                self.deps.artifacts,
                self.deps.experiments,
                self.context,
                run_id,
                request,
                self.job,
            )
        except Exception:
            log.exception("Could not copy the model of %s among its run's artifacts", self.job)

    def _finish_stopped(self, folder: Path | None, backend: Any = None) -> None:
        self._end(S.STOPPED, "Training job stopped", RunStatus.KILLED, folder, backend)

    def fail(self, reason: str) -> None:
        """A failure of the server itself: stop whatever runs and record it."""
        record = self.record()
        if self.kind.machine.is_terminal(record):
            return
        backend = self.deps.backends.get((record.runtime or {}).get("backend", ""))
        if backend is not None:
            for unit in (record.runtime or {}).get("units", {}).values():
                try:
                    backend.stop(unit, 0)
                except Exception:
                    log.exception("Could not stop unit %s", unit)
        folder = self.deps.jobs_root / self.job
        self._end(S.FAILED, "Training job failed", RunStatus.FAILED, folder, None, reason)

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
        record = self.record()
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

        # Units that ran leave output the log ingest may still be storing: the record says so
        # until it is done, so that a restarted server finishes it.
        pending = self.output is not None and backend is not None

        def close(record: TrainingJobRecord) -> None:
            record.final_metrics = final
            if pending:
                record.runtime = {**(record.runtime or {}), "logs_pending": True}

        self.move(to, message, reason, changes=close)
        deps.capacity.release(self.ref.key)
        if self.output is not None and not pending:
            self.output.forget()
        self._clean_up(backend, folder)

    def _clean_up(self, backend: Any, folder: Path | None) -> None:
        """Once the job's output is stored, remove its units, network and folder."""
        deps = self.deps
        if backend is not None:
            if self.output is not None:
                self.output.wait_stored()
                self._save_runtime(logs_pending=False)
            for state in self.hosts.values():
                try:
                    backend.remove(state.unit)
                except Exception:
                    log.exception("Could not remove unit %s", state.unit)
            if backend.name == "docker" and deps.docker_network == "bridge":
                backend.remove_network(f"mlstudio-{self.job}")
        if folder is not None and not deps.keep_job_folders:
            shutil.rmtree(folder, ignore_errors=True)

    def _store_remaining_logs(self, record: TrainingJobRecord) -> None:
        """A job that ended while its log was being stored (then the server went away): store
        the rest, then clean up as the job's end would have."""
        runtime = dict(record.runtime or {})
        backend = self.deps.backends.get(runtime.get("backend", ""))
        self.hosts = self._hosts_of(runtime)
        if backend is not None:
            self.output = JobOutput(self, self.hosts, MetricExtractor([]))
            self.output.follow(backend, ended=True)
        else:
            self._save_runtime(logs_pending=False)  # its backend is switched off here now
        self._clean_up(backend, self.deps.jobs_root / self.job)


def _merge_runtime(values: dict[str, Any]) -> Any:
    """A change that merges ``values`` into a record's runtime (for a move's ``changes``)."""

    def merge(record: TrainingJobRecord) -> None:
        record.runtime = {**(record.runtime or {}), **values}

    return merge
