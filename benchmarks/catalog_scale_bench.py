"""Scale benchmark (issue 18, item 1): the planner on catalogs of 2,000 to 20,000 sites.

Protocol: the built-in catalog plus N synthetic sites (seeded: a third around Irkutsk,
Angarsk and southern Baikal, the rest over the whole region, random opening hours, visit
lengths 30–180 min, scores 1–10, categories), one fresh process per size. The request is a
1-day trip from Irkutsk by coach with the whole catalog as candidates and a 5 s limit. We
report the time to load the catalog and attach its places to the network (done once per
session), the wall and CPU time of ``plan()`` (preparation, search, explanations: the figure
the time limit bounds; on a shared machine the CPU time is the comparable one), the process's
peak resident memory, the candidates that entered the routing
problem, and the checker's verdict on the plan.

Targets: 20,000 sites done within 6 s with a peak under 2 GiB; 5,000 sites within the limit +
1 s.

Run: ``.venv/bin/python benchmarks/catalog_scale_bench.py [--sizes 2000,5000,20000] [--limit 5]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import subprocess
import sys
import time

from routeplanner.model import Category, CoordPrecision, HolidayPolicy, Site

HOURS = [
    "Mo-Su 09:00-18:00",
    "Tu-Su 10:00-18:00",
    "Mo-Fr 10:00-17:00",
    "Mo-Sa 08:00-20:00",
    "Mo-Su 10:00-13:00,14:00-19:00",
    "We-Su 11:00-17:00",
]


def synthetic_sites(n: int, seed: int = 18) -> list[Site]:
    """``n`` sites: a third near Irkutsk, Angarsk and southern Baikal, the rest region-wide."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        if i % 3 == 0:
            lat, lon = rng.uniform(51.6, 52.9), rng.uniform(103.5, 105.0)
        else:
            lat, lon = rng.uniform(51.5, 58.5), rng.uniform(99.0, 110.0)
        out.append(
            Site(
                id=f"scale_{i:05d}",
                name_ru=f"Объект {i}",
                name_en=f"Site {i}",
                town="synthetic",
                lat=lat,
                lon=lon,
                coord_precision=CoordPrecision.APPROX,
                network_node=None,
                source_url="synthetic",
                notes="benchmark",
                category=rng.choice(list(Category)),
                visit_min=rng.choice([30, 45, 60, 90, 120, 180]),
                opening_hours=rng.choice(HOURS),
                public_holidays=HolidayPolicy.OPEN,
                base_score=rng.randint(1, 10),
                score=rng.randint(1, 10),
            )
        )
    return out


def one(n: int, limit_s: float) -> dict:
    """Run one size in this process and return the figures."""
    from routeplanner.catalog import load_catalog
    from routeplanner.check import check_itinerary
    from routeplanner.model import TripRequest
    from routeplanner.network import load_network
    from routeplanner.planner import plan
    from routeplanner.settings import default_data_dir

    t0 = time.perf_counter()
    data = default_data_dir()
    base = load_catalog(data)
    catalog = base.with_sites(synthetic_sites(n))
    network = load_network(data, catalog)
    load_s = time.perf_counter() - t0
    req = TripRequest(
        name=f"scale {n}",
        start_date=dt.date(2027, 7, 6),
        days=1,
        start="lodging_irkutsk_irkut",
        lodging="lodging_irkutsk_irkut",
        profile="coach",
        booked_on=dt.date(2027, 6, 1),
        solver={"time_limit_s": limit_s, "seed": 1},
    )
    from routeplanner._ils import warm_up

    warm_up()
    t1 = time.perf_counter()
    c1 = resource.getrusage(resource.RUSAGE_SELF)
    it = plan(req, catalog, network)
    plan_s = time.perf_counter() - t1
    c2 = resource.getrusage(resource.RUSAGE_SELF)
    cpu_s = (c2.ru_utime - c1.ru_utime) + (c2.ru_stime - c1.ru_stime)
    violations = check_itinerary(it, catalog, network)
    dropped = {}
    for d in it.dropped:
        code = d.reason.split(":")[0][:30]
        dropped[code] = dropped.get(code, 0) + 1
    return {
        "sites": len(catalog.sites),
        "load_s": round(load_s, 2),
        "plan_s": round(plan_s, 2),
        "cpu_s": round(cpu_s, 2),
        "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "feasible": it.feasible,
        "stops": len(it.stops),
        "score": it.kpis.get("score"),
        "status": it.solver.get("status"),
        "violations": len(violations),
        "dropped": len(it.dropped),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="2000,5000,20000")
    ap.add_argument("--limit", type=float, default=5.0)
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one is not None:
        print(json.dumps(one(args.one, args.limit)))
        return
    print(
        "| synthetic sites | catalog | load s | plan wall s (limit) | plan CPU s | peak MiB | "
        "stops | score | status | checker | load avg |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|")
    for n in (int(x) for x in args.sizes.split(",")):
        with open("/proc/loadavg") as f:
            load = f.read().split()[0]
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(n), "--limit", str(args.limit)],
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"| {n:,} | {r['sites']:,} | {r['load_s']} | {r['plan_s']} ({args.limit:g}) | "
            f"{r['cpu_s']} | {r['peak_mib']:,} | {r['stops']} | {r['score']} | {r['status']} | "
            f"{r['violations']} violations | {load} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
