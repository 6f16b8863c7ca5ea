"""The HTML fact sheet in a real browser: Debian's Chromium driven by Playwright.

The page must render (summary, sections, Chinese text laid out), the filter box
must narrow claims by text, document and verdict, and a screenshot is written.
Skipped only when /usr/bin/chromium is missing (scripts/setup.sh installs it).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from extractor.render.html import write_html

from render_fixtures import DOC_C, build_result

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="/usr/bin/chromium is missing (run scripts/setup.sh to install it)")


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    sync_api = pytest.importorskip("playwright.sync_api")
    out = tmp_path_factory.mktemp("html")
    path = write_html(build_result(), out / "factsheet.html", lang="zh")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            pg = browser.new_page(viewport={"width": 1200, "height": 900})
            requests: list[str] = []
            pg.on("request", lambda r: requests.append(r.url))
            errors: list[str] = []
            pg.on("pageerror", lambda e: errors.append(str(e)))
            pg.goto(path.as_uri())
            pg.wait_for_load_state("load")
            yield pg, out, requests, errors
        finally:
            browser.close()


def _visible(pg, selector: str) -> int:
    return pg.eval_on_selector_all(selector, "els => els.filter(e => e.offsetParent !== null).length")


def test_page_renders(page):
    pg, _out, requests, errors = page
    assert errors == []
    assert [u for u in requests if not u.startswith("file:")] == []  # no network
    assert pg.title().startswith("事实核查表")
    assert pg.inner_text("h1").startswith("事实核查表")
    assert _visible(pg, "article.claim") == 12
    assert _visible(pg, "article.finding") == 7
    assert _visible(pg, "svg.chart") == 1
    # Chinese text is laid out with real glyph widths (a missing font would still give boxes, but
    # an unstyled or broken page gives no height at all)
    box = pg.locator("section.indicator h3").first.bounding_box()
    assert box and box["height"] > 10 and box["width"] > 50
    assert pg.locator("mark").count() > 10


def test_filter_by_text_document_and_verdict(page):
    pg, _out, _requests, _errors = page
    pg.fill("#q", "医疗装备")
    assert _visible(pg, "article.claim") == 1
    assert pg.inner_text("#n-shown") == "1"
    assert _visible(pg, "section.indicator") == 1
    pg.fill("#q", "")
    pg.select_option("#doc", DOC_C)
    assert _visible(pg, "article.claim") == 6
    assert _visible(pg, "article.finding") == 3
    pg.select_option("#verdict", "inconsistent")
    assert _visible(pg, "article.claim") == 4  # the total and the three parts of the failing sum
    assert _visible(pg, "article.finding") == 1
    pg.fill("#q", "no such words anywhere")
    assert _visible(pg, "article.claim") == 0
    assert pg.is_visible("#nothing")
    pg.fill("#q", "")
    pg.select_option("#doc", "")
    pg.select_option("#verdict", "")
    assert _visible(pg, "article.claim") == 12
    assert not pg.is_visible("#nothing")


def test_screenshot_and_print(page):
    pg, out, _requests, _errors = page
    shot = out / "factsheet.png"
    pg.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    keep = os.environ.get("FACTSHEET_SCREENSHOT_DIR")
    if keep:  # handy when looking at the page by eye
        Path(keep).mkdir(parents=True, exist_ok=True)
        (Path(keep) / "factsheet.png").write_bytes(shot.read_bytes())
    pg.emulate_media(media="print")
    assert not pg.is_visible(".filters")
    pg.emulate_media(media="screen")
    assert pg.is_visible(".filters")
