"""Product benchmark: the search on what users ask for (issue 17).

Instances
---------
* every scenario of ``data/scenarios/``, through :func:`routeplanner.plan` (the user's path,
  lodging choice included);
* every tour of ``data/tours/``, embedded with its order kept (:func:`routeplanner.embed.embed`,
  the tour's stops as required visits chained by precedences);
* at least 24 synthetic constrained instances: published TOPTW files (read from ``--root``,
  default ``$ROUTEPLANNER_BENCHMARKS`` or ``../shared/benchmarks``) with, seeded per instance,
  a ticket price per visit, a fare on every leg (2 RUB per unit of distance), one of three
  categories per visit, a per-person budget of 60 % of what an unconstrained greedy plan
  spends, quotas (per day: at least 1 ``a``, at most 3 ``b``; per trip: at least ``m`` ``b``,
  at most half the greedy plan's ``c``; maxima never below what the required chain holds) and
  a precedence chain of three required visits (three consecutive visits of the greedy plan's
  first tour, so that the chain is feasible).

Protocol
--------
Each instance is solved at its default limit (the scenario's or tour's ``solver``, else
``SolverSettings()``: 5 s), which stops on the deterministic work budget. The reference is the
best of the project's own search at ``--ref-limit`` (60 s) for seeds 0, 1, 2 (a work budget:
about 60 s of CPU on a quiet core, the same result under any load; ``--ref-wall``: wall time)
and of plain OR-Tools routing at the same limit of wall time on the same problem (for a
scenario: with the nights the product run chose; for a tour: starting from the tour) with every
constraint as a dimension (:class:`routeplanner._ortools.OrToolsModel`: time windows, driving,
lunch breaks, price against the budget, quotas, precedences; guided local search).
The objective is the search's own: prize less twice the largest prize per visit missing from
a per-day minimum (per-trip minima, budget, maxima and order are hard).
Gap % = 100 (reference − value) / reference. Every plan is replayed by a checker that does
not use the solver: scenarios and tours by :func:`routeplanner.check.check_itinerary`,
synthetic instances by the TOPTW checker (which re-reads the file) plus the side check here
(prices, fares from the file's coordinates,
categories, order). A plan that fails counts as value 0. Time to the first feasible plan: from
the call to the first progress report (scenarios, synthetic) — the planner's own clock.

Run (two shards, one per core; ``--resume`` continues a stopped run)::

    for k in 1 2; do .venv/bin/python benchmarks/product_bench.py --shard $k/2 \\
        --out benchmarks/results/product_k$k.csv & done; wait
    .venv/bin/python benchmarks/product_bench.py --summarize benchmarks/results/product_k*.csv

``--calibrate`` refits the work units of the search (reference nanoseconds per counted
operation, ``routeplanner._ils._WORK_NS``) to the CPU time of the search on the scenarios and
public instances, and prints the fit.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import datetime as dt
import itertools
import math
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from instances import DEFAULT_ROOT, Instance, _toptw_nodes, check_toptw, read_toptw
from routeplanner._ils import CompiledILS, warm_up
from routeplanner.catalog import load_catalog
from routeplanner.check import check_itinerary
from routeplanner.model import Problem, SolverSettings, _QuotaRule
from routeplanner.network import load_network
from routeplanner.settings import default_data_dir
from routeplanner.solve import evaluate, solve

REPO = Path(__file__).resolve().parents[1]

#: references of our own search stop on wall time (``--ref-wall``) instead of the work budget
REF_WALL = [False]

#: 24 (set, instance, m) pairs over the four standard TOPTW sets, m = 1..4
SYNTHETIC = (
    ("c_r_rc_100_100", "c101", 1),
    ("c_r_rc_100_100", "c105", 2),
    ("c_r_rc_100_100", "c108", 3),
    ("c_r_rc_100_100", "r101", 2),
    ("c_r_rc_100_100", "r104", 3),
    ("c_r_rc_100_100", "r107", 4),
    ("c_r_rc_100_100", "rc101", 2),
    ("c_r_rc_100_100", "rc104", 1),
    ("c_r_rc_100_100", "rc106", 3),
    ("pr01_10", "pr01", 1),
    ("pr01_10", "pr03", 2),
    ("pr01_10", "pr05", 3),
    ("pr01_10", "pr07", 4),
    ("pr01_10", "pr10", 2),
    ("c_r_rc_200_100", "c201", 1),
    ("c_r_rc_200_100", "c204", 2),
    ("c_r_rc_200_100", "r201", 1),
    ("c_r_rc_200_100", "r203", 2),
    ("c_r_rc_200_100", "r209", 3),
    ("c_r_rc_200_100", "rc201", 2),
    ("c_r_rc_200_100", "rc207", 1),
    ("pr11_20", "pr11", 1),
    ("pr11_20", "pr13", 2),
    ("pr11_20", "pr18", 3),
)

FIELDS = [
    "kind",
    "instance",
    "run",
    "seed",
    "limit_s",
    "value",
    "feasible",
    "violations",
    "first_s",
    "wall_s",
    "status",
    "load",
    "problems",
]


def _load() -> str:
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


# ----------------------------------------------------------------------------- synthetic


@dataclasses.dataclass(frozen=True)
class Synthetic:
    """A constrained TOPTW instance and the seeded data its side check re-reads."""

    inst: Instance
    problem: Problem
    price: dict[int, int]
    tag: dict[int, str]
    fare_per_unit: int
    chain: tuple[int, ...]
    budget: int
    quotas: tuple[_QuotaRule, ...]


def _xy(inst: Instance) -> list[tuple[float, float]]:
    return [(float(t[1]), float(t[2])) for t in _toptw_nodes(inst.path)]


def synthetic(root: Path, set_name: str, name: str, m: int) -> Synthetic:
    """The constrained instance built from ``set_name/name`` with ``m`` tours (seeded)."""
    inst = read_toptw(root / "toptw" / set_name / f"{name}.txt", m, set_name=set_name)
    base = inst.problem
    rng = random.Random(f"{name}/{m}")
    nv = len(base.visits)
    price = {i: rng.choice([0, 0, 100, 200, 300, 500]) for i in range(nv)}
    tag = {i: rng.choices("abc", weights=(3, 4, 3))[0] for i in range(nv)}
    xy = _xy(inst)
    fare_per_unit = 2
    n = len(xy)
    fares = np.zeros((n, n), dtype=np.int64)
    for a in range(n):
        for b in range(n):
            fares[a, b] = fare_per_unit * math.floor(math.dist(xy[a], xy[b]))
    visits = tuple(
        dataclasses.replace(v, price_rub=price[i], tags=frozenset({tag[i]}))
        for i, v in enumerate(base.visits)
    )
    plain = dataclasses.replace(base, visits=visits, costs_rub=(fares,))
    greedy = CompiledILS(plain).fill([[] for _ in range(m)])
    spend = sum(price[i] for r in greedy for i in r) + sum(
        int(fares[a, b])
        for d, r in enumerate(greedy)
        for a, b in zip(
            [plain.days[d].start_location, *(visits[i].location for i in r)],
            [*(visits[i].location for i in r), plain.days[d].end_location],
            strict=True,
        )
    )
    first = max(greedy, key=len)
    k0 = rng.randrange(max(1, len(first) - 2))
    chain = tuple(first[k0 : k0 + 3])
    visits = tuple(
        dataclasses.replace(v, required=True) if i in chain else v for i, v in enumerate(visits)
    )
    n_c = sum(tag[i] == "c" for r in greedy for i in r)
    chain_c = sum(tag[i] == "c" for i in chain)
    chain_b = sum(tag[i] == "b" for i in chain)
    quotas = (
        _QuotaRule("a", "day", 1, None),
        _QuotaRule("b", "day", None, max(3, chain_b)),  # the required chain always fits
        _QuotaRule("b", "trip", m, None),
        _QuotaRule("c", "trip", None, max(1, n_c // 2, chain_c)),
    )
    budget = int(0.6 * spend)
    problem = dataclasses.replace(
        plain,
        visits=visits,
        budget_rub=budget,
        quotas=quotas,
        precedences=tuple(itertools.pairwise(chain)),
    )
    return Synthetic(inst, problem, price, tag, fare_per_unit, chain, budget, quotas)


def side_check(s: Synthetic, routes: list[list[int]]) -> list[str]:
    """The side constraints replayed from the seeded data and the file's coordinates."""
    out = []
    xy = _xy(s.inst)
    spend = 0
    for r in routes:
        nodes = [0, *(i + 1 for i in r), 0]
        spend += sum(s.price[i] for i in r)
        spend += sum(
            s.fare_per_unit * math.floor(math.dist(xy[a], xy[b]))
            for a, b in itertools.pairwise(nodes)
        )
    if spend > s.budget:
        out.append(f"spends {spend} > budget {s.budget}")
    for q in s.quotas:
        counts = [sum(s.tag[i] == q.tag for i in r) for r in routes]
        if q.per == "day" and q.max is not None and max(counts) > q.max:
            out.append(f"more than {q.max} {q.tag} on a day")
        if q.per == "trip" and q.max is not None and sum(counts) > q.max:
            out.append(f"more than {q.max} {q.tag} in the trip")
        if q.per == "trip" and q.min is not None and sum(counts) < q.min:
            out.append(f"fewer than {q.min} {q.tag} in the trip")
    where = {i: (d, k) for d, r in enumerate(routes) for k, i in enumerate(r)}
    for i in s.chain:
        if i not in where:
            out.append(f"required visit {i} missing")
    for a, b in zip(s.chain, s.chain[1:], strict=False):
        if a in where and b in where and (where[a][0] != where[b][0] or where[a][1] > where[b][1]):
            out.append(f"order {a} -> {b} broken")
    return out


