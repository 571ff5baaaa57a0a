"""The command line: every command on the built-in data, clear errors, no tracebacks."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml
from typer.testing import CliRunner

from routeplanner.cli import app

pytestmark = pytest.mark.usefixtures("warm_kernels")

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_sites_table_and_filters() -> None:
    code, out = invoke("sites", "--category", "energy")
    assert code == 0 and "irkutsk_hpp" in out and "icebreaker_angara" not in out


def test_sites_json_has_parsed_hours_and_score() -> None:
    code, out = invoke("sites", "--format", "json", "--town", "Иркутск")
    assert code == 0
    rows = json.loads(out)
    hpp = next(r for r in rows if r["id"] == "irkutsk_hpp")
    assert hpp["opening_hours_normalized"] and 0 <= hpp["score"] <= 10
    assert "checklist" in hpp and hpp["slots"] == []  # no fixed slots: by arrangement


def test_sites_csv() -> None:
    code, out = invoke("sites", "--format", "csv", "--lang", "en")
    assert code == 0 and out.splitlines()[0].startswith("id,name,category")


def test_sites_bad_format() -> None:
    code, out = invoke("sites", "--format", "xml")
    assert code == 2 and "--format" in out


def test_travel_text_and_json() -> None:
    code, out = invoke("travel", "irkutsk", "bratsk", "--date", "2027-07-14", "--lang", "en")
    assert code == 0 and "Bratsk" in out and "km" in out
    code, out = invoke(
        "travel", "irkutsk_hpp", "olkhon_shaman_rock", "--date", "2027-07-14", "--format", "json"
    )
    data = json.loads(out)
    assert code == 0 and data["reachable"] and "ferry" in data["modes"]
    assert data["duration_s"] > 4 * 3600 and data["path"][0] == "irkutsk_hpp"


def test_travel_unreachable_in_thaw() -> None:
    code, out = invoke("travel", "irkutsk_hpp", "olkhon_shaman_rock", "--date", "2027-04-20")
    assert code == 6 and "недостижимо" in out


def test_travel_unknown_id_suggests() -> None:
    code, out = invoke("travel", "irkutsk_hp", "bratsk")
    assert code == 4 and "неизвестный id места «irkutsk_hp»" in out and "irkutsk_hpp" in out


def test_plan_check_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "plan"
    code, text = invoke(
        "plan",
        "data/scenarios/irkutsk_city_1day.yaml",
        "--out",
        str(out),
        "--time-limit",
        "1",
        "--lang",
        "en",
    )
    assert code == 0, text
    it = json.loads((out / "itinerary.json").read_text(encoding="utf-8"))
    assert it["feasible"] and it["days"][0]["stops"]
    assert (out / "itinerary.csv").read_text(encoding="utf-8").startswith("day,date,order")
    code, text = invoke("check", str(out / "itinerary.json"), "--lang", "en")
    assert code == 0 and "no violations" in text
    # Russian first: the same check in Russian, with the right plural form
    code, text = invoke("check", str(out / "itinerary.json"))
    assert code == 0 and "нарушений нет" in " ".join(text.split())
    n = len(it["days"][0]["stops"])
    assert re.search(rf"{n} останов(ка|ки|ок)", text)
    # a tampered plan: the first visit now lasts one minute
    stop = it["days"][0]["stops"][0]
    stop["end"] = stop["start"][:-2] + "01" if not stop["start"].endswith("01") else stop["start"]
    (tmp_path / "bad.json").write_text(json.dumps(it), encoding="utf-8")
    code, text = invoke("check", str(tmp_path / "bad.json"))
    assert code == 1 and "[visit]" in text
    assert "нарушения (1)" in text and "день 1" in text and "короче положенных" in text


def test_plan_bad_scenario_names_file_and_key(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("start_date: 2027-06-15\ndays: 0\nstart: x\ncolour: red\n", encoding="utf-8")
    code, out = invoke("plan", str(bad), "--out", str(tmp_path / "o"))
    assert code == 3
    assert "bad.yaml" in out and "days" in out and "colour" in out
    assert not (tmp_path / "o").exists()


def test_plan_yaml_with_object_tag_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "evil.yaml"
    bad.write_text("!!python/object/apply:os.system ['echo hi']\n", encoding="utf-8")
    code, out = invoke("plan", str(bad))
    assert code == 3 and "ошибка YAML" in out


def test_check_not_json(tmp_path: Path) -> None:
    p = tmp_path / "x.json"
    p.write_text("{not json", encoding="utf-8")
    code, out = invoke("check", str(p))
    assert code == 3 and "x.json" in out and "не JSON" in out
    assert out.startswith("ошибка")  # the CLI's own words follow --lang (Russian first)


@pytest.mark.slow
def test_demo_writes_outputs(tmp_path: Path) -> None:
    code, out = invoke("demo", "--out", str(tmp_path / "demo"))
    assert code == 0, out
    assert (tmp_path / "demo" / "itinerary.json").exists()
    assert "Иркутская ГЭС" in out


def test_compare_writes_kpis(tmp_path: Path) -> None:
    variants = tmp_path / "v.yaml"
    variants.write_text(
        "base:\n  file: " + str(Path("data/scenarios/irkutsk_city_1day.yaml").resolve()) + "\n"
        "  solver: {max_solutions: 3}\n"
        "variants:\n  by_coach: {profile: coach}\n",
        encoding="utf-8",
    )
    out = tmp_path / "cmp"
    code, text = invoke("compare", str(variants), "--out", str(out), "--workers", "1", "--no-plans")
    assert code == 0, text
    for name in ("kpis.csv", "kpis.xlsx", "comparison.html", "comparison_map.html"):
        assert (out / name).exists(), name
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        variants.read_text(encoding="utf-8").replace("profile:", "profle:"), encoding="utf-8"
    )
    code, text = invoke("compare", str(bad), "--out", str(tmp_path / "x"), "--workers", "1")
    assert code == 3 and "profle" in text


def _fresh(code: str) -> str:
    """Run ``code`` in a new interpreter (nothing imported yet) and return its output."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return out.stdout.strip()


