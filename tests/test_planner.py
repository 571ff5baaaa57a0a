"""The planner: each constraint binding in a small case, each drop reason, infeasible requests
explained, and every plan re-checked by the independent checker."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from builders import CITY, TUESDAY, city_request
from routeplanner.catalog import Catalog
from routeplanner.check import check_itinerary
from routeplanner.exceptions import ScenarioError
from routeplanner.network import Network
from routeplanner.planner import plan
from routeplanner.result import Itinerary

pytestmark = pytest.mark.usefixtures("warm_kernels")

request = city_request


def run(catalog: Catalog, network: Network, **kw: Any) -> Itinerary:
    it = plan(request(**kw), catalog, network)
    violations = check_itinerary(it, catalog, network)
    assert violations == [], [str(v) for v in violations]
    return it


def visited(it: Itinerary) -> list[str]:
    return [s.site_id for s in it.stops]


def reason(it: Itinerary, site: str) -> str:
    return next(d.reason for d in it.dropped if d.site_id == site)


def test_one_day_city_plan(catalog: Catalog, network: Network) -> None:
    it = run(catalog, network)
    assert it.feasible and len(it.stops) >= 3
    assert {d.site_id for d in it.dropped} | set(visited(it)) == set(CITY)
    assert it.kpis["sites"] == len(it.stops)


def test_opening_hours_bind(catalog: Catalog, network: Network) -> None:
    # Monday: the Icebreaker and the Volkonsky House (Tu-Su) are closed
    it = run(catalog, network, start_date=dt.date(2027, 6, 21))
    assert "icebreaker_angara" not in visited(it)
    assert "closed on every usable trip date" in reason(it, "volkonsky_house")


def test_public_holiday_binds(catalog: Catalog, network: Network) -> None:
    # Monday 14 June 2027 is the observed Russia Day: enterprises are closed
    it = run(catalog, network, start_date=dt.date(2027, 6, 14))
    assert "public holidays" in reason(it, "baikalkvartssamotsvety")


def test_excursion_slots_bind(catalog: Catalog, network: Network) -> None:
    # the built-in enterprises have no fixed slots (issue 20); give the dam two
    slots = (dt.time(10, 0), dt.time(14, 0))
    hpp_site = dataclasses.replace(catalog.sites["irkutsk_hpp"], slots=slots)
    with_slots = catalog.with_sites([hpp_site])
    it = run(with_slots, network, must_visit=["irkutsk_hpp"])
    hpp = next(s for s in it.stops if s.site_id == "irkutsk_hpp")
    assert hpp.start.time() in slots


def test_booking_lead_binds(catalog: Catalog, network: Network) -> None:
    it = run(catalog, network, booked_on=TUESDAY - dt.timedelta(days=3))
    assert "needs booking 14 days ahead" in reason(it, "irkutsk_hpp")


def test_group_size_binds(catalog: Catalog, network: Network) -> None:
    it = run(catalog, network, group_size=25)
    # the limit is a planning default: the message says so
    assert (
        "a group of 25 people exceeds the site's maximum of 15, planning default — confirm "
        "with the site" in reason(it, "baikalkvartssamotsvety")
    )


def test_age_binds(catalog: Catalog, network: Network) -> None:
    it = run(catalog, network, youngest_age=8)
    assert "youngest visitor is 8" in reason(it, "irkutsk_hpp")


def test_day_window_binds(catalog: Catalog, network: Network) -> None:
    long = run(catalog, network)
    short = run(catalog, network, day_start="10:00", day_end="13:00", lunch=None)
    assert len(short.stops) < len(long.stops)
    assert all(s.end.time() <= dt.time(13, 0) for s in short.stops)
    assert any("no time left" in d.reason for d in short.dropped)


def test_driving_limit_binds(catalog: Catalog, network: Network) -> None:
    far = ["listvyanka_chersky_stone", "icebreaker_angara"]
    free = run(catalog, network, candidates=far, max_drive_h=4)
    tight = run(catalog, network, candidates=far, max_drive_h=1)
    assert "listvyanka_chersky_stone" in visited(free)
    assert "listvyanka_chersky_stone" not in visited(tight)
    assert "driving limit" in reason(tight, "listvyanka_chersky_stone")


def test_lunch_is_scheduled_in_its_window(catalog: Catalog, network: Network) -> None:
    it = run(catalog, network, lunch={"earliest": "12:30", "latest": "13:30", "duration_min": 60})
    day = it.days[0]
    assert day.lunch_start is not None and day.lunch_end is not None
    assert dt.time(12, 30) <= day.lunch_start.time() <= dt.time(13, 30)
    assert all(s.end <= day.lunch_start or s.start >= day.lunch_end for s in day.stops)


def test_seasonal_link_binds(catalog: Catalog, network: Network) -> None:
    it = run(
        catalog,
        network,
        start_date=dt.date(2027, 4, 20),
        booked_on=dt.date(2027, 3, 1),
        candidates=["olkhon_shaman_rock", "icebreaker_angara"],
    )
    assert "cannot be reached on the trip dates" in reason(it, "olkhon_shaman_rock")


def test_budget_binds(catalog: Catalog, network: Network) -> None:
    free = run(catalog, network)
    tight = run(catalog, network, budget_rub=600)
    assert free.kpis["tickets_rub"] > 600
    assert tight.kpis["cost_per_person_rub"] <= 600
    assert any("budget" in d.reason for d in tight.dropped)


def test_quota_binds(catalog: Catalog, network: Network) -> None:
    it = run(catalog, network, quotas=[{"category": "museum", "per": "trip", "max": 1}])
    museums = [s for s in it.stops if s.category == "museum"]
    assert len(museums) <= 1


def test_january_outdoor_stops_in_daylight(catalog: Catalog, network: Network) -> None:
    """In January the day is light from about 09:07 to 17:18: every outdoor stop lies inside.

    The day runs to 21:00 and the outdoor sites are open 06:00/08:00–20:00, so without the
    daylight windows the search is free to put them in the dark evening (as it did before).
    """
    from routeplanner.calendar import daylight

    outdoor_sites = ["irkutsk_centre", "taltsy_museum", "listvyanka_chersky_stone"]
    it = run(
        catalog,
        network,
        start_date=dt.date(2027, 1, 19),
        days=2,
        day_end="21:00",
        candidates=[*CITY, *outdoor_sites],  # CITY has the monument, convent and church
        booked_on=dt.date(2027, 1, 1),
        visit_minutes={"irkutsk_centre": 120},
    )
    outdoor = [s for s in it.stops if catalog.sites[s.site_id].outdoor]
    assert len(outdoor) >= 3  # the test is not empty
    for s in outdoor:
        site = catalog.sites[s.site_id]
        up, down = daylight(site.lat, site.lon, s.start.date())
        assert up <= s.start and s.end <= down, (s.site_id, s.start, s.end, up, down)


def test_excluded_site(catalog: Catalog, network: Network) -> None:
    it = run(catalog, network, exclude=["znamensky_monastery"])
    assert "znamensky_monastery" not in visited(it)
    assert reason(it, "znamensky_monastery") == "excluded by the request"


def test_category_weights_change_the_plan(catalog: Catalog, network: Network) -> None:
    tilt = run(catalog, network, category_weights={"museum": 0.0, "heritage": 0.0})
    assert (
        all(s.category not in ("museum", "heritage") for s in tilt.stops) or tilt.kpis["score"] >= 0
    )


def test_must_visit_closed_is_explained(catalog: Catalog, network: Network) -> None:
    it = run(catalog, network, start_date=dt.date(2027, 6, 19), must_visit=["irkutsk_hpp"])
    assert not it.feasible and not it.days
    assert any("Irkutsk Hydroelectric" in p and "closed" in p for p in it.problems)


def test_must_visit_too_far_is_explained(catalog: Catalog, network: Network) -> None:
    it = run(catalog, network, must_visit=["bratsk_hpp"], modes=[], candidates=CITY)
    assert not it.feasible
    assert any("Bratsk Hydroelectric Power Station" in p for p in it.problems)


@pytest.mark.slow
def test_multi_day_far_stay(catalog: Catalog, network: Network) -> None:
    """A must-visit 600 km away, by road only: the planner sleeps there."""
    it = run(
        catalog,
        network,
        days=3,
        overnight="choose",
        lodging=None,
        must_visit=["bratsk_hpp"],
        modes=["ferry"],
        max_drive_h=9,
        day_start="08:00",
        day_end="21:00",
        candidates=["bratsk_hpp", "angara_village_museum", *CITY],
        solver={"time_limit_s": 6, "lodging_search_s": 0.3},
    )
    assert it.feasible
    assert "bratsk_hpp" in visited(it)
    assert any(n and "bratsk" in n for n in it.kpis["nights"])


def test_unknown_ids_are_a_scenario_error(catalog: Catalog, network: Network) -> None:
    with pytest.raises(ScenarioError, match="must_visit: 'irkutsk_hp' is not a site id"):
        plan(request(must_visit=["irkutsk_hp"]), catalog, network)


def test_same_seed_same_plan(catalog: Catalog, network: Network) -> None:
    a = run(catalog, network)
    b = run(catalog, network)
    assert [(s.site_id, s.start) for s in a.stops] == [(s.site_id, s.start) for s in b.stops]


def test_json_round_trip(catalog: Catalog, network: Network) -> None:
    it = run(catalog, network)
    back = Itinerary.from_json(it.to_json())
    assert back.to_dict() == it.to_dict()
    assert check_itinerary(back, catalog, network) == []


def test_reasons_in_both_languages(catalog: Catalog, network: Network) -> None:
    it = run(catalog, network, group_size=25, start_date=dt.date(2027, 6, 14))
    d = next(x for x in it.dropped if x.site_id == "baikalkvartssamotsvety")
    assert "group of 25" in d.text("en")
    assert "группа из 25" in d.text("ru")
    assert "Не вошли в маршрут" in it.summary(lang="ru")
    assert "группа из 25" in it.summary(lang="ru")


def test_infeasible_in_both_languages(catalog: Catalog, network: Network) -> None:
    it = run(catalog, network, start_date=dt.date(2027, 6, 19), must_visit=["irkutsk_hpp"])
    # named by name, not by id
    assert "must-visit 'Irkutsk Hydroelectric Power Station (dam)'" in it.problem_texts("en")[0]
    assert "обязательный объект «Иркутская ГЭС (плотина)»" in it.problem_texts("ru")[0]
    assert "суббота, 19 июня 2027" in it.problem_texts("ru")[0]


def test_missed_daily_quota_is_reported(catalog: Catalog, network: Network) -> None:
    # Saturday: enterprises are closed, so "one industrial site a day" cannot be met
    it = run(
        catalog,
        network,
        start_date=dt.date(2027, 6, 19),
        quotas=[{"category": "industrial", "per": "day", "min": 1}],
    )
    assert it.feasible
    assert it.kpis["quota_misses"] == ["day 1: 0 industrial visit(s), target 1"]
    assert "quota target missed" in it.summary(lang="en")


def test_closed_slot_is_avoided(catalog: Catalog, network: Network) -> None:
    # the dam with tours at fixed times: closing each time in turn moves the visit
    hpp = catalog.sites["irkutsk_hpp"]
    timed = catalog.with_sites([dataclasses.replace(hpp, slots=(dt.time(10), dt.time(14)))])
    for shut, left in ((dt.time(10, 0), dt.time(14, 0)), (dt.time(14, 0), dt.time(10, 0))):
        it = plan(
            request(must_visit=["irkutsk_hpp"]),
            timed,
            network,
            closed=[("irkutsk_hpp", TUESDAY, shut)],
        )
        assert check_itinerary(it, timed, network) == []
        hpp = next(s for s in it.stops if s.site_id == "irkutsk_hpp")
        assert hpp.start.time() == left


def test_site_closed_for_the_day_is_booked_out(catalog: Catalog, network: Network) -> None:
    it = plan(request(), catalog, network, closed=[("baikalkvartssamotsvety", TUESDAY, None)])
    assert "baikalkvartssamotsvety" not in visited(it)
    assert "fully booked by other groups" in reason(it, "baikalkvartssamotsvety")
    # a must-visit that is booked out makes the request infeasible, saying so
    it = plan(
        request(must_visit=["irkutsk_hpp"]),
        catalog,
        network,
        closed=[("irkutsk_hpp", TUESDAY, None)],
    )
    assert not it.feasible
    assert "fully booked" in it.problem_texts("en")[0]
    assert "все места заняты" in it.problem_texts("ru")[0]


def test_same_request_same_plan_while_another_process_loads_the_cpu(
    catalog: Catalog, network: Network
) -> None:
    """A shipped scenario (budget, lodging choice) with a small work budget, planned once on a
    quiet machine and once beside a CPU-heavy process: the same itinerary, byte for byte."""
    import subprocess
    import sys
    from pathlib import Path

    from routeplanner.scenario import load_scenario

    scenario = Path(__file__).resolve().parents[1] / "data" / "scenarios" / "bratsk_5day.yaml"
    req = load_scenario(scenario)
    req = req.model_copy(update={"solver": req.solver.model_copy(update={"time_limit_s": 0.3})})
    quiet = plan(req, catalog, network)
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        loaded = plan(req, catalog, network)
    finally:
        busy.kill()
        busy.wait()
    assert quiet.feasible and quiet.solver["status"] == "WORK_LIMIT"
    assert loaded.to_json() == quiet.to_json()


def test_far_sites_are_left_out_before_the_search_with_the_reason(
    catalog: Catalog, network: Network
) -> None:
    """A one-day city tour: Ust-Ilimsk (hundreds of km away) cannot fit a day there and back,
    so it never enters the routing problem and says why."""
    from routeplanner.planner import build_problem

    problem, ctx = build_problem(request(candidates=[*CITY, "ust_ilimsk_hpp"]), catalog, network)
    assert "ust_ilimsk_hpp" not in {v.key for v in problem.visits}
    reason = ctx.dropped["ust_ilimsk_hpp"]
    assert reason.code == "too_far"  # the drop explanations' reason, with the same figures
    assert reason.params["trip_s"] > reason.params["day_s"] and reason.params["drive_s"] > 0
    assert "too far for one day" in reason.text("en") and "слишком далеко" in reason.text("ru")
    # with the nights to be chosen the bound is the whole trip's
    _p, ctx2 = build_problem(
        request(
            candidates=[*CITY, "ust_ilimsk_hpp"],
            days=2,
            overnight="choose",
            lodging=None,
            modes=["ferry"],  # by road: no flight to Ust-Ilimsk
            day_end="11:00",
            lunch=None,
        ),
        catalog,
        network,
    )
    far = ctx2.dropped["ust_ilimsk_hpp"]
    assert far.code == "too_far_bound" and "whole" not in far.text("en")


def test_a_huge_catalog_keeps_the_most_promising_candidates(
    catalog: Catalog, network: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    from routeplanner import planner

    monkeypatch.setattr(planner, "MAX_CANDIDATES", 3)
    monkeypatch.setattr(planner, "MAX_CANDIDATES_PER_DAY", 0)
    problem, ctx = planner.build_problem(request(must_visit=["irkutsk_hpp"]), catalog, network)
    keys = [v.key for v in problem.visits]
    assert len(keys) == 3 and "irkutsk_hpp" in keys
    left = [sid for sid, r in ctx.dropped.items() if r.code == "not_considered"]
    assert left and all("most promising" in ctx.dropped[s].text("en") for s in left)


def test_a_stop_far_from_any_road_is_reported(catalog: Catalog, network: Network) -> None:
    """Issue 20: a stop given by coordinates ~96 km from the nearest road node is planned over a
    modelled access leg and the plan says so, with the distance (summary, JSON, programme)."""
    from routeplanner.programme import programme_html

    far = {"id": "remote_camp", "name": "Remote camp", "lat": 51.0, "lon": 105.25, "visit_min": 30}
    it = run(
        catalog,
        network,
        candidates=[],
        must_visit=["remote_camp"],
        extra_places=[far],
        day_start="05:00",
        day_end="23:30",
        max_drive_h=14,
        lunch=None,
    )
    assert visited(it) == ["remote_camp"]
    assert len(it.warnings) == 1 and "96 km" in it.warnings[0] and "Baikalsk" in it.warnings[0]
    assert "96 км" in it.warnings_ru[0]
    again = Itinerary.from_json(it.to_json())
    assert again.warnings == it.warnings
    assert "96 km" in it.summary(lang="en")
    assert "96 km" in programme_html(it, catalog.for_request(it.scenario), lang="en")


def test_stops_on_the_network_carry_no_warning(catalog: Catalog, network: Network) -> None:
    it = run(catalog, network)
    assert it.stops and it.warnings == []
