"""Planner speed on the built-in demo and on a 7-day plan over 300 synthetic sites.

Protocol: the demo scenario (``data/scenarios/industrial_3day.yaml``, whole catalog as
candidates) is planned with its own time limit; we report the time to the first feasible
plan, the time of the last improvement (the final plan), and the wall time. The synthetic case
adds 300 sites scattered over the Irkutsk–Angarsk–Baikal area (seeded) with random opening
hours, visit lengths 30–180 min and scores 1–10, and plans 7 days from Irkutsk with a 25 s
limit, and a 14-day plan over the whole catalog plus 1,000 synthetic sites with a 20 s limit.
Targets: demo final plan < 5 s and first plan < 1 s; 7 days × 300 sites < 30 s (issue 4);
1,000 sites × 14 days within the time limit, never more than 1 s over it (issue 9). Every plan
is re-checked by the independent checker.

Run: ``.venv/bin/python benchmarks/planner_bench.py``
"""

from __future__ import annotations

import datetime as dt
import random
import time

from routeplanner.catalog import load_catalog
from routeplanner.check import check_itinerary
from routeplanner.model import Category, CoordPrecision, HolidayPolicy, Site
from routeplanner.network import load_network
from routeplanner.planner import plan
from routeplanner.scenario import load_scenario
from routeplanner.settings import default_data_dir


def synthetic_sites(n: int, seed: int = 7) -> list[Site]:
    rng = random.Random(seed)
    hours = ["Mo-Su 09:00-18:00", "Tu-Su 10:00-18:00", "Mo-Fr 10:00-17:00", "Mo-Sa 08:00-20:00"]
    out = []
    for i in range(n):
        out.append(
            Site(
                id=f"syn_{i:03d}",
                name_ru=f"Объект {i}",
                name_en=f"Site {i}",
                town="synthetic",
                lat=rng.uniform(51.6, 52.9),
                lon=rng.uniform(103.5, 105.0),
                coord_precision=CoordPrecision.APPROX,
                network_node=None,
                source_url="synthetic",
                notes="benchmark",
                category=rng.choice(list(Category)),
                visit_min=rng.choice([30, 45, 60, 90, 120, 180]),
                opening_hours=rng.choice(hours),
                public_holidays=HolidayPolicy.OPEN,
                base_score=rng.randint(1, 10),
                score=rng.randint(1, 10),
            )
        )
    return out


def timed_plan(req, catalog, network):  # type: ignore[no-untyped-def]
    """``plan()`` with the times of its progress reports (first and last better plan)."""
    seen: list[float] = []
    t = time.perf_counter()
    it = plan(req, catalog, network, on_progress=lambda e, _p: seen.append(e))
    return it, time.perf_counter() - t, (seen[0] if seen else None), (seen[-1] if seen else 0.0)


def main() -> None:
    data = default_data_dir()
    catalog = load_catalog(data)
    network = load_network(data, catalog)
    demo = load_scenario(data / "scenarios" / "industrial_3day.yaml")
    it, wall, first, last = timed_plan(demo, catalog, network)
    print("| case | sites | first plan s | final plan s | wall s | score | stops | checker |")
    print("|---|---|---|---|---|---|---|---|")
    print(
        f"| demo 3 days (limit {demo.solver.time_limit_s:g} s) | {len(catalog.sites)} | "
        f"{first:.2f} | {last:.2f} | {wall:.2f} | "
        f"{it.kpis['score']:.1f} | {it.kpis['sites']} | "
        f"{len(check_itinerary(it, catalog, network))} violations |"
    )

    big = catalog.with_sites(synthetic_sites(300))
    big_net = load_network(data, big)
    req = demo.model_copy(
        update={
            "days": 7,
            "must_visit": (),
            "quotas": (),
            "candidates": tuple(s for s in big.sites if s.startswith("syn_")),
            "solver": demo.solver.model_copy(update={"time_limit_s": 25.0}),
            "start_date": dt.date(2027, 7, 5),
        }
    )
    it, wall, first, last = timed_plan(req, big, big_net)
    print(
        f"| synthetic 7 days (limit 25 s) | 300 | {first:.2f} | "
        f"{last:.2f} | {wall:.2f} | {it.kpis['score']:.1f} | {it.kpis['sites']} | "
        f"{len(check_itinerary(it, big, big_net))} violations |"
    )

    # Limits (issue 9): 1,000 candidate sites over 14 days with a 20 s limit.
    huge = catalog.with_sites(synthetic_sites(1000, seed=11))
    huge_net = load_network(data, huge)
    req = demo.model_copy(
        update={
            "days": 14,
            "must_visit": (),
            "quotas": (),
            "candidates": None,
            "solver": demo.solver.model_copy(update={"time_limit_s": 20.0}),
            "start_date": dt.date(2027, 7, 5),
        }
    )
    it, wall, first, last = timed_plan(req, huge, huge_net)
    print(
        f"| synthetic 14 days (limit 20 s) | 1,059 | "
        f"{first if first is None else f'{first:.2f}'} | {last:.2f} | {wall:.2f} | "
        f"{it.kpis['score']:.1f} | {it.kpis['sites']} | "
        f"{len(check_itinerary(it, huge, huge_net))} violations |"
    )


if __name__ == "__main__":
    main()
