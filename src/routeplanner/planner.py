"""From a trip request to an itinerary: pre-checks, the routing problem, lodging choice.

``plan(request, catalog, network)`` is the library's main entry point. It

1. checks every candidate site with rules that need no search (group size, age, booking lead,
   opening hours on the trip dates, reachability in season, price against the budget) and
   records a concrete reason for each site it leaves out;
2. builds the integer :class:`~routeplanner.model.Problem` (one tour per day, the lodgings of
   the nights before and after as its ends, windows from the calendar);
3. chooses the lodging of each night when asked (a hill climb over lodging sequences, each
   probed by a fast first solution), then solves with :func:`~routeplanner.solve.solve`;
4. explains every candidate left out after the search, from the cheapest insertion into the
   final plan.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Collection, Sequence
from typing import Any

import numpy as np

from .calendar import closed_reason, visit_start_windows
from .catalog import Catalog
from .decode import PlanContext, build_itinerary
from .events import with_events
from .exceptions import InfeasibleError
from .explain import explain_drops
from .i18n import plural, t
from .model import (
    LINK_MODES,
    PRIZE_SCALE,
    DaySpec,
    Lodging,
    Problem,
    Site,
    TripRequest,
    Visit,
    _QuotaRule,
)
from .network import Network, TravelMatrix
from .reasons import Reason
from .regulations import apply_regulations, leg_durations_s
from .result import Itinerary
from .scenario import check_request as _resolve_endpoints
from .settings import logger
from .solve import solve

__all__ = ["Closure", "PlanContext", "build_problem", "plan"]

#: ``(site_id, date, slot)``: the site takes no visit on ``date`` starting at ``slot``, or none
#: at all that day when ``slot`` is None (e.g. its capacity is taken by other groups).
Closure = tuple[str, dt.date, dt.time | None]

_DAY = 86_400


def _secs(t: dt.time) -> int:
    return t.hour * 3600 + t.minute * 60


def _plural(n: int, noun: str) -> tuple[str, str]:
    """A count with its noun in both languages (a reason renders either)."""
    return plural(n, noun, "ru"), plural(n, noun, "en")


def _basis(site: Site, field: str) -> tuple[str, str]:
    """', planning default …' after a fact that is a default, '' after a sourced one."""
    if field not in site.defaults:
        return "", ""
    return f", {t('default_mark', 'ru')}", f", {t('default_mark', 'en')}"


def _names(catalog: Catalog, place_id: str) -> tuple[str, str]:
    """A place's names in quotes, in both languages (its id when the catalog does not know it)."""
    ru = en = place_id
    if place_id in catalog:
        place = catalog.place(place_id)
        ru, en = place.name("ru"), place.name("en")
    return (ru if ru.startswith("«") else f"«{ru}»"), f"'{en}'"


