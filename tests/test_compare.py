"""Comparing variants: overrides merged and validated, sweeps expanded, the KPI table equal to
the individual plans, failures kept apart, identical results with 1 and N workers, the files."""

from __future__ import annotations

import concurrent.futures as cf
import datetime as dt
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest

from builders import CITY
from routeplanner.catalog import Catalog
from routeplanner.check import check_itinerary
from routeplanner.compare import (
    COMPARISON_FILES,
    Variant,
    compare,
    compare_file,
    deep_merge,
    load_variants,
    pareto_front,
    run_variants,
    solve_variant,
    variants_from_dict,
    write_comparison,
)
from routeplanner.exceptions import ScenarioError
from routeplanner.network import Network
from routeplanner.planner import plan

pytestmark = pytest.mark.usefixtures("warm_kernels")

ROOT = Path(__file__).resolve().parents[1]
EVIL = "<img src=x onerror=alert(1)>"

#: A one-day city tour by car under a work limit (deterministic; the time limit is a wide
#: safety net that a loaded machine does not reach).
BASE: dict[str, Any] = {
    "name": "city",
    "start_date": dt.date(2027, 6, 15),
    "days": 1,
    "start": "lodging_irkutsk_irkut",
    "lodging": "lodging_irkutsk_irkut",
    "candidates": CITY,
    "group_size": 4,
    "youngest_age": 30,
    "profile": "car",
    "booked_on": dt.date(2027, 5, 1),
    "solver": {"time_limit_s": 30, "max_solutions": 5, "seed": 1},
}


def spec(**extra: Any) -> dict[str, Any]:
    return {
        "name": "test options",
        "base": BASE,
        "variants": {
            "coach": {"profile": "coach", "group_size": 10},
            "two_days": {"days": 2},
            "no_dam": {"exclude": ["irkutsk_hpp"]},
            EVIL: {"day_end": "17:00"},
            "unknown_site": {"must_visit": ["irkutsk_hp"]},  # fails inside the planner
        },
        "sweeps": [
            {
                "name": "start_{start_date:%a}",
                "field": "start_date",
                "values": [dt.date(2027, 6, 14)],
            }
        ],
        **extra,
    }


@pytest.fixture(scope="module")
def variants() -> Any:
    return variants_from_dict(spec(), source="test.yaml")


@pytest.fixture(scope="module")
def results(variants: Any) -> Any:
    return run_variants(variants, workers=1)


# --------------------------------------------------------------------------- the file


def test_deep_merge_keeps_sibling_keys() -> None:
    base = {"solver": {"time_limit_s": 5, "seed": 1}, "modes": ["ferry", "rail"], "x": 1}
    out = deep_merge(base, {"solver": {"time_limit_s": 3}, "modes": ["ferry"], "x": None})
    assert out == {"solver": {"time_limit_s": 3, "seed": 1}, "modes": ["ferry"], "x": None}
    assert base["solver"]["time_limit_s"] == 5  # the input is not changed


def test_overrides_apply_on_top_of_the_base(variants: Any) -> None:
    assert variants.names == [
        "base",
        "coach",
        "two_days",
        "no_dam",
        EVIL,
        "unknown_site",
        "start_Mon",
    ]
    base, coach = variants["base"].request, variants["coach"].request
    assert coach.profile == "coach" and coach.group_size == 10
    assert coach.candidates == base.candidates and coach.start_date == base.start_date
    assert variants["two_days"].request.days == 2
    assert variants["start_Mon"].request.start_date == dt.date(2027, 6, 14)
    assert variants["start_Mon"].origin == "sweep" and variants["base"].origin == "base"


def test_solver_override_is_merged_not_replaced() -> None:
    vs = variants_from_dict({"base": BASE, "variants": {"quick": {"solver": {"time_limit_s": 3}}}})
    solver = vs["quick"].request.solver
    assert solver.time_limit_s == 3 and solver.max_solutions == 5 and solver.seed == 1


