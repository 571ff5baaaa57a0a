"""Compiled core of the search (numba): an iterated local search for every routing problem.

Ruin and recreate in the style of Vansteenwegen et al.'s ILS for the team orienteering problem
with time windows, compiled with numba so that an iteration costs tens of microseconds: a
segment of visits leaves every day, unvisited visits come back by best prize² / time shift, and
an exchange local search swaps one or two visits of a day for an unvisited one worth more
(:func:`_replace`). Eight trajectories from different starts race, the worse half stopping at
each quarter of the run.

It models everything the planner's :class:`~routeplanner.model.Problem` can hold: time windows
(several per visit), per-day start, end and travel matrix, days allowed per visit, required
visits (never removed, so the order of a sold tour's stops, its precedences, is kept from the
start), a daily driving limit (checked exactly per insertion), the lunch break (an insertion
that fits without lunch is confirmed by the exact schedule with lunch, a port of
:func:`routeplanner._schedule.simulate`), the budget per person (tickets and fares, checked
before every insertion, exchange and ruin) and quotas by tag (maxima hard; a missing visit
below a minimum costs twice the largest prize per day, or more than every prize together over
the trip, so the search reaches minima first).

Everything is integer seconds; ``_BIG`` marks an unreachable leg. Randomness comes from a
xorshift generator whose state the caller owns, and the search counts its own work (insertion
positions tried, days timed): a run bounded by work or iterations is deterministic for a seed on
any machine and under any load. Python checks the budget, the deadline and the stop flag
between compiled chunks of iterations.

The module is longer than the house's ~600-line guide: every kernel reads the same array
layout (``prob``, ``side``, the workspace), and splitting them would spread that layout over
several files.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numba import njit

from .model import DaySpec, Problem, Visit, _QuotaRule

__all__ = ["WORK_PER_S", "CompiledILS", "RunStats", "supports", "warm_up"]

_INF = np.int64(1) << np.int64(60)
_BIG = np.int64(1) << np.int64(50)

#: Work units per second: one unit is a tenth of a nanosecond of the search on one core of the
#: reference machine (2 shared cores). The rate turns a time limit into the work budget that
#: makes a run deterministic.
WORK_PER_S = 10_000_000_000

#: Reference work units (tenths of a nanosecond) per counted operation (``_C_SCAN`` ...
#: ``_C_VIS``), fitted to the CPU time of whole 1 s searches on the shipped scenarios, public
#: benchmark instances with and without side constraints and large catalogs
#: (``benchmarks/product_bench.py --calibrate``; figures in ``benchmarks/RESULTS.md``).
_WORK_NS = np.array([28, 37, 67, 385, 119, 34032, 0, 440, 145, 0, 309], dtype=np.int64)

# columns of the per-day integer table
_START, _END, _EARLY, _LATE, _MAT, _MAXDRV, _LLO, _LHI, _LLEN = range(9)

# state vector of a running search
_CP, _CT, _BP, _BT, _SIZE, _SINCE, _IT, _MAXSIZE = range(8)

# operation counters (the search's own clock), each the executions of one inner loop: visits
# scanned for an insertion table, insertion positions tried, (day, visit) pairs scanned when
# choosing an insertion, steps of exact lunch schedules, steps of day timings, iterations,
# iterations × (visits + route slots), quota steps, (day, visit) pairs weighed when choosing an
# insertion, (visit, day) pairs weighed by the exchange, visits placed in an insertion table
(
    _C_SCAN,
    _C_POS,
    _C_PAIRS,
    _C_EXACT,
    _C_TIMING,
    _C_ITER,
    _C_ITERV,
    _C_QUOTA,
    _C_EVAL,
    _C_REPL,
    _C_VIS,
) = range(11)
_NCOUNT = 11


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
    a_w, b_w, serv, vloc, _prize, _req, _allowed, dur, drv, day, wspan = prob
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
        for w in range(wspan[d, vi, 0], nw):
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
    a_w, b_w, serv, vloc, _prize, _req, _allowed, dur, drv, day, wspan = prob
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
            # lunch at a place (as _schedule.simulate): on arrival if it can start there in
            # its window, else before leaving
            a = t + leg
            if (a if a > lo else lo) <= hi:
                t = (a if a > lo else lo) + llen
            elif (t if t > lo else lo) <= hi:
                t = (t if t > lo else lo) + llen + leg
            else:
                return -1
        else:
            t += leg
        if k == n:
            break
        vi = route[k]
        s = -1
        for w in range(wspan[d, vi, 0], nw):
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
def _exact_ok(prob, d, route, n, work):  # type: ignore[no-untyped-def]
    """Exact feasibility of day ``d`` including lunch (as ``_schedule.simulate``); ``work``
    counts the schedule steps."""
    day = prob[9]
    work[_C_EXACT] += n + 1
    plain = _forward(prob, d, route, n, -2)
    if plain < 0:
        return False
    if day[d, _LLEN] <= 0 or plain <= day[d, _LLO]:
        return True
    for gap in range(-1, n):
        work[_C_EXACT] += n + 1
        if _forward(prob, d, route, n, gap) >= 0:
            return True
    return False


@njit(cache=True)
def _route_ok(prob, d, route, n, locs, arr, dep, slack, sbuf, bbuf, work):  # type: ignore[no-untyped-def]
    work[_C_TIMING] += n + 1
    ok, _drive = _timing(prob, d, route, n, locs, arr, dep, slack, sbuf, bbuf)
    if not ok:
        return False
    if prob[9][d, _LLEN] > 0:
        return _exact_ok(prob, d, route, n, work)
    return True


@njit(cache=True)
def _insert_at(row, n, q, v):  # type: ignore[no-untyped-def]
    """Put ``v`` at position ``q`` of the ``n`` visits of ``row`` (the later ones move up)."""
    for k in range(n, q, -1):
        row[k] = row[k - 1]
    row[q] = v


@njit(cache=True)
def _remove_at(row, n, q):  # type: ignore[no-untyped-def]
    """Take position ``q`` out of the ``n`` visits of ``row`` (the later ones move down)."""
    for k in range(q, n - 1):
        row[k] = row[k + 1]


@njit(cache=True)
def _ordered_insert(prob, side, d, row, n, i, free, work):  # type: ignore[no-untyped-def]
    """Insert visit ``i``, which has a fixed order (``side[5]``: its predecessor, ``side[6]``:
    its successor, -1: none), into day ``d`` at the first position between them where the day
    passes the exact schedule; returns the position, or -1 with ``row`` unchanged (also when
    its predecessor or successor is on another day)."""
    pred, succ = side[5][i], side[6][i]
    lo = 0
    hi = n
    for k in range(n):
        if row[k] == pred:
            lo = k + 1
        if row[k] == succ:
            hi = k
    if pred >= 0 and lo == 0 and not free[pred]:
        return -1  # its predecessor is on another day
    if succ >= 0 and hi == n and not free[succ]:
        return -1
    for q in range(lo, hi + 1):
        _insert_at(row, n, q, i)
        if _exact_ok(prob, d, row, n + 1, work):
            return q
        _remove_at(row, n + 1, q)
    return -1


@njit(cache=True)
def _lunch_position(prob, d, row, n, p, work):  # type: ignore[no-untyped-def]
    """Move ``row[p]`` to the first other position where day ``d`` (``n`` visits) passes the
    exact schedule with lunch; returns that position, or -1 with ``row`` as it was.

    The insertion table ignores lunch, so its cheapest position may leave no room for it while
    another position does (before a fixed slot, lunch in a wait)."""
    v = row[p]
    _remove_at(row, n, p)
    for q in range(n):
        if q == p:
            continue
        _insert_at(row, n - 1, q, v)
        if _exact_ok(prob, d, row, n, work):
            return q
        _remove_at(row, n, q)
    _insert_at(row, n - 1, p, v)
    return -1


@njit(cache=True)
def _tail_fits(prob, d, route, n, p, t, loc):  # type: ignore[no-untyped-def]
    """Whether route[p:] still fits after leaving ``loc`` at ``t`` (earliest starts)."""
    a_w, b_w, serv, vloc, _prize, _req, _allowed, dur, _drv, day, wspan = prob
    m = day[d, _MAT]
    nw = a_w.shape[1]
    for k in range(p, n):
        vi = route[k]
        t += dur[m, loc, vloc[vi]]
        s = -1
        for w in range(wspan[d, vi, 0], nw):
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
    Returns the number of positions tried and visits replayed, and of visits placed.
    """
    a_w, b_w, serv, vloc, _prize, _req, allowed, dur, drv, day, wspan = prob
    m = day[d, _MAT]
    maxd = day[d, _MAXDRV]
    nw = a_w.shape[1]
    nv = vloc.shape[0]
    work = 0
    placed = 0
    # a later visit can only move to its next window if it has two within this day
    jumps = False
    for k in range(n):
        if wspan[d, route[k], 2] > 1:
            jumps = True
    for i in range(nv):
        cost[i] = _INF
        if not free[i] or not allowed[d, i] or dead[i]:
            continue
        placed += 1
        ci = vloc[i]
        best = _INF
        bp = 0
        w0 = wspan[d, i, 0]
        last_b = wspan[d, i, 1]
        for p in range(n + 1):
            work += 1
            frm = locs[p]
            to = locs[p + 1]
            a = dep[p] + dur[m, frm, ci]
            if a > last_b:
                break  # later positions only arrive later (and past the day's last window)
            st = -1
            for w in range(w0, nw):
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
            if delta > slack[p + 1]:
                if not jumps:
                    continue
                work += n - p
                if not _tail_fits(prob, d, route, n, p, st + serv[i], ci):
                    continue
            best = delta
            bp = p
        cost[i] = best
        pos[i] = bp
        if best == _INF:
            dead[i] = True
    return work, placed


