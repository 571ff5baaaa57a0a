"""Showing an itinerary on a page: key figures, the map, the day-by-day schedule, the sites
left out and every export as a download (shared by the Plan and Embed pages)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from ..catalog import Catalog
from ..export import render_plan
from ..i18n import fmt_date, t
from ..maps import itinerary_map
from ..places import default_note
from ..result import Itinerary, Kpis, lunch_where
from .common import download_buttons, show_map, tr

__all__ = [
    "dropped_frame",
    "plan_files",
    "schedule_frames",
    "show_itinerary",
    "show_kpis",
]


def plan_files(
    itinerary: Itinerary, catalog: Catalog, language: str, names: dict[str, str]
) -> dict[str, bytes]:
    """Every export of the plan as bytes (:func:`~routeplanner.export.render_plan`: exactly
    what ``routeplanner plan`` writes), rendered in memory."""
    return render_plan(itinerary, lang=language, names=names, catalog=catalog)


def show_kpis(itinerary: Itinerary) -> None:
    """The plan's key figures as a row of metrics."""
    k = itinerary.kpis or Kpis()
    figures = [
        (tr("kpi_score"), f"{k.score:.1f}"),
        (tr("kpi_sites"), str(k.sites)),
        (tr("kpi_industrial"), f"{100 * k.industrial_share:.0f} %"),
        (tr("kpi_travel"), f"{k.travel_h:.1f}"),
        (tr("kpi_distance"), f"{k.distance_km:.0f}"),
        (tr("kpi_cost"), f"{k.cost_per_person_rub:,}".replace(",", " ")),
    ]
    for col, (label, value) in zip(st.columns(len(figures)), figures, strict=True):
        col.metric(label, value)


def _table_height(rows: int, limit: int = 40) -> int:
    """Pixel height that shows ``rows`` rows of a table without scrolling (up to ``limit``)."""
    return 38 + 35 * min(max(rows, 1), limit)


def _hm(x: dt.datetime | None) -> str:
    return "" if x is None else x.strftime("%H:%M")