def test_base_from_a_scenario_file_and_real_example() -> None:
    vs = load_variants(ROOT / "data" / "variants" / "industrial_options.yaml")
    assert vs.base.must_visit == ("irkutsk_hpp",)  # from ../scenarios/industrial_3day.yaml
    # the file's `solver: {time_limit_s: 1}` merged over the scenario's own settings (0.5 s, seed 1)
    assert vs.base.solver.time_limit_s == 1.0 and vs.base.solver.seed == 1
    assert {"base", "car_small_group", "four_days", "bratsk_night", "winter"} <= set(vs.names)
    days = sorted(v.request.start_date.weekday() for v in vs if v.origin == "sweep")
    assert days == list(range(7))  # every weekday of the week
    nature = vs["nature_weighted"].request.category_weights
    assert nature["nature"] == 3.0 and nature["industrial"] == 1.0


def test_sweeps_range_dates_and_on_a_variant() -> None:
    vs = variants_from_dict(
        {
            "base": BASE,
            "include_base": False,
            "variants": {"coach": {"profile": "coach"}},
            "sweeps": [
                {"field": "days", "range": [2, 4]},
                {
                    "field": "start_date",
                    "name": "d{value:%d}",
                    "dates": {"from": "2027-06-01", "to": "2027-06-30", "weekdays": ["sat", "Вс"]},
                },
                {
                    "field": "solver.seed",
                    "values": [7],
                    "on": "coach",
                    "overrides": {"group_size": 6},
                },
            ],
        }
    )
    assert vs.names[:4] == ["coach", "days=2", "days=3", "days=4"]
    weekend = [v for v in vs if v.name.startswith("d") and v.name[1:].isdigit()]
    assert [v.name for v in weekend] == ["d05", "d06", "d12", "d13", "d19", "d20", "d26", "d27"]
    seeded = vs["coach_7"].request
    assert seeded.profile == "coach" and seeded.solver.seed == 7 and seeded.group_size == 6
    assert seeded.solver.max_solutions == 5


def test_invalid_override_names_file_variant_and_key() -> None:
    bad = {
        "base": BASE,
        "variants": {"ok": {"days": 2}, "typo": {"profle": "car"}, "neg": {"days": 0}},
    }
    with pytest.raises(ScenarioError) as info:
        variants_from_dict(bad, source="opts.yaml")
    text = str(info.value)
    assert "opts.yaml" in text and "variants.typo.profle" in text and "unknown key" in text
    assert "variants.neg.days" in text
    # not strict: the invalid ones are kept as failures, the others are planned
    vs = variants_from_dict(bad, source="opts.yaml", strict=False)
    assert vs["ok"].request is not None and vs["typo"].request is None
    assert "variants.typo.profle" in (vs["typo"].error or "")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"sweeps": [{"field": "days", "range": [5, 2]}]}, "sweeps[0]"),
        ({"sweeps": [{"field": "days", "values": [2], "name": "coach"}]}, "used twice"),
        (
            {
                "sweeps": [
                    {
                        "field": "start_date",
                        "dates": {"from": "2027-06-01", "to": "2027-06-02", "weekdays": ["xyz"]},
                    }
                ]
            },
            "weekday",
        ),
        ({"sweeps": [{"field": "days", "values": [2], "on": "nope"}]}, "no variant named"),
        ({"variant": {}}, "unknown key"),
        ({"variants": {"a/b": {}}}, "must not contain"),
        ({"base": {**BASE, "days": "three"}}, "base.days"),
    ],
)
def test_structural_errors_are_reported(change: dict[str, Any], expected: str) -> None:
    data = {"base": BASE, "variants": {"coach": {"profile": "coach"}}} | change
    with pytest.raises(ScenarioError, match=None) as info:
        variants_from_dict(data, source="opts.yaml")
    assert expected in str(info.value) and "opts.yaml" in str(info.value)


