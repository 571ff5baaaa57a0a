"""Value types: catalog places, the trip request, and the routing problem the solver reads.

Everything here is immutable. Catalog places (:class:`Site`, :class:`Lodging`, :class:`Hub`)
carry units in their field names; the routing problem (:class:`Invalid`) is all integers
(seconds, metres, roubles) so that the solver never rounds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated, Literal

import numpy as np
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_serializer,
    field_validator,
    model_validator,
)

from .exceptions import Invalid, Plural, clip

__all__ = [
    "LINK_MODES",
    "PRIZE_SCALE",
    "Category",
    "CoordPrecision",
    "DaySpec",
    "EventOptions",
    "ExtraPlace",
    "HolidayPolicy",
    "Hub",
    "Invalid",
    "Lodging",
    "LunchSpec",
    "Mode",
    "Quota",
    "Site",
    "SolverSettings",
    "TripRequest",
    "Visit",
]


class Category(StrEnum):
    """Kind of site; drives icons, weights and quotas."""

    INDUSTRIAL = "industrial"
    ENERGY = "energy"
    FOOD = "food"
    MUSEUM = "museum"
    HERITAGE = "heritage"
    NATURE = "nature"
    CITY = "city"
    #: a dated event (``data/events.csv``): a stop that exists only on its dates
    EVENT = "event"


class Mode(StrEnum):
    """How a leg travels: on the road network (and the short connectors from a place to it), or
    over a link with a calendar of its own (ferries, the ice road, flights, trains, boats)."""

    ROAD = "road"
    CONNECTOR = "connector"
    FERRY = "ferry"
    ICE_ROAD = "ice_road"
    FLIGHT = "flight"
    RAIL = "rail"
    BOAT = "boat"


#: The link modes a request allows or forbids (each runs on its own calendar).
LINK_MODES: tuple[Mode, ...] = (Mode.FERRY, Mode.ICE_ROAD, Mode.FLIGHT, Mode.RAIL, Mode.BOAT)

#: Prize units per score point in the routing problem (scores have two decimals).
PRIZE_SCALE = 100

#: Longest trip a request (or a tour) may have, days.
MAX_DAYS = 21

#: Categories assessed with the industrial-tourism checklist.
CHECKLIST_CATEGORIES = frozenset({Category.INDUSTRIAL, Category.ENERGY, Category.FOOD})

#: Categories visited outdoors (viewpoints, monuments, walks); ``data/outdoor.csv`` overrides
#: single sites (an open-air museum, a station building).
OUTDOOR_CATEGORIES = frozenset({Category.NATURE, Category.HERITAGE, Category.CITY})


class CoordPrecision(StrEnum):
    """How well a coordinate pins the place (see ``docs/data.md``)."""

    POINT = "point"
    POI = "poi"
    SETTLEMENT = "settlement"
    TOWN_CENTRE = "town_centre"
    APPROX = "approx"
    ASSUMED = "assumed"


class HolidayPolicy(StrEnum):
    """What a site does on a Russian public holiday."""

    CLOSED = "closed"
    OPEN = "open"
    SUNDAY = "sunday"


@dataclass(frozen=True, slots=True)
class _Place:
    id: str
    name_ru: str
    name_en: str
    town: str
    lat: float
    lon: float
    coord_precision: CoordPrecision
    network_node: str | None
    source_url: str
    notes: str

    def name(self, lang: str = "ru") -> str:
        """Return the name in ``lang`` (``"ru"`` or ``"en"``)."""
        return self.name_en if lang == "en" else self.name_ru


@dataclass(frozen=True, slots=True)
class Site(_Place):
    """A place to visit: an enterprise, a dam, a museum, a viewpoint.

    Attributes
    ----------
    visit_min : int
        Typical visit length, minutes.
    opening_hours : str
        OpenStreetMap ``opening_hours`` expression (without ``PH``).
    public_holidays : HolidayPolicy
        Behaviour on Russian public holidays.
    booking_days : int
        Booking lead time, days.
    max_group : int or None
        Largest group accepted, ``None`` for no limit.
    min_age : int
        Youngest visitor allowed, years.
    slots : tuple of datetime.time
        Fixed excursion start times; empty means any time within opening hours.
    score : float
        Attractiveness 0..10 (checklist-based for industrial sites).
    defaults : frozenset of str
        Fields that hold planning defaults rather than sourced facts.
    source_date : str
        Date of the newest dated source the site's facts come from (``YYYY-MM-DD``,
        ``YYYY-MM`` or ``YYYY``); empty when no source is dated.
    outdoor : bool
        Visited outdoors, so only in daylight (from the category, or ``data/outdoor.csv``).
    assessed_on, assessed_by : date or None, str
        The latest readiness assessment of an enterprise, when its score comes from one
        (``None``: the score is an estimate or editorial).
    """

    category: Category = Category.CITY
    visit_min: int = 60
    opening_hours: str = "24/7"
    public_holidays: HolidayPolicy = HolidayPolicy.OPEN
    booking_days: int = 0
    max_group: int | None = None
    min_age: int = 0
    id_required: bool = False
    slots: tuple[dt.time, ...] = ()
    price_rub: int = 0
    base_score: float = 5.0
    score: float = 5.0
    checklist_coverage: float | None = None
    defaults: frozenset[str] = field(default_factory=frozenset)
    description_ru: str = ""
    description_en: str = ""
    source_date: str = ""
    outdoor: bool = False
    assessed_on: dt.date | None = None
    assessed_by: str = ""

    def description(self, lang: str = "ru") -> str:
        """Return the short description in ``lang``."""
        return self.description_en if lang == "en" else self.description_ru


@dataclass(frozen=True, slots=True)
class Lodging(_Place):
    """A place to stay overnight; ``price_rub`` is per person per night.

    ``price_year`` is the year of the price list the price comes from (``None`` when the
    source gives no year, or when the price is a planning default).
    """

    price_rub: int = 0
    check_in: dt.time = dt.time(14, 0)
    check_out: dt.time = dt.time(12, 0)
    defaults: frozenset[str] = field(default_factory=frozenset)
    price_year: int | None = None


@dataclass(frozen=True, slots=True)
class Hub(_Place):
    """A transport hub: airport, railway station, pier or bus station."""

    kind: str = "rail"


# --------------------------------------------------------------------------- trip request


def _local_time(v: object) -> object:
    """A local time: ``"HH:MM"`` (or a ``time`` without a time zone). YAML 1.1 reads an
    unquoted ``10:30`` as the number 630 (base 60), taken here as minutes after midnight."""
    if isinstance(v, bool):
        raise Invalid("err.model.time")
    if isinstance(v, int):
        if not 0 <= v < 24 * 60:
            raise Invalid("err.model.time")
        return dt.time(v // 60, v % 60)
    if isinstance(v, str):
        try:
            v = dt.time.fromisoformat(v.strip())
        except ValueError:
            raise Invalid("err.csv.hhmm", value=v[:20]) from None
    if not isinstance(v, dt.time) or v.tzinfo is not None:
        raise Invalid("err.model.time_local")
    return v


_HHMM = Annotated[dt.time, BeforeValidator(_local_time), Field(description="local time HH:MM")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class LunchSpec(_Strict):
    """A lunch break that must start inside ``[earliest, latest]`` and last ``duration_min``."""

    earliest: _HHMM = dt.time(12, 0)
    latest: _HHMM = dt.time(14, 30)
    duration_min: int = Field(45, ge=0, le=240)

    @model_validator(mode="after")
    def _order(self) -> LunchSpec:
        if self.latest < self.earliest:
            raise Invalid("err.model.lunch_order")
        return self


class Quota(_Strict):
    """A bound on the number of visits of a category, per day or over the trip."""

    category: Category
    per: Literal["day", "trip"] = "day"
    min: int | None = Field(None, ge=0)
    max: int | None = Field(None, ge=0)

    @model_validator(mode="after")
    def _bounds(self) -> Quota:
        if self.min is None and self.max is None:
            raise Invalid("err.model.quota_bounds")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise Invalid("err.model.quota_order")
        return self


class ExtraPlace(_Strict):
    """A stop that is not in the catalog (e.g. a tour's café or viewpoint), by coordinates."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str = Field(min_length=1, max_length=200)
    lat: float = Field(ge=50.0, le=62.5)
    lon: float = Field(ge=95.0, le=120.0)
    visit_min: int = Field(60, ge=1, le=24 * 60)

    def site(self) -> Site:
        """The place as a catalog site open at all hours, with no score."""
        return Site(
            id=self.id,
            name_ru=self.name,
            name_en=self.name,
            town="",
            lat=self.lat,
            lon=self.lon,
            coord_precision=CoordPrecision.POINT,
            network_node=None,
            source_url="trip request",
            notes="a stop given by coordinates",
            category=Category.CITY,
            visit_min=self.visit_min,
            opening_hours="24/7",
            public_holidays=HolidayPolicy.OPEN,
            base_score=0.0,
            score=0.0,
        )


#: OR-Tools first-solution strategies accepted by :class:`SolverSettings` (the names of
#: ``routing_enums_pb2.FirstSolutionStrategy`` that need no callback; a test keeps them in step
#: with the installed OR-Tools).
FIRST_SOLUTIONS = (
    "AUTOMATIC",
    "PATH_CHEAPEST_ARC",
    "PATH_MOST_CONSTRAINED_ARC",
    "SAVINGS",
    "PARALLEL_SAVINGS",
    "SWEEP",
    "CHRISTOFIDES",
    "ALL_UNPERFORMED",
    "BEST_INSERTION",
    "PARALLEL_CHEAPEST_INSERTION",
    "SEQUENTIAL_CHEAPEST_INSERTION",
    "LOCAL_CHEAPEST_INSERTION",
    "LOCAL_CHEAPEST_COST_INSERTION",
    "GLOBAL_CHEAPEST_ARC",
    "LOCAL_CHEAPEST_ARC",
    "FIRST_UNBOUND_MIN_VALUE",
)
#: OR-Tools local-search metaheuristics accepted by :class:`SolverSettings`.
METAHEURISTICS = (
    "AUTOMATIC",
    "GREEDY_DESCENT",
    "GUIDED_LOCAL_SEARCH",
    "SIMULATED_ANNEALING",
    "TABU_SEARCH",
    "GENERIC_TABU_SEARCH",
)


class EventOptions(_Strict):
    """Whether and how a trip takes in dated events (``data/events.csv``).

    Attributes
    ----------
    weight : float
        Multiplies the score of every event (the ``event`` category weight).
    require : tuple of str
        Event ids the trip must include; each must take place on the trip dates.
    """

    weight: float = Field(1.0, ge=0, le=100)
    require: tuple[str, ...] = ()


class SolverSettings(_Strict):
    """Search settings, shared by the CLI, the library, the web app and ``compare``.

    The same settings and seed give the same plan on any machine and under any load: the
    search stops on a *work budget* (see :mod:`routeplanner.solve`), not on the clock.

    Attributes
    ----------
    time_limit_s : float
        About how long the search runs on one core of a 2-core machine, seconds: it sets the
        work budget (``time_limit_s`` × ``routeplanner._ils.WORK_PER_S`` work units) and a
        wall-clock safety cap (10 × ``time_limit_s`` + 10 s; a search stopped by the cap is
        marked ``TIME_CAP`` and may differ between runs). Preparing the request (travel-time
        matrices) and explaining the drops come on top.
    max_solutions : int or None
        An optional, smaller work limit: at most 100 × ``max_solutions`` iterations of the
        search (for quick, reproducible runs in tests and comparisons).
    seed : int
        Seed of the randomised search.
    first_solution : str
        OR-Tools first-solution strategy, for the rare request whose first plan the greedy fill
        cannot make (a required visit it cannot place, a fixed order, a trip minimum).
    metaheuristic : str
        OR-Tools local search used in that same case when OR-Tools' first plan misses a
        required visit.
    lodging_search_s : float
        Search per lodging-sequence probe (``overnight: choose``), in seconds of the work
        budget; the probes together take at most half of it.
    """

    time_limit_s: float = Field(5.0, gt=0, le=3600)
    max_solutions: int | None = Field(None, ge=1)
    seed: int = Field(0, ge=0)
    first_solution: str = "PARALLEL_CHEAPEST_INSERTION"
    metaheuristic: str = "GUIDED_LOCAL_SEARCH"
    lodging_search_s: float = Field(
        0.03, gt=0, le=60, description="search per lodging-sequence probe, s of work"
    )

    @field_validator("first_solution", "metaheuristic")
    @classmethod
    def _strategy(cls, v: str, info: ValidationInfo) -> str:
        names = FIRST_SOLUTIONS if info.field_name == "first_solution" else METAHEURISTICS
        if v not in names:
            raise Invalid("err.model.strategy", value=str(v)[:60], known=", ".join(names))
        return v


#: The name of a request that gives none (an id: shown as «Маршрут» / "Trip", see
#: :meth:`TripRequest.title`).
UNNAMED_TRIP = "trip"


class TripRequest(_Strict):
    """What the user asks for: dates, places, limits, preferences.

    The same object is read from a scenario YAML file (:func:`routeplanner.load_scenario`).
    """

    name: str = Field(UNNAMED_TRIP, max_length=200)
    start_date: dt.date = Field(ge=dt.date(2000, 1, 1), le=dt.date(2100, 12, 31))
    days: int = Field(ge=1, le=MAX_DAYS)
    start: str = Field(description="lodging or hub id where the trip starts")
    end: str | None = Field(None, description="lodging or hub id where it ends (default: start)")
    day_start: _HHMM = dt.time(9, 0)
    day_end: _HHMM = dt.time(20, 0)
    max_drive_h: float = Field(8.0, gt=0, le=24)
    lunch: LunchSpec | None = Field(default_factory=LunchSpec)
    group_size: int = Field(10, ge=1, le=500)
    youngest_age: int = Field(18, ge=0, le=120)
    profile: Literal["car", "coach"] = "coach"
    modes: frozenset[Mode] = frozenset(LINK_MODES)
    must_visit: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    candidates: tuple[str, ...] | None = Field(
        None, description="restrict the candidate sites to these ids (default: whole catalog)"
    )
    visit_minutes: dict[str, int] = Field(
        default_factory=dict, description="visit length per site id, overriding the catalog"
    )
    extra_places: tuple[ExtraPlace, ...] = Field(
        (), description="stops that are not in the catalog, given by coordinates"
    )
    category_weights: dict[Category, float] = Field(default_factory=dict)
    events: EventOptions | None = Field(
        None, description="take in the dated events of data/events.csv (weight, require)"
    )
    quotas: tuple[Quota, ...] = ()
    overnight: Literal["base", "choose", "fixed"] = "base"
    lodging: str | None = Field(None, description="the fixed base lodging (overnight: base)")
    nights: tuple[str, ...] | None = Field(
        None, description="lodging id of each night, in order (overnight: fixed)"
    )
    lodging_towns: tuple[str, ...] | None = None
    budget_rub: int | None = Field(None, ge=0, description="per person, whole trip")
    booked_on: dt.date | None = Field(
        None, description="date the bookings are made (default: today); drives booking lead"
    )
    solver: SolverSettings = Field(default_factory=SolverSettings)

    @field_serializer("modes")
    def _modes_sorted(self, modes: frozenset[str]) -> list[str]:
        return sorted(modes)

    @field_validator("modes", mode="before")
    @classmethod
    def _link_modes(cls, v: object) -> object:
        if isinstance(v, str) or not hasattr(v, "__iter__"):
            return v  # pydantic reports the wrong type
        allowed = [m.value for m in LINK_MODES]
        for m in v:
            if m not in allowed:
                raise Invalid("err.model.mode", value=str(m)[:40], known=", ".join(allowed))
        return v

    @field_validator("visit_minutes")
    @classmethod
    def _visits(cls, v: dict[str, int]) -> dict[str, int]:
        for k, m in v.items():
            if not 1 <= m <= 24 * 60:
                raise Invalid("err.model.visit_length", site=clip(k, 80))
        return v

    @field_validator("category_weights")
    @classmethod
    def _weights(cls, v: dict[Category, float]) -> dict[Category, float]:
        for k, w in v.items():
            if not (0 <= w <= 100) or w != w:
                raise Invalid("err.model.weight", category=k)
        return v

    @model_validator(mode="after")
    def _check(self) -> TripRequest:
        if self.day_end <= self.day_start:
            raise Invalid("err.model.day_order")
        clash = set(self.must_visit) & set(self.exclude)
        if clash:
            raise Invalid("err.model.clash", ids=clip(", ".join(sorted(clash))))
        if len(set(self.must_visit)) != len(self.must_visit):
            raise Invalid("err.model.must_twice")
        if self.candidates is not None and len(set(self.candidates)) != len(self.candidates):
            # a repeated candidate would become two visits of one site
            raise Invalid("err.model.candidates_twice")
        if self.overnight == "fixed":
            if self.nights is None or len(self.nights) != self.days - 1:
                raise Invalid("err.model.nights", n=Plural(self.days - 1, "night"))
        elif self.nights is not None:
            raise Invalid("err.model.nights_unused")
        return self

    @property
    def dates(self) -> list[dt.date]:
        """The calendar dates of the trip, one per day."""
        return [self.start_date + dt.timedelta(days=i) for i in range(self.days)]

    @property
    def end_place(self) -> str:
        """The id where the trip ends."""
        return self.end or self.start

    @property
    def named(self) -> bool:
        """Whether the request has a name of its own (not the default id)."""
        return self.name.strip() not in ("", UNNAMED_TRIP)

    def title(self, lang: str = "ru") -> str:
        """The trip's name to show: its own, or «Маршрут» / "Trip" in ``lang`` when it has none
        (never the default id)."""
        from .i18n import t

        return self.name if self.named else t("trip", lang)

    def heading(self, lang: str = "ru") -> str:
        """«Маршрут: <name>» (or just «Маршрут» for a request without a name), in ``lang``."""
        from .i18n import t

        return f"{t('trip', lang)}: {self.name}" if self.named else t("trip", lang)


# --------------------------------------------------------------------------- routing problem


@dataclass(frozen=True, slots=True)
class Visit:
    """An optional (or required) visit in the routing problem.

    Attributes
    ----------
    key : str
        Caller's id (a site id, or a benchmark node number).
    location : int
        Row/column of the travel matrices.
    prize : int
        Score collected when visited (integer units).
    service_s : int
        Time spent at the visit, seconds.
    windows : tuple of (int, int)
        Allowed *start* times, absolute seconds since the trip's day 0 at 00:00, sorted and
        disjoint. A visit started in ``[a, b]`` fits its opening hours.
    days : frozenset of int or None
        Days (vehicle indices) allowed to perform it; ``None`` for any.
    required : bool
        Must be visited.
    price_rub : int
        Cost per person when visited.
    tags : frozenset of str
        Labels used by quotas (e.g. the category).
    """

    key: str
    location: int
    prize: int
    service_s: int
    windows: tuple[tuple[int, int], ...]
    days: frozenset[int] | None = None
    required: bool = False
    price_rub: int = 0
    tags: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class DaySpec:
    """One tour (one day of the trip, or one vehicle of a benchmark).

    Times are absolute seconds since day 0, 00:00.
    """

    start_location: int
    end_location: int
    earliest_start_s: int
    latest_end_s: int
    max_drive_s: int | None = None
    lunch_window_s: tuple[int, int] | None = None
    lunch_s: int = 0
    matrix: int = 0


@dataclass(frozen=True, slots=True)
class _QuotaRule:
    tag: str
    per: str
    min: int | None
    max: int | None


@dataclass(frozen=True)
class Problem:
    """The integer routing problem (team orienteering with time windows and side limits).

    Attributes
    ----------
    visits : tuple of Visit
    days : tuple of DaySpec
    durations_s : tuple of numpy.ndarray
        Travel time matrices (one per distinct day calendar), ``int64``, seconds;
        a negative entry marks an unreachable pair.
    drive_s : tuple of numpy.ndarray
        Driving part of each travel time (counts against ``max_drive_s``).
    costs_rub : tuple of numpy.ndarray or None
        Fare per person for each leg (flights, ferries).
    budget_rub : int or None
        Upper bound on the summed visit prices and fares per person.
    quotas : tuple
        Bounds on visits by tag, per day or per trip.
    prize_scale : int
        Integer prize units per score point (prizes are ``round(score * prize_scale)``).
    """

    visits: tuple[Visit, ...]
    days: tuple[DaySpec, ...]
    durations_s: tuple[np.ndarray, ...]
    drive_s: tuple[np.ndarray, ...] | None = None
    costs_rub: tuple[np.ndarray, ...] | None = None
    budget_rub: int | None = None
    quotas: tuple[_QuotaRule, ...] = ()
    prize_scale: int = 1
    location_keys: tuple[str, ...] = ()
    #: ``(i, j)``: visit ``i`` comes before visit ``j`` on the same day (both required).
    precedences: tuple[tuple[int, int], ...] = ()

    def __post_init__(self) -> None:
        n = self.durations_s[0].shape[0] if self.durations_s else 0
        for m in self.durations_s:
            if m.shape != (n, n):
                raise ValueError("every duration matrix must be square and of the same size")
        for v in self.visits:
            if not 0 <= v.location < n:
                raise ValueError(f"visit {v.key}: location {v.location} outside the matrix")
            if v.service_s < 0 or v.prize < 0:
                raise ValueError(f"visit {v.key}: negative service time or prize")
            prev = None
            for a, b in v.windows:
                if a > b or (prev is not None and a <= prev):
                    raise ValueError(f"visit {v.key}: windows must be sorted, disjoint, a <= b")
                prev = b
        for i, j in self.precedences:
            if not (0 <= i < len(self.visits) and 0 <= j < len(self.visits)) or i == j:
                raise ValueError(f"precedence ({i}, {j}) names no pair of visits")
            if not (self.visits[i].required and self.visits[j].required):
                raise ValueError("precedences are only supported between required visits")
        if self.budget_rub is not None and self.budget_rub < 0:
            raise ValueError("the budget must not be negative")
        for d in self.days:
            if d.latest_end_s < d.earliest_start_s:
                raise ValueError("a day ends before it starts")
            if not (0 <= d.start_location < n and 0 <= d.end_location < n):
                raise ValueError("a day's start or end lies outside the matrix")
            if not 0 <= d.matrix < len(self.durations_s):
                raise ValueError("a day names a matrix that does not exist")
