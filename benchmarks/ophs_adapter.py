"""OPHS (orienteering with hotel selection) through ``routeplanner.solve``.

The project's planner models days as tours whose start and end lodgings are fixed, and picks
the lodgings by an outer search. The same split is used here, and the outer part lives in this
benchmark adapter (it is *not* part of ``solve()``):

1. every hotel sequence ``start = h0, h1, ..., h(D-1), h(D) = end`` whose consecutive hotels are
   within reach of each trip's length is ranked by a cheap bound: the total score of the
   vertices that some trip of the sequence could reach at all (``d(h, v) + d(v, h') <= T``);
2. the best-ranked sequences are probed with a short run of the solver's own improvement
   search (the compiled iterated local search of ``solve()``, ``probe_iterations`` iterations
   from empty days, without its exchange step);
3. the best probed sequences are solved with ``solve()`` (OR-Tools + ILS) in the time left,
   and the best plan is returned.

Step 1-2 take at most 30 % of the time limit. With ``solve_kw={"wall_clock": False}`` (the
``work`` variant of ``solver_bench.py``) every step runs on work, not on the clock, so a run is
the same on any machine and under any load: the enumeration keeps at most
:data:`SEQUENCES_PER_S` sequences per second of the limit (charged :data:`SEQUENCE_WORK` work
units each), the probes stop once 30 % of the work budget is spent, and the finals share the
rest as their work budgets.
"""

from __future__ import annotations

import dataclasses
import itertools
import time

import numpy as np

from instances import Instance
from routeplanner._ils import WORK_PER_S, CompiledILS
from routeplanner.model import DaySpec, Problem, SolverSettings
from routeplanner.solve import solve, wall_cap_s

# one kept hotel sequence of the enumeration costs ~40 µs here (a 7-trip, 11-hotel instance,
# load 2): the enumeration's 15 % of the limit, as a count and as work units
SEQUENCES_PER_S = round(0.15 / 40e-6)
SEQUENCE_WORK = round(40e-6 * WORK_PER_S)


def _problem_for(inst: Instance, seq: tuple[int, ...]) -> Problem:
    assert inst.ophs is not None
    days = tuple(DaySpec(seq[d], seq[d + 1], 0, lim) for d, lim in enumerate(inst.ophs.trip_limits))
    return dataclasses.replace(inst.problem, days=days)


def hotel_sequences(
    inst: Instance,
    max_count: int = 100_000,
    deadline: float | None = None,
    beam: int | None = None,
) -> list[tuple[float, tuple]]:
    """Feasible hotel sequences with their reach bound, best first.

    Enumeration stops at ``max_count`` sequences or at ``deadline`` (with 7 trips and 11
    hotels there are 11^6 candidates: over a second). With ``beam``, a space larger than
    ``max_count`` is searched trip by trip instead, keeping the ``beam`` best prefixes by
    their reach bound (the lexicographic enumeration would only ever see sequences whose
    first hotels have the lowest numbers).
    """
    assert inst.ophs is not None
    h = inst.ophs.n_hotels
    lims = inst.ophs.trip_limits
    dur = inst.problem.durations_s[0]
    locs = np.array([v.location for v in inst.problem.visits])
    prize = np.array([v.prize for v in inst.problem.visits], dtype=float)
    d_num = len(lims)
    # reach[d][a][b] = mask of vertices a trip d from hotel a to hotel b can visit alone
    reach = {}
    for d, lim in enumerate(lims):
        for a in range(h):
            for b in range(h):
                if dur[a, b] <= lim:
                    reach[(d, a, b)] = dur[a, locs] + dur[locs, b] <= lim
    if beam is not None and h ** (d_num - 1) > max_count:
        return _beam(reach, d_num, h, prize, beam)
    out = []
    middle = range(h)
    for mid in itertools.product(middle, repeat=d_num - 1):
        seq = (0, *mid, 1)
        masks = [reach.get((d, seq[d], seq[d + 1])) for d in range(d_num)]
        if any(m is None for m in masks):
            continue
        union = np.logical_or.reduce(masks)
        out.append((float(prize[union].sum()), seq))
        if len(out) >= max_count or (
            deadline is not None and len(out) % 256 == 0 and time.perf_counter() > deadline
        ):
            break
    out.sort(key=lambda t: (-t[0], t[1]))
    return out


