"""Golden itineraries: every shipped scenario planned and every shipped tour embedded under a
work limit, written as normalised JSON beside this file.

``tests/test_golden.py`` plans the same cases and compares them with these files, so that a
restructuring which should change no behaviour is shown to change none. When a change is meant
to change plans (e.g. a new search), regenerate them deliberately and review the diff::

    PYTHONPATH=src python tests/golden/regen.py            # every case
    PYTHONPATH=src python tests/golden/regen.py bratsk_5day   # one case (file stem)

Determinism: every search stops on its work budget (``solver.time_limit_s`` turned into work,
see :mod:`routeplanner.solve`), never on the clock; each case also caps its iterations
(``solver.max_solutions``) and fixes the seed, so the same code gives the same files on any
machine and load. The itinerary holds nothing that depends on the clock.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SCENARIOS = ROOT / "data" / "scenarios"
TOURS = ROOT / "data" / "tours"

#: 100 x this many iterations at most (a small, quick search).
MAX_SOLUTIONS = 3
#: The work budget (half of it at most for the lodging search of ``overnight: choose``).
TIME_LIMIT_S = 0.5
#: Work per lodging-sequence probe, seconds.
LODGING_PROBE_S = 0.02
SEED = 1

#: Solver fields that depend on the clock.
_CLOCK_KEYS = ("runtime_s", "first_solution_s", "history", "interrupted")


def _solver(settings: Any) -> Any:
    return settings.model_copy(
        update={
            "time_limit_s": TIME_LIMIT_S,
            "max_solutions": MAX_SOLUTIONS,
            "seed": SEED,
            "lodging_search_s": LODGING_PROBE_S,
        }
    )


def tour_files() -> list[Path]:
    """Every tour: each CSV, and each YAML that is not the keys file of a CSV."""
    files = sorted(p for p in TOURS.iterdir() if p.suffix in (".csv", ".yaml", ".yml"))
    csv_stems = {p.stem for p in files if p.suffix == ".csv"}
    return [p for p in files if p.suffix == ".csv" or p.stem not in csv_stems]


def cases() -> dict[str, Callable[[Any, Any], dict[str, Any]]]:
    """Case name (``plan-<stem>`` / ``embed-<file name>``) to a function of (catalog, network)
    returning the normalised itinerary dict."""
    out: dict[str, Callable[[Any, Any], dict[str, Any]]] = {}
    for path in sorted(SCENARIOS.glob("*.yaml")):
        out[f"plan-{path.stem}"] = lambda c, n, p=path: plan_case(p, c, n)
    for path in tour_files():
        out[f"embed-{path.name.replace('.', '_')}"] = lambda c, n, p=path: embed_case(p, c, n)
    return out


def normalise(itinerary: Any) -> dict[str, Any]:
    """The itinerary's dict without what depends on the clock."""
    data = itinerary.to_dict()
    data["solver"] = {k: v for k, v in data["solver"].items() if k not in _CLOCK_KEYS}
    data["scenario"]["solver"] = {}
    return data


def plan_case(path: Path, catalog: Any, network: Any) -> dict[str, Any]:
    """Plan the scenario at ``path`` under the work limit."""
    from routeplanner.planner import plan
    from routeplanner.scenario import load_scenario

    request = load_scenario(path)
    request = request.model_copy(update={"solver": _solver(request.solver)})
    return normalise(plan(request, catalog, network))


def embed_case(path: Path, catalog: Any, network: Any) -> dict[str, Any]:
    """Embed the default candidates into the tour at ``path`` under the work limit; the
    insertion report is stored beside the itinerary (key ``insertion_report``)."""
    import dataclasses

    from routeplanner.embed import embed, insertion_report, load_tour

    tour = load_tour(path, catalog, network)
    request = tour.request.model_copy(update={"solver": _solver(tour.request.solver)})
    tour = dataclasses.replace(tour, request=request)
    data = normalise(embed(tour, catalog, network))
    report = insertion_report(tour, catalog, network)
    data["insertion_report"] = json.loads(report.to_json(orient="records", force_ascii=False))
    return data


def dumps(data: dict[str, Any]) -> str:
    """The stored form of a golden file."""
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def golden_path(name: str) -> Path:
    """Where the golden file of case ``name`` lives."""
    return HERE / f"{name}.json"


def main(argv: list[str]) -> int:
    from routeplanner.catalog import load_catalog
    from routeplanner.network import load_network

    catalog = load_catalog(ROOT / "data")
    network = load_network(ROOT / "data", catalog)
    wanted = set(argv)
    for name, run in cases().items():
        if wanted and not any(w in name for w in wanted):
            continue
        golden_path(name).write_text(dumps(run(catalog, network)), encoding="utf-8")
        print(f"wrote {golden_path(name).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
