"""Planning variants in parallel through any executor; progress goes to callbacks.

:func:`run_variants` plans every variant through any executor with the
:class:`concurrent.futures.Executor` interface (a process pool by default;
``distributed.Client(...).get_executor()`` for a Dask cluster). Requests travel to the workers
as JSON-ready dicts and itineraries come back as JSON text, each worker process loading the
catalog and network once. A variant that fails (an unknown site id, an exception in the worker,
a crashed worker process) becomes a result with its error; the others are kept. The caller
draws progress (the CLI a progress bar, the web app its own widget) from the ``on_start`` and
``on_result`` callbacks; nothing here draws.

Determinism: a variant planned under a work limit (``solver.max_solutions``) whose time limit is
not reached gives the same plan in any process, so 1 and N workers give identical results. Under
a wall-clock limit alone (and for ``overnight: choose``, whose lodging search has a time budget)
the plans depend on the machine's load and may differ between runs.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..exceptions import RouteplannerError, describe
from ..model import TripRequest
from ..result import Itinerary
from .variants import Variant, VariantSet

__all__ = ["VariantResult", "load_context", "run_variants", "solve_variant"]


@dataclass
class VariantResult:
    """The outcome of one variant.

    Attributes
    ----------
    name : str
    itinerary : Itinerary or None
        ``None`` when the variant failed before a plan (invalid request, exception).
    error : str or None
        The failure's text (English).
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
    #: The failure's text in Russian (when it has one).
    error_ru: str | None = None

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
            return self.error_ru if lang != "en" and self.error_ru else self.error
        if self.itinerary is not None and not self.itinerary.feasible:
            return "; ".join(self.itinerary.problem_texts(lang))
        return ""


_CONTEXTS: dict[str | None, tuple[Any, Any]] = {}


def load_context(data: str | None) -> tuple[Any, Any]:
    """Catalog and network for the data folder ``data`` (loaded once per process).

    Parameters
    ----------
    data : str or None
        The data folder, or ``None`` for the built-in data.

    Returns
    -------
    (Catalog, Network)
    """
    if data not in _CONTEXTS:
        from ..catalog import load_catalog
        from ..network import load_network

        catalog = load_catalog(data)
        _CONTEXTS[data] = (catalog, load_network(data, catalog))
    return _CONTEXTS[data]


def _warm(data: str | None) -> None:
    """Process-pool initializer: load the catalog and network before the first task."""
    with contextlib.suppress(RouteplannerError):  # reported by each task
        load_context(data)


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
        ``name``, ``itinerary`` (JSON text or ``None``), ``error`` and ``error_ru`` (text in
        English and Russian, or ``None``), ``wall_s``.
    """
    from ..planner import plan

    t0 = time.perf_counter()
    name = str(payload.get("name", "?"))
    try:
        catalog, network = load_context(payload.get("data"))
        request = TripRequest.model_validate(payload["request"])
        it = plan(request, catalog, network)
        text: str | None = it.to_json(indent=None)
        error = error_ru = None
    except RouteplannerError as err:
        text, error, error_ru = None, describe(err, "en"), describe(err, "ru")
    except Exception as err:  # one variant must never sink the others
        text, error = None, f"{type(err).__name__}: {err}"
        error_ru = error
    return {
        "name": name,
        "itinerary": text,
        "error": error,
        "error_ru": error_ru,
        "wall_s": round(time.perf_counter() - t0, 3),
    }


def _from_payload(name: str, out: Any) -> VariantResult:
    if not isinstance(out, Mapping):
        return VariantResult(name, None, f"the worker returned {type(out).__name__}, not a dict")
    it = None
    error, error_ru = out.get("error"), out.get("error_ru")
    if out.get("itinerary") is not None:
        try:
            it = Itinerary.from_json(out["itinerary"], source=f"variant {name}")
        except RouteplannerError as err:
            error, error_ru = describe(err, "en"), describe(err, "ru")
    return VariantResult(name, it, error, float(out.get("wall_s", 0.0)), error_ru=error_ru)


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
    on_start: Callable[[str], None] | None = None,
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
    on_start : callable, optional
        Called with a variant's name when it is handed to a worker, or starts in this process
        (for progress displays).
    on_result : callable, optional
        Called with each :class:`VariantResult` as it arrives (completion order), also for
        the variants that were invalid before any planning.
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
            results[v.name] = VariantResult(
                v.name, None, v.error or "invalid request", error_ru=v.error_ru
            )
        else:
            runnable.append(v)

    def payload(v: Variant) -> dict[str, Any]:
        assert v.request is not None
        return {"name": v.name, "request": v.request.model_dump(mode="json"), "data": data_s}

    for r in results.values():
        if on_result is not None:
            on_result(r)

    requests = {v.name: v.request for v in items}

    def finish(r: VariantResult) -> None:
        if r.request is None:
            r.request = requests.get(r.name)
        results[r.name] = r
        if on_result is not None:
            on_result(r)

    def started(name: str) -> None:
        if on_start is not None:
            on_start(name)

    n_workers = workers if workers is not None else _default_workers(len(runnable))
    if n_workers < 1:
        raise ValueError("workers must be at least 1")
    if executor is None and (n_workers == 1 or len(runnable) <= 1):
        for v in runnable:
            started(v.name)
            try:
                out = task(payload(v))
            except Exception as err:  # a task that raises instead of reporting
                out = {"error": f"{type(err).__name__}: {err}"}
            finish(_from_payload(v.name, out))
    elif executor is not None:
        _run_on(executor, runnable, payload, finish, task, started)
    else:
        broken = _run_pool(n_workers, data_s, runnable, payload, finish, task, started)
        # a worker process died (e.g. killed for memory): every variant that was in the
        # broken pool gets a second chance, each in a pool of its own
        for v in broken:
            _run_pool(1, data_s, [v], payload, finish, task, started, isolated=True)
    return [results[v.name] for v in items]


def _run_on(
    executor: cf.Executor,
    runnable: Sequence[Variant],
    payload: Callable[[Variant], dict[str, Any]],
    finish: Callable[[VariantResult], None],
    task: Callable[[Mapping[str, Any]], dict[str, Any]],
    started: Callable[[str], None],
) -> list[Variant]:
    """Submit every variant to ``executor``; return those lost to a broken process pool."""
    futures: dict[cf.Future[Any], Variant] = {}
    broken: list[Variant] = []
    for v in runnable:
        try:
            futures[executor.submit(task, payload(v))] = v
            started(v.name)
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
    started: Callable[[str], None],
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
            broken = _run_on(pool, runnable, payload, finish, task, started)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    if isolated:
        for v in broken:
            finish(VariantResult(v.name, None, "the worker process died while planning it"))
        return []
    return broken
