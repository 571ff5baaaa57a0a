"""Readers for the public TOPTW and OPHS benchmark files, into routeplanner's own Problem.

Formats are described in ``../shared/benchmarks/README.md``. Times are scaled to integers with
the truncation the published best-known values assume: Euclidean distance truncated to one
decimal (Solomon-based sets, scale 10) or two decimals (Cordeau-based ``pr`` sets, scale 100).
"""

from __future__ import annotations

import csv
import math
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from routeplanner.model import DaySpec, Problem, Visit

DEFAULT_ROOT = Path(
    os.environ.get(
        "ROUTEPLANNER_BENCHMARKS", Path(__file__).resolve().parents[2] / "shared" / "benchmarks"
    )
)

TOPTW_SETS = ("c_r_rc_100_100", "pr01_10", "c_r_rc_200_100", "pr11_20")


@dataclass(frozen=True)
class Instance:
    """One benchmark instance turned into a :class:`Problem`."""

    set: str
    name: str
    m: int
    problem: Problem
    scale: int
    bks: float | None


def _tokens(path: Path) -> list[list[str]]:
    return [line.split() for line in path.read_text().splitlines() if line.strip()]


def read_toptw(path: Path, m: int, *, bks: float | None = None, set_name: str = "") -> Instance:
    """Read a TOPTW file as a problem with ``m`` identical tours from the depot."""
    lines = _tokens(path)
    # header = the tokens before the depot line (c204 breaks its first line in two)
    k = 0
    while not (lines[k][0] == "0" and len(lines[k]) >= 8):
        k += 1
    nodes = lines[k:]
    scale = 100 if path.name.startswith("pr") else 10
    xy = np.array([[float(t[1]), float(t[2])] for t in nodes])
    diff = xy[:, None, :] - xy[None, :, :]
    dist = np.sqrt((diff**2).sum(axis=2))
    # truncate to 1/scale, as the published results do, then make integer
    dur = np.floor(dist * scale + 1e-9).astype(np.int64)
    tmax = round(float(nodes[0][-1]) * scale)
    visits = []
    for t in nodes[1:]:
        service = round(float(t[3]) * scale)
        score = round(float(t[4]))
        o, c = round(float(t[-2]) * scale), round(float(t[-1]) * scale)
        visits.append(
            Visit(key=t[0], location=int(t[0]), prize=score, service_s=service, windows=((o, c),))
        )
    days = tuple(DaySpec(0, 0, 0, tmax) for _ in range(m))
    problem = Problem(visits=tuple(visits), days=days, durations_s=(dur,))
    return Instance(set_name or path.parent.name, path.stem, m, problem, scale, bks)


def toptw_bks(root: Path = DEFAULT_ROOT) -> dict[tuple[str, str, int], float]:
    """Best-known scores keyed by (set, instance, m)."""
    out = {}
    with open(root / "toptw" / "BKS.csv", newline="") as fh:
        for row in csv.DictReader(fh):
            out[(row["set"], row["instance"], int(row["m"]))] = float(row["bks_score"])
    return out


def toptw_instances(
    root: Path = DEFAULT_ROOT, ms: tuple[int, ...] = (1, 2, 3, 4)
) -> list[tuple[str, Path, int, float]]:
    """All (set, file, m, bks) of the standard 304 TOPTW pairs."""
    bks = toptw_bks(root)
    out = []
    for s in TOPTW_SETS:
        for f in sorted((root / "toptw" / s).glob("*.txt")):
            for m in ms:
                key = (s, f.stem, m)
                if key in bks:
                    out.append((s, f, m, bks[key]))
    return out


def check_toptw(inst: Instance, routes: list[list[int]] | tuple[tuple[int, ...], ...]) -> list[str]:
    """Independent feasibility check of TOPTW routes, in the file's own (float) units."""
    p = inst.problem
    problems = []
    seen: set[int] = set()
    if len(routes) > inst.m:
        problems.append(f"{len(routes)} tours > m = {inst.m}")
    dur = p.durations_s[0]
    tmax = p.days[0].latest_end_s
    for r in routes:
        t = 0
        loc = 0
        for i in r:
            if i in seen:
                problems.append(f"visit {i} twice")
            seen.add(i)
            v = p.visits[i]
            t += int(dur[loc, v.location])
            o, c = v.windows[0]
            t = max(t, o)
            if t > c:
                problems.append(f"visit {v.key} starts {t} after its window closes at {c}")
            t += v.service_s
            loc = v.location
        t += int(dur[loc, 0])
        if t > tmax:
            problems.append(f"tour ends at {t} > Tmax {tmax}")
    return problems


def score_of(inst: Instance, routes: list[list[int]] | tuple[tuple[int, ...], ...]) -> int:
    """Collected score."""
    return sum(inst.problem.visits[i].prize for r in routes for i in r)


_ = math
