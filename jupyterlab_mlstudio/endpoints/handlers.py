"""REST handlers for endpoints and endpoint configs (the UI's, the magics' and the Python
client's face; boto3 and the SageMaker SDK use the AWS face)."""

from __future__ import annotations

import json
from typing import Any

from jupyter_server.auth.decorator import authorized
from pydantic import Field, model_validator
from tornado import web

from ..core.handlers import MLStudioHandler
from ..core.models import ApiModel, PageQuery
from ..core.openapi import Route, operation
from .deploy import DeployRequest
from .invocations import LeanInvocation, invocation_from, serve_invocation, token_user
from .models import (
    NAME_PATTERN,
    CreateEndpointConfigRequest,
    DesiredWeightAndCapacity,
    EndpointConfigDetail,
    EndpointConfigPage,
    EndpointConfigQuery,
    EndpointQuery,
    UpdateEndpointRequest,
    UpdateWeightsRequest,
)
from .router import InvocationError
from .scaling import ScalingPolicy, VariantScaling
from .states import EndpointStatus
from .views import (
    EndpointMetrics,
    EndpointSummaryView,
    EndpointView,
    endpoint_view,
    metrics_view,
    summaries,
)

TAGS = ("endpoints",)
RESOURCE = "mlstudio:endpoints"


class EndpointListQuery(PageQuery):
    """Query of ``GET /endpoints``."""

    status: EndpointStatus | None = None
    max_items: int = Field(default=100, ge=1, le=100)


class EndpointList(ApiModel):
    endpoints: list[EndpointSummaryView]
    next_token: str | None = None


class VariantChange(ApiModel):
    variant_name: str = Field(pattern=NAME_PATTERN)
    weight: float | None = Field(default=None, ge=0)
    instance_count: int | None = Field(default=None, ge=1, le=100)


class EndpointChange(ApiModel):
    """``PATCH /endpoints/{name}``: another config, or new weights and instance counts."""

    endpoint_config_name: str | None = Field(default=None, pattern=NAME_PATTERN)
    variants: list[VariantChange] | None = Field(default=None, min_length=1, max_length=10)

    @model_validator(mode="after")
    def _one_change(self) -> EndpointChange:
        if (self.endpoint_config_name is None) == (self.variants is None):
            raise ValueError("give endpoint_config_name or variants (one of them)")
        return self


class MetricsQuery(ApiModel):
    seconds: int = Field(default=300, ge=1, le=600, description="How far back, in seconds")


class ConfigListQuery(PageQuery):
    max_items: int = Field(default=100, ge=1, le=100)


class _Base(MLStudioHandler):
    auth_resource = RESOURCE

    async def _view(self, name: str) -> EndpointView:
        services = self.services
        return await self.call(
            endpoint_view, services.endpoints, services.scaling, self.request_context, name
        )


