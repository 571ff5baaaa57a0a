"""Test data shared by the test files (the one place for builders): the city candidates and a
request around them, a two-day plan built by hand, a hostile catalog and random
team-orienteering problems."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

from routeplanner.catalog import Catalog
from routeplanner.model import DaySpec, Problem, TripRequest, Visit
from routeplanner.result import Day, Dropped, Itinerary, Leg, Stop, compute_kpis
from routeplanner.settings import TIMEZONE

#: Eight sites of Irkutsk itself, for quick one- or two-day requests by car.
CITY = [
    "irkutsk_hpp",
    "icebreaker_angara",
    "irkutsk_regional_museum",
    "znamensky_monastery",
    "volkonsky_house",
    "baikalkvartssamotsvety",
    "kolchak_monument",
    "spasskaya_church_irkutsk",
]
#: A Tuesday in June 2027 (no public holiday).
TUESDAY = dt.date(2027, 6, 15)

EVIL = "<script>alert(1)</script>"
EVIL_EN = "`${alert(2)}` <b>bold</b> \\u0041"
SRC = Path(__file__).resolve().parents[1] / "src" / "routeplanner"
TZ = ZoneInfo(TIMEZONE)


def city_request(**kw: Any) -> TripRequest:
    """A one-day request by car from the Irkut hotel over :data:`CITY` under a work limit
    (``max_solutions`` 60: the same plan on any machine); ``kw`` overrides any key."""
    base: dict[str, Any] = dict(
        name="test",
        start_date=TUESDAY,
        days=1,
        start="lodging_irkutsk_irkut",
        lodging="lodging_irkutsk_irkut",
        candidates=CITY,
        group_size=10,
        youngest_age=20,
        profile="car",
        booked_on=dt.date(2027, 5, 1),
        solver={"time_limit_s": 3, "max_solutions": 60},
    )
    return TripRequest.model_validate(base | kw)


def evil_catalog(catalog: Catalog) -> Catalog:
    """The built-in catalog plus ``evil_site``: a copy of the icebreaker with hostile text."""
    base = catalog.sites["icebreaker_angara"]
    evil = dataclasses.replace(
        base,
        id="evil_site",
        name_ru=EVIL,
        name_en=EVIL_EN,
        description_ru=EVIL,
        description_en=EVIL_EN,
        town="<i>town</i>",
    )
    return catalog.with_sites([evil])


def hand_itinerary(catalog: Catalog) -> Itinerary:
    """A two-day plan built by hand: a night at a lodging, a hostile name, a dropped site."""
    lodging = catalog.lodgings["lodging_irkutsk_irkut"]
    sites = catalog.sites

    def stop(sid: str, day: dt.date, arrive: str, start: str, end: str) -> Stop:
        s = sites[sid]

        def at(hm: str) -> dt.datetime:
            return dt.datetime.combine(day, dt.time.fromisoformat(hm))

        return Stop(
            sid,
            s.name_ru,
            s.name_en,
            s.category.value,
            s.lat,
            s.lon,
            at(arrive),
            at(start),
            at(end),
            s.score,
            s.price_rub,
        )

    def leg(
        a: tuple[str, float, float],
        b: tuple[str, float, float],
        dep: dt.datetime,
        arr: dt.datetime,
        mode: str = "road",
    ) -> Leg:
        mid = ((a[1] + b[1]) / 2 + 0.01, (a[2] + b[2]) / 2 - 0.01)
        minutes = int((arr - dep).total_seconds() // 60)
        return Leg(
            a[0],
            b[0],
            mode,
            ("connector", mode),
            dep,
            arr,
            minutes,
            12.5,
            minutes,
            150 if mode == "ferry" else 0,
            (a[0], "node", b[0]),
            ((a[1], a[2]), mid, (b[1], b[2])),
        )

    d1, d2 = dt.date(2027, 6, 15), dt.date(2027, 6, 16)
    home = (lodging.id, lodging.lat, lodging.lon)
    s11 = stop("irkutsk_hpp", d1, "09:50", "10:00", "11:30")
    s12 = stop("evil_site", d1, "12:00", "12:00", "13:00")
    s21 = stop("volkonsky_house", d2, "10:00", "10:00", "11:30")
    s22 = stop("icebreaker_angara", d2, "12:00", "12:15", "13:15")

    def place(s: Stop) -> tuple[str, float, float]:
        return (s.site_id, s.lat, s.lon)

    def t(day: dt.date, hm: str) -> dt.datetime:
        return dt.datetime.combine(day, dt.time.fromisoformat(hm))

    day1 = Day(
        d1,
        home[0],
        home[0],
        (s11, s12),
        (
            leg(home, place(s11), t(d1, "09:20"), s11.arrive),
            leg(place(s11), place(s12), s11.end, s12.arrive),
            leg(place(s12), home, s12.end, t(d1, "14:45")),
        ),
        t(d1, "13:00"),
        t(d1, "14:00"),
        home[0],
    )
    day2 = Day(
        d2,
        home[0],
        home[0],
        (s21, s22),
        (
            leg(home, place(s21), t(d2, "09:40"), s21.arrive),
            leg(place(s21), place(s22), s21.end, s22.arrive, "ferry"),
            leg(place(s22), home, s22.end, t(d2, "13:40")),
        ),
    )
    request = TripRequest(
        name=f"Тест {EVIL}",
        start_date=d1,
        days=2,
        start=home[0],
        lodging=home[0],
    )
    it = Itinerary(
        scenario=request,
        feasible=True,
        days=[day1, day2],
        dropped=[
            Dropped(
                "taltsy_museum",
                sites["taltsy_museum"].name_ru,
                f"closed {EVIL}",
                sites["taltsy_museum"].name_en,
            )
        ],
        solver={"status": "ROUTING_SUCCESS"},
    )
    it.kpis = compute_kpis(it, {lodging.id: lodging.price_rub})
    return it


def random_toptw(n: int = 40, m: int = 2, seed: int = 1, tmax: int = 230) -> Problem:
    """``n`` visits with random points, prizes, services and one window each; ``m`` days."""
    rng = random.Random(seed)
    pts = [(50.0, 50.0)] + [(rng.uniform(0, 100), rng.uniform(0, 100)) for _ in range(n)]
    xy = np.array(pts)
    dur = np.floor(np.sqrt(((xy[:, None] - xy[None]) ** 2).sum(-1))).astype(np.int64)
    visits = []
    for i in range(1, n + 1):
        a = rng.randint(0, tmax // 2)
        visits.append(
            Visit(
                key=str(i),
                location=i,
                prize=rng.randint(1, 30),
                service_s=rng.randint(2, 10),
                windows=((a, a + rng.randint(20, 120)),),
            )
        )
    days = tuple(DaySpec(0, 0, 0, tmax) for _ in range(m))
    return Problem(visits=tuple(visits), days=days, durations_s=(dur,))


#: A one-day Irkutsk product with four candidates, two of them enterprises with capacity.
SEASON_PRODUCT = """\
name: "Test day"
start_date: 2027-06-15
days: 1
start: lodging_irkutsk_irkut
group_size: 10
youngest_age: 20
profile: car
candidates: [irkutsk_hpp, baikalkvartssamotsvety, icebreaker_angara, volkonsky_house]
category_weights: {energy: 2.0, industrial: 2.0}
booked_on: 2027-05-01
solver: {time_limit_s: 20, max_solutions: 8, seed: 1}
"""


def season_file(folder: Path, body: str, *, product: str = SEASON_PRODUCT) -> Path:
    """Write ``day.yaml`` (the product) and ``season.yaml`` (``body``) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "day.yaml").write_text(product, encoding="utf-8")
    path = folder / "season.yaml"
    path.write_text(body, encoding="utf-8")
    return path


#: Three groups on the same Tuesday: the HPP takes two a day (one per tour time), so one of
#: them cannot have it.
CROWDED_SEASON = """\
name: crowded
products:
  day:
    file: day.yaml
    season: {from: 2027-06-01, to: 2027-06-30}
departures:
  - {product: day, date: 2027-06-15, id: a}
  - {product: day, date: 2027-06-15, id: b, group_size: 12}
  - {product: day, date: 2027-06-15, id: c}
  - {product: day, date: 2027-06-22, id: d}
"""