@njit(cache=True)
def _day_costs(prob, d, route, n, ws, free, dead):  # type: ignore[no-untyped-def]
    """Time day ``d`` and fill its row of the insertion table in the workspace ``ws``; False if
    the day breaks a window (the table row is then left as it was)."""
    cost, pos, _banned, locs, arr, dep, slack, sbuf, bbuf, work = ws
    ok, drive = _timing(prob, d, route, n, locs[d], arr[d], dep[d], slack[d], sbuf, bbuf)
    work[_C_TIMING] += n + 1
    work[_C_SCAN] += free.shape[0]
    if ok:
        tried, placed = _day_table(
            prob, d, route, n, locs[d], arr[d], dep[d], slack[d], drive, free, cost[d], pos[d], dead
        )
        work[_C_POS] += tried
        work[_C_VIS] += placed
    return ok


# ------------------------------------------------------------------------ side constraints
#
# ``side`` = (price, fare, lim, qflag, qlim, pred, succ): the price per person of each visit,
# the fare of each leg (per matrix), ``lim = [budget, pen_day, pen_trip]`` (budget -1: none),
# per quota ``q`` the visits it counts (``qflag[q]``) and its bounds ``qlim[q] = [day_min,
# day_max, trip_min, trip_max]`` (-1: none), and each visit's predecessor and successor in a
# fixed order (-1: none). Maxima are hard; a missing visit below a minimum costs ``pen_day``
# (per day) or ``pen_trip`` (over the trip) in the objective. A visit with a fixed order is
# inserted only between its predecessor and successor, on their day (:func:`_ordered_insert`).


@njit(cache=True)
def _day_price(prob, side, d, route, n, skip=-1):  # type: ignore[no-untyped-def]
    """Tickets and fares of day ``d`` (per person), without position ``skip`` if given."""
    vloc, day = prob[3], prob[9]
    price, fare = side[0], side[1]
    m = day[d, _MAT]
    loc = day[d, _START]
    total = 0
    for k in range(n):
        if k == skip:
            continue
        vi = route[k]
        total += price[vi] + fare[m, loc, vloc[vi]]
        loc = vloc[vi]
    return total + fare[m, loc, day[d, _END]]


@njit(cache=True)
def _added_price(prob, side, d, route, n, q):  # type: ignore[no-untyped-def]
    """What ``route[q]`` adds to the tickets and fares of day ``d`` (``n`` visits)."""
    return _day_price(prob, side, d, route, n) - _day_price(prob, side, d, route, n, q)


@njit(cache=True)
def _insert_price(prob, side, locs, p, d, i):  # type: ignore[no-untyped-def]
    """Added tickets and fares of visit ``i`` between positions ``p`` and ``p + 1`` of the
    timed day ``d`` (``locs``: its locations)."""
    vloc, day = prob[3], prob[9]
    price, fare = side[0], side[1]
    m = day[d, _MAT]
    a = locs[p]
    b = locs[p + 1]
    ci = vloc[i]
    return price[i] + fare[m, a, ci] + fare[m, ci, b] - fare[m, a, b]


@njit(cache=True)
def _spend(prob, side, routes, rlen):  # type: ignore[no-untyped-def]
    total = 0
    for d in range(routes.shape[0]):
        total += _day_price(prob, side, d, routes[d], rlen[d])
    return total


@njit(cache=True)
def _take(side, free, dirty, cnt, trip, d, i):  # type: ignore[no-untyped-def]
    """Visit ``i`` is now on day ``d``: not free, the day's costs stale, its quotas counted."""
    free[i] = False
    dirty[d] = True
    for q in range(cnt.shape[0]):
        if side[3][q, i]:
            cnt[q, d] += 1
            trip[q] += 1


@njit(cache=True)
def _counts(side, routes, rlen, cnt, trip):  # type: ignore[no-untyped-def]
    """Visits counted by each quota, per day (``cnt[q, d]``) and over the trip (``trip[q]``)."""
    qflag = side[3]
    cnt[:, :] = 0
    trip[:] = 0
    for q in range(qflag.shape[0]):
        for d in range(routes.shape[0]):
            for k in range(rlen[d]):
                if qflag[q, routes[d, k]]:
                    cnt[q, d] += 1
            trip[q] += cnt[q, d]


@njit(cache=True)
def _short(side, q, c_day, c_trip):  # type: ignore[no-untyped-def]
    """Objective cost of quota ``q``'s minima with ``c_day`` visits on a day, ``c_trip`` in all
    (the day part for one day only)."""
    lim, qlim = side[2], side[4]
    out = 0
    if c_day < qlim[q, 0]:
        out += lim[1] * (qlim[q, 0] - c_day)
    if c_trip < qlim[q, 2]:
        out += lim[2] * (qlim[q, 2] - c_trip)
    return out


