"""Planning a season: every departure its itinerary, no site's capacity exceeded.

Departures of a season share the enterprises' capacity (groups per day, per ISO week and per
excursion slot, ``capacity.csv``). :func:`plan_season` assigns every departure an itinerary in
three phases, each plan made by :func:`routeplanner.planner.plan`:

1. **Solo**: every departure is planned alone (in parallel). Its weighted score is the
   departure's *solo bound*: what it could have without the others (raised later if a plan
   made around the others' bookings happens to score more — the search is a heuristic).
2. **Reservations**: departures are taken in date order, in rounds of departures that share
   no ISO week (those cannot compete for any capacity, so a round runs in parallel). A
   departure whose solo plan fits the bookings already made keeps it; otherwise it is
   re-planned with every full site, day and slot closed to it (``plan(..., closed=...)``).
   Its visits are then booked.
3. **Improvement**: the departures that lost most against their solo bound (those below the
   fairness floor first) are re-planned *before* the departures that hold the capacity they
   lost: the move frees those holders' bookings, plans the loser first, then the holders
   around it, and is kept only when it raises the season's objective — first less shortfall
   below the fairness floor, then a higher total weighted score. Moves on disjoint weeks run
   in parallel. Passes repeat until one gains nothing (or ``improve.passes``).

Every solve is independent given its inputs, so under a work limit (``solver.max_solutions``)
the season is the same on one process, a process pool or a Dask cluster. Plans travel to and
from workers as JSON.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import datetime as dt
import multiprocessing
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .capacity import iso_week
from .catalog import Catalog
from .compare.run import load_context
from .exceptions import RouteplannerError, describe
from .model import TripRequest
from .planner import Closure, plan
from .result import Itinerary
from .season import Departure, SeasonSpec

__all__ = [
    "Booking",
    "Loss",
    "SeasonResult",
    "bookings_of",
    "plan_group",
    "plan_season",
    "weighted_score",
]

#: A visit that takes capacity: ``(site_id, date, slot)`` (slot None for a site without slots).
Booking = tuple[str, dt.date, dt.time | None]

_EPS = 1e-6


def weighted_score(itinerary: Itinerary | None) -> float:
    """The plan's score as the planner weighs it: Σ site score × the request's category weight.

    Zero for a missing or infeasible plan.
    """
    if itinerary is None or not itinerary.feasible:
        return 0.0
    weights = itinerary.scenario.category_weights
    return round(sum(s.score * weights.get(s.category, 1.0) for s in itinerary.stops), 2)


def bookings_of(itinerary: Itinerary | None, catalog: Catalog) -> list[Booking]:
    """The visits of a plan that take capacity (sites with a ``capacity.csv`` row)."""
    if itinerary is None or not itinerary.feasible:
        return []
    out = []
    for s in itinerary.stops:
        if s.site_id not in catalog.capacity:
            continue
        site = catalog.sites.get(s.site_id)
        slot = s.start.time() if site is not None and site.slots else None
        out.append((s.site_id, s.start.date(), slot))
    return out


class _Book:
    """Groups booked per site and day, ISO week and slot, by departure."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.by_dep: dict[str, list[Booking]] = {}
        self.day: Counter[tuple[str, dt.date]] = Counter()
        self.week: Counter[tuple[str, tuple[int, int]]] = Counter()
        self.slot: Counter[tuple[str, dt.date, dt.time]] = Counter()

    def add(self, dep: str, visits: Iterable[Booking]) -> None:
        visits = list(visits)
        if dep in self.by_dep:
            raise ValueError(f"departure {dep} is booked twice")
        self.by_dep[dep] = visits
        for sid, d, t in visits:
            self.day[sid, d] += 1
            self.week[sid, iso_week(d)] += 1
            if t is not None:
                self.slot[sid, d, t] += 1

    def remove(self, dep: str) -> list[Booking]:
        visits = self.by_dep.pop(dep, [])
        for sid, d, t in visits:
            self.day[sid, d] -= 1
            self.week[sid, iso_week(d)] -= 1
            if t is not None:
                self.slot[sid, d, t] -= 1
        return visits

    def full(self, sid: str, d: dt.date, t: dt.time | None) -> str | None:
        """Which limit (``day``, ``week``, ``slot``) leaves no room for one more group."""
        cap = self.catalog.capacity.get(sid)
        if cap is None:
            return None
        if cap.groups_per_day is not None and self.day[sid, d] >= cap.groups_per_day:
            return "day"
        if cap.groups_per_week is not None and self.week[sid, iso_week(d)] >= cap.groups_per_week:
            return "week"
        if (
            t is not None
            and cap.groups_per_slot is not None
            and self.slot[sid, d, t] >= cap.groups_per_slot
        ):
            return "slot"
        return None

    def fits(self, visits: Iterable[Booking]) -> bool:
        return all(self.full(*v) is None for v in visits)

    def closures(self, dates: Sequence[dt.date]) -> list[Closure]:
        """What a new departure on ``dates`` may not take: full days, weeks and slots."""
        out: list[Closure] = []
        for sid in sorted(self.catalog.capacity):
            site = self.catalog.sites.get(sid)
            if site is None:
                continue
            for d in dates:
                if self.full(sid, d, None) is not None:
                    out.append((sid, d, None))
                    continue
                out.extend((sid, d, t) for t in site.slots if self.full(sid, d, t) is not None)
        return out

    def holders(self, kind: str, sid: str, d: dt.date, t: dt.time | None) -> list[str]:
        """Departures holding the capacity cell of ``kind`` that ``(sid, d, t)`` falls in."""
        out = []
        for dep, visits in self.by_dep.items():
            for s2, d2, t2 in visits:
                if s2 != sid:
                    continue
                if (
                    (kind == "day" and d2 == d)
                    or (kind == "week" and iso_week(d2) == iso_week(d))
                    or (kind == "slot" and d2 == d and t2 == t)
                ):
                    out.append(dep)
                    break
        return sorted(out)

    def entries(self, weeks: set[tuple[int, int]], exclude: set[str]) -> list[list[Any]]:
        """The bookings on ``weeks`` of every departure but ``exclude``, as JSON-ready rows."""
        return [
            [dep, sid, d.isoformat(), None if t is None else t.strftime("%H:%M")]
            for dep in sorted(self.by_dep)
            if dep not in exclude
            for sid, d, t in self.by_dep[dep]
            if iso_week(d) in weeks
        ]