def test_variants_file_refuses_duplicate_keys(tmp_path: Path) -> None:
    f = tmp_path / "v.yaml"
    f.write_text("base: {file: x.yaml}\nvariants:\n  a: {days: 2}\n  a: {days: 3}\n", "utf-8")
    with pytest.raises(ScenarioError, match="duplicated key 'a'"):
        load_variants(f)


# --------------------------------------------------------------------------- running


def test_kpi_table_equals_the_individual_plans(
    variants: Any, results: Any, catalog: Catalog, network: Network
) -> None:
    comp = compare(results, catalog)
    rows = comp.kpis.set_index("variant")
    for name in ("base", "coach", "two_days", "no_dam"):
        it = plan(variants[name].request, catalog, network)
        assert check_itinerary(it, catalog, network) == []
        k, row = it.kpis, rows.loc[name]
        assert bool(row["feasible"]) and row["status"] == "ok"
        for col in (
            "score",
            "sites",
            "industrial_share",
            "travel_h",
            "idle_h",
            "distance_km",
            "cost_per_person_rub",
            "tickets_rub",
            "lodging_rub",
        ):
            assert row[col] == k[col], (name, col)
        for cat, n in k["sites_by_category"].items():
            assert row[f"sites_{cat}"] == n
        assert row["nights"] == len(k["nights"]) and row["nights_away"] == 0
        assert row["drive_h_max_day"] == max(k["drive_h_per_day"])
        assert [s.site_id for s in comp.result(name).itinerary.stops] == [
            s.site_id for s in it.stops
        ]
    presence = comp.sites.set_index("site_id")
    assert presence.loc["irkutsk_hpp", "base"] and not presence.loc["irkutsk_hpp", "no_dam"]


def test_failing_variant_does_not_stop_the_others(results: Any) -> None:
    by = {r.name: r for r in results}
    bad = by["unknown_site"]
    assert bad.status == "error" and not bad.feasible and bad.itinerary is None
    assert "irkutsk_hp" in (bad.error or "") and "must_visit" in (bad.error or "")
    assert all(by[n].feasible for n in ("base", "coach", "two_days", "no_dam", "start_Mon"))
    comp = compare(results)
    row = comp.kpis.set_index("variant").loc["unknown_site"]
    assert not row["feasible"] and math.isnan(row["score"]) and "irkutsk_hp" in row["problem"]
    assert row["days"] == 1 and row["profile"] == "car"  # from the variant's request


def flaky_task(payload: Mapping[str, Any]) -> dict[str, Any]:
    """A task that raises for one variant (module-level, so a process pool could run it)."""
    if payload["name"] == "coach":
        raise RuntimeError("worker exploded")
    return solve_variant(payload)


class OneBrokenExecutor(cf.Executor):
    """Runs tasks inline, but the future of 'two_days' fails as if its worker had died."""

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> cf.Future[Any]:
        fut: cf.Future[Any] = cf.Future()
        if args[0]["name"] == "two_days":
            fut.set_exception(OSError("connection to the worker lost"))
        else:
            fut.set_result(fn(*args, **kwargs))
        return fut


def test_exceptions_in_a_task_or_an_executor_are_kept_per_variant(variants: Any) -> None:
    chosen = [variants[n] for n in ("base", "coach", "two_days")]
    out = run_variants(chosen, workers=1, task=flaky_task)
    assert [r.status for r in out] == ["ok", "error", "ok"]
    assert out[1].error == "RuntimeError: worker exploded"
    seen: list[str] = []
    out = run_variants(
        chosen,
        executor=OneBrokenExecutor(),
        on_result=lambda r: seen.append(r.name),
    )
    assert [r.status for r in out] == ["ok", "ok", "error"]
    assert "connection to the worker lost" in (out[2].error or "")
    assert sorted(seen) == ["base", "coach", "two_days"]


def test_invalid_variant_kept_as_a_failed_row() -> None:
    vs = variants_from_dict(
        {"base": BASE, "variants": {"typo": {"profle": "car"}}}, source="o.yaml", strict=False
    )
    out = run_variants(vs, workers=1)
    assert [r.status for r in out] == ["ok", "error"]
    assert "variants.typo.profle" in (out[1].error or "")


