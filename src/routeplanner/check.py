"""An independent feasibility checker for any itinerary, ours or hand-made.

It reads only the catalog, the calendar and the network, never the solver's model, and lists
every violation it finds. The rules are a table (:data:`RULES`) of small functions, each
checking one thing and yielding its :class:`Violation` objects: a visit outside opening hours or
its excursion slot, a visit shorter than the site's, a leg faster than the network allows, a
broken sequence, a day outside its window or over its driving limit, a missing or misplaced
lunch, a group too large or too young, a booking made too late, a site twice, a must-visit
missing, an excluded site visited, the budget exceeded, a quota broken, and the transport
regulations (``regulations.py``: children's coaches at night, drivers' daily driving and
breaks).

Days whose legs do not match their stops (rule ``legs``) or that name places neither the
catalog nor the network knows (rules ``place`` and ``site``) are not checked further: their
legs cannot be paired with moves, or timed.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .calendar import daylight, open_intervals
from .catalog import Catalog
from .exceptions import UnknownPlaceError
from .i18n import t
from .model import Site, TripRequest
from .network import Network, TravelMatrix
from .regulations import applicable_rules, break_seconds, check_regulations
from .result import Day, Itinerary, Leg, Stop

__all__ = ["RULES", "Violation", "check_itinerary"]

#: Slack for minute rounding in stored times (seconds).
_TOL_S = 60
_TOL = dt.timedelta(seconds=_TOL_S)


@dataclass(frozen=True)
class Violation:
    """One broken rule: where (day, place) and what, in English (``message``) and Russian."""

    day: int | None
    place: str | None
    rule: str
    message: str
    message_ru: str = ""

    def text(self, lang: str = "en") -> str:
        """The violation in ``lang``: «день 2, irkutsk_hpp: [hours] …»."""
        if self.day is not None:
            where = t("check.where_day", lang, n=self.day)
        else:
            where = t("check.where_trip", lang)
        if self.place:
            where += f", {self.place}"
        message = self.message_ru if lang != "en" and self.message_ru else self.message
        return f"{where}: [{self.rule}] {message}"

    def __str__(self) -> str:
        return self.text("en")


def _say(key: str, **values: object) -> dict[str, str]:
    """A violation's message in both languages (label ``check.<key>``)."""
    shown = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in values.items()}
    return {
        "message": t(f"check.{key}", "en", **shown),
        "message_ru": t(f"check.{key}", "ru", **shown),
    }


def _hours(site: Site) -> str:
    """The site's hours as the data says them (OSM syntax) and its holiday rule."""
    return f"{site.opening_hours}, PH {site.public_holidays.value}"


@dataclass(frozen=True)
class CheckedDay:
    """A day of the itinerary with what its rules need: its number, expected date, the places
    it moves through and, when its legs match its stops, the network's matrix of those places."""

    number: int
    day: Day
    date: dt.date
    seq: tuple[str, ...]
    matrix: TravelMatrix | None
    index: dict[str, int]
    unknown: tuple[str, ...] = ()

    @property
    def legs_match(self) -> bool:
        """True when there is one leg per move."""
        return len(self.day.legs) == len(self.seq) - 1

    @property
    def consistent(self) -> bool:
        """True when there is one leg per move between known places (the leg and stop rules
        apply)."""
        return self.matrix is not None

    def moves(self) -> Iterator[tuple[int, Leg, str, str]]:
        """``(k, leg, a, b)``: the k-th leg and the move it should make."""
        for k, leg in enumerate(self.day.legs):
            yield k, leg, self.seq[k], self.seq[k + 1]


@dataclass(frozen=True)
class Trip:
    """An itinerary prepared for the rules: the request's view of the catalog and network."""

    it: Itinerary
    req: TripRequest
    catalog: Catalog
    network: Network
    booked_on: dt.date
    days: tuple[CheckedDay, ...]

    @property
    def checked(self) -> tuple[CheckedDay, ...]:
        """The days whose legs match their stops."""
        return tuple(d for d in self.days if d.consistent)

    def visits(self) -> Iterator[tuple[CheckedDay, Stop, Site]]:
        """Every stop of a checked day at a catalog site, in order, with its site."""
        for cd in self.checked:
            for stop in cd.day.stops:
                site = self.catalog.sites.get(stop.site_id)
                if site is not None:
                    yield cd, stop, site