class EndpointsHandler(_Base):
    """``GET /mlstudio/api/v1/endpoints``: the domain's endpoints, newest first; ``POST``:
    deploy in one step from a training job, a registered model version or a model."""

    @operation("List endpoints", response=EndpointList, query=EndpointListQuery, tags=TAGS)
    @web.authenticated
    @authorized
    async def get(self) -> None:
        query = self.parse_query(EndpointListQuery)
        rows, token = await self.call(
            summaries,
            self.services.endpoints,
            self.request_context,
            query.service_query(EndpointQuery, status_equals=query.status),
        )
        self.reply(EndpointList(endpoints=rows, next_token=token))

    @operation(
        "Deploy a model on a new endpoint (model, config and endpoint in one step)",
        body=DeployRequest,
        response=EndpointView,
        status=201,
        errors=(401, 403, 409),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def post(self) -> None:
        request = self.parse_body(DeployRequest)
        context = self.request_context
        detail = await self.call(self.services.deploys.deploy, context, request)
        self.reply(await self._view(detail.endpoint_name), status=201)


class EndpointHandler(_Base):
    """``GET /mlstudio/api/v1/endpoints/{name}``: status, variants, instances, recent errors,
    autoscaling; ``PATCH``: roll out another config or change weights and instance counts;
    ``DELETE``: stop serving and remove it."""

    @operation(
        "An endpoint with its variants, instances and recent errors",
        response=EndpointView,
        errors=(401, 403, 404),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def get(self, name: str) -> None:
        self.reply(await self._view(name))

    @operation(
        "Update an endpoint: another config, or new weights and instance counts",
        body=EndpointChange,
        response=EndpointView,
        errors=(401, 403, 404, 409),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def patch(self, name: str) -> None:
        change = self.parse_body(EndpointChange)
        # 404 for a missing endpoint first: a name no endpoint can have would fail the
        # requests' own name check below with a server error.
        await self._view(name)
        endpoints = self.services.endpoints
        context = self.request_context
        if change.endpoint_config_name:
            request = UpdateEndpointRequest(
                endpoint_name=name, endpoint_config_name=change.endpoint_config_name
            )
            await self.call(endpoints.update, context, request)
        else:
            weights = UpdateWeightsRequest(
                endpoint_name=name,
                desired_weights_and_capacities=[
                    DesiredWeightAndCapacity(
                        variant_name=item.variant_name,
                        desired_weight=item.weight,
                        desired_instance_count=item.instance_count,
                    )
                    for item in change.variants or []
                ],
            )
            await self.call(endpoints.update_weights, context, weights)
        self.reply(await self._view(name))

    @operation("Delete an endpoint", status=204, errors=(401, 403, 404), tags=TAGS)
    @web.authenticated
    @authorized
    async def delete(self, name: str) -> None:
        await self.call(self.services.endpoints.delete, self.request_context, name)
        self.reply(None, status=204)


class EndpointMetricsHandler(_Base):
    """``GET /mlstudio/api/v1/endpoints/{name}/metrics``: invocations, errors and latency
    (p50, p99) per second and variant, for the live charts."""

    @operation(
        "Invocations and latency per second",
        response=EndpointMetrics,
        query=MetricsQuery,
        errors=(401, 403, 404),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def get(self, name: str) -> None:
        query = self.parse_query(MetricsQuery)
        self.reply(
            await self.call(
                metrics_view, self.services.endpoints, self.request_context, name, query.seconds
            )
        )


class EndpointInvocationsHandler(LeanInvocation, _Base):
    """``POST /mlstudio/api/v1/endpoints/{name}/invocations``: InvokeEndpoint with Jupyter's
    token or cookie (the UI's request box, plain HTTP clients). The body and the headers are
    sagemaker-runtime's; the answer is the model's body with the variant that answered in
    ``X-Amzn-Invoked-Production-Variant``.

    The server's token in the ``Authorization`` header takes the lean path
    (:class:`LeanInvocation`); any other credential goes through Jupyter's own checks."""

    async def prepare(self, *, _redirect_to_login: bool = True) -> None:
        user = token_user(self)
        if user is None:
            await _Base.prepare(self)  # a cookie (with XSRF), a token in the URL, a hub's user
            return
        self._lean_prepare(user)

    @operation(
        "Invoke an endpoint (raw body; Content-Type, Accept and the X-Amzn-SageMaker-* headers "
        "as sagemaker-runtime takes them)",
        errors=(400, 401, 403, 424, 503),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def post(self, name: str) -> None:
        try:
            result = await serve_invocation(
                self,
                self.request_context,
                name,
                invocation_from(self.request.headers, self.request.body),
            )
        except InvocationError as error:
            self.set_status(error.status)
            self.finish(json.dumps({"error": error.code, "message": error.message, **error.fields}))
            return
        self.set_header("X-Amzn-Invoked-Production-Variant", result.variant)
        if result.custom_attributes:
            self.set_header("X-Amzn-SageMaker-Custom-Attributes", result.custom_attributes)
        # The model's own content type (Jupyter's API handlers would say JSON for every body).
        self.finish(result.body, set_content_type=result.content_type)

    def on_finish(self) -> None:
        """An invocation changes nothing, so the audit log keeps only a refused one (as it keeps
        a refused change); the AWS face's InvokeEndpoint records none either. Recording each
        served invocation was a store write per request, a third of the server's time on it."""
        if self.get_status() == 403:
            super().on_finish()

    def check_xsrf_cookie(self) -> None:
        """Token-authenticated clients send no XSRF cookie; a cookie login still needs one."""
        if self.request.headers.get("Authorization"):
            return None
        return super().check_xsrf_cookie()

    def set_secure_cookie(self, *args: Any, **kwargs: Any) -> None:
        """No login cookie for token-authenticated invocations: Jupyter would sign and send one
        on every request of a client that keeps no cookies (about a tenth of the server's
        time on this path); the token authenticates each request anyway."""
        if self.request.headers.get("Authorization"):
            return
        super().set_secure_cookie(*args, **kwargs)


class VariantScalingHandler(_Base):
    """``GET/PUT/DELETE /mlstudio/api/v1/endpoints/{name}/variants/{variant}/autoscaling``:
    a variant's target-tracking policy (the same one application-autoscaling sets)."""

    @operation(
        "A variant's autoscaling policy and its current rate",
        response=VariantScaling,
        errors=(401, 403, 404),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def get(self, name: str, variant: str) -> None:
        scaling = self.services.scaling
        self.reply(await self.call(scaling.variant_scaling, self.request_context, name, variant))

    @operation(
        "Set a variant's autoscaling policy",
        body=ScalingPolicy,
        response=VariantScaling,
        errors=(401, 403, 404, 409),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def put(self, name: str, variant: str) -> None:
        policy = self.parse_body(ScalingPolicy)
        scaling = self.services.scaling
        self.reply(
            await self.call(
                scaling.set_variant_scaling, self.request_context, name, variant, policy
            )
        )

    @operation("Stop autoscaling a variant", status=204, errors=(401, 403, 404), tags=TAGS)
    @web.authenticated
    @authorized
    async def delete(self, name: str, variant: str) -> None:
        scaling = self.services.scaling
        await self.call(scaling.remove_variant_scaling, self.request_context, name, variant)
        self.reply(None, status=204)


class EndpointConfigsHandler(_Base):
    """``GET /mlstudio/api/v1/endpoint-configs``; ``POST``: CreateEndpointConfig in snake_case."""

    @operation(
        "List endpoint configs", response=EndpointConfigPage, query=ConfigListQuery, tags=TAGS
    )
    @web.authenticated
    @authorized
    async def get(self) -> None:
        query = self.parse_query(ConfigListQuery)
        page = await self.call(
            self.services.endpoint_configs.list,
            self.request_context,
            query.service_query(EndpointConfigQuery),
        )
        self.reply(page)

    @operation(
        "Create an endpoint config",
        body=CreateEndpointConfigRequest,
        response=EndpointConfigDetail,
        status=201,
        errors=(401, 403, 409),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def post(self) -> None:
        request = self.parse_body(CreateEndpointConfigRequest)
        configs = self.services.endpoint_configs
        await self.call(configs.create, self.request_context, request)
        detail = await self.call(
            configs.describe, self.request_context, request.endpoint_config_name
        )
        self.reply(detail, status=201)


class EndpointConfigHandler(_Base):
    """``GET/DELETE /mlstudio/api/v1/endpoint-configs/{name}`` (deleting one an endpoint serves
    is allowed, as on SageMaker: the endpoint keeps its own copy)."""

    @operation(
        "An endpoint config", response=EndpointConfigDetail, errors=(401, 403, 404), tags=TAGS
    )
    @web.authenticated
    @authorized
    async def get(self, name: str) -> None:
        configs = self.services.endpoint_configs
        self.reply(await self.call(configs.describe, self.request_context, name))

    @operation("Delete an endpoint config", status=204, errors=(401, 403, 404), tags=TAGS)
    @web.authenticated
    @authorized
    async def delete(self, name: str) -> None:
        await self.call(self.services.endpoint_configs.delete, self.request_context, name)
        self.reply(None, status=204)


ROUTES = [
    Route("/endpoints", EndpointsHandler),
    Route("/endpoints/{name}", EndpointHandler),
    Route("/endpoints/{name}/metrics", EndpointMetricsHandler),
    Route("/endpoints/{name}/invocations", EndpointInvocationsHandler),
    Route("/endpoints/{name}/variants/{variant}/autoscaling", VariantScalingHandler),
    Route("/endpoint-configs", EndpointConfigsHandler),
    Route("/endpoint-configs/{name}", EndpointConfigHandler),
]