def objective(problem: Problem, routes: list[list[int]]) -> int:
    """Prize less twice the largest prize per visit missing from a per-day minimum."""
    top = max(v.prize for v in problem.visits)
    val = sum(problem.visits[i].prize for r in routes for i in r)
    for q in problem.quotas:
        if q.per == "day" and q.min:
            for r in routes:
                have = sum(q.tag in problem.visits[i].tags for i in r)
                val -= 2 * top * max(0, q.min - have)
    return val


# ----------------------------------------------------------------------------- the runs


def _ortools(problem: Problem, limit_s: float, initial: list[list[int]] | None):
    from routeplanner._ortools import OrToolsModel

    run = OrToolsModel(problem).search(SolverSettings(time_limit_s=limit_s), initial_routes=initial)
    return [list(r) for r in run.routes] if run.found else None


class Context:
    """Catalog and network, loaded once per process."""

    def __init__(self) -> None:
        self.catalog = load_catalog(default_data_dir())
        self.network = load_network(default_data_dir(), self.catalog)


def _scenario_problem(ctx: Context, request: Any, nights: list[str]) -> tuple[Problem, Any]:
    from routeplanner import planner

    pc = planner._context(request, ctx.catalog, ctx.network)
    problem, _ = planner._build(pc, pc.days_ok, nights)
    pc.problem = problem
    return problem, pc


