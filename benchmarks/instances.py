"""Readers for the public TOPTW and OPHS benchmark files, into routeplanner's own Problem.

Formats are described in ``../shared/benchmarks/README.md``. Times are scaled to integers with
the truncation the published best-known values assume: Euclidean distance truncated to one
decimal (Solomon-based sets, scale 10) or two decimals (Cordeau-based ``pr`` sets, scale 100).

The checkers (:func:`check_toptw`, :func:`check_ophs`) are independent of the conversion: they
re-read the instance file themselves and replay the routes in the file's own real-valued units,
so a bug in the reader or in the solver's integer model cannot make a wrong solution count.
"""

from __future__ import annotations

import csv
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from routeplanner.model import DaySpec, Problem, Visit

DEFAULT_ROOT = Path(
    os.environ.get(
        "ROUTEPLANNER_BENCHMARKS", Path(__file__).resolve().parents[2] / "shared" / "benchmarks"
    )
)

TOPTW_SETS = ("c_r_rc_100_100", "pr01_10", "c_r_rc_200_100", "pr11_20")

#: The fixed ``--quick`` subset: 32 (set, instance, m) pairs spread over the four standard
#: sets, the three Solomon families, short and long horizons and m = 1..4.
QUICK_TOPTW = (
    ("c_r_rc_100_100", "c101", 1),
    ("c_r_rc_100_100", "c105", 2),
    ("c_r_rc_100_100", "c108", 4),
    ("c_r_rc_100_100", "r101", 1),
    ("c_r_rc_100_100", "r104", 3),
    ("c_r_rc_100_100", "r107", 2),
    ("c_r_rc_100_100", "r110", 4),
    ("c_r_rc_100_100", "r112", 1),
    ("c_r_rc_100_100", "rc101", 2),
    ("c_r_rc_100_100", "rc104", 1),
    ("c_r_rc_100_100", "rc106", 3),
    ("c_r_rc_100_100", "rc108", 4),
    ("pr01_10", "pr01", 1),
    ("pr01_10", "pr03", 2),
    ("pr01_10", "pr05", 3),
    ("pr01_10", "pr07", 4),
    ("pr01_10", "pr10", 1),
    ("c_r_rc_200_100", "c201", 1),
    ("c_r_rc_200_100", "c204", 2),
    ("c_r_rc_200_100", "c206", 3),
    ("c_r_rc_200_100", "r201", 1),
    ("c_r_rc_200_100", "r203", 2),
    ("c_r_rc_200_100", "r205", 1),
    ("c_r_rc_200_100", "r209", 3),
    ("c_r_rc_200_100", "rc201", 2),
    ("c_r_rc_200_100", "rc204", 1),
    ("c_r_rc_200_100", "rc207", 2),
    ("pr11_20", "pr11", 1),
    ("pr11_20", "pr13", 2),
    ("pr11_20", "pr16", 3),
    ("pr11_20", "pr18", 4),
    ("pr11_20", "pr20", 1),
)

#: The ``--quick`` OPHS subset: 12 instances with a best-known score, from five sets.
QUICK_OPHS = (
    ("SET_1-2", "100-35-1-2"),
    ("SET_1-2", "64-55-1-2"),
    ("SET_1-2", "102-60-1-2"),
    ("SET_2-3", "100-45-2-3"),
    ("SET_2-3", "66-60-2-3"),
    ("SET_3-4", "100-40-3-4"),
    ("SET_3-4", "102-60-3-4"),
    ("SET_3-4", "T3-90-3-4"),
    ("SET_5-3", "64-55-5-3"),
    ("SET_5-3", "100-40-5-3"),
    ("SET_6-4", "64-60-6-4"),
    ("SET_6-4", "T1-80-6-4"),
)


@dataclass(frozen=True)
class Instance:
    """One benchmark instance turned into a :class:`Problem`.

    For OPHS instances ``problem`` is the pool of visits only (its days are placeholders);
    :attr:`ophs` holds the hotels and trip lengths the adapter turns into days.
    """

    set: str
    name: str
    m: int
    problem: Problem
    scale: int
    bks: float | None
    path: Path | None = None
    ophs: OphsData | None = field(default=None, repr=False)


@dataclass(frozen=True)
class OphsData:
    """Hotel part of an OPHS instance (locations are rows of ``problem.durations_s[0]``)."""

    n_hotels: int  # start hotel = 0, end hotel = 1, extra hotels 2 .. n_hotels - 1
    trip_limits: tuple[int, ...]  # scaled integer limits of trips 1..D
    distances: str = "real"  # the convention the checker replays


def _tokens(path: Path) -> list[list[str]]:
    return [line.split() for line in path.read_text().splitlines() if line.strip()]


def _toptw_nodes(path: Path) -> list[list[str]]:
    lines = _tokens(path)
    # header = the tokens before the depot line (c204 breaks its first line in two)
    k = 0
    while not (lines[k][0] == "0" and len(lines[k]) >= 8):
        k += 1
    return lines[k:]


