"""Value types: the trip request validates itself, the routing problem refuses inconsistent
data, link modes and the prize scale are defined once."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import numpy as np
import pytest
from pydantic import ValidationError

from routeplanner.model import (
    LINK_MODES,
    PRIZE_SCALE,
    Category,
    DaySpec,
    ExtraPlace,
    LunchSpec,
    Mode,
    Problem,
    Quota,
    TripRequest,
    Visit,
)

BASE: dict[str, Any] = {"start_date": "2027-06-15", "days": 3, "start": "lodging_irkutsk_irkut"}


def req(**kw: Any) -> TripRequest:
    return TripRequest.model_validate(BASE | kw)


def test_defaults_dates_and_end_place() -> None:
    r = req()
    assert r.dates == [dt.date(2027, 6, 15), dt.date(2027, 6, 16), dt.date(2027, 6, 17)]
    assert r.end_place == "lodging_irkutsk_irkut"
    assert req(end="hub_irkutsk_airport").end_place == "hub_irkutsk_airport"
    assert r.modes == frozenset(LINK_MODES) and r.lunch == LunchSpec()


def test_modes_are_the_link_modes_of_one_enum() -> None:
    assert [m.value for m in LINK_MODES] == ["ferry", "ice_road", "flight", "rail", "boat"]
    assert set(Mode) - set(LINK_MODES) == {Mode.ROAD, Mode.CONNECTOR}
    r = req(modes=["ferry", "rail"])
    assert r.modes == {Mode.FERRY, Mode.RAIL} and "ferry" in r.modes
    assert r.model_dump(mode="json")["modes"] == ["ferry", "rail"]
    for bad in (["plane"], ["road"], ["connector"]):
        with pytest.raises(ValidationError, match="unknown mode"):
            req(modes=bad)


def test_prize_scale_is_one_constant() -> None:
    assert PRIZE_SCALE == 100


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"day_start": "18:00", "day_end": "09:00"}, "day_end must be after day_start"),
        (
            {"must_visit": ["irkutsk_hpp"], "exclude": ["irkutsk_hpp"]},
            "both required and excluded",
        ),
        ({"must_visit": ["irkutsk_hpp", "irkutsk_hpp"]}, "lists a site twice"),
        ({"candidates": ["irkutsk_hpp", "taltsy", "irkutsk_hpp"]}, "candidates lists a site twice"),
        ({"overnight": "fixed"}, "needs 'nights'"),
        ({"overnight": "fixed", "nights": ["a"]}, "needs 'nights'"),
        ({"nights": ["a", "b"]}, "only used with overnight: fixed"),
        ({"category_weights": {"industrial": 101}}, "between 0 and 100"),
        ({"visit_minutes": {"x": 0}}, "1..1440"),
        ({"days": 0}, "greater than or equal to 1"),
        ({"group_size": 501}, "less than or equal to 500"),
        ({"profile": "bike"}, "'car' or 'coach'"),
        ({"colour": "red"}, "Extra inputs are not permitted"),
        ({"start_date": "2027-02-30"}, "date"),
    ],
)
def test_trip_request_refuses(kw: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        req(**kw)


def test_fixed_nights_and_frozen() -> None:
    r = req(overnight="fixed", nights=["a", "b"])
    assert r.nights == ("a", "b")
    with pytest.raises(ValidationError):
        r.days = 4  # type: ignore[misc]


def test_lunch_and_quota_rules() -> None:
    with pytest.raises(ValidationError, match="before 'earliest'"):
        LunchSpec(earliest=dt.time(14), latest=dt.time(12))
    with pytest.raises(ValidationError, match="needs 'min' or 'max'"):
        Quota(category=Category.INDUSTRIAL)
    with pytest.raises(ValidationError, match="larger than 'max'"):
        Quota(category=Category.MUSEUM, min=3, max=1)
    assert Quota(category="energy", per="trip", max=2).per == "trip"


def test_extra_place_becomes_a_site_open_at_all_hours() -> None:
    site = ExtraPlace(id="cafe_1", name="Кафе", lat=52.3, lon=104.3, visit_min=30).site()
    assert site.opening_hours == "24/7" and site.score == 0 and site.visit_min == 30
    with pytest.raises(ValidationError):
        ExtraPlace(id="Bad Id", name="x", lat=52.3, lon=104.3)
    with pytest.raises(ValidationError):
        ExtraPlace(id="far", name="x", lat=10.0, lon=104.3)


def _problem(**kw: Any) -> Problem:
    dur = np.zeros((3, 3), dtype=np.int64)
    base: dict[str, Any] = dict(
        visits=(Visit("a", 1, 5, 10, ((0, 50),), required=True), Visit("b", 2, 3, 10, ((0, 50),))),
        days=(DaySpec(0, 0, 0, 100),),
        durations_s=(dur,),
    )
    return Problem(**(base | kw))


def test_problem_accepts_consistent_data() -> None:
    assert len(_problem().visits) == 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"durations_s": (np.zeros((3, 2), dtype=np.int64),)}, "square"),
        ({"visits": (Visit("a", 7, 1, 1, ((0, 1),)),)}, "outside the matrix"),
        ({"visits": (Visit("a", 1, -1, 1, ((0, 1),)),)}, "negative"),
        ({"visits": (Visit("a", 1, 1, 1, ((5, 1),)),)}, "sorted, disjoint"),
        ({"visits": (Visit("a", 1, 1, 1, ((0, 5), (3, 9))),)}, "sorted, disjoint"),
        ({"precedences": ((0, 0),)}, "names no pair"),
        ({"precedences": ((0, 1),)}, "between required visits"),
        ({"budget_rub": -1}, "must not be negative"),
        ({"days": (DaySpec(0, 0, 50, 10),)}, "ends before it starts"),
        ({"days": (DaySpec(0, 9, 0, 10),)}, "outside the matrix"),
        ({"days": (DaySpec(0, 0, 0, 10, matrix=1),)}, "does not exist"),
    ],
)
def test_problem_refuses(change: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _problem(**change)


def test_values_are_immutable() -> None:
    v = Visit("a", 1, 5, 10, ((0, 50),))
    with pytest.raises(dataclasses.FrozenInstanceError):
        v.prize = 9  # type: ignore[misc]


def test_a_request_without_a_name_is_shown_by_the_label_not_the_id() -> None:
    """Issue 19: an unnamed request reads «Маршрут» / "Trip", never «Маршрут: trip»."""
    r = req()
    assert not r.named and r.title("ru") == "Маршрут" and r.title("en") == "Trip"
    assert r.heading("ru") == "Маршрут" and r.heading("en") == "Trip"
    named = req(name="Байкал зимой")
    assert named.named and named.title("en") == "Байкал зимой"
    assert named.heading("ru") == "Маршрут: Байкал зимой"
