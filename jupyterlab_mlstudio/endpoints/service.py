"""Endpoints: create, describe, list, update, rescale and delete; the supervisor runs them.

A config's models are resolved when the endpoint is created or updated: the endpoint keeps a
snapshot (``deployed``) with each variant's model as serving units run it, so the model and
the config may be deleted afterwards without touching what serves (as on SageMaker).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..compute.capacity import CapacityLedger
from ..compute.catalogue import InstanceTypeCatalogue
from ..compute.models import GIB
from ..core.clock import ms_to_datetime, now_ms
from ..core.context import RequestContext, member_of, visible
from ..core.errors import AlreadyExists, IllegalTransition, InvalidInput, LimitExceeded, NotFound
from ..jobs.supervisor import JobSupervisor
from ..store import Database
from .configs import EndpointConfigService, ModelResolver
from .fleet import Fleet, LiveEndpoint
from .jobs import endpoint_ref
from .listing import page, time_bounds
from .models import (
    CreateEndpointRequest,
    EndpointDetail,
    EndpointPage,
    EndpointQuery,
    EndpointSortBy,
    EndpointSummary,
    SortOrder,
    UpdateEndpointRequest,
    UpdateWeightsRequest,
)
from .orm import EndpointRecord
from .replicas import model_snapshot
from .router import Router
from .states import MACHINE, EndpointStatus
from .summaries import endpoint_detail

E = EndpointStatus


class EndpointService:
    """The endpoint control plane of both faces."""

    def __init__(
        self,
        database: Database,
        *,
        supervisor: JobSupervisor,
        configs: EndpointConfigService,
        resolve_model: ModelResolver,
        catalogue: InstanceTypeCatalogue,
        capacity: CapacityLedger,
        fleet: Fleet,
        router: Router,
        region: str,
        account: str,
    ) -> None:
        self.database = database
        self.supervisor = supervisor
        self.configs = configs
        self.resolve_model = resolve_model
        self.catalogue = catalogue
        self.capacity = capacity
        self.fleet = fleet
        self.router = router
        self.region = region
        self.account = account

    def arn(self, name: str) -> str:
        return f"arn:aws:sagemaker:{self.region}:{self.account}:endpoint/{name.lower()}"

    # -- snapshots -------------------------------------------------------------------------

    def snapshot(
        self, context: RequestContext, config_name: str, generation: int
    ) -> dict[str, Any]:
        """The config as the endpoint will serve it, its models resolved now."""
        try:
            request = self.configs.request_of(context, config_name)
        except NotFound as error:
            raise InvalidInput(
                f'Could not find endpoint configuration "{self.configs.arn(config_name)}".',
                field="EndpointConfigName",
            ) from error
        variants = []
        for variant in request.production_variants:
            try:
                model = self.resolve_model(context, variant.model_name, variant.instance_type)
            except NotFound as error:
                raise InvalidInput(
                    f'Could not find model "{self.configs.model_arn(variant.model_name)}".',
                    field="EndpointConfigName",
                ) from error
            variants.append(
                {
                    "VariantName": variant.variant_name,
                    "ModelName": variant.model_name,
                    "InstanceType": variant.instance_type,
                    "Weight": variant.initial_variant_weight,
                    "InstanceCount": variant.initial_instance_count,
                    "StartupTimeout": variant.container_startup_health_check_timeout_in_seconds,
                    "Model": model_snapshot(model),
                }
            )
        capture = request.data_capture_config
        return {
            "EndpointConfigName": config_name,
            "Generation": generation,
            "Variants": variants,
            "DataCaptureConfig": capture.model_dump(mode="json", by_alias=True, exclude_none=True)
            if capture
            else None,
            "Since": now_ms(),
        }

    # -- create ----------------------------------------------------------------------------

    def create(self, context: RequestContext, request: CreateEndpointRequest) -> str:
        """Record the endpoint and hand it to the supervisor; returns its ARN."""
        deployed = self.snapshot(context, request.endpoint_config_name, 1)
        name = request.endpoint_name
        arn = self.arn(name)
        now = now_ms()
        record = EndpointRecord(
            name=name,
            arn=arn,
            creation_time=now,
            last_modified_time=now,
            config_name=request.endpoint_config_name,
            deployed=deployed,
            pending=None,
            runtime={"replicas": [], "pending": []},
            tags=[tag.model_dump(by_alias=True) for tag in request.tags],
            supervisor=self.supervisor.supervisor_id,
            domain=context.domain,
            space=context.space,
            owner=context.owner,
        )
        MACHINE.begin(record, "Creating", at=now)
        try:
            with self.database.session() as session:
                session.add(record)
        except IntegrityError as error:
            raise AlreadyExists(
                f'Cannot create already existing endpoint "{arn}".', field="EndpointName"
            ) from error
        self.supervisor.submit(endpoint_ref(context, name))
        return arn

    # -- read ------------------------------------------------------------------------------

    def record(self, context: RequestContext, name: str) -> EndpointRecord:
        with self.database.session() as session:
            record = session.scalar(
                select(EndpointRecord).where(
                    visible(EndpointRecord, context), EndpointRecord.name == name
                )
            )
            if record is None:
                raise NotFound(f'Could not find endpoint "{self.arn(name)}".')
            session.expunge(record)
            return record

    def describe(self, context: RequestContext, name: str) -> EndpointDetail:
        record = self.record(context, name)
        return endpoint_detail(record, self.fleet.get(context.domain, name))

    def records(
        self, context: RequestContext, query: EndpointQuery
    ) -> tuple[list[EndpointRecord], str | None]:
        """A page of the domain's endpoint records, filtered and ordered as asked."""
        record = EndpointRecord
        filters = [
            *time_bounds(
                record.creation_time, query.creation_time_after, query.creation_time_before
            ),
            *time_bounds(
                record.last_modified_time,
                query.last_modified_time_after,
                query.last_modified_time_before,
            ),
        ]
        if query.name_contains:
            filters.append(record.name.contains(query.name_contains, autoescape=True))
        if query.status_equals:
            filters.append(record.status == query.status_equals.value)
        column = {
            EndpointSortBy.NAME: record.name,
            EndpointSortBy.CREATION_TIME: record.creation_time,
            EndpointSortBy.STATUS: record.status,
        }[query.sort_by]
        return page(
            self.database,
            context,
            record,
            column,
            query.sort_order == SortOrder.DESCENDING,
            filters,
            query,
        )

    def list(self, context: RequestContext, query: EndpointQuery) -> EndpointPage:
        rows, token = self.records(context, query)
        return EndpointPage(
            endpoints=[
                EndpointSummary(
                    endpoint_name=row.name,
                    endpoint_arn=row.arn,
                    creation_time=ms_to_datetime(row.creation_time),
                    last_modified_time=ms_to_datetime(row.last_modified_time),
                    endpoint_status=EndpointStatus(row.status),
                )
                for row in rows
            ],
            next_token=token,
        )

    def live(self, context: RequestContext, name: str) -> LiveEndpoint | None:
        """The endpoint as the router serves it; ``None`` when it serves nothing here or
        belongs to a space the caller is no member of (from memory: no store access)."""
        live = self.fleet.get(context.domain, name)
        if live is None or not member_of(context, live.domain, live.space):
            return None
        return live

    def not_serving(self, context: RequestContext, name: str) -> str:
        """Why ``name`` takes no invocation now, in sagemaker-runtime's words."""
        try:
            record = self.record(context, name)
        except NotFound:
            return f"Endpoint {name} of account {self.account} not found."
        if record.status == E.FAILED.value:
            return f"Endpoint {name} is Failed: {record.failure_reason or 'no instance serves'}."
        return f"Endpoint {name} is not in service yet (its status is {record.status})."

    # -- update ----------------------------------------------------------------------------

    def update(self, context: RequestContext, request: UpdateEndpointRequest) -> str:
        """Roll out another config (blue/green; a config that fails health rolls back)."""
        name = request.endpoint_name
        record = self.record(context, name)
        if record.status not in (E.IN_SERVICE.value, E.FAILED.value):
            raise IllegalTransition(
                f'Cannot update in-progress endpoint "{self.arn(name)}" '
                f"(its status is {record.status})."
            )
        generation = int(record.deployed.get("Generation", 1)) + 1
        target = self.snapshot(context, request.endpoint_config_name, generation)

        def plan(record: EndpointRecord) -> None:
            record.pending = {"Kind": "config", "Deployed": target, "Since": now_ms()}

        ref = endpoint_ref(context, name)
        self.supervisor.move(ref, E.UPDATING, "Updating", changes=plan)
        self.supervisor.submit(ref)
        return record.arn

    def update_weights(self, context: RequestContext, request: UpdateWeightsRequest) -> str:
        """New weights and instance counts for variants of the config in service."""
        name = request.endpoint_name
        record = self.record(context, name)
        if record.status != E.IN_SERVICE.value:
            raise IllegalTransition(
                f'Cannot update in-progress endpoint "{self.arn(name)}" '
                f"(its status is {record.status})."
            )
        deployed = {variant["VariantName"]: variant for variant in record.deployed["Variants"]}
        wanted: dict[str, dict[str, Any]] = {}
        for index, item in enumerate(request.desired_weights_and_capacities):
            where = f"DesiredWeightsAndCapacities.{index}"
            variant = deployed.get(item.variant_name)
            if variant is None:
                raise InvalidInput(
                    f"The variant(s) [{item.variant_name}] is/are not valid for endpoint {name}.",
                    field=f"{where}.VariantName",
                )
            if item.desired_weight is None and item.desired_instance_count is None:
                raise InvalidInput("Give DesiredWeight, DesiredInstanceCount or both.", field=where)
            if item.desired_instance_count is not None:
                self._check_count(
                    variant, item.desired_instance_count, f"{where}.DesiredInstanceCount"
                )
            wanted[item.variant_name] = {
                "Weight": item.desired_weight,
                "InstanceCount": item.desired_instance_count,
            }
        weights = {}
        for variant_name, variant in deployed.items():
            given = wanted.get(variant_name, {}).get("Weight")
            weights[variant_name] = variant["Weight"] if given is None else given
        if sum(float(weight) for weight in weights.values()) <= 0:
            raise InvalidInput(
                "At least one variant needs a weight above 0.",
                field="DesiredWeightsAndCapacities",
            )
        self.rescale(context, name, wanted, "Updating")
        return record.arn

    def rescale(
        self, context: RequestContext, name: str, wanted: dict[str, dict[str, Any]], message: str
    ) -> None:
        """Move the endpoint to Updating with new weights and counts (the autoscaler too)."""

        def plan(record: EndpointRecord) -> None:
            record.pending = {"Kind": "capacity", "Variants": wanted, "Since": now_ms()}

        ref = endpoint_ref(context, name)
        self.supervisor.move(ref, E.UPDATING, message, changes=plan)
        self.supervisor.submit(ref)

    def _check_count(self, variant: dict[str, Any], count: int, field: str) -> None:
        if count < 1:
            raise InvalidInput("An instance-based variant needs at least 1 instance.", field=field)
        instance = self.catalogue.require(variant["InstanceType"], field=field)
        memory = 0 if instance.local else int(instance.memory_gib * GIB) * count
        too_big = self.capacity.fits_ever(memory, instance.gpus * count)
        if too_big:
            raise LimitExceeded(f"{count} x {instance.name} {too_big}", field=field)

    # -- delete ----------------------------------------------------------------------------

    def delete(self, context: RequestContext, name: str) -> None:
        """Stop serving and remove the endpoint (its runner does the work)."""
        record = self.record(context, name)
        if record.status == E.DELETING.value:
            return
        ref = endpoint_ref(context, name)
        self.supervisor.request_stop(ref, E.DELETING, "Deleting")
        self.supervisor.submit(ref)
