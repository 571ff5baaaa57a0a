"""The itinerary: days, stops, legs, dropped sites, KPIs; tables and JSON.

``itinerary.json`` (``Itinerary.to_json``) holds ``scenario``, ``feasible``, ``problems``,
``days[]`` (``date``, ``start_place``, ``end_place``, ``lodging``, ``stops[]`` with ``site_id``,
``name``, ``arrive``, ``start``, ``end`` as ISO local datetimes, ``legs[]`` with ``from``, ``to``,
``mode``, ``depart``, ``arrive``, ``distance_km`` and the path), ``dropped[]`` (``site_id``,
``reason``), ``kpis{}`` and ``solver{}``. ``Itinerary.from_json`` reads it back.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from .exceptions import Issue, ItineraryError
from .model import TripRequest
from .reasons import Reason
from .regulations import applicable_rules, break_seconds

if TYPE_CHECKING:
    from .model import Problem
    from .planner import PlanContext
    from .solve import Solution

__all__ = ["Day", "Dropped", "Itinerary", "Leg", "Stop", "build_itinerary"]

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

    @property
    def depart(self) -> dt.datetime | None:
        """When the day leaves its start place."""
        return self.legs[0].depart if self.legs else None

    @property
    def finish(self) -> dt.datetime | None:
        """When the day reaches its end place."""
        return self.legs[-1].arrive if self.legs else None


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
    kpis : dict
        ``score``, ``sites``, ``sites_by_category``, ``industrial_share``, ``travel_h``,
        ``drive_h_per_day``, ``distance_km``, ``idle_h``, ``cost_per_person_rub``,
        ``tickets_rub``, ``fares_rub``, ``lodging_rub``, ``nights``, ``events`` (ids of the
        dated events visited).
    solver : dict
        ``status``, ``runtime_s``, ``first_solution_s``, ``history``.
    warnings, warnings_ru : list of str
        Soft problems of a feasible plan (e.g. a stop far from any road), in English and
        Russian.
    """

    scenario: TripRequest
    feasible: bool
    problems: list[str] = field(default_factory=list)
    problems_ru: list[str] = field(default_factory=list)
    days: list[Day] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    kpis: dict[str, Any] = field(default_factory=dict)
    solver: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    warnings_ru: list[str] = field(default_factory=list)
    #: ids of the transport regulations the plan follows (see ``routeplanner.regulations``)
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
        return pd.DataFrame(rows, columns=columns)

    def summary(self, *, lang: str = "ru", names: dict[str, str] | None = None) -> str:
        """A readable day-by-day programme as plain text."""
        from .i18n import t

        names = names or {}
        out = [f"{t('trip', lang)}: {self.scenario.name}"]
        if not self.feasible:
            out.append(t("infeasible", lang))
            out += [f"  - {p}" for p in self.problem_texts(lang)]
            return "\n".join(out)
        for w in self.warning_texts(lang):
            out.append(f"{t('warning', lang)}: {w}")
        for di, day in enumerate(self.days, 1):
            out.append(f"\n{t('day', lang)} {di} — {day.date.isoformat()}")
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
                out.append(f"  {t('lunch', lang)}: {day.lunch_start:%H:%M}–{day.lunch_end:%H:%M}")
            if day.lodging:
                out.append(f"  {t('overnight', lang)}: {names.get(day.lodging, day.lodging)}")
        k = self.kpis
        out.append(
            f"\n{t('score', lang)}: {k.get('score', 0):.1f}; {t('sites', lang)}: "
            f"{k.get('sites', 0)}; {t('travel', lang)}: "
            f"{k.get('travel_h', 0):.1f} {t('unit_h', lang)}; "
            f"{k.get('distance_km', 0):.0f} {t('unit_km', lang)}; {t('cost', lang)}: "
            f"{k.get('cost_per_person_rub', 0)} {t('unit_rub', lang)}"
        )
        for miss in k.get("quota_misses", []):
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
                    else {"start": iso(d.lunch_start), "end": iso(d.lunch_end)},
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
            "dropped": [asdict(x) for x in self.dropped],
            "kpis": self.kpis,
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
            raise ItineraryError([Issue(source, err.lineno, None, f"not JSON: {err.msg}")]) from err
        return cls.from_dict(raw, source=source)

    @classmethod
    def read(cls, path: str | os.PathLike[str]) -> Itinerary:
        """Read an ``itinerary.json`` file.

        Raises
        ------
        ItineraryError
            The file cannot be read, is not UTF-8 or not such an itinerary (names the key).
        """
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise ItineraryError([Issue(str(path), None, None, f"cannot read: {err}")]) from err
        return cls.from_json(text, source=str(path))

    @classmethod
    def from_dict(cls, raw: Any, *, source: str = "itinerary.json") -> Itinerary:
        """Build from the dict layout of :meth:`to_dict`."""
        from pydantic import ValidationError

        def fail(key: str, msg: str) -> ItineraryError:
            return ItineraryError([Issue(source, None, key, msg)])

        if not isinstance(raw, dict):
            raise fail("(top level)", "must be a JSON object")
        for key in ("scenario", "feasible", "days"):
            if key not in raw:
                raise fail(key, "missing")
        try:
            scenario = TripRequest.model_validate(raw["scenario"])
        except ValidationError as err:
            e = err.errors()[0]
            raise fail("scenario." + ".".join(str(x) for x in e["loc"]), e["msg"]) from err
        days = []
        try:
            for di, d in enumerate(raw["days"]):
                where = f"days[{di}]"
                stops = tuple(
                    Stop(
                        site_id=s["site_id"],
                        name=s["name"],
                        name_en=s.get("name_en", s["name"]),
                        category=s.get("category", ""),
                        lat=float(s.get("lat", 0)),
                        lon=float(s.get("lon", 0)),
                        arrive=dt.datetime.fromisoformat(s["arrive"]),
                        start=dt.datetime.fromisoformat(s["start"]),
                        end=dt.datetime.fromisoformat(s["end"]),
                        score=float(s.get("score", 0)),
                        price_rub=int(s.get("price_rub", 0)),
                        added=bool(s.get("added", False)),
                    )
                    for s in d["stops"]
                )
                legs = tuple(
                    Leg(
                        origin=leg["from"],
                        destination=leg["to"],
                        mode=leg["mode"],
                        modes=tuple(leg.get("modes", [leg["mode"]])),
                        depart=dt.datetime.fromisoformat(leg["depart"]),
                        arrive=dt.datetime.fromisoformat(leg["arrive"]),
                        duration_min=int(leg.get("duration_min", 0)),
                        distance_km=float(leg["distance_km"]),
                        drive_min=int(leg.get("drive_min", 0)),
                        price_rub=int(leg.get("price_rub", 0)),
                        path=tuple(leg.get("path", ())),
                        geometry=tuple(tuple(p) for p in leg.get("geometry", ())),
                        break_min=int(leg.get("break_min", 0)),
                    )
                    for leg in d["legs"]
                )
                lunch = d.get("lunch")
                days.append(
                    Day(
                        date=dt.date.fromisoformat(d["date"]),
                        start_place=d["start_place"],
                        end_place=d["end_place"],
                        stops=stops,
                        legs=legs,
                        lunch_start=dt.datetime.fromisoformat(lunch["start"]) if lunch else None,
                        lunch_end=dt.datetime.fromisoformat(lunch["end"]) if lunch else None,
                        lodging=d.get("lodging"),
                    )
                )
        except KeyError as err:
            raise fail(f"{where}", f"missing key {err}") from err
        except (TypeError, ValueError) as err:
            raise fail(f"{where}", f"bad value: {err}") from err
        dropped = [
            Dropped(
                x["site_id"],
                x.get("name", x["site_id"]),
                x.get("reason", ""),
                x.get("name_en", ""),
                x.get("reason_ru", ""),
            )
            for x in raw.get("dropped", [])
        ]
        return cls(
            scenario=scenario,
            feasible=bool(raw["feasible"]),
            problems=list(raw.get("problems", [])),
            problems_ru=list(raw.get("problems_ru", [])),
            days=days,
            dropped=dropped,
            kpis=dict(raw.get("kpis", {})),
            solver=dict(raw.get("solver", {})),
            warnings=[str(w) for w in raw.get("warnings", [])],
            warnings_ru=[str(w) for w in raw.get("warnings_ru", [])],
            regulations=[str(r) for r in raw.get("regulations", [])],
        )


