"""The comparison's files: the self-contained HTML report, the KPI workbook and tables, and
each variant's plan; rendered to bytes, written by the one atomic writer."""

from __future__ import annotations

import html
import math
import numbers
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._io import write_files
from ..export import localized
from ..i18n import has, t
from ..model import UNNAMED_TRIP
from ..spreadsheet import csv_bytes, xlsx_bytes
from .charts import budget_svg, pareto_svg, report_label
from .kpis import Comparison

if TYPE_CHECKING:
    from ..catalog import Catalog

__all__ = ["COMPARISON_FILES", "comparison_html", "render_comparison", "write_comparison"]

#: The files :func:`render_comparison` puts at the top of its folder.
COMPARISON_FILES = ("kpis.csv", "kpis.xlsx", "comparison.html", "comparison_map.html")

_REPORT_CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Arial,sans-serif;margin:24px;color:#222}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.sub{color:#666;margin-bottom:16px}
table{border-collapse:collapse;font-size:12px}
th,td{border:1px solid #ddd;padding:2px 5px;text-align:right;vertical-align:top}
th{background:#f3f3f3;font-weight:600;min-width:48px}
td.nw{white-space:nowrap}
td.l,th.l{text-align:left}
tr.error td{background:#fdecea}tr.infeasible td{background:#fff6e0}
td.best{font-weight:700;background:#e8f5e9}
.scroll{overflow-x:auto;max-width:100%}
.chart text{font:11px system-ui,Arial,sans-serif;fill:#333}
.chart .axis{font-size:12px;fill:#555}
.chart .grid{stroke:#e6e6e6}
.chart .pt circle{fill:#9e9e9e;stroke:#fff}
.chart .pt.on circle{fill:#ff7f0e;stroke:#222}
.chart .pt.on text{font-weight:700}
.chart .front{fill:none;stroke:#ff7f0e;stroke-width:2;stroke-dasharray:5 4}
.yes{color:#2e7d32;text-align:center}.no{color:#ccc;text-align:center}
iframe{width:100%;height:560px;border:1px solid #ccc}
.note{color:#666;font-size:12px}
"""

_SHOWN = [
    ("score", "max"),
    ("weighted_score", "max"),
    ("sites", "max"),
    ("industrial_share", "max"),
    ("travel_h", "min"),
    ("drive_h_max_day", None),
    ("idle_h", "min"),
    ("distance_km", "min"),
    ("cost_per_person_rub", "min"),
    ("nights_away", None),
    ("events", None),
    ("only_here", None),
]


def _cell(v: Any) -> str:
    if v is None or (not isinstance(v, str) and bool(pd.isna(v))):
        return "–"
    if isinstance(v, bool | np.bool_):
        return "✓" if v else ""
    if isinstance(v, numbers.Integral):
        return f"{int(v):,}".replace(",", " ")
    if isinstance(v, numbers.Real):
        v = float(v)
        return (
            f"{v:,.2f}".replace(",", " ").rstrip("0").rstrip(".")
            if v % 1
            else f"{v:,.0f}".replace(",", " ")
        )
    return html.escape(str(v))


def comparison_html(
    comp: Comparison,
    catalog: Catalog | None = None,
    *,
    lang: str = "ru",
    map_html: str | None = None,
    source: str | None = None,
) -> str:
    """The self-contained comparison report (one HTML file, charts as inline SVG).

    Parameters
    ----------
    comp : Comparison
    catalog : Catalog, optional
        Site names in ``lang``.
    lang : {"ru", "en"}
    map_html : str, optional
        A rendered map page to embed (``iframe srcdoc``); none by default.
    source : str, optional
        The variants file, shown under the title.

    Returns
    -------
    str
        HTML; every text taken from data is escaped.
    """
    e = html.escape

    def lab(key: str) -> str:
        return e(report_label(key, lang))

    # a variants file and its base without a name: the label, not the default id
    title = t("trip", lang) if comp.title.strip() in ("", UNNAMED_TRIP) else comp.title
    k = comp.kpis
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{e(lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{lab('title')}: {e(title)}</title>",
        f"<style>{_REPORT_CSS}</style></head><body>",
        f"<h1>{lab('title')}: {e(title)}</h1>",
    ]
    n_ok = int(k["feasible"].sum()) if not k.empty else 0
    sub = f"{len(k)} · {report_label('ok', lang)}: {n_ok}"
    if source:
        sub = f"{source} — {sub}"
    parts.append(f'<div class="sub">{e(sub)}</div>')

    # KPI table, best value per column in bold
    parts.append(f"<h2>{lab('kpis')}</h2><div class='scroll'><table><thead><tr>")
    head = ["variant", "status", "days", "start_date", "profile"] + [c for c, _ in _SHOWN]
    parts.append(
        "".join(
            f"<th class='l'>{lab(c)}</th>" if i < 5 else f"<th>{lab(c)}</th>"
            for i, c in enumerate(head)
        )
    )
    parts.append("</tr></thead><tbody>")
    feas = k[k["feasible"]] if not k.empty else k
    best: dict[str, float] = {}
    for col, how in _SHOWN:
        if how and not feas.empty and feas[col].notna().any():
            best[col] = float(feas[col].max() if how == "max" else feas[col].min())
    for _, row in k.iterrows():
        prof = row["profile"]
        cells = [
            f"<td class='l'>{e(str(row['variant']))}</td>",
            f"<td class='l'>{lab(str(row['status']))}</td>",
            f"<td class='l'>{_cell(row['days'])}</td>",
            f"<td class='l nw'>{_cell(row['start_date'])}</td>",
            f"<td class='l'>{lab(prof) if isinstance(prof, str) else '–'}</td>",
        ]
        for col, _how in _SHOWN:
            v = row[col]
            is_best = (
                bool(row["feasible"])
                and col in best
                and pd.notna(v)
                and math.isclose(float(v), best[col])
            )
            cells.append(f"<td{' class=best' if is_best else ''}>{_cell(v)}</td>")
        parts.append(f"<tr class='{e(str(row['status']))}'>{''.join(cells)}</tr>")
    parts.append(f"</tbody></table></div><p class='note'>{lab('legend_best')}</p>")

    failed = k[~k["feasible"]] if not k.empty else k
    if not failed.empty:
        parts.append(f"<h2>{lab('failed')}</h2><ul>")
        for _, row in failed.iterrows():
            parts.append(
                f"<li><b>{e(str(row['variant']))}</b> ({lab(str(row['status']))}): "
                f"{e(str(row['problem']))}</li>"
            )
        parts.append("</ul>")

    parts.append(f"<h2>{lab('pareto')}</h2>{pareto_svg(comp, lang=lang)}")
    parts.append(f"<h2>{lab('budget')}</h2>{budget_svg(comp, lang=lang)}")

    def site_name(sid: str) -> str:
        if catalog is not None and sid in catalog.sites:
            return catalog.sites[sid].name(lang)
        hit = comp.sites[comp.sites["site_id"] == sid]
        return str(hit["name"].iloc[0]) if not hit.empty else sid

    parts.append(f"<h2>{lab('unique')}</h2><table><tbody>")
    for r in comp.results:
        if not r.feasible:
            continue
        ids = comp.only_here.get(r.name, [])
        text = ", ".join(site_name(i) for i in ids) or report_label("none", lang)
        parts.append(f"<tr><th class='l'>{e(r.name)}</th><td class='l'>{e(text)}</td></tr>")
    parts.append("</tbody></table>")

    s = comp.sites
    ok_names = [r.name for r in comp.results if r.feasible]
    if not s.empty and ok_names:
        parts.append(f"<h2>{lab('presence')}</h2><div class='scroll'><table><thead><tr>")
        parts.append(f"<th class='l'>{lab('site')}</th>")
        parts.append(f"<th class='l'>{lab('category')}</th>")
        parts += [f"<th>{e(n)}</th>" for n in ok_names]
        parts.append("</tr></thead><tbody>")
        for _, row in s.iterrows():
            parts.append(
                f"<tr><td class='l'>{e(site_name(str(row['site_id'])))}</td>"
                f"<td class='l'>{lab(str(row['category']))}</td>"
                + "".join(
                    "<td class='yes'>●</td>" if row[n] else "<td class='no'>·</td>"
                    for n in ok_names
                )
                + "</tr>"
            )
        parts.append("</tbody></table></div>")

    if map_html is not None:
        parts.append(
            f"<h2>{lab('map')}</h2><p class='note'>{lab('map_note')}</p>"
            f'<iframe title="map" sandbox="allow-scripts" srcdoc="{e(map_html, quote=True)}">'
            "</iframe>"
        )
    parts.append("</body></html>")
    return "\n".join(parts)


# --------------------------------------------------------------------------- writing


def _slug(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^\w.-]+", "_", name, flags=re.UNICODE).strip("._") or "variant"
    slug, n = base, 2
    while slug.lower() in taken:
        slug, n = f"{base}_{n}", n + 1
    taken.add(slug.lower())
    return slug


def _xlsx(comp: Comparison, lang: str) -> bytes:
    only = pd.DataFrame(
        [{"variant": n, "site_id": sid} for n, ids in comp.only_here.items() for sid in ids],
        columns=["variant", "site_id"],
    )
    sheets = {"kpis": comp.kpis, "days": comp.days, "sites": comp.sites, "only_here": only}
    readable = {}  # the workbook is for people: headers and values in ``lang``
    for name, frame in sheets.items():
        shown = localized(frame, lang)  # values in words (same columns, same order)
        shown.columns = [
            t(f"compare.{c}", lang) if has(f"compare.{c}") else head
            for c, head in zip(frame.columns, shown.columns, strict=True)
        ]
        readable[t(f"sheet.{name}", lang)] = shown
    return xlsx_bytes(readable, freeze="B2", max_width=40)


def render_comparison(
    comp: Comparison,
    *,
    catalog: Catalog | None = None,
    lang: str = "ru",
    plans: bool = True,
    source: str | None = None,
) -> dict[str, bytes]:
    """Render every file of a comparison in memory.

    Parameters
    ----------
    comp : Comparison
    catalog : Catalog, optional
        Names, excursion rules and lodging positions for the plans and the map.
    lang : {"ru", "en"}
    plans : bool
        Also render every variant's plan under ``plans/<variant>/``.
    source : str, optional
        The variants file, named in the report.

    Returns
    -------
    dict
        Relative file name to bytes: ``kpis.csv`` (the KPI table), ``kpis.xlsx`` (sheets
        ``kpis``, ``days``, ``sites``, ``only_here``), ``comparison.html`` (the report, map
        embedded), ``comparison_map.html`` and, with ``plans``, each variant's plan files
        under ``plans/<variant>/`` (those of :func:`~routeplanner.export.render_plan`;
        ``error.txt`` for a variant that failed before a plan, in ``lang``).
    """
    from ..export import render_plan
    from ..maps import comparison_map, render_map

    ok = {r.name: r.itinerary for r in comp.results if r.feasible and r.itinerary is not None}
    map_page = render_map(comparison_map(ok, catalog, lang=lang))
    report = comparison_html(
        comp, catalog, lang=lang, map_html=map_page.decode("utf-8"), source=source
    )
    files = {
        "kpis.csv": csv_bytes(comp.kpis),
        "kpis.xlsx": _xlsx(comp, lang),
        "comparison.html": report.encode("utf-8"),
        "comparison_map.html": map_page,
    }
    if plans:
        names = {p.id: p.name(lang) for p in catalog} if catalog is not None else None
        taken: set[str] = set()
        for r in comp.results:
            folder = f"plans/{_slug(r.name, taken)}"
            if r.itinerary is not None:
                plan = render_plan(r.itinerary, lang=lang, names=names, catalog=catalog)
                files |= {f"{folder}/{name}": data for name, data in plan.items()}
            else:
                text = r.problem_text(lang) or t("compare.error", lang)
                files[f"{folder}/error.txt"] = (text + "\n").encode("utf-8")
    return files


def write_comparison(
    comp: Comparison,
    out: Path | str,
    *,
    catalog: Catalog | None = None,
    lang: str = "ru",
    plans: bool = True,
    source: str | None = None,
) -> list[Path]:
    """Write the comparison's files (:func:`render_comparison`) into ``out``, all or none.

    Parameters
    ----------
    comp : Comparison
    out : path
        Folder (created if missing).
    catalog, lang, plans, source
        See :func:`render_comparison`.

    Returns
    -------
    list of Path
        The top-level files, then the plan folders.
    """
    out = Path(out)
    files = render_comparison(comp, catalog=catalog, lang=lang, plans=plans, source=source)
    write_files(out, files)
    folders = dict.fromkeys(out / n.rsplit("/", 1)[0] for n in files if n.startswith("plans/"))
    return [out / n for n in COMPARISON_FILES] + list(folders)
