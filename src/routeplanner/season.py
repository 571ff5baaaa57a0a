"""Season files: trip products and their departures, read and checked before any planning.

A *season file* (YAML) names the products an agency sells (each a scenario file, with the
dates it is sold and any keys that override the scenario) and the departures of the season,
given one by one or by a weekly rule::

    name: "Summer 2027"
    products:
      industrial:
        file: ../scenarios/industrial_3day.yaml   # relative to this file
        season: {from: 2027-06-01, to: 2027-09-30}
        solver: {max_solutions: 20}               # any scenario key overrides the file
    departures:
      - {product: industrial, date: 2027-06-15, group_size: 14}
      - {product: industrial, every: [tue, sat], from: 2027-06-15, to: 2027-09-15}
    fairness: 0.8          # optional: no departure below 80 % of its solo plan's score

Every problem is reported together, each naming the file, the line and the key
(``departures[3].product``); a departure whose trip leaves its product's season, an unknown
product, or a product that must visit a site with a capacity of 0 is refused.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .catalog import Catalog
from .compare import deep_merge
from .exceptions import Invalid, Issue, Msg, Plural, ScenarioError, clip
from .i18n import weekday_number
from .model import TripRequest
from .scenario import load_yaml, request_from_dict

__all__ = [
    "Departure",
    "Product",
    "SeasonSpec",
    "load_season",
    "season_from_dict",
]

#: At most this many departures in one season (each is planned several times).
MAX_DEPARTURES = 500

_TOP_KEYS = {"name", "products", "departures", "fairness", "booked_on", "solver", "improve"}
_PRODUCT_KEYS = {"file", "season"}
_DEPARTURE_KEYS = {"product", "date", "every", "from", "to", "group_size", "youngest_age", "id"}
_IMPROVE_KEYS = {"passes", "max_holders"}
_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,79}")


@dataclass(frozen=True)
class Product:
    """A trip product: a scenario sold between two dates.

    Attributes
    ----------
    name : str
        The product's key in the season file.
    request : TripRequest
        The scenario with the product's overrides (its ``start_date`` is replaced per
        departure).
    season : (date, date)
        First and last date a trip of this product may run on (inclusive).
    """

    name: str
    request: TripRequest
    season: tuple[dt.date, dt.date]


@dataclass(frozen=True)
class Departure:
    """One departure of a product: the request to plan and where it was given.

    Attributes
    ----------
    id : str
        Unique in the season (``<product>-<YYYY-MM-DD>`` unless given).
    product : str
    request : TripRequest
        Ready to plan: the product's request on the departure's date, with its group.
    line : int or None
        Line of the season file where the departure (or its rule) is given.
    """

    id: str
    product: str
    request: TripRequest
    line: int | None = None

    @property
    def dates(self) -> list[dt.date]:
        """The calendar dates of the trip."""
        return self.request.dates


@dataclass(frozen=True)
class SeasonSpec:
    """A checked season file.

    Attributes
    ----------
    name : str
    products : dict of str to Product
    departures : tuple of Departure
        In date order (then by id).
    fairness : float or None
        Share (0–1) of its solo score that every departure should keep.
    improve_passes : int
        Rounds of re-planning the departures that lost most.
    max_holders : int
        Departures displaced at most by one re-planning move.
    source : str
        The season file.
    """

    name: str
    products: dict[str, Product]
    departures: tuple[Departure, ...]
    fairness: float | None = None
    improve_passes: int = 3
    max_holders: int = 3
    source: str = "season"

    def departure(self, dep_id: str) -> Departure:
        """The departure with ``dep_id`` (KeyError when unknown)."""
        for d in self.departures:
            if d.id == dep_id:
                return d
        raise KeyError(dep_id)


def _as_date(x: Any, what: str) -> dt.date:
    if isinstance(x, dt.datetime):
        return x.date()
    if isinstance(x, dt.date):
        return x
    try:
        return dt.date.fromisoformat(str(x))
    except ValueError:
        raise Invalid("err.season.date", what=what, value=clip(x, 80)) from None


def _weekdays(raw: Any) -> set[int]:
    items = raw if isinstance(raw, list) else str(raw).replace(",", " ").split()
    if not items:
        raise Invalid("err.season.every")
    out = set()
    for w in items:
        day = weekday_number(w)
        if day is None:
            raise Invalid("err.var.weekday", value=clip(w, 40))
        out.add(day)
    return out


def _lines(text: str) -> dict[tuple[Any, ...], int]:
    """Line numbers (1-based) of the season file's products and departures."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    out: dict[tuple[Any, ...], int] = {}
    if not isinstance(root, yaml.MappingNode):
        return out
    for key, value in root.value:
        name = key.value
        out[(name,)] = key.start_mark.line + 1
        if name == "departures" and isinstance(value, yaml.SequenceNode):
            for i, item in enumerate(value.value):
                out[("departures", i)] = item.start_mark.line + 1
        if name == "products" and isinstance(value, yaml.MappingNode):
            for k, _v in value.value:
                out[("products", k.value)] = k.start_mark.line + 1
    return out


