"""Maps draw with the network blocked: Leaflet and icons inlined, a basemap from our own data.

The page tests open ``map.html``, the catalog map and ``comparison.html`` (its map in a
sandboxed frame) in headless Chromium (Debian's ``chromium`` through Playwright's
``executable_path``) with *every* request that leaves the file refused, and count what Leaflet
drew: the route lines, the numbered stop markers and the basemap's lakes and roads. Skipped,
saying why, without Chromium or Playwright's Python package.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from builders import evil_catalog, hand_itinerary
from routeplanner.catalog import Catalog
from routeplanner.compare import VariantResult, compare, comparison_html
from routeplanner.maps import catalog_map, comparison_map, itinerary_map, render_map
from routeplanner.offline import ICONS, make_offline, offline_head

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM = next((p for p in map(shutil.which, BROWSERS) if p), None)
CHROME_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]

# a link that makes the browser load something: <script src>, <link href>, @import, url(http…)
_REMOTE = re.compile(
    r"<script[^>]+src=[\"']?https?:|<link[^>]+href=[\"']?https?:|@import|url\([\"']?https?:"
)


def test_pages_link_nothing_remote(catalog: Catalog) -> None:
    cat = evil_catalog(catalog)
    pages = {
        "map": itinerary_map(hand_itinerary(cat), cat).get_root().render(),
        "catalog": catalog_map(catalog).get_root().render(),
    }
    for name, page in pages.items():
        assert not _REMOTE.search(page), name
        assert "Leaflet 1.9.4" in page and "cdn.jsdelivr" not in page, name
        assert "tile.openstreetmap.org" in page  # the tiles still come from OSM when online


def test_every_icon_the_maps_use_is_shipped() -> None:
    """Each ``fa-NAME`` in the map code has its shipped SVG (otherwise it would draw blank)."""
    from routeplanner import maps

    used = set(maps.CATEGORY_ICONS.values()) | set(maps._HUB_ICONS.values())
    used |= {"bed", "flag-checkered", "location-dot"}
    assert used <= set(ICONS)
    head = offline_head()
    for name in ICONS:
        assert f".fa-{name}{{--rp-fa:url(" in head


def test_make_offline_drops_folium_cdn_links() -> None:
    import folium

    m = make_offline(folium.Map(tiles=None))
    page = m.get_root().render()
    assert not _REMOTE.search(page)
    assert "jquery" not in page.lower() and "bootstrap" not in page.lower()


# --------------------------------------------------------------------------- in a browser

needs_browser = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium on PATH: install Debian's 'chromium' package (.ci/run does)",
)


@pytest.fixture(scope="module")
def browser() -> Any:
    sync_api = pytest.importorskip(
        "playwright.sync_api",
        reason="Playwright's Python package is not installed (pip install playwright)",
    )
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


def _open(browser: Any, path: Path) -> tuple[Any, list[str]]:
    """Open ``path`` with every request but the file itself refused; returns the page and
    the URLs that were refused."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    refused: list[str] = []

    def block(route: Any) -> None:
        refused.append(route.request.url)
        route.abort()

    context.route(re.compile(r"^(?!file:|data:|about:).*"), block)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_timeout(300)
    assert not errors, errors
    return page, refused


def _drawn(scope: Any) -> dict[str, int]:
    return {
        "stops": scope.locator(".leaflet-marker-pane .rp-stop").count(),
        "routes": scope.locator(".leaflet-overlay-pane path.leaflet-interactive").count(),
        "basemap": scope.locator(".leaflet-rp-basemap-pane path").count(),
        "towns": scope.locator(".leaflet-rp-basemap-pane .rp-town").count(),
    }


@needs_browser
def test_map_html_draws_offline(browser: Any, catalog: Catalog, tmp_path: Path) -> None:
    cat = evil_catalog(catalog)
    it = hand_itinerary(cat)
    path = tmp_path / "map.html"
    path.write_bytes(render_map(itinerary_map(it, cat)))
    page, refused = _open(browser, path)
    drawn = _drawn(page)
    assert drawn["stops"] == len(it.stops)
    assert drawn["routes"] >= sum(len(d.legs) for d in it.days)
    assert drawn["basemap"] > 50 and drawn["towns"] > 10
    # the icons are drawn as masks: the category glyph has a size
    box = page.locator(".rp-stop .fa-solid").first.bounding_box()
    assert box and box["width"] > 0
    # only tiles were asked for (and refused): no script, style or font
    assert refused and all("tile.openstreetmap.org" in u for u in refused)
    page.context.close()


@needs_browser
def test_catalog_map_draws_offline(browser: Any, catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "catalog_map.html"
    path.write_bytes(render_map(catalog_map(catalog)))
    page, refused = _open(browser, path)
    assert page.locator(".leaflet-marker-pane .leaflet-marker-icon").count() >= len(catalog.sites)
    assert all("tile.openstreetmap.org" in u for u in refused)
    page.context.close()


@needs_browser
def test_comparison_report_map_draws_offline(
    browser: Any, catalog: Catalog, tmp_path: Path
) -> None:
    cat = evil_catalog(catalog)
    it = hand_itinerary(cat)
    results = [VariantResult("a", it), VariantResult("b", it)]
    comp = compare(results, cat, lang="ru", title="offline")
    map_html = comparison_map({"a": it, "b": it}, cat).get_root().render()
    path = tmp_path / "comparison.html"
    path.write_text(comparison_html(comp, cat, map_html=map_html), encoding="utf-8")
    page, refused = _open(browser, path)
    frame = page.frame_locator("iframe").first
    frame.locator(".rp-stop").first.wait_for(state="attached", timeout=10_000)
    drawn = _drawn(frame)
    assert drawn["stops"] == 2 * len(it.stops)  # both variants' layers are shown
    assert drawn["routes"] >= sum(len(d.legs) for d in it.days)
    assert drawn["basemap"] > 50
    assert all("tile.openstreetmap.org" in u for u in refused)
    page.context.close()
