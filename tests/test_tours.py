"""Reading tours: names matched to the catalog, places attached by coordinates, and every
problem of a tour file named with its file, row or key and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from routeplanner.catalog import Catalog
from routeplanner.network import Network
from routeplanner.settings import default_data_dir
from routeplanner.tours import TourError, load_tour

TOURS = default_data_dir() / "tours"
STOPOVER = TOURS / "transsib_stopover_2day.csv"
HEAD = "name: t\nstart_date: 2027-07-13\nstart: lodging_irkutsk_irkut\nbooked_on: 2027-06-01\n"


def _yaml(tmp_path: Path, body: str) -> Path:
    p = tmp_path / "t.yaml"
    p.write_text(HEAD + body, encoding="utf-8")
    return p


def test_names_are_matched_and_coordinates_attached(catalog: Catalog, network: Network) -> None:
    tour = load_tour(STOPOVER, catalog, network)
    stops = {s.given: s for day in tour.days for s in day}
    assert stops["Ледокол «Ангара»"].place_id == "icebreaker_angara"
    assert stops["Ледокол «Ангара»"].how == "name"
    assert stops["Центральный рынок Иркутска"].how == "coordinates"
    assert tour.request.extra_places[0].name == "Центральный рынок Иркутска"


def test_unmatched_stop_is_reported(tmp_path: Path, catalog: Catalog, network: Network) -> None:
    bad = tmp_path / "t.csv"
    bad.write_text(
        "day,stop\n1,Несуществующий завод «Ромашка»\n1,icebreaker_angara\n", encoding="utf-8"
    )
    with pytest.raises(TourError) as info:
        load_tour(bad, catalog, network)
    msg = str(info.value)
    assert "t.csv, row 2, field 'stop'" in msg and "matches no catalog site" in msg


@pytest.mark.parametrize("day", ["22", "999999999", "9" * 5000])
def test_a_day_beyond_the_longest_trip_is_refused_by_row(
    tmp_path: Path, catalog: Catalog, network: Network, day: str
) -> None:
    """A day number past MAX_DAYS names its row and field; no tour of that many days is built
    (a day of 10⁹ used to allocate until memory ran out)."""
    bad = tmp_path / "t.csv"
    bad.write_text(f"day,stop\n1,irkutsk_hpp\n{day},icebreaker_angara\n", encoding="utf-8")
    with pytest.raises(TourError) as info:
        load_tour(bad, catalog, network)
    msg = str(info.value)
    assert "t.csv, row 3, field 'day'" in msg, msg
    assert len(msg) < 2000


def test_a_yaml_tour(tmp_path: Path, catalog: Catalog, network: Network) -> None:
    p = _yaml(
        tmp_path,
        "days:\n"
        "  - lodging: lodging_irkutsk_irkut\n"
        "    stops: [{site: taltsy_museum, start: '10:00', visit_min: 90}]\n"
        "  - stops: []\n",
    )
    tour = load_tour(p, catalog, network)
    assert tour.name == "t" and len(tour.days) == 2 and tour.nights == ("lodging_irkutsk_irkut",)
    stop = tour.days[0][0]
    assert (stop.place_id, stop.fixed.isoformat(), stop.visit_min, stop.how) == (
        "taltsy_museum",
        "10:00:00",
        90,
        "id",
    )
    assert tour.request.overnight == "fixed" and tour.request.visit_minutes == {"taltsy_museum": 90}


@pytest.mark.parametrize(
    ("body", "expect"),
    [
        ("x: 1\n", "field 'days': a list 'days:'"),
        ("days:\n  - stops: [{site: taltsy_museum}]\n  - stops: []\n", "needs the lodging"),
        (
            "days:\n  - {lodging: hotel_nowhere, stops: []}\n  - stops: []\n",
            "'hotel_nowhere' is not a lodging id",
        ),
        ("days:\n  - stops: [{site: taltsy_museum, visit_min: 0}]\n", "number of minutes"),
        ("days:\n  - stops: [{site: taltsy_museum, start: '25:99'}]\n", "not a time HH:MM"),
        ("days:\n  - stops: [{name: Somewhere, lat: 10, lon: 10}]\n", "not coordinates"),
        (
            "days:\n  - stops: [{site: taltsy_museum}, {site: taltsy_museum}]\n",
            "appears twice",
        ),
        ("days:\n  - stops: [5]\n", "stops[0]"),
        ("profle: car\ndays:\n  - stops: []\n", "profle"),
    ],
)
def test_yaml_problems_name_the_key(
    tmp_path: Path, catalog: Catalog, network: Network, body: str, expect: str
) -> None:
    with pytest.raises(TourError, match=r"t\.yaml") as info:
        load_tour(_yaml(tmp_path, body), catalog, network)
    assert expect in str(info.value)


def test_only_yaml_and_csv(tmp_path: Path, catalog: Catalog, network: Network) -> None:
    p = tmp_path / "t.txt"
    p.write_text("day,stop\n", encoding="utf-8")
    with pytest.raises(TourError, match=r"must be \.yaml, \.yml or \.csv"):
        load_tour(p, catalog, network)


def test_csv_needs_its_columns(tmp_path: Path, catalog: Catalog, network: Network) -> None:
    p = tmp_path / "t.csv"
    p.write_text("when,where\n1,x\n", encoding="utf-8")
    with pytest.raises(TourError, match="columns 'day' and 'stop' are required"):
        load_tour(p, catalog, network)
