"""Catalog page: filter the sites, see them on a map, download the table, upload a site file."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from .. import i18n
from ..catalog import Catalog
from ..exceptions import RouteplannerError
from ..export import localized
from ..hours_text import site_hours_text
from ..maps import catalog_map
from ..model import Category
from ..places import default_facts
from ..spreadsheet import csv_bytes, xlsx_bytes
from . import MAX_UPLOAD_MB
from .common import (
    active_resources,
    custom_resources,
    lang,
    read_upload,
    show_error,
    show_map,
    subset_catalog,
    tr,
)

__all__ = ["catalog_view", "filter_sites", "render", "sites_frame"]


def sites_frame(catalog: Catalog, language: str) -> pd.DataFrame:
    """The catalog's sites as a table (:meth:`Catalog.to_frame` plus the ID rule); the opening
    hours in words and the planning defaults named, in ``language``."""
    frame = catalog.to_frame(lang=language)
    frame.insert(3, "category_name", [i18n.t(c, language) for c in frame["category"]])
    frame["id_required"] = [catalog.sites[s].id_required for s in frame["id"]]
    frame["opening_hours"] = [site_hours_text(catalog.sites[s], language) for s in frame["id"]]
    frame["defaults"] = [", ".join(default_facts(catalog.sites[s], language)) for s in frame["id"]]
    return frame


def catalog_view(frame: pd.DataFrame, language: str) -> pd.DataFrame:
    """The table of :func:`sites_frame` as the page shows it: headers, categories and yes/no
    in ``language`` (the downloads keep the column ids)."""
    return localized(frame.drop(columns=["category_name"]), language)


def filter_sites(
    catalog: Catalog,
    *,
    categories: list[str] | None = None,
    towns: list[str] | None = None,
    min_score: float = 0.0,
    group_size: int | None = None,
    youngest_age: int | None = None,
    max_booking_days: int | None = None,
    no_id: bool = False,
) -> list[str]:
    """Ids of the sites that pass the filters (empty lists and ``None`` filter nothing).

    Parameters
    ----------
    catalog : Catalog
    categories, towns : list of str, optional
        Keep these categories (values such as ``industrial``) / towns.
    min_score : float
        Keep sites scoring at least this (0–10).
    group_size : int, optional
        Keep sites whose maximum group (if any) admits this many people.
    youngest_age : int, optional
        Keep sites whose minimum age admits a visitor this old.
    max_booking_days : int, optional
        Keep sites that need at most this many days of booking ahead.
    no_id : bool
        Keep only sites that do not ask for ID documents.

    Returns
    -------
    list of str
    """
    out = []
    for s in catalog.sites.values():
        if categories and s.category.value not in categories:
            continue
        if towns and s.town not in towns:
            continue
        if s.score < min_score:
            continue
        if group_size and s.max_group is not None and group_size > s.max_group:
            continue
        if youngest_age is not None and youngest_age < s.min_age:
            continue
        if max_booking_days is not None and s.booking_days > max_booking_days:
            continue
        if no_id and s.id_required:
            continue
        out.append(s.id)
    return out


def _forget_results() -> None:
    """Results planned with another catalog no longer apply."""
    for key in ("plan_result", "embed_result", "compare_result"):
        st.session_state.pop(key, None)


def _upload_section(language: str) -> None:
    upload = st.session_state.get("catalog_upload")
    with st.expander(tr("upload_catalog"), expanded=bool(upload)):
        st.caption(tr("upload_catalog_help"))
        flash = st.session_state.pop("catalog_flash", None)
        if flash:
            st.success(flash, icon=":material/check_circle:")
        if upload:
            if not flash:
                st.info(tr("catalog_active", name=upload["name"]), icon=":material/description:")
            if st.button(tr("back_builtin"), key="catalog-builtin"):
                st.session_state.pop("catalog_upload", None)
                _forget_results()
                st.rerun()
        file = st.file_uploader(
            tr("upload_catalog"),
            type=["csv"],
            key="catalog-file",
            max_upload_size=MAX_UPLOAD_MB,
            label_visibility="collapsed",
        )
        modes = {"extra": tr("mode_extra"), "replace": tr("mode_replace")}
        mode = st.radio(
            tr("upload_mode"),
            list(modes),
            format_func=modes.__getitem__,
            key="catalog-mode",
            horizontal=True,
        )
        if st.button(tr("use_file"), key="catalog-use", disabled=file is None, type="primary"):
            try:
                data = read_upload(file, (".csv",))
                catalog, _network = custom_resources(file.name, data, mode)
            except RouteplannerError as err:  # shown here; the rest of the page goes on
                show_error(err, title=tr("file_problems", name=file.name))
            else:
                st.session_state["catalog_upload"] = {"name": file.name, "data": data, "mode": mode}
                _forget_results()
                st.session_state["catalog_flash"] = tr(
                    "catalog_ok", name=file.name, n=len(catalog.sites)
                )
                st.rerun()  # every part of the page (and the sidebar) now uses the new catalog


def render() -> None:
    """Draw the Catalog page."""
    language = lang()
    st.header(tr("catalog_title"))
    _upload_section(language)
    catalog, _network = active_resources()
    sites = list(catalog.sites.values())
    present = {s.category.value for s in sites}
    cats = [c.value for c in Category if c.value in present]
    towns = sorted({s.town for s in sites if s.town})
    with st.sidebar:
        st.subheader(tr("filters"))
        chosen_cats = st.multiselect(
            tr("categories"),
            cats,
            format_func=lambda c: i18n.t(c, language),
            key="cat-cats",
            placeholder=tr("all"),
        )
        chosen_towns = st.multiselect(tr("towns"), towns, key="cat-towns", placeholder=tr("all"))
        min_score = st.slider(tr("min_score"), 0.0, 10.0, 0.0, 0.5, key="cat-score")
        st.markdown(f"**{tr('rules')}**")
        group = st.number_input(
            tr("group_fits"),
            min_value=0,
            max_value=500,
            value=0,
            step=1,
            key="cat-group",
            help=tr("group_fits_help"),
        )
        age = st.number_input(
            tr("age_fits"),
            min_value=0,
            max_value=120,
            value=None,
            step=1,
            key="cat-age",
            help=tr("age_fits_help"),
        )
        booking = st.number_input(
            tr("booking_within"),
            min_value=0,
            max_value=365,
            value=None,
            step=1,
            key="cat-booking",
        )
        no_id = st.checkbox(tr("no_id"), key="cat-noid")
    ids = filter_sites(
        catalog,
        categories=chosen_cats,
        towns=chosen_towns,
        min_score=float(min_score),
        group_size=int(group) or None,
        youngest_age=None if age is None else int(age),
        max_booking_days=None if booking is None else int(booking),
        no_id=no_id,
    )
    st.caption(tr("shown", n=len(ids), total=len(sites)))
    if not ids:
        st.info(tr("no_sites"))
        return
    shown = subset_catalog(catalog, ids)
    frame = sites_frame(shown, language)
    tab_map, tab_table = st.tabs([tr("map"), tr("table")])
    with tab_map:
        show_map(catalog_map(shown, lang=language))
    with tab_table:
        st.dataframe(
            catalog_view(frame, language), hide_index=True, width="stretch", key="catalog-table"
        )
        c1, c2 = st.columns(2)
        c1.download_button(
            tr("download_csv"),
            data=csv_bytes(frame, bom=True),
            file_name="sites.csv",
            mime="text/csv",
            key="catalog-csv",
            on_click="ignore",
        )
        c2.download_button(
            tr("download_xlsx"),
            data=xlsx_bytes({i18n.t("sheet.sites", language): catalog_view(frame, language)}),
            file_name="sites.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="catalog-xlsx",
            on_click="ignore",
        )
