"""The demo's documents for the client, as the issue asks: no solver internals, no raw OSM hours,
every default fact marked, a short list of what else could be added, the price per person, and
a booking sheet with every visit and its booking date."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest

from routeplanner.catalog import Catalog
from routeplanner.export import plan_extras, render_plan
from routeplanner.network import Network
from routeplanner.places import default_facts, default_mark
from routeplanner.planner import plan
from routeplanner.programme import MORE_MAX
from routeplanner.result import Itinerary
from routeplanner.scenario import load_scenario
from routeplanner.settings import default_data_dir

#: OSM opening_hours tokens: weekday or month codes, or an ASCII hyphen between two times.
RAW_OSM = re.compile(
    r"\b(Mo|Tu|We|Th|Fr|Sa|Su)\b|\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-|\d\d:\d\d-\d\d:\d\d"
)


@pytest.fixture(scope="module")
def demo(catalog: Catalog, network: Network) -> Itinerary:
    req = load_scenario(default_data_dir() / "scenarios" / "industrial_3day.yaml")
    req = req.model_copy(
        update={"solver": req.solver.model_copy(update={"time_limit_s": 2, "max_solutions": 40})}
    )
    it = plan(req, catalog, network)
    assert it.feasible
    return it


@pytest.fixture(scope="module", params=["ru", "en"])
def files(request: pytest.FixtureRequest, demo: Itinerary, catalog: Catalog) -> dict:
    return {"lang": request.param, **render_plan(demo, catalog=catalog, lang=request.param)}


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_no_solver_internals(files: dict, demo: Itinerary) -> None:
    page = files["programme.html"].decode("utf-8")
    status = demo.solver.get("status", "")
    assert status and status not in page
    assert "решателя" not in page and "solver" not in page.lower()
    # the left-out sites with their reasons are not listed; what else to add is short
    items = re.findall(r"<li>", page.split("class='more'")[1]) if "class='more'" in page else []
    assert 0 < len(items) <= MORE_MAX < len(demo.dropped)


def test_no_raw_osm_hours(files: dict) -> None:
    text = _text(files["programme.html"].decode("utf-8"))
    assert not RAW_OSM.search(text), RAW_OSM.search(text)


def test_every_default_fact_is_marked(files: dict, demo: Itinerary, catalog: Catalog) -> None:
    """Each visit's default facts are named after the mark, in the visit's row."""
    lang = files["lang"]
    page = files["programme.html"].decode("utf-8")
    rows = page.split("<tr class='stop'>")[1:]
    assert len(rows) == len(demo.stops)
    for row, stop in zip(rows, demo.stops, strict=True):
        site = catalog.sites[stop.site_id]
        row = row.split("</tr>")[0]
        if site.defaults:
            assert default_mark(lang) in row, stop.site_id
            for fact in default_facts(site, lang):
                assert fact in row, (stop.site_id, fact)
        else:
            assert default_mark(lang) not in row


def test_price_per_person_is_the_calculation(
    files: dict, demo: Itinerary, catalog: Catalog
) -> None:
    page = files["programme.html"].decode("utf-8")
    costing, _rates, _bookings = plan_extras(demo, catalog)
    assert costing is not None
    mine = costing.for_group(demo.scenario.group_size)
    assert f"{mine.per_person_rub:,}".replace(",", "\u00a0") in page
    assert mine.per_person_rub * mine.group_size == mine.net_rub + mine.margin_rub


def test_bookings_list_every_visit_with_its_date(files: dict, demo: Itinerary) -> None:
    sheet = pd.read_csv(io.BytesIO(files["bookings.csv"]), dtype=str, keep_default_na=False)
    assert list(sheet["site_id"]) == [s.site_id for s in demo.stops]
    assert list(sheet["start"]) == [f"{s.start:%H:%M}" for s in demo.stops]
    for _, row in sheet.iterrows():
        if int(row["booking_days"]):
            assert row["book_by"] and row["book_by"] < row["date"]
        else:
            assert row["book_by"] == ""
    assert set(sheet["group_size"]) == {str(demo.scenario.group_size)}


def test_report_keeps_what_the_programme_leaves_out(files: dict, demo: Itinerary) -> None:
    from html import escape

    report = files["report.html"].decode("utf-8")
    assert demo.solver["status"] in report
    assert report.count("<td class='rules'>") == len(demo.dropped)
    for d in demo.dropped:
        assert escape(d.text(files["lang"]), quote=True) in report
