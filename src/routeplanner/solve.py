"""Solver settings and ``solve(problem) -> Solution`` for the integer routing problem.

The search has two phases within the one time limit:

1. OR-Tools routing (see :mod:`routeplanner._ortools`) builds a first plan and improves it with
   its local search for a share of the time (5 % by default; all of it when the work limit
   ``max_solutions`` is set, which stops it instead);
2. an iterated local search (ruin and recreate in the style of Vansteenwegen et al.'s ILS for
   the team orienteering problem with time windows) improves that plan until the deadline, the
   work limit or ``stop()``. It is compiled with numba (:mod:`routeplanner._ils`: eight
   trajectories from randomised starts race, the worse half stopping at each quarter of the
   time, and every recreated plan goes through an exchange local search) for every problem
   without a budget, quotas or precedences; those use the Python version,
   :func:`iterated_local_search` (no exchange step), which checks budgets and quotas on every
   insertion (precedences are checked by the final evaluation).

``first_solution_only`` skips both improvements and fills the first plan greedily
(:func:`insert_greedily`). Every route returned is re-simulated; a route that does not simulate
is never reported as feasible, and the improvement phase is kept only if its plan passes.
"""

from __future__ import annotations

import itertools
import random
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ._ils import CompiledILS, _arrays, _tail_fits, supports, warm_up
from ._ortools import OrToolsModel, run_ortools
from ._schedule import DaySchedule, simulate
from .model import Problem, SolverSettings

__all__ = ["Solution", "SolverSettings", "insert_greedily", "solve"]

# options that only one of the two searches has (see iterated_local_search, CompiledILS.run)
_PYTHON_ONLY = frozenset({"cluster", "polish_every"})
_COMPILED_ONLY = frozenset(
    {"scatter", "starts", "start_noise", "chunk_s", "replace", "replace_len"}
)


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


# --------------------------------------------------------------------------- iterated local search
#
# A ruin-and-recreate search around OR-Tools' routes (Vansteenwegen et al.'s ILS for the
# TOPTW, vectorised): shake = remove a segment of consecutive visits from every day; recreate =
# insert unvisited visits by best prize^2 / time-shift ratio while they fit. Feasibility of an
# insertion is checked in O(1) per (visit, position) from each route's arrival times and slack
# ("wait + max shift"); problems with lunch breaks, driving limits, budgets or quotas confirm
# every insertion with the exact simulation before it is made.

_INF = np.int64(1) << 60


