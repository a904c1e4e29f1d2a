"""Every route the extension serves, with the HTTP methods each handler implements."""

from __future__ import annotations

import re

from tornado.web import RequestHandler

from jupyterlab_mlstudio.app import REST_MODULES
from jupyterlab_mlstudio.aws.handlers import HANDLERS as AWS_HANDLERS
from jupyterlab_mlstudio.core.handlers import API_PREFIX

METHODS = ("get", "post", "put", "patch", "delete")
_GROUP = re.compile(r"\(\?P<([a-z_]+)>(?:\[\^/\]\+|\.\+)\)")


def implemented_methods(handler: type[RequestHandler]) -> list[str]:
    return [m for m in METHODS if getattr(handler, m) is not getattr(RequestHandler, m)]


def rest_routes() -> dict[str, list[str]]:
    """OpenAPI-style template (relative to the API prefix) → methods, from the real handlers."""
    routes: dict[str, list[str]] = {}
    for module in REST_MODULES:
        for pattern, handler in module.HANDLERS:
            assert pattern.startswith(API_PREFIX), pattern
            template = _GROUP.sub(lambda m: "{" + m.group(1) + "}", pattern[len(API_PREFIX) :])
            routes[template] = implemented_methods(handler)
    return routes


def all_urls() -> list[tuple[str, str]]:
    """(method, concrete path) for every route, the AWS face and the JSON 404 included."""
    urls = []
    for template, methods in rest_routes().items():
        path = API_PREFIX + re.sub(r"\{[a-z_]+\}", "x", template)
        urls += [(method.upper(), path) for method in methods]
    for pattern, handler in AWS_HANDLERS:
        urls += [
            (method.upper(), pattern.rstrip("?").rstrip("/") + "/")
            for method in implemented_methods(handler)
        ]
    urls += [(method.upper(), f"{API_PREFIX}/no-such-thing") for method in METHODS]
    urls += mlflow_urls()
    return urls


def mlflow_urls() -> list[tuple[str, str]]:
    """One URL per MLflow endpoint of the face, its artifact proxy and server-info."""
    from jupyterlab_mlstudio.mlflow_api.handlers import _TABLE

    base = "/mlstudio/mlflow/api/2.0"
    urls = [
        (
            route.method,
            f"{base}/mlflow/" + route.path.replace("{model_id}", "m-1").replace("{tag_key}", "k"),
        )
        for route, _ in _TABLE
    ]
    urls += [
        (method, f"{base}/mlflow-artifacts/artifacts/a/b.txt")
        for method in ("GET", "PUT", "DELETE")
    ]
    urls += [
        ("GET", f"{base}/mlflow-artifacts/artifacts"),
        ("GET", "/mlstudio/mlflow/api/3.0/mlflow/server-info"),
    ]
    return urls
