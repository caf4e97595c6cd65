"""`contraflow kibana import`: what it sends to Kibana's saved-objects API, and its errors.

Kibana is not installable here, so a stdlib HTTP server records the request the way Kibana's
``POST /api/saved_objects/_import`` receives it (multipart form, ``file`` part, ``kbn-xsrf`` header).
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from deploy_helpers import ASSETS
from typer.testing import CliRunner

from contraflow.cli import app

NDJSON = ASSETS / "kibana" / "contraflow.ndjson"


class _Recorder(BaseHTTPRequestHandler):
    requests: list[dict] = []
    answer: tuple[int, dict] = (200, {})

    def do_POST(self) -> None:  # the http.server API
        body = self.rfile.read(int(self.headers["Content-Length"]))
        msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            f"Content-Type: {self.headers['Content-Type']}\r\n\r\n".encode() + body
        )
        parts = {p.get_param("name", header="content-disposition"): p for p in msg.iter_parts()}
        file_part = parts.get("file")
        self.requests.append(
            {
                "path": self.path,
                "xsrf": self.headers.get("kbn-xsrf"),
                "auth": self.headers.get("Authorization"),
                "filename": file_part.get_filename() if file_part else None,
                "ndjson": file_part.get_content() if file_part else None,
            }
        )
        status, data = self.answer
        raw = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def kibana_like(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, type[_Recorder]]]:
    for key in ("CONTRAFLOW_ES__USERNAME", "CONTRAFLOW_ES__PASSWORD", "CONTRAFLOW_ES__INDEX_PREFIX"):
        monkeypatch.delenv(key, raising=False)
    handler = type("Handler", (_Recorder,), {"requests": [], "answer": (200, {"success": True, "successCount": 8})})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", handler
    server.shutdown()
    server.server_close()


def test_import_posts_every_object_as_multipart_ndjson(kibana_like) -> None:
    url, handler = kibana_like
    result = CliRunner().invoke(app, ["kibana", "import", "--url", url + "/"])
    assert result.exit_code == 0, result.output
    [req] = handler.requests
    assert req["path"] == "/api/saved_objects/_import?overwrite=true"
    assert req["xsrf"] and req["filename"].endswith(".ndjson")
    sent = [json.loads(line) for line in req["ndjson"].splitlines() if line.strip()]
    expected = [json.loads(line) for line in NDJSON.read_text().splitlines() if line.strip()]
    assert sent == expected
    assert "imported 8 saved objects" in result.output


def test_import_into_space_with_prefix_and_credentials(kibana_like, monkeypatch: pytest.MonkeyPatch) -> None:
    url, handler = kibana_like
    monkeypatch.setenv("CONTRAFLOW_ES__USERNAME", "analyst")
    monkeypatch.setenv("CONTRAFLOW_ES__PASSWORD", "s3cret")
    monkeypatch.setenv("CONTRAFLOW_ES__INDEX_PREFIX", "news2")
    result = CliRunner().invoke(app, ["kibana", "import", "--url", url, "--space", "desk", "--no-overwrite"])
    assert result.exit_code == 0, result.output
    [req] = handler.requests
    assert req["path"] == "/s/desk/api/saved_objects/_import?overwrite=false"
    assert req["auth"].startswith("Basic ")
    titles = {json.loads(line)["attributes"].get("title") for line in req["ndjson"].splitlines() if line.strip()}
    assert "news2-contradictions" in titles and "contraflow-contradictions" not in titles
    assert "s3cret" not in result.output


def test_rejected_objects_are_reported(kibana_like, run_cli) -> None:
    url, handler = kibana_like
    handler.answer = (
        200,
        {"success": False, "errors": [{"type": "visualization", "id": "x", "error": {"type": "missing_references"}}]},
    )
    result = run_cli("kibana", "import", "--url", url)
    assert result.code == 1
    assert result.stderr.startswith("KibanaError: ") and "visualization/x: missing_references" in result.stderr
    assert "Traceback" not in result.stderr


def test_unreachable_kibana_says_what_to_do(free_port, run_cli) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    result = run_cli("kibana", "import", "--url", url)
    assert result.code == 1
    assert result.stderr.startswith("KibanaError: ") and url in result.stderr and "--url" in result.stderr
    assert "Traceback" not in result.stderr


def test_wait_gives_up_with_a_clear_error(free_port, run_cli) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    result = run_cli("kibana", "import", "--url", url, "--wait", "0.2")
    assert result.code == 1
    error = result.stderr.splitlines()[-1]  # after the progress lines of the wait
    assert error.startswith("KibanaError: ") and "not reachable or not ready" in error
    assert "Traceback" not in result.stderr


def test_bad_url_is_a_config_error(run_cli) -> None:
    result = run_cli("kibana", "import", "--url", "localhost:5601")
    assert result.code == 2
    assert result.stderr.startswith("ConfigError: ") and "localhost:5601" in result.stderr
    assert "Traceback" not in result.stderr
