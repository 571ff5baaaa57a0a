"""Bad input everywhere gets a clear error (never a traceback), outputs are never half-written
or silently overwritten, and an interrupted search keeps its best plan."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from routeplanner.catalog import load_catalog
from routeplanner.cli import app
from routeplanner.exceptions import CatalogError, ItineraryError, ScenarioError
from routeplanner.result import Itinerary
from routeplanner.scenario import load_yaml, request_from_dict

pytestmark = pytest.mark.usefixtures("warm_kernels")

ROOT = Path(__file__).resolve().parents[1]
GOOD = {"start_date": "2027-06-15", "days": 2, "start": "lodging_irkutsk_irkut"}


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_hours_that_close_before_they_open(data_copy: Path) -> None:
    path = data_copy / "sites.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[0]["opening_hours"] = "Mo-Fr 17:00-10:00"
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    with pytest.raises(CatalogError, match="row 2, field 'opening_hours': '17:00-10:00' closes"):
        load_catalog(data_copy)


def test_output_folder_is_not_silently_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "o"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    code, text = _cli(
        "plan", "data/scenarios/irkutsk_city_1day.yaml", "--out", str(out), "--time-limit", "1"
    )
    assert code == 2 and "--force" in text
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]
    code, text = _cli(
        "plan",
        "data/scenarios/irkutsk_city_1day.yaml",
        "--out",
        str(out),
        "--time-limit",
        "1",
        "--force",
    )
    assert code == 0, text
    assert (out / "itinerary.json").exists() and (out / "keep.txt").exists()


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_keeps_the_best_plan(tmp_path: Path) -> None:
    out = tmp_path / "o"
    exe = Path(sys.executable).with_name("routeplanner")
    proc = subprocess.Popen(
        [
            str(exe),
            "plan",
            "data/scenarios/industrial_3day.yaml",
            "--out",
            str(out),
            "--time-limit",
            "120",
            "--lang",
            "en",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )
    try:
        # wait until the CLI says the search runs (its Ctrl-C handler is then installed)
        assert proc.stderr is not None
        line = proc.stderr.readline()
        while line and "planning" not in line:
            line = proc.stderr.readline()
        time.sleep(3)
        proc.send_signal(signal.SIGINT)
        _stdout, rest = proc.communicate(timeout=120)
        stderr = line + rest
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, stderr
    assert "interrupted" in stderr
    data = json.loads((out / "itinerary.json").read_text(encoding="utf-8"))
    assert data["feasible"] and data["solver"]["interrupted"] is True
    assert "Traceback" not in stderr


# ----------------------------------------------------------------------------- fuzzing

_cells = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "",
            "nan",
            "inf",
            "-1",
            "1e999",
            "10:00",
            "Mo-Fr 10:00-17:00",
            "true",
            "energy",
            "52.3",
            "104.3",
            "0",
            "99999999999",
            "\x00",
            "Mo-Fr 17:00-10:00",
            "24/7",
        ]
    ),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    field=st.sampled_from(
        [
            "lat",
            "lon",
            "category",
            "visit_min",
            "opening_hours",
            "public_holidays",
            "booking_days",
            "max_group",
            "min_age",
            "slots",
            "price_rub",
            "base_score",
            "id",
            "id_required",
        ]
    ),
    value=_cells,
    row=st.integers(0, 5),
)
def test_fuzz_catalog_cells(data_copy: Path, field: str, value: str, row: int) -> None:
    """A random cell either loads or is rejected with CatalogError naming file, row, field."""
    path = data_copy / "sites.csv"
    original = path.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(original)))
    rows[row][field] = value
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    try:
        load_catalog(data_copy)
    except CatalogError as err:
        # the site file, or a file whose rows point at a site that no longer loads
        referring = ("sites.csv", "checklist.csv", "stories.csv", "events.csv")
        assert all(i.file.endswith(referring) for i in err.issues)
    finally:
        path.write_text(original, encoding="utf-8")


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "scenario",
                    "feasible",
                    "days",
                    "stops",
                    "legs",
                    "date",
                    "dropped",
                    "start_date",
                    "start",
                    "arrive",
                    "site_id",
                    "x",
                ]
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=80, deadline=None)
@given(doc=_json)
def test_fuzz_itinerary_json(doc: object) -> None:
    with contextlib.suppress(ItineraryError):
        Itinerary.from_dict(doc, source="fuzz.json")


@settings(max_examples=80, deadline=None)
@given(
    doc=st.dictionaries(
        st.sampled_from(
            [
                "start_date",
                "days",
                "start",
                "end",
                "day_start",
                "group_size",
                "max_drive_h",
                "lunch",
                "modes",
                "quotas",
                "solver",
                "budget_rub",
                "overnight",
                "nights",
                "extra_places",
                "visit_minutes",
            ]
        ),
        _json,
        max_size=8,
    )
)
def test_fuzz_scenario_dict(doc: dict[str, object]) -> None:
    with contextlib.suppress(ScenarioError):
        request_from_dict({**GOOD, **doc})


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=200))
def test_fuzz_yaml_text(tmp_path: Path, text: str) -> None:
    p = tmp_path / "f.yaml"
    p.write_text(text, encoding="utf-8")
    with contextlib.suppress(ScenarioError):
        load_yaml(p)


def test_variant_names_cannot_escape_the_output_folder(tmp_path: Path) -> None:
    from routeplanner.compare import compare_file

    variants = tmp_path / "v.yaml"
    scenario = (ROOT / "data" / "scenarios" / "irkutsk_city_1day.yaml").resolve()
    variants.write_text(
        f"base:\n  file: {scenario}\n  solver: {{max_solutions: 2}}\n"
        'variants:\n  "../../escape": {profile: coach}\n  "/etc/x": {profile: car}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    with pytest.raises(ScenarioError, match="must not contain '/'") as info:
        compare_file(variants, out, workers=1)
    assert "variants.../../escape" in str(info.value) and "variants./etc/x" in str(info.value)
    assert not out.exists() and not (tmp_path / "escape").exists()
