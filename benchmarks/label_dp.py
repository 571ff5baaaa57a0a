"""A second, independent heuristic for single tours: a restricted ng-route label DP.

Used to cross-check what the project's search finds on TOPTW pairs (RESULTS.md, "pr16"). It
shares nothing with the iterated local search except the problem arrays: tours are grown
visit by visit from the depot, and at each length only the labels (time, score, visited set)
that no other label at the same last visit dominates are kept, at most ``--labels`` per visit.
Dominance compares the ng-memory (the visits among the ``--ng`` nearest of each recent visit),
not the whole visited set, so it is a heuristic, not an exact method. With ``m`` > 1 the tours
are built one after the other, each over the visits the earlier ones left. Every result is
replayed by the independent TOPTW checker::

    .venv/bin/python benchmarks/label_dp.py --pairs pr16/1,pr13/1 --labels 100 --ng 8
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from numba import njit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from instances import DEFAULT_ROOT, check_toptw, read_toptw, toptw_bks, toptw_file_score
from routeplanner._ils import _arrays

_MAXLEN = 128  # longest tour the label arrays hold


@njit(cache=True)
def _has(bits, j):  # type: ignore[no-untyped-def]
    return (bits[j >> 6] >> np.uint64(j & 63)) & np.uint64(1)


@njit(cache=True)
def _labels(cap, words):  # type: ignore[no-untyped-def]
    """Label arrays: last visit, ready time, score, driving, visited set, ng-memory, path."""
    return (
        np.empty(cap, np.int64),
        np.empty(cap, np.int64),
        np.empty(cap, np.int64),
        np.empty(cap, np.int64),
        np.zeros((cap, words), np.uint64),
        np.zeros((cap, words), np.uint64),
        np.empty((cap, _MAXLEN), np.int64),
    )


@njit(cache=True)
def tour_dp(prob, d, cand, k_max, ng):  # type: ignore[no-untyped-def]
    """Best tour of day ``d`` over the visits ``cand`` (bool mask); returns (score, visits)."""
    a_w, b_w, serv, vloc, prize, _req, allowed, dur, drv, day, _ws = prob
    nv = prize.shape[0]
    start, end, early, late, m, maxdrv = (
        day[d, 0],
        day[d, 1],
        day[d, 2],
        day[d, 3],
        day[d, 4],
        day[d, 5],
    )
    nw = a_w.shape[1]
    words = (nv + 63) // 64
    cap = k_max * nv + 1
    # labels of the current length (l_*) and of the next one (n_*)
    l_node, l_t, l_s, l_drv, l_bits, l_mem, l_path = _labels(cap, words)
    n_node, n_t, n_s, n_drv, n_bits, n_mem, n_path = _labels(cap, words)
    bucket = np.empty((nv, k_max), np.int64)  # labels of the next length, per last visit
    bcnt = np.zeros(nv, np.int64)
    spare = np.empty(cap, np.int64)  # slots of labels dominated after they were stored
    mem = np.zeros(words, np.uint64)
    best_s = 0
    best_path = np.empty(_MAXLEN, np.int64)
    best_len = 0
    n_l = 1
    l_node[0] = -1
    l_t[0] = early
    l_s[0] = 0
    l_drv[0] = 0
    length = 0
    while n_l > 0 and length < _MAXLEN:
        bcnt[:] = 0
        n_n = 0
        n_sp = 0
        for li in range(n_l):
            loc = start if l_node[li] < 0 else vloc[l_node[li]]
            for j in range(nv):
                if not cand[j] or not allowed[d, j] or _has(l_bits[li], j):
                    continue
                t = l_t[li] + dur[m, loc, vloc[j]]
                ok = False
                for w in range(nw):
                    if t <= b_w[j, w]:
                        t = max(t, a_w[j, w])
                        ok = True
                        break
                if not ok:
                    continue
                t += serv[j]
                if t + dur[m, vloc[j], end] > late:
                    continue
                dv = l_drv[li] + drv[m, loc, vloc[j]]
                if maxdrv >= 0 and dv + drv[m, vloc[j], end] > maxdrv:
                    continue
                s = l_s[li] + prize[j]
                for w in range(words):
                    mem[w] = l_mem[li, w] & ng[j, w]
                mem[j >> 6] |= np.uint64(1) << np.uint64(j & 63)
                # dominance against the labels already at j: earlier, no lower score and a
                # memory that is a subset
                c = bcnt[j]
                q = 0
                dominated = False
                worst = -1
                while q < c:
                    o = bucket[j, q]
                    o_sub = True
                    n_sub = True
                    for w in range(words):
                        if n_mem[o, w] & ~mem[w]:
                            o_sub = False
                        if mem[w] & ~n_mem[o, w]:
                            n_sub = False
                    if o_sub and n_t[o] <= t and n_s[o] >= s:
                        dominated = True
                        break
                    if n_sub and n_t[o] >= t and n_s[o] <= s:
                        spare[n_sp] = o
                        n_sp += 1
                        bucket[j, q] = bucket[j, c - 1]
                        c -= 1
                        continue
                    if worst < 0 or n_s[o] < n_s[bucket[j, worst]]:
                        worst = q
                    q += 1
                bcnt[j] = c
                if dominated:
                    continue
                if c >= k_max:
                    # full: the new label replaces the lowest score if it beats it
                    if s <= n_s[bucket[j, worst]]:
                        continue
                    slot = bucket[j, worst]
                else:
                    if n_sp > 0:
                        n_sp -= 1
                        slot = spare[n_sp]
                    else:
                        slot = n_n
                        n_n += 1
                    bucket[j, c] = slot
                    bcnt[j] = c + 1
                n_node[slot] = j
                n_t[slot] = t
                n_s[slot] = s
                n_drv[slot] = dv
                n_bits[slot, :] = l_bits[li, :]
                n_bits[slot, j >> 6] |= np.uint64(1) << np.uint64(j & 63)
                n_mem[slot, :] = mem
                n_path[slot, :length] = l_path[li, :length]
                n_path[slot, length] = j
                if s > best_s:
                    best_s = s
                    best_path[: length + 1] = n_path[slot, : length + 1]
                    best_len = length + 1
        n_l = 0
        for j in range(nv):
            for q in range(bcnt[j]):
                o = bucket[j, q]
                l_node[n_l] = n_node[o]
                l_t[n_l] = n_t[o]
                l_s[n_l] = n_s[o]
                l_drv[n_l] = n_drv[o]
                l_bits[n_l, :] = n_bits[o, :]
                l_mem[n_l, :] = n_mem[o, :]
                l_path[n_l, : length + 1] = n_path[o, : length + 1]
                n_l += 1
        length += 1
    return best_s, best_path[:best_len].copy()


def ng_sets(prob: tuple[np.ndarray, ...], size: int) -> np.ndarray:
    """Bit sets of the ``size`` nearest visits of each visit (itself included)."""
    vloc, dur = prob[3], prob[7]
    nv = vloc.shape[0]
    ng = np.zeros((nv, (nv + 63) // 64), np.uint64)
    for j in range(nv):
        for i in np.argsort(dur[0, vloc[j], vloc], kind="stable")[:size]:
            ng[j, i >> 6] |= np.uint64(1) << np.uint64(i & 63)
    return ng


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pairs", default="pr16/1", help="comma-separated NAME/M pairs")
    ap.add_argument("--labels", type=int, default=100, help="labels kept per last visit")
    ap.add_argument("--ng", type=int, default=8, help="ng-neighbourhood size")
    ap.add_argument(
        "--set", default="c_r_rc_100_100", help="set of the non-pr pairs (pr sets are inferred)"
    )
    ap.add_argument("--root", default=str(DEFAULT_ROOT))
    args = ap.parse_args(argv)
    root = Path(args.root)
    bks = toptw_bks(root)
    for pair in args.pairs.split(","):
        name, m_txt = pair.split("/")
        m = int(m_txt)
        s = args.set
        if name.startswith("pr"):
            s = "pr01_10" if int(name[2:]) <= 10 else "pr11_20"
        inst = read_toptw(root / "toptw" / s / f"{name}.txt", m, bks=bks[(s, name, m)])
        prob = _arrays(inst.problem)
        ng = ng_sets(prob, args.ng)
        cand = np.ones(len(inst.problem.visits), np.bool_)
        t0 = time.perf_counter()
        routes = []
        for d in range(m):
            _score, tour = tour_dp(prob, d, cand, args.labels, ng)
            routes.append([int(x) for x in tour])
            cand[tour] = False
        secs = time.perf_counter() - t0
        err = check_toptw(inst, routes)
        score = toptw_file_score(inst, routes) if not err else 0.0
        gap = 100.0 * (bks[(s, name, m)] - score) / bks[(s, name, m)]
        print(
            f"{name}/{m}: score {score:g} bks {bks[(s, name, m)]:g} gap {gap:.2f} % "
            f"in {secs:.2f} s (labels {args.labels}, ng {args.ng}) "
            f"{'ok' if not err else err[:2]}",
            flush=True,
        )


if __name__ == "__main__":
    main()
