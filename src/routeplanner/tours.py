"""Reading tours that already exist (YAML, or CSV with a YAML of keys) and matching their stops
to the catalog.

A tour company's route: ordered stops per day, each a catalog id, a name matched to the catalog
(Russian or English, tolerant of spelling) or a name with coordinates attached to the network;
fixed times where the tour has them; the lodging of each night. :func:`load_tour` returns a
:class:`Tour`; :mod:`routeplanner.embed` adds stops to it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from rapidfuzz import fuzz, utils

from ._io import TooLargeError, read_limited
from .catalog import Catalog
from .exceptions import Issue, Msg, Plural, ScenarioError, clip, os_reason, pydantic_issues
from .model import MAX_DAYS, Category, CoordPrecision, HolidayPolicy, Site, TripRequest
from .network import Network
from .scenario import load_yaml

__all__ = ["MATCH_CUTOFF", "Tour", "TourError", "TourStop", "load_tour"]

#: Fuzzy-match score (0–100) above which a stop name is taken for a catalog site.
MATCH_CUTOFF = 86
#: Largest tour CSV read, bytes.
MAX_TOUR_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class TourStop:
    """A stop of an existing tour.

    Attributes
    ----------
    place_id : str
        Catalog site id, or the id given to a place attached by coordinates.
    fixed : datetime.time or None
        The start time the tour sells; ``None`` for a flexible stop.
    visit_min : int or None
        Length of the stop in the tour (default: the site's visit length).
    given : str
        What the file said (id or name), for the report.
    how : str
        ``id``, ``name`` (fuzzy match, with ``score``) or ``coordinates``.
    """

    place_id: str
    fixed: dt.time | None
    visit_min: int | None
    given: str
    how: str
    score: float = 100.0


@dataclass(frozen=True)
class Tour:
    """An existing tour: its request (dates, group, limits), stops per day and nights."""

    name: str
    request: TripRequest
    days: tuple[tuple[TourStop, ...], ...]
    nights: tuple[str, ...]
    extra_sites: tuple[Site, ...] = ()
    source: str = ""

    @property
    def stop_ids(self) -> list[str]:
        """Every stop of the tour, in order."""
        return [s.place_id for day in self.days for s in day]


class TourError(ScenarioError):
    """A tour file cannot be read or names places that cannot be matched."""


# ----------------------------------------------------------------------------- reading


def _match(catalog: Catalog, text: str) -> tuple[str | None, float]:
    """Best catalog site for a stop name: an exact id, or a fuzzy match on the Russian or
    English name that is good enough and clearly better than the runner-up (a name that
    fits two sites equally is not guessed)."""
    if text in catalog.sites:
        return text, 100.0
    query = utils.default_process(text)
    best: dict[str, float] = {}
    for s in catalog.sites.values():
        for name in (s.name_ru, s.name_en):
            cand = utils.default_process(name)
            score = max(fuzz.WRatio(query, cand), 0.95 * fuzz.token_set_ratio(query, cand))
            best[s.id] = max(best.get(s.id, 0.0), score)
    ranked = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked or ranked[0][1] < MATCH_CUTOFF:
        return None, 0.0
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < 3:
        return None, 0.0
    return ranked[0][0], round(ranked[0][1], 1)


def _slug(text: str, k: int) -> str:
    keep = "".join(c if c.isascii() and c.isalnum() else "_" for c in text.lower()).strip("_")
    return f"tour_stop_{k}_{keep[:24]}".rstrip("_")


def _time(text: Any, where: str, issues: list[Issue], src: str) -> dt.time | None:
    if text in (None, ""):
        return None
    if isinstance(text, int):  # YAML reads 10:30 as sexagesimal minutes
        return dt.time(text // 60, text % 60) if 0 <= text < 24 * 60 else None
    try:
        return dt.time.fromisoformat(str(text).strip())
    except ValueError:
        issues.append(Issue(src, None, where, Msg("err.csv.hhmm", {"value": clip(text, 80)})))
        return None


def _rows_from_csv(path: Path, issues: list[Issue]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    try:
        text = read_limited(path, MAX_TOUR_BYTES).decode("utf-8-sig")
    except TooLargeError as err:
        message = Msg("err.too_large", {"mib": MAX_TOUR_BYTES >> 20})
        raise TourError([Issue(str(path), None, None, message)]) from err
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        return _csv_rows(reader, path, issues)
    except csv.Error as err:
        detail = Msg("err.csv.long_cell") if "field limit" in str(err) else clip(err)
        message = Msg("err.tour.csv", {"detail": detail})
        raise TourError([Issue(str(path), reader.line_num + 1, None, message)]) from err


def _csv_rows(
    reader: csv.DictReader[str], path: Path, issues: list[Issue]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    need = {"day", "stop"}
    if not reader.fieldnames or not need <= set(reader.fieldnames):
        issues.append(
            Issue(
                str(path),
                1,
                None,
                Msg("err.tour.columns"),
            )
        )
        return {}, []
    rows = []
    for k, r in enumerate(reader, start=2):
        r = {key: (v or "").strip() for key, v in r.items() if key}
        r["_row"] = k
        rows.append(r)
    return {}, rows


def _rows_from_yaml(p: Path, issues: list[Issue]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The request's keys and one row per stop (a day without stops gives an empty row)."""
    src = str(p)
    raw = load_yaml(p)
    if not isinstance(raw, dict) or not isinstance(raw.get("days"), list):
        raise TourError([Issue(src, None, "days", Msg("err.tour.days"))])
    head = {k: v for k, v in raw.items() if k != "days"}
    rows: list[dict[str, Any]] = []
    for d, day in enumerate(raw["days"], start=1):
        if not isinstance(day, dict) or not isinstance(day.get("stops", []), list):
            issues.append(Issue(src, None, f"days[{d - 1}]", Msg("err.tour.stops")))
            continue
        for k, stop in enumerate(day.get("stops", [])):
            if not isinstance(stop, dict):
                issues.append(
                    Issue(src, None, f"days[{d - 1}].stops[{k}]", Msg("err.tour.mapping"))
                )
                continue
            rows.append(
                {
                    "day": d,
                    "stop": stop.get("site") or stop.get("name") or "",
                    "lat": stop.get("lat"),
                    "lon": stop.get("lon"),
                    "start": stop.get("start"),
                    "visit_min": stop.get("visit_min"),
                    "lodging": day.get("lodging"),
                    "_row": f"days[{d - 1}].stops[{k}]",
                }
            )
        if not day.get("stops"):
            rows.append({"day": d, "stop": "", "lodging": day.get("lodging"), "_row": None})
    return head, rows


def _rows(p: Path, issues: list[Issue]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The request's keys and the stop rows of a YAML or CSV tour file."""
    src = str(p)
    if p.suffix.lower() in (".yaml", ".yml"):
        return _rows_from_yaml(p, issues)
    if p.suffix.lower() != ".csv":
        raise TourError([Issue(src, None, None, Msg("err.tour.suffix"))])
    try:
        head, rows = _rows_from_csv(p, issues)
    except (OSError, UnicodeDecodeError) as err:
        why = os_reason(err)
        raise TourError([Issue(src, None, None, Msg("err.cannot_read", {"why": why}))]) from err
    side = p.with_suffix(".yaml")
    if side.exists():
        extra = load_yaml(side)
        head = dict(extra) if isinstance(extra, dict) else {}
    return head, rows


@dataclass
class _Reading:
    """What the rows of a tour file add up to."""

    src: str
    file_name: str
    days: list[list[TourStop]]
    nights: list[str | None]
    extra: list[Site]
    issues: list[Issue]


def _visit_min(value: Any, where: tuple[int | None, str], r: _Reading) -> int | None:
    try:
        visit_min = int(value) if value not in (None, "") else None
        if visit_min is not None and not 1 <= visit_min <= 24 * 60:
            raise ValueError
    except (TypeError, ValueError):
        line, key = where
        message = Msg("err.tour.minutes", {"value": clip(value, 80)})
        r.issues.append(Issue(r.src, line, key, message))
        return None
    return visit_min


def _place_by_coordinates(
    text: str,
    row: dict[str, Any],
    k: int,
    visit_min: int | None,
    where: tuple[int | None, str],
    r: _Reading,
) -> str | None:
    """A stop that matches no site but has coordinates: a place of its own (its id)."""
    lat, lon = row.get("lat"), row.get("lon")
    try:
        la, lo = float(lat), float(lon)
        if not (50.0 <= la <= 62.5 and 95.0 <= lo <= 120.0):
            raise ValueError
    except (TypeError, ValueError):
        line, key = where
        r.issues.append(
            Issue(
                r.src,
                line,
                key,
                Msg("err.tour.coords", {"value": clip(f"{lat}, {lon}", 80)}),
            )
        )
        return None
    pid = _slug(text, k)
    r.extra.append(
        Site(
            id=pid,
            name_ru=text,
            name_en=text,
            town="",
            lat=la,
            lon=lo,
            coord_precision=CoordPrecision.POINT,
            network_node=None,
            source_url=f"tour file {r.file_name}",
            notes="a stop of an existing tour",
            category=Category.CITY,
            visit_min=visit_min or 60,
            opening_hours="24/7",
            public_holidays=HolidayPolicy.OPEN,
            base_score=0.0,
            score=0.0,
        )
    )
    return pid


def _day_in_range(value: Any) -> int:
    """The day number a row names when it is 1..MAX_DAYS, else 0."""
    text = str(value if value is not None else "").strip()
    return int(text) if text.isdigit() and len(text) <= 3 and int(text) <= MAX_DAYS else 0


def _read_row(k: int, row: dict[str, Any], catalog: Catalog, r: _Reading) -> None:
    """Add one row (its stop and the lodging of its night) to ``r``."""
    where = row.get("_row")
    line = where if isinstance(where, int) else None
    prefix = "" if isinstance(where, int) else f"{where}."
    try:
        d = int(row["day"])
    except (TypeError, ValueError):
        message = Msg("err.tour.day", {"value": clip(row.get("day"), 80)})
        r.issues.append(Issue(r.src, line, "day", message))
        return
    if d < 1:
        r.issues.append(Issue(r.src, line, "day", Msg("err.tour.day_one")))
        return
    if d > MAX_DAYS:
        message = Msg("err.tour.day_max", {"value": clip(row.get("day"), 80), "max": MAX_DAYS})
        r.issues.append(Issue(r.src, line, "day", message))
        return
    lodging = row.get("lodging")
    if lodging and d < len(r.days):
        if lodging in catalog.lodgings:
            r.nights[d - 1] = str(lodging)
        else:
            closest = ", ".join(catalog.suggest(str(lodging)))
            r.issues.append(
                Issue(
                    r.src,
                    line,
                    f"{prefix}lodging",
                    Msg("err.tour.lodging", {"id": clip(lodging, 80), "ids": closest}),
                )
            )
    text = str(row.get("stop") or "").strip()
    if not text:
        return
    fixed = _time(row.get("start"), f"{prefix}start", r.issues, r.src)
    visit_min = _visit_min(row.get("visit_min"), (line, f"{prefix}visit_min"), r)
    sid, score = _match(catalog, text)
    if sid is not None:
        how = "id" if sid == text else "name"
        r.days[d - 1].append(TourStop(sid, fixed, visit_min, text, how, score))
    elif row.get("lat") not in (None, "") and row.get("lon") not in (None, ""):
        pid = _place_by_coordinates(text, row, k, visit_min, (line, f"{prefix}lat"), r)
        if pid is not None:
            r.days[d - 1].append(TourStop(pid, fixed, visit_min, text, "coordinates"))
    else:
        hint = ", ".join(catalog.suggest(text))
        r.issues.append(
            Issue(
                r.src,
                line,
                f"{prefix}stop",
                Msg("err.tour.no_match", {"name": clip(text, 80), "ids": hint}),
            )
        )


def _request(head: dict[str, Any], r: _Reading, stem: str, catalog: Catalog) -> TripRequest:
    """The tour's request: the file's keys, its days, nights, extra places and visit lengths."""
    ndays = len(r.days)
    nights = r.nights
    head = dict(head)
    head.setdefault("name", str(head.get("name", stem)))
    head.setdefault("start", nights[0] if nights else next(iter(catalog.lodgings)))
    head["days"] = ndays
    head["extra_places"] = [
        {"id": x.id, "name": x.name_ru, "lat": x.lat, "lon": x.lon, "visit_min": x.visit_min}
        for x in r.extra
    ]
    head["visit_minutes"] = {
        s.place_id: s.visit_min for day in r.days for s in day if s.visit_min is not None
    }
    head["overnight"] = "fixed" if ndays > 1 else "base"
    head["nights"] = list(nights) if ndays > 1 else None
    head.pop("lodging", None)
    try:
        return TripRequest.model_validate(head)
    except ValidationError as err:
        title = Msg("err.tour.keys", {"file": r.src})
        raise TourError(pydantic_issues(err.errors(), r.src), title=title) from err


def load_tour(path: Path | str, catalog: Catalog, network: Network) -> Tour:
    """Read an existing tour from YAML or CSV and match its stops to the catalog.

    YAML: the request's keys (``start_date``, ``start``, ``end``, ``profile``, ``group_size``, …)
    plus ``days:``, a list with, for each day, ``stops:`` (each ``{site: id}``, ``{name: …}``
    or ``{name: …, lat: …, lon: …}``, optional ``start: HH:MM`` for a fixed time and
    ``visit_min``) and ``lodging:`` (the night after that day). CSV: one row per stop with
    columns ``day``, ``stop`` (id or name), optional ``lat``, ``lon``, ``start``,
    ``visit_min``, ``lodging``; the request's keys then come from a YAML file of the same name
    (``tour.csv`` + ``tour.yaml``) or default to the first lodging as start.

    Raises
    ------
    TourError
        Unreadable file, invalid keys, or stops that match nothing (all of them listed).
    """
    p = Path(path)
    src = str(p)
    issues: list[Issue] = []
    head, rows = _rows(p, issues)
    # the days the rows name, within the bound (a row beyond it is reported by _read_row)
    ndays = max((_day_in_range(r.get("day")) for r in rows), default=0)
    if ndays == 0:
        issues.append(Issue(src, None, "day", Msg("err.tour.no_days")))
    reading = _Reading(
        src, p.name, [[] for _ in range(ndays)], [None] * max(ndays - 1, 0), [], issues
    )
    for k, row in enumerate(rows):
        _read_row(k, row, catalog, reading)
    for n, night in enumerate(reading.nights):
        if night is None:
            issues.append(
                Issue(src, None, f"days[{n}].lodging", Msg("err.tour.night", {"n": n + 1}))
            )
    if issues:
        title = Msg("err.tour.title", {"file": src, "n": Plural(len(issues), "problem")})
        raise TourError(issues, title=title)
    ids = [s.place_id for day in reading.days for s in day]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise TourError(
            [Issue(src, None, "stops", Msg("err.tour.twice", {"id": i})) for i in dupes]
        )
    request = _request(head, reading, p.stem, catalog)
    return Tour(
        str(head.get("name", p.stem)),
        request,
        tuple(tuple(d) for d in reading.days),
        tuple(n for n in reading.nights if n),
        tuple(reading.extra),
        src,
    )
