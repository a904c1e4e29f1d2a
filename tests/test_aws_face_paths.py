"""Whatever reaches /mlstudio/aws answers in AWS's JSON error shape: paths and methods the face
does not serve, unsigned or cookie-bearing requests (never Jupyter's HTML or XSRF page), and
operations it does not know, which name themselves."""

from __future__ import annotations

import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from .aws_helpers import aws_url, in_thread, signed_post
from .s3face_helpers import plain_base_url  # noqa: F401  (fixture)


def _signed(method: str, url: str, secret: str, body: bytes = b"") -> requests.Response:
    request = AWSRequest(method=method, url=url, data=body)
    SigV4Auth(Credentials("tester", secret), "sagemaker", "us-east-1").add_auth(request)
    prepared = request.prepare()
    return requests.request(
        method, prepared.url, data=prepared.body, headers=dict(prepared.headers), timeout=10
    )


async def test_paths_and_methods_the_face_does_not_serve_get_aws_errors(
    jp_fetch, jp_http_port, jp_base_url, jp_serverapp
):
    url = aws_url(jp_http_port, jp_base_url)
    token = jp_serverapp.identity_provider.token
    answers = {
        "unsigned POST to a runtime path": await in_thread(
            requests.post, f"{url}/endpoints/none/invocations", data=b"1,2", timeout=10
        ),
        "POST with a stray _xsrf cookie": await in_thread(
            requests.post, f"{url}/deep/path", cookies={"_xsrf": "x"}, data=b"{}", timeout=10
        ),
        "signed POST to an unknown path": await in_thread(
            _signed, "POST", f"{url}/endpoints/none/invocations", token, b"1,2"
        ),
        "GET of the face": await in_thread(requests.get, f"{url}/", timeout=10),
        "signed DELETE": await in_thread(_signed, "DELETE", f"{url}/x", token),
    }
    runtime = ("unsigned POST to a runtime path", "signed POST to an unknown path")
    for what, response in answers.items():
        # Then each is an AWS error with a 4xx status, never an HTML page: JSON 1.1 on the
        # SageMaker face, and sagemaker-runtime's REST-JSON shape (the code in x-amzn-ErrorType)
        # on the runtime's path
        assert 400 <= response.status_code < 500, (what, response.status_code)
        assert "<html" not in response.text.lower(), what
        body = response.json()
        if what in runtime:
            assert response.headers["Content-Type"].startswith("application/json"), what
            assert response.headers["x-amzn-ErrorType"] and body["message"], (what, body)
        else:
            assert response.headers["Content-Type"].startswith("application/x-amz-json"), what
            assert body["__type"] and body["message"], (what, body)
    assert answers["unsigned POST to a runtime path"].status_code == 403
    # And an unknown operation, signed, names itself
    unknown = await in_thread(signed_post, url, "SageMaker.DescribeNothing", {}, token)
    assert unknown.status_code == 400
    assert unknown.json()["__type"] == "UnknownOperationException"
    assert "SageMaker.DescribeNothing" in unknown.json()["message"]
    # And CloudWatch answers in its own JSON 1.0
    metrics = await in_thread(
        signed_post,
        url,
        "GraniteServiceVersion20100801.ListMetrics",
        {},
        token,
        service="monitoring",
    )
    assert metrics.status_code == 200, metrics.text
    assert metrics.headers["Content-Type"] == "application/x-amz-json-1.0"
    assert metrics.json() == {"Metrics": []}
