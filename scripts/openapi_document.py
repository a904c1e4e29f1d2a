"""Write the REST face's OpenAPI document, as ``GET /mlstudio/api/v1/openapi.json`` serves it.

The document is built from the routes' declarations, exactly as the server builds it at start,
so no server needs to run. ``jlpm api:types`` turns it into the front end's TypeScript types
(``src/api/schema.ts``) and ``jlpm api:check`` fails when the checked-in types differ from it;
``tests/test_openapi_types.py`` checks that this document is the one the server serves.

Usage: ``python scripts/openapi_document.py [OUTPUT]`` (standard output without OUTPUT).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def build() -> dict[str, Any]:
    """The document the server serves, built from the same declarations."""
    from jupyterlab_mlstudio import __version__
    from jupyterlab_mlstudio.core import openapi
    from jupyterlab_mlstudio.routes import rest_routes

    return openapi.build_document(__version__, rest_routes())


def main(argv: list[str]) -> int:
    text = json.dumps(build(), indent=2) + "\n"
    if len(argv) > 1:
        Path(argv[1]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
