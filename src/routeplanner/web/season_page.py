"""Season page: a season file (ready or uploaded), its departures planned against the
enterprises' capacity, the season's figures, utilisation, losses, calendars and downloads.

An uploaded season file is staged as if it lay in ``data/seasons/``: a product's
``file: ../scenarios/industrial_3day.yaml`` names a built-in scenario, ``file: my_trip.yaml``
a scenario uploaded with it; no other file can be referred to. The season is planned in the
server process (:func:`routeplanner.season_plan.plan_season` with one worker), with the
catalog and network the other pages use.
"""

from __future__ import annotations

import dataclasses
import io
import tempfile
import time
import zipfile
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import streamlit as st

from ..catalog import Catalog
from ..exceptions import Issue, ScenarioError
from ..export import localized
from ..i18n import plural, t
from ..scenario import load_yaml
from ..season import SeasonSpec, load_season
from ..season_check import check_season
from ..season_output import SEASON_FILES, calendar_html, season_files, season_frames
from ..season_plan import SeasonResult, plan_season
from .common import (
    active_resources,
    data_dir,
    digest,
    download_buttons,
    lang,
    safe_name,
    staged_files,
    tr,
    yaml_source,
)

__all__ = ["departures_view", "load_uploaded_season", "ready_season_files", "render"]


def ready_season_files() -> dict[str, Path]:
    """The built-in season files (``data/seasons/*.yaml``) by file name."""
    folder = data_dir() / "seasons"
    if not folder.is_dir():
        return {}
    return {p.name: p for p in sorted(folder.glob("*.y*ml"))}


def _inside(path: Path, roots: list[Path]) -> bool:
    resolved = path.resolve()
    return any(resolved.is_relative_to(r.resolve()) for r in roots)


def load_uploaded_season(files: Mapping[str, bytes], catalog: Catalog) -> SeasonSpec:
    """Read an uploaded season file (and the scenario files uploaded with it).

    Raises
    ------
    ScenarioError
        No (or more than one) season file, a product ``file:`` outside the uploaded files and
        the built-in scenarios, or any problem :func:`~routeplanner.season.load_season` finds.
    """
    with staged_files({}) as root:
        folder = root / "seasons"
        folder.mkdir()
        builtin = data_dir() / "scenarios"
        (root / "scenarios").symlink_to(builtin, target_is_directory=True)
        mains = []
        for name, data in files.items():
            path = folder / safe_name(name)
            path.write_bytes(data)
            raw = load_yaml(path)
            if isinstance(raw, dict) and "departures" in raw:
                mains.append((name, path, raw))
        if len(mains) != 1:
            raise ScenarioError(
                "upload one season file (a YAML with 'departures:'), optionally with the "
                f"scenario files its products name; found {len(mains)} among {', '.join(files)}"
            )
        name, path, raw = mains[0]
        products = raw.get("products")
        for key, product in (products or {}).items() if isinstance(products, dict) else ():
            ref = product.get("file") if isinstance(product, dict) else None
            if isinstance(ref, str) and (
                Path(ref).is_absolute() or not _inside(folder / ref, [folder, builtin])
            ):
                raise ScenarioError(
                    [
                        Issue(
                            name,
                            None,
                            f"products.{key}.file",
                            f"'{ref}' is neither an uploaded file nor a built-in scenario "
                            "(../scenarios/NAME.yaml)",
                        )
                    ]
                )
        return load_season(path, catalog)


def departures_view(spec: SeasonSpec) -> pd.DataFrame:
    """The season's departures, one row each."""
    return pd.DataFrame(
        [
            {
                "departure": d.id,
                "product": d.product,
                "start_date": d.request.start_date,
                "days": d.request.days,
                "group_size": d.request.group_size,
                "youngest_age": d.request.youngest_age,
            }
            for d in spec.departures
        ]
    )


def _source(catalog: Catalog) -> tuple[str, SeasonSpec] | None:
    picked = yaml_source("season", "sea", ready_season_files)
    if picked is None:
        return None
    key, src = picked
    if isinstance(src, Path):
        return key, load_season(src, catalog)
    return key, load_uploaded_season(src, catalog)


def _with_limit(spec: SeasonSpec, limit_s: float) -> SeasonSpec:
    deps = []
    for d in spec.departures:
        solver = d.request.solver.model_copy(
            update={"time_limit_s": min(limit_s, d.request.solver.time_limit_s)}
        )
        deps.append(dataclasses.replace(d, request=d.request.model_copy(update={"solver": solver})))
    return dataclasses.replace(spec, departures=tuple(deps))


