"""Golden plans: every shipped scenario and tour gives, under a work limit, the itinerary stored
in ``tests/golden/`` (regenerate deliberately with ``python tests/golden/regen.py``)."""

from __future__ import annotations

import difflib

import pytest

from golden import regen
from routeplanner.catalog import Catalog
from routeplanner.network import Network

CASES = regen.cases()


def test_every_shipped_scenario_and_tour_has_a_case() -> None:
    scenarios = {f"plan-{p.stem}" for p in regen.SCENARIOS.glob("*.yaml")}
    assert scenarios and scenarios <= set(CASES)
    assert len([c for c in CASES if c.startswith("embed-")]) == len(regen.tour_files()) >= 4


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CASES))
def test_plan_matches_its_golden_file(
    name: str, catalog: Catalog, network: Network, warm_kernels: None
) -> None:
    path = regen.golden_path(name)
    assert path.is_file(), f"no golden file for {name}: run python tests/golden/regen.py {name}"
    got = regen.dumps(CASES[name](catalog, network))
    want = path.read_text(encoding="utf-8")
    if got != want:
        diff = "".join(
            list(
                difflib.unified_diff(
                    want.splitlines(True), got.splitlines(True), "golden", "now", n=2
                )
            )[:80]
        )
        pytest.fail(
            f"{name} differs from {path.name} (if the change is intended, regenerate with "
            f"python tests/golden/regen.py {name} and review the diff):\n{diff}"
        )
