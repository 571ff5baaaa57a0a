"""Tour costing as agencies do it: services as bricks, a price per person for each group size.

The calculation for a planned itinerary adds up, for a group of *n* tourists:

- **vehicle hire** with driver for each day, from the day's first departure to its last arrival
  (at least the vehicle's minimum hours): driving hours and the driver's idle hours (while the
  group visits, waits or lunches) at their hourly rates, and the kilometres driven; the smallest
  vehicle of the trip's profile that seats the group and its guides, or several of the largest;
  a driver's room for each night away from the start lodging;
- a **guide** per day (one per ``guide_max_group`` tourists);
- **tickets** of each visit, **fares** of ferries, trains and flights, **nights** at each lodging
  and **meals** (lunch on each day with a lunch, dinner each night), times *n*;
- the agency's **margin** on that net cost.

The price per person is the net cost plus the margin, divided by *n* and rounded up to the
rouble; the margin line takes the rounding, so that **price per person × n = the sum of the
service lines + the margin** exactly. Each line says whether its rate is sourced (with its year
or source date) or a planning default. Rates live in ``data/costing.yaml`` (:func:`load_rates`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .catalog import Catalog
from .exceptions import (
    CatalogError,
    Invalid,
    Msg,
    Plural,
    ScenarioError,
    clip,
    pydantic_issues,
)
from .result import Itinerary
from .scenario import load_yaml
from .settings import default_data_dir
from .spreadsheet import Table

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "COSTING_FILE",
    "CostLine",
    "Costing",
    "PriceBreak",
    "Rate",
    "Rates",
    "Vehicle",
    "load_rates",
    "tour_costing",
]

#: The rates file in a data folder.
COSTING_FILE = "costing.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class _Sourced(_Strict):
    year: int = Field(ge=1990, le=2100)
    source_url: str | None = None
    default: bool = False
    note: str = ""

    @model_validator(mode="after")
    def _provenance(self) -> _Sourced:
        if bool(self.source_url) == self.default:
            raise Invalid("err.cost.provenance")
        return self


class Rate(_Sourced):
    """A rate with its year and its source (or the planning-default flag)."""

    value: float = Field(ge=0)


class Vehicle(_Sourced):
    """A vehicle with driver, hired by the hour (driving and idle) and by the kilometre."""

    id: str
    name_ru: str
    name_en: str
    seats: int = Field(gt=0)
    per_hour_rub: float = Field(ge=0)
    idle_per_hour_rub: float = Field(ge=0)
    per_km_rub: float = Field(ge=0)
    min_hours: float = Field(ge=0, le=24)

    def name(self, lang: str = "ru") -> str:
        """The vehicle's name in ``lang``."""
        return self.name_en if lang == "en" else self.name_ru


_RATE_KEYS = (
    "margin_pct",
    "guide_per_day_rub",
    "guide_max_group",
    "lunch_rub",
    "dinner_rub",
    "driver_night_rub",
)


class Rates(_Strict):
    """The rates file: price breaks, rates and vehicles per transport profile."""

    group_breaks: tuple[int, ...] = Field(min_length=1)
    rates: dict[str, Rate]
    vehicles: dict[Literal["car", "coach"], tuple[Vehicle, ...]]

    @model_validator(mode="after")
    def _complete(self) -> Rates:
        missing = [k for k in _RATE_KEYS if k not in self.rates]
        if missing:
            raise Invalid("err.cost.missing", keys=", ".join(missing))
        unknown = sorted(set(self.rates) - set(_RATE_KEYS))
        if unknown:
            raise Invalid(
                "err.cost.unknown", keys=clip(", ".join(unknown)), known=", ".join(_RATE_KEYS)
            )
        if any(n <= 0 for n in self.group_breaks):
            raise Invalid("err.cost.breaks")
        if self.rates["guide_max_group"].value < 1:
            raise Invalid("err.cost.guide")
        for profile in ("car", "coach"):
            if not self.vehicles.get(profile):
                raise Invalid("err.cost.vehicle", profile=profile)
        return self

    def rate(self, key: str) -> Rate:
        """The rate ``key`` (one of ``margin_pct``, ``guide_per_day_rub``, …)."""
        return self.rates[key]


