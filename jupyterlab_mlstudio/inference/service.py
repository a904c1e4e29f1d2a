"""Models: create, describe, list, delete; and the ``ModelSpec`` serving units start from."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError

from ..algorithms.jobs import for_image
from ..algorithms.serving import ENVIRONMENT_KEY as ALGORITHM_KEY
from ..algorithms.xgb_outputs import ENVIRONMENT_KEY as INFERENCE_OUTPUT
from ..algorithms.xgb_outputs import selected_keys
from ..core.clock import datetime_to_ms, ms_to_datetime, now_ms
from ..core.context import RequestContext, visible
from ..core.errors import AlreadyExists, InvalidInput, NotFound
from ..images.frameworks import framework_missing
from ..objects import ObjectStores
from ..serving.units import ModelSpec
from ..store import Database
from ..store.listing import keyset_page
from ..training.models import SortOrder
from .models import (
    CreateModelRequest,
    ModelDetail,
    ModelPage,
    ModelQuery,
    ModelSortKey,
    ModelSummary,
)
from .orm import ModelRecord

#: (image, context, field) -> (backend, image reference): training's image resolution.
ImageResolver = Callable[[str, RequestContext, str], tuple[str, str]]

#: What serving in the server's own Python needs (the ``serve`` extra).
SERVE_MODULES = ("uvicorn", "starlette", "numpy")


def serve_extra_missing(interpreter: str) -> str | None:
    """Why units in the server's own Python cannot serve (the ``serve`` extra is not
    installed), or ``None``. Another environment is checked by its unit, which says so."""
    if interpreter != sys.executable:
        return None
    missing = [name for name in SERVE_MODULES if importlib.util.find_spec(name) is None]
    if not missing:
        return None
    return (
        f"Serving in this server's Python needs {', '.join(missing)}: install them with "
        "pip install 'jupyterlab_mlstudio[serve]'"
    )


_SORT_COLUMNS = {
    ModelSortKey.NAME: ModelRecord.name,
    ModelSortKey.CREATION_TIME: ModelRecord.creation_time,
}


class ModelService:
    """Models of the caller's domain. A model is a record only: deleting one that an endpoint
    or a transform job uses is allowed, as on SageMaker (they keep what they started with)."""

    def __init__(
        self,
        database: Database,
        *,
        objects: ObjectStores,
        resolve_image: ImageResolver,
        region: str = "us-east-1",
        account: str = "000000000000",
        resolve_image_for: Callable[..., tuple[str, str]] | None = None,
    ) -> None:
        self.database = database
        self.objects = objects
        self.resolve_image = resolve_image
        #: (image, context, field, instance type) -> (backend, image): on the Ray cluster
        #: when the instance type runs there (training's ``resolve_image_for``).
        self.resolve_image_for = resolve_image_for
        self.region = region
        self.account = account

    def arn(self, name: str) -> str:
        return f"arn:aws:sagemaker:{self.region}:{self.account}:model/{name.lower()}"

    # -- create ----------------------------------------------------------------------------

    def _validate(self, context: RequestContext, request: CreateModelRequest) -> None:
        if request.containers and len(request.containers) > 1:
            raise InvalidInput(
                "Models with several containers (inference pipelines) are not supported by this "
                "server: give one container",
                field="Containers",
            )
        field = "PrimaryContainer" if request.primary_container is not None else "Containers.0"
        container = request.container()
        if container.mode != "SingleModel":
            raise InvalidInput(
                "Multi-model containers are not supported by this server",
                field=f"{field}.Mode",
            )
        if container.model_package_name:
            raise InvalidInput(
                "Model packages are not supported by this server: give Image and ModelDataUrl",
                field=f"{field}.ModelPackageName",
            )
        artifact = container.artifact()
        if artifact:
            self.objects.check(artifact, f"{field}.ModelDataUrl")
        code = ModelSpec(request.model_name, "", "", environment=container.environment).code_uri()
        if code:
            self.objects.check(code, f"{field}.Environment.SAGEMAKER_SUBMIT_DIRECTORY")
        backend, image = self.resolve_image(container.image, context, f"{field}.Image")
        if backend == "process":
            missing = serve_extra_missing(image) or framework_missing(container.image, image)
            if missing:
                raise InvalidInput(missing, field=f"{field}.Image")
        algorithm = for_image(container.image)
        if algorithm is not None and algorithm.name == "xgboost":
            try:
                selected_keys(container.environment.get(INFERENCE_OUTPUT))
            except ValueError as error:
                raise InvalidInput(
                    str(error), field=f"{field}.Environment.{INFERENCE_OUTPUT}"
                ) from error

    def create(self, context: RequestContext, request: CreateModelRequest) -> str:
        """Record a model; returns its ARN. A name in use is refused as SageMaker refuses it."""
        self._validate(context, request)
        arn = self.arn(request.model_name)
        record = ModelRecord(
            name=request.model_name,
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
                f'Cannot create already existing model "{arn}".', field="ModelName"
            ) from error
        return arn

    # -- read ------------------------------------------------------------------------------

    def _get(self, context: RequestContext, name: str) -> ModelRecord:
        with self.database.session() as session:
            record = session.scalar(
                select(ModelRecord).where(visible(ModelRecord, context), ModelRecord.name == name)
            )
        if record is None:
            raise NotFound(f'Could not find model "{self.arn(name)}".')
        return record

    def request_of(self, context: RequestContext, name: str) -> CreateModelRequest:
        """The model's CreateModel request as stored."""
        return CreateModelRequest.model_validate(self._get(context, name).request)

    def describe(self, context: RequestContext, name: str) -> ModelDetail:
        record = self._get(context, name)
        request = CreateModelRequest.model_validate(record.request)
        container = request.container()
        try:
            backend, image = self.resolve_image(container.image, context, "Image")
        except InvalidInput:
            backend, image = "unavailable", container.image
        fields: dict[str, Any] = {
            key: value for key, value in record.request.items() if key not in ("Tags",)
        }
        return ModelDetail.model_validate(
            {
                **fields,
                "ModelName": record.name,
                "ModelArn": record.arn,
                "CreationTime": ms_to_datetime(record.creation_time),
                "Backend": backend,
                "Image": image,
                "Tags": record.request.get("Tags", []),
            }
        )

    def list(self, context: RequestContext, query: ModelQuery) -> ModelPage:
        """One page of the caller's domain's models."""
        statement: Select[Any] = select(ModelRecord).where(visible(ModelRecord, context))
        if query.name_contains:
            statement = statement.where(
                ModelRecord.name.contains(query.name_contains, autoescape=True)
            )
        if query.creation_time_after is not None:
            statement = statement.where(
                ModelRecord.creation_time > datetime_to_ms(query.creation_time_after)
            )
        if query.creation_time_before is not None:
            statement = statement.where(
                ModelRecord.creation_time < datetime_to_ms(query.creation_time_before)
            )
        rows, token = keyset_page(
            self.database,
            statement,
            column=_SORT_COLUMNS[query.sort_by],
            id_column=ModelRecord.id,
            descending=query.sort_order == SortOrder.DESCENDING,
            max_results=query.max_results,
            token=query.next_token,
            listing=query.model_dump(mode="json", exclude={"next_token", "max_results"}),
        )
        return ModelPage(
            models=[
                ModelSummary(
                    model_name=row.name,
                    model_arn=row.arn,
                    creation_time=ms_to_datetime(row.creation_time),
                )
                for row in rows
            ],
            next_token=token,
        )

    def delete(self, context: RequestContext, name: str) -> None:
        """Forget a model. Endpoints and transform jobs that use it keep running."""
        record = self._get(context, name)
        with self.database.session() as session:
            found = session.get(ModelRecord, record.id)
            if found is not None:
                session.delete(found)

    # -- serving ---------------------------------------------------------------------------

    def serving_model(
        self, context: RequestContext, name: str, instance_type: str | None = None
    ) -> ModelSpec:
        """The model as serving units run it: its image resolved now (a registered image's
        newest usable version), its artifact and environment. ``NotFound`` for no such model,
        ``InvalidInput`` when its image cannot run here any more. With ``instance_type``, on
        the Ray cluster when that type runs there (``backend`` ``ray``)."""
        request = self.request_of(context, name)
        container = request.container()
        if instance_type is not None and self.resolve_image_for is not None:
            backend, image = self.resolve_image_for(
                container.image, context, "Image", instance_type
            )
        else:
            backend, image = self.resolve_image(container.image, context, "Image")
        if backend == "process":
            missing = serve_extra_missing(image) or framework_missing(container.image, image)
            if missing:
                raise InvalidInput(missing, field="Image")
        environment = dict(container.environment)
        algorithm = for_image(container.image)
        if algorithm is not None:
            # The unit serves the artifact with the algorithm's own handlers (on Docker too:
            # one image serves every algorithm).
            environment.setdefault(ALGORITHM_KEY, algorithm.name)
        return ModelSpec(
            name=name,
            backend=backend,
            image=image,
            model_data_url=container.artifact(),
            environment=environment,
        )
