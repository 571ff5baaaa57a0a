"""Opening hours resolve to the right intervals on weekdays, weekends and public holidays."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from routeplanner.calendar import (
    closed_reason,
    daylight,
    hours_error,
    is_public_holiday,
    open_intervals,
    visit_intervals,
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


def _sunrise_equation(lat: float, lon: float, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Sunrise and sunset (UTC+8) by the textbook sunrise equation, independent of astral.

    Mean anomaly, equation of centre, ecliptic longitude, solar transit and hour angle at a
    solar altitude of -0.833 deg (refraction and the sun's radius), as in the "Sunrise
    equation" article of Wikipedia; good to a minute or two at these latitudes.
    """
    import math

    rad = math.radians
    n = (day - dt.date(2000, 1, 1)).days + 0.0008  # days since J2000.0 (12:00 UTC 1 Jan 2000)
    j_star = n - lon / 360
    m = (357.5291 + 0.98560028 * j_star) % 360
    c = 1.9148 * math.sin(rad(m)) + 0.02 * math.sin(rad(2 * m)) + 0.0003 * math.sin(rad(3 * m))
    lam = (m + c + 180 + 102.9372) % 360
    transit = j_star + 0.0053 * math.sin(rad(m)) - 0.0069 * math.sin(rad(2 * lam))
    decl = math.asin(math.sin(rad(lam)) * math.sin(rad(23.4397)))
    cos_w = (math.sin(rad(-0.833)) - math.sin(rad(lat)) * math.sin(decl)) / (
        math.cos(rad(lat)) * math.cos(decl)
    )
    w = math.degrees(math.acos(cos_w))
    noon_utc = dt.datetime(2000, 1, 1, 12)
    local = dt.timedelta(hours=8)
    return (
        noon_utc + dt.timedelta(days=transit - w / 360) + local,
        noon_utc + dt.timedelta(days=transit + w / 360) + local,
    )


@pytest.mark.parametrize("day", [dt.date(2027, 1, 15), dt.date(2027, 3, 20), dt.date(2027, 6, 21)])
@pytest.mark.parametrize(("lat", "lon"), [(52.28, 104.28), (56.15, 101.63), (57.78, 108.11)])
def test_daylight_agrees_with_the_sunrise_equation(day: dt.date, lat: float, lon: float) -> None:
    """Irkutsk, Bratsk and Ust-Kut on three dates: within three minutes of the textbook formula
    (its own error is about a minute; astral's times are also rounded inward to the minute)."""
    up, down = daylight(lat, lon, day)
    ref_up, ref_down = _sunrise_equation(lat, lon, day)
    assert abs((up - ref_up).total_seconds()) <= 180, (up, ref_up)
    assert abs((down - ref_down).total_seconds()) <= 180, (down, ref_down)
    # rounded inward to whole minutes
    assert up.second == down.second == 0


def test_outdoor_visits_only_in_daylight() -> None:
    park = _site(opening_hours="Mo-Su 08:00-20:00", outdoor=True, visit_min=60)
    hall = dataclasses.replace(park, outdoor=False)
    day = dt.date(2027, 1, 15)
    up, down = daylight(park.lat, park.lon, day)
    assert visit_intervals(park, day) == [(up, down)]
    assert visit_intervals(hall, day) == [(at("2027-01-15", "08:00"), at("2027-01-15", "20:00"))]
    ((a, b),) = visit_start_windows(park, day)
    assert a == up and b == down - dt.timedelta(minutes=60)


def test_closed_reason_says_dark() -> None:
    long_walk = _site(opening_hours="Mo-Su 06:00-22:00", outdoor=True, visit_min=9 * 60)
    day = dt.date(2027, 1, 15)
    assert visit_start_windows(long_walk, day) == []
    reason = closed_reason(long_walk, day)
    assert reason.code == "closed_dark"
    up, down = daylight(long_walk.lat, long_walk.lon, day)
    assert f"светлое время ({up:%H:%M}–{down:%H:%M})" in reason.text("ru")
    assert f"daylight only ({up:%H:%M}–{down:%H:%M})" in reason.text("en")
