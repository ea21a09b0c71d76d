"""A minimal W3C WebDriver client over HTTP (stdlib only), enough to drive Debian's chromium-driver.

Written for the browser tests: start ``chromedriver``, open a headless
Chromium session, navigate, find elements, click, read properties, run a
script. No dependency beyond the standard library.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from typing import Any

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"  # the W3C key of an element reference
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


class WebDriverError(Exception):
    """The driver answered with an error."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def available() -> bool:
    """Whether Debian's chromium and chromium-driver are installed."""
    return shutil.which(CHROMIUM) is not None and shutil.which(CHROMEDRIVER) is not None


class Browser:
    """One headless Chromium session through chromedriver; use as a context manager."""

    def __init__(self) -> None:
        self.port = free_port()
        self.profile = tempfile.TemporaryDirectory(prefix="civitrace-chromium-")
        self.driver = subprocess.Popen(
            [CHROMEDRIVER, f"--port={self.port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self.session = ""

    def __enter__(self) -> Browser:
        self._wait_ready()
        args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--window-size=1280,900",
            f"--user-data-dir={self.profile.name}",
        ]
        capabilities = {"browserName": "chrome", "goog:chromeOptions": {"binary": CHROMIUM, "args": args}}
        answer = self._call("POST", "/session", {"capabilities": {"alwaysMatch": capabilities}})
        self.session = answer["sessionId"]
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self.session:
                self._call("DELETE", f"/session/{self.session}")
        finally:
            self.driver.terminate()
            try:
                self.driver.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.driver.kill()
            self.profile.cleanup()

    def _wait_ready(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if self._call("GET", "/status").get("ready"):
                    return
            except (OSError, WebDriverError):
                pass
            time.sleep(0.1)
        raise WebDriverError("chromedriver did not start")

    def _call(self, method: str, path: str, body: dict | None = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}",
            data=data,
            method=method,
            headers={"Content-Type": "application/json; charset=utf-8"},
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                payload = json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as exc:
            payload = json.loads(exc.read() or b"{}")
            value = payload.get("value", {})
            raise WebDriverError(f"{value.get('error')}: {value.get('message', '')[:500]}") from None
        value = payload.get("value", payload)
        return value if value is not None else {}

    def command(self, method: str, path: str, body: dict | None = None) -> Any:
        """A command of the current session."""
        return self._call(method, f"/session/{self.session}{path}", body)

    # -- the few commands the tests use --------------------------------------------------------

    def get(self, url: str) -> None:
        self.command("POST", "/url", {"url": url})

    @property
    def url(self) -> str:
        return self.command("GET", "/url")

    def find(self, xpath: str) -> str:
        return self.command("POST", "/element", {"using": "xpath", "value": xpath})[ELEMENT]

    def find_all(self, xpath: str) -> list[str]:
        return [found[ELEMENT] for found in self.command("POST", "/elements", {"using": "xpath", "value": xpath})]

    def click(self, element: str) -> None:
        # Themes may set `scroll-behavior: smooth`: chromedriver's own scrolling then lands late.
        self.script(
            "arguments[0].scrollIntoView({block: 'center', inline: 'center', behavior: 'instant'})",
            "element:" + element,
        )
        self.command("POST", f"/element/{element}/click", {})

    def rect(self, element: str) -> dict[str, float]:
        return self.command("GET", f"/element/{element}/rect")

    def displayed(self, element: str) -> bool:
        return bool(self.command("GET", f"/element/{element}/displayed"))

    def script(self, source: str, *args: Any) -> Any:
        wrapped = [
            {ELEMENT: a[len("element:") :]} if isinstance(a, str) and a.startswith("element:") else a for a in args
        ]
        return self.command("POST", "/execute/sync", {"script": source, "args": wrapped})

    def wait_for(self, condition: Any, timeout: float = 15.0) -> Any:
        """Poll ``condition()`` until it returns something true (page loads are asynchronous)."""
        deadline = time.monotonic() + timeout
        while True:
            value = condition()
            if value or time.monotonic() > deadline:
                return value
            time.sleep(0.1)
