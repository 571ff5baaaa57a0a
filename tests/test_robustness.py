"""Bad input everywhere gets a clear error (never a traceback), outputs are never half-written
or silently overwritten, and an interrupted search keeps its best plan."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


#: Commands with --lang: the tests here read their messages in English (``test_cli`` checks
#: that every message of a Russian run is Russian).
_LANG_COMMANDS = {
    *("sites", "travel", "plan", "check", "map", "compare", "season", "check-season"),
    *("embed", "assess", "events", "demo"),
}


def _english(args: tuple[str, ...]) -> list[str]:
    return [*args, "--lang", "en"] if args and args[0] in _LANG_COMMANDS else list(args)


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, _english(args))
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
        referring = ("sites.csv", "checklist.csv", "stories.csv", "events.csv", "capacity.csv")
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


# ---------------------------------------------------------------------- hostile inputs (issue 18)

#: Every exit code the README documents.
DOCUMENTED = {0, 1, 2, 3, 4, 5, 6, 73, 75, 130}
CITY_1DAY = ROOT / "data" / "scenarios" / "irkutsk_city_1day.yaml"
GOLDEN_PLAN = ROOT / "tests" / "golden" / "plan-irkutsk_city_1day.json"


def _run(*args: str) -> tuple[int, str]:
    """The CLI in this process: exit code and output; never a traceback, never exit 70."""
    result = CliRunner().invoke(app, _english(args))
    out = result.output
    assert "Traceback" not in out, out
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        repr(result.exception),
        out,
    )
    assert result.exit_code in DOCUMENTED, (result.exit_code, out)
    return result.exit_code, out


def _scenario(tmp_path: Path, text: str, name: str = "s.yaml") -> str:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return str(p)


@pytest.mark.parametrize(
    ("text", "code", "expect"),
    [
        ("start_date: 2027-02-30\ndays: 1\nstart: x\n", 3, "a real calendar day"),
        ("start_date: 2027-13-45\ndays: 1\nstart: x\n", 3, "YYYY-MM-DD"),
        ("? [a, b]\n: 1\n", 3, "a key must be a plain value"),
        ("a: " + "[" * 3000 + "]" * 3000 + "\n", 3, "nested too deeply"),
        (
            "start_date: 2027-06-15\ndays: 1\nstart: lodging_irkutsk_irkut\n"
            "must_visit: [irkutsk_hp]\n",
            4,
            "'irkutsk_hp' is not a site id (closest: irkutsk_hpp",
        ),
        (
            "start_date: 2027-06-15\ndays: 1\nstart: hotel_nowhere\n",
            4,
            "'hotel_nowhere' is not a lodging or hub id",
        ),
        (
            "start_date: 2027-06-15\ndays: 1\nstart: lodging_irkutsk_irkut\n"
            "solver: {first_solution: FASTEST}\n",
            3,
            "'FASTEST' is not an OR-Tools strategy",
        ),
        (
            "start_date: 2027-06-15\ndays: 1\nstart: lodging_irkutsk_irkut\nmust_visit: ["
            + "y" * 50_000
            + "]\n",
            4,
            "(50 000 characters)",
        ),
    ],
    ids=[
        "feb-30",
        "month-13",
        "list-key",
        "deep",
        "unknown-site",
        "unknown-start",
        "strategy",
        "long-key",
    ],
)
def test_hostile_scenarios(tmp_path: Path, text: str, code: int, expect: str) -> None:
    got, out = _run("plan", _scenario(tmp_path, text), "--out", str(tmp_path / "o"))
    assert got == code and expect in out, out
    assert len(out) < 3000  # long input is cut in messages
    assert not (tmp_path / "o").exists()  # the folder this run made is gone again


@pytest.mark.parametrize(
    ("args", "expect"),
    [
        (["--time-limit", "-1"], "--time-limit"),
        (["--time-limit", "nan"], "--time-limit"),
        (["--time-limit", "1e308"], "--time-limit"),
        (["--seed", "-1"], "--seed"),
    ],
)
def test_bad_numbers_on_the_command_line(tmp_path: Path, args: list[str], expect: str) -> None:
    code, out = _run("plan", str(CITY_1DAY), "--out", str(tmp_path / "o"), *args)
    assert code == 2 and expect in out


def test_an_input_that_never_ends_is_not_read_whole(tmp_path: Path) -> None:
    code, out = _run("plan", "/dev/zero", "--out", str(tmp_path / "o"))
    assert code == 3 and "larger than 1 MiB" in out
    code, out = _run("check", "/dev/zero")
    assert code == 3 and "larger than" in out


def test_a_long_tour_written_with_anchors_loads(tmp_path: Path) -> None:
    import yaml

    day = {"stops": [{"site": "taltsy_museum"}], "lodging": "lodging_irkutsk_irkut"}
    days = [dict(day, stops=[]) for _ in range(20)]  # the same mapping: safe_dump anchors it
    shared = {"lodging": "lodging_irkutsk_irkut", "stops": []}
    tour = {
        "start_date": "2027-07-01",
        "start": "lodging_irkutsk_irkut",
        "days": [shared] * 20 + [{"stops": []}],
    }
    text = yaml.safe_dump(tour)
    assert "&id001" in text and "*id001" in text
    data = load_yaml(_scenario(tmp_path, text, "t.yaml"))
    assert len(data["days"]) == 21 and days


def test_a_yaml_bomb_is_refused_by_its_expansion(tmp_path: Path) -> None:
    text = "a: &a [1,1,1,1,1,1,1,1,1]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    with pytest.raises(ScenarioError, match="once its aliases"):
        load_yaml(_scenario(tmp_path, text))


def _plan_json(tmp_path: Path, change: Any) -> str:
    doc = json.loads(GOLDEN_PLAN.read_text(encoding="utf-8"))
    change(doc)
    p = tmp_path / "it.json"
    p.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return str(p)


def _set(path: list[Any], value: Any) -> Any:
    def change(doc: Any) -> None:
        for k in path[:-1]:
            doc = doc[k]
        doc[path[-1]] = value

    return change


@pytest.mark.parametrize(
    ("path", "value", "code", "expect"),
    [
        (["days", 0, "stops", 0, "lat"], float("nan"), 3, "finite number"),
        (["days", 0, "stops", 0, "lat"], "north", 3, "days[0].stops[0].lat"),
        (["days", 0, "legs", 0, "distance_km"], -5.0, 1, "is negative"),
        (["days", 0, "legs", 0, "price_rub"], -100, 1, "is negative"),
        (["days", 0, "legs", 0, "drive_min"], -7, 1, "is negative"),
        (["days", 0, "stops", 0, "lon"], 100.0, 1, "[position]"),
        (["days", 0, "date"], "2027-02-30", 3, "not a date"),
        (["days", 0, "stops"], {"a": 1}, 3, "must be a JSON list"),
        (["feasible"], "yes", 3, "true or false"),
    ],
)
def test_check_reads_everything(
    tmp_path: Path, path: list[Any], value: Any, code: int, expect: str
) -> None:
    got, out = _run("check", _plan_json(tmp_path, _set(path, value)))
    assert got == code and expect in out, out


def test_map_of_nan_coordinates_is_refused(tmp_path: Path) -> None:
    f = _plan_json(tmp_path, _set(["days", 0, "stops", 0, "lon"], float("nan")))
    code, out = _run("map", f, "--out", str(tmp_path / "m.html"))
    assert code == 3 and "finite number" in out
    assert not (tmp_path / "m.html").exists()


def test_check_of_an_infeasible_plan_exits_5(tmp_path: Path) -> None:
    def infeasible(doc: dict[str, Any]) -> None:
        doc.update(feasible=False, days=[], problems=["the nights alone cost too much"])

    code, out = _run("check", _plan_json(tmp_path, infeasible))
    assert code == 5 and "the nights alone cost too much" in out


def test_deep_json_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "deep.json"
    p.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    code, out = _run("check", str(p))
    assert code == 3 and "nested too deeply" in out


def test_a_huge_csv_cell_is_named_by_row_without_cascades(data_copy: Path) -> None:
    path = data_copy / "sites.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[5] = lines[5].replace(",", "," + "x" * 200_000, 1)
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        load_catalog(data_copy)
    text = str(info.value)
    assert "sites.csv, row 6" in text and "longer than 131,072 characters" in text
    assert len(info.value.issues) == 1  # no "no site with id" for the rows never read


def test_warnings_for_parts_of_a_request_without_effect(tmp_path: Path) -> None:
    text = (
        "start_date: 2027-06-15\ndays: 1\nstart: lodging_irkutsk_irkut\n"
        "candidates: [irkutsk_hpp]\nsolver: {time_limit_s: 1, max_solutions: 2}\n"
        "lunch: {earliest: '21:00', latest: '22:00', duration_min: 30}\n"
    )
    code, out = _run("plan", _scenario(tmp_path, text), "--out", str(tmp_path / "o"))
    assert code == 0 and "warning: lunch: the lunch window 21:00–22:00" in out


def test_unknown_lodging_town_is_a_warning(catalog: Any, network: Any) -> None:
    from routeplanner.planner import plan

    req = request_from_dict(
        {
            **GOOD,
            "overnight": "choose",
            "lodging_towns": ["Атлантида"],
            "candidates": ["irkutsk_hpp"],
            "solver": {"time_limit_s": 1, "max_solutions": 2},
        }
    )
    with pytest.warns(UserWarning, match="no lodging in 'Атлантида'"):
        plan(req, catalog, network)


def test_embed_unknown_candidate_exits_4_and_bad_time_limit_2(tmp_path: Path) -> None:
    tour = ROOT / "data" / "tours" / "circum_baikal_day.csv"
    code, out = _run("embed", str(tour), "--out", str(tmp_path / "o"), "--candidates", "no_such")
    assert code == 4 and "'no_such' is not a site id" in out
    code, out = _run("embed", str(tour), "--out", str(tmp_path / "o"), "--time-limit", "-1")
    assert code == 2


def test_a_second_run_into_a_busy_folder_is_refused(tmp_path: Path) -> None:
    from routeplanner._io import locked_folder

    out = tmp_path / "o"
    with locked_folder(out):
        code, text = _run("plan", str(CITY_1DAY), "--out", str(out), "--time-limit", "1")
    assert code == 75 and "another routeplanner run is writing into" in text
    assert list(out.iterdir()) == []  # the lock went with its holder


def test_a_killed_run_leaves_nothing_that_blocks_the_next(tmp_path: Path) -> None:
    out = tmp_path / "o"
    stale = out / ".routeplanner-999999999-abc"  # no such process
    (stale / "new").mkdir(parents=True)
    (stale / "new" / "map.html").write_text("half", encoding="utf-8")
    code, text = _run("plan", str(CITY_1DAY), "--out", str(out), "--time-limit", "1")
    assert code == 0, text
    assert not stale.exists() and (out / "map.html").is_file()


@pytest.mark.parametrize("command", ["plan", "embed", "compare"])
def test_a_full_disk_leaves_no_partial_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    from routeplanner import _io

    calls = {"n": 0}
    real = _io._write

    def full_after_three(path: Path, data: bytes) -> None:
        calls["n"] += 1
        if calls["n"] > 3:
            raise OSError(28, "No space left on device", str(path))
        real(path, data)

    monkeypatch.setattr(_io, "_write", full_after_three)
    out = tmp_path / "o"
    args = {
        "plan": ["plan", str(CITY_1DAY), "--time-limit", "1"],
        "embed": [
            "embed",
            str(ROOT / "data" / "tours" / "circum_baikal_day.csv"),
            "--time-limit",
            "1",
        ],
        "compare": ["compare", _variants(tmp_path), "--workers", "1"],
    }[command]
    code, text = _run(*args, "--out", str(out))
    assert code == 73 and "No space left on device" in text and "nothing was written" in text
    assert not out.exists() or list(out.iterdir()) == []


def _variants(tmp_path: Path) -> str:
    p = tmp_path / "v.yaml"
    p.write_text(
        f"base:\n  file: {CITY_1DAY}\n  solver: {{time_limit_s: 1, max_solutions: 2}}\n"
        "variants:\n  car: {profile: car}\n",
        encoding="utf-8",
    )
    return str(p)


@pytest.fixture()
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 256 KiB tmpfs (root only; skipped where mounting is not allowed)."""
    mnt = tmp_path / "disk"
    mnt.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mnt)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace')}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_a_real_full_disk(tiny_disk: Path) -> None:
    (tiny_disk / "ballast").write_bytes(b"\0" * 200_000)
    out = tiny_disk / "plan"
    code, text = _run("plan", str(CITY_1DAY), "--out", str(out), "--time-limit", "1")
    assert code == 73 and "No space left on device" in text
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["ballast"]


