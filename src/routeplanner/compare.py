"""Comparing trip variants: a variants file, parallel planning, a KPI table, charts and a map.

Analysts decide between options (three days or four, a base in Irkutsk or a night in Bratsk,
coach or car, summer or winter, industry- or nature-weighted scores). A *variants file* holds a
base scenario and named variants that override any of its keys, plus *sweeps* that expand into
many variants (every start date of a week, ``days`` from 2 to 5, ...)::

    name: "Industrial Irkutsk: options"
    base:
      file: ../scenarios/industrial_3day.yaml   # relative to this file; keys below override it
      solver: {time_limit_s: 4, max_solutions: 30}
    variants:
      car: {profile: car, group_size: 4}
      four_days: {days: 4}
    sweeps:
      - name: "start_{start_date:%a}"
        field: start_date
        dates: {from: 2027-06-14, to: 2027-06-20}
      - {field: days, range: [2, 5]}

Overrides are deep-merged into the base (``solver: {time_limit_s: 3}`` keeps the other solver
keys; lists and plain values replace) and validated like a scenario: an error names the
variants file, the variant and the key. :func:`run_variants` plans every variant in parallel
through any executor with the :class:`concurrent.futures.Executor` interface (a process pool by
default; ``distributed.Client(...).get_executor()`` for a Dask cluster). Requests travel to the
workers as JSON-ready dicts and itineraries come back as JSON text, each worker process loading
the catalog and network once. A variant that fails (an unknown site id, an exception in the
worker, a crashed worker process) becomes a result with its error; the others are kept.

:func:`compare` turns the results into a :class:`Comparison` (KPI table, time budget per day,
which variant visits which site, what each visits that no other does, the Pareto front of score
against travel time) and :func:`write_comparison` writes ``kpis.csv``, ``kpis.xlsx``, a
self-contained ``comparison.html`` (inline SVG charts, the map embedded), ``comparison_map.html``
(one layer per variant) and every variant's plan under ``plans/<variant>/``.

Determinism: a variant planned under a work limit (``solver.max_solutions``) whose time limit is
not reached gives the same plan in any process, so 1 and N workers give identical tables. Under
a wall-clock limit alone (and for ``overnight: choose``, whose lodging search has a time budget)
the plans depend on the machine's load and may differ between runs.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import copy
import datetime as dt
import html
import io
import math
import multiprocessing
import numbers
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ._io import atomic_write_bytes, atomic_write_text
from .exceptions import Issue, RouteplannerError, ScenarioError
from .model import Category, TripRequest
from .result import Itinerary
from .scenario import load_yaml, request_from_dict

if TYPE_CHECKING:
    import folium
    from rich.console import Console

    from .catalog import Catalog

__all__ = [
    "COMPARISON_FILES",
    "Comparison",
    "Variant",
    "VariantResult",
    "VariantSet",
    "compare",
    "compare_file",
    "comparison_html",
    "comparison_map",
    "deep_merge",
    "load_variants",
    "pareto_front",
    "run_variants",
    "solve_variant",
    "variants_from_dict",
    "write_comparison",
]

#: The files :func:`write_comparison` writes at the top of its folder.
COMPARISON_FILES = ("kpis.csv", "kpis.xlsx", "comparison.html", "comparison_map.html")

_TOP_KEYS = {"name", "base", "include_base", "variants", "sweeps"}
_SWEEP_KEYS = {"name", "field", "values", "range", "dates", "on", "overrides"}
_WEEKDAYS = {
    **{d: i for i, d in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))},
    **{d: i for i, d in enumerate(("пн", "вт", "ср", "чт", "пт", "сб", "вс"))},
}
_MAX_VARIANTS = 500
_CATEGORIES = [c.value for c in Category]
_INT_COLUMNS = [
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
]

#: Report labels (Russian, English).
_L: dict[str, tuple[str, str]] = {
    "title": ("Сравнение вариантов", "Comparison of variants"),
    "variant": ("Вариант", "Variant"),
    "status": ("Статус", "Status"),
    "ok": ("выполним", "feasible"),
    "infeasible": ("невыполним", "infeasible"),
    "error": ("ошибка", "error"),
    "score": ("Оценка", "Score"),
    "weighted_score": ("Оценка с весами", "Weighted score"),
    "sites": ("Объектов", "Sites"),
    "industrial_share": ("Доля промышл.", "Industrial share"),
    "travel_h": ("В пути, ч", "Travel, h"),
    "drive_h_max_day": ("Макс. за рулём в день, ч", "Max driving a day, h"),
    "idle_h": ("Ожидание, ч", "Idle, h"),
    "distance_km": ("Расстояние, км", "Distance, km"),
    "cost_per_person_rub": ("Стоимость на чел., ₽", "Cost per person, RUB"),
    "nights_away": ("Ночей вне базы", "Nights away from base"),
    "days": ("Дней", "Days"),
    "start_date": ("Начало", "Start"),
    "profile": ("Транспорт", "Transport"),
    "only_here": ("Только здесь", "Only here"),
    "problem": ("Причина", "Reason"),
    "kpis": ("Показатели", "Key figures"),
    "pareto": (
        "Оценка и время в пути (оранжевые — фронт Парето: больше оценка при меньшем времени)",
        "Score against travel time (orange: the Pareto front, more score for less travel)",
    ),
    "budget": ("Бюджет времени по дням", "Time budget per day"),
    "visit": ("посещения", "visits"),
    "travel": ("в пути", "travel"),
    "wait": ("ожидание (без обеда)", "waiting (lunch apart)"),
    "lunch": ("обед", "lunch"),
    "free": ("свободно", "free"),
    "unique": ("Что посещает только этот вариант", "What each variant visits that no other does"),
    "presence": ("Объекты по вариантам", "Sites by variant"),
    "site": ("Объект", "Site"),
    "category": ("Категория", "Category"),
    "map": ("Карта (слой на вариант)", "Map (one layer per variant)"),
    "map_note": (
        "Для подложки карты нужен интернет; отдельный файл: comparison_map.html.",
        "The map's tiles need the internet; also saved as comparison_map.html.",
    ),
    "failed": ("Варианты с ошибками", "Variants that failed"),
    "none": ("нет", "none"),
    "no_points": ("Нет выполнимых вариантов.", "No feasible variant."),
    "hours": ("часы", "hours"),
    "day": ("день", "day"),
    "legend_best": ("лучшее значение выделено", "best value in bold"),
}


def _t(key: str, lang: str) -> str:
    pair = _L.get(key)
    if pair is None:
        from .i18n import t

        return t(key, lang)
    return pair[1] if lang == "en" else pair[0]


# --------------------------------------------------------------------------- variants


@dataclass(frozen=True)
class Variant:
    """One option to plan.

    Attributes
    ----------
    name : str
        Unique name (also the folder of its plan).
    request : TripRequest or None
        The validated request; ``None`` when the overrides are invalid (see ``error``).
    overrides : dict
        The keys it changes relative to the base (for display).
    origin : str
        ``"base"``, ``"variant"`` or ``"sweep"``.
    error : str or None
        Why the request is invalid (only with ``strict=False``).
    """

    name: str
    request: TripRequest | None
    overrides: dict[str, Any] = field(default_factory=dict)
    origin: str = "variant"
    error: str | None = None


@dataclass(frozen=True)
class VariantSet:
    """The variants of a variants file, in file order (base, variants, then sweeps).

    Attributes
    ----------
    title : str
    source : str
        The file (or label) they came from.
    base : TripRequest
    variants : tuple of Variant
    """

    title: str
    source: str
    base: TripRequest
    variants: tuple[Variant, ...]

    def __iter__(self) -> Iterator[Variant]:
        return iter(self.variants)

    def __len__(self) -> int:
        return len(self.variants)

    def __getitem__(self, name: str) -> Variant:
        for v in self.variants:
            if v.name == name:
                return v
        raise KeyError(name)

    @property
    def names(self) -> list[str]:
        """The variants' names in order."""
        return [v.name for v in self.variants]


