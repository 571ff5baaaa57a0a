"""Season files: products, dated and rule departures, and every error naming line and key."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from builders import CROWDED_SEASON, season_file
from routeplanner.catalog import Catalog, load_catalog
from routeplanner.exceptions import ScenarioError
from routeplanner.season import load_season
from routeplanner.settings import default_data_dir

pytestmark = pytest.mark.usefixtures("warm_kernels")

RULE = """\
name: rules
products:
  day:
    file: day.yaml
    season: {from: 2027-06-01, to: 2027-06-30}
    group_size: 8
departures:
  - {product: day, every: [tue, sat], from: 2027-06-15, to: 2027-06-26}
  - {product: day, date: 2027-06-16, group_size: 20, youngest_age: 12, id: school}
"""


def test_rule_and_dated_departures(tmp_path: Path, catalog: Catalog) -> None:
    spec = load_season(season_file(tmp_path, RULE), catalog)
    ids = [d.id for d in spec.departures]
    assert ids == [
        "day-2027-06-15",
        "school",
        "day-2027-06-19",
        "day-2027-06-22",
        "day-2027-06-26",
    ]
    school = spec.departure("school")
    assert (school.request.group_size, school.request.youngest_age) == (20, 12)
    assert spec.departure("day-2027-06-19").request.group_size == 8  # the product's override
    assert spec.departure("day-2027-06-19").request.start_date == dt.date(2027, 6, 19)
    assert school.line == 9
    assert spec.fairness is None


def test_crowded_example_loads(tmp_path: Path, catalog: Catalog) -> None:
    spec = load_season(season_file(tmp_path, CROWDED_SEASON), catalog)
    assert [d.id for d in spec.departures] == ["a", "b", "c", "d"]


def test_shipped_season_loads(catalog: Catalog) -> None:
    spec = load_season(default_data_dir() / "seasons" / "industrial_june.yaml", catalog)
    assert len(spec.departures) == 6 and spec.fairness == 0.8


@pytest.mark.parametrize(
    ("departure", "field", "expect"),
    [
        ("{product: night, date: 2027-06-15}", "departures[0].product", "unknown product 'night'"),
        ("{product: day, date: 2027-07-01}", "departures[0].date", "outside product 'day' season"),
        ("{product: day, every: [tue], from: 2027-06-20, to: 2027-07-10}", "departures[0].from",
         "2027-07-06"),
        ("{product: day, date: 2027-06-15, colour: red}", "departures[0].colour", "unknown key"),
        ("{product: day, date: 2027-06-15, every: [tue]}", "departures[0]", "either 'date'"),
        ("{product: day, every: [tux], from: 2027-06-01, to: 2027-06-30}", "departures[0]",
         "unknown weekday"),
        ("{product: day, date: 2027-06-15, group_size: 0}", "departures[0].group_size",
         "at least 1"),
        ("{product: day, date: 2027-06-15, id: ../x}", "departures[0].id", "letters, digits"),
    ],
)  # fmt: skip
def test_bad_departure(
    tmp_path: Path, catalog: Catalog, departure: str, field: str, expect: str
) -> None:
    body = (
        "products:\n  day:\n    file: day.yaml\n    season: {from: 2027-06-01, to: 2027-06-30}\n"
        f"departures:\n  - {departure}\n"
    )
    path = season_file(tmp_path, body)
    with pytest.raises(ScenarioError) as err:
        load_season(path, catalog)
    issue = err.value.issues[0]
    assert issue.file == str(path)
    assert issue.row == 6  # the departure's line
    assert issue.field == field
    assert expect in issue.message
    assert err.value.exit_code == 3


def test_duplicate_departure(tmp_path: Path, catalog: Catalog) -> None:
    extra = "  - {product: day, date: 2027-06-22}\n"
    body = CROWDED_SEASON + extra + extra
    with pytest.raises(ScenarioError, match="given twice"):
        load_season(season_file(tmp_path, body), catalog)


def test_must_visit_with_zero_capacity(tmp_path: Path, data_copy: Path) -> None:
    cap = data_copy / "capacity.csv"
    lines = cap.read_text(encoding="utf-8").splitlines()
    row = next(i for i, x in enumerate(lines) if x.startswith("irkutsk_hpp,"))
    lines[row] = lines[row].replace("irkutsk_hpp,2,4,", "irkutsk_hpp,0,4,")
    cap.write_text("\n".join(lines) + "\n", encoding="utf-8")
    catalog = load_catalog(data_copy)
    body = CROWDED_SEASON.replace("season: {", "must_visit: [irkutsk_hpp]\n    season: {")
    with pytest.raises(ScenarioError) as err:
        load_season(season_file(tmp_path, body), catalog)
    issue = err.value.issues[0]
    assert issue.field == "products.day.must_visit"
    assert issue.row == 3
    assert "capacity of 0" in issue.message and "groups_per_day" in issue.message


def test_product_problems_name_the_product(tmp_path: Path, catalog: Catalog) -> None:
    body = CROWDED_SEASON.replace("season: {from: 2027-06-01, to: 2027-06-30}", "days: 0")
    with pytest.raises(ScenarioError) as err:
        load_season(season_file(tmp_path, body), catalog)
    fields = {i.field for i in err.value.issues}
    assert "products.day.season" in fields


def test_all_problems_together(tmp_path: Path, catalog: Catalog) -> None:
    body = (
        CROWDED_SEASON
        + "  - {product: x, date: 2027-06-15}\n  - {product: day, date: 2027-08-01}\n"
        + "fairness: 2\n"
    )
    with pytest.raises(ScenarioError) as err:
        load_season(season_file(tmp_path, body), catalog)
    fields = {i.field for i in err.value.issues}
    assert {"departures[4].product", "departures[5].date", "fairness"} <= fields