def read_toptw(path: Path, m: int, *, bks: float | None = None, set_name: str = "") -> Instance:
    """Read a TOPTW file as a problem with ``m`` identical tours from the depot."""
    nodes = _toptw_nodes(path)
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
    return Instance(set_name or path.parent.name, path.stem, m, problem, scale, bks, path)


def toptw_bks(root: Path = DEFAULT_ROOT) -> dict[tuple[str, str, int], float]:
    """Best-known scores keyed by (set, instance, m)."""
    out = {}
    with open(root / "toptw" / "BKS.csv", newline="") as fh:
        for row in csv.DictReader(fh):
            out[(row["set"], row["instance"], int(row["m"]))] = float(row["bks_score"])
    return out


def toptw_instances(
    root: Path = DEFAULT_ROOT, ms: tuple[int, ...] = (1, 2, 3, 4), *, quick: bool = False
) -> list[tuple[str, Path, int, float]]:
    """(set, file, m, bks) of the standard 304 TOPTW pairs, or of the quick subset."""
    bks = toptw_bks(root)
    if quick:
        return [(s, root / "toptw" / s / f"{n}.txt", m, bks[(s, n, m)]) for s, n, m in QUICK_TOPTW]
    out = []
    for s in TOPTW_SETS:
        for f in sorted((root / "toptw" / s).glob("*.txt")):
            for m in ms:
                key = (s, f.stem, m)
                if key in bks:
                    out.append((s, f, m, bks[key]))
    return out


def _trunc_dist(a: tuple[float, float], b: tuple[float, float], decimals: int) -> float:
    d = math.hypot(a[0] - b[0], a[1] - b[1])
    f = 10**decimals
    return math.floor(d * f + 1e-9) / f


def check_toptw(inst: Instance, routes: list[list[int]] | tuple[tuple[int, ...], ...]) -> list[str]:
    """Independent feasibility check of TOPTW routes, in the file's own (real) units.

    ``routes`` hold visit indices (visit ``i`` is node ``i + 1`` of the file). The file is
    re-read here: coordinates, service times, windows and Tmax come from the text, and travel
    times are the truncated Euclidean distances of the published convention.
    """
    if inst.path is None:
        return ["the instance has no file to check against"]
    nodes = _toptw_nodes(inst.path)
    decimals = 2 if inst.path.name.startswith("pr") else 1
    xy = [(float(t[1]), float(t[2])) for t in nodes]
    tmax = float(nodes[0][-1])
    eps = 1e-6
    problems = []
    seen: set[int] = set()
    if len(routes) > inst.m:
        problems.append(f"{len(routes)} tours > m = {inst.m}")
    for r in routes:
        t = 0.0
        node = 0
        for i in r:
            nxt = i + 1
            if not 1 <= nxt < len(nodes):
                problems.append(f"visit index {i} does not exist")
                continue
            if nxt in seen:
                problems.append(f"node {nxt} visited twice")
            seen.add(nxt)
            t += _trunc_dist(xy[node], xy[nxt], decimals)
            o, c = float(nodes[nxt][-2]), float(nodes[nxt][-1])
            t = max(t, o)
            if t > c + eps:
                problems.append(f"node {nxt} starts at {t:.2f} after its window closes at {c}")
            t += float(nodes[nxt][3])
            node = nxt
        t += _trunc_dist(xy[node], xy[0], decimals)
        if t > tmax + eps:
            problems.append(f"tour ends at {t:.2f} > Tmax {tmax}")
    return problems


def toptw_file_score(inst: Instance, routes) -> float:
    """Collected score, read from the file (independent of the Problem's prizes)."""
    assert inst.path is not None
    nodes = _toptw_nodes(inst.path)
    return sum(float(nodes[i + 1][4]) for r in routes for i in r)


def score_of(inst: Instance, routes: list[list[int]] | tuple[tuple[int, ...], ...]) -> int:
    """Collected score (from the Problem's prizes)."""
    return sum(inst.problem.visits[i].prize for r in routes for i in r)


# --------------------------------------------------------------------------- OPHS

#: Integer units per unit of OPHS distance. OPHS uses real Euclidean distances; travel times
#: are rounded *up* to 1e-4 so that every integer-feasible tour is feasible in real numbers.
OPHS_SCALE = 10_000

#: OPHS distance conventions: ``trunc1`` (Euclidean truncated to one decimal, as for the
#: Solomon-based TOPTW files: the recorded BKS are reached exactly with it, see RESULTS.md),
#: ``real`` (the format note says Euclidean), ``round1`` (rounded to one decimal).
OPHS_DISTANCES = ("trunc1", "real", "round1")


def _ophs_dist(a: tuple[float, ...], b: tuple[float, ...], convention: str) -> float:
    d = math.hypot(a[0] - b[0], a[1] - b[1])
    if convention == "round1":
        return round(d * 10) / 10
    if convention == "trunc1":
        return math.floor(d * 10 + 1e-9) / 10
    return d