def deep_merge(base: Mapping[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    """Merge ``overrides`` into a copy of ``base``: mappings merge key by key, anything else
    (lists, plain values, ``null``) replaces.

    Parameters
    ----------
    base, overrides : mapping

    Returns
    -------
    dict
        A new dict; neither input is changed.
    """
    out = copy.deepcopy(dict(base))
    for key, value in overrides.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _set_path(data: dict[str, Any], dotted: str, value: Any) -> dict[str, Any]:
    """``{"solver": {"seed": value}}`` for ``"solver.seed"``."""
    out: dict[str, Any] = {}
    cur = out
    parts = dotted.split(".")
    for p in parts[:-1]:
        cur[p] = {}
        cur = cur[p]
    cur[parts[-1]] = value
    return deep_merge(data, out)


def _as_date(x: Any) -> dt.date:
    if isinstance(x, dt.datetime):
        return x.date()
    if isinstance(x, dt.date):
        return x
    return dt.date.fromisoformat(str(x))


def _sweep_values(sweep: Mapping[str, Any]) -> list[Any]:
    """The values a sweep takes (raises ValueError with a message for the user)."""
    kinds = [k for k in ("values", "range", "dates") if k in sweep]
    if len(kinds) != 1:
        raise ValueError("give exactly one of 'values', 'range' or 'dates'")
    kind = kinds[0]
    spec = sweep[kind]
    if kind == "values":
        if not isinstance(spec, list) or not spec:
            raise ValueError("'values' must be a non-empty list")
        return list(spec)
    if kind == "range":
        if (
            not isinstance(spec, list)
            or len(spec) not in (2, 3)
            or not all(isinstance(x, int) and not isinstance(x, bool) for x in spec)
        ):
            raise ValueError("'range' must be [first, last] or [first, last, step] (integers)")
        step = spec[2] if len(spec) == 3 else 1
        if step <= 0 or spec[1] < spec[0]:
            raise ValueError("'range' needs first <= last and a positive step")
        return list(range(spec[0], spec[1] + 1, step))
    if not isinstance(spec, Mapping) or "from" not in spec or "to" not in spec:
        raise ValueError("'dates' must be a mapping with 'from' and 'to' (and 'weekdays')")
    unknown = set(spec) - {"from", "to", "weekdays", "step_days"}
    if unknown:
        raise ValueError(f"'dates' has unknown key(s): {', '.join(sorted(map(str, unknown)))}")
    try:
        first, last = _as_date(spec["from"]), _as_date(spec["to"])
    except ValueError as err:
        raise ValueError("'dates.from' and 'dates.to' must be dates (YYYY-MM-DD)") from err
    if last < first:
        raise ValueError("'dates.to' is before 'dates.from'")
    step = spec.get("step_days", 1)
    if not isinstance(step, int) or step < 1:
        raise ValueError("'dates.step_days' must be a positive integer")
    wanted: set[int] | None = None
    if spec.get("weekdays") is not None:
        names = spec["weekdays"]
        if not isinstance(names, list) or not names:
            raise ValueError("'dates.weekdays' must be a list such as [mon, sat]")
        wanted = set()
        for w in names:
            key = str(w).strip().lower()[:3].rstrip(".")
            key = key if key in _WEEKDAYS else key[:2]
            if key not in _WEEKDAYS:
                raise ValueError(f"unknown weekday '{w}' (use mon..sun or пн..вс)")
            wanted.add(_WEEKDAYS[key])
    out = []
    d = first
    while d <= last:
        if wanted is None or d.weekday() in wanted:
            out.append(d)
        d += dt.timedelta(days=step)
    if not out:
        raise ValueError("'dates' selects no date")
    return out


def _sweep_name(template: str | None, dotted: str, value: Any) -> str:
    leaf = dotted.rsplit(".", 1)[-1]
    if template is None:
        shown = value.isoformat() if isinstance(value, dt.date) else value
        return f"{dotted}={shown}"
    ctx = {"value": value, leaf: value, dotted.replace(".", "_"): value}
    return template.format_map(ctx)


def _check_name(name: Any) -> str | None:
    if not isinstance(name, str) or not name.strip():
        return "a variant name must be non-empty text"
    if len(name) > 80:
        return "a variant name must be at most 80 characters"
    if any(c in name for c in "/\\\0") or name.strip() in (".", ".."):
        return "a variant name must not contain '/' or '\\' or be '.' or '..'"
    return None


def _base_dict(raw: Any, source: str, base_dir: Path | None) -> dict[str, Any]:
    if not isinstance(raw, Mapping):
        raise ScenarioError(
            [Issue(source, None, "base", "must be a mapping of scenario keys (or 'file:')")]
        )
    raw = dict(raw)
    ref = raw.pop("file", None)
    if ref is None:
        return raw
    if not isinstance(ref, str):
        raise ScenarioError([Issue(source, None, "base.file", "must be a path")])
    path = Path(ref)
    if not path.is_absolute() and base_dir is not None:
        path = base_dir / path
    loaded = load_yaml(path)
    if not isinstance(loaded, Mapping):
        raise ScenarioError([Issue(str(path), None, None, "the scenario must be a mapping")])
    if isinstance(loaded.get("trip"), Mapping):
        loaded = loaded["trip"]
    return deep_merge(loaded, raw)


def _issues_for(err: ScenarioError, source: str, where: str) -> list[Issue]:
    return [
        Issue(source, None, f"{where}.{i.field}" if i.field else where, i.message)
        for i in err.issues
    ]


def variants_from_dict(
    data: Any,
    *,
    source: str = "variants",
    base_dir: Path | str | None = None,
    strict: bool = True,
) -> VariantSet:
    """Build the variants from the mapping of a variants file.

    Parameters
    ----------
    data : mapping
        ``name``, ``base`` (scenario keys, or ``file:`` plus overriding keys),
        ``include_base`` (default true: the base is the first variant, named ``base``),
        ``variants`` (name to overrides), ``sweeps`` (list of ``{field, values | range |
        dates, name, on, overrides}``).
    source : str
        Named in error messages (the file).
    base_dir : path, optional
        Folder against which ``base.file`` is resolved.
    strict : bool
        True: any invalid variant raises. False: an invalid variant is kept with its
        ``error`` (it becomes a failed row of the comparison); the file's structure and the
        base must still be valid.

    Returns
    -------
    VariantSet

    Raises
    ------
    ScenarioError
        Every problem found, each naming the file, the variant and the key
        (``variants.car.profle: unknown key``).
    """
    bdir = Path(base_dir) if base_dir is not None else None
    if not isinstance(data, Mapping):
        raise ScenarioError([Issue(source, None, None, "the variants file must be a mapping")])
    extra = set(data) - _TOP_KEYS
    if extra:
        raise ScenarioError(
            [
                Issue(
                    source,
                    None,
                    str(k),
                    "unknown key (expected: " + ", ".join(sorted(_TOP_KEYS)) + ")",
                )
                for k in sorted(map(str, extra))
            ]
        )
    if "base" not in data:
        raise ScenarioError([Issue(source, None, "base", "missing: the scenario to vary")])
    base = _base_dict(data["base"], source, bdir)
    try:
        base_req = request_from_dict(base, source=source)
    except ScenarioError as err:
        raise ScenarioError(
            _issues_for(err, source, "base"), title=f"{source}: the base scenario is invalid:"
        ) from err
    title = str(data.get("name") or base_req.name)

    # (name, overrides relative to the base, origin, where-label)
    specs: list[tuple[str, dict[str, Any], str, str]] = []
    issues: list[Issue] = []
    include_base = data.get("include_base", True)
    if not isinstance(include_base, bool):
        issues.append(Issue(source, None, "include_base", "must be true or false"))
    elif include_base:
        specs.append(("base", {}, "base", "base"))
    named = data.get("variants") or {}
    if not isinstance(named, Mapping):
        issues.append(Issue(source, None, "variants", "must map variant names to overrides"))
        named = {}
    for name, over in named.items():
        where = f"variants.{name}"
        if (msg := _check_name(name)) is not None:
            issues.append(Issue(source, None, where, msg))
            continue
        if over is None:
            over = {}
        if not isinstance(over, Mapping):
            issues.append(Issue(source, None, where, "must be a mapping of scenario keys"))
            continue
        specs.append((str(name), dict(over), "variant", where))
    sweeps = data.get("sweeps") or []
    if not isinstance(sweeps, list):
        issues.append(Issue(source, None, "sweeps", "must be a list of sweeps"))
        sweeps = []
    for si, sweep in enumerate(sweeps):
        where = f"sweeps[{si}]"
        if not isinstance(sweep, Mapping):
            issues.append(Issue(source, None, where, "must be a mapping"))
            continue
        bad = set(sweep) - _SWEEP_KEYS
        if bad:
            issues.append(
                Issue(
                    source,
                    None,
                    f"{where}.{sorted(map(str, bad))[0]}",
                    "unknown key (expected: " + ", ".join(sorted(_SWEEP_KEYS)) + ")",
                )
            )
            continue
        fld = sweep.get("field")
        if not isinstance(fld, str) or not re.fullmatch(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)*", fld):
            issues.append(Issue(source, None, f"{where}.field", "must name a scenario key"))
            continue
        try:
            values = _sweep_values(sweep)
        except ValueError as err:
            issues.append(Issue(source, None, where, str(err)))
            continue
        on = sweep.get("on", "base")
        if on == "base":
            start: dict[str, Any] = {}
        else:
            found = [s for s in specs if s[0] == on and s[2] == "variant"]
            if not found:
                issues.append(
                    Issue(source, None, f"{where}.on", f"no variant named '{on}' to sweep over")
                )
                continue
            start = found[0][1]
        extra_over = sweep.get("overrides") or {}
        if not isinstance(extra_over, Mapping):
            issues.append(Issue(source, None, f"{where}.overrides", "must be a mapping"))
            continue
        template = sweep.get("name")
        if template is not None and not isinstance(template, str):
            issues.append(Issue(source, None, f"{where}.name", "must be text"))
            continue
        if template is None and on != "base":
            template = f"{on}_{{value}}"
        for value in values:
            try:
                name = _sweep_name(template, fld, value)
            except (KeyError, ValueError, IndexError, AttributeError, TypeError) as err:
                issues.append(
                    Issue(source, None, f"{where}.name", f"cannot format '{template}': {err!r}")
                )
                break
            if (msg := _check_name(name)) is not None:
                issues.append(Issue(source, None, f"{where}.name", f"'{name}': {msg}"))
                break
            over = _set_path(deep_merge(start, extra_over), fld, value)
            specs.append((name, over, "sweep", f"{where} ({name})"))
    seen: set[str] = set()
    for name, _over, _origin, where in specs:
        if name in seen:
            issues.append(Issue(source, None, where, f"variant name '{name}' is used twice"))
        seen.add(name)
    if len(specs) > _MAX_VARIANTS:
        issues.append(
            Issue(source, None, "sweeps", f"{len(specs)} variants; at most {_MAX_VARIANTS}")
        )
    if not specs and not issues:
        issues.append(Issue(source, None, "variants", "no variant to plan"))
    if issues:
        raise ScenarioError(issues, title=f"{source}: {len(issues)} problem(s) in the variants:")

    out: list[Variant] = []
    bad_issues: list[Issue] = []
    for name, over, origin, where in specs:
        merged = deep_merge(base, over)
        try:
            req = request_from_dict(merged, source=source)
        except ScenarioError as err:
            found_issues = _issues_for(err, source, where)
            bad_issues += found_issues
            out.append(Variant(name, None, over, origin, "; ".join(str(i) for i in found_issues)))
            continue
        out.append(Variant(name, req, over, origin))
    if bad_issues and strict:
        raise ScenarioError(
            bad_issues, title=f"{source}: {len(bad_issues)} problem(s) in the variants:"
        )
    return VariantSet(title, source, base_req, tuple(out))


def load_variants(path: Path | str, *, strict: bool = True) -> VariantSet:
    """Read a variants YAML file (safely: no tags, no duplicated keys).

    Parameters
    ----------
    path : path
    strict : bool
        See :func:`variants_from_dict`.

    Returns
    -------
    VariantSet

    Raises
    ------
    ScenarioError
        The file, its structure or a variant is invalid; names the file, variant and key.
    """
    p = Path(path)
    return variants_from_dict(load_yaml(p), source=str(p), base_dir=p.parent, strict=strict)


# --------------------------------------------------------------------------- running


@dataclass
class VariantResult:
    """The outcome of one variant.

    Attributes
    ----------
    name : str
    itinerary : Itinerary or None
        ``None`` when the variant failed before a plan (invalid request, exception).
    error : str or None
        The failure's text.
    wall_s : float
        Seconds the worker spent on it.
    request : TripRequest or None
        The variant's request (``None`` when it was invalid).
    """

    name: str
    itinerary: Itinerary | None
    error: str | None = None
    wall_s: float = 0.0
    request: TripRequest | None = None

    @property
    def feasible(self) -> bool:
        """True when a plan was made and meets every constraint."""
        return self.error is None and self.itinerary is not None and self.itinerary.feasible

    @property
    def status(self) -> str:
        """``"ok"``, ``"infeasible"`` or ``"error"``."""
        if self.error is not None or self.itinerary is None:
            return "error"
        return "ok" if self.itinerary.feasible else "infeasible"

    def problem_text(self, lang: str = "ru") -> str:
        """Why the variant has no plan ('' when it has one)."""
        if self.error is not None:
            return self.error
        if self.itinerary is not None and not self.itinerary.feasible:
            return "; ".join(self.itinerary.problem_texts(lang))
        return ""


_CONTEXTS: dict[str | None, tuple[Any, Any]] = {}


def _context(data: str | None) -> tuple[Any, Any]:
    """Catalog and network for ``data`` (loaded once per process)."""
    if data not in _CONTEXTS:
        from .catalog import load_catalog
        from .network import load_network

        catalog = load_catalog(data)
        _CONTEXTS[data] = (catalog, load_network(data, catalog))
    return _CONTEXTS[data]


def _warm(data: str | None) -> None:
    """Process-pool initializer: load the catalog and network before the first task."""
    with contextlib.suppress(RouteplannerError):  # reported by each task
        _context(data)


def solve_variant(payload: Mapping[str, Any]) -> dict[str, Any]:
    """Plan one variant; the task each worker runs (never raises).

    Parameters
    ----------
    payload : mapping
        ``name``, ``request`` (``TripRequest.model_dump(mode="json")``) and ``data`` (the data
        folder as text, or ``None`` for the built-in data).

    Returns
    -------
    dict
        ``name``, ``itinerary`` (JSON text or ``None``), ``error`` (text or ``None``),
        ``wall_s``.
    """
    from .planner import plan

    t0 = time.perf_counter()
    name = str(payload.get("name", "?"))
    try:
        catalog, network = _context(payload.get("data"))
        request = TripRequest.model_validate(payload["request"])
        it = plan(request, catalog, network)
        text: str | None = it.to_json(indent=None)
        error = None
    except RouteplannerError as err:
        text, error = None, str(err)
    except Exception as err:  # one variant must never sink the others
        text, error = None, f"{type(err).__name__}: {err}"
    return {
        "name": name,
        "itinerary": text,
        "error": error,
        "wall_s": round(time.perf_counter() - t0, 3),
    }


def _from_payload(name: str, out: Any) -> VariantResult:
    if not isinstance(out, Mapping):
        return VariantResult(name, None, f"the worker returned {type(out).__name__}, not a dict")
    it = None
    error = out.get("error")
    if out.get("itinerary") is not None:
        try:
            it = Itinerary.from_json(out["itinerary"], source=f"variant {name}")
        except RouteplannerError as err:
            error = str(err)
    return VariantResult(name, it, error, float(out.get("wall_s", 0.0)))


def _default_workers(n: int) -> int:
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, n))


