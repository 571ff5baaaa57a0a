"""Compiled core of the iterated local search (numba).

The same ruin-and-recreate search as :func:`routeplanner.solve.iterated_local_search`, compiled
with numba so that an iteration costs tens of microseconds instead of milliseconds: measured on
the TOPTW ``pr`` instances (48 to 288 sites), that is 50 to 100 times more iterations in the
same time, and the gap to the best-known scores follows (``benchmarks/RESULTS.md``). On top of
the Python version, each recreated plan goes through an exchange local search (one or two
visits of a day for an unvisited one worth more, :func:`_replace`).

It covers time windows (several per visit), per-day start, end and travel matrix, days allowed
per visit, required visits, a daily driving limit (additive, checked exactly per insertion) and
the lunch break (an insertion that fits without lunch is confirmed by the exact schedule with
lunch, a port of :func:`routeplanner._schedule.simulate`). Budgets and quotas are global
constraints it does not model: those problems use the Python search.

Everything is integer seconds; ``_BIG`` marks an unreachable leg. Randomness comes from a
xorshift generator whose state the caller owns, so a run is deterministic for a seed and a
number of iterations. The search runs in chunks of iterations so that Python can check the
deadline, the stop flag and report progress between chunks.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

import numpy as np
from numba import njit

from .model import DaySpec, Problem, Visit

__all__ = ["CompiledILS", "supports", "warm_up"]

_INF = np.int64(1) << np.int64(60)
_BIG = np.int64(1) << np.int64(50)

# columns of the per-day integer table
_START, _END, _EARLY, _LATE, _MAT, _MAXDRV, _LLO, _LHI, _LLEN = range(9)

# state vector of a running search
_CP, _CT, _BP, _BT, _SIZE, _SINCE, _IT, _MAXSIZE = range(8)


def supports(problem: Problem) -> bool:
    """Whether the compiled search models every constraint of ``problem``."""
    return problem.budget_rub is None and not problem.quotas and not problem.precedences


# --------------------------------------------------------------------------------------- kernels


@njit(cache=True)
def _rand(rs: np.ndarray) -> float:
    """xorshift64: a float in [0, 1)."""
    x = rs[0]
    x ^= x << np.uint64(13)
    x ^= x >> np.uint64(7)
    x ^= x << np.uint64(17)
    rs[0] = x
    return float(x >> np.uint64(11)) * (1.0 / 9007199254740992.0)


@njit(cache=True)
def _randint(rs: np.ndarray, n: int) -> int:
    k = int(_rand(rs) * n)
    return k if k < n else n - 1


@njit(cache=True)
def _timing(prob, d, route, n, locs, arr, dep, slack, sbuf, bbuf):  # type: ignore[no-untyped-def]
    """Earliest times and slack of day ``d`` (lunch ignored); False if it breaks a window.

    ``slack[k]`` is how much the arrival at position ``k`` of [start, visits..., end] may be
    delayed without breaking a later window or the day's end.
    """
    a_w, b_w, serv, vloc, _prize, _req, _allowed, dur, drv, day = prob
    m = day[d, _MAT]
    t = day[d, _EARLY]
    locs[0] = day[d, _START]
    for k in range(n):
        locs[k + 1] = vloc[route[k]]
    locs[n + 1] = day[d, _END]
    dep[0] = t
    nw = a_w.shape[1]
    drive = 0
    for k in range(1, n + 1):
        vi = route[k - 1]
        t += dur[m, locs[k - 1], locs[k]]
        drive += drv[m, locs[k - 1], locs[k]]
        arr[k] = t
        found = False
        for w in range(nw):
            if t <= b_w[vi, w]:
                if a_w[vi, w] > t:
                    t = a_w[vi, w]
                bbuf[k] = b_w[vi, w]
                found = True
                break
        if not found:
            return False, 0
        sbuf[k] = t
        t += serv[vi]
        dep[k] = t
    t += dur[m, locs[n], locs[n + 1]]
    drive += drv[m, locs[n], locs[n + 1]]
    arr[n + 1] = t
    late = day[d, _LATE]
    if t > late:
        return False, 0
    if day[d, _MAXDRV] >= 0 and drive > day[d, _MAXDRV]:
        return False, 0
    last = late - t
    slack[n + 1] = last
    for k in range(n, 0, -1):
        room = bbuf[k] - sbuf[k]
        if room < last:
            last = room
        last = sbuf[k] - arr[k] + last
        slack[k] = last
    return True, drive


@njit(cache=True)
def _forward(prob, d, route, n, gap):  # type: ignore[no-untyped-def]
    """Finish time of day ``d`` with lunch after position ``gap`` (-2: no lunch), or -1."""
    a_w, b_w, serv, vloc, _prize, _req, _allowed, dur, drv, day = prob
    m = day[d, _MAT]
    t = day[d, _EARLY]
    loc = day[d, _START]
    lo = day[d, _LLO]
    hi = day[d, _LHI]
    llen = day[d, _LLEN]
    drive = 0
    nw = a_w.shape[1]
    for k in range(n + 1):
        nxt = vloc[route[k]] if k < n else day[d, _END]
        leg = dur[m, loc, nxt]
        if leg >= _BIG:
            return -1
        drive += drv[m, loc, nxt]
        if k - 1 == gap:
            ls = t if t > lo else lo
            if ls > hi:
                return -1
            # en route if the window opens before arrival, else on arrival
            t = t + leg + llen if ls < t + leg else ls + llen
        else:
            t += leg
        if k == n:
            break
        vi = route[k]
        s = -1
        for w in range(nw):
            if t <= b_w[vi, w]:
                s = t if t > a_w[vi, w] else a_w[vi, w]
                break
        if s < 0:
            return -1
        t = s + serv[vi]
        loc = vloc[vi]
    if t > day[d, _LATE]:
        return -1
    if day[d, _MAXDRV] >= 0 and drive > day[d, _MAXDRV]:
        return -1
    return t


@njit(cache=True)
def _exact_ok(prob, d, route, n):  # type: ignore[no-untyped-def]
    """Exact feasibility of day ``d`` including lunch (as ``_schedule.simulate``)."""
    day = prob[9]
    plain = _forward(prob, d, route, n, -2)
    if plain < 0:
        return False
    if day[d, _LLEN] <= 0 or plain <= day[d, _LLO]:
        return True
    for gap in range(-1, n):  # noqa: SIM110 (a loop compiles; a generator in any() may not)
        if _forward(prob, d, route, n, gap) >= 0:
            return True
    return False


@njit(cache=True)
def _route_ok(prob, d, route, n, locs, arr, dep, slack, sbuf, bbuf):  # type: ignore[no-untyped-def]
    ok, _drive = _timing(prob, d, route, n, locs, arr, dep, slack, sbuf, bbuf)
    if not ok:
        return False
    if prob[9][d, _LLEN] > 0:
        return _exact_ok(prob, d, route, n)
    return True


@njit(cache=True)
def _tail_fits(prob, d, route, n, p, t, loc):  # type: ignore[no-untyped-def]
    """Whether route[p:] still fits after leaving ``loc`` at ``t`` (earliest starts)."""
    a_w, b_w, serv, vloc, _prize, _req, _allowed, dur, _drv, day = prob
    m = day[d, _MAT]
    nw = a_w.shape[1]
    for k in range(p, n):
        vi = route[k]
        t += dur[m, loc, vloc[vi]]
        s = -1
        for w in range(nw):
            if t <= b_w[vi, w]:
                s = t if t > a_w[vi, w] else a_w[vi, w]
                break
        if s < 0:
            return False
        t = s + serv[vi]
        loc = vloc[vi]
    return t + dur[m, loc, day[d, _END]] <= day[d, _LATE]


@njit(cache=True)
def _day_table(prob, d, route, n, locs, arr, dep, slack, drive, free, cost, pos, dead):  # type: ignore[no-untyped-def]
    """Cheapest feasible insertion (time shift, position) of every free visit into day ``d``.

    ``dead[i]`` marks visits that did not fit earlier in the same recreate: the route has only
    grown since, so they are skipped (with the triangle inequality they cannot fit now; without
    it this only forgoes a rare insertion, never feasibility). Newly failing visits are marked.
    """
    a_w, b_w, serv, vloc, _prize, _req, allowed, dur, drv, day = prob
    m = day[d, _MAT]
    maxd = day[d, _MAXDRV]
    nw = a_w.shape[1]
    nv = vloc.shape[0]
    for i in range(nv):
        cost[i] = _INF
        if not free[i] or not allowed[d, i] or dead[i]:
            continue
        ci = vloc[i]
        best = _INF
        bp = 0
        last_b = b_w[i, 0]
        for w in range(1, nw):
            if b_w[i, w] > last_b:
                last_b = b_w[i, w]
        for p in range(n + 1):
            frm = locs[p]
            to = locs[p + 1]
            a = dep[p] + dur[m, frm, ci]
            if a > last_b:
                break  # later positions only arrive later
            st = -1
            for w in range(nw):
                if a <= b_w[i, w]:
                    st = a if a > a_w[i, w] else a_w[i, w]
                    break
            if st < 0:
                continue
            delta = st + serv[i] + dur[m, ci, to] - arr[p + 1]
            if delta >= best:
                continue
            if maxd >= 0 and drive + drv[m, frm, ci] + drv[m, ci, to] - drv[m, frm, to] > maxd:
                continue
            # Past the slack, a later visit misses its current window; with several windows
            # per visit it may still make a later one: replay the rest of the day (O(n)).
            if delta > slack[p + 1] and (
                nw == 1 or not _tail_fits(prob, d, route, n, p, st + serv[i], ci)
            ):
                continue
            best = delta
            bp = p
        cost[i] = best
        pos[i] = bp
        if best == _INF:
            dead[i] = True


@njit(cache=True)
def _day_costs(prob, d, route, n, ws, free, dead):  # type: ignore[no-untyped-def]
    """Time day ``d`` and fill its row of the insertion table in the workspace ``ws``; False if
    the day breaks a window (the table row is then left as it was)."""
    cost, pos, _banned, locs, arr, dep, slack, sbuf, bbuf = ws
    ok, drive = _timing(prob, d, route, n, locs[d], arr[d], dep[d], slack[d], sbuf, bbuf)
    if ok:
        _day_table(
            prob, d, route, n, locs[d], arr[d], dep[d], slack[d], drive, free, cost[d], pos[d], dead
        )
    return ok


@njit(cache=True)
def _recreate(prob, routes, rlen, free, weight, ws):  # type: ignore[no-untyped-def]
    """Insert free visits by best weight / time shift while any fits (in place)."""
    cost, pos, banned = ws[0], ws[1], ws[2]
    nd = routes.shape[0]
    nv = free.shape[0]
    day = prob[9]
    dirty = np.ones(nd, dtype=np.bool_)
    banned[:, :] = False
    dead = np.zeros((nd, nv), dtype=np.bool_)
    while True:
        for d in range(nd):
            if dirty[d]:
                n = rlen[d]
                if not _day_costs(prob, d, routes[d], n, ws, free, dead[d]):
                    cost[d, :] = _INF
                dirty[d] = False
        best = -1.0
        bd = -1
        bi = -1
        for d in range(nd):
            for i in range(nv):
                c = cost[d, i]
                if c < _INF and free[i] and not banned[d, i]:
                    r = weight[i] / (c if c > 1 else 1)
                    if r > best:
                        best = r
                        bd = d
                        bi = i
        if bd < 0:
            return
        p = pos[bd, bi]
        n = rlen[bd]
        row = routes[bd]
        for k in range(n, p, -1):
            row[k] = row[k - 1]
        row[p] = bi
        rlen[bd] = n + 1
        if day[bd, _LLEN] > 0 and not _exact_ok(prob, bd, row, n + 1):
            for k in range(p, n):
                row[k] = row[k + 1]
            rlen[bd] = n
            banned[bd, bi] = True
            continue
        free[bi] = False
        dirty[bd] = True


@njit(cache=True)
def _replace(prob, routes, rlen, free, ws, keep, mask, max_len):  # type: ignore[no-untyped-def]
    """Exchange local search: a run of up to ``max_len`` visits of a day for one free visit of
    higher total prize, inserted anywhere in that day (first improvement, in place).

    Greedy recreation inserts by prize per time; a visit worth more than what blocks it, but
    with a poor ratio, is never chosen there. Returns the number of exchanges made.
    """
    _a, _b, _s, _vloc, prize, req, _allowed, _dur, _drv, day = prob
    cost, pos = ws[0], ws[1]
    nd = routes.shape[0]
    nv = free.shape[0]
    made = 0
    again = True
    while again:
        again = False
        top = 0
        for i in range(nv):
            if free[i] and prize[i] > top:
                top = prize[i]
        for d in range(nd):
            n = rlen[d]
            row = routes[d]
            k = 0
            while k < n:
                for ln in range(1, max_len + 1):
                    if k + ln > n:
                        break
                    lost = 0
                    fixed = False
                    for j in range(k, k + ln):
                        lost += prize[row[j]]
                        fixed = fixed or req[row[j]]
                    if fixed or lost >= top:
                        continue
                    kn = 0
                    for j in range(n):
                        if j < k or j >= k + ln:
                            keep[kn] = row[j]
                            kn += 1
                    # only visits worth more than the run are evaluated
                    for i in range(nv):
                        mask[i] = prize[i] <= lost
                    if not _day_costs(prob, d, keep, kn, ws, free, mask):
                        continue
                    bu = -1
                    bg = 0
                    bc = _INF
                    for i in range(nv):
                        c = cost[d, i]
                        if c < _INF and free[i] and prize[i] > lost:
                            g = prize[i] - lost
                            if g > bg or (g == bg and c < bc):
                                bu = i
                                bg = g
                                bc = c
                    if bu < 0:
                        continue
                    p = pos[d, bu]
                    for j in range(kn, p, -1):
                        keep[j] = keep[j - 1]
                    keep[p] = bu
                    if day[d, _LLEN] > 0 and not _exact_ok(prob, d, keep, kn + 1):
                        continue
                    for j in range(k, k + ln):
                        free[row[j]] = True
                    free[bu] = False
                    row[: kn + 1] = keep[: kn + 1]
                    rlen[d] = kn + 1
                    n = kn + 1
                    made += 1
                    again = True
                    break
                k += 1
    return made


@njit(cache=True)
def _value(prob, routes, rlen):  # type: ignore[no-untyped-def]
    _a, _b, _s, vloc, prize, _r, _al, dur, _drv, day = prob
    tot_p = 0
    tot_t = 0
    for d in range(routes.shape[0]):
        m = day[d, _MAT]
        loc = day[d, _START]
        for k in range(rlen[d]):
            vi = routes[d, k]
            tot_p += prize[vi]
            tot_t += dur[m, loc, vloc[vi]]
            loc = vloc[vi]
        tot_t += dur[m, loc, day[d, _END]]
    return tot_p, tot_t


@njit(cache=True)
def _workspace(nd, nv, cap):  # type: ignore[no-untyped-def]
    """Scratch arrays of a recreate (``ws``): insertion costs, positions, bans, per-day timings
    (locations, arrivals, departures, slack) and two per-visit buffers."""
    return (
        np.empty((nd, nv), dtype=np.int64),
        np.empty((nd, nv), dtype=np.int64),
        np.empty((nd, nv), dtype=np.bool_),
        np.empty((nd, cap + 2), dtype=np.int64),
        np.empty((nd, cap + 2), dtype=np.int64),
        np.empty((nd, cap + 2), dtype=np.int64),
        np.empty((nd, cap + 2), dtype=np.int64),
        np.empty(cap + 2, dtype=np.int64),
        np.empty(cap + 2, dtype=np.int64),
    )


@njit(cache=True)
def _ils_chunk(prob, cur, curlen, best, bestlen, state, rs, params, n_iter):  # type: ignore[no-untyped-def]
    """Run ``n_iter`` ruin-and-recreate iterations; returns True if the best improved."""
    _a, _b, _s, _vloc, prize, req, _al, _dur, _drv, _day = prob
    accept_worse = params[0]
    reset_after = int(params[1])
    noise = params[2]
    scatter = params[3]
    replace = params[4]
    replace_len = int(params[5])
    nd, cap = cur.shape
    nv = prize.shape[0]
    trial = np.empty_like(cur)
    tlen = np.empty_like(curlen)
    keep = np.empty(cap, dtype=np.int64)
    free = np.empty(nv, dtype=np.bool_)
    mask = np.empty(nv, dtype=np.bool_)
    weight = np.empty(nv, dtype=np.float64)
    ws = _workspace(nd, nv, cap)
    _cost, _pos, _banned, locs, arr, dep, slack, sbuf, bbuf = ws
    p2 = prize.astype(np.float64) ** 2
    improved = False
    for _ in range(n_iter):
        state[_IT] += 1
        size = state[_SIZE]
        trial[:, :] = cur
        tlen[:] = curlen
        # ruin: a segment of `size` consecutive visits from every day (required ones stay)
        for d in range(nd):
            n = tlen[d]
            if n == 0:
                continue
            kn = 0
            if _rand(rs) < scatter:
                # scattered: each visit leaves with probability size / n
                pr = size / n
                for k in range(n):
                    v = trial[d, k]
                    if not req[v] and _rand(rs) < pr:
                        continue
                    keep[kn] = v
                    kn += 1
            else:
                sp = _randint(rs, n)
                for k in range(n):
                    v = trial[d, k]
                    if sp <= k < sp + size and not req[v]:
                        continue
                    keep[kn] = v
                    kn += 1
            if kn == n:
                continue
            if _route_ok(prob, d, keep, kn, locs[d], arr[d], dep[d], slack[d], sbuf, bbuf):
                trial[d, :kn] = keep[:kn]
                tlen[d] = kn
        free[:] = True
        for d in range(nd):
            for k in range(tlen[d]):
                free[trial[d, k]] = False
        level = noise if noise >= 0 else -noise * _rand(rs)
        for i in range(nv):
            weight[i] = p2[i] * (1.0 + level * _rand(rs)) if level > 0 else p2[i]
        _recreate(prob, trial, tlen, free, weight, ws)
        if replace > 0 and _rand(rs) < replace:
            made = _replace(prob, trial, tlen, free, ws, keep, mask, replace_len)
            if made > 0:
                _recreate(prob, trial, tlen, free, weight, ws)
        tp, tt = _value(prob, trial, tlen)
        cp = state[_CP]
        ct = state[_CT]
        if tp > cp or (tp == cp and tt <= ct) or _rand(rs) < accept_worse:
            cur[:, :] = trial
            curlen[:] = tlen
            state[_CP] = tp
            state[_CT] = tt
        if tp > state[_BP] or (tp == state[_BP] and tt < state[_BT]):
            best[:, :] = trial
            bestlen[:] = tlen
            state[_BP] = tp
            state[_BT] = tt
            state[_SIZE] = 1
            state[_SINCE] = 0
            improved = True
        else:
            state[_SIZE] = size + 1 if size < state[_MAXSIZE] else 1
            state[_SINCE] += 1
            if reset_after > 0 and state[_SINCE] % reset_after == 0:
                cur[:, :] = best
                curlen[:] = bestlen
                state[_CP] = state[_BP]
                state[_CT] = state[_BT]
    return improved


@njit(cache=True)
def _fill(prob, routes, rlen, noise, rs):  # type: ignore[no-untyped-def]
    """Insert free visits into feasible routes by prize² / time shift, each weight multiplied
    by a random factor in [1, 1 + noise]."""
    nd, cap = routes.shape
    prize = prob[4]
    nv = prize.shape[0]
    free = np.ones(nv, dtype=np.bool_)
    for d in range(nd):
        for k in range(rlen[d]):
            free[routes[d, k]] = False
    weight = prize.astype(np.float64) ** 2
    if noise > 0:
        for i in range(nv):
            weight[i] *= 1.0 + noise * _rand(rs)
    _recreate(prob, routes, rlen, free, weight, _workspace(nd, nv, cap))
    return _value(prob, routes, rlen)


# ---------------------------------------------------------------------------------- Python side


def _arrays(problem: Problem) -> tuple[np.ndarray, ...]:
    nv = len(problem.visits)
    nw = max((len(v.windows) for v in problem.visits), default=1) or 1
    a_w = np.full((nv, nw), _INF, dtype=np.int64)
    b_w = np.full((nv, nw), -1, dtype=np.int64)
    for i, v in enumerate(problem.visits):
        for k, (a, b) in enumerate(v.windows):
            a_w[i, k] = a
            b_w[i, k] = b
    serv = np.array([v.service_s for v in problem.visits], dtype=np.int64).reshape(nv)
    vloc = np.array([v.location for v in problem.visits], dtype=np.int64).reshape(nv)
    prize = np.array([v.prize for v in problem.visits], dtype=np.int64).reshape(nv)
    req = np.array([v.required for v in problem.visits], dtype=np.bool_).reshape(nv)
    nd = len(problem.days)
    allowed = np.ones((nd, nv), dtype=np.bool_)
    for i, v in enumerate(problem.visits):
        if v.days is not None:
            allowed[:, i] = False
            for d in v.days:
                if 0 <= d < nd:
                    allowed[d, i] = True
    allowed &= ((prize > 0) | req)[None, :]
    dur = np.stack([np.where(m < 0, _BIG, m).astype(np.int64) for m in problem.durations_s])
    if problem.drive_s is not None:
        drv = np.stack([np.maximum(m, 0).astype(np.int64) for m in problem.drive_s])
    else:
        drv = np.zeros_like(dur)
    day = np.zeros((nd, 9), dtype=np.int64)
    for d, ds in enumerate(problem.days):
        lo, hi = ds.lunch_window_s if ds.lunch_window_s is not None else (0, 0)
        llen = ds.lunch_s if ds.lunch_window_s is not None else 0
        day[d] = (
            ds.start_location,
            ds.end_location,
            ds.earliest_start_s,
            ds.latest_end_s,
            ds.matrix,
            -1 if ds.max_drive_s is None else ds.max_drive_s,
            lo,
            hi,
            max(0, llen),
        )
    return (a_w, b_w, serv, vloc, prize, req, allowed, dur, drv, day)


def _seed_state(seed: int) -> np.uint64:
    """A non-zero xorshift state from an integer seed (splitmix64 finaliser)."""
    z = (seed + 0x9E3779B97F4A7C15) % 2**64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) % 2**64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) % 2**64
    z ^= z >> 31
    return np.uint64(z or 88172645463325252)


_WARM = False


def warm_up() -> float:
    """Compile (or load from numba's on-disk cache) every kernel; returns the seconds it took.

    The first call on a machine compiles for several seconds (then cached next to the module,
    or in numba's user cache directory); later processes load the cache. ``solve()`` calls it
    before its clock starts so that compilation never eats into a search's time limit.
    """
    global _WARM
    if _WARM:
        return 0.0
    t0 = time.perf_counter()
    visits = tuple(
        Visit(
            str(k), k, 1 + k % 3, 1, ((0, 50),) if k % 2 else ((0, 10), (20, 60)), required=k == 1
        )
        for k in range(1, 5)
    )
    dur = np.abs(np.subtract.outer(np.arange(5), np.arange(5))).astype(np.int64) * 3
    day = DaySpec(0, 0, 0, 80, max_drive_s=70, lunch_window_s=(10, 30), lunch_s=5)
    tiny = Problem(visits=visits, days=(day, day), durations_s=(dur,), drive_s=(dur,))
    CompiledILS(tiny).run(
        [[0, 1], []],
        deadline=float("inf"),
        max_iterations=4,
        starts=2,
        scatter=0.5,
    )
    _WARM = True
    return time.perf_counter() - t0


class CompiledILS:
    """The compiled search on one problem.

    Parameters
    ----------
    problem : Problem
        Must satisfy :func:`supports`.
    """

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.prob = _arrays(problem)
        self.nd = len(problem.days)
        self.cap = max(1, len(problem.visits))

    def _pack(self, routes: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
        arr = np.zeros((self.nd, self.cap), dtype=np.int64)
        lens = np.zeros(self.nd, dtype=np.int64)
        for d, r in enumerate(routes):
            arr[d, : len(r)] = r
            lens[d] = len(r)
        return arr, lens

    @staticmethod
    def _unpack(arr: np.ndarray, lens: np.ndarray) -> list[list[int]]:
        return [[int(x) for x in arr[d, : lens[d]]] for d in range(arr.shape[0])]

    def _required_only(self, routes: Sequence[Sequence[int]]) -> list[list[int]]:
        """``routes`` without their optional visits, day by day where that day stays feasible."""
        out = []
        for r in routes:
            keep = [i for i in r if self.problem.visits[i].required]
            out.append(keep if len(keep) == len(r) or self._feasible(len(out), keep) else list(r))
        return out

    def _feasible(self, d: int, route: Sequence[int]) -> bool:
        n = len(route)
        buf = [np.zeros(n + 2, dtype=np.int64) for _ in range(6)]
        arr = np.array(route, dtype=np.int64).reshape(n)
        return bool(_route_ok(self.prob, d, arr, n, *buf))

    def fill(self, routes: Sequence[Sequence[int]]) -> list[list[int]]:
        """Greedy insertion of unvisited visits into feasible ``routes``."""
        arr, lens = self._pack(routes)
        _fill(self.prob, arr, lens, 0.0, np.ones(1, dtype=np.uint64))
        return self._unpack(arr, lens)

    def run(
        self,
        routes: Sequence[Sequence[int]],
        *,
        deadline: float,
        seed: int = 0,
        max_iterations: int | None = None,
        on_improve: Callable[[int], None] | None = None,
        stop: Callable[[], bool] | None = None,
        accept_worse: float = 0.1,
        reset_after: int = 50,
        noise: float = 1.0,
        size_div: int = 3,
        size_cap: int = 8,
        scatter: float = 0.0,
        starts: int = 8,
        start_noise: float = 3.0,
        chunk_s: float = 0.02,
        replace: float = 1.0,
        replace_len: int = 2,
    ) -> tuple[list[list[int]], int]:
        """Improve feasible ``routes`` until ``deadline``; returns (best routes, iterations).

        ``accept_worse``, ``reset_after``, ``noise``, ``size_div`` and ``size_cap`` mean what
        they mean in :func:`routeplanner.solve.iterated_local_search`. ``scatter`` is the share
        of ruins that remove scattered visits (each with probability size / n) instead of a
        segment; ``starts`` trajectories race (the first from ``routes``, the others from their
        required visits filled with weights × U[1, 1 + ``start_noise``]), the worse half
        stopping at each quarter of the time; ``chunk_s`` is the wall time of one compiled call
        between checks of the deadline and ``stop``. ``replace`` is the share of iterations
        whose recreated plan then goes through the exchange local search (a run of up to
        ``replace_len`` visits of a day for one unvisited visit worth more, then a new fill).
        """
        nv = len(self.problem.visits)
        max_size = max(1, min(size_cap, nv // (size_div * max(1, self.nd))))
        runs = []
        best_val = (-(2**62), 0)
        for k in range(max(1, starts)):
            rs = np.array([_seed_state(seed * 7919 + k)], dtype=np.uint64)
            # the first trajectory starts from the given routes, the others from a randomised
            # greedy fill of their required visits only (other basins for the race below)
            start, start_len = self._pack(routes if k == 0 else self._required_only(routes))
            cp, ct = _fill(self.prob, start, start_len, 0.0 if k == 0 else start_noise, rs)
            best_val = max(best_val, (int(cp), -int(ct)))
            runs.append(
                (
                    start,
                    start_len,
                    start.copy(),
                    start_len.copy(),
                    np.array([cp, ct, cp, ct, 1, 0, 0, max_size], dtype=np.int64),
                    rs,
                )
            )
        params = np.array(
            [
                accept_worse,
                reset_after,
                noise,
                scatter,
                replace,
                replace_len,
            ],
            dtype=np.float64,
        )
        chunk = 1 if max_iterations is None else 16
        t_start = time.perf_counter()
        span = max(1e-3, deadline - t_start)
        total = 0
        alive = list(range(len(runs)))
        turn = 0
        while True:
            if max_iterations is not None:
                left = max_iterations - total
                if left <= 0:
                    break
                n_iter = min(chunk, left)
                progress = total / max(1, max_iterations)
            else:
                n_iter = chunk
                progress = (time.perf_counter() - t_start) / span
            if time.perf_counter() >= deadline or (stop is not None and stop()):
                break
            # racing: the worse half of the trajectories stops at 1/4, 1/2, ... of the run
            target = max(1, len(runs) >> int(progress * 4))
            if len(alive) > target:
                alive.sort(key=lambda r: (runs[r][4][_BP], -runs[r][4][_BT]), reverse=True)
                alive = alive[:target]
            r = alive[turn % len(alive)]
            turn += 1
            cur, curlen, best, bestlen, state, rs = runs[r]
            t0 = time.perf_counter()
            it0 = int(state[_IT])
            _ils_chunk(self.prob, cur, curlen, best, bestlen, state, rs, params, n_iter)
            total += int(state[_IT]) - it0
            val = (int(state[_BP]), -int(state[_BT]))
            if val > best_val:
                improved_prize = val[0] > best_val[0]
                best_val = val
                if on_improve is not None and improved_prize:
                    on_improve(val[0])
            if max_iterations is not None:
                continue  # fixed chunks: the same trajectories for the same seed and limit
            spent = time.perf_counter() - t0
            # aim at chunks of about `chunk_s`, never overshooting the deadline by much
            room = max(0.0, deadline - time.perf_counter())
            per = spent / n_iter if spent > 0 else 1e-5
            chunk = int(max(1, min(4 * chunk, min(chunk_s, room) / per)))
        top = max(runs, key=lambda x: (x[4][_BP], -x[4][_BT]))
        return self._unpack(top[2], top[3]), total