def schedule_frames(
    itinerary: Itinerary,
    names: dict[str, str],
    language: str,
    catalog: Catalog | None = None,
) -> list[tuple[str, pd.DataFrame]]:
    """The schedule of each day as a table (time, what, details), titled with the date.

    Parameters
    ----------
    itinerary : Itinerary
    names : dict
        Place id to display name.
    language : {"ru", "en"}
    catalog : Catalog, optional
        Adds to each visit which of the site's facts are planning defaults.

    Returns
    -------
    list of (str, pandas.DataFrame)
        One entry per day: ``"День 1 — вторник, 15 июня 2027"`` and its rows in time order.
    """
    en = language == "en"
    out = []
    for di, day in enumerate(itinerary.days, 1):
        rows: list[tuple[dt.datetime, int, str, str, str]] = []
        for k, leg in enumerate(day.legs):
            origin = names.get(leg.origin, leg.origin)
            dest = names.get(leg.destination, leg.destination)
            rows.append(
                (
                    leg.depart,
                    0,
                    f"{_hm(leg.depart)}–{_hm(leg.arrive)}",
                    f"{origin} → {dest}",
                    tr(
                        "travel_to",
                        mode=t(leg.mode, language),
                        min=leg.duration_min,
                        km=leg.distance_km,
                    ),
                )
            )
            if k < len(day.stops):
                s = day.stops[k]
                wait = tr("wait_row", w=s.wait_min) if s.wait_min > 0 else ""
                visit = int((s.end - s.start).total_seconds() // 60)
                name = s.name_en if en and s.name_en else s.name
                if s.added:
                    name = f"★ {name} ({tr('added_mark')})"
                details = tr("visit_row", wait=wait, min=visit)
                site = catalog.sites.get(s.site_id) if catalog is not None else None
                note = default_note(site, language) if site is not None else ""
                if note:
                    details = f"{details} · {note}"
                rows.append((s.start, 1, f"{_hm(s.start)}–{_hm(s.end)}", name, details))
        if day.lunch_start is not None and day.lunch_end is not None:
            rows.append(
                (
                    day.lunch_start,
                    1,
                    f"{_hm(day.lunch_start)}–{_hm(day.lunch_end)}",
                    t("lunch", language),
                    lunch_where(day, names, language) if day.lunch_place else "",
                )
            )
        if day.lodging:
            last = day.finish or dt.datetime.combine(day.date, dt.time(23, 59))
            rows.append((last, 2, "", tr("night_at", p=names.get(day.lodging, day.lodging)), ""))
        rows.sort(key=lambda r: (r[0], r[1]))
        frame = pd.DataFrame(
            [r[2:] for r in rows], columns=[tr("col_time"), tr("col_what"), tr("col_details")]
        )
        out.append((f"{t('day', language)} {di} — {fmt_date(day.date, language)}", frame))
    return out


def dropped_frame(itinerary: Itinerary, language: str) -> pd.DataFrame:
    """The sites left out, with the reason in ``language``."""
    return pd.DataFrame(
        [(d.label(language), d.site_id, d.text(language)) for d in itinerary.dropped],
        columns=[tr("col_site"), "id", tr("col_reason")],
    )


def show_itinerary(
    itinerary: Itinerary,
    catalog: Catalog,
    *,
    key: str,
    language: str,
    map_layer: Any = None,
) -> None:
    """Show a planned trip: status, key figures, map, schedule, left-out sites, downloads.

    Parameters
    ----------
    itinerary : Itinerary
    catalog : Catalog
        The catalog as the request sees it (``catalog.for_request(request)``).
    key : str
        Unique prefix of the widgets (a page may show several plans).
    language : {"ru", "en"}
    map_layer : callable, optional
        Called with the folium map to add layers (e.g. the insertion report's candidates).
    """
    names = {p.id: p.name(language) for p in catalog}
    if not itinerary.feasible:
        st.error(
            "\n".join([tr("infeasible")] + [f"- {p}" for p in itinerary.problem_texts(language)]),
            icon=":material/block:",
        )
        return
    st.success(tr("feasible"), icon=":material/check_circle:")
    for warning in itinerary.warning_texts(language):
        st.warning(warning, icon=":material/warning:")
    st.subheader(tr("kpis"))
    show_kpis(itinerary)
    st.subheader(tr("map"))
    m = itinerary_map(itinerary, catalog, lang=language, names=names)
    if map_layer is not None:
        map_layer(m)
    show_map(m)
    st.subheader(tr("schedule"))
    for title, frame in schedule_frames(itinerary, names, language, catalog):
        st.markdown(f"**{title}**")
        st.dataframe(frame, hide_index=True, width="stretch", height=_table_height(len(frame)))
    stories = [(s, catalog.stories.get(s.site_id, ())) for s in itinerary.stops]
    if any(found for _s, found in stories):
        st.subheader(t("stories_at_stops", language))
        st.markdown(
            "\n".join(
                f"- **{s.name_en if language == 'en' else s.name}**: "
                + ", ".join(
                    f"[{x.title(language)}]({x.url}) ({t(x.kind, language)})" for x in found
                )
                for s, found in stories
                if found
            )
        )
    st.subheader(tr("dropped"))
    if itinerary.dropped:
        with st.container(height=min(420, 40 + 32 * len(itinerary.dropped))):
            st.markdown(
                "\n".join(
                    f"- **{d.label(language)}** (`{d.site_id}`): {d.text(language)}"
                    for d in itinerary.dropped
                )
            )
    else:
        st.caption(tr("no_dropped"))
    st.subheader(tr("downloads"))
    # rendered once per plan and language; kept with the plan it belongs to
    cache = st.session_state.setdefault("_plan_files", {})
    slot = f"{key}-{language}"
    if slot not in cache or cache[slot][0] is not itinerary:
        cache[slot] = (itinerary, plan_files(itinerary, catalog, language, names))
    download_buttons(cache[slot][1], key=f"{key}-dl-{language}")