class _Fast:
    """Arrays the ILS reads: windows padded to the same count, locations, prizes, matrices."""

    def __init__(self, problem: Problem) -> None:
        nv = len(problem.visits)
        w = max((len(v.windows) for v in problem.visits), default=1) or 1
        self.A = np.full((nv, w), _INF, dtype=np.int64)
        self.B = np.full((nv, w), -1, dtype=np.int64)
        for i, v in enumerate(problem.visits):
            for k, (a, b) in enumerate(v.windows):
                self.A[i, k] = a
                self.B[i, k] = b
        self.service = np.array([v.service_s for v in problem.visits], dtype=np.int64)
        self.loc = np.array([v.location for v in problem.visits], dtype=np.int64)
        self.prize = np.array([v.prize for v in problem.visits], dtype=np.float64)
        self.required = np.array([v.required for v in problem.visits], dtype=bool)
        self.dur = [np.where(m < 0, _INF >> 4, m).astype(np.int64) for m in problem.durations_s]
        self.allowed = np.ones((len(problem.days), nv), dtype=bool)
        for i, v in enumerate(problem.visits):
            if v.days is not None:
                self.allowed[:, i] = False
                for d in v.days:
                    if 0 <= d < len(problem.days):
                        self.allowed[d, i] = True
        self.allowed &= (self.prize > 0)[None, :] | self.required[None, :]
        self.durl = [m.tolist() for m in self.dur]
        self.locl = [int(x) for x in self.loc]
        self.servl = [int(x) for x in self.service]
        self.windows = [tuple(v.windows) for v in problem.visits]
        # the compiled search's arrays, for its replay of a day's tail (several windows only)
        self.arrays = _arrays(problem) if w > 1 else None
        self.exact = not (
            problem.budget_rub is not None
            or problem.quotas
            or any(d.lunch_window_s is not None and d.lunch_s for d in problem.days)
            or any(d.max_drive_s is not None for d in problem.days)
        )

    def timing(self, problem: Problem, d: int, route: Sequence[int]):
        """Arrival, departure and slack of the extended route [start, visits..., end].

        Returns ``None`` when the route breaks a window or the day's end (fast check only).
        """
        day = problem.days[d]
        dur = self.durl[day.matrix]
        k = len(route)
        locs = [day.start_location, *(self.locl[i] for i in route), day.end_location]
        arr = [0] * (k + 2)
        dep = [0] * (k + 1)
        start = [0] * (k + 2)
        bcur = [0] * (k + 2)
        t = day.earliest_start_s
        dep[0] = t
        windows, service = self.windows, self.servl
        for n, vi in enumerate(route, start=1):
            t += dur[locs[n - 1]][locs[n]]
            arr[n] = t
            for a, b in windows[vi]:
                if t <= b:
                    if a > t:
                        t = a
                    bcur[n] = b
                    break
            else:
                return None
            start[n] = t
            t += service[vi]
            dep[n] = t
        t += dur[locs[k]][locs[k + 1]]
        arr[k + 1] = t
        if t > day.latest_end_s:
            return None
        slack = [0] * (k + 2)
        last = slack[k + 1] = day.latest_end_s - t
        for n in range(k, 0, -1):
            st = start[n]
            room = bcur[n] - st
            last = slack[n] = (st - arr[n]) + (room if room < last else last)
        return (
            np.array(locs, dtype=np.int64),
            np.array(arr, dtype=np.int64),
            np.array(dep, dtype=np.int64),
            np.array(slack, dtype=np.int64),
        )

    def table(self, problem: Problem, d: int, route: Sequence[int], cand: np.ndarray):
        """Best insertion of each candidate into ``route``: (cost, position), cost = time shift
        (``_INF`` where it does not fit)."""
        tm = self.timing(problem, d, route)
        if tm is None or cand.size == 0:
            return np.full(cand.size, _INF, dtype=np.int64), np.zeros(cand.size, dtype=np.int64)
        locs, arr, dep, slack = tm
        dur = self.dur[problem.days[d].matrix]
        cl = self.loc[cand]
        frm, to = locs[:-1], locs[1:]
        a = dep[:, None] + dur[frm[:, None], cl[None, :]]  # (P, C) arrival at the candidate
        if self.A.shape[1] == 1:
            A, B = self.A[cand, 0], self.B[cand, 0]
            st = np.maximum(a, A)
            st[a > B] = _INF
        else:
            A, B = self.A[cand][None], self.B[cand][None]
            st = np.where(a[..., None] <= B, np.maximum(a[..., None], A), _INF).min(-1)
        new_next = st + self.service[cand][None, :] + dur[cl[None, :], to[:, None]]
        delta = new_next - arr[1:, None]
        ok = (st < _INF) & (delta <= slack[1:, None])
        cost = np.where(ok, delta, _INF)
        if self.A.shape[1] > 1:
            # Past the slack a later visit misses its current window, but with several windows
            # per visit it may make its next one: replay the rest of the day for those
            # positions that would beat the best found so far.
            best = cost.min(axis=0)
            row = np.asarray(route, dtype=np.int64)
            for p, c in zip(*np.nonzero((st < _INF) & ~ok & (delta < best[None, :])), strict=True):
                t = int(st[p, c] + self.service[cand[c]])
                if delta[p, c] < best[c] and _tail_fits(
                    self.arrays, d, row, len(route), int(p), t, int(cl[c])
                ):
                    cost[p, c] = delta[p, c]
                    best[c] = delta[p, c]
        pos = cost.argmin(axis=0)
        return cost[pos, np.arange(cand.size)], pos


def _route_ok(problem: Problem, fast: _Fast, d: int, route: Sequence[int]) -> bool:
    if fast.exact:
        return fast.timing(problem, d, route) is not None
    return simulate(problem, problem.days[d], route) is not None


