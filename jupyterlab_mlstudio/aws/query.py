"""The query protocol of the AWS face: STS ``GetCallerIdentity``, IAM ``GetRole`` and IAM's
access-key actions for user profiles (``domains/iam.py``).

botocore sends both as a form body (``Action=GetCallerIdentity&Version=2011-06-15``) with no
``X-Amz-Target``, and reads XML. Errors use the query protocol's ``ErrorResponse`` shape.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs
from xml.sax.saxutils import escape

from ..awsenv.identity import caller_identity, get_role
from ..core.clock import ms_to_datetime
from ..domains import iam

FORM = "application/x-www-form-urlencoded"
STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/"
IAM_NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/"
#: When the execution role "was created": a fixed instant, as a role's creation is.
ROLE_CREATED_MS = 1_700_000_000_000


class QueryError(Exception):
    """An error in the query protocol's shape."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


@dataclass(frozen=True)
class QueryCall:
    """One query-protocol request: its action, version, parameters and caller."""

    action: str
    version: str
    params: dict[str, str]
    account: str
    user: str
    #: The caller's request context and the access-key service (IAM's key actions need them).
    context: Any = None
    keys: Any = None


def parse_form(body: bytes) -> dict[str, str]:
    try:
        parsed = parse_qs(body.decode(), keep_blank_values=True, strict_parsing=False)
    except UnicodeDecodeError as error:
        raise QueryError("MalformedQueryString", "The body is not UTF-8 form data") from error
    return {key: values[-1] for key, values in parsed.items()}


def is_query(content_type: str, target: str, body: bytes) -> bool:
    """Whether a request speaks the query protocol: a form body naming its ``Action``, no JSON
    target. (A bare POST that only carries the form type, as ``urllib`` sends by default, is
    answered as the JSON faces answer it.)"""
    if target or content_type.split(";", 1)[0].strip().lower() != FORM:
        return False
    return re.search(rb"(?:^|&)Action=", body) is not None


def _element(name: str, value: str) -> str:
    return f"<{name}>{escape(value)}</{name}>"


def _response(action: str, namespace: str, result: str, request_id: str) -> str:
    return (
        f'<{action}Response xmlns="{namespace}">'
        f"<{action}Result>{result}</{action}Result>"
        f"<ResponseMetadata><RequestId>{request_id}</RequestId></ResponseMetadata>"
        f"</{action}Response>"
    )


def _get_caller_identity(call: QueryCall, request_id: str) -> str:
    identity = caller_identity(call.account, call.user)
    result = (
        _element("Arn", identity.arn)
        + _element("UserId", identity.user_id)
        + _element("Account", identity.account)
    )
    return _response("GetCallerIdentity", STS_NAMESPACE, result, request_id)


def _get_role(call: QueryCall, request_id: str) -> str:
    name = call.params.get("RoleName", "")
    if not name:
        raise QueryError("ValidationError", "RoleName is required")
    role = get_role(call.account, name)
    created = ms_to_datetime(ROLE_CREATED_MS).strftime("%Y-%m-%dT%H:%M:%SZ")
    result = (
        "<Role>"
        + _element("Path", role.path)
        + _element("RoleName", role.name)
        + _element("RoleId", role.role_id)
        + _element("Arn", role.arn)
        + _element("CreateDate", created)
        + _element("MaxSessionDuration", "3600")
        + "</Role>"
    )
    return _response("GetRole", IAM_NAMESPACE, result, request_id)


#: (action, version) -> its answer; the version tells STS from IAM, as the services do.
ACTIONS: dict[tuple[str, str], Callable[[QueryCall, str], str]] = {
    ("GetCallerIdentity", "2011-06-15"): _get_caller_identity,
    ("GetRole", "2010-05-08"): _get_role,
}
#: The SigV4 service names these requests are signed for.
SIGNING_NAMES = {"sts", "iam"}


def answer(call: QueryCall, request_id: str) -> str:
    """The XML body of ``call``'s answer, or ``QueryError``."""
    if call.version == iam.IAM_VERSION and call.action in iam.ACTIONS:
        return str(iam.answer(call.keys, call.context, call.action, call.params, request_id))
    handler = ACTIONS.get((call.action, call.version))
    if handler is None:
        raise QueryError(
            "InvalidAction",
            f"Unknown operation {call.action or '(none)'!r} (version {call.version or 'none'}); "
            "this server answers STS GetCallerIdentity and IAM GetRole and access-key actions",
        )
    return handler(call, request_id)


def error_body(error: QueryError, request_id: str) -> str:
    kind = "Receiver" if error.status >= 500 else "Sender"
    return (
        "<ErrorResponse><Error>"
        + _element("Type", kind)
        + _element("Code", error.code)
        + _element("Message", error.message)
        + f"</Error><RequestId>{request_id}</RequestId></ErrorResponse>"
    )