def load_rates(path: Path | str | None = None) -> Rates:
    """Read the rates file (default: ``costing.yaml`` in the built-in data folder).

    Raises
    ------
    CatalogError
        The file cannot be read, or a key is missing or invalid (file and key named).
    """
    p = Path(path) if path is not None else default_data_dir() / COSTING_FILE
    try:
        raw = load_yaml(p)
    except ScenarioError as err:
        raise CatalogError(err.issues) from err
    try:
        return Rates.model_validate(raw)
    except ValidationError as err:
        issues = pydantic_issues(err.errors(), str(p))
        title = Msg("err.cost.title", {"file": p, "n": Plural(len(issues), "problem")})
        raise CatalogError(issues, title=title) from err


# --------------------------------------------------------------------------- the calculation


@dataclass(frozen=True)
class CostLine:
    """One service line of the calculation (whole roubles).

    Attributes
    ----------
    kind : str
        ``vehicle_drive``, ``vehicle_idle``, ``vehicle_km``, ``vehicle_min`` (hours billed up to
        the minimum), ``driver_night``, ``guide``, ``ticket``, ``fare``, ``lodging``, ``lunch``
        or ``dinner``.
    item_ru, item_en : str
        What is bought: a site, a lodging, a vehicle, a leg.
    day : int or None
        The day (1-based) it belongs to; ``None`` for trip-wide lines.
    quantity : float
        Units bought (hours, km, persons × nights, persons, days).
    unit : str
        ``h``, ``km``, ``person``, ``night``, ``day``.
    unit_rub : float
        Price of one unit.
    total_rub : int
        ``quantity × unit_rub`` rounded to the rouble.
    default : bool
        The price is a planning default, not a sourced fact.
    year : str
        Year of the price or date of its source ('' when unknown).
    """

    kind: str
    item_ru: str
    item_en: str
    day: int | None
    quantity: float
    unit: str
    unit_rub: float
    total_rub: int
    default: bool
    year: str = ""

    def item(self, lang: str = "ru") -> str:
        """What is bought, in ``lang``."""
        return self.item_en if lang == "en" else self.item_ru


@dataclass(frozen=True)
class PriceBreak:
    """The calculation for one group size.

    ``per_person_rub × group_size == net_rub + margin_rub == total_rub``.
    """

    group_size: int
    guides: int
    vehicle: Vehicle
    vehicles: int
    lines: tuple[CostLine, ...]
    net_rub: int
    margin_pct: float
    margin_rub: int
    per_person_rub: int

    @property
    def total_rub(self) -> int:
        """What the group pays in all."""
        return self.per_person_rub * self.group_size


@dataclass(frozen=True)
class Costing:
    """The tour's calculation for each group size (price breaks), smallest group first."""

    breaks: tuple[PriceBreak, ...]
    defaults_used: bool = field(default=False)

    def for_group(self, n: int) -> PriceBreak:
        """The break for a group of ``n``."""
        for b in self.breaks:
            if b.group_size == n:
                return b
        raise KeyError(n)

    def to_frame(self) -> pd.DataFrame:
        """Every line of every break, then its margin and total (:meth:`to_table`)."""
        return self.to_table().to_frame()

    def to_table(self) -> Table:
        """Every line of every break, then its margin and total, as a table.

        Columns: ``group_size``, ``kind``, ``day``, ``item_ru``, ``item_en``, ``quantity``,
        ``unit``, ``unit_rub``, ``total_rub``, ``default``, ``year``. Each break ends with a
        ``margin`` row (``quantity`` = the margin in %) and a ``total`` row whose ``unit_rub``
        is the price per person.
        """
        rows: list[dict[str, Any]] = []
        for b in self.breaks:
            for x in b.lines:
                rows.append({"group_size": b.group_size, **x.__dict__})
            margin = _summary_row("margin", b.margin_pct, "%", b.margin_rub)
            total = _summary_row("total", b.group_size, "person", b.total_rub)
            total["unit_rub"] = b.per_person_rub
            rows.append({"group_size": b.group_size, **margin})
            rows.append({"group_size": b.group_size, **total})
        return Table.from_records(rows)