@njit(cache=True)
def _penalty(side, cnt, trip):  # type: ignore[no-untyped-def]
    lim, qlim = side[2], side[4]
    out = 0
    for q in range(cnt.shape[0]):
        for d in range(cnt.shape[1]):
            if cnt[q, d] < qlim[q, 0]:
                out += lim[1] * (qlim[q, 0] - cnt[q, d])
        if trip[q] < qlim[q, 2]:
            out += lim[2] * (qlim[q, 2] - trip[q])
    return out


@njit(cache=True)
def _quota_room(side, cnt, trip, d, i):  # type: ignore[no-untyped-def]
    """(allowed, bonus): whether visit ``i`` may join day ``d`` under every quota maximum, and
    how much it lowers the minima's cost there."""
    qflag, qlim = side[3], side[4]
    bonus = 0
    for q in range(qflag.shape[0]):
        if qflag[q, i]:
            if qlim[q, 1] >= 0 and cnt[q, d] >= qlim[q, 1]:
                return False, 0
            if qlim[q, 3] >= 0 and trip[q] >= qlim[q, 3]:
                return False, 0
            bonus += _short(side, q, cnt[q, d], trip[q]) - _short(
                side, q, cnt[q, d] + 1, trip[q] + 1
            )
    return True, bonus


# ------------------------------------------------------------------------ search kernels


@njit(cache=True)
def _recreate(prob, side, routes, rlen, free, fac, ws):  # type: ignore[no-untyped-def]
    """Insert free visits by best weight / time shift while any fits (in place).

    The weight of a visit is (prize + what it saves on quota minima)² × ``fac``; required
    visits come first. Quota maxima and the budget are checked before each insertion.
    """
    cost, pos, banned, locs, work = ws[0], ws[1], ws[2], ws[3], ws[9]
    _a, _b, _s, _vloc, prize, req, _al, _dur, _drv, day, _ws = prob
    lim = side[2]
    nq = side[3].shape[0]
    budget = lim[0]
    nd = routes.shape[0]
    nv = free.shape[0]
    dirty = np.ones(nd, dtype=np.bool_)
    banned[:, :] = False
    dead = np.zeros((nd, nv), dtype=np.bool_)
    cnt = np.zeros((nq, nd), dtype=np.int64)
    trip = np.zeros(nq, dtype=np.int64)
    if nq > 0:
        _counts(side, routes, rlen, cnt, trip)
    spend = _spend(prob, side, routes, rlen) if budget >= 0 else 0
    span = np.empty(nd, dtype=np.float64)
    for d in range(nd):
        span[d] = max(1, day[d, _LATE] - day[d, _EARLY])
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
        weighed = 0
        for d in range(nd):
            for i in range(nv):
                c = cost[d, i]
                if c < _INF and free[i] and not banned[d, i]:
                    weighed += 1
                    cc = c if c > 1 else 1
                    if req[i]:
                        r = 1e30 / cc
                    else:
                        g = prize[i]
                        if nq > 0:
                            ok, bonus = _quota_room(side, cnt, trip, d, i)
                            if not ok:
                                continue
                            g += bonus
                        g2 = float(g) * float(g)
                        if budget >= 0:
                            # two resources: the time shift as a share of the day and the
                            # price as a share of the money left
                            pc = _insert_price(prob, side, locs[d], pos[d, i], d, i)
                            left = budget - spend
                            use = cc / span[d] + (pc if pc > 0 else 0) / (left if left > 1 else 1)
                            r = g2 * fac[i] / (use * span[d])
                        else:
                            r = g2 * fac[i] / cc
                    if r > best:
                        best = r
                        bd = d
                        bi = i
        work[_C_PAIRS] += nd * nv
        work[_C_EVAL] += weighed
        work[_C_QUOTA] += weighed * nq
        if bd < 0:
            return
        p = pos[bd, bi]
        n = rlen[bd]
        row = routes[bd]
        if side[5][bi] >= 0 or side[6][bi] >= 0:
            # a visit with a fixed order: between its predecessor and successor on this day
            q = _ordered_insert(prob, side, bd, row, n, bi, free, work)
            if q < 0:
                banned[bd, bi] = True
                continue
            rlen[bd] = n + 1
            extra = 0
            if budget >= 0:
                extra = _added_price(prob, side, bd, row, n + 1, q)
                if spend + extra > budget:
                    _remove_at(row, n + 1, q)
                    rlen[bd] = n
                    banned[bd, bi] = True
                    continue
            _take(side, free, dirty, cnt, trip, bd, bi)
            spend += extra
            continue
        extra = 0
        if budget >= 0:
            extra = _insert_price(prob, side, locs[bd], p, bd, bi)
            if spend + extra > budget:
                banned[bd, bi] = True
                continue
        _insert_at(row, n, p, bi)
        rlen[bd] = n + 1
        if day[bd, _LLEN] > 0 and not _exact_ok(prob, bd, row, n + 1, work):
            q = _lunch_position(prob, bd, row, n + 1, p, work)
            if q >= 0 and budget >= 0:
                extra = _added_price(prob, side, bd, row, n + 1, q)
                if spend + extra > budget:
                    p = q
                    q = -1
            if q < 0:
                _remove_at(row, n + 1, p)
                rlen[bd] = n
                banned[bd, bi] = True
                continue
        _take(side, free, dirty, cnt, trip, bd, bi)
        spend += extra


@njit(cache=True)
def _move_quota(side, cnt, trip, d, row, k, ln, d2, i):  # type: ignore[no-untyped-def]
    """(allowed, objective gain from quotas) of taking ``row[k:k+ln]`` out of day ``d`` and
    visit ``i`` into day ``d2`` (the same day or another)."""
    qflag, qlim = side[3], side[4]
    gain = 0
    for q in range(qflag.shape[0]):
        out = 0
        for j in range(k, k + ln):
            if qflag[q, row[j]]:
                out += 1
        add = 1 if qflag[q, i] else 0
        if out == 0 and add == 0:
            continue
        c_trip = trip[q] - out + add
        if add and qlim[q, 3] >= 0 and c_trip > qlim[q, 3]:
            return False, 0
        if d2 == d:
            c_day = cnt[q, d] - out + add
            if add and qlim[q, 1] >= 0 and c_day > qlim[q, 1]:
                return False, 0
            gain += _short(side, q, cnt[q, d], trip[q]) - _short(side, q, c_day, c_trip)
        else:
            c_d2 = cnt[q, d2] + add
            if add and qlim[q, 1] >= 0 and c_d2 > qlim[q, 1]:
                return False, 0
            # the trip part once, the day parts of both days
            gain += _short(side, q, cnt[q, d], trip[q]) - _short(side, q, cnt[q, d] - out, c_trip)
            gain += _short(side, q, cnt[q, d2], 0) - _short(side, q, c_d2, 0)
    return True, gain