def _comparable(comp: Any) -> pd.DataFrame:
    return comp.kpis.drop(columns=["runtime_s"])


@pytest.mark.slow
def test_same_results_with_one_and_two_workers(variants: Any, results: Any) -> None:
    chosen = [variants[n] for n in ("base", "coach", "unknown_site", "start_Mon")]
    one = [r for r in results if r.name in {v.name for v in chosen}]
    two = run_variants(chosen, workers=2)  # a process pool
    assert [r.name for r in two] == [v.name for v in chosen]
    pd.testing.assert_frame_equal(_comparable(compare(one)), _comparable(compare(two)))
    for a, b in zip(one, two, strict=True):
        if a.itinerary is None:
            assert b.itinerary is None and a.error == b.error
            continue
        assert b.itinerary is not None
        da, db = a.itinerary.to_dict(), b.itinerary.to_dict()
        da.pop("solver"), db.pop("solver")
        assert da == db


def test_pareto_front() -> None:
    pts = {
        "a": (5.0, 10.0),
        "b": (6.0, 12.0),
        "c": (6.0, 11.0),
        "d": (4.0, 9.0),
        "e": (7.0, 12.0),
        "f": (4.0, 9.0),
    }
    assert pareto_front(pts) == ["d", "f", "a", "b"]


# --------------------------------------------------------------------------- the files


def test_write_comparison(tmp_path: Path, results: Any, catalog: Catalog) -> None:
    comp = compare(results, catalog, lang="en", title="<b>options</b>")
    written = write_comparison(comp, tmp_path, catalog=catalog, lang="en", source="test.yaml")
    assert [p.name for p in written[:4]] == list(COMPARISON_FILES)
    csv = pd.read_csv(tmp_path / "kpis.csv")
    assert list(csv["variant"]) == list(comp.kpis["variant"])
    assert csv.loc[0, "score"] == comp.kpis.loc[0, "score"]
    wb = openpyxl.load_workbook(tmp_path / "kpis.xlsx")
    assert wb.sheetnames == ["key figures", "days", "sites", "only here"]  # headed for people
    assert wb["key figures"].max_row == len(comp.kpis) + 1
    assert [c.value for c in wb["key figures"][1]][:2] == ["Variant", "Status"]
    page = (tmp_path / "comparison.html").read_text("utf-8")
    assert EVIL not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<b>options</b>" not in page
    assert page.count("<svg") == 2 and 'class="pt on"' in page and "<iframe" in page
    assert "Time budget per day" in page and "irkutsk_hp" in page
    plans = tmp_path / "plans"
    assert (plans / "base" / "itinerary.json").is_file()
    assert (plans / "unknown_site" / "error.txt").read_text("utf-8").strip()
    evil_dir = [p for p in plans.iterdir() if p.name.startswith("img")]
    assert len(evil_dir) == 1 and (evil_dir[0] / "programme.html").is_file()
    mp = (tmp_path / "comparison_map.html").read_text("utf-8")
    assert EVIL not in mp and "coach" in mp


def test_compare_file_end_to_end(tmp_path: Path) -> None:
    f = tmp_path / "v.yaml"
    f.write_text(
        "name: quick\n"
        f"base: {{file: {ROOT / 'data' / 'scenarios' / 'irkutsk_city_1day.yaml'}, "
        "solver: {time_limit_s: 30, max_solutions: 3}}\n"
        "variants:\n  coach: {profile: coach}\n",
        "utf-8",
    )
    comp = compare_file(f, tmp_path / "out", workers=1, plans=False)
    assert list(comp.kpis["variant"]) == ["base", "coach"] and comp.kpis["feasible"].all()
    assert {p.name for p in (tmp_path / "out").iterdir()} == set(COMPARISON_FILES)


def test_variant_is_a_plain_value() -> None:
    v = Variant("x", None, error="bad")
    assert v.request is None and v.origin == "variant"