# --------------------------------------------------------------------------- the task


def _warm(data: str | None) -> None:
    """Process-pool initializer: load the catalog and network before the first task."""
    with contextlib.suppress(RouteplannerError):  # each task reports it
        load_context(data)


def _plan_group(payload: Mapping[str, Any], catalog: Catalog, network: Any) -> dict[str, Any]:
    t0 = time.perf_counter()
    book = _Book(catalog)
    fixed: dict[str, list[Booking]] = {}
    for dep, sid, d, t in payload.get("booked", ()):
        slot = None if t is None else dt.time.fromisoformat(t)
        fixed.setdefault(dep, []).append((sid, dt.date.fromisoformat(d), slot))
    for dep, visits in fixed.items():
        book.add(dep, visits)
    plans: dict[str, str | None] = {}
    errors: dict[str, str] = {}
    errors_ru: dict[str, str] = {}
    for item in payload["group"]:
        dep = str(item["id"])
        try:
            request = TripRequest.model_validate(item["request"])
            it = plan(request, catalog, network, closed=book.closures(request.dates))
            plans[dep] = it.to_json(indent=None)
            book.add(dep, bookings_of(it, catalog))
        except RouteplannerError as err:
            plans[dep], errors[dep], errors_ru[dep] = None, describe(err), describe(err, "ru")
        except Exception as err:  # one departure must never sink the season
            plans[dep], errors[dep] = None, f"{type(err).__name__}: {err}"
    return {
        "plans": plans,
        "errors": errors,
        "errors_ru": errors_ru,
        "wall_s": round(time.perf_counter() - t0, 3),
    }


def plan_group(payload: Mapping[str, Any]) -> dict[str, Any]:
    """Plan departures one after another around fixed bookings; the task workers run.

    Parameters
    ----------
    payload : mapping
        ``data`` (data folder as text, or None for the built-in data), ``group`` (a list of
        ``{"id", "request"}``, the request as ``TripRequest.model_dump(mode="json")``),
        ``booked`` (rows ``[departure, site_id, date, "HH:MM" or None]`` of the bookings held
        by other departures).

    Returns
    -------
    dict
        ``plans`` (departure id -> itinerary JSON text or None), ``errors`` (departure id ->
        text), ``wall_s``. Never raises for a departure's failure.
    """
    catalog, network = load_context(payload.get("data"))
    return _plan_group(payload, catalog, network)


