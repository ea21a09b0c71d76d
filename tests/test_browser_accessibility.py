"""Every page of the example site, in headless Chromium, on a desktop and a phone screen.

One browser session visits every page at 1280 × 800 and at 390 × 844 (phone
emulation): axe-core finds no WCAG 2.0/2.1 A or AA violation and no landmark
problem; on the phone no page is wider than the screen, every table scrolls in a
focusable, named frame, and no diagram text is drawn under 10 CSS pixels. Then a
zoomed diagram is panned with the arrow keys alone.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading

import pytest

import accessibility as a11y
import webdriver

pytestmark = [
    pytest.mark.browser,
    pytest.mark.sphinx,
    pytest.mark.skipif(
        not webdriver.available(), reason="Debian's chromium and chromium-driver are not installed (CI installs them)"
    ),
]

ARROW_RIGHT, ARROW_DOWN = "\ue014", "\ue015"
PHONE_CHECKS = """
const viewport = window.innerWidth;
const problems = [];
// The theme clips the page itself: what must fit is the article's content, outside scrolling frames.
const article = document.querySelector("article");
const widest = Math.max(document.documentElement.scrollWidth, article.scrollWidth);
if (widest > viewport + 1) {
  problems.push("content is " + widest + " px wide in a " + viewport + " px screen");
}
for (const table of document.querySelectorAll("article table")) {
  const frame = table.closest(".table-wrapper");
  if (!frame || frame.getAttribute("tabindex") !== "0" || !frame.getAttribute("aria-label")) {
    problems.push("table without a focusable, named frame: " + (table.querySelector("caption") || table).textContent.slice(0, 60));
  } else if (frame.getBoundingClientRect().right > viewport + 1) {
    problems.push("table frame wider than the screen");
  }
}
for (const svg of document.querySelectorAll("svg.civitrace-graph-svg")) {
  const box = svg.viewBox.baseVal;
  const scale = svg.getBoundingClientRect().width / box.width;
  let smallest = Infinity;
  for (const text of svg.querySelectorAll("text")) {
    smallest = Math.min(smallest, parseFloat(text.getAttribute("font-size")) * scale);
  }
  if (smallest < 9.95) {  /* exactly 10 px, give or take rounding */
    problems.push("diagram text of " + smallest.toFixed(1) + " px in " + svg.getAttribute("aria-label"));
  }
  if (getComputedStyle(svg.closest(".civitrace-graph-viewport")).touchAction !== "auto") {
    problems.push("touch-action blocks pinch-zoom on " + svg.getAttribute("aria-label"));
  }
}
for (const button of document.querySelectorAll(".civitrace-graph-toolbar button")) {
  const box = button.getBoundingClientRect();
  if (box.width < 24 || box.height < 24) {
    problems.push("touch target of " + box.width + " × " + box.height + " px");
  }
}
return problems;
"""


@pytest.fixture(scope="module")
def site(example_site):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(example_site.out))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    pages = sorted(
        p.relative_to(example_site.out).as_posix()
        for p in example_site.out.rglob("*.html")
        if not p.relative_to(example_site.out).as_posix().startswith(("_", "genindex"))
    )
    yield f"http://127.0.0.1:{server.server_address[1]}", pages
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def axe():
    source = a11y.axe_source()
    if source is None:
        if os.environ.get("CI"):
            pytest.fail("npm is missing: .ci/install-debian-packages tests installs it, for axe-core")
        pytest.skip("npm is not installed: axe-core cannot be fetched")
    return source


@pytest.fixture(scope="module")
def browser():
    with webdriver.Browser() as session:
        session.command("POST", "/timeouts", {"script": 120_000})
        yield session


@pytest.fixture(scope="module")
def findings(browser, site, axe):
    """What axe and the phone checks find on every page, at both sizes: one visit per page and size."""
    url, pages = site
    found: dict[str, list[str]] = {"axe": [], "phone": []}
    for name, screen in (("desktop", a11y.DESKTOP), ("phone", a11y.PHONE)):
        a11y.emulate(browser, screen)
        for page in pages:
            browser.get(f"{url}/{page}")
            for violation in a11y.audit(browser, axe):
                for node in violation["nodes"]:
                    found["axe"].append(f"{name} {page}: {violation['id']} — {node}")
            if name == "phone":
                found["phone"] += [f"{page}: {problem}" for problem in browser.script(PHONE_CHECKS)]
    a11y.emulate(browser, a11y.DESKTOP)
    return pages, found


def test_every_page_is_visited(findings):
    pages, _ = findings
    assert len(pages) >= 25 and "docs/accessibilite.html" in pages


def test_no_axe_violation_on_any_page_at_either_size(findings):
    _, found = findings
    assert found["axe"] == []


def test_phone_pages_fit_the_screen_with_readable_diagrams(findings):
    _, found = findings
    assert found["phone"] == []


def test_a_zoomed_diagram_pans_and_zooms_with_the_keyboard(browser, site):
    url, _ = site
    browser.get(f"{url}/opinion/01-utilite.html")
    viewport = browser.find(
        "//figure[@data-civitrace-view='principle']//*[contains(@class,'civitrace-graph-viewport')]"
    )
    element = "element:" + viewport
    name = browser.script("return arguments[0].getAttribute('aria-label')", element)
    assert name.startswith("Traçabilité du principe P-UTILITE : ") and "recommandation" in name
    details = browser.script(
        "return document.getElementById(arguments[0].getAttribute('aria-details')).tagName", element
    )
    assert details == "DETAILS"
    browser.script("arguments[0].focus()", element)
    for _ in range(3):
        browser.command("POST", f"/element/{viewport}/value", {"text": "+"})
    status = browser.script("return arguments[0].closest('figure').querySelector('[role=status]').textContent", element)
    assert status.startswith("Zoom : ") and status.endswith(" %")
    assert browser.script("return arguments[0].scrollWidth > arguments[0].clientWidth", element)
    before = browser.script("return [arguments[0].scrollLeft, arguments[0].scrollTop]", element)
    browser.command("POST", f"/element/{viewport}/value", {"text": ARROW_RIGHT * 3 + ARROW_DOWN * 2})
    after = browser.script("return [arguments[0].scrollLeft, arguments[0].scrollTop]", element)
    assert after[0] > before[0]
    assert browser.script("return document.activeElement === arguments[0]", element)
    assert browser.script("return getComputedStyle(arguments[0]).outlineStyle", element) != "none"
    # back to the page's width with 0; the focus stays, Tab then moves on
    browser.command("POST", f"/element/{viewport}/value", {"text": "0"})
    assert not browser.script("return arguments[0].classList.contains('is-zoomed')", element)


def test_graphviz_titles_are_not_read_and_links_are_not_in_an_image(browser, site):
    url, _ = site
    browser.get(f"{url}/opinion/01-utilite.html")
    found = browser.script(
        """
        const svg = document.querySelector("figure[data-civitrace-view=principle] svg.civitrace-graph-svg");
        return {
          role: svg.getAttribute("role"),
          groups: [...svg.querySelectorAll("g")].filter(g => g.getAttribute("role") !== "none").length,
          links: svg.querySelectorAll("a[href], a[*|href]").length,
        };
        """
    )
    assert found["role"] == "group" and found["groups"] == 0 and found["links"] > 5


#: Pages that hold every kind of civitrace block, the dashboard and the register.
DARK_PAGES = (
    "opinion/01-utilite.html",
    "opinion/suivi-convention.html",
    "strategy/reponses.html",
    "docs/suivi/index.html",
    "strategy/registre/index.html",
)


def test_blocks_keep_their_contrast_in_dark_mode(browser, site, axe):
    url, pages = site
    found = []
    a11y.dark_mode(browser, True)
    try:
        for page in (p for p in DARK_PAGES if p in pages):
            browser.get(f"{url}/{page}")
            assert browser.script("return getComputedStyle(document.body).backgroundColor") != "rgb(255, 255, 255)"
            found += [f"{page}: {v['id']} — {n}" for v in a11y.audit(browser, axe) for n in v["nodes"]]
    finally:
        a11y.dark_mode(browser, False)
    assert found == []