def test_a_read_only_folder(tiny_disk: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(tiny_disk)], check=True)
    code, text = _run("plan", str(CITY_1DAY), "--out", str(tiny_disk / "plan"), "--time-limit", "1")
    assert code == 73 and "Read-only file system" in text
    code, text = _run("map", str(GOLDEN_PLAN), "--out", str(tiny_disk / "map.html"))
    assert code == 73


def test_a_folder_where_the_map_file_should_go(tmp_path: Path) -> None:
    (tmp_path / "map.html").mkdir()
    code, text = _run("map", str(GOLDEN_PLAN), "--out", str(tmp_path / "map.html"))
    assert code == 73 and "nothing was written" in text


def test_an_unexpected_error_names_a_log_and_exits_70(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import routeplanner.planner as planner_mod

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise ZeroDivisionError("deliberately broken for the test")

    monkeypatch.setattr(planner_mod, "plan", broken)
    result = CliRunner().invoke(
        app, ["plan", str(CITY_1DAY), "--out", str(tmp_path / "o"), "--lang", "en"]
    )
    assert result.exit_code == 70 and "Traceback" not in result.output
    log = Path(result.output.split("the traceback is in ")[1].split(";")[0].strip())
    assert "ZeroDivisionError" in log.read_text(encoding="utf-8")
    log.unlink()


# --------------------------------------------------------------------------- the whole CLI, fuzzed

_ODD = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["2027-02-30", "9999-12-31", "-1", "=HYPERLINK(1)", "", "lodging_x", "nan"]),
    st.lists(st.text(max_size=8), max_size=3),
    st.dictionaries(st.text(max_size=6), st.integers(), max_size=2),
)