def _routes_of(problem: Problem, it: Any) -> list[list[int]]:
    index = {v.key: i for i, v in enumerate(problem.visits)}
    return [[index[s.site_id] for s in day.stops] for day in it.days]


def _replayed(ctx: Context, pc: Any, problem: Problem, routes: list[list[int]]) -> list[str]:
    """Violations of a reference plan: the problem's evaluator, then the plan decoded into an
    itinerary and replayed by the independent checker."""
    from routeplanner.decode import build_itinerary
    from routeplanner.solve import Solution

    schedules, problems = evaluate(problem, routes)
    if problems:
        return problems
    sol = Solution(tuple(tuple(r) for r in routes), schedules, 0, 0, True)
    it = build_itinerary(pc, problem, sol, {})
    return [str(v) for v in check_itinerary(it, pc.catalog, pc.network)]


def _reference(
    problem: Problem, run: str, seed: int, ref_limit: float, start: list[list[int]] | None
) -> tuple[list[list[int]], str]:
    """A reference plan on ``problem``: our search (``ours60_s*``) or plain OR-Tools, both at
    ``ref_limit`` (our search: of work, i.e. about that much CPU on a quiet reference core and
    the same result under any load; of wall time with ``--ref-wall``; OR-Tools: wall time)."""
    if run == "ortools60":
        return _ortools(problem, ref_limit, start) or [], "ORTOOLS"
    sol = solve(
        problem,
        SolverSettings(time_limit_s=ref_limit, seed=seed),
        initial_routes=start,
        wall_clock=REF_WALL[0],
    )
    return [list(r) for r in sol.routes], sol.status


