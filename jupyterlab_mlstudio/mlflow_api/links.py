"""``GET /mlstudio/mlflow`` and ``/mlstudio/mlflow/``: where the links the mlflow client prints
land (``<tracking URI>/#/experiments/<id>/runs/<id>`` after a run, ``.../#/experiments/<id>`` for
an experiment), with this server's MLflow face as the tracking URI.

The part after ``#`` never reaches a server, so the page hands it on from the browser: to
JupyterLab as ``lab?mlflow-link=<fragment>``, where the front end opens the run's view or the
experiment's runs. The page goes nowhere else: its one destination is this server's JupyterLab,
whatever the link says.

A browser that is not logged in gets a page that sends it to Jupyter's login with the fragment
folded into the address to come back to (``?link=``), because a login form would lose it.
"""

from __future__ import annotations

import html
import json

from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import ensure_async, url_path_join

#: The query parameter that carries a link's fragment to JupyterLab (read by the front end).
LAB_PARAMETER = "mlflow-link"
#: The query parameter that carries the fragment through the login.
LINK_PARAMETER = "link"
#: The longest fragment handed on (MLflow's longest links are a few hundred characters).
MAX_LINK = 2000

_PAGE = """<!doctype html>
<html>
<head><meta charset="utf-8"><title>ML Studio: opening an MLflow link</title></head>
<body>
<p>{message} <a href="{href}">{label}</a></p>
<script>
(function () {{
  var link = window.location.hash.slice(1);
  if (!link) {{
    link = new URLSearchParams(window.location.search).get({link_parameter}) || '';
  }}
  link = link.slice(0, {max_link});
  {body}
}})();
</script>
</body>
</html>
"""

_TO_LAB = """var lab = {lab};
  var query = '?' + {lab_parameter} + '=' + encodeURIComponent(link);
  window.location.replace(link ? lab + query : lab);"""

_TO_LOGIN = """var here = {here};
  var next = link ? here + '?' + {link_parameter} + '=' + encodeURIComponent(link) : here;
  var login = {login};
  var join = login.indexOf('?') < 0 ? '?' : '&';
  window.location.replace(login + join + 'next=' + encodeURIComponent(next));"""


def _js(value: str) -> str:
    """``value`` as a JavaScript string literal that cannot end the script element."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e")


class MlflowLinkHandler(JupyterHandler):
    """``GET /mlstudio/mlflow[/]``: hands an MLflow run or experiment link on to JupyterLab."""

    auth_resource = "mlstudio:experiments"

    @allow_unauthenticated
    async def get(self) -> None:
        here = url_path_join(self.base_url, "mlstudio/mlflow/")
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        user = self.current_user
        if user is None:
            # Not logged in: nothing here is shown, the browser is sent to log in first.
            self.set_status(401)
            login = self.get_login_url()
            self.finish(
                self._page(
                    "Log in to open this link in JupyterLab:",
                    login,
                    "Log in",
                    _TO_LOGIN.format(
                        here=_js(here), link_parameter=_js(LINK_PARAMETER), login=_js(login)
                    ),
                )
            )
            return
        allowed = await ensure_async(
            self.authorizer.is_authorized(self, user, "read", self.auth_resource)
        )
        if not allowed:
            self.set_status(403)
            self.finish(self._page("You may not read experiments here.", here, "Retry", ""))
            return
        lab = url_path_join(self.base_url, "lab")
        self.finish(
            self._page(
                "Opening this link in JupyterLab:",
                lab,
                "Open JupyterLab",
                _TO_LAB.format(lab=_js(lab), lab_parameter=_js(LAB_PARAMETER)),
            )
        )

    def _page(self, message: str, href: str, label: str, body: str) -> str:
        return _PAGE.format(
            message=html.escape(message),
            href=html.escape(href, quote=True),
            label=html.escape(label),
            link_parameter=_js(LINK_PARAMETER),
            max_link=MAX_LINK,
            body=body,
        )


HANDLERS = [(r"/mlstudio/mlflow/?", MlflowLinkHandler)]
