"""The compiled iterated local search (``routeplanner._ils``).

Its feasibility test is checked against the Python schedule simulation on random routes, its
plans against ``evaluate``, the plain reference evaluator (lunch, several windows, driving
limits, days allowed, required visits, budgets, quotas, fixed order), and its quality against
exhaustive enumeration on tiny instances. Work and iteration limits only.
"""

from __future__ import annotations

import dataclasses
import itertools
import random

import numpy as np
import pytest

from routeplanner._ils import _NCOUNT, CompiledILS, _exact_ok, supports, warm_up
from routeplanner._schedule import simulate
from routeplanner.model import DaySpec, Problem, Visit, _QuotaRule
from routeplanner.solve import evaluate

pytestmark = pytest.mark.usefixtures("warm_kernels")


def _problem(
    n: int = 30,
    m: int = 2,
    seed: int = 1,
    tmax: int = 300,
    lunch: bool = True,
    drive: int | None = 220,
) -> Problem:
    rng = random.Random(seed)
    pts = np.array([(50.0, 50.0)] + [(rng.uniform(0, 100), rng.uniform(0, 100)) for _ in range(n)])
    dur = np.floor(np.sqrt(((pts[:, None] - pts[None]) ** 2).sum(-1))).astype(np.int64)
    drv = (dur * 0.8).astype(np.int64)  # part of each leg is not driving (a walk, a ferry)
    visits = []
    for i in range(1, n + 1):
        a = rng.randint(0, tmax // 2)
        if i % 4 == 0:  # two windows: morning and afternoon
            windows: tuple[tuple[int, int], ...] = ((a // 2, a // 2 + 40), (a + 80, a + 160))
        else:
            windows = ((a, a + rng.randint(30, 140)),)
        days = frozenset({i % m}) if i % 7 == 0 else None
        visits.append(
            Visit(
                key=str(i),
                location=i,
                prize=rng.randint(1, 30),
                service_s=rng.randint(2, 12),
                windows=windows,
                days=days,
            )
        )
    day = DaySpec(
        0,
        0,
        0,
        tmax,
        max_drive_s=drive,
        lunch_window_s=(120, 170) if lunch else None,
        lunch_s=25 if lunch else 0,
    )
    return Problem(
        visits=tuple(visits), days=(day,) * m, durations_s=(dur,), drive_s=(drv,) if drive else None
    )


def test_exact_check_agrees_with_the_schedule_simulation():
    p = _problem(n=25, m=1, seed=4)
    ils = CompiledILS(p)
    rng = random.Random(0)
    agree = feasible = 0
    for _ in range(600):
        k = rng.randint(0, 7)
        route = rng.sample(range(len(p.visits)), k)
        expected = simulate(p, p.days[0], route) is not None
        got = bool(
            _exact_ok(
                ils.prob,
                0,
                np.array(route, dtype=np.int64),
                len(route),
                np.zeros(_NCOUNT, dtype=np.int64),
            )
        )
        assert got == expected, route
        agree += 1
        feasible += expected
    assert feasible > 30  # the sample holds feasible and infeasible routes alike
    assert agree - feasible > 30


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_plans_keep_lunch_windows_driving_limits_and_allowed_days(seed: int):
    p = _problem(n=40, m=3, seed=seed)
    routes, stats = CompiledILS(p).run(
        [[], [], []], deadline=float("inf"), seed=seed, max_iterations=400, scatter=0.5
    )
    assert stats.iterations == 400 and stats.stopped_by == "iterations"
    assert not evaluate(p, routes)[1]
    assert sum(p.visits[i].prize for r in routes for i in r) > 0


def test_required_visits_stay():
    p = _problem(n=30, m=2, seed=5, lunch=False, drive=None)
    visits = list(p.visits)
    visits[3] = Visit("must", visits[3].location, 1, 3, ((0, 250),), required=True)
    p = Problem(visits=tuple(visits), days=p.days, durations_s=p.durations_s)
    routes, _ = CompiledILS(p).run([[3], []], deadline=float("inf"), max_iterations=300)
    assert any(3 in r for r in routes)
    assert not evaluate(p, routes)[1]


def test_work_limit_makes_it_deterministic():
    p = _problem(n=40, m=2, seed=8)
    a = CompiledILS(p).run([[], []], deadline=float("inf"), seed=3, max_iterations=500)
    b = CompiledILS(p).run([[], []], deadline=float("inf"), seed=3, max_iterations=500)
    assert a == b


def test_never_worse_than_its_start():
    p = _problem(n=40, m=2, seed=9)
    ils = CompiledILS(p)
    start = ils.fill([[], []])
    out, _ = ils.run(start, deadline=float("inf"), max_iterations=200)
    prize = lambda rs: sum(p.visits[i].prize for r in rs for i in r)  # noqa: E731
    assert prize(out) >= prize(start)


def test_finds_the_optimum_of_a_tiny_instance():
    # every subset in every order, checked by the schedule simulation: the true optimum
    p = _problem(n=7, m=1, seed=12, tmax=160, lunch=False, drive=None)
    best = 0
    for k in range(len(p.visits) + 1):
        for route in itertools.permutations(range(len(p.visits)), k):
            if simulate(p, p.days[0], route) is not None:
                best = max(best, sum(p.visits[i].prize for i in route))
    routes, _ = CompiledILS(p).run([[]], deadline=float("inf"), max_iterations=300)
    assert sum(p.visits[i].prize for r in routes for i in r) == best
    assert best > 0


def test_every_problem_is_supported():
    p = _problem(n=10, m=1)
    quota = _QuotaRule(tag="x", per="day", min=None, max=1)
    assert supports(p)
    assert supports(dataclasses.replace(p, budget_rub=10, quotas=(quota,)))


def _constrained(n: int = 9, m: int = 2, seed: int = 1, tmax: int = 200) -> Problem:
    """A small problem with every side constraint: prices and fares against a budget, tags
    under per-day and per-trip quotas, lunch, driving limits."""
    p = _problem(n=n, m=m, seed=seed, tmax=tmax)
    rng = random.Random(seed)
    visits = tuple(
        dataclasses.replace(
            v, price_rub=rng.randint(0, 40), tags=frozenset({"a" if i % 3 == 0 else "b"})
        )
        for i, v in enumerate(p.visits)
    )
    fares = (p.durations_s[0] // 20).astype(np.int64)  # a fare on the longer legs
    quotas = (
        _QuotaRule("a", "day", 1, 2),
        _QuotaRule("b", "trip", 1, 4),
    )
    return dataclasses.replace(p, visits=visits, costs_rub=(fares,), budget_rub=90, quotas=quotas)


def _brute_force(p: Problem) -> tuple[int, list[list[int]]]:
    """The best value (prize less quota-minimum shortfalls, as the search counts it) over
    every assignment of visits to days and every order, each replayed by ``evaluate``."""
    from routeplanner.solve import _side_ok

    nv, nd = len(p.visits), len(p.days)
    top = max(v.prize for v in p.visits)
    best: tuple[int, list[list[int]]] = (-(10**9), [])

    # days one by one: every feasible route of day 0, then of day 1 from what is left
    def routes_of(day: int, left: list[int]) -> list[tuple[int, ...]]:
        out = [()]
        for k in range(1, 5):
            for r in itertools.permutations(left, k):
                if simulate(p, p.days[day], r) is not None and all(
                    p.visits[i].days is None or day in p.visits[i].days for i in r
                ):
                    out.append(r)
        return out

    for r0 in routes_of(0, list(range(nv))):
        rest = [i for i in range(nv) if i not in r0]
        for r1 in routes_of(1, rest) if nd > 1 else [()]:
            plan = [list(r0), list(r1)][:nd]
            if _side_ok(p, plan):
                continue
            val = sum(p.visits[i].prize for r in plan for i in r)
            for q in p.quotas:
                if q.per == "day" and q.min:
                    for r in plan:
                        have = sum(q.tag in p.visits[i].tags for i in r)
                        val -= 2 * top * max(0, q.min - have)
            if val > best[0]:
                best = (val, plan)
    return best


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_budget_and_quotas_reach_the_brute_force_optimum(seed: int):
    p = _constrained(seed=seed)
    optimum, witness = _brute_force(p)
    assert witness and not evaluate(p, witness)[1]
    ils = CompiledILS(p)
    routes, _ = ils.run([[], []], deadline=float("inf"), seed=seed, max_iterations=400)
    assert not evaluate(p, routes)[1], routes
    assert ils.value(routes)[0] == optimum


@pytest.mark.parametrize("seed", [4, 5, 6, 7])
def test_budget_and_quota_maxima_hold_on_larger_problems(seed: int):
    p = _constrained(n=40, m=3, seed=seed, tmax=300)
    p = dataclasses.replace(p, budget_rub=150)
    free_plan, _ = CompiledILS(dataclasses.replace(p, budget_rub=None, quotas=())).run(
        [[], [], []], deadline=float("inf"), seed=seed, max_iterations=200
    )
    # without them the plan breaks the budget or a maximum: both bind
    assert evaluate(p, free_plan)[1]
    routes, _ = CompiledILS(p).run(
        [[], [], []], deadline=float("inf"), seed=seed, max_iterations=300
    )
    _schedules, problems = evaluate(p, routes)
    assert not problems, problems
    for r in routes:  # the per-day minimum is reached wherever the plan has room
        assert sum("a" in p.visits[i].tags for i in r) >= 1


def test_a_fixed_order_of_required_visits_is_kept():
    p = _problem(n=30, m=2, seed=5, lunch=False, drive=None, tmax=400)
    visits = list(p.visits)
    chain = [3, 11, 7]  # out of their index order on purpose
    for i in chain:
        visits[i] = dataclasses.replace(visits[i], required=True, windows=((0, 380),), days=None)
    p = dataclasses.replace(p, visits=tuple(visits), precedences=((3, 11), (11, 7)))
    start = [list(chain), []]
    assert not evaluate(p, start)[1]
    routes, _ = CompiledILS(p).run(start, deadline=float("inf"), seed=2, max_iterations=300)
    assert not evaluate(p, routes)[1]
    day = next(r for r in routes if 3 in r)
    assert [i for i in day if i in chain] == chain
    assert sum(len(r) for r in routes) > len(chain)


def test_warm_up_compiles_every_kernel_the_search_calls():
    import routeplanner._ils as ils_mod

    warm_up()
    kernels = [
        getattr(ils_mod, k) for k in dir(ils_mod) if hasattr(getattr(ils_mod, k), "signatures")
    ]
    before = {k.__name__: len(k.signatures) for k in kernels}
    p = _constrained(n=20, m=2, seed=9)
    ils = CompiledILS(p)
    routes, _ = ils.run(ils.fill([[], []]), deadline=float("inf"), max_iterations=20)
    ils.value(routes)
    ils.with_days(p.days, 50).fill_value([[], []])
    after = {k.__name__: len(k.signatures) for k in kernels}
    assert after == before  # nothing new was compiled: the first plan never pays compilation


@pytest.mark.parametrize("lunch", [False, True])
def test_insertion_table_agrees_with_the_simulation(lunch: bool):
    # The O(1) slack test is exact for windows, day ends and driving limits; it ignores lunch
    # (a lunch-day insertion is confirmed by the exact check afterwards). So: an insertion is
    # found iff it simulates without lunch, at a position where it does, and whatever
    # simulates with lunch is found.
    from routeplanner._ils import _INF, _day_table, _timing, _workspace

    p = _problem(n=20, m=1, seed=21, lunch=lunch, drive=240)
    plain = dataclasses.replace(
        p, days=tuple(dataclasses.replace(d, lunch_window_s=None, lunch_s=0) for d in p.days)
    )
    ils = CompiledILS(p)
    rng = random.Random(5)
    nv = len(p.visits)
    checked = found = 0
    for _ in range(150):
        route = ils.fill([[]])[0] if rng.random() < 0.5 else rng.sample(range(nv), 3)
        route = route[: rng.randint(0, len(route))]
        if simulate(p, p.days[0], route) is None:
            continue
        n = len(route)
        cost, pos, _b, locs, arr, dep, slack, sbuf, bbuf, _w = _workspace(1, nv, nv)
        route_arr = np.array([*route, 0], dtype=np.int64)
        ok, drive = _timing(
            ils.prob, 0, route_arr, n, locs[0], arr[0], dep[0], slack[0], sbuf, bbuf
        )
        assert ok
        free = np.ones(nv, dtype=np.bool_)
        free[route] = False
        dead = np.zeros(nv, dtype=np.bool_)
        _day_table(
            ils.prob,
            0,
            route_arr,
            n,
            locs[0],
            arr[0],
            dep[0],
            slack[0],
            drive,
            free,
            cost[0],
            pos[0],
            dead,
        )
        for i in np.flatnonzero(free):
            cands = [[*route[:k], int(i), *route[k:]] for k in range(n + 1)]
            fits_plain = [simulate(plain, plain.days[0], c) is not None for c in cands]
            fits = [simulate(p, p.days[0], c) is not None for c in cands]
            if cost[0, i] < _INF:
                assert fits_plain[int(pos[0, i])], (route, i)
                found += 1
            else:
                assert not any(fits_plain) and not any(fits), (route, i)
            checked += 1
    assert checked > 200
    assert found > 20


def _exchange(ils: CompiledILS, routes: list[list[int]], max_len: int = 2) -> int:
    """Run the exchange local search on ``routes`` in place; returns the exchanges made."""
    from routeplanner._ils import _memo, _replace, _workspace

    nv, nd = len(ils.problem.visits), len(routes)
    arr, lens = ils._pack(routes)
    free = np.ones(nv, dtype=np.bool_)
    for r in routes:
        free[r] = False
    keep = np.empty(nv, dtype=np.int64)
    mask = np.empty(nv, dtype=np.bool_)
    made = _replace(
        ils.prob,
        ils.side,
        arr,
        lens,
        free,
        _workspace(nd, nv, nv),
        keep,
        mask,
        max_len,
        _memo(nd, nv, nv),
    )
    routes[:] = ils._unpack(arr, lens)
    assert not free[[i for r in routes for i in r]].any()  # bookkeeping follows the routes
    assert free.sum() == nv - sum(len(r) for r in routes)
    return int(made)


def test_exchange_takes_the_visit_greedy_insertion_skips():
    # "near" (prize 3, 2 s away) has the better prize² / time ratio than "far" (prize 10, 40 s
    # away), so greedy insertion takes it first; then "far" no longer fits the 84 s day. The
    # exchange swaps them.
    dur = np.array([[0, 2, 40], [2, 0, 41], [40, 41, 0]], dtype=np.int64)
    visits = (
        Visit("near", 1, 3, 1, ((0, 100),)),
        Visit("far", 2, 10, 1, ((0, 100),)),
    )
    p = Problem(visits=visits, days=(DaySpec(0, 0, 0, 84),), durations_s=(dur,))
    ils = CompiledILS(p)
    routes = ils.fill([[]])
    assert routes == [[0]]
    assert _exchange(ils, routes) == 1
    assert routes == [[1]]
    assert not evaluate(p, routes)[1]


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_exchange_keeps_every_constraint_and_never_loses_prize(seed: int):
    p = _problem(n=40, m=2, seed=seed, tmax=260)
    ils = CompiledILS(p)
    rng = random.Random(seed)
    prize = lambda rs: sum(p.visits[i].prize for r in rs for i in r)  # noqa: E731
    made = 0
    for _ in range(20):
        # a greedy plan of a random part of the visits, so that better ones are left out
        start = ils.fill([[], []])
        routes = [[i for i in r if rng.random() < 0.7] for r in start]
        if evaluate(p, routes)[1]:
            continue
        before = prize(routes)
        n = _exchange(ils, routes, max_len=rng.randint(1, 3))
        assert not evaluate(p, routes)[1], routes
        assert prize(routes) >= before + n  # every exchange gains at least 1
        made += n
    assert made > 0


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_exchange_memo_changes_only_the_work(seed: int):
    # The exchange remembers a day it scanned in vain and, while that day's route stays the
    # same, scans it again only for the visits freed since. Without lunch that finds exactly
    # what a full scan finds, trying fewer insertion positions.
    from routeplanner._ils import _C_POS, _memo, _replace, _workspace

    p = _problem(n=40, m=2, seed=seed, tmax=260, lunch=False)
    ils = CompiledILS(p)
    nv, nd = len(p.visits), 2
    rng = random.Random(seed)

    def run(routes, memo, ws):  # type: ignore[no-untyped-def]
        arr, lens = ils._pack(routes)
        free = np.ones(nv, dtype=np.bool_)
        for r in routes:
            free[r] = False
        keep, mask = np.empty(nv, np.int64), np.empty(nv, np.bool_)
        made = _replace(ils.prob, ils.side, arr, lens, free, ws, keep, mask, 2, memo)
        return ils._unpack(arr, lens), int(made)

    compared = saved = 0
    for _ in range(20):
        start = ils.fill([[], []])
        routes = [[i for i in r if rng.random() < 0.7] for r in start]
        if evaluate(p, routes)[1]:
            continue
        memo = _memo(nd, nv, nv)
        routes, _made = run(routes, memo, _workspace(nd, nv, nv))  # the memo now holds both days
        if not routes[1]:
            continue
        # a later trial: a visit of day 1 leaves, day 0 is the route the memo holds
        gone = rng.choice(routes[1])
        later = [list(routes[0]), [i for i in routes[1] if i != gone]]
        if evaluate(p, later)[1]:
            continue
        ws_memo, ws_full = _workspace(nd, nv, nv), _workspace(nd, nv, nv)
        assert run(later, memo, ws_memo) == run(later, _memo(nd, nv, nv), ws_full)
        assert ws_memo[9][_C_POS] <= ws_full[9][_C_POS]
        saved += int(ws_memo[9][_C_POS] < ws_full[9][_C_POS])
        compared += 1
    assert compared >= 8
    assert saved >= compared // 2


def test_a_fixed_order_is_kept_from_empty_days():
    # no start routes: the fill places the chain's visits in their order, on one day
    p = _problem(n=30, m=2, seed=5, lunch=False, drive=None, tmax=400)
    visits = list(p.visits)
    chain = [11, 3, 7]
    for i in chain:
        visits[i] = dataclasses.replace(visits[i], required=True, windows=((0, 380),), days=None)
    p = dataclasses.replace(p, visits=tuple(visits), precedences=((11, 3), (3, 7)))
    ils = CompiledILS(p)
    start = ils.fill([[], []])
    routes, _ = ils.run(start, deadline=float("inf"), seed=1, max_iterations=200)
    for r in (start, routes):
        assert not evaluate(p, r)[1], r
        day = next(x for x in r if 3 in x)
        assert [i for i in day if i in chain] == chain


def test_relocation_keeps_every_plan_feasible_and_is_on_when_the_search_stagnates() -> None:
    """``relocate`` moves a visit between days inside the ruin once a trajectory stagnates
    (``relocate_after`` trials without a new best): every plan it leads to still passes the
    reference evaluator, and the default search is not the one without it."""
    p = _problem(n=30, m=3, seed=5)
    ils = CompiledILS(p)
    start = ils.fill([[] for _ in p.days])
    default, _ = ils.run(start, deadline=float("inf"), max_iterations=400, seed=2)
    off, _ = ils.run(start, deadline=float("inf"), max_iterations=400, seed=2, relocate=0.0)
    assert default != off  # the default takes another path with the move
    never, _ = ils.run(
        start, deadline=float("inf"), max_iterations=400, seed=2, relocate_after=10**9
    )
    assert never == off  # gated on stagnation: a gate never reached is the search without it
    for seed in range(3):
        on, _ = ils.run(
            start,
            deadline=float("inf"),
            max_iterations=400,
            seed=seed,
            relocate=1.0,
            relocate_after=0,
        )
        assert not evaluate(p, on)[1], on


def _two_areas() -> tuple[Problem, list[list[int]]]:
    """A long day (100) and a short one (60) from one depot: 8 visits 25 east need the long
    day, 4 visits 15 west fit the short one, and both areas never fit one day. The start plan
    is the trap: the west area and 2 east visits on the long day, 2 east visits on the short."""
    pts = [(0.0, 0.0)] + [(25.0 + (k % 4), float(k // 4)) for k in range(8)]
    pts += [(-15.0 - (k % 2), float(k // 2)) for k in range(4)]
    xy = np.array(pts)
    dur = np.ceil(np.sqrt(((xy[:, None] - xy[None]) ** 2).sum(-1))).astype(np.int64)
    visits = tuple(
        Visit(key=str(i), location=i, prize=10, service_s=2, windows=((0, 100),))
        for i in range(1, len(pts))
    )
    days = (DaySpec(0, 0, 0, 100), DaySpec(0, 0, 0, 60))
    p = Problem(visits=visits, days=days, durations_s=(dur,))
    return p, [[8, 9, 10, 11, 0, 1], [4, 5]]


def test_day_swap_moves_a_whole_area_to_the_day_that_suits_it() -> None:
    """One swap trial moves the east area to the long day and the west area to the short one
    (all 12 visits), where one trial of segment ruin does not; every plan passes the reference
    evaluator, and on days that are all alike the swap never happens (the search is the one
    without it)."""
    p, trap = _two_areas()
    assert not evaluate(p, trap)[1], evaluate(p, trap)
    ils = CompiledILS(p)
    for seed in range(3):
        kw = {"deadline": float("inf"), "max_iterations": 1, "seed": seed, "starts": 1}
        ruin, _ = ils.run(trap, swap=0.0, relocate=0.0, **kw)
        swapped, _ = ils.run(trap, swap=1.0, swap_after=0, relocate=0.0, **kw)
        for r in (ruin, swapped):
            assert not evaluate(p, r)[1], r
        assert sum(map(len, ruin)) < 12
        assert sorted(swapped[0]) == list(range(8)) and sorted(swapped[1]) == list(range(8, 12))
    same = dataclasses.replace(p, days=(p.days[0], p.days[0]))
    alike = CompiledILS(same)
    start = alike.fill([[], []])
    kw = {"deadline": float("inf"), "max_iterations": 200, "seed": 0}
    assert alike.run(start, swap=1.0, swap_after=0, **kw)[0] == alike.run(start, swap=0.0, **kw)[0]
