"""A threaded HTTP proxy in front of the real listing that injects the network's faults.

Tests queue faults (`plan`) or set a random fault rate; everything else is forwarded unchanged,
unless `answer` (a test's own responder, e.g. one serving a hostile pack) answers it first.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import random
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

# What the proxy can do to one request.
DROP_BEFORE = "drop_before"  # close the connection, never forward
DROP_AFTER = "drop_after"  # forward (the listing commits), then close: a lost acknowledgement
STALL = "stall"  # forward, then say nothing past the client's read timeout
TRUNCATE = "truncate"  # forward, then send half the answer's body and close
NOT_JSON = "not_json"  # forward, then answer 200 with a body that is not JSON
REVOKE = "revoke"  # revoke the kiosk's token, then forward (so: 401)
REJECT_ONE = "reject_one"  # break one session of a batch (its total), then forward
WRONG_BYTES = "wrong_bytes"  # forward, then change one byte of the answer (same length)
FAULTS = (DROP_BEFORE, DROP_AFTER, STALL, TRUNCATE, NOT_JSON, REVOKE, REJECT_ONE, WRONG_BYTES)
BUSY = ("500", "502", "503", "429")  # answer this status (503/429 with Retry-After)
REFUSED = ("400", "409", "413", "422")  # answer this status for the whole request
GONE = ("404",)  # a pack or plan the listing does not have
STATUS = BUSY + REFUSED + GONE
# answer(method, path, headers, body) -> (status, [(name, value)], body), or None to forward
Responder = Callable[[str, str, dict, bytes], "tuple[int, list[tuple[str, str]], bytes] | None"]
RANDOM_FAULTS = (DROP_BEFORE, DROP_AFTER, STALL, TRUNCATE, NOT_JSON, *BUSY)


@dataclass
class Fault:
    action: str
    path: str = ""  # only requests whose path starts with this
    method: str = ""  # only this method (empty: any)


class FaultyProxy:
    """`with FaultyProxy(upstream_url) as proxy:` then point the kiosk at `proxy.url`."""

    def __init__(
        self,
        upstream: str,
        *,
        stall_s: float = 1.0,
        retry_after: int = 0,
        delay_s: float = 0.0,
        on_revoke: Callable[[], None] | None = None,
        answer: Responder | None = None,
    ):
        parts = urlsplit(upstream)
        self.answer = answer
        self.upstream = (parts.hostname, parts.port)
        self.stall_s, self.retry_after, self.delay_s = stall_s, retry_after, delay_s
        self.on_revoke = on_revoke
        self.faults: deque[Fault] = deque()
        self.fault_rate = 0.0
        self.rng = random.Random(0)
        self.random_faults: tuple[str, ...] = RANDOM_FAULTS
        self.every_n, self.served = 0, 0
        self.log: list[tuple[str, str, str]] = []  # (method, path, what happened)
        self.agents: list[str | None] = []  # each request's User-Agent, as it came in
        self._mutex = threading.Lock()
        proxy = self

        class Handler(_Handler):
            owner = proxy

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def plan(self, *actions: str, path: str = "", method: str = "") -> None:
        """Apply these actions, in order, to the next matching requests."""
        with self._mutex:
            self.faults.extend(Fault(a, path, method) for a in actions)

    def randomly(self, rate: float, seed: int, faults: tuple[str, ...] = RANDOM_FAULTS) -> None:
        """From now on, a fault chosen at random hits each request with probability `rate`."""
        with self._mutex:
            self.fault_rate, self.rng, self.random_faults = rate, random.Random(seed), faults

    def every(self, n: int, faults: tuple[str, ...] = RANDOM_FAULTS) -> None:
        """From now on, every n-th request gets the next of these faults, in turn."""
        with self._mutex:
            self.every_n, self.served, self.random_faults = n, 0, faults

    def count(self, what: str) -> int:
        return sum(1 for *_, done in self.log if done == what)

    def _choose(self, method: str, path: str) -> str:
        with self._mutex:
            for fault in self.faults:
                if path.startswith(fault.path) and fault.method in ("", method):
                    self.faults.remove(fault)
                    return fault.action
            if self.fault_rate and self.rng.random() < self.fault_rate:
                return self.rng.choice(self.random_faults)
            self.served += 1
            if self.every_n and self.served % self.every_n == 0:
                turn = self.served // self.every_n - 1
                return self.random_faults[turn % len(self.random_faults)]
        return "forward"

    def __enter__(self) -> FaultyProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    owner: FaultyProxy

    def log_message(self, *args) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def do_PUT(self) -> None:
        self._handle()

    def _handle(self) -> None:
        proxy = self.owner
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        action = proxy._choose(self.command, self.path)
        proxy.log.append((self.command, self.path, action))
        proxy.agents.append(self.headers.get("User-Agent"))
        if proxy.delay_s:
            time.sleep(proxy.delay_s)
        if action == DROP_BEFORE:
            return self._drop()
        if action in STATUS:
            return self._problem(int(action))
        if action == REVOKE and proxy.on_revoke:
            proxy.on_revoke()
        if action == REJECT_ONE:
            body = _break_one(body)
        own = proxy.answer and proxy.answer(self.command, self.path, dict(self.headers), body)
        status, headers, answer = own or self._forward(body)
        if action == WRONG_BYTES and answer:
            middle = len(answer) // 2
            answer = answer[:middle] + bytes([answer[middle] ^ 0xFF]) + answer[middle + 1 :]
        if action == DROP_AFTER:
            return self._drop()
        if action == STALL:
            time.sleep(proxy.stall_s)
            return self._drop()
        if action == NOT_JSON:
            status, answer = 200, b"<html>captive portal</html>"
            headers = [("Content-Type", "text/html")]
        self.send_response(status)
        for name, value in headers:
            if name.lower() not in ("content-length", "connection", "transfer-encoding", "date",
                                    "server"):  # fmt: skip
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        if action == TRUNCATE:
            self.wfile.write(answer[: len(answer) // 2])
            self.wfile.flush()
            return self._drop()
        self.wfile.write(answer)

    def _forward(self, body: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
        return forward(self.owner.upstream, self.command, self.path, dict(self.headers), body)

    def _problem(self, status: int) -> None:
        problem = {"type": "about:blank", "title": "injected", "status": status}
        answer = json.dumps(problem | {"detail": "injected"}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/problem+json")
        if status in (429, 503):
            self.send_header("Retry-After", str(self.owner.retry_after))
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def _drop(self) -> None:
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)


def forward(upstream: tuple, method: str, path: str, headers: dict, body: bytes):
    """One request to the upstream (host, port) as it came: (status, headers, body)."""
    conn = http.client.HTTPConnection(*upstream, timeout=30)
    try:
        skip = ("connection", "content-length")  # http.client sets the body's own length
        sent = {k: v for k, v in headers.items() if k.lower() not in skip}
        conn.request(method, path, body=body or None, headers=sent)
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        conn.close()


def _break_one(body: bytes) -> bytes:
    """The batch with its first session's total made wrong (the listing rejects that item)."""
    try:
        doc = json.loads(body)
        doc["sessions"][0]["attendance"]["total"] += 1
    except (ValueError, KeyError, IndexError, TypeError):
        return body
    return json.dumps(doc).encode()
