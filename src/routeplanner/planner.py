"""From a trip request to an itinerary: pre-checks, the routing problem, lodging choice.

``plan(request, catalog, network)`` is the library's main entry point. It

1. checks every candidate site with rules that need no search (group size, age, booking lead,
   opening hours on the trip dates, reachability in season, price against the budget) and
   records a concrete reason for each site it leaves out;
2. builds the integer :class:`~routeplanner.model.Problem` (one tour per day, the lodgings of
   the nights before and after as its ends, windows from the calendar);
3. chooses the lodging of each night when asked (a hill climb over lodging sequences, each
   probed by a short run of the same search on one shared problem), then solves with
   :func:`~routeplanner.solve.solve`;
4. explains every candidate left out after the search, from the cheapest insertion into the
   final plan.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Callable, Collection, Sequence
from typing import Any

import numpy as np

from ._ils import WORK_PER_S, CompiledILS, warm_up
from .calendar import closed_reason, visit_start_windows
from .catalog import Catalog
from .decode import PlanContext, build_itinerary
from .events import with_events
from .exceptions import InfeasibleError
from .explain import explain_drops
from .i18n import plural, t
from .model import (
    PRIZE_SCALE,
    DaySpec,
    Lodging,
    Problem,
    Site,
    SolverSettings,
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
from .solve import evaluate, solve, wall_cap_s, work_budget

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


#: At most this many candidate sites enter the routing problem, plus this many per day (a
#: planning default: a day holds about ten visits, so the most promising few hundred per day
#: leave the search the same choice while its matrices stay small at any catalog size).
MAX_CANDIDATES = 300
MAX_CANDIDATES_PER_DAY = 150
MAX_CANDIDATES_CAP = 1500


def _day_ends(req: TripRequest, catalog: Catalog) -> list[tuple[str, str]] | None:
    """(start, end) place of each day when the nights are known before the search (base or
    fixed lodging), else ``None``."""
    if req.overnight == "choose" and req.days > 1:
        return None
    nights = _night_lodgings(req, catalog)
    return list(zip([req.start, *nights], [*nights, req.end_place], strict=True))


def _reach_bounds(
    req: TripRequest,
    catalog: Catalog,
    network: Network,
    dates: list[dt.date],
    sites: list[Site],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """For every site and trip day: whether it is reachable, whether a visit fits the time
    bound; for every site the shortest way there and back with the visit (seconds), its
    driving, and the place it starts from.

    The bound is necessary for any plan (shortest travel times obey the triangle inequality):
    with the nights known, the way from the day's start to the site, the visit and the way to
    the day's end fit the day; with the nights to be chosen, the way from the trip's start,
    the visit and the way to its end fit the trip. Travel times come from
    :meth:`~routeplanner.network.Network.durations` (a few origins against the sites), never
    from a square matrix over the catalog.
    """
    n, nd = len(sites), len(dates)
    ends = _day_ends(req, catalog)
    pairs = ends if ends is not None else [(req.start, req.end_place)] * nd
    places = sorted({p for pair in pairs for p in pair})
    pos = {p: i for i, p in enumerate(places)}
    ids = [x.id for x in sites]
    visit = np.array([x.visit_min * 60 for x in sites], dtype=np.int64)
    day_s = _secs(req.day_end) - _secs(req.day_start)
    span = day_s if ends is not None else (nd - 1) * _DAY + day_s
    reach = np.zeros((n, nd), dtype=bool)
    fits = np.zeros((n, nd), dtype=bool)
    trip = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    drive = np.zeros(n, dtype=np.int64)
    origin = np.zeros(n, dtype=np.int64)
    cache: dict[frozenset[str], tuple[np.ndarray, ...]] = {}
    kw = {"profile": req.profile, "modes": req.modes}
    for k, d in enumerate(dates):
        sig = network.active_links(d, req.modes)
        if sig not in cache:
            cache[sig] = (
                network.durations(places, ids, d, **kw),
                network.durations(ids, places, d, **kw),
                network.durations(places, ids, d, drive=True, **kw),
                network.durations(ids, places, d, drive=True, **kw),
            )
        out, back, d_out, d_back = cache[sig]
        a, b = pairs[k]
        t_out, t_back = out[pos[a]], back[:, pos[b]]
        ok = (t_out >= 0) & (t_back >= 0)
        total = np.where(ok, t_out + visit + t_back, np.iinfo(np.int64).max)
        reach[:, k] = ok
        fits[:, k] = ok & (total <= span)
        better = total < trip
        trip = np.where(better, total, trip)
        drive = np.where(better, d_out[pos[a]] + d_back[:, pos[b]], drive)
        origin = np.where(better, pos[a], origin)
    return reach, fits, trip, drive, [places[i] for i in origin]


def _prechecks(
    req: TripRequest,
    catalog: Catalog,
    network: Network,
    dates: list[dt.date],
    closed: frozenset[Closure] = frozenset(),
) -> tuple[list[Site], dict[str, Reason], dict[str, list[int]]]:
    """Sites kept, sites dropped with a reason, and the trip days each kept site may use.

    The cheap rules come first (request, group, age, booking, price), then the time bound of
    :func:`_reach_bounds` (one row of travel times per day end, at any catalog size), then, in
    order of promise (score per hour of the way there and back with the visit), the opening
    hours, until :data:`MAX_CANDIDATES` (+ per day) sites are kept; must-visit sites always are.
    """
    ids = list(req.candidates) if req.candidates is not None else list(catalog.sites)
    for sid in req.must_visit:
        if sid not in ids:
            ids.append(sid)
    excluded = set(req.exclude)
    booked_on = req.booked_on or dt.date.today()
    dropped: dict[str, Reason] = {}
    cheap: list[tuple[Site, dt.date]] = []
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
        cheap.append((site, first_ok))
    sites = [x for x, _f in cheap]
    reach, fits, trip, drive, origin = _reach_bounds(req, catalog, network, dates, sites)
    # most promising first: must-visit sites, then score per hour of the way there and back
    prize = np.array([_site_prize(req, x) for x in sites], dtype=np.float64)
    promise = (prize / np.maximum(trip, 1).astype(np.float64)).tolist()
    must = set(req.must_visit)
    keys = [(x.id not in must, -p, j) for j, (x, p) in enumerate(zip(sites, promise, strict=True))]
    order = sorted(range(len(sites)), key=keys.__getitem__)
    cap = min(MAX_CANDIDATES + MAX_CANDIDATES_PER_DAY * len(dates), MAX_CANDIDATES_CAP)
    far = _far_reasons(req, catalog, network, dates, sites, reach, fits, (trip, drive, origin))
    later = Reason("not_considered", {"n": cap})  # one shared reason: rendered once
    kept: list[Site] = []
    days_ok: dict[str, list[int]] = {}
    for j in order:
        site, first_ok = cheap[j]
        sid = site.id
        if j in far:
            dropped[sid] = far[j]
            continue
        if len(kept) >= cap and sid not in req.must_visit:
            dropped[sid] = later
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
        usable_reached = [k for k in usable if fits[j, k]]
        if not usable_reached:  # open only on days it cannot be reached in time
            on = [dates[k] for k in usable]
            far_j = _too_far(req, catalog, int(trip[j]), int(drive[j]), origin[j])
            dropped[sid] = _unreachable(req, network, on, site, reach[j, usable], far_j)
            continue
        days_ok[sid] = usable_reached
        kept.append(site)
    where = {sid: i for i, sid in enumerate(ids)}
    kept.sort(key=lambda x: where[x.id])  # the request's order: the same problem as before
    return kept, dropped, days_ok


def _too_far(req: TripRequest, catalog: Catalog, trip_s: int, drive_s: int, origin: str) -> Reason:
    """Too far: with the nights known, for one day (the reason the drop explanations give, with
    the day's start, the round trip with the visit, the day and the driving); with the nights
    to be chosen, for the whole trip."""
    day = _secs(req.day_end) - _secs(req.day_start)
    if req.overnight == "choose" and req.days > 1:
        return Reason("too_far_bound", {"need_s": trip_s, "have_s": (req.days - 1) * _DAY + day})
    start = catalog.place(origin)
    return Reason(
        "too_far",
        {
            "from": (start.name("ru"), start.name("en")),
            "from_id": origin,
            "trip_s": trip_s,
            "day_s": day,
            "drive_s": drive_s,
            "limit_h": f"{req.max_drive_h:g}",
        },
    )


def _far_reasons(
    req: TripRequest,
    catalog: Catalog,
    network: Network,
    dates: list[dt.date],
    sites: list[Site],
    reach: np.ndarray,
    fits: np.ndarray,
    way: tuple[np.ndarray, np.ndarray, list[str]],
) -> dict[int, Reason]:
    """Reasons of the sites that fail the time bound on every day, all at once: too far (one
    shared reason per whole minute of way and driving and per start), or unreachable with the
    allowed modes, or at all."""
    trip, drive, origin = way
    out: dict[int, Reason] = {}
    shared: dict[tuple[int, int, str], Reason] = {}
    lost = np.flatnonzero(~fits.any(axis=1)).tolist()
    reached = reach.any(axis=1).tolist()
    trip_s, drive_s = trip.tolist(), drive.tolist()
    cut = [j for j in lost if not reached[j]]
    for j in lost:
        if reached[j]:
            key = (trip_s[j] // 60 * 60, drive_s[j] // 60 * 60, origin[j])
            if key not in shared:
                shared[key] = _too_far(req, catalog, *key)
            out[int(j)] = shared[key]
    if cut:
        ids = [sites[j].id for j in cut]
        anyhow = np.zeros(len(cut), dtype=bool)
        for d in dates:  # reachable at all, by any mode, on some trip date?
            anyhow |= network.durations([req.start], ids, d, profile=req.profile)[0] >= 0
        modes = Reason("unreachable_modes", {"modes": ", ".join(sorted(req.modes)) or "—"})
        season = Reason("unreachable_season")
        for j, a in zip(cut, anyhow, strict=True):
            out[int(j)] = modes if a else season
    return out


def _unreachable(
    req: TripRequest,
    network: Network,
    dates: list[dt.date],
    site: Site,
    reach: np.ndarray,
    too_far: Reason,
) -> Reason:
    """Why a site fails the time bound: too far for a day (or the trip), or not reachable with
    the allowed modes, or not reachable at all on the trip dates."""
    if reach.any():
        return too_far
    for d in dates:
        t = network.durations([req.start], [site.id], d, profile=req.profile)
        if t[0, 0] >= 0:
            allowed_txt = ", ".join(sorted(req.modes)) or "—"
            return Reason("unreachable_modes", {"modes": allowed_txt})
    return Reason("unreachable_season")


def _build(
    ctx: PlanContext,
    days_ok: dict[str, list[int]],
    nights: Sequence[str],
    lodgings: Sequence[str] = (),
) -> tuple[Problem, list[str]]:
    """The problem with ``nights`` as the day ends; ``lodgings`` are further places in its
    matrices, so that other night sequences only change its days (:func:`_with_nights`)."""
    req = ctx.request
    dates = ctx.dates
    day_places = list(zip([req.start, *nights], [*nights, req.end_place], strict=True))
    places: list[str] = []
    for a, b in [*day_places, *((x, x) for x in lodgings)]:
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
    days = _days(req, day_places, index, day_matrix)
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
    ctx.lodging_cost = _lodging_cost(ctx, nights)
    budget = _ticket_budget(ctx, nights)
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


def _days(
    req: TripRequest,
    day_places: Sequence[tuple[str, str]],
    index: dict[str, int],
    day_matrix: Sequence[int],
) -> tuple[DaySpec, ...]:
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
    return tuple(days)


def _lodging_cost(ctx: PlanContext, nights: Sequence[str]) -> int:
    return sum(ctx.catalog.lodgings[n].price_rub for n in nights if n in ctx.catalog.lodgings)


def _ticket_budget(ctx: PlanContext, nights: Sequence[str]) -> int | None:
    """Lodging comes out of the budget first; what is left pays tickets and fares."""
    req = ctx.request
    if req.budget_rub is None:
        return None
    return max(0, req.budget_rub - _lodging_cost(ctx, nights))


def _with_nights(ctx: PlanContext, nights: Sequence[str]) -> tuple[tuple[DaySpec, ...], int | None]:
    """Days and ticket budget of the built problem for another night sequence (its places
    must hold every lodging of ``nights``)."""
    req = ctx.request
    index = {p: i for i, p in enumerate(ctx.places)}
    day_places = list(zip([req.start, *nights], [*nights, req.end_place], strict=True))
    return _days(req, day_places, index, ctx.day_matrix), _ticket_budget(ctx, nights)


def _context(
    request: TripRequest,
    catalog: Catalog,
    network: Network,
    closed: Collection[Closure] = (),
) -> PlanContext:
    """Resolve the request's places, apply the regulations and events that cover it, and run
    the pre-checks (no matrices yet); ``closed`` lists visits the sites cannot take."""
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
    return PlanContext(
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
    ctx = _context(request, catalog, network, closed)
    nights = _night_lodgings(ctx.request, ctx.catalog)
    problem, _ = _build(ctx, ctx.days_ok, nights)
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
    dur = ctx.network.durations(
        ids, [s.id for s in sites], ctx.dates[0], profile=req.profile, modes=req.modes
    )
    n = len(ids)
    near = (dur >= 0) & (dur <= 3 * 3600)
    prizes = np.array([_site_prize(req, s) for s in sites])
    potential = (near * prizes[None, :]).sum(axis=1)
    order = sorted(range(n), key=lambda i: (-potential[i], ids[i]))
    chosen = [ids[i] for i in order[:keep]]
    # a must-visit site far away needs its nearest lodging among the options
    for j, site in enumerate(sites):
        if site.id in req.must_visit:
            col = dur[:, j]
            reach = [i for i in range(n) if col[i] >= 0]
            if reach:
                nearest = ids[min(reach, key=lambda i: (col[i], ids[i]))]
                if nearest not in chosen:
                    chosen.append(nearest)
    return chosen


#: Preparation and write-up per candidate site of the request (pre-checks, time bound, its drop
#: reason in the itinerary): about 50 µs per site measured on a 20,000-site catalog
#: (benchmarks/RESULTS.md, "Scale"), in work units.
PREP_WORK_PER_SITE = round(50e-6 * WORK_PER_S)


def _search_work(settings: SolverSettings, request: TripRequest, ctx: PlanContext) -> int:
    """The search's work budget: the settings' budget less the preparation a request of this
    size costs (deterministic: it depends on the sizes, not on the clock), so that the time
    limit bounds the whole call on a large catalog; never below half the budget."""
    n = len(ctx.candidates) + len(ctx.dropped)
    full = work_budget(settings)
    return max(full // 2, full - PREP_WORK_PER_SITE * n)


def _choose_lodgings(
    ctx: PlanContext,
    engine: CompiledILS,
    options: Sequence[str],
    settings: SolverSettings,
    *,
    deadline: float,
    stop: Callable[[], bool] | None = None,
    on_plan: Callable[[int], None] | None = None,
) -> tuple[list[str], int, str, list[list[int]]]:
    """Hill-climb over lodging sequences: move a block of consecutive nights to another town,
    keep a change when the probe collects more.

    Every sequence is tried on the one problem built over all ``options`` (only its days and
    ticket budget change). Each round fills every move greedily (a fraction of a millisecond
    each), then probes the moves best first with ``settings.lodging_search_s`` of search work
    (one trajectory from the fill) and takes the first that beats the current sequence. The
    climb ends when no move improves, or when the probes have used half of the work budget
    (deterministic), or at ``deadline`` (the wall-clock cap). Returns the nights, the work
    used, what ended the climb (``"done"``, ``"work"``, ``"time"``, ``"stop"``) and the best
    probe's routes (the final search starts from them). ``on_plan`` is called with the prize
    of each better probe plan that is feasible.
    """
    req = ctx.request
    nights = _night_lodgings(req, ctx.catalog)
    probe_work = max(1, round(settings.lodging_search_s * WORK_PER_S))
    allowance = work_budget(settings) // 2
    used = 0
    probed: dict[tuple[str, ...], int] = {}
    plans: dict[tuple[str, ...], list[list[int]]] = {}
    shown = -(2**62)

    def filled(seq: Sequence[str]) -> tuple[int, CompiledILS | None, list[list[int]]]:
        nonlocal used
        days, budget = _with_nights(ctx, seq)
        if req.budget_rub is not None and _lodging_cost(ctx, seq) > req.budget_rub:
            return -(2**62), None, []
        probe = engine.with_days(days, budget)
        routes, val, w = probe.fill_value([[] for _ in days])
        used += w
        return val, probe, routes

    def value(seq: Sequence[str]) -> int:
        nonlocal used, shown
        key = tuple(seq)
        if key not in probed:
            val, probe, routes = filled(seq)
            if probe is not None:
                best, stats = probe.run(
                    routes, deadline=deadline, seed=settings.seed, work=probe_work, starts=1
                )
                used += stats.work
                val = probe.value(best)[0]
                plans[key] = best
                if on_plan is not None and val > shown and not evaluate(probe.problem, best)[1]:
                    shown = val
                    on_plan(sum(probe.problem.visits[i].prize for r in best for i in r))
            probed[key] = val
        return probed[key]

    ended = "done"

    def out_of_work() -> bool:
        nonlocal ended
        if used >= allowance:
            ended = "work"
        elif time.perf_counter() >= deadline:
            ended = "time"
        elif stop is not None and stop():
            ended = "stop"
        return ended != "done"

    best_val = value(nights)
    improved = True
    while improved and not out_of_work():
        improved = False
        moves: list[list[str]] = []
        for i in range(len(nights)):
            for j in range(i, len(nights)):
                for opt in options:
                    trial = [*nights[:i], *([opt] * (j - i + 1)), *nights[j + 1 :]]
                    if trial != nights and tuple(trial) not in probed and trial not in moves:
                        moves.append(trial)
        ranked = sorted(range(len(moves)), key=lambda k: (-filled(moves[k])[0], k))
        for k in ranked:
            if out_of_work():
                break
            v = value(moves[k])
            if v > best_val:
                best_val, nights, improved = v, moves[k], True
                break
    logger.info(
        "lodging sequence chosen: %s (probe value %s, %d probes, %s)",
        nights,
        best_val,
        len(probed),
        ended,
    )
    if ended == "time":
        logger.warning("the lodging search reached its wall-clock cap: the plan may vary")
    return nights, used, ended, plans.get(tuple(nights), [])


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

    The search is bounded by the work budget of ``request.solver`` (deterministic: the same
    request and seed give the same itinerary on any machine and under any load; see
    :mod:`routeplanner.solve`); the lodging search (``overnight: choose``) takes at most half
    of it.

    Parameters
    ----------
    request : TripRequest
    catalog : Catalog
    network : Network
        Built with the same catalog (its places must be attached).
    on_progress : callable, optional
        Called with ``(elapsed_s, prize)`` (seconds since the call) at each better plan, the
        lodging search's included.
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
    t_plan = time.perf_counter()

    def shown(prize: int) -> None:
        if on_progress is not None:
            on_progress(time.perf_counter() - t_plan, prize)

    try:
        ctx = _context(request, catalog, network, closed)
    except InfeasibleError as err:
        return Itinerary.infeasible(request, err.reasons)
    settings = request.solver
    nights = _night_lodgings(request, ctx.catalog)
    work = _search_work(settings, request, ctx)
    engine: CompiledILS | None = None
    start: list[list[int]] = []
    lodging_search: dict[str, Any] | None = None
    if request.overnight == "choose" and request.days > 1:
        options = _lodging_candidates(ctx, ctx.days_ok)
        if nights[0] not in options:
            options.append(nights[0])
        # one problem over every lodging option: the probes change only its days
        problem, _ = _build(ctx, ctx.days_ok, nights, options)
        warm_up()  # compilation (once per machine) is not search time
        engine = CompiledILS(problem)
        nights, used, lodging_stop, start = _choose_lodgings(
            ctx,
            engine,
            options,
            settings,
            deadline=time.perf_counter() + wall_cap_s(settings) / 2,
            stop=stop,
            on_plan=shown,
        )
        days, budget = _with_nights(ctx, nights)
        problem = dataclasses.replace(problem, days=days, budget_rub=budget)
        engine = engine.with_days(days, budget)
        ctx.nights = list(nights)
        ctx.lodging_cost = _lodging_cost(ctx, nights)
        work = max(1, work - used)
        lodging_search = {"stopped_by": lodging_stop, "work": used}
    else:
        problem, _ = _build(ctx, ctx.days_ok, nights)
    ctx.problem = problem
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
    solution = solve(
        problem,
        settings,
        initial_routes=start or None,
        work=work,
        engine=engine,
        on_progress=lambda _elapsed, prize: shown(prize),
        stop=stop,
    )
    if not solution.feasible:
        missing = [
            v.key for i, v in enumerate(problem.visits) if v.required and i not in solution.visited
        ]
        if missing:
            return Itinerary.infeasible(
                request,
                [Reason("must_visit_unfit", {"site": _names(catalog, m)}) for m in missing],
            )
    reasons = explain_drops(ctx, problem, solution)
    itinerary = build_itinerary(ctx, problem, solution, reasons)
    if lodging_search is not None:
        itinerary.solver["lodging_search"] = lodging_search
        if lodging_search["stopped_by"] == "time":
            itinerary.solver["status"] = "TIME_CAP"
    return itinerary
