"""Endpoint configurations: which models serve on which instances, with which weights.

A config is checked when it is made (its models exist, its instance types are in the
catalogue and could fit this host, its capture destination is a store this server can write)
and then only read: an endpoint copies it, with its models resolved, at CreateEndpoint or
UpdateEndpoint time. Deleting a config an endpoint serves is allowed, as on SageMaker (the
SageMaker SDK's ``Predictor.delete_endpoint()`` deletes the config before the endpoint).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from ..compute.capacity import CapacityLedger
from ..compute.catalogue import InstanceTypeCatalogue
from ..compute.models import GIB
from ..core.clock import ms_to_datetime, now_ms
from ..core.context import RequestContext, visible
from ..core.errors import AlreadyExists, InvalidInput, LimitExceeded, NotFound
from ..objects import ObjectStores
from ..store import Database
from .listing import page, time_bounds
from .models import (
    ConfigSortBy,
    CreateEndpointConfigRequest,
    EndpointConfigDetail,
    EndpointConfigPage,
    EndpointConfigQuery,
    EndpointConfigSummary,
    SortOrder,
)
from .orm import EndpointConfigRecord

#: ``(context, model name) -> the model as serving units run it``; NotFound when missing.
#: (context, model name, instance type) -> the model as its units run it (``ModelSpec``).
ModelResolver = Callable[[RequestContext, str, str], Any]

_UNSUPPORTED = {
    "async_inference_config": "AsyncInferenceConfig (asynchronous inference)",
    "shadow_production_variants": "ShadowProductionVariants (shadow testing)",
    "explainer_config": "ExplainerConfig (online explainability)",
}


class EndpointConfigService:
    """Creates, describes, lists and deletes endpoint configurations."""

    def __init__(
        self,
        database: Database,
        *,
        catalogue: InstanceTypeCatalogue,
        capacity: CapacityLedger,
        objects: ObjectStores,
        resolve_model: ModelResolver,
        region: str,
        account: str,
    ) -> None:
        self.database = database
        self.catalogue = catalogue
        self.capacity = capacity
        self.objects = objects
        self.resolve_model = resolve_model
        self.region = region
        self.account = account

    def arn(self, name: str) -> str:
        return f"arn:aws:sagemaker:{self.region}:{self.account}:endpoint-config/{name.lower()}"

    def model_arn(self, name: str) -> str:
        return f"arn:aws:sagemaker:{self.region}:{self.account}:model/{name.lower()}"

    # -- create ----------------------------------------------------------------------------

    def check(self, context: RequestContext, request: CreateEndpointConfigRequest) -> None:
        """Refuse, naming the field, a config that could never serve here."""
        for key, feature in _UNSUPPORTED.items():
            if getattr(request, key):
                raise InvalidInput(f"{feature} is not supported by this server.", field=key)
        for index, variant in enumerate(request.production_variants):
            where = f"ProductionVariants.{index}"
            if variant.serverless_config is not None:
                raise InvalidInput(
                    "Serverless variants are not supported by this server; give "
                    "InstanceType and InitialInstanceCount.",
                    field=f"{where}.ServerlessConfig",
                )
            instance = self.catalogue.require(variant.instance_type, field=f"{where}.InstanceType")
            count = variant.initial_instance_count
            try:
                model = self.resolve_model(context, variant.model_name, instance.name)
            except NotFound as error:
                raise InvalidInput(
                    f'Could not find model "{self.model_arn(variant.model_name)}".',
                    field=f"{where}.ModelName",
                ) from error
            memory = 0 if instance.local else int(instance.memory_gib * GIB) * count
            # On the Ray cluster its scheduler holds the resources, not this host.
            on_cluster = getattr(model, "backend", None) == "ray"
            too_big = None if on_cluster else self.capacity.fits_ever(memory, instance.gpus * count)
            if too_big:
                raise LimitExceeded(
                    f"{count} x {instance.name} {too_big}", field=f"{where}.InitialInstanceCount"
                )
        capture = request.data_capture_config
        if capture is not None:
            self.objects.check(capture.destination_s3_uri, "DataCaptureConfig.DestinationS3Uri")

    def create(self, context: RequestContext, request: CreateEndpointConfigRequest) -> str:
        """Record a config; returns its ARN."""
        self.check(context, request)
        name = request.endpoint_config_name
        arn = self.arn(name)
        record = EndpointConfigRecord(
            name=name,
            arn=arn,
            creation_time=now_ms(),
            request=request.model_dump(mode="json", by_alias=True, exclude_none=True),
            domain=context.domain,
            space=context.space,
            owner=context.owner,
        )
        try:
            with self.database.session() as session:
                session.add(record)
        except IntegrityError as error:
            raise AlreadyExists(
                f'Cannot create already existing endpoint configuration "{arn}".',
                field="EndpointConfigName",
            ) from error
        return arn

    # -- read ------------------------------------------------------------------------------

    def request_of(self, context: RequestContext, name: str) -> CreateEndpointConfigRequest:
        """The config as it was created."""
        return CreateEndpointConfigRequest.model_validate(
            self._get(context, name).request, context={"aws": True}
        )

    def describe(self, context: RequestContext, name: str) -> EndpointConfigDetail:
        record = self._get(context, name)
        request = record.request
        return EndpointConfigDetail.model_validate(
            {
                "EndpointConfigName": record.name,
                "EndpointConfigArn": record.arn,
                "ProductionVariants": request["ProductionVariants"],
                "DataCaptureConfig": request.get("DataCaptureConfig"),
                "KmsKeyId": request.get("KmsKeyId"),
                "CreationTime": ms_to_datetime(record.creation_time),
            },
            context={"aws": True},
        )

    def list(self, context: RequestContext, query: EndpointConfigQuery) -> EndpointConfigPage:
        record = EndpointConfigRecord
        filters = time_bounds(
            record.creation_time, query.creation_time_after, query.creation_time_before
        )
        if query.name_contains:
            filters.append(record.name.contains(query.name_contains, autoescape=True))
        column = record.name if query.sort_by == ConfigSortBy.NAME else record.creation_time
        rows, token = page(
            self.database,
            context,
            record,
            column,
            query.sort_order == SortOrder.DESCENDING,
            filters,
            query,
        )
        return EndpointConfigPage(
            endpoint_configs=[
                EndpointConfigSummary(
                    endpoint_config_name=row.name,
                    endpoint_config_arn=row.arn,
                    creation_time=ms_to_datetime(row.creation_time),
                )
                for row in rows
            ],
            next_token=token,
        )

    # -- delete ----------------------------------------------------------------------------

    def delete(self, context: RequestContext, name: str) -> None:
        """Forget a config; endpoints that serve it keep their own copy."""
        with self.database.session() as session:
            deleted = session.execute(
                delete(EndpointConfigRecord).where(
                    visible(EndpointConfigRecord, context),
                    EndpointConfigRecord.name == name,
                )
            )
            if not getattr(deleted, "rowcount", 0):
                raise NotFound(f'Could not find endpoint configuration "{self.arn(name)}".')

    def _get(self, context: RequestContext, name: str) -> EndpointConfigRecord:
        with self.database.session() as session:
            record = session.scalar(
                select(EndpointConfigRecord).where(
                    visible(EndpointConfigRecord, context),
                    EndpointConfigRecord.name == name,
                )
            )
            if record is None:
                raise NotFound(f'Could not find endpoint configuration "{name}".')
            session.expunge(record)
            return record
