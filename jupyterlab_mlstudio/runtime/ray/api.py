"""Ray's job submission REST API (the dashboard's port), as the ``ray`` backend uses it: no
import of Ray on the server, only HTTP.

Calls used: ``GET /api/version``, ``GET/PUT /api/packages/gcs/<name>`` (a working folder as a
zip, as ``ray job submit`` uploads it), ``POST /api/jobs/`` (submit), ``GET /api/jobs/`` and
``/api/jobs/<id>`` (status), ``GET /api/jobs/<id>/logs``, ``POST /api/jobs/<id>/stop``,
``DELETE /api/jobs/<id>`` and ``GET /nodes?view=summary`` (the cluster's nodes and resources);
and the websocket ``/api/jobs/<id>/logs/tail``, which sends a job's log from its start as it is
written and closes once the job has ended and all of it was sent.
"""

from __future__ import annotations

import threading
import urllib.parse
from collections.abc import Iterator
from typing import Any

import requests
import websocket

from ..base import UnitError


class RayApiError(UnitError):
    """The cluster refused a call or could not be reached; the message says which and why."""


class RayJobsApi:
    """A thin client of one cluster's dashboard (``http://host:8265``)."""

    def __init__(self, address: str, timeout: float = 30.0) -> None:
        self.address = address.rstrip("/")
        self.timeout = timeout
        self._local = threading.local()

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
            session.trust_env = False  # a proxy of the server's environment is not the cluster's
        return session

    def call(self, method: str, path: str, ok: tuple[int, ...] = (200,), **kwargs: Any) -> Any:
        url = f"{self.address}{path}"
        try:
            answer = self._session().request(method, url, timeout=self.timeout, **kwargs)
        except requests.RequestException as error:
            raise RayApiError(
                f"The Ray cluster at {self.address} cannot be reached ({type(error).__name__}); "
                "check MLStudioApp.ray_address and that the cluster's dashboard is running"
            ) from error
        if answer.status_code not in ok:
            text = answer.text.strip()[-600:]
            raise RayApiError(f"Ray answered {method} {path} with {answer.status_code}: {text}")
        return answer

    # -- cluster ---------------------------------------------------------------------------

    def version(self) -> dict[str, Any]:
        return dict(self.call("GET", "/api/version").json())

    def nodes(self) -> list[dict[str, Any]]:
        body = self.call("GET", "/nodes?view=summary").json()
        return list((body.get("data") or {}).get("summary") or [])

    # -- working folders -------------------------------------------------------------------

    def has_package(self, name: str) -> bool:
        return self.call("GET", f"/api/packages/gcs/{name}", ok=(200, 404)).status_code == 200

    def upload_package(self, name: str, data: bytes) -> None:
        self.call("PUT", f"/api/packages/gcs/{name}", data=data)

    # -- jobs ------------------------------------------------------------------------------

    def submit(self, body: dict[str, Any]) -> str:
        return str(self.call("POST", "/api/jobs/", json=body).json()["submission_id"])

    def job(self, submission_id: str) -> dict[str, Any] | None:
        answer = self.call("GET", f"/api/jobs/{submission_id}", ok=(200, 404))
        return None if answer.status_code == 404 else dict(answer.json())

    def jobs(self) -> list[dict[str, Any]]:
        return list(self.call("GET", "/api/jobs/").json())

    def logs(self, submission_id: str) -> str:
        return str(self.call("GET", f"/api/jobs/{submission_id}/logs").json().get("logs") or "")

    def tail(self, submission_id: str) -> Iterator[str]:
        """The job's log in pieces as Ray sends them, from its start; ends when the job has
        ended and Ray sent the rest. Raises :class:`RayApiError` if the stream breaks."""
        parts = urllib.parse.urlsplit(self.address)
        scheme = "wss" if parts.scheme == "https" else "ws"
        url = f"{scheme}://{parts.netloc}{parts.path}/api/jobs/{submission_id}/logs/tail"
        try:
            # No proxy of the server's environment (as for the HTTP calls); no read timeout:
            # Ray sends nothing while the job prints nothing.
            connection = websocket.create_connection(
                url, timeout=self.timeout, http_no_proxy=[parts.hostname or ""]
            )
            connection.settimeout(None)
        except (OSError, websocket.WebSocketException) as error:
            raise RayApiError(f"Ray's log tail of {submission_id} did not open: {error}") from error
        try:
            while True:
                try:
                    opcode, data = connection.recv_data()
                except websocket.WebSocketConnectionClosedException:
                    return
                except (OSError, websocket.WebSocketException) as error:
                    broke = f"Ray's log tail of {submission_id} broke: {error}"
                    raise RayApiError(broke) from error
                if opcode == websocket.ABNF.OPCODE_CLOSE:
                    return
                if opcode in (websocket.ABNF.OPCODE_TEXT, websocket.ABNF.OPCODE_BINARY):
                    yield data.decode("utf-8", errors="replace")
        finally:
            connection.close()

    def stop(self, submission_id: str) -> bool:
        answer = self.call("POST", f"/api/jobs/{submission_id}/stop", ok=(200, 404))
        return answer.status_code == 200 and bool(answer.json().get("stopped"))

    def delete(self, submission_id: str) -> None:
        self.call("DELETE", f"/api/jobs/{submission_id}", ok=(200, 400, 404))
