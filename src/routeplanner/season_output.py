"""A planned season's files: tables, site load, enterprise calendars, report, every plan.

:func:`season_files` renders everything in memory (``dict`` of relative path to bytes);
:func:`write_season` writes that set with :func:`routeplanner._io.write_files` (all or
none). The files (``docs/outputs.md``, "Season outputs"):

- ``season.csv`` / ``season.xlsx``: one row per departure, day and stop (the workbook adds the
  ``departures`` and ``losses`` sheets);
- ``site_load.csv`` / ``site_load.xlsx``: groups and headcount per site, date and tour time
  beside the capacity (the workbook adds ``sites``: utilisation over the season);
- ``calendars/<site_id>.html``: a month grid per enterprise with its groups and headcount;
- ``season_report.html``: total against the solo upper bound, utilisation, the departures
  that lost an enterprise and why;
- ``season.json``: the manifest the season checker reads;
- ``departures/<id>/``: each departure's full plan (the files of ``routeplanner plan``).

Text cells that would start a spreadsheet formula are written as text (``spreadsheet``);
text from data is HTML-escaped in the pages.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
import json
from collections import defaultdict
from collections.abc import Mapping
from html import escape
from pathlib import Path
from typing import Any

import pandas as pd

from . import __version__
from ._io import write_files
from .calendar import visit_start_windows
from .capacity import SiteCapacity, iso_week
from .catalog import Catalog
from .export import localized
from .i18n import fmt_date, has, plural, t
from .result import Itinerary
from .season_plan import Loss, SeasonResult, bookings_of
from .spreadsheet import csv_bytes, xlsx_bytes

__all__ = [
    "SEASON_FILES",
    "calendar_html",
    "season_files",
    "season_frames",
    "season_manifest",
    "season_report_html",
    "write_season",
]

#: The files at the top of a season folder (besides ``calendars/`` and ``departures/``).
SEASON_FILES = (
    "season.csv",
    "season.xlsx",
    "site_load.csv",
    "site_load.xlsx",
    "season_report.html",
    "season.json",
)

STOP_COLUMNS = [
    "departure",
    "product",
    "start_date",
    "group_size",
    "youngest_age",
    "day",
    "date",
    "order",
    "site_id",
    "name",
    "category",
    "start",
    "end",
    "score",
]
LOAD_COLUMNS = [
    "site_id",
    "name",
    "date",
    "week",
    "slot",
    "groups",
    "headcount",
    "departures",
    "groups_day",
    "limit_day",
    "groups_week",
    "limit_week",
    "limit_slot",
    "limit_is_default",
]

_CSS = """
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 14px;
  color: #1d1d1d; margin: 0 auto; max-width: 1100px; padding: 16px; line-height: 1.4; }
