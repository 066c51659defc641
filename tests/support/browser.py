"""Real headless Chromium for page tests: one-shot (`--dump-dom`) or driven over WebDriver.

    with driven_chromium(tmp_path) as page:
        page.go(url); page.type("#name", "an"); page.click("button"); page.text("h1")

Debian's chromium and chromium-driver; under CI=true a missing one fails instead of skipping.
WebDriver is plain JSON over HTTP, spoken here with httpx (no extra dependency).
"""

from __future__ import annotations

import base64
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from tests.support.needs import missing

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"  # the WebDriver spec's element key


def program(*names: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    missing(f"{names[0]} is not installed (.ci/run installs chromium and chromium-driver)")


def chromium() -> str:
    return program("chromium", "chromium-browser")


class Page:
    """One WebDriver session: a browser tab to steer."""

    def __init__(self, session_url: str):
        self.base = session_url

    def _call(self, method: str, path: str, body: dict | None = None) -> Any:
        answer = httpx.request(method, f"{self.base}{path}", json=body, timeout=60)
        value = answer.json()["value"]
        if answer.status_code != 200:
            raise AssertionError(f"WebDriver {path}: {value}")
        return value

    def go(self, url: str) -> None:
        self._call("POST", "/url", {"url": url})

    def find(self, css: str) -> str:
        return self._call("POST", "/element", {"using": "css selector", "value": css})[ELEMENT]

    def type(self, css: str, text: str) -> None:
        self._call("POST", f"/element/{self.find(css)}/value", {"text": text})

    def click(self, css: str) -> None:
        self._call("POST", f"/element/{self.find(css)}/click", {})

    def text(self, css: str) -> str:
        return self._call("GET", f"/element/{self.find(css)}/text")

    def url(self) -> str:
        return self._call("GET", "/url")

    def script(self, source: str, *args: Any) -> Any:
        return self._call("POST", "/execute/sync", {"script": source, "args": list(args)})

    def script_async(self, source: str, *args: Any) -> Any:
        """Run `source`; it ends by calling its last argument with the result."""
        return self._call("POST", "/execute/async", {"script": source, "args": list(args)})

    def choose(self, css: str, value: str) -> None:
        """Pick the option with this value in a <select>."""
        self.click(f"{css} option[value='{value}']")

    def title(self) -> str:
        return self._call("GET", "/title")

    def screenshot(self, path: Path, *, whole: bool = False) -> None:
        """The viewport as a PNG; `whole`: the whole page, however long (over DevTools)."""
        if whole:
            shot = self._call(
                "POST",
                "/goog/cdp/execute",
                {"cmd": "Page.captureScreenshot", "params": {"captureBeyondViewport": True}},
            )["data"]
        else:
            shot = self._call("GET", "/screenshot")
        path.write_bytes(base64.b64decode(shot))

    def print_pdf(self) -> bytes:
        """The page printed as the browser prints it (its print style sheet), on A4."""
        size = {"width": 21.0, "height": 29.7}
        return base64.b64decode(self._call("POST", "/print", {"page": size, "background": True}))

    def viewport(self, width: int, height: int, *, mobile: bool = False) -> None:
        """Lay pages out at exactly this size (a window cannot be narrower than 500 px)."""
        metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}
        cdp = {"cmd": "Emulation.setDeviceMetricsOverride", "params": metrics}
        self._call("POST", "/goog/cdp/execute", cdp)


@contextmanager
def driven_chromium(profile: Path, size: str = "1366,768") -> Iterator[Page]:
    """Chromium under chromedriver on a free loopback port, for the block's duration."""
    browser, driver = chromium(), program("chromedriver")
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    process = subprocess.Popen(
        [driver, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/status", timeout=2).json()["value"]["ready"]:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "chromedriver did not start"
            time.sleep(0.1)
        args = [*FLAGS, f"--user-data-dir={profile}", f"--window-size={size}"]
        options = {"binary": browser, "args": args}
        capabilities = {"alwaysMatch": {"goog:chromeOptions": options}}
        started = httpx.post(f"{base}/session", json={"capabilities": capabilities}, timeout=60)
        session = f"{base}/session/{started.json()['value']['sessionId']}"
        try:
            yield Page(session)
        finally:
            httpx.delete(session, timeout=30)
    finally:
        process.terminate()
        process.wait(timeout=30)