def _recreate(
    problem: Problem,
    fast: _Fast,
    routes: list[list[int]],
    deadline: float,
    noise: np.ndarray | None = None,
) -> None:
    """Insert unvisited visits by best prize^2 / shift while any fits (in place).

    ``noise`` (one factor per visit) perturbs the ratios, for diversification."""
    nd = len(routes)
    nv = len(problem.visits)
    free = np.ones(nv, dtype=bool)
    for r in routes:
        free[r] = False
    cost = np.full((nd, nv), _INF, dtype=np.int64)
    pos = np.zeros((nd, nv), dtype=np.int64)
    dirty = set(range(nd))
    banned: set[tuple[int, int]] = set()
    while True:
        for d in dirty:
            cand = np.flatnonzero(free & fast.allowed[d])
            cost[d, :] = _INF
            if cand.size:
                c, p = fast.table(problem, d, routes[d], cand)
                cost[d, cand] = c
                pos[d, cand] = p
        dirty = set()
        for d, i in banned:
            cost[d, i] = _INF
        masked = np.where(free[None, :] & (cost < _INF), cost, _INF)
        if not (masked < _INF).any():
            return
        weight = fast.prize**2 if noise is None else fast.prize**2 * noise
        ratio = np.where(masked < _INF, weight[None, :] / np.maximum(masked, 1).astype(float), -1.0)
        d, i = np.unravel_index(int(ratio.argmax()), ratio.shape)
        d, i = int(d), int(i)
        p = int(pos[d, i])
        cand_route = [*routes[d][:p], i, *routes[d][p:]]
        if not fast.exact:
            trial = list(routes)
            trial[d] = cand_route
            if simulate(problem, problem.days[d], cand_route) is None or _side_ok(problem, trial):
                banned.add((d, i))
                continue
        routes[d] = cand_route
        free[i] = False
        dirty.add(d)
        if time.perf_counter() > deadline:
            return


def _value(problem: Problem, routes: Sequence[Sequence[int]], fast: _Fast) -> tuple[int, int]:
    """(prize, -travel) to maximise; a per-day quota minimum that is missed costs twice the
    largest prize per missing visit (as in the OR-Tools model, where it is a soft bound)."""
    prize = sum(problem.visits[i].prize for r in routes for i in r)
    for q in problem.quotas:
        if q.per == "day" and q.min:
            top = 2 * max((v.prize for v in problem.visits), default=1)
            for r in routes:
                have = sum(q.tag in problem.visits[i].tags for i in r)
                prize -= top * max(0, q.min - have)
    travel = 0
    for d, r in enumerate(routes):
        day = problem.days[d]
        dur = fast.dur[day.matrix]
        locs = [day.start_location, *(int(fast.loc[i]) for i in r), day.end_location]
        travel += sum(int(dur[a, b]) for a, b in itertools.pairwise(locs))
    return prize, -travel


