"""Processing-job logic: no Tornado, no wire formats; records in, SageMaker shapes out."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError

from ..compute.capacity import CapacityLedger
from ..compute.catalogue import InstanceTypeCatalogue
from ..compute.models import GIB
from ..core.clock import ms_to_datetime, now_ms
from ..core.context import RequestContext, visible
from ..core.errors import Conflict, IllegalTransition, InvalidInput, LimitExceeded, NotFound
from ..jobs.supervisor import JobSupervisor
from ..logs.service import LogService
from ..objects import ObjectStores
from ..store import Database
from ..store.listing import job_filters, keyset_page
from ..tags.service import TagService
from ..training.models import LogLineOut, LogPage, SortOrder
from ..training.placement import RUNS_ON_TAG
from . import contract
from .jobs import LOG_GROUP, processing_ref
from .models import (
    CreateProcessingJobRequest,
    ProcessingJobDetail,
    ProcessingJobPage,
    ProcessingJobQuery,
    ProcessingJobStatus,
    ProcessingJobSummary,
    ProcessingSortKey,
)
from .orm import ProcessingJobRecord
from .states import begin

#: (image, context, field) -> (backend, image reference): the training service's resolver, so
#: processing accepts exactly the images training does (``default``, registered images,
#: Docker references, and whatever else that resolver learns, such as SageMaker's ECR URIs).
ImageResolver = Callable[[str, RequestContext | None, str], tuple[str, str]]

_SORT_COLUMNS = {
    ProcessingSortKey.NAME: ProcessingJobRecord.name,
    ProcessingSortKey.CREATION_TIME: ProcessingJobRecord.creation_time,
    ProcessingSortKey.STATUS: ProcessingJobRecord.status,
}
IMAGE_FIELD = "AppSpecification.ImageUri"


class ProcessingJobService:
    """Creates, lists, describes and stops processing jobs, and reads their logs; the
    supervisor runs them."""

    def __init__(
        self,
        database: Database,
        *,
        supervisor: JobSupervisor,
        catalogue: InstanceTypeCatalogue,
        capacity: CapacityLedger,
        objects: ObjectStores,
        logs: LogService,
        resolve_image: ImageResolver,
        tags: TagService | None = None,
        region: str = "us-east-1",
        account: str = "000000000000",
        resolve_image_for: Callable[..., tuple[str, str]] | None = None,
    ) -> None:
        self.database = database
        self.supervisor = supervisor
        self.catalogue = catalogue
        self.capacity = capacity
        self.objects = objects
        self.logs = logs
        self.resolve_image = resolve_image
        #: (image, context, field, instance type, runs-on tag) -> (backend, image): on the
        #: Ray cluster when the instance type runs there (training's ``resolve_image_for``).
        self.resolve_image_for = resolve_image_for
        self.tags = tags
        self.region = region
        self.account = account

    # -- create ----------------------------------------------------------------------------

    def _validate_inputs(self, request: CreateProcessingJobRequest) -> None:
        names: set[str] = set()
        paths: set[str] = set()
        for index, item in enumerate(request.processing_inputs):
            field = f"ProcessingInputs.{index}"
            if item.input_name in names:
                raise InvalidInput(
                    f"Input names must be unique: {item.input_name} appears twice", field=field
                )
            names.add(item.input_name)
            source = item.s3_input
            if source is None:
                raise InvalidInput(
                    f"Input {item.input_name}: only S3Input is supported by this server "
                    "(DatasetDefinition inputs need Athena or Redshift)",
                    field=f"{field}.S3Input",
                )
            if source.local_path is None:
                raise InvalidInput(
                    f"Input {item.input_name}: S3Input.LocalPath is required",
                    field=f"{field}.S3Input.LocalPath",
                )
            if source.s3_input_mode == "Pipe":
                raise InvalidInput(
                    f"Input {item.input_name}: S3InputMode Pipe is not supported by this "
                    "server: use File (the data is copied to LocalPath before the job starts)",
                    field=f"{field}.S3Input.S3InputMode",
                )
            if source.s3_compression_type == "Gzip":
                raise InvalidInput(
                    f"Input {item.input_name}: S3CompressionType Gzip can only be used when "
                    "S3InputMode is Pipe",
                    field=f"{field}.S3Input.S3CompressionType",
                )
            if source.local_path in paths:
                raise InvalidInput(
                    f"Input {item.input_name}: LocalPath {source.local_path} is used twice",
                    field=f"{field}.S3Input.LocalPath",
                )
            paths.add(source.local_path)
            self.objects.check(source.s3_uri, f"{field}.S3Input.S3Uri")
        config = request.processing_output_config
        names = set()
        for index, output in enumerate(config.outputs if config else []):
            field = f"ProcessingOutputConfig.Outputs.{index}"
            if output.output_name in names:
                raise InvalidInput(
                    f"Output names must be unique: {output.output_name} appears twice",
                    field=field,
                )
            names.add(output.output_name)
            target = output.s3_output
            if target is None or target.local_path is None:
                raise InvalidInput(
                    f"Output {output.output_name}: only S3Output with a LocalPath is supported "
                    "by this server (Feature Store outputs are not)",
                    field=f"{field}.S3Output",
                )
            self.objects.check(target.s3_uri, f"{field}.S3Output.S3Uri")

    def _validate(
        self, context: RequestContext, request: CreateProcessingJobRequest
    ) -> tuple[str, str]:
        cluster = request.processing_resources.cluster_config
        instance = self.catalogue.require(
            cluster.instance_type, field="ProcessingResources.ClusterConfig.InstanceType"
        )
        image_uri = request.app_specification.image_uri
        if self.resolve_image_for is not None:
            runs_on = next((tag.value for tag in request.tags if tag.key == RUNS_ON_TAG), None)
            backend, image = self.resolve_image_for(
                image_uri, context, IMAGE_FIELD, instance.name, runs_on
            )
        else:
            backend, image = self.resolve_image(image_uri, context, IMAGE_FIELD)
        memory = 0 if instance.local else int(instance.memory_gib * GIB) * cluster.instance_count
        # On the Ray cluster its scheduler holds the resources, not this host.
        too_big = (
            None
            if backend == "ray"
            else self.capacity.fits_ever(memory, instance.gpus * cluster.instance_count)
        )
        if too_big:
            raise LimitExceeded(
                f"{cluster.instance_count} x {instance.name} {too_big}",
                field="ProcessingResources.ClusterConfig.InstanceCount",
            )
        self._validate_inputs(request)
        contract.command(request, docker=backend == "docker")
        return backend, image

    def create(self, context: RequestContext, request: CreateProcessingJobRequest) -> str:
        """Record the job and hand it to the supervisor; returns its ARN."""
        backend, image = self._validate(context, request)
        name = request.processing_job_name
        arn = f"arn:aws:sagemaker:{self.region}:{self.account}:processing-job/{name}"
        now = now_ms()
        record = ProcessingJobRecord(
            name=name,
            arn=arn,
            creation_time=now,
            last_modified_time=now,
            request=request.model_dump(mode="json", by_alias=True, exclude_none=True),
            runtime={"backend": backend, "image": image},
            supervisor=self.supervisor.supervisor_id,
            domain=context.domain,
            space=context.space,
            owner=context.owner,
        )
        begin(record, now)
        try:
            with self.database.session() as session:
                session.add(record)
                if self.tags is not None:
                    self.tags.attach(session, context, arn, request.tags)
        except IntegrityError as error:
            raise Conflict(
                "Processing job names must be unique within an AWS account and region, and a "
                f"processing job with this name already exists ({arn})",
                field="ProcessingJobName",
            ) from error
        self.supervisor.submit(processing_ref(context, name))
        return arn

    # -- read ------------------------------------------------------------------------------

    def _get(self, context: RequestContext, name: str) -> ProcessingJobRecord:
        with self.database.session() as session:
            record = session.scalar(
                select(ProcessingJobRecord).where(
                    visible(ProcessingJobRecord, context), ProcessingJobRecord.name == name
                )
            )
        if record is None:
            raise NotFound(f"Could not find requested job with name {name}")
        return record

    def describe(self, context: RequestContext, name: str) -> ProcessingJobDetail:
        record = self._get(context, name)
        runtime = record.runtime or {}
        fields = {key: value for key, value in record.request.items() if key != "Tags"}
        count = fields["ProcessingResources"]["ClusterConfig"]["InstanceCount"]
        return ProcessingJobDetail.model_validate(
            {
                **fields,
                "ProcessingJobArn": record.arn,
                "ProcessingJobStatus": record.status,
                "FailureReason": record.failure_reason,
                "ExitMessage": record.exit_message,
                "CreationTime": ms_to_datetime(record.creation_time),
                "ProcessingStartTime": ms_to_datetime(record.processing_start_time),
                "ProcessingEndTime": ms_to_datetime(record.processing_end_time),
                "LastModifiedTime": ms_to_datetime(record.last_modified_time),
                "Backend": runtime.get("backend"),
                "StatusMessage": runtime.get("waiting")
                or next(
                    (
                        item.get("StatusMessage")
                        for item in reversed(record.transitions or [])
                        if item.get("StatusMessage")
                    ),
                    None,
                ),
                "Hosts": contract.host_names(count),
                "LogStreams": dict(runtime.get("streams") or {}),
            }
        )

    def log_page(
        self,
        context: RequestContext,
        name: str,
        host: str = "algo-1",
        after: int = -1,
        limit: int = 1000,
    ) -> LogPage:
        """Up to ``limit`` lines of instance ``host`` after sequence number ``after``."""
        detail = self.describe(context, name)
        if host not in detail.hosts:
            raise InvalidInput(f"host: {name} has hosts {', '.join(detail.hosts)}", field="host")
        stream = detail.log_streams.get(host)
        if stream is None or not self.logs.exists(context, LOG_GROUP, stream):
            return LogPage(host=host, stream=stream, lines=[], total=0)
        events = self.logs.tail(context, LOG_GROUP, stream, after, limit)
        return LogPage(
            host=host,
            stream=stream,
            lines=[LogLineOut(seq=e.seq, timestamp=e.timestamp, message=e.message) for e in events],
            total=self.logs.count(context, LOG_GROUP, stream),
        )

    def stop(self, context: RequestContext, name: str) -> None:
        """Stop a job in progress: its units get SIGTERM, then SIGKILL; it ends Stopped."""
        record = self._get(context, name)
        if record.status != ProcessingJobStatus.IN_PROGRESS.value:
            raise IllegalTransition(
                f"Processing job {name} is {record.status}; only a job in progress can be stopped"
            )
        self.supervisor.request_stop(
            processing_ref(context, name),
            ProcessingJobStatus.STOPPING,
            "Stopping the processing job",
        )

    def list(self, context: RequestContext, query: ProcessingJobQuery) -> ProcessingJobPage:
        """One page of the caller's domain's processing jobs."""
        record = ProcessingJobRecord
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
        return ProcessingJobPage(
            processing_job_summaries=[
                ProcessingJobSummary(
                    processing_job_name=row.name,
                    processing_job_arn=row.arn,
                    creation_time=ms_to_datetime(row.creation_time),
                    processing_end_time=ms_to_datetime(row.processing_end_time),
                    last_modified_time=ms_to_datetime(row.last_modified_time),
                    processing_job_status=ProcessingJobStatus(row.status),
                    failure_reason=row.failure_reason,
                    exit_message=row.exit_message,
                )
                for row in rows
            ],
            next_token=token,
        )
