"""The exact single-tour method of benchmarks/optw_bound.py against a brute force."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from routeplanner.model import Problem
from routeplanner.solve import evaluate

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from builders import random_toptw
from optw_bound import optw


def _brute_force(p: Problem) -> int:
    """Best single-tour score by a DP over (visited set, last visit) keeping the earliest time."""
    n = len(p.visits)
    d = p.durations_s[0]
    late = p.days[0].latest_end_s
    inf = 1 << 60
    ready = np.full((1 << n, n), inf, dtype=np.int64)
    for k, v in enumerate(p.visits):
        t = d[0, v.location]
        if t <= v.windows[0][1]:
            ready[1 << k, k] = max(t, v.windows[0][0]) + v.service_s
    best = 0
    for mask in range(1, 1 << n):
        for k in range(n):
            t = ready[mask, k]
            if t >= inf:
                continue
            lk = p.visits[k].location
            if t + d[lk, 0] <= late:
                best = max(best, sum(p.visits[i].prize for i in range(n) if mask >> i & 1))
            for j, v in enumerate(p.visits):
                if mask >> j & 1:
                    continue
                arr = t + d[lk, v.location]
                if arr > v.windows[0][1]:
                    continue
                nxt = max(arr, v.windows[0][0]) + v.service_s
                if nxt < ready[mask | 1 << j, j]:
                    ready[mask | 1 << j, j] = nxt
    return best


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
@pytest.mark.parametrize("ng", [3, 8])
def test_optimum_matches_brute_force(seed: int, ng: int) -> None:
    p = random_toptw(n=11, m=1, seed=seed, tmax=160)
    opt = _brute_force(p)
    assert opt > 0
    found = optw(p, ng, 0, 10**6, 30, True)
    assert found["verdict"] == "optimum"
    assert found["score"] == opt
    tour = found["tour"]
    assert len(set(tour)) == len(tour)
    assert sum(p.visits[i].prize for i in tour) == opt
    assert not evaluate(p, [tour])[1]  # the tour replays within every window
    # one more than the optimum is refuted, the optimum itself is reached
    assert "proven" in optw(p, ng, opt + 1, 10**6, 30, True)["verdict"]
    assert optw(p, ng, opt, 10**6, 30, False)["score"] == opt
