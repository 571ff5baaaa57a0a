"""End to end: the web app in its own server, driven by headless Chromium (Playwright).

Starts ``streamlit run`` on a free localhost port, opens the Plan page, plans the demo scenario
(with a 2 s search) and checks that the key figures, the map and the day-by-day schedule
appear. Skipped, saying why, where Chromium or Playwright's Python package is missing (Debian's
``chromium`` is used through ``executable_path``; ``playwright install`` is never run).

Every request that leaves localhost is refused (the network is blocked): the map carries
Leaflet, its icons and a basemap itself (:mod:`routeplanner.offline`), so the test counts the
stop markers and route lines drawn in the map's frame.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("streamlit", reason="the web extra is not installed: pip install -e '.[web]'")
sync_api = pytest.importorskip(
    "playwright.sync_api",
    reason="Playwright's Python package is not installed (pip install playwright)",
)

from routeplanner.web import streamlit_command  # noqa: E402

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM = next((p for p in map(shutil.which, BROWSERS) if p), None)
CHROME_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.usefixtures("warm_kernels"),
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="no Chromium on PATH: install Debian's 'chromium' package (.ci/run does)",
    ),
]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[str]:
    """The app served on a free localhost port; always stopped afterwards."""
    port = _free_port()
    log = open(tmp_path / "server.log", "wb")  # noqa: SIM115 - closed below
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        streamlit_command(port, address="127.0.0.1"),
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"the server exited: {(tmp_path / 'server.log').read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("the server did not answer within 60 s")
            time.sleep(0.3)
        yield url
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        log.close()


def _offline(route: Any) -> None:
    """Refuse every request that leaves localhost (the network is blocked)."""
    route.abort()


def test_plan_the_demo_in_a_browser(server: str, tmp_path: Path) -> None:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS, headless=True)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 3000})
            context.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost).*"), _offline)
            page = context.new_page()
            page.goto(f"{server}/plan", wait_until="domcontentloaded")
            limit = page.get_by_label("Время поиска, с")
            limit.wait_for(timeout=60_000)
            # the demo scenario is the form's default
            assert "Industrial Irkutsk in 3 days" in page.get_by_label("Название").input_value()
            limit.fill("2")
            limit.press("Enter")
            page.wait_for_timeout(800)
            page.get_by_role("button", name="Построить маршрут").click()
            page.get_by_text("Программа по дням").wait_for(timeout=60_000)
            page.get_by_text("Маршрут построен и проверен.").wait_for(timeout=10_000)
            # the schedule: a heading and a table for each of the three days
            for day in (1, 2, 3):
                page.get_by_text(re.compile(rf"^День {day} — ")).wait_for(timeout=10_000)
            tables = page.locator('[data-testid="stDataFrame"]')
            tables.nth(2).wait_for(timeout=20_000)
            cells = page.locator('[data-testid^="glide-cell-"]', has_text="Иркутская ГЭС")
            cells.first.wait_for(state="attached", timeout=20_000)  # the must-visit dam
            # the map: the plan's folium page in a frame
            frame = page.locator('iframe[srcdoc*="folium-map"]')
            frame.first.wait_for(state="attached", timeout=20_000)
            assert frame.count() == 1
            page.wait_for_function(
                "() => document.querySelector('iframe[srcdoc*=\"folium-map\"]')"
                ".getBoundingClientRect().height > 300",
                timeout=10_000,
            )
            frame_map = page.frame_locator('iframe[srcdoc*="folium-map"]')
            markers = frame_map.locator(".leaflet-marker-pane .rp-stop")
            markers.first.wait_for(state="attached", timeout=30_000)
            assert markers.count() >= 5  # the numbered stops
            routes = frame_map.locator(".leaflet-overlay-pane path.leaflet-interactive")
            assert routes.count() >= markers.count() + 3  # a leg into each stop, one home a day
            # every export is offered
            for name in ("map.html", "programme.html", "itinerary.xlsx", "itinerary.gpx"):
                page.get_by_role("button", name=name, exact=True).wait_for(timeout=20_000)
            page.screenshot(path=str(tmp_path / "plan.png"), full_page=True)
        finally:
            browser.close()