def run_variants(
    variants: VariantSet | Iterable[Variant],
    *,
    data: Path | str | None = None,
    workers: int | None = None,
    executor: cf.Executor | None = None,
    progress: bool = True,
    console: Console | None = None,
    on_result: Callable[[VariantResult], None] | None = None,
    task: Callable[[Mapping[str, Any]], dict[str, Any]] = solve_variant,
) -> list[VariantResult]:
    """Plan every variant, in parallel, keeping each failure as a result.

    Parameters
    ----------
    variants : VariantSet or iterable of Variant
    data : path, optional
        Catalog/network folder the workers load (default: the built-in data).
    workers : int, optional
        Processes of the default pool (default: the CPUs available, at most one per
        variant). ``1`` plans in this process, one variant after another.
    executor : concurrent.futures.Executor, optional
        Any executor with ``submit`` returning :class:`concurrent.futures.Future` objects,
        e.g. ``distributed.Client(...).get_executor()``; it is used as is and not shut down.
        Its workers need ``routeplanner`` installed and ``data`` readable.
    progress : bool
        Show a progress bar (rich).
    console : rich.console.Console, optional
        Where the progress bar goes (default: standard error).
    on_result : callable, optional
        Called with each :class:`VariantResult` as it arrives (completion order).
    task : callable
        The function run for each variant: takes the payload described in
        :func:`solve_variant` and returns its dict. Must be picklable (module-level) for a
        process pool.

    Returns
    -------
    list of VariantResult
        In the order of ``variants`` (not of completion), so that any number of workers gives
        the same list.
    """
    items = list(variants)
    data_s = None if data is None else str(data)
    results: dict[str, VariantResult] = {}
    runnable = []
    for v in items:
        if v.request is None:
            results[v.name] = VariantResult(v.name, None, v.error or "invalid request")
        else:
            runnable.append(v)

    def payload(v: Variant) -> dict[str, Any]:
        assert v.request is not None
        return {"name": v.name, "request": v.request.model_dump(mode="json"), "data": data_s}

    bar = _Bar(len(items), progress, console)
    for r in results.values():
        bar.advance(r)
        if on_result is not None:
            on_result(r)

    requests = {v.name: v.request for v in items}

    def finish(r: VariantResult) -> None:
        if r.request is None:
            r.request = requests.get(r.name)
        results[r.name] = r
        bar.advance(r)
        if on_result is not None:
            on_result(r)

    try:
        n_workers = workers if workers is not None else _default_workers(len(runnable))
        if n_workers < 1:
            raise ValueError("workers must be at least 1")
        if executor is None and (n_workers == 1 or len(runnable) <= 1):
            for v in runnable:
                bar.running(v.name)
                try:
                    out = task(payload(v))
                except Exception as err:  # a task that raises instead of reporting
                    out = {"error": f"{type(err).__name__}: {err}"}
                finish(_from_payload(v.name, out))
        elif executor is not None:
            _run_on(executor, runnable, payload, finish, task)
        else:
            broken = _run_pool(n_workers, data_s, runnable, payload, finish, task)
            # a worker process died (e.g. killed for memory): every variant that was in the
            # broken pool gets a second chance, each in a pool of its own
            for v in broken:
                bar.running(v.name)
                _run_pool(1, data_s, [v], payload, finish, task, isolated=True)
    finally:
        bar.close()
    return [results[v.name] for v in items]