def test_version_help_and_sites_import_neither_numba_nor_ortools() -> None:
    from importlib.metadata import version

    out = _fresh(
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from routeplanner.cli import app\n"
        "r = CliRunner()\n"
        "v = r.invoke(app, ['--version'])\n"
        "h = r.invoke(app, ['--help'])\n"
        "s = r.invoke(app, ['sites', '--format', 'csv'])\n"
        "print(v.exit_code, h.exit_code, s.exit_code, v.output.strip())\n"
        "print('numba' in sys.modules, 'ortools' in sys.modules)\n"
    )
    codes, heavy = out.splitlines()[-2:]
    assert codes.split() == ["0", "0", "0", version("routeplanner")]
    assert heavy == "False False"


def test_the_solve_module_is_importable_by_name() -> None:
    out = _fresh(
        "import routeplanner.solve as m\n"
        "import routeplanner\n"
        "print(type(m).__name__, callable(m.solve), routeplanner.solve is m)\n"
        "from routeplanner import plan, Itinerary, SolverSettings\n"
        "print(plan.__module__, Itinerary.__module__, SolverSettings().time_limit_s)\n"
    )
    assert out.splitlines() == [
        "module True True",
        "routeplanner.planner routeplanner.result 5.0",
    ]


def test_travel_warns_about_a_place_off_the_network() -> None:
    """Issue 20: `travel` names a place far from any road, with its distance."""
    code, out = invoke("travel", "bratsk", "turman_pillars", "--date", "2027-07-14", "--lang", "en")
    assert code == 0 and "Warning" in out and "22 km" in out
    code, out = invoke(
        "travel", "bratsk", "turman_pillars", "--date", "2027-07-14", "--format", "json"
    )
    assert code == 0 and "22 км" in json.loads(out)["warnings"][0]
    code, out = invoke("travel", "irkutsk", "arshan_resort", "--format", "json")
    assert code == 0 and json.loads(out)["warnings"] == []


