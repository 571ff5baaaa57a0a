"""Comparing trip variants: a variants file, parallel planning, a KPI table, charts and a map.

Analysts decide between options (three days or four, a base in Irkutsk or a night in Bratsk,
coach or car, summer or winter, industry- or nature-weighted scores). The package has one module
per step:

- :mod:`~routeplanner.compare.variants`: the variants file (base, variants, sweeps);
- :mod:`~routeplanner.compare.run`: planning every variant in parallel (progress as callbacks);
- :mod:`~routeplanner.compare.kpis`: the comparison table (:class:`Comparison`);
- :mod:`~routeplanner.compare.charts`: the SVG charts;
- :mod:`~routeplanner.compare.report`: the HTML report, the workbook and the files.

The comparison map (one layer per variant) is :func:`routeplanner.maps.comparison_map`.
:func:`compare_file` runs the whole chain.
"""

from __future__ import annotations

import concurrent.futures as cf
from collections.abc import Callable
from pathlib import Path

from .charts import budget_svg, pareto_svg
from .kpis import KPI_COLUMNS, Comparison, Kpis, compare, pareto_front
from .report import COMPARISON_FILES, comparison_html, render_comparison, write_comparison
from .run import VariantResult, load_context, run_variants, solve_variant
from .variants import Variant, VariantSet, deep_merge, load_variants, variants_from_dict

__all__ = [
    "COMPARISON_FILES",
    "KPI_COLUMNS",
    "Comparison",
    "Kpis",
    "Variant",
    "VariantResult",
    "VariantSet",
    "budget_svg",
    "compare",
    "compare_file",
    "comparison_html",
    "deep_merge",
    "load_variants",
    "pareto_front",
    "pareto_svg",
    "render_comparison",
    "run_variants",
    "solve_variant",
    "variants_from_dict",
    "write_comparison",
]


def compare_file(
    path: Path | str,
    out: Path | str | None = None,
    *,
    data: Path | str | None = None,
    workers: int | None = None,
    executor: cf.Executor | None = None,
    lang: str = "ru",
    plans: bool = True,
    on_start: Callable[[str], None] | None = None,
    on_result: Callable[[VariantResult], None] | None = None,
) -> Comparison:
    """Read a variants file, plan every variant, compare, and (with ``out``) write the files.

    Parameters
    ----------
    path : path
        The variants YAML file.
    out : path, optional
        Folder for :func:`write_comparison`; nothing is written without it.
    data : path, optional
        Catalog/network folder (default: the built-in data).
    workers, executor, on_start, on_result
        See :func:`run_variants` (the callbacks report progress).
    lang : {"ru", "en"}
    plans : bool
        Write each variant's plan too.

    Returns
    -------
    Comparison

    Raises
    ------
    ScenarioError
        The variants file is invalid (nothing is planned).
    CatalogError, NetworkError
        The data folder is invalid.
    """
    vs = load_variants(path)
    catalog, _network = load_context(None if data is None else str(data))  # shared, 1 worker
    results = run_variants(
        vs,
        data=data,
        workers=workers,
        executor=executor,
        on_start=on_start,
        on_result=on_result,
    )
    comp = compare(results, catalog, lang=lang, title=vs.title)
    if out is not None:
        write_comparison(comp, out, catalog=catalog, lang=lang, plans=plans, source=str(path))
    return comp
