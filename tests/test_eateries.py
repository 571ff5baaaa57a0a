"""Where lunch is served (``eateries.py``): reading the table with every error named, and the
choice of an eatery for a lunch place."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from routeplanner.catalog import Catalog
from routeplanner.eateries import Eatery, lunch_venue, read_eateries
from routeplanner.exceptions import Issue

HEADER = "id,name_ru,name_en,town,at_place,source_url,checked_on\n"


def test_rows_are_read_and_every_problem_is_named(tmp_path: Path) -> None:
    f = tmp_path / "eateries.csv"
    f.write_text(
        HEADER
        + "cafe_a,Кафе А,Cafe A,Иркутск,,https://example.org/a,2026-05-01\n"
        + "cafe_b,Кафе Б,Cafe B,Иркутск,no_such_place,https://example.org/b,2026-05-01\n"
        + "cafe_c,Кафе В,Cafe C,Иркутск,,not a url,2026-05-01\n"
        + "cafe_d,Кафе Г,Cafe D,Иркутск,,https://example.org/d,2026-13-40\n",
        encoding="utf-8",
    )
    issues: list[Issue] = []
    got = read_eateries(f, ["irkutsk_hpp"], issues)
    assert list(got) == ["cafe_a"] and got["cafe_a"].checked_on == dt.date(2026, 5, 1)
    assert {i.field for i in issues} == {"at_place", "source_url", "checked_on"}
    assert all(i.row is not None for i in issues)


def _eatery(eid: str, town: str, at: str = "") -> Eatery:
    return Eatery(eid, eid, eid, town, at, "https://example.org", dt.date(2026, 1, 1))


def test_the_eatery_at_the_place_comes_first_then_the_town_then_none() -> None:
    table = {
        e.id: e
        for e in (
            _eatery("town_b", "Иркутск"),
            _eatery("town_a", "Иркутск"),
            _eatery("hotel", "Иркутск", "lodging_irkutsk_irkut"),
        )
    }
    assert lunch_venue("lodging_irkutsk_irkut", "Иркутск", table).id == "hotel"  # type: ignore[union-attr]
    assert lunch_venue("irkutsk_hpp", "Иркутск", table).id == "town_a"  # type: ignore[union-attr]
    assert lunch_venue("listvyanka", "Листвянка", table) is None


def test_the_shipped_table_is_read_and_the_plan_names_the_lunch(catalog: Catalog) -> None:
    from routeplanner.settings import default_data_dir

    assert (default_data_dir() / "eateries.csv").is_file()
    assert all(e.source_url.startswith("http") for e in catalog.eateries.values())


def test_a_plan_takes_lunch_at_an_eatery_where_one_is_on_record(
    catalog: Catalog, network, warm_kernels: None
) -> None:
    from builders import CITY, city_request
    from routeplanner.planner import plan

    req = city_request(name="lunch", days=1, candidates=CITY)
    first = plan(req, catalog, network)
    day = first.days[0]
    assert day.lunch_place is not None and day.lunch_venue is None  # nothing on record
    town = catalog.place(day.lunch_place).town
    with_cafe = dataclasses.replace(
        catalog, eateries={"cafe_x": _eatery("cafe_x", town, day.lunch_place)}
    )
    again = plan(req, with_cafe, network)
    assert again.days[0].lunch_place == day.lunch_place
    assert again.days[0].lunch_venue == "cafe_x"
    assert "cafe_x" in again.summary(lang="en", names={})
