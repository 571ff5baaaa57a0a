"""The itinerary: days, stops, legs, dropped sites, KPIs; tables and JSON.

``itinerary.json`` (``Itinerary.to_json``) holds ``scenario``, ``feasible``, ``problems``,
``days[]`` (``date``, ``start_place``, ``end_place``, ``lodging``, ``stops[]`` with ``site_id``,
``name``, ``arrive``, ``start``, ``end`` as ISO local datetimes, ``legs[]`` with ``from``, ``to``,
``mode``, ``depart``, ``arrive``, ``distance_km`` and the path), ``dropped[]`` (``site_id``,
``reason``), ``kpis{}`` and ``solver{}``. ``Itinerary.from_json`` reads it back, checking the
type of every value (the module is longer than most for that reader: an itinerary may be
hand-made, and every wrong value is named by its key path).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import os
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from ._io import TooLargeError, read_limited
from .exceptions import Issue, ItineraryError, Msg, clip, os_reason, pydantic_issues
from .model import CHECKLIST_CATEGORIES, TripRequest
from .reasons import Reason
from .spreadsheet import Table

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Day", "Dropped", "Itinerary", "Kpis", "Leg", "Stop", "compute_kpis"]

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Stop:
    """A visit: when the group arrives, starts and ends (local time)."""

    site_id: str
    name: str
    name_en: str
    category: str
    lat: float
    lon: float
    arrive: dt.datetime
    start: dt.datetime
    end: dt.datetime
    score: float
    price_rub: int
    added: bool = False

    @property
    def wait_min(self) -> int:
        """Minutes between arrival and the start of the visit."""
        return int((self.start - self.arrive).total_seconds() // 60)


@dataclass(frozen=True)
class Leg:
    """Travel between two consecutive places of a day."""

    origin: str
    destination: str
    mode: str
    modes: tuple[str, ...]
    depart: dt.datetime
    arrive: dt.datetime
    duration_min: int
    distance_km: float
    drive_min: int
    price_rub: int
    path: tuple[str, ...] = ()
    geometry: tuple[tuple[float, float], ...] = ()
    #: drivers' breaks included in ``duration_min`` (regulations, e.g. Order 424), minutes
    break_min: int = 0


@dataclass(frozen=True)
class Day:
    """One day: where it starts and ends, its stops, legs and lunch."""

    date: dt.date
    start_place: str
    end_place: str
    stops: tuple[Stop, ...]
    legs: tuple[Leg, ...]
    lunch_start: dt.datetime | None = None
    lunch_end: dt.datetime | None = None
    lodging: str | None = None
    #: where lunch is taken: the stop or lodging (never inside a drive), and the eatery that
    #: serves it there (``eateries.csv``); no eatery means a packed lunch («сухой паёк»)
    lunch_place: str | None = None
    lunch_venue: str | None = None

    @property
    def depart(self) -> dt.datetime | None:
        """When the day leaves its start place."""
        return self.legs[0].depart if self.legs else None

    @property
    def finish(self) -> dt.datetime | None:
        """When the day reaches its end place."""
        return self.legs[-1].arrive if self.legs else None


def lunch_where(day: Day, names: Mapping[str, str], lang: str = "ru") -> str:
    """Where a day's lunch is taken, in words: the eatery that serves it, or a packed lunch
    at the place where the group is («сухой паёк»)."""
    from .i18n import t

    place = names.get(day.lunch_place or "", day.lunch_place or "")
    if day.lunch_venue is not None:
        return t(
            "lunch_venue", lang, venue=names.get(day.lunch_venue, day.lunch_venue), place=place
        )
    return t("lunch_packed", lang, place=place)


@dataclass(frozen=True)
class Dropped:
    """A candidate left out, and why."""

    site_id: str
    name: str
    reason: str
    name_en: str = ""
    reason_ru: str = ""

    def text(self, lang: str = "ru") -> str:
        """The reason in ``lang`` (English where no Russian text was stored)."""
        return self.reason_ru if lang != "en" and self.reason_ru else self.reason

    def label(self, lang: str = "ru") -> str:
        """The site's name in ``lang``."""
        return self.name_en if lang == "en" and self.name_en else self.name