def _plan(spec: SeasonSpec, catalog: Catalog, network: object) -> SeasonResult:
    t0 = time.perf_counter()
    with st.status(tr("season_running"), expanded=True) as status:
        bar = st.progress(0.0)

        def on_progress(phase: str, done: int, total: int) -> None:
            bar.progress(
                done / max(1, total), text=tr("season_phase", phase=phase, done=done, total=total)
            )

        result = plan_season(spec, catalog, network, workers=1, on_progress=on_progress)
        status.update(
            label=tr("season_done", s=time.perf_counter() - t0, n=result.stats["solves"]),
            state="complete",
            expanded=False,
        )
    return result


def _zip(files: Mapping[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(f"season/{name}", data)
    return buf.getvalue()


def render() -> None:
    """Draw the Season page."""
    language = lang()
    st.header(tr("season_title"))
    catalog, network = active_resources()
    loaded = _source(catalog)
    if loaded is None:
        st.info(tr("pick_season"))
        return
    key, spec = loaded
    products = ", ".join(spec.products)
    departures = plural(len(spec.departures), "departure", language)
    st.caption(tr("season_loaded", name=spec.name, departures=departures, products=products))
    st.dataframe(localized(departures_view(spec), language), hide_index=True, width="stretch")
    k = f"sea-{digest(key)}-"
    limit = float(st.number_input(tr("season_time"), 0.5, 60.0, 3.0, 0.5, key=k + "limit"))
    if st.button(tr("run_season"), type="primary", key="sea-run"):
        st.session_state.pop("season_result", None)
        result = _plan(_with_limit(spec, limit), catalog, network)
        st.session_state["season_result"] = {"key": key, "result": result}
    stored = st.session_state.get("season_result")
    if not stored or stored["key"] != key:
        return
    result: SeasonResult = stored["result"]
    cache = st.session_state.setdefault("_season_files", {})
    if cache.get("result") is not result or cache.get("lang") != language:
        files = season_files(result, catalog, lang=language, plans=False)
        with tempfile.TemporaryDirectory(prefix="rp-season-") as tmp:
            for name, data in files.items():
                (Path(tmp) / name).parent.mkdir(parents=True, exist_ok=True)
                (Path(tmp) / name).write_bytes(data)
            violations = check_season(tmp, catalog, plans=False, lang=language)
        cache.clear()
        cache.update(
            result=result,
            lang=language,
            files=files,
            frames=season_frames(result, catalog, lang=language),
            violations=violations,
        )
    frames = cache["frames"]
    st.divider()
    cols = st.columns(3)
    cols[0].metric(tr("season_kpi_total"), f"{result.total:.1f}")
    cols[1].metric(tr("season_kpi_bound"), f"{result.bound:.1f}")
    cols[2].metric(tr("season_kpi_share"), f"{100 * result.share:.1f} %")
    if cache["violations"]:
        st.error(tr("season_violations") + ":\n" + "\n".join(f"- {v}" for v in cache["violations"]))
    else:
        st.success(tr("season_clean"))
    for ids, label in (
        (result.unplanned(), "season.unplanned"),
        (result.below_floor(), "season.below_floor"),
    ):
        if ids:
            st.warning(f"{t(label, language)}: {', '.join(ids)}", icon=":material/warning:")
    st.subheader(tr("season_dep_table"))
    st.dataframe(localized(frames["departures"], language), hide_index=True, width="stretch")
    st.subheader(tr("season_util_table"))
    st.dataframe(localized(frames["sites"], language), hide_index=True, width="stretch")
    st.subheader(tr("season_loss_table"))
    if len(frames["losses"]):
        losses = frames["losses"][["departure", "name", "why"]]
        st.dataframe(localized(losses, language), hide_index=True, width="stretch")
    else:
        st.info(tr("season_none_lost"))
    st.subheader(tr("season_calendar_view"))
    busiest = frames["sites"].sort_values(["groups", "site_id"], ascending=[False, True])
    names = dict(zip(busiest["site_id"], busiest["name"], strict=True))
    site = st.selectbox(
        tr("season_pick_site"), list(names), format_func=names.__getitem__, key="sea-site"
    )
    if site:
        st.iframe(calendar_html(site, result, catalog, lang=language), height=640)
    st.subheader(tr("downloads"))
    top = {n: cache["files"][n] for n in SEASON_FILES}
    top["season.zip"] = _zip(cache["files"])
    download_buttons(top, key=f"sea-dl-{language}", columns=4)