def _beam(
    reach: dict, d_num: int, h: int, prize: np.ndarray, width: int
) -> list[tuple[float, tuple]]:
    """Hotel sequences from 0 to 1 built trip by trip, keeping the ``width`` prefixes with the
    largest reach bound (ties: the smaller sequence) and only prefixes that can still end at
    hotel 1 in the trips left."""
    can_end = [{1}]  # can_end[k]: hotels from which the last k trips reach hotel 1
    for k in range(1, d_num + 1):
        d = d_num - k
        can_end.append({a for a in range(h) if any((d, a, b) in reach for b in can_end[k - 1])})
    layer: list[tuple[tuple, np.ndarray]] = [((0,), np.zeros(len(prize), dtype=bool))]
    for d in range(d_num):
        cand = []
        for seq, mask in layer:
            for b in can_end[d_num - d - 1]:
                m = reach.get((d, seq[-1], b))
                if m is not None:
                    union = mask | m
                    cand.append((float(prize[union].sum()), (*seq, b), union))
        cand.sort(key=lambda t: (-t[0], t[1]))
        layer = [(s, m) for _v, s, m in cand[:width]]
    return sorted(((float(prize[m].sum()), s) for s, m in layer), key=lambda t: (-t[0], t[1]))


def run_ophs(
    inst: Instance,
    limit_s: float,
    seed: int,
    solve_kw: dict | None = None,
    *,
    probe_iterations: int = 40,
    finals: int = 2,
    probe_options: dict | None = None,
) -> tuple[list, float]:
    """Solve an OPHS instance; returns ``([(h_from, visits, h_to), ...], seconds)``.

    ``probe_options`` are :meth:`CompiledILS.run` options of the probes; by default they skip
    the exchange step (``replace=0``): a probe only ranks a hotel sequence, and the cheaper
    probes rank more sequences within the probing share (measured in RESULTS.md, OPHS).
    """
    t0 = time.perf_counter()
    deadline = t0 + limit_s
    # on work (deterministic) unless the solve runs on the clock
    on_work = not (solve_kw or {}).get("wall_clock", True)
    budget = round(limit_s * WORK_PER_S)
    cap = t0 + wall_cap_s(SolverSettings(time_limit_s=limit_s))
    spent = 0
    if on_work:
        count = max(256, round(SEQUENCES_PER_S * limit_s))
        # a beam of 1/16 of the count: each kept prefix is tried with every next hotel
        seqs = hotel_sequences(inst, max_count=count, beam=max(16, count // 16))
        spent = count * SEQUENCE_WORK
    else:
        seqs = hotel_sequences(inst, deadline=t0 + 0.15 * limit_s)
    if not seqs:
        return [], time.perf_counter() - t0
    probe_end = t0 + 0.3 * limit_s
    probed: list[tuple[int, tuple]] = []
    for _bound, seq in seqs:
        if probed and (spent >= 0.3 * budget if on_work else time.perf_counter() > probe_end):
            break
        p = _problem_for(inst, seq)
        routes, stats = CompiledILS(p).run(
            [[] for _ in p.days],
            # on work, the clock is only solve()'s safety cap: a probe cut by the wall clock
            # would make the choice of hotels depend on the machine's load
            deadline=cap if on_work else probe_end,
            seed=seed,
            max_iterations=probe_iterations,
            starts=1,
            **({"replace": 0.0} if probe_options is None else probe_options),
        )
        spent += stats.work
        probed.append((sum(p.visits[i].prize for r in routes for i in r), seq))
    probed.sort(key=lambda t: (-t[0], t[1]))
    chosen = [seq for _v, seq in probed[:finals]]
    best: tuple[int, tuple, tuple] | None = None
    for k, seq in enumerate(chosen):
        p = _problem_for(inst, seq)
        kw = {"wall_clock": True, **(solve_kw or {})}
        if on_work:
            work = max(1, (budget - spent) // (len(chosen) - k))
            spent += work
            settings = SolverSettings(time_limit_s=max(0.01, work / WORK_PER_S), seed=seed)
            sol = solve(p, settings, work=work, **kw)
        else:
            left = deadline - time.perf_counter() - 0.05
            if left <= 0.05:
                break
            share = left / (len(chosen) - k)
            sol = solve(p, SolverSettings(time_limit_s=share, seed=seed), **kw)
        if sol.feasible and (best is None or sol.prize > best[0]):
            best = (sol.prize, seq, sol.routes)
    if best is None:
        return [], time.perf_counter() - t0
    _prize, seq, routes = best
    tours = [(seq[d], list(r), seq[d + 1]) for d, r in enumerate(routes)]
    return tours, time.perf_counter() - t0


OPHS_SOLVERS = {"routeplanner": run_ophs}