Rule = Callable[[Trip], Iterator[Violation]]


def _min(td: dt.timedelta) -> str:
    return f"{round(td.total_seconds() / 60)} min"


# --------------------------------------------------------------------------- trip shape


def rule_day_count(trip: Trip) -> Iterator[Violation]:
    """As many days as requested."""
    if len(trip.it.days) != trip.req.days:
        yield Violation(
            None, None, "days", **_say("days", planned=len(trip.it.days), requested=trip.req.days)
        )


def rule_dates(trip: Trip) -> Iterator[Violation]:
    """Day n is the n-th date of the trip."""
    for cd in trip.days:
        if cd.day.date != cd.date:
            yield Violation(
                cd.number,
                None,
                "date",
                **_say("date", n=cd.number, got=cd.day.date, expected=cd.date),
            )


def rule_continuity(trip: Trip) -> Iterator[Violation]:
    """Each day starts where the previous night was spent (the first at the request's start)."""
    expected = trip.req.start
    for cd in trip.days:
        if cd.day.start_place != expected:
            yield Violation(
                cd.number,
                cd.day.start_place,
                "continuity",
                **_say("continuity", start=cd.day.start_place, expected=expected),
            )
        expected = cd.day.end_place


def rule_end(trip: Trip) -> Iterator[Violation]:
    """The last day ends at the request's end place."""
    if trip.days and trip.days[-1].day.end_place != trip.req.end_place:
        last = trip.days[-1]
        yield Violation(
            last.number, last.day.end_place, "end", **_say("end", place=trip.req.end_place)
        )


def rule_lodging(trip: Trip) -> Iterator[Violation]:
    """Every night at a catalog lodging: the base one, or the one given for that night."""
    req = trip.req
    for cd in trip.days[:-1]:
        di, place = cd.number, cd.day.end_place
        if place not in trip.catalog.lodgings:
            yield Violation(di, place, "lodging", **_say("lodging_unknown"))
        if req.overnight == "base" and req.lodging is not None and place != req.lodging:
            yield Violation(di, place, "lodging", **_say("lodging_base", lodging=req.lodging))
        if req.nights is not None and place != req.nights[di - 1]:
            yield Violation(
                di, place, "lodging", **_say("lodging_night", n=di, lodging=req.nights[di - 1])
            )


def rule_leg_count(trip: Trip) -> Iterator[Violation]:
    """One leg per move: start, each stop, end."""
    for cd in trip.days:
        if not cd.legs_match:
            yield Violation(
                cd.number,
                None,
                "legs",
                **_say("legs_count", legs=len(cd.day.legs), moves=len(cd.seq) - 1),
            )


def rule_leg_places(trip: Trip) -> Iterator[Violation]:
    """Each leg goes from the previous place to the next one."""
    for cd in trip.checked:
        for k, leg, a, b in cd.moves():
            if (leg.origin, leg.destination) != (a, b):
                yield Violation(
                    cd.number,
                    leg.origin,
                    "legs",
                    **_say(
                        "legs_places", k=k + 1, origin=leg.origin, dest=leg.destination, a=a, b=b
                    ),
                )


# --------------------------------------------------------------------------- legs


def rule_leg_figures(trip: Trip) -> Iterator[Violation]:
    """A leg's figures are not negative and it arrives no earlier than it leaves."""
    for cd in trip.days:
        for k, leg in enumerate(cd.day.legs, 1):
            for name in ("duration_min", "distance_km", "drive_min", "price_rub"):
                value = getattr(leg, name)
                if value < 0:
                    yield Violation(
                        cd.number,
                        leg.origin,
                        "legs",
                        **_say("leg_negative", k=k, name=name, value=value),
                    )
            if leg.arrive < leg.depart:
                yield Violation(
                    cd.number,
                    leg.origin,
                    "legs",
                    **_say(
                        "leg_backwards", k=k, at=f"{leg.arrive:%H:%M}", leaves=f"{leg.depart:%H:%M}"
                    ),
                )


