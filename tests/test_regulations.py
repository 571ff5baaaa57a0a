"""Transport regulations: the rule table, how a request follows it, and the children's coach
trip that never drives at night and shows its drivers' breaks (issue 20)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import numpy as np
import pytest

from routeplanner.catalog import Catalog
from routeplanner.check import check_itinerary
from routeplanner.model import TripRequest
from routeplanner.network import Network
from routeplanner.planner import plan
from routeplanner.programme import programme_html
from routeplanner.regulations import (
    RULES,
    applicable_rules,
    apply_regulations,
    break_seconds,
    leg_durations_s,
)

H = 3600


def request(**kw: Any) -> TripRequest:
    base: dict[str, Any] = dict(
        start_date=dt.date(2027, 7, 13),
        days=2,
        start="lodging_irkutsk_irkut",
        end="lodging_irkutsk_irkut",
        overnight="fixed",
        nights=["lodging_khuzhir_bencharov"],
        candidates=["olkhon_shaman_rock", "taltsy_museum"],
        must_visit=["olkhon_shaman_rock"],
        visit_minutes={"olkhon_shaman_rock": 120},
        day_start="05:00",
        day_end="23:59",
        max_drive_h=12,
        lunch=None,
        group_size=20,
        youngest_age=12,
        profile="coach",
        modes=["ferry"],
        booked_on=dt.date(2027, 6, 1),
        solver={"time_limit_s": 3, "max_solutions": 40},
    )
    base.update(kw)
    return TripRequest.model_validate(base)


def test_every_rule_names_its_act_and_period() -> None:
    for rule in RULES:
        assert rule.text("ru") and rule.text("en") and rule.source("ru") and rule.source("en")
        assert rule.source_url.startswith("http")
        assert rule.in_force[0] == dt.date(2021, 1, 1)
    assert len({r.id for r in RULES}) == len(RULES)


def test_which_rules_cover_a_request() -> None:
    adults = {r.id for r in applicable_rules(request(youngest_age=30))}
    kids = {r.id for r in applicable_rules(request())}
    little = {r.id for r in applicable_rules(request(youngest_age=5))}
    assert adults == {"driver_daily_driving", "driver_breaks"}
    assert "children_night" in kids and "children_under7_4h" not in kids
    assert "children_under7_4h" in little
    assert applicable_rules(request(profile="car")) == []


def test_a_children_request_is_narrowed_to_the_legal_day() -> None:
    req = apply_regulations(request())
    assert (req.day_start, req.day_end, req.max_drive_h) == (dt.time(6), dt.time(23), 9.0)
    assert apply_regulations(req) is req  # idempotent
    adults = apply_regulations(request(youngest_age=30))
    window = (adults.day_start, adults.day_end, adults.max_drive_h)
    assert window == (dt.time(5), dt.time(23, 59), 9)
    car = request(profile="car")
    assert apply_regulations(car) is car


@pytest.mark.parametrize(
    ("drive_s", "breaks_s"),
    [(-1, 0), (0, 0), (4 * H, 0), (4 * H + 60, 900), (6 * H, 900), (6 * H + 60, 1800)],
)
def test_drivers_breaks(drive_s: int, breaks_s: int) -> None:
    assert break_seconds(drive_s) == breaks_s


def test_leg_durations_carry_breaks_and_the_under_7_limit() -> None:
    dur = np.array([[0, 5 * H, -1], [2 * H, 0, 3 * H]])
    drive = np.array([[0, 5 * H, -1], [2 * H, 0, 3 * H]])
    older = leg_durations_s(request(), dur, drive)
    assert older.tolist() == [[0, 5 * H + 900, -1], [2 * H, 0, 3 * H]]
    little = leg_durations_s(request(youngest_age=5), dur, drive)
    assert little[0, 1] == -1 and little[1, 2] == 3 * H


def test_childrens_coach_never_drives_at_night_and_shows_breaks(
    catalog: Catalog, network: Network
) -> None:
    """Done when: a children's coach trip to Olkhon (a 5-day window asked from 05:00 to
    23:59) drives only between 06:00 and 23:00, its long legs carry the drivers' breaks, the
    checker agrees, and the programme shows the breaks and the rules."""
    it = plan(request(), catalog, network)
    assert it.feasible and "olkhon_shaman_rock" in [s.site_id for s in it.stops]
    assert check_itinerary(it, catalog, network) == []
    legs = [leg for d in it.days for leg in d.legs]
    for leg in legs:
        if leg.drive_min:
            assert dt.time(6) <= leg.depart.time() and leg.arrive.time() <= dt.time(23)
    long = [leg for leg in legs if leg.drive_min > 4 * 60]
    assert long and all(leg.break_min >= 15 for leg in long)
    assert "children_night" in it.regulations and "driver_breaks" in it.regulations
    html = programme_html(it, catalog, lang="ru")
    assert "перерыв водителя" in html and "1527" in html and "424" in html
    en = programme_html(it, catalog, lang="en")
    assert "driver break" in en and "23:00 and 06:00" in en


def test_the_checker_flags_a_night_leg(catalog: Catalog, network: Network) -> None:
    it = plan(request(), catalog, network)
    day = it.days[-1]
    last = day.legs[-1]
    late = dataclasses.replace(
        last,
        depart=last.depart.replace(hour=22, minute=30),
        arrive=last.depart.replace(hour=23, minute=50),
    )
    bad = dataclasses.replace(day, legs=(*day.legs[:-1], late))
    it.days[-1] = bad
    rules = {v.rule for v in check_itinerary(it, catalog, network)}
    assert "children_night" in rules