def _summary_row(kind: str, quantity: float, unit: str, total: int) -> dict[str, Any]:
    return {
        "kind": kind,
        "item_ru": "",
        "item_en": "",
        "day": None,
        "quantity": quantity,
        "unit": unit,
        "unit_rub": None,
        "total_rub": total,
        "default": False,
        "year": "",
    }


def _rub(x: float) -> int:
    return round(x)


def _vehicles_for(vehicles: Sequence[Vehicle], seats: int) -> tuple[Vehicle, int]:
    for v in vehicles:
        if v.seats >= seats:
            return v, 1
    big = max(vehicles, key=lambda v: v.seats)
    return big, math.ceil(seats / big.seats)


def _day_usage(it: Itinerary) -> list[tuple[float, float, float]]:
    """Per day: hired hours (first departure to last arrival), driving hours, km driven."""
    out = []
    for d in it.days:
        if not d.legs:
            out.append((0.0, 0.0, 0.0))
            continue
        span = (d.legs[-1].arrive - d.legs[0].depart).total_seconds() / 3600
        drive = sum(leg.drive_min for leg in d.legs) / 60
        km = sum(leg.distance_km for leg in d.legs if leg.drive_min > 0)
        out.append((span, drive, km))
    return out


def _break(
    it: Itinerary,
    catalog: Catalog,
    rates: Rates,
    n: int,
) -> PriceBreak:
    req = it.scenario
    r = rates.rate
    guides = math.ceil(n / r("guide_max_group").value)
    vehicle, count = _vehicles_for(rates.vehicles[req.profile], n + guides)
    vyear = str(vehicle.year)
    lines: list[CostLine] = []

    def add(
        kind: str,
        item: tuple[str, str],
        day: int | None,
        qty: float,
        unit: str,
        price: float,
        default: bool,
        year: str,
    ) -> None:
        if qty <= 0 or price <= 0:  # free entries and unused services are not lines
            return
        lines.append(
            CostLine(
                kind,
                item[0],
                item[1],
                day,
                round(qty, 3),
                unit,
                price,
                _rub(qty * price),
                default,
                year,
            )
        )

    vname = (
        f"{vehicle.name_ru} × {count}" if count > 1 else vehicle.name_ru,
        f"{vehicle.name_en} × {count}" if count > 1 else vehicle.name_en,
    )
    for k, (span, drive, km) in enumerate(_day_usage(it), start=1):
        if span <= 0:
            continue
        idle = max(span - drive, 0.0)
        extra = max(vehicle.min_hours - span, 0.0)  # billed up to the minimum order
        add(
            "vehicle_drive",
            vname,
            k,
            drive * count,
            "h",
            vehicle.per_hour_rub,
            vehicle.default,
            vyear,
        )
        add(
            "vehicle_idle",
            vname,
            k,
            idle * count,
            "h",
            vehicle.idle_per_hour_rub,
            vehicle.default,
            vyear,
        )
        add(
            "vehicle_min",
            vname,
            k,
            extra * count,
            "h",
            vehicle.idle_per_hour_rub,
            vehicle.default,
            vyear,
        )
        add("vehicle_km", vname, k, km * count, "km", vehicle.per_km_rub, vehicle.default, vyear)

    guide = r("guide_per_day_rub")
    for k, d in enumerate(it.days, start=1):
        if d.legs:
            add(
                "guide",
                ("Гид-сопровождающий", "Guide"),
                k,
                guides,
                "day",
                guide.value,
                guide.default,
                str(guide.year),
            )

    for k, d in enumerate(it.days, start=1):
        for s in d.stops:
            site = catalog.sites.get(s.site_id)
            default = site is None or "price_rub" in site.defaults
            year = "" if site is None or default else site.source_date
            add("ticket", (s.name, s.name_en or s.name), k, n, "person", s.price_rub, default, year)
        for leg in d.legs:
            if leg.price_rub:
                a, b = _names(catalog, leg.origin), _names(catalog, leg.destination)
                add(
                    "fare",
                    (f"{a[0]} — {b[0]}", f"{a[1]} — {b[1]}"),
                    k,
                    n,
                    "person",
                    leg.price_rub,
                    False,
                    "",
                )
        lunch = r("lunch_rub")
        if d.lunch_start is not None:
            add(
                "lunch",
                ("Обед", "Lunch"),
                k,
                n,
                "person",
                lunch.value,
                lunch.default,
                str(lunch.year),
            )

    dinner, driver = r("dinner_rub"), r("driver_night_rub")
    for k, d in enumerate(it.days, start=1):
        if not d.lodging:
            continue
        lodging = catalog.lodgings.get(d.lodging)
        price = lodging.price_rub if lodging else 0
        default = lodging is None or "price_rub" in lodging.defaults
        year = "" if lodging is None or lodging.price_year is None else str(lodging.price_year)
        name = (lodging.name_ru, lodging.name_en) if lodging else (d.lodging, d.lodging)
        add("lodging", name, k, n, "person", price, default, year)
        add(
            "dinner",
            ("Ужин", "Dinner"),
            k,
            n,
            "person",
            dinner.value,
            dinner.default,
            str(dinner.year),
        )
        if d.lodging != req.start:
            add(
                "driver_night",
                vname,
                k,
                count,
                "night",
                driver.value,
                driver.default,
                str(driver.year),
            )

    net = sum(x.total_rub for x in lines)
    pct = r("margin_pct").value
    per_person = math.ceil(net * (1 + pct / 100) / n - 1e-9)
    return PriceBreak(
        group_size=n,
        guides=guides,
        vehicle=vehicle,
        vehicles=count,
        lines=tuple(lines),
        net_rub=net,
        margin_pct=pct,
        margin_rub=per_person * n - net,
        per_person_rub=per_person,
    )