def run_scenario(ctx: Context, path: Path, run: str, seed: int, ref_limit: float) -> dict:
    """The product run: ``plan()`` as users call it. A reference run: the same request's
    problem with the nights the product chose (its lodging search is the product's part),
    searched for ``ref_limit`` seconds."""
    from routeplanner import plan
    from routeplanner.scenario import load_scenario

    req = load_scenario(path)
    first: list[float] = []
    t0 = time.perf_counter()
    it = plan(req, ctx.catalog, ctx.network, on_progress=lambda t, _p: first or first.append(t))
    wall = time.perf_counter() - t0
    nights = [d.lodging for d in it.days[:-1]]
    problem, pc = _scenario_problem(ctx, req, nights)
    routes = _routes_of(problem, it) if it.feasible else []
    violations = [str(v) for v in check_itinerary(it, ctx.catalog, ctx.network)] if routes else []
    status = it.solver.get("status", "")
    if run != "product":
        first = []
        t0 = time.perf_counter()
        routes, status = _reference(problem, run, seed, ref_limit, None)
        wall = time.perf_counter() - t0
        violations = _replayed(ctx, pc, problem, routes) if routes else ["no solution"]
    ok = bool(routes) and not violations
    return {
        "value": objective(problem, routes) if ok else 0,
        "feasible": ok,
        "violations": len(violations),
        "first_s": round(first[0], 3) if first else "",
        "wall_s": round(wall, 2),
        "status": status,
        "problems": "; ".join(violations[:3]),
    }


def run_tour(ctx: Context, path: Path, run: str, seed: int, ref_limit: float) -> dict:
    """The product run: ``embed()``. A reference run: the embedding problem searched from the
    tour itself for ``ref_limit`` seconds."""
    from routeplanner.embed import _setup, embed, load_tour

    tour = load_tour(path, ctx.catalog, ctx.network)
    st = _setup(tour, ctx.catalog, ctx.network, None, 120, False, None)
    t0 = time.perf_counter()
    if run == "product":
        it = embed(tour, ctx.catalog, ctx.network)
        wall = time.perf_counter() - t0
        routes = _routes_of(st.problem, it) if it.feasible else []
        violations = [str(v) for v in check_itinerary(it, st.ctx.catalog, st.ctx.network)]
        status = it.solver.get("status", "")
    else:
        routes, status = _reference(st.problem, run, seed, ref_limit, st.original_routes)
        wall = time.perf_counter() - t0
        violations = _replayed(ctx, st.ctx, st.problem, routes) if routes else ["no solution"]
    ok = bool(routes) and not violations
    return {
        "value": objective(st.problem, routes) if ok else 0,
        "feasible": ok,
        "violations": len(violations),
        "first_s": "",
        "wall_s": round(wall, 2),
        "status": status,
        "problems": "; ".join(violations[:3]),
    }