def rule_leg_departure(trip: Trip) -> Iterator[Violation]:
    """A leg leaves after the day opens, or after the visit before it ends."""
    for cd in trip.checked:
        clock = dt.datetime.combine(cd.date, trip.req.day_start)
        for k, leg, a, _b in cd.moves():
            if leg.depart < clock - _TOL:
                yield Violation(
                    cd.number,
                    a,
                    "sequence",
                    **_say(
                        "leaves_early", place=a, at=f"{leg.depart:%H:%M}", before=f"{clock:%H:%M}"
                    ),
                )
            clock = leg.arrive
            if k < len(cd.day.stops) and cd.day.stops[k].site_id in trip.catalog.sites:
                clock = cd.day.stops[k].end


def rule_travel_time(trip: Trip) -> Iterator[Violation]:
    """Each leg is possible on its date and takes at least the network's time."""
    breaks = any(r.id == "driver_breaks" for r in applicable_rules(trip.req))
    for cd in trip.checked:
        assert cd.matrix is not None
        for _k, leg, a, b in cd.moves():
            ia, ib = cd.index[a], cd.index[b]
            if not cd.matrix.reachable[ia, ib]:
                yield Violation(
                    cd.number, b, "travel", **_say("unreachable", b=b, a=a, date=cd.date)
                )
                continue
            need = int(cd.matrix.duration_s[ia, ib])
            if breaks:  # the drivers' breaks the regulations require on this leg
                need += int(break_seconds(int(cd.matrix.drive_s[ia, ib])))
            took = (leg.arrive - leg.depart).total_seconds()
            if took + _TOL_S < need:
                yield Violation(
                    cd.number,
                    b,
                    "travel",
                    **_say("too_fast", a=a, b=b, took=round(took / 60), need=round(need / 60)),
                )


# --------------------------------------------------------------------------- visits


def rule_known_places(trip: Trip) -> Iterator[Violation]:
    """Every day starts and ends at a place the catalog or the network knows."""
    for cd in trip.days:
        for place in dict.fromkeys((cd.day.start_place, cd.day.end_place)):
            if place in cd.unknown:
                yield Violation(cd.number, place, "place", **_say("place_unknown"))


def rule_known_site(trip: Trip) -> Iterator[Violation]:
    """Every stop is a site of the catalog (or an extra place of the request)."""
    for cd in trip.days:
        for stop in cd.day.stops:
            if stop.site_id not in trip.catalog.sites:
                yield Violation(cd.number, stop.site_id, "site", **_say("site_unknown"))


#: How far a stop's stored position may lie from its site's, kilometres.
_POSITION_KM = 2.0


def rule_positions(trip: Trip) -> Iterator[Violation]:
    """A stop lies where its site is (latitude -90..90, longitude -180..180, within 2 km; a
    hand-made stop without a position, stored as 0, 0, is not checked)."""
    for cd in trip.days:
        for stop in cd.day.stops:
            if not (-90 <= stop.lat <= 90 and -180 <= stop.lon <= 180):
                yield Violation(
                    cd.number,
                    stop.site_id,
                    "position",
                    **_say("not_on_earth", lat=stop.lat, lon=stop.lon),
                )
                continue
            site = trip.catalog.sites.get(stop.site_id)
            if site is None or (stop.lat, stop.lon) == (0.0, 0.0):  # no position given
                continue
            km = _km(stop.lat, stop.lon, site.lat, site.lon)
            if km > _POSITION_KM:
                yield Violation(
                    cd.number,
                    stop.site_id,
                    "position",
                    **_say("far_from_site", km=f"{km:.0f}", lat=site.lat, lon=site.lon),
                )


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def rule_once(trip: Trip) -> Iterator[Violation]:
    """No site is visited twice."""
    seen: dict[str, int] = {}
    for cd, stop, _site in trip.visits():
        if stop.site_id in seen:
            yield Violation(
                cd.number, stop.site_id, "repeat", **_say("repeat", n=seen[stop.site_id])
            )
        seen[stop.site_id] = cd.number


def rule_not_excluded(trip: Trip) -> Iterator[Violation]:
    """No site the request excludes."""
    for cd, stop, _site in trip.visits():
        if stop.site_id in trip.req.exclude:
            yield Violation(cd.number, stop.site_id, "excluded", **_say("excluded"))


