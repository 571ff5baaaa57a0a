"""Event tourism: the events file, occurrences, events as stops that exist only on their
dates, requiring and weighting them, and the sweep that shows which weeks catch which."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path
from typing import Any

import pytest

from routeplanner.catalog import Catalog, load_catalog
from routeplanner.check import check_itinerary
from routeplanner.events import events_by_week
from routeplanner.exceptions import CatalogError, ScenarioError
from routeplanner.model import TripRequest
from routeplanner.network import Network
from routeplanner.planner import plan
from routeplanner.settings import default_data_dir

DATA = default_data_dir()
GAMES = "ev_yordyn_games"  # 3-6 July 2025 near Elantsy


def request(start: dt.date, **kw: Any) -> TripRequest:
    base: dict[str, Any] = dict(
        name="events",
        start_date=start,
        days=1,
        start="lodging_irkutsk_irkut",
        candidates=["taltsy_museum", "irkutsk_regional_museum"],
        day_start="07:00",
        day_end="22:30",
        max_drive_h=10,
        profile="car",
        group_size=6,
        youngest_age=20,
        events={"weight": 2},
        booked_on=dt.date(2025, 5, 1),
        solver={"time_limit_s": 3, "max_solutions": 40, "seed": 1},
    )
    base.update(kw)
    return TripRequest.model_validate(base)


def test_the_built_in_events_are_sourced_and_expand(catalog: Catalog) -> None:
    assert len(catalog.events) >= 6
    for ev in catalog.events.values():
        assert ev.source_url.startswith("http") and ev.name_ru and ev.name_en
    games = catalog.events[GAMES]
    assert games.occurrences(dt.date(2025, 7, 1), dt.date(2025, 7, 31)) == [
        (dt.date(2025, 7, 3), dt.date(2025, 7, 6))
    ]
    night = catalog.events["ev_night_of_arts_museum"]  # yearly on 3 November
    assert night.occurrences(dt.date(2027, 1, 1), dt.date(2027, 12, 31)) == [
        (dt.date(2027, 11, 3), dt.date(2027, 11, 3))
    ]
    site = games.site(dt.date(2025, 7, 5), dt.date(2025, 7, 8))
    assert site is not None and site.category.value == "event"
    assert site.opening_hours == "2025 Jul 03-2025 Jul 06 09:00-20:00"
    assert games.site(dt.date(2025, 7, 7), dt.date(2025, 7, 9)) is None


def test_a_july_trip_weighted_for_events_takes_one_on_its_dates(
    catalog: Catalog, network: Network
) -> None:
    """Done when: a July scenario weighted for events includes one when its dates fall in the
    trip, and never on other dates."""
    during = plan(request(dt.date(2025, 7, 4)), catalog, network)
    assert during.feasible and GAMES in [s.site_id for s in during.stops]
    assert during.kpis["events"] == [GAMES]
    assert check_itinerary(during, catalog, network) == []
    for start in (dt.date(2025, 7, 1), dt.date(2025, 7, 8), dt.date(2025, 7, 15)):
        other = plan(request(start), catalog, network)
        assert GAMES not in [s.site_id for s in other.stops]
        assert GAMES not in [d.site_id for d in other.dropped]  # not a candidate at all


def test_events_are_left_out_unless_asked_for(catalog: Catalog, network: Network) -> None:
    it = plan(request(dt.date(2025, 7, 4), events=None), catalog, network)
    assert GAMES not in [s.site_id for s in it.stops] and it.kpis["events"] == []


def test_a_required_event_off_the_trip_dates_is_refused(catalog: Catalog, network: Network) -> None:
    with pytest.raises(ScenarioError, match=r"ev_yordyn_games.*does not take place.*2025-07-03"):
        plan(request(dt.date(2025, 6, 20), events={"require": [GAMES]}), catalog, network)
    with pytest.raises(ScenarioError, match="'ev_nope' is not an event id"):
        plan(request(dt.date(2025, 7, 4), events={"require": ["ev_nope"]}), catalog, network)
    it = plan(request(dt.date(2025, 7, 5), events={"require": [GAMES]}), catalog, network)
    assert GAMES in [s.site_id for s in it.stops]


def test_which_weeks_catch_which_events(catalog: Catalog) -> None:
    weeks = events_by_week(catalog.events, dt.date(2025, 6, 23), dt.date(2025, 7, 20))
    caught = {monday: [ev.id for ev, _a, _b in hits] for monday, hits in weeks}
    assert caught[dt.date(2025, 6, 30)] == [GAMES]
    assert caught[dt.date(2025, 6, 23)] == [] and caught[dt.date(2025, 7, 7)] == []


def _copy_with_event(tmp_path: Path, **row: str) -> Path:
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    with open(root / "events.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    new = {**rows[0], "id": "ev_broken", **row}
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerows([*rows, new])
    (root / "events.csv").write_text(buf.getvalue(), encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("change", "field", "text"),
    [
        ({"dates": "2025-13-01"}, "dates", "'2025-13-01' is not a date YYYY-MM-DD"),
        ({"dates": "2025-07-06..2025-07-03"}, "dates", "ends before it starts"),
        ({"dates": "", "rrule": ""}, "dates", "give the event's dates or a recurrence rule"),
        ({"rrule": "FREQ=DAILY"}, "rrule", "is not a yearly RRULE"),
        ({"site_id": "no_such_site", "lat": "", "lon": ""}, "site_id", "no site with id"),
        ({"site_id": "", "lat": "", "lon": ""}, "site_id", "a site_id, or lat and lon"),
        ({"lat": "95.5"}, "lat", "latitude"),
        ({"hours": "20:00-09:00"}, "hours", "ends before it starts"),
        ({"id": "irkutsk_hpp"}, "id", "duplicate id 'irkutsk_hpp'"),
    ],
)
def test_a_bad_events_row_is_named(
    tmp_path: Path, change: dict[str, str], field: str, text: str
) -> None:
    root = _copy_with_event(tmp_path, **change)
    with pytest.raises(CatalogError) as err:
        load_catalog(root)
    message = str(err.value)
    n = len((root / "events.csv").read_text(encoding="utf-8").splitlines())
    assert f"events.csv, row {n}, field '{field}'" in message and text in message


def test_a_sweep_over_start_dates_shows_which_weeks_catch_the_event(tmp_path: Path) -> None:
    """The built-in example: one start date a week; only the week of 3-6 July has the event."""
    from routeplanner.compare import compare_file

    comp = compare_file(DATA / "variants" / "summer_events_2025.yaml", workers=1)
    caught = dict(zip(comp.kpis["start_date"], comp.kpis["events"], strict=True))
    assert caught["2025-07-03"] == GAMES
    assert all(v == "" for d, v in caught.items() if d != "2025-07-03"), caught
    assert len(caught) == 5
