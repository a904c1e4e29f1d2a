"""The one error hierarchy of the server.

Services raise these; each face (REST for the UI, the AWS wire protocol, the MLflow face)
translates them in exactly one place. Every class carries the HTTP status of the REST face and
the error code SageMaker would use for the same mistake.
"""

from __future__ import annotations


class MLStudioError(Exception):
    """Base of all errors a client can be told about."""

    status: int = 500
    code: str = "InternalError"
    aws_code: str = "InternalFailure"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def to_json(self) -> dict[str, object]:
        body: dict[str, object] = {"error": self.code, "message": self.message}
        if self.field is not None:
            body["field"] = self.field
        return body


class InvalidInput(MLStudioError):
    """The request is malformed or breaks a rule: 400."""

    status = 400
    code = "InvalidInput"
    aws_code = "ValidationException"


class NotFound(MLStudioError):
    """The named resource does not exist: 404."""

    status = 404
    code = "NotFound"
    aws_code = "ResourceNotFound"


class Conflict(MLStudioError):
    """The resource exists already or is in use: 409."""

    status = 409
    code = "Conflict"
    aws_code = "ResourceInUse"


class AlreadyExists(Conflict):
    """A resource of that name exists already: 409 on REST; SageMaker answers
    ``ValidationException`` ("Cannot create already existing model ...") for models, endpoint
    configurations and endpoints, and its SDK reads that code and message to reuse the one
    there."""

    code = "AlreadyExists"
    aws_code = "ValidationException"


class IllegalTransition(Conflict):
    """The resource's state does not allow the action (stopping a finished job): 409."""

    code = "IllegalTransition"
    aws_code = "ValidationException"


class LimitExceeded(MLStudioError):
    """A quota or capacity limit would be exceeded: 409."""

    status = 409
    code = "LimitExceeded"
    aws_code = "ResourceLimitExceeded"


class Forbidden(MLStudioError):
    """The caller is known but may not do this: 403."""

    status = 403
    code = "Forbidden"
    aws_code = "AccessDeniedException"


class BackendUnavailable(MLStudioError):
    """A backend the request needs (Docker engine, object store, database) does not answer: 503."""

    status = 503
    code = "BackendUnavailable"
    aws_code = "ServiceUnavailable"


class InvalidToken(InvalidInput):
    """A paging token this server did not issue, or issued for another query: 400."""

    code = "InvalidNextToken"