@njit(cache=True)
def _replace(prob, side, routes, rlen, free, ws, keep, mask, max_len, memo):  # type: ignore[no-untyped-def]
    """Exchange local search: a run of up to ``max_len`` visits of a day out, one free visit of
    higher total prize in, anywhere in that day (first improvement, in place). With a budget
    or a trip maximum, which tie the days together, the visit may also go into another day.

    Greedy recreation inserts by prize per time; a visit worth more than what blocks it, but
    with a poor ratio, is never chosen there. An exchange must also keep the quota maxima and
    the budget and not lose more on quota minima than it gains. Returns the number of
    exchanges made.

    ``memo`` (:func:`_memo`) remembers, per day, the last routes the exchange scanned without
    finding anything and the visits free then. When the days are independent (no budget,
    trip maximum or quota), a day with one of those routes is scanned again only for the
    visits freed since: what an exchange finds on a day depends on nothing else, and about
    half the trials of a late search give a day back unchanged.
    """
    _a, _b, _s, _vloc, prize, req, _allowed, _dur, _drv, day, _ws = prob
    cost, pos, work = ws[0], ws[1], ws[9]
    arr, dep, slack, sbuf, bbuf = ws[4], ws[5], ws[6], ws[7], ws[8]
    lim, qlim = side[2], side[4]
    nq = side[3].shape[0]
    budget = lim[0]
    nd = routes.shape[0]
    nv = free.shape[0]
    cap = routes.shape[1]
    cross = nd > 1 and budget >= 0
    for q in range(nq):
        cross = cross or (nd > 1 and qlim[q, 3] >= 0)
    # insertion tables of the current days (for moves into another day)
    cost2 = np.empty((nd if cross else 0, nv), dtype=np.int64)
    pos2 = np.empty((nd if cross else 0, nv), dtype=np.int64)
    locs2 = np.empty((nd if cross else 0, cap + 2), dtype=np.int64)
    none_dead = np.zeros(nv, dtype=np.bool_)
    row2 = np.empty(cap + 1, dtype=np.int64)
    cnt = np.zeros((nq, nd), dtype=np.int64)
    trip = np.zeros(nq, dtype=np.int64)
    if nq > 0:
        _counts(side, routes, rlen, cnt, trip)
    spend = _spend(prob, side, routes, rlen) if budget >= 0 else 0
    m_route, m_len, m_free, m_next = memo
    use_memo = not cross and nq == 0
    made = 0
    again = True
    while again:
        again = False
        top = 0
        for i in range(nv):
            if free[i] and prize[i] > top:
                top = prize[i]
        if cross:
            for d2 in range(nd):
                n2 = rlen[d2]
                ok, drive = _timing(
                    prob, d2, routes[d2], n2, locs2[d2], arr[d2], dep[d2], slack[d2], sbuf, bbuf
                )
                work[_C_TIMING] += n2 + 1
                work[_C_SCAN] += nv
                cost2[d2, :] = _INF
                if ok:
                    none_dead[:] = False
                    tried, placed = _day_table(
                        prob,
                        d2,
                        routes[d2],
                        n2,
                        locs2[d2],
                        arr[d2],
                        dep[d2],
                        slack[d2],
                        drive,
                        free,
                        cost2[d2],
                        pos2[d2],
                        none_dead,
                    )
                    work[_C_POS] += tried
                    work[_C_VIS] += placed
        for d in range(nd):
            n = rlen[d]
            row = routes[d]
            # a route of the memo: only the visits freed since are new candidates
            slot = -1
            if use_memo:
                for h in range(m_len.shape[1]):
                    if m_len[d, h] == n:
                        same = True
                        for j in range(n):
                            if m_route[d, h, j] != row[j]:
                                same = False
                                break
                        if same:
                            slot = h
                            break
            known = slot >= 0
            top_d = top
            if known:
                top_d = 0
                work[_C_SCAN] += nv
                for i in range(nv):
                    if free[i] and not m_free[d, slot, i] and prize[i] > top_d:
                        top_d = prize[i]
            changed = False
            k = n if known and top_d == 0 else 0  # known and nothing new: nothing to scan
            while k < n:
                for ln in range(1, max_len + 1):
                    if k + ln > n:
                        break
                    lost = 0
                    fixed = False
                    for j in range(k, k + ln):
                        lost += prize[row[j]]
                        fixed = fixed or req[row[j]]
                    if fixed or lost >= top_d:
                        continue
                    kn = 0
                    for j in range(n):
                        if j < k or j >= k + ln:
                            keep[kn] = row[j]
                            kn += 1
                    # only visits worth more than the run (and new to a known route) are weighed
                    work[_C_SCAN] += 2 * nv
                    for i in range(nv):
                        mask[i] = prize[i] <= lost or (known and m_free[d, slot, i])
                    if not _day_costs(prob, d, keep, kn, ws, free, mask):
                        continue
                    bu = -1
                    bd = -1
                    bg = 0
                    bc = _INF
                    weighed = 0
                    for i in range(nv):
                        if not free[i] or prize[i] <= lost or side[5][i] >= 0 or side[6][i] >= 0:
                            continue  # a visit with a fixed order comes in through the fill
                        for d2 in range(nd):
                            if d2 == d:
                                c = cost[d, i]
                            elif cross:
                                c = cost2[d2, i]
                            else:
                                continue
                            if c >= _INF:
                                continue
                            weighed += 1
                            g = prize[i] - lost
                            if nq > 0:
                                ok, qg = _move_quota(side, cnt, trip, d, row, k, ln, d2, i)
                                if not ok:
                                    continue
                                g += qg
                            if g > bg or (g == bg and c < bc):
                                bu = i
                                bd = d2
                                bg = g
                                bc = c
                    work[_C_REPL] += weighed
                    work[_C_QUOTA] += weighed * nq * (ln + 1)
                    if bu < 0:
                        continue
                    if bd == d:
                        p = pos[d, bu]
                        _insert_at(keep, kn, p, bu)
                        if day[d, _LLEN] > 0 and (
                            not _exact_ok(prob, d, keep, kn + 1, work)
                            and _lunch_position(prob, d, keep, kn + 1, p, work) < 0
                        ):
                            continue
                        new_spend = spend
                        if budget >= 0:
                            new_spend += _day_price(prob, side, d, keep, kn + 1) - _day_price(
                                prob, side, d, row, n
                            )
                            if new_spend > budget:
                                continue
                        for j in range(k, k + ln):
                            free[row[j]] = True
                        row[: kn + 1] = keep[: kn + 1]
                        rlen[d] = kn + 1
                        n = kn + 1
                    else:
                        if day[d, _LLEN] > 0 and not _exact_ok(prob, d, keep, kn, work):
                            continue
                        n2 = rlen[bd]
                        p = pos2[bd, bu]
                        row2[:p] = routes[bd, :p]
                        row2[p] = bu
                        row2[p + 1 : n2 + 1] = routes[bd, p:n2]
                        if day[bd, _LLEN] > 0 and not _exact_ok(prob, bd, row2, n2 + 1, work):
                            p = _lunch_position(prob, bd, row2, n2 + 1, p, work)
                            if p < 0:
                                continue
                        new_spend = spend
                        if budget >= 0:
                            new_spend += _day_price(prob, side, d, keep, kn) - _day_price(
                                prob, side, d, row, n
                            )
                            new_spend += _added_price(prob, side, bd, row2, n2 + 1, p)
                            if new_spend > budget:
                                continue
                        for j in range(k, k + ln):
                            free[row[j]] = True
                        row[:kn] = keep[:kn]
                        rlen[d] = kn
                        n = kn
                        routes[bd, : n2 + 1] = row2[: n2 + 1]
                        rlen[bd] = n2 + 1
                    spend = new_spend
                    free[bu] = False
                    if nq > 0:
                        _counts(side, routes, rlen, cnt, trip)
                    made += 1
                    changed = True
                    again = True
                    break
                if again and cross:
                    break  # another day changed: new tables first
                k += 1
            if use_memo and not changed:
                # nothing on this route among the visits free now (nor, if it was known,
                # among those of the memo)
                if known:
                    m_free[d, slot] |= free
                else:
                    # the oldest route of the day gives way
                    slot = m_next[d]
                    m_next[d] = (slot + 1) % m_len.shape[1]
                    m_len[d, slot] = n
                    m_route[d, slot, :n] = row[:n]
                    m_free[d, slot] = free
                work[_C_SCAN] += nv
            if again and cross:
                break
    return made


