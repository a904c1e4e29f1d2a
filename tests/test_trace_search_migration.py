"""Migration 0009 derives the trace-search columns and rows for traces stored before it: a
span's type, status and attributes, an assessment's kind, value and validity."""

from __future__ import annotations

import json

import sqlalchemy as sa

from jupyterlab_mlstudio.store import Database
from jupyterlab_mlstudio.store.database import head_revision

OWNED = {"domain": "d-default", "space": "default", "owner": "tester"}


def _attribute(key: str, value: str) -> dict:
    return {"key": key, "value": {"string_value": value}}


def test_upgrading_to_0009_derives_span_and_assessment_facts_of_stored_traces(tmp_path):
    # Given a store at 0008 holding a trace with an errored LLM span and an overridden feedback
    database = Database(f"sqlite:///{tmp_path / 'store.db'}")
    database.upgrade("0008")
    span = {
        "attributes": [
            _attribute("mlflow.spanType", json.dumps("LLM")),
            _attribute("model", json.dumps("small-model")),
            _attribute("mlflow.spanInputs", json.dumps({"q": "hi"})),
        ],
        "status": {"code": "STATUS_CODE_ERROR"},
    }
    feedback = {"feedback": {"value": 0.25}, "valid": False}
    with database.engine.begin() as connection:
        meta = sa.MetaData()
        tables = {
            name: sa.Table(name, meta, autoload_with=connection)
            for name in ("experiments", "traces", "trace_spans", "trace_assessments")
        }
        connection.execute(
            sa.insert(tables["experiments"]).values(
                experiment_id="1",
                name="old",
                artifact_location="/tmp",
                lifecycle_stage="active",
                creation_time=0,
                last_update_time=0,
                **OWNED,
            )
        )
        connection.execute(
            sa.insert(tables["traces"]).values(
                trace_id="tr-1",
                experiment_id="1",
                request_time=0,
                state="ERROR",
                finalized=True,
                **OWNED,
            )
        )
        connection.execute(
            sa.insert(tables["trace_spans"]).values(
                trace_id="tr-1", span_id="s1", name="call", start_time_ns=0, content=span, **OWNED
            )
        )
        connection.execute(
            sa.insert(tables["trace_assessments"]).values(
                assessment_id="a-1",
                trace_id="tr-1",
                name="score",
                create_time=0,
                last_update_time=0,
                content=feedback,
                **OWNED,
            )
        )
    # When the store is upgraded
    database.upgrade()
    assert database.revision() == head_revision()
    # Then the span's type and status, its attributes (inputs left out), and the assessment's
    # kind, value and validity are there
    with database.engine.connect() as connection:
        spans = connection.execute(sa.text("SELECT span_type, status_code FROM trace_spans"))
        assert list(spans) == [("LLM", "ERROR")]
        attributes = connection.execute(
            sa.text("SELECT key, value FROM trace_span_attributes ORDER BY key")
        )
        assert list(attributes) == [("mlflow.spanType", "LLM"), ("model", "small-model")]
        assessments = connection.execute(
            sa.text("SELECT kind, value_text, value_number, valid FROM trace_assessments")
        )
        assert list(assessments) == [("feedback", "0.25", 0.25, 0)]
    database.dispose()