def rule_stop_sequence(trip: Trip) -> Iterator[Violation]:
    """A visit's group arrives when the leg ends and starts after arriving."""
    for cd in trip.checked:
        for k, stop in enumerate(cd.day.stops):
            if stop.site_id not in trip.catalog.sites:
                continue
            if stop.arrive + _TOL < cd.day.legs[k].arrive:
                yield Violation(cd.number, stop.site_id, "sequence", **_say("arrives_early"))
            if stop.start < stop.arrive:
                yield Violation(cd.number, stop.site_id, "sequence", **_say("starts_early"))


def rule_visit_length(trip: Trip) -> Iterator[Violation]:
    """A visit lasts at least the site's visit length."""
    for cd, stop, site in trip.visits():
        length = stop.end - stop.start
        if length + _TOL < dt.timedelta(minutes=site.visit_min):
            yield Violation(
                cd.number,
                stop.site_id,
                "visit",
                **_say("visit_short", took=round(length.total_seconds() / 60), need=site.visit_min),
            )


def rule_opening_hours(trip: Trip) -> Iterator[Violation]:
    """A visit lies within the site's opening hours on its date (public holidays included)."""
    for cd, stop, site in trip.visits():
        hours = open_intervals(site, stop.start.date())
        if not any(a0 <= stop.start and stop.end <= b0 for a0, b0 in hours):
            yield Violation(
                cd.number,
                stop.site_id,
                "hours",
                **_say(
                    "hours",
                    start=f"{stop.start:%H:%M}",
                    end=f"{stop.end:%H:%M}",
                    hours=_hours(site),
                    date=stop.start.date(),
                ),
            )


def rule_daylight(trip: Trip) -> Iterator[Violation]:
    """An outdoor site is visited between sunrise and sunset of its date at the site."""
    for cd, stop, site in trip.visits():
        if not site.outdoor:
            continue
        up, down = daylight(site.lat, site.lon, stop.start.date())
        if stop.start < up or stop.end > down:
            yield Violation(
                cd.number,
                stop.site_id,
                "daylight",
                **_say(
                    "daylight",
                    start=f"{stop.start:%H:%M}",
                    end=f"{stop.end:%H:%M}",
                    up=f"{up:%H:%M}",
                    down=f"{down:%H:%M}",
                    date=stop.start.date(),
                ),
            )


def rule_slot(trip: Trip) -> Iterator[Violation]:
    """A site with fixed excursion times is visited at one of them."""
    for cd, stop, site in trip.visits():
        if site.slots and stop.start.time() not in site.slots:
            yield Violation(
                cd.number,
                stop.site_id,
                "slot",
                **_say("slot", at=f"{stop.start:%H:%M}"),
            )


def rule_group_size(trip: Trip) -> Iterator[Violation]:
    """The group is not larger than the site admits."""
    g = trip.req.group_size
    for cd, stop, site in trip.visits():
        if site.max_group is not None and g > site.max_group:
            yield Violation(
                cd.number, stop.site_id, "group", **_say("group", group=g, max=site.max_group)
            )


def rule_age(trip: Trip) -> Iterator[Violation]:
    """The youngest visitor is old enough for the site."""
    age = trip.req.youngest_age
    for cd, stop, site in trip.visits():
        if age < site.min_age:
            yield Violation(
                cd.number, stop.site_id, "age", **_say("age", age=age, min=site.min_age)
            )


def rule_booking(trip: Trip) -> Iterator[Violation]:
    """Bookings made on ``booked_on`` are in time for the visit's date."""
    for cd, stop, site in trip.visits():
        if site.booking_days and trip.booked_on + dt.timedelta(days=site.booking_days) > cd.date:
            yield Violation(
                cd.number, stop.site_id, "booking", **_say("booking", days=site.booking_days)
            )


# --------------------------------------------------------------------------- days