#: routes per day the exchange memo keeps (a trial often gives a day back as one of its last
#: few forms)
_MEMO_ROUTES = 4


@njit(cache=True)
def _memo(nd, nv, cap):  # type: ignore[no-untyped-def]
    """An empty memo of the exchange (:func:`_replace`): per day ``_MEMO_ROUTES`` routes, their
    lengths (-1: none), the visits that were free when each showed no exchange, and the slot
    to fill next."""
    return (
        np.zeros((nd, _MEMO_ROUTES, cap), dtype=np.int64),
        np.full((nd, _MEMO_ROUTES), -1, dtype=np.int64),
        np.zeros((nd, _MEMO_ROUTES, nv), dtype=np.bool_),
        np.zeros(nd, dtype=np.int64),
    )


@njit(cache=True)
def _value(prob, side, routes, rlen):  # type: ignore[no-untyped-def]
    """(prize - cost of missed quota minima and required visits, travel time) of a plan.

    A missing required visit costs as much as a visit missing from a trip's minimum (more
    than every prize together): a start without one can still reach every required visit."""
    _a, _b, _s, vloc, prize, req, _al, dur, _drv, day, _ws = prob
    tot_p = 0
    tot_t = 0
    nd = routes.shape[0]
    missing = 0
    for i in range(req.shape[0]):
        if req[i]:
            missing += 1
    for d in range(nd):
        m = day[d, _MAT]
        loc = day[d, _START]
        for k in range(rlen[d]):
            vi = routes[d, k]
            tot_p += prize[vi]
            if req[vi]:
                missing -= 1
            tot_t += dur[m, loc, vloc[vi]]
            loc = vloc[vi]
        tot_t += dur[m, loc, day[d, _END]]
    tot_p -= side[2][2] * missing
    nq = side[3].shape[0]
    if nq > 0:
        cnt = np.zeros((nq, nd), dtype=np.int64)
        trip = np.zeros(nq, dtype=np.int64)
        _counts(side, routes, rlen, cnt, trip)
        tot_p -= _penalty(side, cnt, trip)
    return tot_p, tot_t


@njit(cache=True)
def _workspace(nd, nv, cap):  # type: ignore[no-untyped-def]
    """Scratch arrays of a recreate (``ws``): insertion costs, positions, bans, per-day timings
    (locations, arrivals, departures, slack), two per-visit buffers and the operation counters."""
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
        np.zeros(_NCOUNT, dtype=np.int64),
    )


@njit(cache=True)
def _relocate(prob, side, routes, rlen, rs, ws):  # type: ignore[no-untyped-def]
    """Move one visit of a random day to the place in another random day where that day ends
    earliest (in place; nothing moves if no place fits), so that the recreate refills its old
    day with other visits: the moves between days that the exchange, which only takes free
    visits, cannot make."""
    req, allowed = prob[5], prob[6]
    locs, arr, dep, slack, sbuf, bbuf, work = ws[3], ws[4], ws[5], ws[6], ws[7], ws[8], ws[9]
    nd = routes.shape[0]
    d2 = _randint(rs, nd)
    n2 = rlen[d2]
    if n2 == 0:
        return
    k2 = _randint(rs, n2)
    v = routes[d2, k2]
    dd = _randint(rs, nd - 1)
    if dd >= d2:
        dd += 1
    if req[v] or not allowed[dd, v] or side[5][v] >= 0 or side[6][v] >= 0:
        return
    _remove_at(routes[d2], n2, k2)
    if not _route_ok(
        prob, d2, routes[d2], n2 - 1, locs[d2], arr[d2], dep[d2], slack[d2], sbuf, bbuf, work
    ):
        _insert_at(routes[d2], n2 - 1, k2, v)
        return
    row = routes[dd]
    n = rlen[dd]
    bq = -1
    bend = _INF
    for q in range(n + 1):
        _insert_at(row, n, q, v)
        if (
            _route_ok(prob, dd, row, n + 1, locs[dd], arr[dd], dep[dd], slack[dd], sbuf, bbuf, work)
            and arr[dd][n + 2] < bend
        ):
            bend = arr[dd][n + 2]
            bq = q
        _remove_at(row, n + 1, q)
    if bq < 0:
        _insert_at(routes[d2], n2 - 1, k2, v)
        return
    _insert_at(row, n, bq, v)
    rlen[d2] = n2 - 1
    rlen[dd] = n + 1


@njit(cache=True)
def _mark_free(routes, rlen, free):  # type: ignore[no-untyped-def]
    """``free[v]``: visit ``v`` is on no day of the plan."""
    free[:] = True
    for d in range(routes.shape[0]):
        for k in range(rlen[d]):
            free[routes[d, k]] = False


@njit(cache=True)
def _alike(day, a, b):  # type: ignore[no-untyped-def]
    """Days ``a`` and ``b`` have the same row of the day table (ends, hours, matrix, limits)."""
    return np.all(day[a] == day[b])


@njit(cache=True)
def _swap_days(prob, side, routes, rlen, free, fac, ws, rs):  # type: ignore[no-untyped-def]
    """Empty two random days that differ in their ends or hours and refill each with the
    other's visits first (in place; each visit is barred from its own day during that fill by
    the shared ``allowed`` table, restored before returning). Returns False, changing nothing,
    if the two days drawn are alike or one holds a required or ordered visit.

    A trip's whole area can suit another day better (another lodging at its ends, longer
    hours); moving it visit by visit passes through plans that lose prize, so no other move
    of the search gets there."""
    req, allowed, day = prob[5], prob[6], prob[9]
    nd = routes.shape[0]
    d1 = _randint(rs, nd)
    d2 = _randint(rs, nd - 1)
    if d2 >= d1:
        d2 += 1
    if _alike(day, d1, d2):
        return False
    for d in (d1, d2):
        for k in range(rlen[d]):
            v = routes[d, k]
            if req[v] or side[5][v] >= 0 or side[6][v] >= 0:
                return False
    n1, n2 = rlen[d1], rlen[d2]
    saved = np.empty(n1 + n2, dtype=np.bool_)
    moved = np.concatenate((routes[d1, :n1], routes[d2, :n2]))
    for k in range(n1 + n2):
        own = d1 if k < n1 else d2
        v = moved[k]
        saved[k] = allowed[own, v]
        allowed[own, v] = False
        free[v] = True
    rlen[d1] = 0
    rlen[d2] = 0
    _recreate(prob, side, routes, rlen, free, fac, ws)
    for k in range(n1 + n2):
        allowed[d1 if k < n1 else d2, moved[k]] = saved[k]
    return True


