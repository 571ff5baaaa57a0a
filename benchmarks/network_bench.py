"""Travel-matrix speed: all catalog places, and 1,000 random points in the oblast.

Protocol: the built-in data; date 2027-07-14; profile coach; all modes. Each case is timed
cold (fresh network, empty caches: graph shortest paths + attachments + matrix) and warm
(repeated call, served from the cache) over 5 repetitions; the median is reported.
Targets (issue 3): all catalog places < 0.5 s, 1,000 points < 3 s, on the 2-core machine.

Run: ``.venv/bin/python benchmarks/network_bench.py``
"""

from __future__ import annotations

import datetime as dt
import statistics
import time

import numpy as np

from routeplanner.catalog import load_catalog
from routeplanner.network import _cached_matrix, load_network

DATE = dt.date(2027, 7, 14)


def _time(fn: object, reps: int = 5) -> float:
    out = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        out.append(time.perf_counter() - t)
    return statistics.median(out)


def main() -> None:
    catalog = load_catalog()
    ids = list(catalog.ids)
    rng = np.random.default_rng(42)
    lats = rng.uniform(51.5, 58.5, 1000)
    lons = rng.uniform(97.0, 110.0, 1000)

    def cold_catalog() -> None:
        _cached_matrix.cache_clear()
        net = load_network(None, catalog)
        net.matrix(ids, DATE, profile="coach")

    def load_only() -> None:
        load_network(None, catalog)

    net = load_network(None, catalog)
    net.matrix(ids, DATE, profile="coach")

    def warm_catalog() -> None:
        net.matrix(ids, DATE, profile="coach")

    def points() -> None:
        net.matrix_points(lats, lons, DATE, profile="coach")

    rows = [
        ("load network + attach catalog", _time(load_only)),
        (f"catalog matrix, cold ({len(ids)} places, incl. load)", _time(cold_catalog)),
        (f"catalog matrix, warm ({len(ids)} places)", _time(warm_catalog)),
        ("1,000 random points matrix (attach + matrix)", _time(points, 3)),
    ]
    m = net.matrix_points(lats, lons, DATE, profile="coach")
    print("| case | median s |")
    print("|---|---|")
    for name, sec in rows:
        print(f"| {name} | {sec:.3f} |")
    print(f"\n1,000 points: {m.reachable.mean():.1%} of pairs reachable on {DATE}")


if __name__ == "__main__":
    main()
