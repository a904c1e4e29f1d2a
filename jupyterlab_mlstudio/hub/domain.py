"""What every server of a domain is started with: one record store and one object store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jupyter_core.paths import jupyter_data_dir
from sqlalchemy.engine import URL, make_url
from traitlets import Unicode, default
from traitlets.config import Configurable

#: libpq's own variable for a password, read by psycopg: the store's URL then goes on a
#: command line (visible to every local user in the process list) without it.
PASSWORD_VARIABLE = "PGPASSWORD"


class MLStudioDomain(Configurable):
    """The domain's shared stores, passed to each user's server as ``MLStudioApp`` settings.

    Configure as ``c.MLStudioDomain.<name>`` in the hub's configuration; the defaults are a
    trial's (one SQLite file and one folder, under ``state_dir``, shared by servers that all run
    as the hub's account).
    """

    state_dir = Unicode(
        config=True,
        help="Folder of the hub's own state (its database, cookie secret, the proxy's PID file) "
        "and of the trial's shared stores and users' homes. Default: <Jupyter data dir>/"
        "mlstudio-hub.",
    )
    db_url = Unicode(
        config=True,
        help="SQLAlchemy URL of the domain's record store, given to every server, e.g. "
        "postgresql+psycopg://mlstudio@db.example/mlstudio. A password in it is handed to the "
        "servers as PGPASSWORD, never on their command line. Default: sqlite:///<state_dir>/"
        "mlstudio.db (one file shared by servers on this host: a trial).",
    )
    object_store_root = Unicode(
        config=True,
        help="URI of the domain's object store, given to every server: s3://bucket/prefix or "
        "file:///folder (a folder every server can write). Default: file://<state_dir>/objects.",
    )
    s3_endpoint_url = Unicode(
        "",
        config=True,
        help="S3 endpoint URL of the object store (MinIO, any S3-compatible server); empty for "
        "boto3's own resolution (AWS). Credentials come from the servers' standard AWS "
        "configuration (Spawner.environment, instance roles). Default: ''.",
    )
    s3_region_name = Unicode(
        "", config=True, help="Region of the object store's S3. Default: '' (boto3's own)."
    )
    access_key_file = Unicode(
        config=True,
        help="File of the key that encrypts user profiles' access keys and MLflow tokens, "
        "given to every server (all must read the same one). Default: <state_dir>/"
        "access-keys.key.",
    )
    public_url = Unicode(
        "",
        config=True,
        help="The hub's address as users open it (e.g. https://hub.example), where one-time "
        "login links and apps' addresses point. Default: the hub's bind_url (configure() sets "
        "it).",
    )
    service_token_file = Unicode(
        config=True,
        help="File of the API token of the hub's mlstudio service, with which users' servers "
        "start and stop the named servers of apps and notebook instances (made, readable by "
        "the hub's account only, when missing). Default: <state_dir>/mlstudio-service.token.",
    )
    domain_id = Unicode(
        "",
        config=True,
        help="Domain every server writes its records in (MLStudioApp.default_domain). "
        "Default: '' (the servers' own default).",
    )

    @default("state_dir")
    def _default_state_dir(self) -> str:
        return str(Path(jupyter_data_dir()) / "mlstudio-hub")

    @default("db_url")
    def _default_db_url(self) -> str:
        return f"sqlite:///{Path(self.state_dir).resolve() / 'mlstudio.db'}"

    @default("access_key_file")
    def _default_access_key_file(self) -> str:
        return str(Path(self.state_dir).resolve() / "access-keys.key")

    @default("service_token_file")
    def _default_service_token_file(self) -> str:
        return str(Path(self.state_dir).resolve() / "mlstudio-service.token")

    @default("object_store_root")
    def _default_object_store_root(self) -> str:
        return f"file://{Path(self.state_dir).resolve() / 'objects'}"

    def server_settings(self) -> dict[str, Any]:
        """The ``MLStudioApp`` settings of every server (without the store's password)."""
        url = make_url(self.db_url)
        # URL.set(password=None) would keep the password: None there means "unchanged".
        without_password = URL.create(
            url.drivername,
            username=url.username,
            host=url.host,
            port=url.port,
            database=url.database,
            query=url.query,
        )
        settings: dict[str, Any] = {
            "db_url": without_password.render_as_string(hide_password=False),
            "object_store_root": self.object_store_root,
            "access_key_file": self.access_key_file,
        }
        if self.s3_endpoint_url:
            settings["s3_endpoint_url"] = self.s3_endpoint_url
        if self.s3_region_name:
            settings["s3_region_name"] = self.s3_region_name
        if self.domain_id:
            settings["default_domain"] = self.domain_id
        return settings

    def server_args(self) -> list[str]:
        """``--MLStudioApp.<name>=<value>`` for each of :meth:`server_settings`."""
        return [f"--MLStudioApp.{name}={value}" for name, value in self.server_settings().items()]

    def server_env(self) -> dict[str, str]:
        """Environment every server gets: the store's password, if its URL has one."""
        password = make_url(self.db_url).password
        return {PASSWORD_VARIABLE: str(password)} if password else {}
