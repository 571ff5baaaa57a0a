"""Opening hours resolve to the right intervals on weekdays, weekends and public holidays."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from routeplanner.calendar import (
    closed_reason,
    hours_error,
    is_public_holiday,
    open_intervals,
    visit_start_windows,
)
from routeplanner.model import HolidayPolicy, Site


def _site(**kw: object) -> Site:
    base = dict(
        id="x",
        name_ru="Икс",
        name_en="X",
        town="Иркутск",
        lat=52.3,
        lon=104.3,
        coord_precision="point",
        network_node=None,
        source_url="-",
        notes="",
        opening_hours="Tu-Su 10:00-18:00",
        public_holidays=HolidayPolicy.CLOSED,
        visit_min=90,
    )
    base.update(kw)
    return Site(**base)  # type: ignore[arg-type]


def at(d: str, hm: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{d}T{hm}")


def test_weekday_interval() -> None:
    # 2027-06-15 is a Tuesday
    assert open_intervals(_site(), dt.date(2027, 6, 15)) == [
        (at("2027-06-15", "10:00"), at("2027-06-15", "18:00"))
    ]


def test_closed_weekday() -> None:
    # Monday: Tu-Su
    assert open_intervals(_site(), dt.date(2027, 6, 14)) == []


def test_weekend_interval() -> None:
    site = _site(opening_hours="Mo-Fr 09:00-17:00; Sa 10:00-14:00")
    assert open_intervals(site, dt.date(2027, 6, 19)) == [
        (at("2027-06-19", "10:00"), at("2027-06-19", "14:00"))
    ]
    assert open_intervals(site, dt.date(2027, 6, 20)) == []


def test_public_holiday_policies() -> None:
    russia_day = dt.date(2026, 6, 12)  # a Friday, and Russia Day
    assert is_public_holiday(russia_day)
    hours = "Mo-Fr 09:00-17:00; Su 11:00-15:00"
    assert open_intervals(_site(opening_hours=hours), russia_day) == []
    assert open_intervals(
        _site(opening_hours=hours, public_holidays=HolidayPolicy.OPEN), russia_day
    ) == [(at("2026-06-12", "09:00"), at("2026-06-12", "17:00"))]
    assert open_intervals(
        _site(opening_hours=hours, public_holidays=HolidayPolicy.SUNDAY), russia_day
    ) == [(at("2026-06-12", "11:00"), at("2026-06-12", "15:00"))]


def test_transferred_day_off_is_a_holiday() -> None:
    # 9 January 2026 is an official day off moved from 3 January
    assert is_public_holiday(dt.date(2026, 1, 9))
    assert not is_public_holiday(dt.date(2026, 1, 12))


def test_seasonal_hours() -> None:
    site = _site(opening_hours="Jun-Aug Tu-Su 10:00-19:00; Sep-May Tu-Su 10:00-18:00")
    assert open_intervals(site, dt.date(2027, 8, 31))[0][1] == at("2027-08-31", "19:00")
    assert open_intervals(site, dt.date(2027, 9, 1))[0][1] == at("2027-09-01", "18:00")


def test_visit_must_end_before_closing() -> None:
    windows = visit_start_windows(_site(visit_min=120), dt.date(2027, 6, 15))
    assert windows == [(at("2027-06-15", "10:00"), at("2027-06-15", "16:00"))]


def test_slots_are_point_windows() -> None:
    site = _site(slots=(dt.time(10, 0), dt.time(17, 0)), visit_min=90)
    # 17:00 + 90 min is after closing at 18:00, so only the 10:00 slot is usable
    assert visit_start_windows(site, dt.date(2027, 6, 15)) == [
        (at("2027-06-15", "10:00"), at("2027-06-15", "10:00"))
    ]


def test_visit_longer_than_opening() -> None:
    site = _site(opening_hours="Tu-Su 10:00-11:00", visit_min=90)
    d = dt.date(2027, 6, 15)
    assert visit_start_windows(site, d) == []
    reason = closed_reason(site, d)
    assert "visit needs 90 min" in reason.text("en")
    assert "посещение длится 90 мин" in reason.text("ru")


def test_closed_reason_names_holiday() -> None:
    reason = closed_reason(_site(opening_hours="Mo-Su 10:00-18:00"), dt.date(2026, 6, 12))
    assert "public holidays" in reason.text("en") and "Russia Day" in reason.text("en")
    assert "День России" in reason.text("ru") and "12 июня 2026" in reason.text("ru")


@pytest.mark.parametrize(
    "expr", ["", "Mo-Fr 25:00-17:00", "every day", "Mo-Fr 10:00-17:00; PH off"]
)
def test_bad_hours_are_reported(expr: str) -> None:
    assert hours_error(expr)


def test_good_hours_pass() -> None:
    assert hours_error("Mo-Fr 10:00-17:00") is None
    assert hours_error("24/7") is None
    _ = dataclasses
