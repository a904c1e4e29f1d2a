"""``python -m jupyterlab_mlstudio.serving serve``: run a serving unit (see ``server.py``)."""

import sys

from .server import main

if __name__ == "__main__":
    sys.exit(main())