@njit(cache=True)
def _ils_chunk(prob, side, cur, curlen, best, bestlen, state, rs, params, n_iter, counters, memo):  # type: ignore[no-untyped-def]
    """Run ``n_iter`` ruin-and-recreate iterations; returns True if the best improved.

    ``counters`` grows by the operations done (``_C_SCAN`` ...); ``memo`` is the
    trajectory's exchange memo (:func:`_memo`).
    """
    _a, _b, _s, _vloc, prize, req, _al, _dur, _drv, _day, _ws = prob
    budget = side[2][0]
    accept_worse = params[0]
    reset_after = int(params[1])
    noise = params[2]
    scatter = params[3]
    replace = params[4]
    replace_len = int(params[5])
    relocate = params[6]
    relocate_after = int(params[7])
    swap = params[8]
    swap_after = int(params[9])
    differ = False  # some two days differ: a swap can change something
    for d in range(1, prob[9].shape[0]):
        if not _alike(prob[9], 0, d):
            differ = True
    nq = side[3].shape[0]
    nd, cap = cur.shape
    nv = prize.shape[0]
    trial = np.empty_like(cur)
    tlen = np.empty_like(curlen)
    keep = np.empty(cap, dtype=np.int64)
    free = np.empty(nv, dtype=np.bool_)
    mask = np.empty(nv, dtype=np.bool_)
    fac = np.empty(nv, dtype=np.float64)
    ws = _workspace(nd, nv, cap)
    _cost, _pos, _banned, locs, arr, dep, slack, sbuf, bbuf, work = ws
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
            if _route_ok(prob, d, keep, kn, locs[d], arr[d], dep[d], slack[d], sbuf, bbuf, work):
                trial[d, :kn] = keep[:kn]
                tlen[d] = kn
        if (
            relocate > 0
            and nd > 1
            and budget < 0
            and nq == 0
            and state[_SINCE] >= relocate_after
            and _rand(rs) < relocate
        ):
            _relocate(prob, side, trial, tlen, rs, ws)
        if budget >= 0 and _spend(prob, side, trial, tlen) > budget:
            # a removal can make a leg dearer (a fare off the triangle): keep the plan
            trial[:, :] = cur
            tlen[:] = curlen
        _mark_free(trial, tlen, free)
        level = noise if noise >= 0 else -noise * _rand(rs)
        for i in range(nv):
            fac[i] = (1.0 + level * _rand(rs)) if level > 0 else 1.0
        if (
            swap > 0
            and differ
            and budget < 0
            and nq == 0
            and state[_SINCE] >= swap_after
            and _rand(rs) < swap
        ):
            # instead of the ruin: the whole contents of two days change places
            trial[:, :] = cur
            tlen[:] = curlen
            _mark_free(trial, tlen, free)
            _swap_days(prob, side, trial, tlen, free, fac, ws, rs)
        _recreate(prob, side, trial, tlen, free, fac, ws)
        if replace > 0 and _rand(rs) < replace:
            made = _replace(prob, side, trial, tlen, free, ws, keep, mask, replace_len, memo)
            if made > 0:
                _recreate(prob, side, trial, tlen, free, fac, ws)
        tp, tt = _value(prob, side, trial, tlen)
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
    work[_C_ITER] += n_iter
    work[_C_ITERV] += n_iter * (nv + nd * cap)
    counters += work
    return improved


@njit(cache=True)
def _fill(prob, side, routes, rlen, noise, rs):  # type: ignore[no-untyped-def]
    """Insert free visits into feasible routes (required ones first, then by prize² / time
    shift, each weight multiplied by a random factor in [1, 1 + noise]); returns the plan's
    value and the operation counters."""
    nd, cap = routes.shape
    prize = prob[4]
    nv = prize.shape[0]
    free = np.empty(nv, dtype=np.bool_)
    _mark_free(routes, rlen, free)
    fac = np.ones(nv, dtype=np.float64)
    if noise > 0:
        for i in range(nv):
            fac[i] = 1.0 + noise * _rand(rs)
    ws = _workspace(nd, nv, cap)
    _recreate(prob, side, routes, rlen, free, fac, ws)
    tp, tt = _value(prob, side, routes, rlen)
    return tp, tt, ws[9]


# ---------------------------------------------------------------------------------- Python side


def _arrays(problem: Problem) -> tuple[np.ndarray, ...]:
    """The problem's arrays as the kernels read them (``prob``)."""
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
    allowed = _allowed_of(problem, prize, req)
    dur = np.stack([np.where(m < 0, _BIG, m).astype(np.int64) for m in problem.durations_s])
    if problem.drive_s is not None:
        drv = np.stack([np.maximum(m, 0).astype(np.int64) for m in problem.drive_s])
    else:
        drv = np.zeros_like(dur)
    day = _day_table_of(problem.days)
    return (a_w, b_w, serv, vloc, prize, req, allowed, dur, drv, day, _wspan(a_w, b_w, day))


def _wspan(a_w: np.ndarray, b_w: np.ndarray, day: np.ndarray) -> np.ndarray:
    """Per day and visit: the first window that ends after the day starts, the latest end of a
    window that opens before the day ends (-1: none), and the number of windows within the day,
    so that the kernels skip the windows of other days."""
    nd, nv = day.shape[0], a_w.shape[0]
    out = np.empty((nd, nv, 3), dtype=np.int64)
    for d in range(nd):
        early, late = day[d, _EARLY], day[d, _LATE]
        # windows are sorted (padding, a = _INF, comes last): those ending earlier come first
        out[d, :, 0] = ((b_w < early) & (a_w < _INF)).sum(axis=1)
        ends = np.where(a_w <= late, b_w, -1)
        out[d, :, 1] = ends.max(axis=1) if ends.shape[1] else -1
        out[d, :, 2] = ((a_w <= late) & (b_w >= early)).sum(axis=1)
    return out


def _day_table_of(days: Sequence[DaySpec]) -> np.ndarray:
    day = np.zeros((len(days), 9), dtype=np.int64)
    for d, ds in enumerate(days):
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
    return day


def _allowed_of(problem: Problem, prize: np.ndarray, req: np.ndarray) -> np.ndarray:
    nd, nv = len(problem.days), len(problem.visits)
    allowed = np.ones((nd, nv), dtype=np.bool_)
    for i, v in enumerate(problem.visits):
        if v.days is not None:
            allowed[:, i] = False
            for d in v.days:
                if 0 <= d < nd:
                    allowed[d, i] = True
    allowed &= ((prize > 0) | req)[None, :]
    return allowed


def _side(problem: Problem, fare: np.ndarray | None = None) -> tuple[np.ndarray, ...]:
    """The side constraints as the kernels read them (``side``): prices, fares, budget and the
    quota penalties, quota membership and bounds, and each visit's predecessor and successor
    in a fixed order."""
    nv = len(problem.visits)
    price = np.array([v.price_rub for v in problem.visits], dtype=np.int64).reshape(nv)
    if fare is None:
        n = problem.durations_s[0].shape[0] if problem.durations_s else 0
        if problem.costs_rub is not None and problem.budget_rub is not None:
            fare = np.stack([np.maximum(m, 0).astype(np.int64) for m in problem.costs_rub])
        else:
            fare = np.zeros((max(1, len(problem.durations_s)), n, n), dtype=np.int64)
    top = max((v.prize for v in problem.visits), default=1)
    total = sum(v.prize for v in problem.visits)
    # as the OR-Tools model: a visit missing from a day's minimum costs twice the largest prize;
    # one missing from a trip's minimum costs more than every prize together
    lim = np.array(
        [-1 if problem.budget_rub is None else problem.budget_rub, 2 * top, total + 1],
        dtype=np.int64,
    )
    nq = len(problem.quotas)
    qflag = np.zeros((nq, nv), dtype=np.bool_)
    qlim = np.full((nq, 4), -1, dtype=np.int64)
    for q, rule in enumerate(problem.quotas):
        for i, v in enumerate(problem.visits):
            qflag[q, i] = rule.tag in v.tags
        if rule.per == "day":
            qlim[q, 0] = rule.min or 0
            qlim[q, 1] = -1 if rule.max is None else rule.max
        else:
            qlim[q, 2] = rule.min or 0
            qlim[q, 3] = -1 if rule.max is None else rule.max
    qlim[:, 0] = np.maximum(qlim[:, 0], 0)
    qlim[:, 2] = np.maximum(qlim[:, 2], 0)
    # fixed order (a tour's stops): each visit's predecessor and successor (chains)
    pred = np.full(nv, -1, dtype=np.int64)
    succ = np.full(nv, -1, dtype=np.int64)
    for i, j in problem.precedences:
        if succ[i] < 0 and pred[j] < 0:
            succ[i] = j
            pred[j] = i
    return (price, fare, lim, qflag, qlim, pred, succ)


