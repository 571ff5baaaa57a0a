"""Writing a plan's files: map, programme and report, bookings, tables, GeoJSON, GPX, ICS, JSON.

Every export is built from one :class:`~routeplanner.result.Itinerary` (this module only reads
results; it does not plan). :func:`render_plan` renders the whole set in memory (the web app
offers it as downloads); :func:`write_plan_outputs` writes it with the one atomic writer, so
that a failure leaves the folder as it was. :func:`render_insertion` renders an insertion
report's files the same way. The files and their columns are described in
``docs/outputs.md``. Times in the itinerary are local times of the Irkutsk region
(``Asia/Irkutsk``, UTC+8); GPX stores them in UTC and ICS with that time zone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import numpy as np

from . import spreadsheet
from ._io import write_files
from .bookings import Booking, booking_sheet, bookings_table
from .calendar import parse_hours
from .catalog import Catalog
from .costing import COSTING_FILE, Costing, Rates, load_rates, tour_costing
from .i18n import fmt_date, has, t
from .model import Site
from .places import default_facts
from .readiness import score_note
from .result import Itinerary
from .settings import TIMEZONE
from .spreadsheet import Table, is_missing

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "OUTPUT_FILES",
    "geojson_dict",
    "gpx_text",
    "ics_bytes",
    "legs_frame",
    "localized",
    "plan_extras",
    "render_insertion",
    "render_plan",
    "site_record",
    "stops_frame",
    "write_plan_outputs",
    "xlsx_bytes",
]

#: The files :func:`write_plan_outputs` writes, in order.
OUTPUT_FILES = (
    "map.html",
    "programme.html",
    "report.html",
    "bookings.csv",
    "bookings.xlsx",
    "itinerary.csv",
    "itinerary.xlsx",
    "itinerary.geojson",
    "itinerary.gpx",
    "itinerary.ics",
    "itinerary.json",
    "programme.txt",
)

_LEG_COLUMNS = [
    "day",
    "date",
    "order",
    "from",
    "to",
    "from_name",
    "to_name",
    "mode",
    "modes",
    "depart",
    "arrive",
    "duration_min",
    "distance_km",
    "drive_min",
    "price_rub",
]


def site_record(site: Site, catalog: Catalog) -> dict[str, Any]:
    """Every field of a site as JSON-ready values, with normalised hours and the checklist."""
    items = catalog.checklists.get(site.id, ())
    return {
        "id": site.id,
        "name_ru": site.name_ru,
        "name_en": site.name_en,
        "category": site.category.value,
        "town": site.town,
        "lat": site.lat,
        "lon": site.lon,
        "coord_precision": site.coord_precision.value,
        "visit_min": site.visit_min,
        "opening_hours": site.opening_hours,
        "opening_hours_normalized": str(parse_hours(site.opening_hours).normalize()),
        "public_holidays": site.public_holidays.value,
        "booking_days": site.booking_days,
        "max_group": site.max_group,
        "min_age": site.min_age,
        "id_required": site.id_required,
        "slots": [s.strftime("%H:%M") for s in site.slots],
        "price_rub": site.price_rub,
        "base_score": site.base_score,
        "score": site.score,
        "checklist_coverage": site.checklist_coverage,
        "checklist": {i.criterion: i.score for i in items},
        "network_node": site.network_node,
        "defaults": sorted(site.defaults),
        "description_ru": site.description_ru,
        "description_en": site.description_en,
        "source_url": site.source_url,
        "source_date": site.source_date,
        "outdoor": site.outdoor,
        "notes": site.notes,
        "stories": [
            {"kind": x.kind, "title_ru": x.title_ru, "title_en": x.title_en, "url": x.url}
            for x in catalog.stories.get(site.id, ())
        ],
        "assessment": (
            {"date": site.assessed_on.isoformat(), "assessor": site.assessed_by}
            if site.assessed_on
            else None
        ),
        "score_note": score_note(site, "en"),
    }


# --------------------------------------------------------------------------- helpers


def _places(
    itinerary: Itinerary, catalog: Catalog | None, lang: str, names: Mapping[str, str] | None
) -> dict[str, Any]:
    from .places import resolve_places

    return resolve_places(itinerary, catalog, lang=lang, names=names)


def _aware(x: dt.datetime) -> dt.datetime:
    return x if x.tzinfo is not None else x.replace(tzinfo=ZoneInfo(TIMEZONE))


def _utc(x: dt.datetime) -> dt.datetime:
    return _aware(x).astimezone(dt.UTC)


def _iso(x: dt.datetime) -> str:
    return x.isoformat(timespec="minutes")


def _trip_key(itinerary: Itinerary) -> str:
    req = itinerary.scenario
    raw = f"{req.name}|{req.start_date.isoformat()}|{req.days}|{req.start}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


# --------------------------------------------------------------------------- tables


def stops_frame(itinerary: Itinerary, *, lang: str = "ru") -> pd.DataFrame:
    """One row per stop: the columns of :meth:`Itinerary.to_frame` (``docs/outputs.md``)."""
    return itinerary.to_frame(lang=lang)


def legs_frame(
    itinerary: Itinerary,
    *,
    lang: str = "ru",
    names: Mapping[str, str] | None = None,
    catalog: Catalog | None = None,
) -> pd.DataFrame:
    """One row per travel leg.

    Columns: ``day``, ``date``, ``order`` (1-based within the day), ``from``, ``to`` (place
    ids), ``from_name``, ``to_name``, ``mode``, ``modes`` (``;``-joined), ``depart``,
    ``arrive`` (``HH:MM``), ``duration_min``, ``distance_km``, ``drive_min``, ``price_rub``.
    """
    return _legs_table(itinerary, lang=lang, names=names, catalog=catalog).to_frame()


def _legs_table(
    itinerary: Itinerary,
    *,
    lang: str,
    names: Mapping[str, str] | None,
    catalog: Catalog | None,
) -> Table:
    places = _places(itinerary, catalog, lang, names)
    rows = []
    for di, day in enumerate(itinerary.days, 1):
        for k, leg in enumerate(day.legs, 1):
            rows.append(
                {
                    "day": di,
                    "date": day.date.isoformat(),
                    "order": k,
                    "from": leg.origin,
                    "to": leg.destination,
                    "from_name": places[leg.origin].name,
                    "to_name": places[leg.destination].name,
                    "mode": leg.mode,
                    "modes": ";".join(leg.modes),
                    "depart": leg.depart.strftime("%H:%M"),
                    "arrive": leg.arrive.strftime("%H:%M"),
                    "duration_min": leg.duration_min,
                    "distance_km": leg.distance_km,
                    "drive_min": leg.drive_min,
                    "price_rub": leg.price_rub,
                }
            )
    return Table.from_records(rows, _LEG_COLUMNS)


def localized(frame: pd.DataFrame | Table, lang: str) -> pd.DataFrame | Table:
    """A table as a person reads it in ``lang``: headers from the label catalog (``col.<name>``
    where there is one), booleans as yes/no, kinds and units of a calculation, categories and
    statuses (``status.<value>``) in words.

    Returns the same kind of table it is given (a DataFrame, its dtypes kept, or a
    :class:`~routeplanner.spreadsheet.Table`)."""

    def header(c: str) -> str:
        return t(f"col.{c}", lang) if has(f"col.{c}") else c

    if isinstance(frame, Table):
        out = frame
        for col, words in _in_words(frame.columns, frame.column, lang):
            out = out.map_column(col, words)
        return out.renamed(header)
    copy = frame.copy()
    for col, words in _in_words(list(copy.columns), lambda c: list(copy[c].dropna()), lang):
        copy[col] = copy[col].map(words)
    return copy.rename(columns=header)


def _in_words(
    columns: Sequence[str], values: Callable[[str], list[Any]], lang: str
) -> list[tuple[str, Callable[[Any], Any]]]:
    """The columns :func:`localized` writes in words, each with its mapping, in order."""

    def yes_no(v: Any) -> Any:
        return "" if is_missing(v) else t("yes" if v else "no", lang)

    def label(prefix: str) -> Callable[[Any], Any]:
        return lambda v: t(f"{prefix}{v}", lang) if has(f"{prefix}{v}") else v

    out: list[tuple[str, Callable[[Any], Any]]] = []
    for col in columns:
        present = [v for v in values(col) if not is_missing(v)]
        if present and all(isinstance(v, bool | np.bool_) for v in present):
            out.append((col, yes_no))
    for col, prefix in (("kind", "cost.line."), ("unit", "cost.unit."), ("category", "")):
        if col in columns:
            out.append((col, label(prefix)))
    if "status" in columns:
        out.append(("status", label("status.")))
    return out


def _write_sheets(sheets: Mapping[str, Table], lang: str) -> bytes:
    """A workbook for people: tables :func:`localized`, sheets named in ``lang``, cells made
    spreadsheet-safe by :func:`routeplanner.spreadsheet.xlsx_bytes`."""
    named = {
        (t(f"sheet.{name}", lang) if has(f"sheet.{name}") else name): localized(frame, lang)
        for name, frame in sheets.items()
    }
    return spreadsheet.xlsx_bytes(named)


def xlsx_bytes(
    itinerary: Itinerary,
    *,
    lang: str = "ru",
    names: Mapping[str, str] | None = None,
    catalog: Catalog | None = None,
    costing: Costing | None = None,
) -> bytes:
    """The itinerary as an Excel workbook, headers and values in ``lang``.

    Sheets (named in ``lang``): ``stops`` (the CSV's columns, one row per stop), ``legs``
    (:func:`legs_frame`), ``dropped`` (``site_id``, ``name``, ``reason``), ``summary``
    (``key``, ``value``: the trip's name, dates and KPIs) and, with a ``costing``,
    ``calculation`` (every line of every price break, then its margin and total:
    :meth:`routeplanner.costing.Costing.to_frame`).
    """
    places = _places(itinerary, catalog, lang, names)
    dropped = Table(
        ("site_id", "name", "reason"),
        tuple(
            (d.site_id, places[d.site_id].name if d.site_id in places else d.name, d.text(lang))
            for d in itinerary.dropped
        ),
    )
    req = itinerary.scenario
    summary_rows: list[tuple[str, Any]] = [
        ("trip", req.title(lang)),
        ("start_date", req.start_date.isoformat()),
        ("days", req.days),
        ("group_size", req.group_size),
        ("feasible", itinerary.feasible),
        ("problems", "; ".join(itinerary.problem_texts(lang))),
    ]
    kpis = itinerary.kpis.to_dict() if itinerary.kpis is not None else {}
    for key, value in kpis.items():
        if isinstance(value, dict | list):
            value = json.dumps(value, ensure_ascii=False)
        summary_rows.append((key, value))
    summary_rows = [
        (t(f"kpi.{key}", lang) if has(f"kpi.{key}") else key, value) for key, value in summary_rows
    ]
    summary_rows = [
        (key, t("yes" if value else "no", lang) if isinstance(value, bool) else value)
        for key, value in summary_rows
    ]
    summary = Table(("key", "value"), tuple(summary_rows))
    stops = itinerary.to_table(lang=lang)
    if catalog is not None:  # which of each visit's facts are planning defaults
        stops = stops.with_column(
            "default_facts",
            [
                ", ".join(default_facts(catalog.sites[sid], lang)) if sid in catalog.sites else ""
                for sid in stops.column("site_id")
            ],
        )
    sheets = {
        "stops": stops,
        "legs": _legs_table(itinerary, lang=lang, names=names, catalog=catalog),
        "dropped": dropped,
        "summary": summary,
    }
    if costing is not None:
        sheets["calculation"] = costing.to_table()
    return _write_sheets(sheets, lang)


# --------------------------------------------------------------------------- GeoJSON


def geojson_dict(
    itinerary: Itinerary,
    *,
    lang: str = "ru",
    names: Mapping[str, str] | None = None,
    catalog: Catalog | None = None,
) -> dict[str, Any]:
    """The itinerary as an RFC 7946 GeoJSON ``FeatureCollection``.

    Stops are ``Point`` features (``kind: "stop"``), legs ``LineString`` features along their
    network geometry (``kind: "leg"``), and overnight lodgings ``Point`` features
    (``kind: "lodging"``); positions are ``[lon, lat]``. The properties are listed in
    ``docs/outputs.md``.
    """
    places = _places(itinerary, catalog, lang, names)
    features: list[dict[str, Any]] = []
    for di, day in enumerate(itinerary.days, 1):
        for k, s in enumerate(day.stops, 1):
            features.append(
                {
                    "type": "Feature",
                    "id": f"stop-{di}-{k}",
                    "geometry": {"type": "Point", "coordinates": [s.lon, s.lat]},
                    "properties": {
                        "kind": "stop",
                        "day": di,
                        "date": day.date.isoformat(),
                        "order": k,
                        "site_id": s.site_id,
                        "name": places[s.site_id].name,
                        "name_ru": s.name,
                        "name_en": s.name_en,
                        "category": s.category,
                        "arrive": _iso(s.arrive),
                        "start": _iso(s.start),
                        "end": _iso(s.end),
                        "visit_min": int((s.end - s.start).total_seconds() // 60),
                        "wait_min": s.wait_min,
                        "score": s.score,
                        "price_rub": s.price_rub,
                    },
                }
            )
        for k, leg in enumerate(day.legs, 1):
            line = [[float(p[1]), float(p[0])] for p in leg.geometry]
            if len(line) < 2:
                a, b = places.get(leg.origin), places.get(leg.destination)
                if a is None or b is None or a.lat is None or b.lat is None or a.id == b.id:
                    continue
                line = [[a.lon, a.lat], [b.lon, b.lat]]
            features.append(
                {
                    "type": "Feature",
                    "id": f"leg-{di}-{k}",
                    "geometry": {"type": "LineString", "coordinates": line},
                    "properties": {
                        "kind": "leg",
                        "day": di,
                        "date": day.date.isoformat(),
                        "order": k,
                        "from": leg.origin,
                        "to": leg.destination,
                        "from_name": places[leg.origin].name,
                        "to_name": places[leg.destination].name,
                        "mode": leg.mode,
                        "modes": list(leg.modes),
                        "depart": _iso(leg.depart),
                        "arrive": _iso(leg.arrive),
                        "duration_min": leg.duration_min,
                        "distance_km": leg.distance_km,
                        "drive_min": leg.drive_min,
                        "price_rub": leg.price_rub,
                        "path": list(leg.path),
                    },
                }
            )
        info = places.get(day.lodging) if day.lodging else None
        if info is not None and info.lat is not None and info.lon is not None:
            features.append(
                {
                    "type": "Feature",
                    "id": f"lodging-{di}",
                    "geometry": {"type": "Point", "coordinates": [info.lon, info.lat]},
                    "properties": {
                        "kind": "lodging",
                        "day": di,
                        "date": day.date.isoformat(),
                        "lodging_id": info.id,
                        "name": info.name,
                    },
                }
            )
    return {"type": "FeatureCollection", "features": features}


# --------------------------------------------------------------------------- GPX


def gpx_text(
    itinerary: Itinerary,
    *,
    lang: str = "ru",
    names: Mapping[str, str] | None = None,
    catalog: Catalog | None = None,
) -> str:
    """The itinerary as GPX 1.1 for navigators.

    A waypoint per stop (named ``"<day>.<order> <site>"``, ``time`` = visit start in UTC,
    ``type`` = category) and per overnight lodging; per day a route (``rte``: start place,
    the stops, end place, for a navigator to route between) and a track (``trk``: one segment
    per leg along its network geometry).
    """
    import gpxpy.gpx

    places = _places(itinerary, catalog, lang, names)
    gpx = gpxpy.gpx.GPX()
    gpx.creator = "routeplanner"
    gpx.name = itinerary.scenario.title(lang)
    gpx.description = itinerary.scenario.heading(lang)
    for di, day in enumerate(itinerary.days, 1):
        day_label = f"{t('day', lang)} {di} — {fmt_date(day.date, lang)}"
        for k, s in enumerate(day.stops, 1):
            visit_min = int((s.end - s.start).total_seconds() // 60)
            gpx.waypoints.append(
                gpxpy.gpx.GPXWaypoint(
                    s.lat,
                    s.lon,
                    time=_utc(s.start),
                    name=f"{di}.{k} {places[s.site_id].name}",
                    comment=f"{s.start:%H:%M}–{s.end:%H:%M}",
                    description=(
                        f"{day_label}; {s.start:%H:%M}–{s.end:%H:%M} "
                        f"({visit_min} {t('min', lang)}); {t(s.category, lang)}"
                    ),
                    symbol="Flag, Blue",
                    type=s.category,
                )
            )
        info = places.get(day.lodging) if day.lodging else None
        if info is not None and info.lat is not None and info.lon is not None:
            gpx.waypoints.append(
                gpxpy.gpx.GPXWaypoint(
                    info.lat,
                    info.lon,
                    time=_utc(day.finish) if day.finish else None,
                    name=f"{di}. {t('overnight', lang)}: {info.name}",
                    description=day_label,
                    symbol="Lodging",
                    type="lodging",
                )
            )
        route = gpxpy.gpx.GPXRoute(name=day_label, number=di)
        seq: list[tuple[str, dt.datetime | None]] = [(day.start_place, day.depart)]
        seq += [(s.site_id, s.start) for s in day.stops]
        seq.append((day.end_place, day.finish))
        for pid, when in seq:
            p = places.get(pid)
            if p is None or p.lat is None or p.lon is None:
                continue
            route.points.append(
                gpxpy.gpx.GPXRoutePoint(
                    p.lat, p.lon, time=_utc(when) if when else None, name=p.name
                )
            )
        gpx.routes.append(route)
        track = gpxpy.gpx.GPXTrack(name=day_label, number=di)
        for leg in day.legs:
            if len(leg.geometry) < 2:
                continue
            seg = gpxpy.gpx.GPXTrackSegment()
            seg.points += [gpxpy.gpx.GPXTrackPoint(float(p[0]), float(p[1])) for p in leg.geometry]
            seg.points[0].time = _utc(leg.depart)
            seg.points[-1].time = _utc(leg.arrive)
            track.segments.append(seg)
        if track.segments:
            gpx.tracks.append(track)
    return gpx.to_xml(version="1.1")


# --------------------------------------------------------------------------- ICS


def ics_bytes(
    itinerary: Itinerary,
    *,
    lang: str = "ru",
    names: Mapping[str, str] | None = None,
    catalog: Catalog | None = None,
    stamp: dt.datetime | None = None,
) -> bytes:
    """The itinerary as an iCalendar file: one event per visit, with its location.

    Events run from the visit's start to its end in ``Asia/Irkutsk`` (a ``VTIMEZONE`` is
    included); ``LOCATION`` is the site's name and town, ``GEO`` its coordinates,
    ``DESCRIPTION`` the day, arrival, visit length and excursion rules; ``UID`` is stable for
    the same trip, day and stop.

    Parameters
    ----------
    stamp : datetime, optional
        ``DTSTAMP`` of the events (default: now, UTC).
    """
    import icalendar

    from .places import site_rules

    places = _places(itinerary, catalog, lang, names)
    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    key = _trip_key(itinerary)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//routeplanner//Irkutsk industrial tourism//RU")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", itinerary.scenario.title(lang))
    cal.add("x-wr-timezone", TIMEZONE)
    for di, day in enumerate(itinerary.days, 1):
        for k, s in enumerate(day.stops, 1):
            info = places[s.site_id]
            site = catalog.sites.get(s.site_id) if catalog is not None else None
            visit_min = int((s.end - s.start).total_seconds() // 60)
            lines = [
                f"{t('day', lang)} {di} — {fmt_date(day.date, lang)}",
                f"{t('arrival', lang)}: {s.arrive:%H:%M}",
                f"{t('visit_length', lang)}: {visit_min} {t('min', lang)}",
                f"{t('category', lang)}: {t(s.category, lang)}",
            ]
            if site is not None:
                lines += [f"{a}: {b}" for a, b in site_rules(site, lang)]
            town = site.town if site is not None else ""
            ev = icalendar.Event()
            ev.add("uid", f"{key}-{day.date.isoformat()}-{k}-{s.site_id}@routeplanner")
            ev.add("dtstamp", stamp)
            ev.add("dtstart", _aware(s.start))
            ev.add("dtend", _aware(s.end))
            ev.add("summary", f"{k}. {info.name}")
            ev.add("location", f"{info.name}, {town}" if town else info.name)
            ev.add("geo", (s.lat, s.lon))
            ev.add("description", "\n".join(lines))
            ev.add("categories", [s.category])
            cal.add_component(ev)
    cal.add_missing_timezones()
    return cal.to_ical()


# --------------------------------------------------------------------------- the set


def render_plan(
    itinerary: Itinerary,
    *,
    lang: str = "ru",
    names: Mapping[str, str] | None = None,
    catalog: Catalog | None = None,
) -> dict[str, bytes]:
    """Render every file of a plan in memory.

    Parameters
    ----------
    itinerary : Itinerary
    lang : {"ru", "en"}
        Language of names and labels.
    names : mapping, optional
        Place id to display name in ``lang``.
    catalog : Catalog, optional
        Adds excursion rules, lodging prices and place positions.

    Returns
    -------
    dict
        File name to bytes, in the order of :data:`OUTPUT_FILES`: ``map.html``,
        ``programme.html`` (for the client), ``report.html`` (for the agency),
        ``bookings.csv``/``.xlsx``, ``itinerary.csv``, ``itinerary.xlsx`` (with the
        calculation), ``itinerary.geojson``, ``itinerary.gpx``, ``itinerary.ics``,
        ``itinerary.json`` and ``programme.txt`` (see ``docs/outputs.md``).
    """
    from .maps import itinerary_map, render_map
    from .programme import programme_html
    from .report import report_html

    names = dict(names) if names is not None else None
    costing, rates, bookings = plan_extras(itinerary, catalog)
    kw: dict[str, Any] = {"lang": lang, "names": names, "catalog": catalog}
    docs: dict[str, Any] = {**kw, "costing": costing, "bookings": bookings}
    book = bookings_table(bookings)
    return {
        "map.html": render_map(itinerary_map(itinerary, catalog, lang=lang, names=names)),
        "programme.html": programme_html(itinerary, **docs).encode("utf-8"),
        "report.html": report_html(itinerary, rates=rates, **docs).encode("utf-8"),
        "bookings.csv": spreadsheet.csv_bytes(book),
        "bookings.xlsx": _write_sheets({"bookings": _bookings_for_people(book, lang)}, lang),
        "itinerary.csv": spreadsheet.csv_bytes(itinerary.to_table(lang=lang)),
        "itinerary.xlsx": xlsx_bytes(itinerary, costing=costing, **kw),
        "itinerary.geojson": (
            json.dumps(geojson_dict(itinerary, **kw), ensure_ascii=False, indent=1) + "\n"
        ).encode("utf-8"),
        "itinerary.gpx": gpx_text(itinerary, **kw).encode("utf-8"),
        "itinerary.ics": ics_bytes(itinerary, **kw),
        "itinerary.json": (itinerary.to_json() + "\n").encode("utf-8"),
        "programme.txt": (itinerary.summary(lang=lang, names=names) + "\n").encode("utf-8"),
    }


def _bookings_for_people(book: Table, lang: str) -> Table:
    """The booking sheet with its default rules named in ``lang`` (the CSV keeps the ids)."""
    return book.map_column(
        "default_rules", lambda ids: ", ".join(t(f"fact.{f}", lang) for f in ids.split(";") if f)
    )


def plan_extras(
    itinerary: Itinerary, catalog: Catalog | None
) -> tuple[Costing | None, Rates | None, list[Booking]]:
    """The calculation, its rates and the booking sheet of a feasible plan (none without a
    catalog). The rates are the catalog folder's ``costing.yaml`` when it has one, else the
    built-in file."""
    if catalog is None or not itinerary.feasible or not itinerary.days:
        return None, None, []
    own = Path(catalog.source) / COSTING_FILE if catalog.source else None
    rates = load_rates(own if own is not None and own.is_file() else None)
    return tour_costing(itinerary, catalog, rates), rates, booking_sheet(itinerary, catalog)


def render_insertion(
    report: pd.DataFrame,
    itinerary: Itinerary,
    catalog: Catalog,
    *,
    lang: str = "ru",
    names: Mapping[str, str] | None = None,
) -> dict[str, bytes]:
    """Render the files of an insertion report (:func:`routeplanner.embed.insertion_report`).

    Parameters
    ----------
    report : pandas.DataFrame
        The ranked candidates.
    itinerary : Itinerary
        The tour with the stops added (:func:`routeplanner.embed.embed`), drawn under the
        candidates.
    catalog : Catalog
        The catalog as the tour's request sees it (``catalog.for_request(tour.request)``).
    lang : {"ru", "en"}
    names : mapping, optional
        Place id to display name.

    Returns
    -------
    dict
        ``insertion_report.csv`` (every column, both languages), ``insertion_report.xlsx``
        (headers, effects and reasons in ``lang``) and
        ``insertion_map.html`` (the new plan with the candidates: green fits, grey does not).
    """
    from .maps import add_insertion_layer, itinerary_map, render_map

    m = itinerary_map(itinerary, catalog, lang=lang, names=names)
    readable = report.copy()  # the workbook is for people: one language
    for col in ("effect", "reason"):
        if lang != "en" and f"{col}_ru" in readable.columns:
            readable[col] = readable[f"{col}_ru"]
    readable = readable.drop(columns=[c for c in ("effect_ru", "reason_ru") if c in readable])
    return {
        "insertion_report.csv": spreadsheet.csv_bytes(report),
        "insertion_report.xlsx": _write_sheets({"insertion_report": readable}, lang),
        "insertion_map.html": render_map(add_insertion_layer(m, report, catalog, lang=lang)),
    }


def write_plan_outputs(
    itinerary: Itinerary,
    out: Path,
    *,
    lang: str = "ru",
    names: Mapping[str, str] | None = None,
    catalog: Catalog | None = None,
) -> list[Path]:
    """Write the plan's files (:func:`render_plan`) into ``out``, all or none.

    Every file is rendered in memory first, then the set is written by
    :func:`routeplanner._io.write_files`: a failure never leaves a half-new set.

    Parameters
    ----------
    itinerary : Itinerary
    out : Path
        Output folder (created if missing).
    lang, names, catalog
        See :func:`render_plan`.

    Returns
    -------
    list of Path
        The files written, in the order of :data:`OUTPUT_FILES`.
    """
    return write_files(out, render_plan(itinerary, lang=lang, names=names, catalog=catalog))
