"""Packs the listing would never take (a `..` path, a link, a zip bomb), served to the kiosk
as if the listing planned them: a FaultyProxy responder that adds them to the plan it passes on
(with an ETag of its own, and 304 for it) and answers their downloads with their bytes.
"""

from __future__ import annotations

import hashlib
import json
import re
from urllib.parse import urlsplit

from tests.sync.faulty_proxy import forward

PLAN = re.compile(r"/v1/kiosks/[a-z0-9-]+/plan$")
PACK = re.compile(r"/v1/packs/([0-9a-f]{64})$")


class PackInjector:
    """In front of the listing at `upstream`, which answers everything else."""

    def __init__(self, upstream: str):
        parts = urlsplit(upstream)
        self.upstream = (parts.hostname, parts.port)
        self.packs: dict[str, tuple[str, bytes]] = {}

    def inner(self, method: str, path: str, headers: dict, body: bytes):
        return forward(self.upstream, method, path, headers, body)

    def add(self, data: bytes, name: str) -> str:
        sha = hashlib.sha256(data).hexdigest()
        self.packs[sha] = (name, data)
        return sha

    def __call__(self, method: str, path: str, headers: dict, body: bytes):
        if (m := PACK.match(path)) and m[1] in self.packs:
            return 200, [("Content-Type", "application/zip")], self.packs[m[1]][1]
        if not (self.packs and PLAN.match(path) and method == "GET"):
            return self.inner(method, path, headers, body)
        asked = {k: v for k, v in headers.items() if k.lower() != "if-none-match"}
        status, answer_headers, answer = self.inner(method, path, asked, body)
        if status != 200:
            return status, answer_headers, answer
        plan = json.loads(answer)
        plan["packs"] += [{"sha256": sha, "name": name, "size": len(data)}
                          for sha, (name, data) in self.packs.items()]  # fmt: skip
        body = json.dumps(plan).encode()
        etag = f'"injected-{hashlib.sha256(body).hexdigest()[:16]}"'
        if headers.get("If-None-Match") == etag:
            return 304, [("ETag", etag)], b""
        return 200, [("Content-Type", "application/json"), ("ETag", etag)], body
