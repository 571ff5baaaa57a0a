"""The independent checker catches every kind of broken itinerary; random requests always give
plans that pass it (property-based)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from routeplanner.catalog import Catalog
from routeplanner.check import check_itinerary
from routeplanner.model import TripRequest
from routeplanner.network import Network
from routeplanner.planner import plan
from routeplanner.result import Itinerary

CITY = [
    "irkutsk_hpp",
    "icebreaker_angara",
    "irkutsk_regional_museum",
    "znamensky_monastery",
    "volkonsky_house",
    "baikalkvartssamotsvety",
    "kolchak_monument",
    "taltsy_museum",
]


@pytest.fixture(scope="module")
def good(catalog: Catalog, network: Network) -> Itinerary:
    req = TripRequest.model_validate(
        dict(
            name="t",
            start_date=dt.date(2027, 6, 15),
            days=2,
            start="lodging_irkutsk_irkut",
            lodging="lodging_irkutsk_irkut",
            candidates=CITY,
            must_visit=["irkutsk_hpp"],
            group_size=10,
            youngest_age=20,
            profile="car",
            booked_on=dt.date(2027, 5, 1),
            max_drive_h=3,
            solver={"time_limit_s": 3, "max_solutions": 60},
        )
    )
    it = plan(req, catalog, network)
    assert it.feasible and check_itinerary(it, catalog, network) == []
    assert len(it.days[0].stops) >= 2
    return it


def _with_stop(it: Itinerary, day: int, k: int, **kw: Any) -> Itinerary:
    days = list(it.days)
    stops = list(days[day].stops)
    stops[k] = dataclasses.replace(stops[k], **kw)
    days[day] = dataclasses.replace(days[day], stops=tuple(stops))
    return dataclasses.replace(it, days=days)


def _rules(it: Itinerary, catalog: Catalog, network: Network) -> set[str]:
    return {v.rule for v in check_itinerary(it, catalog, network)}


def test_visit_outside_hours(good: Itinerary, catalog: Catalog, network: Network) -> None:
    s = good.days[0].stops[0]
    late = dt.datetime.combine(s.start.date(), dt.time(22, 0))
    bad = _with_stop(good, 0, 0, start=late, end=late + (s.end - s.start), arrive=late)
    assert "hours" in _rules(bad, catalog, network)


def test_outdoor_visit_after_sunset(catalog: Catalog, network: Network) -> None:
    """A January visit to the Kolchak monument at 17:44 (after sunset) is a violation."""
    req = TripRequest.model_validate(
        dict(
            name="t",
            start_date=dt.date(2027, 1, 19),
            days=1,
            start="lodging_irkutsk_irkut",
            lodging="lodging_irkutsk_irkut",
            candidates=["kolchak_monument"],
            must_visit=["kolchak_monument"],
            lunch=None,
            profile="car",
            booked_on=dt.date(2027, 1, 1),
            solver={"time_limit_s": 2, "max_solutions": 20},
        )
    )
    it = plan(req, catalog, network)
    assert it.feasible and check_itinerary(it, catalog, network) == []
    s = it.days[0].stops[0]
    late = dt.datetime.combine(s.start.date(), dt.time(17, 44))
    legs = list(it.days[0].legs)
    legs[-1] = dataclasses.replace(
        legs[-1],
        depart=late + (s.end - s.start),
        arrive=late + (s.end - s.start) + (legs[-1].arrive - legs[-1].depart),
    )
    days = [dataclasses.replace(it.days[0], legs=tuple(legs))]
    bad = _with_stop(
        dataclasses.replace(it, days=days), 0, 0, start=late, end=late + (s.end - s.start)
    )
    violations = check_itinerary(bad, catalog, network)
    assert {v.rule for v in violations} == {"daylight"}, [str(v) for v in violations]
    assert "outside daylight (09:" in str(next(v for v in violations if v.rule == "daylight"))


def test_visit_too_short(good: Itinerary, catalog: Catalog, network: Network) -> None:
    s = good.days[0].stops[0]
    bad = _with_stop(good, 0, 0, end=s.start + dt.timedelta(minutes=5))
    assert "visit" in _rules(bad, catalog, network)


def test_leg_faster_than_network(good: Itinerary, catalog: Catalog, network: Network) -> None:
    day = good.days[0]
    legs = list(day.legs)
    k = max(range(len(legs)), key=lambda i: legs[i].duration_min)
    assert legs[k].duration_min >= 5
    legs[k] = dataclasses.replace(legs[k], arrive=legs[k].depart + dt.timedelta(seconds=1))
    bad = dataclasses.replace(
        good, days=[dataclasses.replace(day, legs=tuple(legs)), *good.days[1:]]
    )
    assert "travel" in _rules(bad, catalog, network)


def test_site_twice(good: Itinerary, catalog: Catalog, network: Network) -> None:
    first = good.days[0].stops[0]
    day2 = good.days[1]
    if not day2.stops:
        pytest.skip("second day has no stops")
    bad = _with_stop(good, 1, 0, site_id=first.site_id)
    assert "repeat" in _rules(bad, catalog, network)


def test_group_and_age_and_booking(good: Itinerary, catalog: Catalog, network: Network) -> None:
    req = good.scenario.model_copy(
        update={"group_size": 40, "youngest_age": 5, "booked_on": dt.date(2027, 6, 14)}
    )
    rules = _rules(dataclasses.replace(good, scenario=req), catalog, network)
    assert {"group", "age", "booking"} <= rules


def test_drive_limit_and_day_window(good: Itinerary, catalog: Catalog, network: Network) -> None:
    req = good.scenario.model_copy(update={"max_drive_h": 0.05, "day_end": dt.time(11, 0)})
    rules = _rules(dataclasses.replace(good, scenario=req), catalog, network)
    assert {"drive", "day"} <= rules


def test_missing_must_visit(good: Itinerary, catalog: Catalog, network: Network) -> None:
    req = good.scenario.model_copy(update={"must_visit": ("taltsy_museum", "bratsk_hpp")})
    assert "must_visit" in _rules(dataclasses.replace(good, scenario=req), catalog, network)


def test_missing_lunch(good: Itinerary, catalog: Catalog, network: Network) -> None:
    days = [dataclasses.replace(d, lunch_start=None, lunch_end=None) for d in good.days]
    assert "lunch" in _rules(dataclasses.replace(good, days=days), catalog, network)


def test_budget(good: Itinerary, catalog: Catalog, network: Network) -> None:
    req = good.scenario.model_copy(update={"budget_rub": 10})
    assert "budget" in _rules(dataclasses.replace(good, scenario=req), catalog, network)


def test_excluded(good: Itinerary, catalog: Catalog, network: Network) -> None:
    req = good.scenario.model_copy(update={"exclude": (good.days[0].stops[0].site_id,)})
    assert "excluded" in _rules(dataclasses.replace(good, scenario=req), catalog, network)


def test_broken_sequence(good: Itinerary, catalog: Catalog, network: Network) -> None:
    day = good.days[0]
    bad_day = dataclasses.replace(day, stops=tuple(reversed(day.stops)))
    rules = _rules(dataclasses.replace(good, days=[bad_day, *good.days[1:]]), catalog, network)
    assert "legs" in rules or "sequence" in rules


def test_infeasible_marker_must_be_empty(
    good: Itinerary, catalog: Catalog, network: Network
) -> None:
    assert "status" in _rules(dataclasses.replace(good, feasible=False), catalog, network)


POOL = [
    "irkutsk_hpp",
    "icebreaker_angara",
    "irkutsk_regional_museum",
    "znamensky_monastery",
    "volkonsky_house",
    "baikalkvartssamotsvety",
    "kolchak_monument",
    "taltsy_museum",
    "listvyanka_chersky_stone",
    "baikal_museum",
    "angaria_ice_cream",
    "angarsk_clock_museum",
    "kbzhd_museum_port_baikal",
    "olkhon_shaman_rock",
    "slyudyanka_marble_station",
    "irkutsk_aviation_plant_museum",
    "usolye_varnichny",
    "shaman_stone_angara_source",
]


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    start=st.dates(dt.date(2027, 1, 1), dt.date(2027, 12, 20)),
    days=st.integers(1, 3),
    cands=st.lists(st.sampled_from(POOL), min_size=1, max_size=10, unique=True),
    group=st.integers(1, 30),
    age=st.integers(5, 60),
    profile=st.sampled_from(["car", "coach"]),
    drive=st.floats(1.0, 8.0),
    lunch=st.booleans(),
    budget=st.one_of(st.none(), st.integers(0, 5000)),
)
def test_random_requests_pass_the_checker(
    catalog: Catalog,
    network: Network,
    start: dt.date,
    days: int,
    cands: list[str],
    group: int,
    age: int,
    profile: str,
    drive: float,
    lunch: bool,
    budget: int | None,
) -> None:
    req = TripRequest.model_validate(
        dict(
            name="prop",
            start_date=start,
            days=days,
            start="lodging_irkutsk_irkut",
            lodging="lodging_irkutsk_irkut",
            candidates=cands,
            group_size=group,
            youngest_age=age,
            profile=profile,
            max_drive_h=drive,
            lunch={} if lunch else None,
            budget_rub=budget,
            booked_on=start - dt.timedelta(days=10),
            solver={"time_limit_s": 2, "max_solutions": 30},
        )
    )
    it = plan(req, catalog, network)
    assert check_itinerary(it, catalog, network) == []
    if not it.feasible:  # nothing is required: only the nights can break the budget
        assert budget is not None and "budget" in it.problems[0]
        return
    assert {d.site_id for d in it.dropped} | {s.site_id for s in it.stops} == set(cands)
    assert all(d.reason for d in it.dropped)
