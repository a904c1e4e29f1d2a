"""The line of a failed host's output that its FailureReason quotes."""

from __future__ import annotations

from jupyterlab_mlstudio.training.outcome import last_words

TRACEBACK = [
    "Traceback (most recent call last):",
    '  File "/opt/ml/processing/input/code/fail.py", line 4, in <module>',
    "    raise ValueError(\"column 'label' is missing from the input\")",
    "ValueError: column 'label' is missing from the input",
]


def test_the_exception_is_quoted_even_when_stdout_came_last():
    # Given a container engine that logged the traceback before the last stdout line
    tail = [*TRACEBACK, "reading the data", ""]
    # Then the exception is what the reason quotes
    assert last_words(tail) == "ValueError: column 'label' is missing from the input"


def test_without_an_exception_the_last_line_is_quoted():
    assert last_words(["epoch 1", "epoch 2  ", "   "]) == "epoch 2"
    assert last_words([]) == ""
