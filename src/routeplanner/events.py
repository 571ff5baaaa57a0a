"""Event tourism: dated events (festivals, open days, museum nights, ice events) as stops that
exist only on their dates.

``data/events.csv`` holds one event per row: explicit dates (``2025-07-03..2025-07-06``, several
separated by ``;``) and/or a yearly recurrence (an RFC 5545 ``RRULE`` anchored at the first
date), the place (a catalog site or coordinates), the hours, the audience, the price and the
source. :func:`read_events` validates the file and reports every bad row by file, row and field.

An event becomes a :class:`~routeplanner.model.Site` of category ``event`` for the dates of a
trip (:meth:`Event.site`): its opening hours are written out for exactly those occurrences, so
the planner, the checker and every output treat it as any other stop that is open only then.
A request opts in with ``events: {weight: 2, require: [...]}``; :func:`with_events` adds the
events that fall in the trip to its candidates, the required ones to ``must_visit``, and their
weight to ``category_weights``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dateutil.rrule import rrulestr

from ._csv import Column, bounded_float, bounded_int, parse_slug, read_table
from .exceptions import Invalid, Issue, Msg, ScenarioError, clip
from .model import Category, CoordPrecision, HolidayPolicy, Site

if TYPE_CHECKING:
    from .model import TripRequest

__all__ = [
    "EVENT_KINDS",
    "Event",
    "event_sites",
    "events_by_week",
    "read_events",
    "with_events",
]

EVENT_KINDS = ("festival", "open_day", "holiday", "museum_night", "ice_event", "sport")
#: How far a recurrence is expanded (occurrences after this are not computed).
_HORIZON = dt.date(2100, 12, 31)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise Invalid("err.date", value=clip(text.strip(), 80)) from None


def _dates(text: str) -> tuple[tuple[dt.date, dt.date], ...]:
    """``2025-07-03..2025-07-06; 2027-11-03`` -> sorted (first, last) day ranges."""
    out = []
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        a, _, b = part.partition("..")
        first, last = _date(a), _date(b or a)
        if last < first:
            raise Invalid("err.ev.range", value=clip(part, 80))
        if (last - first).days > 92:
            raise Invalid("err.ev.long", value=clip(part, 80))
        out.append((first, last))
    return tuple(sorted(out))


def _rrule(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    if not re.fullmatch(r"FREQ=YEARLY(;[A-Z]+=[A-Z0-9,+-]+)*", text):
        raise Invalid("err.ev.rrule", value=clip(text, 80))
    try:
        rrulestr(text, dtstart=dt.datetime(2025, 1, 1))
    except (ValueError, TypeError) as err:
        raise Invalid("err.ev.rrule_bad", value=clip(text, 80), detail=err) from None
    return text


def _hours(text: str) -> tuple[dt.time, dt.time]:
    m = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*", text)
    if not m:
        raise Invalid("err.ev.hours", value=clip(text, 80))
    h1, m1, h2, m2 = (int(x) for x in m.groups())
    if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59:
        raise Invalid("err.ev.hours_day", value=clip(text, 80))
    a, b = dt.time(h1, m1), dt.time(h2, m2)
    if b <= a:
        raise Invalid("err.ev.hours_order", value=clip(text, 80))
    return a, b


def _kind(text: str) -> str:
    v = text.strip().lower()
    if v not in EVENT_KINDS:
        raise Invalid("err.csv.choice", value=clip(text, 80), known=", ".join(EVENT_KINDS))
    return v


def _defaults(text: str) -> frozenset[str]:
    return frozenset(t.strip() for t in text.split(";") if t.strip())


_COLUMNS = [
    Column("id", parse_slug),
    Column("name_ru"),
    Column("name_en"),
    Column("kind", _kind),
    Column("dates", _dates, required=False, default=()),
    Column("rrule", _rrule, required=False, default=""),
    Column("days", bounded_int(1, 92, Msg("err.what.event_days")), required=False, default=1),
    Column("site_id", parse_slug, required=False),
    Column("town", required=False, default=""),
    Column("lat", bounded_float(50.0, 62.5, Msg("err.what.lat")), required=False),
    Column("lon", bounded_float(95.0, 120.0, Msg("err.what.lon")), required=False),
    Column("hours", _hours),
    Column("visit_min", bounded_int(1, 24 * 60, Msg("err.what.visit_min"))),
    Column("audience", required=False, default=""),
    Column("min_age", bounded_int(0, 100, Msg("err.what.min_age")), required=False, default=0),
    Column(
        "price_rub", bounded_int(0, 1_000_000, Msg("err.what.price")), required=False, default=0
    ),
    Column("base_score", bounded_float(0, 10, Msg("err.what.score"))),
    Column("defaults", _defaults, required=False, default=frozenset()),
    Column("description_ru", required=False, default=""),
    Column("description_en", required=False, default=""),
    Column("source_url"),
    Column("notes", required=False, default=""),
]


@dataclass(frozen=True)
class Event:
    """A dated event at a place: a stop that exists only on its dates.

    Attributes
    ----------
    dates : tuple of (date, date)
        Explicit occurrences, first and last day.
    rrule : str
        A yearly recurrence (RFC 5545), anchored at the first explicit date (or 1 Jan 2000);
        each occurrence lasts ``days`` days.
    hours : (time, time)
        Daily hours of the event, local time.
    """

    id: str
    name_ru: str
    name_en: str
    kind: str
    dates: tuple[tuple[dt.date, dt.date], ...]
    rrule: str
    days: int
    site_id: str | None
    town: str
    lat: float
    lon: float
    coord_precision: CoordPrecision
    hours: tuple[dt.time, dt.time]
    visit_min: int
    audience: str
    min_age: int
    price_rub: int
    base_score: float
    defaults: frozenset[str]
    description_ru: str
    description_en: str
    source_url: str
    notes: str

    def name(self, lang: str = "ru") -> str:
        """The name in ``lang``."""
        return self.name_en if lang == "en" else self.name_ru

    def occurrences(self, first: dt.date, last: dt.date) -> list[tuple[dt.date, dt.date]]:
        """The occurrences (first day, last day) that overlap ``[first, last]``, sorted."""
        found = {r for r in self.dates if r[0] <= last and r[1] >= first}
        if self.rrule:
            anchor = self.dates[0][0] if self.dates else dt.date(2000, 1, 1)
            rule = rrulestr(self.rrule, dtstart=dt.datetime.combine(anchor, dt.time()))
            span = dt.timedelta(days=self.days - 1)
            lo = dt.datetime.combine(first - span, dt.time())
            hi = dt.datetime.combine(min(last, _HORIZON), dt.time())
            for start in rule.between(lo, hi, inc=True):  # type: ignore[union-attr]
                found.add((start.date(), start.date() + span))
        return sorted(found)

    def site(self, first: dt.date, last: dt.date) -> Site | None:
        """The event as a stop open only on its days within ``[first, last]``; ``None`` when it
        does not happen then."""
        occ = self.occurrences(first, last)
        if not occ:
            return None
        a, b = self.hours
        parts = []
        for d0, d1 in occ:
            span = _osm_date(d0) if d0 == d1 else f"{_osm_date(d0)}-{_osm_date(d1)}"
            parts.append(f"{span} {a:%H:%M}-{b:%H:%M}")
        when = "; ".join(f"{x}–{y}" if x != y else str(x) for x, y in occ)
        return Site(
            id=self.id,
            name_ru=self.name_ru,
            name_en=self.name_en,
            town=self.town,
            lat=self.lat,
            lon=self.lon,
            coord_precision=self.coord_precision,
            network_node=None,
            source_url=self.source_url,
            notes=f"event ({self.kind}) on {when}; {self.notes}".strip("; "),
            category=Category.EVENT,
            visit_min=self.visit_min,
            opening_hours="; ".join(parts),
            public_holidays=HolidayPolicy.OPEN,
            booking_days=0,
            max_group=None,
            min_age=self.min_age,
            price_rub=self.price_rub,
            base_score=self.base_score,
            score=self.base_score,
            defaults=self.defaults,
            description_ru=self.description_ru,
            description_en=self.description_en,
        )


def _osm_date(d: dt.date) -> str:
    return f"{d.year} {_MONTHS[d.month - 1]} {d.day:02d}"


def read_events(
    path: Path,
    sites: Mapping[str, Site],
    taken: Iterable[str],
    issues: list[Issue],
    *,
    skip_missing_sites: bool = False,
    skip_sites: Iterable[str] = (),
) -> dict[str, Event]:
    """Read and validate ``events.csv``; append every problem to ``issues``.

    Parameters
    ----------
    path : Path
        The events file.
    sites : mapping
        The catalog's sites: an event's ``site_id`` must name one (its place, town and
        coordinates are taken from it).
    taken : iterable of str
        Ids already used by sites, lodgings and hubs: event ids must differ.
    issues : list of Issue
        Problems found, each naming the file, row and field.
    skip_missing_sites : bool
        Leave out (without an error) events at sites the catalog does not have, as when a
        user's site file replaces the built-in one.
    skip_sites : iterable of str
        Leave out (without an error) events at these sites (rows already reported as bad).

    Returns
    -------
    dict
        The valid events by id.
    """
    table = read_table(path, _COLUMNS, issues)
    used = set(taken)
    skipped = set(skip_sites)
    out: dict[str, Event] = {}
    for line, r in table.rows:
        bad = len(issues)

        def fail(field: str, msg: Msg, line: int = line) -> None:
            issues.append(Issue(table.path, line, field, msg))

        if r["id"] in used or r["id"] in out:
            fail("id", Msg("err.ev.dupe", {"id": r["id"]}))
        if not r["dates"] and not r["rrule"]:
            fail("dates", Msg("err.ev.no_dates"))
        site = None
        if r.get("site_id"):
            site = sites.get(r["site_id"])
            if site is None and (skip_missing_sites or r["site_id"] in skipped):
                continue
            if site is None:
                fail("site_id", Msg("err.cat.no_site", {"id": r["site_id"]}))
        elif r.get("lat") is None or r.get("lon") is None:
            fail("site_id", Msg("err.ev.no_place"))
        if len(issues) > bad:
            continue
        out[r["id"]] = Event(
            id=r["id"],
            name_ru=r["name_ru"],
            name_en=r["name_en"],
            kind=r["kind"],
            dates=r["dates"],
            rrule=r["rrule"],
            days=r["days"],
            site_id=site.id if site else None,
            town=r["town"] or (site.town if site else ""),
            lat=site.lat if site else r["lat"],
            lon=site.lon if site else r["lon"],
            coord_precision=site.coord_precision if site else CoordPrecision.POI,
            hours=r["hours"],
            visit_min=r["visit_min"],
            audience=r["audience"],
            min_age=r["min_age"],
            price_rub=r["price_rub"],
            base_score=r["base_score"],
            defaults=r["defaults"],
            description_ru=r["description_ru"],
            description_en=r["description_en"],
            source_url=r["source_url"],
            notes=r["notes"],
        )
    return out


def event_sites(events: Mapping[str, Event], dates: Sequence[dt.date]) -> dict[str, Site]:
    """The events that happen within ``dates`` (first to last), as sites."""
    if not dates:
        return {}
    out = {}
    for ev in events.values():
        site = ev.site(min(dates), max(dates))
        if site is not None:
            out[ev.id] = site
    return out


def with_events(request: TripRequest, events: Mapping[str, Event]) -> TripRequest:
    """The request with its events: those on the trip dates become candidates (when the
    request lists candidates), the required ones must-visits, and ``events.weight`` the weight
    of the ``event`` category. Idempotent; ``request`` itself when it does not ask for events.

    Raises
    ------
    ScenarioError
        ``events.require`` names an unknown event, or one that does not take place on the
        trip dates (with its dates).
    """
    opts = request.events
    if opts is None:
        return request
    on_trip = event_sites(events, request.dates)
    problems: list[Msg] = []
    required = [*opts.require, *(m for m in request.must_visit if m in events)]
    for eid in dict.fromkeys(required):
        if eid not in events:
            problems.append(Msg("err.ev.not_event", {"id": clip(eid, 80)}))
        elif eid not in on_trip:
            later = dt.date(request.start_date.year + 3, 12, 31)
            nearest = events[eid].occurrences(request.dates[0], later)
            when = ", ".join(f"{a}..{b}" if a != b else str(a) for a, b in nearest[:3]) or Msg(
                "err.ev.no_later"
            )
            params = {"id": eid, "first": request.dates[0], "last": request.dates[-1], "next": when}
            problems.append(Msg("err.ev.not_on_trip", params))
    if problems:
        raise ScenarioError(problems, title=Msg("err.ev.title"))
    changes: dict[str, Any] = {}
    if request.candidates is not None:
        extra = [e for e in on_trip if e not in request.candidates and e not in request.exclude]
        if extra:
            changes["candidates"] = (*request.candidates, *extra)
    must = [e for e in opts.require if e not in request.must_visit]
    if must:
        changes["must_visit"] = (*request.must_visit, *must)
    if Category.EVENT not in request.category_weights and opts.weight != 1.0:
        changes["category_weights"] = {**request.category_weights, Category.EVENT: opts.weight}
    return request.model_copy(update=changes) if changes else request


def events_by_week(
    events: Mapping[str, Event], first: dt.date, last: dt.date
) -> list[tuple[dt.date, list[tuple[Event, dt.date, dt.date]]]]:
    """For each week (from its Monday) between ``first`` and ``last``, the event occurrences
    that fall in it: which start dates of a trip catch which events."""
    monday = first - dt.timedelta(days=first.weekday())
    out = []
    while monday <= last:
        sunday = monday + dt.timedelta(days=6)
        hits = [
            (ev, a, b)
            for ev in events.values()
            for a, b in ev.occurrences(max(monday, first), min(sunday, last))
        ]
        hits.sort(key=lambda h: (h[1], h[0].id))
        out.append((monday, hits))
        monday += dt.timedelta(days=7)
    return out
