"""Earliest-time schedules of a day's route in the integer problem, lunch included.

Given the order of visits, times follow: leave as early as the day allows, wait where a window
has not opened yet, and take lunch in the gap that ends the day earliest. Lunch is always taken
at a place, never inside a drive: on arrival at the next place (the visit then starts after it)
when it can start there in its window, else at the place being left, before the leg. This is
exact for feasibility (waiting is free and windows are start windows).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from .model import DaySpec, Visit

__all__ = ["DaySchedule", "Replayable", "simulate", "simulate_insertions"]


class Replayable(Protocol):
    """What a schedule reads from a problem: a :class:`~routeplanner.model.Problem`, or a view
    of one with a few visits replaced (the drop explanations' replays)."""

    @property
    def visits(self) -> Sequence[Visit]: ...

    @property
    def durations_s(self) -> Sequence[np.ndarray]: ...

    @property
    def drive_s(self) -> Sequence[np.ndarray] | None: ...


@dataclass(frozen=True)
class DaySchedule:
    """Times of one day, in absolute seconds.

    ``arrive[k]``, ``start[k]``, ``end[k]`` are for the k-th visit of the route; ``depart``
    is when the day leaves its start place, ``reach_end`` when it reaches its end place and
    ``finish`` when its day is over there (after a lunch taken on arrival). ``lunch_after`` is
    the index of the visit after which lunch is taken (``-1``: before the first leg),
    ``lunch_start`` its start and ``lunch_location`` the matrix row of the place where it is
    taken (``lunch_on_arrival``: at the place after that gap, else at the place before it); all
    ``None`` without lunch.
    """

    depart: int
    arrive: tuple[int, ...]
    start: tuple[int, ...]
    end: tuple[int, ...]
    finish: int
    drive_s: int
    travel_s: int
    lunch_after: int | None
    lunch_start: int | None
    lunch_location: int | None = None
    lunch_on_arrival: bool | None = None
    reach_end: int | None = None


#: The state of a replay before one of its legs: the leg's index, the time, the place, the
#: travel and driving so far, and the arrivals, starts and ends of the visits before it.
_State = tuple[int, int, int, int, int, list[int], list[int], list[int]]


def _forward(
    day: DaySpec,
    route: Sequence[Visit],
    legs: Sequence[int],
    drives: Sequence[int] | None,
    lunch_gap: int | None,
    *,
    resume: _State | None = None,
    trace: list[tuple[int, int, int, int]] | None = None,
) -> DaySchedule | None:
    """The schedule of the visits ``route`` (resolved once by :func:`simulate`, with the
    travel ``legs`` and their driving ``drives``, start → each visit → end), lunch in the gap
    after visit ``lunch_gap`` (``-1``: before the first leg; ``None``: no lunch).

    ``resume`` starts the replay at one of its legs from the state a replay without lunch had
    there (the same until the lunch); ``trace`` collects the time, place, travel and driving
    before each leg."""
    latest = day.latest_end_s
    max_drive = day.max_drive_s
    lunch_start = lunch_location = lunch_on_arrival = None
    if resume is None:
        k0, t, loc, travel, drive = 0, day.earliest_start_s, day.start_location, 0, 0
        arrive: list[int] = []
        start: list[int] = []
        end: list[int] = []
    else:
        k0, t, loc, travel, drive, arrive, start, end = resume
    stops = [*route, None]
    # t and the driving only grow along the route: past the day's end or the driving limit
    # the schedule fails whatever follows, so the replay stops there
    for k in range(k0, len(stops)):
        v = stops[k]
        if trace is not None:
            trace.append((t, loc, travel, drive))
        nxt = v.location if v is not None else day.end_location
        leg = legs[k]
        if leg < 0:
            return None
        travel += leg
        if drives is not None:
            drive += drives[k]
            if max_drive is not None and drive > max_drive:
                return None
        if lunch_gap is not None and k - 1 == lunch_gap:
            # Lunch in this gap, at a place: on arrival when it can start there in its window
            # (never later than at the place left), else before leaving.
            lo, hi = day.lunch_window_s  # type: ignore[misc]
            if max(t + leg, lo) <= hi:  # the group arrives, then lunches before the visit
                reached = t + leg
                lunch_start = max(reached, lo)
                lunch_location, lunch_on_arrival = nxt, True
                t = lunch_start + day.lunch_s
            elif max(t, lo) <= hi:  # lunch where the group is, then the leg
                lunch_start = max(t, lo)
                lunch_location, lunch_on_arrival = loc, False
                t = reached = lunch_start + day.lunch_s + leg
            else:
                return None
        else:
            t += leg
            reached = t
        if v is None:
            reach_end = reached
            break
        for a, b in v.windows:  # the first start in a window
            if t <= b:
                s = a if a > t else t
                break
        else:
            return None
        arrive.append(reached)
        start.append(s)
        t = s + v.service_s
        if t > latest:
            return None
        end.append(t)
        loc = v.location
    if t > latest:
        return None
    # Leave as late as possible so as not to wait at the first stop.
    depart = day.earliest_start_s
    if route and lunch_gap != -1:
        first_leg = legs[0]
        depart = max(depart, start[0] - first_leg)
        arrive[0] = depart + first_leg
    return DaySchedule(
        depart,
        tuple(arrive),
        tuple(start),
        tuple(end),
        t,
        drive,
        travel,
        lunch_gap,
        lunch_start,
        lunch_location,
        lunch_on_arrival,
        reach_end,
    )


def _legs(matrix: np.ndarray, frm: list[int], to: list[int]) -> list[int]:
    """Whole seconds of the legs ``frm[k]`` → ``to[k]`` (as ``int()`` of each entry)."""
    got = matrix[frm, to]
    return (got if got.dtype.kind in "iu" else got.astype(np.int64)).tolist()


def simulate(problem: Replayable, day: DaySpec, route: Sequence[int]) -> DaySchedule | None:
    """Return the earliest feasible schedule of ``route`` on ``day``, or ``None``.

    Parameters
    ----------
    problem : Problem
        Or any view with its ``visits``, ``durations_s`` and ``drive_s``.
    day : DaySpec
    route : sequence of int
        Indices into ``problem.visits``, in visiting order.

    Returns
    -------
    DaySchedule or None
        ``None`` when no schedule keeps every window, the day's end, the driving limit and
        the lunch window.
    """
    visits = [problem.visits[vi] for vi in route]
    # every leg's figures at once (the same for each place of the lunch below)
    frm = [day.start_location, *(v.location for v in visits)]
    to = [*frm[1:], day.end_location]
    legs = _legs(problem.durations_s[day.matrix], frm, to)
    drv = problem.drive_s
    drives = _legs(drv[day.matrix], frm, to) if drv is not None else None
    return _schedule(day, visits, legs, drives)


def simulate_insertions(
    problem: Replayable, day: DaySpec, route: Sequence[int], visit: int
) -> list[tuple[int, DaySchedule]]:
    """:func:`simulate` of ``route`` with ``visit`` inserted at each position, in order.

    Returns
    -------
    list of (int, DaySchedule)
        The position (0: first) and schedule of every feasible insertion.
    """
    visits = [problem.visits[vi] for vi in route]
    new = problem.visits[visit]
    frm = [day.start_location, *(v.location for v in visits)]
    to = [*frm[1:], day.end_location]
    here = [new.location] * len(frm)

    def legs_of(matrix: np.ndarray) -> tuple[list[int], list[list[int]]]:
        # the route's legs, and the legs into and out of the new visit, once for every position
        base, into, out = _legs(matrix, frm, to), _legs(matrix, frm, here), _legs(matrix, here, to)
        return base, [[*base[:k], into[k], out[k], *base[k + 1 :]] for k in range(len(frm))]

    base, legs = legs_of(problem.durations_s[day.matrix])
    drv = problem.drive_s
    base_drives, drives = legs_of(drv[day.matrix]) if drv is not None else (None, None)
    # The route itself without lunch: before position k an insertion there replays the same,
    # so each starts from this replay's state at k (where the route fails, so do they).
    arrive: list[int] = []
    start: list[int] = []
    end: list[int] = []
    trace: list[tuple[int, int, int, int]] = []
    first = (0, day.earliest_start_s, day.start_location, 0, 0, arrive, start, end)
    _forward(day, visits, base, base_drives, None, resume=first, trace=trace)
    found = []
    for k in range(min(len(frm), len(trace))):
        t, loc, travel, drive = trace[k]
        state = (k, t, loc, travel, drive, arrive[:k], start[:k], end[:k])
        sched = _schedule(
            day,
            [*visits[:k], new, *visits[k:]],
            legs[k],
            drives[k] if drives else None,
            resume=state,
            head=trace[:k],
        )
        if sched is not None:
            found.append((k, sched))
    return found


def _schedule(
    day: DaySpec,
    visits: list[Visit],
    legs: list[int],
    drives: list[int] | None,
    *,
    resume: _State | None = None,
    head: list[tuple[int, int, int, int]] | None = None,
) -> DaySchedule | None:
    """:func:`simulate` once the visits and their legs are looked up; ``resume`` and ``head``:
    the lunch-free replay's state at a leg and its trace before it, when known."""
    if day.lunch_window_s is None or day.lunch_s <= 0:
        return _forward(day, visits, legs, drives, None, resume=resume)
    # Lunch is needed only when the day reaches the lunch window at all.
    trace: list[tuple[int, int, int, int]] = list(head or ())
    no_lunch = _forward(day, visits, legs, drives, None, resume=resume, trace=trace)
    if no_lunch is None:  # a lunch only adds time: nothing can fit then
        return None
    lo, _hi = day.lunch_window_s
    if no_lunch.finish <= lo:
        return no_lunch
    # Take lunch in the gap that ends the day earliest (a lunch inside a wait costs nothing,
    # so the lunch-free finish is a lower bound that stops the scan). Each replay starts at
    # its lunch from the lunch-free replay's state there: before it, the two are the same.
    best: DaySchedule | None = None
    for gap in range(-1, len(visits)):
        k = gap + 1
        t, loc, travel, drive = trace[k]
        state = (
            k,
            t,
            loc,
            travel,
            drive,
            list(no_lunch.arrive[:k]),  # the first one is set again at the end
            list(no_lunch.start[:k]),
            list(no_lunch.end[:k]),
        )
        sched = _forward(day, visits, legs, drives, gap, resume=state)
        if sched is not None and (best is None or sched.finish < best.finish):
            best = sched
            if best.finish <= no_lunch.finish:
                break
    return best
