"""``python -m jupyterlab_mlstudio.hub``: print the path of the project's JupyterHub
configuration, for ``jupyterhub -f "$(python -m jupyterlab_mlstudio.hub)"``."""

from __future__ import annotations

from pathlib import Path


def main() -> None:
    print(Path(__file__).resolve().parent / "jupyterhub_config.py")


if __name__ == "__main__":
    main()
