"""Embedding industrial stops into tours that already exist; the ranked insertion report.

A tour company's route is read by :func:`routeplanner.tours.load_tour` (re-exported here):
ordered stops per day, fixed times where the tour has them, the lodging of each night. The tour
becomes the planner's own problem with its stops required, fixed stops
pinned to their times, the order of the stops kept (unless reordering is allowed) and each day
allowed to grow by at most ``max_extra_per_day_min``. Then

- :func:`insertion_report` tries every candidate in every gap of the tour and ranks them;
- :func:`embed` inserts the best set of candidates with the same OR-Tools model as the planner,
  starting from the tour itself (its routes are the initial solution), and marks what is new.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd
from pydantic import ValidationError

from ._schedule import DaySchedule, simulate
from .catalog import Catalog
from .decode import PlanContext, build_itinerary
from .exceptions import Issue, Msg, ScenarioError, clip, pydantic_issues
from .explain import explain_drops
from .model import CHECKLIST_CATEGORIES, Problem, Site, SolverSettings
from .network import Network
from .planner import build_problem
from .reasons import Reason
from .result import Itinerary, Kpis
from .solve import Solution, evaluate, solve
from .tours import Tour, TourError, TourStop, load_tour

__all__ = ["Tour", "TourError", "TourStop", "embed", "insertion_report", "load_tour"]

_DAY = 86_400


# ----------------------------------------------------------------------------- the model


@dataclass
class _Setup:
    catalog: Catalog
    network: Network
    ctx: PlanContext
    problem: Problem
    original_routes: list[list[int]]
    original: list[DaySchedule]
    candidates: list[str]
    messages: list[str] = field(default_factory=list)


def _default_candidates(catalog: Catalog) -> list[str]:
    return [s.id for s in catalog.sites.values() if s.category in CHECKLIST_CATEGORIES]


def _setup(
    tour: Tour,
    catalog: Catalog,
    network: Network,
    candidates: Iterable[str] | None,
    max_extra_per_day_min: int,
    allow_reorder: bool,
    time_limit_s: float | None,
) -> _Setup:
    originals = tour.stop_ids
    cands = [
        c
        for c in (list(candidates) if candidates is not None else _default_candidates(catalog))
        if c not in originals
    ]
    unknown = [c for c in cands if c not in catalog.sites]
    if unknown:
        raise ScenarioError(
            [
                Issue(
                    "candidates",
                    None,
                    None,
                    Msg(
                        "err.not_site",
                        {
                            "key": "candidates",
                            "id": clip(c, 80),
                            "closest": Msg("err.closest", {"ids": ", ".join(catalog.suggest(c))}),
                        },
                    ),
                    True,
                )
                for c in unknown
            ]
        )
    solver = tour.request.solver
    if time_limit_s is not None:
        try:
            solver = SolverSettings.model_validate(
                solver.model_dump() | {"time_limit_s": time_limit_s}
            )
        except ValidationError as err:
            issues = pydantic_issues(err.errors()[:1], "embed")
            raise ScenarioError([dataclasses.replace(issues[0], field="time_limit_s")]) from err
    req = tour.request.model_copy(
        update={
            "candidates": tuple(originals + cands),
            "must_visit": tuple(originals),
            "solver": solver,
        }
    )
    problem, ctx = build_problem(req, catalog, network)
    cat, net = ctx.catalog, ctx.network
    index = {v.key: i for i, v in enumerate(problem.visits)}
    visits = list(problem.visits)
    routes: list[list[int]] = []
    for d, day in enumerate(tour.days):
        route = []
        for stop in day:
            i = index[stop.place_id]
            v = visits[i]
            service = v.service_s  # the tour's own visit length (visit_minutes) applies
            if stop.fixed is not None:
                t = d * _DAY + stop.fixed.hour * 3600 + stop.fixed.minute * 60
                windows: tuple[tuple[int, int], ...] = ((t, t),)
            else:
                windows = tuple((a, b) for a, b in v.windows if d * _DAY <= a < (d + 1) * _DAY)
                if not windows:  # the tour visits it anyway: keep it inside its day
                    windows = ((d * _DAY, (d + 1) * _DAY - 1),)
            visits[i] = dataclasses.replace(
                v, windows=windows, days=frozenset({d}), service_s=service
            )
            route.append(i)
        routes.append(route)
    precedences = (
        () if allow_reorder else tuple((r[k], r[k + 1]) for r in routes for k in range(len(r) - 1))
    )
    problem = dataclasses.replace(problem, visits=tuple(visits), precedences=precedences)
    schedules, problems = evaluate(problem, routes)
    broken: list[str | Msg] = [
        p for p in problems if "required visit" not in p and "cannot be scheduled" not in p
    ]
    for d, sched in enumerate(schedules):
        if sched is None:
            broken.append(_why_day_fails(problem, d, routes[d], cat))
    if broken:
        raise TourError(
            [Issue(tour.source, None, None, Msg("err.embed.no_fit", {"why": b})) for b in broken]
        )
    # each day may grow by at most the allowance, never start earlier than it did
    days = []
    for spec, sched in zip(problem.days, schedules, strict=True):
        assert sched is not None
        # the allowance never goes past the request's own day window
        latest = min(sched.finish + max_extra_per_day_min * 60, spec.latest_end_s)
        days.append(dataclasses.replace(spec, latest_end_s=max(latest, sched.finish)))
    problem = dataclasses.replace(problem, days=tuple(days))
    ctx.problem = problem
    return _Setup(cat, net, ctx, problem, routes, list(schedules), cands)  # type: ignore[arg-type]


def _why_day_fails(problem: Problem, d: int, route: list[int], catalog: Catalog) -> Msg:
    """Name the first stop of a day that cannot be made, with the rules relaxed one by one."""
    day = problem.days[d]
    open_day = dataclasses.replace(
        day, latest_end_s=(d + 1) * _DAY - 1, max_drive_s=None, lunch_window_s=None, lunch_s=0
    )
    for k in range(1, len(route) + 1):
        if simulate(problem, open_day, route[:k]) is None:
            v = problem.visits[route[k - 1]]
            place = catalog.place(v.key)
            when = ", ".join(f"{_fmt(a)}" + (f"–{_fmt(b)}" if b > a else "") for a, b in v.windows)
            return Msg(
                "err.embed.late",
                {
                    "n": d + 1,
                    "name": (place.name("ru"), place.name("en")),
                    "when": when,
                    "start": _fmt(day.earliest_start_s),
                },
            )
    if (
        simulate(problem, open_day, route) is not None
        and simulate(
            problem,
            dataclasses.replace(day, max_drive_s=None, lunch_window_s=None, lunch_s=0),
            route,
        )
        is None
    ):
        return Msg("err.embed.ends_late", {"n": d + 1, "end": _fmt(day.latest_end_s)})
    if simulate(problem, dataclasses.replace(day, max_drive_s=None), route) is None:
        return Msg("err.embed.no_lunch", {"n": d + 1})
    return Msg("err.embed.drive", {"n": d + 1})


def _fmt(t: int) -> str:
    return f"{(t % _DAY) // 3600:02d}:{(t % 3600) // 60:02d}"


def insertion_report(
    tour: Tour,
    catalog: Catalog,
    network: Network,
    *,
    candidates: Iterable[str] | None = None,
    max_extra_per_day_min: int = 120,
    allow_reorder: bool = False,
) -> pd.DataFrame:
    """Rank every candidate by where it fits best into the tour, and say why others do not.

    For each candidate, every gap of every day is tried with the tour's own order and times
    (fixed stops stay put); the best gap is the one that adds the least travel time.

    Returns
    -------
    pandas.DataFrame
        One row per candidate, best first. Columns: ``rank``, ``site_id``, ``name``,
        ``name_en``, ``category``, ``score``, ``fits``, ``day`` (1-based), ``after``,
        ``before`` (neighbouring stop ids), ``start`` (HH:MM of the inserted visit),
        ``added_travel_min``, ``added_day_min`` (later return), ``added_km``,
        ``added_cost_rub`` (ticket + fares, per person), ``next_stop_shift_min`` (how much
        later the following stop starts), ``effect`` and ``effect_ru`` (in words, English and
        Russian), ``reason`` and ``reason_ru`` (why it does not fit).
    """
    del allow_reorder  # the report keeps the tour's order; embed() may reorder
    st = _setup(tour, catalog, network, candidates, max_extra_per_day_min, False, None)
    p = st.problem
    index = {v.key: i for i, v in enumerate(p.visits)}
    as_is = Solution(
        routes=tuple(tuple(r) for r in st.original_routes),
        schedules=tuple(st.original),
        prize=0,
        travel_s=sum(s.travel_s for s in st.original),
        feasible=True,
    )
    # the same reasons the planner gives, against the tour as it is
    explained = explain_drops(st.ctx, p, as_is)
    rows = []
    for sid in st.candidates:
        site = st.catalog.sites[sid]
        base = {
            "site_id": sid,
            "name": site.name_ru,
            "name_en": site.name_en,
            "category": site.category.value,
            "score": site.score,
        }
        if sid not in index:
            why = explained.get(sid, Reason("no_day"))
            rows.append(
                {**base, "fits": False, "reason": why.text("en"), "reason_ru": why.text("ru")}
            )
            continue
        i = index[sid]
        best: tuple[int, int, int, DaySchedule] | None = None
        for d, day in enumerate(p.days):
            route = st.original_routes[d]
            for pos in range(len(route) + 1):
                cand = [*route[:pos], i, *route[pos:]]
                sched = simulate(p, day, cand)
                if sched is None:
                    continue
                _s, probs = evaluate(
                    p, [cand if k == d else list(rr) for k, rr in enumerate(st.original_routes)]
                )
                if any("before" in x or "budget" in x or "quota" in x for x in probs):
                    continue
                added = sched.travel_s - st.original[d].travel_s
                if best is None or added < best[0]:
                    best = (added, d, pos, sched)
        if best is None:
            why = explained[sid]
            rows.append(
                {**base, "fits": False, "reason": why.text("en"), "reason_ru": why.text("ru")}
            )
            continue
        added, d, pos, sched = best
        route = st.original_routes[d]
        orig = st.original[d]
        prev_id = p.location_keys[p.visits[route[pos - 1]].location] if pos else None
        next_id = p.location_keys[p.visits[route[pos]].location] if pos < len(route) else None
        shift = (sched.start[pos + 1] - orig.start[pos]) // 60 if pos < len(route) else 0
        m = st.ctx.matrices[p.days[d].matrix]
        idx = {k: n for n, k in enumerate(st.ctx.places)}
        a = prev_id or st.ctx.day_places[d][0]
        b = next_id or st.ctx.day_places[d][1]
        added_m = (
            int(m.distance_m[idx[a], idx[sid]])
            + int(m.distance_m[idx[sid], idx[b]])
            - int(m.distance_m[idx[a], idx[b]])
        )
        added_fare = (
            int(m.price_rub[idx[a], idx[sid]])
            + int(m.price_rub[idx[sid], idx[b]])
            - int(m.price_rub[idx[a], idx[b]])
        )
        if next_id and shift > 0:
            nxt = st.catalog.place(next_id)
            stop = (nxt.name("ru"), nxt.name("en"))
            effect = Reason("effect_later", {"stop": stop, "min": shift})
        elif next_id:
            effect = Reason("effect_kept")
        else:
            effect = Reason("effect_longer", {"min": max(0, (sched.finish - orig.finish) // 60)})
        rows.append(
            {
                **base,
                "fits": True,
                "day": d + 1,
                "after": prev_id or st.ctx.day_places[d][0],
                "before": next_id or st.ctx.day_places[d][1],
                "start": _fmt(sched.start[pos]),
                "added_travel_min": round(added / 60),
                "added_day_min": round((sched.finish - orig.finish) / 60),
                "added_km": round(added_m / 1000, 1),
                "added_cost_rub": site.price_rub + max(0, added_fare),
                "next_stop_shift_min": shift,
                "effect": effect.text("en"),
                "effect_ru": effect.text("ru"),
                "reason": "",
                "reason_ru": "",
            }
        )
    frame = pd.DataFrame(
        rows,
        columns=[
            "site_id",
            "name",
            "name_en",
            "category",
            "score",
            "fits",
            "day",
            "after",
            "before",
            "start",
            "added_travel_min",
            "added_day_min",
            "added_km",
            "added_cost_rub",
            "next_stop_shift_min",
            "effect",
            "effect_ru",
            "reason",
            "reason_ru",
        ],
    )
    frame = frame.sort_values(
        ["fits", "score", "added_travel_min", "site_id"],
        ascending=[False, False, True, True],
        kind="stable",
    ).reset_index(drop=True)
    frame.insert(0, "rank", range(1, len(frame) + 1))
    for col in (
        "day",
        "added_travel_min",
        "added_day_min",
        "added_cost_rub",
        "next_stop_shift_min",
    ):
        frame[col] = frame[col].astype("Int64")
    return frame


def embed(
    tour: Tour,
    catalog: Catalog,
    network: Network,
    *,
    candidates: Iterable[str] | None = None,
    max_extra_per_day_min: int = 120,
    allow_reorder: bool = False,
    time_limit_s: float | None = None,
) -> Itinerary:
    """Insert the best set of candidates into the tour under its own rules.

    Fixed stops keep their times, the tour's stops keep their day and (unless
    ``allow_reorder``) their order, each day grows by at most ``max_extra_per_day_min``. The
    OR-Tools search starts from the tour itself.

    Returns
    -------
    Itinerary
        The new plan; its inserted stops have ``added=True``; candidates left out are in
        ``dropped`` with reasons.
    """
    st = _setup(
        tour, catalog, network, candidates, max_extra_per_day_min, allow_reorder, time_limit_s
    )
    solution = solve(st.problem, st.ctx.request.solver, initial_routes=st.original_routes)
    if not solution.feasible:
        return Itinerary.infeasible(st.ctx.request, list(solution.problems))
    reasons = explain_drops(st.ctx, st.problem, solution)
    it = build_itinerary(st.ctx, st.problem, solution, reasons)
    originals = set(tour.stop_ids)
    it.days = [
        dataclasses.replace(
            day,
            stops=tuple(
                dataclasses.replace(s, added=s.site_id not in originals) for s in day.stops
            ),
        )
        for day in it.days
    ]
    it.kpis = dataclasses.replace(
        it.kpis or Kpis(), added_sites=tuple(s.site_id for s in it.stops if s.added)
    )
    return it


def tour_itinerary_sites(tour: Tour) -> Sequence[Site]:
    """The places attached by coordinates (to pass to maps and checks with the catalog)."""
    return tour.extra_sites