def _to_minutes(m: np.ndarray) -> np.ndarray:
    """Round travel times up to whole minutes (a plan never promises a faster leg); keeps -1
    for unreachable pairs. Whole minutes make the solver's time domains small."""
    out = np.where(m < 0, -1, -(-m // 60) * 60).astype(np.int64)
    out.setflags(write=False)
    return out


def _site_prize(req: TripRequest, site: Site) -> int:
    weight = req.category_weights.get(site.category, 1.0)
    return max(0, round(site.score * weight * PRIZE_SCALE))


def _night_lodgings(req: TripRequest, catalog: Catalog) -> list[str]:
    if req.nights is not None:
        return list(req.nights)
    base = req.lodging or req.start
    if base not in catalog.lodgings:
        # choose mode with a hub start: begin from the lodging nearest the start hub
        hub = catalog.place(req.start)
        base = min(
            catalog.lodgings.values(),
            key=lambda lodge: (lodge.lat - hub.lat) ** 2 + (lodge.lon - hub.lon) ** 2,
        ).id
    return [base] * (req.days - 1)


def _start_windows(
    site: Site, date: dt.date, closed: frozenset[Closure]
) -> list[tuple[dt.datetime, dt.datetime]]:
    """The site's allowed visit starts on ``date`` less the caller's closures."""
    windows = visit_start_windows(site, date)
    if not closed or not windows:
        return windows
    if (site.id, date, None) in closed:
        return []
    return [(a, b) for a, b in windows if (site.id, date, a.time()) not in closed]


def _prechecks(
    req: TripRequest,
    catalog: Catalog,
    network: Network,
    dates: list[dt.date],
    closed: frozenset[Closure] = frozenset(),
) -> tuple[list[Site], dict[str, Reason], dict[str, list[int]]]:
    """Sites kept, sites dropped with a reason, and the trip days each kept site may use."""
    ids = list(req.candidates) if req.candidates is not None else list(catalog.sites)
    for sid in req.must_visit:
        if sid not in ids:
            ids.append(sid)
    excluded = set(req.exclude)
    booked_on = req.booked_on or dt.date.today()
    kept: list[Site] = []
    dropped: dict[str, Reason] = {}
    days_ok: dict[str, list[int]] = {}
    for sid in ids:
        site = catalog.sites[sid]
        if sid in excluded:
            dropped[sid] = Reason("excluded")
            continue
        if site.max_group is not None and req.group_size > site.max_group:
            dropped[sid] = Reason(
                "group",
                {
                    "group": _plural(req.group_size, "person"),
                    "max": site.max_group,
                    "basis": _basis(site, "max_group"),
                },
            )
            continue
        if req.youngest_age < site.min_age:
            dropped[sid] = Reason(
                "age",
                {
                    "age": _plural(req.youngest_age, "year"),
                    "min": site.min_age,
                    "basis": _basis(site, "min_age"),
                },
            )
            continue
        # a walk-in site (no booking) is open to the trip whenever the request is made
        first_ok = (
            booked_on + dt.timedelta(days=site.booking_days) if site.booking_days else dates[0]
        )
        if first_ok > dates[-1]:
            dropped[sid] = Reason(
                "booking",
                {
                    "days": _plural(site.booking_days, "day"),
                    "booked": booked_on,
                    "first": first_ok,
                    "basis": _basis(site, "booking_days"),
                },
            )
            continue
        if req.budget_rub is not None and site.price_rub > req.budget_rub:
            dropped[sid] = Reason("price", {"price": site.price_rub, "budget": req.budget_rub})
            continue
        usable = []
        shut: list[Reason] = []
        for k, d in enumerate(dates):
            if d < first_ok:
                continue
            if _start_windows(site, d, closed):
                usable.append(k)
            elif visit_start_windows(site, d):
                shut.append(Reason("booked_out", {"date": d}))
            else:
                shut.append(closed_reason(site, d))
        if not usable:
            details: list[Reason] = shut or [Reason("closed_booking")]
            dropped[sid] = Reason("closed", {"details": details})
            continue
        days_ok[sid] = usable
        kept.append(site)
    # reachability: a site is kept if some usable date reaches it from the start; one matrix
    # per distinct set of running links
    targets = [s.id for s in kept]
    reach: dict[str, set[int]] = {sid: set() for sid in targets}
    reach_any: dict[str, set[int]] = {sid: set() for sid in targets}
    by_sig: dict[tuple[frozenset[str], bool], Any] = {}
    for k, d in enumerate(dates):
        for allowed, out in ((req.modes, reach), (LINK_MODES, reach_any)):
            key = (network.active_links(d, allowed), allowed == LINK_MODES)
            if key not in by_sig:
                m = network.matrix([req.start, *targets], d, profile=req.profile, modes=allowed)
                by_sig[key] = m.reachable[0, 1:]
            for j, sid in enumerate(targets):
                if by_sig[key][j]:
                    out[sid].add(k)
    for site in list(kept):
        usable = [k for k in days_ok[site.id] if k in reach[site.id]]
        if usable:
            days_ok[site.id] = usable
            continue
        kept.remove(site)
        open_days = days_ok.pop(site.id)
        if any(k in reach_any[site.id] for k in open_days):
            allowed_txt = ", ".join(sorted(req.modes)) or "—"
            dropped[site.id] = Reason("unreachable_modes", {"modes": allowed_txt})
        else:
            dropped[site.id] = Reason("unreachable_season")
    return kept, dropped, days_ok


def _build(
    ctx: PlanContext, days_ok: dict[str, list[int]], nights: Sequence[str]
) -> tuple[Problem, list[str]]:
    req = ctx.request
    dates = ctx.dates
    day_places = list(zip([req.start, *nights], [*nights, req.end_place], strict=True))
    places: list[str] = []
    for a, b in day_places:
        for p in (a, b):
            if p not in places:
                places.append(p)
    site_ids = [s.id for s in ctx.candidates]
    places += [s for s in site_ids if s not in places]
    index = {p: i for i, p in enumerate(places)}

    # one matrix per distinct set of running links among the trip dates
    sig_to_matrix: dict[frozenset[str], int] = {}
    matrices: list[TravelMatrix] = []
    day_matrix: list[int] = []
    for d in dates:
        sig = ctx.network.active_links(d, req.modes)
        if sig not in sig_to_matrix:
            sig_to_matrix[sig] = len(matrices)
            matrices.append(ctx.network.matrix(places, d, profile=req.profile, modes=req.modes))
        day_matrix.append(sig_to_matrix[sig])

    ds, de = _secs(req.day_start), _secs(req.day_end)
    lunch = req.lunch
    days = []
    for k in range(req.days):
        a, b = day_places[k]
        lw = None
        if lunch is not None and lunch.duration_min > 0:
            lw = (k * _DAY + _secs(lunch.earliest), k * _DAY + _secs(lunch.latest))
        days.append(
            DaySpec(
                start_location=index[a],
                end_location=index[b],
                earliest_start_s=k * _DAY + ds,
                latest_end_s=k * _DAY + de,
                max_drive_s=round(req.max_drive_h * 3600),
                lunch_window_s=lw,
                lunch_s=lunch.duration_min * 60 if lw else 0,
                matrix=day_matrix[k],
            )
        )
    visits = []
    for site in ctx.candidates:
        windows: list[tuple[int, int]] = []
        for k in days_ok[site.id]:
            for a_dt, b_dt in _start_windows(site, dates[k], ctx.closed):
                a = k * _DAY + _secs(a_dt.time())
                b = k * _DAY + (_secs(b_dt.time()) if b_dt.date() == dates[k] else _DAY)
                a, b = max(a, k * _DAY + ds), min(b, k * _DAY + de - site.visit_min * 60)
                if a <= b:
                    windows.append((a, b))
        windows.sort()
        merged: list[tuple[int, int]] = []
        for a, b in windows:
            if merged and a <= merged[-1][1] + 1:
                merged[-1] = (merged[-1][0], max(merged[-1][1], b))
            else:
                merged.append((a, b))
        visits.append(
            Visit(
                key=site.id,
                location=index[site.id],
                prize=_site_prize(req, site),
                service_s=site.visit_min * 60,
                windows=tuple(merged),
                days=frozenset(days_ok[site.id]),
                required=site.id in req.must_visit,
                price_rub=site.price_rub,
                tags=frozenset({site.category.value}),
            )
        )
    lodging_cost = sum(
        ctx.catalog.lodgings[n].price_rub for n in nights if n in ctx.catalog.lodgings
    )
    ctx.lodging_cost = lodging_cost
    # lodging comes out of the budget first; what is left pays tickets and fares
    budget = None if req.budget_rub is None else max(0, req.budget_rub - lodging_cost)
    quotas = tuple(_QuotaRule(q.category.value, q.per, q.min, q.max) for q in req.quotas)
    problem = Problem(
        visits=tuple(visits),
        days=tuple(days),
        # the drivers' breaks and children's limits are part of the legs (regulations.py)
        durations_s=tuple(
            _to_minutes(leg_durations_s(req, m.duration_s, m.drive_s)) for m in matrices
        ),
        drive_s=tuple(_to_minutes(m.drive_s) for m in matrices),
        costs_rub=tuple(m.price_rub for m in matrices),
        budget_rub=budget,
        quotas=quotas,
        prize_scale=PRIZE_SCALE,
        location_keys=tuple(places),
    )
    ctx.places = places
    ctx.matrices = matrices
    ctx.day_matrix = day_matrix
    ctx.nights = list(nights)
    ctx.visit_sites = [v.key for v in visits]
    return problem, places


def build_problem(
    request: TripRequest,
    catalog: Catalog,
    network: Network,
    *,
    closed: Collection[Closure] = (),
) -> tuple[Problem, PlanContext]:
    """Turn a request into the integer routing problem with the lodging nights fixed.

    ``closed`` lists visits the sites cannot take (see :func:`plan`).

    Returns
    -------
    (Problem, PlanContext)
        The problem, and the context (candidates, pre-check drops, places, matrices).

    Raises
    ------
    ScenarioError
        The request names unknown places.
    InfeasibleError
        A must-visit site fails a pre-check (closed, booking lead, group, age, unreachable).
    """
    _resolve_endpoints(request, catalog)
    request = apply_regulations(request)  # the rules that cover it, as day window and limits
    request = with_events(request, catalog.events)  # events on the trip dates (events.py)
    catalog = catalog.for_request(request)
    network = network.with_catalog(catalog)
    dates = request.dates
    shut = frozenset(closed)
    kept, dropped, days_ok = _prechecks(request, catalog, network, dates, shut)
    broken = [
        Reason("must_visit", {"site": _names(catalog, sid), "why": dropped[sid]})
        for sid in request.must_visit
        if sid in dropped
    ]
    if broken:
        raise InfeasibleError(broken)
    ctx = PlanContext(
        request,
        catalog,
        network,
        dates,
        kept,
        dropped,
        [],
        [],
        [],
        [],
        days_ok=days_ok,
        closed=shut,
    )
    nights = _night_lodgings(request, catalog)
    problem, _ = _build(ctx, days_ok, nights)
    ctx.problem = problem
    return problem, ctx


def _lodging_candidates(
    ctx: PlanContext, days_ok: dict[str, list[int]], keep: int = 6
) -> list[str]:
    """The most promising lodgings: one per town (the cheapest), ranked by the prize of the
    candidate sites within a 3-hour trip of it, limited to the requested towns."""
    req = ctx.request
    best: dict[str, Lodging] = {}
    for lodge in ctx.catalog.lodgings.values():
        if req.lodging_towns is not None and lodge.town not in req.lodging_towns:
            continue
        cur = best.get(lodge.town)
        if cur is None or (lodge.price_rub, lodge.id) < (cur.price_rub, cur.id):
            best[lodge.town] = lodge
    ids = sorted(x.id for x in best.values())
    sites = [s for s in ctx.candidates if s.id in days_ok]
    if not ids or not sites:
        return ids
    m = ctx.network.matrix(
        [*ids, *(s.id for s in sites)], ctx.dates[0], profile=req.profile, modes=req.modes
    )
    n = len(ids)
    near = (m.duration_s[:n, n:] >= 0) & (m.duration_s[:n, n:] <= 3 * 3600)
    prizes = np.array([_site_prize(req, s) for s in sites])
    potential = (near * prizes[None, :]).sum(axis=1)
    order = sorted(range(n), key=lambda i: (-potential[i], ids[i]))
    chosen = [ids[i] for i in order[:keep]]
    # a must-visit site far away needs its nearest lodging among the options
    for j, site in enumerate(sites):
        if site.id in req.must_visit:
            col = m.duration_s[:n, n + j]
            reach = [i for i in range(n) if col[i] >= 0]
            if reach:
                nearest = ids[min(reach, key=lambda i: (col[i], ids[i]))]
                if nearest not in chosen:
                    chosen.append(nearest)
    return chosen


def _choose_lodgings(
    ctx: PlanContext,
    days_ok: dict[str, list[int]],
    probe: Callable[[Problem], int],
    deadline: float,
    *,
    stop: Callable[[], bool] | None = None,
) -> list[str]:
    """Hill-climb over lodging sequences: move a block of consecutive nights to another town,
    keep a change when the probe (a fast first solution) collects more; stop at ``deadline``.
    """
    req = ctx.request
    nights = _night_lodgings(req, ctx.catalog)
    if req.days <= 1:
        return nights
    options = _lodging_candidates(ctx, days_ok)
    if nights[0] not in options:
        options.append(nights[0])

    def value(seq: Sequence[str]) -> int:
        problem, _ = _build(ctx, days_ok, seq)
        return probe(problem)

    best_val = value(nights)
    improved = True
    while improved and time.perf_counter() < deadline and not (stop is not None and stop()):
        improved = False
        for i in range(len(nights)):
            for j in range(i, len(nights)):
                for opt in options:
                    if time.perf_counter() >= deadline or (stop is not None and stop()):
                        break
                    if all(n == opt for n in nights[i : j + 1]):
                        continue
                    trial = [*nights[:i], *([opt] * (j - i + 1)), *nights[j + 1 :]]
                    v = value(trial)
                    if v > best_val:
                        best_val, nights, improved = v, trial, True
    logger.info("lodging sequence chosen: %s (probe value %s)", nights, best_val)
    return nights


def plan(
    request: TripRequest,
    catalog: Catalog,
    network: Network,
    *,
    on_progress: Callable[[float, int], None] | None = None,
    stop: Callable[[], bool] | None = None,
    closed: Collection[Closure] = (),
) -> Itinerary:
    """Plan the best multi-day itinerary for ``request``.

    Parameters
    ----------
    request : TripRequest
    catalog : Catalog
    network : Network
        Built with the same catalog (its places must be attached).
    on_progress : callable, optional
        Called with ``(elapsed_s, prize)`` at each improving solution.
    stop : callable, optional
        Polled during the search; returning True keeps the best plan found so far.
    closed : collection of (site_id, date, slot), optional
        Visits the sites cannot take on top of their opening hours: no visit of the site
        starting at ``slot`` (a :class:`datetime.time`, one of its excursion slots) on that
        date, or none that day when ``slot`` is None. The season planner passes the
        capacity other departures already hold; a site left with no usable date is dropped
        as "fully booked".

    Returns
    -------
    Itinerary
        ``feasible`` is False (with ``problems``) when the request cannot be met; it is never
        True for a plan that breaks a constraint.

    Raises
    ------
    ScenarioError
        Unknown ids in the request.
    """
    t0 = time.perf_counter()
    try:
        problem, ctx = build_problem(request, catalog, network, closed=closed)
    except InfeasibleError as err:
        return Itinerary.infeasible(request, err.reasons)
    days_ok = ctx.days_ok
    settings = request.solver
    if request.overnight == "choose" and request.days > 1:
        # half of the time limit for the lodging search, the rest for the final search
        probe_settings = settings.model_copy(update={"time_limit_s": settings.lodging_search_s})

        def probe_value(p: Problem) -> int:
            s = solve(p, probe_settings, first_solution_only=True)
            return s.prize if s.feasible else -1

        nights = _choose_lodgings(
            ctx, days_ok, probe_value, t0 + settings.time_limit_s / 2, stop=stop
        )
        problem, _ = _build(ctx, days_ok, nights)
        ctx.problem = problem
    # The time limit bounds the whole call: preparation so far, the search, and a reserve
    # for explaining drops and building the result.
    reserve = min(1.0, 0.1 * settings.time_limit_s)
    left = max(0.1, settings.time_limit_s - (time.perf_counter() - t0) - reserve)
    settings = settings.model_copy(update={"time_limit_s": left})
    if request.budget_rub is not None and ctx.lodging_cost > request.budget_rub:
        return Itinerary.infeasible(
            request,
            [
                Reason(
                    "nights_over_budget",
                    {
                        "cost": ctx.lodging_cost,
                        "nights": ", ".join(ctx.nights),
                        "budget": request.budget_rub,
                    },
                )
            ],
        )
    solution = solve(problem, settings, on_progress=on_progress, stop=stop)
    if not solution.feasible:
        missing = [
            v.key for i, v in enumerate(problem.visits) if v.required and i not in solution.visited
        ]
        if missing:
            return Itinerary.infeasible(
                request,
                [Reason("must_visit_unfit", {"site": _names(catalog, m)}) for m in missing],
            )
    # what is left of the time limit goes to explaining drops (the itinerary takes ~0.1 s)
    budget = max(0.5, t0 + request.solver.time_limit_s - time.perf_counter() - 0.3)
    reasons = explain_drops(ctx, problem, solution, budget_s=budget)
    return build_itinerary(ctx, problem, solution, reasons)
