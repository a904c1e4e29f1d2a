"""Traces: what a GenAI application did, as a tree of timed spans with inputs and outputs, plus
the assessments (feedback, expectations) people and judges attach to it. Trace infos, tags,
metadata, spans and assessments live in the store; the MLflow face (``mlflow_api/traces.py``)
and the OTLP endpoint speak the wire formats, this package none."""
