"""What the browser tests share: Debian's Chromium, a page signed in with the server's key that records
JavaScript errors, and screenshots (tests/screenshots/, git-ignored)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests import pace, system_parts
from tests.conftest import LiveServer

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
JS_ERRORS: list[str] = []  # the current test's page errors (tests/web/conftest.py checks them after each)


def require_browser(module_level: bool = True) -> None:
    """Skip (loudly) when the playwright package or Debian's chromium is missing."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:  # pragma: no cover - the test extra is not installed
        system_parts.missing("Chromium", "the browser tests need the playwright package (pip install -e '.[test]')",
                             module_level=module_level)
    if not CHROMIUM.exists():
        system_parts.missing("Chromium", f"the browser tests need {CHROMIUM} (run scripts/system-deps, which "
                             "installs Debian's chromium)", module_level=module_level)


def open_page(browser: Any, live: LiveServer, *, signed_in: bool = True, width: int = 1280,
              height: int = 860) -> Any:
    context = browser.new_context(viewport={"width": width, "height": height}, reduced_motion="reduce",
                                  accept_downloads=True)
    from playwright.sync_api import expect

    context.set_default_timeout(pace.seconds(15) * 1000)  # tests/pace.py: 15 s on a quiet machine
    expect.set_options(timeout=pace.seconds(10) * 1000)
    if signed_in:
        context.add_init_script(f"sessionStorage.setItem('assay.apiKey', {json.dumps(live.api_key)})")
    page = context.new_page()
    page.on("pageerror", lambda error: JS_ERRORS.append(str(error)))
    return page


def shoot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.evaluate("document.getElementById('toast').classList.remove('show')")  # a transient note
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