def _names(catalog: Catalog, place_id: str) -> tuple[str, str]:
    if place_id in catalog:
        p = catalog.place(place_id)
        return p.name_ru, p.name_en
    return place_id, place_id


def tour_costing(
    itinerary: Itinerary,
    catalog: Catalog,
    rates: Rates | None = None,
    *,
    group_sizes: Iterable[int] | None = None,
) -> Costing:
    """Calculate the tour's price per person for each group size.

    Parameters
    ----------
    itinerary : Itinerary
        A planned trip (its times, distances, stops, fares and nights are used as planned).
    catalog : Catalog
        Gives ticket and lodging prices' provenance (defaults, source dates, price years).
    rates : Rates, optional
        Default: :func:`load_rates` of the built-in data.
    group_sizes : iterable of int, optional
        Default: the rates' ``group_breaks`` and the request's group size.

    Returns
    -------
    Costing
        One :class:`PriceBreak` per group size, smallest first.
    """
    rates = rates or load_rates()
    sizes = (
        set(group_sizes)
        if group_sizes is not None
        else {*rates.group_breaks, itinerary.scenario.group_size}
    )
    breaks = tuple(_break(itinerary, catalog, rates, n) for n in sorted(sizes) if n > 0)
    used = any(x.default for b in breaks for x in b.lines) or rates.rate("margin_pct").default
    return Costing(breaks=breaks, defaults_used=used)
