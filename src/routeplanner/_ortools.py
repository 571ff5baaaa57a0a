"""Private translation of a :class:`~routeplanner.model.Problem` into OR-Tools routing.

Days are vehicles. Node ``i < len(visits)`` is visit ``i``; each day then has a start node and
an end node of its own. Times are absolute seconds; a visit's allowed start times are the
domain of its cumul variable (gaps removed). Optional visits sit in a disjunction whose
penalty is the prize times a weight large enough that prize dominates travel time.
"""

from __future__ import annotations

import dataclasses
import itertools
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from google.protobuf import json_format
from ortools.constraint_solver import pywrapcp, routing_enums_pb2

from .model import Problem, SolverSettings

__all__ = ["OrToolsModel", "OrToolsRun", "apply_search_params", "run_ortools"]

_UNREACHABLE = 10**9  # transit beyond any horizon: an arc that can never be used


@dataclass
class OrToolsRun:
    """Outcome of one OR-Tools search."""

    routes: list[list[int]]
    found: bool
    status: str
    wall_s: float
    first_solution_s: float | None
    history: list[tuple[float, int]] = field(default_factory=list)
    objective: int | None = None


def _status_name(code: int) -> str:
    names = {
        0: "ROUTING_NOT_SOLVED",
        1: "ROUTING_SUCCESS",
        2: "ROUTING_PARTIAL_SUCCESS_LOCAL_OPTIMUM_NOT_REACHED",
        3: "ROUTING_FAIL",
        4: "ROUTING_FAIL_TIMEOUT",
        5: "ROUTING_INVALID",
        6: "ROUTING_INFEASIBLE",
        7: "ROUTING_OPTIMAL",
    }
    return names.get(code, str(code))


def apply_search_params(search: Any, overrides: Mapping[str, Any]) -> None:
    """Set OR-Tools search parameters by dotted name.

    ``{"local_search_operators.use_extended_swap_active": True,
    "local_search_metaheuristic": "TABU_SEARCH", "guided_local_search_lambda_coefficient": 0.01}``:
    booleans of ``OptionalBoolean`` fields become BOOL_TRUE/BOOL_FALSE, enum fields take names.
    """
    for name, value in overrides.items():
        *path, leaf = name.split(".")
        msg = search
        for part in path:
            msg = getattr(msg, part)
        fdesc = msg.DESCRIPTOR.fields_by_name[leaf]
        if isinstance(value, dict):
            json_format.ParseDict(value, getattr(msg, leaf))
        elif fdesc.enum_type is not None:
            enum = fdesc.enum_type

            def num(x: Any, enum: Any = enum) -> int:
                if isinstance(x, bool) and "BOOL_TRUE" in enum.values_by_name:
                    return enum.values_by_name["BOOL_TRUE" if x else "BOOL_FALSE"].number
                return enum.values_by_name[x].number if isinstance(x, str) else int(x)

            if fdesc.label == fdesc.LABEL_REPEATED:
                getattr(msg, leaf)[:] = [num(x) for x in value]
            else:
                setattr(msg, leaf, num(value))
        elif fdesc.message_type is not None and fdesc.message_type.name == "Duration":
            getattr(msg, leaf).FromMilliseconds(int(float(value) * 1000))
        else:
            setattr(msg, leaf, value)


def score_weight(problem: Problem) -> int:
    """Penalty per prize unit: larger than any total travel time, so prize comes first."""
    span = sum(d.latest_end_s - d.earliest_start_s for d in problem.days)
    return max(span, 1) + 1


def _time_unit(problem: Problem) -> int:
    """The largest unit dividing every time in the problem (60 for minute-based itineraries)."""
    values = [np.gcd.reduce(np.abs(m[m > 0])) for m in problem.durations_s if (m > 0).any()]
    if problem.drive_s is not None:
        values += [np.gcd.reduce(m[m > 0]) for m in problem.drive_s if (m > 0).any()]
    for v in problem.visits:
        values.append(v.service_s)
        values += [x for w in v.windows for x in w]
    for d in problem.days:
        values += [d.earliest_start_s, d.latest_end_s, d.lunch_s]
        values += list(d.lunch_window_s or ())
        if d.max_drive_s is not None:
            values.append(d.max_drive_s)
    g = int(np.gcd.reduce(np.array([int(x) for x in values if x], dtype=np.int64))) if values else 1
    return max(g, 1)


