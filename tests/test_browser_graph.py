"""In a real browser (headless Chromium): the built page shows the diagram, and clicking a node opens its page."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

import webdriver

pytestmark = [
    pytest.mark.browser,
    pytest.mark.sphinx,
    pytest.mark.skipif(
        not webdriver.available(), reason="Debian's chromium and chromium-driver are not installed (CI installs them)"
    ),
]


def _node_link(object_id: str, figure: int = 1) -> str:
    """XPath of the link of the node named ``object_id`` in the n-th diagram of the page."""
    return (
        f"(//*[contains(@class,'civitrace-graph-viewport')])[{figure}]"
        f"//*[local-name()='g' and contains(@class,'node')][*[local-name()='title' and text()='{object_id}']]"
        "//*[local-name()='a']"
    )


@pytest.fixture(scope="module")
def site_url(example_site):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(example_site.out))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    with webdriver.Browser() as session:
        yield session


def test_the_page_shows_the_diagram(browser, site_url):
    browser.get(f"{site_url}/opinion/01-utilite.html")
    svg = browser.find("(//*[local-name()='svg' and contains(@class,'civitrace-graph-svg')])[1]")
    assert browser.displayed(svg)
    box = browser.rect(svg)
    assert box["width"] > 150 and box["height"] > 50
    # the nodes are drawn: R-01's node has a visible shape
    shape = browser.find(_node_link("R-01") + "/*[local-name()='path' or local-name()='polygon'][1]")
    assert browser.rect(shape)["width"] > 20
    # the JavaScript toolbar is shown once the script ran
    assert browser.wait_for(lambda: browser.script("return !document.querySelector('.civitrace-graph-toolbar').hidden"))


def test_hovering_shows_the_full_title(browser, site_url):
    browser.get(f"{site_url}/opinion/01-utilite.html")
    hover = browser.script(
        "return arguments[0].querySelector('title').textContent",
        "element:" + browser.find(_node_link("M-05")),
    )
    assert hover.startswith("Mesure M-05 — Mettre en place une grille d'évaluation préalable des projets d'IA")


def test_clicking_a_node_opens_its_objects_page(browser, site_url):
    browser.get(f"{site_url}/opinion/01-utilite.html")
    browser.click(browser.find(_node_link("M-05")))
    url = browser.wait_for(lambda: browser.url if "02-axe-controle.html" in browser.url else "")
    assert url.endswith("/strategy/02-axe-controle.html#M-05")
    target = browser.wait_for(lambda: browser.find_all("//*[@id='M-05']"))
    assert target and browser.displayed(target[0])


def test_zoom_buttons_enlarge_the_diagram(browser, site_url):
    browser.get(f"{site_url}/opinion/01-utilite.html")
    svg = "element:" + browser.find("(//*[local-name()='svg' and contains(@class,'civitrace-graph-svg')])[1]")
    width = browser.script("return arguments[0].getBoundingClientRect().width", svg)
    browser.click(browser.find("(//button[@data-civitrace-zoom='in'])[1]"))
    browser.click(browser.find("(//button[@data-civitrace-zoom='in'])[1]"))
    assert browser.script("return arguments[0].getBoundingClientRect().width", svg) > width * 1.3
    browser.click(browser.find("(//button[@data-civitrace-zoom='fit'])[1]"))
    assert browser.script("return arguments[0].getBoundingClientRect().width", svg) == pytest.approx(width, abs=1)