# --------------------------------------------------------------------------- the result


@dataclass(frozen=True)
class Loss:
    """An enterprise a departure visited alone but not in the season, and why.

    ``reason`` is ``"day"``, ``"week"`` or ``"slot"`` (that capacity is held by ``holders``),
    ``"replanned"`` (its capacity was free, but the plan re-made around other bookings had no
    room for it) or ``"no_plan"`` (the departure has no plan).
    """

    departure: str
    site_id: str
    date: dt.date
    slot: dt.time | None
    reason: str
    holders: tuple[str, ...] = ()
    limit: int | None = None


@dataclass
class SeasonResult:
    """A planned season.

    Attributes
    ----------
    spec : SeasonSpec
    plans : dict of str to Itinerary or None
        The season's plan of each departure (None when the planner failed for it).
    solo : dict of str to Itinerary or None
        Each departure planned alone.
    solo_value : dict of str to float
        The solo bound of each departure: the best weighted score found for it alone.
    errors : dict of str to str
        Departures whose planning failed, with the error (English; see :meth:`error`).
    errors_ru : dict of str to str
        The same errors in Russian.
    moves : list of dict
        The improvement moves tried (``pass``, ``departure``, ``holders``, ``before``,
        ``after``, ``accepted``).
    stats : dict
        ``solves``, ``wall_s``, seconds per phase, ``rounds``.
    """

    spec: SeasonSpec
    plans: dict[str, Itinerary | None]
    solo: dict[str, Itinerary | None]
    solo_value: dict[str, float]
    errors: dict[str, str] = field(default_factory=dict)
    moves: list[dict[str, Any]] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)
    errors_ru: dict[str, str] = field(default_factory=dict)

    def error(self, dep: str, lang: str = "en") -> str | None:
        """Why the departure's planning failed, in ``lang`` (``None`` when it did not)."""
        if dep not in self.errors:
            return None
        return self.errors_ru.get(dep, self.errors[dep]) if lang == "ru" else self.errors[dep]

    def value(self, dep: str) -> float:
        """The weighted score of the departure's season plan (0 without a feasible plan)."""
        return weighted_score(self.plans.get(dep))

    @property
    def total(self) -> float:
        """Σ weighted score of the season's plans."""
        return round(sum(self.value(d.id) for d in self.spec.departures), 2)

    @property
    def bound(self) -> float:
        """Σ solo bounds: every departure as if it were alone."""
        return round(sum(self.solo_value.values()), 2)

    @property
    def share(self) -> float:
        """``total / bound`` (1.0 for an empty bound)."""
        return self.total / self.bound if self.bound > 0 else 1.0

    def floor(self, dep: str) -> float:
        """The fairness floor of a departure (0 without the fairness option)."""
        return (self.spec.fairness or 0.0) * self.solo_value.get(dep, 0.0)

    def below_floor(self) -> list[str]:
        """Departures whose season plan scores below their fairness floor."""
        if self.spec.fairness is None:
            return []
        return [d.id for d in self.spec.departures if self.value(d.id) < self.floor(d.id) - 0.005]

    def unplanned(self) -> list[str]:
        """Departures without a feasible season plan."""
        return [
            d.id
            for d in self.spec.departures
            if self.plans.get(d.id) is None or not self.plans[d.id].feasible  # type: ignore[union-attr]
        ]

    def losses(self, catalog: Catalog) -> list[Loss]:
        """Every enterprise (site with a capacity) of a solo plan missing from the season plan,
        with the capacity that kept it out."""
        book = _Book(catalog)
        for d in self.spec.departures:
            book.add(d.id, bookings_of(self.plans.get(d.id), catalog))
        out = []
        for d in self.spec.departures:
            solo = bookings_of(self.solo.get(d.id), catalog)
            final = self.plans.get(d.id)
            have = (
                {s.site_id for s in final.stops} if final is not None and final.feasible else set()
            )
            mine = book.remove(d.id)
            for sid, day, slot in solo:
                if sid in have:
                    continue
                if final is None or not final.feasible:
                    out.append(Loss(d.id, sid, day, slot, "no_plan"))
                    continue
                kind = book.full(sid, day, slot)
                if kind is None:
                    out.append(Loss(d.id, sid, day, slot, "replanned"))
                    continue
                cap = catalog.capacity[sid]
                out.append(
                    Loss(
                        d.id,
                        sid,
                        day,
                        slot,
                        kind,
                        tuple(book.holders(kind, sid, day, slot)),
                        cap.limit(kind),
                    )
                )
            book.add(d.id, mine)
        return out


