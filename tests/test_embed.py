"""Embedding industrial stops into existing tours: matching, the insertion report, the new
plan; fixed stops never move and every result passes the independent checker."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from routeplanner.catalog import Catalog
from routeplanner.check import check_itinerary
from routeplanner.cli import app
from routeplanner.embed import embed, insertion_report, load_tour
from routeplanner.network import Network
from routeplanner.settings import default_data_dir

pytestmark = pytest.mark.usefixtures("warm_kernels")

TOURS = default_data_dir() / "tours"
STOPOVER = TOURS / "transsib_stopover_2day.csv"
ALL_TOURS = [
    TOURS / "listvyanka_port_baikal_2day.yaml",
    TOURS / "olkhon_3day.yaml",
    TOURS / "circum_baikal_day.csv",
    STOPOVER,
]


def _checked(it, tour, catalog: Catalog, network: Network) -> None:  # type: ignore[no-untyped-def]
    assert check_itinerary(it, catalog, network) == []


@pytest.mark.parametrize("path", ALL_TOURS, ids=lambda p: p.name)
def test_every_shipped_tour_loads_and_embeds(
    path: Path, catalog: Catalog, network: Network
) -> None:
    tour = load_tour(path, catalog, network)
    assert tour.days and all(tour.days[0])
    it = embed(tour, catalog, network, time_limit_s=1)
    assert it.feasible
    _checked(it, tour, catalog, network)
    # the tour's own stops are all still there, in their days
    for d, day in enumerate(tour.days):
        assert [s.place_id for s in day] == [s.site_id for s in it.days[d].stops if not s.added]


def test_fixed_stops_never_move(catalog: Catalog, network: Network) -> None:
    tour = load_tour(STOPOVER, catalog, network)
    it = embed(tour, catalog, network, time_limit_s=1)
    fixed = {s.place_id: s.fixed for day in tour.days for s in day if s.fixed}
    assert fixed
    starts = {s.site_id: s.start.time() for s in it.stops}
    for sid, t in fixed.items():
        assert starts[sid] == t


def test_report_ranks_and_new_stops_are_marked(catalog: Catalog, network: Network) -> None:
    tour = load_tour(STOPOVER, catalog, network)
    rep = insertion_report(tour, catalog, network)
    assert list(rep["rank"]) == list(range(1, len(rep) + 1))
    assert rep["fits"].any() and (~rep["fits"]).any()
    assert (rep.loc[~rep["fits"], "reason"] != "").all()
    assert (rep.loc[~rep["fits"], "reason_ru"] != "").all()
    fitting = rep[rep["fits"]]
    assert (fitting["added_day_min"] <= 120).all()
    it = embed(tour, catalog, network, time_limit_s=1)
    added = [s.site_id for s in it.stops if s.added]
    assert added and set(added) <= set(fitting["site_id"])


def test_report_matches_the_difference_of_itineraries(catalog: Catalog, network: Network) -> None:
    """The report's added travel for its best candidate equals the plan with it minus the tour."""
    tour = load_tour(STOPOVER, catalog, network)
    rep = insertion_report(tour, catalog, network)
    best = rep[rep["fits"]].iloc[0]
    base = embed(tour, catalog, network, candidates=[], time_limit_s=1)
    with_one = embed(tour, catalog, network, candidates=[best["site_id"]], time_limit_s=1)
    assert [s.site_id for s in with_one.stops if s.added] == [best["site_id"]]
    travel = sum(leg.duration_min for d in with_one.days for leg in d.legs) - sum(
        leg.duration_min for d in base.days for leg in d.legs
    )
    assert abs(travel - int(best["added_travel_min"])) <= 1 * len(with_one.days[0].legs)
    day = int(best["day"]) - 1
    assert (
        with_one.days[day]
        .stops[[s.site_id for s in with_one.days[day].stops].index(best["site_id"])]
        .start.strftime("%H:%M")
        == best["start"]
    )


def test_no_room_means_nothing_inserted(catalog: Catalog, network: Network) -> None:
    tour = load_tour(STOPOVER, catalog, network)
    rep = insertion_report(tour, catalog, network, max_extra_per_day_min=0)
    it = embed(tour, catalog, network, max_extra_per_day_min=0, time_limit_s=1)
    assert not [s for s in it.stops if s.added]
    assert set(rep.loc[~rep["fits"], "site_id"]) | set(rep.loc[rep["fits"], "site_id"]) == set(
        rep["site_id"]
    )
    assert (rep.loc[~rep["fits"], "reason"].str.len() > 0).all()
    _checked(it, tour, catalog, network)


def test_order_kept_unless_reordering_allowed(catalog: Catalog, network: Network) -> None:
    tour = load_tour(TOURS / "listvyanka_port_baikal_2day.yaml", catalog, network)
    it = embed(tour, catalog, network, time_limit_s=1)
    for d, day in enumerate(tour.days):
        mine = [s.site_id for s in it.days[d].stops if not s.added]
        assert mine == [s.place_id for s in day]


def test_cli_embed_writes_report_and_plan(tmp_path: Path) -> None:
    out = tmp_path / "emb"
    result = CliRunner().invoke(
        app,
        [
            "embed",
            str(STOPOVER),
            "--out",
            str(out),
            "--max-extra-per-day",
            "2h",
            "--time-limit",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    rep = pd.read_csv(out / "insertion_report.csv")
    assert {"rank", "site_id", "fits", "added_travel_min", "reason"} <= set(rep.columns)
    for name in ("itinerary.json", "map.html", "insertion_map.html", "insertion_report.xlsx"):
        assert (out / name).exists()
    check = CliRunner().invoke(app, ["check", str(out / "itinerary.json")])
    assert check.exit_code == 0, check.output


def test_cli_bad_duration(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["embed", str(STOPOVER), "--max-extra-per-day", "soon"])
    assert result.exit_code == 2


def test_new_stops_are_marked_in_the_programme(
    tmp_path: Path, catalog: Catalog, network: Network
) -> None:
    from routeplanner.programme import programme_html

    tour = load_tour(STOPOVER, catalog, network)
    it = embed(tour, catalog, network, time_limit_s=1)
    view = catalog.for_request(tour.request)
    html = programme_html(it, view, lang="ru", names={p.id: p.name("ru") for p in view})
    assert html.count("class='cat new'") == len([s for s in it.stops if s.added]) > 0
