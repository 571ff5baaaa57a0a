"""The independent checker catches every kind of broken itinerary; random requests always give
plans that pass it (property-based)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import CITY, city_request
from routeplanner.catalog import Catalog
from routeplanner.check import RULES, Rule, check_itinerary, prepare
from routeplanner.model import TripRequest
from routeplanner.network import Network
from routeplanner.planner import plan
from routeplanner.result import Itinerary


@pytest.fixture(scope="module")
def good(catalog: Catalog, network: Network, warm_kernels: None) -> Itinerary:
    req = city_request(
        name="t",
        days=2,
        candidates=[*CITY[:-1], "taltsy_museum"],
        must_visit=["irkutsk_hpp"],
        max_drive_h=3,
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


def _scenario(it: Itinerary, **kw: Any) -> Itinerary:
    raw = it.scenario.model_dump(mode="json") | kw
    return dataclasses.replace(it, scenario=TripRequest.model_validate(raw))


def _with_day(it: Itinerary, day: int, **kw: Any) -> Itinerary:
    days = list(it.days)
    days[day] = dataclasses.replace(days[day], **kw)
    return dataclasses.replace(it, days=days)


def _with_leg(it: Itinerary, day: int, k: int, **kw: Any) -> Itinerary:
    legs = list(it.days[day].legs)
    legs[k] = dataclasses.replace(legs[k], **kw)
    return _with_day(it, day, legs=tuple(legs))


OTHER_LODGING = "lodging_listvyanka_krestovaya_pad"


def _break(rule: str, good: Itinerary, catalog: Catalog) -> tuple[Itinerary, Catalog]:
    """``good`` (and the catalog) changed so that exactly the rule ``rule`` has to object."""
    d0 = good.days[0]
    s0 = d0.stops[0]
    if rule == "rule_day_count":
        return dataclasses.replace(good, days=good.days[:1]), catalog
    if rule == "rule_dates":
        return _with_day(good, 0, date=d0.date + dt.timedelta(days=1)), catalog
    if rule == "rule_continuity":
        return _with_day(good, 1, start_place=OTHER_LODGING), catalog
    if rule == "rule_end":
        return _with_day(good, len(good.days) - 1, end_place=OTHER_LODGING), catalog
    if rule == "rule_lodging":
        return _scenario(good, lodging=OTHER_LODGING), catalog
    if rule == "rule_leg_count":
        return _with_day(good, 0, legs=d0.legs[:-1]), catalog
    if rule == "rule_leg_places":
        return _with_leg(good, 0, 0, destination="somewhere_else"), catalog
    if rule == "rule_leg_figures":
        return _with_leg(good, 0, 0, distance_km=-3.0), catalog
    if rule == "rule_positions":
        return _with_stop(good, 0, 0, lat=s0.lat + 0.5), catalog
    if rule == "rule_leg_departure":
        return _with_leg(good, 0, 1, depart=s0.start), catalog
    if rule == "rule_travel_time":
        legs = d0.legs
        k = max(range(len(legs)), key=lambda i: legs[i].duration_min)
        return _with_leg(good, 0, k, arrive=legs[k].depart + dt.timedelta(seconds=1)), catalog
    if rule == "rule_known_places":
        return _with_day(good, 0, start_place="nowhere_at_all"), catalog
    if rule == "rule_known_site":
        return _with_stop(good, 0, 0, site_id="no_such_site"), catalog
    if rule == "rule_once":
        return _with_stop(good, 1, 0, site_id=s0.site_id), catalog
    if rule == "rule_not_excluded":
        return _scenario(good, exclude=(s0.site_id,)), catalog
    if rule == "rule_stop_sequence":
        return _with_stop(good, 0, 0, arrive=d0.legs[0].arrive - dt.timedelta(hours=1)), catalog
    if rule == "rule_visit_length":
        return _with_stop(good, 0, 0, end=s0.start + dt.timedelta(minutes=5)), catalog
    if rule == "rule_opening_hours":
        late = dt.datetime.combine(s0.start.date(), dt.time(22, 0))
        return _with_stop(good, 0, 0, start=late, end=late + (s0.end - s0.start)), catalog
    if rule == "rule_daylight":
        site = catalog.sites[s0.site_id]
        late = dt.datetime.combine(s0.start.date(), dt.time(23, 0))
        return _with_stop(good, 0, 0, start=late, end=late + (s0.end - s0.start)), (
            catalog.with_sites([dataclasses.replace(site, outdoor=True)])
        )
    if rule == "rule_slot":
        site = catalog.sites[s0.site_id]
        odd = (s0.start + dt.timedelta(minutes=7)).time()
        return good, catalog.with_sites([dataclasses.replace(site, slots=(odd,))])
    if rule == "rule_group_size":
        site = catalog.sites[s0.site_id]
        return good, catalog.with_sites([dataclasses.replace(site, max_group=2)])
    if rule == "rule_age":
        return _scenario(good, youngest_age=1), catalog.with_sites(
            [dataclasses.replace(catalog.sites[s0.site_id], min_age=7)]
        )
    if rule == "rule_booking":
        site = catalog.sites[s0.site_id]
        return _scenario(good, booked_on=d0.date), catalog.with_sites(
            [dataclasses.replace(site, booking_days=3)]
        )
    if rule == "rule_day_window":
        return _scenario(good, day_end=dt.time(11, 0)), catalog
    if rule == "rule_driving":
        return _scenario(good, max_drive_h=0.05), catalog
    if rule == "rule_lunch":
        days = [dataclasses.replace(d, lunch_start=None, lunch_end=None) for d in good.days]
        return dataclasses.replace(good, days=days), catalog
    if rule == "rule_regulations":  # a children's coach on the road before 06:00
        dawn = dt.datetime.combine(d0.date, dt.time(5, 0))
        kids = _scenario(good, profile="coach", youngest_age=10)
        return _with_leg(kids, 0, 0, depart=dawn), catalog
    if rule == "rule_must_visit":
        return _scenario(good, must_visit=("bratsk_hpp",)), catalog
    if rule == "rule_budget":
        return _scenario(good, budget_rub=10), catalog
    if rule == "rule_quotas":
        quota = {"category": s0.category, "per": "trip", "max": 0}
        return _scenario(good, quotas=(quota,)), catalog
    raise AssertionError(f"no breaking case for {rule}: add one to tests/test_check.py")


def test_every_rule_has_a_case() -> None:
    for rule in RULES:
        assert rule.__doc__, rule.__name__
    assert len({r.__name__ for r in RULES}) == len(RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.__name__)
def test_each_rule_objects_to_its_own_break(
    rule: Rule, good: Itinerary, catalog: Catalog, network: Network
) -> None:
    assert list(rule(prepare(good, catalog, network))) == []
    bad, cat = _break(rule.__name__, good, catalog)
    found = list(rule(prepare(bad, cat, network)))
    assert found, f"{rule.__name__} let its break pass"
    assert all(str(v).startswith(("day ", "trip")) for v in found)
    assert {v.rule for v in found} <= {v.rule for v in check_itinerary(bad, cat, network)}


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


def test_broken_sequence(good: Itinerary, catalog: Catalog, network: Network) -> None:
    day = good.days[0]
    bad_day = dataclasses.replace(day, stops=tuple(reversed(day.stops)))
    rules = _rules(dataclasses.replace(good, days=[bad_day, *good.days[1:]]), catalog, network)
    assert "legs" in rules or "sequence" in rules


def test_infeasible_marker_must_be_empty(
    good: Itinerary, catalog: Catalog, network: Network
) -> None:
    assert "status" in _rules(dataclasses.replace(good, feasible=False), catalog, network)


def test_a_day_with_wrong_legs_is_not_checked_further(
    good: Itinerary, catalog: Catalog, network: Network
) -> None:
    bad = _with_day(good, 0, legs=good.days[0].legs[:-1])
    late = dt.datetime.combine(good.days[0].date, dt.time(23, 0))
    bad = _with_stop(bad, 0, 0, start=late, end=late)
    assert _rules(bad, catalog, network) >= {"legs"}
    assert "hours" not in _rules(bad, catalog, network)


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


@pytest.mark.slow
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


def test_a_lunch_inside_a_drive_or_away_from_the_day_is_refused(
    good: Itinerary, catalog: Catalog, network: Network
) -> None:
    day = next(d for d in good.days if d.lunch_start is not None and d.legs)
    k = good.days.index(day)
    assert day.lunch_place in {day.start_place, day.end_place, *(s.site_id for s in day.stops)}
    leg = max(day.legs, key=lambda x: x.arrive - x.depart)
    inside = _with_day(
        good,
        k,
        lunch_start=leg.depart,
        lunch_end=leg.depart + (day.lunch_end - day.lunch_start),  # type: ignore[operator]
    )
    texts = [v.message for v in check_itinerary(inside, catalog, network) if v.rule == "lunch"]
    assert any("inside the leg" in x for x in texts)
    away = _with_day(good, k, lunch_place="bratsk_hpp")
    texts = [v.message for v in check_itinerary(away, catalog, network) if v.rule == "lunch"]
    assert any("not a place of the day" in x for x in texts)
