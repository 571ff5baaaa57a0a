"""The comparison: one row of key figures per variant, the time budget of each day, which
variant visits which site, what each visits that no other does, and the Pareto front of score
against travel time.

The figures of each plan are its :class:`~routeplanner.result.Kpis` (the one typed value the
result, the comparison and the web app share); a variant's row adds what only a comparison
knows (weighted score, nights away from the base, sites no other variant visits, the front).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..model import Category, TripRequest
from ..result import Itinerary, Kpis
from .run import VariantResult

if TYPE_CHECKING:
    from ..catalog import Catalog

__all__ = ["KPI_COLUMNS", "Comparison", "Kpis", "compare", "pareto_front"]

_CATEGORIES = [c.value for c in Category]


def pareto_front(points: Mapping[str, tuple[float, float]]) -> list[str]:
    """Names of the points no other point beats: more score for no more travel time.

    Parameters
    ----------
    points : mapping
        Name to ``(travel_h, score)``.

    Returns
    -------
    list of str
        The non-dominated names, by increasing travel time.
    """
    front = []
    for name, (x, y) in points.items():
        dominated = any(
            (x2 <= x and y2 >= y) and (x2 < x or y2 > y)
            for other, (x2, y2) in points.items()
            if other != name
        )
        if not dominated:
            front.append(name)
    return sorted(front, key=lambda n: (points[n][0], -points[n][1], n))


def _home_town(req: TripRequest, catalog: Catalog | None) -> str:
    base = req.lodging or req.start
    if catalog is not None and base in catalog:
        return catalog.place(base).town
    return base


def _night_town(night: str, catalog: Catalog | None) -> str:
    if catalog is not None and night in catalog:
        return catalog.place(night).town
    return night


#: Columns of the KPI table, in order (``sites_<category>`` for every category).
KPI_COLUMNS: tuple[str, ...] = (
    "variant",
    "status",
    "feasible",
    "days",
    "start_date",
    "end_date",
    "profile",
    "overnight",
    "score",
    "weighted_score",
    "sites",
    *(f"sites_{c}" for c in _CATEGORIES),
    "industrial_share",
    "travel_h",
    "drive_h_max_day",
    "idle_h",
    "distance_km",
    "cost_per_person_rub",
    "tickets_rub",
    "fares_rub",
    "lodging_rub",
    "nights",
    "nights_away",
    "lodgings",
    "events",
    "only_here",
    "pareto",
    "problem",
    "runtime_s",
)

#: The plan's own figures (empty, NaN, where a variant has no plan).
_PLAN_COLUMNS = KPI_COLUMNS[KPI_COLUMNS.index("score") : KPI_COLUMNS.index("only_here")]

#: Text columns of the plan (empty where no plan).
_TEXT_COLUMNS = ("lodgings", "events")

#: Integer columns (pandas ``Int64``: integers, empty where no plan).
_INT_COLUMNS = (
    "days",
    "sites",
    *(f"sites_{c}" for c in _CATEGORIES),
    "cost_per_person_rub",
    "tickets_rub",
    "fares_rub",
    "lodging_rub",
    "nights",
    "nights_away",
    "only_here",
)


def _plan_figures(
    k: Kpis, it: Itinerary, req: TripRequest, catalog: Catalog | None
) -> dict[str, Any]:
    """The plan's columns of a feasible variant's row, from its :class:`Kpis`."""
    weights = req.category_weights
    weighted = sum(s.score * weights.get(Category(s.category), 1.0) for s in it.stops)
    home = _home_town(req, catalog)
    return {
        "score": k.score,
        "weighted_score": round(weighted, 2),
        "sites": k.sites,
        **{f"sites_{c}": int(k.sites_by_category.get(c, 0)) for c in _CATEGORIES},
        "industrial_share": k.industrial_share,
        "travel_h": k.travel_h,
        "drive_h_max_day": max(k.drive_h_per_day or (0.0,)),
        "idle_h": k.idle_h,
        "distance_km": k.distance_km,
        "cost_per_person_rub": k.cost_per_person_rub,
        "tickets_rub": k.tickets_rub,
        "fares_rub": k.fares_rub,
        "lodging_rub": k.lodging_rub,
        "nights": len(k.nights),
        "nights_away": sum(1 for n in k.nights if _night_town(n, catalog) != home),
        "lodgings": " ".join(k.nights),
        "events": " ".join(k.events),
    }


def _kpi_row(r: VariantResult, catalog: Catalog | None, lang: str) -> dict[str, Any]:
    """A variant's row of the KPI table (without ``only_here`` and ``pareto``)."""
    it = r.itinerary
    req = it.scenario if it is not None else r.request
    row: dict[str, Any] = {
        "variant": r.name,
        "status": r.status,
        "feasible": r.feasible,
        "days": req.days if req else None,
        "start_date": req.start_date.isoformat() if req else None,
        "end_date": req.dates[-1].isoformat() if req else None,
        "profile": req.profile if req else None,
        "overnight": req.overnight if req else None,
    }
    if r.feasible and it is not None and it.kpis is not None and req is not None:
        row |= _plan_figures(it.kpis, it, req, catalog)
    else:
        row |= {c: ("" if c in _TEXT_COLUMNS else float("nan")) for c in _PLAN_COLUMNS}
    row["problem"] = r.problem_text(lang)
    row["runtime_s"] = r.wall_s
    return row