def _run_on(
    executor: cf.Executor,
    runnable: Sequence[Variant],
    payload: Callable[[Variant], dict[str, Any]],
    finish: Callable[[VariantResult], None],
    task: Callable[[Mapping[str, Any]], dict[str, Any]],
) -> list[Variant]:
    """Submit every variant to ``executor``; return those lost to a broken process pool."""
    futures: dict[cf.Future[Any], Variant] = {}
    broken: list[Variant] = []
    for v in runnable:
        try:
            futures[executor.submit(task, payload(v))] = v
        except Exception as err:  # e.g. a pool already broken
            finish(VariantResult(v.name, None, f"could not submit: {type(err).__name__}: {err}"))
    try:
        for fut in cf.as_completed(futures):
            v = futures[fut]
            try:
                out = fut.result()
            except BrokenProcessPool:
                broken.append(v)
                continue
            except Exception as err:
                out = {"error": f"{type(err).__name__}: {err}"}
            finish(_from_payload(v.name, out))
    except BaseException:
        for fut in futures:
            fut.cancel()
        raise
    return broken


def _run_pool(
    n: int,
    data: str | None,
    runnable: Sequence[Variant],
    payload: Callable[[Variant], dict[str, Any]],
    finish: Callable[[VariantResult], None],
    task: Callable[[Mapping[str, Any]], dict[str, Any]],
    *,
    isolated: bool = False,
) -> list[Variant]:
    # spawn: a fresh interpreter per worker (forking a process that runs OR-Tools or a
    # progress-bar thread is unsafe); each worker loads the data once in the initializer
    ctx = multiprocessing.get_context("spawn")
    with cf.ProcessPoolExecutor(
        max_workers=n, mp_context=ctx, initializer=_warm, initargs=(data,)
    ) as pool:
        try:
            broken = _run_on(pool, runnable, payload, finish, task)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    if isolated:
        for v in broken:
            finish(VariantResult(v.name, None, "the worker process died while planning it"))
        return []
    return broken