def _product(
    name: str,
    raw: Any,
    common: dict[str, Any],
    source: str,
    line: int | None,
    base_dir: Path | None,
    issues: list[Issue],
) -> Product | None:
    where = f"products.{name}"
    if not isinstance(raw, Mapping):
        issues.append(Issue(source, line, where, Msg("err.season.product")))
        return None
    raw = dict(raw)
    ref = raw.pop("file", None)
    season = raw.pop("season", None)
    body: dict[str, Any] = {}
    if ref is not None:
        if not isinstance(ref, str):
            issues.append(Issue(source, line, f"{where}.file", Msg("err.var.path")))
            return None
        path = Path(ref)
        if not path.is_absolute() and base_dir is not None:
            path = base_dir / path
        try:
            loaded = load_yaml(path)
        except ScenarioError as err:
            issues.extend(err.issues)
            return None
        if not isinstance(loaded, Mapping):
            issues.append(Issue(str(path), None, None, Msg("err.scenario_not_mapping")))
            return None
        trip = loaded.get("trip")
        body = dict(trip) if isinstance(trip, Mapping) else dict(loaded)
    body = deep_merge(deep_merge(body, raw), common)
    if not isinstance(season, Mapping) or "from" not in season or "to" not in season:
        issues.append(Issue(source, line, f"{where}.season", Msg("err.season.sold")))
        return None
    try:
        first = _as_date(season["from"], "season.from")
        last = _as_date(season["to"], "season.to")
        if last < first:
            raise Invalid("err.season.order")
    except ValueError as err:
        issues.append(Issue(source, line, f"{where}.season", err))
        return None
    try:
        request = request_from_dict(body, source=f"{source}: product '{name}'")
    except ScenarioError as err:
        issues.extend(
            Issue(source, line, f"{where}.{i.field}" if i.field else where, i.msg or i.message)
            for i in err.issues
        )
        return None
    return Product(name, request, (first, last))


def _expand(entry: Mapping[str, Any]) -> list[dt.date]:
    """The start dates a departure entry gives (raises ValueError for the user)."""
    has_date = "date" in entry
    has_rule = any(k in entry for k in ("every", "from", "to"))
    if has_date == has_rule:
        raise Invalid("err.season.date_or_rule")
    if has_date:
        return [_as_date(entry["date"], "date")]
    if not all(k in entry for k in ("every", "from", "to")):
        raise Invalid("err.season.rule")
    wanted = _weekdays(entry["every"])
    first, last = _as_date(entry["from"], "from"), _as_date(entry["to"], "to")
    if last < first:
        raise Invalid("err.season.to_from")
    out = []
    d = first
    while d <= last:
        if d.weekday() in wanted:
            out.append(d)
        d += dt.timedelta(days=1)
    if not out:
        raise Invalid("err.season.no_date")
    return out


def _capacity_zero(
    product: Product, catalog: Catalog, source: str, line: int | None
) -> list[Issue]:
    out = []
    for sid in product.request.must_visit:
        cap = catalog.capacity.get(sid)
        site = catalog.sites.get(sid)
        if cap is None or site is None or not cap.never_open(bool(site.slots)):
            continue
        zero = [
            f
            for f in ("groups_per_day", "groups_per_week", "groups_per_slot")
            if getattr(cap, f) == 0
        ]
        out.append(
            Issue(
                source,
                line,
                f"products.{product.name}.must_visit",
                Msg("err.season.zero", {"id": sid, "fields": ", ".join(zero)}),
            )
        )
    return out