def rule_day_window(trip: Trip) -> Iterator[Violation]:
    """A day leaves no earlier than ``day_start`` and is back by ``day_end``."""
    req = trip.req
    for cd in trip.checked:
        if not cd.day.legs:
            continue
        first, last = cd.day.legs[0].depart, cd.day.legs[-1].arrive
        if first < dt.datetime.combine(cd.date, req.day_start) - _TOL:
            yield Violation(
                cd.number,
                None,
                "day",
                **_say("day_early", at=f"{first:%H:%M}", limit=f"{req.day_start:%H:%M}"),
            )
        if last > dt.datetime.combine(cd.date, req.day_end) + _TOL:
            yield Violation(
                cd.number,
                None,
                "day",
                **_say("day_late", at=f"{last:%H:%M}", limit=f"{req.day_end:%H:%M}"),
            )


def rule_driving(trip: Trip) -> Iterator[Violation]:
    """A day's driving (the network's, for its legs) stays within ``max_drive_h``."""
    limit_h = trip.req.max_drive_h
    for cd in trip.checked:
        assert cd.matrix is not None
        drive_s = sum(
            int(cd.matrix.drive_s[cd.index[a], cd.index[b]])
            for _k, _leg, a, b in cd.moves()
            if cd.matrix.reachable[cd.index[a], cd.index[b]]
        )
        if drive_s > limit_h * 3600 + _TOL_S:
            yield Violation(
                cd.number,
                None,
                "drive",
                **_say("drive", hours=f"{drive_s / 3600:.1f}", limit=limit_h),
            )


def rule_lunch(trip: Trip) -> Iterator[Violation]:
    """A day that runs into the lunch window has a lunch of the requested length, starting in
    the window, overlapping no visit and no leg, at a place of that day."""
    lunch = trip.req.lunch
    if lunch is None or lunch.duration_min <= 0:
        return
    for cd in trip.checked:
        day = cd.day
        if not day.legs:
            continue
        lo = dt.datetime.combine(cd.date, lunch.earliest)
        hi = dt.datetime.combine(cd.date, lunch.latest)
        if day.legs[-1].arrive <= lo:
            continue
        if day.lunch_start is None or day.lunch_end is None:
            yield Violation(cd.number, None, "lunch", **_say("lunch_missing"))
            continue
        if not lo <= day.lunch_start <= hi:
            yield Violation(
                cd.number,
                None,
                "lunch",
                **_say(
                    "lunch_window",
                    at=f"{day.lunch_start:%H:%M}",
                    lo=f"{lunch.earliest:%H:%M}",
                    hi=f"{lunch.latest:%H:%M}",
                ),
            )
        if day.lunch_end - day.lunch_start < dt.timedelta(minutes=lunch.duration_min):
            yield Violation(cd.number, None, "lunch", **_say("lunch_short"))
        for s in day.stops:
            if s.start < day.lunch_end and day.lunch_start < s.end:
                yield Violation(cd.number, s.site_id, "lunch", **_say("lunch_overlap"))
        for leg in day.legs:  # lunch is taken at a place, never inside a drive
            if (
                leg.depart < leg.arrive
                and leg.depart < day.lunch_end
                and day.lunch_start < leg.arrive
            ):
                yield Violation(
                    cd.number,
                    None,
                    "lunch",
                    **_say(
                        "lunch_in_leg",
                        origin=leg.origin,
                        destination=leg.destination,
                        depart=f"{leg.depart:%H:%M}",
                        arrive=f"{leg.arrive:%H:%M}",
                    ),
                )
        stops_of_day = {day.start_place, day.end_place, *(s.site_id for s in day.stops)}
        if day.lunch_place is not None and day.lunch_place not in stops_of_day:
            yield Violation(cd.number, None, "lunch", **_say("lunch_place", place=day.lunch_place))


# --------------------------------------------------------------------------- the whole trip


def rule_must_visit(trip: Trip) -> Iterator[Violation]:
    """Every must-visit site is in the plan."""
    seen = {stop.site_id for _cd, stop, _site in trip.visits()}
    for sid in trip.req.must_visit:
        if sid not in seen:
            yield Violation(None, sid, "must_visit", **_say("must_visit"))


