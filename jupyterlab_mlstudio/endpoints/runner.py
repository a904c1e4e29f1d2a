"""Drives one endpoint from whatever state its record is in to a resting one.

- Creating: reserve, stage and start every replica of every variant, wait for their health,
  then InService (or Failed with the reason and the unit's last lines).
- Updating to a new config: blue/green. The new config's replicas start beside the old ones;
  once all are healthy the router switches to them in one assignment, the old replicas finish
  what they are serving and stop. A new config that fails its health check is rolled back
  (RollingBack, then InService on the old config with the reason). No request fails either way.
- Updating weights or instance counts (UpdateEndpointWeightsAndCapacities, the autoscaler):
  new replicas join once healthy, removed ones leave rotation, drain and stop.
- Deleting: the router forgets the endpoint, every unit stops, its capacity is returned, the
  record goes.
- InService after a restart of the server: the units are re-attached to the router; any that
  died meanwhile are replaced (SystemUpdating while that happens).
"""

from __future__ import annotations

import logging
import shutil
import time
from typing import TYPE_CHECKING, Any

from ..compute.capacity import Reservation
from ..core.errors import IllegalTransition, MLStudioError, NotFound
from ..jobs.runner import Detached, JobRunner
from ..runtime.base import UnitError, UnitState
from ..serving.health import UnitNotHealthy, ping
from ..serving.units import unit_url
from . import replicas as units
from .capture import settings_of
from .fleet import LiveEndpoint, LiveVariant, Replica, ReplicaState
from .models import DataCaptureConfig
from .states import EndpointStatus as E

if TYPE_CHECKING:
    from ..jobs.supervisor import JobRef, JobSupervisor
    from .jobs import EndpointDeployments

log = logging.getLogger(__name__)

#: Default seconds a replica has to pass its health check (SageMaker's default is similar).
HEALTH_TIMEOUT = 240.0


#: What can go wrong starting replicas: the endpoint fails (or its update rolls back) with it.
STARTUP_ERRORS = (UnitNotHealthy, MLStudioError, UnitError, OSError)


def _reason(error: BaseException) -> str:
    return str(getattr(error, "reason", None) or getattr(error, "message", None) or error)


