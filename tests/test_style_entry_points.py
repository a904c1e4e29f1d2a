"""The labextension build loads ``style/index.js``, JupyterLab's CSS-only path ``style/index.css``:
a stylesheet left out of either is missing from the studio in that build."""

from __future__ import annotations

import re
from pathlib import Path

STYLE = Path(__file__).resolve().parent.parent / "style"


def _sheets() -> list[str]:
    return sorted(path.name for path in STYLE.glob("*.css") if path.name != "index.css")


def test_index_js_imports_every_stylesheet():
    text = (STYLE / "index.js").read_text()
    assert sorted(re.findall(r"import '\./([\w.-]+\.css)';", text)) == _sheets()


def test_index_css_imports_every_stylesheet():
    text = (STYLE / "index.css").read_text()
    assert sorted(re.findall(r"@import url\('([\w.-]+\.css)'\);", text)) == _sheets()