def _coarsen(problem: Problem) -> Problem:
    """Divide every time by the common unit: OR-Tools' domains with holes cost memory and time
    in proportion to their range, so minutes are far cheaper than seconds."""
    g = _time_unit(problem)
    if g == 1:
        return problem

    def div(m: np.ndarray) -> np.ndarray:
        return np.where(m < 0, -1, m // g)

    visits = tuple(
        dataclasses.replace(
            v, service_s=v.service_s // g, windows=tuple((a // g, b // g) for a, b in v.windows)
        )
        for v in problem.visits
    )
    days = tuple(
        dataclasses.replace(
            d,
            earliest_start_s=d.earliest_start_s // g,
            latest_end_s=d.latest_end_s // g,
            max_drive_s=None if d.max_drive_s is None else d.max_drive_s // g,
            lunch_window_s=None
            if d.lunch_window_s is None
            else (d.lunch_window_s[0] // g, d.lunch_window_s[1] // g),
            lunch_s=d.lunch_s // g,
        )
        for d in problem.days
    )
    return dataclasses.replace(
        problem,
        visits=visits,
        days=days,
        durations_s=tuple(div(m) for m in problem.durations_s),
        drive_s=None if problem.drive_s is None else tuple(div(m) for m in problem.drive_s),
    )


class OrToolsModel:
    """The OR-Tools routing model of a problem, built once and searched one or more times
    (each search may start from given routes)."""

    def __init__(self, problem: Problem) -> None:
        problem = _coarsen(problem)
        nv = len(problem.visits)
        nd = len(problem.days)
        starts = [nv + 2 * d for d in range(nd)]
        ends = [nv + 2 * d + 1 for d in range(nd)]
        n_nodes = nv + 2 * nd
        loc = np.empty(n_nodes, dtype=np.int64)
        service = np.zeros(n_nodes, dtype=np.int64)
        for i, v in enumerate(problem.visits):
            loc[i] = v.location
            service[i] = v.service_s
        for d, day in enumerate(problem.days):
            loc[starts[d]] = day.start_location
            loc[ends[d]] = day.end_location

        manager = pywrapcp.RoutingIndexManager(n_nodes, nd, starts, ends)
        params = pywrapcp.DefaultRoutingModelParameters()
        routing = pywrapcp.RoutingModel(manager, params)
        solver = routing.solver()

        # node-by-node matrices, one per distinct day calendar
        def node_matrix(m: np.ndarray, with_service: bool) -> list[list[int]]:
            sub = m[np.ix_(loc, loc)].astype(np.int64)
            sub = np.where(sub < 0, _UNREACHABLE, sub)
            if with_service:
                sub = sub + service[:, None]
            np.fill_diagonal(sub, 0)
            return sub.tolist()

        time_cbs: dict[int, int] = {}
        cost_cbs: dict[int, int] = {}
        drive_cbs: dict[int, int] = {}
        for m_id in sorted({d.matrix for d in problem.days}):
            durations = problem.durations_s[m_id]
            time_cbs[m_id] = routing.RegisterTransitMatrix(node_matrix(durations, True))
            cost_cbs[m_id] = routing.RegisterTransitMatrix(node_matrix(durations, False))
            if problem.drive_s is not None:
                drive_cbs[m_id] = routing.RegisterTransitMatrix(
                    node_matrix(problem.drive_s[m_id], False)
                )
        for d, day in enumerate(problem.days):
            routing.SetArcCostEvaluatorOfVehicle(cost_cbs[day.matrix], d)

        horizon = max(d.latest_end_s for d in problem.days)
        routing.AddDimensionWithVehicleTransits(
            [time_cbs[d.matrix] for d in problem.days], horizon, horizon, False, "time"
        )
        time_dim = routing.GetDimensionOrDie("time")
        for d, day in enumerate(problem.days):
            for idx in (routing.Start(d), routing.End(d)):
                time_dim.CumulVar(idx).SetRange(day.earliest_start_s, day.latest_end_s)

        for i, v in enumerate(problem.visits):
            idx = manager.NodeToIndex(i)
            allowed_days = [
                d
                for d, day in enumerate(problem.days)
                if (v.days is None or d in v.days)
                and int(problem.durations_s[day.matrix][day.start_location, v.location]) >= 0
                and any(a <= day.latest_end_s and b >= day.earliest_start_s for a, b in v.windows)
            ]
            windows = [(a, b) for a, b in v.windows if a <= horizon]
            if not allowed_days or not windows:
                routing.VehicleVar(idx).SetValues([-1])
                continue
            if len(allowed_days) < nd:
                # SetAllowedVehiclesForIndex's Python binding rejects lists in OR-Tools 9.15
                routing.VehicleVar(idx).SetValues([-1, *allowed_days])
            cumul = time_dim.CumulVar(idx)
            lo, hi = windows[0][0], min(windows[-1][1], horizon)
            cumul.SetRange(lo, hi)
            for (_a, b), (a2, _b2) in itertools.pairwise(windows):
                if a2 - 1 >= b + 1:
                    cumul.RemoveInterval(b + 1, a2 - 1)

        if drive_cbs:
            caps = [d.max_drive_s if d.max_drive_s is not None else horizon for d in problem.days]
            routing.AddDimensionWithVehicleTransitAndCapacity(
                [drive_cbs[d.matrix] for d in problem.days], 0, caps, True, "drive"
            )

        # lunch: one break per day, not during a visit
        lunch_days = [
            d
            for d, day in enumerate(problem.days)
            if day.lunch_window_s is not None and day.lunch_s
        ]
        if lunch_days:
            node_visit = [0] * routing.Size()
            for index in range(routing.Size()):
                node_visit[index] = int(service[manager.IndexToNode(index)])
            for d in lunch_days:
                day = problem.days[d]
                lo, hi = day.lunch_window_s  # type: ignore[misc]
                brk = solver.FixedDurationIntervalVar(lo, hi, day.lunch_s, True, f"lunch{d}")
                # optional: only binding when the day runs into the lunch window
                time_dim.SetBreakIntervalsOfVehicle([brk], d, node_visit)
                late = solver.IsGreaterCstVar(time_dim.CumulVar(routing.End(d)), lo)
                solver.Add(brk.PerformedExpr() >= late)

        # price per person (tickets + fares), capped by the budget
        if problem.budget_rub is not None:
            costs = problem.costs_rub
            price = np.array([v.price_rub for v in problem.visits] + [0] * (2 * nd), dtype=np.int64)
            price_cbs = {}
            for m_id in time_cbs:
                fare = (
                    costs[m_id][np.ix_(loc, loc)].clip(min=0)
                    if costs is not None
                    else np.zeros((n_nodes, n_nodes), dtype=np.int64)
                )
                mat = (fare + price[:, None]).astype(np.int64)
                np.fill_diagonal(mat, 0)
                price_cbs[m_id] = routing.RegisterTransitMatrix(mat.tolist())
            cap = int(problem.budget_rub)
            routing.AddDimensionWithVehicleTransitAndCapacity(
                [price_cbs[d.matrix] for d in problem.days], 0, [cap] * nd, True, "price"
            )
            price_dim = routing.GetDimensionOrDie("price")
            if nd > 1:
                solver.Add(
                    solver.Sum([price_dim.CumulVar(routing.End(d)) for d in range(nd)]) <= cap
                )

        # quotas on tagged visits
        w = score_weight(problem)
        max_prize = max((v.prize for v in problem.visits), default=1)
        for qi, q in enumerate(problem.quotas):
            flags = [1 if q.tag in v.tags else 0 for v in problem.visits] + [0] * (2 * nd)
            cb = routing.RegisterUnaryTransitVector(flags)
            cap = q.max if (q.per == "day" and q.max is not None) else nv
            name = f"quota{qi}"
            routing.AddDimension(cb, 0, cap, True, name)
            dim = routing.GetDimensionOrDie(name)
            ends_c = [dim.CumulVar(routing.End(d)) for d in range(nd)]
            if q.per == "day" and q.min is not None:
                for d in range(nd):
                    dim.SetCumulVarSoftLowerBound(routing.End(d), q.min, 2 * max_prize * w)
            if q.per == "trip":
                total = solver.Sum(ends_c)
                if q.max is not None:
                    solver.Add(total <= q.max)
                if q.min is not None:
                    solver.Add(total >= q.min)

        # precedences: visit i before visit j on the same day (a tour's own stops keep their
        # order when embedding)
        for i, j in problem.precedences:
            a, b = manager.NodeToIndex(i), manager.NodeToIndex(j)
            solver.Add(routing.VehicleVar(a) == routing.VehicleVar(b))
            solver.Add(time_dim.CumulVar(a) + int(service[i]) <= time_dim.CumulVar(b))

        required_penalty = max(1, sum(v.prize for v in problem.visits)) * w * 10
        for i, v in enumerate(problem.visits):
            idx = manager.NodeToIndex(i)
            routing.AddDisjunction([idx], required_penalty if v.required else v.prize * w)

        for d in range(nd):
            routing.AddVariableMinimizedByFinalizer(time_dim.CumulVar(routing.End(d)))
            routing.AddVariableMaximizedByFinalizer(time_dim.CumulVar(routing.Start(d)))
        self.problem = problem
        self.manager = manager
        self.routing = routing
        self.nd = nd
        self._hook: list[Callable[[], None]] = []
        self._closed = False
        routing.AddAtSolutionCallback(self._at_solution)

    def _at_solution(self) -> None:
        if self._hook:
            self._hook[-1]()

    def collected(self) -> int:
        """Prize of the solution being reported (inside a solution callback)."""
        routing, manager = self.routing, self.manager
        total = 0
        for i, v in enumerate(self.problem.visits):
            idx = manager.NodeToIndex(i)
            if routing.NextVar(idx).Value() != idx:
                total += v.prize
        return total

    def search(
        self,
        settings: SolverSettings,
        *,
        initial_routes: Sequence[Sequence[int]] | None = None,
        first_solution_only: bool = False,
        on_solution: Callable[[float, int], None] | None = None,
        stop: Callable[[], bool] | None = None,
        search_params: Mapping[str, Any] | None = None,
        t0: float | None = None,
    ) -> OrToolsRun:
        """One search; ``t0`` is the clock origin of the reported times."""
        t0 = time.perf_counter() if t0 is None else t0
        routing, manager, nd = self.routing, self.manager, self.nd
        search = pywrapcp.DefaultRoutingSearchParameters()
        search.first_solution_strategy = getattr(
            routing_enums_pb2.FirstSolutionStrategy, settings.first_solution
        )
        search.local_search_metaheuristic = getattr(
            routing_enums_pb2.LocalSearchMetaheuristic, settings.metaheuristic
        )
        if search_params:
            apply_search_params(search, search_params)
        search.time_limit.FromMilliseconds(max(1, int(settings.time_limit_s * 1000)))
        if first_solution_only:
            search.solution_limit = 1
        elif settings.max_solutions is not None:
            search.solution_limit = settings.max_solutions

        history: list[tuple[float, int]] = []
        first: list[float] = []

        def at_solution() -> None:
            elapsed = time.perf_counter() - t0
            if not first:
                first.append(elapsed)
            prize = self.collected()
            if not history or prize != history[-1][1]:
                history.append((elapsed, prize))
                if on_solution is not None:
                    on_solution(elapsed, prize)
            if stop is not None and stop():
                routing.solver().FinishCurrentSearch()

        self._hook.append(at_solution)
        try:
            assignment = self._solve(search, initial_routes)
        finally:
            self._hook.pop()

        routes: list[list[int]] = [[] for _ in range(nd)]
        if assignment is not None:
            for d in range(nd):
                idx = assignment.Value(routing.NextVar(routing.Start(d)))
                while not routing.IsEnd(idx):
                    routes[d].append(manager.IndexToNode(idx))
                    idx = assignment.Value(routing.NextVar(idx))
        return OrToolsRun(
            routes=routes,
            found=assignment is not None,
            status=_status_name(routing.status()),
            wall_s=time.perf_counter() - t0,
            first_solution_s=first[0] if first else None,
            history=history,
            objective=assignment.ObjectiveValue() if assignment is not None else None,
        )

    def _solve(self, search: Any, initial_routes: Sequence[Sequence[int]] | None) -> Any:
        routing = self.routing
        if initial_routes is not None:
            if not self._closed:
                routing.CloseModelWithParameters(search)
                self._closed = True
            init = routing.ReadAssignmentFromRoutes([list(r) for r in initial_routes], True)
            if init is not None:
                return routing.SolveFromAssignmentWithParameters(init, search)
        self._closed = True
        return routing.SolveWithParameters(search)


def run_ortools(
    problem: Problem,
    settings: SolverSettings,
    *,
    initial_routes: Sequence[Sequence[int]] | None = None,
    first_solution_only: bool = False,
    on_solution: Callable[[float, int], None] | None = None,
    stop: Callable[[], bool] | None = None,
    search_params: Mapping[str, Any] | None = None,
) -> OrToolsRun:
    """Solve ``problem`` with OR-Tools routing; return the best routes found.

    Parameters
    ----------
    problem : Problem
    settings : SolverSettings
    initial_routes : sequence of sequences of int, optional
        Visit indices per day to start the local search from.
    first_solution_only : bool
        Stop at the first solution (used to probe lodging sequences quickly).
    on_solution : callable, optional
        Called with ``(elapsed_s, prize)`` at each improving solution.
    stop : callable, optional
        Polled at each solution; returning True ends the search (Ctrl-C handling).
    search_params : mapping, optional
        Overrides of OR-Tools' search parameters by dotted field name (see
        :func:`apply_search_params`), applied after the settings.
    """
    t0 = time.perf_counter()
    model = OrToolsModel(problem)
    return model.search(
        settings,
        initial_routes=initial_routes,
        first_solution_only=first_solution_only,
        on_solution=on_solution,
        stop=stop,
        search_params=search_params,
        t0=t0,
    )