def compute_kpis(it: Itinerary, lodging_prices: dict[str, int]) -> dict[str, Any]:
    """KPIs of an itinerary (see :class:`Itinerary`)."""
    stops = it.stops
    cats = Counter(s.category for s in stops)
    industrial = sum(cats[c] for c in ("industrial", "energy", "food"))
    travel = sum(leg.duration_min for d in it.days for leg in d.legs)
    drive = [round(sum(leg.drive_min for leg in d.legs) / 60, 2) for d in it.days]
    idle = sum(s.wait_min for s in stops)
    tickets = sum(s.price_rub for s in stops)
    fares = sum(leg.price_rub for d in it.days for leg in d.legs)
    nights = [d.lodging for d in it.days if d.lodging]
    lodging = sum(lodging_prices.get(n, 0) for n in nights)
    return {
        "score": round(sum(s.score for s in stops), 2),
        "sites": len(stops),
        "sites_by_category": dict(sorted(cats.items())),
        "industrial_share": round(industrial / len(stops), 3) if stops else 0.0,
        "travel_h": round(travel / 60, 2),
        "drive_h_per_day": drive,
        "distance_km": round(sum(leg.distance_km for d in it.days for leg in d.legs), 1),
        "idle_h": round(idle / 60, 2),
        "tickets_rub": tickets,
        "fares_rub": fares,
        "lodging_rub": lodging,
        "cost_per_person_rub": tickets + fares + lodging,
        "nights": nights,
        "events": [s.site_id for s in stops if s.category == "event"],
    }


