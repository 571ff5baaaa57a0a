"""Exports: each file reads back with its own library and carries the plan's stops and times."""

from __future__ import annotations

import ast
import datetime as dt
import json
from pathlib import Path

import gpxpy
import icalendar
import openpyxl
import pandas as pd
import pytest

import routeplanner.export as export
from builders import EVIL, SRC, TZ
from routeplanner.catalog import Catalog
from routeplanner.export import OUTPUT_FILES, write_plan_outputs
from routeplanner.model import TripRequest
from routeplanner.result import Itinerary


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory, itinerary: Itinerary, cat: Catalog) -> Path:
    out = tmp_path_factory.mktemp("plan")
    names = {p.id: p.name("ru") for p in cat}
    paths = write_plan_outputs(itinerary, out, lang="ru", names=names, catalog=cat)
    assert [p.name for p in paths] == list(OUTPUT_FILES)
    return out


def local(x: dt.datetime) -> dt.datetime:
    return x.replace(tzinfo=TZ)


# --------------------------------------------------------------------------- the set


def test_writes_every_file_and_no_temporary_folder(written: Path) -> None:
    names = {p.name for p in written.iterdir()}
    assert names == set(OUTPUT_FILES)
    for required in (
        "map.html",
        "programme.html",
        "itinerary.csv",
        "itinerary.xlsx",
        "itinerary.geojson",
        "itinerary.gpx",
        "itinerary.ics",
        "itinerary.json",
    ):
        assert (written / required).stat().st_size > 0


def test_a_failure_leaves_the_folder_as_it_was(
    tmp_path: Path, itinerary: Itinerary, cat: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "itinerary.json").write_text("old", encoding="utf-8")

    def boom(*_a: object, **_k: object) -> str:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(export, "gpx_text", boom)
    with pytest.raises(RuntimeError, match="disk on fire"):
        write_plan_outputs(itinerary, tmp_path, catalog=cat)
    assert [p.name for p in tmp_path.iterdir()] == ["itinerary.json"]
    assert (tmp_path / "itinerary.json").read_text(encoding="utf-8") == "old"


# --------------------------------------------------------------------------- each format


def test_csv_one_row_per_stop(written: Path, itinerary: Itinerary) -> None:
    frame = pd.read_csv(written / "itinerary.csv")
    assert list(frame.columns) == list(itinerary.to_frame().columns)
    assert list(frame["site_id"]) == [s.site_id for s in itinerary.stops]
    assert list(frame["start"]) == [s.start.strftime("%H:%M") for s in itinerary.stops]
    assert list(frame["end"]) == [s.end.strftime("%H:%M") for s in itinerary.stops]
    assert list(frame["day"]) == [1, 1, 2, 2] and list(frame["order"]) == [1, 2, 1, 2]
    assert EVIL in set(frame["name"])  # data, not markup: kept verbatim


def test_xlsx_sheets_and_rows(written: Path, itinerary: Itinerary) -> None:
    """The workbook reads in Russian: sheet names, headers, yes/no, categories in words."""
    book = openpyxl.load_workbook(written / "itinerary.xlsx")
    assert book.sheetnames == ["остановки", "переезды", "не вошли", "итоги", "калькуляция"]
    stops = pd.read_excel(written / "itinerary.xlsx", sheet_name="остановки")
    csv = pd.read_csv(written / "itinerary.csv")
    marks = stops.pop("по умолчанию — уточнить у предприятия")
    pd.testing.assert_frame_equal(stops, export.localized(csv, "ru"), check_dtype=False)
    assert "часы работы" in marks.iloc[0]  # the HPP's hours are a planning default
    assert {"код объекта", "категория", "начало"} <= set(stops.columns)
    assert "музей" in set(stops["категория"])
    legs = pd.read_excel(written / "itinerary.xlsx", sheet_name="переезды")
    assert len(legs) == sum(len(d.legs) for d in itinerary.days)
    assert list(legs["отправление"])[:2] == ["09:20", "11:30"]
    dropped = pd.read_excel(written / "itinerary.xlsx", sheet_name="не вошли")
    assert list(dropped["код объекта"]) == ["taltsy_museum"]
    summary = pd.read_excel(written / "itinerary.xlsx", sheet_name="итоги")
    kv = dict(zip(summary["показатель"], summary["значение"], strict=True))
    cost = kv["билеты, проезд и ночлег на чел., ₽"]
    assert int(cost) == itinerary.kpis["cost_per_person_rub"]
    assert kv["выполним"] == "да"
    values = {
        str(v)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for c in row
        for v in [c.value]
    }
    assert not values & {"True", "False"}


