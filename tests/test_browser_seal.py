"""In a real browser (headless Chromium, phone width): the adopted text's statement and an erratum."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

import webdriver
from sphinx_helpers import build
from test_seal import reword, sealed_repo

pytestmark = [
    pytest.mark.browser,
    pytest.mark.sphinx,
    pytest.mark.skipif(
        not webdriver.available(), reason="Debian's chromium and chromium-driver are not installed (CI installs them)"
    ),
]

PHONE_WIDTH = 360


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("seal-site")
    root = sealed_repo(tmp / "p")
    reword(root, erratum=True)
    # The theme civitrace init configures.
    out = build(root, tmp / "html", overrides={"html_theme": "furo"}).out
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_on_a_phone_the_fingerprint_wraps_and_both_wordings_show(site_url):
    with webdriver.Browser() as browser:
        browser.command("POST", "/window/rect", {"width": PHONE_WIDTH, "height": 800})
        browser.get(f"{site_url}/opinion/principes.html")
        statement = browser.find("//p[contains(@class,'civitrace-seal')]")
        assert browser.displayed(statement)
        code = browser.find("//p[contains(@class,'civitrace-seal')]//code")
        width = browser.script("return document.documentElement.clientWidth")
        box = browser.rect(code)
        assert width <= PHONE_WIDTH
        # The 64 characters wrap inside the page instead of running off its right edge.
        assert box["x"] + box["width"] <= width + 1, (box, width)
        assert box["height"] > browser.rect(statement)["height"] / 10
        quote = browser.find("//*[contains(@class,'civitrace-adopted-wording')]")
        assert browser.displayed(quote)
        assert browser.script("return arguments[0].innerText", f"element:{quote}").strip() == "Texte adopté."
