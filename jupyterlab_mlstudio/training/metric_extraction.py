"""Metric values found in log lines by ``MetricDefinitions`` regexes, matched on a budget.

A metric regex is the user's own text, and a backtracking engine can spend exponential time on
it (``loss=(a+)+$`` against ``loss=aaaa...a!``). Python's ``re`` also holds the GIL while it
matches, so such a pattern froze every request of the server, whichever thread ran it. This one
module is what both the training runner and ``POST /training-jobs/metric-preview`` use, so the
preview shows exactly what a job will record, and neither can block the server:

- patterns are compiled with the ``regex`` package in its ``re``-compatible mode and matched with
  ``concurrent=True`` (the GIL is released while matching) and a time limit per line;
- only the first :data:`MAX_LINE_CHARS` characters of a line are searched;
- a pattern has a budget: :data:`LINE_TIMEOUT_SECONDS` on any one line and, over a job, about
  :data:`SECONDS_PER_LINE` per line read (plus :data:`BUDGET_SLACK_SECONDS`). A job's pattern that
  runs out is skipped from then on, and a line in the job's log says which and why; the preview
  refuses the pattern with a 400 instead.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

import regex

from ..core.errors import InvalidInput
from ..experiments.models import MetricPoint
from ..logs.service import LogLine

log = logging.getLogger(__name__)

#: Characters of a line that a metric regex sees; the rest of a longer line is ignored.
MAX_LINE_CHARS = 4096
#: The longest a pattern may search one line.
LINE_TIMEOUT_SECONDS = 0.05
#: What a job's pattern may spend on average per line it has seen, plus a fixed slack.
SECONDS_PER_LINE = 0.001
BUDGET_SLACK_SECONDS = 1.0
#: How often a line is tried again when its match timed out while using little CPU.
LOADED_HOST_RETRIES = 3
#: What a preview may spend over all its patterns and sample lines.
PREVIEW_BUDGET_SECONDS = 2.0
#: The prefix of the log lines that report a skipped metric.
NOTICE = "[mlstudio]"


class Definition(Protocol):
    """A metric definition: its name and regex (``MetricDefinition`` has both)."""

    name: str
    regex: str


#: What compiling a pattern raises when the text is no regular expression.
COMPILE_ERRORS = (regex.error, OverflowError, RecursionError)


def compile_pattern(expression: str) -> Any:
    """``expression`` compiled as a metric regex (raises one of :data:`COMPILE_ERRORS`)."""
    return regex.compile(expression, regex.VERSION0)


def pattern_error(expression: str) -> str | None:
    """Why ``expression`` is no metric regex, or ``None`` when it compiles."""
    try:
        compile_pattern(expression)
    except COMPILE_ERRORS as error:
        return str(error)
    return None


def value_text(found: Any) -> str:
    """What a match yields: the first capture group, or the whole match when there is none."""
    return str((found.group(1) if found.groups() else found.group(0)) or "")


class OutOfBudget(Exception):
    """A pattern spent more time than it may."""


@dataclass
class MetricPattern:
    """One metric's compiled regex and what it has spent so far."""

    name: str
    pattern: Any
    spent: float = 0.0
    lines: int = 0
    skipped: str | None = None

    def search(self, line: str, allowance: float) -> str | None:
        """The value text this pattern finds in ``line``, or ``None``.

        Raises :class:`OutOfBudget` when the search would go past ``allowance`` seconds in all
        or :data:`LINE_TIMEOUT_SECONDS` on this line.
        """
        timeout = min(LINE_TIMEOUT_SECONDS, max(allowance - self.spent, 0.0))
        text = line[:MAX_LINE_CHARS]
        # The regex package's timeout is wall-clock time; what is charged is the CPU time the
        # match used. A timeout with little CPU used means the host was busy, not the pattern
        # slow: the line is tried again (a few times) instead of skipping the metric for good.
        for attempt in range(1, LOADED_HOST_RETRIES + 2):
            began = time.thread_time()
            try:
                found = self.pattern.search(text, concurrent=True, timeout=timeout)
                break
            except TimeoutError as error:
                used = time.thread_time() - began
                if used < timeout / 2 and attempt <= LOADED_HOST_RETRIES:
                    continue
                raise OutOfBudget(
                    f"its regex needed more than {timeout * 1000:.0f} ms on one line"
                    if timeout >= LINE_TIMEOUT_SECONDS
                    else f"its regex used up its time budget ({allowance:.1f} s so far)"
                ) from error
            finally:
                self.spent += time.thread_time() - began
        self.lines += 1
        return None if found is None else value_text(found)


