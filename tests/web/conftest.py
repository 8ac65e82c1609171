"""Fixtures of the browser tests: one Chromium per module, and no JavaScript error in any page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.web.browser import ARGS, CHROMIUM, JS_ERRORS, require_browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require_browser(module_level=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def no_javascript_errors() -> Iterator[None]:
    JS_ERRORS.clear()
    yield
    assert not JS_ERRORS, f"JavaScript errors in the page: {JS_ERRORS}"
