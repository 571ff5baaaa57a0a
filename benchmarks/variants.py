"""Named search variants measured with ``solver_bench.py --variant NAME`` (see RESULTS.md).

Each maps to keyword arguments of :func:`routeplanner.solve.solve`; ``ils_options`` are
options of the compiled search (:meth:`routeplanner._ils.CompiledILS.run`).

Only variants the current code can run are listed. The OR-Tools screen and ILS steps 1-5 of
RESULTS.md used options that have left the product (the Python search, an OR-Tools phase before
the search, ``use_polish``, ``cluster``): reproduce them from commit 500e10d
(``git worktree add /tmp/rp500 500e10d`` and that commit's ``benchmarks/variants.py``).
"""

from __future__ import annotations


def _compiled(**opts) -> dict:
    """The compiled search with ``opts`` changed."""
    return {"ils_options": opts}


VARIANTS: dict[str, dict] = {
    # the current defaults at equal wall time with the peers
    "default": {},
    # the planner's own stop: the deterministic work budget of the limit
    "work": {"wall_clock": False},
    # step 8: without the exchange local search (the search of step 7), and after a quarter
    "noreplace": _compiled(replace=0.0),
    "replace025": _compiled(replace=0.25),
    "step6_compiled_1start": _compiled(starts=1),
    # the work budget without this session's moves between days (the engine of fit2_work),
    # and without the day swap only (RESULTS.md, "Relocation and day swap")
    "work_nomoves": {"wall_clock": False, **_compiled(relocate=0.0, swap=0.0)},
    "work_noswap": {"wall_clock": False, **_compiled(swap=0.0)},
    # the exchange on a half / a quarter of the trials (RESULTS.md, "Exchange memo")
    "work_replace050": {"wall_clock": False, **_compiled(replace=0.5)},
    "work_replace025": {"wall_clock": False, **_compiled(replace=0.25)},
}