def rule_budget(trip: Trip) -> Iterator[Violation]:
    """Nights, fares and tickets per person stay within ``budget_rub``."""
    req = trip.req
    if req.budget_rub is None:
        return
    spent = sum(
        trip.catalog.lodgings[d.lodging].price_rub
        for d in trip.it.days
        if d.lodging is not None and d.lodging in trip.catalog.lodgings
    )
    for cd in trip.checked:
        assert cd.matrix is not None
        for _k, _leg, a, b in cd.moves():
            if cd.matrix.reachable[cd.index[a], cd.index[b]]:
                spent += int(cd.matrix.price_rub[cd.index[a], cd.index[b]])
    spent += sum(site.price_rub for _cd, _stop, site in trip.visits())
    if spent > req.budget_rub:
        yield Violation(
            None,
            None,
            "budget",
            **_say("budget", spent=spent, budget=req.budget_rub),
        )


def rule_quotas(trip: Trip) -> Iterator[Violation]:
    """Per-trip quotas (minimum and maximum) and per-day maxima hold (a per-day minimum is a
    soft target, reported by the planner)."""
    for q in trip.req.quotas:
        per_day = [
            sum(
                1
                for s in d.stops
                if (site := trip.catalog.sites.get(s.site_id)) is not None
                and site.category == q.category
            )
            for d in trip.it.days
        ]
        cat = q.category.value
        if q.per == "trip":
            total = sum(per_day)
            if q.max is not None and total > q.max:
                yield Violation(
                    None, None, "quota", **_say("quota_max", n=total, cat=cat, limit=q.max)
                )
            if q.min is not None and total < q.min:
                yield Violation(
                    None, None, "quota", **_say("quota_min", n=total, cat=cat, limit=q.min)
                )
        elif q.max is not None:
            for di, c in enumerate(per_day, 1):
                if c > q.max:
                    yield Violation(
                        di, None, "quota", **_say("quota_max", n=c, cat=cat, limit=q.max)
                    )


def rule_regulations(trip: Trip) -> Iterator[Violation]:
    """The transport regulations that cover the trip (``regulations.py``): no children's
    coach on the road at night, drivers' daily driving within its limit."""
    for di, place, rule_id, message in check_regulations(trip.it):
        yield Violation(di, place, rule_id, message)


#: Every rule, in the order its violations are listed.
RULES: tuple[Rule, ...] = (
    rule_day_count,
    rule_dates,
    rule_continuity,
    rule_end,
    rule_lodging,
    rule_leg_count,
    rule_known_places,
    rule_leg_places,
    rule_leg_figures,
    rule_leg_departure,
    rule_travel_time,
    rule_known_site,
    rule_positions,
    rule_once,
    rule_not_excluded,
    rule_stop_sequence,
    rule_visit_length,
    rule_opening_hours,
    rule_daylight,
    rule_slot,
    rule_group_size,
    rule_age,
    rule_booking,
    rule_day_window,
    rule_driving,
    rule_lunch,
    rule_regulations,
    rule_must_visit,
    rule_budget,
    rule_quotas,
)


def _known(network: Network, place: str) -> bool:
    try:
        network.anchor(place)
    except UnknownPlaceError:
        return False
    return True


def prepare(it: Itinerary, catalog: Catalog, network: Network) -> Trip:
    """The itinerary as the rules see it: the request's catalog and network, each day with its
    expected date and, when its legs match its stops, the travel matrix of its places."""
    req = it.scenario
    catalog = catalog.for_request(req)  # the request's own stops and visit lengths
    network = network.with_catalog(catalog)
    days = []
    for di, day in enumerate(it.days, 1):
        date = req.start_date + dt.timedelta(days=di - 1)
        seq = (day.start_place, *(s.site_id for s in day.stops), day.end_place)
        places = list(dict.fromkeys(seq))
        unknown = tuple(p for p in places if not _known(network, p))
        matrix, index = None, {}
        if len(day.legs) == len(seq) - 1 and not unknown:
            matrix = network.matrix(places, date, profile=req.profile, modes=req.modes)
            index = {p: i for i, p in enumerate(places)}
        days.append(CheckedDay(di, day, date, seq, matrix, index, unknown))
    booked_on = req.booked_on or dt.date.today()
    return Trip(it, req, catalog, network, booked_on, tuple(days))


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
        Empty when the itinerary is feasible. An itinerary marked infeasible is only checked
        for holding no days (rule ``status``).
    """
    if not it.feasible:
        if it.days:
            return [Violation(None, None, "status", **_say("status"))]
        return []
    trip = prepare(it, catalog, network)
    return [v for rule in RULES for v in rule(trip)]
