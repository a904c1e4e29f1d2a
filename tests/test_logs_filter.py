"""FilterLogEvents' filterPattern through boto3: CloudWatch's term syntax (terms, quoted phrases,
?alternatives, -exclusions) selects events; the other syntaxes are refused by name."""

from __future__ import annotations

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from jupyterlab_mlstudio.logs.service import LogLine

from .aws_helpers import aws_url, in_thread

GROUP = "/aws/sagemaker/TransformJobs"
MESSAGES = [
    "INFO starting model server",
    "WARN slow request took 2.5 s",
    "ERROR Out of memory in worker 1",
    "ERROR worker 2 exiting",
    "INFO Out of memory guard armed",
    "ERROR: request failed",
]


@pytest.fixture
def mlstudio_config():
    return {"docker_enabled": False}


@pytest.fixture
def logs(jp_fetch, jp_http_port, jp_base_url, jp_serverapp, services):
    """A logs client; the group holds MESSAGES on two streams of the caller."""
    context = services.server_context()
    with services.database.session() as session:
        for index, message in enumerate(MESSAGES):
            stream = f"job/algo-{1 + index % 2}"
            services.logs.append(session, context, GROUP, stream, [LogLine(1000 + index, message)])
        session.commit()
    return boto3.client(
        "logs",
        endpoint_url=aws_url(jp_http_port, jp_base_url),
        region_name="us-east-1",
        aws_access_key_id="tester",
        aws_secret_access_key=jp_serverapp.identity_provider.token,
        config=Config(retries={"max_attempts": 1}),
    )


def _messages(logs, pattern: str, **extra) -> list[str]:
    answer = logs.filter_log_events(logGroupName=GROUP, filterPattern=pattern, **extra)
    return [event["message"] for event in answer["events"]]


#: Patterns and the events each keeps (oldest first, from both streams).
CASES = [
    ("", MESSAGES),
    ("ERROR", [MESSAGES[2], MESSAGES[3], MESSAGES[5]]),
    ("ERROR worker", [MESSAGES[2], MESSAGES[3]]),
    ('"Out of memory"', [MESSAGES[2], MESSAGES[4]]),
    ("?WARN ?exiting", [MESSAGES[1], MESSAGES[3]]),
    ("ERROR -exiting", [MESSAGES[2], MESSAGES[5]]),
    ('ERROR ?"Out of memory" ?failed', [MESSAGES[2], MESSAGES[5]]),
    ('"ERROR:"', [MESSAGES[5]]),
    ("-ERROR -INFO", [MESSAGES[1]]),
    ("error", []),
]


async def test_a_term_pattern_keeps_only_the_events_it_matches(logs):
    # When events are filtered with each pattern; Then exactly the matching ones come back
    for pattern, expected in CASES:
        assert await in_thread(_messages, logs, pattern) == expected, pattern


async def test_pages_of_a_filtered_listing_hold_only_matching_events(logs):
    first = await in_thread(
        logs.filter_log_events, logGroupName=GROUP, filterPattern="ERROR", limit=2
    )
    assert [event["message"] for event in first["events"]] == [MESSAGES[2], MESSAGES[3]]
    rest = await in_thread(
        logs.filter_log_events,
        logGroupName=GROUP,
        filterPattern="ERROR",
        nextToken=first["nextToken"],
    )
    assert [event["message"] for event in rest["events"]] == [MESSAGES[5]]
    assert "nextToken" not in rest
    # A token is tied to its pattern
    with pytest.raises(ClientError) as raised:
        await in_thread(
            logs.filter_log_events,
            logGroupName=GROUP,
            filterPattern="INFO",
            nextToken=first["nextToken"],
        )
    assert raised.value.response["Error"]["Code"] == "InvalidParameterException"


#: Patterns refused, and words the refusal holds.
REFUSED = [
    ('{ $.level = "ERROR" }', "JSON filter patterns"),
    ("[ip, user, status=500]", "space-delimited filter patterns"),
    ("%ERR.R%", "regular-expression filter patterns"),
    ('"unclosed', "unclosed quote"),
    ("ERROR: failed", "must be inside double quotes"),
    ("ERROR ?", "without a term"),
]


async def test_an_unsupported_or_malformed_pattern_is_refused_by_name(logs):
    for pattern, words in REFUSED:
        with pytest.raises(ClientError) as raised:
            await in_thread(_messages, logs, pattern)
        error = raised.value.response["Error"]
        assert error["Code"] == "InvalidParameterException", pattern
        assert words in error["Message"], (pattern, error["Message"])
