"""Exact answers for single-tour TOPTW pairs (m = 1): is a tour worth ``--target`` possible?

A label-setting dynamic programme over (last visit, time, score) in increasing time, made
exact step by step:

* **ng-route relaxation** (Baldacci, Mingozzi & Roberti 2011): a label remembers only which of
  the ``--ng`` nearest visits of its recent visits it has made, so a tour may come back to a
  visit once it has been far enough away; dominance (earlier, no lower score, remembered set a
  subset) is exact for that relaxation, so its best score is an **upper bound**;
* **decremental state space** (Righini & Salani 2009): the visits the best relaxed tour repeats
  are remembered for ever from the next round on, until the best tour repeats nothing — then it
  is the optimum — or its score falls below the target — then no tour reaches the target;
* labels that cannot reach the target are dropped early, with two completion bounds: a
  fractional knapsack of the visits whose windows are still open (time = service + cheapest
  leg in), and the same relaxation run backwards in time (the best relaxed tail from each
  visit and start time).

For the TOPTW files (one window per visit, tours from the depot at time 0). Checked against the
optima Righini & Salani proved for m = 1 (`extras/`: pr01 308, pr02 404, pr03 394, pr07 298
are found) and against a brute force in `tests/test_optw_bound.py`. Results in RESULTS.md
(step 9). Usage::

    .venv/bin/python benchmarks/optw_bound.py pr16 --target 654 --ng 24
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


@njit(cache=True)
def _relax(
    a, b, serv, vloc, prize, dur, late, nbr, posin, knap, target, cap, crit, c_ptr, c_key, c_s
):  # type: ignore[no-untyped-def]
    """One relaxation; returns (best, best label, processed, capped, node, parent, processed
    labels' node, time and score)."""
    nv = prize.shape[0]
    ngsz = nbr.shape[1]
    head = np.full(late + 1, -1, np.int64)  # labels by ready time (after service)
    l_node = np.empty(cap, np.int32)
    l_s = np.empty(cap, np.int32)
    l_m = np.empty(cap, np.int32)  # ng-memory: bits over nbr[node]
    l_th = np.empty(cap, np.uint64)  # critical visits made: bits over crit
    l_par = np.empty(cap, np.int64)
    l_next = np.empty(cap, np.int64)
    p_head = np.full(nv, -1, np.int64)  # processed labels per visit
    p_next = np.full(cap, -1, np.int64)
    r_node = np.empty(cap, np.int32)
    r_t = np.empty(cap, np.int64)
    r_s = np.empty(cap, np.int32)
    n = 0
    best = 0
    best_l = -1
    processed = 0
    one = np.uint64(1)
    for k in range(nv):
        t = max(dur[0, vloc[k]], a[k])
        if dur[0, vloc[k]] > b[k] or t + serv[k] + dur[vloc[k], 0] > late:
            continue
        rd = t + serv[k]
        if prize[k] + knap[rd // 100] < target:
            continue
        l_node[n] = k
        l_s[n] = prize[k]
        l_m[n] = 1
        l_th[n] = one << np.uint64(crit[k]) if crit[k] >= 0 else np.uint64(0)
        l_par[n] = -1
        l_next[n] = head[rd]
        head[rd] = n
        n += 1
    for t in range(late + 1):
        cur = head[t]
        while cur >= 0:
            lab = cur
            cur = l_next[cur]
            k = l_node[lab]
            s = l_s[lab]
            msk = l_m[lab]
            th = l_th[lab]
            q = p_head[k]
            dominated = False
            while q >= 0:
                if l_s[q] >= s and (l_m[q] & ~msk) == 0 and (l_th[q] & ~th) == 0:
                    dominated = True
                    break
                q = p_next[q]
            if dominated:
                continue
            p_next[lab] = p_head[k]
            p_head[k] = lab
            r_node[processed] = k
            r_t[processed] = t
            r_s[processed] = s
            processed += 1
            if s > best:
                best = s
                best_l = lab
            lk = vloc[k]
            for k2 in range(nv):
                if k2 == k:
                    continue
                p = posin[k, k2]
                if p >= 0 and (msk >> p) & 1:
                    continue
                c2 = crit[k2]
                if c2 >= 0 and (th >> np.uint64(c2)) & one:
                    continue
                ar = t + dur[lk, vloc[k2]]
                if ar > b[k2]:
                    continue
                st = max(ar, a[k2])
                rd = st + serv[k2]
                if rd + dur[vloc[k2], 0] > late:
                    continue
                s2 = s + prize[k2]
                if s2 + knap[rd // 100] < target:
                    continue
                if c_ptr.shape[0] > 1:
                    # best relaxed tail from k2 that may start service at st or later
                    lo = c_ptr[k2]
                    hi = c_ptr[k2 + 1]
                    while lo < hi:
                        mid = (lo + hi) // 2
                        if c_key[mid] >= st:
                            hi = mid
                        else:
                            lo = mid + 1
                    if lo == c_ptr[k2 + 1] or s + c_s[lo] < target:
                        continue
                m2 = 1
                for qq in range(ngsz):
                    if (msk >> qq) & 1:
                        pp = posin[k2, nbr[k, qq]]
                        if pp >= 0:
                            m2 |= 1 << pp
                if n >= cap:
                    return best, best_l, processed, True, l_node, l_par, r_node, r_t, r_s
                l_node[n] = k2
                l_s[n] = s2
                l_m[n] = m2
                l_th[n] = th | (one << np.uint64(c2)) if c2 >= 0 else th
                l_par[n] = lab
                l_next[n] = head[rd]
                head[rd] = n
                n += 1
    return best, best_l, processed, False, l_node, l_par, r_node, r_t, r_s


def _fractional(prize: np.ndarray, w: np.ndarray, items: list[int], room: float) -> int:
    tot = 0.0
    for i in sorted(items, key=lambda i: -prize[i] / w[i]):
        if room <= 0:
            break
        tot += prize[i] * min(1.0, room / w[i])
        room -= w[i]
    return int(np.ceil(tot))


def _knapsacks(a, b, serv, prize, dur, vloc, late):  # type: ignore[no-untyped-def]
    """Score bounds per whole time unit ``u``: still to come when ready at ``100 u`` (visits
    whose windows are still open), and made before starting a visit at ``late - 100 u`` (the
    backward run's clock). Each visit weighs its service plus its cheapest leg in."""
    nv = prize.shape[0]
    inn = np.array(
        [min([int(dur[0, vloc[i]])] + [int(dur[vloc[j], vloc[i]]) for j in range(nv) if j != i])
         for i in range(nv)]
    )  # fmt: skip
    w = np.maximum(1, inn + serv)
    last, smax = int(b.max()), int(serv.max())
    size = late // 100 + 2
    tail = np.zeros(size, np.int64)
    head = np.zeros(size, np.int64)
    for u in range(size):
        t = u * 100
        tail[u] = _fractional(prize, w, [i for i in range(nv) if b[i] >= t], last - t + smax)
        st = late - t  # forward start of the visit reached at backward ready time t
        head[u] = _fractional(prize, w, [i for i in range(nv) if a[i] <= st], st)
    return tail, head


def optw(problem, ng: int, target: int, cap: int, rounds: int, backward: bool, say=None) -> dict:  # type: ignore[no-untyped-def]
    """Decide whether one tour of ``problem`` reaches ``target`` (see the module docstring).

    Returns a dict: ``verdict``, ``score`` and ``tour`` (when the optimum was found) and the
    ``log`` of the rounds, each line also passed to ``say`` when given.
    """
    a_w, b_w, serv, vloc, prize, _r, _al, dur, _drv, day, _ws = _arrays(problem)
    a, b, d = a_w[:, 0].copy(), b_w[:, 0].copy(), dur[0]
    late = int(day[0, 3])
    nv = prize.shape[0]
    ng = min(ng, 31, nv)
    nbr = np.empty((nv, ng), np.int64)
    posin = np.full((nv, nv), -1, np.int64)
    for j in range(nv):
        near = [int(i) for i in np.argsort(d[vloc[j], vloc], kind="stable") if i != j]
        for q, i in enumerate([j, *near[: ng - 1]]):
            nbr[j, q] = i
            posin[j, i] = q
    knap, knap_back = _knapsacks(a, b, serv, prize, d, vloc, late)
    crit = np.full(nv, -1, np.int64)
    none = np.zeros(1, np.int64)
    c_ptr, c_key, c_s = none, none, none
    log: list[str] = []

    def note(line: str) -> None:
        log.append(line)
        if say is not None:
            say(line)

    if backward:
        # time reversed: service [st, st + serv] becomes [late - st - serv, late - st]; tails
        # that no head can lift to the target are dropped (they only matter below it)
        t0 = time.perf_counter()
        out = _relax(late - b - serv, late - a - serv, serv, vloc, prize, d, late, nbr, posin,
                     knap_back, target, cap, crit, none, none, none)  # fmt: skip
        note(f"backward relaxation {out[0]} ({out[2]} labels, {time.perf_counter() - t0:.1f} s)")
        if not out[3]:
            # a tail that starts at k after reversed ready time r may start at forward time
            # late - r or earlier: per visit, keys ascending with the best score at or after
            rows: list[list[tuple[int, int]]] = [[] for _ in range(nv)]
            for k, t, s in zip(out[6][: out[2]], out[7][: out[2]], out[8][: out[2]], strict=True):
                rows[int(k)].append((late - int(t), int(s)))
            ptr, keys, best = [0], [], []
            for row in rows:
                row.sort()
                top = [0] * len(row)
                m = -1
                for q in range(len(row) - 1, -1, -1):
                    m = max(m, row[q][1])
                    top[q] = m
                keys += [x[0] for x in row]
                best += top
                ptr.append(len(keys))
            c_ptr, c_key, c_s = (np.array(x, np.int64) for x in (ptr, keys, best))
    result = {"verdict": "inconclusive", "score": None, "tour": None, "log": log}
    for rnd in range(rounds):
        t0 = time.perf_counter()
        best, lab, done, capped, node, par, *_ = _relax(
            a, b, serv, vloc, prize, d, late, nbr, posin, knap, target, cap, crit, c_ptr, c_key, c_s
        )
        tour: list[int] = []
        while lab >= 0:
            tour.append(int(node[lab]))
            lab = int(par[lab])
        tour.reverse()
        again = sorted({v for v in tour if tour.count(v) > 1})
        note(
            f"round {rnd}: relaxation {best}, {done} labels, {time.perf_counter() - t0:.1f} s, "
            f"{int((crit >= 0).sum())} visits kept elementary, repeated {again}"
        )
        if capped:
            result["verdict"] = "inconclusive (label cap)"
            break
        if best < target:
            result["verdict"] = f"no tour reaches {target} (proven)"
            break
        if not again:
            result.update(verdict="optimum", score=best, tour=tour)
            break
        for v in again:
            if crit[v] < 0 and int((crit >= 0).sum()) < 64:
                crit[v] = int((crit >= 0).sum())
    return result


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("names", nargs="+", help="pr instance names (m = 1), e.g. pr16")
    ap.add_argument("--target", type=int, default=0, help="score to decide (default: the BKS)")
    ap.add_argument("--ng", type=int, default=24, help="ng-neighbourhood size (at most 31)")
    ap.add_argument("--cap", type=float, default=1e8, help="label storage per round")
    ap.add_argument("--rounds", type=int, default=30)
    ap.add_argument("--no-backward", action="store_true", help="skip the backward bound")
    ap.add_argument("--root", default=str(DEFAULT_ROOT))
    args = ap.parse_args(argv)
    root = Path(args.root)
    bks = toptw_bks(root)
    for name in args.names:
        s = "pr01_10" if int(name[2:]) <= 10 else "pr11_20"
        inst = read_toptw(root / "toptw" / s / f"{name}.txt", 1, bks=bks[(s, name, 1)])
        target = args.target or int(bks[(s, name, 1)])
        t0 = time.perf_counter()
        res = optw(
            inst.problem,
            args.ng,
            target,
            int(args.cap),
            args.rounds,
            not args.no_backward,
            say=lambda line: print(f"  {line}", flush=True),
        )
        extra = ""
        if res["tour"] is not None:
            err = check_toptw(inst, [res["tour"]])
            extra = f" = {toptw_file_score(inst, [res['tour']]):g}, checker {err[:1] or 'ok'}"
        print(
            f"{name}/1 target {target} (BKS {bks[(s, name, 1)]:g}): {res['verdict']}"
            f"{'' if res['score'] is None else ' ' + str(res['score'])}{extra}"
            f" [{time.perf_counter() - t0:.1f} s, ng {args.ng}]",
            flush=True,
        )


if __name__ == "__main__":
    main()