_SCENARIO_KEYS = [
    "start_date",
    "days",
    "start",
    "end",
    "overnight",
    "lodging",
    "nights",
    "lodging_towns",
    "day_start",
    "day_end",
    "lunch",
    "must_visit",
    "exclude",
    "candidates",
    "group_size",
    "modes",
    "budget_rub",
    "quotas",
    "solver",
    "extra_places",
]


def _mutated(base: dict[str, Any], keys: list[str], draw: Any) -> dict[str, Any]:
    doc = dict(base)
    for key in draw(st.lists(st.sampled_from(keys), max_size=3, unique=True)):
        if draw(st.booleans()):
            doc.pop(key, None)
        else:
            doc[key] = draw(_ODD)
    return doc


@st.composite
def _cli_case(draw: Any, tmp: Path) -> list[str]:
    """A command line of one of the commands, with generated input files."""
    import yaml

    command = draw(st.sampled_from(["plan", "check", "map", "embed", "compare", "travel", "sites"]))
    out = str(tmp / f"out{draw(st.integers(0, 10**9))}")
    f = tmp / f"in{draw(st.integers(0, 10**9))}"
    if command in ("plan", "compare"):
        base = {
            "start_date": "2027-06-15",
            "days": 1,
            "start": "lodging_irkutsk_irkut",
            "candidates": ["irkutsk_hpp", "icebreaker_angara"],
            "solver": {"time_limit_s": 0.5, "max_solutions": 2},
        }
        doc: Any = _mutated(base, _SCENARIO_KEYS, draw)
        if command == "compare":
            doc = {
                "base": doc,
                "variants": {draw(st.text(max_size=12)) or "v": {"days": draw(_ODD)}},
            }
            if draw(st.booleans()):
                doc["sweeps"] = [{"field": "days", "range": [1, draw(st.integers(-5, 10**9))]}]
        if draw(st.integers(0, 4)) == 0:
            text = draw(st.text(max_size=120))
        else:
            text = yaml.safe_dump(doc, allow_unicode=True)
        f = f.with_suffix(".yaml")
        f.write_text(text, encoding="utf-8")
        extra = ["--workers", "1", "--no-plans"] if command == "compare" else []
        return [command, str(f), "--out", out, *extra]
    if command in ("check", "map"):
        doc = json.loads(GOLDEN_PLAN.read_text(encoding="utf-8"))
        path: list[Any] = draw(
            st.sampled_from(
                [
                    ["feasible"],
                    ["days"],
                    ["days", 0, "date"],
                    ["days", 0, "stops", 0, "lat"],
                    ["days", 0, "stops", 0, "site_id"],
                    ["days", 0, "legs", 0, "distance_km"],
                    ["days", 0, "legs", 1, "depart"],
                    ["days", 0, "lunch"],
                    ["scenario", "start"],
                    ["scenario", "lunch"],
                    ["kpis", "sites"],
                ]
            )
        )
        _set(path, draw(_ODD))(doc)
        text = json.dumps(doc, ensure_ascii=False) if draw(st.integers(0, 5)) else draw(st.text())
        f = f.with_suffix(".json")
        f.write_text(text, encoding="utf-8")
        return [command, str(f)] + (["--out", out + ".html"] if command == "map" else [])
    if command == "embed":
        rows = ["day,stop,start,lodging", "1,irkutsk_hpp,,", "1,Байкальский музей,10:00,"]
        k = draw(st.integers(0, len(rows) - 1))
        rows[k] = ",".join(str(draw(_ODD)) for _ in range(draw(st.integers(1, 5))))
        f = f.with_suffix(".csv")
        f.write_text("\n".join(rows) + "\n", encoding="utf-8")
        cands = draw(st.sampled_from([[], ["--candidates", "industrial"], ["--candidates", "x_y"]]))
        return ["embed", str(f), "--out", out, "--time-limit", "0.5", *cands]
    if command == "travel":
        ids = st.sampled_from(["irkutsk_hpp", "bratsk", "olkhon_shaman_rock", "nowhere", ""])
        date = draw(st.sampled_from(["2027-07-01", "2027-03-20", "2027-02-30", "tomorrow"]))
        return ["travel", draw(ids), draw(ids), "--date", date]
    fmt = draw(st.sampled_from(["table", "csv", "json", "xml"]))
    return ["sites", "--format", fmt, "--category", draw(st.sampled_from(["energy", "gold"]))]


@pytest.mark.slow
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_fuzz_the_whole_cli(tmp_path: Path, data: Any) -> None:
    """Every command with generated files: an exit code the README documents, never a
    traceback, never an unexpected error (70)."""
    args = data.draw(_cli_case(tmp_path))
    _run(*args)
