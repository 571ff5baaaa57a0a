"""Why each candidate was left out of a plan, every stated cause re-verified by simulation.

For a site the search left out, the exact day schedule (:func:`routeplanner._schedule.simulate`)
is replayed with the site inserted at every position of every day. Then:

- if it fits somewhere, the reason is the budget or a full quota when one of them blocks it,
  else it is said plainly that it fits but the search did not take it;
- otherwise the rules are relaxed one at a time, in the order a planner would look at them,
  and the first relaxation under which an insertion fits names the cause, with the figures of
  that insertion: the site's **hours** (or excursion slots) at the hour the group could be
  there; the **day's end**, with the exact overrun of the best insertion; **no room** (the
  insertion pushes other visits past their hours); the **driving limit**; the **lunch**;
  a **closed day** (weekday, holiday or booking lead) on which it would have fitted; a site
  **too far** for any day (its round trip alone is longer than the day); or, failing every
  single relaxation, the smallest set of rules that block it together (the day's end and the
  other visits' hours together: the day is full, by how much).

:func:`verify_reason` replays a stated reason against the plan and says whether it holds; the
planner's property test applies it to every drop of random requests.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ._schedule import DaySchedule, simulate_insertions
from .calendar import closed_reason, visit_start_windows
from .i18n import t
from .model import DaySpec, Problem, Visit
from .reasons import Reason
from .solve import Solution

if TYPE_CHECKING:
    from .decode import PlanContext

__all__ = ["Relax", "explain_drops", "verify_reason"]

_DAY = 86_400


@dataclass(frozen=True)
class Relax:
    """Rules lifted for one replay: the day's end, the site's hours and slots, the other
    visits' hours (so they may shift), the driving limit, the lunch, and the days on which the
    site is closed (or cannot be booked)."""

    end: bool = False
    hours: bool = False
    others: bool = False
    drive: bool = False
    lunch: bool = False
    days: bool = False


@dataclass(frozen=True)
class _Fit:
    day: int
    pos: int
    sched: DaySchedule
    start_s: int  # when the inserted visit starts

    def over_s(self, problem: Problem) -> int:
        return self.sched.finish - problem.days[self.day].latest_end_s


def _secs(t: dt.time) -> int:
    return t.hour * 3600 + t.minute * 60


def _open_days(ctx: PlanContext, problem: Problem, i: int, relax: Relax) -> list[int]:
    v = problem.visits[i]
    if relax.days or v.days is None:
        return list(range(len(problem.days)))
    return sorted(v.days)


def _windows(
    ctx: PlanContext, problem: Problem, i: int, days: Sequence[int], relax: Relax
) -> tuple[tuple[int, int], ...]:
    """Start windows of visit ``i`` on ``days`` under ``relax`` (absolute seconds)."""
    v = problem.visits[i]
    site = ctx.catalog.sites[v.key]
    out: list[tuple[int, int]] = []
    for k in days:
        day = problem.days[k]
        lo = day.earliest_start_s
        # a longer day still ends at midnight: the visit starts on its own date
        hi = (k + 1) * _DAY - 1 if relax.end else day.latest_end_s - v.service_s
        if relax.hours:
            if lo <= hi:
                out.append((lo, hi))
            continue
        for a_dt, b_dt in visit_start_windows(site, ctx.dates[k]):
            a = k * _DAY + _secs(a_dt.time())
            b = k * _DAY + (_secs(b_dt.time()) if b_dt.date() == ctx.dates[k] else _DAY)
            a, b = max(a, lo), min(b, hi)
            if a <= b:
                out.append((a, b))
    out.sort()
    merged: list[tuple[int, int]] = []
    for a, b in out:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return tuple(merged)


def _relaxed_day(day: DaySpec, relax: Relax) -> DaySpec:
    changes: dict[str, object] = {}
    if relax.end:  # until midnight: no visit may wait for the next day's windows
        changes["latest_end_s"] = (day.earliest_start_s // _DAY + 1) * _DAY - 1
    if relax.drive:
        changes["max_drive_s"] = None
    if relax.lunch:
        changes["lunch_window_s"] = None
        changes["lunch_s"] = 0
    return dataclasses.replace(day, **changes) if changes else day


_VISIT_FIELDS = tuple(f.name for f in dataclasses.fields(Visit))


def _with(v: Visit, **changes: object) -> Visit:
    """``dataclasses.replace(v, **changes)`` for a visit, without its per-call checks (tens of
    thousands of replays per plan)."""
    return Visit(*(changes[f] if f in changes else getattr(v, f) for f in _VISIT_FIELDS))  # type: ignore[arg-type]


class _Replay:
    """``problem`` as :func:`~routeplanner._schedule.simulate` reads it, with the visits of
    ``changed`` replaced: a replay needs no new problem (whose validation of thousands of
    visits would cost more than the replay itself)."""

    def __init__(self, problem: Problem, changed: Mapping[int, Visit]) -> None:
        visits = list(problem.visits)
        for k, v in changed.items():
            visits[k] = v
        self.visits = visits
        self.durations_s = problem.durations_s
        self.drive_s = problem.drive_s


def _fits(
    ctx: PlanContext, problem: Problem, solution: Solution, i: int, relax: Relax
) -> list[_Fit]:
    """Every feasible insertion of visit ``i`` into the plan under ``relax``."""
    v = problem.visits[i]
    out: list[_Fit] = []
    for d in _open_days(ctx, problem, i, relax):
        # windows of that day only: a relaxed day must not reach the next day's windows
        windows = _windows(ctx, problem, i, [d], relax)
        if solution.schedules[d] is None or not windows:
            continue
        changed = {i: _with(v, windows=windows, days=None)}
        day = _relaxed_day(problem.days[d], relax)
        route = list(solution.routes[d])
        if relax.others:  # the plan's visits of that day may start at any time of the day
            for k in route:
                w = problem.visits[k]
                changed[k] = _with(
                    w, windows=((day.earliest_start_s, day.latest_end_s - w.service_s),)
                )
        for pos, sched in simulate_insertions(_Replay(problem, changed), day, route, i):
            out.append(_Fit(d, pos, sched, sched.start[pos]))
    return out


def _where(ctx: PlanContext, problem: Problem, solution: Solution, d: int, pos: int) -> Reason:
    route = solution.routes[d]
    loc = problem.days[d].start_location if pos == 0 else problem.visits[route[pos - 1]].location
    place = ctx.catalog.place(problem.location_keys[loc])
    return Reason("where", {"day": d + 1, "after": (place.name("ru"), place.name("en"))})


def _hhmm(seconds: int) -> str:
    s = seconds % _DAY
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}"


def _fit_reason(
    ctx: PlanContext, problem: Problem, solution: Solution, i: int, fit: _Fit
) -> Reason:
    """The visit fits as the plan stands: what keeps it out (budget, quota, or nothing)."""
    v = problem.visits[i]
    where = _where(ctx, problem, solution, fit.day, fit.pos)
    spent = sum(problem.visits[k].price_rub for k in solution.visited)
    if problem.budget_rub is not None and spent + v.price_rub > problem.budget_rub:
        return Reason("budget", {"price": v.price_rub, "budget": ctx.request.budget_rub})
    for q in problem.quotas:
        if q.max is None or q.tag not in v.tags:
            continue
        route_days = [fit.day] if q.per == "day" else range(len(problem.days))
        n = sum(
            1 for d in route_days for k in solution.routes[d] if q.tag in problem.visits[k].tags
        )
        if n >= q.max:
            return Reason("quota")
    return Reason("fits_not_chosen", {"where": where})


def _round_trip(problem: Problem, i: int, d: int) -> tuple[int, int] | None:
    """Seconds of travel+visit and of driving for day ``d``'s start → site → day's end."""
    day = problem.days[d]
    v = problem.visits[i]
    dur = problem.durations_s[day.matrix]
    a, b = int(dur[day.start_location, v.location]), int(dur[v.location, day.end_location])
    if a < 0 or b < 0:
        return None
    drive = 0
    if problem.drive_s is not None:
        drv = problem.drive_s[day.matrix]
        drive = int(drv[day.start_location, v.location]) + int(drv[v.location, day.end_location])
    return a + v.service_s + b, drive


def _too_far(ctx: PlanContext, problem: Problem, i: int) -> Reason | None:
    """The site's round trip alone is longer than each open day: the figures (else ``None``).

    ``no_day`` when no open day reaches the site at all.
    """
    best: tuple[int, int, int] | None = None  # (total, drive, day)
    for d in _open_days(ctx, problem, i, Relax()):
        rt = _round_trip(problem, i, d)
        if rt is None:
            continue
        day = problem.days[d]
        if rt[0] <= day.latest_end_s - day.earliest_start_s:
            return None
        if best is None or rt[0] < best[0]:
            best = (rt[0], rt[1], d)
    if best is None:
        return Reason("no_day")
    total, drive, d = best
    day = problem.days[d]
    start = ctx.catalog.place(problem.location_keys[day.start_location])
    return Reason(
        "too_far",
        {
            "from": (start.name("ru"), start.name("en")),
            "trip_s": total,
            "day_s": day.latest_end_s - day.earliest_start_s,
            "drive_s": drive,
            "limit_h": "—" if day.max_drive_s is None else f"{day.max_drive_s / 3600:g}",
        },
    )


def _closed_day_details(ctx: PlanContext, problem: Problem, i: int, d: int) -> Reason:
    v = problem.visits[i]
    site = ctx.catalog.sites[v.key]
    date = ctx.dates[d]
    booked_on = ctx.request.booked_on or dt.date.today()
    if site.booking_days and booked_on + dt.timedelta(days=site.booking_days) > date:
        first = booked_on + dt.timedelta(days=site.booking_days)
        return Reason("booking_day", {"date": date, "days": site.booking_days, "first": first})
    return closed_reason(site, date)


def explain_one(ctx: PlanContext, problem: Problem, solution: Solution, i: int) -> Reason:
    """The verified reason why visit ``i`` (not in the plan) is left out."""
    fits = _fits(ctx, problem, solution, i, Relax())
    if fits:
        best = min(fits, key=lambda f: (f.sched.finish, f.day, f.pos))
        return _fit_reason(ctx, problem, solution, i, best)
    far = _too_far(ctx, problem, i)
    if far is not None:
        return far
    open_reason = _blocked(ctx, problem, solution, i)
    closed = _fits(ctx, problem, solution, i, Relax(days=True))
    if closed:
        best = min(closed, key=lambda f: (f.sched.finish, f.day, f.pos))
        details = _closed_day_details(ctx, problem, i, best.day)
        return Reason("closed_day", {"details": details, "other": open_reason})
    return open_reason


def _closed_then(
    ctx: PlanContext, problem: Problem, solution: Solution, i: int, fit: _Fit, code: str
) -> Reason:
    """When the group could start the visit (``fit``) and when the site lets a visit start."""
    v = problem.visits[i]
    site = ctx.catalog.sites[v.key]
    wins = visit_start_windows(site, ctx.dates[fit.day])
    return Reason(
        code,
        {
            "where": _where(ctx, problem, solution, fit.day, fit.pos),
            "at": _hhmm(fit.start_s),
            "starts": ", ".join(f"{a:%H:%M}–{b:%H:%M}" for a, b in wins) or "—",
            "visit": v.service_s // 60,
        },
    )


def _blocked(ctx: PlanContext, problem: Problem, solution: Solution, i: int) -> Reason:
    """On its open days, which rule keeps visit ``i`` out (one relaxation at a time)."""
    hours = _fits(ctx, problem, solution, i, Relax(hours=True))
    if hours:
        best = min(hours, key=lambda f: (f.start_s, f.day, f.pos))
        return _closed_then(ctx, problem, solution, i, best, "closed_then")
    end = _fits(ctx, problem, solution, i, Relax(end=True))
    if end:
        best = min(end, key=lambda f: (f.over_s(problem), f.day, f.pos))
        return Reason(
            "no_time",
            {
                "where": _where(ctx, problem, solution, best.day, best.pos),
                "over_s": best.over_s(problem),
            },
        )
    for rule in ("others", "drive", "lunch"):
        got = _fits(ctx, problem, solution, i, Relax(**{rule: True}))
        if got:
            best = min(got, key=lambda f: (f.sched.finish, f.day, f.pos))
            where = _where(ctx, problem, solution, best.day, best.pos)
            if rule == "drive":
                hours_txt = f"{ctx.request.max_drive_h:g}"
                return Reason("drive", {"hours": hours_txt, "where": where})
            return Reason("no_room" if rule == "others" else "lunch", {"where": where})
    # no single rule: the smallest set of rules that, lifted together, lets it in (the day
    # being full, then the site closing before there is room, read best first)
    for size in range(2, len(_ALL) + 1):
        combos = sorted(
            itertools.combinations(_ALL, size),
            key=lambda c: (set(c) != {"end", "others"}, set(c) != {"hours", "end"}),
        )
        for rules in combos:
            got = _fits(ctx, problem, solution, i, Relax(**dict.fromkeys(rules, True)))
            if not got:
                continue
            if set(rules) == {"end", "others"}:  # the day is full: say by how much
                best = min(got, key=lambda f: (f.over_s(problem), f.day, f.pos))
                where = _where(ctx, problem, solution, best.day, best.pos)
                return Reason("day_full", {"where": where, "over_s": best.over_s(problem)})
            if set(rules) == {"hours", "end"}:  # room only after it has closed
                best = min(got, key=lambda f: (f.start_s, f.day, f.pos))
                return _closed_then(ctx, problem, solution, i, best, "closed_full")
            outdoor = ctx.catalog.sites[problem.visits[i].key].outdoor
            names = tuple(_join(rules, k, outdoor=outdoor) for k in (0, 1))
            return Reason("blocked_by", {"rules": names})
    return Reason("no_day")


_ALL = ("hours", "others", "end", "drive", "lunch")


def _join(rules: Sequence[str], k: int, *, outdoor: bool = False) -> str:
    lang = "en" if k else "ru"
    names = [t(f"reason.rule.{'daylight' if r == 'hours' and outdoor else r}", lang) for r in rules]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + t("reason.rule.and", lang) + names[-1]


def explain_drops(
    ctx: PlanContext, problem: Problem, solution: Solution, *, max_analysed: int = 300
) -> dict[str, Reason]:
    """Reasons for every candidate left out: the pre-checks', then :func:`explain_one`'s.

    Each site takes a few dozen day replays; past the first ``max_analysed`` left-out sites
    the others are said to be not analysed (``not_analysed_any``), never given a guess. A
    count, not a time, so that the same plan always gets the same reasons.
    """
    reasons = dict(ctx.dropped)
    visited = set(solution.visited)
    analysed = 0
    for i, v in enumerate(problem.visits):
        if i in visited:
            continue
        analysed += 1
        if analysed <= max_analysed:
            reasons[v.key] = explain_one(ctx, problem, solution, i)
        else:
            reasons[v.key] = Reason("not_analysed_any")
    return reasons


def _too_far_before(ctx: PlanContext, key: str, reason: Reason) -> bool:
    """A site the pre-checks found too far: on every trip day the way from the day's start to
    it, the visit and the way on to the day's end (shortest times, from the network) are longer
    than the day, as the reason says."""
    site = ctx.catalog.sites[key]
    day_s = int(reason.params["day_s"])
    best = None
    for (a, b), date in zip(ctx.day_places, ctx.dates, strict=True):
        kw = {"profile": ctx.request.profile, "modes": ctx.request.modes}
        there = int(ctx.network.durations([a], [key], date, **kw)[0, 0])
        back = int(ctx.network.durations([key], [b], date, **kw)[0, 0])
        if there < 0 or back < 0:
            continue
        total = there + site.visit_min * 60 + back
        if total <= day_s:
            return False
        best = total if best is None else min(best, total)
    return best is None or 0 <= best - int(reason.params["trip_s"]) < 60  # whole minutes


def verify_reason(
    ctx: PlanContext, problem: Problem, solution: Solution, key: str, reason: Reason
) -> bool:
    """Replay the plan and say whether ``reason`` (stated for site ``key``) holds.

    Checks the claim each code makes: a cause that blocks the visit must leave no feasible
    insertion and its relaxation must make one (with the stated overrun, for the day's end);
    a site said to fit must fit; a site too far must have a round trip longer than each of its
    open days.
    """
    found = [k for k, v in enumerate(problem.visits) if v.key == key]
    if not found:  # left out by the pre-checks, before the problem was built
        return reason.code == "too_far" and _too_far_before(ctx, key, reason)
    i = found[0]
    if i in set(solution.visited):
        return False
    code = reason.code
    base = _fits(ctx, problem, solution, i, Relax())
    if code in ("fits_not_chosen", "budget", "quota"):
        return bool(base)
    if base:
        return False
    if code == "too_far":
        return _too_far(ctx, problem, i) is not None
    if code == "no_day":  # not even with every rule lifted
        return not _fits(ctx, problem, solution, i, Relax(**dict.fromkeys(_ALL, True)))
    if code == "closed_day":
        closed = _fits(ctx, problem, solution, i, Relax(days=True))
        return bool(closed) and verify_reason(ctx, problem, solution, key, reason.params["other"])
    if code == "closed_then":
        return bool(_fits(ctx, problem, solution, i, Relax(hours=True)))
    if code == "no_time":
        end = _fits(ctx, problem, solution, i, Relax(end=True))
        return bool(end) and min(f.over_s(problem) for f in end) == reason.params["over_s"] > 0
    if code in ("drive", "lunch", "no_room"):
        rule = "others" if code == "no_room" else code
        return bool(_fits(ctx, problem, solution, i, Relax(**{rule: True})))
    if code in ("blocked_by", "day_full", "closed_full"):  # no single rule lifted lets it in
        if any(_fits(ctx, problem, solution, i, Relax(**{r: True})) for r in _ALL):
            return False
        if code == "closed_full":
            return bool(_fits(ctx, problem, solution, i, Relax(hours=True, end=True)))
        if code == "day_full":
            got = _fits(ctx, problem, solution, i, Relax(end=True, others=True))
            return bool(got) and min(f.over_s(problem) for f in got) == reason.params["over_s"]
        return True
    return code == "not_analysed_any"
