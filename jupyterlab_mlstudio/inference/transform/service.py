"""Transform-job logic: no Tornado, no wire formats; records in, SageMaker shapes out."""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError

from ...compute.capacity import CapacityLedger
from ...compute.catalogue import InstanceTypeCatalogue
from ...compute.models import GIB
from ...core.clock import ms_to_datetime, now_ms
from ...core.context import RequestContext, visible
from ...core.errors import Conflict, IllegalTransition, InvalidInput, LimitExceeded, NotFound
from ...jobs.supervisor import JobSupervisor
from ...objects import ObjectStores
from ...store import Database
from ...store.listing import job_filters, keyset_page
from ...training.models import SortOrder
from ..service import ModelService
from .jobs import progress_of, transform_ref
from .models import (
    CreateTransformJobRequest,
    TransformJobDetail,
    TransformJobPage,
    TransformJobQuery,
    TransformJobStatus,
    TransformJobSummary,
    TransformProgress,
    TransformSortKey,
)
from .orm import TransformJobRecord
from .records import Processing
from .states import begin

_SORT_COLUMNS = {
    TransformSortKey.NAME: TransformJobRecord.name,
    TransformSortKey.CREATION_TIME: TransformJobRecord.creation_time,
    TransformSortKey.STATUS: TransformJobRecord.status,
}