def test_calculation_sheet_adds_up(written: Path) -> None:
    calc = pd.read_excel(written / "itinerary.xlsx", sheet_name="калькуляция")
    for n, rows in calc.groupby("группа, чел."):
        lines = rows[~rows["статья"].isin(["наценка агентства", "итого"])]
        margin = rows[rows["статья"] == "наценка агентства"]["сумма, ₽"].item()
        total = rows[rows["статья"] == "итого"]
        per_person = total["цена за ед., ₽"].item()
        assert per_person * n == lines["сумма, ₽"].sum() + margin == total["сумма, ₽"].item()


def test_english_workbook(tmp_path: Path, itinerary: Itinerary, cat: Catalog) -> None:
    write_plan_outputs(itinerary, tmp_path, lang="en", catalog=cat)
    book = openpyxl.load_workbook(tmp_path / "itinerary.xlsx")
    assert book.sheetnames == ["stops", "legs", "left out", "summary", "calculation"]
    head = [c.value for c in book["stops"][1]]
    assert "site id" in head and "category" in head
    assert openpyxl.load_workbook(tmp_path / "bookings.xlsx").sheetnames == ["bookings"]


def _check_geojson(doc: dict) -> None:
    """RFC 7946 structure: a FeatureCollection of Features with valid [lon, lat] geometry."""
    assert doc["type"] == "FeatureCollection" and isinstance(doc["features"], list)

    def pos(p: list) -> None:
        assert isinstance(p, list) and len(p) == 2
        lon, lat = p
        assert -180 <= lon <= 180 and -90 <= lat <= 90

    for f in doc["features"]:
        assert f["type"] == "Feature" and isinstance(f["properties"], dict)
        g = f["geometry"]
        if g["type"] == "Point":
            pos(g["coordinates"])
        elif g["type"] == "LineString":
            assert len(g["coordinates"]) >= 2
            for p in g["coordinates"]:
                pos(p)
        else:
            raise AssertionError(f"unexpected geometry {g['type']}")


def test_geojson_stops_and_legs(written: Path, itinerary: Itinerary) -> None:
    doc = json.loads((written / "itinerary.geojson").read_text(encoding="utf-8"))
    _check_geojson(doc)
    stops = [f for f in doc["features"] if f["properties"]["kind"] == "stop"]
    legs = [f for f in doc["features"] if f["properties"]["kind"] == "leg"]
    lodgings = [f for f in doc["features"] if f["properties"]["kind"] == "lodging"]
    assert [f["properties"]["site_id"] for f in stops] == [s.site_id for s in itinerary.stops]
    for f, s in zip(stops, itinerary.stops, strict=True):
        assert f["geometry"]["coordinates"] == [s.lon, s.lat]  # lon first
        assert dt.datetime.fromisoformat(f["properties"]["start"]) == s.start
        assert dt.datetime.fromisoformat(f["properties"]["end"]) == s.end
    all_legs = [leg for d in itinerary.days for leg in d.legs]
    assert len(legs) == len(all_legs)
    for f, leg in zip(legs, all_legs, strict=True):
        assert f["geometry"]["coordinates"] == [[p[1], p[0]] for p in leg.geometry]
        assert f["properties"]["mode"] == leg.mode
    assert len(lodgings) == 1 and lodgings[0]["properties"]["lodging_id"] == "lodging_irkutsk_irkut"


def test_gpx_waypoints_routes_tracks(written: Path, itinerary: Itinerary) -> None:
    gpx = gpxpy.parse((written / "itinerary.gpx").read_text(encoding="utf-8"))
    wpts = [w for w in gpx.waypoints if w.type != "lodging"]
    assert len(wpts) == len(itinerary.stops)
    for w, s in zip(wpts, itinerary.stops, strict=True):
        assert (w.latitude, w.longitude) == (pytest.approx(s.lat), pytest.approx(s.lon))
        assert w.time == local(s.start)
        assert s.name in w.name
    assert len(gpx.routes) == len(itinerary.days)
    for r, d in zip(gpx.routes, itinerary.days, strict=True):
        assert len(r.points) == len(d.stops) + 2
    assert len(gpx.tracks) == len(itinerary.days)
    assert sum(len(s.points) for s in gpx.tracks[0].segments) == sum(
        len(leg.geometry) for leg in itinerary.days[0].legs
    )
    assert [w.type for w in gpx.waypoints].count("lodging") == 1


