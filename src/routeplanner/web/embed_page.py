"""Embed page: an existing tour, candidates to add, the ranked insertion report and the new plan."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from .. import i18n
from ..catalog import Catalog
from ..embed import Tour, embed, insertion_report, load_tour
from ..exceptions import RouteplannerError, ScenarioError
from ..export import render_insertion
from ..maps import add_insertion_layer
from ..model import CHECKLIST_CATEGORIES, Category
from ..scenario import load_yaml
from . import MAX_UPLOAD_MB
from .common import (
    active_resources,
    data_dir,
    digest,
    download_buttons,
    lang,
    read_upload,
    safe_name,
    show_error,
    staged_files,
    tr,
)
from .views import show_itinerary

__all__ = ["ready_tours", "render", "report_view", "tour_frame"]

_SUFFIXES = (".yaml", ".yml", ".csv")


def ready_tours() -> dict[str, Path]:
    """The sample tours of ``data/tours/`` by file name (a CSV's YAML of keys is not a tour)."""
    folder = data_dir() / "tours"
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in _SUFFIXES)
    csv_stems = {p.stem for p in files if p.suffix.lower() == ".csv"}
    return {p.name: p for p in files if p.suffix.lower() == ".csv" or p.stem not in csv_stems}


@st.cache_data(show_spinner=False)
def _tour_title(path: str) -> str:
    """The ``name`` of a tour file (for a CSV, from its YAML of keys), else the file's stem."""
    p = Path(path)
    for candidate in (p, p.with_suffix(".yaml")):
        if candidate.suffix.lower() in (".yaml", ".yml") and candidate.is_file():
            try:
                raw = load_yaml(candidate)
            except RouteplannerError:
                break
            if isinstance(raw, dict) and isinstance(raw.get("name"), str):
                return raw["name"]
    return p.stem


def _main_file(names: list[str]) -> str:
    """The tour among uploaded files: the CSV if there is one, else the only YAML."""
    csvs = [n for n in names if n.lower().endswith(".csv")]
    if len(csvs) == 1:
        return csvs[0]
    yamls = [n for n in names if n.lower().endswith((".yaml", ".yml"))]
    if not csvs and len(yamls) == 1:
        return yamls[0]
    raise ScenarioError(
        "upload one tour: a YAML file, or a CSV file with (optionally) the YAML file of the "
        f"same name; got {', '.join(names)}"
    )


def _load(catalog: Catalog, network: Any) -> tuple[str, Tour] | None:
    sources = {"ready": tr("tour_ready"), "upload": tr("tour_upload")}
    source = st.radio(
        tr("tour_source"),
        list(sources),
        format_func=sources.__getitem__,
        key="embed-source",
        horizontal=True,
    )
    if source == "ready":
        tours = ready_tours()
        names = list(tours)
        chosen = st.selectbox(
            tr("tour_ready"),
            names,
            format_func=lambda n: f"{_tour_title(str(tours[n]))} ({n})",
            key="embed-tour",
        )
        if chosen is None:
            return None
        return f"ready:{chosen}", load_tour(tours[chosen], catalog, network)
    files = st.file_uploader(
        tr("tour_file"),
        type=[s.lstrip(".") for s in _SUFFIXES],
        accept_multiple_files=True,
        key="embed-files",
        help=tr("tour_upload_help"),
        max_upload_size=MAX_UPLOAD_MB,
    )
    if not files:
        return None
    data = {f.name: read_upload(f, _SUFFIXES) for f in files}
    main = _main_file(list(data))
    with staged_files(data) as folder:
        tour = load_tour(folder / safe_name(main), catalog, network)
    return "upload:" + digest(*[n.encode() + b for n, b in sorted(data.items())]), tour


def tour_frame(tour: Tour, catalog: Catalog, language: str) -> pd.DataFrame:
    """The tour's stops as a table: day, order, place, how it was matched, fixed time."""
    rows = []
    for d, day in enumerate(tour.days, 1):
        for k, s in enumerate(day, 1):
            try:
                name = catalog.place(s.place_id).name(language)
            except RouteplannerError:
                name = s.given
            rows.append(
                {
                    i18n.t("day", language): d,
                    "#": k,
                    tr("col_site"): name,
                    "id": s.place_id,
                    tr("tour_file"): s.given,
                    i18n.t("start", language): "" if s.fixed is None else s.fixed.strftime("%H:%M"),
                }
            )
    return pd.DataFrame(rows)


