"""What each role of a domain may do, by jupyter_server's actions (``read``, ``write``,
``execute``) on the project's resources (``mlstudio:training``, ``mlstudio:endpoints``, ...) and
on Jupyter's own (``kernels``, ``contents``, ``terminals``, ...).

- ``admin`` manages the domain: every action on every resource, the domain's profiles and the
  audit log included.
- ``member`` works in their spaces: every action but managing the domain and reading the audit
  log.
- ``viewer`` reads: nothing that writes or starts anything (no job, tuning job, endpoint,
  kernel, terminal or app), but the event stream that keeps their views live.
"""

from __future__ import annotations

ROLES = ("admin", "member", "viewer")

#: Resources only admins act on: the domain itself and its profiles, and the audit log.
DOMAIN_RESOURCE = "mlstudio:domains"
AUDIT_RESOURCE = "mlstudio:audit"
_ADMIN_ONLY = {
    DOMAIN_RESOURCE: {"write", "execute"},
    AUDIT_RESOURCE: {"read", "write", "execute"},
}
#: What a viewer does beyond reading: subscribe to the server's event stream (Jupyter calls it
#: executing ``events``), keep their own JupyterLab layout (``lab`` workspaces) and manage their
#: own credentials (keys that read as they do).
_VIEWER_EXTRA = {
    ("execute", "events"),
    ("write", "lab"),
    ("write", "workspaces"),
    ("write", "mlstudio:credentials"),
}


def allows(role: str, action: str, resource: str) -> bool:
    """Whether a ``role`` may ``action`` on ``resource`` (an unknown role may nothing)."""
    if role == "admin":
        return True
    if action in _ADMIN_ONLY.get(resource, ()):
        return False
    if role == "member":
        return True
    if role == "viewer":
        return action == "read" or (action, resource) in _VIEWER_EXTRA
    return False
