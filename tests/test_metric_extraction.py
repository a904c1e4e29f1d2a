"""Metric regexes are matched on a budget, off the event loop: none can freeze the server."""

from __future__ import annotations

import asyncio
import json
import time

import pytest
from tornado.httpclient import HTTPClientError

from jupyterlab_mlstudio.logs.service import LogLine
from jupyterlab_mlstudio.training.metric_extraction import (
    MAX_LINE_CHARS,
    NOTICE,
    MetricExtractor,
    preview,
)
from jupyterlab_mlstudio.training.models import MetricDefinition

from .aws_helpers import aws_url, in_thread, sagemaker_client
from .training_helpers import job_request, make_bucket, upload_code, wait_for_end

#: The issue's pattern: exponential for Python's re (2.4 s here), which the regex package
#: answers at once; and one that defeats the regex package's guards as well.
ISSUE_PATTERN = r"loss=(a+)+$"
ISSUE_LINE = "loss=" + "a" * 26 + "!"
EVIL_PATTERN = r"loss=(a|aa)+$"
EVIL_LINE = "loss=" + "a" * 40 + "!"


def _lines(*messages: str) -> list[LogLine]:
    return [LogLine(1000 + index, message) for index, message in enumerate(messages)]


def test_values_and_steps_come_from_the_first_group_or_the_whole_match():
    extractor = MetricExtractor(
        [
            MetricDefinition(name="loss", regex=r"loss=([0-9.]+)"),
            MetricDefinition(name="whole", regex=r"\d+\.\d+"),
        ]
    )
    steps = {"loss": 7}
    points, notices = extractor.extract(
        _lines("loss=0.5", "nothing", "loss=0.25 x", "loss=nan?"), steps
    )
    assert [(p.key, p.value, p.step, p.timestamp) for p in points] == [
        ("loss", 0.5, 7, 1000),
        ("whole", 0.5, 0, 1000),
        ("loss", 0.25, 8, 1002),
        ("whole", 0.25, 1, 1002),
    ]
    assert notices == [] and steps == {"loss": 9, "whole": 2}


def test_a_regex_out_of_budget_is_skipped_with_a_reason_and_the_others_go_on():
    # Given a job with a pathological regex next to a sound one
    extractor = MetricExtractor(
        [
            MetricDefinition(name="bad", regex=EVIL_PATTERN),
            MetricDefinition(name="good", regex=r"acc=([0-9.]+)"),
        ]
    )
    began = time.perf_counter()
    # When lines arrive that make the bad one backtrack
    points, notices = extractor.extract(
        _lines(EVIL_LINE, "acc=0.5", EVIL_LINE, EVIL_LINE, "acc=0.75"), {}
    )
    # Then it is skipped after one line's budget, says so in the log, and the good one counts
    assert time.perf_counter() - began < 5
    assert [(p.key, p.value) for p in points] == [("good", 0.5), ("good", 0.75)]
    assert len(notices) == 1 and notices[0].message.startswith(f"{NOTICE} Metric 'bad'")
    assert "skipped" in notices[0].message and notices[0].timestamp == 1000
    assert set(extractor.skipped) == {"bad"}


def test_only_the_head_of_a_long_line_is_searched():
    extractor = MetricExtractor([MetricDefinition(name="tail", regex=r"tail=([0-9]+)")])
    points, _ = extractor.extract(_lines("x" * MAX_LINE_CHARS + "tail=1", "x" * 10 + "tail=2"), {})
    assert [p.value for p in points] == [2.0]


def test_the_issue_pattern_is_answered_at_once():
    began = time.perf_counter()
    [result] = preview([MetricDefinition(name="loss", regex=ISSUE_PATTERN)], ISSUE_LINE)
    assert result.matches == [] and time.perf_counter() - began < 1


async def _preview_while_status_answers(api, pattern: str, sample: str) -> tuple[int, object]:
    """POST the preview and, while it runs, time GET /status; return the preview's answer."""
    body = {"metric_definitions": [{"name": "loss", "regex": pattern}], "sample": sample}
    assert (await api("GET", "status"))[0] == 200  # the first answer warms caches up
    task = asyncio.ensure_future(api("POST", "training-jobs/metric-preview", body))
    await asyncio.sleep(0)  # let the preview request go out first
    began = time.perf_counter()
    status, _ = await api("GET", "status")
    elapsed = time.perf_counter() - began
    assert status == 200
    assert elapsed < 0.2, f"/status took {elapsed * 1000:.0f} ms while a regex ran"
    return await task