def run_synthetic(
    root: Path, key: tuple[str, str, int], run: str, seed: int, ref_limit: float
) -> dict:
    s = synthetic(root, *key)
    p = s.problem
    t0 = time.perf_counter()
    first: list[float] = []
    if run == "ortools60":
        routes = _ortools(p, ref_limit, None) or []
        status = "ORTOOLS"
    else:
        settings = (
            SolverSettings()
            if run == "product"
            else SolverSettings(time_limit_s=ref_limit, seed=seed)
        )
        sol = solve(p, settings, wall_clock=REF_WALL[0] and run != "product")
        routes = [list(r) for r in sol.routes]
        status = sol.status
        if sol.first_solution_s is not None:
            first.append(sol.first_solution_s)
    wall = time.perf_counter() - t0
    violations = (check_toptw(s.inst, routes) + side_check(s, routes)) if routes else ["none"]
    ok = bool(routes) and not violations
    return {
        "value": objective(p, routes) if ok else 0,
        "feasible": ok,
        "violations": len(violations),
        "first_s": round(first[0], 3) if first else "",
        "wall_s": round(wall, 2),
        "status": status,
        "problems": "; ".join(violations[:3]),
    }


def jobs(root: Path, kinds: set[str], seeds: list[int]) -> list[tuple[str, str, str, int]]:
    runs = [("product", 0), *((f"ours60_s{s}", s) for s in seeds), ("ortools60", 0)]
    out: list[tuple[str, str, str, int]] = []
    if "scenarios" in kinds:
        for f in sorted((REPO / "data" / "scenarios").glob("*.yaml")):
            out += [("scenario", f.name, r, s) for r, s in runs]
    if "tours" in kinds:
        # each CSV, and each YAML that is not the keys file of a CSV
        files = sorted(
            f for f in (REPO / "data" / "tours").glob("*") if f.suffix in (".yaml", ".csv")
        )
        csv_stems = {f.stem for f in files if f.suffix == ".csv"}
        for f in files:
            if f.suffix == ".csv" or f.stem not in csv_stems:
                out += [("tour", f.name, r, s) for r, s in runs]
    if "synthetic" in kinds:
        for set_name, name, m in SYNTHETIC:
            if (root / "toptw" / set_name / f"{name}.txt").exists():
                out += [("synthetic", f"{set_name}/{name}/{m}", r, s) for r, s in runs]
    return out


def run_job(
    ctx: Callable[[], Context], root: Path, job: tuple[str, str, str, int], ref_limit: float
) -> dict:
    kind, name, run, seed = job
    if kind == "scenario":
        row = run_scenario(ctx(), REPO / "data" / "scenarios" / name, run, seed, ref_limit)
    elif kind == "tour":
        row = run_tour(ctx(), REPO / "data" / "tours" / name, run, seed, ref_limit)
    else:
        set_name, inst, m = name.split("/")
        row = run_synthetic(root, (set_name, inst, int(m)), run, seed, ref_limit)
    limit = "default" if run == "product" else ref_limit
    return {"kind": kind, "instance": name, "run": run, "seed": seed, "limit_s": limit, **row}


# ----------------------------------------------------------------------------- summary


