"""IAM's access-key actions on the AWS face's query protocol, for user profiles' keys.

``boto3.client("iam").create_access_key(UserName=...)`` makes a key for a user profile and
answers its secret (the only time it is shown); ``list_access_keys``, ``update_access_key``
(``Inactive`` revokes at once) and ``delete_access_key`` manage them. ``UserName`` is a profile
of the caller's domain, or ``<profile>@<domain id>`` for another domain (IAM user names allow
``@`` and no ``/``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from xml.sax.saxutils import escape

from ..core.clock import ms_to_datetime
from ..core.context import RequestContext
from ..core.errors import InvalidInput
from .keys import AccessKeyService
from .service import profile_name_for

IAM_NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/"
IAM_VERSION = "2010-05-08"

Answer = Callable[[AccessKeyService, RequestContext, dict[str, str], str], str]


def _element(name: str, value: str) -> str:
    return f"<{name}>{escape(value)}</{name}>"


def _date(ms: int) -> str:
    return ms_to_datetime(ms).strftime("%Y-%m-%dT%H:%M:%SZ")


def _response(action: str, result: str, request_id: str) -> str:
    inner = f"<{action}Result>{result}</{action}Result>" if result else ""
    return (
        f'<{action}Response xmlns="{IAM_NAMESPACE}">{inner}'
        f"<ResponseMetadata><RequestId>{request_id}</RequestId></ResponseMetadata>"
        f"</{action}Response>"
    )


def _target(context: RequestContext, params: dict[str, str]) -> tuple[str, str]:
    """(domain, profile) a request's ``UserName`` names (the caller's own profile without
    one, as IAM defaults to the signing user)."""
    name = params.get("UserName") or profile_name_for(context.owner)
    profile, _, domain = name.partition("@")
    if not profile or (_ and not domain):
        raise InvalidInput(
            f"UserName {name!r} is not <profile> or <profile>@<domain>", field="UserName"
        )
    return domain or context.domain, profile


def _key_id(params: dict[str, str]) -> str:
    key_id = params.get("AccessKeyId", "")
    if not key_id:
        raise InvalidInput("AccessKeyId is required", field="AccessKeyId")
    return key_id


def _user_name(domain: str, profile: str, context: RequestContext) -> str:
    return profile if domain == context.domain else f"{profile}@{domain}"


def create_access_key(
    keys: AccessKeyService, context: RequestContext, params: dict[str, str], request_id: str
) -> str:
    domain, profile = _target(context, params)
    key = keys.create(context, domain, profile)
    result = (
        "<AccessKey>"
        + _element("UserName", _user_name(domain, profile, context))
        + _element("AccessKeyId", key.access_key_id)
        + _element("Status", key.status)
        + _element("SecretAccessKey", key.secret_access_key)
        + _element("CreateDate", _date(key.creation_time))
        + "</AccessKey>"
    )
    return _response("CreateAccessKey", result, request_id)


def list_access_keys(
    keys: AccessKeyService, context: RequestContext, params: dict[str, str], request_id: str
) -> str:
    domain, profile = _target(context, params)
    members = "".join(
        "<member>"
        + _element("UserName", _user_name(domain, profile, context))
        + _element("AccessKeyId", key.access_key_id)
        + _element("Status", key.status)
        + _element("CreateDate", _date(key.creation_time))
        + "</member>"
        for key in keys.list(context, domain, profile)
    )
    result = f"<AccessKeyMetadata>{members}</AccessKeyMetadata><IsTruncated>false</IsTruncated>"
    return _response("ListAccessKeys", result, request_id)


def update_access_key(
    keys: AccessKeyService, context: RequestContext, params: dict[str, str], request_id: str
) -> str:
    domain, profile = _target(context, params)
    keys.set_status(context, domain, profile, _key_id(params), params.get("Status", ""))
    return _response("UpdateAccessKey", "", request_id)


def delete_access_key(
    keys: AccessKeyService, context: RequestContext, params: dict[str, str], request_id: str
) -> str:
    domain, profile = _target(context, params)
    keys.delete(context, domain, profile, _key_id(params))
    return _response("DeleteAccessKey", "", request_id)


ACTIONS: dict[str, Answer] = {
    "CreateAccessKey": create_access_key,
    "ListAccessKeys": list_access_keys,
    "UpdateAccessKey": update_access_key,
    "DeleteAccessKey": delete_access_key,
}


def answer(
    keys: Any, context: RequestContext, action: str, params: dict[str, str], request_id: str
) -> str | None:
    """The XML answer of an IAM access-key action, or None when ``action`` is not one."""
    handler = ACTIONS.get(action)
    return None if handler is None else handler(keys, context, params, request_id)
