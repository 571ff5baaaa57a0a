"""Spreadsheet outputs never run: text that a spreadsheet reads as a formula is written as text
(OWASP CSV injection), XLSX cells are never formulas, numbers stay numbers."""

from __future__ import annotations

import csv
import dataclasses
import io

import openpyxl
import pandas as pd
import pytest

from routeplanner.catalog import Catalog
from routeplanner.export import render_insertion, render_plan
from routeplanner.result import Itinerary
from routeplanner.spreadsheet import FORMULA_START, csv_bytes, safe_cell, xlsx_bytes

HOSTILE = [
    '=HYPERLINK("http://evil.example","x")',
    "+1+2",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "=cmd|' /C calc'!A0",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_text_gets_an_apostrophe(text: str) -> None:
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Завод", "a=b", "", 5, -3, -2.5, None, True])
def test_other_cells_are_kept(value: object) -> None:
    assert safe_cell(value) == value


def _formulas(data: bytes) -> list[str]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [
        f"{ws.title}!{c.coordinate}"
        for ws in book.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.data_type == "f"
    ]


def test_csv_and_xlsx_of_a_hostile_table() -> None:
    frame = pd.DataFrame({"name": HOSTILE, "n": range(len(HOSTILE)), "x": [-1.5] * len(HOSTILE)})
    rows = list(csv.reader(io.StringIO(csv_bytes(frame).decode("utf-8"), newline="")))
    assert [r[0] for r in rows[1:]] == ["'" + t for t in HOSTILE]
    assert rows[1][2] == "-1.5"  # a number, not text: unchanged
    data = xlsx_bytes({"t": frame})
    assert _formulas(data) == []
    ws = openpyxl.load_workbook(io.BytesIO(data))["t"]
    assert ws["A2"].value == "'" + HOSTILE[0] and ws["C2"].value == -1.5


def test_plan_exports_are_safe(itinerary: Itinerary, cat: Catalog) -> None:
    day = itinerary.days[0]
    stop = dataclasses.replace(day.stops[0], name=HOSTILE[0], name_en=HOSTILE[3])
    days = [dataclasses.replace(day, stops=(stop, *day.stops[1:])), *itinerary.days[1:]]
    hostile = dataclasses.replace(itinerary, days=days)
    for lang, text in (("ru", HOSTILE[0]), ("en", HOSTILE[3])):
        files = render_plan(hostile, lang=lang)
        cells = [c for row in csv.reader(io.StringIO(files["itinerary.csv"].decode())) for c in row]
        assert "'" + text in cells and text not in cells
        assert _formulas(files["itinerary.xlsx"]) == []


def test_insertion_report_is_safe(itinerary: Itinerary, cat: Catalog) -> None:
    report = pd.DataFrame(
        {
            "rank": [1],
            "site_id": ["irkutsk_hpp"],
            "name": ["=1+1"],
            "name_en": ["@x"],
            "category": ["energy"],
            "fits": [False],
            "reason": ["-x"],
            "reason_ru": ["-x"],
        }
    )
    files = render_insertion(report, itinerary, cat)
    assert "'=1+1" in files["insertion_report.csv"].decode()
    assert _formulas(files["insertion_report.xlsx"]) == []


def test_every_first_character_is_covered() -> None:
    assert set(FORMULA_START) == {"=", "+", "-", "@", "\t", "\r"}


def test_xlsx_cells_hold_what_pandas_would_write() -> None:
    """Missing values empty, numpy numbers as numbers, dates with a date format, text as is."""
    import datetime as dt

    import numpy as np

    frame = pd.DataFrame(
        {
            "n": [np.int64(3), None],
            "x": [1.5, float("nan")],
            "ok": [True, False],
            "day": [dt.date(2027, 7, 6), dt.date(2027, 7, 7)],
            "inf": [float("inf"), -float("inf")],
            "text": ["Завод", "=1"],
        }
    )
    ws = openpyxl.load_workbook(io.BytesIO(xlsx_bytes({"t": frame})))["t"]
    assert [c.value for c in ws[1]] == ["n", "x", "ok", "day", "inf", "text"]
    row = ws[2]
    assert (row[0].value, row[1].value, row[2].value, row[4].value, row[5].value) == (
        3,
        1.5,
        True,
        "inf",
        "Завод",
    )
    assert row[3].value == dt.datetime(2027, 7, 6) and row[3].number_format == "YYYY-MM-DD"
    assert ws["B3"].value in (None, "") and ws["F3"].value == "'=1"
    assert ws.freeze_panes == "A2"


def test_a_table_writes_the_csv_pandas_writes() -> None:
    """A :class:`Table`'s CSV is byte for byte the CSV of the same rows as a DataFrame: whole
    numbers with a gap or beside fractions as floats, booleans, dates, missing values, text
    made safe and numbers never."""
    import datetime as dt

    from routeplanner.spreadsheet import Table

    records = [
        {"n": 3, "gap": 1, "mix": 1, "x": 1.5, "ok": True, "day": dt.date(2027, 7, 6)},
        {"n": -4, "gap": None, "mix": 2.25, "x": -0.1, "ok": None, "day": None},
        {"n": 0, "gap": 7, "mix": -3, "x": 1e16, "ok": False, "day": dt.date(2027, 7, 7)},
    ]
    for k, r in enumerate(records):
        r["text"] = HOSTILE[k]
        r["any"] = [5, "-x", None][k]
        r["none"] = None
    table = Table.from_records(records)
    assert csv_bytes(table) == csv_bytes(pd.DataFrame(records))
    # datetimes are pandas' own type, with its own format (a date alone at midnight)
    stamped = table.with_column("when", [dt.datetime(2027, 7, 6)] * 2 + [None])
    assert csv_bytes(stamped) == csv_bytes(stamped.to_frame())
    assert b"2027-07-06," in csv_bytes(stamped) or b",2027-07-06\r\n" in csv_bytes(stamped)
    assert csv_bytes(table, bom=True) == csv_bytes(table.to_frame(), bom=True)
    assert xlsx_cells(xlsx_bytes({"t": table})) == xlsx_cells(xlsx_bytes({"t": table.to_frame()}))


def xlsx_cells(data: bytes) -> list[list[object]]:
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    return [[(c.value, c.data_type, c.number_format) for c in row] for row in ws.iter_rows()]