@dataclass(frozen=True)
class Kpis(Mapping[str, Any]):
    """The key figures of a plan (per person where money is concerned).

    A typed value; it also reads as a mapping of its field names (``kpis["score"]``,
    ``dict(kpis)``) for tables. ``added_sites`` is set by :func:`routeplanner.embed.embed`
    only (``None`` otherwise, and then left out of :meth:`to_dict`).

    Attributes
    ----------
    score : float
        Sum of the visited sites' scores (category weights not applied).
    sites : int
        Number of visits.
    sites_by_category : dict
        Category value to number of visits, sorted by category.
    industrial_share : float
        Share of visits in the industrial-tourism categories (industry, energy, food), 0..1.
    travel_h : float
        Hours of travel, every mode.
    drive_h_per_day : tuple of float
        Hours of driving on each day (flights, ferries and trains do not count).
    distance_km : float
    idle_h : float
        Hours waiting between arrival and the start of visits.
    tickets_rub, fares_rub, lodging_rub : int
        Tickets and excursions, fares of ferries, flights and trains, nights.
    cost_per_person_rub : int
        Their sum.
    nights : tuple of str
        The lodging id of each night.
    quota_misses : tuple of str
        Per-day minimum quotas missed (a soft target), e.g. ``"day 1: 0 industrial visit(s),
        target 1"``.
    events : tuple of str
        Ids of the dated events visited (see :mod:`routeplanner.events`).
    added_sites : tuple of str or None
        The sites an embedding added to the tour.
    """

    score: float = 0.0
    sites: int = 0
    sites_by_category: Mapping[str, int] = field(default_factory=dict)
    industrial_share: float = 0.0
    travel_h: float = 0.0
    drive_h_per_day: tuple[float, ...] = ()
    distance_km: float = 0.0
    idle_h: float = 0.0
    tickets_rub: int = 0
    fares_rub: int = 0
    lodging_rub: int = 0
    cost_per_person_rub: int = 0
    nights: tuple[str, ...] = ()
    quota_misses: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    added_sites: tuple[str, ...] | None = None

    def _keys(self) -> list[str]:
        return [
            f.name
            for f in dataclasses.fields(self)
            if not (f.name == "added_sites" and self.added_sites is None)
        ]

    def __getitem__(self, key: str) -> Any:
        if key not in self._keys():
            raise KeyError(key)
        value = getattr(self, key)
        return list(value) if isinstance(value, tuple) else value

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys())

    def __len__(self) -> int:
        return len(self._keys())

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: tuples as lists, ``added_sites`` only when set."""
        return {k: (dict(v) if isinstance(v, Mapping) else v) for k, v in self.items()}

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Kpis:
        """Read the layout of :meth:`to_dict` (missing keys take their defaults, unknown keys
        are ignored).

        Raises
        ------
        TypeError, ValueError
            A value has the wrong type.
        """
        known = {f.name: f for f in dataclasses.fields(cls)}
        values: dict[str, Any] = {}
        for key, value in raw.items():
            if key not in known:
                continue
            if key in ("drive_h_per_day",):
                value = tuple(float(x) for x in value)
            elif key in ("nights", "quota_misses", "events", "added_sites"):
                value = tuple(str(x) for x in value)
            elif key == "sites_by_category":
                value = {str(k): int(v) for k, v in dict(value).items()}
            elif key in ("sites", "tickets_rub", "fares_rub", "lodging_rub", "cost_per_person_rub"):
                value = int(value)
            else:
                value = float(value)
            values[key] = value
        return cls(**values)


@dataclass
class Itinerary:
    """A planned trip (or an honest 'cannot be done').

    Attributes
    ----------
    scenario : TripRequest
    feasible : bool
    problems : list of str
        Why the plan is infeasible; empty when feasible.
    days : list of Day
    dropped : list of Dropped
    kpis : Kpis or None
        The key figures; ``None`` for a plan that could not be made.
    solver : dict
        What the search did, without wall times (:meth:`routeplanner.solve.Solution.report`):
        ``status``, ``work``, ``work_budget``, ``iterations``, ``trace`` (prize over work).
    warnings, warnings_ru : list of str
        Soft problems of a feasible plan (e.g. a stop far from any road), in English and
        Russian.
    regulations : list of str
        Ids of the transport regulations the plan follows (see
        :mod:`routeplanner.regulations`).
    """

    scenario: TripRequest
    feasible: bool
    problems: list[str] = field(default_factory=list)
    problems_ru: list[str] = field(default_factory=list)
    days: list[Day] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    kpis: Kpis | None = None
    solver: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    warnings_ru: list[str] = field(default_factory=list)
    regulations: list[str] = field(default_factory=list)

    @classmethod
    def infeasible(cls, request: TripRequest, reasons: Sequence[Reason | str]) -> Itinerary:
        """An itinerary that says why the request cannot be met (in both languages)."""
        return cls(
            scenario=request,
            feasible=False,
            problems=[r.text("en") if isinstance(r, Reason) else r for r in reasons],
            problems_ru=[r.text("ru") if isinstance(r, Reason) else r for r in reasons],
        )

    def problem_texts(self, lang: str = "ru") -> list[str]:
        """Why the plan is infeasible, in ``lang``."""
        return self.problems_ru if lang != "en" and self.problems_ru else self.problems

    def warning_texts(self, lang: str = "ru") -> list[str]:
        """The plan's warnings (soft problems), in ``lang``."""
        return self.warnings_ru if lang != "en" and self.warnings_ru else self.warnings

    # ------------------------------------------------------------------ views

    @property
    def stops(self) -> list[Stop]:
        """Every stop of the trip, in order."""
        return [s for d in self.days for s in d.stops]

    def to_frame(self, *, lang: str = "ru") -> pd.DataFrame:
        """One row per stop (the columns of :meth:`to_table`)."""
        return self.to_table(lang=lang).to_frame()

    def to_table(self, *, lang: str = "ru") -> Table:
        """One row per stop.

        Columns: ``day`` (1-based), ``date``, ``order`` (1-based within the day), ``site_id``,
        ``name``, ``category``, ``arrive``, ``start``, ``end``, ``wait_min``, ``visit_min``,
        ``travel_min`` (leg into the stop), ``distance_km`` (leg into the stop), ``mode``,
        ``score``, ``price_rub``, ``lat``, ``lon``.
        """
        rows = []
        for di, day in enumerate(self.days, 1):
            for k, s in enumerate(day.stops):
                leg = day.legs[k] if k < len(day.legs) else None
                rows.append(
                    {
                        "day": di,
                        "date": day.date.isoformat(),
                        "order": k + 1,
                        "site_id": s.site_id,
                        "name": s.name_en if lang == "en" else s.name,
                        "category": s.category,
                        "arrive": s.arrive.strftime("%H:%M"),
                        "start": s.start.strftime("%H:%M"),
                        "end": s.end.strftime("%H:%M"),
                        "wait_min": s.wait_min,
                        "visit_min": int((s.end - s.start).total_seconds() // 60),
                        "travel_min": leg.duration_min if leg else 0,
                        "distance_km": leg.distance_km if leg else 0.0,
                        "mode": leg.mode if leg else "",
                        "score": s.score,
                        "price_rub": s.price_rub,
                        "lat": s.lat,
                        "lon": s.lon,
                    }
                )
        columns = [
            "day",
            "date",
            "order",
            "site_id",
            "name",
            "category",
            "arrive",
            "start",
            "end",
            "wait_min",
            "visit_min",
            "travel_min",
            "distance_km",
            "mode",
            "score",
            "price_rub",
            "lat",
            "lon",
        ]
        return Table.from_records(rows, columns)

    def summary(self, *, lang: str = "ru", names: dict[str, str] | None = None) -> str:
        """A readable day-by-day programme as plain text."""
        from .i18n import fmt_date, t

        names = names or {}
        out = [self.scenario.heading(lang)]
        if not self.feasible:
            out.append(t("infeasible", lang))
            out += [f"  - {p}" for p in self.problem_texts(lang)]
            return "\n".join(out)
        for w in self.warning_texts(lang):
            out.append(f"{t('warning', lang)}: {w}")
        for di, day in enumerate(self.days, 1):
            out.append(f"\n{t('day', lang)} {di} — {fmt_date(day.date, lang)}")
            for k, leg in enumerate(day.legs):
                label = names.get(leg.origin, leg.origin)
                dest = names.get(leg.destination, leg.destination)
                pause = (
                    f", {t('driver_break', lang)} {leg.break_min} {t('min', lang)}"
                    if leg.break_min
                    else ""
                )
                out.append(
                    f"  {leg.depart:%H:%M}–{leg.arrive:%H:%M}  {t(leg.mode, lang)}: {label} → "
                    f"{dest} ({leg.duration_min} {t('min', lang)}, "
                    f"{leg.distance_km:.0f} {t('unit_km', lang)}{pause})"
                )
                if k < len(day.stops):
                    s = day.stops[k]
                    nm = s.name_en if lang == "en" else s.name
                    out.append(f"  {s.start:%H:%M}–{s.end:%H:%M}  {nm}")
            if day.lunch_start is not None and day.lunch_end is not None:
                where = f" — {lunch_where(day, names, lang)}" if day.lunch_place is not None else ""
                out.append(
                    f"  {t('lunch', lang)}: {day.lunch_start:%H:%M}–{day.lunch_end:%H:%M}{where}"
                )
            if day.lodging:
                out.append(f"  {t('overnight', lang)}: {names.get(day.lodging, day.lodging)}")
        k = self.kpis or Kpis()
        out.append(
            f"\n{t('score', lang)}: {k.score:.1f}; {t('sites', lang)}: "
            f"{k.sites}; {t('travel', lang)}: "
            f"{k.travel_h:.1f} {t('unit_h', lang)}; "
            f"{k.distance_km:.0f} {t('unit_km', lang)}; {t('cost', lang)}: "
            f"{k.cost_per_person_rub} {t('unit_rub', lang)}"
        )
        for miss in k.quota_misses:
            out.append(f"{t('quota_missed', lang)}: {miss}")
        if self.dropped:
            out.append(f"\n{t('dropped', lang)}:")
            out += [f"  - {d.label(lang)}: {d.text(lang)}" for d in self.dropped]
        return "\n".join(out)

    # ------------------------------------------------------------------ JSON

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (see the module docstring for the layout)."""

        def iso(x: Any) -> Any:
            if isinstance(x, dt.datetime):
                return x.isoformat(timespec="minutes")
            if isinstance(x, dt.date):
                return x.isoformat()
            if isinstance(x, tuple | list):
                return [iso(i) for i in x]
            if isinstance(x, dict):
                return {k: iso(v) for k, v in x.items()}
            return x

        days = []
        for d in self.days:
            days.append(
                {
                    "date": d.date.isoformat(),
                    "start_place": d.start_place,
                    "end_place": d.end_place,
                    "lodging": d.lodging,
                    "lunch": None
                    if d.lunch_start is None
                    else {
                        "start": iso(d.lunch_start),
                        "end": iso(d.lunch_end),
                        "place": d.lunch_place,
                        "venue": d.lunch_venue,
                    },
                    "stops": [iso(asdict(s)) for s in d.stops],
                    "legs": [
                        {
                            **{
                                (
                                    "from" if k == "origin" else "to" if k == "destination" else k
                                ): iso(v)
                                for k, v in asdict(leg).items()
                            }
                        }
                        for leg in d.legs
                    ],
                }
            )
        return {
            "schema": SCHEMA_VERSION,
            "scenario": self.scenario.model_dump(mode="json"),
            "feasible": self.feasible,
            "problems": list(self.problems),
            "problems_ru": list(self.problems_ru),
            "days": days,
            # the fields as asdict() gives them, without its deep copy (thousands of drops)
            "dropped": [
                {
                    "site_id": x.site_id,
                    "name": x.name,
                    "reason": x.reason,
                    "name_en": x.name_en,
                    "reason_ru": x.reason_ru,
                }
                for x in self.dropped
            ],
            "kpis": self.kpis.to_dict() if self.kpis is not None else {},
            "solver": self.solver,
            "warnings": list(self.warnings),
            "warnings_ru": list(self.warnings_ru),
            "regulations": list(self.regulations),
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """Serialise to JSON text (UTF-8, Cyrillic kept readable)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, text: str, *, source: str = "itinerary.json") -> Itinerary:
        """Read an itinerary written by :meth:`to_json`.

        Raises
        ------
        ItineraryError
            The text is not such an itinerary; the message names the key that is wrong.
        """
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as err:
            message = Msg("err.json.bad", {"detail": err.msg})
            raise ItineraryError([Issue(source, err.lineno, None, message)]) from err
        except RecursionError as err:
            raise ItineraryError([Issue(source, None, None, Msg("err.json.nested"))]) from err
        return cls.from_dict(raw, source=source)

    @classmethod
    def read(cls, path: str | os.PathLike[str]) -> Itinerary:
        """Read an ``itinerary.json`` file (at most 50 MiB).

        Raises
        ------
        ItineraryError
            The file cannot be read, is too large, is not UTF-8 or not such an itinerary
            (names the key).
        """
        try:
            text = read_limited(path, MAX_JSON_BYTES).decode("utf-8-sig")
        except TooLargeError as err:
            raise ItineraryError([Issue(str(path), None, None, err.msg)]) from err
        except OSError as err:
            why = os_reason(err)
            message = Msg("err.cannot_read", {"why": why})
            raise ItineraryError([Issue(str(path), None, None, message)]) from err
        except UnicodeDecodeError as err:
            raise ItineraryError([Issue(str(path), None, None, Msg("err.not_utf8"))]) from err
        return cls.from_json(text, source=str(path))

    @classmethod
    def from_dict(cls, raw: Any, *, source: str = "itinerary.json") -> Itinerary:
        """Build from the dict layout of :meth:`to_dict`, checking every value's type.

        Raises
        ------
        ItineraryError
            A key is missing or a value has the wrong type or is not a finite number; the
            message names the key path (``days[0].stops[1].lat``).
        """
        from pydantic import ValidationError

        r = _Reader(source)
        top = r.mapping(raw, "(top level)")
        for key in ("scenario", "feasible", "days"):
            if key not in top:
                raise r.fail(key, Msg("err.pyd.missing"))
        try:
            scenario = TripRequest.model_validate(top["scenario"])
        except ValidationError as err:
            issues = pydantic_issues(err.errors()[:1], source, prefix="scenario.")
            raise ItineraryError(issues) from err
        except RecursionError as err:
            raise r.fail("scenario", Msg("err.pyd.recursion_loop")) from err
        days = [r.day(d, f"days[{di}]") for di, d in enumerate(r.sequence(top["days"], "days"))]
        raw_kpis = top.get("kpis") or {}
        try:
            kpis = Kpis.from_dict(r.mapping(raw_kpis, "kpis")) if raw_kpis else None
        except (TypeError, ValueError) as err:
            raise r.fail("kpis", Msg("err.json.value", {"detail": clip(err)})) from err
        dropped = [
            r.dropped(x, f"dropped[{k}]")
            for k, x in enumerate(r.sequence(top.get("dropped", []), "dropped"))
        ]
        texts = {
            key: [r.text(x, f"{key}[{k}]") for k, x in enumerate(r.sequence(top.get(key, []), key))]
            for key in ("problems", "problems_ru")
        }
        return cls(
            scenario=scenario,
            feasible=r.flag(top["feasible"], "feasible"),
            problems=texts["problems"],
            problems_ru=texts["problems_ru"],
            days=days,
            dropped=dropped,
            kpis=kpis,
            solver=dict(r.mapping(top.get("solver", {}), "solver")),
            **{
                key: [
                    r.text(x, f"{key}[{k}]")
                    for k, x in enumerate(r.sequence(top.get(key, []), key))
                ]
                for key in ("warnings", "warnings_ru", "regulations")
            },
        )


