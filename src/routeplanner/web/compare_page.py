"""Compare page: pick variants (from a variants file), plan them, see the KPI table, the Pareto
chart and the variants on maps side by side.

Variants come from ``data/variants/*.yaml`` or an uploaded variants file (with, optionally,
the scenario files its ``base: {file: …}`` names). An uploaded file is staged as if it lay in
``data/variants/``: ``file: ../scenarios/industrial_3day.yaml`` names a built-in scenario, and
``file: my_trip.yaml`` a scenario uploaded with it; no other file can be referred to.

The variants are planned in the server process, one after another, with the catalog and network
the other pages use (an uploaded site file included), through
:func:`routeplanner.compare.run_variants`.
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from .. import i18n
from ..catalog import Catalog
from ..compare import (
    VariantResult,
    VariantSet,
    compare,
    load_variants,
    pareto_svg,
    render_comparison,
    run_variants,
)
from ..exceptions import Issue, RouteplannerError, ScenarioError, describe
from ..maps import comparison_map, itinerary_map
from ..planner import plan
from ..scenario import load_yaml, request_from_dict
from .common import (
    active_resources,
    data_dir,
    digest,
    download_buttons,
    lang,
    safe_name,
    show_error,
    show_map,
    staged_files,
    tr,
    yaml_source,
)

__all__ = [
    "kpi_view",
    "load_uploaded_variants",
    "ready_variant_files",
    "render",
    "run_selected",
    "styled_svg",
]

#: Variants planned by default when a file is chosen (the named ones first).
DEFAULT_PICK = 4
#: Per-request limits of the page (it plans in the server process): variants in one run, and
#: their summed time limits, seconds.
MAX_VARIANTS_PER_RUN = 20
MAX_SECONDS_PER_RUN = 300

#: The KPI table's columns (headed by ``web.col.<name>`` where the page needs a shorter head than
#: the report's ``compare.<name>``).
_KPI_COLUMNS = (
    "variant",
    "status",
    "score",
    "weighted_score",
    "sites",
    "industrial_share",
    "travel_h",
    "drive_h_max_day",
    "idle_h",
    "distance_km",
    "cost_per_person_rub",
    "nights_away",
    "pareto",
    "problem",
)


def _head(column: str, language: str) -> str:
    key = f"web.col.{column}" if i18n.has(f"web.col.{column}") else f"compare.{column}"
    return i18n.t(key, language)


def _status(status: str, language: str) -> str:
    key = f"compare.{status}"
    return i18n.t(key, language) if i18n.has(key) else status


def ready_variant_files() -> dict[str, Path]:
    """The built-in variants files (``data/variants/*.yaml``) by file name."""
    folder = data_dir() / "variants"
    if not folder.is_dir():
        return {}
    return {p.name: p for p in sorted(folder.glob("*.y*ml"))}


def _inside(path: Path, roots: list[Path]) -> bool:
    resolved = path.resolve()
    return any(resolved.is_relative_to(r.resolve()) for r in roots)


def load_uploaded_variants(files: Mapping[str, bytes]) -> VariantSet:
    """Read an uploaded variants file (and the scenario files uploaded with it).

    The files are staged in a ``variants/`` folder beside a link to the built-in
    ``scenarios/``, so that ``base: {file: ../scenarios/…}`` resolves as for a built-in
    variants file. The variants file is the uploaded YAML with ``variants:`` or ``sweeps:``.

    Raises
    ------
    ScenarioError
        No (or more than one) variants file, a ``file:`` outside the uploaded files and the
        built-in scenarios, or any problem :func:`~routeplanner.compare.load_variants` finds.
    """
    with staged_files({}) as root:
        folder = root / "variants"
        folder.mkdir()
        builtin = data_dir() / "scenarios"
        (root / "scenarios").symlink_to(builtin, target_is_directory=True)
        mains = []
        for name, data in files.items():
            path = folder / safe_name(name)
            path.write_bytes(data)
            raw = load_yaml(path)
            if isinstance(raw, dict) and ("variants" in raw or "sweeps" in raw):
                mains.append((name, path, raw))
        if len(mains) != 1:
            raise ScenarioError(
                "upload one variants file (a YAML with 'variants:' or 'sweeps:'), optionally "
                "with the scenario files its 'base: {file: …}' names; found "
                f"{len(mains)} among {', '.join(files)}"
            )
        name, path, raw = mains[0]
        base = raw.get("base")
        ref = base.get("file") if isinstance(base, dict) else None
        if isinstance(ref, str) and (
            Path(ref).is_absolute() or not _inside(folder / ref, [folder, builtin])
        ):
            raise ScenarioError(
                [
                    Issue(
                        name,
                        None,
                        "base.file",
                        f"'{ref}' is neither an uploaded file nor a built-in scenario "
                        "(../scenarios/NAME.yaml)",
                    )
                ]
            )
        return load_variants(path, strict=False)


def _task(catalog: Catalog, network: Any) -> Any:
    """The task of :func:`run_variants`: plan in this process with the page's catalog."""

    def task(payload: Mapping[str, Any]) -> dict[str, Any]:
        t0 = time.perf_counter()
        name = str(payload.get("name", "?"))
        try:
            request = request_from_dict(payload["request"], source=f"variant {name}")
            itinerary = plan(request, catalog, network)
        except RouteplannerError as err:
            return {
                "name": name,
                "itinerary": None,
                "error": describe(err, "en"),
                "error_ru": describe(err, "ru"),
                "wall_s": time.perf_counter() - t0,
            }
        return {
            "name": name,
            "itinerary": itinerary.to_json(indent=None),
            "error": None,
            "wall_s": time.perf_counter() - t0,
        }

    return task


def run_selected(
    variants: VariantSet, names: list[str], time_limit_s: float, catalog: Catalog, network: Any
) -> list[VariantResult]:
    """Plan the chosen variants with a time limit each, showing progress on the page."""
    chosen = []
    for v in variants:
        if v.name not in names:
            continue
        if v.request is not None:
            solver = v.request.solver.model_copy(update={"time_limit_s": time_limit_s})
            v = dataclasses.replace(v, request=v.request.model_copy(update={"solver": solver}))
        chosen.append(v)
    done: list[VariantResult] = []
    t0 = time.perf_counter()
    with st.status(tr("comparing"), expanded=True) as status:
        bar = st.progress(0.0)

        def on_result(r: VariantResult) -> None:
            done.append(r)
            bar.progress(len(done) / max(1, len(chosen)), text=f"{len(done)}/{len(chosen)}")
            st.write(tr("variant_done", name=r.name, status=_status(r.status, lang())))

        results = run_variants(chosen, workers=1, on_result=on_result, task=_task(catalog, network))
        status.update(
            label=tr("compared", s=time.perf_counter() - t0), state="complete", expanded=False
        )
    return results


_CHART_CSS = (
    "text{font:12px 'DejaVu Sans',Arial,sans-serif;fill:#333}.axis{font-size:13px;fill:#555}"
    ".grid{stroke:#e6e6e6}.pt circle{fill:#9e9e9e;stroke:#fff}"
    ".pt.on circle{fill:#ff7f0e;stroke:#222}.pt.on text{font-weight:700}"
    ".front{fill:none;stroke:#ff7f0e;stroke-width:2;stroke-dasharray:5 4}"
)


def styled_svg(svg: str) -> str:
    """An SVG chart of :mod:`routeplanner.compare` with its styles inside (it is shown as an
    image, which does not see the report's stylesheet)."""
    head, sep, rest = svg.partition(">")
    if not sep or not head.lstrip().startswith("<svg"):
        return svg
    return f"{head}><style>{_CHART_CSS}</style>{rest}"


def kpi_view(kpis: pd.DataFrame, language: str) -> pd.DataFrame:
    """The KPI table for the page: the main columns, headed in ``language``."""
    cols = [c for c in _KPI_COLUMNS if c in kpis.columns]
    out = kpis[cols].copy()
    if "status" in out.columns:
        out["status"] = [_status(s, language) for s in out["status"]]
    return out.rename(columns={c: _head(c, language) for c in cols})


def _source() -> tuple[str, VariantSet] | None:
    picked = yaml_source("variants", "cmp", ready_variant_files)
    if picked is None:
        return None
    key, src = picked
    if isinstance(src, Path):
        return key, load_variants(src, strict=False)
    return key, load_uploaded_variants(src)


def _pair_maps(results: list[VariantResult], catalog: Catalog, language: str) -> None:
    ok = [r.name for r in results if r.feasible]
    if not ok:
        return
    cols = st.columns(2)
    names = {p.id: p.name(language) for p in catalog}
    for i, col in enumerate(cols):
        with col:
            pick = st.selectbox(
                tr("variant_n", n=i + 1),
                ok,
                index=min(i, len(ok) - 1),
                key=f"cmp-side-{i}",
            )
            r = next(x for x in results if x.name == pick)
            assert r.itinerary is not None
            view = catalog.for_request(r.itinerary.scenario)
            m = itinerary_map(r.itinerary, view, lang=language, names=names)
            show_map(m, height=560)


def render() -> None:
    """Draw the Compare page."""
    language = lang()
    st.header(tr("compare_title"))
    catalog, network = active_resources()
    try:
        loaded = _source()
    except RouteplannerError as err:
        show_error(err)
        return
    if loaded is None:
        st.info(tr("pick_variants"))
        return
    key, variants = loaded
    count = i18n.plural(len(variants), "variant", language)
    st.caption(tr("variants_loaded", name=variants.title, variants=count))
    bad = [v for v in variants if v.request is None]
    if bad:
        lines = [f"- {v.name}: {v.error_ru if language == 'ru' else v.error}" for v in bad]
        st.warning("\n".join(lines), icon=":material/warning:")
    names = [v.name for v in variants]
    named = [v.name for v in variants if v.origin != "sweep" and v.request is not None]
    k = f"cmp-{digest(key)}-"
    picked = st.multiselect(
        tr("variants_pick"),
        names,
        default=(named or names)[:DEFAULT_PICK],
        key=k + "pick",
        placeholder=tr("choose"),
    )
    limit = float(
        st.number_input(
            tr("variants_time"),
            0.5,
            60.0,
            float(variants.base.solver.time_limit_s),
            0.5,
            key=k + "limit",
        )
    )
    too_much = len(picked) > MAX_VARIANTS_PER_RUN or len(picked) * limit > MAX_SECONDS_PER_RUN
    if too_much:
        st.warning(
            tr(
                "too_many_variants",
                n=len(picked),
                seconds=round(len(picked) * limit),
                max_n=MAX_VARIANTS_PER_RUN,
                max_s=MAX_SECONDS_PER_RUN,
            ),
            icon=":material/hourglass:",
        )
    if st.button(tr("run_compare"), type="primary", key="cmp-run", disabled=not picked or too_much):
        st.session_state.pop("compare_result", None)
        results = run_selected(variants, picked, limit, catalog, network)
        st.session_state["compare_result"] = {
            "key": key,
            "results": results,
            "title": variants.title,
        }
    if not picked:
        st.info(tr("pick_variants"))
    result = st.session_state.get("compare_result")
    if not result or result["key"] != key:
        return
    results: list[VariantResult] = result["results"]
    comp = compare(results, catalog, lang=language, title=result["title"])
    st.divider()
    st.subheader(tr("kpi_table"))
    st.dataframe(kpi_view(comp.kpis, language), hide_index=True, width="stretch")
    st.subheader(tr("pareto"))
    chart = pareto_svg(comp, lang=language)
    if chart.lstrip().startswith("<svg"):
        st.image(styled_svg(chart), width="stretch")
    else:  # no feasible variant: the chart is a sentence
        st.info(re.sub(r"<[^>]+>", "", chart))
    st.subheader(tr("side_map"))
    plans = {r.name: r.itinerary for r in results if r.feasible and r.itinerary is not None}
    show_map(comparison_map(plans, catalog, lang=language))
    _pair_maps(results, catalog, language)
    st.subheader(tr("downloads"))
    cache = st.session_state.setdefault("_compare_files", {})
    if cache.get("results") is not results or cache.get("lang") != language:
        files = render_comparison(comp, catalog=catalog, lang=language, plans=False)
        cache.clear()
        cache.update(results=results, lang=language, files=files)
    download_buttons(cache["files"], key=f"cmp-dl-{language}", columns=4)