def _work(counters: np.ndarray) -> int:
    """Work units (tenths of a reference nanosecond) of a set of operation counters."""
    return int(np.dot(counters, _WORK_NS))


def _seed_state(seed: int) -> np.uint64:
    """A non-zero xorshift state from an integer seed (splitmix64 finaliser)."""
    z = (seed + 0x9E3779B97F4A7C15) % 2**64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) % 2**64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) % 2**64
    z ^= z >> 31
    return np.uint64(z or 88172645463325252)


def supports(problem: Problem) -> bool:
    """Whether the compiled search models every constraint of ``problem``: always, for the
    problems :class:`~routeplanner.model.Problem` accepts (precedences join required visits,
    which the search never moves, so it keeps their order from its start)."""
    return all(
        problem.visits[i].required and problem.visits[j].required for i, j in problem.precedences
    )


@dataclass(frozen=True)
class RunStats:
    """What one :meth:`CompiledILS.run` did.

    Attributes
    ----------
    iterations : int
        Ruin-and-recreate iterations over all trajectories.
    work : int
        Work units done (insertion positions tried, days timed), the deterministic clock.
    stopped_by : str
        ``"work"`` (the work budget), ``"iterations"`` (the iteration limit), ``"time"`` (the
        wall-clock deadline: the result then depends on the machine's speed and load) or
        ``"stop"`` (the caller's stop flag).
    trace : tuple of (int, int)
        ``(work, prize)`` at each improvement of the best prize.
    counters : tuple of int
        The operations behind ``work`` (visits scanned, positions tried, pairs compared, exact
        lunch steps, timing steps, iterations).
    """

    iterations: int
    work: int
    stopped_by: str
    trace: tuple[tuple[int, int], ...] = ()
    counters: tuple[int, ...] = ()


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
            str(k),
            k,
            1 + k % 3,
            1,
            ((0, 50),) if k % 2 else ((0, 10), (20, 60)),
            required=k == 1,
            price_rub=k,
            tags=frozenset({"a"} if k % 2 else {"b"}),
        )
        for k in range(1, 5)
    )
    dur = np.abs(np.subtract.outer(np.arange(5), np.arange(5))).astype(np.int64) * 3
    day = DaySpec(0, 0, 0, 80, max_drive_s=70, lunch_window_s=(10, 30), lunch_s=5)
    quotas = (_QuotaRule("a", "day", 1, 2), _QuotaRule("b", "trip", 1, 3))
    tiny = Problem(
        visits=visits,
        days=(day, day),
        durations_s=(dur,),
        drive_s=(dur,),
        costs_rub=(dur,),
        budget_rub=100,
        quotas=quotas,
    )
    ils = CompiledILS(tiny)
    routes, _stats = ils.run([[0, 1], []], deadline=float("inf"), max_iterations=4, scatter=0.5)
    ils.value(routes)
    _WARM = True
    return time.perf_counter() - t0