def report_view(report: pd.DataFrame, language: str) -> pd.DataFrame:
    """The insertion report for the page: names and reasons in ``language``, readable columns."""
    en = language == "en"
    out = pd.DataFrame(
        {
            "#": report["rank"],
            tr("col_site"): report["name_en"] if en else report["name"],
            i18n.t("category", language): [i18n.t(c, language) for c in report["category"]],
            tr("fits"): [tr("yes") if f else tr("no") for f in report["fits"]],
            i18n.t("day", language): report["day"],
            i18n.t("start", language): report["start"],
            i18n.t("added_travel", language): report["added_travel_min"],
            i18n.t("added_day", language): report["added_day_min"],
            "+km": report["added_km"],
            i18n.t("added_cost", language): report["added_cost_rub"],
            i18n.t("effect", language) + " / " + i18n.t("reason", language): [
                ((r.effect if en else r.effect_ru) if r.fits else (r.reason if en else r.reason_ru))
                for r in report.itertuples()
            ],
        }
    )
    return out.astype(object).where(out.notna(), "—")


def render() -> None:
    """Draw the Embed page."""
    language = lang()
    st.header(tr("embed_title"))
    catalog, network = active_resources()
    try:
        loaded = _load(catalog, network)
    except RouteplannerError as err:
        show_error(err)
        return
    if loaded is None:
        st.info(tr("pick_tour"))
        return
    key, tour = loaded
    view = catalog.for_request(tour.request)
    st.success(
        tr(
            "tour_loaded",
            name=tour.name,
            days=i18n.plural(len(tour.days), "day", language),
            stops=i18n.plural(len(tour.stop_ids), "stop", language),
        ),
        icon=":material/directions_bus:",
    )
    with st.expander(tr("tour_stops")):
        st.dataframe(tour_frame(tour, view, language), hide_index=True, width="stretch")

    k = f"em-{digest(key)}-"
    label = {s.id: f"{s.name(language)} ({s.id})" for s in view.sites.values()}
    options = sorted((s for s in view.sites if s not in tour.stop_ids), key=label.__getitem__)
    st.markdown(f"**{tr('candidates')}**")
    cc1, cc2 = st.columns(2)
    cats = cc1.multiselect(
        tr("candidate_categories"),
        [c.value for c in Category],
        default=[c.value for c in Category if c in CHECKLIST_CATEGORIES],
        format_func=lambda c: i18n.t(c, language),
        key=k + "cats",
        placeholder=tr("none_chosen"),
        help=tr("candidates_help"),
    )
    extra_sites = cc2.multiselect(
        tr("candidate_sites"),
        [s for s in options if view.sites[s].category.value not in cats],
        format_func=label.__getitem__,
        key=k + "sites",
        placeholder=tr("none_chosen"),
    )
    chosen = [s for s in options if view.sites[s].category.value in cats] + extra_sites
    st.caption(tr("candidates_n", n=len(chosen)))
    c1, c2, c3 = st.columns(3)
    extra = int(c1.number_input(tr("max_extra"), 0, 720, 120, 15, key=k + "extra"))
    limit = float(
        c2.number_input(
            tr("time_limit"),
            0.5,
            120.0,
            float(tour.request.solver.time_limit_s),
            0.5,
            key=k + "limit",
        )
    )
    reorder = c3.checkbox(tr("allow_reorder"), key=k + "reorder")
    if st.button(tr("run_embed"), type="primary", key="embed-run"):
        st.session_state.pop("embed_result", None)
        t0 = time.perf_counter()
        with st.status(tr("embedding"), expanded=False) as status:
            try:
                report = insertion_report(
                    tour, catalog, network, candidates=chosen, max_extra_per_day_min=extra
                )
                itinerary = embed(
                    tour,
                    catalog,
                    network,
                    candidates=chosen,
                    max_extra_per_day_min=extra,
                    allow_reorder=reorder,
                    time_limit_s=limit,
                )
            except RouteplannerError:
                status.update(state="error")
                raise
            status.update(label=tr("embedded", s=time.perf_counter() - t0), state="complete")
        st.session_state["embed_result"] = {
            "key": key,
            "report": report,
            "itinerary": itinerary,
            "tour": tour,
        }
    result = st.session_state.get("embed_result")
    if not result or result["key"] != key:
        return
    report, itinerary = result["report"], result["itinerary"]
    st.divider()
    st.header(tr("report"))
    st.dataframe(report_view(report, language), hide_index=True, width="stretch")
    names = {p.id: p.name(language) for p in view}
    cache = st.session_state.setdefault("_insertion_files", {})
    slot = (key, language)
    if cache.get("slot") != slot or cache.get("itinerary") is not itinerary:
        files = render_insertion(report, itinerary, view, lang=language, names=names)
        cache.clear()
        cache.update(slot=slot, itinerary=itinerary, files=files)
    download_buttons(cache["files"], key="embed-report", columns=3)
    st.header(tr("new_plan"))
    added = (itinerary.kpis.added_sites if itinerary.kpis else None) or ()
    if itinerary.feasible:
        st.markdown(
            tr("added_sites", names=", ".join(names.get(a, a) for a in added))
            if added
            else tr("nothing_added")
        )
    show_itinerary(
        itinerary,
        view,
        key="embed",
        language=language,
        map_layer=lambda m: add_insertion_layer(m, report, view, lang=language),
    )