def test_ics_one_event_per_visit(written: Path, itinerary: Itinerary) -> None:
    cal = icalendar.Calendar.from_ical((written / "itinerary.ics").read_bytes())
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(itinerary.stops)
    assert len({str(e["UID"]) for e in events}) == len(events)
    for e, s in zip(events, itinerary.stops, strict=True):
        assert e.decoded("DTSTART") == local(s.start)
        assert e.decoded("DTEND") == local(s.end)
        assert s.name in str(e["LOCATION"]) and s.name in str(e["SUMMARY"])
        assert e["GEO"].latitude == pytest.approx(s.lat)
    assert list(cal.walk("VTIMEZONE")), "the Asia/Irkutsk zone is included"
    assert "Запись заранее" in str(events[0]["DESCRIPTION"])


def test_json_round_trips(written: Path, itinerary: Itinerary) -> None:
    back = Itinerary.from_json((written / "itinerary.json").read_text(encoding="utf-8"))
    assert back.to_dict() == itinerary.to_dict()


def test_english_names(tmp_path: Path, itinerary: Itinerary, cat: Catalog) -> None:
    names = {p.id: p.name("en") for p in cat}
    write_plan_outputs(itinerary, tmp_path, lang="en", names=names, catalog=cat)
    frame = pd.read_csv(tmp_path / "itinerary.csv")
    assert list(frame["name"]) == [s.name_en for s in itinerary.stops]
    gpx = gpxpy.parse((tmp_path / "itinerary.gpx").read_text(encoding="utf-8"))
    assert "Day 1" in gpx.routes[0].name


def test_without_catalog_places_come_from_the_legs(tmp_path: Path, itinerary: Itinerary) -> None:
    write_plan_outputs(itinerary, tmp_path)
    gpx = gpxpy.parse((tmp_path / "itinerary.gpx").read_text(encoding="utf-8"))
    assert len(gpx.routes[0].points) == len(itinerary.days[0].stops) + 2


def test_an_infeasible_plan_still_writes_readable_files(tmp_path: Path, cat: Catalog) -> None:
    req = TripRequest(name="x", start_date=dt.date(2027, 1, 1), days=1, start="hub_ikt_airport")
    it = Itinerary.infeasible(req, ["no site is open"])
    write_plan_outputs(it, tmp_path, catalog=cat)
    assert pd.read_csv(tmp_path / "itinerary.csv").empty
    assert gpxpy.parse((tmp_path / "itinerary.gpx").read_text(encoding="utf-8")).waypoints == []
    cal = icalendar.Calendar.from_ical((tmp_path / "itinerary.ics").read_bytes())
    assert list(cal.walk("VEVENT")) == []
    assert "no site is open" in (tmp_path / "programme.html").read_text(encoding="utf-8")
    _check_geojson(json.loads((tmp_path / "itinerary.geojson").read_text(encoding="utf-8")))


def test_a_planned_trip_exports(tmp_path: Path, catalog: Catalog, network: object) -> None:
    from routeplanner.planner import plan
    from routeplanner.scenario import load_scenario

    req = load_scenario(Path(__file__).parents[1] / "data/scenarios/irkutsk_city_1day.yaml")
    req = req.model_copy(update={"solver": req.solver.model_copy(update={"time_limit_s": 1})})
    it = plan(req, catalog, network)
    assert it.feasible and it.stops
    write_plan_outputs(it, tmp_path, catalog=catalog)
    cal = icalendar.Calendar.from_ical((tmp_path / "itinerary.ics").read_bytes())
    assert [e.decoded("DTSTART") for e in cal.walk("VEVENT")] == [local(s.start) for s in it.stops]
    gpx = gpxpy.parse((tmp_path / "itinerary.gpx").read_text(encoding="utf-8"))
    assert [w.time for w in gpx.waypoints if w.type != "lodging"] == [
        local(s.start) for s in it.stops
    ]
    doc = json.loads((tmp_path / "itinerary.geojson").read_text(encoding="utf-8"))
    _check_geojson(doc)


def test_outputs_only_read_results() -> None:
    """Maps and exports depend on results, never on the planner or the solver."""
    banned = {"planner", "solve", "_ortools", "_schedule"}
    for name in ("maps.py", "export.py", "programme.py"):
        tree = ast.parse((SRC / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                mod = (node.module or "").split(".")[-1]
                assert mod not in banned, f"{name} imports {node.module}"
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    assert alias.name.split(".")[-1] not in banned, f"{name} imports {alias.name}"


def test_render_plan_is_the_set_write_plan_outputs_writes(
    tmp_path: Path, itinerary: Itinerary, cat: Catalog
) -> None:
    files = export.render_plan(itinerary, catalog=cat, lang="en")
    assert tuple(files) == OUTPUT_FILES
    written = write_plan_outputs(itinerary, tmp_path, catalog=cat, lang="en")
    assert [p.name for p in written] == list(OUTPUT_FILES)
    for name in ("itinerary.json", "itinerary.csv", "programme.txt", "itinerary.geojson"):
        assert (tmp_path / name).read_bytes() == files[name]
