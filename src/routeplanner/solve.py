"""``solve(problem) -> Solution``: the search for the integer routing problem.

One engine for every problem the planner builds (:mod:`routeplanner._ils`, compiled with
numba): a greedy fill gives the first plan (required visits first), then an iterated local
search improves it (ruin and recreate plus an exchange step; once a trajectory stagnates, also
moves of visits between days and swaps of two days' areas; eight trajectories race). When
the greedy fill cannot make a feasible first plan (a required visit it cannot place, a fixed
order it does not keep, a trip minimum it misses), OR-Tools routing
(:mod:`routeplanner._ortools`) builds one, and the search starts from that.

**Deterministic by default.** The search stops on a *work budget*: the number of work units
(insertion positions tried, days timed, counted by the search itself) that takes about
``time_limit_s`` on one core of the reference machine (``WORK_PER_S`` units per second). Same
problem, same settings, same seed: the same plan on any machine and under any load. The wall
clock is only a safety cap (``wall_cap_s``: ten times the limit plus ten seconds); a run
stopped by it is marked ``status="TIME_CAP"`` (its plan then depends on the machine).
``max_solutions`` bounds the search further, to ``100 × max_solutions`` iterations.
Benchmarks that compare solvers at equal wall time pass ``wall_clock=True``.

Every route returned is re-simulated (:func:`evaluate`, the plain reference evaluator); a plan
that does not simulate, misses a required visit or breaks a side constraint is never reported
as feasible.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ._ils import WORK_PER_S, CompiledILS, warm_up
from ._schedule import DaySchedule, simulate
from .model import Problem, SolverSettings

__all__ = ["Solution", "SolverSettings", "evaluate", "solve", "wall_cap_s", "work_budget"]

#: Iterations of the search per unit of ``SolverSettings.max_solutions``.
ITERATIONS_PER_SOLUTION = 100


def work_budget(settings: SolverSettings) -> int:
    """Work units of a search under ``settings``: ``time_limit_s`` × :data:`WORK_PER_S`."""
    return max(1, round(settings.time_limit_s * WORK_PER_S))


def wall_cap_s(settings: SolverSettings) -> float:
    """The wall-clock safety cap of a search under ``settings``, seconds: far enough that a
    loaded machine still finishes the work budget, near enough to stop a pathological run."""
    return 10.0 * settings.time_limit_s + 10.0


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
        Why the search stopped: ``WORK_LIMIT`` (its work budget, deterministic),
        ``ITERATION_LIMIT`` (``max_solutions``, deterministic), ``TIME_LIMIT`` (wall clock, with
        ``wall_clock=True``), ``TIME_CAP`` (the wall-clock safety cap: the plan depends on the
        machine's speed and load), ``STOPPED`` (the caller's stop flag), ``FIRST_SOLUTION`` (a
        probe) or ``NO_SOLUTION``.
    runtime_s, first_solution_s : float
        Wall time of the whole solve and until the first feasible plan.
    history : tuple of (float, int)
        ``(elapsed_s, prize)`` at each improvement: quality over time.
    work, work_budget, iterations : int
        Work units done and allowed, iterations of the search.
    trace : tuple of (int, int)
        ``(work, prize)`` at each improvement: quality over work (deterministic).
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
    work: int = 0
    work_budget: int | None = None
    iterations: int = 0
    trace: tuple[tuple[int, int], ...] = field(default_factory=tuple)

    @property
    def visited(self) -> set[int]:
        """Indices of the visits made."""
        return {i for r in self.routes for i in r}

    def report(self) -> dict[str, Any]:
        """What the search did, in deterministic terms only (no wall times): status, work
        done and allowed, iterations, and the prize over work."""
        return {
            "status": self.status,
            "work": self.work,
            "work_budget": self.work_budget,
            "iterations": self.iterations,
            "trace": [[w, p] for w, p in self.trace],
        }


def _route_price(problem: Problem, day_idx: int, route: Sequence[int]) -> int:
    day = problem.days[day_idx]
    total = sum(problem.visits[i].price_rub for i in route)
    if problem.costs_rub is not None:
        fares = problem.costs_rub[day.matrix]
        locs = [day.start_location, *(problem.visits[i].location for i in route), day.end_location]
        total += sum(max(0, int(fares[a, b])) for a, b in itertools.pairwise(locs))
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
    where = {i: (d, k) for d, r in enumerate(routes) for k, i in enumerate(r)}
    for i, j in problem.precedences:
        if i in where and j in where and (where[i][0] != where[j][0] or where[i][1] > where[j][1]):
            problems.append(
                f"visit {problem.visits[i].key} must come before {problem.visits[j].key}"
            )
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
    work: int | None = None,
    wall_clock: bool = False,
    engine: CompiledILS | None = None,
    search_params: Mapping[str, Any] | None = None,
    ils_options: Mapping[str, Any] | None = None,
) -> Solution:
    """Solve the routing problem: maximise prize, then minimise travel time.

    Parameters
    ----------
    problem : Problem
    settings : SolverSettings, optional
        ``time_limit_s`` (sets the work budget and the wall-clock cap), ``max_solutions`` (an
        iteration limit), ``seed``; ``first_solution`` and ``metaheuristic`` for OR-Tools when
        it builds the first plan.
    initial_routes : sequence of sequences of int, optional
        Routes to start from (visit indices per day), e.g. a tour being extended.
    on_progress : callable, optional
        Called with ``(elapsed_s, prize)`` at each improving plan.
    stop : callable, optional
        Polled during the search; True stops it and keeps the best plan so far.
    first_solution_only : bool
        Return the first plan (the greedy fill, or OR-Tools' when the fill fails): a probe.
    work : int, optional
        Work budget of the search instead of :func:`work_budget` of ``settings``.
    wall_clock : bool
        Stop on ``time_limit_s`` of wall time instead of the work budget (benchmarks against
        other solvers at equal time; not deterministic).
    engine : CompiledILS, optional
        The compiled search already built for ``problem`` (shared by lodging probes).
    search_params : mapping, optional
        OR-Tools search-parameter overrides by dotted name (see
        :func:`routeplanner._ortools.apply_search_params`) for its first plan.
    ils_options : mapping, optional
        Options of :meth:`routeplanner._ils.CompiledILS.run` (benchmarks and screens).

    Returns
    -------
    Solution
        Never marked feasible unless every route re-simulates and every side constraint holds.
    """
    settings = settings or SolverSettings()
    warm_up()  # numba compilation (once per machine, then cached) is not search time
    t0 = time.perf_counter()
    if not problem.days:
        return Solution((), (), 0, 0, False, ("the problem has no days",), status="NO_SOLUTION")
    if engine is None:
        engine = CompiledILS(problem)
    limit = settings.time_limit_s if wall_clock else wall_cap_s(settings)
    deadline = t0 + limit - (0.02 if wall_clock else 0.0)
    budget = None if wall_clock else (work if work is not None else work_budget(settings))
    history: list[tuple[float, int]] = []

    def record(prize: int) -> None:
        elapsed = time.perf_counter() - t0
        history.append((elapsed, prize))
        if on_progress is not None:
            on_progress(elapsed, prize)

    # 1. the first plan: the greedy fill of the given routes (or of empty days)
    nd = len(problem.days)
    start = [list(r) for r in initial_routes] if initial_routes is not None else [[]] * nd
    if len(start) != nd:
        raise ValueError(f"initial_routes has {len(start)} days, the problem {nd}")
    routes, _value, spent = engine.fill_value(start)
    status = "FIRST_SOLUTION"
    if evaluate(problem, routes)[1] and not (stop is not None and stop()):
        # the fill misses a required visit, a fixed order or a trip minimum: OR-Tools builds
        # a first plan with every constraint as a dimension, and the fill completes it
        fallback = _ortools_start(problem, settings, initial_routes, stop, search_params, deadline)
        if fallback is not None:
            filled = engine.fill(fallback)
            if not evaluate(problem, filled)[1]:
                routes = filled
    first_ok = not evaluate(problem, routes)[1]
    first_s = time.perf_counter() - t0 if first_ok else None
    prize0 = sum(problem.visits[i].prize for r in routes for i in r)
    record(prize0)
    trace: list[tuple[int, int]] = [(spent, prize0)]
    iterations = 0
    stopped = stop is not None and stop()
    if not first_solution_only and problem.visits and not stopped:
        iters = (
            None
            if settings.max_solutions is None
            else ITERATIONS_PER_SOLUTION * settings.max_solutions
        )
        better, stats = engine.run(
            routes,
            deadline=deadline,
            seed=settings.seed,
            work=None if budget is None else max(1, budget - spent),
            max_iterations=iters,
            on_improve=record,
            stop=stop,
            **dict(ils_options or {}),
        )
        # the search keeps every hard constraint it models; the reference evaluator decides
        if not evaluate(problem, better)[1] or not first_ok:
            routes = better
        spent += stats.work
        iterations = stats.iterations
        trace += [(spent - stats.work + w, p) for w, p in stats.trace[1:]]
        status = {
            "work": "WORK_LIMIT",
            "iterations": "ITERATION_LIMIT",
            "time": "TIME_LIMIT" if wall_clock else "TIME_CAP",
            "stop": "STOPPED",
        }[stats.stopped_by]
    schedules, problems = evaluate(problem, routes)
    feasible = not problems
    if not feasible and first_s is None and not any(routes):
        problems.insert(0, "no solution found")
    prize = sum(problem.visits[i].prize for r in routes for i in r)
    travel = sum(s.travel_s for s in schedules if s is not None)
    if not history or history[-1][1] != prize:
        record(prize)
    if feasible and first_s is None:
        first_s = time.perf_counter() - t0
    return Solution(
        routes=tuple(tuple(r) for r in routes),
        schedules=schedules,
        prize=prize,
        travel_s=travel,
        feasible=feasible,
        problems=tuple(problems),
        status=status if feasible or routes else "NO_SOLUTION",
        runtime_s=time.perf_counter() - t0,
        first_solution_s=first_s,
        history=tuple(history),
        work=spent,
        work_budget=budget,
        iterations=iterations,
        trace=tuple(trace),
    )


def _ortools_start(
    problem: Problem,
    settings: SolverSettings,
    initial_routes: Sequence[Sequence[int]] | None,
    stop: Callable[[], bool] | None,
    search_params: Mapping[str, Any] | None,
    deadline: float,
) -> list[list[int]] | None:
    """A first plan from OR-Tools routing (every constraint as a dimension): its first solution
    and, when that leaves out a required visit, its local search (``settings.metaheuristic``)
    up to 50 solutions; ``None`` if neither is feasible before ``deadline``."""
    from ._ortools import OrToolsModel  # imported only when the greedy fill needs it

    model = OrToolsModel(problem)
    for first_only in (True, False):
        left = deadline - time.perf_counter()
        if left <= 0.05 or (stop is not None and stop()):
            return None
        run = model.search(
            settings.model_copy(update={"time_limit_s": left, "max_solutions": 50}),
            initial_routes=initial_routes,
            first_solution_only=first_only,
            stop=stop,
            search_params=search_params,
        )
        if run.found and not evaluate(problem, run.routes)[1]:
            return run.routes
    return None
