"""Autoscaling of endpoint variants: target tracking on invocations per instance per minute.

A variant is registered as a scalable target (``endpoint/<name>/variant/<variant>``, dimension
``sagemaker:variant:DesiredInstanceCount``) with its minimum and maximum instance counts, and
gets at most one target-tracking policy (``SageMakerVariantInvocationsPerInstance``, a target
value, scale-out and scale-in cool-downs). The autoscaler looks every ``interval`` seconds at
each policy's variant: from the invocations of the last ``window`` seconds it works out the
instance count that would bring the rate per instance to the target, bounded by the target's
minimum and maximum and by what still fits on this host, and rescales the endpoint through its
service (Updating, then InService) once the cool-down since the last change allows.
"""

from __future__ import annotations

import logging
import math
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from pydantic import Field
from sqlalchemy import delete, select

from ..compute.capacity import CapacityLedger
from ..compute.catalogue import InstanceTypeCatalogue
from ..compute.models import GIB
from ..core.clock import now_ms
from ..core.context import RequestContext, visible
from ..core.errors import IllegalTransition, InvalidInput, MLStudioError, NotFound
from ..core.models import ApiModel
from ..store import Database
from .fleet import Fleet
from .orm import ScalableTargetRecord
from .service import EndpointService

log = logging.getLogger(__name__)

DIMENSION = "sagemaker:variant:DesiredInstanceCount"
METRIC = "SageMakerVariantInvocationsPerInstance"
#: SageMaker's cool-downs when a policy names none (seconds).
DEFAULT_COOLDOWN = 300


def resource_id(endpoint: str, variant: str) -> str:
    return f"endpoint/{endpoint}/variant/{variant}"


def parse_resource_id(value: str, field: str = "ResourceId") -> tuple[str, str]:
    parts = value.split("/")
    if len(parts) != 4 or parts[0] != "endpoint" or parts[2] != "variant" or not all(parts):
        raise InvalidInput(
            f"Unsupported resource id {value!r}: use endpoint/<endpoint name>/variant/<variant "
            "name> (the sagemaker namespace of this server scales endpoint variants only).",
            field=field,
        )
    return parts[1], parts[3]


class ScalingPolicy(ApiModel):
    """A variant's autoscaling, as the REST face and the UI see it."""

    min_capacity: int = Field(ge=1, le=100)
    max_capacity: int = Field(ge=1, le=100)
    target_invocations_per_instance: float = Field(
        gt=0, description="Invocations per instance per minute the policy aims for"
    )
    scale_out_cooldown: int = Field(default=DEFAULT_COOLDOWN, ge=0, le=86400)
    scale_in_cooldown: int = Field(default=DEFAULT_COOLDOWN, ge=0, le=86400)
    disable_scale_in: bool = False
    policy_name: str = Field(default="mlstudio-target-tracking", min_length=1, max_length=256)


class VariantScaling(ApiModel):
    """``GET /endpoints/{name}/variants/{variant}/autoscaling``."""

    variant_name: str
    policy: ScalingPolicy | None = None
    invocations_per_instance: float = Field(
        description="Invocations per instance per minute over the autoscaler's window, now"
    )
    activities: list[dict[str, Any]] = Field(default_factory=list)


@dataclass
class _Memory:
    """What the autoscaler remembers of a variant between looks."""

    last_out: float = 0.0
    last_in: float = 0.0
    activities: deque[dict[str, Any]] = field(default_factory=lambda: deque(maxlen=50))