def _stderr_console() -> Console:
    """Standard error; in Jupyter without ipywidgets, plain text (no widget, no warning)."""
    import importlib.util

    from rich.console import Console

    widgets = importlib.util.find_spec("ipywidgets") is not None
    return Console(stderr=True, force_jupyter=None if widgets else False)


class _Bar:
    """A rich progress bar that tolerates being switched off."""

    def __init__(self, total: int, enabled: bool, console: Console | None) -> None:
        self.progress = None
        self.ok = self.failed = 0
        if not enabled:
            return
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console or _stderr_console(),
        )
        self.progress.start()
        self.task = self.progress.add_task("variants", total=total)

    def running(self, name: str) -> None:
        if self.progress is not None:
            self.progress.update(self.task, description=f"variants (planning {name})")

    def advance(self, r: VariantResult) -> None:
        if r.status == "error":
            self.failed += 1
        else:
            self.ok += 1
        if self.progress is not None:
            extra = f", {self.failed} failed" if self.failed else ""
            self.progress.update(
                self.task, advance=1, description=f"variants (last: {r.name}{extra})"
            )

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


# --------------------------------------------------------------------------- comparison


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


def _kpi_row(r: VariantResult, catalog: Catalog | None, lang: str) -> dict[str, Any]:
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
    nan = float("nan")
    k = it.kpis if (it is not None and r.feasible) else {}
    if k:
        assert it is not None and req is not None
        weights = req.category_weights
        weighted = sum(s.score * weights.get(Category(s.category), 1.0) for s in it.stops)
        by_cat = k.get("sites_by_category", {})
        home = _home_town(req, catalog)
        nights = list(k.get("nights", []))
        row |= {
            "score": k["score"],
            "weighted_score": round(weighted, 2),
            "sites": k["sites"],
            **{f"sites_{c}": int(by_cat.get(c, 0)) for c in _CATEGORIES},
            "industrial_share": k["industrial_share"],
            "travel_h": k["travel_h"],
            "drive_h_max_day": max(k.get("drive_h_per_day") or [0.0]),
            "idle_h": k["idle_h"],
            "distance_km": k["distance_km"],
            "cost_per_person_rub": k["cost_per_person_rub"],
            "tickets_rub": k["tickets_rub"],
            "fares_rub": k["fares_rub"],
            "lodging_rub": k["lodging_rub"],
            "nights": len(nights),
            "nights_away": sum(1 for n in nights if _night_town(n, catalog) != home),
            "lodgings": " ".join(nights),
        }
    else:
        row |= {
            "score": nan,
            "weighted_score": nan,
            "sites": nan,
            **{f"sites_{c}": nan for c in _CATEGORIES},
            "industrial_share": nan,
            "travel_h": nan,
            "drive_h_max_day": nan,
            "idle_h": nan,
            "distance_km": nan,
            "cost_per_person_rub": nan,
            "tickets_rub": nan,
            "fares_rub": nan,
            "lodging_rub": nan,
            "nights": nan,
            "nights_away": nan,
            "lodgings": "",
        }
    row["problem"] = r.problem_text(lang)
    row["runtime_s"] = r.wall_s
    return row


