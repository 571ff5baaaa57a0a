"""Solvers compared in the benchmark, each turning an :class:`Instance` into routes.

Every adapter returns ``(routes, seconds)`` with routes as lists of visit indices (visit ``i``
is node ``i + 1`` of the TOPTW file); the harness checks them independently.

* ``routeplanner`` — :func:`routeplanner.solve.solve`, the function the itinerary planner uses,
  on the instance's :class:`~routeplanner.model.Problem` (no special-purpose code), stopped at
  the limit's wall time like the peers (``wall_clock=True``; the variant ``work`` stops on the
  work budget instead, as the planner does).
* ``ortools`` — plain OR-Tools routing built directly from the file data: a disjunction per
  site with the score as penalty, PATH_CHEAPEST_ARC first solution, guided local search,
  otherwise default parameters. The baseline.
* ``pyvrp`` — PyVRP's hybrid genetic search, prize-collecting (optional clients).
* ``vroom`` — VROOM through pyvroom, job priority = score.
"""

from __future__ import annotations

import datetime as dt
import time

import numpy as np

from instances import Instance

#: prize multiplier for the peers that minimise cost minus prize: larger than any tour length
#: sum, so that score always comes first (the same rule as ``routeplanner``'s score_weight).


def _weight(inst: Instance) -> int:
    p = inst.problem
    return sum(d.latest_end_s - d.earliest_start_s for d in p.days) + 1


def run_routeplanner(inst: Instance, limit_s: float, seed: int, **kw) -> tuple[list, float]:
    from routeplanner.model import SolverSettings
    from routeplanner.solve import solve

    t0 = time.perf_counter()
    # equal wall time with the peers unless the variant asks for the work budget
    kw = {"wall_clock": True, **kw}
    sol = solve(inst.problem, SolverSettings(time_limit_s=limit_s, seed=seed), **kw)
    return [list(r) for r in sol.routes], time.perf_counter() - t0


def run_ortools_plain(inst: Instance, limit_s: float, seed: int) -> tuple[list, float]:
    """Plain OR-Tools baseline (node 0 = depot, node k = visit k - 1)."""
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2

    t0 = time.perf_counter()
    p = inst.problem
    dur = p.durations_s[0]
    n = dur.shape[0]
    m = len(p.days)
    service = np.zeros(n, dtype=np.int64)
    for v in p.visits:
        service[v.location] = v.service_s
    manager = pywrapcp.RoutingIndexManager(n, m, 0)
    routing = pywrapcp.RoutingModel(manager)
    dist = dur.astype(np.int64)
    cost_cb = routing.RegisterTransitMatrix(dist.tolist())
    time_cb = routing.RegisterTransitMatrix((dist + service[:, None]).tolist())
    routing.SetArcCostEvaluatorOfAllVehicles(cost_cb)
    tmax = p.days[0].latest_end_s
    routing.AddDimension(time_cb, tmax, tmax, False, "time")
    tdim = routing.GetDimensionOrDie("time")
    w = _weight(inst)
    for v in p.visits:
        idx = manager.NodeToIndex(v.location)
        a, b = v.windows[0]
        tdim.CumulVar(idx).SetRange(min(a, tmax), min(b, tmax))
        routing.AddDisjunction([idx], v.prize * w)
    search = pywrapcp.DefaultRoutingSearchParameters()
    search.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    search.local_search_metaheuristic = (
        routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    )
    search.time_limit.FromMilliseconds(max(1, int((limit_s - (time.perf_counter() - t0)) * 1000)))
    sol = routing.SolveWithParameters(search)
    routes: list[list[int]] = []
    if sol is not None:
        for k in range(m):
            r = []
            idx = sol.Value(routing.NextVar(routing.Start(k)))
            while not routing.IsEnd(idx):
                r.append(manager.IndexToNode(idx) - 1)
                idx = sol.Value(routing.NextVar(idx))
            routes.append(r)
    return routes, time.perf_counter() - t0


def run_pyvrp(inst: Instance, limit_s: float, seed: int) -> tuple[list, float]:
    """PyVRP, prize-collecting: optional clients, prize = score x weight."""
    from pyvrp import Model
    from pyvrp.stop import MaxRuntime

    t0 = time.perf_counter()
    p = inst.problem
    dur = p.durations_s[0]
    n = dur.shape[0]
    tmax = p.days[0].latest_end_s
    w = _weight(inst)
    model = Model()
    locs = [model.add_location(0, 0) for _ in range(n)]  # coordinates unused: explicit edges
    depot = model.add_depot(locs[0], tw_early=0, tw_late=tmax)
    model.add_vehicle_type(
        num_available=len(p.days), start_depot=depot, end_depot=depot, tw_early=0, tw_late=tmax
    )
    for v in p.visits:
        a, b = v.windows[0]
        model.add_client(
            locs[v.location],
            service_duration=v.service_s,
            tw_early=min(a, tmax),
            tw_late=min(b, tmax),
            prize=v.prize * w,
            required=False,
        )
    for a in range(n):
        for b in range(n):
            if a != b:
                model.add_edge(locs[a], locs[b], distance=int(dur[a, b]), duration=int(dur[a, b]))
    left = max(0.05, limit_s - (time.perf_counter() - t0))
    res = model.solve(stop=MaxRuntime(left), seed=seed, display=False)
    best = res.best
    routes: list[list[int]] = []
    if best.is_feasible():
        # a client activity's idx is the client's number in insertion order = visit index
        for route in best.routes():
            routes.append([a.idx for a in route if a.is_client()])
    return routes, time.perf_counter() - t0


def run_vroom(inst: Instance, limit_s: float, seed: int) -> tuple[list, float]:
    """VROOM (pyvroom), priority = score, one thread, exploration level 5, timeout = limit."""
    import vroom

    t0 = time.perf_counter()
    p = inst.problem
    dur = p.durations_s[0]
    tmax = p.days[0].latest_end_s
    prob = vroom.Input()
    prob.set_durations_matrix(profile="car", matrix_input=dur.astype(np.int64).tolist())
    for k in range(len(p.days)):
        prob.add_vehicle(
            vroom.Vehicle(
                k + 1, start=0, end=0, profile="car", time_window=vroom.TimeWindow(0, tmax)
            )
        )
    for v in p.visits:
        a, b = v.windows[0]
        if a > tmax:
            continue
        prob.add_job(
            vroom.Job(
                v.location,
                location=v.location,
                default_service=v.service_s,
                priority=min(100, v.prize),
                time_windows=[vroom.TimeWindow(a, min(b, tmax))],
            )
        )
    left = max(0.05, limit_s - (time.perf_counter() - t0))
    sol = prob.solve(exploration_level=5, nb_threads=1, timeout=dt.timedelta(seconds=left))
    routes_df = sol.routes
    routes: list[list[int]] = []
    for _vid, grp in routes_df.groupby("vehicle_id", sort=True):
        jobs = grp[grp["type"] == "job"]["id"].tolist()
        routes.append([int(j) - 1 for j in jobs])
    return routes, time.perf_counter() - t0


SOLVERS = {
    "routeplanner": run_routeplanner,
    "ortools": run_ortools_plain,
    "pyvrp": run_pyvrp,
    "vroom": run_vroom,
}
