"""Training-job logic: no Tornado, no wire formats; records in, SageMaker shapes out."""

from __future__ import annotations

import json
import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..algorithms import jobs as algorithms
from ..compute.capacity import CapacityLedger
from ..compute.catalogue import InstanceTypeCatalogue
from ..compute.models import GIB
from ..core.clock import ms_to_datetime, now_ms
from ..core.context import RequestContext, visible
from ..core.errors import Conflict, IllegalTransition, InvalidInput, LimitExceeded, NotFound
from ..experiments.service import ExperimentService
from ..images.service import ImageService
from ..jobs.supervisor import JobSupervisor
from ..objects import ObjectStores
from ..objects.router import join_uri
from ..runtime.base import RuntimeBackend
from ..store import Database
from ..store.listing import job_filters, keyset_page
from ..store.lookup import one_in_domain
from ..tags.service import TagService
from . import contract
from .artifacts import FILES, OpenedArtifact, artifact_uri, open_artifact
from .jobs import training_ref
from .models import (
    CreateTrainingJobRequest,
    ModelArtifacts,
    OutputDataConfig,
    SortBy,
    SortOrder,
    TrainingJobDetail,
    TrainingJobPage,
    TrainingJobQuery,
    TrainingJobStatus,
    TrainingJobSummary,
)
from .orm import TrainingJobRecord
from .placement import RUNS_ON_TAG, ImagePlacement
from .states import SecondaryStatus, begin

#: Experiment that training jobs record into unless ExperimentConfig names another.
TRAINING_EXPERIMENT = "training-jobs"
#: Folder below the object store's root of the jobs whose request names no output path.
DEFAULT_OUTPUT_FOLDER = "training-output"


def json_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


_SORT_COLUMNS = {
    SortBy.NAME: TrainingJobRecord.name,
    SortBy.CREATION_TIME: TrainingJobRecord.creation_time,
    SortBy.STATUS: TrainingJobRecord.status,
}