def _day_rows(r: VariantResult) -> list[dict[str, Any]]:
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
        ``nights_away`` (nights outside the base's town), ``lodgings``, ``only_here`` (count),
        ``pareto`` (on the score / travel-time front), ``problem``, ``runtime_s``. KPIs of
        variants without a feasible plan are empty (NaN).
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
    kpis = pd.DataFrame(rows)
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
    kpis.insert(
        kpis.columns.get_loc("problem"),
        "only_here",
        [len(only.get(r.name, [])) if r.feasible else None for r in results],
    )
    kpis.insert(kpis.columns.get_loc("problem"), "pareto", [r.name in front for r in results])
    for col in _INT_COLUMNS:
        if col in kpis.columns:
            kpis[col] = kpis[col].astype("Int64")  # integers, empty where no plan
    day_rows = [row for r in results for row in _day_rows(r)]
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


# --------------------------------------------------------------------------- charts (SVG)


def _nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    if not math.isfinite(lo) or not math.isfinite(hi):
        return [0.0]
    if hi <= lo:
        hi = lo + 1.0
    raw = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.floor(lo / step) * step
    ticks = []
    x = start
    while x <= hi + step * 0.5:
        ticks.append(round(x, 10))
        x += step
    return ticks


def _fmt(x: float) -> str:
    return f"{x:g}" if abs(x) >= 1 or x == 0 else f"{x:.2g}"


def pareto_svg(comp: Comparison, *, lang: str = "ru", width: int = 760, height: int = 420) -> str:
    """Scatter of score against travel time, the Pareto front highlighted (inline SVG)."""
    feas = comp.kpis[comp.kpis["feasible"]]
    if feas.empty:
        return f"<p>{html.escape(_t('no_points', lang))}</p>"
    ml, mr, mt, mb = 60, 20, 16, 48
    xs = feas["travel_h"].astype(float).tolist()
    ys = feas["score"].astype(float).tolist()
    xt = _nice_ticks(min(xs) * 0.95, max(xs) * 1.05)
    yt = _nice_ticks(min(ys) * 0.95, max(ys) * 1.05)
    x0, x1, y0, y1 = xt[0], xt[-1], yt[0], yt[-1]
    pw, ph = width - ml - mr, height - mt - mb

    def sx(x: float) -> float:
        return ml + (x - x0) / (x1 - x0 or 1) * pw

    def sy(y: float) -> float:
        return mt + ph - (y - y0) / (y1 - y0 or 1) * ph

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" class="chart">'
    ]
    for x in xt:
        out.append(
            f'<line x1="{sx(x):.1f}" y1="{mt}" x2="{sx(x):.1f}" y2="{mt + ph}" class="grid"/>'
            f'<text x="{sx(x):.1f}" y="{mt + ph + 16}" text-anchor="middle">{_fmt(x)}</text>'
        )
    for y in yt:
        out.append(
            f'<line x1="{ml}" y1="{sy(y):.1f}" x2="{ml + pw}" y2="{sy(y):.1f}" class="grid"/>'
            f'<text x="{ml - 6}" y="{sy(y) + 4:.1f}" text-anchor="end">{_fmt(y)}</text>'
        )
    out.append(
        f'<text x="{ml + pw / 2:.1f}" y="{height - 8}" text-anchor="middle" class="axis">'
        f"{html.escape(_t('travel_h', lang))}</text>"
        f'<text transform="translate(16 {mt + ph / 2:.1f}) rotate(-90)" text-anchor="middle" '
        f'class="axis">{html.escape(_t("score", lang))}</text>'
    )
    front = [n for n in comp.pareto if n in set(feas["variant"])]
    pts = {r["variant"]: (float(r["travel_h"]), float(r["score"])) for _, r in feas.iterrows()}
    if len(front) > 1:
        path = " ".join(f"{sx(pts[n][0]):.1f},{sy(pts[n][1]):.1f}" for n in front)
        out.append(f'<polyline points="{path}" class="front"/>')
    # labels: the front's first, then the others where they overlap no label already placed
    # (a point without room keeps its name in the tooltip)
    placed: list[tuple[float, float, float, float]] = [
        (sx(x) - 6, sy(y) - 6, sx(x) + 6, sy(y) + 6) for x, y in pts.values()
    ]
    order = front + [n for n in pts if n not in front]
    labels: dict[str, str] = {}
    for name in order:
        cx, cy = sx(pts[name][0]), sy(pts[name][1])
        w, h = 6.5 * len(name) + 4, 13
        for dx, dy, anchor in (
            (9, -6, "start"),
            (9, 14, "start"),
            (-9, -6, "end"),
            (-9, 14, "end"),
        ):
            x0b = cx + dx if anchor == "start" else cx + dx - w
            box = (x0b, cy + dy - 11, x0b + w, cy + dy - 11 + h)
            inside = box[0] >= ml and box[2] <= ml + pw and box[1] >= 0 and box[3] <= mt + ph
            free = all(
                box[2] < b[0] or box[0] > b[2] or box[3] < b[1] or box[1] > b[3] for b in placed
            )
            if inside and free:
                placed.append(box)
                labels[name] = (
                    f'<text x="{cx + dx:.1f}" y="{cy + dy:.1f}" text-anchor="{anchor}">'
                    f"{html.escape(name)}</text>"
                )
                break
    for name, (x, y) in pts.items():
        on = name in front
        out.append(
            f'<g class="{"pt on" if on else "pt"}"><title>{html.escape(name)}: '
            f"{_fmt(y)} / {_fmt(x)} h</title>"
            f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="{7 if on else 5}"/>'
            f"{labels.get(name, '')}</g>"
        )
    out.append("</svg>")
    return "".join(out)


_BUDGET = (
    ("visit_h", "visit", "#2ca02c"),
    ("travel_h", "travel", "#1f77b4"),
    ("wait_h", "wait", "#ff7f0e"),
    ("lunch_h", "lunch", "#9467bd"),
    ("free_h", "free", "#d9d9d9"),
)


