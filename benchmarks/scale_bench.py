"""Scale benchmark: a large variant sweep and a 60-departure season, on processes and on Dask.

Outside the test suite (figures in ``RESULTS.md``, section *Scale*). Two parts:

``sweep``
    ``--variants N`` (default 1,000) one- and two-day Irkutsk plans: start dates × durations
    × profiles × group sizes × category weights, each under a work limit
    (``solver.max_solutions``). Runs them with every backend of ``--backends``: ``inline``
    (this process), ``pool1``/``pool2`` (a spawn process pool of 1/2 workers), ``dask1``/
    ``dask2`` (a ``distributed.LocalCluster`` of 1/2 single-threaded worker processes), and
    checks that every backend gives the same KPI table (runtime column aside).
``season``
    ``data/seasons``-style season of 60 three-day departures (``benchmarks/season_60.yaml``)
    with ``routeplanner.season_plan.plan_season`` per backend; writes the season folder,
    re-checks it with the independent season checker and reports the score against the solo
    upper bound.

For every run: wall time, the load average before and after (the machine is shared: every
figure is taken under that load), throughput, and the peak resident memory of each worker
process (sampled every 0.2 s with psutil; the parent's own peak for ``inline``)::

    python benchmarks/scale_bench.py sweep --variants 1000 --backends pool1,pool2,dask1,dask2
    python benchmarks/scale_bench.py season --backends pool2,dask2 --out out/season60
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import contextlib
import datetime as dt
import json
import multiprocessing
import os
import resource
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from routeplanner import load_catalog, load_network
from routeplanner.compare import Variant, compare, run_variants
from routeplanner.executors import dask_executor
from routeplanner.model import TripRequest

HERE = Path(__file__).resolve().parent
SEASON = HERE / "season_60.yaml"

CITY = [
    "irkutsk_hpp",
    "icebreaker_angara",
    "irkutsk_regional_museum",
    "znamensky_monastery",
    "volkonsky_house",
    "baikalkvartssamotsvety",
    "kolchak_monument",
    "spasskaya_church_irkutsk",
    "irkutsk_aviation_plant_museum",
    "irkutsk_catering_plant",
]


def sweep_variants(n: int) -> list[Variant]:
    """``n`` variants: start dates × days × profile × group × weights (in a fixed order)."""
    weights = [{}, {"industrial": 2.0, "energy": 2.0}, {"museum": 2.0}, {"heritage": 3.0}]
    out = []
    k = 0
    start = dt.date(2027, 6, 1)
    while len(out) < n:
        day = start + dt.timedelta(days=k // 32)
        days = 1 + (k // 16) % 2
        profile = ("car", "coach")[(k // 8) % 2]
        group = (4, 12)[(k // 4) % 2]
        w = weights[k % 4]
        req = TripRequest.model_validate(
            {
                "name": f"sweep {k}",
                "start_date": day,
                "days": days,
                "start": "lodging_irkutsk_irkut",
                "lodging": "lodging_irkutsk_irkut",
                "candidates": CITY,
                "group_size": group,
                "youngest_age": 18,
                "profile": profile,
                "category_weights": w,
                "booked_on": dt.date(2027, 5, 1),
                "solver": {"time_limit_s": 60, "max_solutions": 5, "seed": 1},
            }
        )
        out.append(Variant(f"v{k:04d}", req, origin="sweep"))
        k += 1
    return out


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f}/{five:.2f}/{fifteen:.2f}"


class MemorySampler:
    """Peak RSS of every descendant process (the workers), sampled in a thread."""

    def __init__(self, every_s: float = 0.2) -> None:
        self.every_s = every_s
        self.peak: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        me = psutil.Process()
        while not self._stop.is_set():
            for p in me.children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    rss = p.memory_info().rss
                    self.peak[p.pid] = max(self.peak.get(p.pid, 0), rss)
            self._stop.wait(self.every_s)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def worker_peaks_mb(self, at_least_mb: float = 150) -> list[float]:
        """Peaks of the processes that planned (helpers such as the resource tracker and
        Dask's nanny stay far below ``at_least_mb``)."""
        return sorted(round(v / 2**20) for v in self.peak.values() if v / 2**20 >= at_least_mb)


@contextlib.contextmanager
def backend(name: str) -> Iterator[tuple[Any, int]]:
    """(executor or None, workers) for a backend name."""
    if name == "inline":
        yield None, 1
    elif name.startswith("pool"):
        # an explicit spawn pool, so that "pool1" is one worker process, not this process
        n = int(name[4:])
        ctx = multiprocessing.get_context("spawn")
        with cf.ProcessPoolExecutor(max_workers=n, mp_context=ctx) as pool:
            yield pool, n
    elif name.startswith("dask"):
        with dask_executor(local_workers=int(name[4:])) as ex:
            yield ex, int(name[4:])
    else:
        raise SystemExit(f"unknown backend {name}")


def timed(run: Callable[[], Any], label: str) -> tuple[Any, dict[str, Any]]:
    before = load()
    with MemorySampler() as mem:
        t0 = time.perf_counter()
        out = run()
        wall = time.perf_counter() - t0
    peaks = mem.worker_peaks_mb()
    if not peaks:  # planned in this process
        peaks = [round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)]
    stats = {
        "backend": label,
        "wall_s": round(wall, 1),
        "load_before": before,
        "load_after": load(),
        "worker_peak_rss_mb": peaks,
        "utc": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M"),
    }
    return out, stats


