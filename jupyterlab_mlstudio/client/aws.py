"""boto3 and the SageMaker SDK against a studio server, from anywhere.

Code the server starts (kernels, jobs) needs none of this: its environment already names the
server. From elsewhere, ``Client().sagemaker_session()`` builds what that environment would
give: a boto3 session whose clients go to the server's faces, signed with the user's keys, and
a ``sagemaker.Session`` over it with the server's default bucket and defaults file (role,
telemetry off). Works with either SDK line (``sagemaker<3`` and ``sagemaker>=3``).
"""

from __future__ import annotations

from typing import Any

#: Services the AWS face answers at ``/mlstudio/aws`` (botocore's names).
AWS_FACE = (
    "sagemaker",
    "sagemaker-runtime",
    "runtime.sagemaker",
    "sagemaker-metrics",
    "logs",
    "cloudwatch",
    "application-autoscaling",
)


def face_endpoints(server_url: str, s3_face: bool) -> dict[str, str]:
    """botocore service name -> endpoint URL on the server at ``server_url``."""
    base = server_url.rstrip("/")
    endpoints = {name: f"{base}/mlstudio/aws" for name in AWS_FACE}
    if s3_face:
        endpoints["s3"] = f"{base}/mlstudio/s3"
    return endpoints


def boto_session(endpoints: dict[str, str], access_key: str, secret: str, region: str) -> Any:
    """A ``boto3.Session`` whose clients and resources go to ``endpoints`` unless the caller
    names an endpoint itself (the SDK does so only for STS)."""
    import boto3

    def aimed(service: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
        # endpoint_url is the fifth positional parameter of Session.client and .resource
        if len(args) < 5 and not kwargs.get("endpoint_url") and service in endpoints:
            return {**kwargs, "endpoint_url": endpoints[service]}
        return kwargs

    base: Any = boto3.Session  # its overloads per service name do not fit a generic wrapper

    class StudioSession(base):
        def client(self, service_name: str, *args: Any, **kwargs: Any) -> Any:
            return super().client(service_name, *args, **aimed(service_name, args, kwargs))

        def resource(self, service_name: str, *args: Any, **kwargs: Any) -> Any:
            return super().resource(service_name, *args, **aimed(service_name, args, kwargs))

    return StudioSession(
        aws_access_key_id=access_key, aws_secret_access_key=secret, region_name=region
    )


def sagemaker_session(boto: Any, aws: dict[str, Any]) -> Any:
    """A ``sagemaker.Session`` of whichever SDK line is installed, over ``boto``, with the
    server's default bucket and SDK defaults (``aws``: the status report's ``aws``)."""
    try:
        from sagemaker.core.helper.session_helper import Session  # v3
    except ImportError:
        try:
            from sagemaker import Session  # v2
        except ImportError as error:
            raise ImportError(
                "The SageMaker Python SDK is not installed here: pip install sagemaker"
            ) from error
    return Session(
        boto_session=boto,
        sagemaker_client=boto.client("sagemaker"),
        sagemaker_runtime_client=boto.client("sagemaker-runtime"),
        default_bucket=aws.get("default_bucket"),
        sagemaker_config=aws["defaults"],
    )
