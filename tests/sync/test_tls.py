"""TLS verification is on: a listing whose certificate the kiosk cannot verify gets no token."""

from __future__ import annotations

import datetime as dt
import json
import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from kiosk.sync.client import ListingClient, RetryLater


class Health(BaseHTTPRequestHandler):
    seen_tokens: ClassVar[list[str | None]] = []

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        Health.seen_tokens.append(self.headers.get("Authorization"))
        body = json.dumps({"status": "ok", "server_time": dt.datetime.now(dt.UTC).isoformat()})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body.encode())


@pytest.fixture
def https_listing(tmp_path):
    """An HTTPS server on 127.0.0.1 with a self-signed certificate; yields (url, cert path)."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    server = ThreadingHTTPServer(("127.0.0.1", 0), Health)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    Health.seen_tokens = []
    yield f"https://127.0.0.1:{server.server_address[1]}", cert
    server.shutdown()
    server.server_close()


def test_an_unverifiable_certificate_is_refused(https_listing):
    url, _ = https_listing
    with ListingClient(url, "secret-token") as client, pytest.raises(RetryLater) as caught:
        client.clock_offset()
    assert "certificate" in caught.value.message


def test_the_same_listing_is_fine_once_its_certificate_is_trusted(https_listing):
    url, cert = https_listing
    with ListingClient(url, "secret-token", verify=str(cert)) as client:
        assert abs(client.clock_offset()) < 60
    assert Health.seen_tokens == [None]  # health is asked without the token