def _day_budget_rows(r: VariantResult) -> list[dict[str, Any]]:
    """Each day's window split minute by minute into lunch, visits, travel, waiting and free
    time (in that priority, so a lunch taken while waiting counts once, as lunch)."""
    it = r.itinerary
    if it is None or not r.feasible:
        return []
    req = it.scenario
    rows = []
    for di, day in enumerate(it.days, 1):
        w0 = dt.datetime.combine(day.date, req.day_start)
        n = int((dt.datetime.combine(day.date, req.day_end) - w0).total_seconds() // 60)
        use = [""] * n

        def mark(
            a: dt.datetime,
            b: dt.datetime,
            what: str,
            *,
            n: int = n,
            use: list[str] = use,
            w0: dt.datetime = w0,
        ) -> None:
            lo = max(0, int((a - w0).total_seconds() // 60))
            hi = min(n, int((b - w0).total_seconds() // 60))
            for i in range(lo, hi):
                if not use[i]:
                    use[i] = what

        if day.lunch_start is not None and day.lunch_end is not None:
            mark(day.lunch_start, day.lunch_end, "lunch")
        for st in day.stops:
            mark(st.start, st.end, "visit")
        for leg in day.legs:
            mark(leg.depart, leg.arrive, "travel")
        for st in day.stops:
            mark(st.arrive, st.start, "wait")
        count = {k: use.count(k) / 60 for k in ("visit", "travel", "wait", "lunch", "")}
        rows.append(
            {
                "variant": r.name,
                "day": di,
                "date": day.date.isoformat(),
                "sites": len(day.stops),
                "visit_h": round(count["visit"], 2),
                "travel_h": round(count["travel"], 2),
                "wait_h": round(count["wait"], 2),
                "lunch_h": round(count["lunch"], 2),
                "free_h": round(count[""], 2),
                "window_h": round(n / 60, 2),
                "lodging": day.lodging or "",
            }
        )
    return rows


@dataclass
class Comparison:
    """The variants side by side.

    Attributes
    ----------
    title : str
    results : list of VariantResult
    kpis : pandas.DataFrame
        One row per variant: ``variant``, ``status``, ``feasible``, ``days``, ``start_date``,
        ``end_date``, ``profile``, ``overnight``, ``score``, ``weighted_score`` (with the
        variant's category weights), ``sites``, ``sites_<category>`` for every category,
        ``industrial_share``, ``travel_h``, ``drive_h_max_day``, ``idle_h``, ``distance_km``,
        ``cost_per_person_rub``, ``tickets_rub``, ``fares_rub``, ``lodging_rub``, ``nights``,
        ``nights_away`` (nights outside the base's town), ``lodgings``, ``events`` (dated
        events visited), ``only_here`` (count), ``pareto`` (on the score / travel-time
        front), ``problem``, ``runtime_s``. KPIs of variants without a feasible plan are empty
        (NaN).
    days : pandas.DataFrame
        Time budget per day: ``variant``, ``day``, ``date``, ``sites``, ``visit_h``,
        ``travel_h``, ``wait_h``, ``lunch_h``, ``free_h``, ``window_h``, ``lodging``.
    sites : pandas.DataFrame
        Which variant visits which site: ``site_id``, ``name``, ``category`` and one boolean
        column per variant.
    only_here : dict
        Variant name to the site ids it visits and no other feasible variant does.
    pareto : list of str
        The variants on the front (more score for less travel), by travel time.
    """

    title: str
    results: list[VariantResult]
    kpis: pd.DataFrame
    days: pd.DataFrame
    sites: pd.DataFrame
    only_here: dict[str, list[str]]
    pareto: list[str]

    def result(self, name: str) -> VariantResult:
        """The result of the variant ``name``."""
        for r in self.results:
            if r.name == name:
                return r
        raise KeyError(name)


def compare(
    results: Sequence[VariantResult],
    catalog: Catalog | None = None,
    *,
    lang: str = "ru",
    title: str = "",
) -> Comparison:
    """Tabulate the results of :func:`run_variants`.

    Parameters
    ----------
    results : sequence of VariantResult
    catalog : Catalog, optional
        Gives site names and the towns of lodgings (for ``nights_away``); without it, a night
        is away when its lodging is not the base lodging.
    lang : {"ru", "en"}
        Language of site names and infeasibility reasons.
    title : str

    Returns
    -------
    Comparison
    """
    rows = [_kpi_row(r, catalog, lang) for r in results]
    ok = [r for r in results if r.feasible]
    visited: dict[str, set[str]] = {
        r.name: {s.site_id for s in r.itinerary.stops} for r in ok if r.itinerary is not None
    }
    only: dict[str, list[str]] = {}
    for name, ids in visited.items():
        others = set().union(*(v for n, v in visited.items() if n != name))
        only[name] = sorted(ids - others)
    points = {
        row["variant"]: (float(row["travel_h"]), float(row["score"]))
        for row in rows
        if row["feasible"]
    }
    front = pareto_front(points)
    for r, row in zip(results, rows, strict=True):
        row["only_here"] = len(only.get(r.name, [])) if r.feasible else None
        row["pareto"] = r.name in front
    kpis = pd.DataFrame(rows, columns=list(KPI_COLUMNS))
    for col in _INT_COLUMNS:
        kpis[col] = kpis[col].astype("Int64")  # integers, empty where no plan
    day_rows = [row for r in results for row in _day_budget_rows(r)]
    days = pd.DataFrame(
        day_rows,
        columns=[
            "variant",
            "day",
            "date",
            "sites",
            "visit_h",
            "travel_h",
            "wait_h",
            "lunch_h",
            "free_h",
            "window_h",
            "lodging",
        ],
    )
    all_ids: dict[str, tuple[str, str]] = {}
    for r in ok:
        assert r.itinerary is not None
        for s in r.itinerary.stops:
            all_ids.setdefault(s.site_id, (s.name_en if lang == "en" else s.name, s.category))
    order = sorted(
        all_ids,
        key=lambda i: (_CATEGORIES.index(all_ids[i][1]) if all_ids[i][1] in _CATEGORIES else 99, i),
    )
    site_rows = []
    for sid in order:
        name, cat = all_ids[sid]
        if catalog is not None and sid in catalog.sites:
            name = catalog.sites[sid].name(lang)
        site_rows.append(
            {"site_id": sid, "name": name, "category": cat}
            | {r.name: sid in visited.get(r.name, set()) for r in results}
        )
    sites = pd.DataFrame(
        site_rows, columns=["site_id", "name", "category", *(r.name for r in results)]
    )
    return Comparison(title, list(results), kpis, days, sites, only, front)
