"""Running the independent solves on Dask: a LocalCluster gives the tables of a local run."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from builders import CROWDED_SEASON, season_file
from routeplanner import executors
from routeplanner.catalog import Catalog
from routeplanner.compare import compare, run_variants, variants_from_dict
from routeplanner.network import Network
from routeplanner.season import load_season
from routeplanner.season_plan import plan_season

pytestmark = pytest.mark.usefixtures("warm_kernels")

#: A one-day city tour by car under a work limit (the time limit is a wide safety net).
BASE: dict[str, Any] = {
    "name": "city",
    "start_date": dt.date(2027, 6, 15),
    "days": 1,
    "start": "lodging_irkutsk_irkut",
    "candidates": ["irkutsk_hpp", "icebreaker_angara", "volkonsky_house", "kolchak_monument"],
    "group_size": 4,
    "youngest_age": 30,
    "profile": "car",
    "booked_on": dt.date(2027, 5, 1),
    "solver": {"time_limit_s": 30, "max_solutions": 5, "seed": 1},
}
SPEC = {
    "name": "dask",
    "base": BASE,
    "variants": {"coach": {"profile": "coach", "group_size": 10}, "bad": {"must_visit": ["x"]}},
    "sweeps": [{"field": "start_date", "values": [dt.date(2027, 6, 16), dt.date(2027, 6, 21)]}],
}


def _kpis(results: Any) -> pd.DataFrame:
    return compare(results).kpis.drop(columns=["runtime_s"])


def test_dask_executor_needs_one_target() -> None:
    with pytest.raises(ValueError, match="either"), executors.dask_executor():
        pass
    with pytest.raises(ValueError, match="at least one"), executors.dask_executor(local_workers=0):
        pass


def test_missing_dask_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(executors, "dask_available", lambda: False)
    with (
        pytest.raises(executors.DaskExtraMissingError, match=r"routeplanner\[dask\]"),
        executors.dask_executor(local_workers=2),
    ):
        pass


def test_default_workers() -> None:
    assert executors.default_workers(1) == 1
    assert executors.default_workers(1000) >= 1


@pytest.mark.slow
def test_local_cluster_gives_the_local_tables(
    tmp_path: Path, catalog: Catalog, network: Network
) -> None:
    pytest.importorskip("distributed")
    variants = variants_from_dict(SPEC, source="dask.yaml")
    local = run_variants(variants, workers=1)
    season = load_season(season_file(tmp_path, CROWDED_SEASON), catalog)
    here = plan_season(season, catalog, network)
    with executors.dask_executor(local_workers=2, processes=False) as ex:
        remote = run_variants(variants, executor=ex)
        there = plan_season(season, catalog, network, executor=ex)
    pd.testing.assert_frame_equal(_kpis(local), _kpis(remote))
    assert [r.error for r in local] == [r.error for r in remote]
    assert there.total == here.total and there.bound == here.bound
    for dep in season.departures:
        a, b = here.plans[dep.id], there.plans[dep.id]
        assert a is not None and b is not None
        assert [(s.site_id, s.start) for s in a.stops] == [(s.site_id, s.start) for s in b.stops]
