"""Per-instance gap table of several result CSVs: ``compare.py FILE[:solver[:limit]] ...``."""

from __future__ import annotations

import csv
import sys


def main(specs: list[str]) -> None:
    cols = []
    table: dict[tuple[str, str, str], dict[int, str]] = {}
    for k, spec in enumerate(specs):
        path, *rest = spec.split(":")
        solver = rest[0] if rest else ""
        limit = float(rest[1]) if len(rest) > 1 else None
        cols.append(spec.split("/")[-1])
        with open(path, newline="") as fh:
            for r in csv.DictReader(fh):
                if solver and r["solver"] != solver:
                    continue
                if limit is not None and float(r["limit_s"]) != limit:
                    continue
                table.setdefault((r["set"], r["instance"], r["m"]), {})[k] = r["gap_pct"]
    print("instance m " + " | ".join(cols))
    sums = [0.0] * len(specs)
    n = [0] * len(specs)
    for (_s, i, m), row in table.items():
        vals = [row.get(k, "-") for k in range(len(specs))]
        for k, v in enumerate(vals):
            if v != "-":
                sums[k] += float(v)
                n[k] += 1
        print(f"{i:8} {m} " + " | ".join(f"{v:>7}" for v in vals))
    print("mean       " + " | ".join(f"{sums[k] / max(n[k], 1):7.2f}" for k in range(len(specs))))


if __name__ == "__main__":
    main(sys.argv[1:])