def _ophs_parse(path: Path):
    rows = _tokens(path)
    n, h, d = (int(x) for x in rows[0][:3])
    tmax = float(rows[1][0])
    trip = [float(x) for x in rows[2]]
    pts = []
    for r in rows[3:]:
        if set(r[0]) == {"-"}:  # a closing line of dashes ends the point list
            break
        pts.append((float(r[0]), float(r[1]), float(r[2])))
    n_hotels = h + 2
    if len(trip) != d or len(pts) != n_hotels + n - 2:
        raise ValueError(f"{path}: expected {d} trips and {n_hotels + n - 2} points")
    return n_hotels, d, tmax, trip, pts


def read_ophs(
    path: Path, *, bks: float | None = None, set_name: str = "", distances: str = "trunc1"
) -> Instance:
    """Read an OPHS file: visits are the vertices, hotels are locations 0 .. H+1.

    ``distances`` is one of :data:`OPHS_DISTANCES`; the checker must be given the same."""
    n_hotels, d, _tmax, trip, pts = _ophs_parse(path)
    xy = np.array([[x, y] for x, y, _s in pts])
    diff = xy[:, None, :] - xy[None, :, :]
    dist = np.sqrt((diff**2).sum(axis=2))
    if distances == "round1":
        dist = np.round(dist * 10) / 10
    elif distances == "trunc1":
        dist = np.floor(dist * 10 + 1e-9) / 10
    elif distances != "real":
        raise ValueError(f"unknown OPHS distance convention {distances!r}")
    dur = np.ceil(dist * OPHS_SCALE - 1e-6).astype(np.int64)
    np.fill_diagonal(dur, 0)
    visits = tuple(
        Visit(key=str(k), location=k, prize=round(s), service_s=0, windows=((0, 10**12),))
        for k, (_x, _y, s) in enumerate(pts)
        if k >= n_hotels
    )
    limits = tuple(math.floor(t * OPHS_SCALE + 1e-6) for t in trip)
    days = tuple(DaySpec(0, 1, 0, lim) for lim in limits)  # placeholders: the adapter sets hotels
    problem = Problem(visits=visits, days=days, durations_s=(dur,))
    return Instance(
        set_name or path.parent.name,
        path.stem,
        d,
        problem,
        OPHS_SCALE,
        bks,
        path,
        OphsData(n_hotels, limits, distances),
    )


def ophs_bks(root: Path = DEFAULT_ROOT) -> dict[tuple[str, str], float]:
    """Best-known OPHS scores keyed by (set, instance)."""
    out = {}
    with open(root / "ophs" / "BKS.csv", newline="") as fh:
        for row in csv.DictReader(fh):
            out[(row["set"], row["instance"])] = float(row["bks_score"])
    return out


def ophs_instances(
    root: Path = DEFAULT_ROOT, *, quick: bool = False
) -> list[tuple[str, Path, float]]:
    """(set, file, bks) of the OPHS instances that have a best-known score."""
    bks = ophs_bks(root)
    keys = QUICK_OPHS if quick else sorted(bks)
    return [(s, root / "ophs" / s / f"{n}.ophs", bks[(s, n)]) for s, n in keys]


def check_ophs(inst: Instance, tours: list[tuple[int, list[int], int]]) -> list[str]:
    """Independent check of an OPHS solution given as ``(from_hotel, visit_indices, to_hotel)``
    per trip: hotels chain from the start hotel to the end hotel, each vertex at most once,
    each trip within its length (real Euclidean distances re-read from the file)."""
    assert inst.path is not None
    n_hotels, d, tmax, trip, pts = _ophs_parse(inst.path)
    conv = inst.ophs.distances if inst.ophs is not None else "real"
    eps = 1e-6
    problems = []
    if len(tours) != d:
        problems.append(f"{len(tours)} trips, expected {d}")
    seen: set[int] = set()
    prev_end = 0
    total = 0.0
    for k, (h0, route, h1) in enumerate(tours):
        if not (0 <= h0 < n_hotels and 0 <= h1 < n_hotels):
            problems.append(f"trip {k + 1}: a hotel index is out of range")
            continue
        if h0 != prev_end:
            problems.append(f"trip {k + 1} starts at hotel {h0}, the previous ended at {prev_end}")
        prev_end = h1
        pos = pts[h0]
        length = 0.0
        for i in route:
            node = n_hotels + i
            if not n_hotels <= node < len(pts):
                problems.append(f"visit index {i} does not exist")
                continue
            if node in seen:
                problems.append(f"vertex {node} visited twice")
            seen.add(node)
            length += _ophs_dist(pos, pts[node], conv)
            pos = pts[node]
        length += _ophs_dist(pos, pts[h1], conv)
        total += length
        if length > trip[k] + eps:
            problems.append(f"trip {k + 1} is {length:.4f} long > {trip[k]}")
    if prev_end != 1:
        problems.append(f"the last trip ends at hotel {prev_end}, not at the end hotel 1")
    if total > tmax + eps:
        problems.append(f"total length {total:.4f} > Tmax {tmax}")
    return problems


def ophs_file_score(inst: Instance, tours: list[tuple[int, list[int], int]]) -> float:
    """Collected score, read from the file."""
    assert inst.path is not None
    n_hotels, _d, _tmax, _trip, pts = _ophs_parse(inst.path)
    return sum(pts[n_hotels + i][2] for _h0, r, _h1 in tours for i in r)