# --------------------------------------------------------------------------- planning


class _Runner:
    """Runs groups of departures on an executor (or here), results in submission order."""

    def __init__(
        self,
        executor: cf.Executor | None,
        catalog: Catalog,
        network: Any,
        data: str | None,
        on_progress: Callable[[str, int, int], None] | None,
    ) -> None:
        self.executor = executor
        self.catalog = catalog
        self.network = network
        self.data = data
        self.on_progress = on_progress
        self.solves = 0

    def run(self, phase: str, payloads: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for p in payloads:
            p["data"] = self.data
        self.solves += sum(len(p["group"]) for p in payloads)
        total = len(payloads)
        outs: list[dict[str, Any]] = []
        if self.executor is None:
            for k, p in enumerate(payloads):
                outs.append(_plan_group(p, self.catalog, self.network))
                self._tick(phase, k + 1, total)
            return outs
        futures = [self.executor.submit(plan_group, p) for p in payloads]
        for done, _f in enumerate(cf.as_completed(futures), 1):
            self._tick(phase, done, total)
        for p, f in zip(payloads, futures, strict=True):
            try:
                outs.append(f.result())
            except Exception as err:  # a worker died or the cluster failed
                ids = [str(x["id"]) for x in p["group"]]
                text = f"the worker failed: {type(err).__name__}: {err}"
                outs.append({"plans": dict.fromkeys(ids), "errors": dict.fromkeys(ids, text)})
        return outs

    def _tick(self, phase: str, done: int, total: int) -> None:
        if self.on_progress is not None:
            self.on_progress(phase, done, total)


def _weeks(dep: Departure) -> set[tuple[int, int]]:
    return {iso_week(d) for d in dep.dates}


def _rounds(deps: Sequence[Departure]) -> list[list[Departure]]:
    """Departures in date order, coloured so that no two of a round share an ISO week."""
    colours: list[int] = []
    for i, dep in enumerate(deps):
        weeks = _weeks(dep)
        used = {colours[j] for j in range(i) if weeks & _weeks(deps[j])}
        colours.append(next(c for c in range(len(deps) + 1) if c not in used))
    n = max(colours, default=-1) + 1
    return [[d for d, c in zip(deps, colours, strict=True) if c == k] for k in range(n)]


@contextlib.contextmanager
def _pool(workers: int, data: str | None) -> Iterator[cf.Executor]:
    # spawn: a fresh interpreter per worker (forking a process running OR-Tools is unsafe)
    ctx = multiprocessing.get_context("spawn")
    with cf.ProcessPoolExecutor(
        max_workers=workers, mp_context=ctx, initializer=_warm, initargs=(data,)
    ) as pool:
        yield pool


def plan_season(
    spec: SeasonSpec,
    catalog: Catalog,
    network: Any,
    *,
    data: Path | str | None = None,
    workers: int = 1,
    executor: cf.Executor | None = None,
    on_progress: Callable[[str, int, int], None] | None = None,
) -> SeasonResult:
    """Plan every departure of a season within the sites' capacity.

    Parameters
    ----------
    spec : SeasonSpec
        From :func:`routeplanner.season.load_season`.
    catalog, network
        Used when planning in this process; workers load ``data`` themselves (the same data
        must give the same catalog).
    data : path, optional
        Catalog/network folder for the workers (default: the built-in data).
    workers : int
        Processes of a local pool when no ``executor`` is given (1: plan in this process).
    executor : concurrent.futures.Executor, optional
        Any executor (e.g. from :func:`routeplanner.executors.dask_executor`); used as is.
    on_progress : callable, optional
        Called with ``(phase, done, total)`` as groups of solves finish; phases are
        ``solo``, ``reserve`` and ``improve``.

    Returns
    -------
    SeasonResult
        No site's capacity is exceeded by its plans (re-check with
        :func:`routeplanner.season_check.check_season`).
    """
    if workers < 1:
        raise ValueError("workers must be at least 1")
    data_s = None if data is None else str(data)
    t0 = time.perf_counter()
    stats: dict[str, Any] = {}
    with contextlib.ExitStack() as stack:
        if executor is None and workers > 1 and len(spec.departures) > 1:
            executor = stack.enter_context(_pool(workers, data_s))
        runner = _Runner(executor, catalog, network, data_s, on_progress)
        state = _Season(spec, catalog, runner)
        state.solo_phase()
        stats["solo_s"] = round(time.perf_counter() - t0, 2)
        t1 = time.perf_counter()
        stats["rounds"] = state.reserve_phase()
        stats["reserve_s"] = round(time.perf_counter() - t1, 2)
        t2 = time.perf_counter()
        stats["passes"] = state.improve_phase()
        stats["improve_s"] = round(time.perf_counter() - t2, 2)
    stats["solves"] = runner.solves
    stats["wall_s"] = round(time.perf_counter() - t0, 2)
    return SeasonResult(
        spec=spec,
        plans=state.plans,
        solo=state.solo,
        solo_value=state.best,
        errors=state.errors,
        moves=state.moves,
        stats=stats,
        errors_ru=state.errors_ru,
    )


class _Season:
    """The season being planned: plans, bookings and the solo bounds."""

    def __init__(self, spec: SeasonSpec, catalog: Catalog, runner: _Runner) -> None:
        self.spec = spec
        self.catalog = catalog
        self.runner = runner
        self.deps = {d.id: d for d in spec.departures}
        self.plans: dict[str, Itinerary | None] = {}
        self.solo: dict[str, Itinerary | None] = {}
        self.best: dict[str, float] = {}
        self.errors: dict[str, str] = {}
        self.errors_ru: dict[str, str] = {}
        self.moves: list[dict[str, Any]] = []
        self.book = _Book(catalog)

    # -- helpers

    def _item(self, dep: Departure) -> dict[str, Any]:
        return {"id": dep.id, "request": dep.request.model_dump(mode="json")}

    def _read(self, out: Mapping[str, Any]) -> dict[str, Itinerary | None]:
        got: dict[str, Itinerary | None] = {}
        for dep, text in out["plans"].items():
            it = None
            if text is not None:
                try:
                    it = Itinerary.from_json(text, source=f"departure {dep}")
                except RouteplannerError as err:
                    out["errors"][dep] = describe(err)
                    out.setdefault("errors_ru", {})[dep] = describe(err, "ru")
            got[dep] = it
            value = weighted_score(it)
            if value > self.best.get(dep, 0.0):
                self.best[dep] = value  # a feasible plan of this departure, alone or not
        return got

    def _fail(self, out: Mapping[str, Any]) -> None:
        for dep, text in out.get("errors", {}).items():
            self.errors[dep] = text
            self.errors_ru[dep] = out.get("errors_ru", {}).get(dep, text)

    def _value(self, dep: str, plans: Mapping[str, Itinerary | None] | None = None) -> float:
        return weighted_score((plans or self.plans).get(dep))

    def _shortfall(self, dep: str, value: float) -> float:
        floor = (self.spec.fairness or 0.0) * self.best.get(dep, 0.0)
        return max(0.0, floor - value)

    # -- phases

    def solo_phase(self) -> None:
        deps = list(self.spec.departures)
        outs = self.runner.run("solo", [{"group": [self._item(d)], "booked": []} for d in deps])
        for dep, out in zip(deps, outs, strict=True):
            self._fail(out)
            self.solo[dep.id] = self._read(out).get(dep.id)
            self.best.setdefault(dep.id, 0.0)

    def reserve_phase(self) -> int:
        rounds = _rounds(self.spec.departures)
        for rnd in rounds:
            todo = []
            for dep in rnd:
                it = self.solo.get(dep.id)
                visits = bookings_of(it, self.catalog)
                if it is None or not it.feasible or self.book.fits(visits):
                    self.plans[dep.id] = it
                    self.book.add(dep.id, visits)
                else:
                    todo.append(dep)
            payloads = [
                {"group": [self._item(d)], "booked": self.book.entries(_weeks(d), set())}
                for d in todo
            ]
            for dep, out in zip(todo, self.runner.run("reserve", payloads), strict=True):
                self._fail(out)
                it = self._read(out).get(dep.id)
                self.plans[dep.id] = it
                self.book.add(dep.id, bookings_of(it, self.catalog))
        return len(rounds)

    def _move(self, dep: str) -> tuple[str, list[str]] | None:
        """The holders of the capacity ``dep`` lost against its solo plan (None: no move)."""
        current = self.plans.get(dep)
        have = (
            {s.site_id for s in current.stops}
            if current is not None and current.feasible
            else set()
        )
        mine = self.book.remove(dep)
        holders: list[str] = []
        needs: dict[str, bool] = {}  # the holder must visit a contested site: it cannot yield
        try:
            for sid, d, t in bookings_of(self.solo.get(dep), self.catalog):
                if sid in have:
                    continue
                kind = self.book.full(sid, d, t)
                if kind is None:
                    continue
                for h in self.book.holders(kind, sid, d, t):
                    if h not in holders:
                        holders.append(h)
                    needs[h] = needs.get(h, False) or sid in self.deps[h].request.must_visit
        finally:
            self.book.add(dep, mine)
        if not holders:
            return None
        # displace first the holders that can yield and lose least by it
        holders.sort(key=lambda h: (needs[h], self.best.get(h, 0.0) - self._value(h), h))
        chosen = holders[: self.spec.max_holders]
        # re-plan those with a must-visit first: they have the fewest options
        return dep, sorted(chosen, key=lambda h: (not needs[h], h))

    def improve_phase(self) -> int:
        passes = 0
        for n in range(self.spec.improve_passes):
            passes = n + 1
            gained = False
            tried: set[str] = set()
            while True:
                losers = sorted(
                    (
                        d.id
                        for d in self.spec.departures
                        if d.id not in tried
                        and self.solo.get(d.id) is not None
                        and self._value(d.id) < self.best.get(d.id, 0.0) - _EPS
                    ),
                    key=lambda d: (
                        -self._shortfall(d, self._value(d)),
                        -(self.best[d] - self._value(d)),
                        d,
                    ),
                )
                if not losers:
                    break
                batch: list[tuple[str, list[str]]] = []
                taken: set[tuple[int, int]] = set()
                for dep in losers:
                    move = self._move(dep)
                    if move is None:
                        tried.add(dep)
                        continue
                    weeks = set().union(*(_weeks(self.deps[x]) for x in [dep, *move[1]]))
                    if weeks & taken:
                        continue  # next batch (its move is recomputed then)
                    taken |= weeks
                    tried.add(dep)
                    batch.append(move)
                if not batch:
                    break
                gained |= self._run_moves(batch, passes)
            if not gained:
                break
        return passes

    def _run_moves(self, batch: list[tuple[str, list[str]]], pass_no: int) -> bool:
        payloads = []
        for dep, holders in batch:
            group = [dep, *holders]
            weeks = set().union(*(_weeks(self.deps[x]) for x in group))
            payloads.append(
                {
                    "group": [self._item(self.deps[x]) for x in group],
                    "booked": self.book.entries(weeks, set(group)),
                }
            )
        gained = False
        for (dep, holders), out in zip(batch, self.runner.run("improve", payloads), strict=True):
            group = [dep, *holders]
            new = self._read(out)
            before = [self._value(x) for x in group]
            after = [weighted_score(new.get(x)) for x in group]
            short_b = sum(self._shortfall(x, v) for x, v in zip(group, before, strict=True))
            short_a = sum(self._shortfall(x, v) for x, v in zip(group, after, strict=True))
            # a departure that had a plan must keep one
            kept_plans = all(
                new.get(x) is not None and new[x].feasible  # type: ignore[union-attr]
                for x in group
                if self.plans.get(x) is not None and self.plans[x].feasible  # type: ignore[union-attr]
            )
            better = short_a < short_b - _EPS or (
                short_a <= short_b + _EPS and sum(after) > sum(before) + _EPS
            )
            accepted = kept_plans and better and not out.get("errors")
            self.moves.append(
                {
                    "pass": pass_no,
                    "departure": dep,
                    "holders": list(holders),
                    "before": round(sum(before), 2),
                    "after": round(sum(after), 2),
                    "accepted": accepted,
                }
            )
            if not accepted:
                continue
            gained = True
            for x in group:
                self.book.remove(x)
            for x in group:
                self.plans[x] = new.get(x)
                self.book.add(x, bookings_of(new.get(x), self.catalog))
        return gained