def build_itinerary(
    ctx: PlanContext, problem: Problem, solution: Solution, reasons: dict[str, Reason]
) -> Itinerary:
    """Decode a solution into an :class:`Itinerary` with legs along network paths."""
    req = ctx.request
    catalog = ctx.catalog
    base = dt.datetime.combine(req.start_date, dt.time(0, 0))
    rules = applicable_rules(req)
    breaks = any(r.id == "driver_breaks" for r in rules)

    def at(seconds: int) -> dt.datetime:
        return base + dt.timedelta(seconds=int(seconds))

    days: list[Day] = []
    for k, (route, sched) in enumerate(zip(solution.routes, solution.schedules, strict=True)):
        spec = problem.days[k]
        date = ctx.dates[k]
        start_place, end_place = ctx.day_places[k]
        if sched is None:
            raise RuntimeError("an infeasible route reached the itinerary builder")
        stops = []
        for j, vi in enumerate(route):
            site = catalog.sites[problem.visits[vi].key]
            stops.append(
                Stop(
                    site_id=site.id,
                    name=site.name_ru,
                    name_en=site.name_en,
                    category=site.category.value,
                    lat=site.lat,
                    lon=site.lon,
                    arrive=at(sched.arrive[j]),
                    start=at(sched.start[j]),
                    end=at(sched.end[j]),
                    score=site.score,
                    price_rub=site.price_rub,
                )
            )
        seq = [start_place, *(s.site_id for s in stops), end_place]
        legs = []
        t_dep = sched.depart
        matrix = ctx.matrices[spec.matrix]
        index = {p: i for i, p in enumerate(ctx.places)}
        for j, (a, b) in enumerate(itertools.pairwise(seq)):
            t_arr = sched.arrive[j] if j < len(stops) else sched.finish
            if j > 0:
                t_dep = sched.end[j - 1]
            # a lunch taken on arrival keeps the leg's arrival; one en route lengthens it
            if a == b:
                legs_net = None
            else:
                legs_net = ctx.network.leg(a, b, date, profile=req.profile, modes=req.modes)
            ia, ib = index[a], index[b]
            pause = int(break_seconds(int(matrix.drive_s[ia, ib]))) if breaks else 0
            dur = int(matrix.duration_s[ia, ib]) + pause
            legs.append(
                Leg(
                    origin=a,
                    destination=b,
                    mode=legs_net.main_mode if legs_net else "road",
                    modes=tuple(legs_net.modes) if legs_net else ("road",),
                    depart=at(t_dep),
                    arrive=at(t_arr if j < len(stops) else max(t_arr, t_dep + dur)),
                    duration_min=round(dur / 60),
                    distance_km=round(int(matrix.distance_m[ia, ib]) / 1000, 1),
                    drive_min=round(int(matrix.drive_s[ia, ib]) / 60),
                    price_rub=int(matrix.price_rub[ia, ib]),
                    path=tuple(legs_net.path) if legs_net else (a, b),
                    geometry=tuple(legs_net.coords) if legs_net else (),
                    break_min=round(pause / 60),
                )
            )
        lunch_start = lunch_end = None
        if sched.lunch_start is not None:
            lunch_start = at(sched.lunch_start)
            lunch_end = at(sched.lunch_start + spec.lunch_s)
        lodging = end_place if end_place in catalog.lodgings and k < req.days - 1 else None
        days.append(
            Day(
                date,
                start_place,
                end_place,
                tuple(stops),
                tuple(legs),
                lunch_start,
                lunch_end,
                lodging,
            )
        )
    dropped = [
        Dropped(
            sid,
            catalog.sites[sid].name_ru,
            reason.text("en"),
            catalog.sites[sid].name_en,
            reason.text("ru"),
        )
        for sid, reason in sorted(reasons.items())
    ]
    it = Itinerary(
        scenario=req,
        feasible=solution.feasible,
        problems=list(solution.problems),
        days=days,
        dropped=dropped,
        solver={
            "status": solution.status,
            "runtime_s": round(solution.runtime_s, 3),
            "first_solution_s": (
                round(solution.first_solution_s, 3)
                if solution.first_solution_s is not None
                else None
            ),
            "history": [[round(t, 3), p] for t, p in solution.history],
        },
    )
    it.kpis = compute_kpis(it, {lid: lo.price_rub for lid, lo in catalog.lodgings.items()})
    # a per-day minimum is a soft target: say where it was missed
    misses = []
    for q in req.quotas:
        if q.per == "day" and q.min:
            for di, day in enumerate(it.days, 1):
                n = sum(1 for s in day.stops if s.category == q.category.value)
                if n < q.min:
                    misses.append(f"day {di}: {n} {q.category.value} visit(s), target {q.min}")
    it.kpis["quota_misses"] = misses
    far = far_from_road_reasons(ctx.network, [p for d in it.days for p in _day_places(d)])
    it.warnings = [r.text("en") for r in far]
    it.warnings_ru = [r.text("ru") for r in far]
    it.regulations = [r.id for r in rules]
    return it


def _day_places(day: Day) -> list[str]:
    return [day.start_place, *(s.site_id for s in day.stops), day.end_place]


def far_from_road_reasons(network: Any, places: Sequence[str]) -> list[Reason]:
    """A warning for each of ``places`` off the road network (see
    :meth:`routeplanner.network.Network.far_from_road`), naming the place, distance and node."""
    out = []
    for far in network.far_from_road(places):
        out.append(
            Reason(
                "far_from_road",
                {
                    "place": (network.name(far.place_id, "ru"), network.name(far.place_id, "en")),
                    "km": f"{far.distance_km:.0f}",
                    "node": (network.name(far.node, "ru"), network.name(far.node, "en")),
                },
            )
        )
    return out
