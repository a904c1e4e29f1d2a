"""S3's errors, and the one place where the server's error hierarchy becomes them."""

from __future__ import annotations

from ..core.errors import (
    BackendUnavailable,
    Conflict,
    Forbidden,
    InvalidInput,
    MLStudioError,
    NotFound,
)
from ..objects.buckets import InvalidBucketName, KeyTooLong, NoSuchBucket, NoSuchKey


class S3Error(MLStudioError):
    """An error as S3 gives it: its code, HTTP status and the extra fields of its XML body."""

    def __init__(self, code: str, message: str, status: int = 400, **fields: str) -> None:
        super().__init__(message)
        self.s3_code = code
        self.status = status
        self.fields = fields


def access_denied(message: str = "Access Denied") -> S3Error:
    return S3Error("AccessDenied", message, 403)


def not_implemented(what: str) -> S3Error:
    return S3Error("NotImplemented", f"{what} is not implemented by this server", 501)


def as_s3_error(error: MLStudioError) -> S3Error:
    """The S3 error for any error of the server's hierarchy."""
    if isinstance(error, S3Error):
        return error
    message = error.message
    if isinstance(error, NoSuchBucket):
        return S3Error("NoSuchBucket", message, 404)
    if isinstance(error, NoSuchKey):
        return S3Error("NoSuchKey", message, 404)
    if isinstance(error, InvalidBucketName):
        return S3Error("InvalidBucketName", message, 400)
    if isinstance(error, KeyTooLong):
        return S3Error("KeyTooLongError", message, 400)
    if isinstance(error, NotFound):
        return S3Error("NoSuchKey", message, 404)
    if isinstance(error, Forbidden):
        return S3Error("AccessDenied", message, 403)
    if isinstance(error, Conflict):
        # A file-backed store cannot hold both ``a`` and ``a/b``: say so plainly.
        return S3Error("KeyConflict", message, 409)
    if isinstance(error, InvalidInput):
        return S3Error("InvalidArgument", message, 400)
    if isinstance(error, BackendUnavailable):
        return S3Error("ServiceUnavailable", message, 503)
    return S3Error("InternalError", message, 500)
