"""axe-core in the browser: what the accessibility tests run on every page.

axe-core comes from the npm registry (``npm install``, once, into a cache folder
outside the repository); ``CIVITRACE_AXE`` may point at an ``axe.min.js`` instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import webdriver

AXE_VERSION = "4.14.1"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "civitrace-tests" / f"axe-core-{AXE_VERSION}"
#: The WCAG 2.0 and 2.1 rules, levels A and AA (what RGAA 4 follows).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: Best-practice rules about landmarks: every part of the page in a landmark, each landmark told apart.
LANDMARK_RULES = [
    "region",
    "landmark-unique",
    "landmark-no-duplicate-banner",
    "landmark-no-duplicate-contentinfo",
    "landmark-no-duplicate-main",
    "landmark-one-main",
    "landmark-banner-is-top-level",
    "landmark-contentinfo-is-top-level",
    "landmark-main-is-top-level",
    "landmark-complementary-is-top-level",
]
#: Screen sizes (CSS px): a desktop window and a phone (mobile emulation: meta viewport, touch).
DESKTOP = {"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False}
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": True}


def axe_source() -> str | None:
    """The text of ``axe.min.js``: from ``CIVITRACE_AXE``, the cache, or installed there with npm."""
    given = os.environ.get("CIVITRACE_AXE")
    if given:
        return Path(given).read_text(encoding="utf-8")
    script = CACHE / "node_modules" / "axe-core" / "axe.min.js"
    if not script.is_file():
        npm = shutil.which("npm")
        if npm is None:
            return None
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(CACHE), f"axe-core@{AXE_VERSION}"],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return script.read_text(encoding="utf-8")


def emulate(browser: webdriver.Browser, screen: dict) -> None:
    """Lay pages out for ``screen`` (Chrome DevTools' device emulation, through chromedriver)."""
    browser.command("POST", "/goog/cdp/execute", {"cmd": "Emulation.setDeviceMetricsOverride", "params": screen})
    browser.command(
        "POST",
        "/goog/cdp/execute",
        {"cmd": "Emulation.setTouchEmulationEnabled", "params": {"enabled": screen["mobile"]}},
    )


RUN_AXE = """
const done = arguments[arguments.length - 1];
if (!window.axe) { eval(arguments[0]); }
// One run: every rule of the WCAG tags, plus the landmark rules.
const wcag = axe.getRules(arguments[1]).filter(r => !r.tags.includes("experimental") && !r.tags.includes("deprecated"));
const rules = [...new Set([...wcag.map(r => r.ruleId), ...arguments[2]])];
axe.run(document, {runOnly: {type: "rule", values: rules}, resultTypes: ["violations"]})
  .then(result => done(result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(" ") + " — " + n.failureSummary.split("\\n").slice(1, 2).join(""))
  }))))
  .catch(error => done([{id: "axe-error", help: String(error), nodes: []}]));
"""


def audit(browser: webdriver.Browser, source: str) -> list[dict]:
    """The axe violations of the page open in ``browser``: WCAG 2.0/2.1 A and AA, and the landmark rules."""
    return browser.command("POST", "/execute/async", {"script": RUN_AXE, "args": [source, WCAG_TAGS, LANDMARK_RULES]})


def dark_mode(browser: webdriver.Browser, on: bool) -> None:
    """Ask pages for the system's dark colour scheme (Furo's "auto" theme follows it), or not."""
    features = [{"name": "prefers-color-scheme", "value": "dark" if on else "light"}]
    browser.command(
        "POST", "/goog/cdp/execute", {"cmd": "Emulation.setEmulatedMedia", "params": {"features": features}}
    )
