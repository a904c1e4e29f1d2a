"""The keys that sign requests to the AWS faces (``/mlstudio/aws``, ``/mlstudio/s3``).

Today a server has one secret, its Jupyter token, and the access key names the user. Per-user
keys come with domains; this module is the one place that changes then: what kernels and jobs
are given (:func:`credentials_for`) and what the faces check signatures with
(:func:`secret_for`) must always agree.
"""

from __future__ import annotations


def credentials_for(user: str, server_token: str) -> tuple[str, str]:
    """(access key, secret key) that code run for ``user`` signs its AWS requests with."""
    return user, server_token


def secret_for(access_key: str, server_token: str) -> str | None:
    """The secret a request signed with ``access_key`` must be signed with (``None``: no key
    is known, as on a server without a token)."""
    return server_token or None
