"""From a solution to an itinerary: the planning context and the decoder.

:class:`PlanContext` holds everything the planner derives from a request before the search
(the request's view of the catalog and network, dates, candidates, pre-check drops, places and
travel matrices); :func:`build_itinerary` turns a solver's routes and schedules back into an
:class:`~routeplanner.result.Itinerary` with legs along their network paths. Both sit on the
planner's side of the house: :mod:`routeplanner.result` holds plain values and imports neither.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

from .catalog import Catalog
from .eateries import lunch_venue
from .model import Mode, Problem, Site, TripRequest
from .network import Network, TravelMatrix, far_from_road_reasons
from .reasons import Reason
from .regulations import applicable_rules, break_seconds
from .result import Day, Dropped, Itinerary, Leg, Stop, compute_kpis
from .solve import Solution

__all__ = ["PlanContext", "build_itinerary"]


@dataclass
class PlanContext:
    """Everything derived from a request before the search (kept for the result)."""

    request: TripRequest
    catalog: Catalog
    network: Network
    dates: list[dt.date]
    candidates: list[Site]
    dropped: dict[str, Reason]
    nights: list[str]
    places: list[str]
    matrices: list[TravelMatrix]
    day_matrix: list[int]
    problem: Problem | None = None
    visit_sites: list[str] = field(default_factory=list)
    lodging_cost: int = 0
    days_ok: dict[str, list[int]] = field(default_factory=dict)
    #: ``(site_id, date, slot or None)`` the caller closed (``plan(..., closed=...)``)
    closed: frozenset[tuple[str, dt.date, dt.time | None]] = frozenset()

    @property
    def day_places(self) -> list[tuple[str, str]]:
        """(start, end) place of each day."""
        ends = [*self.nights, self.request.end_place]
        starts = [self.request.start, *self.nights]
        return list(zip(starts, ends, strict=True))


def build_itinerary(
    ctx: PlanContext, problem: Problem, solution: Solution, reasons: dict[str, Reason]
) -> Itinerary:
    """Decode a solution into an :class:`Itinerary` with legs along network paths."""
    req = ctx.request
    catalog = ctx.catalog
    base = dt.datetime.combine(req.start_date, dt.time(0, 0))
    rules = applicable_rules(req)
    breaks = any(r.id == "driver_breaks" for r in rules)

    def at(seconds: int) -> dt.datetime:
        return base + dt.timedelta(seconds=int(seconds))

    days: list[Day] = []
    for k, (route, sched) in enumerate(zip(solution.routes, solution.schedules, strict=True)):
        spec = problem.days[k]
        date = ctx.dates[k]
        start_place, end_place = ctx.day_places[k]
        if sched is None:
            raise RuntimeError("an infeasible route reached the itinerary builder")
        stops = []
        for j, vi in enumerate(route):
            site = catalog.sites[problem.visits[vi].key]
            stops.append(
                Stop(
                    site_id=site.id,
                    name=site.name_ru,
                    name_en=site.name_en,
                    category=site.category.value,
                    lat=site.lat,
                    lon=site.lon,
                    arrive=at(sched.arrive[j]),
                    start=at(sched.start[j]),
                    end=at(sched.end[j]),
                    score=site.score,
                    price_rub=site.price_rub,
                )
            )
        seq = [start_place, *(s.site_id for s in stops), end_place]
        legs = []
        t_dep = sched.depart
        matrix = ctx.matrices[spec.matrix]
        index = {p: i for i, p in enumerate(ctx.places)}
        lunch_first = sched.lunch_start is not None and sched.lunch_on_arrival is False
        for j, (a, b) in enumerate(itertools.pairwise(seq)):
            reach_end = sched.reach_end if sched.reach_end is not None else sched.finish
            t_arr = sched.arrive[j] if j < len(stops) else reach_end
            if j > 0:
                t_dep = sched.end[j - 1]
            if lunch_first and sched.lunch_after == j - 1:  # lunch here first, then the leg
                t_dep = sched.lunch_start + spec.lunch_s  # type: ignore[operator]
            # lunch is taken at a place, never inside a leg (_schedule.simulate)
            if a == b:
                legs_net = None
            else:
                legs_net = ctx.network.leg(a, b, date, profile=req.profile, modes=req.modes)
            ia, ib = index[a], index[b]
            # drivers' breaks (regulations) lengthen the leg; the solver saw the same durations
            pause = int(break_seconds(int(matrix.drive_s[ia, ib]))) if breaks else 0
            dur = int(matrix.duration_s[ia, ib]) + pause
            legs.append(
                Leg(
                    origin=a,
                    destination=b,
                    mode=legs_net.main_mode if legs_net else Mode.ROAD,
                    modes=tuple(legs_net.modes) if legs_net else (Mode.ROAD,),
                    depart=at(t_dep),
                    arrive=at(t_arr if j < len(stops) else max(t_arr, t_dep + dur)),
                    duration_min=round(dur / 60),
                    distance_km=round(int(matrix.distance_m[ia, ib]) / 1000, 1),
                    drive_min=round(int(matrix.drive_s[ia, ib]) / 60),
                    price_rub=int(matrix.price_rub[ia, ib]),
                    path=tuple(legs_net.path) if legs_net else (a, b),
                    geometry=tuple(legs_net.coords) if legs_net else (),
                    break_min=round(pause / 60),
                )
            )
        lunch_start = lunch_end = None
        lunch_place = lunch_venue_id = None
        if sched.lunch_start is not None:
            lunch_start = at(sched.lunch_start)
            lunch_end = at(sched.lunch_start + spec.lunch_s)
            if sched.lunch_location is not None:
                lunch_place = ctx.places[sched.lunch_location]
                town = catalog.place(lunch_place).town if lunch_place in catalog else ""
                venue = lunch_venue(lunch_place, town, catalog.eateries)
                lunch_venue_id = venue.id if venue is not None else None
        lodging = end_place if end_place in catalog.lodgings and k < req.days - 1 else None
        days.append(
            Day(
                date,
                start_place,
                end_place,
                tuple(stops),
                tuple(legs),
                lunch_start,
                lunch_end,
                lodging,
                lunch_place,
                lunch_venue_id,
            )
        )
    dropped = [
        Dropped(
            sid,
            catalog.sites[sid].name_ru,
            reason.text("en"),
            catalog.sites[sid].name_en,
            reason.text("ru"),
        )
        for sid, reason in sorted(reasons.items())
    ]
    it = Itinerary(
        scenario=req,
        feasible=solution.feasible,
        problems=list(solution.problems),
        days=days,
        dropped=dropped,
        solver=solution.report(),
    )
    # a per-day minimum is a soft target: say where it was missed
    misses = []
    for q in req.quotas:
        if q.per == "day" and q.min:
            for di, day in enumerate(it.days, 1):
                n = sum(1 for s in day.stops if s.category == q.category.value)
                if n < q.min:
                    misses.append(f"day {di}: {n} {q.category.value} visit(s), target {q.min}")
    prices = {lid: lo.price_rub for lid, lo in catalog.lodgings.items()}
    it.kpis = compute_kpis(it, prices, quota_misses=misses)
    places = [p for d in it.days for p in (d.start_place, *(s.site_id for s in d.stops))]
    far = far_from_road_reasons(ctx.network, [*places, *(d.end_place for d in it.days[-1:])])
    it.warnings = [r.text("en") for r in far]
    it.warnings_ru = [r.text("ru") for r in far]
    it.regulations = [r.id for r in rules]
    return it
