"""Plan page: the trip request as a form (or a scenario file), solving with progress, the result.

The form starts from a ready scenario of ``data/scenarios/`` or an uploaded scenario file; every
field of :class:`~routeplanner.model.TripRequest` a planner sets by hand is on it, and the keys
the form does not show (quotas, candidates, extra places, visit lengths) are kept from the
scenario. The request is validated by :func:`~routeplanner.scenario.request_from_dict`, so the
form reports the same errors a scenario file would.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

import streamlit as st

from .. import i18n
from ..catalog import Catalog
from ..exceptions import RouteplannerError
from ..model import LINK_MODES, PRIZE_SCALE, Category, TripRequest
from ..planner import plan
from ..scenario import load_scenario, request_from_dict
from . import MAX_UPLOAD_MB
from .common import (
    active_resources,
    data_dir,
    digest,
    lang,
    read_upload,
    show_error,
    staged_files,
    tr,
)
from .views import show_itinerary

__all__ = ["form_values", "ready_scenarios", "render", "run_plan"]

DEMO_SCENARIO = "industrial_3day.yaml"


def ready_scenarios() -> dict[str, Path]:
    """The built-in scenario files by file name (``data/scenarios/*.yaml``)."""
    folder = data_dir() / "scenarios"
    return {p.name: p for p in sorted(folder.glob("*.yaml"))}


@st.cache_data(show_spinner=False)
def _scenario_title(path: str) -> str:
    try:
        return load_scenario(path).name
    except RouteplannerError:
        return Path(path).stem


def _base_request(language: str) -> tuple[str, TripRequest] | None:
    """The scenario the form starts from, with a key that changes when it changes."""
    sources = {"ready": tr("source_ready"), "upload": tr("source_upload")}
    source = st.radio(
        tr("source"),
        list(sources),
        format_func=sources.__getitem__,
        key="plan-source",
        horizontal=True,
    )
    if source == "ready":
        files = ready_scenarios()
        names = list(files)
        chosen = st.selectbox(
            tr("scenario"),
            names,
            index=names.index(DEMO_SCENARIO) if DEMO_SCENARIO in names else 0,
            format_func=lambda n: f"{_scenario_title(str(files[n]))} ({n})",
            key="plan-scenario",
        )
        return f"ready:{chosen}", load_scenario(files[chosen])
    file = st.file_uploader(
        tr("scenario_file"),
        type=["yaml", "yml"],
        key="plan-file",
        max_upload_size=MAX_UPLOAD_MB,
    )
    if file is None:
        return None
    data = read_upload(file, (".yaml", ".yml"))
    with staged_files({file.name: data}) as folder:
        request = load_scenario(next(folder.iterdir()))
    st.success(tr("scenario_loaded", name=request.title(lang())), icon=":material/description:")
    return f"upload:{digest(file.name, data)}", request


def _place_label(catalog: Catalog, language: str) -> Any:
    def label(pid: str | None) -> str:
        if pid is None:
            return "—"
        try:
            return f"{catalog.place(pid).name(language)} ({pid})"
        except RouteplannerError:
            return pid

    return label


def form_values(base: TripRequest, catalog: Catalog, key: str, language: str) -> dict[str, Any]:
    """Draw the request form (pre-filled from ``base``) and return the request's keys.

    Parameters
    ----------
    base : TripRequest
        The scenario the form starts from; keys the form does not show are kept from it.
    catalog : Catalog
        Offers the places and sites to choose from.
    key : str
        Prefix of the widget keys (a new base gives new, freshly filled widgets).
    language : {"ru", "en"}

    Returns
    -------
    dict
        The request as a mapping, ready for :func:`~routeplanner.scenario.request_from_dict`.
    """
    label = _place_label(catalog, language)
    k = f"pf-{key}-"
    ends = [*catalog.lodgings, *catalog.hubs]
    for pid in (base.start, base.end_place):
        if pid not in ends:
            ends.append(pid)
    site_ids = sorted(
        {*catalog.sites, *base.must_visit, *base.exclude},
        key=lambda s: label(s).lower(),
    )
    values: dict[str, Any] = base.model_dump(mode="json")

    c1, c2, c3 = st.columns(3)
    with c1:
        st.markdown(f"**{tr('dates_days')}**")
        values["name"] = st.text_input(tr("trip_name"), base.name, key=k + "name")
        values["start_date"] = st.date_input(
            tr("start_date"), base.start_date, key=k + "date", format="DD.MM.YYYY"
        ).isoformat()
        values["days"] = int(st.number_input(tr("days"), 1, 21, base.days, 1, key=k + "days"))
        values["start"] = st.selectbox(
            tr("start"), ends, index=ends.index(base.start), format_func=label, key=k + "start"
        )
        values["end"] = st.selectbox(
            tr("end"), ends, index=ends.index(base.end_place), format_func=label, key=k + "end"
        )
    with c2:
        st.markdown(f"**{tr('day_window')}**")
        values["day_start"] = st.time_input(
            tr("day_start"), base.day_start, key=k + "dstart", step=900
        ).strftime("%H:%M")
        values["day_end"] = st.time_input(
            tr("day_end"), base.day_end, key=k + "dend", step=900
        ).strftime("%H:%M")
        values["max_drive_h"] = float(
            st.number_input(
                tr("max_drive_h"), 0.5, 24.0, float(base.max_drive_h), 0.5, key=k + "drive"
            )
        )
        lunch_on = st.checkbox(tr("lunch_on"), base.lunch is not None, key=k + "lunch")
        if lunch_on:
            lunch = base.lunch or TripRequest.model_fields["lunch"].get_default(
                call_default_factory=True
            )
            l1, l2, l3 = st.columns(3)
            values["lunch"] = {
                "earliest": l1.time_input(
                    tr("lunch_from"), lunch.earliest, key=k + "lfrom", step=900
                ).strftime("%H:%M"),
                "latest": l2.time_input(
                    tr("lunch_to"), lunch.latest, key=k + "lto", step=900
                ).strftime("%H:%M"),
                "duration_min": int(
                    l3.number_input(tr("lunch_min"), 0, 240, lunch.duration_min, 5, key=k + "lmin")
                ),
            }
        else:
            values["lunch"] = None
    with c3:
        st.markdown(f"**{tr('group')}**")
        g1, g2 = st.columns(2)
        values["group_size"] = int(
            g1.number_input(tr("group_size"), 1, 500, base.group_size, 1, key=k + "group")
        )
        values["youngest_age"] = int(
            g2.number_input(tr("youngest_age"), 0, 120, base.youngest_age, 1, key=k + "age")
        )
        profiles = ["coach", "car"]
        values["profile"] = st.radio(
            tr("profile"),
            profiles,
            index=profiles.index(base.profile),
            format_func=lambda p: i18n.t(p, language),
            key=k + "profile",
            horizontal=True,
        )
        values["modes"] = st.multiselect(
            tr("modes"),
            [m.value for m in LINK_MODES],
            default=[m.value for m in LINK_MODES if m in base.modes],
            format_func=lambda m: i18n.t(m, language),
            key=k + "modes",
            placeholder=tr("none_chosen"),
        )

    st.markdown(f"**{tr('sites_choice')}**")
    s1, s2 = st.columns(2)
    values["must_visit"] = s1.multiselect(
        tr("must_visit"),
        site_ids,
        default=list(base.must_visit),
        format_func=label,
        key=k + "must",
        placeholder=tr("none_chosen"),
    )
    values["exclude"] = s2.multiselect(
        tr("exclude"),
        site_ids,
        default=list(base.exclude),
        format_func=label,
        key=k + "excl",
        placeholder=tr("none_chosen"),
    )
    with st.expander(tr("weights")):
        st.caption(tr("weights_help"))
        cols = st.columns(len(Category))
        weights = {}
        for col, cat in zip(cols, Category, strict=True):
            w = col.number_input(
                i18n.t(cat.value, language),
                0.0,
                10.0,
                float(base.category_weights.get(cat, 1.0)),
                0.5,
                key=k + f"w-{cat.value}",
            )
            if w != 1.0:
                weights[cat.value] = float(w)
        values["category_weights"] = weights
        # dated events (data/events.csv) join the trip only when asked for
        if st.checkbox(i18n.t("events_on", language), base.events is not None, key=k + "events"):
            events = dict(values.get("events") or {})
            events["weight"] = weights.pop("event", events.get("weight", 1.0))
            values["events"] = events
        else:
            values["events"] = None

    st.markdown(f"**{tr('lodging_policy')}**")
    policies = {
        "base": tr("overnight_base"),
        "choose": tr("overnight_choose"),
        "fixed": tr("overnight_fixed"),
    }
    overnight = st.radio(
        tr("lodging_policy"),
        list(policies),
        index=list(policies).index(base.overnight),
        format_func=policies.__getitem__,
        key=k + "overnight",
        horizontal=True,
        label_visibility="collapsed",
    )
    values["overnight"] = overnight
    lodgings = list(catalog.lodgings)
    values["lodging"] = None
    values["nights"] = None
    values["lodging_towns"] = None
    if overnight == "base":
        default = base.lodging or (base.start if base.start in lodgings else lodgings[0])
        values["lodging"] = st.selectbox(
            tr("base_lodging"),
            lodgings,
            index=lodgings.index(default) if default in lodgings else 0,
            format_func=label,
            key=k + "lodging",
        )
    elif overnight == "choose":
        towns = sorted({lodge.town for lodge in catalog.lodgings.values()})
        chosen = st.multiselect(
            tr("lodging_towns"),
            towns,
            default=[x for x in (base.lodging_towns or ()) if x in towns],
            key=k + "towns",
            placeholder=tr("all"),
        )
        values["lodging_towns"] = chosen or None
    else:
        nights = list(base.nights or ())
        cols = st.columns(min(4, max(1, values["days"] - 1)))
        picked = []
        for n in range(values["days"] - 1):
            default = nights[n] if n < len(nights) else (base.lodging or lodgings[0])
            picked.append(
                cols[n % len(cols)].selectbox(
                    tr("night_n", n=n + 1),
                    lodgings,
                    index=lodgings.index(default) if default in lodgings else 0,
                    format_func=label,
                    key=k + f"night-{n}",
                )
            )
        values["nights"] = picked

    b1, b2, b3 = st.columns(3)
    budget_on = b1.checkbox(tr("budget_on"), base.budget_rub is not None, key=k + "budget-on")
    values["budget_rub"] = (
        int(
            b1.number_input(
                tr("budget"), 0, 10_000_000, base.budget_rub or 20_000, 500, key=k + "budget"
            )
        )
        if budget_on
        else None
    )
    values["booked_on"] = b2.date_input(
        tr("booked_on"),
        base.booked_on or dt.date.today(),
        key=k + "booked",
        format="DD.MM.YYYY",
    ).isoformat()
    solver = dict(values.get("solver") or {})
    solver["time_limit_s"] = float(
        b3.number_input(
            tr("time_limit"), 0.5, 120.0, float(base.solver.time_limit_s), 0.5, key=k + "limit"
        )
    )
    values["solver"] = solver
    if base.quotas:
        q = "; ".join(
            f"{i18n.t(x.category.value, language)}: "
            + ", ".join(
                tr(f"quota_{bound}", n=v, per=tr(f"quota_per_{x.per}"))
                for bound, v in (("min", x.min), ("max", x.max))
                if v is not None
            )
            for x in base.quotas
        )
        st.caption(tr("quotas_kept", q=q))
    return values


def run_plan(request: TripRequest, catalog: Catalog, network: Any) -> Any:
    """Plan ``request`` showing the search's progress; returns the itinerary."""
    limit = max(request.solver.time_limit_s, 0.1)
    t0 = time.perf_counter()
    with st.status(tr("planning"), expanded=True) as status:
        bar = st.progress(0.0, text=tr("planning"))

        def on_progress(elapsed: float, prize: int) -> None:
            bar.progress(
                min(1.0, elapsed / limit),
                text=tr("planning_progress", elapsed=elapsed, score=prize / PRIZE_SCALE),
            )

        try:
            itinerary = plan(request, catalog, network, on_progress=on_progress)
        except RouteplannerError:
            status.update(label=tr("plan_failed"), state="error", expanded=False)
            raise
        bar.progress(1.0, text=tr("planned", s=time.perf_counter() - t0))
        status.update(
            label=tr("planned", s=time.perf_counter() - t0)
            if itinerary.feasible
            else tr("plan_failed"),
            state="complete" if itinerary.feasible else "error",
            expanded=False,
        )
    return itinerary


def render() -> None:
    """Draw the Plan page."""
    language = lang()
    st.header(tr("plan_title"))
    catalog, network = active_resources()
    try:
        picked = _base_request(language)
    except RouteplannerError as err:
        show_error(err)
        return
    if picked is None:
        st.info(tr("no_plan_yet"))
        return
    key, base = picked
    values = form_values(base, catalog, digest(key), language)
    if st.button(tr("run_plan"), type="primary", key="plan-run"):
        st.session_state.pop("plan_result", None)
        request = request_from_dict(values, source=tr("plan_title"))
        itinerary = run_plan(request, catalog, network)
        st.session_state["plan_result"] = {"itinerary": itinerary, "request": request}
    result = st.session_state.get("plan_result")
    if not result:
        st.caption(tr("no_plan_yet"))
        return
    st.divider()
    st.header(tr("result"))
    view = catalog.for_request(result["request"])
    show_itinerary(result["itinerary"], view, key="plan", language=language)
