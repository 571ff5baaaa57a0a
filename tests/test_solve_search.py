"""The search inside ``solve()``: first plan, compiled search, work budgets, checks, settings.

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
from routeplanner.solve import evaluate, solve, work_budget

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH))

from instances import check_toptw, read_toptw, score_of  # noqa: E402

pytestmark = pytest.mark.usefixtures("warm_kernels")


def _settings(**kw) -> SolverSettings:
    base = {"time_limit_s": 30.0, "max_solutions": 5, "seed": 3}
    base.update(kw)
    return SolverSettings(**base)


def test_solution_is_feasible_and_better_than_its_first_plan():
    p = random_toptw()
    searched = solve(p, _settings())
    first = solve(p, _settings(), first_solution_only=True)
    assert searched.feasible and first.feasible
    assert not evaluate(p, searched.routes)[1]
    assert searched.prize >= first.prize
    assert searched.status == "ITERATION_LIMIT" and first.status == "FIRST_SOLUTION"


def test_work_limit_is_deterministic():
    p = random_toptw(seed=7)
    a = solve(p, _settings())
    b = solve(p, _settings())
    assert a.routes == b.routes
    assert a.prize == b.prize


def test_the_default_work_budget_is_deterministic_and_reported():
    # no iteration limit: the search stops on the work budget of its time limit, never on
    # the clock (the cap is far away), so two runs agree and say so
    p = random_toptw(n=50, m=2, seed=12)
    st = SolverSettings(time_limit_s=0.05, seed=4)
    a = solve(p, st)
    b = solve(p, st)
    assert a.status == b.status == "WORK_LIMIT"
    assert a.routes == b.routes and a.trace == b.trace
    assert a.work >= work_budget(st) == a.work_budget
    assert a.report() == b.report()
    assert "runtime_s" not in a.report()  # nothing that depends on the clock


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


def test_a_fixed_order_without_a_start_is_kept_by_the_first_plan():
    # two required visits with the order b -> a given as a precedence and no start routes:
    # the greedy fill inserts each between its predecessor and successor
    dur = np.array(
        [[0, 10, 10, 30], [10, 0, 10, 30], [10, 10, 0, 30], [30, 30, 30, 0]], dtype=np.int64
    )
    visits = (
        Visit("a", 1, 5, 5, ((0, 200),), required=True),
        Visit("b", 2, 5, 5, ((0, 200),), required=True),
        Visit("c", 3, 3, 5, ((0, 200),)),
    )
    p = Problem(
        visits=visits, days=(DaySpec(0, 0, 0, 120),), durations_s=(dur,), precedences=((1, 0),)
    )
    sol = solve(p, _settings())
    assert sol.feasible, sol.problems
    assert sol.routes[0].index(1) < sol.routes[0].index(0)


def test_unknown_strategy_names_are_refused_at_validation():
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="metaheuristic"):
        SolverSettings(metaheuristic="GUIDED_LOCALSEARCH")
    with pytest.raises(ValidationError, match="first_solution"):
        SolverSettings(first_solution="CHEAPEST")


def test_strategy_names_follow_the_installed_ortools():
    from ortools.constraint_solver import routing_enums_pb2 as enums

    from routeplanner.model import FIRST_SOLUTIONS, METAHEURISTICS

    firsts = set(enums.FirstSolutionStrategy.Value.keys()) - {"UNSET", "EVALUATOR_STRATEGY"}
    metas = set(enums.LocalSearchMetaheuristic.Value.keys()) - {"UNSET"}
    assert set(FIRST_SOLUTIONS) == firsts
    assert set(METAHEURISTICS) == metas