class EndpointRunner(JobRunner):
    """One endpoint's change, start to finish; status moves go through the supervisor."""

    def __init__(self, supervisor: JobSupervisor, kind: EndpointDeployments, ref: JobRef) -> None:
        super().__init__(supervisor, kind, ref)
        self.deps = kind.deps
        self.endpoint = ref.name

    # -- plumbing --------------------------------------------------------------------------

    def run(self) -> None:
        super().run()
        # A request may have arrived between the last look at the record and the end of this
        # thread (submit saw this runner still registered): drive it now.
        if self.detached.is_set():
            return
        try:
            record = self.record()
        except NotFound:
            return
        if record.status in self.kind.machine.active_values():
            self.supervisor.submit(self.ref)

    def live(self, record: Any) -> LiveEndpoint:
        """The endpoint in the fleet, with its record's domain, owner and space (whose
        members may invoke it), whoever asked for the change."""
        return self.deps.fleet.ensure(record.domain, self.endpoint, record.owner, record.space)

    def _stopped(self) -> bool:
        return self.stop_requested.is_set() or self.detached.is_set()

    def _interrupt(self) -> None:
        """Leave at once if the server detaches, or if a deletion was asked for."""
        self.check_detached()
        if self.stop_requested.is_set():
            raise _Deleting()

    def save_replicas(self, live: LiveEndpoint) -> None:
        """Keep the units in the record, so a restarted server finds them."""
        serving = [replica.describe() for replica in live.replicas()]
        pending = [
            replica.describe() for variant in live.pending.values() for replica in variant.replicas
        ]

        def merge(record: Any) -> None:
            record.runtime = {**(record.runtime or {}), "replicas": serving, "pending": pending}

        self.supervisor.write(self.ref, merge)

    def _move(self, to: E, message: str, reason: str | None = None, changes: Any = None) -> None:
        try:
            self.move(to, message, reason, changes)
        except IllegalTransition:
            # A deletion was asked for meanwhile: it wins.
            if self.record().status == E.DELETING.value:
                raise _Deleting() from None
            raise

    # -- the job ---------------------------------------------------------------------------

    def execute(self) -> None:
        while True:
            try:
                record = self.record()
            except NotFound:
                return
            status = E(record.status)
            try:
                if status == E.CREATING:
                    self._create(record)
                elif status in (E.UPDATING, E.ROLLING_BACK):
                    self._update(record)
                elif status in (E.IN_SERVICE, E.SYSTEM_UPDATING):
                    if not self._reattach(record):
                        return
                elif status == E.DELETING:
                    self._tear_down(record)
                    return
                else:
                    return
            except _Deleting:
                self.stop_requested.clear()
                continue

    def fail(self, reason: str) -> None:
        """A failure of the server itself: stop what runs and record it."""
        try:
            record = self.record()
        except NotFound:
            return
        if record.status == E.FAILED.value:
            return
        live = self.deps.fleet.drop(self.context.domain, self.endpoint)
        units.stop_everything(self.deps, live, record)
        try:
            self.move(E.FAILED, "Failed", reason, changes=_clear_runtime)
        except IllegalTransition:
            log.exception("Could not record the failure of endpoint %s", self.endpoint)

    # -- creating --------------------------------------------------------------------------

    def _create(self, record: Any) -> None:
        live = self.live(record)
        live.status = record.status
        deployed = record.deployed
        generation = int(deployed["Generation"])
        known = {item["unit"]: item for item in (record.runtime or {}).get("replicas", [])}
        variants: dict[str, LiveVariant] = {}
        capture = settings_of(_capture(deployed))
        try:
            for variant in deployed["Variants"]:
                live_variant = LiveVariant(variant["VariantName"], float(variant["Weight"]))
                live_variant.capture = capture
                variants[variant["VariantName"]] = live_variant
                for index in range(int(variant["InstanceCount"])):
                    replica = self._replica(live, variant, generation, index, known)
                    live_variant.replicas = [*live_variant.replicas, replica]
                live.serve(variants)
                self.save_replicas(live)
            self._wait_all(live, deployed, live.replicas())
        except STARTUP_ERRORS as error:
            units.stop_everything(
                self.deps, self.deps.fleet.drop(self.context.domain, self.endpoint), record
            )
            self._move(E.FAILED, "Failed", _reason(error), changes=_clear_runtime)
            return
        self.save_replicas(live)
        self._move(E.IN_SERVICE, "InService")

    def _replica(
        self,
        live: LiveEndpoint,
        variant: dict[str, Any],
        generation: int,
        index: int,
        known: dict[str, dict[str, Any]],
    ) -> Replica:
        """Replica ``index`` of ``variant``: the unit a previous server started, or a new one
        with its capacity reserved and its unit started."""
        backend = units.model_of(variant).backend
        fresh = units.new_replica(self.endpoint, variant, generation, index, backend)
        if fresh.unit in known:
            replica = Replica.from_record(known[fresh.unit])
            units.readopt(self.deps, self.context.owner, replica)
            return replica
        claim = units.claim_for(
            self.deps, self.ref.key, self.endpoint, self.context.owner, variant, generation, index
        )
        reservation = self.wait_for_capacity(
            self.deps.capacity,
            claim,
            stopped=self._stopped,
            waiting=lambda reason: live.note_error(
                variant["VariantName"], "WaitingForCapacity", f"Instance {index}: {reason}"
            ),
        )
        self._interrupt()
        assert isinstance(reservation, Reservation)
        fresh.reservation = units.held(reservation)
        try:
            units.start(self.deps, self.endpoint, variant, fresh)
        except Exception:
            units.release(self.deps, fresh)
            raise
        return fresh

    def _wait_all(
        self, live: LiveEndpoint, deployed: dict[str, Any], replicas: list[Replica]
    ) -> None:
        """Every replica healthy within its variant's timeout, or ``UnitNotHealthy`` naming the
        first that was not, with its last lines."""
        timeouts = {
            variant["VariantName"]: float(
                variant.get("StartupTimeout") or self.deps.serving.health_timeout_seconds
            )
            for variant in deployed["Variants"]
        }
        started = time.monotonic()
        for replica in replicas:
            if replica.state is ReplicaState.IN_SERVICE:
                continue
            left = timeouts[replica.variant] - (time.monotonic() - started)
            try:
                units.wait_ready(self.deps, replica, max(1.0, left), stopped=self._stopped)
            except UnitNotHealthy as error:
                self._interrupt()
                lines = units.tail(self.deps, replica)
                last = "\n".join(lines)
                raise UnitNotHealthy(
                    f"Instance {replica.instance_id} of variant {replica.variant}: "
                    f"{error.reason}." + (f" Last lines of its output:\n{last}" if last else "")
                ) from error
            replica.healthy_since = time.monotonic()
            self._interrupt()

    # -- updating --------------------------------------------------------------------------

    def _update(self, record: Any) -> None:
        pending = record.pending or {}
        live = self.live(record)
        if pending.get("Kind") == "capacity":
            self._rescale(record, live, pending)
            return
        target = pending.get("Deployed")
        if target is None or record.status == E.ROLLING_BACK.value:
            self._roll_back(record, live, "the update was interrupted")
            return
        generation = int(target["Generation"])
        known = {item["unit"]: item for item in (record.runtime or {}).get("pending", [])}
        fresh: dict[str, LiveVariant] = {}
        capture = settings_of(_capture(target))
        try:
            for variant in target["Variants"]:
                live_variant = LiveVariant(variant["VariantName"], float(variant["Weight"]))
                live_variant.capture = capture
                fresh[variant["VariantName"]] = live_variant
                live.pending = fresh
                for index in range(int(variant["InstanceCount"])):
                    replica = self._replica(live, variant, generation, index, known)
                    live_variant.replicas = [*live_variant.replicas, replica]
                self.save_replicas(live)
            self._wait_all(live, target, [r for v in fresh.values() for r in v.replicas])
        except STARTUP_ERRORS as error:
            reason = f"Update failed: {_reason(error)}"
            self._move(E.ROLLING_BACK, "RollingBack", reason)
            self._roll_back(self.record(), live, reason)
            return
        # The old fleet: what serves now, and what a previous server left in the record.
        old = {
            replica.unit: replica
            for replica in [
                *(Replica.from_record(item) for item in (record.runtime or {}).get("replicas", [])),
                *live.replicas(),
            ]
        }
        live.pending = {}
        live.serve(fresh)  # the switch: from here on every new request goes to the new fleet
        units.drain(self.deps, list(old.values()))

        def switched(record: Any) -> None:
            record.deployed = target
            record.pending = None
            record.config_name = target["EndpointConfigName"]
            record.runtime = {
                **(record.runtime or {}),
                "replicas": [replica.describe() for replica in live.replicas()],
                "pending": [],
            }

        self._move(E.IN_SERVICE, "InService", changes=switched)
        units.forget_generations(self.deps, self.endpoint, keep=generation)

    def _roll_back(self, record: Any, live: LiveEndpoint, reason: str) -> None:
        """Stop what an update started; back to serving the old config (or Failed, when
        nothing served before)."""
        started = [replica for variant in live.pending.values() for replica in variant.replicas]
        known = [Replica.from_record(item) for item in (record.runtime or {}).get("pending", [])]
        live.pending = {}
        units.stop_all(
            self.deps, {replica.unit: replica for replica in [*started, *known]}.values()
        )
        self.save_replicas(live)

        def abandoned(record: Any) -> None:
            record.pending = None

        serving = live.replicas()
        if serving:
            self._move(E.IN_SERVICE, "InService", reason, changes=abandoned)
        else:
            self.deps.fleet.drop(self.context.domain, self.endpoint)
            self._move(E.FAILED, "Failed", reason, changes=abandoned)

    def _rescale(self, record: Any, live: LiveEndpoint, pending: dict[str, Any]) -> None:
        """New weights and instance counts for some variants of the config in service."""
        deployed = record.deployed
        wanted: dict[str, dict[str, Any]] = pending.get("Variants") or {}
        generation = int(deployed["Generation"])
        known = {item["unit"]: item for item in (record.runtime or {}).get("pending", [])}
        if not live.variants:
            self._reattach(record, moving=False)
        leaving: list[Replica] = []
        try:
            for variant in deployed["Variants"]:
                change = wanted.get(variant["VariantName"])
                live_variant = live.variants.get(variant["VariantName"])
                if not change or live_variant is None or change.get("InstanceCount") is None:
                    continue
                count = int(change["InstanceCount"])
                current = sorted(live_variant.replicas, key=lambda replica: replica.index)
                if count > len(current):
                    used = {replica.index for replica in current}
                    indexes = [i for i in range(count + len(used)) if i not in used]
                    added = [
                        self._replica(live, variant, generation, index, known)
                        for index in indexes[: count - len(current)]
                    ]
                    live_variant_pending = LiveVariant(variant["VariantName"], 0.0, added)
                    live.pending = {variant["VariantName"]: live_variant_pending}
                    self.save_replicas(live)
                    self._wait_all(live, deployed, added)
                    live.pending = {}
                    live_variant.replicas = [*live_variant.replicas, *added]
                elif count < len(current):
                    leaving += current[count:]
                    live_variant.replicas = current[:count]
        except STARTUP_ERRORS as error:
            reason = f"Update failed: {_reason(error)}"
            self._move(E.ROLLING_BACK, "RollingBack", reason)
            self._roll_back(self.record(), live, reason)
            return
        live.set_weights(
            {
                name: float(change["Weight"])
                for name, change in wanted.items()
                if change.get("Weight") is not None
            }
        )
        units.drain(self.deps, leaving)
        counts = {name: variant.in_service() for name, variant in live.variants.items()}

        def rescaled(record: Any) -> None:
            snapshot = dict(record.deployed)
            snapshot["Variants"] = [
                {
                    **variant,
                    "Weight": live.variants[variant["VariantName"]].weight
                    if variant["VariantName"] in live.variants
                    else variant["Weight"],
                    "InstanceCount": counts.get(variant["VariantName"], variant["InstanceCount"]),
                }
                for variant in snapshot["Variants"]
            ]
            record.deployed = snapshot
            record.pending = None
            record.runtime = {
                **(record.runtime or {}),
                "replicas": [replica.describe() for replica in live.replicas()],
                "pending": [],
            }

        self._move(E.IN_SERVICE, "InService", changes=rescaled)

    # -- deleting --------------------------------------------------------------------------

    def _tear_down(self, record: Any) -> None:
        live = self.deps.fleet.drop(self.context.domain, self.endpoint)
        units.stop_everything(self.deps, live, record)
        self.deps.capture.flush()
        shutil.rmtree(self.deps.root / self.endpoint, ignore_errors=True)
        self.supervisor.remove(self.ref, "Deleted")
        for listener in self.deps.on_deleted:
            try:
                listener(self.context, self.endpoint)
            except Exception:
                log.exception("Could not tidy up after endpoint %s", self.endpoint)

    # -- after a restart -------------------------------------------------------------------

    def _reattach(self, record: Any, moving: bool = True) -> bool:
        """Put the record's units back behind the router; replace the ones that died. False
        when the endpoint was already attached (nothing to do)."""
        existing = self.deps.fleet.get(self.context.domain, self.endpoint)
        if existing is not None and existing.variants and record.status == E.IN_SERVICE.value:
            return False
        live = self.live(record)
        live.status = record.status
        deployed = record.deployed
        capture = settings_of(_capture(deployed))
        by_variant = {variant["VariantName"]: variant for variant in deployed["Variants"]}
        variants: dict[str, LiveVariant] = {}
        dead: list[Replica] = []
        for item in (record.runtime or {}).get("replicas", []):
            replica = Replica.from_record(item)
            variant = by_variant.get(replica.variant)
            if variant is None:
                continue
            units.readopt(self.deps, self.context.owner, replica)
            live_variant = variants.setdefault(
                replica.variant, LiveVariant(replica.variant, float(variant["Weight"]))
            )
            live_variant.capture = capture
            backend = self.deps.backends.get(replica.backend)
            running = (
                backend is not None and backend.status(replica.unit).state == UnitState.RUNNING
            )
            if running and ping(unit_url(replica.port, replica.host)) == 200:
                replica.state = ReplicaState.IN_SERVICE
                replica.healthy_since = time.monotonic()
                live_variant.replicas = [*live_variant.replicas, replica]
            else:
                # Kept out of the variant until it serves again: the watcher restarts the
                # variant's failed replicas, and two restarts of one unit would race.
                replica.state = ReplicaState.RESTARTING
                dead.append(replica)
        live.serve(variants)
        if not moving:
            for replica in dead:  # the watcher restarts them
                replica.state = ReplicaState.FAILED
            self._join(variants, dead)
            return False
        if dead or record.status == E.SYSTEM_UPDATING.value:
            if record.status != E.SYSTEM_UPDATING.value:
                self._move(E.SYSTEM_UPDATING, "SystemUpdating")
            try:
                for replica in dead:
                    units.restart(self.deps, self.endpoint, by_variant[replica.variant], replica)
                self._wait_all(live, deployed, dead)
            except STARTUP_ERRORS as error:
                for replica in dead:  # the watcher keeps trying, with backoff
                    if replica.state is not ReplicaState.IN_SERVICE:
                        replica.state = ReplicaState.FAILED
                        replica.last_error = _reason(error)
            self._join(variants, dead)
            self.save_replicas(live)
            self._move(E.IN_SERVICE, "InService")
        return True

    @staticmethod
    def _join(variants: dict[str, LiveVariant], replicas: list[Replica]) -> None:
        """Put restarted (or still failed, for the watcher) replicas back in their variant."""
        for replica in replicas:
            variant = variants[replica.variant]
            variant.replicas = sorted([*variant.replicas, replica], key=lambda item: item.index)


class _Deleting(Detached):
    """A deletion was requested while the runner worked: start over from the record."""


def _capture(deployed: dict[str, Any]) -> DataCaptureConfig | None:
    config = deployed.get("DataCaptureConfig")
    return DataCaptureConfig.model_validate(config, context={"aws": True}) if config else None


def _clear_runtime(record: Any) -> None:
    record.runtime = {**(record.runtime or {}), "replicas": [], "pending": []}