def summarize(paths: list[Path]) -> str:
    rows = [r for p in paths for r in csv.DictReader(p.open())]
    by: dict[tuple[str, str], dict[str, dict]] = {}
    for r in rows:
        by.setdefault((r["kind"], r["instance"]), {})[r["run"]] = r
    lines = [
        "| kind | instance | value | reference (best of) | gap % | first plan s | wall s |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    gaps: dict[str, list[float]] = {}
    firsts: list[float] = []
    for (kind, name), runs in sorted(by.items()):
        prod = runs.get("product")
        if prod is None:
            continue
        vals = {k: float(r["value"]) for k, r in runs.items()}
        ref_run = max(vals, key=lambda k: (vals[k], k == "product"))
        ref = vals[ref_run]
        if prod["feasible"] != "True":
            gap = 100.0  # a product plan that fails the checker counts as nothing
        else:
            gap = 100.0 * (ref - vals["product"]) / ref if ref > 0 else 0.0
        gaps.setdefault(kind, []).append(gap)
        if prod["first_s"] and kind == "scenario":
            firsts.append(float(prod["first_s"]))
        ok = "" if prod["feasible"] == "True" else " (fails the checker)"
        lines.append(
            f"| {kind} | {name} | {vals['product']:g}{ok} | {ref:g} ({ref_run}) | {gap:.2f} | "
            f"{prod['first_s']} | {prod['wall_s']} |"
        )
    lines.append("")
    everything = [g for v in gaps.values() for g in v]
    for kind, v in sorted(gaps.items()):
        lines.append(
            f"- {kind}: n {len(v)}, mean gap {sum(v) / len(v):.3f} %, max {max(v):.2f} %, "
            f"over 2 %: {sum(g > 2 for g in v)}"
        )
    if everything:
        lines.append(
            f"- all: n {len(everything)}, mean gap {sum(everything) / len(everything):.3f} %, "
            f"max {max(everything):.2f} %, over 2 %: {sum(g > 2 for g in everything)}"
        )
    if firsts:
        lines.append(f"- first feasible plan on the scenarios: max {max(firsts):.3f} s")
    failed = [r for r in rows if r["feasible"] != "True"]
    lines.append(f"- runs that fail the checker or found nothing: {len(failed)} of {len(rows)}")
    return "\n".join(lines)


# ----------------------------------------------------------------------------- calibration

#: public pairs that stayed hard at 1 s, added to the calibration set (beside SYNTHETIC's)
CALIBRATION_PAIRS = (
    ("pr11_20", "pr16", 1),
    ("pr11_20", "pr15", 4),
    ("pr11_20", "pr19", 2),
    ("c_r_rc_200_100", "rc204", 2),
)


def calibrate(root: Path, reps: int = 3, passes: int = 2) -> None:
    """Fit reference work units per counted operation to the CPU time of the search.

    Each problem (5 scenarios, the 24 synthetic TOPTW instances with and without their side
    constraints, 4 more hard public pairs, catalogs of 2,000 / 5,000 / 20,000 sites × 1 and 3 days)
    is searched from its greedy fill with a work budget of 1 s under the units in use (the
    whole run a user gets, not its first iterations: an operation's cost changes as the routes
    fill), ``reps`` times in each of ``passes`` passes over all problems; the least disturbed
    CPU time is kept (this machine's speed drifts by up to 1.6× for seconds at a time, so the
    minimum over passes minutes apart is the stable figure). The fit is a non-negative least
    squares on the relative error, then scaled so that the median problem takes its budget's
    time. Run it on a quiet machine.
    """
    from scipy.optimize import nnls

    from catalog_scale_bench import synthetic_sites
    from routeplanner import planner
    from routeplanner._ils import _WORK_NS, WORK_PER_S
    from routeplanner.model import TripRequest
    from routeplanner.scenario import load_scenario

    warm_up()
    c = Context()
    probs: dict[str, Problem] = {}
    for f in sorted((REPO / "data" / "scenarios").glob("*.yaml")):
        p, _ctx = planner.build_problem(load_scenario(f), c.catalog, c.network)
        probs[f.stem] = p
    for set_name, name, m in SYNTHETIC:
        probs[f"{name}/{m}"] = read_toptw(root / "toptw" / set_name / f"{name}.txt", m).problem
        probs[f"{name}/{m}+side"] = synthetic(root, set_name, name, m).problem
    for set_name, name, m in CALIBRATION_PAIRS:
        probs[f"{name}/{m}"] = read_toptw(root / "toptw" / set_name / f"{name}.txt", m).problem
    # large candidate sets (catalog_scale_bench.py), 1 and 3 days
    for n in (2000, 5000, 20000):
        big = c.catalog.with_sites(synthetic_sites(n))
        big_net = load_network(default_data_dir(), big)
        for days in (1, 3):
            req = TripRequest(
                name="scale",
                start_date=dt.date(2027, 7, 6),
                days=days,
                start="lodging_irkutsk_irkut",
                lodging="lodging_irkutsk_irkut",
                booked_on=dt.date(2027, 6, 1),
            )
            probs[f"scale{n}/{days}d"] = planner.build_problem(req, big, big_net)[0]
    best: dict[str, tuple[np.ndarray, float]] = {}
    for k_pass in range(passes):
        for k, p in probs.items():
            ils = CompiledILS(p)
            r0 = ils.fill([[] for _ in p.days])
            for _ in range(reps):
                c0 = time.process_time()
                _r, st = ils.run(r0, deadline=float("inf"), work=WORK_PER_S, seed=1)
                t = time.process_time() - c0
                if k not in best or t < best[k][1]:
                    best[k] = (np.array(st.counters, dtype=float), t)
            print(f"pass {k_pass + 1}: {k:24s} cpu {best[k][1]:.3f} s for a 1 s budget", flush=True)
    rows = [(k, cnt, t) for k, (cnt, t) in best.items()]
    x = np.array([r[1] for r in rows])
    y = np.array([r[2] for r in rows]) * WORK_PER_S
    coef, _res = nnls(x / y[:, None], np.ones(len(y)))
    coef /= np.median((x @ coef) / y)
    ratio = (x @ coef) / y
    print("fitted units per operation:", np.round(coef, 1), "(in use:", _WORK_NS, ")")
    print(f"fit/cpu: min {ratio.min():.2f} median {np.median(ratio):.2f} max {ratio.max():.2f}")
    for (k, cnt, t), fit in zip(rows, x @ coef, strict=True):
        used = float(cnt @ _WORK_NS)
        print(f"{k:28s} cpu {t:.3f} s  fit {fit / WORK_PER_S:.3f}  in use {used / WORK_PER_S:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", default=str(DEFAULT_ROOT), help="benchmark instance folder")
    ap.add_argument("--only", default="scenarios,tours,synthetic")
    ap.add_argument("--seeds", default="0,1,2")
    ap.add_argument("--ref-limit", type=float, default=60.0)
    ap.add_argument("--ref-wall", action="store_true", help="references on wall time")
    ap.add_argument("--shard", default="1/1")
    ap.add_argument("--instances", default="", help="only instances whose name contains one")
    ap.add_argument("--runs", default="", help="only these runs (product,ours60_s0,...)")
    ap.add_argument("--out", default="benchmarks/results/product.csv")
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--summarize", nargs="*")
    ap.add_argument("--calibrate", action="store_true")
    args = ap.parse_args()
    REF_WALL[0] = args.ref_wall
    root = Path(args.root)
    if args.summarize:
        print(summarize([Path(p) for p in args.summarize]))
        return
    if args.calibrate:
        calibrate(root)
        return
    k, n = (int(x) for x in args.shard.split("/"))
    todo = jobs(root, set(args.only.split(",")), [int(s) for s in args.seeds.split(",")])
    if args.instances:
        todo = [j for j in todo if any(x in j[1] for x in args.instances.split(","))]
    if args.runs:
        todo = [j for j in todo if j[2] in args.runs.split(",")]
    todo = todo[k - 1 :: n]
    out = Path(args.out)
    done: set[tuple[str, str, str, str]] = set()
    if args.resume and out.exists():
        done = {(r["kind"], r["instance"], r["run"], r["seed"]) for r in csv.DictReader(out.open())}
    print(f"warm-up {warm_up():.1f} s; {len(todo)} jobs; load {_load()}", flush=True)
    holder: list[Context] = []

    def ctx() -> Context:
        if not holder:
            holder.append(Context())
        return holder[0]

    new = not out.exists() or not args.resume
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w" if new else "a", newline="") as f:
        w = csv.DictWriter(f, FIELDS)
        if new:
            w.writeheader()
        for job in todo:
            if (job[0], job[1], job[2], str(job[3])) in done:
                continue
            load = _load()
            row = run_job(ctx, root, job, args.ref_limit)
            row["load"] = load
            w.writerow(row)
            f.flush()
            print(
                f"{dt.datetime.now():%H:%M:%S} {job[0]} {job[1]} {job[2]}: value {row['value']} "
                f"ok {row['feasible']} first {row['first_s']} wall {row['wall_s']} s "
                f"{row['status']} load {load}",
                flush=True,
            )


if __name__ == "__main__":
    main()
