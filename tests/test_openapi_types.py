"""The front end's generated API types come from the document the server really serves."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def _dump_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "openapi_document", ROOT / "scripts" / "openapi_document.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


async def test_the_document_the_types_are_generated_from_is_the_one_the_server_serves(api):
    # Given the document `jlpm api:types` reads, built without a server
    built = _dump_script().build()

    # When the running server is asked for its document
    code, served = await api("GET", "openapi.json")

    # Then they are the same, to the last field
    assert code == 200
    assert json.dumps(built, sort_keys=True) == json.dumps(served, sort_keys=True)


async def test_responses_carry_every_field_and_requests_may_leave_out_defaults(api):
    # Given the served document
    _, document = await api("GET", "openapi.json")
    schemas = document["components"]["schemas"]

    # Then a response lists every field as required, those with a default too
    status = schemas["Status"]
    assert set(status["required"]) == set(status["properties"])
    assert "default_image" in status["required"]
    # And a request body requires only the fields without a default
    assert schemas["NewImage"]["required"] == ["name"]
    # And a model used both ways is described twice, once as each
    body = document["paths"]["/training-jobs"]["post"]["requestBody"]
    answer = document["paths"]["/training-jobs/{name}"]["get"]["responses"]["200"]
    request_spec = schemas["CreateTrainingJobRequest"]["properties"]["algorithm_specification"]
    detail_spec = schemas["TrainingJobDetail"]["properties"]["algorithm_specification"]
    assert body["content"]["application/json"]["schema"]["$ref"].endswith(
        "/CreateTrainingJobRequest"
    )
    assert answer["content"]["application/json"]["schema"]["$ref"].endswith("/TrainingJobDetail")
    assert request_spec["$ref"].endswith("/AlgorithmSpecification-Input")
    assert detail_spec["$ref"].endswith("/AlgorithmSpecification-Output")
    assert "training_input_mode" not in schemas["AlgorithmSpecification-Input"]["required"]
    assert "training_input_mode" in schemas["AlgorithmSpecification-Output"]["required"]