class ScalingService:
    """Scalable targets and target-tracking policies of endpoint variants, and the loop that
    applies them."""

    def __init__(
        self,
        database: Database,
        *,
        endpoints: EndpointService,
        fleet: Fleet,
        capacity: CapacityLedger,
        catalogue: InstanceTypeCatalogue,
        region: str,
        account: str,
        interval: float = 10.0,
        window: float = 60.0,
    ) -> None:
        self.database = database
        self.endpoints = endpoints
        self.fleet = fleet
        self.capacity = capacity
        self.catalogue = catalogue
        self.region = region
        self.account = account
        self.interval = interval
        self.window = window
        self._memory: dict[tuple[str, str], _Memory] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- targets ---------------------------------------------------------------------------

    def _require_variant(self, context: RequestContext, endpoint: str, variant: str) -> None:
        """NotFound unless the endpoint exists and serves ``variant`` (the REST face's 404)."""
        try:
            record = self.endpoints.record(context, endpoint)
        except NotFound as error:
            raise NotFound(f"Endpoint {endpoint} does not exist.") from error
        if variant not in {item["VariantName"] for item in record.deployed["Variants"]}:
            raise NotFound(f"Variant {variant} does not exist on endpoint {endpoint}.")

    def _check_variant(self, context: RequestContext, endpoint: str, variant: str) -> None:
        """As application-autoscaling answers: a ResourceId naming nothing is invalid input."""
        try:
            self._require_variant(context, endpoint, variant)
        except NotFound as error:
            raise InvalidInput(error.message, field="ResourceId") from error

    def register(
        self, context: RequestContext, rid: str, minimum: int | None, maximum: int | None
    ) -> str:
        """Register (or change the bounds of) a variant; returns the target's ARN."""
        endpoint, variant = parse_resource_id(rid)
        self._check_variant(context, endpoint, variant)
        with self.database.session() as session:
            record = self._target(session, context, rid)
            if record is None:
                if minimum is None or maximum is None:
                    raise InvalidInput(
                        "MinCapacity and MaxCapacity are required to register a new target.",
                        field="MinCapacity",
                    )
                record = ScalableTargetRecord(
                    resource_id=rid,
                    endpoint_name=endpoint,
                    variant_name=variant,
                    min_capacity=minimum,
                    max_capacity=maximum,
                    creation_time=now_ms(),
                    domain=context.domain,
                    space=context.space,
                    owner=context.owner,
                )
                session.add(record)
            else:
                record.min_capacity = record.min_capacity if minimum is None else minimum
                record.max_capacity = record.max_capacity if maximum is None else maximum
            if record.min_capacity < 1 or record.max_capacity < record.min_capacity:
                raise InvalidInput(
                    "MinCapacity must be at least 1 and MaxCapacity at least MinCapacity.",
                    field="MaxCapacity",
                )
            instance_type = self._instance_type(context, endpoint, variant)
            instance = self.catalogue.get(instance_type)
            memory = 0 if instance.local else int(instance.memory_gib * GIB) * record.max_capacity
            too_big = self.capacity.fits_ever(memory, instance.gpus * record.max_capacity)
            if too_big:
                raise InvalidInput(
                    f"MaxCapacity {record.max_capacity} x {instance.name} {too_big}",
                    field="MaxCapacity",
                )
        return self.target_arn(rid)

    def target_arn(self, rid: str) -> str:
        suffix = uuid.uuid5(uuid.NAMESPACE_URL, rid).hex
        return (
            f"arn:aws:application-autoscaling:{self.region}:{self.account}:scalable-target/{suffix}"
        )

    def _instance_type(self, context: RequestContext, endpoint: str, variant: str) -> str:
        record = self.endpoints.record(context, endpoint)
        for item in record.deployed["Variants"]:
            if item["VariantName"] == variant:
                return str(item["InstanceType"])
        raise NotFound(f"No variant {variant} on endpoint {endpoint}")

    def targets(self, context: RequestContext, rids: list[str] | None = None) -> list[Any]:
        with self.database.session() as session:
            statement = select(ScalableTargetRecord).where(visible(ScalableTargetRecord, context))
            if rids:
                statement = statement.where(ScalableTargetRecord.resource_id.in_(rids))
            rows = list(session.scalars(statement.order_by(ScalableTargetRecord.id)))
        return rows

    def deregister(self, context: RequestContext, rid: str) -> None:
        with self.database.session() as session:
            done = session.execute(
                delete(ScalableTargetRecord).where(
                    visible(ScalableTargetRecord, context),
                    ScalableTargetRecord.resource_id == rid,
                )
            )
            if not getattr(done, "rowcount", 0):
                raise NotFound(f"No scalable target registered for {rid}.")

    def forget_endpoint(self, context: RequestContext, endpoint: str) -> None:
        """Targets of a deleted endpoint go with it."""
        with self.database.session() as session:
            session.execute(
                delete(ScalableTargetRecord).where(
                    visible(ScalableTargetRecord, context),
                    ScalableTargetRecord.endpoint_name == endpoint,
                )
            )

    # -- policies --------------------------------------------------------------------------

    def put_policy(self, context: RequestContext, rid: str, policy: dict[str, Any]) -> str:
        """Set the target's one target-tracking policy; returns its ARN."""
        with self.database.session() as session:
            record = self._target(session, context, rid)
            if record is None:
                raise NotFound(f"No scalable target registered for {rid}.")
            record.policy = {**policy, "CreationTime": now_ms()}
        return self.policy_arn(rid, policy["PolicyName"])

    def policy_arn(self, rid: str, name: str) -> str:
        prefix = self.target_arn(rid).replace("scalable-target", "scalingPolicy")
        return f"{prefix}:resource/sagemaker/{rid}:policyName/{name}"

    def delete_policy(self, context: RequestContext, rid: str, name: str) -> None:
        with self.database.session() as session:
            record = self._target(session, context, rid)
            if record is None or not record.policy or record.policy.get("PolicyName") != name:
                raise NotFound(f"No scaling policy {name} for {rid}.")
            record.policy = None

    def activities(self, context: RequestContext, rid: str | None = None) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        for (domain, key), memory in self._memory.items():
            if domain == context.domain and (rid is None or key == rid):
                found.extend(memory.activities)
        return sorted(found, key=lambda item: item["StartTime"], reverse=True)

    # -- the REST face's view --------------------------------------------------------------

    def variant_scaling(
        self, context: RequestContext, endpoint: str, variant: str
    ) -> VariantScaling:
        self._require_variant(context, endpoint, variant)
        rid = resource_id(endpoint, variant)
        rows = self.targets(context, [rid])
        policy = None
        if rows and rows[0].policy:
            row, config = rows[0], rows[0].policy["TargetTrackingScalingPolicyConfiguration"]
            policy = ScalingPolicy(
                min_capacity=row.min_capacity,
                max_capacity=row.max_capacity,
                target_invocations_per_instance=config["TargetValue"],
                scale_out_cooldown=config.get("ScaleOutCooldown", DEFAULT_COOLDOWN),
                scale_in_cooldown=config.get("ScaleInCooldown", DEFAULT_COOLDOWN),
                disable_scale_in=bool(config.get("DisableScaleIn", False)),
                policy_name=rows[0].policy["PolicyName"],
            )
        return VariantScaling(
            variant_name=variant,
            policy=policy,
            invocations_per_instance=self.rate(context.domain, endpoint, variant),
            activities=self.activities(context, rid)[:20],
        )

    def set_variant_scaling(
        self, context: RequestContext, endpoint: str, variant: str, policy: ScalingPolicy
    ) -> VariantScaling:
        self._require_variant(context, endpoint, variant)
        rid = resource_id(endpoint, variant)
        if policy.max_capacity < policy.min_capacity:
            raise InvalidInput("max_capacity must be at least min_capacity", field="max_capacity")
        self.register(context, rid, policy.min_capacity, policy.max_capacity)
        self.put_policy(
            context,
            rid,
            {
                "PolicyName": policy.policy_name,
                "PolicyType": "TargetTrackingScaling",
                "TargetTrackingScalingPolicyConfiguration": {
                    "TargetValue": policy.target_invocations_per_instance,
                    "PredefinedMetricSpecification": {"PredefinedMetricType": METRIC},
                    "ScaleOutCooldown": policy.scale_out_cooldown,
                    "ScaleInCooldown": policy.scale_in_cooldown,
                    "DisableScaleIn": policy.disable_scale_in,
                },
            },
        )
        return self.variant_scaling(context, endpoint, variant)

    def remove_variant_scaling(self, context: RequestContext, endpoint: str, variant: str) -> None:
        self._require_variant(context, endpoint, variant)
        self.deregister(context, resource_id(endpoint, variant))

    # -- the loop --------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._run, name="mlstudio-autoscaler", daemon=True
            )
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.evaluate()
            except Exception:
                log.exception("The autoscaler failed a round")

    def rate(self, domain: str, endpoint: str, variant: str) -> float:
        """Invocations per instance per minute of a variant over the window, now."""
        live = self.fleet.get(domain, endpoint)
        served = live.variants.get(variant) if live is not None else None
        if served is None:
            return 0.0
        since = int(time.time() - self.window) + 1
        count = served.metrics.invocations_since(since)
        instances = max(1, len(served.replicas))
        return count / instances * 60.0 / self.window

    def evaluate(self) -> list[str]:
        """One round over every policy; the resource ids that were rescaled."""
        with self.database.session() as session:
            rows = list(
                session.scalars(
                    select(ScalableTargetRecord).where(ScalableTargetRecord.policy.is_not(None))
                )
            )
        changed = []
        for row in rows:
            try:
                if self._evaluate(row):
                    changed.append(row.resource_id)
            except MLStudioError as error:
                log.info("Autoscaling %s: %s", row.resource_id, error.message)
        return changed

    def _evaluate(self, row: ScalableTargetRecord) -> bool:
        live = self.fleet.get(row.domain, row.endpoint_name)
        if live is None or live.status != "InService":
            return False
        served = live.variants.get(row.variant_name)
        if served is None:
            return False
        config = (row.policy or {}).get("TargetTrackingScalingPolicyConfiguration") or {}
        target = float(config.get("TargetValue") or 0)
        if target <= 0:
            return False
        current = len(served.replicas)
        rate = self.rate(row.domain, row.endpoint_name, row.variant_name)
        wanted = math.ceil(current * rate / target) if rate > 0 else row.min_capacity
        wanted = max(row.min_capacity, min(row.max_capacity, wanted))
        memory = self._memory.setdefault((row.domain, row.resource_id), _Memory())
        now = time.monotonic()
        cause = (
            f"{METRIC} {rate:.1f} per minute against a target of {target:g} with {current} "
            "instance(s)"
        )
        if wanted > current:
            if now - memory.last_out < float(config.get("ScaleOutCooldown", DEFAULT_COOLDOWN)):
                return False
            wanted = current + self._fitting(live, row, wanted - current)
            if wanted <= current:
                self._activity(memory, row, current, cause, "Unfulfilled", "no room on this host")
                memory.last_out = now
                return False
            memory.last_out = now
        elif wanted < current:
            if config.get("DisableScaleIn"):
                return False
            cooldown = float(config.get("ScaleInCooldown", DEFAULT_COOLDOWN))
            if now - memory.last_in < cooldown or now - memory.last_out < cooldown:
                return False
            memory.last_in = now
        else:
            return False
        context = RequestContext(owner=row.owner, domain=row.domain, space=row.space)
        try:
            self.endpoints.rescale(
                context,
                row.endpoint_name,
                {row.variant_name: {"Weight": None, "InstanceCount": wanted}},
                f"Updating: autoscaling {row.variant_name} from {current} to {wanted} instance(s)",
            )
        except IllegalTransition:
            return False  # another change is under way; the next round looks again
        self._activity(memory, row, wanted, cause, "InProgress", None)
        return True

    def _fitting(self, live: Any, row: ScalableTargetRecord, more: int) -> int:
        """How many of ``more`` new instances fit on this host now."""
        instance = self.catalogue.get(
            self._instance_type(
                RequestContext(owner=row.owner, domain=row.domain, space=row.space),
                row.endpoint_name,
                row.variant_name,
            )
        )
        if instance.local:
            return more
        report = self.capacity.report()
        free = report.memory_bytes - report.memory_reserved_bytes
        per = int(instance.memory_gib * GIB)
        fit = min(more, free // per if per else more)
        if instance.gpus:
            fit = min(fit, (len(report.gpus) - len(report.gpus_reserved)) // instance.gpus)
        return max(0, fit)

    def _activity(
        self,
        memory: _Memory,
        row: ScalableTargetRecord,
        count: int,
        cause: str,
        status: str,
        message: str | None,
    ) -> None:
        entry: dict[str, Any] = {
            "ActivityId": str(uuid.uuid4()),
            "ServiceNamespace": "sagemaker",
            "ResourceId": row.resource_id,
            "ScalableDimension": DIMENSION,
            "Description": f"Setting desired instance count to {count}.",
            "Cause": cause,
            "StartTime": now_ms(),
            "StatusCode": status,
        }
        if message:
            entry["StatusMessage"] = message
        memory.activities.appendleft(entry)

    @staticmethod
    def _target(session: Any, context: RequestContext, rid: str) -> ScalableTargetRecord | None:
        return session.scalar(
            select(ScalableTargetRecord).where(
                visible(ScalableTargetRecord, context),
                ScalableTargetRecord.resource_id == rid,
            )
        )
