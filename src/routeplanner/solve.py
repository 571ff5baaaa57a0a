"""Solver settings and ``solve(problem) -> Solution`` for the integer routing problem.

The search is OR-Tools routing (see :mod:`routeplanner._ortools`), followed by a greedy
insertion pass that adds any visit that still fits (cheap, and it closes small gaps the local
search leaves). Every route returned is re-simulated; a route that does not simulate is never
reported as feasible.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ._ortools import run_ortools
from ._schedule import DaySchedule, simulate
from .model import Problem, SolverSettings

__all__ = ["Solution", "SolverSettings", "insert_greedily", "solve"]


@dataclass(frozen=True)
class Solution:
    """Routes of a solved :class:`~routeplanner.model.Problem`.

    Attributes
    ----------
    routes : tuple of tuple of int
        Visit indices per day, in order.
    schedules : tuple of DaySchedule or None
        Earliest-time schedule of each route (``None`` would mean the route is infeasible).
    prize : int
        Sum of prizes collected.
    travel_s : int
        Total travel time.
    feasible : bool
        Every route simulates, every required visit is made, quotas and budget hold.
    problems : tuple of str
        Why ``feasible`` is False (empty otherwise).
    status : str
        OR-Tools status of the search.
    runtime_s, first_solution_s : float
        Wall time of the whole solve and until the first solution.
    history : tuple of (float, int)
        ``(elapsed_s, prize)`` at each improvement: quality over time.
    """

    routes: tuple[tuple[int, ...], ...]
    schedules: tuple[DaySchedule | None, ...]
    prize: int
    travel_s: int
    feasible: bool
    problems: tuple[str, ...] = ()
    status: str = ""
    runtime_s: float = 0.0
    first_solution_s: float | None = None
    history: tuple[tuple[float, int], ...] = field(default_factory=tuple)

    @property
    def visited(self) -> set[int]:
        """Indices of the visits made."""
        return {i for r in self.routes for i in r}


def _route_price(problem: Problem, day_idx: int, route: Sequence[int]) -> int:
    day = problem.days[day_idx]
    total = sum(problem.visits[i].price_rub for i in route)
    if problem.costs_rub is not None:
        fares = problem.costs_rub[day.matrix]
        locs = [day.start_location, *(problem.visits[i].location for i in route), day.end_location]
        total += sum(max(0, int(fares[a, b])) for a, b in zip(locs, locs[1:], strict=False))
    return total


def _side_ok(problem: Problem, routes: Sequence[Sequence[int]]) -> list[str]:
    """Budget and hard quotas over the whole set of routes."""
    out: list[str] = []
    if problem.budget_rub is not None:
        spent = sum(_route_price(problem, d, r) for d, r in enumerate(routes))
        if spent > problem.budget_rub:
            out.append(f"budget exceeded: {spent} > {problem.budget_rub} RUB")
    for q in problem.quotas:
        counts = [sum(q.tag in problem.visits[i].tags for i in r) for r in routes]
        if q.per == "day" and q.max is not None and max(counts, default=0) > q.max:
            out.append(f"more than {q.max} '{q.tag}' visits on a day")
        if q.per == "trip":
            if q.max is not None and sum(counts) > q.max:
                out.append(f"more than {q.max} '{q.tag}' visits in the trip")
            if q.min is not None and sum(counts) < q.min:
                out.append(f"fewer than {q.min} '{q.tag}' visits in the trip")
    return out


def _allowed(problem: Problem, visit: int, day: int) -> bool:
    v = problem.visits[visit]
    return v.days is None or day in v.days


def insert_greedily(problem: Problem, routes: list[list[int]]) -> list[list[int]]:
    """Insert unvisited visits wherever they still fit, best prize per added time first.

    Parameters
    ----------
    problem : Problem
    routes : list of list of int
        Modified in place and returned.
    """
    visited = {i for r in routes for i in r}
    todo = sorted(
        (i for i, v in enumerate(problem.visits) if i not in visited and v.prize > 0),
        key=lambda i: (-problem.visits[i].prize, i),
    )
    for i in todo:
        best: tuple[int, int, int] | None = None
        for d, day in enumerate(problem.days):
            if not _allowed(problem, i, d):
                continue
            base = simulate(problem, day, routes[d])
            if base is None:
                continue
            for pos in range(len(routes[d]) + 1):
                cand = [*routes[d][:pos], i, *routes[d][pos:]]
                sched = simulate(problem, day, cand)
                if sched is None:
                    continue
                extra = sched.travel_s - base.travel_s
                if best is None or extra < best[0]:
                    trial = [list(r) for r in routes]
                    trial[d] = cand
                    if not _side_ok(problem, trial):
                        best = (extra, d, pos)
        if best is not None:
            _extra, d, pos = best
            routes[d].insert(pos, i)
    return routes


def evaluate(
    problem: Problem, routes: Sequence[Sequence[int]]
) -> tuple[tuple[DaySchedule | None, ...], list[str]]:
    """Simulate every route and list what makes the set of routes infeasible."""
    problems: list[str] = []
    schedules = tuple(
        simulate(problem, day, r) for day, r in zip(problem.days, routes, strict=True)
    )
    for d, s in enumerate(schedules):
        if s is None:
            problems.append(f"day {d + 1}: the route cannot be scheduled")
    seen: set[int] = set()
    for d, r in enumerate(routes):
        for i in r:
            if i in seen:
                problems.append(f"visit {problem.visits[i].key} appears twice")
            seen.add(i)
            if not _allowed(problem, i, d):
                problems.append(f"visit {problem.visits[i].key} is not allowed on day {d + 1}")
    for i, v in enumerate(problem.visits):
        if v.required and i not in seen:
            problems.append(f"required visit {v.key} is not made")
    problems += _side_ok(problem, routes)
    return schedules, problems


def solve(
    problem: Problem,
    settings: SolverSettings | None = None,
    *,
    initial_routes: Sequence[Sequence[int]] | None = None,
    on_progress: Callable[[float, int], None] | None = None,
    stop: Callable[[], bool] | None = None,
    first_solution_only: bool = False,
    search_params: Mapping[str, Any] | None = None,
) -> Solution:
    """Solve the routing problem: maximise prize, then minimise travel time.

    Parameters
    ----------
    problem : Problem
    settings : SolverSettings, optional
        Time limit (an upper bound), work limit (``max_solutions``), strategies, seed.
    initial_routes : sequence of sequences of int, optional
        Routes to start from (visit indices per day).
    on_progress : callable, optional
        Called with ``(elapsed_s, prize)`` at each improving solution.
    stop : callable, optional
        Polled during the search; True stops it and keeps the best plan so far.
    first_solution_only : bool
        Return the first solution found (fast probe).

    Returns
    -------
    Solution
        Never marked feasible unless every route re-simulates and every side constraint holds.
    """
    settings = settings or SolverSettings()
    t0 = time.perf_counter()
    if not problem.days:
        return Solution((), (), 0, 0, False, ("the problem has no days",))
    run = run_ortools(
        problem,
        settings,
        initial_routes=initial_routes,
        first_solution_only=first_solution_only,
        on_solution=on_progress,
        stop=stop,
        search_params=search_params,
    )
    routes = [list(r) for r in run.routes]
    if run.found:
        routes = insert_greedily(problem, routes)
    schedules, problems = evaluate(problem, routes)
    if not run.found:
        problems.insert(0, f"no solution found ({run.status})")
    prize = sum(problem.visits[i].prize for r in routes for i in r)
    travel = sum(s.travel_s for s in schedules if s is not None)
    history = list(run.history)
    if run.found and (not history or history[-1][1] != prize):
        history.append((time.perf_counter() - t0, prize))
    return Solution(
        routes=tuple(tuple(r) for r in routes),
        schedules=schedules,
        prize=prize,
        travel_s=travel,
        feasible=run.found and not problems,
        problems=tuple(problems),
        status=run.status,
        runtime_s=time.perf_counter() - t0,
        first_solution_s=run.first_solution_s,
        history=tuple(history),
    )
