"""Opening hours in words: exact texts, and for every catalog entry words that mean its hours."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from routeplanner.calendar import parse_hours
from routeplanner.catalog import Catalog, load_catalog
from routeplanner.hours_text import Period, hours_periods, hours_text, site_hours_text
from routeplanner.model import HolidayPolicy

EXPECTED = [
    ("Mo-Fr 10:00-17:00", "пн–пт 10:00–17:00", "Mon–Fri 10:00–17:00"),
    ("Mo-Su 08:00-20:00", "ежедневно 08:00–20:00", "daily 08:00–20:00"),
    ("Tu-Su 10:00-18:00", "вт–вс 10:00–18:00", "Tue–Sun 10:00–18:00"),
    (
        "Jun-Sep Mo-Su 08:00-20:00",
        "июнь–сент. ежедневно 08:00–20:00; окт.–май закрыто",
        "Jun–Sep daily 08:00–20:00; Oct–May closed",
    ),
    (
        "Jun-Aug Tu-Su 10:00-19:00; Sep-May Tu-Su 10:00-18:00",
        "июнь–авг. вт–вс 10:00–19:00; сент.–май вт–вс 10:00–18:00",
        "Jun–Aug Tue–Sun 10:00–19:00; Sep–May Tue–Sun 10:00–18:00",
    ),
    (
        "Nov-May Mo-Su 09:00-17:00",
        "нояб.–май ежедневно 09:00–17:00; июнь–окт. закрыто",
        "Nov–May daily 09:00–17:00; Jun–Oct closed",
    ),
    ("24/7", "круглосуточно", "24 hours"),
    (
        "Mo,We,Fr 10:00-13:00,14:00-18:00; Sa 10:00-14:00",
        "пн, ср, пт 10:00–13:00, 14:00–18:00; сб 10:00–14:00",
        "Mon, Wed, Fri 10:00–13:00, 14:00–18:00; Sat 10:00–14:00",
    ),
    (
        "Jun-Aug Mo-Fr 09:00-18:00; Jun-Aug Sa,Su 10:00-16:00; Sep-May Tu-Su 10:00-18:00",
        "июнь–авг. (пн–пт 09:00–18:00; сб, вс 10:00–16:00); сент.–май вт–вс 10:00–18:00",
        "Jun–Aug (Mon–Fri 09:00–18:00; Sat, Sun 10:00–16:00); Sep–May Tue–Sun 10:00–18:00",
    ),
    (
        "Jun 15-Aug 31 Mo-Su 10:00-19:00",
        "с 15 июня по 31 авг. ежедневно 10:00–19:00; с 1 сент. по 14 июня закрыто",
        "15 Jun – 31 Aug daily 10:00–19:00; 1 Sep – 14 Jun closed",
    ),
]


EXPECTED.append(
    (
        "Mo,Tu,Th-Su 08:00-20:00; Apr 30-Oct 30 Mo-Su 08:00-20:00",
        "с 30 апр. по 30 окт. ежедневно 08:00–20:00; с 31 окт. по 29 апр. пн, вт, чт–вс "
        "08:00–20:00",
        "30 Apr – 30 Oct daily 08:00–20:00; 31 Oct – 29 Apr Mon, Tue, Thu–Sun 08:00–20:00",
    )
)


@pytest.mark.parametrize(("expr", "ru", "en"), EXPECTED)
def test_exact_words(expr: str, ru: str, en: str) -> None:
    assert hours_text(expr) == ru
    assert hours_text(expr, "en") == en


def test_same_meaning_same_words() -> None:
    """The words follow the meaning, not the spelling."""
    assert hours_text("Mo-Su 10:00-18:00") == hours_text("Mo,Tu,We,Th,Fr,Sa,Su 10:00-18:00")
    a = "Jun-Aug Tu-Su 10:00-19:00; Sep-May Tu-Su 10:00-18:00"
    b = "Sep-May Tu-Su 10:00-18:00; Jun-Aug Tu-Su 10:00-19:00"
    assert hours_text(a) == hours_text(b)


# no OSM tokens left: English day/month codes of the syntax, or an ASCII hyphen in a range
_OSM = re.compile(r"\b(Mo|Tu|We|Th|Fr|Sa|Su|PH|off)\b|\d-\d|[A-Za-z]{3}-[A-Za-z]{3}")


def _in_period(p: Period, day: dt.date) -> bool:
    key = (day.month, day.day)
    a, b = (p.first.month, p.first.day), (p.last.month, p.last.day)
    return a <= key <= b if a <= b else key >= a or key <= b


def _predicted(periods: tuple[Period, ...], day: dt.date) -> list[tuple[dt.time, dt.time]]:
    (period,) = [p for p in periods if _in_period(p, day)]
    return [(a, b or dt.time(0, 0)) for a, b in period.week[day.weekday()]]


def _actual(expr: str, day: dt.date) -> list[tuple[dt.time, dt.time]]:
    from opening_hours import State

    start = dt.datetime.combine(day, dt.time(0, 0))
    end = start + dt.timedelta(days=1)
    return [
        (max(a, start).time(), min(b or end, end).time())
        for a, b, state, _c in parse_hours(expr).intervals(start, end)
        if state == State.OPEN and min(b or end, end) > max(a, start)
    ]


_CATALOG = load_catalog()


@pytest.mark.parametrize("site_id", sorted(_CATALOG.sites))
def test_every_catalog_entry(site_id: str) -> None:
    """Each catalog entry reads as words in both languages and the words mean its hours.

    The periods the words are written from predict the open intervals of every day of 2027
    (another year than the reference one, so weekdays fall on other dates) exactly as the
    planner's parser reads the expression.
    """
    site = _CATALOG.sites[site_id]
    for lang in ("ru", "en"):
        text = site_hours_text(site, lang)
        assert text and not _OSM.search(text), text
    periods = hours_periods(site.opening_hours)
    day = dt.date(2027, 1, 1)
    while day.year == 2027:
        assert _predicted(periods, day) == _actual(site.opening_hours, day), day
        day += dt.timedelta(days=1)


def test_holiday_policy_is_said(catalog: Catalog) -> None:
    closed = next(s for s in catalog.sites.values() if s.public_holidays is HolidayPolicy.CLOSED)
    assert site_hours_text(closed).endswith("в праздничные дни закрыто")
    assert site_hours_text(closed, "en").endswith("closed on public holidays")
