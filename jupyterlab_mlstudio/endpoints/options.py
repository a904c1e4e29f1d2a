"""The server's settings for serving units and endpoints (part of ``MLStudioApp``'s
configuration: set them as ``c.MLStudioApp.<name>``)."""

from __future__ import annotations

from traitlets import Float, Integer
from traitlets.config import Configurable


class ServingOptions(Configurable):
    """How serving units start and stop, and how endpoints route, capture and scale."""

    serving_health_timeout = Float(
        240.0,
        config=True,
        help="Seconds a serving unit (an endpoint instance or a transform job's instance) has "
        "to answer GET /ping with 200 after it starts, before it counts as failed. Default: 240.",
    )
    serving_stop_grace_seconds = Float(
        30.0,
        config=True,
        help="Seconds between SIGTERM and SIGKILL when a serving unit is stopped. Default: 30.",
    )
    serving_max_workers = Integer(
        4,
        config=True,
        help="Most web-server worker processes per serving unit when the model does not set "
        "SAGEMAKER_MODEL_SERVER_WORKERS (a unit gets one per vCPU of its instance type, up to "
        "this). Default: 4.",
    )

    endpoint_invocation_timeout = Float(
        65.0,
        config=True,
        help="Seconds the router waits for a model's answer to one invocation before it "
        "answers ModelError. Default: 65 (a serving unit's own limit is 60).",
    )
    endpoint_capture_flush_seconds = Float(
        10.0,
        config=True,
        help="Seconds between writes of an endpoint's captured requests and responses to the "
        "object store. Default: 10.",
    )
    endpoint_scaling_interval = Float(
        10.0,
        config=True,
        help="Seconds between the autoscaler's looks at endpoint variants. Default: 10.",
    )
    endpoint_scaling_window = Float(
        60.0,
        config=True,
        help="Seconds of invocations the autoscaler averages to get a variant's invocations "
        "per instance per minute. Default: 60, as SageMaker's one-minute metric.",
    )
