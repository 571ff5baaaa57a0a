"""Solver-quality benchmark: TOPTW and OPHS instances through ``routeplanner.solve`` and peers.

Usage (from the repository root)::

    .venv/bin/python benchmarks/solver_bench.py --quick                  # ~30 TOPTW pairs
    .venv/bin/python benchmarks/solver_bench.py --problem ophs --quick
    .venv/bin/python benchmarks/solver_bench.py --solvers routeplanner --limits 10 \\
        --out benchmarks/results/full_toptw.csv --resume                  # all 304 pairs
    .venv/bin/python benchmarks/solver_bench.py --summarize benchmarks/results/x.csv

Each row of the CSV is one (instance, m, solver, time limit) run. A solution counts only when
the independent checker of :mod:`instances` (which re-reads the file) accepts it; otherwise
``feasible`` is False and the gap is 100 %. See ``benchmarks/README.md`` for the protocol.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from instances import (
    DEFAULT_ROOT,
    TOPTW_SETS,
    check_ophs,
    check_toptw,
    ophs_file_score,
    ophs_instances,
    read_ophs,
    read_toptw,
    toptw_file_score,
    toptw_instances,
)
from variants import VARIANTS

FIELDS = [
    "set",
    "instance",
    "m",
    "solver",
    "limit_s",
    "score",
    "bks",
    "gap_pct",
    "seconds",
    "feasible",
    "seed",
    "label",
    "problems",
]


def _gap(score: float, bks: float | None) -> float | None:
    if not bks:
        return None
    return round(100.0 * (bks - score) / bks, 3)


def _done_keys(path: Path) -> set[tuple]:
    if not path.exists():
        return set()
    with open(path, newline="") as fh:
        return {
            (r["set"], r["instance"], r["m"], r["solver"], r["limit_s"], r["seed"], r["label"])
            for r in csv.DictReader(fh)
        }


def run(args: argparse.Namespace) -> Path:
    root = Path(args.root).resolve()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    done = _done_keys(out) if args.resume else set()
    if done:
        labels = {k[-1] for k in done}
        if not args.label and len(labels) == 1:
            # resuming a labelled run without --label: keep its label, else nothing matches
            args.label = next(iter(labels))
        print(f"resume: {len(done)} rows already in {out} (label {args.label!r})", flush=True)
    new = not out.exists() or not args.resume
    fh = open(out, "w" if new else "a", newline="")  # noqa: SIM115 (closed below)
    writer = csv.DictWriter(fh, fieldnames=FIELDS)
    if new:
        writer.writeheader()
    limits = [float(x) for x in args.limits.split(",")]
    solvers = args.solvers.split(",")

    if args.problem == "toptw":
        from peers import SOLVERS

        items = toptw_instances(root, quick=args.quick)
        if args.sets:
            items = [it for it in items if it[0] in args.sets.split(",")]
        if args.m:
            items = [it for it in items if it[2] in {int(x) for x in args.m.split(",")}]
        jobs = [(s, f, m, b) for s, f, m, b in items]
    else:
        from ophs_adapter import OPHS_SOLVERS as SOLVERS

        items3 = ophs_instances(root, quick=args.quick)
        if args.sets:
            items3 = [it for it in items3 if it[0] in args.sets.split(",")]
        jobs = [(s, f, None, b) for s, f, b in items3]
    if args.limit_instances:
        jobs = jobs[: args.limit_instances]
    if args.shard:
        k, n = (int(x) for x in args.shard.split("/"))
        jobs = jobs[k - 1 :: n]
    if "routeplanner" in solvers:
        # compile (or load) the numba kernels before any clock starts: a one-off cost per
        # machine that would otherwise land in the first instance's time limit
        from routeplanner._ils import warm_up

        print(f"warm-up of the compiled search: {warm_up():.2f} s", flush=True)

    for s, f, m, bks in jobs:
        inst = (
            read_toptw(f, m, bks=bks, set_name=s)
            if args.problem == "toptw"
            else read_ophs(f, bks=bks, set_name=s, distances=args.ophs_distances)
        )
        for limit in limits:
            for name in solvers:
                key = (s, inst.name, str(inst.m), name, str(limit), str(args.seed), args.label)
                if key in done:
                    continue
                t0 = time.perf_counter()
                kw = VARIANTS[args.variant] if name == "routeplanner" and args.variant else {}
                if args.problem == "ophs" and kw:
                    kw = {"solve_kw": kw}
                try:
                    sol, secs = SOLVERS[name](inst, limit, args.seed, **kw)
                    err: list[str] = []
                except Exception as exc:  # a peer that crashes counts as no solution
                    sol, secs, err = None, time.perf_counter() - t0, [f"error: {exc!r}"]
                if sol is not None:
                    if args.problem == "toptw":
                        err = check_toptw(inst, sol)
                        score = toptw_file_score(inst, sol)
                    else:
                        err = check_ophs(inst, sol)
                        score = ophs_file_score(inst, sol)
                else:
                    score = 0.0
                feasible = not err
                counted = score if feasible else 0.0
                row = {
                    "set": s,
                    "instance": inst.name,
                    "m": inst.m,
                    "solver": name,
                    "limit_s": limit,
                    "score": round(counted, 4),
                    "bks": bks,
                    "gap_pct": _gap(counted, bks),
                    "seconds": round(secs, 3),
                    "feasible": feasible,
                    "seed": args.seed,
                    "label": args.label,
                    "problems": "; ".join(err[:3]),
                }
                writer.writerow(row)
                fh.flush()
                if not args.silent:
                    print(
                        f"{s:15} {inst.name:12} m={inst.m:<2} {name:12} {limit:>5}s "
                        f"score={counted:<8g} bks={bks:<6g} gap={row['gap_pct']}% "
                        f"t={secs:.2f}s {'ok' if feasible else 'INFEASIBLE ' + row['problems']}",
                        flush=True,
                    )
    fh.close()
    return out


def summarize(paths: list[Path], md: Path | None = None) -> str:
    """Mean and max gap per set, solver and limit; instances at BKS; infeasible counts."""
    rows = []
    for p in paths:
        with open(p, newline="") as fh:
            rows += list(csv.DictReader(fh))
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for r in rows:
        solver = r["solver"] + (f" [{r['label']}]" if r.get("label") else "")
        lim = float(r["limit_s"])
        groups[(r["set"], solver, lim)].append(r)
        groups[("ALL", solver, lim)].append(r)
    lines = [
        "| set | solver | limit s | n | mean gap % | max gap % | at BKS | infeasible | mean s |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    order = {s: i for i, s in enumerate((*TOPTW_SETS, "ALL"))}
    for (s, solver, lim), rs in sorted(
        groups.items(), key=lambda kv: (order.get(kv[0][0], 50), kv[0][0], kv[0][2], kv[0][1])
    ):
        gaps = [float(r["gap_pct"]) for r in rs if r["gap_pct"] not in ("", "None")]
        if not gaps:
            continue
        at = sum(1 for g in gaps if g <= 1e-9)
        inf = sum(1 for r in rs if r["feasible"] != "True")
        secs = sum(float(r["seconds"]) for r in rs) / len(rs)
        lines.append(
            f"| {s} | {solver} | {lim:g} | {len(rs)} | {sum(gaps) / len(gaps):.2f} | "
            f"{max(gaps):.2f} | {at} | {inf} | {secs:.2f} |"
        )
    text = "\n".join(lines) + "\n"
    if md is not None:
        md.write_text(f"# Summary of {', '.join(str(p) for p in paths)}\n\n" + text)
    return text


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--problem", choices=("toptw", "ophs"), default="toptw")
    ap.add_argument("--quick", action="store_true", help="the fixed quick subset")
    ap.add_argument("--sets", default="", help="comma-separated set names (default: all)")
    ap.add_argument("--m", default="", help="TOPTW tour counts to run, e.g. 1,2")
    ap.add_argument(
        "--root",
        default=os.environ.get("ROUTEPLANNER_BENCHMARKS", str(DEFAULT_ROOT)),
        help="benchmark folder (default ../shared/benchmarks)",
    )
    ap.add_argument(
        "--ophs-distances",
        choices=("trunc1", "real", "round1"),
        default="trunc1",
        help="OPHS travel: Euclidean truncated to 0.1 (default: the BKS convention), real, "
        "or rounded to 0.1",
    )
    ap.add_argument("--limits", default="1,10", help="time limits in seconds, comma-separated")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--solvers", default="routeplanner,ortools,pyvrp,vroom")
    ap.add_argument("--label", default="", help="free label stored in each row")
    ap.add_argument("--variant", default="", help="routeplanner search variant (variants.py)")
    ap.add_argument("--out", default="", help="CSV path (default benchmarks/results/<auto>.csv)")
    ap.add_argument("--resume", action="store_true", help="append, skipping rows already done")
    ap.add_argument("--limit-instances", type=int, default=0, help="run only the first N")
    ap.add_argument(
        "--shard", default="", help="K/N: run every N-th job from the K-th (parallel runs)"
    )
    ap.add_argument("--silent", action="store_true")
    ap.add_argument("--summarize", nargs="*", help="only summarise these CSV files")
    args = ap.parse_args(argv)
    if args.variant and not args.label:
        args.label = args.variant
    if args.summarize:
        print(summarize([Path(p) for p in args.summarize]))
        return
    if not args.out:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        kind = "quick" if args.quick else "full"
        args.out = str(Path(__file__).parent / "results" / f"{args.problem}_{kind}_{stamp}.csv")
    out = run(args)
    md = out.with_suffix(".md")
    print(summarize([out], md))
    print(f"CSV: {out}\nsummary: {md}")


if __name__ == "__main__":
    main()
