"""An independent feasibility checker for any itinerary, ours or hand-made.

It reads only the catalog, the calendar and the network, never the solver's model, and lists
every violation it finds: a visit outside opening hours or its excursion slot, a visit shorter
than the site's, a leg faster than the network allows, a broken sequence, a day outside its
window or over its driving limit, a missing or misplaced lunch, a group too large or too
young, a booking made too late, a site twice, a must-visit missing, an excluded site visited,
the budget exceeded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .calendar import daylight, open_intervals
from .catalog import Catalog
from .network import Network
from .result import Itinerary

__all__ = ["Violation", "check_itinerary"]

#: Slack for minute rounding in stored times (seconds).
_TOL_S = 60


@dataclass(frozen=True)
class Violation:
    """One broken rule: where (day, place) and what."""

    day: int | None
    place: str | None
    rule: str
    message: str

    def __str__(self) -> str:
        where = f"day {self.day}" if self.day is not None else "trip"
        if self.place:
            where += f", {self.place}"
        return f"{where}: [{self.rule}] {self.message}"


def _min(td: dt.timedelta) -> str:
    return f"{round(td.total_seconds() / 60)} min"


def check_itinerary(it: Itinerary, catalog: Catalog, network: Network) -> list[Violation]:
    """Check ``it`` against the catalog, the calendar and the network.

    Parameters
    ----------
    it : Itinerary
        Any itinerary (e.g. read with :meth:`Itinerary.from_json`).
    catalog : Catalog
    network : Network

    Returns
    -------
    list of Violation
        Empty when the itinerary is feasible.
    """
    req = it.scenario
    out: list[Violation] = []
    catalog = catalog.for_request(req)  # the request's own stops and visit lengths
    network = network.with_catalog(catalog)

    def bad(day: int | None, place: str | None, rule: str, msg: str) -> None:
        out.append(Violation(day, place, rule, msg))

    if not it.feasible:
        if it.days:
            bad(None, None, "status", "an itinerary marked infeasible must not contain days")
        return out
    if len(it.days) != req.days:
        bad(None, None, "days", f"{len(it.days)} days planned, {req.days} requested")
    booked_on = req.booked_on or dt.date.today()
    seen: dict[str, int] = {}
    spent = 0
    expected_start = req.start
    for di, day in enumerate(it.days, 1):
        date = req.start_date + dt.timedelta(days=di - 1)
        if day.date != date:
            bad(di, None, "date", f"day {di} is dated {day.date}, expected {date}")
        if day.start_place != expected_start:
            bad(
                di,
                day.start_place,
                "continuity",
                f"the day starts at {day.start_place}, but the previous night ended at "
                f"{expected_start}",
            )
        expected_start = day.end_place
        if di == len(it.days) and day.end_place != req.end_place:
            bad(di, day.end_place, "end", f"the trip must end at {req.end_place}")
        if di < len(it.days) and day.end_place not in catalog.lodgings:
            bad(di, day.end_place, "lodging", "the night is not spent at a catalog lodging")
        if (
            req.overnight == "base"
            and di < len(it.days)
            and req.lodging is not None
            and day.end_place != req.lodging
        ):
            bad(di, day.end_place, "lodging", f"the base lodging is {req.lodging}")
        if req.nights is not None and di < len(it.days) and day.end_place != req.nights[di - 1]:
            bad(di, day.end_place, "lodging", f"night {di} must be at {req.nights[di - 1]}")
        if day.lodging is not None:
            lodge = catalog.lodgings.get(day.lodging)
            spent += lodge.price_rub if lodge else 0

        seq = [day.start_place, *(s.site_id for s in day.stops), day.end_place]
        if len(day.legs) != len(seq) - 1:
            bad(di, None, "legs", f"{len(day.legs)} legs for {len(seq) - 1} moves")
            continue
        day_open = dt.datetime.combine(date, req.day_start)
        day_close = dt.datetime.combine(date, req.day_end)
        drive_s = 0
        clock = day_open
        places = list(dict.fromkeys(seq))
        m = network.matrix(places, date, profile=req.profile, modes=req.modes)
        idx = {p: i for i, p in enumerate(places)}
        for k, leg in enumerate(day.legs):
            a, b = seq[k], seq[k + 1]
            if (leg.origin, leg.destination) != (a, b):
                bad(
                    di,
                    leg.origin,
                    "legs",
                    f"leg {k + 1} goes {leg.origin}→{leg.destination}, expected {a}→{b}",
                )
            if leg.depart < clock - dt.timedelta(seconds=_TOL_S):
                bad(di, a, "sequence", f"leaves {a} at {leg.depart:%H:%M}, before {clock:%H:%M}")
            if not m.reachable[idx[a], idx[b]]:
                bad(di, b, "travel", f"{b} cannot be reached from {a} on {date}")
            else:
                need = int(m.duration_s[idx[a], idx[b]])
                took = (leg.arrive - leg.depart).total_seconds()
                if took + _TOL_S < need:
                    bad(
                        di,
                        b,
                        "travel",
                        f"leg {a}→{b} takes {round(took / 60)} min; the network needs "
                        f"{round(need / 60)} min",
                    )
                drive_s += int(m.drive_s[idx[a], idx[b]])
                spent += int(m.price_rub[idx[a], idx[b]])
            clock = leg.arrive
            if k < len(day.stops):
                stop = day.stops[k]
                sid = stop.site_id
                site = catalog.sites.get(sid)
                if site is None:
                    bad(di, sid, "site", "not a site of the catalog")
                    continue
                if sid in seen:
                    bad(di, sid, "repeat", f"already visited on day {seen[sid]}")
                seen[sid] = di
                if sid in req.exclude:
                    bad(di, sid, "excluded", "the request excludes this site")
                if stop.arrive + dt.timedelta(seconds=_TOL_S) < leg.arrive:
                    bad(di, sid, "sequence", "arrives before the leg ends")
                if stop.start < stop.arrive:
                    bad(di, sid, "sequence", "starts before the group arrives")
                length = stop.end - stop.start
                if length + dt.timedelta(seconds=_TOL_S) < dt.timedelta(minutes=site.visit_min):
                    bad(
                        di,
                        sid,
                        "visit",
                        f"visit of {_min(length)} is shorter than the site's {site.visit_min} min",
                    )
                hours = open_intervals(site, stop.start.date())
                if not any(a0 <= stop.start and stop.end <= b0 for a0, b0 in hours):
                    bad(
                        di,
                        sid,
                        "hours",
                        f"{stop.start:%H:%M}–{stop.end:%H:%M} is outside the "
                        f"opening hours ({site.opening_hours}, public holidays "
                        f"{site.public_holidays.value}) on {stop.start.date()}",
                    )
                if site.outdoor:
                    up, down = daylight(site.lat, site.lon, stop.start.date())
                    if stop.start < up or stop.end > down:
                        bad(
                            di,
                            sid,
                            "daylight",
                            f"outdoor visit {stop.start:%H:%M}–{stop.end:%H:%M} is outside "
                            f"daylight ({up:%H:%M}–{down:%H:%M}) on {stop.start.date()}",
                        )
                if site.slots and stop.start.time() not in site.slots:
                    bad(di, sid, "slot", f"starts at {stop.start:%H:%M}, not at an excursion slot")
                if site.max_group is not None and req.group_size > site.max_group:
                    bad(di, sid, "group", f"group of {req.group_size} exceeds {site.max_group}")
                if req.youngest_age < site.min_age:
                    bad(di, sid, "age", f"youngest visitor {req.youngest_age} < {site.min_age}")
                if site.booking_days and booked_on + dt.timedelta(days=site.booking_days) > date:
                    bad(di, sid, "booking", f"needs booking {site.booking_days} days ahead")
                spent += site.price_rub
                clock = stop.end
        first, last = day.legs[0].depart, day.legs[-1].arrive
        if first < day_open - dt.timedelta(seconds=_TOL_S):
            bad(di, None, "day", f"starts at {first:%H:%M}, before {req.day_start:%H:%M}")
        if last > day_close + dt.timedelta(seconds=_TOL_S):
            bad(di, None, "day", f"ends at {last:%H:%M}, after {req.day_end:%H:%M}")
        if drive_s > req.max_drive_h * 3600 + _TOL_S:
            bad(
                di,
                None,
                "drive",
                f"{drive_s / 3600:.1f} h of driving exceeds the limit of {req.max_drive_h} h",
            )
        lunch = req.lunch
        if lunch is not None and lunch.duration_min > 0:
            lo = dt.datetime.combine(date, lunch.earliest)
            hi = dt.datetime.combine(date, lunch.latest)
            if last > lo:
                if day.lunch_start is None or day.lunch_end is None:
                    bad(di, None, "lunch", "the day runs into the lunch window but has no lunch")
                else:
                    if not lo <= day.lunch_start <= hi:
                        bad(
                            di,
                            None,
                            "lunch",
                            f"lunch at {day.lunch_start:%H:%M} is outside "
                            f"{lunch.earliest:%H:%M}–{lunch.latest:%H:%M}",
                        )
                    if day.lunch_end - day.lunch_start < dt.timedelta(minutes=lunch.duration_min):
                        bad(di, None, "lunch", "lunch is shorter than requested")
                    for s in day.stops:
                        if s.start < day.lunch_end and day.lunch_start < s.end:
                            bad(di, s.site_id, "lunch", "lunch overlaps a visit")
    for sid in req.must_visit:
        if sid not in seen:
            bad(None, sid, "must_visit", "a must-visit site is not in the plan")
    if req.budget_rub is not None and spent > req.budget_rub:
        bad(
            None,
            None,
            "budget",
            f"{spent} RUB per person exceeds the budget of {req.budget_rub} RUB",
        )
    for q in req.quotas:
        per_day = [
            sum(
                1
                for s in d.stops
                if catalog.sites.get(s.site_id) is not None
                and catalog.sites[s.site_id].category == q.category
            )
            for d in it.days
        ]
        if q.per == "trip":
            total = sum(per_day)
            if q.max is not None and total > q.max:
                bad(None, None, "quota", f"{total} {q.category.value} visits > {q.max}")
            if q.min is not None and total < q.min:
                bad(None, None, "quota", f"{total} {q.category.value} visits < {q.min}")
        elif q.max is not None:
            for di, c in enumerate(per_day, 1):
                if c > q.max:
                    bad(di, None, "quota", f"{c} {q.category.value} visits > {q.max}")
    return out
