"""Season outputs: tables, load, calendars, report, plans; all or none; text never a formula;
the season commands end to end."""

from __future__ import annotations

import dataclasses
import io
import json
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from builders import CROWDED_SEASON, season_file
from routeplanner import executors
from routeplanner.catalog import Catalog
from routeplanner.cli import app
from routeplanner.network import Network
from routeplanner.season import load_season
from routeplanner.season_check import check_season
from routeplanner.season_output import SEASON_FILES, season_files, write_season
from routeplanner.season_plan import SeasonResult, plan_season

pytestmark = pytest.mark.usefixtures("warm_kernels")

runner = CliRunner()


@pytest.fixture(scope="module")
def crowded(
    tmp_path_factory: pytest.TempPathFactory, catalog: Catalog, network: Network
) -> SeasonResult:
    path = season_file(tmp_path_factory.mktemp("season"), CROWDED_SEASON)
    return plan_season(load_season(path, catalog), catalog, network)


@pytest.fixture(scope="module")
def folder(
    tmp_path_factory: pytest.TempPathFactory, crowded: SeasonResult, catalog: Catalog
) -> Path:
    out = tmp_path_factory.mktemp("out") / "season"
    write_season(crowded, out, catalog, lang="en")
    return out


def test_every_file_is_written(folder: Path, crowded: SeasonResult, catalog: Catalog) -> None:
    for name in SEASON_FILES:
        assert (folder / name).is_file(), name
    for sid in catalog.capacity:
        assert (folder / "calendars" / f"{sid}.html").is_file()
    for dep in "abcd":
        assert (folder / "departures" / dep / "itinerary.json").is_file()
        assert (folder / "departures" / dep / "programme.html").is_file()
    assert not any(p.name.startswith(".routeplanner-") for p in folder.iterdir())


def test_season_table_has_every_stop(folder: Path, crowded: SeasonResult) -> None:
    stops = pd.read_csv(folder / "season.csv")
    assert len(stops) == sum(len(it.stops) for it in crowded.plans.values() if it)
    assert set(stops["departure"]) == {"a", "b", "c", "d"}
    assert stops.loc[stops["departure"] == "b", "group_size"].unique().tolist() == [12]
    book = openpyxl.load_workbook(folder / "season.xlsx")
    assert book.sheetnames == ["stops", "departures", "losses"]  # headed in --lang (en)
    deps = pd.read_excel(folder / "season.xlsx", sheet_name="departures")
    assert deps.set_index("departure").loc["c", "enterprises lost"]
    assert set(deps["status"]) <= {"feasible", "no plan"}


def test_site_load_counts_groups_and_heads(folder: Path) -> None:
    load = pd.read_csv(folder / "site_load.csv")
    hpp = load[(load["site_id"] == "irkutsk_hpp") & (load["date"] == "2027-06-15")]
    assert hpp["groups"].sum() == 2 and hpp["groups_day"].max() == 2
    assert (hpp["groups_day"] <= hpp["limit_day"]).all()
    assert hpp["limit_slot"].isna().all()  # the dam has no fixed tour times
    assert hpp["headcount"].sum() in (20, 22)  # two of a (10), b (12), c (10)
    sites = pd.read_excel(folder / "site_load.xlsx", sheet_name="sites")
    row = sites.set_index("site id").loc["irkutsk_hpp"]
    assert row["peak day"] == 2 and row["limit a day"] == 2 and 0 < row["utilisation"] <= 1


def test_calendar_and_report(folder: Path) -> None:
    cal = (folder / "calendars" / "irkutsk_hpp.html").read_text(encoding="utf-8")
    assert "June 2027" in cal and "2 groups" in cal and "planning default" in cal
    assert "class='full'" in cal  # the Tuesday is at its daily limit
    report = (folder / "season_report.html").read_text(encoding="utf-8")
    assert "Upper bound" in report and "Departures that lost an enterprise" in report
    assert "limit (" in report and "is taken" in report
    manifest = json.loads((folder / "season.json").read_text(encoding="utf-8"))
    assert [d["id"] for d in manifest["departures"]] == ["a", "b", "c", "d"]
    assert manifest["total"] <= manifest["bound"]


def test_russian_labels(crowded: SeasonResult, catalog: Catalog) -> None:
    files = season_files(crowded, catalog, lang="ru", plans=False)
    assert "Июнь 2027" in files["calendars/irkutsk_hpp.html"].decode()
    assert "Верхняя граница" in files["season_report.html"].decode()
    assert {k for k in files if k.startswith("departures/")} == {
        f"departures/{d}/itinerary.json" for d in "abcd"
    }


def test_checker_passes_a_clean_season(folder: Path, catalog: Catalog, network: Network) -> None:
    assert check_season(folder, catalog, network) == []


