"""Day schedules of the integer problem (``_schedule.simulate``): waiting, windows, the day's
end, the driving limit and the lunch break, on tiny hand-made problems; and property tests
that every visit of a returned schedule starts inside its window and the day stays within its
limits."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from routeplanner._schedule import simulate
from routeplanner.model import DaySpec, Problem, Visit


def line_problem(
    windows: list[tuple[int, int]], service: int = 10, gap: int = 5, **day: object
) -> tuple[Problem, DaySpec]:
    """Visits on a line, ``gap`` apart (location 0 is the depot), one window each."""
    n = len(windows) + 1
    pos = np.arange(n) * gap
    dur = np.abs(np.subtract.outer(pos, pos)).astype(np.int64)
    visits = tuple(Visit(str(k), k, 1, service, (w,)) for k, w in enumerate(windows, 1))
    spec = DaySpec(0, 0, 0, **({"latest_end_s": 1000} | day))  # type: ignore[arg-type]
    return Problem(visits=visits, days=(spec,), durations_s=(dur,), drive_s=(dur,)), spec


def test_times_follow_the_route_and_wait_for_windows() -> None:
    p, day = line_problem([(0, 100), (40, 100)])
    s = simulate(p, day, [0, 1])
    assert s is not None
    assert s.arrive == (5, 20) and s.start == (5, 40) and s.end == (15, 50)
    assert s.finish == 60 and s.travel_s == 20 and s.drive_s == 20


def test_leaves_late_instead_of_waiting_at_the_first_stop() -> None:
    p, day = line_problem([(100, 200)])
    s = simulate(p, day, [0])
    assert s is not None and s.depart == 95 and s.arrive == (100,) and s.start == (100,)


def test_a_missed_window_the_day_end_and_the_driving_limit_make_it_infeasible() -> None:
    p, day = line_problem([(0, 3)])
    assert simulate(p, day, [0]) is None  # arrives at 5, the window closed at 3
    p, day = line_problem([(0, 100)], latest_end_s=19)
    assert simulate(p, day, [0]) is None  # back at 20
    p, day = line_problem([(0, 100)], latest_end_s=20)
    assert simulate(p, day, [0]) is not None
    p, day = line_problem([(0, 100)], max_drive_s=9)
    assert simulate(p, day, [0]) is None  # 10 s of driving
    p, day = line_problem([(0, 100)], max_drive_s=10)
    assert simulate(p, day, [0]) is not None


def test_unreachable_leg() -> None:
    p, day = line_problem([(0, 100), (0, 100)])
    dur = p.durations_s[0].copy()
    dur[1, 2] = -1
    p2 = Problem(visits=p.visits, days=p.days, durations_s=(dur,))
    assert simulate(p2, day, [0, 1]) is None
    assert simulate(p2, day, [1, 0]) is not None


def test_lunch_taken_in_the_gap_that_ends_the_day_earliest() -> None:
    # the second visit opens at 100: lunch fits into the wait for free
    p, day = line_problem([(0, 100), (100, 200)], lunch_window_s=(20, 80), lunch_s=30)
    s = simulate(p, day, [0, 1])
    assert s is not None and s.lunch_start is not None
    assert 20 <= s.lunch_start <= 80
    assert s.finish == 120  # the same as without lunch
    assert not any(
        a < s.lunch_start + 30 and s.lunch_start < b for a, b in zip(s.start, s.end, strict=True)
    )


def test_no_lunch_when_the_day_ends_before_the_window() -> None:
    p, day = line_problem([(0, 100)], lunch_window_s=(500, 600), lunch_s=30)
    s = simulate(p, day, [0])
    assert s is not None and s.lunch_start is None and s.finish == 20


def test_a_lunch_that_cannot_start_in_its_window_is_infeasible() -> None:
    p, day = line_problem([(0, 10)], service=200, lunch_window_s=(20, 30), lunch_s=30)
    assert simulate(p, day, [0]) is None


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 300), st.integers(0, 200)), min_size=1, max_size=6),
    st.integers(1, 40),
    st.booleans(),
    st.integers(0, 12),
)
def test_every_schedule_keeps_its_windows_and_limits(
    raw: list[tuple[int, int]], service: int, lunch: bool, gap: int
) -> None:
    windows = [(a, a + w) for a, w in raw]
    extra = {"lunch_window_s": (100, 250), "lunch_s": 25} if lunch else {}
    p, day = line_problem(windows, service=service, gap=gap, max_drive_s=400, **extra)
    route = list(range(len(windows)))
    s = simulate(p, day, route)
    if s is None:
        return
    for k, vi in enumerate(route):
        a, b = p.visits[vi].windows[0]
        assert a <= s.start[k] <= b
        assert s.arrive[k] <= s.start[k]
        assert s.end[k] == s.start[k] + service
        if k:
            assert s.start[k] >= s.end[k - 1]
    assert day.earliest_start_s <= s.depart and s.finish <= day.latest_end_s
    assert s.drive_s <= 400
    if s.lunch_start is not None:
        assert 100 <= s.lunch_start <= 250
        assert not any(
            st_ < s.lunch_start + 25 and s.lunch_start < en
            for st_, en in zip(s.start, s.end, strict=True)
        )


def _travel_intervals(p: Problem, day: DaySpec, route: list[int], s) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """(leave, reach) of every leg of a schedule, as the itinerary shows them."""
    out = []
    for g in range(-1, len(route)):
        leave = s.depart if g == -1 else s.end[g]
        if s.lunch_after == g and s.lunch_on_arrival is False:
            leave = s.lunch_start + day.lunch_s
        reach = s.arrive[g + 1] if g + 1 < len(route) else s.reach_end
        out.append((leave, reach))
    return out


@settings(max_examples=150, deadline=None)
@given(
    raw=st.lists(st.tuples(st.integers(0, 300), st.integers(0, 200)), min_size=1, max_size=5),
    gap=st.integers(1, 60),
    lo=st.integers(0, 300),
    width=st.integers(0, 120),
)
def test_lunch_is_taken_at_a_place_never_inside_a_leg(
    raw: list[tuple[int, int]], gap: int, lo: int, width: int
) -> None:
    windows = [(a, a + w) for a, w in raw]
    p, day = line_problem(windows, service=15, gap=gap, lunch_window_s=(lo, lo + width), lunch_s=30)
    route = list(range(len(windows)))
    s = simulate(p, day, route)
    if s is None or s.lunch_start is None:
        return
    lunch = (s.lunch_start, s.lunch_start + 30)
    for leave, reach in _travel_intervals(p, day, route, s):
        assert leave <= reach
        assert not (leave < lunch[1] and lunch[0] < reach), (leave, reach, lunch)
    # at the place before the gap (lunch first) or after it (lunch on arrival)
    g = s.lunch_after
    before = day.start_location if g == -1 else p.visits[route[g]].location
    after = p.visits[route[g + 1]].location if g + 1 < len(route) else day.end_location
    assert s.lunch_location == (after if s.lunch_on_arrival else before)


def test_lunch_waits_at_the_place_left_when_the_window_closes_during_the_leg() -> None:
    # a visit 60 away; the lunch window 20-40 would close during the first leg (arrival at 60):
    # lunch is taken at the start before leaving (20-50), never inside the drive
    p, day = line_problem([(0, 500)], service=15, gap=60, lunch_window_s=(20, 40), lunch_s=30)
    s = simulate(p, day, [0])
    assert s is not None
    assert (s.lunch_start, s.lunch_on_arrival, s.lunch_location) == (20, False, 0)
    assert s.arrive == (110,) and s.finish == 185 and s.reach_end == 185


def _full_replays(problem: Problem, day: DaySpec, route: list[int]) -> object:
    """:func:`simulate` without its shortcut: every lunch place replayed from the day's start."""
    from routeplanner._schedule import _forward, _legs

    visits = [problem.visits[i] for i in route]
    frm = [day.start_location, *(v.location for v in visits)]
    to = [*frm[1:], day.end_location]
    legs = _legs(problem.durations_s[0], frm, to)
    drives = _legs(problem.drive_s[0], frm, to) if problem.drive_s is not None else None
    plain = _forward(day, visits, legs, drives, None)
    if plain is None or day.lunch_window_s is None or plain.finish <= day.lunch_window_s[0]:
        return plain
    best = None
    for gap in range(-1, len(route)):
        sched = _forward(day, visits, legs, drives, gap)
        if sched is not None and (best is None or sched.finish < best.finish):
            best = sched
            if best.finish <= plain.finish:
                break
    return best


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 300), st.integers(0, 200)), min_size=1, max_size=7),
    st.integers(1, 40),
    st.integers(0, 400),
    st.integers(60, 200),
    st.sampled_from([None, 40, 120]),
)
def test_lunch_replays_resumed_from_the_plain_replay_give_the_same_schedule(
    windows: list[tuple[int, int]],
    service: int,
    lunch_from: int,
    latest_lunch: int,
    max_drive: int | None,
) -> None:
    """Each lunch place is replayed from the lunch-free replay's state at that place (the two
    are the same before it): the schedule is the one full replays from the start give."""
    wins = [(a, a + w) for a, w in windows]
    problem, day = line_problem(
        wins,
        service=service,
        lunch_window_s=(lunch_from, lunch_from + latest_lunch),
        lunch_s=30,
        max_drive_s=max_drive,
    )
    for route in (list(range(len(wins))), list(range(len(wins)))[::-1]):
        assert simulate(problem, day, route) == _full_replays(problem, day, route)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 300), st.integers(0, 200)), min_size=2, max_size=7),
    st.integers(1, 40),
    st.sampled_from([None, (100, 250), (0, 400)]),
    st.sampled_from([None, 60, 150]),
    st.integers(300, 1000),
)
def test_insertions_are_the_schedules_of_the_routes_with_the_visit(
    windows: list[tuple[int, int]],
    service: int,
    lunch: tuple[int, int] | None,
    max_drive: int | None,
    latest: int,
) -> None:
    """Each insertion is replayed from the route's own replay at its position: the same
    schedule as the route with the visit simulated whole, and none where that fails."""
    from routeplanner._schedule import simulate_insertions

    wins = [(a, a + w) for a, w in windows]
    problem, day = line_problem(
        wins,
        service=service,
        latest_end_s=latest,
        lunch_window_s=lunch,
        lunch_s=30 if lunch else 0,
        max_drive_s=max_drive,
    )
    new, route = len(wins) - 1, list(range(len(wins) - 1))[::-1]
    want = []
    for k in range(len(route) + 1):
        sched = simulate(problem, day, [*route[:k], new, *route[k:]])
        if sched is not None:
            want.append((k, sched))
    assert simulate_insertions(problem, day, route, new) == want
