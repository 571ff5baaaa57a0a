"""Enterprise readiness: `assess` round-trips (answers in, score and report out, the next plan
uses the new score), the latest assessment wins, unassessed enterprises say so."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from routeplanner.catalog import Catalog, load_catalog
from routeplanner.cli import app
from routeplanner.exceptions import AssessmentError, CatalogError
from routeplanner.model import TripRequest
from routeplanner.network import load_network
from routeplanner.planner import plan
from routeplanner.programme import programme_html
from routeplanner.readiness import Assessment, readiness, record_assessment, score_note
from routeplanner.settings import default_data_dir

DATA = default_data_dir()
SITE = "baikalkvartssamotsvety"
ALL = ("safety", "content", "route", "visual", "interactivity", "availability", "audience",
       "infrastructure", "guide")  # fmt: skip


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    return root


def _plan_score(root: Path) -> float:
    catalog = load_catalog(root)
    network = load_network(root, catalog)
    req = TripRequest(
        start_date=dt.date(2027, 6, 15),
        days=1,
        start="lodging_irkutsk_irkut",
        candidates=(SITE,),
        must_visit=(SITE,),
        booked_on=dt.date(2027, 5, 1),
        solver={"time_limit_s": 2, "max_solutions": 10},
    )
    it = plan(req, catalog, network)
    return next(s.score for s in it.stops if s.site_id == SITE)


def test_assess_round_trips(data: Path, tmp_path: Path) -> None:
    """Done when: answers in, score and report out, the next plan uses the new score."""
    before = load_catalog(data).sites[SITE]
    assert before.assessed_on is None and _plan_score(data) == before.score
    args = ["assess", SITE, "--data", str(data), "--assessor", "И. Петрова", "--date",
            "2026-11-20", "--out", str(tmp_path / "out"), "--lang", "en"]  # fmt: skip
    for crit in ALL:
        args += ["--answer", f"{crit}=5"]
    args += ["--answer", "guide=1", "--note", "guide=no trained guide yet"]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.stdout
    rows = (data / "assessments.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "site_id,date,assessor,criterion,score,note" and len(rows) == 1 + 9
    assert f"{SITE},2026-11-20,И. Петрова,guide,1,no trained guide yet" in rows
    after = load_catalog(data).sites[SITE]
    assert after.assessed_on == dt.date(2026, 11, 20) and after.assessed_by == "И. Петрова"
    assert after.score == pytest.approx(10 * (95 + 5 * 1 / 5) / 100)  # all 5 but guide 1
    assert after.checklist_coverage == 1.0
    printed = " ".join(res.stdout.split())
    assert "score from the enterprise's assessment of 20 November 2026" in printed
    report = (tmp_path / "out" / f"readiness_{SITE}.html").read_text(encoding="utf-8")
    assert "Not yet ready to receive groups" in report  # guide is essential and missing
    assert "Guide and staff" in report and "a trained guide" in report
    assert "no trained guide yet" in report
    assert _plan_score(data) == pytest.approx(after.score)  # the next plan uses it


def test_the_latest_assessment_wins(data: Path) -> None:
    catalog = load_catalog(data)
    path = data / "assessments.csv"
    record_assessment(path, Assessment(SITE, dt.date(2026, 6, 1), "A", {"safety": 1}), catalog)
    record_assessment(path, Assessment(SITE, dt.date(2026, 9, 1), "B", {"safety": 5}), catalog)
    fresh = load_catalog(data)
    assert fresh.sites[SITE].assessed_by == "B"
    r = readiness(SITE, fresh)
    assert ("safety", 5) in r.met and r.assessed == ["safety"]
    assert [a.assessor for a in fresh.assessments[SITE]] == ["A", "B"]


def test_unassessed_enterprises_say_so(catalog: Catalog) -> None:
    site = catalog.sites["angaria_ice_cream"]
    assert site.assessed_on is None
    assert "not assessed" in score_note(site, "en")
    assert score_note(catalog.sites["baikal_museum"], "en") == "editorial score"
    r = readiness("angaria_ice_cream", catalog)
    assert r.assessment is None and not r.ready


def test_the_programme_says_where_scores_come_from(catalog: Catalog) -> None:
    from routeplanner.network import load_network as ln

    it = plan(
        TripRequest(
            start_date=dt.date(2027, 6, 15),
            days=1,
            start="lodging_irkutsk_irkut",
            candidates=("irkutsk_hpp",),
            must_visit=("irkutsk_hpp",),
            booked_on=dt.date(2027, 5, 1),
            solver={"time_limit_s": 2, "max_solutions": 10},
        ),
        catalog,
        ln(DATA, catalog),
    )
    assert "предприятие не проверялось" in programme_html(it, catalog, lang="ru")


@pytest.mark.parametrize(
    ("answers", "field"),
    [({"safety": 6}, "safety"), ({"charm": 3}, "charm"), ({}, "answers")],
)
def test_bad_answers_are_refused(
    catalog: Catalog, tmp_path: Path, answers: dict[str, int], field: str
) -> None:
    bad = Assessment(SITE, dt.date(2026, 1, 1), "X", answers)
    with pytest.raises(AssessmentError) as err:
        record_assessment(tmp_path / "a.csv", bad, catalog)
    assert f"field '{field}'" in str(err.value)
    assert not (tmp_path / "a.csv").exists()


def test_assess_cli_errors() -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["assess", "irkutsk_hp"])
    assert res.exit_code == 4
    res = runner.invoke(app, ["assess", "baikal_museum", "--answer", "safety=3", "--assessor", "X"])
    assert res.exit_code == 3 and "не предприятие" in res.output  # in --lang (ru)
    res = runner.invoke(app, ["assess", SITE, "--answer", "safety"])
    assert res.exit_code == 2


def test_a_bad_assessments_row_is_named(data: Path) -> None:
    (data / "assessments.csv").write_text(
        "site_id,date,assessor,criterion,score,note\n"
        f"{SITE},2026-02-30,X,safety,3,\n"
        f"{SITE},2026-02-01,X,charm,3,\n",
        encoding="utf-8",
    )
    with pytest.raises(CatalogError) as err:
        load_catalog(data)
    text = str(err.value)
    assert "assessments.csv, row 2, field 'date'" in text
    assert "assessments.csv, row 3, field 'criterion'" in text