class Extraction(NamedTuple):
    """Metric points found in a batch of lines, and log lines telling of metrics skipped."""

    points: list[MetricPoint]
    notices: list[LogLine]


class MetricExtractor:
    """The metrics of one training job, as its log lines arrive."""

    def __init__(self, definitions: Iterable[Definition]) -> None:
        self.patterns = [
            MetricPattern(item.name, compile_pattern(item.regex)) for item in definitions
        ]

    def extract(self, lines: list[LogLine], steps: dict[str, int]) -> Extraction:
        """Points for ``lines`` (steps counted on in ``steps``, which is updated)."""
        result = Extraction([], [])
        for line in lines:
            for metric in self.patterns:
                if metric.skipped:
                    continue
                allowance = BUDGET_SLACK_SECONDS + SECONDS_PER_LINE * (metric.lines + 1)
                try:
                    text = metric.search(line.message, allowance)
                except OutOfBudget as error:
                    metric.skipped = str(error)
                    message = (
                        f"{NOTICE} Metric {metric.name!r} is skipped from here on: {error}. "
                        "Simplify its regex (nested repeats such as (a+)+ backtrack "
                        "exponentially)."
                    )
                    log.warning("%s", message)
                    result.notices.append(LogLine(line.timestamp, message))
                    continue
                if text is None:
                    continue
                try:
                    value = float(text)
                except ValueError:
                    continue
                step = steps.get(metric.name, 0)
                steps[metric.name] = step + 1
                result.points.append(
                    MetricPoint(key=metric.name, value=value, step=step, timestamp=line.timestamp)
                )
        return result

    @property
    def skipped(self) -> dict[str, str]:
        """Metric name → why it is no longer extracted."""
        return {item.name: item.skipped for item in self.patterns if item.skipped}


@dataclass(frozen=True)
class PreviewMatch:
    """One line a preview pattern matched."""

    line: int
    value: float | None
    text: str


@dataclass(frozen=True)
class Preview:
    """What one definition extracts from a sample, or why its regex does not compile."""

    name: str
    error: str | None = None
    matches: list[PreviewMatch] = field(default_factory=list)


def preview(definitions: list[Definition], sample: str) -> list[Preview]:
    """Each definition tried on every line of ``sample``, as a job would apply it.

    A pattern that runs out of budget is refused (400, naming the definition), so what the
    preview accepts is what a job can afford.
    """
    lines = sample.splitlines()
    deadline = time.perf_counter() + PREVIEW_BUDGET_SECONDS
    results = []
    for index, definition in enumerate(definitions):
        try:
            metric = MetricPattern(definition.name, compile_pattern(definition.regex))
        except COMPILE_ERRORS as error:
            results.append(Preview(definition.name, error=str(error)))
            continue
        matches = []
        for number, line in enumerate(lines):
            allowance = metric.spent + max(deadline - time.perf_counter(), 0.0)
            try:
                text = metric.search(line, allowance)
            except OutOfBudget as error:
                raise InvalidInput(
                    f"Metric {definition.name!r}: {error} (line {number} of the sample). "
                    "Simplify the regex: nested repeats such as (a+)+ backtrack exponentially.",
                    field=f"metric_definitions.{index}.regex",
                ) from error
            if text is None:
                continue
            try:
                value: float | None = float(text)
            except ValueError:
                value = None
            matches.append(PreviewMatch(number, value, text))
        results.append(Preview(definition.name, matches=matches))
    return results
