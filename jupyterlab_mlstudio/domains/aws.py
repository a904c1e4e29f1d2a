"""SageMaker's domain actions on the AWS face: domains, user profiles, spaces and apps."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..aws.registry import Action
from ..core.context import RequestContext

if TYPE_CHECKING:
    from ..services import Services

RESOURCE = "mlstudio:domains"
#: Spaces and their apps: members make and start them (admins alone manage the domain and its
#: profiles).
SPACES = "mlstudio:spaces"
#: Notebook instances are a member's own servers, as apps in their spaces are.
NOTEBOOKS = "mlstudio:notebook-instances"


def create_domain(services: Services, context: RequestContext, params: dict[str, Any]) -> Any:
    """``CreateDomain``."""
    return services.domains.create_domain(context, params)


def describe_domain(services: Services, context: RequestContext, params: dict[str, Any]) -> Any:
    """``DescribeDomain``."""
    return services.domains.describe_domain(params["DomainId"])


def list_domains(services: Services, context: RequestContext, params: dict[str, Any]) -> Any:
    """``ListDomains``."""
    domains, token = services.domains.list_domains(
        params.get("MaxResults"), params.get("NextToken")
    )
    return {"Domains": domains, "NextToken": token}


def update_domain(services: Services, context: RequestContext, params: dict[str, Any]) -> Any:
    """``UpdateDomain``."""
    return services.domains.update_domain(params)


def delete_domain(services: Services, context: RequestContext, params: dict[str, Any]) -> Any:
    """``DeleteDomain`` (``RetentionPolicy`` changes nothing: homes live in the object store)."""
    services.domains.delete_domain(context, params["DomainId"])
    return {}


def create_user_profile(services: Services, context: RequestContext, params: dict[str, Any]) -> Any:
    """``CreateUserProfile`` (with its private space; role from the ``mlstudio:role`` tag)."""
    return services.domains.create_profile(context, params)


def describe_user_profile(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> Any:
    """``DescribeUserProfile``."""
    return services.domains.describe_profile(context, params["DomainId"], params["UserProfileName"])


def list_user_profiles(services: Services, context: RequestContext, params: dict[str, Any]) -> Any:
    """``ListUserProfiles``."""
    profiles, token = services.domains.list_profiles(context, params)
    return {"UserProfiles": profiles, "NextToken": token}


def update_user_profile(services: Services, context: RequestContext, params: dict[str, Any]) -> Any:
    """``UpdateUserProfile``."""
    return services.domains.update_profile(context, params)


def delete_user_profile(services: Services, context: RequestContext, params: dict[str, Any]) -> Any:
    """``DeleteUserProfile``: refused while the profile has running apps."""
    services.domains.delete_profile(context, params["DomainId"], params["UserProfileName"])
    return {}


def create_space(services: Services, context: RequestContext, params: dict[str, Any]) -> Any:
    """``CreateSpace``."""
    return services.spaces.create_space(context, params)


def describe_space(services: Services, context: RequestContext, params: dict[str, Any]) -> Any:
    """``DescribeSpace``."""
    return services.spaces.describe_space(context, params["DomainId"], params["SpaceName"])


def list_spaces(services: Services, context: RequestContext, params: dict[str, Any]) -> Any:
    """``ListSpaces``."""
    spaces, token = services.spaces.list_spaces(context, params)
    return {"Spaces": spaces, "NextToken": token}


def update_space(services: Services, context: RequestContext, params: dict[str, Any]) -> Any:
    """``UpdateSpace``."""
    return services.spaces.update_space(context, params)


def delete_space(services: Services, context: RequestContext, params: dict[str, Any]) -> Any:
    """``DeleteSpace``: refused while an app of the space runs."""
    services.spaces.delete_space(context, params["DomainId"], params["SpaceName"])
    return {}


def create_app(services: Services, context: RequestContext, params: dict[str, Any]) -> Any:
    """``CreateApp``: a space's JupyterLab app, started by the server's app launcher."""
    return services.apps.create_app(context, params)


def describe_app(services: Services, context: RequestContext, params: dict[str, Any]) -> Any:
    """``DescribeApp``."""
    return services.apps.describe_app(context, params)


def list_apps(services: Services, context: RequestContext, params: dict[str, Any]) -> Any:
    """``ListApps`` (deleted apps stay listed, as SageMaker's do)."""
    apps, token = services.apps.list_apps(context, params)
    return {"Apps": apps, "NextToken": token}


def delete_app(services: Services, context: RequestContext, params: dict[str, Any]) -> Any:
    """``DeleteApp``."""
    services.apps.delete_app(context, params)
    return {}


ACTIONS = [
    Action("sagemaker", "CreateDomain", create_domain, RESOURCE, "write"),
    Action("sagemaker", "DescribeDomain", describe_domain, RESOURCE, "read"),
    Action("sagemaker", "ListDomains", list_domains, RESOURCE, "read"),
    Action("sagemaker", "UpdateDomain", update_domain, RESOURCE, "write"),
    Action("sagemaker", "DeleteDomain", delete_domain, RESOURCE, "write"),
    Action("sagemaker", "CreateUserProfile", create_user_profile, RESOURCE, "write"),
    Action("sagemaker", "DescribeUserProfile", describe_user_profile, RESOURCE, "read"),
    Action("sagemaker", "ListUserProfiles", list_user_profiles, RESOURCE, "read"),
    Action("sagemaker", "UpdateUserProfile", update_user_profile, RESOURCE, "write"),
    Action("sagemaker", "DeleteUserProfile", delete_user_profile, RESOURCE, "write"),
    Action("sagemaker", "CreateSpace", create_space, SPACES, "write"),
    Action("sagemaker", "DescribeSpace", describe_space, SPACES, "read"),
    Action("sagemaker", "ListSpaces", list_spaces, SPACES, "read"),
    Action("sagemaker", "UpdateSpace", update_space, SPACES, "write"),
    Action("sagemaker", "DeleteSpace", delete_space, SPACES, "write"),
    Action("sagemaker", "CreateApp", create_app, SPACES, "execute"),
    Action("sagemaker", "DescribeApp", describe_app, SPACES, "read"),
    Action("sagemaker", "ListApps", list_apps, SPACES, "read"),
    Action("sagemaker", "DeleteApp", delete_app, SPACES, "write"),
]


def create_presigned_domain_url(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> Any:
    """``CreatePresignedDomainUrl``: a one-time login link to a profile's server or a space."""
    return services.presigner.domain_url(context, params)


def create_notebook_instance(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> Any:
    """``CreateNotebookInstance``: a server of the caller's, started by the app launcher."""
    return services.notebook_instances.create(context, params)


def describe_notebook_instance(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> Any:
    """``DescribeNotebookInstance``."""
    return services.notebook_instances.describe(context, params["NotebookInstanceName"])


def list_notebook_instances(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> Any:
    """``ListNotebookInstances``."""
    instances, token = services.notebook_instances.list(context, params)
    return {"NotebookInstances": instances, "NextToken": token}


def start_notebook_instance(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> Any:
    """``StartNotebookInstance``."""
    services.notebook_instances.start(context, params["NotebookInstanceName"])
    return {}


def stop_notebook_instance(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> Any:
    """``StopNotebookInstance``."""
    services.notebook_instances.stop(context, params["NotebookInstanceName"])
    return {}


def delete_notebook_instance(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> Any:
    """``DeleteNotebookInstance``: only a Stopped or Failed one."""
    services.notebook_instances.delete(context, params["NotebookInstanceName"])
    return {}


def create_presigned_notebook_instance_url(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> Any:
    """``CreatePresignedNotebookInstanceUrl``: a one-time login link to an instance."""
    return services.presigner.notebook_url(context, params)


ACTIONS += [
    Action("sagemaker", "CreatePresignedDomainUrl", create_presigned_domain_url, SPACES, "write"),
    Action("sagemaker", "CreateNotebookInstance", create_notebook_instance, NOTEBOOKS, "write"),
    Action("sagemaker", "DescribeNotebookInstance", describe_notebook_instance, NOTEBOOKS, "read"),
    Action("sagemaker", "ListNotebookInstances", list_notebook_instances, NOTEBOOKS, "read"),
    Action("sagemaker", "StartNotebookInstance", start_notebook_instance, NOTEBOOKS, "write"),
    Action("sagemaker", "StopNotebookInstance", stop_notebook_instance, NOTEBOOKS, "write"),
    Action("sagemaker", "DeleteNotebookInstance", delete_notebook_instance, NOTEBOOKS, "write"),
    Action(
        "sagemaker",
        "CreatePresignedNotebookInstanceUrl",
        create_presigned_notebook_instance_url,
        NOTEBOOKS,
        "write",
    ),
]