h1 { font-size: 24px; margin: 0 0 6px; } h2 { font-size: 18px; margin: 22px 0 8px;
  border-bottom: 2px solid #333; } h3 { font-size: 15px; margin: 14px 0 6px; }
table { border-collapse: collapse; margin: 6px 0 12px; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid #ddd; }
th { background: #f2f2f2; } .num { text-align: right; font-variant-numeric: tabular-nums; }
.kpis { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0; }
.kpi { border: 1px solid #ccc; border-radius: 6px; padding: 6px 12px; }
.kpi b { display: block; font-size: 20px; } .bad { color: #a00; } .note { color: #555; }
table.month { table-layout: fixed; width: 100%; } table.month td { height: 64px; width: 14%;
  border: 1px solid #ddd; font-size: 12px; } table.month td.out { background: #fafafa; }
table.month td.closed { background: #eee; color: #888; }
table.month td.full { background: #fde2e2; }
table.month td.busy { background: #e3f1e3; } .d { font-weight: bold; }
footer { margin-top: 20px; color: #777; font-size: 12px; border-top: 1px solid #ccc; }
"""


def _page(title: str, body: str, lang: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>{body}"
        f"<footer>{escape(t('generated', lang))} {escape(__version__)}</footer></body></html>\n"
    )


def _slot(x: dt.time | None) -> str:
    return "" if x is None else x.strftime("%H:%M")


def _week(d: dt.date) -> str:
    y, w = iso_week(d)
    return f"{y}-W{w:02d}"


def _site_name(catalog: Catalog, sid: str, lang: str) -> str:
    site = catalog.sites.get(sid)
    return site.name(lang) if site is not None else sid


def _limit_text(cap: SiteCapacity | None, lang: str) -> str:
    if cap is None:
        return t("season.no_limit", lang)
    parts = []
    for kind in ("day", "week", "slot"):
        v = cap.limit(kind)
        if v is not None:
            parts.append(f"{plural(v, 'group', lang)} {t(f'season.per_{kind}', lang)}")
    text = ", ".join(parts) or t("season.no_limit", lang)
    if cap.defaults:
        text += f" ({t('season.default', lang)})"
    return text


# --------------------------------------------------------------------------- tables


def _stops_frame(result: SeasonResult, lang: str) -> pd.DataFrame:
    rows = []
    for dep in result.spec.departures:
        it = result.plans.get(dep.id)
        if it is None or not it.feasible:
            continue
        for k, day in enumerate(it.days, 1):
            for j, s in enumerate(day.stops, 1):
                rows.append(
                    {
                        "departure": dep.id,
                        "product": dep.product,
                        "start_date": dep.request.start_date.isoformat(),
                        "group_size": dep.request.group_size,
                        "youngest_age": dep.request.youngest_age,
                        "day": k,
                        "date": day.date.isoformat(),
                        "order": j,
                        "site_id": s.site_id,
                        "name": s.name_en if lang == "en" and s.name_en else s.name,
                        "category": s.category,
                        "start": s.start.strftime("%Y-%m-%dT%H:%M"),
                        "end": s.end.strftime("%Y-%m-%dT%H:%M"),
                        "score": s.score,
                    }
                )
    return pd.DataFrame(rows, columns=STOP_COLUMNS)


def _loss_text(loss: Loss, lang: str) -> str:
    holders = ", ".join(loss.holders)
    return t(
        f"season.loss_{loss.reason}",
        lang,
        date=fmt_date(loss.date, lang, weekday=False),
        slot=_slot(loss.slot),
        limit=loss.limit,
        holders=holders,
    )


def _departures_frame(result: SeasonResult, losses: list[Loss], lang: str) -> pd.DataFrame:
    lost: dict[str, list[str]] = defaultdict(list)
    for loss in losses:
        lost[loss.departure].append(loss.site_id)
    below = set(result.below_floor())
    rows = []
    for dep in result.spec.departures:
        it = result.plans.get(dep.id)
        ok = it is not None and it.feasible
        solo = result.solo_value.get(dep.id, 0.0)
        value = result.value(dep.id)
        rows.append(
            {
                "departure": dep.id,
                "product": dep.product,
                "start_date": dep.request.start_date.isoformat(),
                "days": dep.request.days,
                "group_size": dep.request.group_size,
                "youngest_age": dep.request.youngest_age,
                "status": "ok" if ok else "no_plan",
                "score": it.kpis.get("score", 0.0) if ok and it is not None else 0.0,
                "weighted_score": value,
                "solo_bound": solo,
                "share": round(value / solo, 4) if solo > 0 else None,
                "below_floor": dep.id in below,
                "sites": len(it.stops) if ok and it is not None else 0,
                "lost_enterprises": ";".join(lost.get(dep.id, [])),
                "problem": result.error(dep.id, lang)
                or ("" if ok or it is None else "; ".join(it.problem_texts(lang))),
            }
        )
    return pd.DataFrame(rows)


def _losses_frame(
    result: SeasonResult, losses: list[Loss], catalog: Catalog, lang: str
) -> pd.DataFrame:
    rows = [
        {
            "departure": x.departure,
            "site_id": x.site_id,
            "name": _site_name(catalog, x.site_id, lang),
            "date": x.date.isoformat(),
            "slot": _slot(x.slot),
            "reason": x.reason,
            "holders": ";".join(x.holders),
            "why": _loss_text(x, lang),
        }
        for x in losses
    ]
    cols = ["departure", "site_id", "name", "date", "slot", "reason", "holders", "why"]
    return pd.DataFrame(rows, columns=cols)


def _visits(result: SeasonResult) -> list[tuple[str, int, str, dt.date, dt.time | None]]:
    """(departure, headcount, site_id, date, start time) of every visit of the season."""
    out = []
    for dep in result.spec.departures:
        it = result.plans.get(dep.id)
        if it is None or not it.feasible:
            continue
        for s in it.stops:
            out.append((dep.id, dep.request.group_size, s.site_id, s.start.date(), s.start.time()))
    return out


def _load_frame(result: SeasonResult, catalog: Catalog, lang: str) -> pd.DataFrame:
    cells: dict[tuple[str, dt.date, dt.time | None], list[tuple[str, int]]] = defaultdict(list)
    day_n: dict[tuple[str, dt.date], int] = defaultdict(int)
    week_n: dict[tuple[str, tuple[int, int]], int] = defaultdict(int)
    for dep, heads, sid, d, start in _visits(result):
        site = catalog.sites.get(sid)
        slot = start if site is not None and site.slots else None
        cells[sid, d, slot].append((dep, heads))
        day_n[sid, d] += 1
        week_n[sid, iso_week(d)] += 1
    rows = []
    for (sid, d, slot), groups in sorted(
        cells.items(), key=lambda kv: (kv[0][0], kv[0][1], _slot(kv[0][2]))
    ):
        cap = catalog.capacity.get(sid)
        rows.append(
            {
                "site_id": sid,
                "name": _site_name(catalog, sid, lang),
                "date": d.isoformat(),
                "week": _week(d),
                "slot": _slot(slot),
                "groups": len(groups),
                "headcount": sum(h for _d, h in groups),
                "departures": ";".join(dep for dep, _h in groups),
                "groups_day": day_n[sid, d],
                "limit_day": None if cap is None else cap.groups_per_day,
                "groups_week": week_n[sid, iso_week(d)],
                "limit_week": None if cap is None else cap.groups_per_week,
                "limit_slot": None if cap is None or slot is None else cap.groups_per_slot,
                "limit_is_default": None if cap is None else bool(cap.defaults),
            }
        )
    frame = pd.DataFrame(rows, columns=LOAD_COLUMNS)
    for col in ("limit_day", "limit_week", "limit_slot"):
        frame[col] = frame[col].astype("Int64")
    return frame


def _span(result: SeasonResult) -> tuple[dt.date, dt.date] | None:
    dates = [d for dep in result.spec.departures for d in dep.dates]
    return (min(dates), max(dates)) if dates else None


def _available(site_id: str, catalog: Catalog, first: dt.date, last: dt.date) -> int | None:
    """Groups the site could take between ``first`` and ``last`` (None: no limit)."""
    cap = catalog.capacity.get(site_id)
    site = catalog.sites.get(site_id)
    if cap is None or site is None:
        return None
    per_week: dict[tuple[int, int], int] = defaultdict(int)
    d = first
    while d <= last:
        starts = visit_start_windows(site, d)
        if starts:
            limits = [x for x in (cap.groups_per_day,) if x is not None]
            if site.slots and cap.groups_per_slot is not None:
                limits.append(len(starts) * cap.groups_per_slot)
            per_week[iso_week(d)] += min(limits) if limits else 10**6
        d += dt.timedelta(days=1)
    week = cap.groups_per_week
    total = sum(min(v, week) if week is not None else v for v in per_week.values())
    return total if total < 10**6 else None


def _sites_frame(
    result: SeasonResult, load: pd.DataFrame, catalog: Catalog, lang: str
) -> pd.DataFrame:
    span = _span(result)
    rows = []
    for sid in sorted(catalog.capacity):
        mine = load[load["site_id"] == sid]
        groups = int(mine["groups"].sum()) if len(mine) else 0
        avail = _available(sid, catalog, *span) if span else None
        cap = catalog.capacity[sid]
        rows.append(
            {
                "site_id": sid,
                "name": _site_name(catalog, sid, lang),
                "groups": groups,
                "headcount": int(mine["headcount"].sum()) if len(mine) else 0,
                "days_used": int(mine["date"].nunique()) if len(mine) else 0,
                "peak_day": int(mine["groups_day"].max()) if len(mine) else 0,
                "limit_day": cap.groups_per_day,
                "peak_week": int(mine["groups_week"].max()) if len(mine) else 0,
                "limit_week": cap.groups_per_week,
                "available": avail,
                "utilisation": round(groups / avail, 4) if avail else None,
                "limit_is_default": bool(cap.defaults),
            }
        )
    frame = pd.DataFrame(rows)
    if len(frame):
        for col in ("limit_day", "limit_week", "available"):
            frame[col] = frame[col].astype("Int64")
    return frame


def _readable(
    frames: Mapping[str, pd.DataFrame], names: tuple[str, ...], lang: str
) -> dict[str, pd.DataFrame]:
    """The sheets of a workbook for people: named, headed and worded in ``lang``."""
    return {
        (t(f"sheet.{name}", lang) if has(f"sheet.{name}") else name): localized(frames[name], lang)
        for name in names
    }


def season_frames(
    result: SeasonResult, catalog: Catalog, *, lang: str = "ru"
) -> dict[str, pd.DataFrame]:
    """The season's tables: ``stops``, ``departures``, ``losses``, ``load`` and ``sites``.

    Columns are listed in ``docs/outputs.md``.
    """
    losses = result.losses(catalog)
    load = _load_frame(result, catalog, lang)
    return {
        "stops": _stops_frame(result, lang),
        "departures": _departures_frame(result, losses, lang),
        "losses": _losses_frame(result, losses, catalog, lang),
        "load": load,
        "sites": _sites_frame(result, load, catalog, lang),
    }


# --------------------------------------------------------------------------- pages


def calendar_html(site_id: str, result: SeasonResult, catalog: Catalog, *, lang: str = "ru") -> str:
    """A site's season as month grids: per day the groups, their headcount and tour times.

    Days the site is closed are grey, days at the daily limit red, days with groups green.
    """
    site = catalog.sites[site_id]
    cap = catalog.capacity.get(site_id)
    by_day: dict[dt.date, list[tuple[dt.time, str, int]]] = defaultdict(list)
    for dep, heads, sid, d, start in _visits(result):
        if sid == site_id:
            by_day[d].append((start, dep, heads))
    span = _span(result)
    body = [
        f"<h1>{escape(site.name(lang))}</h1>",
        f"<p class='note'>{escape(t('season.calendar', lang))} · {escape(result.spec.name)}</p>",
        f"<p>{escape(t('season.capacity', lang))}: {escape(_limit_text(cap, lang))}</p>",
    ]
    if span is None:
        return _page(site.name(lang), "".join(body), lang)
    months = t("season.months", lang).split()
    wds = t("season.weekdays", lang).split()
    y, m = span[0].year, span[0].month
    while (y, m) <= (span[1].year, span[1].month):
        body.append(f"<h3>{escape(months[m - 1])} {y}</h3><table class='month'><tr>")
        body.extend(f"<th>{escape(w)}</th>" for w in wds)
        body.append("</tr>")
        for week in _cal.Calendar(firstweekday=0).monthdatescalendar(y, m):
            body.append("<tr>")
            for d in week:
                if d.month != m:
                    body.append("<td class='out'></td>")
                    continue
                visits = sorted(by_day.get(d, []))
                heads = sum(h for _t, _d, h in visits)
                cls = ""
                if not visit_start_windows(site, d):
                    cls = "closed"
                elif visits and cap is not None and cap.groups_per_day is not None:
                    cls = "full" if len(visits) >= cap.groups_per_day else "busy"
                elif visits:
                    cls = "busy"
                cell = [f"<span class='d'>{d.day}</span>"]
                if cls == "closed":
                    cell.append(f" <small>{escape(t('season.closed', lang))}</small>")
                if visits:
                    cell.append(
                        f"<br><b>{escape(plural(len(visits), 'group', lang))}"
                        f" · {escape(plural(heads, 'person', lang))}</b>"
                    )
                    cell.extend(
                        f"<br>{start.strftime('%H:%M')} {escape(dep)} ({h})"
                        for start, dep, h in visits
                    )
                body.append(f"<td class='{cls}'>{''.join(cell)}</td>")
            body.append("</tr>")
        body.append("</table>")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return _page(f"{site.name(lang)} — {t('season.calendar', lang)}", "".join(body), lang)


def _table(frame: pd.DataFrame, columns: Mapping[str, str], num: set[str]) -> str:
    head = "".join(f"<th>{escape(label)}</th>" for label in columns.values())
    rows = []
    for rec in frame.to_dict("records"):
        cells = []
        for col in columns:
            v = rec.get(col)
            text = "" if v is None or (isinstance(v, float) and v != v) or v is pd.NA else str(v)
            cls = " class='num'" if col in num else ""
            cells.append(f"<td{cls}>{escape(text)}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return f"<table><tr>{head}</tr>{''.join(rows)}</table>"


def season_report_html(
    result: SeasonResult,
    catalog: Catalog,
    frames: Mapping[str, pd.DataFrame],
    *,
    lang: str = "ru",
) -> str:
    """The season report: total vs the solo bound, departures, utilisation, losses."""
    spec = result.spec
    body = [f"<h1>{escape(t('season.report', lang))}: {escape(spec.name)}</h1>"]
    kpis = [
        (t("season.departures", lang), str(len(spec.departures))),
        (t("season.total", lang), f"{result.total:.2f}"),
        (t("season.bound", lang), f"{result.bound:.2f}"),
        (t("season.share", lang), f"{100 * result.share:.1f} %"),
        (t("season.solves", lang), str(result.stats.get("solves", ""))),
    ]
    body.append(
        "<div class='kpis'>"
        + "".join(f"<div class='kpi'><b>{escape(v)}</b>{escape(k)}</div>" for k, v in kpis)
        + "</div>"
    )
    unplanned = result.unplanned()
    if unplanned:
        body.append(
            f"<p class='bad'>{escape(t('season.unplanned', lang))}: "
            f"{escape(', '.join(unplanned))}</p>"
        )
    else:
        body.append(f"<p>{escape(t('season.all_planned', lang))}.</p>")
    if spec.fairness is not None:
        share = f"{100 * spec.fairness:g}"
        below = result.below_floor()
        text = t("season.fairness", lang).format(share=share)
        if below:
            body.append(
                f"<p class='bad'>{escape(text)} — {escape(t('season.below_floor', lang))}: "
                f"{escape(', '.join(below))}</p>"
            )
        else:
            body.append(f"<p>{escape(text)}: ✓</p>")
    body.append(f"<p class='note'>{escape(t('season.method', lang))}</p>")
    body.append(f"<h2>{escape(t('season.departures', lang))}</h2>")
    deps = frames["departures"].copy()
    deps["link"] = deps["departure"]
    body.append(
        _table(
            deps,
            {
                "departure": t("season.departure", lang),
                "product": t("season.product", lang),
                "start_date": t("dates", lang),
                "group_size": t("group", lang),
                "weighted_score": t("season.in_season", lang),
                "solo_bound": t("season.solo", lang),
                "share": t("season.share", lang),
                "lost_enterprises": t("season.lost", lang),
                "problem": t("reason", lang),
            },
            {"group_size", "weighted_score", "solo_bound", "share"},
        )
    )
    body.append(f"<h2>{escape(t('season.utilisation', lang))}</h2>")
    sites = frames["sites"]
    if len(sites):
        sites = sites.copy()
        sites["utilisation"] = [
            "" if v is None or v != v else f"{100 * v:.0f} %" for v in sites["utilisation"]
        ]
        body.append(
            _table(
                sites,
                {
                    "name": t("site", lang),
                    "groups": t("season.visits", lang),
                    "headcount": t("season.people", lang),
                    "peak_day": t("season.peak_day", lang),
                    "limit_day": t("season.per_day", lang),
                    "peak_week": t("season.peak_week", lang),
                    "limit_week": t("season.per_week", lang),
                    "available": t("season.available", lang),
                    "utilisation": t("season.load", lang),
                },
                {"groups", "headcount", "peak_day", "limit_day", "peak_week", "limit_week"},
            )
        )
        if sites["limit_is_default"].any():
            body.append(
                f"<p class='note'>{escape(t('season.capacity', lang))}: "
                f"{escape(t('season.default', lang))} (capacity.csv).</p>"
            )
        links = " · ".join(
            f"<a href='calendars/{escape(sid)}.html'>{escape(name)}</a>"
            for sid, name in zip(sites["site_id"], sites["name"], strict=True)
        )
        body.append(f"<h3>{escape(t('season.calendars', lang))}</h3><p>{links}</p>")
    body.append(f"<h2>{escape(t('season.losses', lang))}</h2>")
    losses = frames["losses"]
    if len(losses):
        body.append(
            _table(
                losses,
                {
                    "departure": t("season.departure", lang),
                    "name": t("site", lang),
                    "why": t("reason", lang),
                },
                set(),
            )
        )
    else:
        body.append(f"<p>{escape(t('season.no_losses', lang))}</p>")
    return _page(f"{t('season.report', lang)}: {spec.name}", "".join(body), lang)


def season_manifest(result: SeasonResult, catalog: Catalog) -> dict[str, Any]:
    """The ``season.json`` manifest: departures, their folders, scores and the totals."""
    return {
        "season": result.spec.name,
        "source": result.spec.source,
        "fairness": result.spec.fairness,
        "total": result.total,
        "bound": result.bound,
        "share": round(result.share, 6),
        "below_floor": result.below_floor(),
        "unplanned": result.unplanned(),
        "stats": result.stats,
        "departures": [
            {
                "id": dep.id,
                "product": dep.product,
                "start_date": dep.request.start_date.isoformat(),
                "days": dep.request.days,
                "group_size": dep.request.group_size,
                "youngest_age": dep.request.youngest_age,
                "folder": f"departures/{dep.id}",
                "feasible": bool(result.plans.get(dep.id) and result.plans[dep.id].feasible),  # type: ignore[union-attr]
                "weighted_score": result.value(dep.id),
                "solo_bound": result.solo_value.get(dep.id, 0.0),
                "bookings": [
                    [sid, d.isoformat(), _slot(slot) or None]
                    for sid, d, slot in bookings_of(result.plans.get(dep.id), catalog)
                ],
                "error": result.errors.get(dep.id),
            }
            for dep in result.spec.departures
        ],
        "moves": result.moves,
    }


def _plan_files(itinerary: Itinerary, catalog: Catalog, lang: str) -> dict[str, bytes]:
    from .export import render_plan

    view = catalog.for_request(itinerary.scenario)
    names = {p.id: p.name(lang) for p in view}
    return render_plan(itinerary, lang=lang, names=names, catalog=view)


def season_files(
    result: SeasonResult, catalog: Catalog, *, lang: str = "ru", plans: bool = True
) -> dict[str, bytes]:
    """Every file of the season folder, rendered in memory (relative path -> bytes).

    Without ``plans``, each departure's folder holds only its ``itinerary.json``.
    """
    frames = season_frames(result, catalog, lang=lang)
    files: dict[str, bytes] = {
        "season.csv": csv_bytes(frames["stops"]),
        "season.xlsx": xlsx_bytes(_readable(frames, ("stops", "departures", "losses"), lang)),
        "site_load.csv": csv_bytes(frames["load"]),
        "site_load.xlsx": xlsx_bytes(_readable(frames, ("load", "sites"), lang)),
        "season_report.html": season_report_html(result, catalog, frames, lang=lang).encode(),
        "season.json": (
            json.dumps(season_manifest(result, catalog), ensure_ascii=False, indent=1) + "\n"
        ).encode(),
    }
    for sid in sorted(catalog.capacity):
        if sid in catalog.sites:
            files[f"calendars/{sid}.html"] = calendar_html(sid, result, catalog, lang=lang).encode()
    for dep in result.spec.departures:
        it = result.plans.get(dep.id)
        folder = f"departures/{dep.id}"
        if it is None:
            text = result.error(dep.id, lang) or t("status.no_plan", lang)
            files[f"{folder}/error.txt"] = (text + "\n").encode()
        elif plans:
            for name, data in _plan_files(it, catalog, lang).items():
                files[f"{folder}/{name}"] = data
        else:  # the season checker reads every plan
            files[f"{folder}/itinerary.json"] = (it.to_json() + "\n").encode()
    return files


def write_season(
    result: SeasonResult,
    out: Path | str,
    catalog: Catalog,
    *,
    lang: str = "ru",
    plans: bool = True,
) -> list[Path]:
    """Write the season's files into ``out``, all or none (see the module docstring).

    Returns
    -------
    list of Path
        Every file written.
    """
    return write_files(Path(out), season_files(result, catalog, lang=lang, plans=plans))