def budget_svg(comp: Comparison, *, lang: str = "ru", width: int = 760) -> str:
    """Stacked bars: each variant's days split into visits, travel, waiting, lunch and free
    time within the day window (inline SVG)."""
    days = comp.days
    if days.empty:
        return f"<p>{html.escape(_t('no_points', lang))}</p>"
    label_w, mr, row_h, gap, top = 190, 20, 16, 10, 34
    n_groups = days["variant"].nunique()
    height = top + len(days) * row_h + n_groups * gap + 30
    used = days[[c for c, _, _ in _BUDGET]].sum(axis=1)
    hmax = max(float(days["window_h"].max()), float(used.max()), 1.0)
    ticks = _nice_ticks(0, hmax)
    pw = width - label_w - mr

    def sx(h: float) -> float:
        return label_w + h / ticks[-1] * pw

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" class="chart">'
    ]
    lx = label_w
    for _col, key, colour in _BUDGET:
        text = html.escape(_t(key, lang))
        out.append(
            f'<rect x="{lx}" y="6" width="12" height="12" fill="{colour}"/>'
            f'<text x="{lx + 16}" y="16">{text}</text>'
        )
        lx += 30 + 8 * len(text)
    y = top
    bottom = height - 26
    for x in ticks:
        out.append(
            f'<line x1="{sx(x):.1f}" y1="{top - 4}" x2="{sx(x):.1f}" y2="{bottom}" class="grid"/>'
            f'<text x="{sx(x):.1f}" y="{bottom + 14}" text-anchor="middle">{_fmt(x)}</text>'
        )
    out.append(
        f'<text x="{label_w + pw / 2:.1f}" y="{height - 1}" text-anchor="middle" class="axis">'
        f"{html.escape(_t('hours', lang))}</text>"
    )
    for name, group in days.groupby("variant", sort=False):
        for _, row in group.iterrows():
            label = f"{name} · {_t('day', lang)} {row['day']}"
            out.append(
                f'<text x="{label_w - 6}" y="{y + row_h - 4}" text-anchor="end">'
                f"{html.escape(label)}</text>"
            )
            x = 0.0
            for col, key, colour in _BUDGET:
                w = float(row[col])
                if w <= 0:
                    continue
                out.append(
                    f'<rect x="{sx(x):.1f}" y="{y + 2}" width="{sx(x + w) - sx(x):.1f}" '
                    f'height="{row_h - 4}" fill="{colour}"><title>'
                    f"{html.escape(label)}: {html.escape(_t(key, lang))} {w:.2f} h</title></rect>"
                )
                x += w
            y += row_h
        y += gap
    out.append("</svg>")
    return "".join(out)


# --------------------------------------------------------------------------- map


def comparison_map(
    results: Sequence[VariantResult],
    catalog: Catalog | None = None,
    *,
    lang: str = "ru",
    show: int = 3,
) -> folium.Map:
    """One map with a layer group per variant (its legs and numbered stops in its colour).

    Parameters
    ----------
    results : sequence of VariantResult
        Variants without a feasible plan are skipped.
    catalog : Catalog, optional
        Names in ``lang`` and the position of the base lodging.
    lang : {"ru", "en"}
    show : int
        How many layers are switched on at first (the others are listed, off).

    Returns
    -------
    folium.Map
    """
    import folium

    from .basemap import add_basemap
    from .maps import _CSS, CATEGORY_ICONS, day_colour, esc
    from .offline import make_offline

    ok = [r for r in results if r.feasible and r.itinerary is not None]
    points = [
        (s.lat, s.lon)
        for r in ok
        for s in r.itinerary.stops  # type: ignore[union-attr]
    ]
    centre = (
        (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
        if points
        else (52.2864, 104.2807)
    )
    m = folium.Map(location=centre, zoom_start=8, tiles=None, control_scale=True)
    folium.TileLayer("OpenStreetMap", name="OpenStreetMap").add_to(m)
    make_offline(m)
    add_basemap(m, lang=lang)
    m.get_root().header.add_child(folium.Element(_CSS))
    for vi, r in enumerate(ok):
        it = r.itinerary
        assert it is not None
        colour = day_colour(vi)
        group = folium.FeatureGroup(name=f"{esc(r.name)} ({len(it.stops)})", show=vi < show)
        for di, day in enumerate(it.days, 1):
            for leg in day.legs:
                line = [(float(p[0]), float(p[1])) for p in leg.geometry]
                if len(line) >= 2:
                    folium.PolyLine(
                        line,
                        color=colour,
                        weight=4,
                        opacity=0.7,
                        dash_array=None if leg.mode == "road" else "8 8",
                        tooltip=folium.Tooltip(esc(f"{r.name} · {_t('day', lang)} {di}")),
                    ).add_to(group)
            for k, s in enumerate(day.stops, 1):
                name = s.name_en if lang == "en" else s.name
                if catalog is not None and s.site_id in catalog.sites:
                    name = catalog.sites[s.site_id].name(lang)
                icon = CATEGORY_ICONS.get(s.category, "location-dot")
                folium.Marker(
                    (s.lat, s.lon),
                    icon=folium.DivIcon(
                        html=(
                            f'<div class="rp-pin" style="background:{colour}">{k}'
                            f'<i class="fa-solid fa-{icon} rp-cat" style="color:{colour}"></i>'
                            "</div>"
                        ),
                        icon_size=(26, 26),
                        icon_anchor=(13, 13),
                        class_name="rp-stop",
                    ),
                    tooltip=folium.Tooltip(
                        esc(
                            f"{r.name} · {_t('day', lang)} {di} · {k}. {name} · "
                            f"{s.start:%H:%M}–{s.end:%H:%M}"
                        )
                    ),
                ).add_to(group)
        group.add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    if points:
        lats = [p[0] for p in points]
        lons = [p[1] for p in points]
        m.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]], padding=(30, 30))
    return m