def run_sweep(args: argparse.Namespace) -> list[dict[str, Any]]:
    variants = sweep_variants(args.variants)
    rows = []
    tables: dict[str, pd.DataFrame] = {}
    for name in args.backends.split(","):
        with backend(name) as (ex, workers):

            def go(ex: Any = ex, workers: int = workers) -> Any:
                return run_variants(variants, workers=workers, executor=ex)

            results, stats = timed(go, name)
        kpis = compare(results).kpis.drop(columns=["runtime_s"])
        tables[name] = kpis
        stats.update(
            part="sweep",
            variants=len(variants),
            feasible=int(kpis["feasible"].sum()),
            plans_per_s=round(len(variants) / stats["wall_s"], 2),
        )
        first = next(iter(tables))
        stats["same_table_as_" + first] = bool(tables[first].equals(kpis))
        print(json.dumps(stats), flush=True)
        rows.append(stats)
    return rows


def run_season(args: argparse.Namespace) -> list[dict[str, Any]]:
    from routeplanner.season import load_season
    from routeplanner.season_check import check_season
    from routeplanner.season_output import write_season
    from routeplanner.season_plan import plan_season

    catalog = load_catalog()
    network = load_network(None, catalog)
    spec = load_season(args.season, catalog)
    rows = []
    first: dict[str, Any] | None = None
    for name in args.backends.split(","):
        with backend(name) as (ex, workers):

            def go(ex: Any = ex, workers: int = workers) -> Any:
                return plan_season(spec, catalog, network, workers=workers, executor=ex)

            result, stats = timed(go, name)
        out = Path(args.out) / name
        write_season(result, out, catalog, lang="en", plans=not args.no_plans)
        violations = check_season(out, catalog, network, plans=not args.no_plans)
        plans = {d: [(s.site_id, s.start.isoformat()) for s in it.stops] if it else None
                 for d, it in result.plans.items()}  # fmt: skip
        if first is None:
            first = plans
        stats.update(
            part="season",
            departures=len(spec.departures),
            days=sorted({d.request.days for d in spec.departures}),
            total=result.total,
            solo_bound=result.bound,
            share_pct=round(100 * result.share, 2),
            unplanned=result.unplanned(),
            violations=len(violations),
            solves=result.stats["solves"],
            phases_s={k: result.stats[k] for k in ("solo_s", "reserve_s", "improve_s")},
            rounds=result.stats["rounds"],
            passes=result.stats["passes"],
            moves=len(result.moves),
            moves_accepted=sum(m["accepted"] for m in result.moves),
            lost_enterprises=len(result.losses(catalog)),
            same_plans_as_first=plans == first,
        )
        print(json.dumps(stats), flush=True)
        rows.append(stats)
    return rows


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("part", choices=["sweep", "season"])
    ap.add_argument("--variants", type=int, default=1000)
    ap.add_argument("--backends", default="pool1,pool2,dask1,dask2")
    ap.add_argument("--season", type=Path, default=SEASON)
    ap.add_argument("--out", default="out/scale_bench")
    ap.add_argument("--no-plans", action="store_true", help="season: skip the plan files")
    ap.add_argument("--json", type=Path, help="append the rows to this JSON-lines file")
    args = ap.parse_args(argv)
    rows = run_sweep(args) if args.part == "sweep" else run_season(args)
    if args.json:
        with args.json.open("a", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r) + "\n")


if __name__ == "__main__":
    sys.exit(main())