class CompiledILS:
    """The compiled search on one problem.

    Parameters
    ----------
    problem : Problem
        Any problem (see :func:`supports`).

    Notes
    -----
    :meth:`with_days` gives the same search on other day ends and budget without rebuilding
    the arrays (the lodging search probes many night sequences over one set of places).
    """

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.prob = _arrays(problem)
        self.side = _side(problem)
        self.nd = len(problem.days)
        self.cap = max(1, len(problem.visits))

    def with_days(self, days: Sequence[DaySpec], budget_rub: int | None) -> CompiledILS:
        """The search on the same visits and matrices with other days and another budget."""
        out = object.__new__(CompiledILS)
        out.problem = dataclasses.replace(self.problem, days=tuple(days), budget_rub=budget_rub)
        a_w, b_w, serv, vloc, prize, req, _allowed, dur, drv, _day, _ws = self.prob
        allowed = _allowed_of(out.problem, prize, req)
        day = _day_table_of(days)
        out.prob = (a_w, b_w, serv, vloc, prize, req, allowed, dur, drv, day, _wspan(a_w, b_w, day))
        fare = self.side[1]
        if budget_rub is not None and not fare.any() and self.problem.costs_rub is not None:
            fare = None  # the fares were left out for a problem without a budget
        out.side = _side(out.problem, fare)
        out.nd = len(days)
        out.cap = self.cap
        return out

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
        if self.side[2][0] >= 0:
            arr, lens = self._pack(out)
            if _spend(self.prob, self.side, arr, lens) > self.side[2][0]:
                return [list(r) for r in routes]
        return out

    def _feasible(self, d: int, route: Sequence[int]) -> bool:
        n = len(route)
        buf = [np.zeros(n + 2, dtype=np.int64) for _ in range(6)]
        arr = np.array(route, dtype=np.int64).reshape(n)
        return bool(_route_ok(self.prob, d, arr, n, *buf, np.zeros(_NCOUNT, dtype=np.int64)))

    def fill(self, routes: Sequence[Sequence[int]]) -> list[list[int]]:
        """Greedy insertion into feasible ``routes``: the required visits not yet in them first,
        then the others by prize² / added time while any fits (quotas and budget kept)."""
        routes, _value, _work = self.fill_value(routes)
        return routes

    def fill_value(
        self, routes: Sequence[Sequence[int]], noise: float = 0.0, seed: int = 0
    ) -> tuple[list[list[int]], int, int]:
        """:meth:`fill`, and the plan's value (prize less missed quota minima) and work."""
        arr, lens = self._pack(routes)
        rs = np.array([_seed_state(seed)], dtype=np.uint64)
        tp, _tt, counters = _fill(self.prob, self.side, arr, lens, noise, rs)
        return self._unpack(arr, lens), int(tp), _work(counters)

    def value(self, routes: Sequence[Sequence[int]]) -> tuple[int, int]:
        """(prize less the cost of missed quota minima, travel time) of ``routes``."""
        arr, lens = self._pack(routes)
        tp, tt = _value(self.prob, self.side, arr, lens)
        return int(tp), int(tt)

    def run(
        self,
        routes: Sequence[Sequence[int]],
        *,
        deadline: float,
        seed: int = 0,
        work: int | None = None,
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
        relocate: float = 0.3,
        relocate_after: int = 10,
        swap: float = 0.1,
        swap_after: int = 10,
    ) -> tuple[list[list[int]], RunStats]:
        """Improve feasible ``routes``; returns (best routes, what the run did).

        The run stops at the first of: ``work`` work units (deterministic), ``max_iterations``
        iterations (deterministic), the wall-clock ``deadline``, ``stop()``. Under a work or
        iteration limit the trajectories advance in chunks whose sizes follow from the work
        done, never from the clock, so the same seed gives the same routes on any machine and
        under any load (as long as the deadline is not reached first).

        Each iteration removes from every day a segment of ``size`` consecutive visits at a
        random position (or, for a share ``scatter`` of the iterations, each visit with
        probability size / n) and re-inserts unvisited visits by best prize² / time shift, each
        visit's weight multiplied by a random factor in [1, 1 + ``noise``]; with probability
        ``replace`` the recreated plan then goes through the exchange local search (a run of up
        to ``replace_len`` visits of a day for one unvisited visit worth more, then a new fill;
        on problems whose days are independent, a day it already scanned in vain and unchanged
        since is scanned only for the visits freed since: see :func:`_replace`).
        Once a trajectory has gone ``relocate_after`` trials without a new best, the ruin
        also moves, with probability ``relocate``, one visit of a random day to the place in
        another day where that day ends earliest, so that the recreate refills its old day:
        the moves between days that the exchange, which only takes free visits, cannot make.
        Past ``swap_after`` such trials, with probability ``swap`` a trial instead empties two
        days that differ in their ends or hours and refills each with the other's visits
        first: a whole trip's area moves to the day that suits it (never on problems whose
        days are all alike, such as the TOPTW benchmarks). Both moves only on problems
        without a budget or quotas (measured in RESULTS.md, "Relocation and day swap").
        A trial at least as good as the current one is accepted (a worse one with probability
        ``accept_worse``); ``size`` grows by one after each non-improving trial up to
        ``min(size_cap, visits / (size_div * days))`` and falls back to 1; every
        ``reset_after`` trials without a new best a trajectory returns to its best. ``starts``
        trajectories race (the first from ``routes``, the others from their required visits
        filled with weights × U[1, 1 + ``start_noise``]), the worse half stopping at each
        quarter of the run. ``chunk_s`` is the wall time of one compiled call between checks
        when only the deadline bounds the run. Required visits are never removed.
        """
        nv = len(self.problem.visits)
        max_size = max(1, min(size_cap, nv // (size_div * max(1, self.nd))))
        runs = []
        totals = np.zeros(_NCOUNT, dtype=np.int64)
        for k in range(max(1, starts)):
            rs = np.array([_seed_state(seed * 7919 + k)], dtype=np.uint64)
            # the first trajectory starts from the given routes, the others from a randomised
            # greedy fill of their required visits only (other basins for the race below)
            start, start_len = self._pack(routes if k == 0 else self._required_only(routes))
            cp, ct, counted = _fill(
                self.prob, self.side, start, start_len, 0.0 if k == 0 else start_noise, rs
            )
            totals += counted
            runs.append(
                (
                    start,
                    start_len,
                    start.copy(),
                    start_len.copy(),
                    np.array([cp, ct, cp, ct, 1, 0, 0, max_size], dtype=np.int64),
                    rs,
                    np.zeros(_NCOUNT, dtype=np.int64),
                    _memo(self.nd, nv, self.cap),
                )
            )
        prize = self.prob[4]

        def best_of(r: int) -> tuple[int, int]:
            st = runs[r][4]
            return int(st[_BP]), -int(st[_BT])

        def prize_of(r: int) -> int:
            _c, _cl, best, bestlen, _st, _rs, _n, _m = runs[r]
            return int(sum(int(prize[best[d, : bestlen[d]]].sum()) for d in range(self.nd)))

        top = max(range(len(runs)), key=lambda r: (best_of(r), -r))
        best_val = best_of(top)
        total_work = _work(totals)
        trace = [(total_work, prize_of(top))]
        params = np.array(
            [
                accept_worse,
                reset_after,
                noise,
                scatter,
                replace,
                replace_len,
                relocate,
                relocate_after,
                swap,
                swap_after,
            ],
            dtype=np.float64,
        )
        bounded = work is not None or max_iterations is not None
        # chunks of about 1/256 of the work budget, at most ~`chunk_s` of the reference rate
        chunk_work = (
            None
            if work is None
            else max(1, min(work // 256, int(WORK_PER_S * max(chunk_s, 0.005))))
        )
        chunk = 1 if not bounded or chunk_work is not None else 16
        t_start = time.perf_counter()
        span = max(1e-3, deadline - t_start)
        iterations = 0
        alive = list(range(len(runs)))
        turn = 0
        stopped_by = "time"
        while True:
            if work is not None and total_work >= work:
                stopped_by = "work"
                break
            if max_iterations is not None and iterations >= max_iterations:
                stopped_by = "iterations"
                break
            if time.perf_counter() >= deadline:
                stopped_by = "time"
                break
            if stop is not None and stop():
                stopped_by = "stop"
                break
            if bounded:
                progress = max(
                    0.0 if work is None else total_work / max(1, work),
                    0.0 if max_iterations is None else iterations / max(1, max_iterations),
                )
            else:
                progress = (time.perf_counter() - t_start) / span
            # racing: the worse half of the trajectories stops at 1/4, 1/2, ... of the run
            target = max(1, len(runs) >> int(min(progress, 0.999) * 4))
            if len(alive) > target:
                alive.sort(key=best_of, reverse=True)
                alive = alive[:target]
            r = alive[turn % len(alive)]
            turn += 1
            cur, curlen, best, bestlen, state, rs, counters, memo = runs[r]
            if chunk_work is not None:
                per = max(1, _work(counters) // max(1, int(state[_IT])))
                n_iter = int(max(1, min(4 * max(1, chunk), chunk_work // per)))
                if state[_IT] == 0:
                    n_iter = 1
            else:
                n_iter = chunk
            if max_iterations is not None:
                n_iter = min(n_iter, max_iterations - iterations)
            t0 = time.perf_counter()
            it0, before = int(state[_IT]), counters.copy()
            _ils_chunk(
                self.prob,
                self.side,
                cur,
                curlen,
                best,
                bestlen,
                state,
                rs,
                params,
                n_iter,
                counters,
                memo,
            )
            iterations += int(state[_IT]) - it0
            totals += counters - before
            total_work = _work(totals)
            if chunk_work is not None:
                chunk = n_iter
            val = best_of(r)
            if val > best_val:
                improved_prize = val[0] > best_val[0]
                best_val = val
                if improved_prize:
                    p = prize_of(r)
                    trace.append((total_work, p))
                    if on_improve is not None:
                        on_improve(p)
            if bounded:
                continue  # chunks follow the work done: the same trajectories for the same seed
            spent = time.perf_counter() - t0
            # aim at chunks of about `chunk_s`, never overshooting the deadline by much
            room = max(0.0, deadline - time.perf_counter())
            per_s = spent / n_iter if spent > 0 else 1e-5
            chunk = int(max(1, min(4 * chunk, min(chunk_s, room) / per_s)))
        win = max(range(len(runs)), key=lambda r: (best_of(r), -r))
        _c, _cl, best, bestlen, _st, _rs, _n, _m = runs[win]
        return self._unpack(best, bestlen), RunStats(
            iterations, total_work, stopped_by, tuple(trace), tuple(int(x) for x in totals)
        )
