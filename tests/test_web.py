"""The web app's pages through Streamlit's own testing API (``streamlit.testing``).

Each page runs in-process (``AppTest``) with the app's frame; solver time limits are 1.5–2 s
so that the module stays well under a minute. The browser test is ``test_web_e2e.py``.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("streamlit", reason="the web extra is not installed: pip install -e '.[web]'")

from streamlit.testing.v1 import AppTest

from routeplanner import load_catalog, web
from routeplanner.export import OUTPUT_FILES
from routeplanner.settings import default_data_dir

pytestmark = pytest.mark.usefixtures("warm_kernels")

DATA = default_data_dir()
TIMEOUT = 90
#: sites in the built-in catalog
N_SITES = len(load_catalog(DATA).sites)


def _page_script(name: str) -> None:
    from routeplanner.web.app import run_page

    run_page(name)


def page(name: str, **state: Any) -> AppTest:
    """An AppTest of one page (with the app's frame), after its first run."""
    at = AppTest.from_function(_page_script, args=(name,), default_timeout=TIMEOUT)
    for k, v in state.items():
        at.session_state[k] = v
    return at.run()


def texts(elements: Any) -> list[str]:
    return [str(e.value) for e in elements]


def assert_clean(at: AppTest) -> None:
    """No traceback on the page and no unexpected-error message."""
    assert not at.exception, [e.value for e in at.exception]
    assert not any("пошло не так" in t or "went wrong" in t for t in texts(at.error))


def number_input(at: AppTest, label_start: str) -> Any:
    hits = [w for w in at.number_input if w.label.startswith(label_start)]
    assert hits, [w.label for w in at.number_input]
    return hits[0]


def site_row(site_id: str, **changes: str) -> str:
    """The CSV header and the row of ``site_id`` from the built-in sites.csv, changed."""
    import csv
    import io

    with open(DATA / "sites.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    row = next(r for r in rows if r["id"] == site_id)
    row.update(changes)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerow(row)
    return buf.getvalue()


# --------------------------------------------------------------------------- the app


def test_app_opens_on_the_catalog_in_russian_and_switches_to_english() -> None:
    at = AppTest.from_file(str(web.APP_PATH), default_timeout=TIMEOUT).run()
    assert_clean(at)
    assert at.title[0].value == "Планировщик промышленных туров"
    assert "Каталог объектов" in texts(at.header)
    at.sidebar.radio(key="lang").set_value("en").run()
    assert_clean(at)
    assert at.title[0].value == "Industrial tour planner"
    assert "Site catalog" in texts(at.header)


def test_english_from_the_address() -> None:
    at = AppTest.from_file(str(web.APP_PATH), default_timeout=TIMEOUT)
    at.query_params["lang"] = "en"
    at.run()
    assert "Site catalog" in texts(at.header)


# --------------------------------------------------------------------------- catalog


def test_catalog_filters_by_category_town_score_and_rules() -> None:
    at = page("catalog")
    assert_clean(at)
    assert f"Показано объектов: {N_SITES} из {N_SITES}" in texts(at.caption)
    at.multiselect(key="cat-cats").set_value(["energy"]).run()
    frame = at.dataframe[0].value
    assert set(frame["категория"]) == {"энергетика"}  # headers and values in the page's language
    assert not {"category", "booking_days", "max_group"} & set(frame.columns)
    assert f"Показано объектов: {len(frame)} из {N_SITES}" in texts(at.caption)
    at.multiselect(key="cat-cats").set_value([]).run()
    at.multiselect(key="cat-towns").set_value(["Иркутск"]).run()
    at.slider(key="cat-score").set_value(7.0).run()
    frame = at.dataframe[0].value
    assert len(frame) > 0
    assert set(frame["населённый пункт"]) == {"Иркутск"}
    assert frame["оценка"].min() >= 7.0
    # rules: a group of 25 and a 12-year-old leave out the HPP (group up to 20, from 10 years: ok)
    at.number_input(key="cat-group").set_value(25).run()
    frame = at.dataframe[0].value
    assert "irkutsk_hpp" not in set(frame["код"])
    assert (frame["группа до, чел."].isna() | (frame["группа до, чел."] >= 25)).all()
    labels = [b.label for b in at.download_button]
    assert "Скачать таблицу (CSV)" in labels and "Скачать таблицу (XLSX)" in labels


def test_filter_sites_rules(catalog: Any) -> None:
    from routeplanner.web.catalog_page import filter_sites

    all_ids = filter_sites(catalog)
    assert len(all_ids) == len(catalog.sites)
    kids = filter_sites(catalog, youngest_age=8)
    assert all(catalog.sites[s].min_age <= 8 for s in kids)
    assert "irkutsk_hpp" not in kids  # from 10 years
    no_id = filter_sites(catalog, no_id=True, max_booking_days=0)
    assert all(
        not catalog.sites[s].id_required and catalog.sites[s].booking_days == 0 for s in no_id
    )


def test_catalog_upload_extends_the_catalog_for_every_page() -> None:
    at = page("catalog")
    extra = site_row("irkutsk_hpp", id="my_new_dam", name_en="My new dam", name_ru="Моя плотина")
    at.file_uploader(key="catalog-file").set_value(("my_sites.csv", extra.encode(), "text/csv"))
    at.run()
    at.button(key="catalog-use").click().run()
    assert_clean(at)
    assert not at.error
    assert any("my_sites.csv" in s and str(N_SITES + 1) in s for s in texts(at.success))
    assert at.session_state["catalog_upload"]["mode"] == "extra"
    assert f"Показано объектов: {N_SITES + 1} из {N_SITES + 1}" in texts(at.caption)
    assert any("загруженный «my_sites.csv»" in c for c in texts(at.sidebar.caption))


def test_catalog_replacement_file_and_the_other_pages_use_it() -> None:
    import csv
    import io

    with open(DATA / "sites.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    keep = [r for r in rows if r["town"] == "Иркутск"][:6]
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(keep)
    at = page("catalog")
    at.file_uploader(key="catalog-file").set_value(("irk.csv", buf.getvalue().encode(), "text/csv"))
    at.radio(key="catalog-mode").set_value("replace")
    at.run()
    at.button(key="catalog-use").click().run()
    assert_clean(at)
    assert not at.error
    assert "Показано объектов: 6 из 6" in texts(at.caption)
    # the Plan page offers the uploaded sites only
    plan = page("plan", catalog_upload=at.session_state["catalog_upload"])
    assert_clean(plan)
    must = next(w for w in plan.multiselect if w.key and w.key.endswith("-must"))
    offered = {o.rsplit("(", 1)[-1].rstrip(")") for o in must.options}
    assert offered - {"irkutsk_hpp"} <= {r["id"] for r in keep}


def test_catalog_upload_errors_name_the_file_row_and_field() -> None:
    at = page("catalog")
    bad = site_row("irkutsk_hpp", id="bad_dam", lat="95.0")
    at.file_uploader(key="catalog-file").set_value(("my_sites.csv", bad.encode(), "text/csv"))
    at.run()
    at.button(key="catalog-use").click().run()
    assert_clean(at)
    errors = texts(at.error)
    assert len(errors) == 1
    assert errors[0].startswith("В файле «my_sites.csv» есть ошибки:")
    assert "my_sites.csv, строка 2, поле «lat»: широта 95.0: должно быть от" in errors[0]
    assert "rp-upload-" not in errors[0] and "/tmp" not in errors[0]
    assert "catalog_upload" not in at.session_state
    # the page goes on with the built-in catalog
    assert f"Показано объектов: {N_SITES} из {N_SITES}" in texts(at.caption)


def test_uploads_are_size_limited() -> None:
    at = page("catalog")
    big = b"id,name\n" + b"x" * (web.MAX_UPLOAD_MB * 1024 * 1024)
    at.file_uploader(key="catalog-file").set_value(("huge.csv", big, "text/csv"))
    at.run()
    at.button(key="catalog-use").click().run()
    assert_clean(at)
    assert any("слишком большой" in e and "huge.csv" in e for e in texts(at.error))


# --------------------------------------------------------------------------- plan


@pytest.mark.slow
def test_plan_form_solves_the_demo_and_offers_every_export() -> None:
    at = page("plan")
    assert_clean(at)
    assert at.selectbox(key="plan-scenario").value == "industrial_3day.yaml"
    number_input(at, "Время поиска").set_value(2.0)
    at.button(key="plan-run").click().run()
    assert_clean(at)
    assert "Маршрут построен и проверен." in texts(at.success)
    assert [m.label for m in at.metric][:2] == ["Оценка", "Объектов"]
    assert int(at.metric[1].value) >= 6
    days = [m for m in texts(at.markdown) if m.startswith("**День ")]
    assert len(days) == 3
    schedule = at.dataframe[0].value
    assert list(schedule.columns) == ["Время", "Что", "Подробности"]
    assert any("Иркутская ГЭС" in w for d in at.dataframe for w in d.value["Что"])
    # the dam's visiting rules are planning defaults: its row says so
    dam = [
        det
        for d in at.dataframe
        if "Что" in d.value.columns
        for what, det in zip(d.value["Что"], d.value["Подробности"], strict=True)
        if what.startswith("Иркутская ГЭС")  # the visit, not a leg to it
    ]
    assert dam and "по умолчанию — уточнить у предприятия" in dam[0]
    assert "Не вошли в маршрут" in texts(at.subheader)
    assert sorted(b.label for b in at.download_button) == sorted(OUTPUT_FILES)
    # the result stays and follows the language
    at.sidebar.radio(key="lang").set_value("en").run()
    assert_clean(at)
    assert "The plan is made and checked." in texts(at.success)
    assert any(m.startswith("**Day 1 — ") for m in texts(at.markdown))


def test_plan_shows_why_a_request_cannot_be_met() -> None:
    at = page("plan")
    at.number_input(key=next(k for k in _keys(at) if k.endswith("-group"))).set_value(25)
    at.run()
    at.button(key="plan-run").click().run()
    assert_clean(at)
    errors = texts(at.error)
    assert errors and "План невозможен" in errors[0]
    assert "25" in errors[0]


def test_plan_form_errors_name_the_key() -> None:
    at = page("plan")
    keys = _keys(at)
    at.time_input(key=next(k for k in keys if k.endswith("-dstart"))).set_value(
        dt.time(21, 0)
    ).run()
    at.button(key="plan-run").click().run()
    assert_clean(at)
    assert any("day_end должен быть позже day_start" in e for e in texts(at.error))


def test_plan_scenario_upload_with_a_bad_key() -> None:
    at = page("plan")
    at.radio(key="plan-source").set_value("upload").run()
    text = (DATA / "scenarios" / "irkutsk_city_1day.yaml").read_text(encoding="utf-8")
    at.file_uploader(key="plan-file").set_value(
        ("trip.yaml", (text + "\nlunch_time: 13\n").encode(), "application/x-yaml")
    )
    at.run()
    assert_clean(at)
    errors = texts(at.error)
    assert len(errors) == 1
    assert (
        "trip.yaml" in errors[0] and "lunch_time" in errors[0] and "неизвестный ключ" in errors[0]
    )
    assert "rp-upload-" not in errors[0]


def test_plan_scenario_upload_fills_the_form() -> None:
    at = page("plan")
    at.radio(key="plan-source").set_value("upload").run()
    data = (DATA / "scenarios" / "school_group_2day.yaml").read_bytes()
    at.file_uploader(key="plan-file").set_value(("school.yaml", data, "application/x-yaml"))
    at.run()
    assert_clean(at)
    assert any("загружен" in s for s in texts(at.success))
    group = at.number_input(key=next(k for k in _keys(at) if k.endswith("-group")))
    assert group.value == 25


def test_an_unexpected_error_is_a_friendly_message(monkeypatch: pytest.MonkeyPatch) -> None:
    import routeplanner.web.plan_page as plan_page

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(plan_page, "plan", broken)
    at = page("plan")
    at.button(key="plan-run").click().run()
    assert not at.exception
    assert any("Что-то пошло не так" in e for e in texts(at.error))
    assert not any("boom" in e or "Traceback" in e for e in texts(at.error))


# --------------------------------------------------------------------------- embed


def test_embed_ranks_candidates_and_shows_the_new_plan() -> None:
    at = page("embed")
    assert_clean(at)
    at.selectbox(key="embed-tour").set_value("transsib_stopover_2day.csv").run()
    assert any("Транссиб" in s for s in texts(at.success))
    number_input(at, "Время поиска").set_value(2.0)
    at.button(key="embed-run").click().run()
    assert_clean(at)
    report = next(d.value for d in at.dataframe if "Подходит" in d.value.columns)
    assert list(report["#"])[:3] == [1, 2, 3]
    assert "да" in set(report["Подходит"])
    assert "Маршрут построен и проверен." in texts(at.success)
    assert any(m.startswith("Добавлено:") for m in texts(at.markdown))
    labels = [b.label for b in at.download_button]
    assert "insertion_report.csv" in labels and "itinerary.json" in labels


def test_embed_upload_errors_are_shown() -> None:
    at = page("embed")
    at.radio(key="embed-source").set_value("upload").run()
    at.file_uploader(key="embed-files").set_value(
        ("tour.yaml", b"name: x\nstart_date: 2027-07-06\n", "application/x-yaml")
    )
    at.run()
    assert_clean(at)
    errors = texts(at.error)
    assert errors and "tour.yaml" in errors[0] and "days" in errors[0]


def test_embed_csv_tour_upload_with_its_yaml() -> None:
    at = page("embed")
    at.radio(key="embed-source").set_value("upload").run()
    files = [
        (name, (DATA / "tours" / name).read_bytes(), "text/plain")
        for name in ("transsib_stopover_2day.csv", "transsib_stopover_2day.yaml")
    ]
    at.file_uploader(key="embed-files").set_value(files)
    at.run()
    assert_clean(at)
    assert not at.error
    assert any("2 дня, 5 остановок" in s for s in texts(at.success))


# --------------------------------------------------------------------------- compare


@pytest.mark.slow
def test_compare_plans_variants_and_shows_kpis_chart_and_maps() -> None:
    at = page("compare")
    assert_clean(at)
    pick = next(w for w in at.multiselect if w.key and w.key.endswith("-pick"))
    assert "base" in pick.options
    pick.set_value(["base", "car_small_group"])
    number_input(at, "Время поиска").set_value(1.5)
    at.button(key="cmp-run").click().run()
    assert_clean(at)
    kpis = at.dataframe[0].value
    assert list(kpis["Вариант"]) == ["base", "car_small_group"]
    assert "Фронт Парето" in kpis.columns
    assert len(at.image) == 1  # the Pareto chart
    assert "Варианты на карте" in texts(at.subheader)
    labels = [b.label for b in at.download_button]
    assert {"kpis.csv", "kpis.xlsx", "comparison.html", "comparison_map.html"} <= set(labels)


def test_compare_upload_resolves_builtin_scenarios_and_refuses_other_files() -> None:
    at = page("compare")
    at.radio(key="cmp-source").set_value("upload").run()
    good = (
        "name: mine\nbase:\n  file: ../scenarios/industrial_3day.yaml\n"
        "variants:\n  car: {profile: car}\n"
    )
    at.file_uploader(key="cmp-upload").set_value(("v.yaml", good.encode(), "application/x-yaml"))
    at.run()
    assert_clean(at)
    assert not at.error
    assert any("«mine»" in c for c in texts(at.caption))
    bad = "name: x\nbase:\n  file: ../../../../etc/passwd\nvariants:\n  a: {days: 2}\n"
    at.file_uploader(key="cmp-upload").set_value(("v.yaml", bad.encode(), "application/x-yaml"))
    at.run()
    assert_clean(at)
    assert any("base.file" in e for e in texts(at.error))


# --------------------------------------------------------------------------- helpers


def _keys(at: AppTest) -> list[str]:
    return [k for k in at.session_state.to_dict() if isinstance(k, str)]


def test_clean_message_hides_the_staging_folder() -> None:
    from routeplanner.web.common import clean_message

    msg = "/tmp/rp-upload-ab12cd/my.csv, row 3, field 'lat': bad"
    assert clean_message(msg) == "my.csv, row 3, field 'lat': bad"


def test_launch_command_and_missing_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    cmd = web.streamlit_command(8599)
    assert cmd[1:4] == ["-m", "streamlit", "run"]
    assert Path(cmd[4]) == web.APP_PATH and web.APP_PATH.is_file()
    opts = dict(zip(cmd[5::2], cmd[6::2], strict=True))
    assert opts["--server.port"] == "8599"
    assert opts["--server.address"] == "localhost"
    assert opts["--server.maxUploadSize"] == str(web.MAX_UPLOAD_MB)
    assert opts["--client.showErrorDetails"] == "none"
    assert opts["--server.headless"] == "true"  # never the first-run e-mail prompt
    assert opts["--browser.gatherUsageStats"] == "false"
    assert web.missing_packages() == []
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "streamlit" else real(name)
    )
    with pytest.raises(web.WebExtraMissingError, match=r"routeplanner\[web\]"):
        web.launch(8599)


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


@pytest.mark.slow
def test_web_starts_headless_on_a_fresh_machine_and_stops_with_sigterm(tmp_path: Path) -> None:
    """`routeplanner web` with an empty HOME (no Streamlit credentials): serves without any
    prompt; SIGTERM to it stops the server child too."""
    port = _port()
    env = {**os.environ, "HOME": str(tmp_path), "PYTHONUNBUFFERED": "1"}
    log = tmp_path / "web.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-c", "from routeplanner.cli import main; main()", "web",
             "--port", str(port), "--no-browser"],
            stdin=subprocess.PIPE,  # a prompt would wait here forever
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )  # fmt: skip
        try:
            url = f"http://localhost:{port}/_stcore/health"
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline and not _answers(url):
                assert proc.poll() is None, log.read_text(errors="replace")
                time.sleep(0.5)
            assert _answers(url), log.read_text(errors="replace")
            proc.send_signal(signal.SIGTERM)
            code = proc.wait(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
    text = log.read_text(errors="replace")
    assert "Email" not in text and "Traceback" not in text
    assert code in (0, 143, 128 + signal.SIGTERM)
    time.sleep(1)
    assert not _answers(url), "the server outlived routeplanner web"


def test_a_bad_upload_shows_the_command_line_message() -> None:
    at = page("plan")
    at.radio(key="plan-source").set_value("upload").run()
    bad = b"start_date: 2027-02-30\ndays: 1\nstart: lodging_irkutsk_irkut\n"
    at.file_uploader(key="plan-file").set_value(("trip.yaml", bad, "application/yaml"))
    at.run()
    assert_clean(at)
    errors = texts(at.error)
    assert any(
        "trip.yaml, строка 1" in e and "дата должна быть ГГГГ-ММ-ДД, реальный день календаря" in e
        for e in errors
    ), errors
    assert not any("rp-upload-" in e for e in errors)  # the upload's name, not a temporary path


def test_compare_refuses_a_run_beyond_its_limits() -> None:
    from routeplanner.web import compare_page

    at = page("compare")
    pick = at.multiselect(key=next(k for k in _keys(at) if k.endswith("pick")))
    pick.set_value(list(pick.options)).run()
    per_variant = compare_page.MAX_SECONDS_PER_RUN / len(pick.options) + 1
    number_input(at, "Время поиска на вариант").set_value(per_variant).run()
    assert_clean(at)
    assert any("Слишком большой запрос" in w for w in texts(at.warning))
    assert at.button(key="cmp-run").disabled


# --------------------------------------------------------------------------- season


@pytest.mark.slow
def test_season_upload_plans_and_shows_figures() -> None:
    from builders import CROWDED_SEASON, SEASON_PRODUCT

    at = page("season")
    assert_clean(at)
    at.radio(key="sea-source").set_value("upload").run()
    files = [
        ("season.yaml", CROWDED_SEASON.encode(), "application/x-yaml"),
        ("day.yaml", SEASON_PRODUCT.encode(), "application/x-yaml"),
    ]
    at.file_uploader(key="sea-upload").set_value(files).run()
    assert_clean(at)
    assert any("crowded" in c for c in texts(at.caption))
    at.button(key="sea-run").click().run()
    assert_clean(at)
    assert any("ни одна вместимость не превышена" in s for s in texts(at.success))
    deps = at.dataframe[1].value
    assert list(deps["отправление"]) == ["a", "b", "c", "d"]  # headed in the page language
    assert set(deps["статус"]) == {"выполним"}
    labels = {b.label for b in at.download_button}
    assert {"season.csv", "site_load.xlsx", "season_report.html", "season.zip"} <= labels


def test_season_upload_refuses_other_files() -> None:
    at = page("season")
    at.radio(key="sea-source").set_value("upload").run()
    bad = (
        "products:\n  p:\n    file: ../../../../etc/passwd\n    season: {from: 2027-06-01, "
        "to: 2027-06-30}\ndepartures:\n  - {product: p, date: 2027-06-15}\n"
    )
    at.file_uploader(key="sea-upload").set_value(("s.yaml", bad.encode(), "application/x-yaml"))
    at.run()
    assert_clean(at)
    assert any("products.p.file" in e for e in texts(at.error))


def _show_script(itinerary_json: str) -> None:
    from routeplanner import load_catalog
    from routeplanner.result import Itinerary
    from routeplanner.web.views import show_itinerary

    it = Itinerary.from_json(itinerary_json)
    show_itinerary(it, load_catalog().for_request(it.scenario), key="t", language="en")


def test_plan_view_warns_about_a_stop_off_the_network(catalog: Any, network: Any) -> None:
    """Issue 20: the web app shows the plan's warning with the distance."""
    from routeplanner import TripRequest, plan

    request = TripRequest(
        start_date=dt.date(2027, 6, 15),
        days=1,
        start="lodging_irkutsk_irkut",
        candidates=(),
        must_visit=("remote_camp",),
        extra_places=({"id": "remote_camp", "name": "Remote camp", "lat": 51.0, "lon": 105.25},),
        day_start=dt.time(5, 0),
        day_end=dt.time(23, 30),
        max_drive_h=14,
        lunch=None,
        profile="car",
        solver={"time_limit_s": 2, "max_solutions": 20},
    )
    it = plan(request, catalog, network)
    at = AppTest.from_function(_show_script, args=(it.to_json(),), default_timeout=TIMEOUT).run()
    assert_clean(at)
    assert any("96 km" in w for w in texts(at.warning)), texts(at.warning)


def test_plan_view_shows_the_stories_at_the_stops(catalog: Any, network: Any) -> None:
    """Issue 20: each stop's story links (audio guides, enterprise pages) under the schedule."""
    from routeplanner import TripRequest, plan

    request = TripRequest(
        start_date=dt.date(2027, 6, 15),
        days=1,
        start="lodging_irkutsk_irkut",
        candidates=("irkutsk_hpp", "kolchak_monument"),
        must_visit=("irkutsk_hpp", "kolchak_monument"),
        booked_on=dt.date(2027, 5, 1),
        solver={"time_limit_s": 2, "max_solutions": 20},
    )
    it = plan(request, catalog, network)
    at = AppTest.from_function(_show_script, args=(it.to_json(),), default_timeout=TIMEOUT).run()
    assert_clean(at)
    assert "Stories at the stops" in texts(at.subheader)
    assert any("izi.travel/ru/43c2-irkutsk" in m for m in texts(at.markdown))


def test_assess_page_records_an_assessment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 20: the readiness page shows where an enterprise stands, records answers with the
    date and assessor into the data folder's assessments.csv, and the score follows."""
    import shutil

    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    monkeypatch.setenv("ROUTEPLANNER_DATA", str(root))
    at = page("assess", lang="en")
    assert_clean(at)
    at.selectbox(key="assess-site").set_value("angaria_ice_cream").run()
    assert any("not assessed yet" in c for c in texts(at.caption))
    at.text_input(key="assess-assessor").set_value("I. Petrova")
    for crit in ("safety", "content", "availability", "infrastructure", "guide"):
        at.selectbox(key=f"assess-{crit}").set_value(4)
    at.button[0].click().run()
    assert_clean(at)
    assert any("Recorded 5 answers" in s for s in texts(at.success)), texts(at.success)
    rows = (root / "assessments.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 6 and rows[1].startswith("angaria_ice_cream,")
    assert "I. Petrova" in rows[1]
    at.run()
    assert any("Ready to receive groups" in s for s in texts(at.success))
