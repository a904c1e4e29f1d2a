"""A processing job's ExitMessage as SageMaker documents it: every container's
/opt/ml/output/message joined, the first KB kept, and a message that is not UTF-8 fails the
job with a ClientError."""

from __future__ import annotations

from pathlib import Path

from jupyterlab_mlstudio.processing.contract import read_exit_message


def _host(root: Path, name: str, message: bytes | None) -> Path:
    folder = root / name
    (folder / "output").mkdir(parents=True)
    if message is not None:
        (folder / "output" / "message").write_bytes(message)
    return folder


def test_every_hosts_message_is_joined_and_cut_to_one_kilobyte(tmp_path: Path) -> None:
    hosts = [
        _host(tmp_path, "algo-1", b"first;"),
        _host(tmp_path, "algo-2", None),
        _host(tmp_path, "algo-3", "second é;".encode() + b"x" * 2000),
    ]
    message, error = read_exit_message(hosts)
    assert error is None
    assert message is not None and message.startswith("first;second é;x")
    assert len(message) == 1024


def test_no_message_is_none_and_a_message_not_in_utf8_is_a_client_error(tmp_path: Path) -> None:
    assert read_exit_message([_host(tmp_path, "algo-1", None)]) == (None, None)
    message, error = read_exit_message([_host(tmp_path, "algo-2", b"caf\xe9")])
    assert message == "caf\ufffd"
    assert error == "ClientError: algo-2's /opt/ml/output/message is not UTF-8 encoded text"