class TransformJobService:
    """Creates, lists, describes and stops transform jobs; the supervisor runs them."""

    def __init__(
        self,
        database: Database,
        *,
        supervisor: JobSupervisor,
        models: ModelService,
        catalogue: InstanceTypeCatalogue,
        capacity: CapacityLedger,
        objects: ObjectStores,
        region: str = "us-east-1",
        account: str = "000000000000",
    ) -> None:
        self.database = database
        self.supervisor = supervisor
        self.models = models
        self.catalogue = catalogue
        self.capacity = capacity
        self.objects = objects
        self.region = region
        self.account = account

    # -- create ----------------------------------------------------------------------------

    def _validate(self, request: CreateTransformJobRequest) -> None:
        resources = request.transform_resources
        instance = self.catalogue.require(
            resources.instance_type, field="TransformResources.InstanceType"
        )
        count = resources.instance_count
        memory = 0 if instance.local else int(instance.memory_gib * GIB) * count
        too_big = self.capacity.fits_ever(memory, instance.gpus * count)
        if too_big:
            raise LimitExceeded(
                f"{count} x {instance.name} {too_big}", field="TransformResources.InstanceCount"
            )
        source = request.transform_input.data_source.s3_data_source
        if source.s3_data_type == "AugmentedManifestFile":
            raise InvalidInput(
                "Augmented manifest files are not supported by this server: use S3Prefix or "
                "ManifestFile",
                field="TransformInput.DataSource.S3DataSource.S3DataType",
            )
        if request.transform_input.split_type in ("RecordIO", "TFRecord"):
            raise InvalidInput(
                f"SplitType {request.transform_input.split_type} is not supported by this "
                "server: use Line or None",
                field="TransformInput.SplitType",
            )
        self.objects.check(source.s3_uri, "TransformInput.DataSource.S3DataSource.S3Uri")
        self.objects.check(request.transform_output.s3_output_path, "TransformOutput.S3OutputPath")
        Processing.of(request)

    def create(self, context: RequestContext, request: CreateTransformJobRequest) -> str:
        """Record the job with the model as it is now, and hand it to the supervisor."""
        self._validate(request)
        try:
            model = self.models.serving_model(
                context, request.model_name, request.transform_resources.instance_type
            )
        except NotFound as error:
            raise InvalidInput(error.message, field="ModelName") from error
        name = request.transform_job_name
        arn = f"arn:aws:sagemaker:{self.region}:{self.account}:transform-job/{name.lower()}"
        now = now_ms()
        record = TransformJobRecord(
            name=name,
            arn=arn,
            creation_time=now,
            last_modified_time=now,
            request=request.model_dump(mode="json", by_alias=True, exclude_none=True),
            model=dataclasses.asdict(model),
            progress={},
            runtime={},
            supervisor=self.supervisor.supervisor_id,
            domain=context.domain,
            space=context.space,
            owner=context.owner,
        )
        begin(record, now)
        try:
            with self.database.session() as session:
                session.add(record)
        except IntegrityError as error:
            raise Conflict(
                "Transform job names must be unique within an AWS account and region, and a "
                f"transform job with this name already exists ({arn})",
                field="TransformJobName",
            ) from error
        self.supervisor.submit(transform_ref(context, name))
        return arn

    # -- read ------------------------------------------------------------------------------

    def _get(self, context: RequestContext, name: str) -> TransformJobRecord:
        with self.database.session() as session:
            record = session.scalar(
                select(TransformJobRecord).where(
                    visible(TransformJobRecord, context), TransformJobRecord.name == name
                )
            )
        if record is None:
            raise NotFound(f"Could not find requested job with name {name}")
        return record

    def describe(self, context: RequestContext, name: str) -> TransformJobDetail:
        record = self._get(context, name)
        runtime = record.runtime or {}
        model = record.model or {}
        fields = {key: value for key, value in record.request.items() if key != "Tags"}
        return TransformJobDetail.model_validate(
            {
                **fields,
                "TransformJobName": record.name,
                "TransformJobArn": record.arn,
                "TransformJobStatus": record.status,
                "FailureReason": record.failure_reason,
                "CreationTime": ms_to_datetime(record.creation_time),
                "TransformStartTime": ms_to_datetime(record.transform_start_time),
                "TransformEndTime": ms_to_datetime(record.transform_end_time),
                "LastModifiedTime": ms_to_datetime(record.last_modified_time),
                "Backend": model.get("backend"),
                "ModelImage": model.get("image"),
                "ModelDataUrl": model.get("model_data_url"),
                "Progress": TransformProgress(**progress_of(record)),
                "StatusMessage": runtime.get("waiting")
                or next(
                    (
                        item.get("StatusMessage")
                        for item in reversed(record.transitions or [])
                        if item.get("StatusMessage")
                    ),
                    None,
                ),
                "LogStreams": [item["stream"] for item in runtime.get("hosts", [])],
                "StatusTransitions": [
                    {
                        "Status": item["Status"],
                        "StartTime": ms_to_datetime(item["StartTime"]),
                        "EndTime": ms_to_datetime(item.get("EndTime")),
                        "StatusMessage": item.get("StatusMessage"),
                    }
                    for item in record.transitions or []
                ],
            }
        )

    def log_stream(self, context: RequestContext, name: str, host: str) -> str | None:
        """The log stream of instance ``host`` (``algo-1``...), if it started."""
        for item in (self._get(context, name).runtime or {}).get("hosts", []):
            if item["name"] == host:
                return str(item["stream"])
        return None

    def stop(self, context: RequestContext, name: str) -> None:
        """Stop a job in progress: no new requests, units stopped, the job ends Stopped."""
        record = self._get(context, name)
        if record.status != TransformJobStatus.IN_PROGRESS.value:
            raise IllegalTransition(
                f"Transform job {name} is {record.status}; only a job in progress can be stopped"
            )
        self.supervisor.request_stop(
            transform_ref(context, name), TransformJobStatus.STOPPING, "Stopping the transform job"
        )

    def list(self, context: RequestContext, query: TransformJobQuery) -> TransformJobPage:
        """One page of the caller's domain's transform jobs."""
        record = TransformJobRecord
        statement: Select[Any] = select(record).where(
            visible(record, context), *job_filters(record, query)
        )
        rows, token = keyset_page(
            self.database,
            statement,
            column=_SORT_COLUMNS[query.sort_by],
            id_column=record.id,
            descending=query.sort_order == SortOrder.DESCENDING,
            max_results=query.max_results,
            token=query.next_token,
            listing=query.model_dump(mode="json", exclude={"next_token", "max_results"}),
        )
        return TransformJobPage(
            transform_job_summaries=[
                TransformJobSummary(
                    transform_job_name=row.name,
                    transform_job_arn=row.arn,
                    creation_time=ms_to_datetime(row.creation_time),
                    transform_end_time=ms_to_datetime(row.transform_end_time),
                    last_modified_time=ms_to_datetime(row.last_modified_time),
                    transform_job_status=TransformJobStatus(row.status),
                    failure_reason=row.failure_reason,
                )
                for row in rows
            ],
            next_token=token,
        )
