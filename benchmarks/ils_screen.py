"""Screen options of the compiled iterated local search on hard TOPTW pairs.

Runs :class:`routeplanner._ils.CompiledILS` alone (no OR-Tools phase) from empty days on 12
``pr`` instance/m pairs that stayed above 1 % in earlier runs, with ILS options given as JSON,
and prints the gap of each pair and the mean and max. Every solution is replayed by the
independent checker. Used for the screening table in RESULTS.md ("compiled ILS options")::

    .venv/bin/python benchmarks/ils_screen.py '{"starts": 8}' --limit 5
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from instances import DEFAULT_ROOT, check_toptw, read_toptw, toptw_bks, toptw_file_score
from routeplanner._ils import CompiledILS, warm_up

SCREEN = (
    ("pr11_20", "pr19", 1),
    ("pr11_20", "pr16", 1),
    ("pr11_20", "pr15", 4),
    ("pr01_10", "pr05", 4),
    ("pr01_10", "pr10", 1),
    ("pr01_10", "pr09", 2),
    ("pr01_10", "pr03", 4),
    ("pr11_20", "pr14", 1),
    ("pr11_20", "pr19", 2),
    ("pr11_20", "pr16", 4),
    ("pr01_10", "pr10", 2),
    ("pr11_20", "pr20", 3),
)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("options", nargs="?", default="{}", help="CompiledILS.run options, JSON")
    ap.add_argument("--limit", type=float, default=5.0, help="seconds per pair")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--root", default=str(DEFAULT_ROOT))
    ap.add_argument(
        "--pairs",
        default="",
        help="comma-separated NAME/M pairs (e.g. pr16/1,pr20/3) instead of the 12 built in",
    )
    args = ap.parse_args(argv)
    opts = json.loads(args.options)
    root = Path(args.root)
    bks = toptw_bks(root)
    print(f"warm-up {warm_up():.2f} s", flush=True)
    pairs = SCREEN
    if args.pairs:
        pairs = tuple(
            ("pr01_10" if int(n[2:]) <= 10 else "pr11_20", n, int(m))
            for n, m in (p.split("/") for p in args.pairs.split(","))
        )
    gaps = []
    for s, n, m in pairs:
        inst = read_toptw(root / "toptw" / s / f"{n}.txt", m, bks=bks[(s, n, m)], set_name=s)
        t0 = time.perf_counter()
        routes, stats = CompiledILS(inst.problem).run(
            [[] for _ in range(m)], deadline=t0 + args.limit, seed=args.seed, **opts
        )
        err = check_toptw(inst, routes)
        score = toptw_file_score(inst, routes) if not err else 0.0
        gap = 100.0 * (bks[(s, n, m)] - score) / bks[(s, n, m)]
        gaps.append(gap)
        print(
            f"{n}/{m}: score {score:g} bks {bks[(s, n, m)]:g} gap {gap:.2f} % "
            f"iterations {stats.iterations} {'ok' if not err else err[:2]}",
            flush=True,
        )
    print(f"mean {sum(gaps) / len(gaps):.2f} max {max(gaps):.2f} over {len(gaps)} pairs")


if __name__ == "__main__":
    main()