async def test_the_issue_pattern_does_not_block_other_requests(api):
    # The preview's sample may be 200,000 characters: many lines of the issue's input
    sample = "\n".join([ISSUE_LINE] * 2000)
    status, body = await _preview_while_status_answers(api, ISSUE_PATTERN, sample)
    assert status == 200 and body["previews"][0]["matches"] == []


async def test_a_pattern_out_of_budget_is_refused_by_the_preview_without_blocking(api):
    status, body = await _preview_while_status_answers(api, EVIL_PATTERN, EVIL_LINE)
    assert status == 400
    assert body["error"] == "InvalidInput"
    assert body["field"] == "metric_definitions.0.regex"
    assert "Simplify the regex" in body["message"] and "line 0" in body["message"]


async def test_a_regex_that_does_not_compile_is_refused_when_the_job_is_created(api):
    body = {
        "training_job_name": "bad-regex",
        "algorithm_specification": {
            "training_image": "default",
            "metric_definitions": [{"name": "loss", "regex": "loss=(["}],
        },
        "output_data_config": {"s3_output_path": "file:///nowhere"},
        "resource_config": {"instance_type": "local", "instance_count": 1},
    }
    status, answer = await api("POST", "training-jobs", body)
    assert status == 400
    assert answer["field"].startswith("algorithm_specification.metric_definitions")
    assert "not a valid regex" in answer["message"]


# -- a real job ------------------------------------------------------------------------------

BUCKET = "metric-budget"
CODE = (
    "for step in range(3):\n"
    f"    print({EVIL_LINE!r}, flush=True)\n"
    "    print(f'acc={(step + 1) / 4}', flush=True)\n"
)


@pytest.fixture
def mlstudio_config(s3_endpoint, aws_credentials):
    return {"s3_endpoint_url": s3_endpoint}


async def test_a_job_skips_a_metric_that_runs_out_of_budget_and_says_so_in_its_log(
    jp_fetch, jp_http_port, jp_base_url, jp_serverapp, s3_endpoint, services
):
    make_bucket(s3_endpoint, BUCKET)
    code = upload_code(s3_endpoint, BUCKET, "code/sourcedir.tar.gz", {"train.py": CODE})
    sagemaker = sagemaker_client(
        aws_url(jp_http_port, jp_base_url), jp_serverapp.identity_provider.token
    )
    request = job_request(
        "budget",
        code_uri=code,
        output=f"s3://{BUCKET}/out",
        instance_type="local",
        metrics={"bad": EVIL_PATTERN, "acc": r"acc=([0-9.]+)"},
    )
    await in_thread(sagemaker.create_training_job, **request)
    description = await in_thread(wait_for_end, sagemaker, "budget")
    assert description["TrainingJobStatus"] == "Completed", description.get("FailureReason")
    assert {item["MetricName"] for item in description.get("FinalMetricDataList", [])} == {"acc"}

    page = json.loads(
        (
            await jp_fetch(
                "mlstudio", "api", "v1", "training-jobs", "budget", "logs", params={"after": "-1"}
            )
        ).body
    )
    notices = [line["message"] for line in page["lines"] if line["message"].startswith(NOTICE)]
    assert len(notices) == 1 and "Metric 'bad' is skipped" in notices[0]
    run_id = json.loads((await jp_fetch("mlstudio", "api", "v1", "training-jobs", "budget")).body)[
        "run_id"
    ]
    history, _ = services.experiments.metric_history(services.server_context(), run_id, "acc")
    assert [point.value for point in history] == [0.25, 0.5, 0.75]


async def test_metric_preview_refusal_is_json_in_the_rest_shape(jp_fetch):
    with pytest.raises(HTTPClientError) as raised:
        await jp_fetch(
            "mlstudio",
            "api",
            "v1",
            "training-jobs",
            "metric-preview",
            method="POST",
            body=json.dumps(
                {"metric_definitions": [{"name": "x", "regex": EVIL_PATTERN}], "sample": EVIL_LINE}
            ),
        )
    assert raised.value.code == 400
    assert json.loads(raised.value.response.body)["field"] == "metric_definitions.0.regex"
