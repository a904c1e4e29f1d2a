"""The OpenAPI document agrees with the routes the server really has: both come from one
declaration per route, and a handler method without documentation cannot be served."""

from __future__ import annotations

import pytest
from jupyter_server.auth.decorator import authorized
from openapi_spec_validator import validate
from tornado import web

from jupyterlab_mlstudio.core.handlers import MLStudioHandler
from jupyterlab_mlstudio.core.openapi import Route, build_document, operation, tornado_handlers

from .routes import rest_routes, served_rest_routes


async def test_openapi_document_lists_exactly_the_served_routes_and_methods(api, jp_serverapp):
    # Given the running server
    # When its document is read
    code, document = await api("GET", "openapi.json")
    # Then it is valid OpenAPI and lists exactly what the Tornado app routes, method by method
    assert code == 200
    validate(document)
    documented = {path: sorted(operations) for path, operations in document["paths"].items()}
    served = served_rest_routes(jp_serverapp.web_app)
    assert documented == {path: sorted(methods) for path, methods in served.items()}
    assert served == rest_routes()


async def test_openapi_response_schemas_describe_what_the_routes_return(api):
    _, document = await api("GET", "openapi.json")
    schemas = document["components"]["schemas"]
    _, status = await api("GET", "status")
    assert set(status) == set(schemas["Status"]["properties"])
    _, listing = await api("GET", "instance-types")
    item_schema = schemas["InstanceType"]["properties"]
    assert set(listing["instance_types"][0]) == set(item_schema)


class _Half(MLStudioHandler):
    """A handler whose DELETE nobody documented."""

    @operation("Read it")
    @web.authenticated
    @authorized
    async def get(self) -> None:
        self.reply({})

    @web.authenticated
    @authorized
    async def delete(self) -> None:
        self.set_status(204)


def test_a_route_with_an_undocumented_method_is_neither_served_nor_documented():
    # Given a route whose handler implements a method without @operation
    routes = [Route("/half", _Half)]
    # When the handler table or the document is made from it
    # Then both refuse, naming the method and the route
    with pytest.raises(TypeError, match=r"_Half\.delete serves /half"):
        tornado_handlers(routes)
    with pytest.raises(TypeError, match=r"_Half\.delete serves /half"):
        build_document("0", routes)


def test_a_route_declared_twice_is_refused():
    class Reader(MLStudioHandler):
        @operation("Read it")
        async def get(self) -> None:
            self.reply({})

    twice = [Route("/twice", Reader), Route("/twice", Reader)]
    with pytest.raises(ValueError, match="declared twice"):
        tornado_handlers(twice)
    with pytest.raises(ValueError, match="declared twice"):
        build_document("0", twice)
