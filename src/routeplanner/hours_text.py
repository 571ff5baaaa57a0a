"""Opening hours in words («пн–пт 10:00–17:00; июнь–авг. вт–вс 10:00–19:00»), from OSM syntax.

The words are generated from what the expression *means*, not from its text: the expression is
evaluated with the same parser the planner uses (``opening-hours-py``) on every day of a
reference year, the days are grouped into periods in which the hours depend on the weekday
only (whole months when possible), and each period's week is written with the weekdays that
share the same hours. So ``Jun-Aug Tu-Su 10:00-19:00; Sep-May Tu-Su 10:00-18:00`` and any
equivalent spelling read the same, and the words never claim hours the planner does not use.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from opening_hours import OpeningHours, State

from .i18n import t
from .model import HolidayPolicy, Site

__all__ = ["Period", "hours_periods", "hours_text", "site_hours_text"]

#: The first reference year: the words describe a typical year (no Easter or week-number
#: rules).
_YEAR = 2025

_DASH = "–"

Hours = tuple[tuple[dt.time, dt.time | None], ...]  # None: until midnight (24:00)
Week = tuple[Hours, ...]  # seven entries, Monday first


@dataclass(frozen=True)
class Period:
    """A part of the year in which the hours depend on the weekday only.

    Attributes
    ----------
    first, last : datetime.date
        First and last day of the period in the reference year (``last`` may be before
        ``first`` when the period wraps the new year, e.g. November to May).
    week : tuple
        Seven entries, Monday first: the opening intervals ``(open, close)`` of that weekday,
        ``close`` ``None`` for midnight; an empty entry is a closed day.
    """

    first: dt.date
    last: dt.date
    week: Week

    @property
    def whole_months(self) -> bool:
        """Whether the period starts on a month's first day and ends on a month's last day."""
        return self.first.day == 1 and (self.last + dt.timedelta(days=1)).day == 1


@lru_cache(maxsize=256)
def _parsed(expr: str) -> OpeningHours:
    return OpeningHours(expr)


_OPEN = State.OPEN
_ONE_DAY = dt.timedelta(days=1)


def _day_hours(hours: OpeningHours, date: dt.date) -> Hours:
    start = dt.datetime(date.year, date.month, date.day)
    end = start + _ONE_DAY
    out: list[tuple[dt.time, dt.time | None]] = []
    for a, b, state, _comment in hours.intervals(start, end):
        if state != _OPEN:
            continue
        a2 = a if a > start else start
        b2 = end if b is None or b > end else b
        if b2 > a2:
            out.append((a2.time(), None if b2 == end else b2.time()))
    return tuple(out)


@lru_cache(maxsize=256)
def hours_periods(expr: str) -> tuple[Period, ...]:
    """Split the year into periods whose hours depend on the weekday only.

    Each calendar day (1 January … 31 December) gets its full week: the expression is evaluated
    on that month and day in the years where it falls on each weekday. Runs
    of days with the same week are the periods, so a period starts exactly on the date the
    expression changes (e.g. 30 April), whatever weekday that date has in a given year.
    Consecutive periods with the same week are merged, also across the new year.

    Parameters
    ----------
    expr : str
        An OSM ``opening_hours`` expression (as in ``sites.csv``).

    Returns
    -------
    tuple of Period
        Together they cover the year once (29 February takes 28 February's hours); periods
        with open days come first, each kind in calendar order of its first day.
    """
    first = dt.date(_YEAR, 1, 1)
    hours = _parsed(expr)
    chunks: list[tuple[dt.date, dt.date, Week]] = []
    for i in range(365):
        day = first + dt.timedelta(days=i)
        week: list[Hours | None] = [None] * 7
        for y in range(_YEAR, _YEAR + 14):  # leap years skip a weekday: 14 years cover all
            same = dt.date(y, day.month, day.day)
            if week[same.weekday()] is None:
                week[same.weekday()] = _day_hours(hours, same)
        chunks.append((day, day, tuple(h or () for h in week)))
    merged: list[list] = []
    for a, b, w in chunks:
        if merged and merged[-1][2] == w:
            merged[-1][1] = b
        else:
            merged.append([a, b, w])
    if len(merged) > 1 and merged[0][2] == merged[-1][2]:
        merged[0][0] = merged.pop()[0]  # wraps the new year: one period Nov-May
    periods = [Period(a, b, w) for a, b, w in merged]
    # open periods first, each kind in calendar order of its first day
    periods.sort(key=lambda p: (not any(p.week), p.first))
    return tuple(periods)


def _time(t: dt.time | None) -> str:
    return "24:00" if t is None else t.strftime("%H:%M")


def _lang(k: int) -> str:
    return "en" if k else "ru"


def _wd(k: int, d: int) -> str:
    return t(f"hours.wd.{d}", _lang(k))


def _hours_words(hours: Hours, k: int) -> str:
    if hours == ((dt.time(0, 0), None),):
        return t("hours.round_the_clock", _lang(k))
    return ", ".join(f"{_time(a)}{_DASH}{_time(b)}" for a, b in hours)


def _day_runs(days: list[int], k: int) -> str:
    """``[0,1,2,3,4]`` → «пн–пт»; ``[5,6]`` → «сб, вс»; ``[0,2,4]`` → «пн, ср, пт»."""
    runs: list[list[int]] = []
    for d in days:
        if runs and d == runs[-1][-1] + 1:
            runs[-1].append(d)
        else:
            runs.append([d])
    parts = []
    for r in runs:
        if len(r) >= 3:
            parts.append(f"{_wd(k, r[0])}{_DASH}{_wd(k, r[-1])}")
        else:
            parts.extend(_wd(k, d) for d in r)
    return ", ".join(parts)


def _week_words(week: Week, k: int) -> str:
    groups: dict[Hours, list[int]] = {}
    for d, hours in enumerate(week):
        if hours:
            groups.setdefault(hours, []).append(d)
    if not groups:
        return t("hours.closed", _lang(k))
    if len(groups) == 1 and len(next(iter(groups.values()))) == 7:
        hours = next(iter(groups))
        if hours == ((dt.time(0, 0), None),):
            return t("hours.round_the_clock", _lang(k))
        return f"{t('hours.daily', _lang(k))} {_hours_words(hours, k)}"
    return "; ".join(f"{_day_runs(days, k)} {_hours_words(h, k)}" for h, days in groups.items())


def _period_words(p: Period, k: int) -> str:
    lang = _lang(k)
    if p.whole_months:
        m1, m2 = (t(f"hours.mon.{m}", lang) for m in (p.first.month, p.last.month))
        return m1 if p.first.month == p.last.month else f"{m1}{_DASH}{m2}"
    a = f"{p.first.day} {t(f'hours.mon_gen.{p.first.month}', lang)}"
    b = f"{p.last.day} {t(f'hours.mon_gen.{p.last.month}', lang)}"
    return t("hours.dates", lang, first=a, last=b)


def hours_text(expr: str, lang: str = "ru") -> str:
    """Write an OSM ``opening_hours`` expression in words.

    Parameters
    ----------
    expr : str
        An expression the catalog accepts (no ``PH``/``SH``; holidays are a separate fact).
    lang : {"ru", "en"}

    Returns
    -------
    str
        E.g. «пн–пт 10:00–17:00», «ежедневно 08:00–20:00», «июнь–авг. вт–вс 10:00–19:00;
        сент.–май вт–вс 10:00–18:00», «нояб.–май ежедневно 09:00–17:00; июнь–окт. закрыто»,
        or "Mon–Fri 10:00–17:00" in English. A period whose weekdays have different hours is
        put in brackets: «июнь–авг. (пн–пт 09:00–18:00; сб, вс 10:00–16:00); сент.–май …».

    Raises
    ------
    SyntaxError
        ``expr`` does not parse.
    """
    k = 1 if lang == "en" else 0
    periods = hours_periods(expr)
    if len(periods) == 1:
        return _week_words(periods[0].week, k)
    parts = []
    for p in periods:
        week = _week_words(p.week, k)
        if ";" in week:  # several weekday groups: keep them apart from the next period
            week = f"({week})"
        parts.append(f"{_period_words(p, k)} {week}")
    return "; ".join(parts)


def site_hours_text(site: Site, lang: str = "ru") -> str:
    """A site's opening hours in words, with what it does on public holidays."""
    text = hours_text(site.opening_hours, lang)
    if site.public_holidays is HolidayPolicy.CLOSED:
        return f"{text}; {t('hours.ph_closed', lang)}"
    if site.public_holidays is HolidayPolicy.SUNDAY:
        return f"{text}; {t('hours.ph_sunday', lang)}"
    return text
