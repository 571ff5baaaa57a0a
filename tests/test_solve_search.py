"""The search inside ``solve()``: OR-Tools start, iterated local search, work limits, checks.

Small synthetic instances and work limits only (no timing asserts); every solution is
re-checked by the problem-level ``evaluate`` and, for the TOPTW-shaped ones, by the benchmark
harness's independent checker.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import numpy as np
import pytest

from builders import random_toptw
from routeplanner.model import DaySpec, Problem, SolverSettings, Visit
from routeplanner.solve import evaluate, iterated_local_search, solve

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH))

from instances import check_toptw, read_toptw, score_of  # noqa: E402

pytestmark = pytest.mark.usefixtures("warm_kernels")


def _settings(**kw) -> SolverSettings:
    base = {"time_limit_s": 30.0, "max_solutions": 5, "seed": 3}
    base.update(kw)
    return SolverSettings(**base)


def test_solution_is_feasible_and_better_than_ortools_alone():
    p = random_toptw()
    with_ils = solve(p, _settings())
    without = solve(p, _settings(), ils=False)
    assert with_ils.feasible and without.feasible
    assert not evaluate(p, with_ils.routes)[1]
    assert with_ils.prize >= without.prize


def test_work_limit_is_deterministic():
    p = random_toptw(seed=7)
    a = solve(p, _settings())
    b = solve(p, _settings())
    assert a.routes == b.routes
    assert a.prize == b.prize


def test_every_seed_gives_a_feasible_plan():
    p = random_toptw(n=60, m=3, seed=11)
    for s in range(3):
        sol = solve(p, _settings(seed=s))
        assert sol.feasible
        assert not evaluate(p, sol.routes)[1]


def test_first_solution_only_skips_the_improvement():
    p = random_toptw()
    probe = solve(p, _settings(max_solutions=None), first_solution_only=True)
    assert probe.feasible
    assert probe.history  # the first solution is recorded


def test_stop_keeps_the_best_so_far():
    p = random_toptw(n=60, m=2, seed=5)
    calls = {"n": 0}

    def stop() -> bool:
        calls["n"] += 1
        return calls["n"] > 3

    sol = solve(p, SolverSettings(time_limit_s=30.0, seed=1), stop=stop)
    assert sol.feasible
    assert sol.runtime_s < 30.0


def test_progress_is_reported_on_improvements():
    p = random_toptw(n=50, m=2, seed=9)
    seen: list[tuple[float, int]] = []
    sol = solve(p, _settings(), on_progress=lambda t, v: seen.append((t, v)))
    assert seen
    assert max(v for _, v in seen) <= sol.prize
    assert sol.history[-1][1] == sol.prize


def test_required_visits_survive_the_search():
    p = random_toptw(n=30, m=1, seed=2)
    visits = list(p.visits)
    # a required visit with a wide window
    visits[5] = Visit("req", visits[5].location, 1, 3, ((0, 200),), required=True)
    p2 = Problem(visits=tuple(visits), days=p.days, durations_s=p.durations_s)
    sol = solve(p2, _settings())
    assert sol.feasible
    assert 5 in sol.visited


def test_multiple_windows_and_lunch_are_respected():
    p = random_toptw(n=30, m=2, seed=4, tmax=300)
    visits = [
        Visit(v.key, v.location, v.prize, v.service_s, ((0, 60), (120, 200))) if i % 3 == 0 else v
        for i, v in enumerate(p.visits)
    ]
    days = tuple(
        DaySpec(0, 0, 0, 300, lunch_window_s=(100, 140), lunch_s=20, max_drive_s=200)
        for _ in range(2)
    )
    p2 = Problem(visits=tuple(visits), days=days, durations_s=p.durations_s)
    sol = solve(p2, _settings())
    assert sol.feasible
    assert not evaluate(p2, sol.routes)[1]


def test_ils_never_returns_worse_routes():
    p = random_toptw(n=40, m=2, seed=8)
    start = [[], []]
    out = iterated_local_search(p, start, deadline=float("inf"), seed=1, max_iterations=30)
    assert not evaluate(p, out)[1]
    assert sum(p.visits[i].prize for r in out for i in r) > 0


@pytest.mark.parametrize("m", [1, 3])
def test_toptw_file_solution_passes_the_independent_checker(tmp_path: Path, m: int):
    # a small TOPTW file in the published format, read back by the harness reader
    rng = random.Random(m)
    lines = ["1 5 25 1", "0 200"]
    lines.append(" 0 35.00 35.00 0.00 0.00 0 0 0 230")
    for i in range(1, 26):
        x, y = rng.randint(0, 70), rng.randint(0, 70)
        o = rng.randint(0, 120)
        lines.append(f" {i} {x}.00 {y}.00 10.00 {rng.randint(1, 40)}.00 1 1 1 {o} {o + 60}")
    f = tmp_path / "t01.txt"
    f.write_text("\n".join(lines) + "\n")
    inst = read_toptw(f, m, set_name="synthetic")
    sol = solve(inst.problem, _settings())
    assert sol.feasible
    assert check_toptw(inst, sol.routes) == []
    assert score_of(inst, sol.routes) == sol.prize


def test_pure_orienteering_hotel_to_hotel_stays_feasible():
    # no binding windows, symmetric travel, different start and end places (hotel to hotel)
    rng = random.Random(3)
    pts = np.array([(rng.uniform(0, 50), rng.uniform(0, 50)) for _ in range(42)])
    dur = np.ceil(np.sqrt(((pts[:, None] - pts[None]) ** 2).sum(-1))).astype(np.int64)
    visits = tuple(Visit(str(k), k, rng.randint(1, 9), 0, ((0, 10**9),)) for k in range(2, 42))
    days = (DaySpec(0, 1, 0, 90), DaySpec(1, 0, 0, 80))
    p = Problem(visits=visits, days=days, durations_s=(dur,))
    a = solve(p, _settings())
    assert a.feasible
    assert not evaluate(p, a.routes)[1]
    assert a.prize > 0


def test_python_insertion_table_takes_later_windows_and_agrees_with_the_simulation():
    # The Python search (budget/quota problems) checks insertions from slack like the compiled
    # one; an insertion that pushes a later visit past its current window is replayed, as the
    # later visit may still make its next window. Found iff it simulates, at such a position.
    from routeplanner._schedule import simulate
    from routeplanner.solve import _INF, _Fast

    rng = random.Random(3)
    n = 14
    pts = np.array([(50.0, 50.0)] + [(rng.uniform(0, 100), rng.uniform(0, 100)) for _ in range(n)])
    dur = np.floor(np.sqrt(((pts[:, None] - pts[None]) ** 2).sum(-1))).astype(np.int64)
    visits = []
    for i in range(1, n + 1):
        a = rng.randint(0, 150)
        windows = ((a, a + 30), (a + 70, a + 120)) if i % 2 else ((a, a + rng.randint(40, 140)),)
        visits.append(Visit(str(i), i, rng.randint(1, 9), rng.randint(2, 10), windows))
    p = Problem(visits=tuple(visits), days=(DaySpec(0, 0, 0, 330),), durations_s=(dur,))
    fast = _Fast(p)
    checked = jumps = 0
    for _ in range(120):
        route = rng.sample(range(n), rng.randint(1, 5))
        if simulate(p, p.days[0], route) is None:
            continue
        cand = np.array([i for i in range(n) if i not in route], dtype=np.int64)
        cost, pos = fast.table(p, 0, route, cand)
        tm = fast.timing(p, 0, route)
        assert tm is not None
        slack = tm[3]
        for c, i in enumerate(cand):
            fits = [
                simulate(p, p.days[0], [*route[:k], int(i), *route[k:]]) is not None
                for k in range(len(route) + 1)
            ]
            if cost[c] < _INF:
                assert fits[int(pos[c])], (route, i)
                jumps += cost[c] > slack[int(pos[c]) + 1]
            else:
                assert not any(fits), (route, i)
            checked += 1
    assert checked > 300
    assert jumps > 0  # the sample holds insertions that move a later visit to its next window