#: Largest itinerary file read, bytes.
MAX_JSON_BYTES = 50 * 1024 * 1024


class _Reader:
    """Typed access to the parts of an itinerary's JSON, each failure naming its key path."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, key: str, msg: str | Msg) -> ItineraryError:
        return ItineraryError([Issue(self.source, None, key, msg)])

    def mapping(self, v: Any, where: str) -> Mapping[str, Any]:
        if not isinstance(v, Mapping):
            raise self.fail(where, Msg("err.json.object"))
        return v

    def sequence(self, v: Any, where: str) -> list[Any]:
        if not isinstance(v, list):
            raise self.fail(where, Msg("err.json.list"))
        return v

    def get(self, d: Mapping[str, Any], key: str, where: str) -> Any:
        if key not in d:
            raise self.fail(where, Msg("err.json.missing", {"key": key}))
        return d[key]

    def text(self, v: Any, where: str) -> str:
        if not isinstance(v, str):
            raise self.fail(where, Msg("err.json.text", {"kind": type(v).__name__}))
        return v

    def flag(self, v: Any, where: str) -> bool:
        if not isinstance(v, bool):
            raise self.fail(where, Msg("err.json.bool"))
        return v

    def number(self, v: Any, where: str) -> float:
        if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
            raise self.fail(where, Msg("err.json.number", {"value": clip(v, 40)}))
        return float(v)

    def whole(self, v: Any, where: str) -> int:
        n = self.number(v, where)
        if n != int(n) or abs(n) > 10**12:
            raise self.fail(where, Msg("err.json.whole", {"value": clip(v, 40)}))
        return int(n)

    def when(self, v: Any, where: str) -> dt.datetime:
        try:
            return dt.datetime.fromisoformat(self.text(v, where))
        except ValueError:
            raise self.fail(where, Msg("err.json.when", {"value": clip(v, 40)})) from None

    def date(self, v: Any, where: str) -> dt.date:
        try:
            return dt.date.fromisoformat(self.text(v, where))
        except ValueError:
            raise self.fail(where, Msg("err.date", {"value": clip(v, 40)})) from None

    def optional_text(self, v: Any, where: str) -> str | None:
        return None if v is None else self.text(v, where)

    def stop(self, s: Any, w: str) -> Stop:
        s = self.mapping(s, w)
        name = self.text(self.get(s, "name", w), f"{w}.name")
        return Stop(
            site_id=self.text(self.get(s, "site_id", w), f"{w}.site_id"),
            name=name,
            name_en=self.text(s.get("name_en", name), f"{w}.name_en"),
            category=self.text(s.get("category", ""), f"{w}.category"),
            lat=self.number(s.get("lat", 0), f"{w}.lat"),
            lon=self.number(s.get("lon", 0), f"{w}.lon"),
            arrive=self.when(self.get(s, "arrive", w), f"{w}.arrive"),
            start=self.when(self.get(s, "start", w), f"{w}.start"),
            end=self.when(self.get(s, "end", w), f"{w}.end"),
            score=self.number(s.get("score", 0), f"{w}.score"),
            price_rub=self.whole(s.get("price_rub", 0), f"{w}.price_rub"),
            added=self.flag(s.get("added", False), f"{w}.added"),
        )

    def leg(self, g: Any, w: str) -> Leg:
        g = self.mapping(g, w)
        mode = self.text(self.get(g, "mode", w), f"{w}.mode")
        geometry = []
        for k, p in enumerate(self.sequence(g.get("geometry", []), f"{w}.geometry")):
            pair = self.sequence(p, f"{w}.geometry[{k}]")
            if len(pair) != 2:
                raise self.fail(f"{w}.geometry[{k}]", Msg("err.json.latlon"))
            geometry.append(tuple(self.number(x, f"{w}.geometry[{k}]") for x in pair))
        return Leg(
            origin=self.text(self.get(g, "from", w), f"{w}.from"),
            destination=self.text(self.get(g, "to", w), f"{w}.to"),
            mode=mode,
            modes=tuple(
                self.text(m, f"{w}.modes")
                for m in self.sequence(g.get("modes", [mode]), f"{w}.modes")
            ),
            depart=self.when(self.get(g, "depart", w), f"{w}.depart"),
            arrive=self.when(self.get(g, "arrive", w), f"{w}.arrive"),
            duration_min=self.whole(g.get("duration_min", 0), f"{w}.duration_min"),
            distance_km=self.number(self.get(g, "distance_km", w), f"{w}.distance_km"),
            drive_min=self.whole(g.get("drive_min", 0), f"{w}.drive_min"),
            price_rub=self.whole(g.get("price_rub", 0), f"{w}.price_rub"),
            break_min=self.whole(g.get("break_min", 0), f"{w}.break_min"),
            path=tuple(
                self.text(x, f"{w}.path") for x in self.sequence(g.get("path", []), f"{w}.path")
            ),
            geometry=tuple(geometry),  # type: ignore[arg-type]
        )

    def day(self, d: Any, w: str) -> Day:
        d = self.mapping(d, w)
        lunch = d.get("lunch")
        if lunch is not None:
            lunch = self.mapping(lunch, f"{w}.lunch")
        stops = self.sequence(self.get(d, "stops", w), f"{w}.stops")
        legs = self.sequence(self.get(d, "legs", w), f"{w}.legs")
        return Day(
            date=self.date(self.get(d, "date", w), f"{w}.date"),
            start_place=self.text(self.get(d, "start_place", w), f"{w}.start_place"),
            end_place=self.text(self.get(d, "end_place", w), f"{w}.end_place"),
            stops=tuple(self.stop(s, f"{w}.stops[{k}]") for k, s in enumerate(stops)),
            legs=tuple(self.leg(g, f"{w}.legs[{k}]") for k, g in enumerate(legs)),
            lunch_start=None
            if lunch is None
            else self.when(self.get(lunch, "start", w), f"{w}.lunch.start"),
            lunch_end=None
            if lunch is None
            else self.when(self.get(lunch, "end", w), f"{w}.lunch.end"),
            lodging=self.optional_text(d.get("lodging"), f"{w}.lodging"),
            lunch_place=None
            if lunch is None
            else self.optional_text(lunch.get("place"), f"{w}.lunch.place"),
            lunch_venue=None
            if lunch is None
            else self.optional_text(lunch.get("venue"), f"{w}.lunch.venue"),
        )

    def dropped(self, x: Any, w: str) -> Dropped:
        x = self.mapping(x, w)
        sid = self.text(self.get(x, "site_id", w), f"{w}.site_id")
        return Dropped(
            sid,
            self.text(x.get("name", sid), f"{w}.name"),
            self.text(x.get("reason", ""), f"{w}.reason"),
            self.text(x.get("name_en", ""), f"{w}.name_en"),
            self.text(x.get("reason_ru", ""), f"{w}.reason_ru"),
        )


def compute_kpis(
    it: Itinerary, lodging_prices: Mapping[str, int], *, quota_misses: Sequence[str] = ()
) -> Kpis:
    """The key figures of an itinerary.

    Parameters
    ----------
    it : Itinerary
    lodging_prices : mapping
        Lodging id to its price per person and night, roubles.
    quota_misses : sequence of str
        The per-day minimum quotas missed (computed by the planner).

    Returns
    -------
    Kpis
    """
    stops = it.stops
    cats = Counter(s.category for s in stops)
    industrial = sum(cats[c.value] for c in CHECKLIST_CATEGORIES)
    travel = sum(leg.duration_min for d in it.days for leg in d.legs)
    drive = tuple(round(sum(leg.drive_min for leg in d.legs) / 60, 2) for d in it.days)
    idle = sum(s.wait_min for s in stops)
    tickets = sum(s.price_rub for s in stops)
    fares = sum(leg.price_rub for d in it.days for leg in d.legs)
    nights = tuple(d.lodging for d in it.days if d.lodging)
    lodging = sum(lodging_prices.get(n, 0) for n in nights)
    return Kpis(
        score=round(sum(s.score for s in stops), 2),
        sites=len(stops),
        sites_by_category=dict(sorted(cats.items())),
        industrial_share=round(industrial / len(stops), 3) if stops else 0.0,
        travel_h=round(travel / 60, 2),
        drive_h_per_day=drive,
        distance_km=round(sum(leg.distance_km for d in it.days for leg in d.legs), 1),
        idle_h=round(idle / 60, 2),
        tickets_rub=tickets,
        fares_rub=fares,
        lodging_rub=lodging,
        cost_per_person_rub=tickets + fares + lodging,
        nights=nights,
        quota_misses=tuple(quota_misses),
        events=tuple(s.site_id for s in stops if s.category == "event"),
    )
