"""Opening hours (OSM syntax), public holidays, daylight and booking lead → windows per date.

Outdoor sites (``Site.outdoor``) are visited between sunrise and sunset of the date at the site
(computed with ``astral``, refraction included, rounded inward to whole minutes): their visit
windows are the opening hours intersected with that daylight.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import holidays as _holidays
from astral import Observer
from astral.sun import elevation, sunrise, sunset
from opening_hours import OpeningHours, State

from .exceptions import Msg, clip
from .hours_text import hours_text
from .i18n import t
from .model import HolidayPolicy, Site
from .reasons import Reason
from .settings import TIMEZONE

__all__ = [
    "closed_reason",
    "daylight",
    "hours_error",
    "is_public_holiday",
    "open_intervals",
    "parse_hours",
    "public_holiday_name",
    "visit_intervals",
    "visit_start_windows",
]

_MIDNIGHT = dt.time(0, 0)


@lru_cache(maxsize=64)
def _ru_holidays_ru(year: int) -> dict[dt.date, str]:
    return dict(_holidays.country_holidays("RU", years=year, language="ru").items())


@lru_cache(maxsize=64)
def _ru_holidays(year: int) -> dict[dt.date, str]:
    return dict(_holidays.country_holidays("RU", years=year, language="en_US").items())


def public_holiday_name(date: dt.date) -> str | None:
    """Return the name of the Russian public holiday (or transferred day off) on ``date``.

    Parameters
    ----------
    date : datetime.date

    Returns
    -------
    str or None
        The holiday's English name, or ``None`` on a working day.
    """
    return _ru_holidays(date.year).get(date)


def is_public_holiday(date: dt.date) -> bool:
    """Return whether ``date`` is a Russian public holiday or official day off."""
    return public_holiday_name(date) is not None


@lru_cache(maxsize=1024)
def parse_hours(expr: str) -> OpeningHours:
    """Parse an OSM ``opening_hours`` expression (cached).

    Raises
    ------
    SyntaxError
        The expression does not parse (``opening_hours.ParserError``).
    """
    return OpeningHours(expr)


def hours_error(expr: str) -> Msg | None:
    """Return why ``expr`` is not a usable opening-hours expression (a message in either
    language; ``str()`` is English), or ``None`` if it is."""
    if not expr or not expr.strip():
        return Msg("err.hours.empty")
    if "PH" in expr or "SH" in expr:
        return Msg("err.hours.ph")
    for a, b in re.findall(r"(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})", expr):
        (h1, m1), (h2, m2) = ((int(p) for p in x.split(":")) for x in (a, b))
        if max(h1, h2) > 24 or max(m1, m2) > 59:
            continue  # not a time: the parser below says so
        if h2 * 60 + m2 <= h1 * 60 + m1:
            return Msg("err.hours.order", {"span": f"{a}-{b}"})
    try:
        parse_hours(expr)
    except Exception:  # the parser raises its own SyntaxError subclass (its grammar's terms)
        return Msg("err.hours.syntax", {"expr": clip(expr, 120)})
    return None


def _raw_intervals(expr: str, date: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
    start = dt.datetime.combine(date, _MIDNIGHT)
    end = start + dt.timedelta(days=1)
    out: list[tuple[dt.datetime, dt.datetime]] = []
    for a, b, state, _comment in parse_hours(expr).intervals(start, end):
        if state == State.OPEN:
            a2, b2 = max(a, start), min(b or end, end)
            if b2 > a2:
                out.append((a2, b2))
    return out


@lru_cache(maxsize=65536)
def _site_intervals(
    expr: str, policy: HolidayPolicy, date: dt.date
) -> tuple[tuple[dt.datetime, dt.datetime], ...]:
    if is_public_holiday(date):
        if policy is HolidayPolicy.CLOSED:
            return ()
        if policy is HolidayPolicy.SUNDAY:
            sunday = date + dt.timedelta(days=6 - date.weekday())
            shift = date - sunday
            return tuple((a + shift, b + shift) for a, b in _raw_intervals(expr, sunday))
    return tuple(_raw_intervals(expr, date))


def open_intervals(site: Site, date: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
    """Return the site's opening intervals on ``date`` (local time), holidays applied.

    Parameters
    ----------
    site : Site
    date : datetime.date

    Returns
    -------
    list of (datetime, datetime)
        Sorted, disjoint, clipped to the day.
    """
    return list(_site_intervals(site.opening_hours, site.public_holidays, date))


@lru_cache(maxsize=65536)
def _daylight(lat: float, lon: float, date: dt.date) -> tuple[dt.datetime, dt.datetime]:
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(TIMEZONE)
    where = Observer(lat, lon)
    day0 = dt.datetime.combine(date, _MIDNIGHT)
    try:
        up = sunrise(where, date, tzinfo=tz).replace(tzinfo=None)
        down = sunset(where, date, tzinfo=tz).replace(tzinfo=None)
    except ValueError:  # the sun stays up or down all day (not at this region's latitudes)
        noon = dt.datetime.combine(date, dt.time(12, 0), tzinfo=tz)
        if elevation(where, noon) > 0:
            return day0, day0 + dt.timedelta(days=1)
        return day0, day0
    # inward to whole minutes: a visit at a planned minute never starts before sunrise
    up = (up + dt.timedelta(seconds=59)).replace(second=0, microsecond=0)
    down = down.replace(second=0, microsecond=0)
    return up, max(up, down)


def daylight(lat: float, lon: float, date: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Return sunrise and sunset at ``(lat, lon)`` on ``date``, local (Irkutsk) time.

    Parameters
    ----------
    lat, lon : float
        Degrees (WGS84).
    date : datetime.date

    Returns
    -------
    (datetime, datetime)
        Naive local datetimes, sunrise rounded up and sunset down to the minute; the whole
        day under a midnight sun, an empty interval in a polar night.
    """
    return _daylight(round(lat, 3), round(lon, 3), date)