def season_from_dict(
    data: Any,
    catalog: Catalog,
    *,
    source: str = "season",
    base_dir: Path | str | None = None,
    lines: Mapping[tuple[Any, ...], int] | None = None,
) -> SeasonSpec:
    """Check a season mapping and expand its departures.

    Parameters
    ----------
    data : mapping
        The season file's content.
    catalog : Catalog
        For site capacities (a must-visit site with a capacity of 0 is an error).
    source : str
        The file named in messages.
    base_dir : path, optional
        Where relative product ``file:`` paths start.
    lines : mapping, optional
        Line numbers of the products and departures (from the file's text).

    Raises
    ------
    ScenarioError
        Every problem found, each naming the file, the line and the key.
    """
    lines = lines or {}
    where_dir = Path(base_dir) if base_dir is not None else None
    if not isinstance(data, Mapping):
        raise ScenarioError([Issue(source, None, None, Msg("err.season.file"))])
    issues: list[Issue] = []
    for key in sorted(set(data) - _TOP_KEYS, key=str):
        issues.append(Issue(source, lines.get((key,)), str(key), Msg("err.season.unknown")))
    common: dict[str, Any] = {}
    if data.get("solver") is not None:
        if not isinstance(data["solver"], Mapping):
            issues.append(Issue(source, lines.get(("solver",)), "solver", Msg("err.tour.mapping")))
        else:
            common["solver"] = dict(data["solver"])
    if data.get("booked_on") is not None:
        common["booked_on"] = data["booked_on"]
    fairness = data.get("fairness")
    if fairness is not None and (
        isinstance(fairness, bool) or not isinstance(fairness, int | float) or not 0 < fairness <= 1
    ):
        issues.append(
            Issue(source, lines.get(("fairness",)), "fairness", Msg("err.season.fairness"))
        )
        fairness = None
    improve = data.get("improve") or {}
    passes, holders = 3, 3
    if not isinstance(improve, Mapping) or set(improve) - _IMPROVE_KEYS:
        issues.append(Issue(source, lines.get(("improve",)), "improve", Msg("err.season.improve")))
    else:
        passes = improve.get("passes", passes)
        holders = improve.get("max_holders", holders)
        for name, v, hi in (("passes", passes, 20), ("max_holders", holders, 10)):
            if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= hi:
                issues.append(
                    Issue(
                        source,
                        lines.get(("improve",)),
                        f"improve.{name}",
                        Msg("err.season.upto", {"hi": hi}),
                    )
                )
    raw_products = data.get("products")
    products: dict[str, Product] = {}
    if not isinstance(raw_products, Mapping) or not raw_products:
        issues.append(
            Issue(source, lines.get(("products",)), "products", Msg("err.season.products"))
        )
        raw_products = {}
    for name, raw in raw_products.items():
        line = lines.get(("products", name))
        if not isinstance(name, str) or not _ID.fullmatch(name) or "." in name:
            issues.append(Issue(source, line, f"products.{name}", Msg("err.season.product_name")))
            continue
        if isinstance(raw, Mapping):
            for key in sorted(set(raw) - _PRODUCT_KEYS - set(TripRequest.model_fields), key=str):
                issues.append(
                    Issue(source, line, f"products.{name}.{key}", Msg("err.season.unknown"))
                )
        product = _product(name, raw, common, source, line, where_dir, issues)
        if product is not None:
            products[name] = product
            issues.extend(_capacity_zero(product, catalog, source, line))
    raw_deps = data.get("departures")
    if not isinstance(raw_deps, list) or not raw_deps:
        issues.append(
            Issue(source, lines.get(("departures",)), "departures", Msg("err.season.departures"))
        )
        raw_deps = []
    departures: list[Departure] = []
    seen: dict[str, int | None] = {}
    for i, entry in enumerate(raw_deps):
        line = lines.get(("departures", i))
        at = f"departures[{i}]"
        if not isinstance(entry, Mapping):
            issues.append(Issue(source, line, at, Msg("err.season.departure")))
            continue
        for key in sorted(set(entry) - _DEPARTURE_KEYS, key=str):
            issues.append(Issue(source, line, f"{at}.{key}", Msg("err.season.unknown")))
        name = entry.get("product")
        if name not in raw_products:
            known = ", ".join(map(str, raw_products)) or "—"
            message = Msg("err.season.no_product", {"name": clip(name, 80), "known": known})
            issues.append(Issue(source, line, f"{at}.product", message))
            continue
        product = products.get(name)
        try:
            starts = _expand(entry)
        except ValueError as err:
            issues.append(Issue(source, line, at, err))
            continue
        if "id" in entry and (len(starts) != 1 or not isinstance(entry["id"], str)):
            issues.append(Issue(source, line, f"{at}.id", Msg("err.season.id_one")))
            continue
        if "id" in entry and not _ID.fullmatch(entry["id"]):
            issues.append(Issue(source, line, f"{at}.id", Msg("err.season.id_chars")))
            continue
        if product is None:
            continue  # its product's problems are reported
        first, last = product.season
        for start in starts:
            end = start + dt.timedelta(days=product.request.days - 1)
            if start < first or end > last:
                issues.append(
                    Issue(
                        source,
                        line,
                        f"{at}.date" if "date" in entry else f"{at}.from",
                        Msg(
                            "err.season.outside",
                            {
                                "start": start.isoformat(),
                                "end": end.isoformat(),
                                "name": name,
                                "first": first.isoformat(),
                                "last": last.isoformat(),
                            },
                        ),
                    )
                )
                continue
            dep_id = str(entry.get("id") or f"{name}-{start.isoformat()}")
            if dep_id in seen:
                issues.append(
                    Issue(
                        source,
                        line,
                        f"{at}.id" if "id" in entry else at,
                        Msg("err.season.twice", {"id": dep_id, "line": seen[dep_id]}),
                    )
                )
                continue
            seen[dep_id] = line
            update: dict[str, Any] = {"start_date": start.isoformat()}
            for key in ("group_size", "youngest_age"):
                if key in entry:
                    update[key] = entry[key]
            body = product.request.model_dump(mode="json")
            body.update(update)
            body["name"] = f"{product.request.name} — {dep_id}"
            try:
                request = request_from_dict(body, source=f"{source}: {at} ({dep_id})")
            except ScenarioError as err:
                issues.extend(
                    Issue(source, line, f"{at}.{i.field}" if i.field else at, i.msg or i.message)
                    for i in err.issues
                )
                continue
            departures.append(Departure(dep_id, name, request, line))
    if len(departures) > MAX_DEPARTURES:
        issues.append(
            Issue(
                source,
                lines.get(("departures",)),
                "departures",
                Msg(
                    "err.season.too_many",
                    {"n": Plural(len(departures), "departure"), "max": MAX_DEPARTURES},
                ),
            )
        )
    if issues:
        title = Msg("err.season.title", {"file": source, "n": Plural(len(issues), "problem")})
        raise ScenarioError(issues, title=title)
    departures.sort(key=lambda d: (d.request.start_date, d.id))
    return SeasonSpec(
        name=str(data.get("name") or Path(source).stem),
        products=products,
        departures=tuple(departures),
        fairness=None if fairness is None else float(fairness),
        improve_passes=passes,
        max_holders=holders,
        source=source,
    )


def load_season(path: Path | str, catalog: Catalog) -> SeasonSpec:
    """Read and check a season file.

    Parameters
    ----------
    path : path
        The season YAML file; product ``file:`` paths are relative to it.
    catalog : Catalog
        The catalog the season is planned with (its capacities).

    Raises
    ------
    ScenarioError
        The file or any product or departure is invalid; every problem names the file, the
        line and the key.
    """
    p = Path(path)
    data = load_yaml(p)
    text = p.read_text(encoding="utf-8-sig")
    return season_from_dict(data, catalog, source=str(p), base_dir=p.parent, lines=_lines(text))