# --------------------------------------------------------------------------- HTML report

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
    k = comp.kpis
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{e(lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(_t('title', lang))}: {e(comp.title)}</title>",
        f"<style>{_REPORT_CSS}</style></head><body>",
        f"<h1>{e(_t('title', lang))}: {e(comp.title)}</h1>",
    ]
    n_ok = int(k["feasible"].sum()) if not k.empty else 0
    sub = f"{len(k)} · {_t('ok', lang)}: {n_ok}"
    if source:
        sub = f"{source} — {sub}"
    parts.append(f'<div class="sub">{e(sub)}</div>')

    # KPI table, best value per column in bold
    parts.append(f"<h2>{e(_t('kpis', lang))}</h2><div class='scroll'><table><thead><tr>")
    head = ["variant", "status", "days", "start_date", "profile"] + [c for c, _ in _SHOWN]
    parts.append(
        "".join(
            f"<th class='l'>{e(_t(c, lang))}</th>" if i < 5 else f"<th>{e(_t(c, lang))}</th>"
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
            f"<td class='l'>{e(_t(str(row['status']), lang))}</td>",
            f"<td class='l'>{_cell(row['days'])}</td>",
            f"<td class='l nw'>{_cell(row['start_date'])}</td>",
            f"<td class='l'>{e(_t(prof, lang)) if isinstance(prof, str) else '–'}</td>",
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
    parts.append(f"</tbody></table></div><p class='note'>{e(_t('legend_best', lang))}</p>")

    failed = k[~k["feasible"]] if not k.empty else k
    if not failed.empty:
        parts.append(f"<h2>{e(_t('failed', lang))}</h2><ul>")
        for _, row in failed.iterrows():
            parts.append(
                f"<li><b>{e(str(row['variant']))}</b> ({e(_t(str(row['status']), lang))}): "
                f"{e(str(row['problem']))}</li>"
            )
        parts.append("</ul>")

    parts.append(f"<h2>{e(_t('pareto', lang))}</h2>{pareto_svg(comp, lang=lang)}")
    parts.append(f"<h2>{e(_t('budget', lang))}</h2>{budget_svg(comp, lang=lang)}")

    def site_name(sid: str) -> str:
        if catalog is not None and sid in catalog.sites:
            return catalog.sites[sid].name(lang)
        hit = comp.sites[comp.sites["site_id"] == sid]
        return str(hit["name"].iloc[0]) if not hit.empty else sid

    parts.append(f"<h2>{e(_t('unique', lang))}</h2><table><tbody>")
    for r in comp.results:
        if not r.feasible:
            continue
        ids = comp.only_here.get(r.name, [])
        text = ", ".join(site_name(i) for i in ids) or _t("none", lang)
        parts.append(f"<tr><th class='l'>{e(r.name)}</th><td class='l'>{e(text)}</td></tr>")
    parts.append("</tbody></table>")

    s = comp.sites
    ok_names = [r.name for r in comp.results if r.feasible]
    if not s.empty and ok_names:
        parts.append(f"<h2>{e(_t('presence', lang))}</h2><div class='scroll'><table><thead><tr>")
        parts.append(f"<th class='l'>{e(_t('site', lang))}</th>")
        parts.append(f"<th class='l'>{e(_t('category', lang))}</th>")
        parts += [f"<th>{e(n)}</th>" for n in ok_names]
        parts.append("</tr></thead><tbody>")
        for _, row in s.iterrows():
            parts.append(
                f"<tr><td class='l'>{e(site_name(str(row['site_id'])))}</td>"
                f"<td class='l'>{e(_t(str(row['category']), lang))}</td>"
                + "".join(
                    "<td class='yes'>●</td>" if row[n] else "<td class='no'>·</td>"
                    for n in ok_names
                )
                + "</tr>"
            )
        parts.append("</tbody></table></div>")

    if map_html is not None:
        parts.append(
            f"<h2>{e(_t('map', lang))}</h2><p class='note'>{e(_t('map_note', lang))}</p>"
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
    buf = io.BytesIO()
    only = pd.DataFrame(
        [{"variant": n, "site_id": sid} for n, ids in comp.only_here.items() for sid in ids],
        columns=["variant", "site_id"],
    )
    with pd.ExcelWriter(buf, engine="openpyxl") as xl:
        comp.kpis.to_excel(xl, sheet_name="kpis", index=False)
        comp.days.to_excel(xl, sheet_name="days", index=False)
        comp.sites.to_excel(xl, sheet_name="sites", index=False)
        only.to_excel(xl, sheet_name="only_here", index=False)
        for ws in xl.book.worksheets:
            ws.freeze_panes = "B2"
            for col in ws.columns:
                width = max(len(str(c.value or "")) for c in col[:50])
                ws.column_dimensions[col[0].column_letter].width = min(40, max(8, width + 2))
    return buf.getvalue()


def write_comparison(
    comp: Comparison,
    out: Path | str,
    *,
    catalog: Catalog | None = None,
    lang: str = "ru",
    plans: bool = True,
    source: str | None = None,
) -> list[Path]:
    """Write the comparison's files into ``out``.

    Writes ``kpis.csv`` (the KPI table), ``kpis.xlsx`` (sheets ``kpis``, ``days``, ``sites``,
    ``only_here``), ``comparison.html`` (the report, map embedded), ``comparison_map.html``
    and, with ``plans``, each variant's plan files under ``plans/<variant>/`` (those of
    :func:`~routeplanner.export.write_plan_outputs`; ``error.txt`` for a variant that failed
    before a plan). Each file is written atomically.

    Parameters
    ----------
    comp : Comparison
    out : path
        Folder (created if missing).
    catalog : Catalog, optional
        Names, excursion rules and lodging positions for the plans and the map.
    lang : {"ru", "en"}
    plans : bool
        Also write every variant's plan.
    source : str, optional
        The variants file, named in the report.

    Returns
    -------
    list of Path
        The top-level files, then the plan folders.
    """
    from .export import write_plan_outputs

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    map_page = comparison_map(comp.results, catalog, lang=lang).get_root().render()
    written = [
        atomic_write_text(out / "kpis.csv", comp.kpis.to_csv(index=False)),
        atomic_write_bytes(out / "kpis.xlsx", _xlsx(comp, lang)),
        atomic_write_text(
            out / "comparison.html",
            comparison_html(comp, catalog, lang=lang, map_html=map_page, source=source),
        ),
        atomic_write_text(out / "comparison_map.html", map_page),
    ]
    if plans:
        names = {p.id: p.name(lang) for p in catalog} if catalog is not None else None
        taken: set[str] = set()
        for r in comp.results:
            folder = out / "plans" / _slug(r.name, taken)
            if r.itinerary is not None:
                write_plan_outputs(r.itinerary, folder, lang=lang, names=names, catalog=catalog)
            else:
                atomic_write_text(folder / "error.txt", (r.error or "failed") + "\n")
            written.append(folder)
    return written


def compare_file(
    path: Path | str,
    out: Path | str | None = None,
    *,
    data: Path | str | None = None,
    workers: int | None = None,
    executor: cf.Executor | None = None,
    lang: str = "ru",
    progress: bool = True,
    console: Console | None = None,
    plans: bool = True,
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
    workers, executor, progress, console
        See :func:`run_variants`.
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
    catalog, _network = _context(None if data is None else str(data))  # shared when workers=1
    results = run_variants(
        vs, data=data, workers=workers, executor=executor, progress=progress, console=console
    )
    comp = compare(results, catalog, lang=lang, title=vs.title)
    if out is not None:
        write_comparison(comp, out, catalog=catalog, lang=lang, plans=plans, source=str(path))
    return comp
