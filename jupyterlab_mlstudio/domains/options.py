"""The server's settings for its domain (part of ``MLStudioApp``'s configuration: set them as
``c.MLStudioApp.<name>``): which domain and space its records belong to, the key that encrypts
user profiles' secrets, what starts other spaces' servers, and its user's role on a hub."""

from __future__ import annotations

from pathlib import Path

from traitlets import Enum, Type, Unicode, default
from traitlets.config import Configurable

from ..core.context import DEFAULT_DOMAIN, DEFAULT_SPACE
from .launcher import AppLauncher


class DomainOptions(Configurable):
    """Where this server sits in a domain."""

    default_domain = Unicode(
        DEFAULT_DOMAIN,
        config=True,
        help=f"Domain of records made on this server. Default: {DEFAULT_DOMAIN}.",
    )
    default_space = Unicode(
        DEFAULT_SPACE,
        config=True,
        help=f"Space of records made on this server. Default: {DEFAULT_SPACE}.",
    )

    access_key_file = Unicode(
        config=True,
        help="File holding the key that encrypts user profiles' access-key secrets (made, "
        "readable by its owner only, when missing). Every server of a shared domain must read "
        "the same file. Default: <data_dir>/access-keys.key.",
    )
    app_launcher_class = Type(
        None,
        klass=AppLauncher,
        allow_none=True,
        config=True,
        help="What starts a space's JupyterLab server for CreateApp and notebook instances "
        "(jupyterlab_mlstudio.hub.launcher.HubAppLauncher on a team's hub, set by its "
        "spawner), built with parent=this app (so it reads its own configuration). Default: "
        "None, this single-user server is the app of its user's private space and can start "
        "no other.",
    )
    default_kernel_image = Unicode(
        "",
        config=True,
        help="The image (a registered image's name) whose kernel new notebooks start on; the "
        "hub's spawner sets it from CreateApp's ResourceSpec.SageMakerImageArn. Default: '' "
        "(Jupyter's own default kernel).",
    )
    user_role = Enum(
        ["", "admin", "member", "viewer"],
        "",
        config=True,
        help="Role of this server's user in its domain, given by the hub's spawner (hub admins "
        "are admin, other users member). When set, the user's profile is made with it on the "
        "server's first start, and kernels and jobs get the profile's own access key and "
        "MLflow token. Default: '' (a single-user server: its user is the domain's admin and "
        "code it starts signs with the server's token).",
    )

    @default("access_key_file")
    def _default_access_key_file(self) -> str:
        # data_dir is the application's own setting (MLStudioApp), read when first needed.
        return str(Path(getattr(self, "data_dir", ".")) / "access-keys.key")