def iterated_local_search(
    problem: Problem,
    routes: list[list[int]],
    *,
    deadline: float,
    seed: int = 0,
    max_iterations: int | None = None,
    on_improve: Callable[[int], None] | None = None,
    stop: Callable[[], bool] | None = None,
    accept_worse: float = 0.1,
    reset_after: int = 50,
    noise: float = 1.0,
    size_div: int = 3,
    polish: Callable[[list[list[int]]], list[list[int]] | None] | None = None,
    polish_every: int = 10,
    cluster: float = 0.0,
    size_cap: int = 8,
) -> list[list[int]]:
    """Ruin-and-recreate improvement of feasible ``routes``; returns the best routes found.

    Each iteration removes, from every day, a segment of ``size`` consecutive visits starting
    at a random position (or, with probability ``cluster``, the visits nearest to a random
    one), then re-inserts unvisited visits by best prize² / time-shift ratio, each visit's ratio
    multiplied by a random factor in ``[1, 1 + noise]``. A trial at least as good as the current
    one is accepted (a worse one with probability ``accept_worse``); ``size`` grows by one after
    each non-improving trial up to ``min(size_cap, visits / (size_div * days))`` and falls back
    to 1; every ``reset_after`` trials without a new best the search returns to the best.
    Required visits are never removed. Randomness comes from ``seed`` only, so the search is
    deterministic when bounded by ``max_iterations`` rather than by the deadline.
    """
    fast = _Fast(problem)
    rng = random.Random(seed)
    best = [list(r) for r in routes]
    _recreate(problem, fast, best, deadline)
    best_val = _value(problem, best, fast)
    cur = [list(r) for r in best]
    cur_val = best_val
    size = 1
    it = 0
    since_best = 0
    nv = len(problem.visits)
    max_size = max(1, min(size_cap, nv // (size_div * max(1, len(routes)))))
    nrng = np.random.default_rng(seed)
    while time.perf_counter() < deadline:
        if max_iterations is not None and it >= max_iterations:
            break
        if stop is not None and stop():
            break
        it += 1
        trial = [list(r) for r in cur]
        visited = [v for r in trial for v in r if not fast.required[v]]
        if cluster > 0 and visited and rng.random() < cluster:
            # remove the visits closest to a random visited one (spatial ruin)
            seed_v = visited[rng.randrange(len(visited))]
            dm = fast.dur[0]
            near = sorted(visited, key=lambda v: dm[fast.locl[seed_v], fast.locl[v]])
            gone = set(near[: max(1, size * len(trial))])
            for d, r in enumerate(trial):
                keep = [v for v in r if v not in gone]
                if len(keep) != len(r) and _route_ok(problem, fast, d, keep):
                    trial[d] = keep
        else:
            for d, r in enumerate(trial):
                if not r:
                    continue
                startp = rng.randrange(len(r))
                keep = [
                    v
                    for k, v in enumerate(r)
                    if not (startp <= k < startp + size) or fast.required[v]
                ]
                if len(keep) != len(r) and _route_ok(problem, fast, d, keep):
                    trial[d] = keep
        if not fast.exact and _side_ok(problem, trial):
            trial = [list(r) for r in cur]
        level = noise if noise >= 0 else -noise * rng.random()
        factors = None if level <= 0 else 1.0 + level * nrng.random(nv)
        _recreate(problem, fast, trial, deadline, factors)
        if polish is not None and polish_every and it % polish_every == 0:
            polished = polish(trial)
            if polished is not None:
                trial = polished
                _recreate(problem, fast, trial, deadline, factors)
        val = _value(problem, trial, fast)
        if val >= cur_val or rng.random() < accept_worse:
            cur, cur_val = trial, val
        if val > best_val:
            if on_improve is not None and val[0] > best_val[0]:
                on_improve(sum(problem.visits[i].prize for r in trial for i in r))
            best, best_val = [list(r) for r in trial], val
            size = 1
            since_best = 0
        else:
            size = size + 1 if size < max_size else 1
            since_best += 1
            if reset_after and since_best % reset_after == 0:
                cur, cur_val = [list(r) for r in best], best_val
    return best


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
    search_params: Mapping[str, Any] | None = None,
    ils: bool | None = None,
    ortools_share: float = 0.05,
    ils_options: Mapping[str, Any] | None = None,
    use_polish: bool = False,
    polish_cap_s: float = 1.0,
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
    search_params : mapping, optional
        OR-Tools search-parameter overrides by dotted name (see
        :func:`routeplanner._ortools.apply_search_params`), for tuning and benchmarks.
    ils : bool, optional
        Run the iterated local search after OR-Tools (default: yes).
    ortools_share : float
        Share of the time limit given to the OR-Tools phase when the ILS follows.
    ils_options : mapping, optional
        Keyword options of the search (benchmarks): of
        :meth:`routeplanner._ils.CompiledILS.run`, or with ``"compiled": False`` of
        :func:`iterated_local_search` (also chosen by its own options ``cluster`` and
        ``polish_every``, which then ignores the compiled-only ones).
    use_polish, polish_cap_s
        Let the ILS call OR-Tools' local search (greedy descent, at most ``polish_cap_s``)
        on every ``polish_every``-th trial (measured: no gain on the TOPTW quick set).

    Returns
    -------
    Solution
        Never marked feasible unless every route re-simulates and every side constraint holds.
    """
    settings = settings or SolverSettings()
    if ils is not False and not first_solution_only and supports(problem):
        warm_up()  # numba compilation (once per machine, then cached) is not search time
    t0 = time.perf_counter()
    if not problem.days:
        return Solution((), (), 0, 0, False, ("the problem has no days",))
    deadline = t0 + settings.time_limit_s
    use_ils = ils if ils is not None else True
    use_ils = use_ils and not first_solution_only and bool(problem.visits)
    or_settings = settings
    if use_ils and settings.max_solutions is None:
        share = max(0.05, min(1.0, ortools_share))
        or_settings = settings.model_copy(
            update={"time_limit_s": max(0.01, settings.time_limit_s * share)}
        )
    run = run_ortools(
        problem,
        or_settings,
        initial_routes=initial_routes,
        first_solution_only=first_solution_only,
        on_solution=on_progress,
        stop=stop,
        search_params=search_params,
    )
    stopped = stop is not None and stop()
    left = deadline - time.perf_counter()
    if not run.found and use_ils and not stopped and left > 0.05:
        # the OR-Tools share ran out before a first plan: give it the rest for one plan
        run = run_ortools(
            problem,
            settings.model_copy(update={"time_limit_s": left * 0.9, "max_solutions": None}),
            initial_routes=initial_routes,
            first_solution_only=True,
            on_solution=on_progress,
            stop=stop,
            search_params=search_params,
        )
    found = run.found
    routes = [list(r) for r in run.routes]
    if not found and use_ils and not stopped and not any(v.required for v in problem.visits):
        empty: list[list[int]] = [[] for _ in problem.days]
        if not evaluate(problem, empty)[1]:
            routes, found = empty, True  # start the improvement from empty days
    history = list(run.history)
    base_ok = found and not evaluate(problem, routes)[1]
    if found and (not use_ils or stopped or not base_ok):
        routes = insert_greedily(problem, routes)
    if base_ok and use_ils and not stopped:

        def improved(prize: int) -> None:
            elapsed = time.perf_counter() - t0
            history.append((elapsed, prize))
            if on_progress is not None:
                on_progress(elapsed, prize)

        polish = None
        if use_polish:
            model = OrToolsModel(problem)
            ls_settings = settings.model_copy(
                update={"metaheuristic": "GREEDY_DESCENT", "max_solutions": None}
            )

            def polish(rs: list[list[int]]) -> list[list[int]] | None:
                left = deadline - time.perf_counter() - 0.05
                if left < 0.02:
                    return None
                st = ls_settings.model_copy(update={"time_limit_s": min(left, polish_cap_s)})
                out = model.search(st, initial_routes=rs, search_params=search_params)
                if not out.found:
                    return None
                return [list(r) for r in out.routes]

        opts = dict(ils_options or {})
        compiled = bool(opts.pop("compiled", True)) and polish is None and supports(problem)
        compiled = compiled and not (_PYTHON_ONLY & opts.keys())
        # the compiled search makes ~100x the iterations of the Python one per second
        per_solution = 100 if compiled else 20
        common: dict[str, Any] = {
            "deadline": deadline - 0.02,
            "seed": settings.seed,
            "max_iterations": None
            if settings.max_solutions is None
            else per_solution * settings.max_solutions,
            "on_improve": improved,
            "stop": stop,
        }
        if compiled:
            better, _iterations = CompiledILS(problem).run(routes, **common, **opts)
        else:
            for key in _COMPILED_ONLY & opts.keys():
                opts.pop(key)
            better = iterated_local_search(problem, routes, polish=polish, **common, **opts)
        if not evaluate(problem, better)[1]:
            routes = better
    schedules, problems = evaluate(problem, routes)
    if not found:
        problems.insert(0, f"no solution found ({run.status})")
    prize = sum(problem.visits[i].prize for r in routes for i in r)
    travel = sum(s.travel_s for s in schedules if s is not None)
    if found and (not history or history[-1][1] != prize):
        history.append((time.perf_counter() - t0, prize))
    return Solution(
        routes=tuple(tuple(r) for r in routes),
        schedules=schedules,
        prize=prize,
        travel_s=travel,
        feasible=found and not problems,
        problems=tuple(problems),
        status=run.status,
        runtime_s=time.perf_counter() - t0,
        first_solution_s=run.first_solution_s,
        history=tuple(history),
    )
