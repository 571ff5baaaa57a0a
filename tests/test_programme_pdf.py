"""The printed programme: a self-contained page that prints (headless Chromium) to a PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from builders import EVIL
from routeplanner.catalog import Catalog
from routeplanner.i18n import fmt_date
from routeplanner.model import TripRequest
from routeplanner.programme import programme_html
from routeplanner.result import Itinerary

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
)


def names(cat: Catalog, lang: str) -> dict[str, str]:
    return {p.id: p.name(lang) for p in cat}


def browser() -> str:
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("no Chromium on PATH: install Debian's 'chromium' package (.ci/run does)")


def pdf_text(pdf: Path) -> str:
    if shutil.which("pdftotext"):
        done = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
            capture_output=True,
            check=True,
            timeout=60,
        )
        return done.stdout.decode("utf-8")
    try:
        from pypdf import PdfReader
    except ImportError:
        pytest.skip("neither pdftotext (poppler-utils) nor pypdf is available to read the PDF")
    return "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)


def print_pdf(html: str, tmp_path: Path) -> Path:
    exe = browser()
    page = tmp_path / "programme.html"
    page.write_text(html, encoding="utf-8")
    pdf = tmp_path / "programme.pdf"
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [exe, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", page.as_uri()],
            capture_output=True,
            timeout=120,
        )
    assert pdf.exists() and pdf.stat().st_size > 1000, done.stderr.decode(errors="replace")[-2000:]
    return pdf


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_page_has_every_part_and_is_self_contained(itinerary: Itinerary, cat: Catalog) -> None:
    html = programme_html(itinerary, cat, lang="ru", names=names(cat, "ru"))
    for i, day in enumerate(itinerary.days, 1):
        assert f"День {i} — {fmt_date(day.date, 'ru')}" in html
    for s in itinerary.stops:
        assert s.start.strftime("%H:%M") in html
    assert "Обед" in html and "Ночлег: Гостиница «Иркут»" in html
    assert "Стоимость тура" in html and "Что ещё можно добавить" in html
    assert "Не вошли в маршрут" not in html  # the reasons are in the agency's report
    assert "Паром: " in html  # the leg's mode
    # costs without a calculation: tickets, fares and nights per person; the night's year
    assert f"{itinerary.kpis['cost_per_person_rub']:,}".replace(",", "\u00a0") in html
    assert "цены 2017 г." in html
    # text from data stays text; nothing is loaded or run
    assert EVIL not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html.lower()
    # nothing is loaded: the only addresses are the stories' links (issue 20), never a resource
    no_links = re.sub(r"<a href='https?://[^']+'>", "", html)
    assert "http://" not in no_links and "https://" not in no_links
    assert not re.search(r"<(img|link|iframe)\b|\bsrc=|url\(", html, re.I)


def test_english_page(itinerary: Itinerary, cat: Catalog) -> None:
    html = programme_html(itinerary, cat, lang="en", names=names(cat, "en"))
    assert "Day 1 — Tuesday, 15 June 2027" in html and "Price of the tour" in html
    assert "What else could be added" in html and "Lunch" in html and "Ferry: " in html
    assert "Тальцы" not in html  # no Russian town names in the English list


def test_infeasible_page_lists_the_problems(cat: Catalog) -> None:
    import datetime as dt

    req = TripRequest(name="x", start_date=dt.date(2027, 1, 1), days=1, start="hub_ikt_airport")
    html = programme_html(Itinerary.infeasible(req, ["ice road closed"]), cat, lang="en")
    assert "The plan cannot be made" in html and "ice road closed" in html


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_prints_to_pdf_with_every_day(
    itinerary: Itinerary, cat: Catalog, tmp_path: Path, lang: str
) -> None:
    pdf = print_pdf(programme_html(itinerary, cat, lang=lang, names=names(cat, lang)), tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = flat(pdf_text(pdf))
    label = "День" if lang == "ru" else "Day"
    for i, day in enumerate(itinerary.days, 1):
        assert f"{label} {i} — {fmt_date(day.date, lang)}" in text
        for s in day.stops:
            assert f"{s.start:%H:%M}–{s.end:%H:%M}" in text
    assert EVIL in text  # printed literally, as text


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_report_prints_to_pdf(
    itinerary: Itinerary, cat: Catalog, tmp_path: Path, lang: str
) -> None:
    """The agency's report prints too, with the solver's status and every left-out site."""
    from routeplanner.costing import tour_costing
    from routeplanner.report import report_html

    costing = tour_costing(itinerary, cat)
    html = report_html(itinerary, cat, lang=lang, names=names(cat, lang), costing=costing)
    assert "<script" not in html.lower()
    text = flat(pdf_text(print_pdf(html, tmp_path)))
    assert "ROUTING_SUCCESS" in text
    for d in itinerary.dropped:
        assert flat(d.text(lang))[:40] in text
    assert f"{costing.for_group(itinerary.scenario.group_size).per_person_rub:,}".replace(
        ",", "\u00a0"
    ).replace("\u00a0", " ") in text.replace("\u00a0", " ")