def visit_intervals(site: Site, date: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
    """Return when a visit of ``site`` may take place on ``date``: open and, outdoors, light.

    The opening intervals (:func:`open_intervals`), intersected with daylight
    (:func:`daylight`) when the site is outdoor.
    """
    hours = open_intervals(site, date)
    if not site.outdoor:
        return hours
    up, down = daylight(site.lat, site.lon, date)
    return [(max(a, up), min(b, down)) for a, b in hours if min(b, down) > max(a, up)]


def visit_start_windows(
    site: Site, date: dt.date, visit_min: int | None = None
) -> list[tuple[dt.datetime, dt.datetime]]:
    """Return when a visit of ``site.visit_min`` may *start* on ``date``.

    A visit must end before the site closes (and, outdoors, before sunset: see
    :func:`visit_intervals`); where the site runs excursions only at fixed ``slots``, each
    allowed start is a zero-length window at the slot. ``visit_min`` overrides
    the site's visit length.

    Returns
    -------
    list of (datetime, datetime)
        Sorted, disjoint intervals of allowed start times.
    """
    visit = dt.timedelta(minutes=visit_min or site.visit_min)
    out: list[tuple[dt.datetime, dt.datetime]] = []
    for a, b in visit_intervals(site, date):
        if b - a < visit:
            continue
        if site.slots:
            for s in site.slots:
                t = dt.datetime.combine(date, s)
                if a <= t <= b - visit:
                    out.append((t, t))
        else:
            out.append((a, b - visit))
    out.sort()
    return out


def closed_reason(site: Site, date: dt.date) -> Reason:
    """Say why no visit of ``site`` can happen on ``date`` (assumes it cannot)."""
    holiday = public_holiday_name(date)
    if holiday and site.public_holidays is HolidayPolicy.CLOSED:
        ru = _ru_holidays_ru(date.year).get(date, holiday)
        return Reason("closed_holiday", {"date": date, "holiday": (ru, holiday)})
    hours = open_intervals(site, date)
    if not hours:
        words = tuple(
            hours_text(site.opening_hours, lang)
            + (f", {t('default_mark', lang)}" if "opening_hours" in site.defaults else "")
            for lang in ("ru", "en")
        )
        return Reason("closed_hours", {"date": date, "hours": words})
    visit = dt.timedelta(minutes=site.visit_min)
    lit = visit_intervals(site, date)
    if max(b - a for a, b in hours) >= visit and (not lit or max(b - a for a, b in lit) < visit):
        up, down = daylight(site.lat, site.lon, date)
        return Reason(
            "closed_dark",
            {
                "date": date,
                "sunrise": f"{up:%H:%M}",
                "sunset": f"{down:%H:%M}",
                "visit": site.visit_min,
            },
        )
    longest = max(b - a for a, b in hours)
    if longest < visit:
        return Reason(
            "closed_short",
            {"date": date, "open": int(longest.total_seconds() // 60), "visit": site.visit_min},
        )
    slots = ", ".join(s.strftime("%H:%M") for s in site.slots)
    return Reason("closed_slots", {"date": date, "slots": slots})
