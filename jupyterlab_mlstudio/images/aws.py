"""Image operations of the AWS face (SageMaker's names and shapes)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..aws.registry import Action
from ..core.clock import ms_to_datetime
from ..core.context import RequestContext
from .models import AppImageConfig, Image, ImageVersion

if TYPE_CHECKING:
    from ..services import Services

RESOURCE = "mlstudio:images"


def _image(item: Image) -> dict[str, Any]:
    return {
        "ImageArn": item.image_arn,
        "ImageName": item.image_name,
        "ImageStatus": item.image_status,
        "DisplayName": item.display_name,
        "Description": item.description,
        "CreationTime": ms_to_datetime(item.creation_time),
        "LastModifiedTime": ms_to_datetime(item.last_modified_time),
    }


def _version(item: ImageVersion, summary: bool = False) -> dict[str, Any]:
    body = {
        "ImageArn": item.image_arn,
        "ImageVersionArn": item.image_version_arn,
        "ImageVersionStatus": item.image_version_status,
        "FailureReason": item.failure_reason,
        "Version": item.version,
        "CreationTime": ms_to_datetime(item.creation_time),
        "LastModifiedTime": ms_to_datetime(item.last_modified_time),
    }
    if not summary:
        body.update(BaseImage=item.base_image, ContainerImage=item.container_image)
        if item.details.get("ml_framework"):
            body["MLFramework"] = item.details["ml_framework"]
    return body


def _config(item: AppImageConfig) -> dict[str, Any]:
    system: dict[str, Any] = {"DefaultUid": item.uid, "DefaultGid": item.gid}
    if item.mount_path:
        system["MountPath"] = item.mount_path
    return {
        "AppImageConfigArn": item.arn,
        "AppImageConfigName": item.name,
        "CreationTime": ms_to_datetime(item.creation_time),
        "LastModifiedTime": ms_to_datetime(item.last_modified_time),
        "KernelGatewayImageConfig": {
            "KernelSpecs": [
                {"Name": spec["name"], "DisplayName": spec.get("display_name", spec["name"])}
                for spec in item.kernel_specs
            ],
            "FileSystemConfig": system,
        },
    }


def _gateway(params: dict[str, Any]) -> tuple[list[dict[str, str]] | None, dict[str, Any] | None]:
    gateway = params.get("KernelGatewayImageConfig") or {}
    specs = [
        {"name": spec["Name"], "display_name": spec.get("DisplayName", spec["Name"])}
        for spec in gateway.get("KernelSpecs", [])
    ]
    system = gateway.get("FileSystemConfig")
    file_system = None
    if system:
        file_system = {
            "mount_path": system.get("MountPath", ""),
            "uid": system.get("DefaultUid", 0),
            "gid": system.get("DefaultGid", 0),
        }
    return specs or None, file_system


def create_image(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    image = services.images.create_image(
        context,
        params["ImageName"],
        params.get("DisplayName"),
        params.get("Description"),
        tags=params.get("Tags"),
    )
    return {"ImageArn": image.image_arn}


def describe_image(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    return _image(services.images.describe_image(context, params["ImageName"]))


def list_images(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    images, token = services.images.list_images(
        context,
        params.get("NameContains"),
        params.get("SortBy", "CREATION_TIME"),
        params.get("SortOrder", "DESCENDING") == "ASCENDING",
        params.get("MaxResults", 100),
        params.get("NextToken"),
    )
    body: dict[str, Any] = {"Images": [_image(item) for item in images]}
    if token:
        body["NextToken"] = token
    return body


def delete_image(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    services.images.delete_image(context, params["ImageName"])
    return {}


def create_image_version(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    version = services.images.create_version(
        context,
        params["ImageName"],
        params["BaseImage"],
        params.get("Aliases"),
        ml_framework=params.get("MLFramework"),
    )
    return {"ImageVersionArn": version.image_version_arn}


def describe_image_version(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    found = services.images.describe_version(
        context, params["ImageName"], params.get("Version"), params.get("Alias")
    )
    return _version(found)


def list_image_versions(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    versions = services.images.list_versions(context, params["ImageName"])
    if params.get("SortOrder") == "ASCENDING":
        versions.reverse()
    return {
        "ImageVersions": [
            _version(item, summary=True) for item in versions[: params.get("MaxResults", 100)]
        ]
    }


def delete_image_version(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    services.images.delete_version(
        context, params["ImageName"], params.get("Version"), params.get("Alias")
    )
    return {}


def create_app_image_config(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    specs, system = _gateway(params)
    created = services.images.put_app_config(
        context, params["AppImageConfigName"], specs, system, create=True, tags=params.get("Tags")
    )
    return {"AppImageConfigArn": created.arn}


def update_app_image_config(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    specs, system = _gateway(params)
    updated = services.images.put_app_config(
        context, params["AppImageConfigName"], specs, system, create=False
    )
    return {"AppImageConfigArn": updated.arn}


def describe_app_image_config(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    return _config(services.images.app_config(context, params["AppImageConfigName"]))


def list_app_image_configs(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    configs = services.images.list_app_configs(context)
    if params.get("NameContains"):
        configs = [item for item in configs if params["NameContains"] in item.name]
    return {"AppImageConfigs": [_config(item) for item in configs]}


def delete_app_image_config(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    services.images.delete_app_config(context, params["AppImageConfigName"])
    return {}


ACTIONS = [
    Action("sagemaker", "CreateImage", create_image, RESOURCE, "write"),
    Action("sagemaker", "DescribeImage", describe_image, RESOURCE, "read"),
    Action("sagemaker", "ListImages", list_images, RESOURCE, "read"),
    Action("sagemaker", "DeleteImage", delete_image, RESOURCE, "write"),
    Action("sagemaker", "CreateImageVersion", create_image_version, RESOURCE, "write"),
    Action("sagemaker", "DescribeImageVersion", describe_image_version, RESOURCE, "read"),
    Action("sagemaker", "ListImageVersions", list_image_versions, RESOURCE, "read"),
    Action("sagemaker", "DeleteImageVersion", delete_image_version, RESOURCE, "write"),
    Action("sagemaker", "CreateAppImageConfig", create_app_image_config, RESOURCE, "write"),
    Action("sagemaker", "UpdateAppImageConfig", update_app_image_config, RESOURCE, "write"),
    Action("sagemaker", "DescribeAppImageConfig", describe_app_image_config, RESOURCE, "read"),
    Action("sagemaker", "ListAppImageConfigs", list_app_image_configs, RESOURCE, "read"),
    Action("sagemaker", "DeleteAppImageConfig", delete_app_image_config, RESOURCE, "write"),
]