def test_checker_catches_a_planted_violation(
    folder: Path, tmp_path: Path, catalog: Catalog, network: Network
) -> None:
    bad = tmp_path / "bad"
    shutil.copytree(folder, bad)
    # departure c is given a's plan: a third group at the dam on Tuesday
    shutil.copy(bad / "departures/a/itinerary.json", bad / "departures/c/itinerary.json")
    problems = check_season(bad, catalog, network, plans=False)
    text = "\n".join(problems)
    assert "irkutsk_hpp on 2027-06-15: 3 groups" in text and "capacity 2 a day" in text
    assert "season.csv" in text and "site_load.csv" in text  # the tables no longer agree


def test_checker_uses_the_catalog_capacity(folder: Path, catalog: Catalog) -> None:
    caps = dict(catalog.capacity)
    caps["irkutsk_hpp"] = dataclasses.replace(caps["irkutsk_hpp"], groups_per_day=1)
    tighter = dataclasses.replace(catalog, capacity=caps)
    problems = check_season(folder, tighter, plans=False)
    assert any("irkutsk_hpp on 2027-06-15: 2 groups" in p for p in problems)


def test_formula_text_is_written_as_text(
    tmp_path: Path, catalog: Catalog, network: Network
) -> None:
    site = catalog.sites["baikalkvartssamotsvety"]
    evil = catalog.with_sites([dataclasses.replace(site, name_en='=HYPERLINK("x")')])
    body = (
        CROWDED_SEASON.split("departures:")[0]
        + "departures:\n  - {product: day, date: 2027-06-15}\n"
    )
    spec = load_season(season_file(tmp_path / "s", body), evil)
    result = plan_season(spec, evil, network.with_catalog(evil))
    files = season_files(result, evil, lang="en", plans=False)
    csv = files["season.csv"].decode()
    assert "'=HYPERLINK" in csv and ",=HYPERLINK" not in csv
    book = openpyxl.load_workbook(io.BytesIO(files["season.xlsx"]))
    cells = [
        c
        for row in book["stops"].iter_rows()
        for c in row
        if c.value and "HYPERLINK" in str(c.value)
    ]
    assert cells and all(c.data_type == "s" for c in cells)
    # the same policy as every other table (spreadsheet.py): a text cell, apostrophe first
    assert cells[0].value == '\'=HYPERLINK("x")'


def test_output_set_is_all_or_none(
    crowded: SeasonResult, catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    out = tmp_path / "out"
    write_season(crowded, out, catalog, plans=False)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    real = os.replace
    calls = {"n": 0}

    def failing(src: object, dst: object) -> None:
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError("disk full")
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OSError, match="disk full"):
        write_season(crowded, out, catalog, lang="en", plans=False)
    monkeypatch.setattr(os, "replace", real)
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before


def test_cli_season_end_to_end(tmp_path: Path) -> None:
    path = season_file(tmp_path / "in", CROWDED_SEASON)
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        ["season", str(path), "--out", str(out), "--workers", "1", "--lang", "en", "--no-plans"],
    )
    assert result.exit_code == 0, result.output
    assert "season score" in result.output and "solo upper bound" in result.output
    assert (out / "season_report.html").is_file()
    checked = runner.invoke(app, ["check-season", str(out), "--no-plans"])
    assert checked.exit_code == 0 and "OK" in checked.output


def test_cli_bad_season_writes_nothing(tmp_path: Path) -> None:
    body = CROWDED_SEASON + "  - {product: nope, date: 2027-06-15}\n"
    path = season_file(tmp_path / "in", body)
    out = tmp_path / "out"
    result = runner.invoke(app, ["season", str(path), "--out", str(out)])
    assert result.exit_code == 3
    assert (
        "departures[4].product" in result.output and "неизвестный продукт «nope»" in result.output
    )
    assert "Traceback" not in result.output
    assert not out.exists()


def test_cli_names_the_dask_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(executors, "dask_available", lambda: False)
    path = season_file(tmp_path / "in", CROWDED_SEASON)
    for cmd in (["season", str(path)], ["compare", "data/variants/industrial_options.yaml"]):
        result = runner.invoke(app, [*cmd, "--out", str(tmp_path / "o"), "--dask-local", "2"])
        assert result.exit_code == 1
        assert "routeplanner[dask]" in result.output
    both = runner.invoke(
        app,
        [
            "season",
            str(path),
            "--out",
            str(tmp_path / "p"),
            "--dask-local",
            "2",
            "--scheduler",
            "tcp://x:1",
        ],
    )
    assert both.exit_code == 2


@pytest.mark.parametrize("command", ["season", "compare"])
def test_workers_have_one_bound(tmp_path: Path, command: str) -> None:
    """``--workers`` is bounded the same way for season and compare: 257 is a usage error
    (exit 2) before anything is read or written."""
    out = tmp_path / "out"
    result = runner.invoke(
        app, [command, str(tmp_path / "missing.yaml"), "--out", str(out), "--workers", "257"]
    )
    assert result.exit_code == 2, result.output
    assert "не больше 256" in result.output  # in the run's language (Russian by default)
    assert not out.exists()
    english = runner.invoke(app, [command, "x.yaml", "--workers", "0", "--lang", "en"])
    assert english.exit_code == 2 and "at least 1 allowed" in english.output