def test_events_lists_occurrences_and_weeks() -> None:
    code, out = invoke("events", "--from", "2025-06-23", "--to", "2025-07-20", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and [r["id"] for r in rows] == ["ev_yordyn_games"]
    assert rows[0]["from"] == "2025-07-03" and rows[0]["source_url"].startswith("http")
    code, out = invoke(
        "events", "--from", "2025-06-23", "--to", "2025-07-20", "--weeks", "--format", "json"
    )
    weeks = {w["week"]: [e["id"] for e in w["events"]] for w in json.loads(out)}
    assert weeks["2025-06-30"] == ["ev_yordyn_games"] and weeks["2025-07-07"] == []
    code, out = invoke("events", "--from", "2025-13-01")
    assert code == 2 and "ГГГГ-ММ-ДД" in out


# --------------------------------------------------------------------------- one language a run

#: Words of an English sentence; none may reach a Russian run's output (ids, keys, file names
#: and values are not sentences, and none of them is one of these words).
ENGLISH_WORDS = frozenset(
    {
        *("the", "is", "are", "must", "expected", "not", "field", "row", "unknown", "error"),
        *("cannot", "invalid", "should", "missing", "problem", "problems", "found", "written"),
        *("planning", "feasible", "violations", "between", "given", "warning", "later"),
    }
)
_CYRILLIC_WORD = re.compile(r"[А-Яа-яЁё]+")


def english_words(text: str) -> set[str]:
    """The words of ``text`` that belong to an English sentence (see :data:`ENGLISH_WORDS`)."""
    words = re.findall(r"[A-Za-z][A-Za-z_]*", text)  # a key such as base_score is one word
    return {w for w in words if w.lower() in ENGLISH_WORDS}


def data_words(catalog: Any) -> set[str]:
    """Cyrillic words that are data, not labels: the names and towns of the catalog's places
    (a place without an English name keeps its Russian one), and the names in the shipped
    scenario files."""
    texts = [
        x for p in [*catalog, *catalog.events.values()] for x in (p.name_ru, getattr(p, "town", ""))
    ]
    for path in (SRC_DATA / "scenarios").glob("*.yaml"):
        texts.append(str(yaml.safe_load(path.read_text(encoding="utf-8")).get("name", "")))
    return {w for x in texts for w in _CYRILLIC_WORD.findall(x)}


SRC_DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A plan made once, the broken files the commands are given, and a broken catalog."""
    root = tmp_path_factory.mktemp("lang")
    city = SRC_DATA / "scenarios" / "irkutsk_city_1day.yaml"
    files = {
        "bad_date.yaml": "start_date: 2027-02-30\ndays: 1\nstart: lodging_irkutsk_irkut\n",
        "bad_types.yaml": (
            "start_date: 2027-07-14\ndays: 3\nstart: lodging_irkutsk_irkut\nday_start: '25:00'\n"
            "profile: bus\ngroup_size: 12.5\nmodes: [road, teleport]\n"
            "quotas: [{category: energy}]\nname: 5\nlunch: {duration_min: -5}\ncolour: red\n"
            "overnight: fixed\n"
        ),
        "unknown.yaml": ("start_date: 2027-07-14\ndays: 2\nstart: irkutskk\nmust_visit: [nope]\n"),
        "dupe.yaml": "start_date: 2027-07-14\nstart_date: 2027-07-15\n",
        "broken.json": "{",
        "wrong.json": json.dumps({"scenario": {"days": 0}, "feasible": True, "days": []}),
        "variants.yaml": (
            f"base: {{file: {city}, solver: {{time_limit_s: 1}}}}\n"
            "variants: {car: {profile: car}, far: {must_visit: [ust_ilimsk_hpp]}}\n"
        ),
        "bad_variants.yaml": (
            f"base: {{file: {city}}}\ncolour: 1\nvariants: {{bad: {{group_size: 0}}}}\n"
            "sweeps: [{field: days, range: [3, 1]}]\n"
        ),
        "season.yaml": (
            f"name: mini\nproducts:\n  city: {{file: {city}, season: {{from: 2027-06-01, "
            "to: 2027-06-30}}\ndepartures:\n  - {product: city, every: [tue], from: 2027-06-15, "
            "to: 2027-06-22}\nsolver: {time_limit_s: 1}\n"
        ),
        "bad_season.yaml": (
            f"products:\n  city: {{file: {city}, season: {{from: 2027-06-01, to: 2027-06-30}}}}\n"
            "departures:\n  - {product: nope, date: 2027-06-15}\n"
            "  - {product: city, every: [someday], from: 2027-06-15, to: 2027-06-01}\n"
            "  - {product: city, date: 2027-08-01}\n"
        ),
        "bad_tour.csv": "day,stop,visit_min\n1,Nowhere at all,90\n0,irkutsk_hpp,abc\n",
        "answers.yaml": "safety: 9\nguide: three\n",
    }
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    data = root / "data"
    shutil.copytree(SRC_DATA, data)
    with open(data / "sites.csv", "a", encoding="utf-8") as fh:
        fh.write(
            "bad_site,Плохой,Bad,mine,Иркутск,95.0,104.3,town,0,Mo-Fr 25:00-26:00,sometimes,-1,"
            ",,maybe,10:00;10:00,cheap,11,,visit_min,,,https://example.org,,2027-13\n"
        )
    code, text = invoke("plan", str(city), "--out", str(root / "plan"), "--time-limit", "1")
    assert code == 0, text
    season_out = root / "season_done"
    code, text = invoke(
        "season",
        str(root / "season.yaml"),
        "--out",
        str(season_out),
        "--workers",
        "1",
        "--no-plans",
    )
    assert code == 0, text
    return {
        "root": root,
        "data": data,
        "itinerary": root / "plan" / "itinerary.json",
        "season_out": season_out,
        "city": city,
    }


#: Every command, on the shipped data and on broken inputs: (name, arguments, exit code).
#: ``{x}`` is a path of the ``inputs`` fixture, ``{out}`` a fresh output folder.
COMMANDS: list[tuple[str, list[str], int]] = [
    ("no-command", ["-v"], 2),
    ("no-such-command", ["plna"], 2),
    ("app-no-such-option", ["--verbos", "sites"], 2),
    ("sites", ["sites", "--category", "energy"], 0),
    ("sites-town", ["sites", "--town", "Ангарск", "--with-stories"], 0),
    ("sites-bad-category", ["sites", "--category", "mine"], 2),
    ("sites-broken-catalog", ["sites", "--data", "{data}"], 3),
    ("sites-no-such-option", ["sites", "--categry", "energy"], 2),
    ("sites-extra-argument", ["sites", "energy"], 2),
    ("travel", ["travel", "irkutsk", "bratsk", "--date", "2027-07-14"], 0),
    ("travel-thaw", ["travel", "irkutsk", "olkhon_shaman_rock", "--date", "2027-04-20"], 6),
    ("travel-unknown", ["travel", "irkutsk", "bratskk", "--date", "2027-07-14"], 4),
    ("travel-bad-date", ["travel", "irkutsk", "bratsk", "--date", "2027-02-30"], 2),
    ("events", ["events", "--from", "2025-06-01", "--to", "2025-08-31"], 0),
    ("events-weeks", ["events", "--from", "2025-06-01", "--to", "2025-07-31", "--weeks"], 0),
    ("events-bad", ["events", "--from", "2025-08-01", "--to", "2025-06-01"], 2),
    ("plan-bad-date", ["plan", "{root}/bad_date.yaml", "--out", "{out}"], 3),
    ("plan-bad-types", ["plan", "{root}/bad_types.yaml", "--out", "{out}"], 3),
    ("plan-unknown", ["plan", "{root}/unknown.yaml", "--out", "{out}"], 3),
    ("plan-dupe-key", ["plan", "{root}/dupe.yaml", "--out", "{out}"], 3),
    ("plan-missing-file", ["plan", "{root}/none.yaml", "--out", "{out}"], 3),
    ("plan-out-not-empty", ["plan", "{city}", "--out", "{root}"], 2),
    ("plan-bad-time-limit", ["plan", "{city}", "--time-limit", "-1"], 2),
    ("plan-no-scenario", ["plan"], 2),
    ("check", ["check", "{itinerary}"], 0),
    ("check-not-json", ["check", "{root}/broken.json"], 3),
    ("check-wrong", ["check", "{root}/wrong.json"], 3),
    ("map", ["map", "{itinerary}", "--out", "{out}/map.html"], 0),
    ("map-no-args", ["map"], 2),
    ("compare", ["compare", "{root}/variants.yaml", "--out", "{out}", "--workers", "1"], 0),
    ("compare-bad", ["compare", "{root}/bad_variants.yaml", "--out", "{out}"], 3),
    ("check-season", ["check-season", "{season_out}", "--no-plans"], 0),
    ("season-bad", ["season", "{root}/bad_season.yaml", "--out", "{out}"], 3),
    ("embed-bad", ["embed", "{root}/bad_tour.csv", "--out", "{out}"], 3),
    ("embed-bad-extra", ["embed", "{root}/bad_tour.csv", "--max-extra-per-day", "soon"], 2),
    ("assess", ["assess", "baikalkvartssamotsvety", "--out", "{out}"], 0),
    ("assess-unknown", ["assess", "baikalkvarts", "--out", "{out}"], 4),
    (
        "assess-bad-answers",
        [
            "assess",
            "baikalkvartssamotsvety",
            "--answers",
            "{root}/answers.yaml",
            "--assessor",
            "A",
            "--out",
            "{out}",
        ],
        3,
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize(("name", "args", "expected"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_one_language_a_run(
    name: str,
    args: list[str],
    expected: int,
    lang: str,
    inputs: dict[str, Path],
    catalog: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every message of a run is in its --lang: a Russian run prints no English sentence (its
    words are checked against a list), an English run no Cyrillic but the names of places."""
    from routeplanner import cli

    for console in (cli.console, cli.err_console):  # no word broken by a narrow table
        monkeypatch.setattr(console, "_width", 400)
    paths = {k: str(v) for k, v in inputs.items()} | {"out": str(tmp_path / "out")}
    code, text = invoke(*(a.format(**paths) for a in args), "--lang", lang)
    assert code == expected, text
    text = text.replace(str(inputs["root"]), "").replace(str(tmp_path), "")
    if lang == "ru":
        assert not english_words(text), text
        assert _CYRILLIC_WORD.search(text), text
    else:
        assert set(_CYRILLIC_WORD.findall(text)) <= data_words(catalog), text


@pytest.mark.slow
def test_a_plan_and_its_files_import_no_table_or_geocoding_library() -> None:
    """The demo's path (load, plan, render every file) leaves pandas, geopy, scipy's graphs and
    openpyxl unloaded: each costs about a third of a second at every start."""
    out = _fresh(
        "import sys\n"
        "from routeplanner.catalog import load_catalog\n"
        "from routeplanner.network import load_network\n"
        "from routeplanner.planner import plan\n"
        "from routeplanner.scenario import load_scenario\n"
        "from routeplanner.settings import default_data_dir\n"
        "from routeplanner.export import render_plan\n"
        "req = load_scenario(default_data_dir() / 'scenarios' / 'irkutsk_city_1day.yaml')\n"
        "req = req.model_copy(update={'solver': req.solver.model_copy("
        "update={'time_limit_s': 0.2})})\n"
        "cat = load_catalog()\n"
        "files = render_plan(plan(req, cat, load_network(None, cat)), catalog=cat)\n"
        "heavy = ('pandas', 'geopy', 'scipy.sparse', 'openpyxl')\n"
        "print(len(files), [m for m in heavy if m in sys.modules])\n"
    )
    assert out.splitlines()[-1] == "12 []"


#: Words of typer's frame and of the help texts' English; none may reach a Russian help page
#: (the names of commands, options, arguments and files are names).
HELP_WORDS = frozenset(
    {
        *("usage", "options", "arguments", "commands", "default", "required", "show", "this"),
        *("message", "exit", "and", "or", "of", "to", "only", "with", "every", "each", "file"),
        *("output", "search", "language", "names", "print", "version", "log", "progress"),
        *("write", "seconds", "place", "days", "date", "forbid", "flights", "whose", "town"),
    }
)
#: typer's names of value types, shown beside each option ("<path>").
TYPE_WORDS = frozenset(
    {"path", "str", "bool", "float", "int", "int range", "list[Path]", "list[str]"}
)
#: Every command of the CLI (the app's own help page is ``[]``).
COMMAND_GROUP: Any = typer.main.get_command(app)
HELP_PAGES = [[], *([name] for name in COMMAND_GROUP.commands)]


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("before", [False, True], ids=["lang-after", "lang-before"])
def test_help_of_every_command_is_in_the_run_language(lang: str, before: bool) -> None:
    """`--help` of the app and of every command follows --lang (given after the command or,
    as the app's option, before it): Russian pages hold no English word of a sentence or of
    typer's frame, English pages no Cyrillic; each page shows its own text from the catalog."""
    from routeplanner.i18n import t

    assert len(HELP_PAGES) > 10
    for page in HELP_PAGES:
        own = not page or any("--lang" in p.opts for p in COMMAND_GROUP.commands[page[0]].params)
        after = own and not before  # `web` has no --lang of its own: the app's comes first
        args = [*page, "--help", "--lang", lang] if after else ["--lang", lang, *page, "--help"]
        code, text = invoke(*args)
        assert code == 0, text
        assert not re.search(r"\bhelp\.[a-z]", text), text  # every key has its words
        key = f"help.{page[0].replace('-', '_')}" if page else "help.app"
        assert " ".join(t(key, lang).split()[:3]) in " ".join(text.split()), (key, text)
        if lang == "ru":
            words = re.findall(
                r"[A-Za-z]+", re.sub(r"<[^>]*>|\{[^}]*\}|--?[\w-]+|\S+\.\w+", " ", text)
            )
            assert not {w for w in words if w.lower() in HELP_WORDS | ENGLISH_WORDS}, text
            assert "Запуск:" in text and "Параметры" in text, text
            # value types are words too: «<путь>», not typer's «<path>»
            assert not set(re.findall(r"<([^>]*)>", text)) & TYPE_WORDS, text
        else:
            assert not _CYRILLIC_WORD.search(text), text
            assert "Usage:" in text and "Options" in text, text
            if page == ["plan"]:
                assert "<path>" in text and "<float>" in text, text


def test_lang_before_the_command_is_the_command_language() -> None:
    """`routeplanner --lang en travel …` runs the command in English (its own --lang unset)."""
    code, text = invoke("--lang", "en", "travel", "irkutsk", "bratsk", "--date", "2027-07-14")
    assert code == 0 and "duration" in text and not _CYRILLIC_WORD.search(text), text
    code, text = invoke("travel", "irkutsk", "bratsk", "--date", "2027-07-14")
    assert code == 0 and "время в пути" in text, text
    code, text = invoke("--lang", "en", "travel", "irkutsk", "bratsk", "--lang", "ru")
    assert code == 0 and "время в пути" in text, text
