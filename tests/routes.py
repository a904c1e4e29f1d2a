"""Every route the extension serves, with the HTTP methods each handler implements."""

from __future__ import annotations

import re
from typing import Any

from tornado.web import RequestHandler

from jupyterlab_mlstudio.aws.handlers import AwsHandler
from jupyterlab_mlstudio.core.handlers import API_PREFIX, NotFoundHandler
from jupyterlab_mlstudio.routes import rest_routes as declared_routes

METHODS = ("get", "post", "put", "patch", "delete")
_GROUP = re.compile(r"\(\?P<([a-z_]+)>(?:\[\^/\]\+|\.\+)\)")


def implemented_methods(handler: type[RequestHandler]) -> list[str]:
    return [m for m in METHODS if getattr(handler, m) is not getattr(RequestHandler, m)]


def rest_routes() -> dict[str, list[str]]:
    """OpenAPI-style template (relative to the API prefix) → methods, as declared."""
    return {item.template: implemented_methods(item.handler) for item in declared_routes()}


def served_rest_routes(web_app: Any) -> dict[str, list[str]]:
    """Template → methods of every REST route a running server's Tornado app really routes
    (the JSON 404 for unknown paths left out)."""
    routes: dict[str, list[str]] = {}
    for regex, handler in _rules(web_app.default_router):
        if handler is NotFoundHandler:
            continue
        pattern = regex.pattern.rstrip("$")
        start = pattern.find(API_PREFIX)
        if start < 0:
            continue
        template = _GROUP.sub(lambda m: "{" + m.group(1) + "}", pattern[start + len(API_PREFIX) :])
        routes[template] = implemented_methods(handler)
    return routes


def _rules(router: Any) -> list[tuple[Any, type]]:
    """(path regex, handler class) of every rule below ``router`` (host rules walked into)."""
    found = []
    for rule in router.rules:
        target = rule.target
        if hasattr(target, "rules"):
            found += _rules(target)
        elif isinstance(target, type) and getattr(rule.matcher, "regex", None) is not None:
            found.append((rule.matcher.regex, target))
    return found


def all_urls() -> list[tuple[str, str]]:
    """(method, concrete path) for every route, the AWS face and the JSON 404 included."""
    urls = []
    for template, methods in rest_routes().items():
        path = API_PREFIX + re.sub(r"\{[a-z_]+\}", "x", template)
        urls += [(method.upper(), path) for method in methods]
    urls += [(method.upper(), "/mlstudio/aws/") for method in implemented_methods(AwsHandler)]
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
        ("GET", "/mlstudio/mlflow/get-artifact"),
        ("GET", "/mlstudio/mlflow/health"),
        ("POST", "/mlstudio/mlflow/ajax-api/2.0/mlflow/upload-artifact"),
        ("GET", "/mlstudio/mlflow/ajax-api/2.0/mlflow/logged-models/m-1/artifacts/files"),
        ("GET", "/mlstudio/mlflow/"),  # where the links the mlflow client prints land
        ("GET", "/mlstudio/mlflow"),
    ]
    return urls
