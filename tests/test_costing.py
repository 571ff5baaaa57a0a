"""Tour costing: the calculation adds up for every price break, vehicles fit the group, every
line says whether its price is sourced, and a broken rates file names the file and key."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from builders import evil_catalog, hand_itinerary
from routeplanner.catalog import Catalog
from routeplanner.costing import Costing, load_rates, tour_costing
from routeplanner.exceptions import CatalogError
from routeplanner.network import Network
from routeplanner.planner import plan
from routeplanner.scenario import load_scenario
from routeplanner.settings import default_data_dir


def _adds_up(costing: Costing) -> None:
    for b in costing.breaks:
        lines = sum(x.total_rub for x in b.lines)
        assert lines == b.net_rub
        assert b.per_person_rub * b.group_size == lines + b.margin_rub == b.total_rub
        # the margin is the agency's percentage, plus less than a rouble per person of rounding
        nominal = b.net_rub * b.margin_pct / 100
        assert nominal - 1e-6 <= b.margin_rub < nominal + b.group_size


@pytest.fixture(scope="module")
def cat(catalog: Catalog) -> Catalog:
    return evil_catalog(catalog)


@pytest.fixture(scope="module")
def demo(catalog: Catalog, network: Network) -> Costing:
    """The demo scenario, planned, and its calculation (2 s of search)."""
    req = load_scenario(default_data_dir() / "scenarios" / "industrial_3day.yaml")
    req = req.model_copy(update={"solver": req.solver.model_copy(update={"time_limit_s": 2})})
    it = plan(req, catalog, network)
    assert it.feasible
    return tour_costing(it, catalog)


def test_demo_calculation_adds_up_for_each_break(demo: Costing) -> None:
    assert [b.group_size for b in demo.breaks] == [10, 12, 15, 20, 30]  # 12: the demo's group
    _adds_up(demo)
    kinds = {x.kind for x in demo.for_group(12).lines}
    assert {"vehicle_drive", "vehicle_idle", "vehicle_km", "guide", "ticket", "lodging"} <= kinds
    assert {"lunch", "dinner"} <= kinds
    # bigger groups share the vehicle and the guide: the price per person falls
    prices = [b.per_person_rub for b in demo.breaks]
    assert prices == sorted(prices, reverse=True)


def test_hand_plan_lines(cat: Catalog) -> None:
    it = hand_itinerary(cat)
    costing = tour_costing(it, cat, group_sizes=[10, 30, 60])
    _adds_up(costing)
    ten, thirty, sixty = costing.breaks
    # seats for the group and its guides (one per 25): 11 → minibus, 32 → midibus, 63 → 2 buses
    assert (ten.vehicle.id, ten.vehicles, ten.guides) == ("minibus", 1, 1)
    assert (thirty.vehicle.id, thirty.vehicles, thirty.guides) == ("midibus", 1, 2)
    assert (sixty.vehicle.id, sixty.vehicles, sixty.guides) == ("bus", 2, 3)
    day1 = it.days[0]
    span_h = (day1.legs[-1].arrive - day1.legs[0].depart).total_seconds() / 3600
    drive_h = sum(leg.drive_min for leg in day1.legs) / 60
    hours = {x.kind: x.quantity for x in ten.lines if x.day == 1 and x.unit == "h"}
    assert hours["vehicle_drive"] == pytest.approx(drive_h, abs=1e-3)
    assert hours["vehicle_idle"] == pytest.approx(span_h - drive_h, abs=1e-3)
    assert hours.get("vehicle_min", 0) == pytest.approx(max(4 - span_h, 0), abs=1e-3)
    # tickets: each visit's price × the group; provenance carried
    hpp = next(x for x in ten.lines if x.kind == "ticket" and x.item_ru.startswith("Иркутская ГЭС"))
    assert hpp.quantity == 10 and hpp.default  # the HPP's price is a planning default
    night = next(x for x in ten.lines if x.kind == "lodging")
    assert night.year == "2017" and not night.default  # the Irkut's 2017 price list
    # the night is at the start lodging: no driver's room
    assert not any(x.kind == "driver_night" for x in ten.lines)


def test_driver_room_away_from_the_start(cat: Catalog) -> None:
    import dataclasses

    it = hand_itinerary(cat)
    away = dataclasses.replace(it.days[0], lodging="lodging_listvyanka_belka")
    it = dataclasses.replace(it, days=[away, *it.days[1:]])
    b = tour_costing(it, cat, group_sizes=[20]).breaks[0]
    rooms = [x for x in b.lines if x.kind == "driver_night"]
    assert len(rooms) == 1 and rooms[0].quantity == b.vehicles and rooms[0].default


def test_rates_carry_year_and_provenance() -> None:
    rates = load_rates()
    for rate in rates.rates.values():
        assert rate.year and (rate.default or rate.source_url)
    for vehicles in rates.vehicles.values():
        assert list(vehicles) == sorted(vehicles, key=lambda v: v.seats)


BAD_RATES = [
    (lambda r: r["rates"].pop("lunch_rub"), "missing lunch_rub"),
    (lambda r: r["rates"]["guide_per_day_rub"].update(source_url="https://x"), "either"),
    (lambda r: r["rates"]["margin_pct"].update(value=-5), "rates.margin_pct.value"),
    (lambda r: r["vehicles"]["coach"][0].pop("seats"), "vehicles.coach.0.seats"),
    (lambda r: r.update(group_breaks=[10, 0]), "must be positive"),
    (lambda r: r["rates"].update(tea_rub={"value": 1, "year": 2026, "default": True}), "tea_rub"),
]


@pytest.mark.parametrize(("spoil", "expect"), BAD_RATES)
def test_bad_rates_file(tmp_path: Path, spoil: object, expect: str) -> None:
    raw = yaml.safe_load((default_data_dir() / "costing.yaml").read_text("utf-8"))
    spoil(raw)  # type: ignore[operator]
    path = tmp_path / "costing.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        load_rates(path)
    assert str(path) in str(info.value) and expect in str(info.value)


def test_no_file(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="cannot read"):
        load_rates(tmp_path / "nope.yaml")


def test_date_independent(cat: Catalog) -> None:
    """Same plan, same rates, same calculation (nothing reads the clock)."""
    it = hand_itinerary(cat)
    assert tour_costing(it, cat).to_frame().equals(tour_costing(it, cat).to_frame())
