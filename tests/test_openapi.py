"""The OpenAPI document agrees with the routes the server really has."""

from __future__ import annotations

from openapi_spec_validator import validate

from .routes import rest_routes


async def test_openapi_document_lists_exactly_the_served_routes_and_methods(api):
    code, document = await api("GET", "openapi.json")
    assert code == 200
    validate(document)
    documented = {path: sorted(operations) for path, operations in document["paths"].items()}
    served = {path: sorted(methods) for path, methods in rest_routes().items()}
    assert documented == served


async def test_openapi_response_schemas_describe_what_the_routes_return(api):
    _, document = await api("GET", "openapi.json")
    schemas = document["components"]["schemas"]
    _, status = await api("GET", "status")
    assert set(status) == set(schemas["Status"]["properties"])
    _, listing = await api("GET", "instance-types")
    item_schema = schemas["InstanceType"]["properties"]
    assert set(listing["instance_types"][0]) == set(item_schema)