class TrainingJobService:
    """Creates, lists, describes and stops training jobs; the supervisor runs them."""

    def __init__(
        self,
        database: Database,
        *,
        supervisor: JobSupervisor,
        catalogue: InstanceTypeCatalogue,
        capacity: CapacityLedger,
        experiments: ExperimentService,
        objects: ObjectStores,
        backends: dict[str, RuntimeBackend],
        default_interpreter: str,
        images: ImageService | None = None,
        region: str = "us-east-1",
        account: str = "000000000000",
        tags: TagService | None = None,
        sagemaker_image_backend: str = "process",
        cluster_instance_types: tuple[str, ...] = (),
    ) -> None:
        self.database = database
        self.tags = tags
        self.supervisor = supervisor
        self.catalogue = catalogue
        self.capacity = capacity
        self.experiments = experiments
        self.objects = objects
        self.backends = backends
        self.default_interpreter = default_interpreter
        self.images = images
        self.placement = ImagePlacement(
            backends=backends,
            default_interpreter=default_interpreter,
            images=images,
            sagemaker_backend=sagemaker_image_backend,
            cluster_instance_types=cluster_instance_types,
        )
        self.region = region
        self.account = account

    # -- create ----------------------------------------------------------------------------

    def resolve_image(
        self,
        image: str,
        context: RequestContext | None = None,
        field: str = "AlgorithmSpecification.TrainingImage",
    ) -> tuple[str, str]:
        """(backend, image reference) for a TrainingImage (or any image a unit runs, named in
        ``field``); an unusable image is invalid input (``placement.ImagePlacement``)."""
        return self.placement.resolve(image, context, field)

    def resolve_image_for(
        self,
        image: str,
        context: RequestContext | None,
        field: str,
        instance_type: str | None,
        runs_on: str | None = None,
    ) -> tuple[str, str]:
        """Like :meth:`resolve_image` for a unit of ``instance_type``: on the Ray cluster
        when that type runs there (processing, transform, endpoints choose as training does)."""
        return self.placement.resolve_for(image, context, field, instance_type, runs_on)

    def default_output_path(self) -> str:
        """Where a job's model and output go when its request names no place."""
        return join_uri(self.objects.default_root, DEFAULT_OUTPUT_FOLDER)

    def with_defaults(self, request: CreateTrainingJobRequest) -> CreateTrainingJobRequest:
        """The request with what it may leave out filled in: the output path, and a built-in
        algorithm's metric definitions (SageMaker lists them on the algorithm's jobs)."""
        update: dict[str, Any] = {}
        if request.output_data_config is None:
            update["output_data_config"] = OutputDataConfig(
                s3_output_path=self.default_output_path()
            )
        spec = request.algorithm_specification
        definitions = algorithms.metric_definitions_for(request)
        if definitions is not None:
            update["algorithm_specification"] = spec.model_copy(
                update={"metric_definitions": definitions}
            )
        return request.model_copy(update=update) if update else request

    def _validate(
        self, context: RequestContext, request: CreateTrainingJobRequest
    ) -> tuple[str, str]:
        instance = self.catalogue.require(
            request.resource_config.instance_type, field="ResourceConfig.InstanceType"
        )
        count = request.resource_config.instance_count
        runs_on = next((tag.value for tag in request.tags if tag.key == RUNS_ON_TAG), None)
        on_cluster = self.placement.on_cluster(instance.name, runs_on)
        memory = 0 if instance.local else int(instance.memory_gib * GIB) * count
        too_big = None if on_cluster else self.capacity.fits_ever(memory, instance.gpus * count)
        if too_big:
            raise LimitExceeded(
                f"{count} x {instance.name} {too_big}", field="ResourceConfig.InstanceCount"
            )
        for index, definition in enumerate(request.algorithm_specification.metric_definitions):
            try:
                re.compile(definition.regex)
            except re.error as error:
                raise InvalidInput(
                    f"Metric {definition.name}: invalid regular expression: {error}",
                    field=f"AlgorithmSpecification.MetricDefinitions.{index}.Regex",
                ) from error
        for index, channel in enumerate(request.input_data_config):
            self.objects.check(
                channel.data_source.s3_data_source.s3_uri,
                f"InputDataConfig.{index}.DataSource.S3DataSource.S3Uri",
            )
        self.objects.check(request.output_path, "OutputDataConfig.S3OutputPath")
        script = contract.script_mode(request)
        if script is not None:
            self.objects.check(script[1], f"HyperParameters.{contract.SCRIPT_SUBMIT_DIR}")
        if request.checkpoint_config is not None:
            self.objects.check(request.checkpoint_config.s3_uri, "CheckpointConfig.S3Uri")
            if not request.checkpoint_config.local_path.startswith("/"):
                raise InvalidInput(
                    "CheckpointConfig.LocalPath must be absolute",
                    field="CheckpointConfig.LocalPath",
                )
        names = [channel.channel_name for channel in request.input_data_config]
        if len(set(names)) != len(names):
            raise InvalidInput("Channel names must be unique", field="InputDataConfig")
        backend, image = self.placement.resolve_for(
            request.algorithm_specification.training_image,
            context,
            "AlgorithmSpecification.TrainingImage",
            instance.name,
            runs_on,
            scripted=script is not None,
        )
        contract.command(
            request, contract.Layout(contract.ML_ROOT), has_own_entrypoint=backend == "docker"
        )
        return backend, image

    def validate(self, context: RequestContext, request: CreateTrainingJobRequest) -> None:
        """Refuse ``request`` as ``create`` would, creating nothing (a tuning job checks the
        training jobs it will launch before it starts)."""
        self._validate(context, self.with_defaults(request))

    def create(
        self,
        context: RequestContext,
        request: CreateTrainingJobRequest,
        *,
        tuning_job_arn: str | None = None,
    ) -> str:
        """Record the job and hand it to the supervisor; returns its ARN. A tuning job's trial
        names its tuning job (``TuningJobArn``)."""
        request = self.with_defaults(request)
        backend, image = self._validate(context, request)
        name = request.training_job_name
        arn = f"arn:aws:sagemaker:{self.region}:{self.account}:training-job/{name}"
        experiment_name = (
            request.experiment_config and request.experiment_config.experiment_name
        ) or TRAINING_EXPERIMENT
        run_name = (request.experiment_config and request.experiment_config.run_name) or name
        now = now_ms()
        record = TrainingJobRecord(
            name=name,
            arn=arn,
            creation_time=now,
            last_modified_time=now,
            request=request.model_dump(mode="json", by_alias=True, exclude_none=True),
            final_metrics=[],
            runtime={
                "backend": backend,
                "image": image,
                **({"tuning_job_arn": tuning_job_arn} if tuning_job_arn else {}),
            },
            supervisor=self.supervisor.supervisor_id,
            domain=context.domain,
            space=context.space,
            owner=context.owner,
        )
        begin(record, now)
        experiment = self.experiments.ensure_experiment(context, experiment_name)
        try:
            # The job and its run in one transaction: a server that dies in between leaves
            # neither, never a job whose metrics have no run to go to.
            with self.database.session() as session:
                session.add(record)
                session.flush()
                run = self.experiments.create_run(
                    context,
                    experiment.experiment_id,
                    run_name,
                    params={
                        key: json_text(value)
                        for key, value in contract.user_hyperparameters(request).items()
                    },
                    tags={
                        "mlstudio.training_job": name,
                        "mlstudio.instance_type": request.resource_config.instance_type,
                        "mlstudio.image": request.algorithm_specification.training_image,
                        "mlflow.runName": run_name,
                    },
                    source_job=name,
                    session=session,
                )
                record.run_id = run.run_id
                if self.tags is not None:
                    self.tags.attach(session, context, arn, request.tags)
        except IntegrityError as error:
            raise Conflict(
                "Training job names must be unique within an AWS account and region, and a "
                f"training job with this name already exists ({arn})",
                field="TrainingJobName",
            ) from error
        self.supervisor.submit(training_ref(context, name))
        return arn

    # -- read ------------------------------------------------------------------------------

    def describe(self, context: RequestContext, name: str) -> TrainingJobDetail:
        record = self._get(context, name)
        request = record.request
        runtime = record.runtime or {}
        artifacts = (
            ModelArtifacts(s3_model_artifacts=record.model_artifacts)
            if record.model_artifacts
            else None
        )
        start, end = record.training_start_time, record.training_end_time
        seconds = (end - start) // 1000 if start and end else None
        return TrainingJobDetail.model_validate(
            {
                **{
                    key: value
                    for key, value in request.items()
                    if key != "Tags" and key != "TrainingJobName"
                },
                "training_job_name": record.name,
                "training_job_arn": record.arn,
                "training_job_status": record.status,
                "secondary_status": record.secondary_status,
                "failure_reason": record.failure_reason,
                "model_artifacts": artifacts,
                # The SDKs index KmsKeyId (Estimator.attach): SageMaker sends "" when none.
                "OutputDataConfig": {"KmsKeyId": "", **request["OutputDataConfig"]},
                "creation_time": ms_to_datetime(record.creation_time),
                "training_start_time": ms_to_datetime(start),
                "training_end_time": ms_to_datetime(end),
                "last_modified_time": ms_to_datetime(record.last_modified_time),
                "secondary_status_transitions": [
                    {
                        "status": item["Status"],
                        "start_time": ms_to_datetime(item["StartTime"]),
                        "end_time": ms_to_datetime(item.get("EndTime")),
                        "status_message": item.get("StatusMessage") or "",
                    }
                    for item in record.transitions or []
                ],
                "final_metric_data_list": [
                    {
                        "metric_name": item["MetricName"],
                        "value": item["Value"],
                        "timestamp": ms_to_datetime(item["Timestamp"]),
                    }
                    for item in record.final_metrics or []
                ],
                "training_time_in_seconds": seconds,
                # Per instance, as SageMaker counts it (the SDK multiplies by the count).
                "billable_time_in_seconds": seconds,
                "tuning_job_arn": runtime.get("tuning_job_arn"),
                "run_id": record.run_id,
                "backend": runtime.get("backend", "process"),
                "hosts": contract.host_names(
                    int(request["ResourceConfig"].get("InstanceCount", 1))
                ),
                "log_streams": runtime.get("streams", {}),
                "downloads": self._downloads(record),
            },
            context={"aws": True},
        )

    def open_artifact(self, context: RequestContext, name: str, artifact: str) -> OpenedArtifact:
        """A job's model or output archive, opened for download."""
        return open_artifact(self.objects, self._request(self._get(context, name)), name, artifact)

    def _downloads(self, record: TrainingJobRecord) -> list[str]:
        """The archives a finished job left (none while it runs)."""
        if record.status == TrainingJobStatus.IN_PROGRESS.value:
            return []
        request = self._request(record)
        found = []
        for artifact in FILES:
            try:
                self.objects.head(artifact_uri(request, record.name, artifact))
            except (NotFound, InvalidInput):
                continue
            found.append(artifact)
        return found

    @staticmethod
    def _request(record: TrainingJobRecord) -> CreateTrainingJobRequest:
        return CreateTrainingJobRequest.model_validate(record.request, context={"aws": True})

    def stop(
        self, context: RequestContext, name: str, message: str = "Stopping the training job"
    ) -> None:
        """Stop a job in progress; ``message`` says why in its transitions (a tuning job's
        early stop gives its rule's verdict)."""
        record = self._get(context, name)
        if record.status != TrainingJobStatus.IN_PROGRESS.value:
            raise IllegalTransition(
                f"The request was rejected because the training job is in status {record.status}."
            )
        self.supervisor.request_stop(training_ref(context, name), SecondaryStatus.STOPPING, message)

    def _get(self, context: RequestContext, name: str) -> TrainingJobRecord:
        with self.database.session() as session:
            return one_in_domain(
                session,
                TrainingJobRecord,
                context,
                f"Requested resource not found: training job {name}",
                name=name,
            )

    def list(self, context: RequestContext, query: TrainingJobQuery) -> TrainingJobPage:
        """One page of the caller's domain's jobs, filtered and ordered as asked."""
        return list_jobs(self.database, context, query)


def list_jobs(
    database: Database, context: RequestContext, query: TrainingJobQuery
) -> TrainingJobPage:
    """One page of the caller's domain's jobs, filtered and ordered as asked."""
    record = TrainingJobRecord
    rows, token = keyset_page(
        database,
        select(record).where(visible(record, context), *job_filters(record, query)),
        column=_SORT_COLUMNS[query.sort_by],
        id_column=record.id,
        descending=query.sort_order == SortOrder.DESCENDING,
        max_results=query.max_results,
        token=query.next_token,
        listing=query.model_dump(mode="json", exclude={"next_token", "max_results"}),
    )
    return TrainingJobPage(training_job_summaries=[_summary(row) for row in rows], next_token=token)


def _summary(row: TrainingJobRecord) -> TrainingJobSummary:
    return TrainingJobSummary(
        training_job_name=row.name,
        training_job_arn=row.arn,
        creation_time=ms_to_datetime(row.creation_time),
        training_end_time=ms_to_datetime(row.training_end_time),
        last_modified_time=ms_to_datetime(row.last_modified_time),
        training_job_status=TrainingJobStatus(row.status),
        secondary_status=row.secondary_status,
    )
