"""Stories at the stops: the stories file, its errors, and where the links are shown."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from routeplanner.catalog import Catalog, load_catalog
from routeplanner.cli import app
from routeplanner.exceptions import CatalogError
from routeplanner.model import TripRequest
from routeplanner.network import Network
from routeplanner.planner import plan
from routeplanner.programme import programme_html
from routeplanner.settings import default_data_dir
from routeplanner.stories import STORY_KINDS

DATA = default_data_dir()


def test_the_built_in_stories(catalog: Catalog) -> None:
    assert len(catalog.stories) >= 10
    for sid, stories in catalog.stories.items():
        assert sid in catalog.sites or sid in catalog.events
        for x in stories:
            assert x.kind in STORY_KINDS and x.url.startswith("http") and x.title_ru
    assert {x.kind for x in catalog.stories["irkutsk_hpp"]} == {"article", "enterprise_page"}


@pytest.mark.parametrize(
    ("row", "field", "text"),
    [
        ("no_such_site,article,т,t,https://example.org,ru,2026-12-06,", "id", "no site or event"),
        ("irkutsk_hpp,podcast,т,t,https://example.org,ru,2026-12-06,", "kind", "podcast"),
        ("irkutsk_hpp,video,т,t,example.org,ru,2026-12-06,", "url", "not a web address"),
        ("irkutsk_hpp,video,т,t,https://example.org,ru,2026-13-06,", "found", "not a date"),
    ],
)
def test_a_bad_stories_row_is_named(tmp_path: Path, row: str, field: str, text: str) -> None:
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    path = root / "stories.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, row]) + "\n", encoding="utf-8")
    with pytest.raises(CatalogError) as err:
        load_catalog(root)
    assert f"stories.csv, row {len(lines) + 1}, field '{field}'" in str(err.value)
    assert text in str(err.value)


def test_the_programme_shows_the_stories_of_each_stop(catalog: Catalog, network: Network) -> None:
    req = TripRequest(
        start_date=dt.date(2027, 6, 15),
        days=1,
        start="lodging_irkutsk_irkut",
        candidates=("irkutsk_hpp", "kolchak_monument"),
        must_visit=("irkutsk_hpp", "kolchak_monument"),
        booked_on=dt.date(2027, 5, 1),
        solver={"time_limit_s": 2, "max_solutions": 20},
    )
    it = plan(req, catalog, network)
    html = programme_html(it, catalog, lang="en")
    assert "https://baikal24.ru/text/02-10-2019/067/" in html
    assert "https://izi.travel/ru/43c2-irkutsk/ru" in html and "(audio guide)" in html
    assert "Истории:" in programme_html(it, catalog, lang="ru")


def test_sites_lists_which_sites_have_stories() -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["sites", "--with-stories", "--format", "json"])
    rows = json.loads(res.stdout)
    assert res.exit_code == 0 and rows and all(r["stories"] for r in rows)
    assert "yevtushenko_museum" in {r["id"] for r in rows}
    res = runner.invoke(app, ["sites", "--format", "csv"])
    header = res.stdout.splitlines()[0]
    assert header.endswith(",stories")
